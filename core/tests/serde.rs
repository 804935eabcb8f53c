//! The `serde` feature: santral's values through `serde_json` (std) and
//! `serde-json-core` (no_std, into a caller's buffer).
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use santral::diag::Collector;
use santral::phone::Phone;
use serde::Deserialize;
use serde_json::{json, Value};

fn vendor(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/vendor/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[derive(Debug, Deserialize)]
struct Customer<'a> {
    name: &'a str,
    phone: Phone,
    #[serde(borrow)]
    target: Option<santral::target::Target<'a>>,
    lang: Option<santral::lexical::Lang>,
    since: Option<santral::time::Date>,
    at: Option<santral::time::Time>,
    days: Option<santral::time::Weekdays>,
    id: Option<santral::lexical::Id>,
}

#[test]
fn a_struct_of_santral_values_rejects_a_bad_value_with_santrals_code() {
    let ok: Customer<'_> = serde_json::from_str(
        r#"{"name":"Ayşe","phone":"05321234567","target":"queue/201","lang":"tr-TR",
            "since":"2026-12-01","at":"09:30","days":[1,2,3,4,5],"id":42}"#,
    )
    .unwrap();
    assert_eq!(ok.name, "Ayşe");
    assert_eq!(ok.phone, Phone::parse("05321234567").unwrap());
    #[derive(Debug, Deserialize)]
    struct Typed {
        #[serde(deserialize_with = "santral::serde_impls::with::lenient_phone")]
        phone: Phone,
    }
    let t: Typed = serde_json::from_str(r#"{"phone":"+90 (533) 497-97-14"}"#).unwrap();
    assert_eq!(t.phone, Phone::parse("05334979714").unwrap());
    let e = serde_json::from_str::<Typed>(r#"{"phone":"0532 123 45 6"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("phone.too_short"), "{e}");
    assert_eq!(ok.target.unwrap().to_string(), "queue/201");
    assert_eq!(ok.lang, Some(santral::lexical::Lang::TrTr));
    assert_eq!(ok.since.unwrap().to_string(), "2026-12-01");
    assert_eq!(ok.at.unwrap().to_string(), "09:30");
    assert_eq!(ok.days.unwrap().to_string(), "[1,2,3,4,5]");
    assert_eq!(ok.id.unwrap().get(), 42);

    for (body, code) in [
        (r#"{"name":"x","phone":"053212345"}"#, "phone.too_short"),
        (
            r#"{"name":"x","phone":"0532 123 45 67"}"#,
            "phone.invalid_character",
        ),
        (
            r#"{"name":"x","phone":"05321234567","id":"42"}"#,
            "invalid type",
        ),
        (
            r#"{"name":"x","phone":"05321234567","target":"usr/1000"}"#,
            "target.unknown_kind",
        ),
        (
            r#"{"name":"x","phone":"05321234567","since":"2026-02-30"}"#,
            "date.",
        ),
        (
            r#"{"name":"x","phone":"05321234567","at":"25:00"}"#,
            "time.",
        ),
        (
            r#"{"name":"x","phone":"05321234567","days":[1,9]}"#,
            "weekday.out_of_range",
        ),
        (
            r#"{"name":"x","phone":"05321234567","days":[]}"#,
            "weekdays.empty",
        ),
        (r#"{"name":"x","phone":"05321234567","id":0}"#, "id."),
        (
            r#"{"name":"x","phone":"05321234567","lang":"tr"}"#,
            "unknown variant",
        ),
    ] {
        let e = serde_json::from_str::<Customer<'_>>(body)
            .unwrap_err()
            .to_string();
        assert!(e.contains(code), "{body}: {e}");
    }
    // The no_std deserializer says the same.
    let e = serde_json_core::from_str::<Customer<'_>>(r#"{"name":"x","phone":"053212345"}"#);
    assert!(e.is_err());
}

#[test]
fn a_call_event_from_a_form_body_serializes_into_a_callers_buffer() {
    let body = b"event_type=answer&direction=inbound&domain_id=429&caller_id_number=905334979714\
&destination_number=908505320000&connected_user=1001&call_uuid=abc-123&answer_stamp=2026-12-01+09%3A00%3A05\
&hangup_cause=NORMAL_CLEARING&queue=Destek+%C3%87a%C4%9Fr%C4%B1";
    let mut sink: Collector<8> = Collector::new();
    let e = santral::event::CallEvent::parse(body, &mut sink).unwrap();
    let mut buf = [0u8; 2048];
    let n = serde_json_core::to_slice(&e, &mut buf).unwrap();
    let v: Value = serde_json::from_slice(&buf[..n]).unwrap();
    assert_eq!(
        v,
        serde_json::to_value(e).unwrap(),
        "the two serializers agree"
    );
    assert_eq!(v["event_type"], "answer");
    assert_eq!(v["domain_id"], 429);
    assert_eq!(v["caller_id_number"], "+905334979714");
    assert_eq!(v["connected_user"], "1001");
    assert_eq!(v["call_uuid"], "abc-123");
    assert_eq!(v["answer_stamp"], "2026-12-01 09:00:05");
    assert_eq!(v["hangup_cause"], "NORMAL_CLEARING");
    assert_eq!(v["queue"], "Destek Çağrı");
    assert_eq!(v["end_stamp"], Value::Null);
    // Too small a buffer is an error, not a panic or a cut document.
    assert!(serde_json_core::to_slice(&e, &mut [0u8; 40]).is_err());
}

#[test]
fn every_message_serializes_with_its_fields() {
    let mut sink: Collector<16> = Collector::new();
    let report = santral::report::CampaignReport::parse(
        b"notification_id=55&ivr_campaign_id=7&phone=905321234567&digit=%213&status=Cevapland%C4%B1&call_uuid=u-1",
        &mut sink,
    )
    .unwrap();
    let v = serde_json::to_value(report).unwrap();
    assert_eq!(
        (
            v["notification_id"].clone(),
            v["digit"].clone(),
            v["status"].clone()
        ),
        (json!(55), json!("!3"), json!("Cevaplandı"))
    );

    let q = santral::advisory::AdvisoryRequest::parse(
        b"uuid=u1&cli=05301234567&cld=08505321234&step=2&digits=12",
        None,
        &mut sink,
    )
    .unwrap();
    let v = serde_json::to_value(q).unwrap();
    assert_eq!(
        v,
        json!({"uuid":"u1","cli":"+905301234567","cld":"+908505321234","step":2,"digits":"12","error":null,"result":null})
    );

    // An advisory response: the vendor's own shape comes back out.
    let body = vendor("advisory_transfer_1.json");
    let action = santral::advisory::parse_response(&body, &mut sink).unwrap();
    let v = serde_json::to_value(action).unwrap();
    let vendor_json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["transfer"]["target"], vendor_json["transfer"]["target"]);
    let body = vendor("advisory_record_1.json");
    let action = santral::advisory::parse_response(&body, &mut sink).unwrap();
    assert!(serde_json::to_value(action).unwrap()["record"].is_object());

    let body = vendor("crm_settings.json");
    let settings = santral::crm::parse_settings(&body, &mut sink).unwrap();
    let v = serde_json::to_value(settings).unwrap();
    assert_eq!(
        v["ringing"],
        serde_json::from_slice::<Value>(&body).unwrap()["ringing"]
    );

    let body = vendor("cdr_list.json");
    let mut records = Vec::new();
    santral::cdr::read_list(&body, &mut sink, |r| {
        records.push(serde_json::to_value(r).unwrap());
        std::ops::ControlFlow::Continue(())
    });
    assert!(!records.is_empty());
    assert!(records
        .iter()
        .all(|r| r["call_uuid"].is_string() && r.get("caller_id_number").is_some()));

    let logo = santral::logo::LogoCall {
        call_unique_id: "A1",
        extension: Phone::parse_with("911", santral::phone::Options::DEFAULT).unwrap(),
        agent_id: None,
        caller_id: Phone::parse("905334979714").unwrap(),
        caller_form: santral::logo::CallerForm::National,
        keypress: santral::logo::Keypress::ShowCard,
    };
    let v = serde_json::to_value(logo).unwrap();
    assert_eq!(
        (v["caller_id"].clone(), v["keypress"].clone()),
        (json!("+905334979714"), json!("1"))
    );

    let tokens: Vec<Value> = santral::phrase::Phrase::new("#456 15/11/2017 73.56")
        .tokens()
        .map(|t| serde_json::to_value(t.unwrap()).unwrap())
        .collect();
    assert_eq!(tokens[0]["word"], json!({"Announcement": 456}));
    assert_eq!(tokens[1]["word"], json!({"Date": "2017-11-15"}));
    assert_eq!(
        tokens[2]["word"],
        json!({"Amount": {"lira": "73", "kurus": "56"}})
    );
    assert_eq!(tokens[2]["span"], json!({"start": 16, "end": 21}));
    assert!(
        sink.diagnostics()
            .iter()
            .all(|d| d.severity == santral::diag::Severity::Warning),
        "{:?}",
        sink.diagnostics()
    );
}

#[test]
fn a_diagnostic_and_a_report_serialize_without_the_inputs_text() {
    let body = br#"{"key":"K12345678-1234-5678-4321-123456789012","name":"Gizli Kampanya","phone_list":[{"phone":"0532"}]}"#;
    let mut sink: Collector<16> = Collector::new();
    let report = santral::check::check(
        santral::check::Kind::Campaign,
        body,
        &Default::default(),
        &mut sink,
    );
    let r = serde_json::to_value(&report).unwrap();
    assert_eq!(
        (r["kind"].clone(), r["valid"].clone()),
        (json!("campaign"), json!(false))
    );
    assert!(r["summary"].is_object());
    let diagnostics: Vec<Value> = sink
        .diagnostics()
        .iter()
        .map(|d| serde_json::to_value(d).unwrap())
        .collect();
    let phone = diagnostics
        .iter()
        .find(|d| d["code"] == "phone.too_short")
        .unwrap();
    assert_eq!(phone["path"], "phone_list[0].phone");
    assert_eq!(phone["severity"], "error");
    assert_eq!(phone["line"], 1);
    for d in &diagnostics {
        let text = d.to_string();
        assert!(
            !text.contains("Gizli") && !text.contains("0532") && !text.contains("K1234"),
            "{text}"
        );
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "code",
                "column",
                "end",
                "line",
                "message",
                "offset",
                "path",
                "related",
                "severity",
                "suggestion"
            ]
        );
    }
    // The same through the no_std serializer.
    let mut buf = [0u8; 512];
    let n = serde_json_core::to_slice(&sink.diagnostics()[0], &mut buf).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&buf[..n]).unwrap(),
        diagnostics[0]
    );
}

