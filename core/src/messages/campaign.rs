//! Auto-dial campaigns (SPEC §6, `ivr_campaigns.md`): validate the JSON an
//! integrator POSTs to `/ivr_campaigns.json`, summarise it, build it, and
//! the delete and stop/start requests are in [`crate::api`].
//!
//! Validation streams: one pass, fixed memory ([`Validator`] is a few
//! kilobytes whether the campaign has one lead or a million), every problem
//! reported with its path (`phone_list[1].phone`, `digit_target_7`,
//! `active_days[2]`, `iys_brand_code`).
//!
//! ```
//! use santral::campaign::{validate, Options, CallType};
//! use santral::diag::Collector;
//!
//! let body = br#"{"key": "K12345678-1234-5678-4321-123456789012", "call_type": "queue",
//!   "name": "Queue Test (API)", "queue_number": 204, "thread_multiplier": 1,
//!   "phone_list": [{"phone": "05512369874"}, {"phone": "0551236987"}]}"#;
//! let mut sink: Collector<8> = Collector::new();
//! let summary = validate(body, &Options::default(), &mut sink);
//! assert_eq!(summary.call_type, Some(CallType::Queue));
//! assert_eq!(summary.leads, 2);
//! let d = &sink.diagnostics()[0];
//! assert_eq!((d.code.id(), d.path.to_string().as_str()), ("phone.too_short", "phone_list[1].phone"));
//! ```

use core::fmt;

use crate::diag::{Code, Counting, Place, Sink};
use crate::json::{text, Event, Mark, Quoted, Scalar, Token, Walker};
use crate::lexical::{ApiKey, Extension, Id, Lang, Url};
use crate::phone::{Options as PhoneOptions, Phone};
use crate::phrase::Phrase;
use crate::target::{Target, TargetContext};
use crate::time::{Date, Time, Weekdays, Window};
use crate::wire::Shape;
use crate::write::{write_into, BufferTooSmall};

crate::wire_enum! {
    /// The kind of campaign.
    pub enum CallType: Code::CampaignCallType {
        /// Play an announcement or phrase and route by the key pressed.
        Ivr = "ivr",
        /// Predictive dialling into a queue of agents.
        Queue = "queue",
    }
}

crate::wire_enum! {
    /// `iys_recipient_type` of a commercial campaign.
    pub enum IysRecipientType: Code::CampaignIysRecipientType {
        /// `BIREYSEL`: individuals.
        Bireysel = "BIREYSEL",
        /// `TACIR`: merchants.
        Tacir = "TACIR",
    }
}

/// The longest string value decoded for checking (a TTS phrase or a
/// target with escapes); longer ones are reported as too long.
const TEXT_MAX: usize = 1280;

crate::fields! {
    /// Every field of a campaign request, declared once (slot = position).
    pub enum Field {
        /// API key.
        Key = "key" required,
        /// `ivr` or `queue`.
        CallType = "call_type" required,
        /// Campaign name.
        Name = "name" required,
        /// Queue campaigns: the queue.
        QueueNumber = "queue_number",
        /// Queue campaigns: calls per agent.
        ThreadMultiplier = "thread_multiplier",
        /// Most simultaneous calls.
        MaxThreadCount = "max_thread_count",
        /// First day.
        DateRangeBegin = "date_range_begin",
        /// Last day.
        DateRangeEnd = "date_range_end",
        /// Daily start.
        TimeRangeBegin = "time_range_begin",
        /// Daily end.
        TimeRangeEnd = "time_range_end",
        /// Weekdays.
        ActiveDays = "active_days",
        /// Seconds to ring.
        RingTimeout = "ring_timeout",
        /// Caller id.
        Cli = "cli",
        /// Ivr: the announcement played first.
        WelcomeAnnouncementId = "welcome_announcement_id",
        /// Redials.
        CallRetries = "call_retries",
        /// Ivr: menu repeats.
        DigitRetries = "digit_retries",
        /// Ivr: seconds to wait for a key.
        DigitTimeout = "digit_timeout",
        /// Where reports are POSTed.
        WebhookUrl = "webhook_url",
        /// Target of key 0.
        DigitTarget0 = "digit_target_0",
        /// Target of key 1.
        DigitTarget1 = "digit_target_1",
        /// Target of key 2.
        DigitTarget2 = "digit_target_2",
        /// Target of key 3.
        DigitTarget3 = "digit_target_3",
        /// Target of key 4.
        DigitTarget4 = "digit_target_4",
        /// Target of key 5.
        DigitTarget5 = "digit_target_5",
        /// Target of key 6.
        DigitTarget6 = "digit_target_6",
        /// Target of key 7.
        DigitTarget7 = "digit_target_7",
        /// Target of key 8.
        DigitTarget8 = "digit_target_8",
        /// Target of key 9.
        DigitTarget9 = "digit_target_9",
        /// Target of `*`.
        DigitTargetStar = "digit_target_star",
        /// Target of `#`.
        DigitTargetSquare = "digit_target_square",
        /// Target when no key is pressed.
        TimeoutTarget = "timeout_target",
        /// Target of a key without a target.
        InvalidTarget = "invalid_target",
        /// Commercial (İYS) campaign.
        IsCommercial = "is_commercial",
        /// İYS recipient type.
        IysRecipientType = "iys_recipient_type",
        /// İYS brand code.
        IysBrandCode = "iys_brand_code",
        /// Record from the start.
        RecordingEnabled = "recording_enabled",
        /// The leads.
        PhoneList = "phone_list" required,
    }
}

crate::fields! {
    /// The fields of a lead in `phone_list`.
    pub enum LeadField {
        /// The number (strict form).
        Phone = "phone" required,
        /// The TTS phrase read to this lead.
        Phrase = "phrase",
        /// The phrase's language.
        Lang = "lang",
    }
}

