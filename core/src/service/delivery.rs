//! How the gateway delivers to one sink, as pure state (sans-IO): how many
//! deliveries may be in flight ([`Window`]), whether the sink may be tried
//! at all ([`Circuit`]), how long a failed delivery waits ([`retry_delay`])
//! and what an answer means ([`Answer`]). The server feeds them answers,
//! latencies, the clock and randomness; they decide.
//!
//! ```
//! use santral::delivery::{Answer, Circuit, CircuitState, Window};
//!
//! let mut w = Window::new(4);
//! assert_eq!(w.limit(), 1); // after a start or an outage: one at a time
//! for _ in 0..3 {
//!     w.record(Answer::Delivered, 200, 10_000); // answered in time
//! }
//! assert!(w.limit() > 1);
//! w.record(Answer::Delivered, 6_000, 10_000); // slower than half the timeout
//! assert_eq!(w.limit(), 1);
//!
//! let mut c = Circuit::new(3, 1_000, 60_000);
//! for _ in 0..3 {
//!     c.record(Answer::Timeout, 0);
//! }
//! assert_eq!(c.state(), CircuitState::Open);
//! assert!(!c.permits(500)); // cooling down
//! assert!(c.permits(1_000)); // half-open: one probe
//! assert!(!c.permits(1_001)); // and only one
//! c.record(Answer::Delivered, 1_100);
//! assert_eq!(c.state(), CircuitState::Closed);
//! ```

/// What one attempt came to, as far as delivery is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A 2xx: delivered.
    Delivered,
    /// A 5xx or 429: the sink is failing or asks to slow down.
    Overloaded,
    /// Another status (4xx): the sink refused this delivery; it says
    /// nothing about the sink's load.
    Refused,
    /// No answer in time: **ambiguous** — the sink may have processed it,
    /// so a retry may deliver it twice.
    Timeout,
    /// No connection: nothing was delivered.
    Unreachable,
}

impl Answer {
    /// The answer an HTTP status means.
    pub const fn from_status(status: u16) -> Answer {
        match status {
            200..=299 => Answer::Delivered,
            429 | 500..=599 => Answer::Overloaded,
            _ => Answer::Refused,
        }
    }

    /// The outcome is unknown (a retry may duplicate).
    pub const fn is_ambiguous(self) -> bool {
        matches!(self, Answer::Timeout)
    }

    /// It says the sink is in trouble (slows delivery down, counts
    /// towards opening the circuit).
    pub const fn is_failure(self) -> bool {
        matches!(
            self,
            Answer::Overloaded | Answer::Timeout | Answer::Unreachable
        )
    }

    /// Its name in logs and metrics.
    pub const fn as_str(self) -> &'static str {
        match self {
            Answer::Delivered => "delivered",
            Answer::Overloaded => "overloaded",
            Answer::Refused => "refused",
            Answer::Timeout => "timeout",
            Answer::Unreachable => "unreachable",
        }
    }
}

/// How many deliveries may be in flight to one sink: additive increase
/// while the sink answers in time, multiplicative decrease as soon as an
/// answer takes more than half the sink's timeout, fails or times out —
/// so a slow sink is slowed down before it times out (a timeout is
/// already a possible duplicate). Starts at one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    limit: u32,
    max: u32,
    /// Answers in time since the limit last changed.
    good: u32,
}

impl Window {
    /// A window of at most `max` (at least 1), starting at one.
    pub const fn new(max: u32) -> Window {
        Window {
            limit: 1,
            max: if max == 0 { 1 } else { max },
            good: 0,
        }
    }

    /// Deliveries that may be in flight now.
    pub const fn limit(&self) -> u32 {
        self.limit
    }

    /// The configured most.
    pub const fn max(&self) -> u32 {
        self.max
    }

    /// Back to one (after an outage: the circuit reopened).
    pub fn reset(&mut self) {
        self.limit = 1;
        self.good = 0;
    }

    /// One answer, after `latency_ms`, from a sink whose timeout is
    /// `timeout_ms`.
    pub fn record(&mut self, answer: Answer, latency_ms: u64, timeout_ms: u64) {
        let slow = latency_ms.saturating_mul(2) > timeout_ms;
        if answer.is_failure() || slow {
            self.limit = (self.limit / 2).max(1);
            self.good = 0;
            return;
        }
        if answer == Answer::Refused {
            return;
        }
        // +1 once a whole window's worth of answers came back in time.
        self.good += 1;
        if self.good >= self.limit {
            self.good = 0;
            self.limit = (self.limit + 1).min(self.max);
        }
    }
}

