//! `GET /metrics`: counters and latency histograms in Prometheus's text
//! format (version 0.0.4).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 13] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// A latency histogram.
#[derive(Debug, Default)]
pub struct Histogram {
    counts: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, d: Duration) {
        let s = d.as_secs_f64();
        for (b, c) in BUCKETS.iter().zip(&self.counts) {
            if s <= *b {
                c.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros
            .fetch_add(d.as_micros() as u64, Ordering::Relaxed);
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (b, c) in BUCKETS.iter().zip(&self.counts) {
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{sep}le=\"{b}\"}} {}",
                c.load(Ordering::Relaxed)
            );
        }
        let n = self.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {n}");
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(
            out,
            "{name}_sum{braces} {}",
            self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "{name}_count{braces} {n}");
    }
}

/// One sink's counters.
#[derive(Debug, Default)]
pub struct SinkMetrics {
    pub delivered: AtomicU64,
    pub retried: AtomicU64,
    pub dead: AtomicU64,
    /// Attempts that timed out: the sink may have processed them.
    pub ambiguous: AtomicU64,
    /// The adaptive window (deliveries allowed in flight).
    pub window: AtomicU64,
    pub in_flight: AtomicU64,
    /// 0 closed, 1 half-open, 2 open.
    pub circuit: AtomicU64,
    pub latency: Histogram,
}

/// Everything counted.
#[derive(Debug, Default)]
pub struct Metrics {
    pub received_events: AtomicU64,
    pub received_reports: AtomicU64,
    pub pings: AtomicU64,
    pub rejected: AtomicU64,
    pub forbidden: AtomicU64,
    pub stored: AtomicU64,
    pub duplicates: AtomicU64,
    /// Shared with the accept loop ([`crate::listen::Limits::refused`]).
    pub connection_cap_reached: std::sync::Arc<AtomicU64>,
    pub request_latency: Histogram,
    pub sinks: Vec<(String, SinkMetrics)>,
}

impl Metrics {
    pub fn new(sinks: impl IntoIterator<Item = String>) -> Metrics {
        Metrics {
            sinks: sinks
                .into_iter()
                .map(|n| (n, SinkMetrics::default()))
                .collect(),
            ..Metrics::default()
        }
    }

    pub fn sink(&self, name: &str) -> Option<&SinkMetrics> {
        self.sinks.iter().find(|(n, _)| n == name).map(|(_, m)| m)
    }

    /// The text format; `depth` is each sink's pending count (read from
    /// the database at scrape time).
    pub fn render(&self, depth: &[(String, u64)]) -> String {
        let mut out = String::new();
        let counter = |out: &mut String, name: &str, help: &str, v: &AtomicU64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                v.load(Ordering::Relaxed)
            );
        };
        let _ = writeln!(out, "# HELP santral_received_total Webhook bodies received, by kind.\n# TYPE santral_received_total counter");
        let _ = writeln!(
            out,
            "santral_received_total{{kind=\"call_event\"}} {}",
            self.received_events.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "santral_received_total{{kind=\"campaign_report\"}} {}",
            self.received_reports.load(Ordering::Relaxed)
        );
        counter(
            &mut out,
            "santral_pings_total",
            "Verification pings answered.",
            &self.pings,
        );
        counter(
            &mut out,
            "santral_rejected_total",
            "Invalid bodies answered 400 and kept for inspection.",
            &self.rejected,
        );
        counter(
            &mut out,
            "santral_forbidden_total",
            "Requests from outside the allow-list (403).",
            &self.forbidden,
        );
        counter(
            &mut out,
            "santral_stored_total",
            "Events committed before their 200.",
            &self.stored,
        );
        counter(
            &mut out,
            "santral_duplicates_total",
            "Resent events answered 200 and not stored again.",
            &self.duplicates,
        );
        counter(
            &mut out,
            "santral_connection_cap_reached_total",
            "Times max_connections were open and newcomers waited.",
            &self.connection_cap_reached,
        );
        // One per-sink series each: its name, type, help and counter.
        type Field = fn(&SinkMetrics) -> &AtomicU64;
        let per_sink: [(&str, &str, &str, Field); 7] = [
            ("santral_delivered_total", "counter", "Deliveries a sink answered with 2xx.", |m| &m.delivered),
            ("santral_retried_total", "counter", "Attempts that failed and will be retried.", |m| &m.retried),
            ("santral_dead_total", "counter", "Deliveries parked as dead after the last attempt.", |m| &m.dead),
            (
                "santral_ambiguous_total",
                "counter",
                "Attempts that timed out: the sink may have processed them, so their retry may deliver twice.",
                |m| &m.ambiguous,
            ),
            (
                "santral_delivery_window",
                "gauge",
                "Deliveries this replica may have in flight to the sink now (the adaptive window).",
                |m| &m.window,
            ),
            ("santral_in_flight", "gauge", "Deliveries in flight to the sink.", |m| &m.in_flight),
            ("santral_circuit", "gauge", "The sink's circuit: 0 closed, 1 half-open, 2 open.", |m| &m.circuit),
        ];
        for (metric, kind, help, field) in per_sink {
            let _ = writeln!(out, "# HELP {metric} {help}\n# TYPE {metric} {kind}");
            for (name, m) in &self.sinks {
                let _ = writeln!(
                    out,
                    "{metric}{{sink=\"{}\"}} {}",
                    escape(name),
                    field(m).load(Ordering::Relaxed)
                );
            }
        }
        let _ = writeln!(out, "# HELP santral_queue_depth Deliveries waiting, by sink.\n# TYPE santral_queue_depth gauge");
        for (name, _) in &self.sinks {
            let d = depth.iter().find(|(n, _)| n == name).map_or(0, |(_, d)| *d);
            let _ = writeln!(out, "santral_queue_depth{{sink=\"{}\"}} {d}", escape(name));
        }
        let _ = writeln!(out, "# HELP santral_request_seconds Time from request to answer (storage included).\n# TYPE santral_request_seconds histogram");
        self.request_latency
            .render(&mut out, "santral_request_seconds", "");
        let _ = writeln!(out, "# HELP santral_delivery_seconds Time a sink took to answer.\n# TYPE santral_delivery_seconds histogram");
        for (name, m) in &self.sinks {
            m.latency.render(
                &mut out,
                "santral_delivery_seconds",
                &format!("sink=\"{}\"", escape(name)),
            );
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
