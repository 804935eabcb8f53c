//! The gateway's configuration (`santral serve --config FILE`): a TOML
//! file read by [`crate::toml`] and checked by the core's rules like any
//! other input — every problem with its place and path (`sink[1].url`),
//! unknown settings with a suggestion, the defaults declared once here.
//!
//! ```
//! use santral::diag::Collector;
//! use santral::gateway::{read, Database, SinkKind};
//!
//! let toml = br#"
//! listen = "127.0.0.1:8096"
//! database = "sqlite:santral-gateway.db"
//! allow = ["127.0.0.1/32"]
//!
//! [[sink]]
//! kind = "logo-crm"
//! url = "http://crm.example/logocrm/Default.aspx/IPS_callAnswered"
//! keypress = 1
//! "#;
//! let mut sink: Collector<8> = Collector::new();
//! let c = read(toml, &mut sink).unwrap();
//! assert_eq!(c.listen.to_string(), "127.0.0.1:8096");
//! assert!(matches!(c.database, Database::Sqlite(p) if p.eq_str("santral-gateway.db")));
//! assert_eq!((c.sinks.len(), c.sinks[0].kind), (1, SinkKind::LogoCrm));
//! assert_eq!(c.events_path.as_str(), Some("/events")); // the default
//! ```

use core::net::SocketAddr;

use crate::diag::{Code, Counting, Diagnostic, Error, Locator, Path, Sink, Span};
use crate::lexical::{Extension, Url};
use crate::logo::{CallerForm, Keypress, Trigger};
use crate::net::Cidr;
use crate::toml::{Item, Reader, Scalar, TomlStr, Value};

/// Where the gateway listens unless told.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8096";
/// The database unless told: SQLite beside the config.
pub const DEFAULT_DATABASE: &str = "sqlite:santral-gateway.db";
/// The paths call events and campaign reports are POSTed to: the
/// receiver's.
pub use crate::receiver::{DEFAULT_EVENTS_PATH, DEFAULT_REPORTS_PATH};
/// Delivery attempts before a delivery is parked as dead.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 20;
/// The longest wait between two attempts, in seconds (the first retries
/// come within seconds: 1, 2, 4, … up to this).
pub const DEFAULT_MAX_DELAY_SECONDS: u32 = 60;
/// How long a sink may take to answer, in seconds.
pub const DEFAULT_SINK_TIMEOUT_SECONDS: u32 = 10;
/// How long a request's head may take to arrive, in seconds; also how long
/// a kept-alive connection may sit idle.
pub const DEFAULT_HEADER_TIMEOUT_SECONDS: u32 = 10;
/// Connections open at once; more wait in the listen queue until one
/// closes. Well under the usual descriptor limit (`ulimit -n` 1024), so that the
/// database and the deliveries always find a descriptor.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 512;
/// Days a delivered call event's body (the caller's number) is kept.
pub const DEFAULT_RETENTION_CALL_EVENT_DAYS: u32 = 30;
/// Days a delivered campaign report's body is kept.
pub const DEFAULT_RETENTION_CAMPAIGN_REPORT_DAYS: u32 = 30;
/// Days a refused body is kept for inspection.
pub const DEFAULT_RETENTION_REJECTED_DAYS: u32 = 7;
/// The kinds `retention_days` names.
pub const RETENTION_KINDS: [&str; 3] = ["call_event", "campaign_report", "rejected"];

/// The most sinks one gateway delivers to.
pub const MAX_SINKS: usize = 16;
/// The most address blocks in `allow` and in `trusted_proxies`.
pub const MAX_BLOCKS: usize = 64;

crate::wire_enum! {
    /// Where a sink sends what the gateway keeps.
    pub enum SinkKind: Code::ConfigSinkKind {
        /// Logo CRM's `IPS_callAnswered` (SPEC §10), for call events of the
        /// sink's trigger.
        LogoCrm = "logo-crm",
        /// Any HTTP endpoint: every event and report as JSON.
        Webhook = "webhook",
    }
}

crate::fields! {
    /// The top-level settings.
    pub enum Setting {
        /// `listen`: the address (`127.0.0.1:8096`).
        Listen = "listen",
        /// `database`: `sqlite:PATH` or `postgres://…`.
        Database = "database",
        /// `allow`: address blocks added to the vendor's own.
        Allow = "allow",
        /// `trusted_proxies`: blocks whose `X-Forwarded-For` counts.
        TrustedProxies = "trusted_proxies",
        /// `secret`: a path segment before every path.
        Secret = "secret",
        /// `events_path`.
        EventsPath = "events_path",
        /// `reports_path`.
        ReportsPath = "reports_path",
        /// `max_attempts`.
        MaxAttempts = "max_attempts",
        /// `max_delay_seconds`.
        MaxDelaySeconds = "max_delay_seconds",
        /// `header_timeout_seconds`: a request head's deadline, and the idle timeout.
        HeaderTimeoutSeconds = "header_timeout_seconds",
        /// `max_connections`: connections open at once (more wait).
        MaxConnections = "max_connections",
        /// `retention_days`: `{ call_event = 30, campaign_report = 30,
        /// rejected = 7 }`, days a body is kept once delivered (refused).
        RetentionDays = "retention_days",
        /// `ui_token`: what an operator's browser off this machine gives
        /// to see `/ui` (loopback needs none).
        UiToken = "ui_token",
    }
}

