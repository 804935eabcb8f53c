//! santral for Kotlin, Swift and Python through uniffi (proc-macro mode).
//!
//! The same surface as the Python wheel: phones, targets, phrases,
//! `check(kind, bytes)` with diagnostics, the webhook parsers and the
//! builders. Nothing here but conversion to uniffi records, enums and
//! errors; every verdict comes from `santral-core`.

use santral_core::check::{check as core_check, Kind, Options as CheckOptions};
use santral_core::diag::Diagnostic as CoreDiagnostic;
use santral_core::form::Encoded;
use santral_core::phone::{Format, Options as PhoneOptions, Phone};
use santral_core::time::{Timestamp, Zone};

uniffi::setup_scaffolding!();

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
    /// A suggested spelling.
    pub suggestion: Option<String>,
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
    }
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum SantralError {
    /// The input is invalid: the first error's code, message and place,
    /// and every diagnostic.
    Invalid {
        /// The stable dotted code of the first error.
        code: String,
        /// Its English message (not `message`, which Kotlin exceptions reserve).
        detail: String,
        /// Where it is.
        path: String,
        /// Its byte offset.
        offset: u64,
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

fn invalid(e: santral_core::Error) -> SantralError {
    SantralError::Invalid {
        code: e.code.id().into(),
        detail: e.code.message().into(),
        path: String::new(),
        offset: e.span.start as u64,
        diagnostics: Vec::new(),
    }
}

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
            diagnostics: diags,
        },
        None => SantralError::Argument {
            reason: "invalid input".into(),
        },
    }
}

fn argument(message: impl Into<String>) -> SantralError {
    SantralError::Argument {
        reason: message.into(),
    }
}

/// A parsed phone number with every form it has (`None` for a form it has not).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PhoneInfo {
    /// The text parsed.
    pub input: String,
    /// libphonenumber would call it valid (or it is an extension).
    pub valid: bool,
    /// Right form and length.
    pub possible: bool,
    /// `mobile`, `fixed_line`, …, `extension`.
    pub kind: String,
    /// Country calling code; 0 for an extension.
    pub country_code: u16,
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
        possible: p.is_possible(),
        kind: p.kind().as_str().into(),
        country_code: p.country_code(),
        national_number: p.national_number().into(),
        e164: f(Format::E164),
        wire: f(Format::Wire),
        national: f(Format::National),
        international: f(Format::International),
        display: f(Format::Display),
        display_international: f(Format::DisplayInternational),
        match_key: p.match_key().as_str().into(),
        warning: p.warning().map(|c| c.id().into()),
    }
}

/// Parses a phone number (lenient: also ignore spaces, `-`, `.`, `(`, `)`, `/`).
#[uniffi::export(default(lenient = false))]
pub fn parse_phone(s: String, lenient: bool) -> Result<PhoneInfo, SantralError> {
    let options = PhoneOptions {
        lenient,
        allow_extension: true,
        extension_first: false,
    };
    Phone::parse_with(&s, options)
        .map(|p| phone_info(&s, &p))
        .map_err(invalid)
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
        .map_err(invalid)
}

/// Where a call target appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TargetContext {
    /// Campaign digit targets: `restart` and `""` allowed.
    Campaign,
    /// Advisory `transfer.target`.
    Advisory,
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

/// Parses a call target.
#[uniffi::export]
pub fn parse_target(s: String, context: TargetContext) -> Result<TargetInfo, SantralError> {
    use santral_core::target::{Target, TargetContext as Ctx};
    let ctx = match context {
        TargetContext::Campaign => Ctx::Campaign,
        TargetContext::Advisory => Ctx::Advisory,
    };
    let t = Target::parse(&s, ctx).map_err(|e| {
        let mut err = invalid(e);
        if let (SantralError::Invalid { detail, .. }, Some(sugg)) = (&mut err, e.suggestion) {
            detail.push_str(&format!(" (did you mean {sugg}?)"));
        }
        err
    })?;
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
    let diags: Vec<Diagnostic> = phrase
        .errors()
        .map(|e| {
            diagnostic(&CoreDiagnostic::from_error(
                e,
                0,
                s.as_bytes(),
                santral_core::Path::key("phrase"),
            ))
        })
        .collect();
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
    /// Every finding.
    pub diagnostics: Vec<Diagnostic>,
    /// The summary as a JSON object (`{"call_type":"ivr","leads":2,…}`).
    pub summary_json: String,
}

