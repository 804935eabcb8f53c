//! `santral simulate`: a local Bulut Santralim. It answers the vendor's
//! API on the vendor's paths with the vendor's statuses and texts (the
//! core reads each request and writes each answer), runs the campaigns it
//! is given on a simulated clock, and POSTs the webhooks the PBX would:
//! one campaign report per call attempt, and the call events the CRM
//! settings ask for. It owns only its state: campaigns, calls, the clock.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let sim = santral_server::Simulator::start(santral_server::Config::default()).await?;
//! println!("listening on http://{}", sim.addr());
//! sim.stop().await;
//! # Ok(()) }
//! ```

mod inbound;
mod office;
mod outcome;
mod pbx;
mod rng;
pub mod shop;
mod store;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use santral::api::incoming::{self, Context, Received, Refused};
use santral::api::{redact_target, Bucket, MaskedKey, Pool, Request as ApiRequest};
use santral::diag::{Diagnostic, Severity};
use santral::response::Failure;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Notify, Semaphore, SemaphorePermit};
use tokio::task::JoinHandle;

use crate::log::Log;
use pbx::{check_webhook, Clock, Hook, Pbx, Webhook};

pub use inbound::Inbound;
pub use santral::api::SAMPLE_KEY;

/// The address `santral simulate` listens on by default.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8095";

/// The extensions the simulated PBX has (1001 is the vendor's example;
/// 1005, from the vendor's failure example, is not one of them).
pub const DEFAULT_EXTENSIONS: [&str; 5] = ["1000", "1001", "1002", "1003", "1004"];

/// The default time compression: a simulated minute per real second.
pub const DEFAULT_SPEED: f64 = 60.0;

/// The largest request body accepted (a campaign of about a million leads);
/// a larger one is answered `413`.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// How long a request body may take to arrive by default; a slower one is
/// answered `408`.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// The most request-body bytes held at once, over all connections: a
/// request whose body would go past it waits for room (and times out), so
/// many large uploads at once cannot exhaust memory.
pub const BODY_BUDGET_BYTES: usize = 96 * 1024 * 1024;

/// How long a webhook receiver may take to answer.
pub const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);

/// The most diagnostics logged for one request (all are counted): the
/// core's default for every face.
const LOGGED_DIAGNOSTICS: usize = santral::check::DEFAULT_MAX_DIAGNOSTICS;

/// What the core found in one request: the first [`LOGGED_DIAGNOSTICS`]
/// kept, every one counted (a campaign may hold a million bad leads).
#[derive(Default)]
struct Findings {
    kept: Vec<Diagnostic>,
    total: usize,
    errors: usize,
}

impl Findings {
    fn add(&mut self, d: Diagnostic) {
        self.total += 1;
        self.errors += usize::from(d.severity == Severity::Error);
        if self.kept.len() < LOGGED_DIAGNOSTICS {
            self.kept.push(d);
        }
    }
}

/// What the simulator is started with.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen (port 0: any free port).
    pub listen: SocketAddr,
    /// The valid API keys (the vendor's sample key when empty).
    pub keys: Vec<String>,
    /// Seeds outcomes and uuids (from the clock when `None`).
    pub seed: Option<u64>,
    /// Simulated seconds per real second; 0 runs as fast as possible.
    pub speed: f64,
    /// The simulated clock's start, Unix seconds (now when `None`).
    pub clock: Option<i64>,
    /// Keep state in this SQLite file (in memory when `None`).
    pub state: Option<PathBuf>,
    /// Answer `429` above the vendor's rate budgets.
    pub rate_limits: bool,
    /// The PBX's extensions.
    pub extensions: Vec<String>,
    /// How long a request body may take to arrive.
    pub body_timeout: Duration,
    /// The accept loop's header deadline and connection cap (the
    /// gateway's defaults).
    pub limits: crate::listen::Limits,
    /// Where inbound calls go (`--routing`, read by the core); without
    /// it every number goes to queue 200.
    pub routing: Option<santral::routing::Routing<'static>>,
    /// Send webhooks to any host; by default only to this machine and
    /// private networks, named by address or `localhost` (a host name would
    /// mean a DNS lookup, and a POST, outside).
    pub allow_public_webhooks: bool,
    /// Where log lines go.
    pub log: Log,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8095)),
            keys: Vec::new(),
            seed: None,
            speed: DEFAULT_SPEED,
            clock: None,
            state: None,
            rate_limits: true,
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            body_timeout: BODY_TIMEOUT,
            limits: crate::listen::Limits::default(),
            allow_public_webhooks: false,
            routing: None,
            log: Log::stderr(),
        }
    }
}