crate::fields! {
    /// The settings of one `[[sink]]`.
    pub enum SinkSetting {
        /// `kind`: `logo-crm` or `webhook`.
        Kind = "kind" required,
        /// `url`.
        Url = "url" required,
        /// `name` (for logs and metrics; `sink[N]` otherwise).
        Name = "name",
        /// `keypress`: 1 card, 2 offer, 3 support ticket (logo-crm).
        Keypress = "keypress",
        /// `caller_form`: national, bare, e164 (logo-crm).
        CallerForm = "caller_form",
        /// `trigger`: answer or ringing (logo-crm).
        Trigger = "trigger",
        /// `agent_id`: one agent id for every extension (logo-crm).
        AgentId = "agent_id",
        /// `agents`: `{ 1001 = "AG-7", … }`, per-extension agent ids (logo-crm).
        Agents = "agents",
        /// `timeout_seconds`.
        TimeoutSeconds = "timeout_seconds",
        /// `max_in_flight`: the most deliveries in flight to this sink at
        /// once (the adaptive window's ceiling).
        MaxInFlight = "max_in_flight",
    }
}

/// The database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Database<'a> {
    /// `sqlite:PATH` (the path as written: relative to where the gateway runs).
    Sqlite(TomlStr<'a>),
    /// `postgres://…` (or `postgresql://…`): the whole URL.
    Postgres(TomlStr<'a>),
}

/// One sink.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SinkConfig<'a> {
    /// What it is.
    pub kind: SinkKind,
    /// Where it is.
    pub url: TomlStr<'a>,
    /// Its name, if given.
    pub name: Option<TomlStr<'a>>,
    /// Logo CRM: the action.
    pub keypress: Keypress,
    /// Logo CRM: how the CRM stores numbers.
    pub caller_form: CallerForm,
    /// Logo CRM: the event that triggers it.
    pub trigger: Trigger,
    /// Logo CRM: one agent id for all.
    pub agent_id: Option<TomlStr<'a>>,
    /// Logo CRM: per-extension agent ids (checked: extension keys).
    pub agents: Option<crate::toml::InlineTable<'a>>,
    /// Seconds the sink may take to answer.
    pub timeout_seconds: u32,
    /// The most deliveries in flight at once, if given
    /// ([`SinkConfig::max_in_flight`] applies the default).
    pub max_in_flight_given: Option<u32>,
}

/// Logo CRM's default `max_in_flight`: its ASP.NET endpoint is slow and
/// ignores `Idempotency-Key`, so a small window keeps it from timing out.
pub const DEFAULT_MAX_IN_FLIGHT_LOGO: u32 = 4;
/// A webhook sink's default `max_in_flight`.
pub const DEFAULT_MAX_IN_FLIGHT_WEBHOOK: u32 = 16;

impl<'a> SinkConfig<'a> {
    /// The most deliveries in flight at once: `max_in_flight`, else the
    /// kind's default ([`DEFAULT_MAX_IN_FLIGHT_LOGO`],
    /// [`DEFAULT_MAX_IN_FLIGHT_WEBHOOK`]).
    pub fn max_in_flight(&self) -> u32 {
        self.max_in_flight_given.unwrap_or(match self.kind {
            SinkKind::LogoCrm => DEFAULT_MAX_IN_FLIGHT_LOGO,
            SinkKind::Webhook => DEFAULT_MAX_IN_FLIGHT_WEBHOOK,
        })
    }

    /// The agent id for `extension`: its entry in `agents`, else
    /// `agent_id`, else `None` (the extension itself is sent).
    pub fn agent_for(&self, extension: &str) -> Option<TomlStr<'a>> {
        let from_table = self.agents.and_then(|t| {
            t.pairs()
                .filter_map(Result::ok)
                .find(|(k, _, _)| k.eq_str(extension))
                .and_then(|(_, v, _)| match v {
                    Scalar::Str(s) => Some(s),
                    _ => None,
                })
        });
        from_table.or(self.agent_id)
    }
}

