//! The PBX's e-commerce side (SPEC §11, seed `000`, `opencart-README.md`):
//! what the PBX does with a shop once the panel's "E-Ticaret Entegrasyonu"
//! is switched on. It logs in with the shop's API key, lists the day's
//! orders on a schedule, calls every listed cash-on-delivery order still
//! awaiting approval (a seeded confirm / cancel / no answer / invalid key),
//! moves it to 2 Hazırlanıyor or 7 İptal Edildi, and looks orders up by a
//! caller's number. The core builds every request
//! ([`santral::opencart::Call`]) and reads every reply
//! ([`santral::opencart::read_reply_to`]); this module moves the bytes
//! and keeps the tally. A reply the core rejects is kept with its
//! diagnostics, and the run goes on with the next order: the point is to
//! show a shop owner what their shop answers wrong.
//!
//! ```no_run
//! # async fn run() {
//! use santral_server::simulator::shop::{run, ShopConfig};
//! let report = run(ShopConfig::new("http://127.0.0.1:8000", "KEY")).await;
//! println!("{} confirmed, {} shop errors", report.confirmed, report.shop_errors.len());
//! # }
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use santral::diag::{Diagnostic, Severity};
use santral::lexical::Id;
use santral::opencart::{
    audit_verdict, next_step, read_reply_to, AuditVerdict, Call, CallOutcome, Next, OrderStatus,
    Reply, Request, Status, Version, DEFAULT_ATTEMPTS,
};
use santral::phone::Phone;
use santral::time::{Time, Timestamp, TURKEY};

use super::rng::Rng;
use crate::log::Log;

/// How long the shop may take to answer one request by default.
pub const SHOP_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest reply read from a shop; a larger one is a shop error (a day's
/// order list is a few kilobytes).
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;

/// Simulated seconds between two listings by default.
pub const DEFAULT_EVERY_SECONDS: u64 = 300;

/// The most diagnostics kept for one reply (all are counted).
const KEPT: usize = santral::check::DEFAULT_MAX_DIAGNOSTICS;

/// The panel's e-commerce settings and the run's schedule.
#[derive(Clone, Debug)]
pub struct ShopConfig {
    /// "Servis URL": the shop's address.
    pub service_url: String,
    /// "Servis Anahtarı": the OpenCart API key.
    pub service_key: String,
    /// The OpenCart generation (the login token's parameter).
    pub version: Version,
    /// "Onay ses kaydı": the confirmation announcement's id.
    pub announcement_id: Option<u64>,
    /// "Arayan No": the number customers are called from.
    pub caller_id: Option<String>,
    /// "Müşteri Temsilcisi": where a customer asking for a person goes.
    pub representative: Option<String>,
    /// Listings in the run.
    pub rounds: u32,
    /// Simulated seconds between listings.
    pub every_seconds: u64,
    /// Calls per order before giving up.
    pub attempts: u32,
    /// How long one request may take.
    pub timeout: Duration,
    /// Callers whose orders are looked up after the rounds.
    pub lookups: Vec<String>,
    /// Seeds the call outcomes.
    pub seed: u64,
    /// The simulated clock at the first listing, Unix seconds.
    pub clock: i64,
    /// Simulated seconds per real second between listings; 0: no waiting.
    pub speed: f64,
    /// Where log lines go.
    pub log: Log,
    /// Audit instead of the flow: log in, send the one harmless probe
    /// ([`Call::AuditProbe`]) and report the verdict; nothing else.
    pub audit: bool,
}

impl ShopConfig {
    /// A run against `service_url` with `service_key`, everything else at
    /// its default: OpenCart 3, [`DEFAULT_ATTEMPTS`] listings and calls
    /// per order, [`DEFAULT_EVERY_SECONDS`] apart, no waiting, seed 1,
    /// the clock now, log to standard error.
    pub fn new(service_url: &str, service_key: &str) -> ShopConfig {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        ShopConfig {
            service_url: service_url.to_string(),
            service_key: service_key.to_string(),
            version: Version::V3,
            announcement_id: None,
            caller_id: None,
            representative: None,
            rounds: DEFAULT_ATTEMPTS,
            every_seconds: DEFAULT_EVERY_SECONDS,
            attempts: DEFAULT_ATTEMPTS,
            timeout: SHOP_TIMEOUT,
            lookups: Vec::new(),
            seed: 1,
            clock: now,
            speed: 0.0,
            log: Log::stderr(),
            audit: false,
        }
    }
}

/// What became of one order the PBX called.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderResult {
    /// The order.
    pub order_id: u64,
    /// How each call ended, in order.
    pub calls: Vec<CallOutcome>,
    /// The status the shop accepted (`update_order_status`), if any.
    pub status_set: Option<u32>,
}

