//! `santral serve`: the webhook gateway. It receives the PBX's call
//! events and campaign reports, checks each with the core, keeps every
//! one it accepts in the database *before* answering 200 (the PBX takes
//! a 200 as delivered), and delivers them to its sinks — Logo CRM's
//! `IPS_callAnswered`, or any webhook as JSON — retrying until each sink
//! has it. Nothing accepted is lost: not when a sink is down, not when
//! the gateway is killed.
//!
//! ```no_run
//! # async fn run() -> Result<(), String> {
//! let text = std::fs::read("santral-gateway.toml").map_err(|e| e.to_string())?;
//! let (settings, _warnings) = santral_server::gateway::Settings::from_toml(text).map_err(|d| format!("{d:?}"))?;
//! let gw = santral_server::gateway::Gateway::start(settings).await?;
//! println!("listening on http://{}", gw.addr());
//! gw.stop().await;
//! # Ok(()) }
//! ```

mod deliver;
mod metrics;
mod settings;
mod store;
mod ui;

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use santral::event::CallEvent;
use santral::gateway::SinkKind;
use santral::logo::{self, LogoOptions};
use santral::receiver::{self, Answer, Outcome};
use santral::report::CampaignReport;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch, Notify};
use tokio::task::JoinHandle;

pub use deliver::{CIRCUIT_THRESHOLD, IDEMPOTENCY_KEY, IN_FLIGHT, LEASE_MARGIN};
pub use settings::{DatabaseUrl, Settings, SinkSettings, BODY_LIMIT};
pub use store::{now_ms, Exported, Purged, SinkState, Status, Store};

struct Shared {
    settings: Arc<Settings>,
    store: Store,
    metrics: Arc<metrics::Metrics>,
    wake: Vec<Arc<Notify>>,
}

/// A running gateway.
#[derive(Debug)]
pub struct Gateway {
    addr: SocketAddr,
    stop_server: Option<oneshot::Sender<()>>,
    stop_workers: watch::Sender<bool>,
    server: JoinHandle<()>,
    workers: Vec<JoinHandle<()>>,
}

impl Gateway {
    /// Opens the database, binds, and starts receiving and delivering.
    pub async fn start(settings: Settings) -> Result<Gateway, String> {
        let store = Store::open_for_serving(&settings.database).await?;
        let listener = TcpListener::bind(settings.listen)
            .await
            .map_err(|e| format!("{}: {e}", settings.listen))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let settings = Arc::new(settings);
        let metrics = Arc::new(metrics::Metrics {
            connection_cap_reached: settings.limits.capped.clone(),
            ..metrics::Metrics::new(settings.sinks.iter().map(|s| s.name.clone()))
        });
        let wake: Vec<Arc<Notify>> = settings
            .sinks
            .iter()
            .map(|_| Arc::new(Notify::new()))
            .collect();
        let (stop_workers, stopped) = watch::channel(false);
        // This replica's name on its leases and in `gateway status`.
        let host = std::fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_owned())
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "host".to_owned());
        let owner: Arc<str> =
            format!("{host}:{}:{}", std::process::id(), now_ms() % 100_000).into();
        let workers: Vec<JoinHandle<()>> = settings
            .sinks
            .iter()
            .zip(&wake)
            .map(|(sink, w)| {
                tokio::spawn(deliver::worker(
                    settings.clone(),
                    Arc::new(sink.clone()),
                    store.clone(),
                    metrics.clone(),
                    w.clone(),
                    owner.clone(),
                    stopped.clone(),
                ))
            })
            .collect();
        // Callers' numbers no longer than `retention_days`: a purge at the
        // start and every hour (each replica's is the same statement).
        let mut purge_stop = stopped.clone();
        let purge_store = store.clone();
        let purge_settings = settings.clone();
        let purger = tokio::spawn(async move {
            loop {
                match purge_store.purge(now_ms(), purge_settings.retention).await {
                    Ok(p) if p != Purged::default() => purge_settings.log.line(format_args!(
                        "purge: bodies removed from {} call events, {} campaign reports, {} refused bodies past their retention",
                        p.call_events, p.campaign_reports, p.rejected
                    )),
                    Ok(_) => {}
                    Err(e) => purge_settings.log.line(format_args!("purge: database: {e}")),
                }
                tokio::select! {
                    _ = tokio::time::sleep(std::time::Duration::from_secs(3600)) => {}
                    _ = purge_stop.changed() => return,
                }
            }
        });
        let shared = Arc::new(Shared {
            settings: settings.clone(),
            store,
            metrics,
            wake,
        });
        let app = Router::new().fallback(handle).with_state(shared);
        let (stop_server, stop) = oneshot::channel::<()>();
        let server = tokio::spawn(crate::listen::serve(
            listener,
            app,
            settings.limits.clone(),
            async {
                let _ = stop.await;
            },
        ));
        let sinks: Vec<String> = settings
            .sinks
            .iter()
            .map(|s| format!("{} ({})", s.name, s.config.kind))
            .collect();
        settings.log.line(format_args!(
            "santral serve: listening on http://{addr} — events {} — reports {} — database {} — sinks: {}",
            settings.shown_path(&settings.full_path(&settings.events_path)),
            settings.shown_path(&settings.full_path(&settings.reports_path)),
            settings.database.shown(),
            if sinks.is_empty() { "none".to_owned() } else { sinks.join(", ") }
        ));
        let mut workers = workers;
        workers.push(purger);
        Ok(Gateway {
            addr,
            stop_server: Some(stop_server),
            stop_workers,
            server,
            workers,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops gracefully: requests in flight are answered, then the
    /// workers finish their current attempts.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop_server.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.server).await;
        let _ = self.stop_workers.send(true);
        for w in self.workers.drain(..) {
            let _ = w.await;
        }
    }
}

