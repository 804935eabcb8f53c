#![no_main]
//! The simulator's routing file (`santral::routing`): any bytes are read
//! without a panic; every diagnostic is placed inside the input; what is
//! accepted names numbers that parse and targets the core accepts.

use libfuzzer_sys::fuzz_target;
use santral::diag::Diagnostic;
use santral::routing::{read, Destination};
use santral::target::{Target, TargetContext};

fuzz_target!(|data: &[u8]| {
    let mut found: Vec<Diagnostic> = Vec::new();
    let routing = read(data, &mut |d: Diagnostic| {
        found.push(d);
        std::ops::ControlFlow::Continue(())
    });
    for d in &found {
        assert!(
            d.span.start <= d.span.end && d.span.end <= data.len(),
            "{d:?}"
        );
    }
    let Some(r) = routing else {
        assert!(found.iter().any(|d| d.severity == santral::Severity::Error));
        return;
    };
    for route in &r.numbers {
        let mut buf = vec![0u8; route.number.len() * 4 + 4];
        let n = route.number.decode_into(&mut buf).unwrap();
        assert!(santral::phone::Phone::parse(n).is_ok(), "{n}");
        if let Destination::Target(t) = route.destination {
            let mut buf = vec![0u8; t.len() * 4 + 4];
            let t = t.decode_into(&mut buf).unwrap();
            assert!(Target::check(t, TargetContext::Advisory).is_ok(), "{t}");
        }
    }
});
