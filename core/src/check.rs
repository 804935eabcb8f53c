//! One entry point for every payload kind: [`check`] runs the right
//! validator and returns a [`Report`] with a summary of named, typed
//! fields. The CLI, the C ABI, Python and the mobile bindings all call
//! this, so kinds, names and summaries are defined once, here.
//!
//! ```
//! use santral::check::{check, Kind, Options, Value};
//! use santral::diag::Collector;
//!
//! let mut sink: Collector<8> = Collector::new();
//! let body = b"event_type=ringing&direction=inbound&call_uuid=1234&destination_number=1001";
//! let report = check(Kind::CallEvent, body, &Options::default(), &mut sink);
//! assert!(report.valid);
//! assert_eq!(report.get("event_type"), Some(&Value::Str("ringing")));
//! assert_eq!(Kind::parse("call-event"), Some(Kind::CallEvent));
//! ```

use core::fmt;
use core::ops::ControlFlow;

use crate::diag::{Cap, Counting, Error, Sink};
use crate::time::Date;

crate::wire_enum! {
    /// Every payload kind santral checks.
    pub enum Kind {
        /// Auto-dial campaign request JSON.
        Campaign = "campaign",
        /// Campaign report webhook form.
        CampaignReport = "campaign-report",
        /// Call event webhook form.
        CallEvent = "call-event",
        /// Advisory routing GET query.
        AdvisoryRequest = "advisory-request",
        /// Advisory routing response JSON.
        AdvisoryResponse = "advisory-response",
        /// CRM integration settings JSON (GET reply).
        CrmSettings = "crm-settings",
        /// Logo CRM `IPS_callAnswered` JSON.
        LogoCrm = "logo-crm",
        /// OpenCart route query.
        OpencartRequest = "opencart-request",
        /// A shop's reply to the PBX (login, order lookup, status update,
        /// order list).
        OpencartReply = "opencart-reply",
        /// Baselinker ↔ Optimakers settings document.
        OrderSyncSettings = "order-sync-settings",
        /// CDR list reply JSON.
        CdrList = "cdr-list",
        /// CDR detail reply JSON.
        CdrDetail = "cdr-detail",
        /// The gateway's TOML configuration (`santral serve --config`).
        GatewayConfig = "gateway-config",
    }
}

impl Kind {
    /// Finds a kind by name (see [`Kind::from_option`] for a user's value).
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::from_wire(name)
    }
}

/// A summary value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Nothing known.
    Null,
    /// A flag.
    Bool(bool),
    /// A count or id.
    Int(u64),
    /// A fixed name (never input text: summaries carry no personal data).
    Str(&'static str),
    /// A date.
    Date(Date),
    /// A time of day.
    Time(crate::time::Time),
    /// A list of numbers (weekdays, announcement ids).
    Ints(heapless::Vec<u64, 16>),
    /// A set of names from a fixed table (target keys).
    Strs(Names),
}

impl Value {
    /// Writes the value as JSON (see [`Report::write_summary_json`]).
    pub fn write_json<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        use crate::json::write_string;
        match self {
            Value::Null => w.write_str("null"),
            Value::Bool(b) => w.write_str(if *b { "true" } else { "false" }),
            Value::Int(n) => write!(w, "{n}"),
            Value::Str(s) => write_string(w, s),
            Value::Date(d) => write!(w, "\"{d}\""),
            Value::Time(t) => write!(w, "\"{t}\""),
            Value::Ints(list) => {
                w.write_char('[')?;
                for (i, n) in list.iter().enumerate() {
                    write!(w, "{}{n}", if i > 0 { "," } else { "" })?;
                }
                w.write_char(']')
            }
            Value::Strs(names) => {
                w.write_char('[')?;
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        w.write_char(',')?;
                    }
                    write_string(w, name)?;
                }
                w.write_char(']')
            }
        }
    }
}