/// What an incoming caller's lookup found.
#[derive(Clone, Debug, PartialEq)]
pub enum LookupResult {
    /// The shop's order for the caller.
    Found {
        /// The order.
        order_id: Option<u64>,
        /// Its status.
        order_status_id: Option<u64>,
    },
    /// `{"status":"not found"}`.
    NotFound,
    /// The caller's number is not a phone number (nothing was sent).
    NotAPhone(Box<Diagnostic>),
    /// The shop failed (see [`ShopReport::shop_errors`]).
    Failed,
}

/// A request the shop answered wrong, or not at all.
#[derive(Clone, Debug, PartialEq)]
pub struct ShopError {
    /// `api/login` or the route (`api/verimor/list_orders`).
    pub route: String,
    /// The request, its token masked.
    pub url: String,
    /// The order concerned.
    pub order_id: Option<u64>,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// What went wrong, in words.
    pub problem: String,
    /// The core's diagnostics of the reply (the first kept, all counted
    /// in [`diagnostics_total`](Self::diagnostics_total)).
    pub diagnostics: Vec<Diagnostic>,
    /// How many diagnostics the reply had.
    pub diagnostics_total: usize,
}

/// The tally of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShopReport {
    /// True when the login worked.
    pub logged_in: bool,
    /// Listings that the shop answered with a list.
    pub listings: u32,
    /// Distinct orders listed.
    pub orders_seen: u64,
    /// Orders listed that the PBX did not call (each has a diagnostic in
    /// `listing_warnings` or a shop error).
    pub not_called: u64,
    /// Orders called at least once.
    pub called: u64,
    /// Calls made.
    pub calls: u64,
    /// Orders confirmed (moved to 2) .
    pub confirmed: u64,
    /// Orders cancelled (moved to 7).
    pub cancelled: u64,
    /// Orders nobody decided on after every attempt of the run.
    pub unreachable: u64,
    /// Every order called.
    pub orders: Vec<OrderResult>,
    /// Every lookup, with the caller as given.
    pub lookups: Vec<(String, LookupResult)>,
    /// Warnings about listed orders (an order that is not pending cash on
    /// delivery), the first kept.
    pub listing_warnings: Vec<Diagnostic>,
    /// Everything the shop answered wrong.
    pub shop_errors: Vec<ShopError>,
    /// With [`ShopConfig::audit`]: the verdict on the probe's answer and
    /// its HTTP status.
    pub audit: Option<(AuditVerdict, u16)>,
}

impl ShopReport {
    /// The counts in words: `4 order(s) seen, 4 called (6 calls), 3
    /// confirmed, 1 cancelled, 0 unreachable, 0 not called, 0 shop error(s)`.
    pub fn tally(&self) -> String {
        format!(
            "{} order(s) seen, {} called ({} calls), {} confirmed, {} cancelled, {} unreachable, {} not called, {} shop error(s)",
            self.orders_seen,
            self.called,
            self.calls,
            self.confirmed,
            self.cancelled,
            self.unreachable,
            self.not_called,
            self.shop_errors.len()
        )
    }
}

/// Runs the flow and returns its tally.
pub async fn run(config: ShopConfig) -> ShopReport {
    let mut run = Run::new(config);
    run.go().await;
    run.report
}

