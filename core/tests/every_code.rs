//! Every diagnostic code is reachable through the public API: each is
//! triggered here by a real input, and the test fails if a code is added
//! that nothing in this list produces.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::Location;

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

fn dcode(r: Result<(), santral::Diagnostic>) -> Code {
    r.unwrap_err().code
}

/// The codes seen, each with the line of this file that first reported it
/// (the book's codes page shows that statement as the code's example).
#[derive(Default)]
struct Seen(BTreeMap<Code, u32>);

impl Seen {
    #[track_caller]
    fn insert(&mut self, c: Code) {
        let line = Location::caller().line();
        self.0.entry(c).or_insert(line);
    }

    #[track_caller]
    fn extend(&mut self, codes: impl IntoIterator<Item = Code>) {
        let line = Location::caller().line();
        for c in codes {
            self.0.entry(c).or_insert(line);
        }
    }

    fn contains(&self, c: &Code) -> bool {
        self.0.contains_key(c)
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The statements of this file's test (as indented here) that produce the code reported on
/// `line`: the statement itself and the ones before it that set it up (up
/// to the previous statement that records a code, a comment or a blank).
fn statement(src: &[&str], line: u32) -> String {
    let at = (line as usize).saturating_sub(1).min(src.len() - 1);
    let top = |i: usize| {
        let l = src[i];
        indent(l) == 4 && !l.trim_start().starts_with(['}', ')', ']', '.'])
    };
    let start_of = |mut i: usize| {
        while i > 0 && !top(i) {
            i -= 1;
        }
        i
    };
    let mut start = start_of(at);
    while start > 0 {
        let prev = src[start - 1].trim();
        if prev.is_empty() || prev.starts_with("//") {
            break;
        }
        let s = start_of(start - 1);
        if src[s..start].iter().any(|l| l.contains("seen.")) {
            break;
        }
        start = s;
    }
    let mut end = at;
    while end + 1 < src.len() {
        let l = src[end];
        if indent(l) <= 4 && (l.trim_end().ends_with(';') || l.trim_end().ends_with('}')) {
            break;
        }
        end += 1;
    }
    src[start..=end]
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The smallest conformance vector whose expected answer holds each code.
fn vectors() -> BTreeMap<String, (String, String, serde_json::Value)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../conformance/vectors.jsonl");
    let quoted: Vec<(Code, String)> = Code::ALL
        .iter()
        .map(|c| (*c, format!("\"{}\"", c.id())))
        .collect();
    // Each code's smallest vector so far, with the size of its arguments.
    let mut best: BTreeMap<String, (usize, String, String, serde_json::Value)> = BTreeMap::new();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["entry"] == "codes" {
            continue;
        }
        let expected = v["expected"].to_string();
        let size = v["args"].to_string().len();
        for (c, q) in &quoted {
            if expected.contains(q.as_str())
                && best.get(c.id()).is_none_or(|(have, ..)| size < *have)
            {
                best.insert(
                    c.id().to_owned(),
                    (
                        size,
                        v["id"].as_str().unwrap().to_owned(),
                        v["entry"].as_str().unwrap().to_owned(),
                        v["args"].clone(),
                    ),
                );
            }
        }
    }
    best.into_iter()
        .map(|(code, (_, id, entry, args))| (code, (id, entry, args)))
        .collect()
}

/// `v` with every object's keys in sorted order, whichever order the
/// build's serde_json keeps (the workspace turns on `preserve_order`).
fn sorted(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = serde_json::Map::new();
            for k in keys {
                out.insert(k.clone(), sorted(&m[k]));
            }
            serde_json::Value::Object(out)
        }
        serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// Writes (`SANTRAL_BLESS=1`) or checks the book's page of every code.
fn codes_page(seen: &Seen) {
    let src_text = include_str!("every_code.rs");
    let src: Vec<&str> = src_text.lines().collect();
    let vectors = vectors();
    let mut out = String::from(
        "<!-- Generated by core/tests/every_code.rs: do not edit; rewrite with \
         SANTRAL_BLESS=1 cargo test -p santral-core --test every_code -->\n\n\
         # Every diagnostic code\n\n\
         Every code the core can report, with its severity, its English and Turkish \
         message, and an input that triggers it: a conformance vector (the same input \
         through every face: `conformance/vectors.jsonl`, entry and arguments as the \
         runners take them) where one holds the code, otherwise the statement of \
         `core/tests/every_code.rs` that triggers it through the Rust API. A code's id \
         never changes meaning once released; new codes are added at the end of their \
         family.\n",
    );
    let mut family = "";
    for c in Code::ALL {
        let fam = c.id().split('.').next().unwrap_or("");
        if fam != family {
            family = fam;
            write!(out, "\n## `{fam}`\n").unwrap();
        }
        write!(
            out,
            "\n### `{}`\n\n{} — {}\\\n*tr:* {}\n\n",
            c.id(),
            c.severity(),
            c.message().replace('<', "&lt;"),
            c.message_tr().replace('<', "&lt;")
        )
        .unwrap();
        if let Some((id, entry, args)) = vectors.get(c.id()) {
            write!(
                out,
                "Vector `{id}` (entry `{entry}`):\n\n<!-- readme: vector {id} -->\n```json\n{}\n```\n",
                serde_json::to_string_pretty(&sorted(args)).unwrap()
            )
            .unwrap();
        } else {
            let line = seen.0[c];
            write!(
                out,
                "`core/tests/every_code.rs`, line {line}:\n\n<!-- readme: file core/tests/every_code.rs -->\n```rust\n{}\n```\n",
                statement(&src, line)
            )
            .unwrap();
        }
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/src/reference/generated/codes.md"
    );
    if std::env::var_os("SANTRAL_BLESS").is_some() {
        std::fs::write(path, &out).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == out,
        "docs/src/reference/generated/codes.md is stale: SANTRAL_BLESS=1 cargo test -p santral-core --test every_code"
    );
}

#[test]
fn every_code_is_triggered_by_some_input() {
    let mut seen = Seen::default();
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
        "+4612345678901",
        "+904441234",
        "1001",
        "01234567890",
    ] {
        seen.insert(code(Phone::parse(s)));
    }
    seen.insert(Phone::parse("05651236547").unwrap().warning().unwrap());
    // The world plans: an unknown region.
    seen.insert(
        Options::DEFAULT
            .with_region_text(Some("XY"))
            .unwrap_err()
            .code,
    );
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

