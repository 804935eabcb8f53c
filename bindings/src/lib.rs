//! santral for Kotlin, Swift and Python through uniffi (proc-macro mode).
//!
//! The same surface as the Python wheel: phones, targets, phrases,
//! `check(kind, bytes)` with diagnostics, the webhook parsers and the
//! builders, with the same options and the core's defaults (an option
//! left `null`/`nil` is the core's default). Nothing here but conversion
//! to uniffi records and errors; every verdict and name comes from
//! `santral-core`.
// The error carries every diagnostic by value: the shape uniffi maps to
// Kotlin and Swift exceptions.
#![allow(clippy::result_large_err)]

use santral_core::check::{self as core_check, Kind, Options as CheckOptions};
use santral_core::diag::{Diagnostic as CoreDiagnostic, Path};
use santral_core::form::Encoded;
use santral_core::json::JsonStr;
use santral_core::phone::{Format, Options as PhoneOptions, Phone};
use santral_core::time::{Timestamp, Zone};

uniffi::setup_scaffolding!();

/// A second place a diagnostic refers to (for a repeated lead, the lead it repeats).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Place {
    /// First byte.
    pub offset: u64,
    /// One past the last byte.
    pub end: u64,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// One finding: a stable `code` (`phone.too_short`), where it is, and what it means.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Diagnostic {
    /// `"error"` or `"warning"`.
    pub severity: String,
    /// The stable dotted code.
    pub code: String,
    /// The English message.
    pub message: String,
    /// The Turkish message.
    pub message_tr: String,
    /// Where: `phone_list[1].phone`, `transfer.target`, `event_type`.
    pub path: String,
    /// First byte.
    pub offset: u64,
    /// One past the last byte.
    pub end: u64,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What was probably meant for the span.
    pub suggestion: Option<String>,
    /// A second place (the first lead a repeated lead repeats).
    pub related: Option<Place>,
}

fn diagnostic(d: &CoreDiagnostic) -> Diagnostic {
    Diagnostic {
        severity: d.severity.as_str().into(),
        code: d.code.id().into(),
        message: d.code.message().into(),
        message_tr: d.code.message_tr().into(),
        path: d.path.to_string(),
        offset: d.span.start as u64,
        end: d.span.end as u64,
        line: d.line,
        column: d.column,
        suggestion: d.suggestion.map(String::from),
        related: d.related.map(|r| Place {
            offset: r.span.start as u64,
            end: r.span.end as u64,
            line: r.line,
            column: r.column,
        }),
    }
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum SantralError {
    /// The input is invalid: the first error's code, message, place and
    /// suggestion, and every diagnostic.
    Invalid {
        /// The stable dotted code of the first error.
        code: String,
        /// Its English message (not `message`, which Kotlin exceptions reserve).
        detail: String,
        /// Where it is.
        path: String,
        /// Its first byte.
        offset: u64,
        /// One past its last byte.
        end: u64,
        /// Its line.
        line: u32,
        /// Its column.
        column: u32,
        /// What was probably meant.
        suggestion: Option<String>,
        /// Every finding.
        diagnostics: Vec<Diagnostic>,
    },
    /// An argument outside its set (a payload kind, a caller form).
    Argument {
        /// What was wrong.
        reason: String,
    },
}

impl std::fmt::Display for SantralError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SantralError::Invalid {
                code, detail, path, ..
            } if path.is_empty() => write!(f, "{code}: {detail}"),
            SantralError::Invalid {
                code, detail, path, ..
            } => write!(f, "{code}: {detail} (at {path})"),
            SantralError::Argument { reason } => f.write_str(reason),
        }
    }
}

impl std::error::Error for SantralError {}

fn invalid_from(diags: Vec<Diagnostic>) -> SantralError {
    let first = diags
        .iter()
        .find(|d| d.severity == "error")
        .or(diags.first())
        .cloned();
    match first {
        Some(d) => SantralError::Invalid {
            code: d.code,
            detail: d.message,
            path: d.path,
            offset: d.offset,
            end: d.end,
            line: d.line,
            column: d.column,
            suggestion: d.suggestion,
            diagnostics: diags,
        },
        None => SantralError::Argument {
            reason: "invalid input".into(),
        },
    }
}

/// One core diagnostic as the error.
fn invalid(d: &CoreDiagnostic) -> SantralError {
    invalid_from(vec![diagnostic(d)])
}

fn argument(message: impl Into<String>) -> SantralError {
    SantralError::Argument {
        reason: message.into(),
    }
}

/// An option value that is none of a core enum's names.
fn bad_option(name: &str) -> impl FnOnce(santral_core::wire::UnknownName) -> SantralError + '_ {
    move |e| argument(format!("{name}: {e}"))
}

