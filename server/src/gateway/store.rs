//! Where the gateway keeps what it accepts: SQLite (WAL, synchronous
//! writes) or PostgreSQL, the same schema and the same operations. An
//! event is committed with its deliveries before the PBX gets its 200;
//! commits are grouped (every event waiting when a transaction starts
//! goes in it), so durability costs one disk sync per group, not per
//! event. Duplicates (the core's idempotency key) are stored once.

use std::path::Path;
use std::sync::mpsc as std_mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OptionalExtension};
use tokio::sync::{mpsc, oneshot};

/// Milliseconds since 1970.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// An event to keep, with what each sink should get.
#[derive(Clone, Debug)]
pub struct Job {
    pub kind: &'static str,
    pub key: String,
    pub call_key: String,
    pub body: Vec<u8>,
    pub deliveries: Vec<(String, Vec<u8>)>,
}

/// What keeping an event did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
    /// Stored, with this id.
    Stored(i64),
    /// Its key was there already: nothing stored.
    Duplicate,
}

/// A delivery that is due.
#[derive(Clone, Debug)]
pub struct Due {
    pub id: i64,
    pub key: String,
    pub body: Vec<u8>,
    pub attempts: u32,
}

/// What an attempt came to.
#[derive(Clone, Debug)]
pub enum Outcome {
    Done {
        id: i64,
        status: u16,
    },
    Retry {
        id: i64,
        next_ms: i64,
        status: Option<u16>,
        error: String,
    },
    Dead {
        id: i64,
        status: Option<u16>,
        error: String,
    },
}

/// `(sink, state, count, earliest next_ms, a last error)`.
pub type StatusRow = (String, String, u64, Option<i64>, Option<String>);

/// `(event id, sink, state, attempts)`.
type DeliveryRow = (i64, String, String, u32);

/// Counts for `santral gateway status` and `/metrics`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub events: u64,
    pub rejected: u64,
    /// One row per sink and state.
    pub deliveries: Vec<StatusRow>,
}

/// One kept event, for `santral gateway export`.
#[derive(Clone, Debug)]
pub struct Exported {
    pub id: i64,
    pub received_ms: i64,
    pub kind: String,
    pub key: String,
    pub body: Vec<u8>,
    /// `(sink, state, attempts)`.
    pub deliveries: Vec<(String, String, u32)>,
}

type Error = String;

fn e<T: std::fmt::Display>(x: T) -> String {
    x.to_string()
}

/// A statement for SQLite: `$n` → `?n`.
fn lite(sql: &str) -> String {
    sql.replace('$', "?")
}

const SQLITE_SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA busy_timeout = 5000;
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, received_ms INTEGER NOT NULL, kind TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE, call_key TEXT NOT NULL, body BLOB NOT NULL, purged_ms INTEGER);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events (id), sink TEXT NOT NULL,
    call_key TEXT NOT NULL, body BLOB NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_ms INTEGER NOT NULL, last_status INTEGER, last_error TEXT, done_ms INTEGER,
    lease_until INTEGER NOT NULL DEFAULT 0, lease_owner TEXT);
DROP INDEX IF EXISTS deliveries_due;
CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries (sink, state, id);
CREATE INDEX IF NOT EXISTS deliveries_call ON deliveries (sink, call_key, state, id);
CREATE TABLE IF NOT EXISTS rejected (
    id INTEGER PRIMARY KEY, received_ms INTEGER NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sink_state (
    sink TEXT NOT NULL, owner TEXT NOT NULL, circuit TEXT NOT NULL, \"window\" INTEGER NOT NULL,
    in_flight INTEGER NOT NULL, open_until INTEGER NOT NULL, ambiguous INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
    PRIMARY KEY (sink, owner));
";

const POSTGRES_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    id BIGSERIAL PRIMARY KEY, received_ms BIGINT NOT NULL, kind TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE, call_key TEXT NOT NULL, body BYTEA NOT NULL, purged_ms BIGINT);
CREATE TABLE IF NOT EXISTS deliveries (
    id BIGSERIAL PRIMARY KEY, event_id BIGINT NOT NULL REFERENCES events (id), sink TEXT NOT NULL,
    call_key TEXT NOT NULL, body BYTEA NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_ms BIGINT NOT NULL, last_status INTEGER, last_error TEXT, done_ms BIGINT,
    lease_until BIGINT NOT NULL DEFAULT 0, lease_owner TEXT);
