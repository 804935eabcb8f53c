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

/// A campaign as the file holds it (the PBX converts its own types to and
/// from these rows: the store knows no PBX type).
#[derive(Debug)]
pub(crate) struct CampaignRow<'a> {
    pub id: u64,
    /// The body as created, read again on load.
    pub body: std::borrow::Cow<'a, str>,
    pub created: Date,
    pub first_lead: u64,
    pub on: bool,
    pub finished: bool,
    pub leads: Vec<LeadRow>,
}

/// A lead's progress: its index in the campaign's body and its attempts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LeadRow {
    pub index: usize,
    pub attempts: u64,
    pub done: bool,
    pub next_ms: i64,
}

/// The simulator's state as saved or loaded.
#[derive(Debug, Default)]
pub(crate) struct Snapshot<'a> {
    /// In [`COUNTERS`]' order; `None` when the file has none yet.
    pub counters: [Option<u64>; 5],
    pub campaigns: Vec<CampaignRow<'a>>,
    /// Call records (uuid, detail JSON) in order; saving writes the new ones.
    pub cdrs: std::borrow::Cow<'a, [(String, String)]>,
    /// The CRM settings: ringing, answered, hangup, and the URL.
    pub crm: Option<([OnOff; 3], std::borrow::Cow<'a, str>)>,
    /// The office as JSON, when it changed (saving) or was kept (loading).
    pub office: Option<String>,
}

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
    /// campaign's status and leads, new call records, the CRM settings,
    /// the office when it changed.
    pub(crate) fn save(&self, state: &Snapshot<'_>) -> rusqlite::Result<()> {
        let tx = self.db.unchecked_transaction()?;
        for (name, v) in COUNTERS.iter().zip(state.counters) {
            if let Some(v) = v {
                tx.execute(
                    "INSERT INTO meta (name, value) VALUES (?1, ?2)
                     ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    params![name, v as i64],
                )?;
            }
        }
        // Deleted campaigns go; the others are written (leads only when changed).
        let ids: Vec<i64> = state.campaigns.iter().map(|c| c.id as i64).collect();
        let mut stmt = tx.prepare("SELECT id FROM campaigns")?;
        let stored: Vec<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        for id in stored.iter().filter(|id| !ids.contains(id)) {
            tx.execute("DELETE FROM campaigns WHERE id = ?1", params![id])?;
            tx.execute("DELETE FROM leads WHERE campaign_id = ?1", params![id])?;
        }
        for c in &state.campaigns {
            let status = if c.on { OnOff::On } else { OnOff::Off };
            tx.execute(
                "INSERT INTO campaigns (id, body, created_day, first_lead, status, finished)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished = excluded.finished",
                params![
                    c.id as i64,
                    c.body.as_ref(),
                    i64::from(c.created.days_since_year_one()),
                    c.first_lead as i64,
                    status.as_str(),
                    c.finished
                ],
            )?;
            for l in &c.leads {
                tx.execute(
                    "INSERT INTO leads (campaign_id, idx, attempts, done, next_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (campaign_id, idx) DO UPDATE SET attempts = excluded.attempts,
                       done = excluded.done, next_ms = excluded.next_ms
                     WHERE attempts != excluded.attempts OR done != excluded.done OR next_ms != excluded.next_ms",
                    params![c.id as i64, l.index as i64, l.attempts as i64, l.done, l.next_ms],
                )?;
            }
        }
        let saved: i64 = tx.query_row("SELECT COUNT(*) FROM cdrs", [], |r| r.get(0))?;
        for (seq, (uuid, detail)) in state.cdrs.iter().enumerate().skip(saved as usize) {
            tx.execute(
                "INSERT INTO cdrs (seq, uuid, detail) VALUES (?1, ?2, ?3)",
                params![seq as i64, uuid, detail],
            )?;
        }
        if let Some((flags, url)) = &state.crm {
            let [r, a, h] = flags.map(|f| f.as_str());
            tx.execute(
                "INSERT INTO crm (id, ringing, answered, hangup, url) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET ringing = excluded.ringing, answered = excluded.answered,
                   hangup = excluded.hangup, url = excluded.url",
                params![r, a, h, url.as_ref()],
            )?;
        }
        if let Some(state) = &state.office {
            tx.execute(
                "INSERT INTO office (id, state) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET state = excluded.state",
                params![state],
            )?;
        }
        tx.commit()
    }

    /// Everything the file holds.
    pub(crate) fn load(&self) -> rusqlite::Result<Snapshot<'static>> {
        let mut state = Snapshot::default();
        for (slot, name) in state.counters.iter_mut().zip(COUNTERS) {
            *slot = self
                .db
                .query_row(
                    "SELECT value FROM meta WHERE name = ?1",
                    params![name],
                    |r| r.get::<_, i64>(0),
                )
                .optional()?
                .map(|v| v as u64);
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
        for (id, body, day, first_lead, status, finished) in rows {
            let mut leads = self
                .db
                .prepare("SELECT idx, attempts, done, next_ms FROM leads WHERE campaign_id = ?1")?;
            let leads: Vec<LeadRow> = leads
                .query_map(params![id], |r| {
                    Ok(LeadRow {
                        index: r.get::<_, i64>(0)? as usize,
                        attempts: r.get::<_, i64>(1)? as u64,
                        done: r.get(2)?,
                        next_ms: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            state.campaigns.push(CampaignRow {
                id: id as u64,
                body: body.into(),
                created: u32::try_from(day)
                    .ok()
                    .and_then(Date::from_days_since_year_one)
                    .unwrap_or(Date::MIN),
                first_lead: first_lead as u64,
                on: status == OnOff::On.as_str(),
                finished,
                leads,
            });
        }
        let mut stmt = self
            .db
            .prepare("SELECT uuid, detail FROM cdrs ORDER BY seq")?;
        state.cdrs = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into();
        let crm: Option<(String, String, String, String)> = self
            .db
            .query_row(
                "SELECT ringing, answered, hangup, url FROM crm WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        state.crm = crm.map(|(r, a, h, url)| {
            (
                [r, a, h].map(|f| OnOff::from_wire(&f).unwrap_or(OnOff::Off)),
                url.into(),
            )
        });
        state.office = self
            .db
            .query_row("SELECT state FROM office WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        Ok(state)
    }
}
