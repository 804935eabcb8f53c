//! Builders: advisory responses, campaign requests, the Logo CRM body.

use std::ffi::c_char;

use santral_core::advisory::{Prompt, Record, Source, SpeechToText, Transfer};
use santral_core::lexical::{Id, Lang};
use santral_core::target::{Target, TargetContext};

use crate::santral_result::{self, *};
use crate::{
    c_opt, c_req, guard, santral_error, santral_report, set_error, set_report, text, write_out,
};

/// No TTS language given (the PBX uses `tr-TR`).
pub const SANTRAL_TTS_DEFAULT: u32 = 0;
/// `tr-TR`.
pub const SANTRAL_TTS_TR_TR: u32 = 1;
/// `en-US`.
pub const SANTRAL_TTS_EN_US: u32 = 2;
/// `ar-XA`.
pub const SANTRAL_TTS_AR_XA: u32 = 3;

fn tts_lang(l: u32) -> Result<Option<Lang>, santral_result> {
    match l {
        SANTRAL_TTS_DEFAULT => Ok(None),
        SANTRAL_TTS_TR_TR => Ok(Some(Lang::TrTr)),
        SANTRAL_TTS_EN_US => Ok(Some(Lang::EnUs)),
        SANTRAL_TTS_AR_XA => Ok(Some(Lang::ArXa)),
        _ => Err(SANTRAL_UNKNOWN_KIND),
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
    guard(|| {
        if spec.is_null() {
            return SANTRAL_NULL_ARGUMENT;
        }
        // SAFETY: non-null, caller-owned for the call.
        let s = unsafe { &*spec };
        // SAFETY: NUL-terminated strings per the struct's contract.
        let target_text = tri!(unsafe { c_req(s.target) });
        let target = match Target::parse(target_text, TargetContext::Advisory) {
            Ok(t) => t,
            Err(e) => {
                // SAFETY: NULL or caller-owned.
                unsafe { set_error(error, e) };
                return SANTRAL_INVALID;
            }
        };
        let mut t = Transfer::new(target);
        // SAFETY: as above.
        t.greet_name = tri!(unsafe { c_opt(s.greet_name) });
        // SAFETY: as above.
        t.greet_phrase = tri!(unsafe { c_opt(s.greet_phrase) });
        t.lang = tri!(tts_lang(s.lang));
        t.announcement_to_caller = Id::new(s.announcement_to_caller);
        t.announcement_to_callee = Id::new(s.announcement_to_callee);
        t.recording_enabled = match s.recording_enabled {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        };
        if let Err(e) = t.check() {
            // SAFETY: NULL or caller-owned.
            unsafe { set_error(error, e) };
            return SANTRAL_INVALID;
        }
        // SAFETY: buffer contract.
        unsafe { write_out(&t.to_string(), buf, cap, out_len) }
    })
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
    guard(|| {
        if spec.is_null() {
            return SANTRAL_NULL_ARGUMENT;
        }
        // SAFETY: non-null, caller-owned.
        let s = unsafe { &*spec };
        let source = match Id::new(s.announcement_id) {
            Some(id) => Source::Announcement(id),
            // SAFETY: NUL-terminated per contract.
            None => Source::Phrase(tri!(unsafe { c_req(s.phrase) })),
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
            // SAFETY: as above.
            service_url: tri!(unsafe { c_opt(s.service_url) }),
            // SAFETY: as above.
            param_name: tri!(unsafe { c_opt(s.param_name) }),
        };
        if let Err(e) = p.check() {
            // SAFETY: NULL or caller-owned.
            unsafe { set_error(error, e) };
            return SANTRAL_INVALID;
        }
        // SAFETY: buffer contract.
        unsafe { write_out(&p.to_string(), buf, cap, out_len) }
    })
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
    guard(|| {
        // SAFETY: NULL or NUL-terminated.
        let phrase = tri!(unsafe { c_opt(phrase) });
        let source = match (Id::new(announcement_id), phrase) {
            (Some(id), _) => Some(Source::Announcement(id)),
            (None, Some(p)) => Some(Source::Phrase(p)),
            (None, None) => None,
        };
        let r = Record {
            source,
            lang: tri!(tts_lang(lang)),
        };
        if let Err(e) = r.check() {
            // SAFETY: NULL or caller-owned.
            unsafe { set_error(error, e) };
            return SANTRAL_INVALID;
        }
        // SAFETY: buffer contract.
        unsafe { write_out(&r.to_string(), buf, cap, out_len) }
    })
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
    guard(|| {
        let Some(id) = Id::new(announcement_id) else {
            // SAFETY: NULL or caller-owned.
            unsafe {
                set_error(
                    error,
                    santral_core::Error::new(
                        santral_core::Code::IdInvalid,
                        santral_core::Span::new(0, 0),
                    ),
                )
            };
            return SANTRAL_INVALID;
        };
        let s = SpeechToText {
            announcement_id: id,
            recognation_duration: (recognation_duration != 0).then_some(recognation_duration),
        };
        if let Err(e) = s.check() {
            // SAFETY: NULL or caller-owned.
            unsafe { set_error(error, e) };
            return SANTRAL_INVALID;
        }
        // SAFETY: buffer contract.
        unsafe { write_out(&s.to_string(), buf, cap, out_len) }
    })
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
/// `phone_list`, as `(header, header_len)`) and `count` leads, writes it
/// into `buf`, and validates it: `SANTRAL_INVALID` (with `report` totals)
/// when the written request has errors; check it with `santral_check` for
/// the diagnostics.
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
    guard(|| {
        // SAFETY: per contract.
        let header = tri!(unsafe { text(header, header_len) });
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
            // SAFETY: NUL-terminated per the struct's contract.
            let phone = tri!(unsafe { c_req(l.phone) });
            // SAFETY: as above.
            let phrase = tri!(unsafe { c_opt(l.phrase) });
            list.push(Lead {
                phone,
                phrase,
                lang: tri!(tts_lang(l.lang)),
            });
        }
        let mut body = String::new();
        if write_with_header_json(&mut body, header, list.iter().copied()).is_err() {
            return SANTRAL_INVALID;
        }
        let r = santral_core::check::check(
            santral_core::check::Kind::Campaign,
            body.as_bytes(),
            &santral_core::check::Options::default(),
            &mut santral_core::diag::Counter::default(),
        );
        // SAFETY: NULL or caller-owned.
        unsafe { set_report(report, &r) };
        // SAFETY: buffer contract.
        match unsafe { write_out(&body, buf, cap, out_len) } {
            SANTRAL_OK if !r.valid => SANTRAL_INVALID,
            other => other,
        }
    })
}

