//! What the server tests share: a recording HTTP stand-in on a free
//! loopback port (a webhook receiver, a CRM sink), waiting for a
//! condition, posting a body.
#![allow(dead_code)] // each test file uses its part

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Router;
use santral_server::gateway::IDEMPOTENCY_KEY;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How the stand-in answers.
pub const ANSWER: u8 = 0;
/// Refuse every request with 503.
pub const REFUSE: u8 = 1;
/// Hold every request 20 s, then answer.
pub const HANG: u8 = 2;

/// One request as it arrived.
#[derive(Clone, Debug)]
pub struct Hit {
    pub path: String,
    /// The `Idempotency-Key` header, or empty.
    pub key: String,
    pub body: String,
}

/// A recording stand-in: every request is kept as it arrives (`arrived`)
/// and again once answered with a 2xx (`answered`: a request its client
/// gave up on — the handler dropped — or refused does not count). It
/// answers `status` (200), or by `mode`; with a `gate`, a non-empty POST
/// to `/report` waits for a permit.
#[derive(Clone)]
pub struct Recorder {
    arrived: Arc<Mutex<Vec<Hit>>>,
    answered: Arc<Mutex<Vec<Hit>>>,
    pub status: Arc<Mutex<u16>>,
    pub mode: Arc<AtomicU8>,
    pub requests: Arc<AtomicU64>,
    gate: Option<Arc<Semaphore>>,
    addr: SocketAddr,
}

impl Recorder {
    pub async fn start(gate: Option<Arc<Semaphore>>) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let r = Recorder {
            arrived: Arc::default(),
            answered: Arc::default(),
            status: Arc::new(Mutex::new(200)),
            mode: Arc::default(),
            requests: Arc::default(),
            gate,
            addr: listener.local_addr().unwrap(),
        };
        let app = Router::new()
            .fallback(
                |State(r): State<Recorder>, req: axum::extract::Request| async move {
                    r.requests.fetch_add(1, Ordering::Relaxed);
                    let path = req.uri().path().to_owned();
                    let key = req
                        .headers()
                        .get(IDEMPOTENCY_KEY)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    let body = axum::body::to_bytes(req.into_body(), 1 << 20)
                        .await
                        .unwrap();
                    let hit = Hit {
                        path,
                        key,
                        body: String::from_utf8_lossy(&body).into_owned(),
                    };
                    r.arrived.lock().unwrap().push(hit.clone());
                    if hit.path == "/report" && !hit.body.is_empty() {
                        if let Some(g) = &r.gate {
                            g.acquire().await.unwrap().forget();
                        }
                    }
                    match r.mode.load(Ordering::Relaxed) {
                        REFUSE => return StatusCode::SERVICE_UNAVAILABLE,
                        HANG => tokio::time::sleep(Duration::from_secs(20)).await,
                        _ => {}
                    }
                    let status = StatusCode::from_u16(*r.status.lock().unwrap()).unwrap();
                    if status.is_success() {
                        r.answered.lock().unwrap().push(hit);
                    }
                    status
                },
            )
            .with_state(r.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        r
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The bodies that arrived at `path`.
    pub fn arrived_at(&self, path: &str) -> Vec<String> {
        let got = self.arrived.lock().unwrap();
        got.iter()
            .filter(|h| h.path == path)
            .map(|h| h.body.clone())
            .collect()
    }

    /// The idempotency keys of what was answered.
    pub fn keys(&self) -> Vec<String> {
        self.answered
            .lock()
            .unwrap()
            .iter()
            .map(|h| h.key.clone())
            .collect()
    }

    /// The bodies that were answered.
    pub fn bodies(&self) -> Vec<String> {
        self.answered
            .lock()
            .unwrap()
            .iter()
            .map(|h| h.body.clone())
            .collect()
    }
}

/// Waits until `f` holds, for at most `limit`.
pub async fn until(what: &str, limit: Duration, f: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + limit;
    while tokio::time::Instant::now() < deadline {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(f(), "timed out waiting for {what}");
}

/// POSTs `body`: the status and the answer's text.
pub async fn post(url: &str, body: impl Into<reqwest::Body>) -> (u16, String) {
    let r = reqwest::Client::new()
        .post(url)
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}
