use super::*;

fn kind(s: &str) -> PhoneKind {
    Phone::parse(s).unwrap().kind()
}

fn err(s: &str, options: Options) -> Code {
    Phone::parse_with(s, options).unwrap_err().code
}

fn fmt(s: &str, f: Format) -> String {
    Phone::parse_with(s, Options::LENIENT)
        .unwrap()
        .format(f)
        .unwrap()
        .to_string()
}

#[test]
fn spec_section_2_facts() {
    // 565 is unassigned: possible, not valid, a warning only.
    let p = Phone::parse("05651236547").unwrap();
    assert!(!p.is_valid());
    assert_eq!(p.kind(), PhoneKind::Unknown);
    assert_eq!(p.warning(), Some(Code::PhoneUnassigned));
    assert_eq!(kind("4441234"), PhoneKind::Uan);
    assert_eq!(kind("05121234567"), PhoneKind::Pager);
    assert_eq!(kind("08001234567"), PhoneKind::TollFree);
    assert_eq!(kind("0800123456789"), PhoneKind::TollFree);
    assert_eq!(kind("08111234567"), PhoneKind::TollFree);
    assert_eq!(kind("09001234567"), PhoneKind::PremiumRate);
    assert_eq!(kind("08881234567"), PhoneKind::PremiumRate);
    assert_eq!(kind("08501234567"), PhoneKind::Voip);
    assert_eq!(kind("05922111234"), PhoneKind::PersonalNumber);
    assert_eq!(kind("02129630131"), PhoneKind::FixedLine);
    assert_eq!(kind("03921234567"), PhoneKind::FixedLine);
    assert_eq!(kind("05321234567"), PhoneKind::Mobile);
    assert_eq!(kind("05610111234"), PhoneKind::Mobile);
    assert_eq!(kind("05822123456"), PhoneKind::Mobile);
    // 5xx is not all mobile.
    assert_eq!(kind("05921234567"), PhoneKind::Unknown);
    assert_eq!(kind("05131234567"), PhoneKind::Unknown);
}

#[test]
fn every_vendor_form() {
    for (input, form) in [
        ("905321234567", InputForm::Wire),
        ("05321234567", InputForm::National),
        ("5321234567", InputForm::Bare),
        ("+905321234567", InputForm::E164),
        ("00905321234567", InputForm::International),
    ] {
        let p = Phone::parse(input).unwrap();
        assert_eq!(p.input_form(), form, "{input}");
        assert_eq!(p.country_code(), 90);
        assert_eq!(p.national_number(), "5321234567");
        assert!(p.is_valid());
    }
    let de = Phone::parse("00491234567").unwrap();
    assert_eq!((de.country_code(), de.national_number()), (49, "1234567"));
    assert_eq!(de.kind(), PhoneKind::Unknown);
    if cfg!(feature = "world") {
        // In no range of Germany's plan: not valid, and (SPEC §2: the
        // vendor's own international lead) no warning.
        assert!(!de.is_valid() && de.warning().is_none());
        let berlin = Phone::parse("00493027590915").unwrap();
        assert!(berlin.is_valid() && berlin.kind() == PhoneKind::FixedLine);
    } else {
        assert!(!de.is_valid() && de.warning().is_none());
    }
    // Vendor samples: cli, the campaign leads, originate destinations, CRM callers.
    for ok in [
        "902129630131",
        "05512369874",
        "908505320000",
        "00493027590915",
        "02123205062",
    ] {
        assert!(Phone::parse(ok).is_ok(), "{ok}");
    }
    let ext = Phone::parse_with("1001", Options::STRICT_OR_EXTENSION).unwrap();
    assert_eq!(ext.kind(), PhoneKind::Extension);
    assert!(ext.is_valid());
    assert_eq!(
        Phone::parse_with("911", Options::STRICT_OR_EXTENSION).map(|p| p.input_form()),
        Ok(InputForm::Extension)
    );
    // A value with the trunk prefix 0 is never an extension (issue 30):
    // `0532-123` is a broken customer number, reported too short.
    assert_eq!(
        err("0532", Options::STRICT_OR_EXTENSION),
        Code::PhoneTooShort
    );
    assert_eq!(err("0532-123", Options::MATCHING), Code::PhoneTooShort);
    assert_eq!(err("053212345", Options::MATCHING), Code::PhoneTooShort);
    // … except in a field that holds extensions by definition.
    assert_eq!(
        Phone::parse_with("04000000", Options::EXTENSION_FIRST).map(|p| p.kind()),
        Ok(PhoneKind::Extension)
    );
    assert_eq!(err("0532", Options::STRICT), Code::PhoneTooShort);
    // 444 numbers are UANs even where extensions are allowed.
    assert_eq!(
        Phone::parse_with("4441234", Options::STRICT_OR_EXTENSION).map(|p| p.kind()),
        Ok(PhoneKind::Uan)
    );
}