ALTER TABLE deliveries ADD COLUMN IF NOT EXISTS lease_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN IF NOT EXISTS purged_ms BIGINT;
ALTER TABLE deliveries ADD COLUMN IF NOT EXISTS lease_owner TEXT;
DROP INDEX IF EXISTS deliveries_due;
CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries (sink, state, id);
CREATE INDEX IF NOT EXISTS deliveries_call ON deliveries (sink, call_key, state, id);
CREATE TABLE IF NOT EXISTS rejected (
    id BIGSERIAL PRIMARY KEY, received_ms BIGINT NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL, body BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS sink_state (
    sink TEXT NOT NULL, owner TEXT NOT NULL, circuit TEXT NOT NULL, \"window\" INTEGER NOT NULL,
    in_flight INTEGER NOT NULL, open_until BIGINT NOT NULL, ambiguous BIGINT NOT NULL, updated_ms BIGINT NOT NULL,
    PRIMARY KEY (sink, owner));
";

/// Replicas starting together create the schema once: the statements run
/// under a transaction-wide advisory lock (two concurrent `CREATE TABLE IF
/// NOT EXISTS` otherwise collide on PostgreSQL's catalog).
const POSTGRES_SCHEMA_LOCK: &str = "SELECT pg_advisory_xact_lock(7231775901)";

// The statements both databases run, with PostgreSQL's `$n` parameters;
// SQLite gets them as `?n` (its `$name` parameters are numbered by first
// appearance, not by the digits).
const INSERT_EVENT: &str =
    "INSERT INTO events (received_ms, kind, key, call_key, body) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (key) DO NOTHING RETURNING id";
const INSERT_DELIVERY: &str =
    "INSERT INTO deliveries (event_id, sink, call_key, body, state, attempts, next_ms)
    VALUES ($1, $2, $3, $4, 'pending', 0, $5)";
// Due: the oldest pending delivery of each call that no replica holds a
// lease on, so a call's events go in order whoever delivers them (the next
// one waits while the one before is pending, leased or not).
// `deliveries_pending` is in id order: the query walks the pending rows
// oldest first and stops at the limit, whatever the backlog.
macro_rules! due_where {
    () => {
        "d.sink = $1 AND d.state = 'pending' AND d.next_ms <= $2 AND d.lease_until <= $2
      AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.sink = d.sink AND p.call_key = d.call_key
                      AND p.state = 'pending' AND p.id < d.id)"
    };
}
// The claim: the due rows leased to one replica in one statement;
// `SKIP LOCKED` lets replicas claim side by side without waiting for
// each other or taking the same row.
const CLAIM_PG: &str = concat!(
    "UPDATE deliveries u SET lease_owner = $4, lease_until = $5 FROM events e
    WHERE u.id IN (SELECT d.id FROM deliveries d WHERE ",
    due_where!(),
    " ORDER BY d.id LIMIT $3 FOR UPDATE SKIP LOCKED)
      AND e.id = u.event_id
    RETURNING u.id, e.key, u.body, u.attempts"
);
const DUE_SQLITE: &str = concat!(
    "SELECT d.id, e.key, d.body, d.attempts FROM deliveries d JOIN events e ON e.id = d.event_id
    WHERE ",
    due_where!(),
    " ORDER BY d.id LIMIT $3"
);
const LEASE: &str = "UPDATE deliveries SET lease_owner = $2, lease_until = $3 WHERE id = $1";
const RELEASE: &str =
    "UPDATE deliveries SET lease_owner = NULL, lease_until = 0 WHERE id = $1 AND lease_owner = $2";
const SINK_STATE: &str = "INSERT INTO sink_state (sink, owner, circuit, \"window\", in_flight, open_until, ambiguous, updated_ms)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (sink, owner) DO UPDATE SET circuit = excluded.circuit, \"window\" = excluded.\"window\",
      in_flight = excluded.in_flight, open_until = excluded.open_until, ambiguous = excluded.ambiguous, updated_ms = excluded.updated_ms";
const SINK_STATES: &str = "SELECT sink, owner, circuit, \"window\", in_flight, open_until, ambiguous, updated_ms FROM sink_state
    WHERE updated_ms >= $1 ORDER BY sink, owner";
const NEXT_DUE: &str = "SELECT MIN(next_ms) FROM deliveries WHERE sink = $1 AND state = 'pending'";
const DONE: &str = "UPDATE deliveries SET state = 'done', attempts = attempts + 1, last_status = $2, last_error = NULL, done_ms = $3, lease_owner = NULL, lease_until = 0 WHERE id = $1";
const RETRY: &str = "UPDATE deliveries SET attempts = attempts + 1, next_ms = $2, last_status = $3, last_error = $4, lease_owner = NULL, lease_until = 0 WHERE id = $1";
const DEAD: &str = "UPDATE deliveries SET state = 'dead', attempts = attempts + 1, last_status = $2, last_error = $3, lease_owner = NULL, lease_until = 0 WHERE id = $1";
const REJECT: &str =
    "INSERT INTO rejected (received_ms, path, reason, body) VALUES ($1, $2, $3, $4)";
const STATUS: &str = "SELECT sink, state, COUNT(*), MIN(next_ms), MAX(last_error) FROM deliveries GROUP BY sink, state ORDER BY sink, state";
const REPLAY_ALL: &str =
    "UPDATE deliveries SET state = 'pending', attempts = 0, next_ms = $1, lease_until = 0 WHERE state = 'dead' AND length(body) > 0";
const REPLAY_SINK: &str = "UPDATE deliveries SET state = 'pending', attempts = 0, next_ms = $1, lease_until = 0 WHERE state = 'dead' AND sink = $2 AND length(body) > 0";
// Purging: the bodies of events of one kind received before a cutoff and
// no longer pending anywhere (delivered or dead), then their deliveries'
// bodies; the rows, and so every count, stay.
const PURGE_EVENTS: &str = "UPDATE events SET body = $1, purged_ms = $2 WHERE purged_ms IS NULL AND kind = $3 AND received_ms < $4
    AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id AND d.state = 'pending')";
const PURGE_DELIVERIES: &str =
    "UPDATE deliveries SET body = $1 WHERE length(body) > 0 AND state <> 'pending'
    AND event_id IN (SELECT id FROM events WHERE purged_ms IS NOT NULL)";
const PURGE_REJECTED: &str =
    "UPDATE rejected SET body = $1 WHERE length(body) > 0 AND received_ms < $2";

/// What the operator page searches for.
#[derive(Clone, Debug)]
pub enum Search {
    /// Any part of an event's key (a call uuid).
    Key(String),
    /// A number's E.164 digits in the body.
    Digits(Vec<u8>),
    /// A masked number as a LIKE pattern of its digits (`90533_____14`).
    Masked(String),
}

/// A dead delivery, for the operator page.
#[derive(Clone, Debug)]
pub struct DeadRow {
    pub id: i64,
    pub sink: String,
    pub key: String,
    pub attempts: u32,
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
    pub received_ms: i64,
    /// Its body is still there (not purged).
    pub replayable: bool,
}

/// What a purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub call_events: u64,
    pub campaign_reports: u64,
    pub rejected: u64,
}

/// One replica's view of one sink, as `gateway status` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SinkState {
    pub sink: String,
    /// The replica (`host:pid`).
    pub owner: String,
    /// `closed`, `half-open` or `open`.
    pub circuit: String,
    /// Deliveries it may have in flight now.
    pub window: u32,
    pub in_flight: u32,
    /// When an open circuit lets a probe through (ms since 1970).
    pub open_until: i64,
    /// Attempts that timed out (possibly delivered: may be sent twice).
    pub ambiguous: u64,
    pub updated_ms: i64,
}

/// A database, SQLite or PostgreSQL.
#[derive(Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Store::Sqlite(_) => "Store(sqlite)",
            Store::Postgres(_) => "Store(postgres)",
        })
    }
}

