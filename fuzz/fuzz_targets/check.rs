#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::check::{check, Kind, Options};
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(selector) % Kind::ALL.len()];
    let options = Options::default();
    let (report, found) = record(|sink| {
        let mut sink = Dyn(sink);
        check(kind, input, &options, &mut sink)
    });
    diagnostics_are_placed(input, &found);
    // Past `max_diagnostics` findings are counted, not handed out.
    assert!(found.len() <= options.max_diagnostics);
    assert_eq!(
        report.errors + report.warnings,
        found.len() + report.diagnostics_omitted
    );
    assert_eq!(report.valid, report.errors == 0);
    if report.diagnostics_omitted == 0 {
        verdict_agrees(report.valid, &found);
    }
});
