//! Delivering: one worker per sink claims the due deliveries (the oldest
//! of each call, so a call's events arrive in order, whichever replica
//! delivers them), POSTs them with the event's idempotency key, and
//! records each outcome — done on a 2xx, a retry after a jittered
//! exponential wait otherwise, dead after the last attempt (visible in
//! `santral gateway status`, replayable). How many are in flight and
//! whether the sink is tried at all is the core's decision
//! (`santral::delivery`: an AIMD window, a circuit); this module moves the
//! bytes and keeps the time.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use santral::delivery::{retry_delay, Answer, Circuit, CircuitState, Window};
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;

use super::metrics::Metrics;
use super::settings::{Settings, SinkSettings};
use super::store::{now_ms, Due, Outcome, SinkState, Store};

/// The header a sink sees the event's identity in.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The most deliveries of one sink one replica may have in flight,
/// whatever `max_in_flight` says (it is checked to at most this).
pub const IN_FLIGHT: usize = 256;

/// Failures in a row that open a sink's circuit.
pub const CIRCUIT_THRESHOLD: u32 = 5;

/// A lease outlives the attempt it covers by this much: the time to
/// record the outcome. A replica that dies loses its leases after
/// `timeout + LEASE_MARGIN`; another replica then delivers them (again,
/// if the dead one had sent them: at least once).
pub const LEASE_MARGIN: Duration = Duration::from_secs(5);

/// What one attempt came to.
struct Attempted {
    outcome: Outcome,
    answer: Answer,
    latency_ms: u64,
}