struct Run {
    config: ShopConfig,
    http: Option<reqwest::Client>,
    rng: Rng,
    report: ShopReport,
    /// Per order: its result, and whether the PBX is done with it.
    orders: BTreeMap<u64, (OrderResult, bool)>,
    not_called: std::collections::BTreeSet<u64>,
}

impl Run {
    fn new(config: ShopConfig) -> Run {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .ok();
        Run {
            rng: Rng(config.seed.max(1)),
            config,
            http,
            report: ShopReport::default(),
            orders: BTreeMap::new(),
            not_called: Default::default(),
        }
    }

    fn log(&self, args: std::fmt::Arguments<'_>) {
        self.config.log.line(args);
    }

    async fn go(&mut self) {
        let key = self.config.service_key.clone();
        let login = Call::Login { key: &key };
        let token = match self.send(login, None).await {
            Some((status, body)) => {
                let mut sink = Kept::default();
                let reply = read_reply_to(login.exchange(), &body, &mut sink, |_| {});
                let unreadable = "the login's reply is not one the PBX can read";
                match self.usable(&login, None, status, &body, reply, sink, unreadable) {
                    Some(Reply::LoggedIn(t)) => {
                        let mut buf = vec![0u8; body.len()];
                        santral::json::text(t, &mut buf).map(str::to_string)
                    }
                    _ => None,
                }
            }
            None => None,
        };
        let Some(token) = token else {
            self.log(format_args!("shop: no login, nothing else can be asked"));
            self.finish();
            return;
        };
        self.report.logged_in = true;
        if self.config.audit {
            let probe = Call::AuditProbe { token: &token };
            if let Some((status, body)) = self.send(probe, None).await {
                let verdict = audit_verdict(status, &body);
                self.log(format_args!(
                    "shop: audit probe → HTTP {status}: {verdict:?}"
                ));
                self.report.audit = Some((verdict, status));
            }
            self.finish();
            return;
        }
        for round in 0..self.config.rounds {
            if round > 0 && self.config.speed > 0.0 {
                let wait = self.config.every_seconds as f64 / self.config.speed;
                tokio::time::sleep(Duration::from_secs_f64(wait.min(3600.0))).await;
            }
            let now = self.config.clock + i64::from(round) * self.config.every_seconds as i64;
            self.round(&token, now).await;
        }
        for caller in self.config.lookups.clone() {
            let result = self.lookup(&token, &caller).await;
            self.report.lookups.push((caller, result));
        }
        self.finish();
    }

    fn finish(&mut self) {
        let r = &mut self.report;
        r.orders = self.orders.values().map(|(o, _)| o.clone()).collect();
        r.orders_seen = (self.orders.len() + self.not_called.len()) as u64;
        r.not_called = self.not_called.len() as u64;
        r.called = r.orders.iter().filter(|o| !o.calls.is_empty()).count() as u64;
        r.calls = r.orders.iter().map(|o| o.calls.len() as u64).sum();
        let set = |s: OrderStatus| {
            r.orders
                .iter()
                .filter(|o| o.status_set == Some(s.id()))
                .count() as u64
        };
        r.confirmed = set(OrderStatus::Hazirlaniyor);
        r.cancelled = set(OrderStatus::IptalEdildi);
        r.unreachable = r
            .orders
            .iter()
            .filter(|o| {
                o.status_set.is_none()
                    && o.calls.last().is_some_and(|c| {
                        matches!(c, CallOutcome::NoAnswer | CallOutcome::InvalidKey)
                    })
            })
            .count() as u64;
        self.config.log.line(format_args!("shop: {}", r.tally()));
    }

