//! Builders: advisory responses, campaign requests, the Logo CRM body.

use std::ffi::c_char;

use santral_core::advisory::{
    invalid_id, missing_source, ActionKind, Prompt, Record, Source, SpeechToText,
    SpeechToTextField, Transfer,
};
use santral_core::json::JsonStr;
use santral_core::lexical::{Id, Lang};

use crate::check::{run, santral_report, set_report};
use crate::santral_error;
use crate::santral_result::{self, *};

/// A TTS language given as text (`"tr-TR"`, NULL for the PBX's
/// default), checked by the core: a wrong one is a diagnostic at `at`.
fn tts_lang(l: Option<&str>, at: &'static str) -> Result<Option<Lang>, santral_core::Diagnostic> {
    l.map(|x| {
        Lang::parse(x).map_err(|e| {
            santral_core::Diagnostic::from_error(e, 0, x.as_bytes(), santral_core::Path::key(at))
        })
    })
    .transpose()
}

/// A rule a builder's input breaks: its diagnostic to `*error`.
macro_rules! fail {
    ($error:expr, $d:expr) => {{
        set_error!($error, $d);
        return SANTRAL_INVALID;
    }};
}

/// A `transfer` response. Strings are NUL-terminated; optional ones may be NULL.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_transfer {
    /// The advisory target, e.g. `"queue/201"` (required).
    pub target: *const c_char,
    /// Name to greet the caller with, or NULL.
    pub greet_name: *const c_char,
    /// TTS greeting (≤ 300 characters), or NULL.
    pub greet_phrase: *const c_char,
    /// `"tr-TR"`, `"en-US"`, `"ar-XA"`, or NULL for the PBX's default.
    pub lang: *const c_char,
    /// Announcement id played to the caller on answer, or 0.
    pub announcement_to_caller: u64,
    /// Announcement id played to the callee on answer, or 0.
    pub announcement_to_callee: u64,
    /// -1 default (record), 0 do not record, 1 record.
    pub recording_enabled: i32,
}

/// Writes the JSON of a `transfer` response. `SANTRAL_INVALID` with
/// `*error` set when a rule fails (unknown target, `restart`, phrase too long).
#[no_mangle]
pub unsafe extern "C" fn santral_build_transfer(
    spec: *const santral_transfer,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let s = try_ref!(spec);
        let mut t = match Transfer::to(try_cstr!(s.target)) {
            Ok(t) => t,
            Err(d) => fail!(error, d),
        };
        t.greet_name = try_cstr_opt!(s.greet_name).map(JsonStr::text);
        t.greet_phrase = try_cstr_opt!(s.greet_phrase).map(JsonStr::text);
        t.lang = match tts_lang(try_cstr_opt!(s.lang), "transfer.lang") {
            Ok(l) => l,
            Err(d) => fail!(error, d),
        };
        t.announcement_to_caller = Id::new(s.announcement_to_caller);
        t.announcement_to_callee = Id::new(s.announcement_to_callee);
        t.recording_enabled = match s.recording_enabled {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        };
        if let Err(d) = t.check() {
            fail!(error, d);
        }
        write_text!(&t.to_string(), buf, cap, out_len)
    }
}

/// A `prompt` response.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_prompt {
    /// Announcement played first, or 0 to play `phrase`.
    pub announcement_id: u64,
    /// TTS text played first (when `announcement_id` is 0).
    pub phrase: *const c_char,
    /// TTS speed 0.5–1.5, or 0 for the default.
    pub phrase_speed: f64,
    /// `"tr-TR"`, `"en-US"`, `"ar-XA"`, or NULL for the PBX's default.
    pub lang: *const c_char,
    /// Fewest keys (≥ 1).
    pub min_digits: u32,
    /// Most keys (≥ min_digits).
    pub max_digits: u32,
    /// Seconds for the first key (1–10), or 0 for the default.
    pub timeout: u32,
    /// Seconds between keys (1–10), or 0 for the default.
    pub digit_timeout: u32,
    /// Retries.
    pub retry_count: u32,
    /// Where the keys are sent, or NULL.
    pub service_url: *const c_char,
    /// The keys' query name, or NULL for `digits`.
    pub param_name: *const c_char,
}

/// Writes the JSON of a `prompt` response (never a trailing comma).
#[no_mangle]
pub unsafe extern "C" fn santral_build_prompt(
    spec: *const santral_prompt,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let s = try_ref!(spec);
        let source = match (Id::new(s.announcement_id), try_cstr_opt!(s.phrase)) {
            (Some(id), _) => Source::Announcement(id),
            (None, Some(p)) => Source::Phrase(p),
            (None, None) => fail!(error, missing_source()),
        };
        let p = Prompt {
            announcement_id: source.announcement_id(),
            phrase: source.phrase(),
            phrase_speed: (s.phrase_speed != 0.0).then_some(s.phrase_speed),
            lang: match tts_lang(try_cstr_opt!(s.lang), "prompt.lang") {
                Ok(l) => l,
                Err(d) => fail!(error, d),
            },
            min_digits: s.min_digits,
            max_digits: s.max_digits,
            timeout: (s.timeout != 0).then_some(s.timeout),
            digit_timeout: (s.digit_timeout != 0).then_some(s.digit_timeout),
            retry_count: s.retry_count,
            service_url: try_cstr_opt!(s.service_url).map(JsonStr::text),
            param_name: try_cstr_opt!(s.param_name).map(JsonStr::text),
        };
        if let Err(d) = p.check() {
            fail!(error, d);
        }
        write_text!(&p.to_string(), buf, cap, out_len)
    }
}