impl Field {
    /// The field's JSON type and rule (the reader takes its bounds from
    /// here; the OpenAPI document's campaign schema is written from it).
    pub const fn shape(self) -> Shape {
        use Field as F;
        match self {
            F::Key => Shape::Key,
            F::CallType => Shape::Choice(CallType::NAMES),
            F::Name => Shape::Name,
            F::QueueNumber => Shape::Extension,
            F::ThreadMultiplier | F::MaxThreadCount => Shape::Int {
                min: 1,
                max: i64::MAX,
            },
            F::RingTimeout => Shape::Int { min: 25, max: 60 },
            F::CallRetries | F::DigitRetries => Shape::Int {
                min: 0,
                max: i64::MAX,
            },
            F::DigitTimeout => Shape::Int { min: 1, max: 10 },
            F::DateRangeBegin | F::DateRangeEnd => Shape::Day,
            F::TimeRangeBegin | F::TimeRangeEnd => Shape::Clock,
            F::ActiveDays => Shape::Weekdays,
            F::Cli => Shape::Phone,
            F::WelcomeAnnouncementId => Shape::Id,
            F::WebhookUrl => Shape::Url,
            F::IsCommercial => Shape::Bool,
            F::IysRecipientType => Shape::Choice(IysRecipientType::NAMES),
            F::IysBrandCode => Shape::Name,
            F::RecordingEnabled => Shape::Boolish,
            F::PhoneList => Shape::List {
                fields: &LEAD_SHAPES,
            },
            _ => Shape::Target,
        }
    }

    /// The bounds of an [`Shape::Int`] field (`(0, 0)` for any other).
    const fn bounds(self) -> (i64, i64) {
        match self.shape() {
            Shape::Int { min, max } => (min, max),
            _ => (0, 0),
        }
    }
}

/// A lead's fields: wire name, required, shape.
pub const LEAD_SHAPES: [(&str, bool, Shape); 3] = [
    (
        LeadField::Phone.name(),
        LeadField::Phone.is_required(),
        Shape::Phone,
    ),
    (
        LeadField::Phrase.name(),
        LeadField::Phrase.is_required(),
        Shape::Phrase,
    ),
    (
        LeadField::Lang.name(),
        LeadField::Lang.is_required(),
        Shape::Choice(Lang::NAMES),
    ),
];

/// Where the 14 target fields start in [`Field`].
const FIRST_TARGET: usize = Field::DigitTarget0.index();

/// The 14 target keys, in the vendor's order (slots of [`Field`]).
#[allow(clippy::indexing_slicing)] // Evaluated at compile time: an index out of range fails the build.
pub const TARGET_KEYS: [&str; 14] = {
    let mut keys = [""; 14];
    let mut i = 0;
    while i < 14 {
        keys[i] = Field::NAMES[FIRST_TARGET + i];
        i += 1;
    }
    keys
};

/// The key a lead presses for each of the first 12 [`TARGET_KEYS`]
/// (`digit_target_0` … `digit_target_9`, `_star`, `_square`); the last
/// two targets are for no key (`timeout_target`) and a key without a
/// target (`invalid_target`).
pub const KEY_PRESSES: [char; 12] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

/// Every key a campaign defines (the wire names of [`Field`]).
pub const KEYS: [&str; 37] = Field::NAMES;

/// Keys of a lead in `phone_list`.
pub const LEAD_KEYS: [&str; 3] = LeadField::NAMES;

/// How many distinct announcement ids a summary keeps.
pub const SUMMARY_ANNOUNCEMENTS: usize = 16;

/// Validation options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Today, for the vendor's default `date_range_begin` (the core has no
    /// clock). Without it, the window is only checked when both dates are given.
    pub today: Option<Date>,
}

/// One slot of a duplicate-lead table: a number's hash and where it was
/// first listed. [`validate_with_duplicates`] takes a table of these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeadSlot {
    hash: u64,
    first: Place,
}

/// How many slots a duplicate table needs to check up to `max_leads`
/// leads of `body` (a lead takes at least 14 bytes, so a small body gets
/// a small table); 0 when `max_leads` is 0.
///
/// ```
/// assert_eq!(santral::campaign::duplicate_table_len(&[0; 140], 1_000_000), 14);
/// assert_eq!(santral::campaign::duplicate_table_len(&[0; 140], 0), 0);
/// ```
pub fn duplicate_table_len(body: &[u8], max_leads: usize) -> usize {
    // `{"phone":"1"},` is the shortest lead there is.
    let leads = (body.len() / 14).min(max_leads);
    if leads == 0 {
        return 0;
    }
    // Open addressing stays fast below three quarters full.
    leads.saturating_add(leads / 3).saturating_add(1)
}

/// What a campaign does, gathered while validating.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// `ivr` or `queue`, if given and known.
    pub call_type: Option<CallType>,
    /// Number of leads in `phone_list`.
    pub leads: u64,
    /// The calling window with the vendor's defaults, when it can be known.
    pub window: Option<Window>,
    /// `active_days` (all days when absent).
    pub weekdays: Weekdays,
    /// Bit i set: `TARGET_KEYS[i]` has a non-empty target.
    pub targets: u16,
    /// Distinct announcement ids used (welcome, targets, phrases), first
    /// [`SUMMARY_ANNOUNCEMENTS`] of them.
    pub announcements: heapless::Vec<u64, SUMMARY_ANNOUNCEMENTS>,
    /// True when more distinct ids were used than kept.
    pub more_announcements: bool,
    /// Errors reported.
    pub errors: usize,
    /// Warnings reported.
    pub warnings: usize,
}

impl Summary {
    /// True when no error was reported.
    pub fn is_valid(&self) -> bool {
        self.errors == 0
    }

    fn note_announcement(&mut self, id: u64) {
        if self.announcements.contains(&id) {
            return;
        }
        if self.announcements.push(id).is_err() {
            self.more_announcements = true;
        }
    }
}

/// The validator's fixed state: everything it remembers across the body.
#[derive(Debug)]
pub struct Validator {
    seen: u64,
    marks: [Mark; Field::ALL.len()],
    date_begin: Option<Date>,
    date_end: Option<Date>,
    time_begin: Option<Time>,
    time_end: Option<Time>,
    weekdays: Option<Weekdays>,
    commercial: bool,
    summary: Summary,
    duplicates_full: bool,
}

/// Validates a campaign body, reporting every problem to `sink`. Repeated
/// leads are not looked for: [`validate_with_duplicates`] lends a table.
pub fn validate<S: Sink>(body: &[u8], options: &Options, sink: &mut S) -> Summary {
    validate_with_duplicates(body, options, &mut [], sink)
}

