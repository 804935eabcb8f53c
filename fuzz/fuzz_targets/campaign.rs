#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::campaign::{validate_with_duplicates, LeadSlot, Options};
use santral::time::Date;
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let (valid, found) = record(|sink| {
        let mut sink = Dyn(sink);
        let mut table = [LeadSlot::default(); 64];
        let options = Options {
            today: Date::from_ymd(2022, 9, 1),
        };
        validate_with_duplicates(data, &options, &mut table, &mut sink).is_valid()
    });
    diagnostics_are_placed(data, &found);
    verdict_agrees(valid, &found);
});
