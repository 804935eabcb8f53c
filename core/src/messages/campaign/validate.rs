//! Validating (and reading) a campaign: one streaming pass in fixed memory.

use super::*;
use crate::diag::{Code, Counting, Place, Sink};
use crate::json::{text, Event, Mark, Scalar, Token, Walker};
use crate::lexical::{ApiKey, Extension, Id, Lang, Url};
use crate::phone::{Options as PhoneOptions, Phone};
use crate::phrase::Phrase;
use crate::target::{Target, TargetContext};
use crate::time::{Date, Time, Weekdays, Window};

/// One slot of a duplicate-lead table (8 bytes): a number's hash and the
/// offset of the lead that first listed it, or a line checkpoint.
/// [`validate_with_duplicates`] takes a table of these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeadSlot {
    /// A number's 32-bit hash (0: empty), or a checkpoint's offset + 1.
    a: u32,
    /// Where the lead's phone string starts, or a checkpoint's line.
    b: u32,
}

/// The body's bytes per line checkpoint: the earlier lead of a repeat is
/// placed (line and column) by reading on from the checkpoint before it,
/// never more than this many bytes, instead of keeping its place in every
/// slot.
const CHUNK: usize = 2048;

/// How many slots a duplicate table needs to check up to `max_leads`
/// leads of `body` (a lead takes at least 14 bytes, so a small body gets
/// a small table); 0 when `max_leads` is 0. Four slots for every three
/// leads (8 bytes each: under 11 bytes a lead) and two for every 2 KiB of
/// body.
///
/// ```
/// assert_eq!(santral::campaign::duplicate_table_len(&[0; 140], 1_000_000), 16);
/// assert_eq!(santral::campaign::duplicate_table_len(&[0; 140], 0), 0);
/// ```
pub fn duplicate_table_len(body: &[u8], max_leads: usize) -> usize {
    table_len(body.len(), max_leads)
}

/// [`duplicate_table_len`] for a body of `body_len` bytes.
pub(super) fn table_len(body_len: usize, max_leads: usize) -> usize {
    // `{"phone":"1"},` is the shortest lead there is.
    let leads = (body_len / 14).min(max_leads);
    if leads == 0 {
        return 0;
    }
    // Open addressing stays fast below three quarters full.
    let hashes = leads.saturating_add(leads / 3).saturating_add(1);
    hashes.saturating_add(body_len.div_ceil(CHUNK).saturating_mul(2))
}

/// FNV-1a over a number's match key, folded to 32 bits; never 0 (an empty
/// slot). Two numbers may share one: a match is confirmed by reading the
/// earlier lead again.
pub(super) fn lead_hash(key: &str) -> u32 {
    let wide = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    ((wide >> 32) as u32 ^ wide as u32).max(1)
}

/// A duplicate table split: line checkpoints (two slots for each `chunk`
/// bytes of body: offset + 1 and line, then column), then the hash slots.
/// Checkpoints never take more than a quarter of the table: a table short
/// of room gets fewer, over longer chunks; one of under eight slots none.
struct Table<'t> {
    marks: &'t mut [LeadSlot],
    slots: &'t mut [LeadSlot],
    chunk: usize,
}

impl<'t> Table<'t> {
    fn split(table: &'t mut [LeadSlot], body_len: usize) -> Table<'t> {
        let k = body_len.div_ceil(CHUNK).min(table.len() / 8);
        let (marks, slots) = table.split_at_mut(k.saturating_mul(2).min(table.len()));
        Table {
            marks,
            slots,
            chunk: if k == 0 {
                usize::MAX
            } else {
                body_len.div_ceil(k).max(1)
            },
        }
    }

    /// Where the checkpoint of the chunk holding `offset` starts in `marks`.
    fn checkpoint(&self, offset: usize) -> usize {
        (offset / self.chunk).saturating_mul(2)
    }

    /// Keeps the place of the lead at `offset` as its chunk's checkpoint
    /// when it is the chunk's first.
    fn mark(&mut self, offset: u32, line: u32, column: u32) {
        let i = self.checkpoint(offset as usize);
        if let Some([first, second]) = self
            .marks
            .get_mut(i..i + 2)
            .and_then(|m| <&mut [LeadSlot; 2]>::try_from(m).ok())
        {
            if first.a == 0 {
                *first = LeadSlot {
                    a: offset + 1,
                    b: line,
                };
                *second = LeadSlot { a: column, b: 0 };
            }
        }
    }

    /// Line and column of `offset`, read on from its chunk's checkpoint
    /// (from the top when there is none).
    fn locate(&self, body: &[u8], offset: usize) -> (u32, u32) {
        let i = self.checkpoint(offset);
        let (from, line, column) = match self.marks.get(i..i + 2) {
            Some([first, second]) if first.a != 0 && (first.a - 1) as usize <= offset => {
                ((first.a - 1) as usize, first.b, second.a)
            }
            _ => (0, 1, 1),
        };
        crate::diag::Locator::resume(body, from, line, column).line_column(offset)
    }

    /// The place of the lead whose phone string starts at `offset` when its
    /// number is `key` (a hash can be shared by two numbers).
    fn same_lead(&self, body: &[u8], offset: u32, key: &str) -> Option<Place> {
        let at = offset as usize;
        let token = crate::json::Reader::new(body.get(at..)?)
            .next_token()?
            .ok()?;
        let Event::String(s) = token.event else {
            return None;
        };
        // A strict phone is short: what does not fit was never kept.
        let mut buf = [0u8; 64];
        let phone = Phone::parse_with(text(s, &mut buf)?, PhoneOptions::STRICT).ok()?;
        if phone.match_key().as_str() != key {
            return None;
        }
        let (line, column) = self.locate(body, at);
        Some(Place {
            span: token.span.offset(at),
            line,
            column,
        })
    }
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
        table: Table::split(table, body.len()),
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
    table: Table<'t>,
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
                            if !out.table.slots.is_empty() && !self.duplicates_full {
                                self.look_up(w, &p, &t, &mut out.table);
                            }
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

    /// Finds the lead's number in the table (one with slots, not yet full),
    /// or keeps it there. Out of line: its locals (the match key, the
    /// confirmation's reader) would otherwise sit under every lead's phone
    /// and phrase checks.
    #[inline(never)]
    fn look_up<S: Sink>(
        &mut self,
        w: &mut Walker<'_, '_, S>,
        phone: &Phone,
        t: &Token<'_>,
        table: &mut Table<'_>,
    ) {
        // A lead past 4 GiB of body is not looked for (its offset would
        // not fit a slot).
        let offset = match u32::try_from(t.span.start) {
            Ok(o) if o < u32::MAX => o,
            _ => return,
        };
        let key = phone.match_key();
        let hash = lead_hash(key.as_str());
        let len = table.slots.len();
        let mut at = hash as usize % len;
        for _ in 0..len {
            let Some(slot) = table.slots.get_mut(at) else {
                break;
            };
            if slot.a == 0 {
                *slot = LeadSlot { a: hash, b: offset };
                table.mark(offset, t.line, t.column);
                return;
            }
            if slot.a == hash {
                let first_at = slot.b;
                let body = w.reader().input();
                if let Some(first) = table.same_lead(body, first_at, key.as_str()) {
                    let mut d = w.diagnostic(Code::CampaignDuplicatePhone, t);
                    d.related = Some(first);
                    w.emit(d);
                    return;
                }
            }
            at = (at + 1) % len;
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