#[test]
fn value_types_round_trip() {
    fn round<T>(v: T) -> T
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let text = serde_json::to_string(&v).unwrap();
        let back: T = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v, "{text}");
        // And through serde-json-core.
        let mut buf = [0u8; 128];
        let n = serde_json_core::to_slice(&v, &mut buf).unwrap();
        let (again, _) = serde_json_core::from_slice::<T>(&buf[..n]).unwrap();
        assert_eq!(again, v, "{text}");
        v
    }
    for p in [
        "05321234567",
        "02129630131",
        "4441234",
        "1001",
        "+49 30 2759 0915",
    ] {
        round(
            Phone::parse_with(
                p,
                santral::phone::Options {
                    lenient: true,
                    ..santral::phone::Options::DEFAULT
                },
            )
            .unwrap(),
        );
    }
    round(santral::time::Date::parse("2026-12-01").unwrap());
    round(santral::time::Time::parse("09:30").unwrap());
    round(santral::time::Timestamp::parse("2026-12-01 09:00:00 +0300").unwrap());
    round(santral::time::Weekdays::from_numbers([1, 3, 7], |_, _| {}));
    round(santral::lexical::Id::parse("7").unwrap());
    for l in santral::lexical::Lang::ALL {
        round(*l);
    }
    for k in santral::event::EventType::ALL {
        round(*k);
    }
    // Borrowed ones from borrowed text.
    for t in ["queue/201", "user/1001", "external/05321234567", "restart"] {
        let target =
            santral::target::Target::parse(t, santral::target::TargetContext::Campaign).unwrap();
        let text = serde_json::to_string(&target).unwrap();
        let back: santral::target::Target<'_> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, target);
    }
    let e: santral::lexical::Extension<'_> = serde_json::from_str("\"1001\"").unwrap();
    assert_eq!(serde_json::to_string(&e).unwrap(), "\"1001\"");
    // A key is masked on the way out.
    let k: santral::lexical::ApiKey<'_> =
        serde_json::from_str("\"K12345678-1234-5678-4321-123456789012\"").unwrap();
    assert_eq!(serde_json::to_string(&k).unwrap(), "\"K1234…9012\"");
}