#[test]
fn strict_and_lenient() {
    assert_eq!(
        err("+90 532 123 45 67", Options::STRICT),
        Code::PhoneInvalidCharacter
    );
    let e = Phone::parse("0532-1234567").unwrap_err();
    assert_eq!(e.span, Span::new(4, 5));
    let p = Phone::parse_lenient("+90 (532) 123 45 67").unwrap();
    assert_eq!(p.national_number(), "5321234567");
    assert_eq!(
        Phone::parse_lenient("0532.123.45.67")
            .unwrap()
            .national_number(),
        "5321234567"
    );
    assert_eq!(
        Phone::parse_lenient("+90 (0) 532 123 45 67")
            .unwrap()
            .national_number(),
        "5321234567"
    );
    assert_eq!(
        Phone::parse_lenient("+44 (0)20 7946 0018")
            .unwrap()
            .national_number(),
        "2079460018"
    );
    assert_eq!(
        err("0532x1234567", Options::LENIENT),
        Code::PhoneInvalidCharacter
    );
    assert_eq!(
        err("53+21234567", Options::LENIENT),
        Code::PhoneInvalidCharacter
    );
    assert_eq!(
        err("++905321234567", Options::STRICT),
        Code::PhoneInvalidCharacter
    );
    let e = Phone::parse("0532ş").unwrap_err();
    assert_eq!(
        (e.code, e.span),
        (Code::PhoneInvalidCharacter, Span::new(4, 6))
    );
}

#[test]
fn every_phone_code_is_reachable() {
    assert_eq!(err("", Options::STRICT), Code::PhoneEmpty);
    assert_eq!(err(" - ", Options::LENIENT), Code::PhoneEmpty);
    assert_eq!(err("+", Options::STRICT), Code::PhoneTooShort);
    assert_eq!(err("0532123456", Options::STRICT), Code::PhoneTooShort);
    assert_eq!(err("053212345678", Options::STRICT), Code::PhoneTooLong);
    assert_eq!(err("05321234567890", Options::STRICT), Code::PhoneTooLong);
    assert_eq!(err("01234567", Options::STRICT), Code::PhoneTooShort);
    assert_eq!(
        err("01234567890", Options::STRICT),
        Code::PhoneInvalidPrefix
    );
    assert_eq!(err("1234567890", Options::STRICT), Code::PhoneInvalidPrefix);
    assert_eq!(
        err("+4612345678901", Options::STRICT),
        Code::PhoneInvalidLength
    );
    assert_eq!(err("05321234567890", Options::STRICT), Code::PhoneTooLong);
    assert_eq!(
        err("123456789012345678901234", Options::STRICT),
        Code::PhoneTooLong
    );
    assert_eq!(err("53212345678", Options::STRICT), Code::PhoneTooLong);
    assert_eq!(
        err("+8091234567", Options::STRICT),
        Code::PhoneUnknownCountryCode
    );
    assert_eq!(err("+491", Options::STRICT), Code::PhoneTooShort);
    assert_eq!(
        err("+4912345678901234567", Options::STRICT),
        Code::PhoneTooLong
    );
    assert_eq!(err("+33123", Options::STRICT), Code::PhoneTooShort);
    assert_eq!(
        err("904441234", Options::STRICT),
        Code::PhoneNotInternational
    );
    assert_eq!(
        err("+904441234", Options::STRICT),
        Code::PhoneNotInternational
    );
    assert_eq!(
        err("+908111234567", Options::STRICT),
        Code::PhoneNotInternational
    );
    assert_eq!(err("1001", Options::STRICT), Code::PhoneExtensionNotAllowed);
    assert_eq!(err("532123456", Options::STRICT), Code::PhoneTooShort);
}

