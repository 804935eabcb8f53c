#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::phone::{Format, Options as PhoneOptions, Phone, Region};

fuzz_target!(|data: &[u8]| {
    // The first byte picks a region for the region reading.
    let (region, rest) = match data {
        [first, rest @ ..] => (Region::ALL[usize::from(*first) % Region::ALL.len()], rest),
        [] => (Region::TR, data),
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    for opts in [
        PhoneOptions::STRICT,
        PhoneOptions::LENIENT,
        PhoneOptions::STRICT_OR_EXTENSION,
        PhoneOptions {
            lenient: true,
            ..PhoneOptions::MATCHING
        },
        PhoneOptions {
            region: Some(region),
            ..PhoneOptions::LENIENT
        },
    ] {
        match Phone::parse_with(s, opts) {
            Ok(p) => {
                for f in Format::ALL {
                    if let Ok(out) = p.format(*f) {
                        let text = out.to_string();
                        // A foreign number's display in its region reads back
                        // in that region; every other form is read as dialled
                        // from Turkey. Only valid foreign numbers whose national
                        // number does not start with 0 must come back equal:
                        // libphonenumber strips a national prefix again from a
                        // number that starts with one (its parse is not
                        // idempotent there, and santral reads as it does), and
                        // an unassigned number's national form may read otherwise.
                        let foreign = !matches!(p.country_code(), 0 | 90);
                        let in_region = *f == Format::DisplayInRegion && foreign;
                        // A foreign number's national form need not read back as
                        // the same number, in libphonenumber either: Gabon's
                        // `2200000` displays `02 20 00 00`, which reads as
                        // `02200000`; a Korean `00116150471` starts with Korea's
                        // international prefix; `+800` numbers have none. The
                        // differential test compares that reading with
                        // libphonenumber's; here it only has to read without
                        // a panic.
                        if in_region {
                            let read = PhoneOptions {
                                region: p.region(),
                                ..PhoneOptions::LENIENT
                            };
                            let _ = Phone::parse_with(&text, read);
                            continue;
                        }
                        if foreign && (!p.is_valid() || p.national_number().starts_with('0')) {
                            let _ = Phone::parse_with(&text, PhoneOptions::MATCHING);
                            continue;
                        }
                        let back = Phone::parse_with(
                            &text,
                            PhoneOptions {
                                lenient: true,
                                region: if in_region { p.region() } else { None },
                                ..PhoneOptions::MATCHING
                            },
                        )
                        .unwrap_or_else(|e| {
                            panic!("{text:?} from {s:?} does not parse back: {e:?}")
                        });
                        assert_eq!(back, p, "{f:?} of {s:?} is {text:?}");
                        assert_eq!(back.kind(), p.kind());
                    }
                }
                if opts.region.is_none() {
                    assert!(santral::phone::match_key(s).is_ok());
                }
            }
            Err(e) => {
                assert!(e.span.start <= e.span.end && e.span.end <= s.len());
                assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
            }
        }
    }
});