/// A parsed phone number with every form it has (`None` for a form it has not).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PhoneInfo {
    /// The text parsed.
    pub input: String,
    /// libphonenumber would call it valid (or it is an extension).
    pub valid: bool,
    /// `mobile`, `fixed_line`, …, `extension`.
    pub kind: String,
    /// Country calling code; 0 for an extension.
    pub country_code: u16,
    /// The region (`TR`, `DE`, `001` for non-geographic codes), or `null`
    /// when none is determined (an extension).
    pub region: Option<String>,
    /// The national significant number.
    pub national_number: String,
    /// `+905321234567`.
    pub e164: Option<String>,
    /// `905321234567`.
    pub wire: Option<String>,
    /// `05321234567`.
    pub national: Option<String>,
    /// `00905321234567`.
    pub international: Option<String>,
    /// `0532 123 45 67`.
    pub display: Option<String>,
    /// `+90 532 123 45 67`.
    pub display_international: Option<String>,
    /// The national format of the number's own region (`030 27590915`).
    pub display_in_region: Option<String>,
    /// The key to store and look it up by.
    pub match_key: String,
    /// `phone.unassigned` for a Turkish number in an unassigned range.
    pub warning: Option<String>,
}

fn phone_info(input: &str, p: &Phone) -> PhoneInfo {
    let f = |fmt: Format| p.format(fmt).ok().map(|x| x.to_string());
    PhoneInfo {
        input: input.into(),
        valid: p.is_valid(),
        kind: p.kind().as_str().into(),
        country_code: p.country_code(),
        region: p.region_code().map(Into::into),
        national_number: p.national_number().into(),
        e164: f(Format::E164),
        wire: f(Format::Wire),
        national: f(Format::National),
        international: f(Format::International),
        display: f(Format::Display),
        display_international: f(Format::DisplayInternational),
        display_in_region: f(Format::DisplayInRegion),
        match_key: p.match_key().as_str().into(),
        warning: p.warning().map(|c| c.id().into()),
    }
}

/// Parses a phone number. Each option left `null` is the core's default
/// (strict, extensions accepted, not extension-first); `lenient` also
/// ignores spaces, `-`, `.`, `(`, `)`, `/`; `region` reads national forms
/// as written there (`DE`, any case; `null`: Turkey's).
#[uniffi::export(default(lenient = None, allow_extension = None, extension_first = None, region = None))]
pub fn parse_phone(
    s: String,
    lenient: Option<bool>,
    allow_extension: Option<bool>,
    extension_first: Option<bool>,
    region: Option<String>,
) -> Result<PhoneInfo, SantralError> {
    let d = PhoneOptions::DEFAULT;
    let options = PhoneOptions {
        lenient: lenient.unwrap_or(d.lenient),
        allow_extension: allow_extension.unwrap_or(d.allow_extension),
        extension_first: extension_first.unwrap_or(d.extension_first),
        region: None,
    }
    .with_region_text(region.as_deref());
    options
        .and_then(|o| Phone::check(&s, o))
        .map(|p| phone_info(&s, &p))
        .map_err(|d| {
            // A strict refusal suggests the lenient reading (the core's).
            let mut first = diagnostic(&d);
            if let Some(r) = options.ok().and_then(|o| Phone::lenient_reading(&s, o)) {
                first.suggestion = Some(r.to_string());
            }
            invalid_from(vec![first])
        })
}

/// True when both denote the same subscriber.
#[uniffi::export]
pub fn same_number(a: String, b: String) -> bool {
    santral_core::phone::same_number(&a, &b)
}

/// The key to store and look a number up by.
#[uniffi::export]
pub fn match_key(s: String) -> Result<String, SantralError> {
    santral_core::phone::match_key(&s)
        .map(|k| k.as_str().into())
        .map_err(|e| {
            invalid(&CoreDiagnostic::from_error(
                e,
                0,
                s.as_bytes(),
                Path::key("phone"),
            ))
        })
}

/// A parsed call target.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TargetInfo {
    /// The kind keyword (`queue`, `tts`, `""` for none).
    pub kind: String,
    /// The canonical text.
    pub text: String,
    /// The announcement it plays, if any.
    pub announcement_id: Option<u64>,
}

/// Parses a call target in `context` (`campaign`, the default, or
/// `advisory`). The error's `suggestion` is what was probably meant.
#[uniffi::export(default(context = None))]
pub fn parse_target(s: String, context: Option<String>) -> Result<TargetInfo, SantralError> {
    use santral_core::target::{Target, TargetContext};
    let ctx = match context {
        Some(c) => TargetContext::from_option(&c).map_err(bad_option("context"))?,
        None => TargetContext::default(),
    };
    let t = Target::check(&s, ctx).map_err(|d| invalid(&d))?;
    Ok(TargetInfo {
        kind: t.kind().into(),
        text: t.to_string(),
        announcement_id: t.announcement_id().map(|i| i.get()),
    })
}

