#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::crm::parse_settings;
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let (valid, found) = record(|sink| {
        let mut sink = Dyn(sink);
        parse_settings(data, &mut sink).is_some()
    });
    diagnostics_are_placed(data, &found);
    verdict_agrees(valid, &found);
});