/// [`validate`], also reporting a lead whose number repeats an earlier
/// lead's (however written: `05321234567`, `905321234567`, `5321234567`)
/// as [`Code::CampaignDuplicatePhone`], with the earlier lead as the
/// diagnostic's `related` place. The table is the caller's memory
/// (cleared here); [`duplicate_table_len`] sizes it. When it fills, one
/// [`Code::CampaignDuplicateTableFull`] warning says so.
pub fn validate_with_duplicates<S: Sink>(
    body: &[u8],
    options: &Options,
    table: &mut [LeadSlot],
    sink: &mut S,
) -> Summary {
    read(body, options, table, sink, &mut |_, _| {}).summary
}

/// The values of a campaign the PBX acts on, gathered while validating
/// (what [`read`] returns; strings borrow the body).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Campaign<'a> {
    /// Everything [`validate`] reports.
    pub summary: Summary,
    /// `key`.
    pub key: Option<crate::json::JsonStr<'a>>,
    /// `name`.
    pub name: Option<crate::json::JsonStr<'a>>,
    /// `webhook_url`.
    pub webhook_url: Option<crate::json::JsonStr<'a>>,
    /// `cli`.
    pub cli: Option<Phone>,
    /// `max_thread_count` (the PBX's own setting when absent).
    pub max_thread_count: Option<u64>,
    /// `thread_multiplier`.
    pub thread_multiplier: Option<u64>,
    /// `call_retries` (0 when absent).
    pub call_retries: Option<u64>,
    /// `ring_timeout`, seconds.
    pub ring_timeout: Option<u64>,
    /// `digit_timeout`, seconds (4 when absent).
    pub digit_timeout: Option<u64>,
    /// `digit_retries`.
    pub digit_retries: Option<u64>,
}

/// [`validate_with_duplicates`], also returning the values a PBX acts on
/// and calling `on_lead(index, phone)` for each lead whose phone is valid
/// (the simulator's reader: it dials these).
///
/// ```
/// use santral::campaign::{read, Options};
/// use santral::diag::Collector;
/// let body = br#"{"key":"K1","call_type":"ivr","name":"Anket","digit_target_1":"hangup/hangup",
///   "call_retries":2,"phone_list":[{"phone":"05321234567"},{"phone":"1"}]}"#;
/// let mut sink: Collector<8> = Collector::new();
/// let mut leads = Vec::new();
/// let c = read(body, &Options::default(), &mut [], &mut sink, &mut |i, p| leads.push((i, p.national_number().to_string())));
/// assert_eq!((c.call_retries, c.name.and_then(|n| n.as_str())), (Some(2), Some("Anket")));
/// assert_eq!(leads, [(0, "5321234567".to_string())]);
/// ```
pub fn read<'a, S: Sink>(
    body: &'a [u8],
    options: &Options,
    table: &mut [LeadSlot],
    sink: &mut S,
    on_lead: &mut dyn FnMut(u32, Phone),
) -> Campaign<'a> {
    table.fill(LeadSlot::default());
    let mut counting = Counting::new(sink);
    let mut v = Validator {
        seen: 0,
        marks: [Mark::default(); Field::ALL.len()],
        date_begin: None,
        date_end: None,
        time_begin: None,
        time_end: None,
        weekdays: None,
        commercial: false,
        summary: Summary {
            weekdays: Weekdays::ALL,
            ..Summary::default()
        },
        duplicates_full: false,
    };
    let mut out = Out {
        table,
        values: Campaign::default(),
        on_lead,
    };
    {
        let mut w = Walker::new(body, &mut counting);
        v.run(&mut w, options.today, &mut out);
        w.finish();
    }
    v.summary.errors = counting.errors;
    v.summary.warnings = counting.warnings;
    Campaign {
        summary: v.summary,
        ..out.values
    }
}

/// What a validation pass writes besides diagnostics.
struct Out<'a, 't, 'l> {
    table: &'t mut [LeadSlot],
    values: Campaign<'a>,
    on_lead: &'l mut dyn FnMut(u32, Phone),
}

fn seen(bits: u64, f: Field) -> bool {
    bits & (1 << f.index()) != 0
}

