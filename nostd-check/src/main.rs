//! Freestanding x86_64 Linux program: `_start` → parse with santral →
//! `exit_group(status)`. Status 0 means every parse gave the expected
//! answer; 10+ names the check that failed; 101 a panic (none should occur).
//!
//! The `unsafe` here is the platform glue a freestanding binary needs
//! (entry point, raw syscall, the C memory functions the compiler calls);
//! the core itself forbids `unsafe`.
#![no_std]
#![no_main]
#![no_builtins]

#[cfg(feature = "form")]
use santral::form::Form;
#[cfg(feature = "phone")]
use santral::phone::{Format, Phone, PhoneKind};
#[cfg(feature = "phrase")]
use santral::phrase::Phrase;
#[cfg(feature = "target")]
use santral::target::{Target, TargetContext};
#[cfg(feature = "time")]
use santral::time::Timestamp;

core::arch::global_asm!(
    ".globl _start",
    "_start:",
    "xor ebp, ebp",
    "and rsp, -16",
    "call {entry}",
    "ud2",
    entry = sym entry,
);

fn exit(status: i32) -> ! {
    // SAFETY: exit_group(2) takes one integer and never returns.
    unsafe {
        core::arch::asm!("syscall", in("rax") 231, in("rdi") status, options(noreturn, nostack));
    }
}

fn checks() -> i32 {
    #[cfg(feature = "phone")]
    {
        let Ok(phone) = Phone::parse("05321234567") else {
            return 10;
        };
        if phone.kind() != PhoneKind::Mobile {
            return 11;
        }
        let mut buf = [0u8; 32];
        match phone
            .format(Format::Wire)
            .map(|f| f.write_to(&mut buf).map(|s| s == "905321234567"))
        {
            Ok(Ok(true)) => {}
            _ => return 12,
        }
        if !santral::phone::same_number("05334979714", "+90 533 497 97 14") {
            return 13;
        }
    }
    // Every region's plan, no heap: a Berlin number read in Germany.
    #[cfg(feature = "world")]
    {
        let de = santral::phone::Options {
            region: Some(santral::phone::Region::DE),
            ..santral::phone::Options::LENIENT
        };
        let Ok(phone) = Phone::parse_with("030 27590915", de) else {
            return 14;
        };
        if !phone.is_valid() || phone.region() != Some(santral::phone::Region::DE) {
            return 15;
        }
        let mut buf = [0u8; 32];
        match phone
            .format(Format::DisplayInternational)
            .map(|f| f.write_to(&mut buf).map(|s| s == "+49 30 27590915"))
        {
            Ok(Ok(true)) => {}
            _ => return 16,
        }
    }
    #[cfg(feature = "target")]
    if !matches!(
        Target::parse("queue/201", TargetContext::Campaign),
        Ok(Target::Queue(_))
    ) {
        return 14;
    }
    #[cfg(feature = "phrase")]
    if Phrase::new("#456 15/11/2017 #457 73.56 #458")
        .announcement_ids()
        .count()
        != 3
    {
        return 15;
    }
    #[cfg(feature = "form")]
    if Form::new(b"digit=2&status=Ba%C5%9Far%C4%B1l%C4%B1")
        .errors()
        .count()
        != 0
    {
        return 16;
    }
    #[cfg(feature = "time")]
    if Timestamp::parse("2017-08-03 12:30:32 +0300").is_err() {
        return 17;
    }
    #[cfg(feature = "campaign")]
    {
        // A campaign held in the binary, validated in place.
        const CAMPAIGN: &[u8] = br#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"Q","queue_number":204,"thread_multiplier":1,"phone_list":[{"phone":"05512369874"},{"phone":"05321234567"}]}"#;
        let mut counter = santral::diag::Counter::default();
        // black_box: every kind's code stays in the binary, as in firmware
        // that checks whatever arrives.
        let kind = core::hint::black_box(santral::check::Kind::Campaign);
        let report = santral::check::check(
            kind,
            core::hint::black_box(CAMPAIGN),
            &santral::check::Options::default(),
            &mut counter,
        );
        if !report.valid || counter.errors != 0 {
            return 18;
        }
    }
    #[cfg(all(feature = "serde", feature = "phone"))]
    {
        // serde through serde-json-core, into a caller's buffer.
        let mut buf = [0u8; 256];
        let Ok(phone) = Phone::parse("05321234567") else {
            return 19;
        };
        match serde_json_core::to_slice(&phone, &mut buf) {
            Ok(n) if buf.get(..n) == Some(&b"\"+905321234567\""[..]) => {}
            _ => return 20,
        }
        let d = santral::diag::Diagnostic::new(
            santral::diag::Code::PhoneTooShort,
            santral::diag::Span::new(0, 4),
        );
        if serde_json_core::to_slice(&d, &mut buf).is_err() {
            return 21;
        }
        match serde_json_core::from_slice::<Phone>(b"\"05321234567\"") {
            Ok((p, _)) if p == phone => {}
            _ => return 22,
        }
    }
    0
}

extern "C" fn entry() -> ! {
    exit(checks())
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    exit(101)
}

#[no_mangle]
extern "C" fn rust_eh_personality() {}

// The memory functions rustc may call; `no_builtins` keeps these loops
// from being turned back into calls to themselves.
#[no_mangle]
unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    let mut i = 0;
    while i < n {
        *dst.add(i) = *src.add(i);
        i += 1;
    }
    dst
}

#[no_mangle]
unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dst as usize) < (src as usize) {
        let mut i = 0;
        while i < n {
            *dst.add(i) = *src.add(i);
            i += 1;
        }
    } else {
        let mut i = n;
        while i > 0 {
            i -= 1;
            *dst.add(i) = *src.add(i);
        }
    }
    dst
}

#[no_mangle]
unsafe extern "C" fn memset(dst: *mut u8, value: i32, n: usize) -> *mut u8 {
    let mut i = 0;
    while i < n {
        *dst.add(i) = value as u8;
        i += 1;
    }
    dst
}

#[no_mangle]
unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        let (x, y) = (*a.add(i), *b.add(i));
        if x != y {
            return i32::from(x) - i32::from(y);
        }
        i += 1;
    }
    0
}

#[no_mangle]
unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    memcmp(a, b, n)
}