/// Writes the JSON of a `record` response: an announcement (`announcement_id`
/// non-zero), a phrase (non-NULL), or neither.
#[no_mangle]
pub unsafe extern "C" fn santral_build_record(
    announcement_id: u64,
    phrase: *const c_char,
    lang: *const c_char,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let phrase = try_cstr_opt!(phrase);
        let source = match (Id::new(announcement_id), phrase) {
            (Some(id), _) => Some(Source::Announcement(id)),
            (None, Some(p)) => Some(Source::Phrase(p)),
            (None, None) => None,
        };
        let r = Record {
            announcement_id: source.and_then(Source::announcement_id),
            phrase: source.and_then(Source::phrase),
            lang: match tts_lang(try_cstr_opt!(lang), "record.lang") {
                Ok(l) => l,
                Err(d) => fail!(error, d),
            },
        };
        if let Err(d) = r.check() {
            fail!(error, d);
        }
        write_text!(&r.to_string(), buf, cap, out_len)
    }
}

/// Writes the JSON of a `speech_to_text` response (`recognation_duration`
/// 1–10, or 0 for the default).
#[no_mangle]
pub unsafe extern "C" fn santral_build_speech_to_text(
    announcement_id: u64,
    recognation_duration: u32,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let Some(id) = Id::new(announcement_id) else {
            fail!(error, invalid_id(ActionKind::SpeechToText, SpeechToTextField::AnnouncementId.name()));
        };
        let s = SpeechToText {
            announcement_id: id,
            recognation_duration: (recognation_duration != 0).then_some(recognation_duration),
        };
        if let Err(d) = s.check() {
            fail!(error, d);
        }
        write_text!(&s.to_string(), buf, cap, out_len)
    }
}

/// One lead of a campaign.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_lead {
    /// The number (NUL-terminated).
    pub phone: *const c_char,
    /// The phrase, or NULL.
    pub phrase: *const c_char,
    /// `"tr-TR"`, `"en-US"`, `"ar-XA"`, or NULL.
    pub lang: *const c_char,
}

/// Builds a campaign request from a header (the campaign JSON without
/// `phone_list`, as `(header, header_len)`; its values are written in the
/// builder's types) and `count` leads, writes it into `buf`, and validates
/// it with the default options (repeated leads included): `report` (may
/// be NULL) gets the totals, and `SANTRAL_INVALID` says the written
/// request has errors (check it with `santral_check` for them). A header
/// or a lead the builder cannot take is `SANTRAL_INVALID` with `*error`
/// set (its code non-zero) and nothing written.
#[no_mangle]
pub unsafe extern "C" fn santral_build_campaign(
    header: *const c_char,
    header_len: usize,
    leads: *const santral_lead,
    count: usize,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    report: *mut santral_report,
    error: *mut santral_error,
) -> santral_result {
    use santral_core::campaign::{Lead, LeadStream};
    use santral_core::check::{Kind, Options};
    ffi_boundary! {
        let header = try_str!(header, header_len);
        if leads.is_null() && count > 0 {
            return SANTRAL_NULL_ARGUMENT;
        }
        let raw: &[santral_lead] = if count == 0 {
            &[]
        } else {
            // SAFETY: `leads` holds `count` elements (caller's promise).
            unsafe { std::slice::from_raw_parts(leads, count) }
        };
        if !error.is_null() {
            // SAFETY: non-null, caller-owned: cleared, so code 0 means none.
            unsafe { std::ptr::write_bytes(error, 0, 1) };
        }
        let mut body = String::new();
        let mut stream = match LeadStream::begin(&mut body, header) {
            Ok(s) => s,
            Err(e) => match e.diagnostic() {
                Some(d) => fail!(error, d.locate(header.as_bytes())),
                None => return SANTRAL_PANIC,
            },
        };
        for (i, l) in raw.iter().enumerate() {
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            let lead = match Lead::from_text(try_cstr!(l.phone), try_cstr_opt!(l.phrase), try_cstr_opt!(l.lang), index) {
                Ok(lead) => lead,
                Err(d) => fail!(error, d),
            };
            let _ = stream.lead(&mut body, &lead);
        }
        let _ = stream.finish(&mut body);
        let r = run(
            Kind::Campaign,
            body.as_bytes(),
            &Options::default(),
            &mut santral_core::diag::Counter::default(),
        );
        set_report(report, &r, r.diagnostics_omitted);
        match write_text!(&body, buf, cap, out_len) {
            SANTRAL_OK if !r.valid => SANTRAL_INVALID,
            other => other,
        }
    }
}