impl Validator {
    fn run<'a, S: Sink>(
        &mut self,
        w: &mut Walker<'a, '_, S>,
        today: Option<Date>,
        out: &mut Out<'a, '_, '_>,
    ) {
        if w.begin_object().is_none() {
            return;
        }
        let mut end = None;
        // One scratch buffer for decoding escaped strings, shared by the
        // header fields and every lead (one frame's worth of stack).
        let mut buf = [0u8; TEXT_MAX];
        while let Some((key, key_token)) = w.next_key(&mut end) {
            let Some((i, name)) = w.known_key(key, &key_token, &Field::NAMES, &mut self.seen)
            else {
                continue;
            };
            let Some(field) = Field::from_index(i) else {
                continue;
            };
            if let Some(m) = self.marks.get_mut(i) {
                *m = Mark::of(&key_token);
            }
            w.path.push_key(name);
            self.field(w, field, out, &mut buf);
            w.path.pop();
        }
        let Some(end) = end else { return };
        self.finish(w, &end, today);
    }

    fn field<'a, S: Sink>(
        &mut self,
        w: &mut Walker<'a, '_, S>,
        field: Field,
        out: &mut Out<'a, '_, '_>,
        buf: &mut [u8; TEXT_MAX],
    ) {
        use Field as F;
        match field {
            F::Key => {
                if let Some((k, t, s)) = w.parsed(buf, Code::ApiKeyTooLong, ApiKey::parse) {
                    if let Some(e) = k.warning() {
                        w.report_in_string(e, &t, s);
                    }
                    out.values.key = Some(s);
                }
            }
            F::CallType => {
                if let Some((s, t)) = w.string() {
                    self.summary.call_type = match text(s, buf).map(CallType::parse) {
                        Some(Ok(c)) => Some(c),
                        Some(Err(e)) => {
                            w.report_suggesting(e.code, &t, e.suggestion);
                            None
                        }
                        None => {
                            w.report(Code::CampaignCallType, &t);
                            None
                        }
                    };
                }
            }
            F::Name => {
                if let Some((s, t)) = w.string() {
                    if s.chars().all(char::is_whitespace) {
                        w.report(Code::CampaignNameBlank, &t);
                    } else {
                        out.values.name = Some(s);
                    }
                }
            }
            F::QueueNumber => {
                if let Some((s, t)) = w.scalar(Code::JsonExpectedInteger) {
                    let ok = match s {
                        Scalar::Num(n) => n.is_integer() && Extension::parse(n.as_str()).is_ok(),
                        Scalar::Str(s) => text(s, buf).is_some_and(|x| Extension::parse(x).is_ok()),
                        _ => false,
                    };
                    if !ok {
                        w.report(Code::ExtensionInvalid, &t);
                    }
                }
            }
            F::ThreadMultiplier => {
                out.values.thread_multiplier =
                    int(w, F::ThreadMultiplier, Code::CampaignThreadMultiplierRange)
            }
            F::MaxThreadCount => {
                out.values.max_thread_count =
                    int(w, F::MaxThreadCount, Code::CampaignMaxThreadCountRange)
            }
            F::RingTimeout => {
                out.values.ring_timeout = int(w, F::RingTimeout, Code::CampaignRingTimeoutRange)
            }
            F::CallRetries => {
                out.values.call_retries = int(w, F::CallRetries, Code::CampaignRetriesRange)
            }
            F::DigitRetries => {
                out.values.digit_retries = int(w, F::DigitRetries, Code::CampaignRetriesRange)
            }
            F::DigitTimeout => {
                out.values.digit_timeout = int(w, F::DigitTimeout, Code::CampaignDigitTimeoutRange)
            }
            F::DateRangeBegin => {
                self.date_begin = w.parsed(buf, Code::DateSyntax, Date::parse).map(|v| v.0)
            }
            F::DateRangeEnd => {
                self.date_end = w.parsed(buf, Code::DateSyntax, Date::parse).map(|v| v.0)
            }
            F::TimeRangeBegin => {
                self.time_begin = w.parsed(buf, Code::TimeSyntax, Time::parse).map(|v| v.0)
            }
            F::TimeRangeEnd => {
                self.time_end = w.parsed(buf, Code::TimeSyntax, Time::parse).map(|v| v.0)
            }
            F::ActiveDays => self.active_days(w),
            F::Cli => {
                if let Some((s, t)) = w.string() {
                    out.values.cli = check_phone(w, s, &t, PhoneOptions::STRICT, buf);
                }
            }
            F::WelcomeAnnouncementId => {
                if let Some(id) = id_value(w) {
                    self.summary.note_announcement(id.get());
                }
            }
            F::WebhookUrl => {
                out.values.webhook_url = w.parsed(buf, Code::UrlTooLong, Url::parse).map(|v| v.2);
            }
            F::IsCommercial => {
                // A plain JSON boolean (SPEC §6); only recording_enabled is bool-ish.
                if let Some((b, _)) = w.boolean() {
                    self.commercial = b;
                }
            }
            F::IysRecipientType => {
                if let Some((s, t)) = w.string() {
                    match text(s, buf).map(IysRecipientType::parse) {
                        Some(Ok(_)) => {}
                        Some(Err(e)) => w.report_suggesting(e.code, &t, e.suggestion),
                        None => w.report(Code::CampaignIysRecipientType, &t),
                    }
                }
            }
            F::IysBrandCode => {
                if let Some((s, t)) = w.string() {
                    if s.chars().all(char::is_whitespace) {
                        w.report(Code::CampaignIysBrandCodeEmpty, &t);
                    }
                }
            }
            F::RecordingEnabled => {
                let _ = w.boolish();
            }
            F::PhoneList => self.phone_list(w, out, buf),
            target => {
                // A digit, timeout or invalid target.
                let slot = target.index().saturating_sub(FIRST_TARGET);
                if let Some((s, t)) = w.string() {
                    match text(s, buf).map(|x| Target::parse(x, TargetContext::Campaign)) {
                        Some(Ok(Target::None)) => {}
                        Some(Ok(target)) => {
                            self.summary.targets |= 1 << slot;
                            if let Some(id) = target.announcement_id() {
                                self.summary.note_announcement(id.get());
                            }
                        }
                        Some(Err(e)) => {
                            self.summary.targets |= 1 << slot;
                            w.report_in_string(e, &t, s);
                        }
                        None => w.report(Code::TextTooLong, &t),
                    }
                }
            }
        }
    }

    fn active_days<S: Sink>(&mut self, w: &mut Walker<'_, '_, S>) {
        let Some(open) = w.next_token() else { return };
        if open.event != Event::BeginArray {
            w.report(Code::JsonExpectedArray, &open);
            w.skip(&open);
            return;
        }
        let mut days = Weekdays::EMPTY;
        let mut index: u32 = 0;
        loop {
            let Some(t) = w.next_token() else { return };
            if t.event == Event::EndArray {
                break;
            }
            w.path.push_index(index);
            let value = match t.event {
                Event::Number(n) if n.is_integer() => n.as_i64(),
                _ => None,
            };
            match value {
                Some(n) => match days.add(n) {
                    Ok(true) => {}
                    Ok(false) => w.report(Code::WeekdayDuplicate, &t),
                    Err(code) => w.report(code, &t),
                },
                None => {
                    w.report(Code::JsonExpectedInteger, &t);
                    w.skip(&t);
                }
            }
            w.path.pop();
            index = index.saturating_add(1);
        }
        if index == 0 {
            w.report(Code::WeekdaysEmpty, &open);
        }
        self.weekdays = Some(days);
        self.summary.weekdays = days;
    }

    fn phone_list<S: Sink>(
        &mut self,
        w: &mut Walker<'_, '_, S>,
        out: &mut Out<'_, '_, '_>,
        buf: &mut [u8; TEXT_MAX],
    ) {
        let Some(open) = w.next_token() else { return };
        if open.event != Event::BeginArray {
            w.report(Code::JsonExpectedArray, &open);
            w.skip(&open);
            return;
        }
        let mut index: u32 = 0;
        loop {
            let Some(t) = w.next_token() else { return };
            if t.event == Event::EndArray {
                break;
            }
            w.path.push_index(index);
            if t.event == Event::BeginObject {
                self.lead(w, index, out, buf);
            } else {
                w.report(Code::JsonExpectedObject, &t);
                w.skip(&t);
            }
            w.path.pop();
            index = index.saturating_add(1);
            self.summary.leads += 1;
        }
        if index == 0 {
            w.report(Code::CampaignPhoneListEmpty, &open);
        }
    }

    /// One lead, after its `{`.
    fn lead<S: Sink>(
        &mut self,
        w: &mut Walker<'_, '_, S>,
        index: u32,
        out: &mut Out<'_, '_, '_>,
        buf: &mut [u8; TEXT_MAX],
    ) {
        let mut seen_keys = 0u64;
        let mut end = None;
        while let Some((key, key_token)) = w.next_key(&mut end) {
            let Some((i, name)) = w.known_key(key, &key_token, &LeadField::NAMES, &mut seen_keys)
            else {
                continue;
            };
            w.path.push_key(name);
            match LeadField::from_index(i) {
                Some(LeadField::Phone) => {
                    if let Some((s, t)) = w.string() {
                        if let Some(p) = check_phone(w, s, &t, PhoneOptions::STRICT, buf) {
                            self.check_duplicate(w, &p, &t, out.table);
                            (out.on_lead)(index, p);
                        }
                    }
                }
                Some(LeadField::Phrase) => {
                    if let Some((s, t)) = w.string() {
                        match text(s, buf) {
                            Some(x) => {
                                for token in Phrase::new(x).tokens() {
                                    match token {
                                        Ok(tok) => {
                                            if let crate::phrase::Word::Announcement(id) = tok.word
                                            {
                                                self.summary.note_announcement(id.get());
                                            }
                                        }
                                        Err(e) => w.report_in_string(e, &t, s),
                                    }
                                }
                            }
                            None => w.report(Code::PhraseInvalidWord, &t),
                        }
                    }
                }
                _ => {
                    let _ = w.parsed(buf, Code::LangUnknown, Lang::parse);
                }
            }
            w.path.pop();
        }
        if let Some(end) = end {
            if seen_keys & LeadField::REQUIRED != LeadField::REQUIRED {
                w.missing(LeadField::Phone.name(), &end);
            }
        }
    }

    fn check_duplicate<S: Sink>(
        &mut self,
        w: &mut Walker<'_, '_, S>,
        phone: &Phone,
        t: &Token<'_>,
        table: &mut [LeadSlot],
    ) {
        if table.is_empty() || self.duplicates_full {
            return;
        }
        let key = phone.match_key();
        // FNV-1a over the match key; 0 marks an empty slot.
        let hash = key
            .as_str()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
            .max(1);
        let len = table.len();
        let mut at = (hash % len as u64) as usize;
        for _ in 0..len {
            match table.get_mut(at) {
                Some(slot) if slot.hash == 0 => {
                    *slot = LeadSlot {
                        hash,
                        first: Mark::of(t).place(),
                    };
                    return;
                }
                Some(slot) if slot.hash == hash => {
                    let mut d = w.diagnostic(Code::CampaignDuplicatePhone, t);
                    d.related = Some(slot.first);
                    w.emit(d);
                    return;
                }
                _ => at = (at + 1) % len,
            }
        }
        self.duplicates_full = true;
        w.report(Code::CampaignDuplicateTableFull, t);
    }

    fn finish<S: Sink>(&mut self, w: &mut Walker<'_, '_, S>, end: &Token<'_>, today: Option<Date>) {
        use Field as F;
        for f in Field::ALL.iter().filter(|f| f.is_required()) {
            if !seen(self.seen, *f) {
                w.missing(f.name(), end);
            }
        }
        let mark = |f: Field| {
            self.marks
                .get(f.index())
                .copied()
                .unwrap_or_default()
                .token()
        };
        match self.summary.call_type {
            Some(CallType::Queue) => {
                for required in [F::QueueNumber, F::ThreadMultiplier] {
                    if !seen(self.seen, required) {
                        w.missing(required.name(), end);
                    }
                }
                let ivr_only = Field::ALL.iter().skip(FIRST_TARGET).take(14).chain(&[
                    F::WelcomeAnnouncementId,
                    F::DigitRetries,
                    F::DigitTimeout,
                ]);
                for f in ivr_only {
                    if seen(self.seen, *f) {
                        w.report_field(Code::CampaignIvrFieldInQueue, &mark(*f), f.name());
                    }
                }
            }
            Some(CallType::Ivr) => {
                if self.summary.targets == 0 {
                    let at = if seen(self.seen, F::DigitTarget0) {
                        mark(F::DigitTarget0)
                    } else {
                        *end
                    };
                    w.report_field(Code::CampaignNoTarget, &at, F::DigitTarget0.name());
                }
                for f in [F::QueueNumber, F::ThreadMultiplier] {
                    if seen(self.seen, f) {
                        w.report_field(Code::CampaignQueueFieldInIvr, &mark(f), f.name());
                    }
                }
            }
            None => {}
        }
        if self.commercial {
            for required in [F::IysRecipientType, F::IysBrandCode] {
                if !seen(self.seen, required) {
                    w.missing(required.name(), end);
                }
            }
        }
        let begin = self.date_begin.or(today);
        if let Some(begin) = begin {
            let window = Window::resolve(
                begin,
                self.date_begin,
                self.date_end,
                self.time_begin,
                self.time_end,
            );
            self.summary.window = Some(window);
        }
        let window = Window::resolve(
            begin.or(self.date_end).unwrap_or(Date::MIN),
            self.date_begin,
            self.date_end,
            self.time_begin,
            self.time_end,
        );
        for code in window.problems() {
            let at = if code == Code::WindowDateOrder {
                F::DateRangeEnd
            } else {
                F::TimeRangeEnd
            };
            let at = if seen(self.seen, at) {
                at
            } else if at == F::DateRangeEnd {
                F::DateRangeBegin
            } else {
                F::TimeRangeBegin
            };
            w.report_field(code, &mark(at), at.name());
        }
        // A window that ended before today never calls anyone: the PBX
        // accepts it, and the integrator waits for reports that never come.
        if let (Some(today), Some(window)) = (today, self.summary.window) {
            if window.date_end < today && window.problems().next().is_none() {
                let at = if seen(self.seen, F::DateRangeEnd) {
                    F::DateRangeEnd
                } else {
                    F::DateRangeBegin
                };
                w.report_field(Code::WindowPassed, &mark(at), at.name());
            }
        }
    }
}

