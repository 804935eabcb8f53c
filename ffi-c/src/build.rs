//! Builders: advisory responses, campaign requests, the Logo CRM body.

use std::ffi::c_char;

use santral_core::advisory::{
    invalid_id, missing_source, ActionKind, Prompt, Record, Source, SpeechToText,
    SpeechToTextField, Transfer,
};
use santral_core::lexical::{Id, Lang};

use crate::check::{run, santral_report, set_report};
use crate::santral_error;
use crate::santral_result::{self, *};

/// No TTS language given (the PBX uses `tr-TR`).
pub const SANTRAL_TTS_DEFAULT: u32 = 0;
/// `tr-TR`.
pub const SANTRAL_TTS_TR_TR: u32 = 1;
/// `en-US`.
pub const SANTRAL_TTS_EN_US: u32 = 2;
/// `ar-XA`.
pub const SANTRAL_TTS_AR_XA: u32 = 3;

/// `SANTRAL_TTS_*`: 0 for none, else the core's `Lang` at `l - 1`.
fn tts_lang(l: u32) -> Result<Option<Lang>, santral_result> {
    match l {
        SANTRAL_TTS_DEFAULT => Ok(None),
        n => Lang::ALL
            .get(n as usize - 1)
            .copied()
            .map(Some)
            .ok_or(SANTRAL_UNKNOWN_KIND),
    }
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
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
    /// `SANTRAL_TTS_*`.
    pub lang: u32,
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
        t.greet_name = try_cstr_opt!(s.greet_name);
        t.greet_phrase = try_cstr_opt!(s.greet_phrase);
        t.lang = tri!(tts_lang(s.lang));
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
    /// `SANTRAL_TTS_*`.
    pub lang: u32,
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
            source,
            phrase_speed: (s.phrase_speed != 0.0).then_some(s.phrase_speed),
            lang: tri!(tts_lang(s.lang)),
            min_digits: s.min_digits,
            max_digits: s.max_digits,
            timeout: (s.timeout != 0).then_some(s.timeout),
            digit_timeout: (s.digit_timeout != 0).then_some(s.digit_timeout),
            retry_count: s.retry_count,
            service_url: try_cstr_opt!(s.service_url),
            param_name: try_cstr_opt!(s.param_name),
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
    lang: u32,
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
            source,
            lang: tri!(tts_lang(lang)),
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
    /// `SANTRAL_TTS_*`.
    pub lang: u32,
}

/// Builds a campaign request from a header (the campaign JSON without
/// `phone_list`, as `(header, header_len)`; its values are written in the
/// builder's types) and `count` leads, writes it into `buf`, and validates
/// it with the default options (repeated leads included):
/// `SANTRAL_INVALID` (with `report` totals) when the written request has
/// errors; check it with `santral_check` for the diagnostics.
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
) -> santral_result {
    use santral_core::campaign::{write_with_header_json, Lead};
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
        let mut list = Vec::with_capacity(raw.len());
        for l in raw {
            list.push(Lead {
                phone: try_cstr!(l.phone),
                phrase: try_cstr_opt!(l.phrase),
                lang: tri!(tts_lang(l.lang)),
            });
        }
        let mut body = String::new();
        if write_with_header_json(&mut body, header, list.iter().copied()).is_err() {
            return SANTRAL_INVALID;
        }
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