/// Checks a TTS phrase; returns the announcement ids it plays.
#[uniffi::export]
pub fn check_phrase(s: String) -> Result<Vec<u64>, SantralError> {
    let phrase = santral_core::phrase::Phrase::new(&s);
    let mut diags = Vec::new();
    phrase.report(&mut |d: CoreDiagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    if diags.is_empty() {
        Ok(phrase.announcement_ids().map(|i| i.get()).collect())
    } else {
        Err(invalid_from(diags))
    }
}

/// The verdict on a payload.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Report {
    /// The kind checked.
    pub kind: String,
    /// No error was reported.
    pub valid: bool,
    /// Errors reported.
    pub errors: u64,
    /// Warnings reported.
    pub warnings: u64,
    /// The findings (at most `max_diagnostics`).
    pub diagnostics: Vec<Diagnostic>,
    /// Findings counted but not handed out.
    pub diagnostics_omitted: u64,
    /// The summary as a JSON object (`{"call_type":"ivr","leads":2,…}`).
    pub summary_json: String,
}

/// The core's check options from arguments (`null`: the core's default).
fn check_options<'a>(
    today: Option<&str>,
    param_name: Option<&'a str>,
    max_diagnostics: Option<u64>,
    duplicate_leads: Option<u64>,
) -> Result<CheckOptions<'a>, SantralError> {
    let mut o = CheckOptions::from_text(today, param_name).map_err(|e| {
        let text = if e.option == "today" {
            today
        } else {
            param_name
        };
        invalid(&CoreDiagnostic::from_error(
            e.error,
            0,
            text.unwrap_or("").as_bytes(),
            Path::key(e.option),
        ))
    })?;
    if let Some(n) = max_diagnostics {
        o.max_diagnostics = usize::try_from(n).unwrap_or(usize::MAX);
    }
    if let Some(n) = duplicate_leads {
        o.duplicate_leads = usize::try_from(n).unwrap_or(usize::MAX);
    }
    Ok(o)
}

/// Checks a payload of `kind` (`campaign`, `call-event`, …) and reports
/// every problem. The options are the core's, with its defaults when
/// `null`: `today` (`YYYY-MM-DD`), `param_name`, `max_diagnostics` (200),
/// `duplicate_leads` (1,000,000; 0 checks none).
#[uniffi::export(default(today = None, param_name = None, max_diagnostics = None, duplicate_leads = None))]
pub fn check(
    kind: String,
    data: Vec<u8>,
    today: Option<String>,
    param_name: Option<String>,
    max_diagnostics: Option<u64>,
    duplicate_leads: Option<u64>,
) -> Result<Report, SantralError> {
    let k =
        Kind::from_option(&kind).map_err(|e| argument(format!("unknown kind {kind:?}; {e}")))?;
    let options = check_options(
        today.as_deref(),
        param_name.as_deref(),
        max_diagnostics,
        duplicate_leads,
    )?;
    let mut diags = Vec::new();
    let mut table =
        vec![core_check::LeadSlot::default(); core_check::duplicate_table_len(k, &data, &options)];
    let r = core_check::check_with(k, &data, &options, &mut table, &mut |d: CoreDiagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    let mut summary_json = String::new();
    let _ = r.write_summary_json(&mut summary_json);
    Ok(Report {
        kind,
        valid: r.valid,
        errors: r.errors as u64,
        warnings: r.warnings as u64,
        diagnostics: diags,
        diagnostics_omitted: r.diagnostics_omitted as u64,
        summary_json,
    })
}

fn decoded(e: Encoded<'_>) -> String {
    let mut buf = vec![0u8; e.raw().len()];
    e.decode_into(&mut buf).map_or_else(
        |_| String::from_utf8_lossy(e.raw()).into_owned(),
        String::from,
    )
}

/// A timestamp as ISO 8601 (`2016-01-01T00:00:00`, with `Z` or `+03:00` when zoned).
fn iso(t: Option<Timestamp>) -> Option<String> {
    t.map(|t| {
        let base = format!("{}T{}:{:02}", t.date, t.time, t.second);
        match t.zone {
            Zone::Unspecified => base,
            Zone::Utc => format!("{base}Z"),
            Zone::Offset(m) => format!(
                "{base}{}{:02}:{:02}",
                if m < 0 { '-' } else { '+' },
                m.unsigned_abs() / 60,
                m.unsigned_abs() % 60
            ),
        }
    })
}

fn opt_phone(p: Option<Phone>) -> Option<PhoneInfo> {
    p.map(|p| phone_info(p.national_number(), &p))
}

/// Runs a parser, keeping every diagnostic: the value with its warnings,
/// or the error with all of them.
fn collect<T>(
    run: impl FnOnce(&mut dyn FnMut(CoreDiagnostic) -> std::ops::ControlFlow<()>) -> Option<T>,
) -> Result<(T, Vec<Diagnostic>), SantralError> {
    let mut diags = Vec::new();
    let mut sink = |d: CoreDiagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    };
    match run(&mut sink) {
        Some(v) => Ok((v, diags)),
        None => Err(invalid_from(diags)),
    }
}

/// A dyn sink as a `Sink`.
struct DynSink<'a>(&'a mut dyn FnMut(CoreDiagnostic) -> std::ops::ControlFlow<()>);

impl santral_core::Sink for DynSink<'_> {
    fn report(&mut self, d: CoreDiagnostic) -> std::ops::ControlFlow<()> {
        (self.0)(d)
    }
}