/// Checks a payload of `kind` (`campaign`, `call-event`, …) and reports every problem.
#[uniffi::export]
pub fn check(kind: String, data: Vec<u8>) -> Result<Report, SantralError> {
    let k = Kind::parse(&kind).ok_or_else(|| argument(format!("unknown kind {kind:?}")))?;
    let mut diags = Vec::new();
    let r = core_check(
        k,
        &data,
        &CheckOptions::default(),
        &mut |d: CoreDiagnostic| {
            diags.push(diagnostic(&d));
            std::ops::ControlFlow::Continue(())
        },
    );
    Ok(Report {
        kind,
        valid: r.valid,
        errors: r.errors as u64,
        warnings: r.warnings as u64,
        diagnostics: diags,
        summary_json: {
            let mut json = String::new();
            let _ = r.write_summary_json(&mut json);
            json
        },
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

fn collect<T>(
    run: impl FnOnce(&mut dyn FnMut(CoreDiagnostic) -> std::ops::ControlFlow<()>) -> Option<T>,
) -> Result<T, SantralError> {
    let mut diags = Vec::new();
    let mut sink = |d: CoreDiagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    };
    match run(&mut sink) {
        Some(v) => Ok(v),
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
    /// The number called.
    pub destination_number: Option<PhoneInfo>,
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
    /// Missed-call detection on hangup.
    pub answered: Option<bool>,
    /// The hangup cause as sent (`NORMAL_CLEARING`).
    pub hangup_cause: Option<String>,
    /// Its Turkish description when documented (`Cevaplandı`).
    pub hangup_cause_tr: Option<String>,
}

/// True for the empty body or `{}` the PBX POSTs to verify a webhook URL.
#[uniffi::export]
pub fn is_verification_ping(body: Vec<u8>) -> bool {
    santral_core::form::is_verification_ping(&body)
}

/// Parses a call-event form body.
#[uniffi::export]
pub fn parse_call_event(body: Vec<u8>) -> Result<CallEvent, SantralError> {
    use santral_core::event::{CallEvent as Core, Cause};
    let e = collect(|sink| Core::parse(&body, &mut DynSink(sink)))?;
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
        destination_number: opt_phone(e.destination_number),
        connected_user: opt_phone(e.connected_user),
        start_stamp: iso(e.start_stamp),
        answer_stamp: iso(e.answer_stamp),
        end_stamp: iso(e.end_stamp),
        duration_seconds: e.duration.map(|d| d.seconds),
        answered: e.answered,
        hangup_cause: cause,
        hangup_cause_tr: cause_tr,
    })
}

/// A campaign report.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CampaignReport {
    /// Unique id of the notification.
    pub notification_id: u64,
    /// `not_started`, `pressed`, `no_key`, `invalid_key`.
    pub digit: String,
    /// The key pressed.
    pub key: Option<String>,
    /// The status in Turkish.
    pub status: String,
    /// The answered rule.
    pub answered: bool,
    /// The number called.
    pub phone: Option<PhoneInfo>,
    /// ISO 8601.
    pub notification_date: Option<String>,
}

/// Parses a campaign-report form body.
#[uniffi::export]
pub fn parse_campaign_report(body: Vec<u8>) -> Result<CampaignReport, SantralError> {
    use santral_core::report::{CampaignReport as Core, Digit};
    let r = collect(|sink| Core::parse(&body, &mut DynSink(sink)))?;
    let (digit, key) = match r.digit {
        Digit::NotStarted => ("not_started", None),
        Digit::Pressed(c) => ("pressed", Some(c.to_string())),
        Digit::NoKey => ("no_key", None),
        Digit::Invalid(c) => ("invalid_key", Some(c.to_string())),
    };
    Ok(CampaignReport {
        notification_id: r.notification_id.get(),
        digit: digit.into(),
        key,
        status: decoded(r.status),
        answered: r.answered(),
        phone: opt_phone(r.phone),
        notification_date: iso(r.notification_date),
    })
}

/// An advisory routing request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AdvisoryRequest {
    /// The call's uuid.
    pub uuid: String,
    /// The caller.
    pub cli: PhoneInfo,
    /// Our number that was called.
    pub cld: PhoneInfo,
    /// The step, from 1.
    pub step: u32,
    /// The keys pressed.
    pub digits: Option<String>,
    /// Recognised speech.
    pub result: Option<String>,
}

/// Parses an advisory routing query (digits under `param_name` when a prompt set one).
#[uniffi::export]
pub fn parse_advisory_request(
    query: String,
    param_name: Option<String>,
) -> Result<AdvisoryRequest, SantralError> {
    use santral_core::advisory::AdvisoryRequest as Core;
    let r =
        collect(|sink| Core::parse(query.as_bytes(), param_name.as_deref(), &mut DynSink(sink)))?;
    Ok(AdvisoryRequest {
        uuid: decoded(r.uuid),
        cli: phone_info(r.cli.national_number(), &r.cli),
        cld: phone_info(r.cld.national_number(), &r.cld),
        step: r.step,
        digits: r.digits.map(decoded),
        result: r.result.map(decoded),
    })
}