/// Runs one sink's deliveries until `stop` turns true.
pub(crate) async fn worker(
    settings: Arc<Settings>,
    sink: Arc<SinkSettings>,
    store: Store,
    metrics: Arc<Metrics>,
    wake: Arc<Notify>,
    owner: Arc<str>,
    mut stop: watch::Receiver<bool>,
) {
    let timeout = Duration::from_secs(u64::from(sink.config.timeout_seconds));
    let http = match reqwest::Client::builder()
        .timeout(timeout)
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
    let timeout_ms = timeout.as_millis() as u64;
    let lease = timeout + LEASE_MARGIN;
    let max = (sink.config.max_in_flight() as usize).min(IN_FLIGHT) as u32;
    let mut window = Window::new(max);
    let mut circuit = Circuit::new(
        CIRCUIT_THRESHOLD,
        1_000,
        settings.max_delay.as_millis() as u64,
    );
    let m = metrics.sink(&sink.name);
    let mut flying: JoinSet<Attempted> = JoinSet::new();
    let mut shown: Option<(CircuitState, u32, u32)> = None;
    let mut shown_at = Instant::now();
    loop {
        if *stop.borrow() {
            // Attempts in flight are dropped: their leases run out and
            // they are delivered again (at least once).
            return;
        }
        // What the state is now, for /metrics, gateway status and the log.
        let now = now_ms();
        let view = (circuit.state(), window.limit(), flying.len() as u32);
        if let Some(m) = m {
            m.window.store(u64::from(view.1), Ordering::Relaxed);
            m.in_flight.store(u64::from(view.2), Ordering::Relaxed);
            m.circuit
                .store(u64::from(view.0.gauge()), Ordering::Relaxed);
        }
        // A circuit change is logged and recorded at once; other changes
        // are recorded at most once a second.
        let circuit_changed = shown.is_some_and(|s| s.0 != view.0);
        if circuit_changed {
            settings.log.line(format_args!(
                "sink {} circuit {} (window {})",
                sink.name,
                view.0.as_str(),
                view.1
            ));
        }
        if shown.is_none()
            || circuit_changed
            || (shown != Some(view) && shown_at.elapsed() >= Duration::from_secs(1))
        {
            shown = Some(view);
            shown_at = Instant::now();
            let _ = store
                .put_sink_state(SinkState {
                    sink: sink.name.clone(),
                    owner: owner.to_string(),
                    circuit: view.0.as_str().to_owned(),
                    window: view.1,
                    in_flight: view.2,
                    open_until: circuit.open_until() as i64,
                    ambiguous: m.map_or(0, |m| m.ambiguous.load(Ordering::Relaxed)),
                    updated_ms: now,
                })
                .await;
        }
        // Room in the window, and a circuit that lets deliveries through
        // (half-open: the one probe).
        let room = window.limit().saturating_sub(flying.len() as u32);
        let want = match circuit.state() {
            // Refilled when half the window is free (or all of it): claims
            // in batches, not one round trip per answer.
            CircuitState::Closed if room * 2 >= window.limit() || flying.is_empty() => room,
            CircuitState::Closed => 0,
            _ if room > 0 && flying.is_empty() && circuit.would_permit(now as u64) => 1,
            _ => 0,
        };
        let mut started = 0;
        if want > 0 {
            match store
                .claim(
                    &sink.name,
                    &owner,
                    now,
                    now + lease.as_millis() as i64,
                    i64::from(want),
                )
                .await
            {
                Ok(due) => {
                    let mut unused = Vec::new();
                    for d in due {
                        if circuit.permits(now_ms() as u64) {
                            started += 1;
                            flying.spawn(attempt(
                                settings.clone(),
                                sink.clone(),
                                http.clone(),
                                url.clone(),
                                d,
                            ));
                        } else {
                            unused.push(d.id);
                        }
                    }
                    if !unused.is_empty() {
                        let _ = store.release(unused, &owner).await;
                    }
                }
                Err(e) => {
                    settings
                        .log
                        .line(format_args!("sink {}: database: {e}", sink.name));
                    sleep_or_stop(Duration::from_secs(1), &wake, &mut stop).await;
                    continue;
                }
            }
        }
        // Wait for an answer, new work, the next due time or the circuit.
        let idle = if started > 0 && (flying.len() as u32) < window.limit() {
            // More may be due right away.
            Duration::ZERO
        } else if !flying.is_empty() {
            // Waiting for answers (the window full, or not yet half free):
            // the next one wakes the loop.
            Duration::from_secs(1)
        } else if circuit.state() == CircuitState::Open {
            Duration::from_millis(
                circuit
                    .open_until()
                    .saturating_sub(now_ms() as u64)
                    .min(1_000),
            )
        } else {
            match store.next_due(&sink.name).await {
                Ok(Some(t)) => Duration::from_millis((t - now_ms()).clamp(0, 1000) as u64),
                _ => Duration::from_secs(1),
            }
        };
        let finished = tokio::select! {
            Some(done) = flying.join_next(), if !flying.is_empty() => Some(done),
            _ = tokio::time::sleep(idle) => None,
            _ = wake.notified() => None,
            _ = stop.changed() => None,
        };
        let Some(first) = finished else { continue };
        // Every answer already in: one transaction for all of them.
        let mut outcomes = Vec::new();
        let mut next = Some(first);
        while let Some(done) = next {
            if let Ok(a) = done {
                let at = now_ms() as u64;
                window.record(a.answer, a.latency_ms, timeout_ms);
                if circuit.record(a.answer, at) {
                    // The sink is back after an outage: one at a time again.
                    window.reset();
                }
                if a.answer.is_ambiguous() {
                    if let Some(m) = m {
                        m.ambiguous.fetch_add(1, Ordering::Relaxed);
                    }
                }
                if let Some(m) = m {
                    m.latency.observe(Duration::from_millis(a.latency_ms));
                    let counter = match a.outcome {
                        Outcome::Done { .. } => &m.delivered,
                        Outcome::Retry { .. } => &m.retried,
                        Outcome::Dead { .. } => &m.dead,
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
                outcomes.push(a.outcome);
            }
            next = flying.try_join_next();
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
    d: Due,
) -> Attempted {
    let started = Instant::now();
    let result = http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(IDEMPOTENCY_KEY, &d.key)
        .body(d.body.clone())
        .send()
        .await;
    let elapsed = started.elapsed();
    let latency_ms = elapsed.as_millis() as u64;
    let ms = elapsed.as_secs_f64() * 1000.0;
    let attempt = d.attempts + 1;
    let (answer, status, error) = match result {
        Ok(r) => {
            let status = r.status().as_u16();
            let answer = Answer::from_status(status);
            if answer == Answer::Delivered {
                settings.log.line(format_args!(
                    "deliver sink={} key={} attempt={attempt} → {status} {ms:.1} ms",
                    sink.name, d.key
                ));
                return Attempted {
                    outcome: Outcome::Done { id: d.id, status },
                    answer,
                    latency_ms,
                };
            }
            // Logo CRM's answers that need a remedy say which (SPEC §10).
            let why = santral::logo::explain_status(status)
                .filter(|_| sink.config.kind == santral::gateway::SinkKind::LogoCrm)
                .map_or_else(|| format!("answered {status}"), str::to_owned);
            (answer, Some(status), why)
        }
        Err(e) if e.is_timeout() => (
            Answer::Timeout,
            None,
            // The sink may have processed it: a retry may deliver it twice.
            "timed out (ambiguous: may have been delivered)".to_owned(),
        ),
        Err(_) => (Answer::Unreachable, None, "no connection".to_owned()),
    };
    if attempt >= settings.max_attempts {
        settings.log.line(format_args!(
            "deliver sink={} key={} attempt={attempt} → dead ({error}) {ms:.1} ms",
            sink.name, d.key
        ));
        return Attempted {
            outcome: Outcome::Dead {
                id: d.id,
                status,
                error,
            },
            answer,
            latency_ms,
        };
    }
    // Jitter from the clock and the delivery: retries of many deliveries
    // spread out instead of arriving together.
    let random = (now_ms() as u64 ^ (d.id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(0x2545_F491_4F6C_DD1D)
        >> 32;
    let wait = retry_delay(
        attempt,
        settings.max_delay.as_millis() as u64,
        random as u32,
    );
    settings.log.line(format_args!(
        "deliver sink={} key={} attempt={attempt} → retry in {:.1} s ({error}) {ms:.1} ms",
        sink.name,
        d.key,
        wait as f64 / 1000.0
    ));
    Attempted {
        outcome: Outcome::Retry {
            id: d.id,
            next_ms: now_ms() + wait as i64,
            status,
            error,
        },
        answer,
        latency_ms,
    }
}