/// The whole configuration, with the defaults applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config<'a> {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The database.
    pub database: Database<'a>,
    /// Blocks allowed besides the vendor's addresses.
    pub allow: heapless::Vec<Cidr, MAX_BLOCKS>,
    /// Blocks whose `X-Forwarded-For` counts.
    pub trusted_proxies: heapless::Vec<Cidr, MAX_BLOCKS>,
    /// A path segment before every path, if any.
    pub secret: Option<TomlStr<'a>>,
    /// Where call events arrive.
    pub events_path: TomlStr<'a>,
    /// Where campaign reports arrive.
    pub reports_path: TomlStr<'a>,
    /// Attempts before a delivery is dead.
    pub max_attempts: u32,
    /// The longest wait between attempts.
    pub max_delay_seconds: u32,
    /// A request head's deadline, and the idle timeout.
    pub header_timeout_seconds: u32,
    /// Connections open at once.
    pub max_connections: u32,
    /// How long bodies are kept.
    pub retention: Retention,
    /// The operator page's token, if any.
    pub ui_token: Option<TomlStr<'a>>,
    /// The sinks, in the file's order.
    pub sinks: heapless::Vec<SinkConfig<'a>, MAX_SINKS>,
}

/// May a request see the operator page (`/ui`)? The client must already
/// be allowed (the allow-list); then a client on this machine's loopback
/// may, and any other only with the configured `ui_token` (compared in
/// constant time). No token configured: loopback only.
///
/// ```
/// use santral::gateway::ui_allows;
/// assert!(ui_allows(true, None, None));
/// assert!(!ui_allows(false, None, Some(b"anything-at-all-16")));
/// assert!(ui_allows(false, Some("0123456789abcdef"), Some(b"0123456789abcdef")));
/// assert!(!ui_allows(false, Some("0123456789abcdef"), Some(b"0123456789abcdeX")));
/// ```
pub fn ui_allows(loopback: bool, configured: Option<&str>, given: Option<&[u8]>) -> bool {
    if loopback {
        return true;
    }
    match (configured, given) {
        (Some(want), Some(got)) if want.len() == got.len() => {
            want.bytes().zip(got).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
        }
        _ => false,
    }
}

/// Days each kind of body is kept: a delivered (or dead) event's body — the
/// caller's number — is removed after this many days, its counts stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Call events.
    pub call_event: u32,
    /// Campaign reports.
    pub campaign_report: u32,
    /// Refused bodies.
    pub rejected: u32,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention {
            call_event: DEFAULT_RETENTION_CALL_EVENT_DAYS,
            campaign_report: DEFAULT_RETENTION_CAMPAIGN_REPORT_DAYS,
            rejected: DEFAULT_RETENTION_REJECTED_DAYS,
        }
    }
}

/// Reads and checks a configuration, reporting every problem to `sink`;
/// `None` when one is an error.
pub fn read<'a, S: Sink>(input: &'a [u8], sink: &mut S) -> Option<Config<'a>> {
    let mut tee = Counting::new(sink);
    let mut locator = Locator::new(input);
    let mut out = Config {
        listen: crate::net::parse_socket_addr(DEFAULT_LISTEN)
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8096))),
        database: Database::Sqlite(TomlStr::literal(sqlite_default())),
        allow: heapless::Vec::new(),
        trusted_proxies: heapless::Vec::new(),
        secret: None,
        events_path: TomlStr::literal(DEFAULT_EVENTS_PATH),
        reports_path: TomlStr::literal(DEFAULT_REPORTS_PATH),
        max_attempts: DEFAULT_MAX_ATTEMPTS,
        max_delay_seconds: DEFAULT_MAX_DELAY_SECONDS,
        header_timeout_seconds: DEFAULT_HEADER_TIMEOUT_SECONDS,
        max_connections: DEFAULT_MAX_CONNECTIONS,
        retention: Retention::default(),
        ui_token: None,
        sinks: heapless::Vec::new(),
    };
    let mut seen = 0u64;
    let mut sink_seen = 0u64;
    // In a `[[sink]]` table: its index; `None` at the top level.
    let mut table: Option<u32> = None;
    let mut current: Option<PartialSink<'a>> = None;
    let mut report = |d: Diagnostic, tee: &mut Counting<'_, S>| {
        let _ = tee.report(locator.locate(d));
    };
    for item in Reader::new(input) {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                report(Diagnostic::new(e.code, e.span), &mut tee);
                break;
            }
        };
        match item {
            Item::Table { name, array, span } => {
                if let Some(p) = current.take() {
                    finish_sink(p, &mut out, &mut tee, &mut report);
                }
                if array && name.eq_str("sink") {
                    let index = table.map_or(0, |i| i + 1);
                    table = Some(index);
                    sink_seen = 0;
                    current = Some(PartialSink::new(index, span));
                    if usize::try_from(index).unwrap_or(usize::MAX) >= MAX_SINKS {
                        report(
                            Diagnostic::new(Code::ConfigTooMany, name.span())
                                .with_path(Path::key("sink")),
                            &mut tee,
                        );
                    }
                } else {
                    let mut d = Diagnostic::new(Code::ConfigUnknownKey, name.span());
                    d.suggestion = suggest(name, &["sink"]);
                    report(d, &mut tee);
                }
            }
            Item::Pair { key, value, span } => match (&mut current, table) {
                (Some(p), Some(index)) => {
                    sink_pair(
                        p,
                        index,
                        key,
                        value,
                        span,
                        &mut sink_seen,
                        &mut tee,
                        &mut report,
                    );
                }
                _ => top_pair(&mut out, key, value, span, &mut seen, &mut tee, &mut report),
            },
        }
    }
    if let Some(p) = current.take() {
        finish_sink(p, &mut out, &mut tee, &mut report);
    }
    if out.sinks.is_empty() && tee.errors == 0 {
        report(
            Diagnostic::new(Code::ConfigNoSink, Span::new(0, 0)).with_path(Path::key("sink")),
            &mut tee,
        );
    }
    if tee.errors > 0 {
        None
    } else {
        Some(out)
    }
}