    // JSON syntax.
    for doc in [
        "",
        "[@]",
        "[1 2]",
        "{\"a\" 1}",
        "{1:2}",
        "[1,]",
        "[1}",
        "\"\\x\"",
        "\"a\nb\"",
        "[01]",
        "[tru]",
        "{} x",
    ] {
        let mut r = santral::json::Reader::new(doc.as_bytes());
        if let Some(e) = std::iter::from_fn(|| r.next_token()).find_map(Result::err) {
            seen.insert(e.code);
        }
    }
    let deep = "[".repeat(santral::json::MAX_DEPTH + 1);
    let mut r = santral::json::Reader::new(deep.as_bytes());
    seen.extend(
        std::iter::from_fn(|| r.next_token())
            .filter_map(Result::err)
            .map(|e| e.code),
    );
    let mut r = santral::json::Reader::new(&[b'"', 0xFF, b'"']);
    seen.extend(
        std::iter::from_fn(|| r.next_token())
            .filter_map(Result::err)
            .map(|e| e.code),
    );
    // Message documents.
    let key = "K12345678-1234-5678-4321-123456789012";
    let campaigns = [
        format!(
            r#"{{"key":"{key}","call_type":"ivr","name":" ","thread_multiplier":0,"max_thread_count":0,"ring_timeout":1,"call_retries":-1,"digit_timeout":0,"is_commercial":true,"iys_recipient_type":"X","iys_brand_code":"","phone_list":[],"name":"n","digit_target0":"","active_days":{{}},"welcome_announcement_id":[]}}"#
        ),
        format!(
            r#"{{"key":"{key}","call_type":"queue","name":"q","digit_target_1":"user/1000","phone_list":[{{"phone":"05321234567"}},{{"phone":"05321234567"}},{{"phone":"05331234567"}},{{"phone":1}}],"recording_enabled":3,"date_range_begin":2,"call_retries":"x","is_commercial":[]}}"#
        ),
        format!(
            r#"{{"key":"{key}","call_type":"ivr","name":"q","queue_number":204,"phone_list":[{{}},7],"x":[1.5]}}"#
        ),
        r#"{"call_type":"x"}"#.to_string(),
    ];
    for body in &campaigns {
        let mut sink: Collector<64> = Collector::new();
        let mut table = [santral::campaign::LeadSlot::default(); 2];
        santral::campaign::validate_with_duplicates(
            body.as_bytes(),
            &santral::campaign::Options::default(),
            &mut table,
            &mut sink,
        );
        seen.extend(sink.diagnostics().iter().map(|d| d.code));
    }
    let mut sink: Collector<8> = Collector::new();
    let mut table = [santral::campaign::LeadSlot::default(); 1];
    santral::campaign::validate_with_duplicates(
        campaigns[1].as_bytes(),
        &santral::campaign::Options::default(),
        &mut table,
        &mut sink,
    );
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    let mut sink: Collector<8> = Collector::new();
    santral::campaign::validate(
        br#"{"date_range_end":"2020-01-31","date_range_begin":"2020-01-01"}"#,
        &santral::campaign::Options {
            today: Date::from_ymd(2022, 9, 1),
        },
        &mut sink,
    );
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    let mut sink: Collector<32> = Collector::new();
    santral::event::CallEvent::parse(
        b"event_type=x&direction=x&sip_hangup_disposition=x&hangup_cause=X",
        &mut sink,
    );
    santral::report::CampaignReport::parse(b"digit=xx", &mut sink);
    seen.insert(
        santral::campaign::LeadStream::begin(&mut String::new(), r#"{"phone_list":[]}"#)
            .unwrap_err()
            .diagnostic()
            .unwrap()
            .code,
    );
    // A typed parser given the verification ping has no event to return.
    santral::event::CallEvent::parse(b"{}", &mut sink);
    santral::advisory::AdvisoryRequest::parse(b"step=0&digits=x", None, &mut sink);
    for body in [
        "{}",
        r#"{"transfer":{"target":"queue/1"},"record":{}}"#,
        r#"{"record":{"announcement_id":1,"phrase":"x"}}"#,
        r#"{"prompt":{"phrase_speed":9,"min_digits":3,"max_digits":2,"timeout":0,"retry_count":-1,"param_name":"1"}}"#,
        r#"{"prompt":{"param_name":"cli","phrase_speed":"x"}}"#,
        r#"{"speech_to_text":{"recognation_duration":0}}"#,
    ] {
        santral::advisory::parse_response(body.as_bytes(), &mut sink);
    }
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    // Logo CRM, originate, replies.
    let mut sink: Collector<32> = Collector::new();
    santral::logo::parse(br#"{"agentId":" ","keypress":"9"}"#, &mut sink);
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    let mut sink: Collector<4> = Collector::new();
    let event = santral::event::CallEvent::parse(
        b"event_type=answer&direction=inbound&caller_id_number=05321234567&call_uuid=1",
        &mut sink,
    )
    .unwrap();
    seen.insert(code(santral::logo::from_event(
        &event,
        &santral::logo::LogoOptions::default(),
    )));
    let mut o = santral::originate::Originate::new(
        key,
        Extension::parse("1001").unwrap(),
        Phone::parse("05321234567").unwrap(),
    );
    o.timeout = Some(1);
    seen.insert(dcode(o.check()));
    use santral::response::{classify, Expect};
    for (status, body) in [
        (400, "Gecersiz anahtar: x"),
        (400, "name can't be blank"),
        (400, "Cannot find ivr_campaign with ID 1"),
        (400, "extension 1 not found"),
        (404, "cannot find call with call_uuid x"),
        (400, "INVALID_JSON"),
        (400, "phone_list[0].phone can't be blank"),
        (400, "limit is invalid: limit must be 10 to 100"),
        (400, "webhook_url did not answer the test POST with 200"),
        (429, "Too Many Requests"),
        (404, "Not Found"),
        (500, "?"),
    ] {
        seen.insert(classify(status, body, Expect::Ok).unwrap_err().code());
    }
    // OpenCart.
    let mut sink: Collector<32> = Collector::new();
    for q in [
        "route=api/verimor/nope",
        "route=api/verimor/update_order_status&order_id=1&status=99",
        "route=api/verimor/list_orders&date_added=2024-01-01 00:00:00 UTC",
    ] {
        santral::opencart::parse_request(q.as_bytes(), &mut sink);
    }
    santral::opencart::parse_reply(b"[true]", &mut sink);
    santral::opencart::parse_reply(
        br#"[[{"order_id":0,"telephone":"05321234567","order_status_id":"x"},{"order_id":2,"telephone":"05321234567","payment_method":"Havale"}]]"#,
        &mut sink,
    );
    santral::opencart::read_reply_to(
        santral::opencart::Exchange::Login,
        b"[false]",
        &mut sink,
        |_| {},
    );
    // A real OpenCart's wrong key, a customer's `yok`, an abandoned
    // checkout, an order added after the PBX's now (issue 31).
    santral::opencart::read_reply_to(santral::opencart::Exchange::Login, b"[]", &mut sink, |_| {});
    let mut late = Vec::new();
    santral::opencart::read_reply_to(
        santral::opencart::Exchange::Route(santral::opencart::Route::ListOrders),
        br#"[[{"order_id":"1","telephone":"yok"},{"order_id":"2","telephone":"05321234567","date_added":"2030-01-01 00:00:00"}]]"#,
        &mut sink,
        |l| late.extend(l.clock_warning(1_796_623_200)),
    );
    seen.extend(late.iter().map(|d| d.code));
    santral::opencart::read_reply_to(
        santral::opencart::Exchange::Route(santral::opencart::Route::GetOrderByTelephoneNumber),
        br#"{"order":{"order_id":"9","telephone":"05321234567","order_status_id":"0"},"status":"success"}"#,
        &mut sink,
        |_| {},
    );
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    seen.insert(code(santral::opencart::Cidr::parse("1.2.3.4/99")));
    // Order sync.
    let mut sink: Collector<64> = Collector::new();
    santral::order_sync::validate(
        b"nonsense\nfoo=1\noptimesApiKey=\noptimesApiKey=a\ncurrencies.1=ZZZ\nvatRates.1=200\n",
        &mut sink,
    );
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    // Call records.
    let mut sink: Collector<32> = Collector::new();
    santral::cdr::read_list(
        br#"{"cdrs":[{"duration":"00:00:10","talk_duration":"00:00:20","missed":"x"}]}"#,
        &mut sink,
        |_| std::ops::ControlFlow::Continue(()),
    );
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    let mut buf = [0u8; 64];
    santral::cdr::parse_query(b"key=K1&recording_present=maybe", &mut buf, &mut sink);
    seen.extend(sink.diagnostics().iter().map(|d| d.code));
    let ts = |s| Timestamp::parse(s).ok();
    let base = santral::cdr::Query::new(key);
    for q in [
        santral::cdr::Query {
            start_stamp_from: ts("2017-01-01 00:00:00 UTC"),
            start_stamp_to: ts("2017-03-01 00:00:00 UTC"),
            ..base
        },
        santral::cdr::Query {
            start_stamp_from: ts("2017-03-01 00:00:00 UTC"),
            start_stamp_to: ts("2017-01-01 00:00:00 UTC"),
            ..base
        },
        santral::cdr::Query {
            start_stamp_from: ts("2017-03-01 00:00:00 +0300"),
            ..base
        },
        santral::cdr::Query {
            limit: Some(1),
            ..base
        },
        santral::cdr::Query {
            page: Some(0),
            ..base
        },
    ] {
        seen.insert(dcode(q.check()));
    }

    // TOML and the gateway's configuration.
    let sink_ok = "\n[[sink]]\nkind = \"webhook\"\nurl = \"https://x.example/h\"\n";
    let mut configs: Vec<Vec<u8>> = [
        "k = 1 2\n", "= 1\n", "k = 1.5\n", "k = \"open\n", "k = \"\\q\"\n", "k = \"\u{1}\"\n",
        "k = yes\n", "k = 007\n", "k = [1,\n", "k = [1 2]\n", "k 1\n", "[sink\n",
        "listne = 1\nlisten = 1\nlisten = 2\nallow = 1\nmax_attempts = 0\nevents_path = \"x\"\nsecret = \"a b\"\ndatabase = \"x\"\n",
        "listen = \"x\"\nmax_attempts = \"1\"\n[[sink]]\nkind = \"nope\"\ncaller_form = \"x\"\ntrigger = \"x\"\nagents = 1\n",
        "listen = \"127.0.0.1:1\"\n",
        "ui_token = \"short\"\n",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    configs.push(b"k = \"\xff\"\n".to_vec());
    configs.push(sink_ok.repeat(17).into_bytes());
    for config in &configs {
        let mut sink: Collector<64> = Collector::new();
        santral::gateway::read(config, &mut sink);
        seen.extend(sink.diagnostics().iter().map(|d| d.code));
    }
    // Every operation's parameters and its documented failures.
    use santral::api::{Call, Operation as O};
    for (op, params) in [
        (O::Transfer, &[("user_nmber", "1000")][..]),
        (
            O::Bridge,
            &[
                ("source", "905321234567"),
                ("destination", "905321234567"),
                ("timeout", "5"),
                ("recording_enabled", "no"),
            ],
        ),
        (
            O::CreateContact,
            &[
                ("name", "x\u{1}"),
                ("phone", "05321234567"),
                ("gender", "x"),
                ("birthday", "1.1.1990"),
                ("monthly_sms_day", "9"),
            ],
        ),
        (
            O::CreateAnnouncement,
            &[("name", "x"), ("sounddata", "SUQz")],
        ),
        (
            O::UpdateAnnouncement,
            &[
                ("id", "1"),
                ("name", "x"),
                ("sounddata", "data:audio/mp3;base64,A+"),
            ],
        ),
        (
            O::UpdateAnnouncement,
            &[
                ("id", "1"),
                ("name", "x"),
                ("sounddata", "data:text/plain;base64,AA"),
            ],
        ),
    ] {
        let mut sink: Collector<64> = Collector::new();
        Call::new(op, santral::api::SAMPLE_KEY, params).check(&mut sink);
        seen.extend(sink.diagnostics().iter().map(|d| d.code));
    }
    for op in O::ALL {
        for f in op.spec().failures {
            let mut sink: Collector<4> = Collector::new();
            if let Err(e) = op.read_reply(f.status, f.text.as_bytes(), &mut sink) {
                seen.insert(e.code());
            }
        }
    }
    let missing: Vec<_> = Code::ALL
        .iter()
        .filter(|c| !seen.contains(c))
        .map(|c| c.id())
        .collect();
    assert!(
        missing.is_empty(),
        "codes no test input triggers: {missing:?}"
    );
    codes_page(&seen);
}
