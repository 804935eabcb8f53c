//! The Logo CRM bridge: a call event turned into the `IPS_callAnswered` body.

use std::ffi::c_char;

use santral_core::event::CallEvent;
use santral_core::logo::{from_event, CallerForm, Keypress, LogoOptions, Trigger};

use crate::santral_error;
use crate::santral_result::{self, *};

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
    ffi_boundary! {
        let body = try_bytes!(event, len);
        let mut opts = LogoOptions::default();
        if !options.is_null() {
            // SAFETY: non-null, caller-owned.
            let o = unsafe { &*options };
            opts.trigger = try_enum!(o.trigger, Trigger);
            opts.agent_id = try_cstr_opt!(o.agent_id);
            opts.caller_form = try_enum!(o.caller_form, CallerForm);
            opts.keypress = try_enum!(o.keypress.wrapping_sub(1), Keypress);
        }
        let mut first = santral_core::diag::FirstError::default();
        let Some(event) = CallEvent::parse(body, &mut first) else {
            if let Some(d) = first.error {
                set_error!(error, d);
            }
            return SANTRAL_INVALID;
        };
        match from_event(&event, &opts) {
            Ok(Some(call)) => write_text!(&call.to_string(), buf, cap, out_len),
            Ok(None) => SANTRAL_NOT_APPLICABLE,
            Err(e) => {
                set_error!(error, santral_core::Diagnostic::new(e.code, e.span).locate(body));
                SANTRAL_INVALID
            }
        }
    }
}
