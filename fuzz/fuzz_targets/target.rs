#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::target::{Target, TargetContext};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for ctx in [TargetContext::Campaign, TargetContext::Advisory] {
        match Target::parse(s, ctx) {
            Ok(t) => assert_eq!(t.to_string(), s, "display must round-trip"),
            Err(e) => assert!(
                e.span.end <= s.len()
                    && s.is_char_boundary(e.span.start)
                    && s.is_char_boundary(e.span.end)
            ),
        }
    }
});