/// What the HTTP handlers and the dialer share.
struct Shared {
    pbx: Mutex<Pbx>,
    wake: Notify,
    keys: Vec<String>,
    rate_limits: bool,
    buckets: Mutex<HashMap<(IpAddr, Pool), Bucket>>,
    started: Instant,
    http: reqwest::Client,
    body_timeout: Duration,
    /// [`BODY_BUDGET_BYTES`] in KiB permits.
    body_budget: Semaphore,
    log: Log,
    allow_public_webhooks: bool,
    routing: Option<santral::routing::Routing<'static>>,
    /// `http://ADDR`, once bound: the file URLs it issues point here.
    base_url: std::sync::OnceLock<String>,
}

impl Shared {
    fn pbx(&self) -> MutexGuard<'_, Pbx> {
        // A panic elsewhere cannot leave the state half-written: every
        // change is made under the lock in one step.
        self.pbx.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a webhook may go to `url`: any host with
    /// `--allow-public-webhooks`, else only a local or private one.
    fn may_call(&self, url: &str) -> Result<(), String> {
        if self.allow_public_webhooks {
            return Ok(());
        }
        let host = santral::lexical::Url::parse(url)
            .map(|u| u.host().to_owned())
            .unwrap_or_default();
        if santral::net::is_local_host(&host) {
            Ok(())
        } else {
            Err(format!(
                "{host} is not this machine or a private network, named by address \
                 (start with --allow-public-webhooks to send there)"
            ))
        }
    }

    fn flush_notes(&self) {
        let notes = std::mem::take(&mut self.pbx().notes);
        for n in notes {
            self.log.line(format_args!("{n}"));
        }
    }
}

/// A running simulator.
#[derive(Debug)]
pub struct Simulator {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<()>,
    dialer: JoinHandle<()>,
}