/// An integer field in `lo..=hi`.
/// An integer in `lo..=hi`; `None` (reported) outside it.
fn int<S: Sink>(w: &mut Walker<'_, '_, S>, field: Field, code: Code) -> Option<u64> {
    let (lo, hi) = field.bounds();
    let (v, t) = w.integer()?;
    if v < lo || v > hi {
        w.report(code, &t);
        return None;
    }
    u64::try_from(v).ok()
}

/// An id, as a JSON number or a numeric string.
fn id_value<S: Sink>(w: &mut Walker<'_, '_, S>) -> Option<Id> {
    let (s, t) = w.scalar(Code::IdInvalid)?;
    let mut buf = [0u8; 32];
    let parsed = match s {
        Scalar::Num(n) => Id::parse(n.as_str()),
        Scalar::Str(s) => match text(s, &mut buf) {
            Some(x) => Id::parse(x),
            None => Err(crate::diag::Error::new(
                Code::IdTooLarge,
                crate::diag::Span::new(0, 0),
            )),
        },
        _ => Err(crate::diag::Error::new(
            Code::IdInvalid,
            crate::diag::Span::new(0, 0),
        )),
    };
    match parsed {
        Ok(id) => Some(id),
        Err(e) => {
            w.report(e.code, &t);
            None
        }
    }
}