impl Store {
    /// Opens the database for `santral serve`: as [`Store::open`], and an
    /// SQLite file is locked for this process (`PATH.lock`) — SQLite is the
    /// one-process embedded store; a second `santral serve` on the same file
    /// is refused with a message. Replicas share a PostgreSQL database.
    pub async fn open_for_serving(url: &super::settings::DatabaseUrl) -> Result<Store, Error> {
        if let super::settings::DatabaseUrl::Sqlite(path) = url {
            let mut lock_path = path.as_os_str().to_owned();
            lock_path.push(".lock");
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_path)
                .map_err(|x| format!("{}: {x}", Path::new(&lock_path).display()))?;
            if let Err(std::fs::TryLockError::WouldBlock) = file.try_lock() {
                return Err(format!(
                    "another santral serve is using {}: SQLite serves one process; run several replicas on one PostgreSQL database (database = \"postgres://…\")",
                    path.display()
                ));
            }
            let store = SqliteStore::open(path)?;
            return Ok(Store::Sqlite(SqliteStore {
                lock: Some(std::sync::Arc::new(file)),
                ..store
            }));
        }
        Store::open(url).await
    }

    /// Opens (creating the schema) the database `url` names.
    pub async fn open(url: &super::settings::DatabaseUrl) -> Result<Store, Error> {
        match url {
            super::settings::DatabaseUrl::Sqlite(path) => {
                SqliteStore::open(path).map(Store::Sqlite)
            }
            super::settings::DatabaseUrl::Postgres(url) => {
                PgStore::open(url).await.map(Store::Postgres)
            }
        }
    }

    /// Keeps an event and its deliveries (committed on return).
    pub async fn accept(&self, job: Job) -> Result<Accepted, Error> {
        let (reply, wait) = oneshot::channel();
        match self {
            Store::Sqlite(s) => s.tx.send(Op::Accept(job, reply)).map_err(e)?,
            Store::Postgres(p) => p.writer.send((job, reply)).map_err(e)?,
        }
        wait.await.map_err(e)?
    }

    /// Keeps a refused body for inspection.
    pub async fn reject(&self, path: &str, reason: &str, body: &[u8]) -> Result<(), Error> {
        let (path, reason, body) = (path.to_owned(), reason.to_owned(), body.to_vec());
        let now = now_ms();
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    c.execute(&lite(REJECT), params![now, path, reason, body])
                        .map(|_| ())
                })
                .await
            }
            Store::Postgres(p) => p
                .client
                .execute(REJECT, &[&now, &path, &reason, &body])
                .await
                .map(|_| ())
                .map_err(e),
        }
    }

    /// Claims up to `limit` due deliveries of `sink` (one per call, oldest
    /// first) for `owner` until `lease_until`: no other replica takes them
    /// before the lease runs out (a replica that dies loses them then).
    pub async fn claim(
        &self,
        sink: &str,
        owner: &str,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<Due>, Error> {
        let (sink, owner) = (sink.to_owned(), owner.to_owned());
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    // A lease is no data to keep: its commit is not synced
                    // (the next synced commit carries it; one lost in a
                    // crash only means a delivery sent again, as any
                    // delivery in flight at a crash may be).
                    c.execute_batch("PRAGMA synchronous = OFF")?;
                    let claimed = sqlite_claim(c, &sink, &owner, now, lease_until, limit);
                    c.execute_batch("PRAGMA synchronous = FULL")?;
                    claimed
                })
                .await
            }
            Store::Postgres(p) => {
                let client = p.ops.lock().await;
                let rows = client
                    .query(CLAIM_PG, &[&sink, &now, &limit, &owner, &lease_until])
                    .await
                    .map_err(e)?;
                let mut due: Vec<Due> =
                    rows.iter().map(due).collect::<Result<_, _>>().map_err(e)?;
                due.sort_by_key(|d| d.id);
                Ok(due)
            }
        }
    }

    /// Removes the bodies (the callers' numbers) kept longer than
    /// `retention` allows at `now` (ms since 1970): events delivered or
    /// dead, and refused bodies. Pending deliveries keep theirs; the rows
    /// and every count stay. A purged dead delivery can no longer be
    /// replayed.
    pub async fn purge(
        &self,
        now: i64,
        retention: santral::gateway::Retention,
    ) -> Result<Purged, Error> {
        const DAY: i64 = 86_400_000;
        let blank: Vec<u8> = Vec::new();
        let cutoffs = [
            ("call_event", now - i64::from(retention.call_event) * DAY),
            (
                "campaign_report",
                now - i64::from(retention.campaign_report) * DAY,
            ),
        ];
        let rejected_cutoff = now - i64::from(retention.rejected) * DAY;
        let counts: Vec<u64> = match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    let tx = c.transaction()?;
                    let mut n = Vec::new();
                    for (kind, cutoff) in cutoffs {
                        n.push(
                            tx.execute(&lite(PURGE_EVENTS), params![blank, now, kind, cutoff])?
                                as u64,
                        );
                    }
                    tx.execute(&lite(PURGE_DELIVERIES), params![blank])?;
                    n.push(
                        tx.execute(&lite(PURGE_REJECTED), params![blank, rejected_cutoff])? as u64,
                    );
                    tx.commit()?;
                    Ok(n)
                })
                .await?
            }
            Store::Postgres(p) => {
                let mut client = p.ops.lock().await;
                let tx = client.transaction().await.map_err(e)?;
                let mut n = Vec::new();
                for (kind, cutoff) in cutoffs {
                    n.push(
                        tx.execute(PURGE_EVENTS, &[&blank, &now, &kind, &cutoff])
                            .await
                            .map_err(e)?,
                    );
                }
                tx.execute(PURGE_DELIVERIES, &[&blank]).await.map_err(e)?;
                n.push(
                    tx.execute(PURGE_REJECTED, &[&blank, &rejected_cutoff])
                        .await
                        .map_err(e)?,
                );
                tx.commit().await.map_err(e)?;
                n
            }
        };
        Ok(Purged {
            call_events: counts.first().copied().unwrap_or(0),
            campaign_reports: counts.get(1).copied().unwrap_or(0),
            rejected: counts.get(2).copied().unwrap_or(0),
        })
    }

    /// The dead deliveries, newest first (for the operator page).
    pub async fn dead(&self, limit: i64) -> Result<Vec<DeadRow>, Error> {
        const DEAD_ROWS: &str = "SELECT d.id, d.sink, e.key, d.attempts, d.last_status, d.last_error, e.received_ms, length(d.body) > 0
            FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.state = 'dead' ORDER BY d.id DESC LIMIT $1";
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    let mut st = c.prepare(&lite(DEAD_ROWS))?;
                    let rows = st.query_map(params![limit], |r| dead_row(r))?;
                    rows.collect()
                })
                .await
            }
            Store::Postgres(p) => {
                let rows = p.client.query(DEAD_ROWS, &[&limit]).await.map_err(e)?;
                rows.iter()
                    .map(dead_row)
                    .collect::<Result<_, _>>()
                    .map_err(e)
            }
        }
    }

    /// Puts one dead delivery back in the queue; false when it is not
    /// dead (or its body was purged).
    pub async fn replay_one(&self, id: i64) -> Result<bool, Error> {
        const ONE: &str = "UPDATE deliveries SET state = 'pending', attempts = 0, next_ms = $1, lease_until = 0 WHERE id = $2 AND state = 'dead' AND length(body) > 0";
        let now = now_ms();
        match self {
            Store::Sqlite(s) => s
                .call(move |c| c.execute(&lite(ONE), params![now, id]))
                .await
                .map(|n| n == 1),
            Store::Postgres(p) => p
                .client
                .execute(ONE, &[&now, &id])
                .await
                .map(|n| n == 1)
                .map_err(e),
        }
    }

    /// Deliveries each sink finished (2xx) since `since`.
    pub async fn delivered_since(&self, since: i64) -> Result<Vec<(String, u64)>, Error> {
        const Q: &str = "SELECT sink, COUNT(*) FROM deliveries WHERE state = 'done' AND done_ms >= $1 GROUP BY sink ORDER BY sink";
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    let mut st = c.prepare(&lite(Q))?;
                    let rows = st.query_map(params![since], |r| {
                        Ok((r.get(0)?, r.get::<_, i64>(1)? as u64))
                    })?;
                    rows.collect()
                })
                .await
            }
            Store::Postgres(p) => Ok(p
                .client
                .query(Q, &[&since])
                .await
                .map_err(e)?
                .iter()
                .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
                .collect()),
        }
    }

    /// Events that match `what`, newest first.
    pub async fn search(&self, what: Search, limit: i64) -> Result<Vec<Exported>, Error> {
        let (key_part, body_part, like) = match what {
            Search::Key(k) => (k, Vec::new(), String::new()),
            Search::Digits(d) => (String::new(), d, String::new()),
            Search::Masked(p) => (String::new(), Vec::new(), p),
        };
        // A masked number's digits end a field: `…P&…` or `…P` at the end.
        let (like_mid, like_end) = if like.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            (
                format!("%{like}&%").into_bytes(),
                format!("%{like}").into_bytes(),
            )
        };
        let (mut events, of): (Vec<Exported>, Vec<DeliveryRow>) = match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    let mut st = c.prepare(
                        "SELECT id, received_ms, kind, key, body FROM events
                         WHERE (?1 <> '' AND instr(key, ?1) > 0) OR (length(?2) > 0 AND instr(body, ?2) > 0)
                            OR (length(?4) > 0 AND (CAST(body AS TEXT) LIKE CAST(?4 AS TEXT) OR CAST(body AS TEXT) LIKE CAST(?5 AS TEXT)))
                         ORDER BY id DESC LIMIT ?3",
                    )?;
                    let events: Vec<Exported> = st
                        .query_map(params![key_part, body_part, limit, like_mid, like_end], |r| exported(r))?
                        .collect::<rusqlite::Result<_>>()?;
                    let mut of = Vec::new();
                    let mut st = c.prepare("SELECT event_id, sink, state, attempts FROM deliveries WHERE event_id = ?1 ORDER BY id")?;
                    for x in &events {
                        for r in st.query_map(params![x.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as u32)))? {
                            of.push(r?);
                        }
                    }
                    Ok((events, of))
                })
                .await?
            }
            Store::Postgres(p) => {
                let rows = p
                    .client
                    .query(
                        "SELECT id, received_ms, kind, key, body FROM events
                         WHERE ($1::text <> '' AND strpos(key, $1::text) > 0) OR (length($2::bytea) > 0 AND position($2::bytea in body) > 0)
                            OR (length($4::bytea) > 0 AND (body LIKE $4::bytea OR body LIKE $5::bytea))
                         ORDER BY id DESC LIMIT $3",
                        &[&key_part, &body_part, &limit, &like_mid, &like_end],
                    )
                    .await
                    .map_err(e)?;
                let events: Vec<Exported> = rows.iter().map(exported).collect::<Result<_, _>>().map_err(e)?;
                let ids: Vec<i64> = events.iter().map(|x| x.id).collect();
                let of = p
                    .client
                    .query("SELECT event_id, sink, state, attempts FROM deliveries WHERE event_id = ANY($1) ORDER BY id", &[&ids])
                    .await
                    .map_err(e)?
                    .iter()
                    .map(|r| (r.get(0), r.get(1), r.get(2), r.get::<_, i32>(3) as u32))
                    .collect();
                (events, of)
            }
        };
        attach(&mut events, of);
        Ok(events)
    }

    /// Gives claimed deliveries back unattempted.
    pub async fn release(&self, ids: Vec<i64>, owner: &str) -> Result<(), Error> {
        let owner = owner.to_owned();
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    let mut st = c.prepare_cached(&lite(RELEASE))?;
                    for id in &ids {
                        st.execute(params![id, owner])?;
                    }
                    Ok(())
                })
                .await
            }
            Store::Postgres(p) => {
                let client = p.ops.lock().await;
                for id in &ids {
                    client.execute(RELEASE, &[id, &owner]).await.map_err(e)?;
                }
                Ok(())
            }
        }
    }

    /// Records one replica's view of one sink (for `gateway status`).
    pub async fn put_sink_state(&self, st: SinkState) -> Result<(), Error> {
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    c.execute_batch("PRAGMA synchronous = OFF")?;
                    let done = c
                        .prepare_cached(&lite(SINK_STATE))?
                        .execute(params![
                            st.sink,
                            st.owner,
                            st.circuit,
                            st.window,
                            st.in_flight,
                            st.open_until,
                            st.ambiguous as i64,
                            st.updated_ms
                        ])
                        .map(|_| ());
                    c.execute_batch("PRAGMA synchronous = FULL")?;
                    done
                })
                .await
            }
            Store::Postgres(p) => p
                .client
                .execute(
                    SINK_STATE,
                    &[
                        &st.sink,
                        &st.owner,
                        &st.circuit,
                        &(st.window as i32),
                        &(st.in_flight as i32),
                        &st.open_until,
                        &(st.ambiguous as i64),
                        &st.updated_ms,
                    ],
                )
                .await
                .map(|_| ())
                .map_err(e),
        }
    }

    /// The sink states recorded since `since` (ms since 1970).
    pub async fn sink_states(&self, since: i64) -> Result<Vec<SinkState>, Error> {
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    let mut st = c.prepare(&lite(SINK_STATES))?;
                    let rows = st.query_map(params![since], |r| sink_state(r))?;
                    rows.collect()
                })
                .await
            }
            Store::Postgres(p) => {
                let rows = p.client.query(SINK_STATES, &[&since]).await.map_err(e)?;
                rows.iter()
                    .map(sink_state)
                    .collect::<Result<_, _>>()
                    .map_err(e)
            }
        }
    }

    /// When the next delivery of `sink` is due.
    pub async fn next_due(&self, sink: &str) -> Result<Option<i64>, Error> {
        let sink = sink.to_owned();
        match self {
            Store::Sqlite(s) => {
                s.call(move |c| c.query_row(&lite(NEXT_DUE), params![sink], |r| r.get(0)))
                    .await
            }
            Store::Postgres(p) => p
                .client
                .query_one(NEXT_DUE, &[&sink])
                .await
                .map(|r| r.get(0))
                .map_err(e),
        }
    }

    /// Records what attempts came to, in one transaction.
    pub async fn finish(&self, outcomes: Vec<Outcome>) -> Result<(), Error> {
        match self {
            Store::Sqlite(s) => {
                let (reply, wait) = oneshot::channel();
                s.tx.send(Op::Finish(outcomes, reply)).map_err(e)?;
                wait.await.map_err(e)?
            }
            Store::Postgres(p) => {
                if outcomes.is_empty() {
                    return Ok(());
                }
                // One statement for the whole batch: a round trip per
                // batch, not per delivery.
                let now = now_ms();
                let mut sql = String::from(
                    "UPDATE deliveries d SET state = v.state, attempts = d.attempts + 1, \
                     next_ms = COALESCE(v.next_ms, d.next_ms), last_status = v.status, last_error = v.error, \
                     done_ms = CASE WHEN v.state = 'done' THEN $1::bigint ELSE d.done_ms END FROM (VALUES ",
                );
                let mut values: Vec<Box<dyn tokio_postgres::types::ToSql + Sync + Send>> =
                    vec![Box::new(now)];
                for (i, o) in outcomes.iter().enumerate() {
                    let (id, state, next, status, error): (
                        i64,
                        &str,
                        Option<i64>,
                        Option<i32>,
                        Option<String>,
                    ) = match o {
                        Outcome::Done { id, status } => {
                            (*id, "done", None, Some(i32::from(*status)), None)
                        }
                        Outcome::Retry {
                            id,
                            next_ms,
                            status,
                            error,
                        } => (
                            *id,
                            "pending",
                            Some(*next_ms),
                            status.map(i32::from),
                            Some(error.clone()),
                        ),
                        Outcome::Dead { id, status, error } => (
                            *id,
                            "dead",
                            None,
                            status.map(i32::from),
                            Some(error.clone()),
                        ),
                    };
                    let b = 2 + i * 5;
                    if i > 0 {
                        sql.push(',');
                    }
                    sql.push_str(&format!(
                        "(${}::bigint, ${}::text, ${}::bigint, ${}::int, ${}::text)",
                        b,
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4
                    ));
                    values.push(Box::new(id));
                    values.push(Box::new(state.to_owned()));
                    values.push(Box::new(next));
                    values.push(Box::new(status));
                    values.push(Box::new(error));
                }
                sql.push_str(") AS v (id, state, next_ms, status, error) WHERE d.id = v.id");
                let params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = values
                    .iter()
                    .map(|v| v.as_ref() as &(dyn tokio_postgres::types::ToSql + Sync))
                    .collect();
                let client = p.ops.lock().await;
                client.execute(&sql, &params).await.map(|_| ()).map_err(e)
            }
        }
    }

    /// Counts per sink and state.
    pub async fn status(&self) -> Result<Status, Error> {
        match self {
            Store::Sqlite(s) => {
                s.call(|c| {
                    let events: i64 =
                        c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
                    let rejected: i64 =
                        c.query_row("SELECT COUNT(*) FROM rejected", [], |r| r.get(0))?;
                    let mut st = c.prepare(STATUS)?;
                    let deliveries = st
                        .query_map([], |r| {
                            Ok((
                                r.get(0)?,
                                r.get(1)?,
                                r.get::<_, i64>(2)? as u64,
                                r.get(3)?,
                                r.get(4)?,
                            ))
                        })?
                        .collect::<rusqlite::Result<_>>()?;
                    Ok(Status {
                        events: events as u64,
                        rejected: rejected as u64,
                        deliveries,
                    })
                })
                .await
            }
            Store::Postgres(p) => {
                let events: i64 = p
                    .client
                    .query_one("SELECT COUNT(*) FROM events", &[])
                    .await
                    .map_err(e)?
                    .get(0);
                let rejected: i64 = p
                    .client
                    .query_one("SELECT COUNT(*) FROM rejected", &[])
                    .await
                    .map_err(e)?
                    .get(0);
                let rows = p.client.query(STATUS, &[]).await.map_err(e)?;
                let deliveries = rows
                    .iter()
                    .map(|r| {
                        (
                            r.get(0),
                            r.get(1),
                            r.get::<_, i64>(2) as u64,
                            r.get(3),
                            r.get(4),
                        )
                    })
                    .collect();
                Ok(Status {
                    events: events as u64,
                    rejected: rejected as u64,
                    deliveries,
                })
            }
        }
    }

    /// Puts dead deliveries (of one sink, or all) back in the queue.
    pub async fn replay(&self, sink: Option<&str>) -> Result<u64, Error> {
        let now = now_ms();
        let sink = sink.map(str::to_owned);
        match self {
            Store::Sqlite(s) => s
                .call(move |c| match &sink {
                    Some(k) => c.execute(&lite(REPLAY_SINK), params![now, k]),
                    None => c.execute(&lite(REPLAY_ALL), params![now]),
                })
                .await
                .map(|n| n as u64),
            Store::Postgres(p) => match &sink {
                Some(k) => p.client.execute(REPLAY_SINK, &[&now, k]).await.map_err(e),
                None => p.client.execute(REPLAY_ALL, &[&now]).await.map_err(e),
            },
        }
    }

    /// Every kept event with its deliveries, oldest first, from `after` on.
    pub async fn export(&self, after: i64, limit: i64) -> Result<Vec<Exported>, Error> {
        const EVENTS: &str = "SELECT id, received_ms, kind, key, body FROM events WHERE id > $1 ORDER BY id LIMIT $2";
        const OF: &str = "SELECT event_id, sink, state, attempts FROM deliveries WHERE event_id > $1 AND event_id <= $2 ORDER BY id";
        let (mut events, of): (Vec<Exported>, Vec<DeliveryRow>) = match self {
            Store::Sqlite(s) => {
                s.call(move |c| {
                    let mut st = c.prepare(&lite(EVENTS))?;
                    let events: Vec<Exported> = st
                        .query_map(params![after, limit], |r| exported(r))?
                        .collect::<rusqlite::Result<_>>()?;
                    let last = events.last().map_or(after, |x| x.id);
                    let mut st = c.prepare(&lite(OF))?;
                    let of = st
                        .query_map(params![after, last], |r| {
                            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as u32))
                        })?
                        .collect::<rusqlite::Result<_>>()?;
                    Ok((events, of))
                })
                .await?
            }
            Store::Postgres(p) => {
                let rows = p.client.query(EVENTS, &[&after, &limit]).await.map_err(e)?;
                let events: Vec<Exported> = rows
                    .iter()
                    .map(exported)
                    .collect::<Result<_, _>>()
                    .map_err(e)?;
                let last = events.last().map_or(after, |x| x.id);
                let rows = p.client.query(OF, &[&after, &last]).await.map_err(e)?;
                let of = rows
                    .iter()
                    .map(|r| (r.get(0), r.get(1), r.get(2), r.get::<_, i32>(3) as u32))
                    .collect();
                (events, of)
            }
        };
        attach(&mut events, of);
        Ok(events)
    }
}