impl Simulator {
    /// Opens the state, binds the address and starts serving.
    pub async fn start(config: Config) -> std::io::Result<Simulator> {
        let now_s = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let seed = config.seed.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
        let start_ms = config.clock.unwrap_or(now_s) * 1000;
        let mut pbx = Pbx::new(
            Clock::new(config.speed, start_ms),
            seed,
            config.extensions.clone(),
        );
        if let Some(path) = &config.state {
            let store = store::Store::open(path).map_err(std::io::Error::other)?;
            let state = store.load().map_err(std::io::Error::other)?;
            pbx.restore(state).map_err(std::io::Error::other)?;
            config.log.line(format_args!(
                "state: {} ({} campaigns, {} call records)",
                path.display(),
                pbx.campaigns.len(),
                pbx.cdrs.len()
            ));
            pbx.store = Some(store);
        }
        let keys = if config.keys.is_empty() {
            vec![SAMPLE_KEY.to_string()]
        } else {
            config.keys.clone()
        };
        let http = reqwest::Client::builder()
            .timeout(WEBHOOK_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(std::io::Error::other)?;
        let shared = Arc::new(Shared {
            pbx: Mutex::new(pbx),
            wake: Notify::new(),
            keys,
            rate_limits: config.rate_limits,
            buckets: Mutex::new(HashMap::new()),
            started: Instant::now(),
            http,
            body_timeout: config.body_timeout,
            body_budget: Semaphore::new(BODY_BUDGET_BYTES / 1024),
            log: config.log.clone(),
            allow_public_webhooks: config.allow_public_webhooks,
            routing: config.routing.clone(),
            base_url: std::sync::OnceLock::new(),
        });
        let listener = TcpListener::bind(config.listen).await?;
        let addr = listener.local_addr()?;
        let _ = shared.base_url.set(format!("http://{addr}"));
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(crate::listen::serve(
            listener,
            app,
            config.limits.clone(),
            async {
                let _ = stopped.await;
            },
        ));
        let dialer = tokio::spawn(dialer(shared.clone()));
        let shown: Vec<String> = shared
            .keys
            .iter()
            .map(|k| {
                if k == SAMPLE_KEY {
                    k.clone()
                } else {
                    MaskedKey(k).to_string()
                }
            })
            .collect();
        config.log.line(format_args!(
            "santral simulate: listening on http://{addr} — valid key{}: {} — speed {}, seed {seed}, rate limits {}",
            if shown.len() == 1 { "" } else { "s" },
            shown.join(", "),
            config.speed,
            if config.rate_limits { "on" } else { "off" },
        ));
        shared.flush_notes();
        Ok(Simulator {
            addr,
            stop: Some(stop),
            server,
            dialer,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops serving and calling.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        self.dialer.abort();
        let _ = (&mut self.server).await;
    }

    /// Runs until the server stops (for the CLI: until Ctrl-C).
    pub async fn wait(mut self) {
        let _ = (&mut self.server).await;
    }
}

/// Moves the simulated clock along: handles each due event and sends its
/// webhooks, in order, before the next (so the same seed gives the same
/// sequence). The lock is never held while sending.
async fn dialer(shared: Arc<Shared>) {
    loop {
        let step = {
            let mut pbx = shared.pbx();
            match pbx.pop_due() {
                Some((at, e)) => Ok(pbx.process(at, e)),
                None => Err(pbx.next_at().map(|t| pbx.clock.real_wait(t))),
            }
        };
        shared.flush_notes();
        match step {
            Ok(hooks) => {
                for w in hooks {
                    send(&shared, w).await;
                }
            }
            // Nothing due: sleep until the next event, or until woken by a
            // new campaign or call.
            Err(Some(wait)) => {
                let _ = tokio::time::timeout(wait, shared.wake.notified()).await;
            }
            Err(None) => shared.wake.notified().await,
        }
    }
}

/// Sends one webhook and logs it.
async fn send(shared: &Shared, w: Webhook) {
    let what = match w.hook {
        Hook::Report => "report".to_string(),
        Hook::Event(e) => format!("event {e}"),
    };
    if let Err(errors) = check_webhook(&w) {
        // Never expected: the core built it. Say so loudly, and do not send.
        shared.log.line(format_args!(
            "BUG: the {what} for {} fails santral's own check ({errors} errors); not sent",
            w.about
        ));
        return;
    }
    if let Err(why) = shared.may_call(&w.url) {
        shared.log.line(format_args!(
            "webhook POST {} {what} ({}) refused: {why}",
            log_url(&w.url),
            w.about
        ));
        return;
    }
    let started = Instant::now();
    let result = shared
        .http
        .post(&w.url)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(w.body)
        .send()
        .await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let url = log_url(&w.url);
    match result {
        Ok(r) => shared.log.line(format_args!(
            "webhook POST {url} {what} ({}) → {} {ms:.1} ms",
            w.about,
            r.status().as_u16()
        )),
        // reqwest's message quotes the whole URL: dropped, it is logged above.
        Err(e) => shared.log.line(format_args!(
            "webhook POST {url} {what} ({}) failed after {ms:.1} ms: {}",
            w.about,
            error_chain(&e.without_url())
        )),
    }
}

/// A URL for the log: user, password, query and fragment may hold a
/// secret, so they are left out.
fn log_url(url: &str) -> santral::lexical::UrlForLog<'_> {
    santral::lexical::UrlForLog(url)
}

pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

/// POSTs the empty body the PBX sends to verify a URL; true on `200`.
async fn verify(shared: &Shared, url: &str, body: &'static str) -> Result<(), String> {
    if let Err(why) = shared.may_call(url) {
        shared.log.line(format_args!(
            "webhook POST {} verification refused: {why}",
            log_url(url)
        ));
        return Err(why);
    }
    let started = Instant::now();
    let result = shared
        .http
        .post(url)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let verdict = match result {
        Ok(r) if r.status() == StatusCode::OK => Ok(()),
        Ok(r) => Err(format!("answered {}", r.status().as_u16())),
        // Without the URL: it may carry a password or a token.
        Err(e) => Err(error_chain(&e.without_url())),
    };
    shared.log.line(format_args!(
        "webhook POST {} verification → {} {ms:.1} ms",
        log_url(url),
        match &verdict {
            Ok(()) => "200".to_string(),
            Err(e) => e.clone(),
        }
    ));
    verdict
}

/// An answer: status, content type, body.
struct Answer {
    status: u16,
    json: bool,
    body: String,
    /// The operation the core read the request as (sent as
    /// `X-Santral-Operation`: the simulator's own header, for tests).
    operation: Option<santral::api::Operation>,
    /// For a 405: the methods the path answers.
    allow: String,
    /// A type other than text or JSON (a document).
    content_type: Option<&'static str>,
}

impl From<office::Reply> for Answer {
    fn from(r: office::Reply) -> Answer {
        match r {
            office::Reply::Text(status, body) => Answer::text(status, body),
            office::Reply::Json(body) => Answer::json(body),
        }
    }
}

impl Answer {
    fn text(status: u16, body: impl Into<String>) -> Answer {
        Answer {
            status,
            json: false,
            body: body.into(),
            operation: None,
            allow: String::new(),
            content_type: None,
        }
    }

    fn json(body: String) -> Answer {
        Answer {
            status: 200,
            json: true,
            body,
            operation: None,
            allow: String::new(),
            content_type: None,
        }
    }

    fn failure(f: &Failure<'_>) -> Answer {
        Answer::text(f.status(), f.to_string())
    }
}

/// Every request: rate budget, the core's reading, the PBX's state, one log line.
async fn handle(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let target = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let path = request.uri().path().to_owned();
    if let Some(what) = path.strip_prefix(CONTROL_PATH) {
        let response = control(&shared, peer, what, request).await;
        shared.log.line(format_args!(
            "{} {method} {path} → {}",
            peer.ip(),
            response.status().as_u16()
        ));
        return response;
    }
    if let Some(token) = path.strip_prefix(FILES_PATH) {
        let response = serve_file(&shared, token);
        shared.log.line(format_args!(
            "{} {method} {FILES_PATH}… → {}",
            peer.ip(),
            response.status().as_u16()
        ));
        return response;
    }
    let mut findings = Findings::default();
    let mut extra = Vec::new();
    let answer = 'answer: {
        if shared.rate_limits {
            let pool = Pool::of_path(&path);
            let now = shared.started.elapsed().as_millis() as u64;
            let mut buckets = shared.buckets.lock().unwrap_or_else(|e| e.into_inner());
            let bucket = buckets
                .entry((peer.ip(), pool))
                .or_insert_with(|| Bucket::new(pool.budget()));
            if let Err(wait_ms) = bucket.take(now) {
                let secs = wait_ms.div_ceil(1000).max(1);
                extra.push((header::RETRY_AFTER, secs.to_string()));
                extra.push((
                    header::HeaderName::from_static("x-santral-pool"),
                    pool.to_string(),
                ));
                break 'answer Answer::failure(&Failure::RateLimited);
            }
        }
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let read = tokio::time::timeout(
            shared.body_timeout,
            read_body(request.into_body(), declared, &shared.body_budget),
        )
        .await;
        // The permits stay held until the answer is built.
        let (body, _permits) = match read {
            Ok(Ok(b)) => b,
            Ok(Err(BodyError::TooLarge)) => break 'answer Answer::text(413, "Payload Too Large"),
            Ok(Err(BodyError::Broken)) => break 'answer Answer::text(400, "Bad Request"),
            Err(_) => break 'answer Answer::text(408, "Request Timeout"),
        };
        let a = execute(&shared, method.as_str(), &target, &body, &mut findings).await;
        if a.status == 405 && !a.allow.is_empty() {
            extra.push((header::ALLOW, a.allow.clone()));
        }
        if let Some(op) = a.operation {
            extra.push((
                header::HeaderName::from_static("x-santral-operation"),
                op.as_str().to_owned(),
            ));
        }
        a
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    shared.log.line(format_args!(
        "{} {} {} → {} {ms:.1} ms",
        peer.ip(),
        method,
        redact_target(&target),
        answer.status
    ));
    for d in &findings.kept {
        shared
            .log
            .line(format_args!("  {}", crate::log::diagnostic_line(d)));
    }
    if findings.total > findings.kept.len() {
        shared.log.line(format_args!(
            "  … {} more ({} errors in all)",
            findings.total - findings.kept.len(),
            findings.errors
        ));
    }
    shared.flush_notes();
    let mut response = Response::builder()
        .status(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(
            header::CONTENT_TYPE,
            match (answer.content_type, answer.json) {
                (Some(t), _) => t,
                (None, true) => "application/json; charset=utf-8",
                (None, false) => "text/plain; charset=utf-8",
            },
        )
        .body(Body::from(answer.body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    for (name, value) in extra {
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, v);
        }
    }
    response
}

/// The simulator's own control surface (`santral simulate trigger …`),
/// outside the vendor's paths and answered to this machine only:
/// `POST /_simulator/inbound` (`from`, `to`, `digits`…, `speech`…),
/// `POST /_simulator/agent` (`extension`, `status`, `reason`),
/// `POST /_simulator/fax-in` (`from`, `to`), each a form.
pub const CONTROL_PATH: &str = "/_simulator/";

async fn control(shared: &Shared, peer: SocketAddr, what: &str, request: Request) -> Response {
    let local = peer.ip().to_canonical().is_loopback();
    if !local {
        return (
            StatusCode::FORBIDDEN,
            "the control surface answers this machine only",
        )
            .into_response();
    }
    if what.starts_with("files/") {
        return serve_file(shared, what.trim_start_matches("files/"));
    }
    if request.method() != axum::http::Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "POST")],
            "Method Not Allowed",
        )
            .into_response();
    }
    let body = match tokio::time::timeout(
        shared.body_timeout,
        read_body(request.into_body(), None, &shared.body_budget),
    )
    .await
    {
        Ok(Ok((b, _))) => b,
        _ => return (StatusCode::BAD_REQUEST, "Bad Request").into_response(),
    };
    let form = santral::form::Form::new(&body);
    let all = |name: &str| -> Vec<String> {
        form.pairs()
            .filter(|p| p.name.eq_str(name))
            .map(|p| {
                let mut buf = vec![0u8; p.value.raw().len()];
                p.value.decode_into(&mut buf).unwrap_or("").to_string()
            })
            .collect()
    };
    let one = |name: &str| all(name).into_iter().next().unwrap_or_default();
    let json = |v: serde_json::Value| {
        ([(header::CONTENT_TYPE, "application/json")], v.to_string()).into_response()
    };
    match what {
        "inbound" => {
            let t = Inbound {
                from: one("from"),
                to: one("to"),
                digits: all("digits"),
                speech: all("speech"),
            };
            match inbound::place(shared, t).await {
                Ok(v) => json(v),
                Err((status, why)) => (
                    StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
                    why,
                )
                    .into_response(),
            }
        }
        "agent" => {
            let ext = one("extension");
            let status = one("status");
            let mut pbx = shared.pbx();
            if !["AVAILABLE", "LOGGED_OUT", "ON_BREAK"].contains(&status.as_str()) {
                return (
                    StatusCode::BAD_REQUEST,
                    "status must be AVAILABLE, LOGGED_OUT or ON_BREAK",
                )
                    .into_response();
            }
            let reason = one("reason");
            let Some(e) = pbx.office.extensions.get_mut(&ext) else {
                return (StatusCode::NOT_FOUND, format!("extension {ext} not found"))
                    .into_response();
            };
            e.agent_status = status.clone();
            e.break_description = (status == "ON_BREAK" && !reason.is_empty()).then_some(reason);
            pbx.office_changed = true;
            pbx.save();
            json(serde_json::json!({"extension": ext, "status": status}))
        }
        "fax-in" => {
            let from = one("from");
            if santral::phone::Phone::parse_with(&from, santral::phone::Options::LENIENT).is_err() {
                return (StatusCode::BAD_REQUEST, "from is invalid").into_response();
            }
            let mut pbx = shared.pbx();
            let now = pbx.clock.now_ms();
            let to = Some(one("to"))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| office::CALLER_IDS[1].to_string());
            let call_uuid = pbx.rng.uuid();
            let id = pbx.office.next_id;
            pbx.office.next_id += 1;
            pbx.office.faxes.push(office::Fax {
                id,
                call_uuid: call_uuid.clone(),
                direction: "Gelen".into(),
                local_station_id: to,
                local_station_header: String::new(),
                remote_station_id: from,
                created_ms: now,
                done_ms: now + office::FAX_MS,
                pages: 1,
                success: true,
            });
            pbx.schedule(now + office::FAX_MS, pbx::Event::Due);
            pbx.office_changed = true;
            pbx.save();
            shared.wake.notify_one();
            json(serde_json::json!({"call_uuid": call_uuid}))
        }
        _ => (StatusCode::NOT_FOUND, "Not Found").into_response(),
    }
}