/// A set of names from a fixed table of at most 32, in table order: a
/// table reference and a bit mask (24 bytes, where a list of 16 names
/// took 264; the summary lives on firmware stacks).
///
/// ```
/// use santral::check::Names;
///
/// let names = Names::from_bits(&["ivr", "queue", "user"], 0b101);
/// assert_eq!(names.iter().collect::<Vec<_>>(), ["ivr", "user"]);
/// assert_eq!((names.len(), names.contains("queue")), (2, false));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Names {
    table: &'static [&'static str],
    bits: u32,
}

impl Names {
    /// The names of `table` whose bit is set in `bits` (bit i for
    /// `table[i]`; bits past the table, or past 32, are ignored).
    pub fn from_bits(table: &'static [&'static str], bits: u32) -> Names {
        let mask = match u32::try_from(table.len()) {
            Ok(n) if n < 32 => (1u32 << n) - 1,
            _ => u32::MAX,
        };
        Names {
            table,
            bits: bits & mask,
        }
    }

    /// The names, in table order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.table
            .iter()
            .take(32)
            .enumerate()
            .filter(|(i, _)| self.bits & (1 << i) != 0)
            .map(|(_, name)| *name)
    }

    /// How many names are in the set.
    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// True when `name` is in the set.
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }
}

/// How many summary fields a report keeps.
pub const SUMMARY_FIELDS: usize = 12;

/// The verdict on one payload.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The kind checked.
    pub kind: Kind,
    /// No error was reported.
    pub valid: bool,
    /// Errors reported.
    pub errors: usize,
    /// Warnings reported.
    pub warnings: usize,
    /// Diagnostics beyond [`Options::max_diagnostics`], counted but not
    /// passed to the sink.
    pub diagnostics_omitted: usize,
    /// Named facts about the payload, in a fixed order per kind.
    pub summary: heapless::Vec<(&'static str, Value), SUMMARY_FIELDS>,
}

impl Report {
    /// A report on `kind` with nothing checked yet (not valid, no summary).
    pub const fn empty(kind: Kind) -> Report {
        Report {
            kind,
            valid: false,
            errors: 0,
            warnings: 0,
            diagnostics_omitted: 0,
            summary: heapless::Vec::new(),
        }
    }

    /// The summary value named `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.summary
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    /// Writes the summary as one JSON object
    /// (`{"call_type":"ivr","leads":2,…}`): dates and times as strings,
    /// lists as arrays. The C ABI and the mobile bindings hand this out.
    ///
    /// ```
    /// use santral::check::{check, Kind, Options};
    /// use santral::diag::Counter;
    ///
    /// let body = b"event_type=ringing&direction=inbound&call_uuid=1&destination_number=1001";
    /// let r = check(Kind::CallEvent, body, &Options::default(), &mut Counter::default());
    /// let mut json = String::new();
    /// r.write_summary_json(&mut json).unwrap();
    /// assert!(json.starts_with(r#"{"verification_ping":false,"event_type":"ringing","#));
    /// ```
    pub fn write_summary_json<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        w.write_char('{')?;
        for (i, (name, value)) in self.summary.iter().enumerate() {
            if i > 0 {
                w.write_char(',')?;
            }
            crate::json::write_string(w, name)?;
            w.write_char(':')?;
            value.write_json(w)?;
        }
        w.write_char('}')
    }

    fn put(&mut self, name: &'static str, value: Value) {
        let _ = self.summary.push((name, value));
    }
}