/// A call event.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CallEvent {
    /// `ringing`, `answer`, `hangup`, `user_hangup`.
    pub event_type: String,
    /// `internal`, `inbound`, `outbound`.
    pub direction: String,
    /// The call's uuid.
    pub call_uuid: String,
    /// The PBX id.
    pub domain_id: Option<u64>,
    /// Who called.
    pub caller_id_number: Option<PhoneInfo>,
    /// The caller's outside number.
    pub outbound_caller_id_number: Option<PhoneInfo>,
    /// The number called.
    pub destination_number: Option<PhoneInfo>,
    /// The extension dialled.
    pub dialed_user: Option<PhoneInfo>,
    /// The extension that answered.
    pub connected_user: Option<PhoneInfo>,
    /// ISO 8601.
    pub start_stamp: Option<String>,
    /// ISO 8601.
    pub answer_stamp: Option<String>,
    /// ISO 8601.
    pub end_stamp: Option<String>,
    /// Talk time in seconds.
    pub duration_seconds: Option<u32>,
    /// A recording exists.
    pub recording_present: Option<bool>,
    /// Missed-call detection on hangup.
    pub answered: Option<bool>,
    /// The queue or ring group.
    pub queue: Option<String>,
    /// Time waited in the queue, seconds.
    pub queue_wait_seconds: Option<u32>,
    /// `caller` or `callee`.
    pub sip_hangup_disposition: Option<String>,
    /// The hangup cause as sent (`NORMAL_CLEARING`).
    pub hangup_cause: Option<String>,
    /// Its Turkish description when documented (`Cevaplandı`).
    pub hangup_cause_tr: Option<String>,
    /// Failure code.
    pub failure_status: Option<String>,
    /// Failure text.
    pub failure_phrase: Option<String>,
    /// The warnings found (an undocumented hangup cause).
    pub warnings: Vec<Diagnostic>,
}

/// True for the empty body or `{}` the PBX POSTs to verify a webhook URL.
#[uniffi::export]
pub fn is_verification_ping(body: Vec<u8>) -> bool {
    santral_core::form::is_verification_ping(&body)
}

/// Parses a call-event form body (a verification ping is the error `webhook.ping`).
#[uniffi::export]
pub fn parse_call_event(body: Vec<u8>) -> Result<CallEvent, SantralError> {
    use santral_core::event::{CallEvent as Core, Cause};
    let (e, warnings) = collect(|sink| Core::parse(&body, &mut DynSink(sink)))?;
    let (cause, cause_tr) = match e.hangup_cause {
        Some(Cause::Known(c)) => (
            Some(c.as_str().to_string()),
            Some(c.description_tr().to_string()),
        ),
        Some(Cause::Other(raw)) => (Some(decoded(raw)), None),
        None => (None, None),
    };
    Ok(CallEvent {
        event_type: e.event_type.as_str().into(),
        direction: e.direction.as_str().into(),
        call_uuid: decoded(e.call_uuid),
        domain_id: e.domain_id.map(|i| i.get()),
        caller_id_number: opt_phone(e.caller_id_number),
        outbound_caller_id_number: opt_phone(e.outbound_caller_id_number),
        destination_number: opt_phone(e.destination_number),
        dialed_user: opt_phone(e.dialed_user),
        connected_user: opt_phone(e.connected_user),
        start_stamp: iso(e.start_stamp),
        answer_stamp: iso(e.answer_stamp),
        end_stamp: iso(e.end_stamp),
        duration_seconds: e.duration.map(|d| d.seconds),
        recording_present: e.recording_present,
        answered: e.answered,
        queue: e.queue.map(decoded),
        queue_wait_seconds: e.queue_wait_duration.map(|d| d.seconds),
        sip_hangup_disposition: e.sip_hangup_disposition.map(|d| d.as_str().into()),
        hangup_cause: cause,
        hangup_cause_tr: cause_tr,
        failure_status: e.failure_status.map(decoded),
        failure_phrase: e.failure_phrase.map(decoded),
        warnings,
    })
}

/// A campaign report.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CampaignReport {
    /// Unique id of the notification.
    pub notification_id: u64,
    /// ISO 8601.
    pub notification_date: Option<String>,
    /// The PBX id.
    pub domain_id: Option<u64>,
    /// The campaign.
    pub ivr_campaign_id: Option<u64>,
    /// The campaign's name.
    pub ivr_campaign_name: Option<String>,
    /// The lead.
    pub ivr_lead_id: Option<u64>,
    /// The number called.
    pub phone: Option<PhoneInfo>,
    /// `not_started`, `pressed`, `no_key`, `invalid_key`.
    pub digit: String,
    /// The key pressed.
    pub key: Option<String>,
    /// The status in Turkish.
    pub status: String,
    /// The answered rule.
    pub answered: bool,
    /// The call's uuid (matches call events).
    pub call_uuid: Option<String>,
    /// The warnings found.
    pub warnings: Vec<Diagnostic>,
}