/// A circuit's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CircuitState {
    /// Deliveries flow.
    Closed,
    /// The sink failed repeatedly: nothing is sent until the cool-down ends.
    Open,
    /// The cool-down ended: one probe is in flight or may be sent.
    HalfOpen,
}

impl CircuitState {
    /// Its name in `gateway status` and `/metrics`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CircuitState::Closed => "closed",
            CircuitState::Open => "open",
            CircuitState::HalfOpen => "half-open",
        }
    }

    /// Its number in `/metrics` (0 closed, 1 half-open, 2 open).
    pub const fn gauge(self) -> u8 {
        match self {
            CircuitState::Closed => 0,
            CircuitState::HalfOpen => 1,
            CircuitState::Open => 2,
        }
    }
}

/// A circuit per sink: `threshold` failures in a row open it; after a
/// cool-down (doubling from `base_ms` to `max_ms` while probes fail) one
/// probe is let through (half-open); its success closes the circuit, its
/// failure opens it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Circuit {
    state: CircuitState,
    failures: u32,
    threshold: u32,
    base_ms: u64,
    max_ms: u64,
    cool_ms: u64,
    open_until: u64,
    probing: bool,
}

impl Circuit {
    /// A closed circuit.
    pub const fn new(threshold: u32, base_ms: u64, max_ms: u64) -> Circuit {
        Circuit {
            state: CircuitState::Closed,
            failures: 0,
            threshold: if threshold == 0 { 1 } else { threshold },
            base_ms,
            max_ms,
            cool_ms: base_ms,
            open_until: 0,
            probing: false,
        }
    }

    /// Its state.
    pub const fn state(&self) -> CircuitState {
        self.state
    }

    /// When an open circuit lets a probe through.
    pub const fn open_until(&self) -> u64 {
        self.open_until
    }

    /// Would [`Circuit::permits`] say yes at `now_ms`? (It takes nothing.)
    pub const fn would_permit(&self, now_ms: u64) -> bool {
        match self.state {
            CircuitState::Closed => true,
            CircuitState::Open => now_ms >= self.open_until,
            CircuitState::HalfOpen => !self.probing,
        }
    }

    /// May a delivery start at `now_ms`? In the half-open state only the
    /// first caller gets a yes (the probe) until its answer is recorded.
    pub fn permits(&mut self, now_ms: u64) -> bool {
        match self.state {
            CircuitState::Closed => true,
            CircuitState::Open if now_ms >= self.open_until => {
                self.state = CircuitState::HalfOpen;
                self.probing = true;
                true
            }
            CircuitState::Open => false,
            CircuitState::HalfOpen if !self.probing => {
                self.probing = true;
                true
            }
            CircuitState::HalfOpen => false,
        }
    }

    /// An answer at `now_ms`. True when it closed the circuit (the sink
    /// is back: start the window at one).
    pub fn record(&mut self, answer: Answer, now_ms: u64) -> bool {
        if !answer.is_failure() {
            let reopened = self.state != CircuitState::Closed;
            self.state = CircuitState::Closed;
            self.failures = 0;
            self.cool_ms = self.base_ms;
            self.probing = false;
            return reopened;
        }
        self.failures = self.failures.saturating_add(1);
        match self.state {
            CircuitState::HalfOpen => {
                self.cool_ms = self.cool_ms.saturating_mul(2).min(self.max_ms);
                self.open(now_ms);
            }
            CircuitState::Closed if self.failures >= self.threshold => self.open(now_ms),
            _ => {}
        }
        false
    }

    fn open(&mut self, now_ms: u64) {
        self.state = CircuitState::Open;
        self.open_until = now_ms.saturating_add(self.cool_ms);
        self.probing = false;
    }
}