/// Every summary field's name, and every kind's, with its Turkish label,
/// for human output in Turkish (`santral check --lang tr`); English output
/// and JSON keep the names.
pub const SUMMARY_LABELS: &[(&str, &str)] = &[
    ("call_type", "arama türü"),
    ("leads", "aranacak kişi"),
    ("date_range_begin", "ilk gün"),
    ("date_range_end", "son gün"),
    ("time_range_begin", "günlük başlangıç"),
    ("time_range_end", "günlük bitiş"),
    ("active_days", "aktif günler"),
    ("targets", "tuş hedefleri"),
    ("announcements", "anonslar"),
    ("verification_ping", "URL testi"),
    ("digit", "basılan tuş"),
    ("answered", "cevaplandı"),
    ("notification_id", "bildirim"),
    ("event_type", "olay"),
    ("direction", "yön"),
    ("hangup_cause", "kapanma nedeni"),
    ("duration_seconds", "süre (sn)"),
    ("step", "adım"),
    ("cli_kind", "arayan"),
    ("digits_present", "tuşlar geldi"),
    ("result_present", "konuşma geldi"),
    ("action", "eylem"),
    ("target_kind", "hedef"),
    ("ringing", "çalıyor"),
    ("hangup", "kapanma"),
    ("keypress", "tuş"),
    ("caller_kind", "arayan"),
    ("route", "yol"),
    ("status_id", "durum no"),
    ("status_name", "durum"),
    ("shape", "biçim"),
    ("listed", "listelenen sipariş"),
    ("to_call", "aranacak"),
    ("order_id", "sipariş"),
    ("order_status_id", "sipariş durumu"),
    ("currencies", "para birimleri"),
    ("vat_rates", "KDV oranları"),
    ("database", "veritabanı"),
    ("sinks", "hedefler"),
    ("logo_crm_sinks", "Logo CRM hedefleri"),
    ("allow", "izinli adresler"),
    ("records", "kayıt"),
    ("page", "sayfa"),
    ("total_count", "toplam"),
    ("total_pages", "sayfa sayısı"),
    ("limit", "sayfa başına"),
    ("call_flow_steps", "çağrı akışı adımı"),
    // The kinds, as a verdict names them.
    ("campaign", "kampanya"),
    ("campaign-report", "kampanya raporu"),
    ("call-event", "çağrı olayı"),
    ("advisory-request", "yönlendirme isteği"),
    ("advisory-response", "yönlendirme cevabı"),
    ("crm-settings", "CRM ayarları"),
    ("logo-crm", "Logo CRM"),
    ("opencart-request", "OpenCart isteği"),
    ("opencart-reply", "OpenCart cevabı"),
    ("order-sync-settings", "sipariş eşitleme ayarları"),
    ("cdr-list", "çağrı kayıtları"),
    ("cdr-detail", "çağrı kaydı"),
    ("gateway-config", "ağ geçidi ayarları"),
];

/// A summary field's label for human output: its name in English, its
/// Turkish label with `tr` (the name when none is known).
///
/// ```
/// assert_eq!(santral::check::summary_label("leads", true), "aranacak kişi");
/// assert_eq!(santral::check::summary_label("leads", false), "leads");
/// ```
pub fn summary_label(name: &str, tr: bool) -> &str {
    match SUMMARY_LABELS.iter().find(|(n, _)| *n == name) {
        Some((_, turkish)) if tr => turkish,
        _ => name,
    }
}

/// Options of a check. Every face exposes these, with these defaults
/// ([`Options::default`]):
///
/// | option | default | meaning |
/// | --- | --- | --- |
/// | `today` | none | a campaign's default `date_range_begin`; without it the window is only checked when both dates are given |
/// | `param_name` | none (`digits`) | the advisory digits parameter's name, when the previous prompt set one |
/// | `max_diagnostics` | [`DEFAULT_MAX_DIAGNOSTICS`] (200) | diagnostics handed out; the rest are counted in [`Report::diagnostics_omitted`] |
/// | `duplicate_leads` | [`DEFAULT_DUPLICATE_LEADS`] (1,000,000) | leads checked for repeated numbers (0: none); memory is [`duplicate_table_len`] slots |
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// Today's date, for a campaign's default `date_range_begin`.
    pub today: Option<Date>,
    /// The advisory digits parameter's name, when a prompt set `param_name`.
    pub param_name: Option<&'a str>,
    /// How many diagnostics go to the sink; the rest are only counted.
    pub max_diagnostics: usize,
    /// How many leads of a campaign are checked for repeated numbers
    /// (the table is lent to [`check_with`]; 0 checks none).
    pub duplicate_leads: usize,
}