#[test]
fn an_advisory_response_deserialized_with_serde_json_core_equals_the_cores_own_parse() {
    let mut sink: Collector<8> = Collector::new();
    // The vendor's examples that are JSON (the two prompt examples have a
    // trailing comma, which neither reader accepts).
    for name in [
        "advisory_transfer_1.json",
        "advisory_transfer_2.json",
        "advisory_record_1.json",
        "advisory_record_2.json",
        "advisory_speech_to_text.json",
    ] {
        let body = vendor(name);
        let ours = santral::advisory::parse_response(&body, &mut sink).unwrap();
        let (theirs, _) =
            serde_json_core::from_slice::<santral::advisory::Action<'_>>(&body).unwrap();
        assert_eq!(theirs, ours, "{name}");
        let std: santral::advisory::Action<'_> = serde_json::from_slice(&body).unwrap();
        assert_eq!(std, ours, "{name}");
    }
    for prompt in ["advisory_prompt_1.json", "advisory_prompt_2.json"] {
        let fixed = String::from_utf8(vendor(prompt))
            .unwrap()
            .replace(",\n  }", "\n  }");
        let ours = santral::advisory::parse_response(fixed.as_bytes(), &mut sink).unwrap();
        let (theirs, _) =
            serde_json_core::from_str::<santral::advisory::Action<'_>>(&fixed).unwrap();
        assert_eq!(theirs, ours, "{prompt}");
    }
    // What serde writes reads back the same, every action (the vendor's
    // types: prompt counts as strings).
    for body in [
        &vendor("advisory_transfer_1.json")[..],
        &vendor("advisory_speech_to_text.json")[..],
        &vendor("advisory_record_2.json")[..],
        br#"{"prompt":{"announcement_id":"7","min_digits":"1","max_digits":"4","retry_count":"2","timeout":"5","service_url":"https://x.example/a","param_name":"no"}}"#,
    ] {
        let a = santral::advisory::parse_response(body, &mut sink).unwrap();
        let text = serde_json::to_string(&a).unwrap();
        let back: santral::advisory::Action<'_> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, a, "{text}");
        let mut buf = [0u8; 1024];
        let n = serde_json_core::to_slice(&a, &mut buf).unwrap();
        let (again, _) = serde_json_core::from_slice::<santral::advisory::Action<'_>>(&buf[..n]).unwrap();
        assert_eq!(again, a, "{text}");
    }
    // An escaped string: serde-json-core lends it with its escapes.
    let body = br#"{"transfer":{"target":"queue/201","greet_name":"Ay\u015fe"}}"#;
    let (a, _) = serde_json_core::from_slice::<santral::advisory::Action<'_>>(body).unwrap();
    assert_eq!(
        a,
        santral::advisory::parse_response(body, &mut sink).unwrap()
    );
    // The parser's rules, with santral's code in the error.
    for (body, code) in [
        (
            r#"{"transfer":{"target":"usr/1000"}}"#,
            "target.unknown_kind",
        ),
        (r#"{"transfer":{"greet_name":"x"}}"#, "json.missing_field"),
        (
            r#"{"prompt":{"announcement_id":"1","min_digits":"5","max_digits":"2","retry_count":"1"}}"#,
            "advisory.digits_range",
        ),
        (
            r#"{"prompt":{"min_digits":"1","max_digits":"2","retry_count":"1"}}"#,
            "advisory.prompt_source",
        ),
        (
            r#"{"prompt":{"announcement_id":"1","min_digits":"1","max_digits":"2","retry_count":"1","timeout":"60"}}"#,
            "advisory.timeout_range",
        ),
        (
            r#"{"speech_to_text":{"announcement_id":"1","recognation_duration":11}}"#,
            "advisory.recognation_duration_range",
        ),
        (r#"{"record":{"announcement_id":"0"}}"#, "id.invalid"),
        (
            r#"{"transfer":{"target":"queue/201"},"record":{}}"#,
            "advisory.multiple_actions",
        ),
        (r#"{}"#, "advisory.no_action"),
    ] {
        let e = serde_json_core::from_str::<santral::advisory::Action<'_>>(body);
        assert!(e.is_err(), "{body}");
        let e = serde_json::from_str::<santral::advisory::Action<'_>>(body)
            .unwrap_err()
            .to_string();
        assert!(e.contains(code), "{body}: {e}");
        let mut sink: Collector<8> = Collector::new();
        assert!(
            santral::advisory::parse_response(body.as_bytes(), &mut sink).is_none(),
            "{body}"
        );
    }
}