/// Parses a campaign-report form body (a verification ping is the error `webhook.ping`).
#[uniffi::export]
pub fn parse_campaign_report(body: Vec<u8>) -> Result<CampaignReport, SantralError> {
    use santral_core::report::CampaignReport as Core;
    let (r, warnings) = collect(|sink| Core::parse(&body, &mut DynSink(sink)))?;
    Ok(CampaignReport {
        notification_id: r.notification_id.get(),
        notification_date: iso(r.notification_date),
        domain_id: r.domain_id.map(|i| i.get()),
        ivr_campaign_id: r.ivr_campaign_id.map(|i| i.get()),
        ivr_campaign_name: r.ivr_campaign_name.map(decoded),
        ivr_lead_id: r.ivr_lead_id.map(|i| i.get()),
        phone: opt_phone(r.phone),
        digit: r.digit.kind().as_str().into(),
        key: r.digit.key().map(|c| c.to_string()),
        status: decoded(r.status),
        answered: r.answered(),
        call_uuid: r.call_uuid.map(decoded),
        warnings,
    })
}

/// An advisory routing request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AdvisoryRequest {
    /// The call's uuid.
    pub uuid: String,
    /// The caller; `None` when withheld (`cli=` empty or `anonymous`).
    pub cli: Option<PhoneInfo>,
    /// Our number that was called.
    pub cld: PhoneInfo,
    /// The step, from 1.
    pub step: u32,
    /// The keys pressed.
    pub digits: Option<String>,
    /// An error collecting keys.
    pub error: Option<String>,
    /// Recognised speech.
    pub result: Option<String>,
    /// The warnings found.
    pub warnings: Vec<Diagnostic>,
}

/// Parses an advisory routing query (digits under `param_name` when a prompt set one).
#[uniffi::export(default(param_name = None))]
pub fn parse_advisory_request(
    query: String,
    param_name: Option<String>,
) -> Result<AdvisoryRequest, SantralError> {
    use santral_core::advisory::AdvisoryRequest as Core;
    check_options(None, param_name.as_deref(), None, None)?;
    let (r, warnings) =
        collect(|sink| Core::parse(query.as_bytes(), param_name.as_deref(), &mut DynSink(sink)))?;
    Ok(AdvisoryRequest {
        uuid: decoded(r.uuid),
        cli: r.cli.map(|c| phone_info(c.national_number(), &c)),
        cld: phone_info(r.cld.national_number(), &r.cld),
        step: r.step,
        digits: r.digits.map(decoded),
        error: r.error.map(decoded),
        result: r.result.map(decoded),
        warnings,
    })
}

fn lang(
    l: Option<String>,
    at: &'static str,
) -> Result<Option<santral_core::lexical::Lang>, SantralError> {
    l.map(|x| {
        santral_core::lexical::Lang::parse(&x).map_err(|e| {
            invalid(&CoreDiagnostic::from_error(
                e,
                0,
                x.as_bytes(),
                Path::key(at),
            ))
        })
    })
    .transpose()
}

fn id(
    n: Option<u64>,
    action: santral_core::advisory::ActionKind,
    field: &'static str,
) -> Result<Option<santral_core::lexical::Id>, SantralError> {
    n.map(|v| {
        santral_core::lexical::Id::new(v)
            .ok_or_else(|| invalid(&santral_core::advisory::invalid_id(action, field)))
    })
    .transpose()
}

/// Builds a `transfer` response.
#[uniffi::export(default(greet_name = None, greet_phrase = None, lang = None, announcement_to_caller = None, announcement_to_callee = None, recording_enabled = None))]
pub fn build_transfer(
    target: String,
    greet_name: Option<String>,
    greet_phrase: Option<String>,
    lang: Option<String>,
    announcement_to_caller: Option<u64>,
    announcement_to_callee: Option<u64>,
    recording_enabled: Option<bool>,
) -> Result<String, SantralError> {
    use santral_core::advisory::{ActionKind, Transfer, TransferField as F};
    let mut b = Transfer::to(&target).map_err(|d| invalid(&d))?;
    b.greet_name = greet_name.as_deref().map(JsonStr::text);
    b.greet_phrase = greet_phrase.as_deref().map(JsonStr::text);
    b.lang = self::lang(lang, "transfer.lang")?;
    b.announcement_to_caller = id(
        announcement_to_caller,
        ActionKind::Transfer,
        F::AnnouncementToCaller.name(),
    )?;
    b.announcement_to_callee = id(
        announcement_to_callee,
        ActionKind::Transfer,
        F::AnnouncementToCallee.name(),
    )?;
    b.recording_enabled = recording_enabled;
    b.check().map_err(|d| invalid(&d))?;
    Ok(b.to_string())
}

