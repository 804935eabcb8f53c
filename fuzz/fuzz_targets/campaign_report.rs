#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::report::CampaignReport;
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let (valid, found) = record(|sink| {
        let mut sink = Dyn(sink);
        CampaignReport::parse(data, &mut sink).is_some()
    });
    diagnostics_are_placed(data, &found);
    verdict_agrees(valid, &found);
});