/// Parses a phone string value, reporting its error or warning.
fn check_phone<S: Sink>(
    w: &mut Walker<'_, '_, S>,
    s: crate::json::JsonStr<'_>,
    t: &Token<'_>,
    options: PhoneOptions,
    buf: &mut [u8],
) -> Option<Phone> {
    let Some(x) = text(s, buf) else {
        w.report(Code::PhoneTooLong, t);
        return None;
    };
    match Phone::parse_with(x, options) {
        Ok(p) => {
            if let Some(code) = p.warning() {
                w.report(code, t);
            }
            Some(p)
        }
        Err(e) => {
            w.report_in_string(e, t, s);
            None
        }
    }
}

// ---------------------------------------------------------------- building

/// The fields of a campaign request, typed. Leads are streamed separately.
#[derive(Clone, Copy, Debug)]
pub struct Header<'a> {
    /// API key.
    pub key: &'a str,
    /// `ivr` or `queue`.
    pub call_type: CallType,
    /// Campaign name.
    pub name: &'a str,
    /// Queue campaigns: the queue's extension (written as a number).
    pub queue_number: Option<Extension<'a>>,
    /// Queue campaigns: calls per available agent.
    pub thread_multiplier: Option<u32>,
    /// Most simultaneous calls.
    pub max_thread_count: Option<u32>,
    /// First day.
    pub date_range_begin: Option<Date>,
    /// Last day.
    pub date_range_end: Option<Date>,
    /// Daily start.
    pub time_range_begin: Option<Time>,
    /// Daily end.
    pub time_range_end: Option<Time>,
    /// Days of the week.
    pub active_days: Option<Weekdays>,
    /// Seconds to ring, 25..=60.
    pub ring_timeout: Option<u32>,
    /// Caller id shown to leads (wire form `90…`).
    pub cli: Option<&'a str>,
    /// Ivr: the announcement played first.
    pub welcome_announcement_id: Option<Id>,
    /// Redials on busy/no answer.
    pub call_retries: Option<u32>,
    /// Ivr: menu repeats on a bad or missing key.
    pub digit_retries: Option<u32>,
    /// Ivr: seconds to wait for a key, 1..=10.
    pub digit_timeout: Option<u32>,
    /// Where campaign reports are POSTed.
    pub webhook_url: Option<&'a str>,
    /// Ivr: the 14 targets in [`TARGET_KEYS`] order (`None` is written as `""`).
    pub targets: [Option<Target<'a>>; 14],
    /// Commercial (İYS) campaign.
    pub is_commercial: bool,
    /// İYS recipient type (commercial campaigns).
    pub iys_recipient_type: Option<IysRecipientType>,
    /// İYS brand code (commercial campaigns).
    pub iys_brand_code: Option<&'a str>,
    /// Record from the start (written as the string `"true"`).
    pub recording_enabled: bool,
}

impl<'a> Header<'a> {
    /// A header with only the required fields.
    pub const fn new(key: &'a str, call_type: CallType, name: &'a str) -> Header<'a> {
        Header {
            key,
            call_type,
            name,
            queue_number: None,
            thread_multiplier: None,
            max_thread_count: None,
            date_range_begin: None,
            date_range_end: None,
            time_range_begin: None,
            time_range_end: None,
            active_days: None,
            ring_timeout: None,
            cli: None,
            welcome_announcement_id: None,
            call_retries: None,
            digit_retries: None,
            digit_timeout: None,
            webhook_url: None,
            targets: [None; 14],
            is_commercial: false,
            iys_recipient_type: None,
            iys_brand_code: None,
            recording_enabled: false,
        }
    }
}

/// One lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lead<'a> {
    /// The number, as it should be sent.
    pub phone: &'a str,
    /// The phrase read to this lead.
    pub phrase: Option<&'a str>,
    /// The phrase's language.
    pub lang: Option<Lang>,
}