/// A result row of either database, read by column: each record below is
/// mapped once, whichever database it came from. Integers are read as
/// `i64` (PostgreSQL's `INTEGER` columns come as `i32`, widened).
trait Cols {
    type Err;
    fn int(&self, i: usize) -> Result<i64, Self::Err>;
    fn opt_int(&self, i: usize) -> Result<Option<i64>, Self::Err>;
    fn get_as<T: FromBoth>(&self, i: usize) -> Result<T, Self::Err>;
}

/// A column type both drivers read as it is.
trait FromBoth: rusqlite::types::FromSql + for<'a> tokio_postgres::types::FromSql<'a> {}
impl<T: rusqlite::types::FromSql + for<'a> tokio_postgres::types::FromSql<'a>> FromBoth for T {}

impl Cols for rusqlite::Row<'_> {
    type Err = rusqlite::Error;
    fn int(&self, i: usize) -> rusqlite::Result<i64> {
        self.get(i)
    }
    fn opt_int(&self, i: usize) -> rusqlite::Result<Option<i64>> {
        self.get(i)
    }
    fn get_as<T: FromBoth>(&self, i: usize) -> rusqlite::Result<T> {
        self.get(i)
    }
}

impl Cols for tokio_postgres::Row {
    type Err = tokio_postgres::Error;
    fn int(&self, i: usize) -> Result<i64, tokio_postgres::Error> {
        self.try_get::<_, i64>(i)
            .or_else(|_| self.try_get::<_, i32>(i).map(i64::from))
    }
    fn opt_int(&self, i: usize) -> Result<Option<i64>, tokio_postgres::Error> {
        self.try_get::<_, Option<i64>>(i)
            .or_else(|_| self.try_get::<_, Option<i32>>(i).map(|v| v.map(i64::from)))
    }
    fn get_as<T: FromBoth>(&self, i: usize) -> Result<T, tokio_postgres::Error> {
        self.try_get(i)
    }
}