/// The wait before the next attempt after `attempts` failed ones:
/// exponential from one second (1, 2, 4 … s) up to `max_ms`, with
/// jitter — a uniform draw (`random`, any `u32`) in the upper half of that
/// wait, so the retries of many deliveries spread out instead of arriving
/// together.
///
/// ```
/// use santral::delivery::retry_delay;
/// assert_eq!(retry_delay(1, 60_000, 0), 500);
/// assert_eq!(retry_delay(1, 60_000, u32::MAX), 1_000);
/// assert!((4_000..=8_000).contains(&retry_delay(4, 60_000, 12345)));
/// assert_eq!(retry_delay(30, 60_000, u32::MAX), 60_000);
/// ```
pub fn retry_delay(attempts: u32, max_ms: u64, random: u32) -> u64 {
    let full = 1_000u64
        .checked_shl(attempts.saturating_sub(1).min(40))
        .unwrap_or(u64::MAX)
        .min(max_ms);
    let half = full / 2;
    half + (u128::from(full - half) * u128::from(random) / u128::from(u32::MAX)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_grows_by_one_per_window_and_halves_on_trouble() {
        let mut w = Window::new(8);
        let mut seen = [0u32; 12];
        for s in seen.iter_mut() {
            for _ in 0..w.limit() {
                w.record(Answer::Delivered, 100, 10_000);
            }
            *s = w.limit();
        }
        assert_eq!(seen, [2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 8, 8]);
        w.record(Answer::Overloaded, 100, 10_000);
        assert_eq!(w.limit(), 4);
        w.record(Answer::Timeout, 10_000, 10_000);
        assert_eq!(w.limit(), 2);
        w.record(Answer::Delivered, 5_001, 10_000);
        assert_eq!(w.limit(), 1);
        w.record(Answer::Unreachable, 1, 10_000);
        assert_eq!(w.limit(), 1, "never below one");
        // A 4xx says nothing about load.
        let mut w = Window::new(8);
        w.record(Answer::Refused, 1, 10_000);
        assert_eq!(w.limit(), 1);
        w.record(Answer::Delivered, 1, 10_000);
        assert_eq!(w.limit(), 2);
        assert_eq!(Window::new(0).max(), 1);
    }

    #[test]
    fn the_circuit_opens_probes_once_and_closes() {
        let mut c = Circuit::new(2, 1_000, 4_000);
        assert!(c.permits(0));
        c.record(Answer::Unreachable, 0);
        assert_eq!(c.state(), CircuitState::Closed);
        c.record(Answer::Refused, 0); // not a failure: the count restarts
        c.record(Answer::Unreachable, 10);
        assert_eq!(c.state(), CircuitState::Closed);
        c.record(Answer::Timeout, 20);
        assert_eq!((c.state(), c.open_until()), (CircuitState::Open, 1_020));
        assert!(!c.permits(1_019) && !c.would_permit(1_019));
        assert!(c.would_permit(1_020) && c.permits(1_020));
        assert!(!c.would_permit(1_020));
        assert_eq!(c.state(), CircuitState::HalfOpen);
        assert!(!c.permits(1_021), "one probe");
        c.record(Answer::Overloaded, 1_500);
        assert_eq!((c.state(), c.open_until()), (CircuitState::Open, 3_500));
        assert!(c.permits(3_500));
        c.record(Answer::Timeout, 3_600);
        assert_eq!(
            c.open_until(),
            7_600,
            "the cool-down doubles up to its most"
        );
        assert!(c.permits(7_600));
        c.record(Answer::Timeout, 7_700);
        assert_eq!(c.open_until(), 11_700);
        assert!(c.permits(11_700));
        assert!(c.record(Answer::Delivered, 11_800), "closing says so");
        assert_eq!(c.state(), CircuitState::Closed);
        assert!(!c.record(Answer::Delivered, 11_900));
        c.record(Answer::Timeout, 12_000);
        c.record(Answer::Timeout, 12_000);
        assert_eq!(c.open_until(), 13_000, "the cool-down starts over");
    }

    #[test]
    fn retries_spread_over_the_upper_half_of_the_wait() {
        for attempts in 1..50 {
            let full = (1_000u64 << (attempts - 1).min(40)).min(60_000);
            for r in [0, 1, 7, u32::MAX / 3, u32::MAX - 1, u32::MAX] {
                let d = retry_delay(attempts, 60_000, r);
                assert!(d >= full / 2 && d <= full, "{attempts} {r} {d}");
            }
        }
        assert_eq!(retry_delay(0, 60_000, u32::MAX), 1_000);
        assert_eq!(retry_delay(u32::MAX, u64::MAX, u32::MAX), 1_000u64 << 40);
    }

    #[test]
    fn answers_by_status() {
        assert_eq!(Answer::from_status(204), Answer::Delivered);
        assert_eq!(Answer::from_status(429), Answer::Overloaded);
        assert_eq!(Answer::from_status(503), Answer::Overloaded);
        assert_eq!(Answer::from_status(401), Answer::Refused);
        assert!(Answer::Timeout.is_ambiguous() && !Answer::Unreachable.is_ambiguous());
    }
}