    /// One listing and the calls it leads to.
    async fn round(&mut self, token: &str, now: i64) {
        // The day's orders: from midnight, Turkish time (the plugin also
        // keeps `date_added >= CURDATE()`).
        let Some(today) = Timestamp::from_unix(now, TURKEY) else {
            return;
        };
        let since = Timestamp {
            time: Time::MIDNIGHT,
            second: 0,
            zone: santral::time::Zone::Unspecified,
            ..today
        };
        let list = Call::Route {
            token,
            request: Request::ListOrders { date_added: since },
        };
        let Some((status, body)) = self.send(list, None).await else {
            return;
        };
        let mut listed = Vec::new();
        let mut ahead = Vec::new();
        let mut sink = Kept::default();
        let reply = read_reply_to(list.exchange(), &body, &mut sink, |l| {
            listed.push((l.order.order_id, l.call));
            if l.added_after(now) {
                ahead.push(l.index);
            }
        });
        // An order added "later than now": the shop's clock or zone is not
        // Turkey's (its listing by Turkish midnight may miss orders).
        for index in ahead {
            let mut path = santral::diag::Path::root();
            path.push_index(0);
            path.push_index(index);
            path.push_key("date_added");
            let d = Diagnostic::new(
                santral::diag::Code::OpencartShopClock,
                santral::diag::Span::new(0, 0),
            )
            .with_path(path);
            if self.report.listing_warnings.len() < KEPT {
                self.report.listing_warnings.push(d);
            }
        }
        if status != 200 || matches!(reply, Some(Reply::Error(_))) {
            // Recorded as such; nothing of it is called.
            self.usable(&list, None, status, &body, reply, sink, "");
            return;
        }
        // Warnings (an order not pending) are kept as such; errors make
        // the reply a shop error, but every order that could be read is
        // still called.
        let (errors, warnings): (Vec<_>, Vec<_>) = sink
            .kept
            .iter()
            .copied()
            .partition(|d| d.severity == Severity::Error);
        for w in warnings {
            if self.report.listing_warnings.len() < KEPT {
                self.report.listing_warnings.push(w);
            }
        }
        if reply.is_none() || !errors.is_empty() {
            let problem = if listed.is_empty() && reply.is_none() {
                "the order list is not one the PBX can read"
            } else {
                "some listed orders cannot be called"
            };
            self.shop_error(&list, None, Some(200), problem, errors, sink.errors);
        }
        if reply.is_some() || !listed.is_empty() {
            self.report.listings += 1;
        }
        for (id, call) in listed {
            let Some(id) = id else { continue };
            if !call {
                if !self.orders.contains_key(&id) {
                    self.not_called.insert(id);
                }
                continue;
            }
            self.not_called.remove(&id);
            let done = self
                .orders
                .entry(id)
                .or_insert_with(|| {
                    (
                        OrderResult {
                            order_id: id,
                            calls: Vec::new(),
                            status_set: None,
                        },
                        false,
                    )
                })
                .1;
            if !done {
                self.confirmation_call(token, id).await;
            }
        }
    }

    /// One confirmation call, and the status update a decision leads to.
    async fn confirmation_call(&mut self, token: &str, order_id: u64) {
        let outcome = match self.rng.range(0, 99) {
            0..=44 => CallOutcome::Confirmed,
            45..=64 => CallOutcome::Cancelled,
            65..=89 => CallOutcome::NoAnswer,
            _ => CallOutcome::InvalidKey,
        };
        let attempts = self.config.attempts;
        let Some((result, done)) = self.orders.get_mut(&order_id) else {
            return;
        };
        result.calls.push(outcome);
        let attempt = result.calls.len() as u32;
        let next = next_step(outcome, attempt, attempts);
        *done = !matches!(next, Next::CallAgain);
        self.log(format_args!(
            "shop: order {order_id} call {attempt}/{attempts} from {} announcement {} → {}",
            self.config.caller_id.as_deref().unwrap_or("-"),
            self.config
                .announcement_id
                .map_or("-".to_string(), |a| a.to_string()),
            outcome.as_str()
        ));
        let Next::SetStatus(status) = next else {
            return;
        };
        let Ok(id) = Id::parse(&order_id.to_string()) else {
            return;
        };
        let update = Call::Route {
            token,
            request: Request::UpdateOrderStatus {
                order_id: id,
                status: Status::Known(status),
            },
        };
        let Some((code, body)) = self.send(update, Some(order_id)).await else {
            return;
        };
        let mut sink = Kept::default();
        let reply = read_reply_to(update.exchange(), &body, &mut sink, |_| {});
        let unreadable = "the update's reply is not one the PBX can read";
        if let Some(Reply::Updated) = self.usable(
            &update,
            Some(order_id),
            code,
            &body,
            reply,
            sink,
            unreadable,
        ) {
            if let Some((r, _)) = self.orders.get_mut(&order_id) {
                r.status_set = Some(status.id());
            }
        }
    }