/// An `events` row (id, received_ms, kind, key, body) as exported.
fn exported<R: Cols>(r: &R) -> Result<Exported, R::Err> {
    Ok(Exported {
        id: r.int(0)?,
        received_ms: r.int(1)?,
        kind: r.get_as(2)?,
        key: r.get_as(3)?,
        body: r.get_as(4)?,
        deliveries: Vec::new(),
    })
}

/// A claimed delivery (id, key, body, attempts).
fn due<R: Cols>(r: &R) -> Result<Due, R::Err> {
    Ok(Due {
        id: r.int(0)?,
        key: r.get_as(1)?,
        body: r.get_as(2)?,
        attempts: r.int(3)? as u32,
    })
}

/// A dead delivery for the operator page.
fn dead_row<R: Cols>(r: &R) -> Result<DeadRow, R::Err> {
    Ok(DeadRow {
        id: r.int(0)?,
        sink: r.get_as(1)?,
        key: r.get_as(2)?,
        attempts: r.int(3)? as u32,
        last_status: r.opt_int(4)?.map(|x| x as u16),
        last_error: r.get_as(5)?,
        received_ms: r.int(6)?,
        replayable: r.get_as(7)?,
    })
}

/// One replica's view of one sink.
fn sink_state<R: Cols>(r: &R) -> Result<SinkState, R::Err> {
    Ok(SinkState {
        sink: r.get_as(0)?,
        owner: r.get_as(1)?,
        circuit: r.get_as(2)?,
        window: r.int(3)? as u32,
        in_flight: r.int(4)? as u32,
        open_until: r.int(5)?,
        ambiguous: r.int(6)? as u64,
        updated_ms: r.int(7)?,
    })
}