/// Builds a `prompt` response (an announcement or a phrase first).
#[uniffi::export(default(announcement_id = None, phrase = None, phrase_speed = None, lang = None, timeout = None, digit_timeout = None, service_url = None, param_name = None))]
#[allow(clippy::too_many_arguments)]
pub fn build_prompt(
    min_digits: u32,
    max_digits: u32,
    retry_count: u32,
    announcement_id: Option<u64>,
    phrase: Option<String>,
    phrase_speed: Option<f64>,
    lang: Option<String>,
    timeout: Option<u32>,
    digit_timeout: Option<u32>,
    service_url: Option<String>,
    param_name: Option<String>,
) -> Result<String, SantralError> {
    use santral_core::advisory::{missing_source, ActionKind, Prompt, PromptField as F, Source};
    let source = match (
        id(
            announcement_id,
            ActionKind::Prompt,
            F::AnnouncementId.name(),
        )?,
        phrase.as_deref(),
    ) {
        (Some(i), _) => Source::Announcement(i),
        (None, Some(p)) => Source::Phrase(p),
        (None, None) => return Err(invalid(&missing_source())),
    };
    let p = Prompt {
        announcement_id: source.announcement_id(),
        phrase: source.phrase(),
        phrase_speed,
        lang: self::lang(lang, "prompt.lang")?,
        min_digits,
        max_digits,
        timeout,
        digit_timeout,
        retry_count,
        service_url: service_url.as_deref().map(JsonStr::text),
        param_name: param_name.as_deref().map(JsonStr::text),
    };
    p.check().map_err(|d| invalid(&d))?;
    Ok(p.to_string())
}

/// Builds a `record` response.
#[uniffi::export(default(announcement_id = None, phrase = None, lang = None))]
pub fn build_record(
    announcement_id: Option<u64>,
    phrase: Option<String>,
    lang: Option<String>,
) -> Result<String, SantralError> {
    use santral_core::advisory::{ActionKind, Record, RecordField as F, Source};
    let source = match (
        id(
            announcement_id,
            ActionKind::Record,
            F::AnnouncementId.name(),
        )?,
        phrase.as_deref(),
    ) {
        (Some(i), _) => Some(Source::Announcement(i)),
        (None, Some(p)) => Some(Source::Phrase(p)),
        (None, None) => None,
    };
    let r = Record {
        announcement_id: source.and_then(Source::announcement_id),
        phrase: source.and_then(Source::phrase),
        lang: self::lang(lang, "record.lang")?,
    };
    r.check().map_err(|d| invalid(&d))?;
    Ok(r.to_string())
}

/// Builds a `speech_to_text` response.
#[uniffi::export(default(recognation_duration = None))]
pub fn build_speech_to_text(
    announcement_id: u64,
    recognation_duration: Option<u32>,
) -> Result<String, SantralError> {
    use santral_core::advisory::{ActionKind, SpeechToText, SpeechToTextField as F};
    let s = SpeechToText {
        announcement_id: id(
            Some(announcement_id),
            ActionKind::SpeechToText,
            F::AnnouncementId.name(),
        )?
        .ok_or_else(|| argument("unreachable"))?,
        recognation_duration,
    };
    s.check().map_err(|d| invalid(&d))?;
    Ok(s.to_string())
}

/// One campaign lead.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Lead {
    /// The number.
    pub phone: String,
    /// The phrase read to it.
    pub phrase: Option<String>,
    /// `tr-TR`, `en-US`, `ar-XA`.
    pub lang: Option<String>,
}

/// Builds a campaign request from a header (the campaign JSON without
/// `phone_list`; its values are written in the builder's types) and leads.
#[uniffi::export]
pub fn build_campaign(header: String, leads: Vec<Lead>) -> Result<String, SantralError> {
    use santral_core::campaign::{Lead as CoreLead, LeadStream};
    let mut out = String::new();
    let mut stream = LeadStream::begin(&mut out, &header).map_err(|e| match e.diagnostic() {
        Some(d) => invalid(&d.locate(header.as_bytes())),
        None => argument("write failed"),
    })?;
    for (i, l) in leads.iter().enumerate() {
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        let lead = CoreLead::from_text(&l.phone, l.phrase.as_deref(), l.lang.as_deref(), index)
            .map_err(|d| invalid(&d))?;
        stream
            .lead(&mut out, &lead)
            .map_err(|_| argument("write failed"))?;
    }
    stream
        .finish(&mut out)
        .map_err(|_| argument("write failed"))?;
    Ok(out)
}

/// Converts a call-event body to the Logo CRM JSON; `None` when it is not
/// the trigger. Options left `null` are the core's defaults (keypress
/// `1`, caller form `national`, trigger `answer`).
#[uniffi::export(default(keypress = None, caller_form = None, agent_id = None, trigger = None))]
pub fn logo_from_event(
    body: Vec<u8>,
    keypress: Option<String>,
    caller_form: Option<String>,
    agent_id: Option<String>,
    trigger: Option<String>,
) -> Result<Option<String>, SantralError> {
    use santral_core::logo::{from_event, CallerForm, Keypress, LogoOptions, Trigger};
    let d = LogoOptions::default();
    let opts = LogoOptions {
        trigger: trigger
            .as_deref()
            .map_or(Ok(d.trigger), Trigger::from_option)
            .map_err(bad_option("trigger"))?,
        agent_id: agent_id.as_deref(),
        caller_form: caller_form
            .as_deref()
            .map_or(Ok(d.caller_form), CallerForm::from_option)
            .map_err(bad_option("caller_form"))?,
        keypress: keypress
            .as_deref()
            .map_or(Ok(d.keypress), Keypress::from_option)
            .map_err(bad_option("keypress"))?,
    };
    let (event, _) =
        collect(|sink| santral_core::event::CallEvent::parse(&body, &mut DynSink(sink)))?;
    from_event(&event, &opts)
        .map(|c| c.map(|c| c.to_string()))
        .map_err(|e| invalid(&CoreDiagnostic::new(e.code, e.span).locate(&body)))
}

