//! Every diagnostic code is reachable through the public API: each is
//! triggered here by a real input, and the test fails if a code is added
//! that nothing in this list produces.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;

use santral::diag::{Code, Collector};
use santral::form::{Fields, Form};
use santral::lexical::{
    parse_boolish, ApiKey, CallUuid, Email, Extension, Id, Lang, OnOff, TtsText, Url,
};
use santral::phone::{Options, Phone};
use santral::phrase::Phrase;
use santral::target::{Target, TargetContext};
use santral::time::{Date, Duration, Time, Timestamp, Weekdays, Window};

fn code<T: std::fmt::Debug>(r: Result<T, santral::Error>) -> Code {
    r.unwrap_err().code
}

#[test]
fn every_code_is_triggered_by_some_input() {
    let mut seen = BTreeSet::new();
    let long = "x".repeat(3000);
    // Lexical elements.
    seen.insert(code(Id::parse("")));
    seen.insert(code(Id::parse("007")));
    seen.insert(code(Id::parse("99999999999999999999")));
    seen.insert(code(Extension::parse("1")));
    seen.insert(code(Lang::parse("tr")));
    seen.insert(code(ApiKey::parse("")));
    seen.insert(code(ApiKey::parse(&long[..65])));
    seen.insert(code(ApiKey::parse("K1 2")));
    seen.insert(ApiKey::parse("K_1").unwrap().warning().unwrap().code);
    seen.insert(ApiKey::parse("K1").unwrap().warning().unwrap().code);
    seen.insert(code(CallUuid::parse("")));
    seen.insert(code(Url::parse("ftp://a.b")));
    seen.insert(code(Url::parse("https://")));
    seen.insert(code(Url::parse("https://a.b/ c")));
    seen.insert(code(Url::parse(&format!("https://a.b/{long}"))));
    seen.insert(code(Email::parse("isim")));
    seen.insert(code(Email::parse(&format!("{long}@a.com"))));
    seen.insert(code(OnOff::parse("On")));
    seen.insert(code(parse_boolish("yes")));
    seen.insert(code(TtsText::parse("")));
    seen.insert(code(TtsText::parse(&long[..301])));
    // Phones.
    for s in [
        "",
        "0532-123",
        "0532123",
        "053212345678",
        "+8091234567",
        "+112345678",
        "+904441234",
        "1001",
        "01234567890",
    ] {
        seen.insert(code(Phone::parse(s)));
    }
    seen.insert(Phone::parse("05651236547").unwrap().warning().unwrap());
    assert!(Phone::parse_with("1001", Options::STRICT_OR_EXTENSION).is_ok());
    // Targets.
    for (s, ctx) in [
        ("", TargetContext::Advisory),
        ("usr/1000", TargetContext::Campaign),
        ("restart", TargetContext::Advisory),
        ("user/", TargetContext::Campaign),
        ("fax/", TargetContext::Campaign),
        ("hangup/now", TargetContext::Campaign),
        ("tts/tr-TR", TargetContext::Campaign),
    ] {
        seen.insert(code(Target::parse(s, ctx)));
    }
    // Phrases.
    seen.extend(Phrase::new("merhaba 30/02/2017").errors().map(|e| e.code));
    // Times.
    seen.insert(code(Date::parse("2022/01/01")));
    seen.insert(code(Date::parse("2022-02-30")));
    seen.insert(code(Time::parse("9")));
    seen.insert(code(Time::parse("25:00")));
    seen.insert(code(Timestamp::parse("2017-08-03T12:30:32")));
    seen.insert(code(Timestamp::parse("2017-08-03 25:30:32")));
    seen.insert(code(Duration::parse("00:0:35")));
    Weekdays::from_numbers([8, 1, 1], |_, c| {
        seen.insert(c);
    });
    Weekdays::from_numbers([], |_, c| {
        seen.insert(c);
    });
    let d = |s| Date::parse(s).ok();
    let t = |s| Time::parse(s).ok();
    let w = Window::resolve(
        d("2022-01-02").unwrap(),
        None,
        d("2022-01-01"),
        t("10:00"),
        t("09:00"),
    );
    seen.extend(w.problems());
    // Form bodies.
    seen.extend(Form::new(b"a=%zz&b=%FF").errors().map(|e| e.code));
    let mut sink: Collector<4> = Collector::new();
    Fields::scan(Form::new(b"a=1&a=2"), &["a"], &mut sink);
    seen.extend(sink.diagnostics().iter().map(|d| d.code));

    let missing: Vec<_> = Code::ALL
        .iter()
        .filter(|c| !seen.contains(c))
        .map(|c| c.id())
        .collect();
    assert!(
        missing.is_empty(),
        "codes no test input triggers: {missing:?}"
    );
}