/// Each delivery row onto its event.
fn attach(events: &mut [Exported], of: Vec<DeliveryRow>) {
    for (event, sink, state, attempts) in of {
        if let Some(x) = events.iter_mut().find(|x| x.id == event) {
            x.deliveries.push((sink, state, attempts));
        }
    }
}

/// An operation for the SQLite thread.
enum Op {
    Accept(Job, oneshot::Sender<Result<Accepted, Error>>),
    Finish(Vec<Outcome>, oneshot::Sender<Result<(), Error>>),
    Call(Box<dyn FnOnce(&mut Connection) + Send>),
}

/// SQLite: one connection on its own thread; everything goes through it.
#[derive(Clone)]
pub struct SqliteStore {
    tx: std_mpsc::Sender<Op>,
    /// `santral serve`'s lock on `PATH.lock`, held (never read) while the
    /// store lives: the file's lock is released when it closes.
    #[allow(dead_code)]
    lock: Option<std::sync::Arc<std::fs::File>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SqliteStore")
    }
}

/// The most events committed in one transaction.
const GROUP: usize = 512;

impl SqliteStore {
    fn open(path: &Path) -> Result<SqliteStore, Error> {
        let mut db = Connection::open(path).map_err(e)?;
        db.execute_batch(SQLITE_SCHEMA).map_err(e)?;
        // A database from before leases: their columns added.
        let has_lease: bool = db
            .query_row(
                "SELECT COUNT(*) > 0 FROM pragma_table_info('deliveries') WHERE name = 'lease_until'",
                [],
                |r| r.get(0),
            )
            .map_err(e)?;
        if !has_lease {
            db.execute_batch(
                "ALTER TABLE deliveries ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
                 ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;",
            )
            .map_err(e)?;
        }
        let has_purged: bool = db
            .query_row(
                "SELECT COUNT(*) > 0 FROM pragma_table_info('events') WHERE name = 'purged_ms'",
                [],
                |r| r.get(0),
            )
            .map_err(e)?;
        if !has_purged {
            db.execute_batch("ALTER TABLE events ADD COLUMN purged_ms INTEGER;")
                .map_err(e)?;
        }
        let (tx, rx) = std_mpsc::channel::<Op>();
        std::thread::Builder::new()
            .name("santral-sqlite".into())
            .spawn(move || {
                while let Ok(op) = rx.recv() {
                    let mut accepts = Vec::new();
                    let mut finishes = Vec::new();
                    let mut calls = Vec::new();
                    let mut take = |op: Op| match op {
                        Op::Accept(j, r) => accepts.push((j, r)),
                        Op::Finish(o, r) => finishes.push((o, r)),
                        Op::Call(f) => calls.push(f),
                    };
                    take(op);
                    // Everything already waiting joins this round: one commit
                    // for a group of accepted events and finished deliveries.
                    for _ in 0..GROUP {
                        match rx.try_recv() {
                            Ok(op) => take(op),
                            Err(_) => break,
                        }
                    }
                    if !accepts.is_empty() || !finishes.is_empty() {
                        let result = group_sqlite(
                            &mut db,
                            accepts.iter().map(|(j, _)| j),
                            finishes.iter().flat_map(|(o, _)| o.iter()),
                        );
                        match result {
                            Ok(rs) => {
                                for ((_, reply), r) in accepts.into_iter().zip(rs) {
                                    let _ = reply.send(Ok(r));
                                }
                                for (_, reply) in finishes {
                                    let _ = reply.send(Ok(()));
                                }
                            }
                            Err(err) => {
                                for (_, reply) in accepts {
                                    let _ = reply.send(Err(err.clone()));
                                }
                                for (_, reply) in finishes {
                                    let _ = reply.send(Err(err.clone()));
                                }
                            }
                        }
                    }
                    for f in calls {
                        f(&mut db);
                    }
                }
            })
            .map_err(e)?;
        Ok(SqliteStore { tx, lock: None })
    }