/// Sends one trigger to a running simulator's control surface
/// (`santral simulate trigger`): the status and the body.
pub async fn trigger(
    base: &str,
    what: &str,
    form: &[(&str, &str)],
) -> Result<(u16, String), String> {
    let body: String = form
        .iter()
        .map(|(k, v)| format!("{}={}", santral::form::Encode(k), santral::form::Encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let r = reqwest::Client::new()
        .post(format!(
            "{}{CONTROL_PATH}{what}",
            base.trim_end_matches('/')
        ))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| error_chain(&e))?;
    let status = r.status().as_u16();
    Ok((status, r.text().await.map_err(|e| error_chain(&e))?))
}

/// Where the files the PBX issues URLs for are served: recordings and
/// voicemail (WAV), fax documents (PDF), each for an hour of simulated
/// time after its URL was issued.
pub const FILES_PATH: &str = "/_simulator/files/";

fn serve_file(shared: &Shared, token: &str) -> Response {
    let pbx = shared.pbx();
    let now = pbx.clock.now_ms();
    let (kind, body) = match pbx.office.links.get(token) {
        Some(l) if l.expires_ms > now && l.kind == "pdf" => ("application/pdf", office::fax_pdf()),
        Some(l) if l.expires_ms > now => ("audio/wav", office::silence_wav()),
        Some(_) => return (StatusCode::GONE, "the URL has expired").into_response(),
        None => return (StatusCode::NOT_FOUND, "Not Found").into_response(),
    };
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// Why a body could not be read.
enum BodyError {
    /// Over [`MAX_BODY_BYTES`].
    TooLarge,
    /// The connection broke.
    Broken,
}

/// Reads a body frame by frame, taking room from the shared budget as it
/// grows; a declared length over the limit is refused before reading.
async fn read_body<'b>(
    body: Body,
    declared: Option<u64>,
    budget: &'b Semaphore,
) -> Result<(Bytes, Option<SemaphorePermit<'b>>), BodyError> {
    use http_body_util::BodyExt;
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut body = body;
    let mut data = Vec::new();
    let mut held: Option<SemaphorePermit<'b>> = None;
    let mut held_kib = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| BodyError::Broken)?;
        let Ok(chunk) = frame.into_data() else {
            continue;
        };
        if data.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(BodyError::TooLarge);
        }
        data.extend_from_slice(&chunk);
        let want = data.len().div_ceil(1024);
        if want > held_kib {
            let more = budget
                .acquire_many(u32::try_from(want - held_kib).unwrap_or(u32::MAX))
                .await
                .map_err(|_| BodyError::Broken)?;
            match &mut held {
                Some(p) => p.merge(more),
                None => held = Some(more),
            }
            held_kib = want;
        }
    }
    Ok((Bytes::from(data), held))
}