fn lang(l: Option<String>) -> Result<Option<santral_core::lexical::Lang>, SantralError> {
    l.map(|x| santral_core::lexical::Lang::parse(&x).map_err(invalid))
        .transpose()
}

fn id(n: Option<u64>) -> Result<Option<santral_core::lexical::Id>, SantralError> {
    n.map(|v| santral_core::lexical::Id::new(v).ok_or_else(|| argument("ids start at 1")))
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
    use santral_core::target::{Target, TargetContext as Ctx};
    let t = Target::parse(&target, Ctx::Advisory).map_err(invalid)?;
    let mut b = santral_core::advisory::Transfer::new(t);
    b.greet_name = greet_name.as_deref();
    b.greet_phrase = greet_phrase.as_deref();
    b.lang = self::lang(lang)?;
    b.announcement_to_caller = id(announcement_to_caller)?;
    b.announcement_to_callee = id(announcement_to_callee)?;
    b.recording_enabled = recording_enabled;
    b.check().map_err(invalid)?;
    Ok(b.to_string())
}

/// Builds a `prompt` response (an announcement or a phrase first).
#[uniffi::export(default(announcement_id = None, phrase = None, param_name = None))]
pub fn build_prompt(
    min_digits: u32,
    max_digits: u32,
    retry_count: u32,
    announcement_id: Option<u64>,
    phrase: Option<String>,
    param_name: Option<String>,
) -> Result<String, SantralError> {
    use santral_core::advisory::{Prompt, Source};
    let source = match (id(announcement_id)?, phrase.as_deref()) {
        (Some(i), _) => Source::Announcement(i),
        (None, Some(p)) => Source::Phrase(p),
        (None, None) => return Err(argument("a prompt needs announcement_id or phrase")),
    };
    let p = Prompt {
        source,
        phrase_speed: None,
        lang: None,
        min_digits,
        max_digits,
        timeout: None,
        digit_timeout: None,
        retry_count,
        service_url: None,
        param_name: param_name.as_deref(),
    };
    p.check().map_err(invalid)?;
    Ok(p.to_string())
}

/// Builds a `speech_to_text` response.
#[uniffi::export(default(recognation_duration = None))]
pub fn build_speech_to_text(
    announcement_id: u64,
    recognation_duration: Option<u32>,
) -> Result<String, SantralError> {
    let s = santral_core::advisory::SpeechToText {
        announcement_id: id(Some(announcement_id))?.ok_or_else(|| argument("ids start at 1"))?,
        recognation_duration,
    };
    s.check().map_err(invalid)?;
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
/// `phone_list`) and leads.
#[uniffi::export]
pub fn build_campaign(header: String, leads: Vec<Lead>) -> Result<String, SantralError> {
    use santral_core::campaign::{Lead as CoreLead, LeadStream};
    let mut out = String::new();
    let mut stream =
        LeadStream::begin(&mut out, &header).map_err(|e| argument(format!("header: {e:?}")))?;
    for l in &leads {
        let lead = CoreLead {
            phone: &l.phone,
            phrase: l.phrase.as_deref(),
            lang: lang(l.lang.clone())?,
        };
        stream
            .lead(&mut out, &lead)
            .map_err(|_| argument("write failed"))?;
    }
    stream
        .finish(&mut out)
        .map_err(|_| argument("write failed"))?;
    Ok(out)
}

/// Converts a call-event body to the Logo CRM JSON; `None` when it is not the trigger.
#[uniffi::export(default(keypress = 1, caller_form = "national", agent_id = None))]
pub fn logo_from_event(
    body: Vec<u8>,
    keypress: u32,
    caller_form: String,
    agent_id: Option<String>,
) -> Result<Option<String>, SantralError> {
    use santral_core::logo::{from_event, CallerForm, Keypress, LogoOptions};
    let keypress = Keypress::parse(&keypress.to_string()).map_err(invalid)?;
    let caller_form = match caller_form.as_str() {
        "national" => CallerForm::National,
        "bare" => CallerForm::Bare,
        "e164" => CallerForm::E164,
        other => {
            return Err(argument(format!(
                "caller_form must be national, bare or e164, not {other:?}"
            )))
        }
    };
    let event = collect(|sink| santral_core::event::CallEvent::parse(&body, &mut DynSink(sink)))?;
    let opts = LogoOptions {
        agent_id: agent_id.as_deref(),
        caller_form,
        keypress,
        ..LogoOptions::default()
    };
    from_event(&event, &opts)
        .map(|c| c.map(|c| c.to_string()))
        .map_err(invalid)
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