    async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, Error> {
        let (reply, wait) = oneshot::channel();
        self.tx
            .send(Op::Call(Box::new(move |c| {
                let _ = reply.send(f(c).map_err(e));
            })))
            .map_err(e)?;
        wait.await.map_err(e)?
    }
}

/// The due deliveries of `sink`, leased to `owner`, in one transaction.
fn sqlite_claim(
    c: &mut Connection,
    sink: &str,
    owner: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> rusqlite::Result<Vec<Due>> {
    let tx = c.transaction()?;
    let due: Vec<Due> = {
        let mut st = tx.prepare_cached(&lite(DUE_SQLITE))?;
        let rows = st.query_map(params![sink, now, limit], |r| due(r))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    {
        let mut st = tx.prepare_cached(&lite(LEASE))?;
        for d in &due {
            st.execute(params![d.id, owner, lease_until])?;
        }
    }
    tx.commit()?;
    Ok(due)
}

/// One transaction: the accepted events with their deliveries, and the
/// outcomes of finished attempts.
fn group_sqlite<'j>(
    db: &mut Connection,
    jobs: impl Iterator<Item = &'j Job>,
    outcomes: impl Iterator<Item = &'j Outcome>,
) -> Result<Vec<Accepted>, Error> {
    let now = now_ms();
    let tx = db.transaction().map_err(e)?;
    let mut out = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Done { id, status } => tx
                .prepare_cached(&lite(DONE))
                .and_then(|mut st| st.execute(params![id, status, now])),
            Outcome::Retry {
                id,
                next_ms,
                status,
                error,
            } => tx
                .prepare_cached(&lite(RETRY))
                .and_then(|mut st| st.execute(params![id, next_ms, status, error])),
            Outcome::Dead { id, status, error } => tx
                .prepare_cached(&lite(DEAD))
                .and_then(|mut st| st.execute(params![id, status, error])),
        }
        .map_err(e)?;
    }
    {
        let mut ins = tx.prepare_cached(&lite(INSERT_EVENT)).map_err(e)?;
        let mut del = tx.prepare_cached(&lite(INSERT_DELIVERY)).map_err(e)?;
        for j in jobs {
            let id: Option<i64> = ins
                .query_row(params![now, j.kind, j.key, j.call_key, j.body], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(e)?;
            match id {
                Some(id) => {
                    for (sink, body) in &j.deliveries {
                        del.execute(params![id, sink, j.call_key, body, now])
                            .map_err(e)?;
                    }
                    out.push(Accepted::Stored(id));
                }
                None => out.push(Accepted::Duplicate),
            }
        }
    }
    tx.commit().map_err(e)?;
    Ok(out)
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PgStore")
    }
}

