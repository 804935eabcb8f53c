#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::phone::{Format, Options as PhoneOptions, Phone};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for opts in [
        PhoneOptions::STRICT,
        PhoneOptions::LENIENT,
        PhoneOptions::STRICT_OR_EXTENSION,
        PhoneOptions {
            lenient: true,
            allow_extension: true,
            extension_first: false,
        },
    ] {
        match Phone::parse_with(s, opts) {
            Ok(p) => {

                for f in Format::ALL {
                    if let Ok(out) = p.format(*f) {
                        let text = out.to_string();
                        let back = Phone::parse_with(
                            &text,
                            PhoneOptions {
                                lenient: true,
                                allow_extension: true,
                                extension_first: false,
                            },
                        )
                        .unwrap_or_else(|e| {
                            panic!("{text:?} from {s:?} does not parse back: {e:?}")
                        });
                        assert_eq!(back, p, "{f:?} of {s:?} is {text:?}");
                        assert_eq!(back.kind(), p.kind());
                    }
                }
                assert_eq!(santral::phone::match_key(s).is_ok(), true);
            }
            Err(e) => {
                assert!(e.span.start <= e.span.end && e.span.end <= s.len());
                assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
            }
        }
    }
});