/// How many leads the faces check for repeated numbers by default.
pub const DEFAULT_DUPLICATE_LEADS: usize = 1_000_000;

pub use crate::diag::DEFAULT_MAX_DIAGNOSTICS;

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            today: None,
            param_name: None,
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
            duplicate_leads: DEFAULT_DUPLICATE_LEADS,
        }
    }
}

/// An option value a check cannot use: the option's name and what is
/// wrong with it (its span relative to the option's text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// `today` or `param_name`.
    pub option: &'static str,
    /// The code and place.
    pub error: Error,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.option,
            self.error.code.id(),
            self.error.code.message()
        )
    }
}

impl<'a> Options<'a> {
    /// The defaults with `today` and `param_name` given as text (a flag, a
    /// keyword argument), checked: `today` must be a real `YYYY-MM-DD`
    /// date, `param_name` a valid [`ParamName`](crate::advisory::ParamName).
    ///
    /// ```
    /// use santral::check::Options;
    /// assert!(Options::from_text(Some("2024-02-29"), Some("secim")).is_ok());
    /// let e = Options::from_text(Some("2023-02-29"), None).unwrap_err();
    /// assert_eq!((e.option, e.error.code.id()), ("today", "date.not_calendar"));
    /// ```
    pub fn from_text(
        today: Option<&str>,
        param_name: Option<&'a str>,
    ) -> Result<Options<'a>, OptionError> {
        let today = today
            .map(Date::parse)
            .transpose()
            .map_err(|error| OptionError {
                option: "today",
                error,
            })?;
        if let Some(p) = param_name {
            crate::advisory::ParamName::parse(p).map_err(|error| OptionError {
                option: "param_name",
                error,
            })?;
        }
        Ok(Options {
            today,
            param_name,
            ..Options::default()
        })
    }
}

/// How many slots the duplicate-lead table of a check needs: 0 for every
/// kind but campaigns, and for `duplicate_leads == 0`; else
/// [`campaign::duplicate_table_len`](crate::campaign::duplicate_table_len).
pub fn duplicate_table_len(kind: Kind, input: &[u8], options: &Options<'_>) -> usize {
    match kind {
        Kind::Campaign => crate::campaign::duplicate_table_len(input, options.duplicate_leads),
        _ => 0,
    }
}