/// PostgreSQL: a writer connection for grouped accepts, one for the rest.
#[derive(Clone)]
pub struct PgStore {
    writer: mpsc::UnboundedSender<(Job, oneshot::Sender<Result<Accepted, Error>>)>,
    client: std::sync::Arc<tokio_postgres::Client>,
    ops: std::sync::Arc<tokio::sync::Mutex<tokio_postgres::Client>>,
}

async fn pg_connect(url: &str) -> Result<tokio_postgres::Client, Error> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .map_err(e)?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

impl PgStore {
    async fn open(url: &str) -> Result<PgStore, Error> {
        let mut client = pg_connect(url).await?;
        {
            let tx = client.transaction().await.map_err(e)?;
            tx.batch_execute(POSTGRES_SCHEMA_LOCK).await.map_err(e)?;
            tx.batch_execute(POSTGRES_SCHEMA).await.map_err(e)?;
            tx.commit().await.map_err(e)?;
        }
        let mut writer_client = pg_connect(url).await?;
        let ops = pg_connect(url).await?;
        let (writer, mut rx) =
            mpsc::unbounded_channel::<(Job, oneshot::Sender<Result<Accepted, Error>>)>();
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                while batch.len() < GROUP {
                    match rx.try_recv() {
                        Ok(j) => batch.push(j),
                        Err(_) => break,
                    }
                }
                let result = accept_pg(&mut writer_client, batch.iter().map(|(j, _)| j)).await;
                match result {
                    Ok(rs) => {
                        for ((_, reply), r) in batch.into_iter().zip(rs) {
                            let _ = reply.send(Ok(r));
                        }
                    }
                    Err(err) => {
                        for (_, reply) in batch {
                            let _ = reply.send(Err(err.clone()));
                        }
                    }
                }
            }
        });
        Ok(PgStore {
            writer,
            client: std::sync::Arc::new(client),
            ops: std::sync::Arc::new(tokio::sync::Mutex::new(ops)),
        })
    }
}

async fn accept_pg<'j>(
    client: &mut tokio_postgres::Client,
    jobs: impl Iterator<Item = &'j Job>,
) -> Result<Vec<Accepted>, Error> {
    let now = now_ms();
    let tx = client.transaction().await.map_err(e)?;
    let ins = tx.prepare(INSERT_EVENT).await.map_err(e)?;
    let del = tx.prepare(INSERT_DELIVERY).await.map_err(e)?;
    let mut out = Vec::new();
    for j in jobs {
        let row = tx
            .query_opt(&ins, &[&now, &j.kind, &j.key, &j.call_key, &j.body])
            .await
            .map_err(e)?;
        match row {
            Some(r) => {
                let id: i64 = r.get(0);
                for (sink, body) in &j.deliveries {
                    tx.execute(&del, &[&id, sink, &j.call_key, body, &now])
                        .await
                        .map_err(e)?;
                }
                out.push(Accepted::Stored(id));
            }
            None => out.push(Accepted::Duplicate),
        }
    }
    tx.commit().await.map_err(e)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn job(kind: &'static str, key: &str) -> Job {
        Job {
            kind,
            key: key.to_owned(),
            call_key: key.to_owned(),
            body: b"caller_id_number=905334979714".to_vec(),
            deliveries: vec![("crm".to_owned(), b"{\"callerId\":\"05334979714\"}".to_vec())],
        }
    }

    /// Purging keeps rows and counts, removes the bodies of what is done
    /// (or dead) and older than the retention, never of what is pending.
    #[tokio::test]
    async fn a_purge_removes_old_delivered_bodies_and_keeps_the_counts() {
        let dir = std::env::temp_dir().join(format!("santral-purge-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&super::super::settings::DatabaseUrl::Sqlite(
            dir.join("g.db"),
        ))
        .await
        .unwrap();
        for (kind, key) in [
            ("call_event", "answer:A"),
            ("call_event", "answer:B"),
            ("campaign_report", "report:1"),
            ("call_event", "answer:C"),
        ] {
            store.accept(job(kind, key)).await.unwrap();
        }
        store
            .reject("/events", "invalid", b"caller_id_number=0532")
            .await
            .unwrap();
        let now = now_ms();
        let due = store.claim("crm", "me", now, now + 1000, 10).await.unwrap();
        assert_eq!(due.len(), 4);
        // A and the report delivered, B dead, C still pending.
        let by_key = |k: &str| due.iter().find(|d| d.key == k).unwrap().id;
        store
            .finish(vec![
                Outcome::Done {
                    id: by_key("answer:A"),
                    status: 200,
                },
                Outcome::Done {
                    id: by_key("report:1"),
                    status: 200,
                },
                Outcome::Dead {
                    id: by_key("answer:B"),
                    status: Some(500),
                    error: "x".into(),
                },
                Outcome::Retry {
                    id: by_key("answer:C"),
                    next_ms: now,
                    status: None,
                    error: "x".into(),
                },
            ])
            .await
            .unwrap();
        let retention = santral::gateway::Retention {
            call_event: 30,
            campaign_report: 90,
            rejected: 7,
        };
        // Nothing is old enough yet.
        assert_eq!(
            store.purge(now, retention).await.unwrap(),
            Purged::default()
        );
        let before = store.status().await.unwrap();
        // 31 days on: call events past 30 days (A delivered, B dead), the
        // refused body past 7; the report (90 days) and C (pending) stay.
        let later = now + 31 * 86_400_000;
        let purged = store.purge(later, retention).await.unwrap();
        assert_eq!(
            purged,
            Purged {
                call_events: 2,
                campaign_reports: 0,
                rejected: 1
            }
        );
        assert_eq!(
            store.purge(later, retention).await.unwrap(),
            Purged::default(),
            "once"
        );
        assert_eq!(store.status().await.unwrap(), before, "the counts stay");
        let kept: Vec<(String, usize)> = store
            .export(0, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|x| (x.key, x.body.len()))
            .collect();
        assert_eq!(kept[0], ("answer:A".to_owned(), 0));
        assert_eq!(kept[1], ("answer:B".to_owned(), 0));
        assert!(kept[2].1 > 0 && kept[3].1 > 0, "{kept:?}");
        // A purged dead delivery is not replayed with an empty body.
        assert_eq!(store.replay(None).await.unwrap(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