/// Every diagnostic code's dotted id.
#[uniffi::export]
pub fn code_ids() -> Vec<String> {
    santral_core::Code::ALL
        .iter()
        .map(|c| c.id().to_string())
        .collect()
}

/// The library version.
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

// ------------------------------------------------------------ the API

/// One parameter of an API request: the vendor's name and the value as
/// text (`"true"`, `"30"`, `"1000,1001"`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApiParam {
    /// The vendor's name (`call_uuid`).
    pub name: String,
    /// The value as text.
    pub value: String,
}

/// A request of an API operation as the core writes it: send `method`
/// to the base URL followed by `target`, with `body` as `content_type`
/// when there is one. Do not send it when `valid` is false.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApiRequest {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: String,
    /// The path and percent-encoded query.
    pub target: String,
    /// The body's content type, if there is a body.
    pub content_type: Option<String>,
    /// The body.
    pub body: String,
    /// Method and target with the key masked, for a log line.
    pub redacted: String,
    /// True when a lost reply may be resent.
    pub idempotent: bool,
    /// The rate pool it counts in.
    pub pool: String,
    /// No error was found.
    pub valid: bool,
    /// Every finding, at its parameter.
    pub diagnostics: Vec<Diagnostic>,
}

/// The names of the API's operations, in the core's order.
#[uniffi::export]
pub fn api_operations() -> Vec<String> {
    santral_core::api::Operation::NAMES
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Prepares a request of `operation` (`hangup`, `list_contacts`…): your
/// app sends it with its own HTTP stack and reads the reply with
/// `api_read_reply`.
#[uniffi::export]
pub fn api_prepare(
    operation: String,
    key: String,
    params: Vec<ApiParam>,
) -> Result<ApiRequest, SantralError> {
    use santral_core::api::{Call, Operation};
    let op = Operation::from_option(&operation).map_err(bad_option("operation"))?;
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    let call = Call::new(op, &key, &pairs);
    let mut diagnostics = Vec::new();
    let valid = call.check(&mut |d: CoreDiagnostic| {
        diagnostics.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    let target = call.target().to_string();
    let body = call.body().to_string();
    let redacted = call.redacted().to_string();
    Ok(ApiRequest {
        method: op.method().as_str().into(),
        target,
        content_type: call.content_type().map(String::from),
        body,
        redacted,
        idempotent: op.is_idempotent(),
        pool: op.pool().as_str().into(),
        valid,
        diagnostics,
    })
}

/// One field of a record: its name, its value as JSON text (a timestamp
/// as an ISO 8601 string), and the text of a value without its
/// documented form (then the value is `null`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApiField {
    /// The field's name.
    pub name: String,
    /// The value as JSON text.
    pub json: String,
    /// The value as sent, when it did not have its documented form.
    pub malformed: Option<String>,
}

/// A list's pagination.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApiPagination {
    /// This page.
    pub page: u64,
    /// Records in the whole list.
    pub total_count: u64,
    /// Pages in the whole list.
    pub total_pages: u64,
    /// Records a page.
    pub limit: u64,
}

/// A reply read by the core: `kind` is the success (`ok`, `id`,
/// `campaign_created`, `call_started`, `dnd`, `url`, `token`, `records`,
/// `crm_settings`, `cdrs`, `cdr`) or `failure` (then `code`, `transient`
/// and `text`, any echoed key masked).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApiReply {
    /// What it is.
    pub kind: String,
    /// The id (`id`, `campaign_created`).
    pub id: Option<u64>,
    /// The uuid, URL, token or DND extension; a failure's text.
    pub text: Option<String>,
    /// DND's new state (`on`/`off`); a URL's expiry when the reply says.
    pub detail: Option<String>,
    /// The records (`records`, `cdrs`; one for `cdr` and `crm_settings`).
    pub records: Vec<Vec<ApiField>>,
    /// The list's pagination.
    pub pagination: Option<ApiPagination>,
    /// Steps of a `cdr`'s call flow.
    pub steps: Option<u32>,
    /// A failure's code.
    pub code: Option<String>,
    /// A failure the same request may get past later.
    pub transient: bool,
}

fn api_json_string(s: JsonStr<'_>) -> String {
    let mut out = String::new();
    let _ = santral_core::write::write_string(&mut out, &s.to_string());
    out
}

