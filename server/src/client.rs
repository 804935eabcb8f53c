//! The vendor's API from Rust, over reqwest: the core prepares each
//! request ([`santral::api::Call`]) and reads each reply
//! ([`Operation::read_reply`]); this client moves the bytes, paces them
//! under the vendor's rate budgets ([`santral::api::Bucket`]) and resends
//! what may be resent. `santral api` runs on it.
//!
//! ```no_run
//! # async fn run() -> Result<(), santral_server::client::ClientError> {
//! use santral::api::{Operation, Success};
//! use santral_server::client::Client;
//!
//! let client = Client::new("K12345678-1234-5678-4321-123456789012", santral::api::BASE_URL);
//! let sent = client.send(Operation::Hangup, &[("call_uuid", "f3797dfc-a818-11e7-bf70-cb295b6663ce")]).await?;
//! let mut sink = santral::diag::Collector::<8>::new();
//! match Operation::Hangup.read_reply(sent.status, &sent.body, &mut sink) {
//!     Ok(Success::Ok) => println!("hung up"),
//!     Ok(other) => println!("{other:?}"),
//!     Err(failure) => println!("refused: {}", failure.redacted()),
//! }
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use santral::api::{Bucket, Call, Operation, Pool};
use santral::diag::Diagnostic;

/// A reply as it arrived.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
    /// Attempts made (1 unless a 429, a 5xx or a lost connection was
    /// retried).
    pub attempts: u32,
}

/// Why nothing (usable) came back.
#[derive(Debug)]
pub enum ClientError {
    /// The core refused the request: nothing was sent.
    Invalid(Vec<Diagnostic>),
    /// No answer (connection, timeout); the text names the cause, never
    /// the key.
    Transport(String),
    /// The PBX refused, or answered what the operation never gives.
    Refused(Refusal),
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Invalid(d) => {
                let first = d.iter().find(|d| d.severity == santral::Severity::Error);
                match first {
                    Some(d) => write!(f, "{} at {}: {}", d.code.id(), d.path, d.code.message()),
                    None => f.write_str("invalid request"),
                }
            }
            ClientError::Transport(t) => write!(f, "no answer: {t}"),
            ClientError::Refused(r) => write!(f, "{} ({}): {}", r.code.id(), r.status, r.text),
        }
    }
}

impl std::error::Error for ClientError {}

/// An API client for one key.
#[derive(Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    key: String,
    /// Pace under the vendor's budgets (on by default).
    pub pace: bool,
    /// Attempts in all for a request that may be retried (default 4).
    pub attempts: u32,
    buckets: Mutex<HashMap<Pool, Bucket>>,
    started: Instant,
}