fn sqlite_default() -> &'static str {
    DEFAULT_DATABASE
        .strip_prefix("sqlite:")
        .unwrap_or(DEFAULT_DATABASE)
}

/// A sink being read.
struct PartialSink<'a> {
    index: u32,
    header: Span,
    kind: Option<SinkKind>,
    config: SinkConfig<'a>,
    /// Bit per [`SinkSetting`]: given (valid or not).
    given: u64,
    /// An error was reported in this sink.
    bad: bool,
}

impl<'a> PartialSink<'a> {
    fn new(index: u32, header: Span) -> PartialSink<'a> {
        PartialSink {
            index,
            header,
            kind: None,
            config: SinkConfig {
                kind: SinkKind::Webhook,
                url: TomlStr::literal(""),
                name: None,
                keypress: Keypress::default(),
                caller_form: CallerForm::default(),
                trigger: Trigger::default(),
                agent_id: None,
                agents: None,
                timeout_seconds: DEFAULT_SINK_TIMEOUT_SECONDS,
                max_in_flight_given: None,
            },
            given: 0,
            bad: false,
        }
    }
}

fn sink_path(index: u32, key: &'static str) -> Path {
    let mut p = Path::key("sink");
    p.push_index(index);
    p.push_key(key);
    p
}

fn finish_sink<'a, S: Sink>(
    p: PartialSink<'a>,
    out: &mut Config<'a>,
    tee: &mut Counting<'_, S>,
    report: &mut impl FnMut(Diagnostic, &mut Counting<'_, S>),
) {
    let mut bad = p.bad;
    for f in SinkSetting::ALL.iter().filter(|f| f.is_required()) {
        if p.given & (1 << f.index()) == 0 {
            report(
                Diagnostic::new(Code::ConfigMissing, p.header)
                    .with_path(sink_path(p.index, f.name())),
                tee,
            );
            bad = true;
        }
    }
    if let (Some(kind), false) = (p.kind, bad) {
        let _ = out.sinks.push(SinkConfig { kind, ..p.config });
    }
}

/// The closest of `names` to a misspelt key.
pub(crate) fn suggest(key: TomlStr<'_>, names: &[&'static str]) -> Option<&'static str> {
    let mut buf = [0u8; 64];
    key.decode_into(&mut buf)
        .and_then(|k| crate::lexical::suggest(k, names))
}

// The settings' readers return the small `Error` (placed in the whole
// input); each setting's one report turns it into a diagnostic with the
// setting's path, so the many error paths do not each build one.

/// A string value, or an error at `span`.
pub(crate) fn string<'a>(value: Value<'a>, span: Span) -> Result<TomlStr<'a>, Error> {
    match value {
        Value::Scalar(Scalar::Str(s)) => Ok(s),
        _ => Err(Error::new(Code::ConfigExpectedString, span)),
    }
}

pub(crate) fn integer(value: Value<'_>, span: Span, lo: i64, hi: i64) -> Result<u32, Error> {
    match value {
        Value::Scalar(Scalar::Int(n)) if (lo..=hi).contains(&n) => Ok(n as u32),
        Value::Scalar(Scalar::Int(_)) => Err(Error::new(Code::ConfigRange, span)),
        _ => Err(Error::new(Code::ConfigExpectedInteger, span)),
    }
}

/// The value's text decoded into `buf`, for the core's parsers.
pub(crate) fn text<'b>(s: TomlStr<'_>, buf: &'b mut [u8]) -> Option<&'b str> {
    s.decode_into(buf)
}

