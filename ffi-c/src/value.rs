//! Call targets and TTS phrases checked on their own.

use std::ffi::{c_char, c_void};

use santral_core::diag::Diagnostic;
use santral_core::target::{Target, TargetContext};

use crate::check::{deliver, santral_diagnostic_callback};
use crate::santral_error;
use crate::santral_result::{self, *};

/// A campaign digit target (`restart` and `""` allowed).
pub const SANTRAL_CONTEXT_CAMPAIGN: u32 = 0;
/// An advisory `transfer.target`.
pub const SANTRAL_CONTEXT_ADVISORY: u32 = 1;

/// A parsed call target.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_target_info {
    /// The kind keyword (`"queue"`, `"tts"`, …; `""` for no target), static.
    pub kind: *const c_char,
    /// The announcement it plays, or 0.
    pub announcement_id: u64,
}

/// Parses a call target in `context` (`SANTRAL_CONTEXT_*`). On
/// `SANTRAL_INVALID`, `*error` (may be NULL) has the code, place and a
/// suggestion (`user` for `usr/1000`, `queue/` for `queue:201`).
#[no_mangle]
pub unsafe extern "C" fn santral_target_parse(
    input: *const c_char,
    len: usize,
    context: u32,
    out: *mut santral_target_info,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let s = try_str!(input, len);
        let ctx = try_enum!(context, TargetContext);
        let out = try_mut!(out);
        match Target::check(s, ctx) {
            Ok(t) => {
                *out = santral_target_info {
                    kind: t.target_kind().map_or(c"".as_ptr(), |k| k.c_str().as_ptr()),
                    announcement_id: t.announcement_id().map_or(0, |i| i.get()),
                };
                SANTRAL_OK
            }
            Err(d) => {
                set_error!(error, d);
                SANTRAL_INVALID
            }
        }
    }
}

/// Checks a TTS phrase, delivering each error to `callback` (may be NULL)
/// at path `phrase`, with line and column counted in characters;
/// `*errors` (may be NULL) receives their count.
#[no_mangle]
pub unsafe extern "C" fn santral_phrase_check(
    input: *const c_char,
    len: usize,
    lang: u32,
    callback: santral_diagnostic_callback,
    user: *mut c_void,
    errors: *mut usize,
) -> santral_result {
    ffi_boundary! {
        let s = try_str!(input, len);
        let mut stopped = false;
        let count = santral_core::phrase::Phrase::new(s).report(&mut |d: Diagnostic| {
            // SAFETY: the callback contract.
            if !stopped && !unsafe { deliver(callback, user, &d, lang) } {
                stopped = true;
            }
            std::ops::ControlFlow::Continue(())
        });
        if !errors.is_null() {
            // SAFETY: non-null, caller-owned.
            unsafe { *errors = count };
        }
        if count == 0 {
            SANTRAL_OK
        } else {
            SANTRAL_INVALID
        }
    }
}

/// Writes the announcement ids a phrase plays into `ids` (capacity
/// `cap`); `*count` receives how many there are (even beyond `cap`, with
/// `SANTRAL_INSUFFICIENT_SIZE`).
#[no_mangle]
pub unsafe extern "C" fn santral_phrase_announcements(
    input: *const c_char,
    len: usize,
    ids: *mut u64,
    cap: usize,
    count: *mut usize,
) -> santral_result {
    ffi_boundary! {
        let s = try_str!(input, len);
        let count = try_mut!(count);
        if ids.is_null() && cap > 0 {
            return SANTRAL_NULL_ARGUMENT;
        }
        let mut n = 0usize;
        for id in santral_core::phrase::Phrase::new(s).announcement_ids() {
            if n < cap {
                // SAFETY: n < cap and `ids` holds `cap` elements.
                unsafe { *ids.add(n) = id.get() };
            }
            n += 1;
        }
        *count = n;
        if n > cap {
            SANTRAL_INSUFFICIENT_SIZE
        } else {
            SANTRAL_OK
        }
    }
}