impl Client {
    /// A client of `key` against `base_url` (the vendor's
    /// [`santral::api::BASE_URL`] or a simulator's address); 70 s
    /// timeout (`bridge` waits up to 60 s for an answer).
    pub fn new(key: impl Into<String>, base_url: impl Into<String>) -> Client {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(70))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Client {
            http,
            base_url: base_url.into().trim_end_matches('/').to_string(),
            key: key.into(),
            pace: true,
            attempts: 4,
            buckets: Mutex::new(HashMap::new()),
            started: Instant::now(),
        }
    }

    /// The key masked (`K1234…9012`), for a log line.
    pub fn masked_key(&self) -> String {
        santral::api::MaskedKey(&self.key).to_string()
    }

    /// Checks, paces and sends one request of `op`; a `429` is retried
    /// after its `Retry-After` or a jittered backoff, a connection that
    /// could not be opened always, a 5xx or a lost reply only when the
    /// operation is idempotent.
    pub async fn send(&self, op: Operation, params: &[(&str, &str)]) -> Result<Sent, ClientError> {
        let call = Call::new(op, &self.key, params);
        let mut diags = Vec::new();
        let valid = call.check(&mut |d: Diagnostic| {
            diags.push(d);
            std::ops::ControlFlow::Continue(())
        });
        if !valid {
            return Err(ClientError::Invalid(diags));
        }
        let url = format!("{}{}", self.base_url, call.target());
        let body = call.body().to_string();
        let method = reqwest::Method::from_bytes(op.method().as_str().as_bytes())
            .unwrap_or(reqwest::Method::GET);
        let mut attempt = 1;
        loop {
            if self.pace {
                self.wait_for_token(op.pool()).await;
            }
            let mut req = self.http.request(method.clone(), &url);
            if let Some(ct) = call.content_type() {
                req = req.header("content-type", ct).body(body.clone());
            }
            let outcome = req.send().await;
            let wait = match outcome {
                Ok(r) => {
                    let status = r.status().as_u16();
                    let retry_after = r
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    let bytes = r.bytes().await.map(|b| b.to_vec());
                    let retry = match (&bytes, status) {
                        (Ok(_), 429) => Some(retry_after.unwrap_or_default().max(backoff(attempt))),
                        (Ok(_), s) if s >= 500 && op.is_idempotent() => Some(backoff(attempt)),
                        (Err(_), _) if op.is_idempotent() => Some(backoff(attempt)),
                        _ => None,
                    };
                    match (retry, bytes) {
                        (Some(w), _) if attempt < self.attempts => w,
                        (_, Ok(body)) => {
                            return Ok(Sent {
                                status,
                                body,
                                attempts: attempt,
                            })
                        }
                        (_, Err(e)) => return Err(ClientError::Transport(cause(&e))),
                    }
                }
                Err(e) => {
                    let safe = e.is_connect() || op.is_idempotent();
                    if !(safe && attempt < self.attempts) {
                        return Err(ClientError::Transport(cause(&e)));
                    }
                    backoff(attempt)
                }
            };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn wait_for_token(&self, pool: Pool) {
        loop {
            let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let wait = {
                let mut buckets = match self.buckets.lock() {
                    Ok(b) => b,
                    Err(poisoned) => poisoned.into_inner(),
                };
                let bucket = buckets
                    .entry(pool)
                    .or_insert_with(|| Bucket::new(pool.budget()));
                bucket.take(now).err()
            };
            match wait {
                None => return,
                Some(ms) => tokio::time::sleep(Duration::from_millis(ms + 20)).await,
            }
        }
    }
}

/// The wait before attempt `attempt + 1`: 0.5 s doubling to 8 s, with up
/// to half of it again at random (clients refused together come back
/// apart).
fn backoff(attempt: u32) -> Duration {
    let base = 500u64.saturating_mul(1 << attempt.saturating_sub(1).min(4));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    Duration::from_millis(base + base * u64::from(nanos % 1000) / 2000)
}

/// A transport error's cause without its URL (which holds the key).
fn cause(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "the connection failed"
    };
    kind.to_string()
}

/// A value of a record, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` or absent.
    Null,
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A text.
    Text(String),
    /// A timestamp, in ISO 8601.
    Stamp(String),
    /// A list.
    List(Vec<Value>),
    /// A value without its documented form, as sent.
    Malformed(String),
}

/// One record of a list: its fields in the table's order (absent ones
/// left out).
pub type Record = Vec<(&'static str, Value)>;

/// A success, owned: what each generated method returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// `OK`, `+OK` or an empty 200.
    Ok,
    /// A new record's id (a campaign, an announcement, a contact…).
    Id(u64),
    /// A call's uuid.
    CallUuid(String),
    /// A download URL and, when the reply says, its expiry.
    Url {
        /// The URL.
        url: String,
        /// When it expires.
        expires_at: Option<String>,
    },
    /// A web-phone token.
    Token(String),
    /// DND's new state.
    Dnd {
        /// The extension.
        extension: String,
        /// On or off.
        on: bool,
    },
    /// A list and its pagination.
    Records {
        /// The records.
        records: Vec<Record>,
        /// The pagination, when the reply has one.
        pagination: Option<santral::cdr::Pagination>,
    },
    /// A document the typed readers read (CRM settings, call records), as
    /// received: `santral::crm` and `santral::cdr` read it.
    Json(String),
}

/// The PBX refused: its code, the status it sent, its text (a key masked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The core's code (`response.no_such_channel`).
    pub code: santral::Code,
    /// The HTTP status.
    pub status: u16,
    /// The text, any echoed key masked.
    pub text: String,
}