/// Writes the campaign request JSON: the header's fields, then the leads
/// as they come from the iterator (nothing is buffered).
pub fn write<'l, W: fmt::Write>(
    out: &mut W,
    header: &Header<'_>,
    leads: impl IntoIterator<Item = Lead<'l>>,
) -> fmt::Result {
    let h = header;
    write!(
        out,
        "{{\"key\":{},\"call_type\":\"{}\",\"name\":{}",
        Quoted(h.key),
        h.call_type.as_str(),
        Quoted(h.name)
    )?;
    if let Some(q) = h.queue_number {
        // A number, as the vendor's example; leading zeros need the string form.
        if q.as_str().starts_with('0') {
            write!(out, ",\"queue_number\":{}", Quoted(q.as_str()))?;
        } else {
            write!(out, ",\"queue_number\":{q}")?;
        }
    }
    let number = |out: &mut W, name: &str, v: Option<u32>| match v {
        Some(v) => write!(out, ",\"{name}\":{v}"),
        None => Ok(()),
    };
    number(out, "thread_multiplier", h.thread_multiplier)?;
    number(out, "max_thread_count", h.max_thread_count)?;
    if let Some(d) = h.date_range_begin {
        write!(out, ",\"date_range_begin\":\"{d}\"")?;
    }
    if let Some(d) = h.date_range_end {
        write!(out, ",\"date_range_end\":\"{d}\"")?;
    }
    if let Some(t) = h.time_range_begin {
        write!(out, ",\"time_range_begin\":\"{t}\"")?;
    }
    if let Some(t) = h.time_range_end {
        write!(out, ",\"time_range_end\":\"{t}\"")?;
    }
    if let Some(days) = h.active_days {
        write!(out, ",\"active_days\":{days}")?;
    }
    number(out, "ring_timeout", h.ring_timeout)?;
    if let Some(cli) = h.cli {
        write!(out, ",\"cli\":{}", Quoted(cli))?;
    }
    if let Some(id) = h.welcome_announcement_id {
        write!(out, ",\"welcome_announcement_id\":{id}")?;
    }
    number(out, "call_retries", h.call_retries)?;
    number(out, "digit_retries", h.digit_retries)?;
    number(out, "digit_timeout", h.digit_timeout)?;
    if let Some(url) = h.webhook_url {
        write!(out, ",\"webhook_url\":{}", Quoted(url))?;
    }
    if h.call_type == CallType::Ivr {
        for (key, target) in TARGET_KEYS.iter().zip(h.targets.iter()) {
            write!(out, ",\"{key}\":\"")?;
            if let Some(t) = target {
                let mut esc = JsonEscaped(out);
                fmt::write(&mut esc, format_args!("{t}"))?;
            }
            out.write_char('"')?;
        }
    }
    write!(out, ",\"is_commercial\":{}", h.is_commercial)?;
    if let Some(t) = h.iys_recipient_type {
        write!(out, ",\"iys_recipient_type\":\"{}\"", t.as_str())?;
    }
    if let Some(code) = h.iys_brand_code {
        write!(out, ",\"iys_brand_code\":{}", Quoted(code))?;
    }
    if h.recording_enabled {
        out.write_str(",\"recording_enabled\":\"true\"")?;
    }
    out.write_str(",\"phone_list\":[")?;
    for (i, lead) in leads.into_iter().enumerate() {
        if i > 0 {
            out.write_char(',')?;
        }
        write!(out, "{{\"phone\":{}", Quoted(lead.phone))?;
        if let Some(p) = lead.phrase {
            write!(out, ",\"phrase\":{}", Quoted(p))?;
        }
        if let Some(l) = lead.lang {
            write!(out, ",\"lang\":\"{l}\"")?;
        }
        out.write_char('}')?;
    }
    out.write_str("]}")
}

/// Escapes what is written through it as JSON string content.
struct JsonEscaped<'w, W: fmt::Write>(&'w mut W);

impl<W: fmt::Write> fmt::Write for JsonEscaped<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        crate::json::write_string_content(self.0, s)
    }
}

/// [`write()`] into a caller buffer; `BufferTooSmall { needed }` is exact.
pub fn write_to<'b, 'l>(
    buf: &'b mut [u8],
    header: &Header<'_>,
    leads: impl IntoIterator<Item = Lead<'l>> + Clone,
) -> Result<&'b str, BufferTooSmall> {
    struct Body<'h, I>(&'h Header<'h>, I);
    impl<'l, I: IntoIterator<Item = Lead<'l>> + Clone> fmt::Display for Body<'_, I> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write(f, self.0, self.1.clone())
        }
    }
    write_into(buf, Body(header, leads))
}

impl<'a> Lead<'a> {
    /// A lead from text (a spreadsheet row, a binding's tuple): `lang`
    /// is checked here, the rest when the request is validated. A bad
    /// `lang` is a diagnostic at `phone_list[index].lang`.
    ///
    /// ```
    /// use santral::campaign::Lead;
    /// let d = Lead::from_text("05321234567", None, Some("tr"), 4).unwrap_err();
    /// assert_eq!(d.path.to_string(), "phone_list[4].lang");
    /// ```
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn from_text(
        phone: &'a str,
        phrase: Option<&'a str>,
        lang: Option<&str>,
        index: u32,
    ) -> Result<Lead<'a>, crate::diag::Diagnostic> {
        let lang = lang
            .map(|l| {
                Lang::parse(l).map_err(|e| {
                    let mut path = crate::diag::Path::key(Field::PhoneList.name());
                    path.push_index(index);
                    path.push_key(LeadField::Lang.name());
                    crate::diag::Diagnostic::from_error(e, 0, l.as_bytes(), path)
                })
            })
            .transpose()?;
        Ok(Lead {
            phone,
            phrase,
            lang,
        })
    }
}

/// Why a header given as JSON text cannot take leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// The header is not valid JSON.
    Syntax(crate::json::SyntaxError),
    /// The header is not a JSON object.
    NotAnObject,
    /// The header already has a `phone_list`.
    HasPhoneList,
    /// The writer failed.
    Write,
}

impl HeaderError {
    /// The problem as a diagnostic in the header's text (`None` for a
    /// writer failure, which is the caller's I/O, not the header's).
    pub fn diagnostic(&self) -> Option<crate::diag::Diagnostic> {
        use crate::diag::{Diagnostic, Span};
        Some(match self {
            HeaderError::Syntax(e) => e.diagnostic(),
            HeaderError::NotAnObject => Diagnostic::new(Code::JsonExpectedObject, Span::new(0, 0)),
            HeaderError::HasPhoneList => {
                Diagnostic::new(Code::CampaignHeaderPhoneList, Span::new(0, 0))
                    .with_path(crate::diag::Path::key(Field::PhoneList.name()))
            }
            HeaderError::Write => return None,
        })
    }
}

/// Writes a campaign request lead by lead, for callers whose leads arrive
/// one at a time (a Python iterable, a database cursor): [`LeadStream::begin`]
/// writes a header given as JSON text (a campaign object without
/// `phone_list`), [`LeadStream::lead`] each lead, [`LeadStream::finish`]
/// the end. Nothing is buffered. Validate the result with [`validate`].
///
/// ```
/// use santral::campaign::{Lead, LeadStream};
///
/// let mut out = String::new();
/// let mut stream = LeadStream::begin(&mut out, r#"{"name":"x"}"#).unwrap();
/// stream.lead(&mut out, &Lead { phone: "05321234567", phrase: None, lang: None }).unwrap();
/// stream.finish(&mut out).unwrap();
/// assert_eq!(out, r#"{"name":"x","phone_list":[{"phone":"05321234567"}]}"#);
/// ```
#[derive(Debug)]
pub struct LeadStream {
    leads: u64,
}

