#![no_main]
use std::ops::ControlFlow;

use libfuzzer_sys::fuzz_target;
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let (valid, found) = record(|sink| {
        let mut sink = Dyn(sink);
        santral::cdr::read_list(data, &mut sink, |_| ControlFlow::Continue(())).errors == 0
    });
    diagnostics_are_placed(data, &found);
    verdict_agrees(valid, &found);
});
