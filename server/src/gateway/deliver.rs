//! Delivering: one worker per sink takes the due deliveries (the oldest
//! of each call, so a call's events arrive in order), POSTs them with the
//! event's idempotency key, and records each outcome — done on a 2xx, a
//! retry with exponential backoff otherwise, dead after the last attempt
//! (visible in `santral gateway status`, replayable).

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{watch, Notify};

use super::metrics::Metrics;
use super::settings::{Settings, SinkSettings};
use super::store::{now_ms, Due, Outcome, Store};

/// The header a sink sees the event's identity in.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// How many deliveries of one sink are in flight at once (each a
/// different call). Also the most a `kill -9` can make the gateway send
/// twice per sink: attempts whose outcome was not yet committed.
pub const IN_FLIGHT: usize = 64;

/// Runs one sink's deliveries until `stop` turns true.
pub(crate) async fn worker(
    settings: Arc<Settings>,
    sink: Arc<SinkSettings>,
    store: Store,
    metrics: Arc<Metrics>,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let http = match reqwest::Client::builder()
        .timeout(Duration::from_secs(u64::from(sink.config.timeout_seconds)))
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(h) => h,
        Err(e) => {
            settings
                .log
                .line(format_args!("sink {}: cannot start: {e}", sink.name));
            return;
        }
    };
    // Parsed once, not per attempt (checked by the core when read).
    let url = match reqwest::Url::parse(&sink.url) {
        Ok(u) => u,
        Err(e) => {
            settings
                .log
                .line(format_args!("sink {}: cannot start: {e}", sink.name));
            return;
        }
    };
    loop {
        if *stop.borrow() {
            return;
        }
        let due = match store.due(&sink.name, now_ms(), IN_FLIGHT as i64).await {
            Ok(d) => d,
            Err(e) => {
                settings
                    .log
                    .line(format_args!("sink {}: database: {e}", sink.name));
                sleep_or_stop(Duration::from_secs(1), &wake, &mut stop).await;
                continue;
            }
        };
        if due.is_empty() {
            let wait = match store.next_due(&sink.name).await {
                Ok(Some(t)) => Duration::from_millis((t - now_ms()).clamp(0, 1000) as u64),
                _ => Duration::from_secs(1),
            };
            sleep_or_stop(wait, &wake, &mut stop).await;
            continue;
        }
        // Each a different call: all at once.
        let mut set = tokio::task::JoinSet::new();
        for d in due {
            set.spawn(attempt(
                settings.clone(),
                sink.clone(),
                http.clone(),
                url.clone(),
                metrics.clone(),
                d,
            ));
        }
        let mut outcomes = Vec::new();
        while let Some(o) = set.join_next().await {
            if let Ok(o) = o {
                outcomes.push(o);
            }
        }
        if let Err(e) = store.finish(outcomes).await {
            settings
                .log
                .line(format_args!("sink {}: database: {e}", sink.name));
            sleep_or_stop(Duration::from_secs(1), &wake, &mut stop).await;
        }
    }
}

async fn sleep_or_stop(d: Duration, wake: &Notify, stop: &mut watch::Receiver<bool>) {
    tokio::select! {
        _ = tokio::time::sleep(d) => {}
        _ = wake.notified() => {}
        _ = stop.changed() => {}
    }
}

/// One attempt at one delivery.
async fn attempt(
    settings: Arc<Settings>,
    sink: Arc<SinkSettings>,
    http: reqwest::Client,
    url: reqwest::Url,
    metrics: Arc<Metrics>,
    d: Due,
) -> Outcome {
    let started = Instant::now();
    let result = http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(IDEMPOTENCY_KEY, &d.key)
        .body(d.body.clone())
        .send()
        .await;
    let elapsed = started.elapsed();
    let m = metrics.sink(&sink.name);
    if let Some(m) = m {
        m.latency.observe(elapsed);
    }
    let ms = elapsed.as_secs_f64() * 1000.0;
    let attempt = d.attempts + 1;
    let (status, error) = match result {
        Ok(r) if r.status().is_success() => {
            if let Some(m) = m {
                m.delivered
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            let status = r.status().as_u16();
            settings.log.line(format_args!(
                "deliver sink={} key={} attempt={attempt} → {status} {ms:.1} ms",
                sink.name, d.key
            ));
            return Outcome::Done { id: d.id, status };
        }
        Ok(r) => {
            let status = r.status().as_u16();
            // Logo CRM's answers that need a remedy say which (SPEC §10).
            let why = santral::logo::explain_status(status)
                .filter(|_| sink.config.kind == santral::gateway::SinkKind::LogoCrm)
                .map_or_else(|| format!("answered {status}"), str::to_owned);
            (Some(status), why)
        }
        Err(e) => (
            None,
            if e.is_timeout() {
                "timed out".to_owned()
            } else {
                "no connection".to_owned()
            },
        ),
    };
    if attempt >= settings.max_attempts {
        if let Some(m) = m {
            m.dead.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        settings.log.line(format_args!(
            "deliver sink={} key={} attempt={attempt} → dead ({error}) {ms:.1} ms",
            sink.name, d.key
        ));
        return Outcome::Dead {
            id: d.id,
            status,
            error,
        };
    }
    if let Some(m) = m {
        m.retried.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let wait = settings.backoff(attempt);
    settings.log.line(format_args!(
        "deliver sink={} key={} attempt={attempt} → retry in {} s ({error}) {ms:.1} ms",
        sink.name,
        d.key,
        wait.as_secs()
    ));
    Outcome::Retry {
        id: d.id,
        next_ms: now_ms() + wait.as_millis() as i64,
        status,
        error,
    }
}