/// The known fields of a webhook form — a call event or a campaign report
/// — as one JSON object of decoded strings (see
/// [`Fields::write_json`](crate::form::Fields::write_json)): what a face
/// hands its callback after [`check`] found the body valid, so that the
/// callback sees exactly the fields santral checked, by their declared
/// names. `Ok(false)` (nothing written) for a kind that is not a form.
///
/// ```
/// use santral::check::{write_form_fields_json, Kind};
///
/// let body = b"event_type=answer&caller.id_number=x&call_uuid=U1&direction=inbound";
/// let mut json = String::new();
/// assert_eq!(write_form_fields_json(Kind::CallEvent, body, &mut json), Ok(true));
/// assert_eq!(json, r#"{"event_type":"answer","direction":"inbound","call_uuid":"U1"}"#);
/// ```
pub fn write_form_fields_json<W: fmt::Write + ?Sized>(
    kind: Kind,
    input: &[u8],
    w: &mut W,
) -> Result<bool, fmt::Error> {
    use crate::form::{Fields, Form};
    let mut quiet = crate::diag::Counter::default();
    match kind {
        Kind::CallEvent => {
            Fields::scan(Form::new(input), &crate::event::Field::NAMES, &mut quiet)
                .write_json(w)?;
        }
        Kind::CampaignReport => {
            Fields::scan(Form::new(input), &crate::report::Field::NAMES, &mut quiet)
                .write_json(w)?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// A duplicate-lead table slot (see [`check_with`]).
pub use crate::campaign::LeadSlot;

fn str_or_null(s: Option<&'static str>) -> Value {
    s.map_or(Value::Null, Value::Str)
}

/// Checks `input` as `kind`, reporting every problem to `sink` (at most
/// [`Options::max_diagnostics`] of them). Repeated campaign leads are not
/// looked for: [`check_with`] lends the table for that.
#[inline]
pub fn check<S: Sink>(kind: Kind, input: &[u8], options: &Options<'_>, sink: &mut S) -> Report {
    check_with(kind, input, options, &mut [], sink)
}

/// [`check`] with a duplicate-lead table, sized by [`duplicate_table_len`]:
/// what the std faces call, with a table they allocate.
///
/// ```
/// use santral::check::{check_with, duplicate_table_len, Kind, LeadSlot, Options};
/// use santral::diag::Collector;
///
/// let body = br#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q",
///   "queue_number":204,"thread_multiplier":1,"phone_list":[{"phone":"05321234567"},{"phone":"905321234567"}]}"#;
/// let options = Options::default();
/// let mut table = vec![LeadSlot::default(); duplicate_table_len(Kind::Campaign, body, &options)];
/// let mut sink: Collector<4> = Collector::new();
/// let report = check_with(Kind::Campaign, body, &options, &mut table, &mut sink);
/// assert_eq!(report.warnings, 1);
/// assert_eq!(sink.diagnostics()[0].code.id(), "campaign.duplicate_phone");
/// ```
#[inline]
pub fn check_with<S: Sink>(
    kind: Kind,
    input: &[u8],
    options: &Options<'_>,
    table: &mut [LeadSlot],
    sink: &mut S,
) -> Report {
    let mut report = Report::empty(kind);
    check_into_with(&mut report, kind, input, options, table, sink);
    report
}

/// [`check`] into a report the caller keeps (in a `static`, or a frame
/// of its choosing). `check` builds its report on its own frame and copies
/// it out (1.9 KiB more stack at the deepest point); firmware calls this.
/// `report` is overwritten.
///
/// ```
/// use santral::check::{check_into, Kind, Options, Report};
/// use santral::diag::Counter;
///
/// let mut report = Report::empty(Kind::CallEvent);
/// let body = b"event_type=ringing&direction=inbound&call_uuid=1&destination_number=1001";
/// check_into(&mut report, Kind::CallEvent, body, &Options::default(), &mut Counter::default());
/// assert!(report.valid && report.errors == 0);
/// ```
#[inline(never)]
pub fn check_into<S: Sink>(
    report: &mut Report,
    kind: Kind,
    input: &[u8],
    options: &Options<'_>,
    sink: &mut S,
) {
    check_into_with(report, kind, input, options, &mut [], sink);
}

/// [`check_into`] with a duplicate-lead table (see [`check_with`]).
#[inline(never)]
pub fn check_into_with<S: Sink>(
    report: &mut Report,
    kind: Kind,
    input: &[u8],
    options: &Options<'_>,
    table: &mut [LeadSlot],
    sink: &mut S,
) {
    // Field by field: `*report = Report::empty(kind)` would build a whole
    // second report on this frame first.
    report.kind = kind;
    report.summary.clear();
    let mut cap = Cap::new(options.max_diagnostics, sink);
    let mut tee = Counting::new(&mut cap);
    let cx = Cx {
        input,
        options,
        ping: crate::form::is_verification_ping(input),
    };
    // One non-inlined function per kind: the stack holds one kind's
    // temporaries at a time, not all of them (benches/README.md, stack).
    match kind {
        Kind::Campaign => summarize_campaign(report, &cx, table, &mut tee),
        Kind::CampaignReport => summarize_campaign_report(report, &cx, &mut tee),
        Kind::CallEvent => summarize_call_event(report, &cx, &mut tee),
        Kind::AdvisoryRequest => summarize_advisory_request(report, &cx, &mut tee),
        Kind::AdvisoryResponse => summarize_advisory_response(report, &cx, &mut tee),
        Kind::CrmSettings => summarize_crm_settings(report, &cx, &mut tee),
        Kind::LogoCrm => summarize_logo_crm(report, &cx, &mut tee),
        Kind::OpencartRequest => summarize_opencart_request(report, &cx, &mut tee),
        Kind::OpencartReply => summarize_opencart_reply(report, &cx, &mut tee),
        Kind::OrderSyncSettings => summarize_order_sync_settings(report, &cx, &mut tee),
        Kind::CdrList => summarize_cdr_list(report, &cx, &mut tee),
        Kind::CdrDetail => summarize_cdr_detail(report, &cx, &mut tee),
        Kind::GatewayConfig => summarize_gateway_config(report, &cx, &mut tee),
    }
    report.errors = tee.errors;
    report.warnings = tee.warnings;
    report.valid = tee.errors == 0;
    report.diagnostics_omitted = cap.omitted();
}

/// What every kind's summary reads.
struct Cx<'i, 'o> {
    input: &'i [u8],
    options: &'o Options<'o>,
    ping: bool,
}

#[inline(never)]
fn summarize_campaign<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    table: &mut [LeadSlot],
    tee: &mut Counting<'_, S>,
) {
    let s = crate::campaign::validate_with_duplicates(
        cx.input,
        &crate::campaign::Options {
            today: cx.options.today,
        },
        table,
        tee,
    );
    report.put("call_type", str_or_null(s.call_type.map(|c| c.as_str())));
    report.put("leads", Value::Int(s.leads));
    if let Some(w) = s.window {
        report.put("date_range_begin", Value::Date(w.date_begin));
        report.put("date_range_end", Value::Date(w.date_end));
        report.put("time_range_begin", Value::Time(w.time_begin));
        report.put("time_range_end", Value::Time(w.time_end));
    }
    report.put(
        "active_days",
        Value::Ints(s.weekdays.iter().map(|d| u64::from(d.number())).collect()),
    );
    report.put(
        "targets",
        Value::Strs(Names::from_bits(
            &crate::campaign::TARGET_KEYS,
            u32::from(s.targets),
        )),
    );
    report.put(
        "announcements",
        Value::Ints(s.announcements.iter().copied().collect()),
    );
}

#[inline(never)]
fn summarize_campaign_report<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    report.put("verification_ping", Value::Bool(cx.ping));
    if !cx.ping {
        if let Some(r) = crate::report::CampaignReport::parse(cx.input, tee) {
            report.put("digit", Value::Str(r.digit.kind().as_str()));
            report.put("answered", Value::Bool(r.answered()));
            report.put("notification_id", Value::Int(r.notification_id.get()));
        }
    }
}

#[inline(never)]
fn summarize_call_event<S: Sink>(report: &mut Report, cx: &Cx<'_, '_>, tee: &mut Counting<'_, S>) {
    report.put("verification_ping", Value::Bool(cx.ping));
    if !cx.ping {
        if let Some(e) = crate::event::CallEvent::parse(cx.input, tee) {
            report.put("event_type", Value::Str(e.event_type.as_str()));
            report.put("direction", Value::Str(e.direction.as_str()));
            report.put("answered", e.answered.map_or(Value::Null, Value::Bool));
            let cause = match e.hangup_cause {
                Some(crate::event::Cause::Known(c)) => Value::Str(c.as_str()),
                _ => Value::Null,
            };
            report.put("hangup_cause", cause);
            report.put(
                "duration_seconds",
                e.duration
                    .map_or(Value::Null, |d| Value::Int(u64::from(d.seconds))),
            );
        }
    }
}

#[inline(never)]
fn summarize_advisory_request<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    if let Some(r) = crate::advisory::AdvisoryRequest::parse(cx.input, cx.options.param_name, tee) {
        report.put("step", Value::Int(u64::from(r.step)));
        report.put(
            "cli_kind",
            Value::Str(r.cli.map_or("withheld", |c| c.kind().as_str())),
        );
        report.put(
            "digits_present",
            Value::Bool(r.digits.is_some_and(|d| !d.is_empty())),
        );
        report.put(
            "result_present",
            Value::Bool(r.result.is_some_and(|d| !d.is_empty())),
        );
    }
}