/// An answer.
fn answer(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn text(status: StatusCode, body: &'static str) -> Response {
    answer(status, "text/plain; charset=utf-8", body)
}

/// Writes the core's answer.
fn reply(a: &Answer<'_>) -> Response {
    let mut r = Response::builder()
        .status(a.status())
        .header(header::CONTENT_TYPE, a.content_type());
    if let Some(allow) = a.allow() {
        r = r.header(header::ALLOW, allow);
    }
    r.body(Body::from(a.body().to_string()))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The gateway's own pages: health, metrics and the operator page.
#[derive(Clone, Copy)]
enum Page {
    Health,
    Metrics,
    /// The operator page, and its replay form.
    Ui,
    UiReplay,
}

fn page(path: &str) -> Option<Page> {
    match path {
        "/healthz" => Some(Page::Health),
        "/metrics" => Some(Page::Metrics),
        "/ui" => Some(Page::Ui),
        "/ui/replay" => Some(Page::UiReplay),
        _ => None,
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let started = Instant::now();
    let s = &shared.settings;
    // Every X-Forwarded-For line in order, as bytes: HAProxy appends a
    // line of its own after the client's.
    let mut lines = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .peekable();
    let forwarded: Option<Vec<u8>> = lines.peek().is_some().then(|| {
        let mut joined = Vec::new();
        for (i, v) in lines.enumerate() {
            if i > 0 {
                joined.extend_from_slice(b", ");
            }
            joined.extend_from_slice(v.as_bytes());
        }
        joined
    });
    let path = request.uri().path().to_owned();
    // Log lines never carry the secret segment.
    let shown = s.shown_path(&path);
    let method = request.method().clone();
    if let Some(which) = page(&path) {
        return own_page(&shared, which, peer, forwarded.as_deref(), request).await;
    }
    let peer_text = peer.ip().to_string();
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.as_bytes().to_vec());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let query = request.uri().query().unwrap_or("").to_owned();
    let config = s.receiver();
    let head = receiver::Request {
        method: method.as_str(),
        path: path.as_bytes(),
        query: query.as_bytes(),
        peer: &peer_text,
        forwarded_for: forwarded.as_deref(),
        content_type: content_type.as_deref(),
        content_length: declared,
        body: b"",
    };
    if let Err(refused) = receiver::head(&config, &head) {
        let answer = refused.outcome.answer().unwrap_or(Answer::NotFound);
        if answer == Answer::Forbidden {
            shared.metrics.forbidden.fetch_add(1, Ordering::Relaxed);
            match refused.client {
                Some(client) => s
                    .log
                    .line(format_args!("refused {method} {shown} from {client} → 403")),
                // A trusted proxy forwarded no address: refused, never
                // taken to come from the proxy.
                None => s.log.line(format_args!(
                    "refused {method} {shown} from an unknown client behind {} → 403",
                    peer.ip()
                )),
            }
        }
        return reply(&answer);
    }
    let body = match tokio::time::timeout(
        s.body_timeout,
        axum::body::to_bytes(request.into_body(), s.body_limit),
    )
    .await
    {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => return reply(&Answer::TooLarge),
        Err(_) => return reply(&Answer::Timeout),
    };
    let whole = receiver::Request {
        body: &body,
        ..head
    };
    let response = receive(&shared, receiver::receive(&config, &whole), &path, &body).await;
    shared.metrics.request_latency.observe(started.elapsed());
    response
}

/// Health, metrics and the operator page: the allow-list or this machine
/// (the monitoring agent, an operator on the host).
async fn own_page(
    shared: &Shared,
    which: Page,
    peer: SocketAddr,
    forwarded: Option<&[u8]>,
    request: Request,
) -> Response {
    let s = &shared.settings;
    let method = request.method().clone();
    let shown = request.uri().path().to_owned();
    let Some(client) = santral::net::client_address(peer.ip(), forwarded, &s.trusted_proxies)
    else {
        shared.metrics.forbidden.fetch_add(1, Ordering::Relaxed);
        s.log.line(format_args!(
            "refused {method} {shown} from an unknown client behind {} → 403",
            peer.ip()
        ));
        return reply(&Answer::Forbidden);
    };
    if !(santral::net::is_allowed(&s.allow, client) || client.is_loopback()) {
        shared.metrics.forbidden.fetch_add(1, Ordering::Relaxed);
        s.log
            .line(format_args!("refused {method} {shown} from {client} → 403"));
        return reply(&Answer::Forbidden);
    }
    match which {
        Page::Ui | Page::UiReplay => {
            operator_page(shared, which, client.is_loopback(), request).await
        }
        _ if method != axum::http::Method::GET => {
            text(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
        }
        Page::Health => text(StatusCode::OK, "ok"),
        Page::Metrics => {
            let depth = shared
                .store
                .status()
                .await
                .map(|st| {
                    st.deliveries
                        .iter()
                        .filter(|d| d.1 == "pending")
                        .map(|d| (d.0.clone(), d.2))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            answer(
                StatusCode::OK,
                "text/plain; version=0.0.4",
                shared.metrics.render(&depth),
            )
        }
    }
}

/// `/ui` and `/ui/replay`: the core says who may (loopback, or the
/// token); a replay must come from the page itself (no cross-site form).
async fn operator_page(shared: &Shared, which: Page, loopback: bool, request: Request) -> Response {
    let query = request.uri().query().unwrap_or("").to_owned();
    let post = request.method() == axum::http::Method::POST;
    if matches!(which, Page::Ui) == post {
        return text(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
    }
    let same_origin = match (
        request
            .headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok()),
        request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok()),
    ) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, h)| h == host),
        (Some(_), None) => false,
    };
    let form = if post {
        match axum::body::to_bytes(request.into_body(), 4096).await {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(_) => return text(StatusCode::PAYLOAD_TOO_LARGE, "Payload Too Large"),
        }
    } else {
        String::new()
    };
    let token = ui::field(if post { &form } else { &query }, "token");
    let s = &shared.settings;
    if !santral::gateway::ui_allows(
        loopback,
        s.ui_token.as_deref(),
        token.as_deref().map(str::as_bytes),
    ) {
        shared.metrics.forbidden.fetch_add(1, Ordering::Relaxed);
        s.log
            .line(format_args!("refused the operator page: no ui_token → 403"));
        return text(StatusCode::FORBIDDEN, "Forbidden");
    }
    let token = token.filter(|_| !loopback);
    match which {
        Page::UiReplay if !same_origin => text(StatusCode::FORBIDDEN, "Forbidden"),
        Page::UiReplay => ui::replay(shared, &form, token.as_deref()).await,
        _ => ui::page(shared, &query, token.as_deref()).await,
    }
}

/// Keeps what the core handed over and answers.
async fn receive(
    shared: &Shared,
    received: receiver::Received<'_>,
    path: &str,
    body: &Bytes,
) -> Response {
    let s = &shared.settings;
    let shown = s.shown_path(path);
    let m = &shared.metrics;
    match received.route {
        Some(receiver::Route::Events) => m.received_events.fetch_add(1, Ordering::Relaxed),
        _ => m.received_reports.fetch_add(1, Ordering::Relaxed),
    };
    let (job, note) = match received.outcome {
        Outcome::CallEvent(e) => event_job(s, &e, body),
        Outcome::CampaignReport(r) => report_job(s, &r, body),
        Outcome::Answer(Answer::Ping) => {
            // The PBX checks the URL with an empty body: 200, nothing kept.
            m.pings.fetch_add(1, Ordering::Relaxed);
            return reply(&Answer::Ping);
        }
        Outcome::Answer(invalid @ Answer::Invalid(i)) => {
            m.rejected.fetch_add(1, Ordering::Relaxed);
            let json = invalid.body().to_string();
            let kept = body.get(..body.len().min(64 * 1024)).unwrap_or(&[]);
            if let Err(e) = shared.store.reject(path, &json, kept).await {
                s.log.line(format_args!("database: {e}"));
            }
            s.log.line(format_args!(
                "POST {shown} → 400 rejected ({})",
                i.first_error().map_or("invalid".to_owned(), |d| format!(
                    "{} at {}",
                    d.code, d.path
                ))
            ));
            return reply(&invalid);
        }
        Outcome::Answer(other) => return reply(&other),
        // The gateway serves no routing route (its settings turn it off).
        Outcome::Advisory(_) => return reply(&Answer::NotFound),
    };
    let key = job.key.clone();
    let sinks = job.deliveries.len();
    match shared.store.accept(job).await {
        Ok(store::Accepted::Stored(_)) => {
            m.stored.fetch_add(1, Ordering::Relaxed);
            for w in &shared.wake {
                w.notify_one();
            }
            s.log.line(format_args!(
                "POST {shown} → 200 stored key={key} {note} sinks={sinks}"
            ));
            reply(&Answer::Ok)
        }
        Ok(store::Accepted::Duplicate) => {
            m.duplicates.fetch_add(1, Ordering::Relaxed);
            s.log
                .line(format_args!("POST {shown} → 200 duplicate key={key}"));
            reply(&Answer::Ok)
        }
        Err(e) => {
            // Not kept: the PBX must send it again.
            s.log.line(format_args!("POST {shown} → 503 database: {e}"));
            reply(&Answer::NotKept)
        }
    }
}

/// The job of a call event: what each sink gets, and a log note (the
/// caller's number masked).
fn event_job(s: &Settings, e: &CallEvent<'_>, body: &[u8]) -> (store::Job, String) {
    let key = e.idempotency_key().to_string();
    let call_key = decoded(e.call_uuid);
    let mut deliveries = Vec::new();
    for sink in &s.sinks {
        match sink.config.kind {
            SinkKind::Webhook => {
                deliveries.push((sink.name.clone(), e.json().to_string().into_bytes()))
            }
            SinkKind::LogoCrm => {
                let extension = logo::extension_of(e).map(|p| p.national_number().to_owned());
                let agent = extension.as_deref().and_then(|x| sink.agent_for(x));
                let options = LogoOptions {
                    trigger: sink.config.trigger,
                    agent_id: agent.as_deref(),
                    caller_form: sink.config.caller_form,
                    keypress: sink.config.keypress,
                };
                match logo::from_event(e, &options) {
                    Ok(Some(call)) => {
                        deliveries.push((sink.name.clone(), call.to_string().into_bytes()))
                    }
                    Ok(None) => {}
                    Err(err) => s.log.line(format_args!(
                        "sink {}: not for Logo CRM: {} ({key})",
                        sink.name, err.code
                    )),
                }
            }
        }
    }
    let caller = e
        .caller_id_number
        .map(|p| p.masked().to_string())
        .unwrap_or_default();
    (
        store::Job {
            kind: "call_event",
            key,
            call_key,
            body: body.to_vec(),
            deliveries,
        },
        format!("caller={caller}"),
    )
}

fn report_job(s: &Settings, r: &CampaignReport<'_>, body: &[u8]) -> (store::Job, String) {
    let key = r.idempotency_key().to_string();
    let call_key = r.call_uuid.map(decoded).unwrap_or_else(|| key.clone());
    let deliveries = s
        .sinks
        .iter()
        .filter(|k| k.takes_reports())
        .map(|k| (k.name.clone(), r.json().to_string().into_bytes()))
        .collect();
    let phone = r.phone.map(|p| p.masked().to_string()).unwrap_or_default();
    (
        store::Job {
            kind: "campaign_report",
            key,
            call_key,
            body: body.to_vec(),
            deliveries,
        },
        format!("phone={phone}"),
    )
}

fn decoded(e: santral::form::Encoded<'_>) -> String {
    let mut buf = vec![0u8; e.raw().len()];
    e.decode_into(&mut buf)
        .map(str::to_owned)
        .unwrap_or_default()
}