/// Reads the request with the core, then does what it asks.
async fn execute(
    shared: &Shared,
    method: &str,
    target: &str,
    body: &Bytes,
    findings: &mut Findings,
) -> Answer {
    let today = shared.pbx().clock.today();
    // Decoded values are never longer than the target and the body; the
    // core reads a request in up to three passes.
    let mut buf = vec![0u8; 3 * (target.len() + body.len()) + 256];
    let reading = pbx::CampaignReading::new(today.unwrap_or(santral::time::Date::MIN));
    let received = {
        let is_key = |k: &str| shared.keys.iter().any(|v| v == k);
        let ctx = Context {
            today,
            is_key: &is_key,
            on_campaign: Some(&reading),
        };
        let mut sink = |d: Diagnostic| {
            findings.add(d);
            std::ops::ControlFlow::Continue(())
        };
        incoming::receive(method, target, body, &mut buf, &ctx, &mut sink)
    };
    let request = match received {
        Ok(Received::Typed(r)) => r,
        // The newer set's `GET /fax_document/{id}`: the document itself.
        Ok(Received::Routed(r))
            if r.op == santral::api::Operation::FaxDocumentUrl
                && target.starts_with("/fax_document/") =>
        {
            let pbx = shared.pbx();
            let now = pbx.clock.now_ms();
            let id = r.get("call_uuid").unwrap_or("");
            let found = pbx
                .office
                .faxes
                .iter()
                .any(|f| f.done_ms <= now && (f.call_uuid == id || f.id.to_string() == id));
            let mut answer = if found {
                let mut a = Answer::text(
                    200,
                    String::from_utf8_lossy(&office::fax_pdf()).into_owned(),
                );
                a.content_type = Some("application/pdf");
                a
            } else {
                Answer::from(office::failure(
                    r.op,
                    santral::diag::Code::ResponseCallNotFound,
                    id,
                ))
            };
            answer.operation = Some(r.op);
            return answer;
        }
        Ok(Received::Routed(r)) => {
            let mut answer = routed(shared, &r);
            answer.operation = Some(r.op);
            return answer;
        }
        Err(refusal) => return refused(&refusal),
    };
    let op = request.operation();
    let mut answer = typed(shared, request, op, reading.take()).await;
    answer.operation = Some(op);
    answer
}