/// Logo CRM conversion options.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_logo_options {
    /// `SANTRAL_LOGO_TRIGGER_*`.
    pub trigger: u32,
    /// The agent id, or NULL to use the extension.
    pub agent_id: *const c_char,
    /// `SANTRAL_LOGO_CALLER_*`.
    pub caller_form: u32,
    /// 1 show the card, 2 new offer, 3 new support ticket.
    pub keypress: u32,
}

/// Convert `answer` events.
pub const SANTRAL_LOGO_TRIGGER_ANSWER: u32 = 0;
/// Convert `ringing` events.
pub const SANTRAL_LOGO_TRIGGER_RINGING: u32 = 1;
/// `callerId` as `05334979714`.
pub const SANTRAL_LOGO_CALLER_NATIONAL: u32 = 0;
/// `callerId` as `5334979714`.
pub const SANTRAL_LOGO_CALLER_BARE: u32 = 1;
/// `callerId` as `+905334979714`.
pub const SANTRAL_LOGO_CALLER_E164: u32 = 2;

/// Converts a call-event form body into the Logo CRM `IPS_callAnswered`
/// JSON (`options` may be NULL for the defaults). `SANTRAL_INVALID` for an
/// invalid event, `SANTRAL_NOT_APPLICABLE` for an event other than the trigger.
#[no_mangle]
pub unsafe extern "C" fn santral_logo_from_event(
    event: *const u8,
    len: usize,
    options: *const santral_logo_options,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    use santral_core::event::{CallEvent, EventType};
    use santral_core::logo::{from_event, CallerForm, Keypress, LogoOptions};
    guard(|| {
        // SAFETY: per contract.
        let body = tri!(unsafe { crate::bytes(event, len) });
        let mut opts = LogoOptions::default();
        if !options.is_null() {
            // SAFETY: non-null, caller-owned.
            let o = unsafe { &*options };
            opts.trigger = match o.trigger {
                SANTRAL_LOGO_TRIGGER_ANSWER => EventType::Answer,
                SANTRAL_LOGO_TRIGGER_RINGING => EventType::Ringing,
                _ => return SANTRAL_UNKNOWN_KIND,
            };
            // SAFETY: NULL or NUL-terminated.
            opts.agent_id = tri!(unsafe { c_opt(o.agent_id) });
            opts.caller_form = match o.caller_form {
                SANTRAL_LOGO_CALLER_NATIONAL => CallerForm::National,
                SANTRAL_LOGO_CALLER_BARE => CallerForm::Bare,
                SANTRAL_LOGO_CALLER_E164 => CallerForm::E164,
                _ => return SANTRAL_UNKNOWN_KIND,
            };
            opts.keypress = match o.keypress {
                1 => Keypress::ShowCard,
                2 => Keypress::NewOffer,
                3 => Keypress::NewSupportTicket,
                _ => return SANTRAL_UNKNOWN_KIND,
            };
        }
        let mut first = santral_core::diag::FirstError::default();
        let Some(event) = CallEvent::parse(body, &mut first) else {
            if let Some(d) = first.error {
                let e = santral_core::Error::new(d.code, d.span);
                // SAFETY: NULL or caller-owned.
                unsafe { set_error(error, e) };
            }
            return SANTRAL_INVALID;
        };
        match from_event(&event, &opts) {
            // SAFETY: buffer contract.
            Ok(Some(call)) => unsafe { write_out(&call.to_string(), buf, cap, out_len) },
            Ok(None) => SANTRAL_NOT_APPLICABLE,
            Err(e) => {
                // SAFETY: NULL or caller-owned.
                unsafe { set_error(error, e) };
                SANTRAL_INVALID
            }
        }
    })
}
