//! How a simulated call goes: the simulator's one piece of invention,
//! chosen the way an integrator testing their endpoint would want — every
//! kind of report shows up within a few leads, with plausible timings.
//! The causes, their Turkish texts and the digit forms are the core's.
//!
//! | outcome | share | ring | report `digit` |
//! | --- | --- | --- | --- |
//! | answered (`NORMAL_CLEARING`, `Cevaplandı`) | 60 % | 3–15 s | a key with a target (65 %), `-` (15 %), `!N` (20 %) |
//! | no answer (`NO_ANSWER`, `Cevapsız`) | 18 % | the ring timeout | `""` |
//! | busy (`USER_BUSY`, `Meşgul`) | 10 % | 1–3 s | `""` |
//! | rejected (`CALL_REJECTED`, `Reddedildi`) | 6 % | 2–8 s | `""` |
//! | wrong number (`UNALLOCATED_NUMBER`, `Hatalı Numara`) | 3 % | 1 s | `""` |
//! | unreachable (`NO_USER_RESPONSE`, `Ulaşılamıyor`) | 3 % | 5–20 s | `""` |

use santral::campaign::{CallType, KEY_PRESSES};
use santral::event::{Disposition, HangupCause};
use santral::report::Digit;

use super::rng::Rng;

/// What happens on one call attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub cause: HangupCause,
    /// Milliseconds from dialling to answer (or to giving up).
    pub ring_ms: i64,
    /// Milliseconds from answer to hangup (0 when not answered).
    pub talk_ms: i64,
    /// The campaign report's `digit`.
    pub digit: Digit,
    /// Who hung up.
    pub disposition: Disposition,
}

impl Outcome {
    pub(crate) fn answered(&self) -> bool {
        self.cause == HangupCause::NormalClearing
    }
}

/// The call's fate, before any key.
fn fate(rng: &mut Rng, ring_timeout_s: i64) -> (HangupCause, i64) {
    let roll = rng.range(0, 99);
    let s = |lo: i64, hi: i64, rng: &mut Rng| rng.range(lo * 1000, hi * 1000);
    match roll {
        0..=59 => (HangupCause::NormalClearing, s(3, 15, rng)),
        60..=77 => (HangupCause::NoAnswer, ring_timeout_s * 1000),
        78..=87 => (HangupCause::UserBusy, s(1, 3, rng)),
        88..=93 => (HangupCause::CallRejected, s(2, 8, rng)),
        94..=96 => (HangupCause::UnallocatedNumber, 1000),
        _ => (HangupCause::NoUserResponse, s(5, 20, rng)),
    }
}

/// One attempt of a campaign call. `targets` is the campaign summary's
/// bit set (bit i: `TARGET_KEYS[i]` has a target).
pub(crate) fn campaign_call(
    rng: &mut Rng,
    call_type: CallType,
    targets: u16,
    ring_timeout_s: i64,
    digit_timeout_s: i64,
) -> Outcome {
    let (cause, ring_ms) = fate(rng, ring_timeout_s);
    let disposition = if rng.chance(50) {
        Disposition::Caller
    } else {
        Disposition::Callee
    };
    if cause != HangupCause::NormalClearing {
        return Outcome {
            cause,
            ring_ms,
            talk_ms: 0,
            digit: Digit::NotStarted,
            disposition: Disposition::Caller,
        };
    }
    let digit = match call_type {
        // A queue campaign connects the lead to an agent: no key.
        CallType::Queue => Digit::NoKey,
        CallType::Ivr => ivr_digit(rng, targets),
    };
    let talk_ms = match (call_type, digit) {
        (CallType::Queue, _) => rng.range(30_000, 300_000),
        (_, Digit::NoKey) => rng.range(8_000, 20_000) + digit_timeout_s * 1000,
        _ => rng.range(8_000, 60_000),
    };
    Outcome {
        cause,
        ring_ms,
        talk_ms,
        digit,
        disposition,
    }
}

/// The key an answering lead presses.
fn ivr_digit(rng: &mut Rng, targets: u16) -> Digit {
    let with: Vec<char> = KEY_PRESSES
        .iter()
        .enumerate()
        .filter(|(i, _)| targets & (1 << i) != 0)
        .map(|(_, c)| *c)
        .collect();
    let without: Vec<char> = KEY_PRESSES
        .iter()
        .enumerate()
        .filter(|(i, _)| targets & (1 << i) == 0)
        .map(|(_, c)| *c)
        .collect();
    let pick = |rng: &mut Rng, keys: &[char]| {
        let i = usize::try_from(rng.range(0, keys.len() as i64 - 1)).unwrap_or(0);
        keys.get(i).copied()
    };
    let roll = rng.range(0, 99);
    match roll {
        0..=64 => pick(rng, &with).map(Digit::Pressed),
        65..=79 => Some(Digit::NoKey),
        _ => pick(rng, &without).map(Digit::Invalid),
    }
    .unwrap_or(Digit::NoKey)
}

/// An originated call's far end, rung for `timeout_s` at most.
pub(crate) fn originated_call(rng: &mut Rng, timeout_s: i64) -> Outcome {
    let (mut cause, mut ring_ms) = fate(rng, timeout_s);
    if ring_ms > timeout_s * 1000 {
        (cause, ring_ms) = (HangupCause::NoAnswer, timeout_s * 1000);
    }
    let answered = cause == HangupCause::NormalClearing;
    Outcome {
        cause,
        ring_ms,
        talk_ms: if answered {
            rng.range(15_000, 240_000)
        } else {
            0
        },
        digit: Digit::NotStarted,
        disposition: if rng.chance(50) {
            Disposition::Caller
        } else {
            Disposition::Callee
        },
    }
}

/// An inbound call's course, decided by its route: rung `ring_ms`, then
/// answered for `talk_ms` (0: not answered, ended with `cause`).
pub(crate) fn inbound_call(cause: HangupCause, ring_ms: i64, talk_ms: i64) -> Outcome {
    Outcome {
        cause,
        ring_ms,
        talk_ms,
        digit: Digit::NotStarted,
        disposition: Disposition::Caller,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_only_name_keys_the_campaign_has() {
        let mut rng = Rng(11);
        // Targets on 1 and 2 only.
        let targets = 0b110;
        let mut kinds = std::collections::BTreeSet::new();
        for _ in 0..2000 {
            let o = campaign_call(&mut rng, CallType::Ivr, targets, 30, 4);
            match o.digit {
                Digit::Pressed(c) => assert!(c == '1' || c == '2', "{c}"),
                Digit::Invalid(c) => assert!(c != '1' && c != '2', "{c}"),
                Digit::NotStarted => assert!(!o.answered() && o.talk_ms == 0),
                Digit::NoKey => assert!(o.answered()),
            }
            kinds.insert(o.digit.kind().as_str());
            kinds.insert(o.cause.as_str());
        }
        for k in [
            "pressed",
            "no_key",
            "invalid_key",
            "not_started",
            "USER_BUSY",
            "NO_ANSWER",
            "CALL_REJECTED",
            "UNALLOCATED_NUMBER",
            "NO_USER_RESPONSE",
            "NORMAL_CLEARING",
        ] {
            assert!(kinds.contains(k), "{k} never happened");
        }
        // Every key has a target: an answering lead never presses a key without one.
        for _ in 0..500 {
            let o = campaign_call(&mut rng, CallType::Ivr, 0x0FFF, 30, 4);
            assert!(!matches!(o.digit, Digit::Invalid(_)));
        }
        for _ in 0..500 {
            let o = originated_call(&mut rng, 10);
            assert!(o.ring_ms <= 10_000);
        }
    }
}