/// Any operation but the eight typed ones: the call model or the office.
fn routed(shared: &Shared, r: &santral::api::route::Routed<'_>) -> Answer {
    let mut pbx = shared.pbx();
    if let Some(reply) = pbx.call_control(r) {
        shared.wake.notify_one();
        return Answer::from(reply);
    }
    let pbx = &mut *pbx;
    let talking = pbx.talking();
    let cdrs = &pbx.cdrs;
    let has_cdr = |uuid: &str| cdrs.iter().any(|(u, _)| u == uuid);
    let rng = &mut pbx.rng;
    let mut uuid = || rng.uuid();
    let mut ctx = office::Ctx {
        now: pbx.clock.now_ms(),
        base_url: shared.base_url.get().map_or("", String::as_str),
        uuid: &mut uuid,
        talking: &talking,
        has_cdr: &has_cdr,
    };
    let before = pbx.office.clone();
    let reply = office::execute(&mut pbx.office, r, &mut ctx);
    if r.op == santral::api::Operation::SendFax {
        let done = pbx.clock.now_ms() + office::FAX_MS;
        pbx.schedule(done, pbx::Event::Due);
        shared.wake.notify_one();
    }
    if pbx.office != before {
        pbx.office_changed = true;
        pbx.save();
    }
    match reply {
        Some(reply) => Answer::from(reply),
        None => Answer::text(404, "Not Found"),
    }
}

