//! `--state FILE`: the simulator's campaigns, leads, call records, CRM
//! settings, counters and office (extensions, queues, the phone book,
//! voicemail, faxes… as one JSON value) in SQLite, written before each answer that
//! reports them (a `200` for a new campaign means it is on disk). A call
//! in progress when the simulator stops is not kept: its lead is dialled
//! again on restart.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use santral::lexical::OnOff;
use santral::time::Date;

use super::pbx::{Campaign, Crm, Event, Lead, Pbx, Status};

/// An open state file.
#[derive(Debug)]
pub(crate) struct Store {
    db: Connection,
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS campaigns (
    id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_day INTEGER NOT NULL,
    first_lead INTEGER NOT NULL, status TEXT NOT NULL, finished INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS leads (
    campaign_id INTEGER NOT NULL, idx INTEGER NOT NULL, attempts INTEGER NOT NULL,
    done INTEGER NOT NULL, next_ms INTEGER NOT NULL, PRIMARY KEY (campaign_id, idx));
CREATE TABLE IF NOT EXISTS cdrs (seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS crm (
    id INTEGER PRIMARY KEY CHECK (id = 1), ringing TEXT NOT NULL, answered TEXT NOT NULL,
    hangup TEXT NOT NULL, url TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS office (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);
";

/// The counters kept in `meta`.
const COUNTERS: [&str; 5] = [
    "next_campaign",
    "next_lead",
    "next_notification",
    "next_call",
    "rng",
];

impl Store {
    pub(crate) fn open(path: &Path) -> rusqlite::Result<Store> {
        let db = Connection::open(path)?;
        db.execute_batch(SCHEMA)?;
        Ok(Store { db })
    }

    /// Writes what changed since the last save: the counters, every
    /// campaign's status and leads, new call records, the CRM settings.
    pub(crate) fn save(&self, pbx: &Pbx) -> rusqlite::Result<()> {
        let tx = self.db.unchecked_transaction()?;
        let values = [
            pbx.next_campaign,
            pbx.next_lead,
            pbx.next_notification,
            pbx.next_call,
            pbx.rng.0,
        ];
        for (name, v) in COUNTERS.iter().zip(values) {
            tx.execute(
                "INSERT INTO meta (name, value) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                params![name, v as i64],
            )?;
        }
        // Deleted campaigns go; the others are written (leads only when changed).
        let ids: Vec<i64> = pbx.campaigns.keys().map(|id| *id as i64).collect();
        let mut stmt = tx.prepare("SELECT id FROM campaigns")?;
        let stored: Vec<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        for id in stored.iter().filter(|id| !ids.contains(id)) {
            tx.execute("DELETE FROM campaigns WHERE id = ?1", params![id])?;
            tx.execute("DELETE FROM leads WHERE campaign_id = ?1", params![id])?;
        }
        for c in pbx.campaigns.values() {
            let status = if c.status == Status::On { "on" } else { "off" };
            tx.execute(
                "INSERT INTO campaigns (id, body, created_day, first_lead, status, finished)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished = excluded.finished",
                params![
                    c.id as i64,
                    c.body,
                    i64::from(c.created.days_since_year_one()),
                    c.first_lead as i64,
                    status,
                    c.finished
                ],
            )?;
            for (i, l) in c.leads.iter().enumerate() {
                // A lead being called is saved as not yet called.
                let attempts = l.attempts.saturating_sub(u64::from(l.busy)) as i64;
                tx.execute(
                    "INSERT INTO leads (campaign_id, idx, attempts, done, next_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (campaign_id, idx) DO UPDATE SET attempts = excluded.attempts,
                       done = excluded.done, next_ms = excluded.next_ms
                     WHERE attempts != excluded.attempts OR done != excluded.done OR next_ms != excluded.next_ms",
                    params![c.id as i64, i as i64, attempts, l.done, l.next_ms],
                )?;
            }
        }
        let saved: i64 = tx.query_row("SELECT COUNT(*) FROM cdrs", [], |r| r.get(0))?;
        for (seq, (uuid, detail)) in pbx.cdrs.iter().enumerate().skip(saved as usize) {
            tx.execute(
                "INSERT INTO cdrs (seq, uuid, detail) VALUES (?1, ?2, ?3)",
                params![seq as i64, uuid, detail],
            )?;
        }
        if let Some(crm) = &pbx.crm {
            let [r, a, h] = crm.flags.map(|f| f.as_str());
            tx.execute(
                "INSERT INTO crm (id, ringing, answered, hangup, url) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET ringing = excluded.ringing, answered = excluded.answered,
                   hangup = excluded.hangup, url = excluded.url",
                params![r, a, h, crm.url],
            )?;
        }
        if pbx.office_changed {
            let state = serde_json::to_string(&pbx.office)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            tx.execute(
                "INSERT INTO office (id, state) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET state = excluded.state",
                params![state],
            )?;
        }
        tx.commit()
    }

    /// Fills a fresh PBX from the file and books a look at every running
    /// campaign.
    pub(crate) fn load(&self, pbx: &mut Pbx) -> rusqlite::Result<()> {
        let get = |name: &str| -> rusqlite::Result<Option<u64>> {
            self.db
                .query_row(
                    "SELECT value FROM meta WHERE name = ?1",
                    params![name],
                    |r| r.get::<_, i64>(0),
                )
                .optional()
                .map(|v| v.map(|v| v as u64))
        };
        if let Some(v) = get(COUNTERS[0])? {
            pbx.next_campaign = v;
        }
        if let Some(v) = get(COUNTERS[1])? {
            pbx.next_lead = v;
        }
        if let Some(v) = get(COUNTERS[2])? {
            pbx.next_notification = v;
        }
        if let Some(v) = get(COUNTERS[3])? {
            pbx.next_call = v;
        }
        if let Some(v) = get(COUNTERS[4])? {
            pbx.rng.0 = v;
        }
        let mut stmt = self.db.prepare(
            "SELECT id, body, created_day, first_lead, status, finished FROM campaigns ORDER BY id",
        )?;
        type Row = (i64, String, i64, i64, String, bool);
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let now = pbx.clock.now_ms();
        for (id, body, day, first_lead, status, finished) in rows {
            let today = u32::try_from(day)
                .ok()
                .and_then(Date::from_days_since_year_one)
                .unwrap_or(Date::MIN);
            let mut c = Campaign::from_body(id as u64, &body, today, first_lead as u64);
            c.status = if status == OnOff::On.as_str() {
                Status::On
            } else {
                Status::Off
            };
            c.finished = finished;
            let mut leads = self
                .db
                .prepare("SELECT idx, attempts, done, next_ms FROM leads WHERE campaign_id = ?1")?;
            let progress: Vec<(i64, i64, bool, i64)> = leads
                .query_map(params![id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (idx, attempts, done, next_ms) in progress {
                if let Some(l) = c.leads.get_mut(idx as usize) {
                    *l = Lead {
                        attempts: attempts as u64,
                        done,
                        next_ms,
                        busy: false,
                        ..l.clone()
                    };
                }
            }
            if c.status == Status::On && !c.finished {
                pbx.schedule(now, Event::Tick(c.id));
            }
            pbx.campaigns.insert(c.id, c);
        }
        let mut stmt = self
            .db
            .prepare("SELECT uuid, detail FROM cdrs ORDER BY seq")?;
        pbx.cdrs = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let crm: Option<(String, String, String, String)> = self
            .db
            .query_row(
                "SELECT ringing, answered, hangup, url FROM crm WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        pbx.crm = crm.map(|(r, a, h, url)| Crm {
            flags: [r, a, h].map(|f| OnOff::from_wire(&f).unwrap_or(OnOff::Off)),
            url,
        });
        let office: Option<String> = self
            .db
            .query_row("SELECT state FROM office WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        if let Some(state) = office {
            pbx.office = serde_json::from_str(&state).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
        }
        Ok(())
    }
}
