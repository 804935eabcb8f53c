//! The PBX's rate budgets (SPEC §16, the vendor's `rate-limiting.md`),
//! declared once, and a token bucket that enforces one — on the server
//! (the simulator answers 429 above it) and on the client (pace below it).
//! The bucket reads no clock: the caller passes the time in milliseconds.
//!
//! ```
//! use santral::api::{Bucket, Pool};
//!
//! let mut cdrs = Bucket::new(Pool::Cdrs.budget()); // 6 per minute
//! for _ in 0..6 {
//!     assert!(cdrs.take(0).is_ok());
//! }
//! assert_eq!(cdrs.take(0), Err(10_000)); // one more in 10 s
//! assert!(cdrs.take(10_000).is_ok());
//! ```

crate::wire_enum! {
    /// A budget the PBX counts requests in (per domain or IP).
    pub enum Pool {
        /// Every endpoint without a budget of its own: 2/s, burst 10.
        Default = "default",
        /// `/originate`: 3/s, burst 100.
        Originate = "originate",
        /// `/ivr_campaigns` (create, delete, stop/start): 2/s, burst 50.
        IvrCampaigns = "ivr_campaigns",
        /// `/cdrs`: 6 per minute.
        Cdrs = "cdrs",
        /// `/cdrs/{id}`: 6 per minute, counted apart from the list.
        CdrDetail = "cdr_detail",
        /// `/recording_url`: 5 per minute.
        RecordingUrl = "recording_url",
        /// `/queues/pending`: 10 per minute.
        QueuesPending = "queues_pending",
        /// `/agent_statuses` and `/user_statuses`, one shared pool: 2 per minute.
        Statuses = "statuses",
    }
}

/// How many requests a pool admits: `requests` per `per_seconds`, and up
/// to `burst` at once after a quiet spell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Requests refilled per period.
    pub requests: u32,
    /// The period, in seconds.
    pub per_seconds: u32,
    /// The most admitted at once.
    pub burst: u32,
}

impl Pool {
    /// The vendor's budget for this pool.
    pub const fn budget(self) -> Budget {
        let (requests, per_seconds, burst) = match self {
            Pool::Default => (2, 1, 10),
            Pool::Originate => (3, 1, 100),
            Pool::IvrCampaigns => (2, 1, 50),
            Pool::Cdrs | Pool::CdrDetail => (6, 60, 6),
            Pool::RecordingUrl => (5, 60, 5),
            Pool::QueuesPending => (10, 60, 10),
            Pool::Statuses => (2, 60, 2),
        };
        Budget {
            requests,
            per_seconds,
            burst,
        }
    }

    /// The pool a request path (no query) is counted in.
    ///
    /// ```
    /// use santral::api::Pool;
    /// assert_eq!(Pool::of_path("/cdrs/5cfdfb46-776c"), Pool::CdrDetail);
    /// assert_eq!(Pool::of_path("/ivr_campaigns.json"), Pool::IvrCampaigns);
    /// assert_eq!(Pool::of_path("/user_statuses"), Pool::Statuses);
    /// assert_eq!(Pool::of_path("/announcements"), Pool::Default);
    /// ```
    pub fn of_path(path: &str) -> Pool {
        // The table's pool of the operation the path names.
        super::route::operation_at(path).map_or(Pool::Default, |op| op.spec().pool)
    }
}

/// A token bucket for one [`Budget`], in exact integer arithmetic: a
/// token is `per_seconds × 1000` units, and each millisecond adds
/// `requests` units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    budget: Budget,
    units: u64,
    at_ms: u64,
}

impl Bucket {
    /// A full bucket.
    pub const fn new(budget: Budget) -> Bucket {
        Bucket {
            budget,
            units: Bucket::token(budget) * budget.burst as u64,
            at_ms: 0,
        }
    }

    /// The bucket's state — its units and the time it last counted — to
    /// keep it outside the process (a pacer shared by the workers of one
    /// host through a file) and [`resume`](Bucket::resume) it there.
    ///
    /// ```
    /// use santral::api::{Bucket, Pool};
    /// let mut a = Bucket::new(Pool::Statuses.budget());
    /// assert!(a.take(0).is_ok());
    /// let (units, at) = a.state();
    /// let mut b = Bucket::resume(Pool::Statuses.budget(), units, at);
    /// assert!(b.take(0).is_ok());
    /// assert!(b.take(0).is_err()); // 2 a minute between them
    /// ```
    pub const fn state(&self) -> (u64, u64) {
        (self.units, self.at_ms)
    }

    /// A bucket of `budget` in a saved [`state`](Bucket::state) (units
    /// beyond the budget's capacity are cut to it).
    pub fn resume(budget: Budget, units: u64, at_ms: u64) -> Bucket {
        let capacity = Bucket::token(budget).saturating_mul(u64::from(budget.burst));
        Bucket {
            budget,
            units: units.min(capacity),
            at_ms,
        }
    }

    const fn token(budget: Budget) -> u64 {
        budget.per_seconds as u64 * 1000
    }

    /// Takes one request's token at `now_ms` (any monotonic clock, in
    /// milliseconds; an earlier time than the last is taken as the last),
    /// or says in how many milliseconds one will be there.
    pub fn take(&mut self, now_ms: u64) -> Result<(), u64> {
        let token = Bucket::token(self.budget);
        let capacity = token.saturating_mul(u64::from(self.budget.burst));
        let elapsed = now_ms.saturating_sub(self.at_ms);
        self.at_ms = self.at_ms.max(now_ms);
        self.units = self
            .units
            .saturating_add(elapsed.saturating_mul(u64::from(self.budget.requests)))
            .min(capacity);
        if self.units >= token {
            self.units -= token;
            return Ok(());
        }
        let rate = u64::from(self.budget.requests.max(1));
        Err((token - self.units).div_ceil(rate))
    }
}