/// The eight operations with a typed request (`campaign`: a created
/// campaign as the core read it).
async fn typed(
    shared: &Shared,
    request: ApiRequest<'_>,
    op: santral::api::Operation,
    campaign: Option<pbx::Campaign>,
) -> Answer {
    match request {
        ApiRequest::CreateCampaign { body } => {
            let Some(c) = campaign else {
                return Answer::text(500, "the campaign was not read");
            };
            if let Some(url) = &c.webhook_url {
                if verify(shared, url, "").await.is_err() {
                    return Answer::failure(&Failure::UrlNotVerified {
                        field: santral::campaign::Field::WebhookUrl.name(),
                    });
                }
            }
            let id = shared.pbx().create_campaign(c, body);
            shared.wake.notify_one();
            Answer::text(200, id.to_string())
        }
        ApiRequest::DeleteCampaign { id, .. } => {
            if shared.pbx().delete_campaign(id.get()) {
                Answer::text(200, op.ok_body())
            } else {
                not_found(id)
            }
        }
        ApiRequest::SetCampaignStatus { id, status, .. } => {
            if shared.pbx().set_status(id.get(), status) {
                shared.wake.notify_one();
                Answer::text(200, op.ok_body())
            } else {
                not_found(id)
            }
        }
        ApiRequest::GetCrmSettings { .. } => Answer::json(shared.pbx().crm_json()),
        ApiRequest::UpdateCrmSettings(u) => {
            // The PBX tests the URL with `{}` (report_event.md's curl).
            if verify(shared, u.notification_url, "{}").await.is_err() {
                return Answer::failure(&Failure::UrlNotVerified {
                    field: santral::crm::Field::NotificationUrl.name(),
                });
            }
            shared.pbx().update_crm(&u);
            Answer::text(200, op.ok_body())
        }
        ApiRequest::Originate(o) => {
            let started = shared.pbx().originate(&o);
            match started {
                Some(uuid) => {
                    shared.wake.notify_one();
                    Answer::text(200, uuid)
                }
                None => Answer::failure(&Failure::ExtensionNotFound {
                    extension: o.extension.as_str(),
                }),
            }
        }
        ApiRequest::ListCdrs(q) => Answer::json(shared.pbx().list_cdrs(&q)),
        ApiRequest::GetCdr { call_uuid, .. } => match shared.pbx().cdr(call_uuid.as_str()) {
            Some(detail) => Answer::json(detail),
            None => Answer::failure(&Failure::CallNotFound {
                uuid: call_uuid.as_str(),
            }),
        },
    }
}

fn not_found(id: santral::lexical::Id) -> Answer {
    let id = id.to_string();
    Answer::failure(&Failure::CampaignNotFound { id: &id })
}

fn refused(r: &Refused<'_>) -> Answer {
    let mut a = Answer::text(r.status(), r.to_string());
    a.allow = r.allow().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
    a
}
