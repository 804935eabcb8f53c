#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::check::{check, Kind, Options};
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(selector) % Kind::ALL.len()];
    let (report, found) = record(|sink| {
        let mut sink = Dyn(sink);
        check(kind, input, &Options::default(), &mut sink)
    });
    diagnostics_are_placed(input, &found);
    verdict_agrees(report.valid, &found);
    assert_eq!(report.errors + report.warnings, found.len());
});