    /// An incoming caller routed to "E-Ticaret Sipariş Sorgula".
    async fn lookup(&mut self, token: &str, caller: &str) -> LookupResult {
        let telephone = match Phone::parse_lenient(caller) {
            Ok(p) => p,
            Err(e) => {
                return LookupResult::NotAPhone(Box::new(
                    Diagnostic::new(e.code, e.span)
                        .with_path(santral::diag::Path::key("telephone")),
                ))
            }
        };
        let call = Call::Route {
            token,
            request: Request::GetOrderByTelephone { telephone },
        };
        let Some((status, body)) = self.send(call, None).await else {
            return LookupResult::Failed;
        };
        let mut sink = Kept::default();
        let reply = read_reply_to(call.exchange(), &body, &mut sink, |_| {});
        // An abandoned checkout (status 0) is read as not found, with its warning.
        for d in sink.kept.iter().filter(|d| d.severity == Severity::Warning) {
            if self.report.listing_warnings.len() < KEPT {
                self.report.listing_warnings.push(*d);
            }
        }
        let unreadable = "the lookup's reply is not one the PBX can read";
        match self.usable(&call, None, status, &body, reply, sink, unreadable) {
            Some(Reply::Order(o)) => LookupResult::Found {
                order_id: o.order_id,
                order_status_id: o.order_status_id,
            },
            Some(Reply::NotFound) => LookupResult::NotFound,
            _ => LookupResult::Failed,
        }
    }

    /// Sends `call`: the reply's status and body, read once by the caller
    /// ([`usable`](Self::usable)); a transport failure or a reply over
    /// [`MAX_REPLY_BYTES`] is recorded and gives `None`.
    async fn send(&mut self, call: Call<'_>, order_id: Option<u64>) -> Option<(u16, Vec<u8>)> {
        let url = call
            .url(&self.config.service_url, self.config.version)
            .to_string();
        let shown = call
            .redacted_url(&self.config.service_url, self.config.version)
            .to_string();
        let Some(http) = self.http.clone() else {
            self.shop_error(&call, order_id, None, "no HTTP client", vec![], 0);
            return None;
        };
        let started = std::time::Instant::now();
        let mut request = match call.method() {
            santral::api::Method::Post => http.post(&url),
            _ => http.get(&url),
        };
        if let Some(ct) = call.content_type() {
            request = request
                .header("content-type", ct)
                .body(call.body().to_string());
        }
        let fetched = async {
            let mut response = request.send().await?;
            let status = response.status().as_u16();
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await? {
                body.extend_from_slice(&chunk);
                if body.len() > MAX_REPLY_BYTES {
                    return Ok((status, None));
                }
            }
            Ok::<_, reqwest::Error>((status, Some(body)))
        };
        let result = fetched.await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let method = call.method();
        match result {
            Err(e) => {
                let problem = if e.is_timeout() {
                    format!(
                        "the shop did not answer within {} s",
                        self.config.timeout.as_secs_f64()
                    )
                } else if e.is_connect() {
                    "the shop cannot be reached (connection refused or no route)".to_string()
                } else {
                    "the connection broke before the reply was complete".to_string()
                };
                self.log(format_args!(
                    "shop: {method} {shown} → {problem} {ms:.1} ms"
                ));
                self.shop_error(&call, order_id, None, &problem, vec![], 0);
                None
            }
            Ok((status, None)) => {
                self.log(format_args!(
                    "shop: {method} {shown} → {status} too large {ms:.1} ms"
                ));
                let problem = format!("the reply is larger than {} bytes", MAX_REPLY_BYTES);
                self.shop_error(&call, order_id, Some(status), &problem, vec![], 0);
                None
            }
            Ok((status, Some(body))) => {
                self.log(format_args!(
                    "shop: {method} {shown} → {status} {} bytes {ms:.1} ms",
                    body.len()
                ));
                Some((status, body))
            }
        }
    }