#[test]
fn formats() {
    let s = "05321234567";
    assert_eq!(fmt(s, Format::E164), "+905321234567");
    assert_eq!(fmt(s, Format::Wire), "905321234567");
    assert_eq!(fmt(s, Format::National), "05321234567");
    assert_eq!(fmt(s, Format::International), "00905321234567");
    assert_eq!(fmt(s, Format::Display), "0532 123 45 67");
    assert_eq!(fmt(s, Format::DisplayInternational), "+90 532 123 45 67");
    assert_eq!(fmt("902129630131", Format::Display), "(0212) 963 01 31");
    assert_eq!(
        fmt("902129630131", Format::DisplayInternational),
        "+90 212 963 01 31"
    );
    assert_eq!(fmt("08501234567", Format::Display), "0850 123 4567");
    assert_eq!(fmt("0800123456789", Format::Display), "0800 123 456789");
    assert_eq!(fmt("4441234", Format::Display), "444 1 234");
    assert_eq!(fmt("4441234", Format::National), "4441234");
    assert_eq!(fmt("00491234567", Format::Wire), "00491234567");
    assert_eq!(fmt("00491234567", Format::E164), "+491234567");
    if cfg!(feature = "world") {
        // Display (seen from Turkey) is international; DisplayInRegion national.
        for (f, want) in [
            (Format::Display, "+49 30 27590915"),
            (Format::DisplayInternational, "+49 30 27590915"),
            (Format::DisplayInRegion, "030 27590915"),
        ] {
            assert_eq!(fmt("00493027590915", f), want);
        }
        assert_eq!(
            fmt("+12024561111", Format::DisplayInRegion),
            "(202) 456-1111"
        );
    }
    assert_eq!(
        fmt("05321234567", Format::DisplayInRegion),
        "0532 123 45 67"
    );
    // No format of Germany's plan fits an unassigned number: its digits.
    assert_eq!(fmt("00491234567", Format::Display), "+49 1234567");
    let uan = Phone::parse("4441234").unwrap();
    for f in [
        Format::E164,
        Format::Wire,
        Format::International,
        Format::DisplayInternational,
    ] {
        assert_eq!(uan.format(f).unwrap_err().code, Code::PhoneNotInternational);
    }
    let ext = Phone::parse_with("1003", Options::STRICT_OR_EXTENSION).unwrap();
    assert_eq!(ext.format(Format::Wire).unwrap().to_string(), "1003");
    assert_eq!(
        ext.format(Format::E164).unwrap_err().code,
        Code::PhoneExtensionNotAllowed
    );
}

#[test]
fn buffer_too_small_is_exact() {
    let p = Phone::parse("05321234567").unwrap();
    let f = p.format(Format::DisplayInternational).unwrap();
    let mut small = [0u8; 5];
    assert_eq!(f.write_to(&mut small), Err(BufferTooSmall { needed: 17 }));
    let mut exact = [0u8; 17];
    assert_eq!(f.write_to(&mut exact), Ok("+90 532 123 45 67"));
}

#[test]
fn matching() {
    for a in [
        "05334979714",
        "5334979714",
        "905334979714",
        "+90 533 497 97 14",
        "0090 533 4979714",
    ] {
        for b in ["05334979714", "5334979714", "905334979714", "+905334979714"] {
            assert!(same_number(a, b), "{a} {b}");
        }
        assert_eq!(match_key(a).unwrap().as_str(), "5334979714");
    }
    assert!(!same_number("05334979714", "05334979715"));
    assert!(!same_number("garbage", "garbage"));
    assert!(same_number("1001", "1001"));
    assert_eq!(match_key("00491234567").unwrap().as_str(), "+491234567");
    assert_eq!(match_key("911").unwrap().as_str(), "911");
    assert!(match_key("").is_err());
}

/// Found by the `phone` fuzz target: a 7-digit national number outside 444
/// is possible, but has no international form, as the parser already held.
#[test]
fn fuzz_regression_seven_digit_numbers_are_national_only() {
    let p = Phone::parse("04472004").unwrap();
    assert!(!p.is_valid());
    assert!(!p.is_internationally_diallable());
    assert_eq!(
        p.format(Format::E164).unwrap_err().code,
        Code::PhoneNotInternational
    );
    assert_eq!(
        Phone::parse("+904472004").unwrap_err().code,
        Code::PhoneTooShort
    );
    let national = p.format(Format::National).unwrap().to_string();
    assert_eq!(Phone::parse(&national).unwrap(), p);
}