/// An error from a lexical parser, placed inside the string value.
pub(crate) fn inside(e: Error, s: TomlStr<'_>) -> Error {
    // A plain string: the error's span is within the quotes.
    let base = s.span().start + 1;
    let span = if s.as_str().is_some() {
        e.span.offset(base)
    } else {
        s.span()
    };
    Error { span, ..e }
}

/// An array of address blocks; each bad element is reported with its
/// index (`allow[1]`). False when one was.
fn blocks<S: Sink>(
    value: Value<'_>,
    span: Span,
    name: &'static str,
    into: &mut heapless::Vec<Cidr, MAX_BLOCKS>,
    tee: &mut Counting<'_, S>,
    report: &mut impl FnMut(Diagnostic, &mut Counting<'_, S>),
) -> bool {
    let Value::Array(a) = value else {
        report(
            Diagnostic::new(Code::ConfigExpectedArray, span).with_path(Path::key(name)),
            tee,
        );
        return false;
    };
    let mut ok = true;
    for (i, item) in a.items().enumerate() {
        let mut path = Path::key(name);
        path.push_index(u32::try_from(i).unwrap_or(u32::MAX));
        let one = (|| {
            let (scalar, at) = item.map_err(|e| Error::new(e.code, e.span))?;
            let Scalar::Str(s) = scalar else {
                return Err(Error::new(Code::ConfigExpectedString, at));
            };
            let mut buf = [0u8; 64];
            let cidr = text(s, &mut buf)
                .ok_or(Error::new(Code::OpencartCidr, Span::new(0, s.len())))
                .and_then(Cidr::parse)
                .map_err(|e| inside(e, s))?;
            into.push(cidr)
                .map_err(|_| Error::new(Code::ConfigTooMany, at))
        })();
        if let Err(e) = one {
            report(Diagnostic::from(e).with_path(path), tee);
            ok = false;
        }
    }
    ok
}

#[allow(clippy::too_many_arguments)]
fn top_pair<'a, S: Sink>(
    out: &mut Config<'a>,
    key: TomlStr<'a>,
    value: Value<'a>,
    span: Span,
    seen: &mut u64,
    tee: &mut Counting<'_, S>,
    report: &mut impl FnMut(Diagnostic, &mut Counting<'_, S>),
) {
    use Setting as T;
    let Some(setting) = T::ALL.iter().copied().find(|s| key.eq_str(s.name())) else {
        let mut d = Diagnostic::new(Code::ConfigUnknownKey, key.span());
        d.suggestion = suggest(key, &T::NAMES);
        report(d, tee);
        return;
    };
    let bit = 1u64 << setting.index();
    if *seen & bit != 0 {
        report(
            Diagnostic::new(Code::ConfigDuplicateKey, key.span())
                .with_path(Path::key(setting.name())),
            tee,
        );
        return;
    }
    *seen |= bit;
    match setting {
        T::Allow => {
            blocks(value, span, setting.name(), &mut out.allow, tee, report);
            return;
        }
        T::TrustedProxies => {
            blocks(
                value,
                span,
                setting.name(),
                &mut out.trusted_proxies,
                tee,
                report,
            );
            return;
        }
        _ => {}
    }
    let result: Result<(), Error> = (|| {
        match setting {
            T::Listen => {
                let s = string(value, span)?;
                let mut buf = [0u8; 64];
                out.listen = text(s, &mut buf)
                    .and_then(crate::net::parse_socket_addr)
                    .ok_or(Error::new(Code::ConfigListen, s.span()))?;
            }
            T::Database => {
                let s = string(value, span)?;
                let raw = s.as_str().unwrap_or("");
                out.database = if let Some(path) = raw.strip_prefix("sqlite:") {
                    if path.is_empty() {
                        return Err(Error::new(Code::ConfigDatabase, s.span()));
                    }
                    Database::Sqlite(s.strip_prefix("sqlite:").unwrap_or(s))
                } else if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
                    Database::Postgres(s)
                } else {
                    return Err(Error::new(Code::ConfigDatabase, s.span()));
                };
            }
            // Reported element by element.
            T::Allow | T::TrustedProxies => {}
            T::Secret => {
                let s = string(value, span)?;
                let ok = !s.is_empty()
                    && s.raw()
                        .iter()
                        .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if !ok {
                    return Err(Error::new(Code::ConfigSecret, s.span()));
                }
                out.secret = Some(s);
            }
            T::EventsPath | T::ReportsPath => {
                let s = string(value, span)?;
                let raw = s.as_str().unwrap_or("");
                let ok = raw.starts_with('/') && raw.len() > 1 && !raw.contains(['?', '#', ' ']);
                if !ok {
                    return Err(Error::new(Code::ConfigPath, s.span()));
                }
                if setting == T::EventsPath {
                    out.events_path = s;
                } else {
                    out.reports_path = s;
                }
            }
            T::MaxAttempts => out.max_attempts = integer(value, span, 1, 1000)?,
            T::MaxDelaySeconds => out.max_delay_seconds = integer(value, span, 1, 86_400)?,
            T::HeaderTimeoutSeconds => {
                out.header_timeout_seconds = integer(value, span, 1, 300)?;
            }
            T::MaxConnections => out.max_connections = integer(value, span, 1, 65_535)?,
            T::RetentionDays => {
                let Value::Table(t) = value else {
                    return Err(Error::new(Code::ConfigExpectedTable, span));
                };
                // An unknown kind is reported (a warning: ignored) after the
                // known ones are read.
                let mut unknown = None;
                for pair in t.pairs() {
                    let (k, v, at) = pair.map_err(|e| Error::new(e.code, e.span))?;
                    let Some(kind) = RETENTION_KINDS.iter().position(|n| k.eq_str(n)) else {
                        let mut e = Error::new(Code::ConfigUnknownKey, k.span());
                        e.suggestion = suggest(k, &RETENTION_KINDS);
                        unknown = unknown.or(Some(e));
                        continue;
                    };
                    let days = integer(Value::Scalar(v), at, 1, 3650)?;
                    match kind {
                        0 => out.retention.call_event = days,
                        1 => out.retention.campaign_report = days,
                        _ => out.retention.rejected = days,
                    }
                }
                if let Some(d) = unknown {
                    return Err(d);
                }
            }
            T::UiToken => {
                let s = string(value, span)?;
                let ok = (16..=128).contains(&s.len())
                    && s.raw()
                        .iter()
                        .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if !ok {
                    return Err(Error::new(Code::ConfigUiToken, s.span()));
                }
                out.ui_token = Some(s);
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        report(
            Diagnostic::from(e).with_path(Path::key(setting.name())),
            tee,
        );
    }
    if out.events_path.raw() == out.reports_path.raw() && setting == T::ReportsPath {
        report(
            Diagnostic::new(Code::ConfigPath, span).with_path(Path::key(setting.name())),
            tee,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn sink_pair<'a, S: Sink>(
    p: &mut PartialSink<'a>,
    index: u32,
    key: TomlStr<'a>,
    value: Value<'a>,
    span: Span,
    seen: &mut u64,
    tee: &mut Counting<'_, S>,
    report: &mut impl FnMut(Diagnostic, &mut Counting<'_, S>),
) {
    use SinkSetting as K;
    let Some(setting) = K::ALL.iter().copied().find(|s| key.eq_str(s.name())) else {
        let mut d = Diagnostic::new(Code::ConfigUnknownKey, key.span());
        d.suggestion = suggest(key, &K::NAMES);
        let mut path = Path::key("sink");
        path.push_index(index);
        report(d.with_path(path), tee);
        return;
    };
    let bit = 1u64 << setting.index();
    if *seen & bit != 0 {
        report(
            Diagnostic::new(Code::ConfigDuplicateKey, key.span())
                .with_path(sink_path(index, setting.name())),
            tee,
        );
        return;
    }
    *seen |= bit;
    p.given |= bit;
    let c = &mut p.config;
    let parse_enum =
        |value: Value<'_>, parse: &dyn Fn(&str) -> Result<(), Error>| -> Result<(), Error> {
            let s = string(value, span)?;
            let mut buf = [0u8; 32];
            let t = text(s, &mut buf).unwrap_or("");
            parse(t).map_err(|e| {
                inside(
                    Error {
                        span: Span::new(0, s.len()),
                        ..e
                    },
                    s,
                )
            })
        };
    let result: Result<(), Error> = (|| {
        match setting {
            K::Kind => {
                let s = string(value, span)?;
                let mut buf = [0u8; 32];
                let kind = SinkKind::parse(text(s, &mut buf).unwrap_or("")).map_err(|e| {
                    inside(
                        Error {
                            span: Span::new(0, s.len()),
                            ..e
                        },
                        s,
                    )
                })?;
                p.kind = Some(kind);
            }
            K::Url => {
                let s = string(value, span)?;
                let mut buf = [0u8; 2048];
                let t = text(s, &mut buf).ok_or(Error::new(Code::UrlTooLong, s.span()))?;
                Url::parse(t).map_err(|e| inside(e, s))?;
                c.url = s;
            }
            K::Name => c.name = Some(string(value, span)?),
            K::Keypress => {
                let mut buf = [0u8; 24];
                let t = match value {
                    Value::Scalar(Scalar::Int(n)) => {
                        crate::write::write_into(&mut buf, n).unwrap_or("")
                    }
                    Value::Scalar(Scalar::Str(s)) => text(s, &mut buf).unwrap_or(""),
                    _ => return Err(Error::new(Code::ConfigExpectedString, span)),
                };
                c.keypress = Keypress::parse(t).map_err(|e| Error::new(e.code, span))?;
            }
            K::CallerForm => {
                parse_enum(value, &|t| CallerForm::parse(t).map(|_| ()))?;
                if let Value::Scalar(Scalar::Str(s)) = value {
                    let mut buf = [0u8; 32];
                    c.caller_form = text(s, &mut buf)
                        .and_then(CallerForm::from_wire)
                        .unwrap_or_default();
                }
            }
            K::Trigger => {
                parse_enum(value, &|t| Trigger::parse(t).map(|_| ()))?;
                if let Value::Scalar(Scalar::Str(s)) = value {
                    let mut buf = [0u8; 32];
                    c.trigger = text(s, &mut buf)
                        .and_then(Trigger::from_wire)
                        .unwrap_or_default();
                }
            }
            K::AgentId => {
                let s = string(value, span)?;
                if s.is_empty() {
                    return Err(Error::new(Code::LogoAgentIdEmpty, s.span()));
                }
                c.agent_id = Some(s);
            }
            K::Agents => {
                let Value::Table(t) = value else {
                    return Err(Error::new(Code::ConfigExpectedTable, span));
                };
                for pair in t.pairs() {
                    let (k, v, at) = pair.map_err(|e| Error::new(e.code, e.span))?;
                    let mut buf = [0u8; 16];
                    let ext = text(k, &mut buf).unwrap_or("");
                    Extension::parse(ext).map_err(|e| Error::new(e.code, k.span()))?;
                    match v {
                        Scalar::Str(s) if !s.is_empty() => {}
                        Scalar::Str(_) => return Err(Error::new(Code::LogoAgentIdEmpty, at)),
                        _ => return Err(Error::new(Code::ConfigExpectedString, at)),
                    }
                }
                c.agents = Some(t);
            }
            K::TimeoutSeconds => c.timeout_seconds = integer(value, span, 1, 600)?,
            K::MaxInFlight => c.max_in_flight_given = Some(integer(value, span, 1, 256)?),
        }
        Ok(())
    })();
    if let Err(e) = result {
        p.bad = true;
        report(
            Diagnostic::from(e).with_path(sink_path(index, setting.name())),
            tee,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;

    /// (code, path, suggestion, line) of each finding.
    type Found = Vec<(String, String, Option<&'static str>, u32)>;

    fn found(toml: &str) -> (bool, Found) {
        let mut sink: Collector<32> = Collector::new();
        let ok = read(toml.as_bytes(), &mut sink).is_some();
        let d = sink
            .diagnostics()
            .iter()
            .map(|d| {
                (
                    d.code.id().to_string(),
                    d.path.to_string(),
                    d.suggestion,
                    d.line,
                )
            })
            .collect();
        (ok, d)
    }

    const FULL: &str = r#"
listen = "127.0.0.2:9000"
database = "postgres://santral@127.0.0.1/gateway"
allow = ["10.0.0.0/8", "2001:db8::/32"]
trusted_proxies = ["127.0.0.1/32"]
secret = "s3cr3t"
events_path = "/pbx/events"
reports_path = "/pbx/reports"
max_attempts = 5
max_delay_seconds = 30
header_timeout_seconds = 3
max_connections = 100
retention_days = { call_event = 14, rejected = 3 }

[[sink]]
kind = "logo-crm"
name = "crm"
url = "http://crm.example/logocrm/Default.aspx/IPS_callAnswered"
keypress = "2"
caller_form = "e164"
trigger = "ringing"
agent_id = "AG-0"
agents = { 1001 = "AG-7", "1002" = "AG-8" }
timeout_seconds = 5
max_in_flight = 2

[[sink]]
kind = "webhook"
url = "https://example.com/hooks/calls"
"#;

    #[test]
    fn every_setting() {
        let mut sink: Collector<8> = Collector::new();
        let c = read(FULL.as_bytes(), &mut sink).unwrap();
        assert!(sink.diagnostics().is_empty(), "{:?}", sink.diagnostics());
        assert_eq!(c.listen.to_string(), "127.0.0.2:9000");
        assert!(
            matches!(c.database, Database::Postgres(u) if u.eq_str("postgres://santral@127.0.0.1/gateway"))
        );
        assert_eq!((c.allow.len(), c.trusted_proxies.len()), (2, 1));
        assert!(c.secret.unwrap().eq_str("s3cr3t"));
        assert!(c.events_path.eq_str("/pbx/events") && c.reports_path.eq_str("/pbx/reports"));
        assert_eq!((c.max_attempts, c.max_delay_seconds), (5, 30));
        assert_eq!((c.header_timeout_seconds, c.max_connections), (3, 100));
        assert_eq!(
            c.retention,
            Retention {
                call_event: 14,
                campaign_report: DEFAULT_RETENTION_CAMPAIGN_REPORT_DAYS,
                rejected: 3
            }
        );
        let logo = c.sinks[0];
        assert_eq!(
            (logo.kind, logo.keypress, logo.caller_form, logo.trigger),
            (
                SinkKind::LogoCrm,
                Keypress::NewOffer,
                CallerForm::E164,
                Trigger::Ringing
            )
        );
        assert!(logo.agent_for("1001").unwrap().eq_str("AG-7"));
        assert!(logo.agent_for("1002").unwrap().eq_str("AG-8"));
        assert!(logo.agent_for("1003").unwrap().eq_str("AG-0"));
        assert_eq!((logo.timeout_seconds, logo.max_in_flight()), (5, 2));
        assert_eq!(c.sinks[1].kind, SinkKind::Webhook);
        assert_eq!(c.sinks[1].max_in_flight(), DEFAULT_MAX_IN_FLIGHT_WEBHOOK);
        let logo_default = SinkConfig {
            max_in_flight_given: None,
            ..logo
        };
        assert_eq!(logo_default.max_in_flight(), DEFAULT_MAX_IN_FLIGHT_LOGO);
        // retention_days: a kind it does not know, with a suggestion; a range.
        let (_, d) = found("retention_days = { call_events = 10, rejected = 5 }\n");
        assert_eq!(
            (d[0].0.as_str(), d[0].1.as_str(), d[0].2),
            ("config.unknown_key", "retention_days", Some("call_event"))
        );
        let (ok, d) = found("retention_days = { rejected = 0 }\n");
        assert!(!ok);
        assert_eq!(
            (d[0].0.as_str(), d[0].1.as_str()),
            ("config.range", "retention_days")
        );
        // Out of range: the setting's place.
        let (ok, d) =
            found("[[sink]]\nkind = \"webhook\"\nurl = \"http://x.example/\"\nmax_in_flight = 0\n");
        assert!(!ok);
        assert_eq!(d[0].1, "sink[0].max_in_flight");
        assert!(c.sinks[1].agent_for("1001").is_none());
    }

    #[test]
    fn every_problem_with_its_place() {
        let (ok, d) = found(
            r#"listne = "x"
listen = "localhost"
database = "mysql://x"
allow = ["10.0.0.0/33", 7]
events_path = "events"
max_attempts = 0

[[sink]]
kind = "logo-cmr"
url = "ftp://x"
keypres = 1
caller_form = "natonal"
agents = { 1 = "A" }

[[sink]]
name = "no kind"

[sinks]
"#,
        );
        assert!(!ok);
        let want = [
            ("config.unknown_key", "", Some("listen"), 1),
            ("config.listen", "listen", None, 2),
            ("config.database", "database", None, 3),
            ("opencart.cidr", "allow[0]", None, 4),
            ("config.expected_string", "allow[1]", None, 4),
            ("config.path", "events_path", None, 5),
            ("config.range", "max_attempts", None, 6),
            ("config.sink_kind", "sink[0].kind", Some("logo-crm"), 9),
            ("url.scheme", "sink[0].url", None, 10),
            ("config.unknown_key", "sink[0]", Some("keypress"), 11),
            (
                "logo.caller_form",
                "sink[0].caller_form",
                Some("national"),
                12,
            ),
            ("extension.invalid", "sink[0].agents", None, 13),
            ("config.missing", "sink[1].kind", None, 15),
            ("config.missing", "sink[1].url", None, 15),
            ("config.unknown_key", "", Some("sink"), 18),
        ];
        let got: Vec<_> = d
            .iter()
            .map(|(c, p, s, l)| (c.as_str(), p.as_str(), *s, *l))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn defaults_and_a_syntax_error() {
        let mut sink: Collector<4> = Collector::new();
        let c = read(
            b"[[sink]]\nkind = 'webhook'\nurl = 'https://x.example/h'\n",
            &mut sink,
        )
        .unwrap();
        assert_eq!(c.listen.to_string(), DEFAULT_LISTEN);
        assert!(matches!(c.database, Database::Sqlite(p) if p.eq_str("santral-gateway.db")));
        assert!(
            c.events_path.eq_str(DEFAULT_EVENTS_PATH)
                && c.reports_path.eq_str(DEFAULT_REPORTS_PATH)
        );
        assert_eq!(
            (
                c.max_attempts,
                c.max_delay_seconds,
                c.sinks[0].timeout_seconds
            ),
            (20, 60, 10)
        );
        let (ok, d) = found("listen = \"127.0.0.1:1\nx = 1\n");
        assert!(!ok);
        assert_eq!(d, [("toml.unterminated_string".into(), "".into(), None, 1)]);
        let (ok, d) = found("listen = \"127.0.0.1:1\"\n");
        assert!(ok && d[0].0 == "config.no_sink");
    }
}