fn api_cell(c: &santral_core::api::records::Cell<'_>) -> String {
    use santral_core::api::records::{list_items, Cell};
    match c {
        Cell::Absent | Cell::Null | Cell::Raw(_) => "null".into(),
        Cell::Int(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Text(t) => api_json_string(*t),
        Cell::Stamp(t) => format!("\"{}\"", t.iso()),
        Cell::List(raw) => {
            let mut items = Vec::new();
            list_items(raw, |i| items.push(api_cell(&i)));
            format!("[{}]", items.join(","))
        }
    }
}

fn api_field(name: &str, json: String) -> ApiField {
    ApiField {
        name: name.into(),
        json,
        malformed: None,
    }
}

/// Reads a reply of `operation` (the status and body as received).
#[uniffi::export]
pub fn api_read_reply(
    operation: String,
    status: u16,
    body: Vec<u8>,
) -> Result<ApiReply, SantralError> {
    use santral_core::api::records::Cell;
    use santral_core::api::{Operation, Success};
    let op = Operation::from_option(&operation).map_err(bad_option("operation"))?;
    let mut reply = ApiReply {
        kind: "failure".into(),
        id: None,
        text: None,
        detail: None,
        records: Vec::new(),
        pagination: None,
        steps: None,
        code: None,
        transient: false,
    };
    let unreadable = |mut r: ApiReply| {
        r.kind = "failure".into();
        r.records.clear();
        r.pagination = None;
        r.code = Some(santral_core::Code::ResponseUnexpected.id().into());
        r.text = Some(String::from_utf8_lossy(&body).chars().take(200).collect());
        r
    };
    let pagination = |p: Option<santral_core::cdr::Pagination>| {
        p.map(|p| ApiPagination {
            page: p.page,
            total_count: p.total_count,
            total_pages: p.total_pages,
            limit: p.limit,
        })
    };
    let mut sink = santral_core::diag::Counter::default();
    let kind = match op.read_reply(status, &body, &mut sink) {
        Err(f) => {
            reply.code = Some(f.code().id().into());
            reply.transient = f.is_transient();
            reply.text = Some(f.redacted().to_string());
            return Ok(reply);
        }
        Ok(Success::Ok) => "ok",
        Ok(Success::CampaignCreated(id)) => {
            reply.id = Some(id.get());
            "campaign_created"
        }
        Ok(Success::Id(id)) => {
            reply.id = Some(id.get());
            "id"
        }
        Ok(Success::CallStarted(u)) => {
            reply.text = Some(u.as_str().into());
            "call_started"
        }
        Ok(Success::Token(t)) => {
            reply.text = Some(t.into());
            "token"
        }
        Ok(Success::Dnd { extension, state }) => {
            reply.text = Some(extension.as_str().into());
            reply.detail = Some(state.as_str().into());
            "dnd"
        }
        Ok(Success::Url { url, expires_at }) => {
            reply.text = Some(url.to_string());
            reply.detail = expires_at.map(|e| e.to_string());
            "url"
        }
        Ok(Success::CrmSettings(c)) => {
            reply.records.push(vec![
                api_field("ringing", format!("\"{}\"", c.ringing.as_str())),
                api_field("answered", format!("\"{}\"", c.answered.as_str())),
                api_field("hangup", format!("\"{}\"", c.hangup.as_str())),
                api_field("notification_url", api_json_string(c.notification_url)),
            ]);
            "crm_settings"
        }
        Ok(Success::Cdrs(page)) => {
            let mut rows = Vec::new();
            let s = page.read(&mut sink, |r| {
                let uuid = r.call_uuid.map_or("null".into(), api_json_string);
                rows.push(vec![api_field("call_uuid", uuid)]);
                std::ops::ControlFlow::Continue(())
            });
            if s.errors > 0 {
                return Ok(unreadable(reply));
            }
            reply.records = rows;
            reply.pagination = pagination(s.pagination);
            "cdrs"
        }
        Ok(Success::Cdr(detail)) => {
            let mut steps = 0u32;
            match detail.read(&mut sink, |_| steps += 1) {
                Some(r) => {
                    let uuid = r.call_uuid.map_or("null".into(), api_json_string);
                    reply.records.push(vec![api_field("call_uuid", uuid)]);
                    reply.steps = Some(steps);
                    "cdr"
                }
                None => return Ok(unreadable(reply)),
            }
        }
        Ok(Success::Records(list)) => {
            let mut rows = Vec::new();
            let s = list.read(&mut sink, |row| {
                let fields = row
                    .iter()
                    .filter(|(_, c)| **c != Cell::Absent)
                    .map(|(f, c)| ApiField {
                        name: f.name.into(),
                        json: api_cell(c),
                        malformed: match c {
                            Cell::Raw(raw) => Some(String::from_utf8_lossy(raw).into_owned()),
                            _ => None,
                        },
                    })
                    .collect();
                rows.push(fields);
                std::ops::ControlFlow::Continue(())
            });
            if s.errors > 0 {
                return Ok(unreadable(reply));
            }
            reply.records = rows;
            reply.pagination = pagination(s.pagination);
            "records"
        }
    };
    reply.kind = kind.into();
    Ok(reply)
}