impl LeadStream {
    /// Checks `header` (JSON syntax, an object, no `phone_list`) and writes
    /// it up to where the leads go, in the types the builder writes
    /// (SPEC §6): `recording_enabled` as the string `"true"`/`"false"`,
    /// `queue_number` and the other integer fields as JSON numbers when
    /// they were given as numeric strings. Everything else is copied as
    /// given.
    pub fn begin<W: fmt::Write + ?Sized>(
        out: &mut W,
        header: &str,
    ) -> Result<LeadStream, HeaderError> {
        LeadStream::begin_with_key(out, header, None)
    }

    /// [`LeadStream::begin`], adding `"key": key` when the header has no
    /// `key` of its own (a client fills in the key it was made with).
    ///
    /// ```
    /// use santral::campaign::LeadStream;
    /// let mut out = String::new();
    /// LeadStream::begin_with_key(&mut out, r#"{"name": "x"}"#, Some("K1")).unwrap();
    /// assert_eq!(out, r#"{"name": "x","key":"K1","phone_list":["#);
    /// ```
    pub fn begin_with_key<W: fmt::Write + ?Sized>(
        out: &mut W,
        header: &str,
        api_key: Option<&str>,
    ) -> Result<LeadStream, HeaderError> {
        let mut has_key = false;
        let mut r = crate::json::Reader::new(header.as_bytes());
        let mut close = None;
        let mut fields = 0usize;
        let mut first = true;
        let mut key: Option<Field> = None;
        let mut rewritten = 0u64;
        let mut edits: heapless::Vec<(crate::diag::Span, Rewrite<'_>), 16> = heapless::Vec::new();
        while let Some(t) = r.next_token() {
            let t = t.map_err(HeaderError::Syntax)?;
            if first && t.event != Event::BeginObject {
                return Err(HeaderError::NotAnObject);
            }
            first = false;
            let value_of = key.take();
            match t.event {
                Event::Key(k) if r.depth() == 1 => {
                    if k.eq_str(Field::PhoneList.name()) {
                        return Err(HeaderError::HasPhoneList);
                    }
                    fields += 1;
                    key = crate::json::key_index(k, &Field::NAMES).and_then(Field::from_index);
                    has_key |= key == Some(Field::Key);
                }
                Event::EndObject if r.depth() == 0 => close = Some(t.span.start),
                _ => {}
            }
            let Some(field) = value_of else { continue };
            if rewritten & (1 << field.index()) != 0 {
                continue;
            }
            if let Some(edit) = Rewrite::of(field, &t.event) {
                rewritten |= 1 << field.index();
                let _ = edits.push((t.span, edit));
            }
        }
        let close = close.ok_or(HeaderError::NotAnObject)?;
        let head = header.get(..close).unwrap_or("").trim_end();
        let mut at = 0;
        for (span, edit) in &edits {
            out.write_str(head.get(at..span.start).unwrap_or(""))
                .and_then(|()| edit.write(out))
                .map_err(|_| HeaderError::Write)?;
            at = span.end;
        }
        out.write_str(head.get(at..).unwrap_or(""))
            .map_err(|_| HeaderError::Write)?;
        let mut sep = if fields > 0 { "," } else { "" };
        if let (false, Some(k)) = (has_key, api_key) {
            write!(out, "{sep}\"{}\":{}", Field::Key.name(), Quoted(k))
                .map_err(|_| HeaderError::Write)?;
            sep = ",";
        }
        write!(out, "{sep}\"phone_list\":[").map_err(|_| HeaderError::Write)?;
        Ok(LeadStream { leads: 0 })
    }

    /// Writes one lead.
    pub fn lead<W: fmt::Write + ?Sized>(&mut self, out: &mut W, lead: &Lead<'_>) -> fmt::Result {
        if self.leads > 0 {
            out.write_char(',')?;
        }
        write!(out, "{{\"phone\":{}", Quoted(lead.phone))?;
        if let Some(p) = lead.phrase {
            write!(out, ",\"phrase\":{}", Quoted(p))?;
        }
        if let Some(l) = lead.lang {
            write!(out, ",\"lang\":\"{l}\"")?;
        }
        self.leads += 1;
        out.write_char('}')
    }

    /// Leads written so far.
    pub fn leads(&self) -> u64 {
        self.leads
    }

    /// Closes the request.
    pub fn finish<W: fmt::Write + ?Sized>(self, out: &mut W) -> fmt::Result {
        out.write_str("]}")
    }
}

/// A header value the builder writes in its own type.
#[derive(Clone, Copy, Debug)]
enum Rewrite<'a> {
    /// A fixed text (`"true"`, `"false"`).
    Text(&'static str),
    /// A numeric string written as a number.
    Number(&'a str),
}

impl<'a> Rewrite<'a> {
    fn of(field: Field, value: &Event<'a>) -> Option<Rewrite<'a>> {
        use Field as F;
        match (field, value) {
            (F::RecordingEnabled, Event::Bool(b)) => {
                Some(Rewrite::Text(if *b { "\"true\"" } else { "\"false\"" }))
            }
            (F::RecordingEnabled, Event::String(s)) => {
                let text = s.as_str()?;
                let b = crate::lexical::parse_boolish(text).ok()?;
                (text.len() == 1).then_some(Rewrite::Text(if b { "\"true\"" } else { "\"false\"" }))
            }
            (
                F::QueueNumber
                | F::ThreadMultiplier
                | F::MaxThreadCount
                | F::RingTimeout
                | F::CallRetries
                | F::DigitRetries
                | F::DigitTimeout
                | F::WelcomeAnnouncementId,
                Event::String(s),
            ) => {
                let digits = s.as_str()?;
                // A leading zero (`"0204"`) only survives as a string.
                let number = !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && (digits == "0" || !digits.starts_with('0'))
                    && digits.len() <= 19;
                number.then_some(Rewrite::Number(digits))
            }
            _ => None,
        }
    }

    fn write<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self {
            Rewrite::Text(t) | Rewrite::Number(t) => out.write_str(t),
        }
    }
}

/// Writes a campaign request from a header given as JSON text and an
/// iterator of leads (see [`LeadStream`]).
pub fn write_with_header_json<'l, W: fmt::Write>(
    out: &mut W,
    header: &str,
    leads: impl IntoIterator<Item = Lead<'l>>,
) -> Result<(), HeaderError> {
    let mut stream = LeadStream::begin(out, header)?;
    for lead in leads {
        stream.lead(out, &lead).map_err(|_| HeaderError::Write)?;
    }
    stream.finish(out).map_err(|_| HeaderError::Write)
}

#[cfg(test)]
mod tests;
