#![no_main]

use libfuzzer_sys::fuzz_target;
use santral_fuzz::{diagnostics_are_placed, record, Dyn};

fuzz_target!(|data: &[u8]| {
    let (_, found) = record(|sink| {
        let mut sink = Dyn(sink);
        santral::cdr::read_detail(data, &mut sink, |_| {})
    });
    diagnostics_are_placed(data, &found);
});
