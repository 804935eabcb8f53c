//! Property tests: no input panics any parser, spans stay inside the
//! input, and format → parse round-trips.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;

use santral::diag::line_column;
use santral::form::Form;
use santral::phone::{Format, Options, Phone};
use santral::phrase::Phrase;
use santral::target::{Target, TargetContext};
use santral::time::{Date, Duration, Time, Timestamp};

/// Strings biased towards what the parsers look at.
fn noisy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9+ ()./-]{0,24}",
        "(restart|user|group|queue|ivr|voicemail|announcement|external|fax|hangup|tts)(/[0-9a-zA-Z@.+/ -]{0,12}){0,3}",
        "[#0-9/. ]{0,40}",
        "[a-z=&%0-9A-F+ş]{0,40}",
    ]
}

/// Turkish national numbers of every length the plan knows.
fn tr_nsn() -> impl Strategy<Value = String> {
    prop_oneof![
        "[2-5][0-9]{9}",
        "8[0-9]{9}",
        "900[0-9]{7}",
        "444[0-9]{4}",
        "800[0-9]{9,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The world plans: every international format of a valid foreign
    /// number reads back as the same number.
    #[cfg(feature = "world")]
    #[test]
    fn world_numbers_read_back_from_every_format(
        cc in prop::sample::select(vec![1u16, 7, 20, 27, 31, 33, 34, 39, 44, 49, 52, 54, 55, 61, 62, 81, 82, 86, 91, 234, 380, 966, 971, 994]),
        nsn in "[1-9][0-9]{5,11}",
    ) {
        let text = format!("+{cc}{nsn}");
        if let Ok(p) = Phone::parse(&text) {
            prop_assert_eq!(p.country_code(), cc);
            prop_assert!(p.region().is_some() || !p.is_valid());
            if p.is_valid() {
                for f in Format::ALL {
                    let out = p.format(*f).unwrap().to_string();
                    if *f == Format::DisplayInRegion {
                        // A national form need not read back as the same number,
                        // in libphonenumber either (Gabon's `2200000` displays
                        // `02 20 00 00`, read as `02200000`; Korea's `001…` is its
                        // international prefix): differential_world.py compares
                        // that reading with libphonenumber's.
                        continue;
                    }
                    // `00…` and `+…` forms are dialled from Turkey: no region.
                    let read = Options { lenient: true, ..Options::MATCHING };
                    let back = Phone::parse_with(&out, read).unwrap();
                    prop_assert_eq!(back, p, "{} via {:?}", out, f);
                    prop_assert_eq!(back.kind(), p.kind());
                }
            }
        }
    }

    #[test]
    fn phone_parsing_never_panics_and_errors_point_inside(s in noisy()) {
        for opts in [Options::STRICT, Options::LENIENT, Options::STRICT_OR_EXTENSION] {
            match Phone::parse_with(&s, opts) {
                Ok(p) => {
                    for f in Format::ALL {
                        if let Ok(out) = p.format(*f) {
                            let text = out.to_string();
                            let read = Options { lenient: true, ..Options::MATCHING };
                            // A foreign number's display in its region is its
                            // country's national format: not read as dialled from
                            // Turkey (world_numbers_read_back_from_every_format).
                            if *f == Format::DisplayInRegion && !matches!(p.country_code(), 0 | 90) {
                                continue;
                            }
                            let back = Phone::parse_with(&text, read).unwrap();
                            prop_assert_eq!(back, p, "{} via {:?}", text, f);
                        }
                    }
                }
                Err(e) => {
                    prop_assert!(e.span.start <= e.span.end && e.span.end <= s.len());
                    prop_assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
                }
            }
        }
    }

    #[test]
    fn turkish_numbers_round_trip_through_every_format(nsn in tr_nsn(), form in 0usize..5) {
        let text = match form {
            0 => format!("0{nsn}"),
            1 => format!("90{nsn}"),
            2 => format!("+90{nsn}"),
            3 => format!("0090{nsn}"),
            _ => nsn.clone(),
        };
        if let Ok(p) = Phone::parse(&text) {
            prop_assert_eq!(p.national_number(), nsn.as_str());
            for f in Format::ALL {
                if let Ok(out) = p.format(*f) {
                    let back = Phone::parse_lenient(&out.to_string()).unwrap();
                    prop_assert_eq!(back.kind(), p.kind());
                    prop_assert_eq!(back, p);
                }
            }
            let key = santral::phone::match_key(&text).unwrap();
            prop_assert_eq!(key.as_str(), nsn.as_str());
        }
    }

    #[test]
    fn accepted_targets_display_as_written(s in noisy()) {
        for ctx in [TargetContext::Campaign, TargetContext::Advisory] {
            match Target::parse(&s, ctx) {
                Ok(t) => prop_assert_eq!(t.to_string(), s.clone()),
                Err(e) => prop_assert!(e.span.end <= s.len() && e.span.start <= e.span.end),
            }
        }
    }

    #[test]
    fn phrase_tokens_cover_their_words(s in noisy()) {
        for t in Phrase::new(&s).tokens() {
            let span = match t { Ok(tok) => tok.span, Err(e) => e.span };
            prop_assert!(span.start <= span.end && span.end <= s.len());
            prop_assert!(s.get(span.start..span.end).is_some());
        }
    }

    #[test]
    fn form_spans_and_decoding_are_exact(s in noisy()) {
        let form = Form::new(s.as_bytes());
        for p in form.pairs() {
            for e in [p.name, p.value] {
                prop_assert!(e.span().end <= s.len());
                prop_assert_eq!(&s.as_bytes()[e.span().start..e.span().end], e.raw());
                let mut big = [0u8; 128];
                match e.decode_into(&mut big) {
                    Ok(text) => {
                        let needed = text.len();
                        prop_assert!(e.eq_str(text));
                        if needed > 0 {
                            let mut small = vec![0u8; needed - 1];
                            let r = e.decode_into(&mut small);
                            prop_assert_eq!(r, Err(santral::form::DecodeError::BufferTooSmall(santral::write::BufferTooSmall { needed })));
                        }
                    }
                    Err(santral::form::DecodeError::Invalid(err)) => prop_assert!(err.span.end <= s.len()),
                    Err(santral::form::DecodeError::BufferTooSmall(_)) => {}
                }
            }
        }
        for e in form.errors() {
            let (line, col) = line_column(s.as_bytes(), e.span.start);
            prop_assert!(line >= 1 && col >= 1);
        }
    }

    #[test]
    fn dates_times_and_stamps_round_trip(y in 1u32..=9999, m in 1u32..=12, d in 1u32..=31, h in 0u32..24, mi in 0u32..60, sec in 0u32..60, z in -840i32..=840) {
        if let Some(date) = Date::from_ymd(y, m, d) {
            prop_assert_eq!(Date::parse(&date.to_string()).unwrap(), date);
            let stamp = format!("{date} {h:02}:{mi:02}:{sec:02} {}{:02}{:02}", if z < 0 { '-' } else { '+' }, z.unsigned_abs() / 60, z.unsigned_abs() % 60);
            let t = Timestamp::parse(&stamp).unwrap();
            prop_assert_eq!(t.to_string(), stamp);
        } else {
            let text = format!("{y:04}-{m:02}-{d:02}");
            prop_assert!(Date::parse(&text).is_err());
        }
        let time = Time::from_hm(h, mi).unwrap();
        prop_assert_eq!(Time::parse(&time.to_string()).unwrap(), time);
        let dur = Duration { seconds: h * 3600 + mi * 60 + sec };
        prop_assert_eq!(Duration::parse(&dur.to_string()).unwrap(), dur);
    }

    #[test]
    fn lexical_parsers_never_panic(s in noisy()) {
        let _ = santral::lexical::Id::parse(&s);
        let _ = santral::lexical::Url::parse(&s);
        let _ = santral::lexical::Email::parse(&s);
        let _ = santral::lexical::ApiKey::parse(&s).map(|k| k.warning());
        let _ = Date::parse(&s);
        let _ = Time::parse(&s);
        let _ = Timestamp::parse(&s);
        let _ = Duration::parse(&s);
        let _ = santral::lexical::edit_distance(&s, "announcement");
    }

    #[test]
    fn decimals_match_the_float_parser(int in "[0-9]{1,8}", frac in "[0-9]{0,7}", exp in proptest::option::of(-22i32..=22), neg in any::<bool>()) {
        // Up to 15 significant digits and |exponent| <= 22 (after moving
        // the point): the same bits as str::parse.
        let mut s = format!("{}{int}", if neg { "-" } else { "" });
        if !frac.is_empty() { s = format!("{s}.{frac}") }
        if let Some(e) = exp {
            if e - (frac.len() as i32) >= -22 { s = format!("{s}e{e}") }
        }
        let want: f64 = s.parse().unwrap();
        let got = santral::decimal::Decimal::parse(&s).unwrap().to_f64();
        prop_assert_eq!(got.to_bits(), want.to_bits(), "{}", s);
    }

    #[test]
    fn decimals_never_panic_and_stay_close(s in prop_oneof![noisy(), "[-+]?[0-9]{0,30}(\\.[0-9]{0,30})?([eE][-+]?[0-9]{1,4})?"]) {
        let ours = santral::decimal::Decimal::parse(&s).map(|d| d.to_f64());
        let std = s.parse::<f64>().ok().filter(|x| x.is_finite() || s.contains(['e', 'E']));
        match (ours, std) {
            (Some(a), Some(b)) if b.is_finite() && b.abs() > 1e-300 => prop_assert!(((a - b) / b).abs() < 1e-14, "{} {} {}", s, a, b),
            (Some(_), Some(_)) => {}
            (None, None) => {}
            // str::parse also takes "inf", "NaN" and friends; we do not.
            (None, Some(_)) => prop_assert!(!s.bytes().any(|b| b.is_ascii_digit()) || s.to_ascii_lowercase().contains("inf") || s.to_ascii_lowercase().contains("nan"), "{}", s),
            (Some(_), None) => prop_assert!(false, "we read {:?}, std does not", s),
        }
    }

    #[test]
    fn a_locator_agrees_with_a_fresh_walk(s in prop_oneof![noisy(), "[aş\n\r=]{0,60}"], offsets in proptest::collection::vec(0usize..80, 0..12)) {
        // Offsets in any order, some past the end; only ever char starts
        // matter to callers but every byte offset must give the same answer.
        let mut at = santral::diag::Locator::new(s.as_bytes());
        for o in offsets {
            let mut fresh = (1u32, 1u32);
            for &b in s.as_bytes().iter().take(o) {
                if b == b'\n' { fresh = (fresh.0 + 1, 1) } else if b & 0xC0 != 0x80 { fresh.1 += 1 }
            }
            prop_assert_eq!(at.line_column(o), fresh);
        }
    }
}

mod windows {
    use super::*;
    use santral::time::{Weekdays, Window, TURKEY};

    /// True when a call may start at `unix`, checked the slow way.
    fn open_at(w: &Window, days: Weekdays, unix: i64) -> bool {
        let t = Timestamp::from_unix(unix, TURKEY).unwrap();
        let hm = Time::from_hm(u32::from(t.time.hour()), u32::from(t.time.minute())).unwrap();
        t.date >= w.date_begin
            && t.date <= w.date_end
            && days.contains(t.date.weekday())
            && hm >= w.time_begin
            && hm <= w.time_end
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn next_start_is_the_first_open_minute(
            begin in 0u32..60, len in 0u32..10, h0 in 0u32..24, h1 in 0u32..24, m0 in 0u32..60, m1 in 0u32..60,
            bits in 1u8..128, from in 0i64..(70 * 86_400),
        ) {
            let base = Date::from_ymd(2026, 1, 1).unwrap();
            let day = |n: u32| Date::from_days_since_year_one(base.days_since_year_one() + n).unwrap();
            let w = Window::resolve(base, Some(day(begin)), Some(day(begin + len)), Time::from_hm(h0.min(h1), m0), Time::from_hm(h0.max(h1), m1));
            let days = Weekdays::from_numbers((1..=7).filter(|d| bits & (1 << (d - 1)) != 0), |_, _| {});
            let start = Timestamp::parse("2026-01-01 00:00:00 +0300").unwrap().unix_seconds() + from;
            let got = w.next_start(days, start, TURKEY);
            // Openness within a day is one interval from time_begin: an open
            // moment before `got` would show at `start` or at some day's
            // time_begin after it.
            let midnight = |t: i64| t - (t + 3 * 3600).rem_euclid(86_400);
            let begin_of = |day: i64| day + i64::from(w.time_begin.hour()) * 3600 + i64::from(w.time_begin.minute()) * 60;
            let limit = got.unwrap_or(start + 80 * 86_400);
            let mut candidates = vec![start];
            let mut day = midnight(start);
            while day < limit {
                let b = begin_of(day);
                if b > start && b < limit { candidates.push(b); }
                day += 86_400;
            }
            for c in candidates {
                prop_assert!(!open_at(&w, days, c) || Some(c) == got, "open at {} before {:?}", c, got);
            }
            if let Some(g) = got {
                prop_assert!(g >= start && open_at(&w, days, g));
            }
        }
    }
}

/// Texts shaped like IP and socket addresses, valid and nearly so.
fn address_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-fA-F:.%\\[\\]]{0,46}",
        "[0-9]{1,4}(\\.[0-9]{1,4}){0,4}(:[0-9]{0,6})?",
        "\\[?[0-9a-f]{0,5}(:{1,2}[0-9a-f]{0,5}){0,9}(:[0-9]{1,3}(\\.[0-9]{1,3}){3})?(%[0-9]{0,11})?(\\]:[0-9]{0,7})?",
        any::<[u8; 4]>().prop_map(|o| std::net::Ipv4Addr::from(o).to_string()),
        any::<[u16; 8]>().prop_map(|g| std::net::Ipv6Addr::from(g).to_string()),
        (any::<[u16; 8]>(), any::<u16>(), any::<u32>()).prop_map(|(g, p, s)| {
            std::net::SocketAddrV6::new(g.into(), p, 0, if s % 3 == 0 { 0 } else { s }).to_string()
        }),
        (any::<[u8; 4]>(), any::<u16>()).prop_map(|(o, p)| format!("{}:{p:05}", std::net::Ipv4Addr::from(o))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// santral's address grammar (`santral::net`) reads exactly what
    /// `core::net`'s `FromStr` reads, to the same value.
    #[test]
    fn addresses_read_as_core_net_reads_them(s in address_like()) {
        prop_assert_eq!(santral::net::parse_ipv4(&s), s.parse::<std::net::Ipv4Addr>().ok());
        prop_assert_eq!(santral::net::parse_ipv6(&s), s.parse::<std::net::Ipv6Addr>().ok());
        prop_assert_eq!(santral::net::parse_ip(&s), s.parse::<std::net::IpAddr>().ok());
        prop_assert_eq!(santral::net::parse_socket_addr(&s), s.parse::<std::net::SocketAddr>().ok());
    }
}