fn value(c: &santral::api::records::Cell<'_>) -> Value {
    use santral::api::records::{list_items, Cell};
    match c {
        Cell::Absent | Cell::Null => Value::Null,
        Cell::Int(n) => Value::Int(*n),
        Cell::Bool(b) => Value::Bool(*b),
        Cell::Text(t) => Value::Text(t.to_string()),
        Cell::Stamp(t) => Value::Stamp(t.iso().to_string()),
        Cell::List(raw) => {
            let mut items = Vec::new();
            list_items(raw, |i| items.push(value(&i)));
            Value::List(items)
        }
        Cell::Raw(raw) => Value::Malformed(String::from_utf8_lossy(raw).into_owned()),
    }
}

/// A reply read by the core, owned.
pub fn reply(op: Operation, status: u16, body: &[u8]) -> Result<Reply, ClientError> {
    use santral::api::Success;
    let mut sink = santral::diag::Counter::default();
    let unexpected = || {
        ClientError::Refused(Refusal {
            code: santral::Code::ResponseUnexpected,
            status,
            text: String::from_utf8_lossy(body).chars().take(200).collect(),
        })
    };
    Ok(match op.read_reply(status, body, &mut sink) {
        Err(f) => {
            return Err(ClientError::Refused(Refusal {
                code: f.code(),
                status,
                text: f.redacted().to_string(),
            }))
        }
        Ok(Success::Ok) => Reply::Ok,
        Ok(Success::Id(id) | Success::CampaignCreated(id)) => Reply::Id(id.get()),
        Ok(Success::CallStarted(u)) => Reply::CallUuid(u.as_str().into()),
        Ok(Success::Token(t)) => Reply::Token(t.into()),
        Ok(Success::Url { url, expires_at }) => Reply::Url {
            url: url.to_string(),
            expires_at: expires_at.map(|e| e.to_string()),
        },
        Ok(Success::Dnd { extension, state }) => Reply::Dnd {
            extension: extension.as_str().into(),
            on: state.is_on(),
        },
        Ok(Success::Records(list)) => {
            let mut records = Vec::new();
            let s = list.read(&mut sink, |row| {
                records.push(
                    row.iter()
                        .filter(|(_, c)| **c != santral::api::records::Cell::Absent)
                        .map(|(f, c)| (f.name, value(c)))
                        .collect(),
                );
                std::ops::ControlFlow::Continue(())
            });
            if s.errors > 0 {
                return Err(unexpected());
            }
            Reply::Records {
                records,
                pagination: s.pagination,
            }
        }
        Ok(Success::CrmSettings(_) | Success::Cdrs(_) | Success::Cdr(_)) => {
            Reply::Json(String::from_utf8_lossy(body).into_owned())
        }
    })
}

impl Client {
    /// Sends a request of `op` and reads its reply: what each generated
    /// method (`client.hangup(call_uuid)`, `client.list_contacts(&[])`…)
    /// calls.
    pub async fn call(&self, op: Operation, params: &[(&str, &str)]) -> Result<Reply, ClientError> {
        let sent = self.send(op, params).await?;
        reply(op, sent.status, &sent.body)
    }
}

/// The same client for code without an async runtime: each call runs on
/// a runtime of its own.
#[derive(Debug)]
pub struct BlockingClient {
    inner: Client,
    runtime: tokio::runtime::Runtime,
}

impl BlockingClient {
    /// A client of `key` against `base_url`.
    pub fn new(
        key: impl Into<String>,
        base_url: impl Into<String>,
    ) -> std::io::Result<BlockingClient> {
        Ok(BlockingClient {
            inner: Client::new(key, base_url),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?,
        })
    }

    /// The async client inside (to set `pace` and `attempts`).
    pub fn inner_mut(&mut self) -> &mut Client {
        &mut self.inner
    }

    /// Sends a request of `op` and reads its reply.
    pub fn call(&self, op: Operation, params: &[(&str, &str)]) -> Result<Reply, ClientError> {
        self.runtime.block_on(self.inner.call(op, params))
    }
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));