#[test]
fn country_codes_are_written_digit_by_digit() {
    let mut buf = [0u8; 5];
    for (cc, text) in [
        (1, "1"),
        (7, "7"),
        (90, "90"),
        (998, "998"),
        (1000, "1000"),
        (u16::MAX, "65535"),
    ] {
        assert_eq!(crate::write::decimal(u64::from(cc), &mut buf), text);
    }
    // Every form of a foreign number carries its country code as written.
    let p = Phone::parse("+998901234567").unwrap();
    let shown: Vec<String> = Format::ALL
        .iter()
        .map(|f| p.format(*f).unwrap().to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "+998901234567",
            "00998901234567",
            "00998901234567",
            "00998901234567",
            if cfg!(feature = "world") {
                "+998 90 123 45 67"
            } else {
                "+998 901234567"
            },
            if cfg!(feature = "world") {
                "+998 90 123 45 67"
            } else {
                "+998 901234567"
            },
            if cfg!(feature = "world") {
                "90 123 45 67"
            } else {
                "+998 901234567"
            },
        ]
    );
}

#[test]
fn the_ten_digit_table_agrees_with_the_pattern_walk_on_every_prefix() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut decided = 0;
    // Every prefix, with its lowest and highest number and random ones
    // (a sample under Miri, which runs this 10,000 times slower).
    let (rounds, step) = if cfg!(miri) { (2, 37) } else { (40, 1) };
    let leads = (0..1000u32).step_by(step);
    let prefixes = leads.len();
    for lead in leads {
        for round in 0..rounds {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let rest = match round {
                0 => 0,
                1 => 9_999_999,
                _ => x % 10_000_000,
            };
            let text = std::format!("{lead:03}{rest:07}");
            for from_abroad in [false, true] {
                if let Some(verdict) = ten_digits(text.as_bytes(), from_abroad) {
                    decided += 1;
                    assert_eq!(verdict, walk(text.as_bytes(), from_abroad), "{text}");
                }
            }
        }
    }
    // The table decides all but the few prefixes split further (592, 561, 582).
    assert!(decided * 10 > prefixes * rounds * 2 * 9, "{decided}");
    // `international` reads a leading `90` as Turkey without the search:
    // the search must agree.
    #[cfg(not(feature = "world"))]
    assert!(matches!(lookup_country(b"905321234567"), Some((c, 2)) if c.code == TURKEY));
    #[cfg(feature = "world")]
    assert!(matches!(
        world::calling_code(b"905321234567"),
        Some((TURKEY, 2, _))
    ));
    for short in ["", "5", "53", "532123456", "53212345678"] {
        assert_eq!(ten_digits(short.as_bytes(), false), None);
    }
}

/// Fuzz regression (`fuzz/seeds/phone/nongeographic-display-in-region`):
/// a non-geographic number's display in its "region" is its national
/// number grouped, which no region reads back: `001` takes only numbers
/// written with their calling code.
#[cfg(feature = "world")]
#[test]
fn non_geographic_numbers_have_no_national_form_to_read_back() {
    let p = Phone::parse_lenient("0080022909909").unwrap();
    assert_eq!(
        (p.country_code(), p.region()),
        (800, Some(Region::NonGeographic))
    );
    assert_eq!(p.kind(), PhoneKind::TollFree);
    assert_eq!(
        p.format(Format::DisplayInRegion).unwrap().to_string(),
        "2290 9909"
    );
    assert_eq!(
        p.format(Format::DisplayInternational).unwrap().to_string(),
        "+800 2290 9909"
    );
    let in_001 = Options {
        region: Some(Region::NonGeographic),
        ..Options::LENIENT
    };
    assert_eq!(
        Phone::parse_with("2290 9909", in_001).unwrap_err().code,
        Code::PhoneUnknownRegion
    );
    assert_eq!(Phone::parse_with("+800 2290 9909", in_001).unwrap(), p);
}