#[inline(never)]
fn summarize_advisory_response<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    if let Some(a) = crate::advisory::parse_response(cx.input, tee) {
        use crate::advisory::Action;
        report.put("action", Value::Str(a.kind().as_str()));
        if let Action::Transfer(t) = a {
            report.put("target_kind", str_or_null(t.target().map(|t| t.kind())));
        }
    }
}

#[inline(never)]
fn summarize_crm_settings<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    if let Some(s) = crate::crm::parse_settings(cx.input, tee) {
        report.put("ringing", Value::Str(s.ringing.as_str()));
        report.put("answered", Value::Str(s.answered.as_str()));
        report.put("hangup", Value::Str(s.hangup.as_str()));
    }
}

#[inline(never)]
fn summarize_logo_crm<S: Sink>(report: &mut Report, cx: &Cx<'_, '_>, tee: &mut Counting<'_, S>) {
    if let Some(b) = crate::logo::parse(cx.input, tee) {
        report.put("keypress", Value::Str(b.keypress.action()));
        report.put("caller_kind", Value::Str(b.caller_id.kind().as_str()));
    }
}

#[inline(never)]
fn summarize_opencart_request<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    if let Some(r) = crate::opencart::parse_request(cx.input, tee) {
        use crate::opencart::Request;
        report.put("route", Value::Str(r.route().as_str()));
        if let Request::UpdateOrderStatus { status, .. } = r {
            let (id, name) = match status {
                crate::opencart::Status::Known(s) => (s.id(), Value::Str(s.name_tr())),
                crate::opencart::Status::Custom(id) => (id, Value::Null),
            };
            report.put("status_id", Value::Int(u64::from(id)));
            report.put("status_name", name);
        }
    }
}

