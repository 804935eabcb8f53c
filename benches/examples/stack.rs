//! Stack high-water mark of each core entry point, measured by painting the
//! stack (benches/README.md):
//!   cargo run --release -p santral-benches --example stack
//!
//! The measuring thread fills the unused stack below its frame with a
//! pattern, calls one entry point, then finds the deepest byte that no
//! longer holds the pattern. The figure includes the call into the closure
//! (a few dozen bytes), so it slightly overstates the core's own use. The
//! diagnostics sink is `Counter` (a few bytes); a `Collector<N>` the caller
//! chooses lives in the caller's frame and adds `size_of` of it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    unsafe_code
)]

use santral::check::{check, check_into, Kind, Options, Report};
use santral::diag::Counter;
use std::hint::black_box;

const PATTERN: u8 = 0xA5;
/// How deep below the caller's frame the pattern reaches.
const DEPTH: usize = 128 * 1024;
/// Room left below a painting or scanning frame (x86_64's red zone is 128).
const MARGIN: usize = 256;

/// The address of a local in the caller's frame: a little above its stack pointer.
#[inline(always)]
fn here() -> usize {
    let local = 0u8;
    black_box(&local) as *const u8 as usize
}

#[inline(never)]
fn paint(top: usize) {
    let base = (top - DEPTH) as *mut u8;
    let len = here() - MARGIN - (top - DEPTH);
    for i in 0..len {
        // SAFETY: the measuring thread's stack is 1 MiB, so the painted
        // range lies inside it, below every live frame (MARGIN keeps it
        // below this function's own frame and red zone).
        unsafe { base.add(i).write_volatile(PATTERN) };
    }
}

/// Bytes below `top` that were written since `paint`; the floor of what it
/// can see is the depth of its own frame (a few hundred bytes).
#[inline(never)]
fn deepest(top: usize) -> usize {
    let base = (top - DEPTH) as *const u8;
    let len = here() - MARGIN - (top - DEPTH);
    for i in 0..len {
        // SAFETY: the same range `paint` wrote.
        if unsafe { base.add(i).read_volatile() } != PATTERN {
            return DEPTH - i;
        }
    }
    0
}

/// Bytes of stack `f` used below the caller's frame.
#[inline(never)]
fn high_water(f: &dyn Fn()) -> usize {
    let top = here();
    paint(top);
    f();
    deepest(top)
}

fn main() {
    let mut inputs = santral_benches::every_kind(1_000);
    inputs.extend([
        // Hostile shapes: deep nesting and a long garbage string.
        (Kind::Campaign, "[".repeat(10_000).into_bytes()),
        (Kind::AdvisoryResponse, vec![b'{'; 10_000]),
        (Kind::CallEvent, vec![b'%'; 10_000]),
    ]);
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let mut worst = 0;
            let mut row = |name: &str, used: usize| {
                worst = worst.max(used);
                println!("{name:<40} {used:>6} bytes");
            };
            for (kind, input) in &inputs {
                let used = high_water(&|| {
                    let mut sink = Counter::default();
                    // Borrowed, not moved, into black_box: a move would copy
                    // the report once more in the measuring closure.
                    let report = check(*kind, black_box(input), &Options::default(), &mut sink);
                    black_box(&report);
                });
                let label = format!("check {} ({} bytes)", kind.as_str(), input.len());
                row(&label, used);
                // The same with the report kept by the caller (outside the
                // measured frames; it adds size_of::<Report>() wherever the
                // caller keeps it, a static in firmware).
                let mut report = Report::empty(*kind);
                let report_cell = std::cell::RefCell::new(&mut report);
                let used = high_water(&|| {
                    let mut sink = Counter::default();
                    let mut r = report_cell.borrow_mut();
                    check_into(
                        &mut r,
                        *kind,
                        black_box(input),
                        &Options::default(),
                        &mut sink,
                    );
                });
                black_box(&report);
                let label = format!("check_into {} ({} bytes)", kind.as_str(), input.len());
                row(&label, used);
            }
            let phones = santral_benches::phone_corpus(200);
            row(
                "phone parse + every format",
                high_water(&|| {
                    let mut buf = [0u8; 64];
                    for p in &phones {
                        let opts = santral::phone::Options::LENIENT;
                        if let Ok(phone) = santral::phone::Phone::parse_with(black_box(p), opts) {
                            for f in santral::phone::Format::ALL {
                                if let Ok(out) = phone.format(*f) {
                                    black_box(out.write_to(&mut buf).ok());
                                }
                            }
                        }
                    }
                }),
            );
            row(
                "target parse",
                high_water(&|| {
                    for t in ["queue/201", "tts/tr-TR/Bu bir test", "external/00491234567"] {
                        let ctx = santral::target::TargetContext::Campaign;
                        black_box(santral::target::Target::parse(black_box(t), ctx).ok());
                    }
                }),
            );
            row(
                "phrase tokens",
                high_water(&|| {
                    let p =
                        santral::phrase::Phrase::new(black_box("#456 15/11/2017 #457 73.56 #458"));
                    for e in p.tokens() {
                        black_box(e.ok());
                    }
                }),
            );
            let body = santral_benches::CALL_EVENT.as_bytes();
            row(
                "event::CallEvent::parse (direct)",
                high_water(&|| {
                    let mut sink = Counter::default();
                    black_box(
                        santral::event::CallEvent::parse(black_box(body), &mut sink).is_some(),
                    );
                }),
            );
            let campaign = &inputs[1].1;
            row(
                "campaign::validate (direct)",
                high_water(&|| {
                    let mut sink = Counter::default();
                    let o = santral::campaign::Options::default();
                    black_box(
                        santral::campaign::validate(black_box(campaign), &o, &mut sink).leads,
                    );
                }),
            );
            println!("{:<40} {worst:>6} bytes", "worst");
            println!("(check's Report is {} bytes)", size_of::<Report>());
            println!(
                "(a Collector<32> sink adds {} bytes in the caller's frame)",
                size_of::<santral::diag::Collector<32>>()
            );
        })
        .unwrap()
        .join()
        .unwrap();
}