    /// The reply the core read, when the PBX can use it: a status other
    /// than 200, an `{"error":…}` (a refused login included) or a reply the
    /// core refuses (`unreadable` says whose) is recorded, and gives `None`.
    #[allow(clippy::too_many_arguments)]
    fn usable<'b>(
        &mut self,
        call: &Call<'_>,
        order_id: Option<u64>,
        status: u16,
        body: &'b [u8],
        reply: Option<Reply<'b>>,
        sink: Kept,
        unreadable: &str,
    ) -> Option<Reply<'b>> {
        let total = sink.total;
        if status != 200 {
            let problem = format!("the shop answered HTTP {status}");
            self.shop_error(call, order_id, Some(status), &problem, sink.kept, total);
            return None;
        }
        match reply {
            Some(Reply::Error(m)) => {
                // `[]` at login: OpenCart's answer to a key it does not know.
                let key_refused = sink
                    .kept
                    .iter()
                    .any(|d| d.code == santral::diag::Code::OpencartKeyRefused);
                let problem = match call {
                    Call::Login { .. } if key_refused => "the shop refused the API key".to_string(),
                    Call::Login { .. } => {
                        format!("the shop refused the login: {}", message(m, body))
                    }
                    Call::Route { .. } | Call::AuditProbe { .. } => {
                        format!("the shop answered an error: {}", message(m, body))
                    }
                };
                self.shop_error(call, order_id, Some(status), &problem, sink.kept, total);
                None
            }
            Some(r) => Some(r),
            None => {
                self.shop_error(call, order_id, Some(status), unreadable, sink.kept, total);
                None
            }
        }
    }
    fn shop_error(
        &mut self,
        call: &Call<'_>,
        order_id: Option<u64>,
        status: Option<u16>,
        problem: &str,
        diagnostics: Vec<Diagnostic>,
        total: usize,
    ) {
        let route = match call {
            Call::Login { .. } => "api/login".to_string(),
            Call::AuditProbe { .. } => format!(
                "{}{}",
                santral::opencart::ROUTE_PREFIX,
                santral::opencart::Route::GetOrderByTelephoneNumber.as_str()
            ),
            Call::Route { request, .. } => {
                format!(
                    "{}{}",
                    santral::opencart::ROUTE_PREFIX,
                    request.route().as_str()
                )
            }
        };
        let url = call
            .redacted_url(&self.config.service_url, self.config.version)
            .to_string();
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.id()).collect();
        self.log(format_args!(
            "shop error: {route}{}: {problem}{}",
            order_id.map_or(String::new(), |o| format!(" (order {o})")),
            if codes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", codes.join(", "))
            }
        ));
        self.report.shop_errors.push(ShopError {
            route,
            url,
            order_id,
            status,
            problem: problem.to_string(),
            diagnostics_total: total.max(diagnostics.len()),
            diagnostics,
        });
    }
}

/// The shop's error message (its own words), or a placeholder.
fn message(m: Option<santral::json::JsonStr<'_>>, body: &[u8]) -> String {
    let mut buf = vec![0u8; body.len()];
    m.and_then(|m| santral::json::text(m, &mut buf).map(|t| t.chars().take(200).collect()))
        .unwrap_or_else(|| "(no message)".to_string())
}

/// A sink keeping the first diagnostics and counting all.
#[derive(Default)]
struct Kept {
    kept: Vec<Diagnostic>,
    total: usize,
    errors: usize,
}

impl santral::diag::Sink for Kept {
    fn report(&mut self, d: Diagnostic) -> std::ops::ControlFlow<()> {
        self.total += 1;
        self.errors += usize::from(d.severity == Severity::Error);
        if self.kept.len() < KEPT {
            self.kept.push(d);
        }
        std::ops::ControlFlow::Continue(())
    }
}