#[inline(never)]
fn summarize_opencart_reply<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    use crate::opencart::Reply;
    if let Some(r) = crate::opencart::parse_reply(cx.input, tee) {
        report.put("shape", Value::Str(r.shape()));
        match r {
            Reply::Orders { listed, to_call } => {
                report.put("listed", Value::Int(listed));
                report.put("to_call", Value::Int(to_call));
            }
            Reply::Order(o) => {
                report.put("order_id", o.order_id.map_or(Value::Null, Value::Int));
                report.put(
                    "order_status_id",
                    o.order_status_id.map_or(Value::Null, Value::Int),
                );
            }
            _ => {}
        }
    }
}

#[inline(never)]
fn summarize_order_sync_settings<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    let s = crate::order_sync::validate(cx.input, tee);
    report.put("currencies", Value::Int(u64::from(s.currencies)));
    report.put("vat_rates", Value::Int(u64::from(s.vat_rates)));
}

#[inline(never)]
fn summarize_gateway_config<S: Sink>(
    report: &mut Report,
    cx: &Cx<'_, '_>,
    tee: &mut Counting<'_, S>,
) {
    use crate::gateway::{Database, SinkKind};
    if let Some(c) = crate::gateway::read(cx.input, tee) {
        let database = match c.database {
            Database::Sqlite(_) => "sqlite",
            Database::Postgres(_) => "postgres",
        };
        report.put("database", Value::Str(database));
        report.put("sinks", Value::Int(c.sinks.len() as u64));
        let logo = c
            .sinks
            .iter()
            .filter(|s| s.kind == SinkKind::LogoCrm)
            .count();
        report.put("logo_crm_sinks", Value::Int(logo as u64));
        report.put("allow", Value::Int(c.allow.len() as u64));
    }
}

#[inline(never)]
fn summarize_cdr_list<S: Sink>(report: &mut Report, cx: &Cx<'_, '_>, tee: &mut Counting<'_, S>) {
    let s = crate::cdr::read_list(cx.input, tee, |_| ControlFlow::Continue(()));
    report.put("records", Value::Int(s.records));
    if let Some(p) = s.pagination {
        report.put("page", Value::Int(p.page));
        report.put("total_count", Value::Int(p.total_count));
        report.put("total_pages", Value::Int(p.total_pages));
        report.put("limit", Value::Int(p.limit));
    }
}

