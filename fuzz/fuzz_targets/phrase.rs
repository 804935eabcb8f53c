#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::phrase::Phrase;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let mut last = 0;
    for t in Phrase::new(s).tokens() {
        let span = match t {
            Ok(tok) => tok.span,
            Err(e) => e.span,
        };
        assert!(span.start >= last && span.start <= span.end && span.end <= s.len());
        assert!(s.get(span.start..span.end).is_some());
        last = span.start;
    }
});