#[inline(never)]
fn summarize_cdr_detail<S: Sink>(report: &mut Report, cx: &Cx<'_, '_>, tee: &mut Counting<'_, S>) {
    let mut steps = 0u64;
    if let Some(r) = crate::cdr::read_detail(cx.input, tee, |_| steps += 1) {
        report.put(
            "direction",
            str_or_null(r.direction.value().map(|d| d.as_str())),
        );
        report.put("call_flow_steps", Value::Int(steps));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;

    #[test]
    fn every_summary_field_has_a_label_in_both_languages() {
        // The names this file puts in a summary, read from its source.
        let source = include_str!("check.rs");
        let mut names = 0;
        for chunk in source.split("put(").skip(1) {
            let Some(name) = chunk
                .trim_start()
                .strip_prefix('"')
                .and_then(|r| r.split('"').next())
            else {
                continue;
            };
            if name.is_empty() || name.contains(' ') {
                continue;
            }
            names += 1;
            let known = SUMMARY_LABELS.iter().find(|(n, _)| *n == name);
            assert!(
                known.is_some(),
                "summary field `{name}` has no label in SUMMARY_LABELS"
            );
        }
        assert!(names >= 45, "{names}");
        for kind in Kind::ALL {
            assert_ne!(
                summary_label(kind.as_str(), true),
                kind.as_str(),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn every_kind_has_a_name_and_a_check() {
        for &kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            let mut sink: Collector<4> = Collector::new();
            let r = check(kind, b"\x00garbage", &Options::default(), &mut sink);
            assert_eq!(r.kind, kind);
            assert!(!r.valid, "{kind:?} accepted garbage");
            assert!(r.errors > 0);
        }
        assert_eq!(Kind::parse("nope"), None);
    }

    #[test]
    fn pings_are_valid_webhooks() {
        for kind in [Kind::CallEvent, Kind::CampaignReport] {
            let mut sink: Collector<4> = Collector::new();
            let r = check(kind, b"{}", &Options::default(), &mut sink);
            assert!(r.valid);
            assert_eq!(r.get("verification_ping"), Some(&Value::Bool(true)));
        }
    }

    #[test]
    fn campaign_summary() {
        let body = include_str!("../tests/vendor/campaign_queue_seed004.json");
        let mut sink: Collector<4> = Collector::new();
        let r = check(
            Kind::Campaign,
            body.as_bytes(),
            &Options::default(),
            &mut sink,
        );
        assert!(r.valid);
        assert_eq!((r.errors, r.warnings), (0, 1));
        assert_eq!(r.get("call_type"), Some(&Value::Str("queue")));
        assert_eq!(r.get("leads"), Some(&Value::Int(2)));
        assert_eq!(
            r.get("date_range_begin"),
            Date::from_ymd(2022, 9, 12).map(Value::Date).as_ref()
        );
    }

    #[test]
    fn campaign_targets_are_the_keys_in_use() {
        let body = include_str!("../tests/vendor/campaign_ivr_seed004.json");
        let mut sink: Collector<4> = Collector::new();
        let r = check(
            Kind::Campaign,
            body.as_bytes(),
            &Options::default(),
            &mut sink,
        );
        let Some(Value::Strs(names)) = r.get("targets") else {
            panic!("{:?}", r.get("targets"))
        };
        // Twelve digit targets set; timeout and invalid targets empty.
        assert_eq!(names.len(), 12);
        assert!(names.contains("digit_target_star") && !names.contains("timeout_target"));
        let listed: Vec<&str> = names.iter().collect();
        assert_eq!(listed.first(), Some(&"digit_target_0"));
        assert_eq!(listed.last(), Some(&"digit_target_square"));
        // Bits past the table are dropped.
        assert_eq!(Names::from_bits(&["a", "b"], u32::MAX).len(), 2);
    }
}
