//! The conformance vectors: inputs across every entry point of santral,
//! each with the outcome the core gives, in one file
//! (`conformance/vectors.jsonl`) that every face is run against.
//!
//! A vector is one JSON object per line:
//! `{"id": "phone-007", "entry": "phone", "args": {…}, "expected": {…}}`.
//! `entry` names the entry point (see [`ENTRIES`]); `args` holds its
//! input and options (an option that is `null` or absent means the
//! core's default, which every face must apply); `expected` is the
//! outcome, in the shapes documented in `conformance/README.md`. A text
//! that is not UTF-8 is given as `input_hex`.
//!
//! [`cases`] lists the inputs; [`outcome`] runs one through the core. The
//! test `tests/core.rs` regenerates the file and fails on any drift
//! (`SANTRAL_BLESS=1` rewrites it).
#![allow(clippy::indexing_slicing)] // Test data built from literals.
#![allow(clippy::result_large_err)] // Diagnostics are the outcomes compared.

use serde_json::{json, Map, Value as Json};

use santral::advisory::{self, ActionKind, Prompt, Record, Source, SpeechToText, Transfer};
use santral::check::{self, Kind, Options as CheckOptions};
use santral::diag::{Diagnostic, Path};
use santral::json::JsonStr;
use santral::lexical::{Id, Lang};
use santral::logo::{CallerForm, Keypress, LogoOptions, Trigger};
use santral::phone::{Options as PhoneOptions, Phone};
use santral::phrase::Phrase;
use santral::target::{Target, TargetContext};
use santral::time::Timestamp;

/// Every entry point the vectors cover. A face's runner says, for each,
/// whether the face has it; a face that gains an entry point must gain
/// its vectors (the runners' entry lists are checked against this one).
pub const ENTRIES: &[&str] = &[
    "phone",
    "same_number",
    "match_key",
    "target",
    "phrase",
    "check",
    "call_event",
    "campaign_report",
    "advisory_request",
    "transfer",
    "prompt",
    "record",
    "speech_to_text",
    "campaign_build",
    "logo",
    "codes",
    "api_request",
    "api_reply",
    "api_incoming",
    "api_route",
    "client_address",
    "form_fields",
    "receive",
    "advisory_answer",
];

pub mod api;
mod receiver;

/// The repository root.
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vendor(name: &str) -> Vec<u8> {
    std::fs::read(root().join("core/tests/vendor").join(name)).unwrap_or_default()
}

/// A diagnostic as the vectors write it (the message is the code's: it is
/// not repeated).
pub fn diag(d: &Diagnostic) -> Json {
    json!({
        "severity": d.severity.as_str(),
        "code": d.code.id(),
        "path": d.path.to_string(),
        "offset": d.span.start,
        "end": d.span.end,
        "line": d.line,
        "column": d.column,
        "suggestion": d.suggestion,
        "related": d.related.map(|r| json!([r.span.start, r.span.end, r.line, r.column])),
    })
}

fn obj(pairs: &[(&str, Json)]) -> Json {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert((*k).to_string(), v.clone());
    }
    Json::Object(m)
}

/// A text argument (`input`) or bytes (`input_hex` when not UTF-8).
fn text_arg(bytes: &[u8]) -> (&'static str, Json) {
    match std::str::from_utf8(bytes) {
        Ok(s) => ("input", json!(s)),
        Err(_) => (
            "input_hex",
            json!(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        ),
    }
}

/// The bytes of a vector's `input` / `input_hex`.
pub fn input_bytes(args: &Json) -> Vec<u8> {
    if let Some(s) = args.get("input").and_then(Json::as_str) {
        return s.as_bytes().to_vec();
    }
    let hex = args.get("input_hex").and_then(Json::as_str).unwrap_or("");
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

fn s<'a>(args: &'a Json, key: &str) -> Option<&'a str> {
    args.get(key).and_then(Json::as_str)
}

fn b(args: &Json, key: &str) -> Option<bool> {
    args.get(key).and_then(Json::as_bool)
}

fn u(args: &Json, key: &str) -> Option<u64> {
    args.get(key).and_then(Json::as_u64)
}

// ------------------------------------------------------------ the cases

/// Every input, as `(entry, args)`; ids are given in order.
pub fn cases() -> Vec<(&'static str, Json)> {
    let mut c: Vec<(&'static str, Json)> = Vec::new();
    let mut add = |entry: &'static str, args: Json| c.push((entry, args));

    // Phones: every form the vendor writes, hostile ones, in three contexts.
    let phones = [
        "905321234567",
        "05321234567",
        "5321234567",
        "+905321234567",
        "00905321234567",
        "00491234567",
        "00493027590915",
        "+44 20 7183 8750",
        "+442071838750",
        "4441234",
        "904441234",
        "+904441234",
        "08111234567",
        "05651236547",
        "02123205062",
        "03921234567",
        "08505321234",
        "0800 123 45 67",
        "08001234567",
        "09001234567",
        "05121234567",
        "05921234567",
        "1001",
        "911",
        "05321",
        "1234567",
        "04000000",
        "0532-123",
        "+90 (532) 123 45 67",
        "+90 (0) 532 123 45 67",
        "",
        "+",
        "x1",
        "053212345678",
        "9".repeat(30).leak(),
        "٠٥٣٢١٢٣٤٥٦٧",
        "0532 123 45 67 ",
        "+1 212 555 0100",
        "0090 532 123 45 67",
        "12",
        // 0532-123's neighbours (issue 30): a trunk prefix is never an extension.
        "0532-1234",
        "0532123",
        "0212-12",
        "053",
        "05",
        "5321",
    ];
    let contexts = [
        json!({}),
        json!({"lenient": true}),
        json!({"allow_extension": false}),
        json!({"extension_first": true}),
    ];
    for p in phones {
        for (i, o) in contexts.iter().enumerate() {
            // The extension contexts only matter for short digit strings.
            if i >= 2 && p.len() > 9 {
                continue;
            }
            let mut args = o.clone();
            args["input"] = json!(p);
            add("phone", args);
        }
    }
    // Numbers of other countries, read in their region (the `region`
    // option) and without one; unknown and odd region codes.
    for (input, region, lenient) in [
        ("030 27590915", Some("DE"), true),
        ("03027590915", Some("de"), false),
        ("03027590915", None, false),
        ("(202) 456-1111", Some("US"), true),
        ("2024561111", Some("US"), false),
        ("011 49 30 27590915", Some("US"), true),
        ("0049 30 27590915", Some("US"), true),
        ("07911 123456", Some("GB"), true),
        ("020 7183 8750", Some("GB"), true),
        ("+44 20 7183 8750", Some("DE"), true),
        ("011 15 2345 6789", Some("AR"), true),
        ("0 21 2345 6789", Some("BR"), true),
        ("8 800 555 35 35", Some("RU"), true),
        ("06 1234 5678", Some("IT"), true),
        ("(242) 357-0000", Some("BS"), true),
        ("12423570000", Some("US"), false),
        ("05321234567", Some("TR"), false),
        ("4441234", Some("TR"), false),
        ("1001", Some("DE"), false),
        ("030 27590915", Some("XY"), true),
        ("030 27590915", Some("D"), true),
        ("030 27590915", Some("001"), true),
        ("+80012345678", Some("001"), false),
        ("+80012345678", None, false),
        ("+882 1234 5678 90", None, true),
        ("+1 800 253 0000", None, true),
        ("+7 912 345 67 89", None, true),
        ("+39 06 1234 5678", None, true),
        ("+49 1234567", None, true),
        ("+62 21 1234 5678 9012 3", None, true),
        ("", Some("DE"), false),
        ("030 27590915", Some(""), true),
    ] {
        let mut args = json!({"input": input, "lenient": lenient});
        if let Some(r) = region {
            args["region"] = json!(r);
        }
        add("phone", args);
    }
    for (a, bb) in [
        ("05334979714", "5334979714"),
        ("05334979714", "905334979714"),
        ("05334979714", "+90 533 497 97 14"),
        ("05334979714", "05334979715"),
        ("1001", "1001"),
        ("1001", "01001"),
        ("+49 30 123456", "4930123456"),
        ("00493027590915", "+493027590915"),
        ("x", "x"),
        ("4441234", "904441234"),
        ("", ""),
        ("0212 963 01 31", "902129630131"),
    ] {
        add("same_number", json!({"a": a, "b": bb}));
    }
    for k in [
        "905334979714",
        "+90 533 497 97 14",
        "1001",
        "00493027590915",
        "4441234",
        "x",
        "",
        "(0212) 963 01 31",
        "+44 (0)20 7183 8750",
        "0532",
    ] {
        add("match_key", json!({"input": k}));
    }

    // Targets in both contexts, the seeds' and the newer set's styles.
    let targets = [
        "restart",
        "user/1000",
        "group/700",
        "queue/201",
        "ivr/10",
        "voicemail/1003",
        "announcement/421",
        "external/05321234567",
        "external/00491234567",
        "fax",
        "fax/isim@firmaadi.com.tr",
        "hangup/hangup",
        "hangup/busy",
        "tts/tr-TR/Bu bir test cümlesidir.",
        "tts/en-US/a/b/c",
        "",
        "usr/1000",
        "User/1000",
        "qeueu/1",
        "queue:201",
        "extension:1001",
        "hangup",
        "user",
        "user/",
        "restart/1",
        "fax/",
        "hangup/now",
        "tts/tr-TR",
        "tts/tr-tr/x",
        "tts/tr-TR/",
        "user/1",
        "ivr/0",
        "external/0532-123",
        "external/1000",
        "fax/nobody",
        "çağrı/1",
    ];
    for t in targets {
        for ctx in ["campaign", "advisory"] {
            add("target", json!({"input": t, "context": ctx}));
        }
    }
    add("target", json!({"input": "queue/201"}));
    let long_tts = format!("tts/tr-TR/{}", "ş".repeat(301));
    add("target", json!({"input": long_tts}));

    for p in [
        "#456 15/11/2017 #457 73.56 #458",
        "",
        "   ",
        "#456  15/11/2017",
        "#456 merhaba 31/02/2017",
        "çağrı #1 x",
        "Sayın müşterimiz 31/02/2017",
        "#0",
        "#12a",
        "1.234",
        "73.5",
        "73.567",
        "15/11/17",
        "29/02/2024",
        "29/02/2023",
        "#456\t#457",
        "🙂 #1",
        "1,5",
        "-1",
        "12345678901234567890",
    ] {
        add("phrase", json!({"input": p}));
    }

    // Payloads: every vendor example, mutations of each, and the options.
    let fixtures: &[(&str, &str)] = &[
        ("campaign", "campaign_ivr_seed004.json"),
        ("campaign", "campaign_queue_seed004.json"),
        ("advisory-response", "advisory_transfer_1.json"),
        ("advisory-response", "advisory_transfer_2.json"),
        ("advisory-response", "advisory_prompt_1.json"),
        ("advisory-response", "advisory_prompt_2.json"),
        ("advisory-response", "advisory_record_1.json"),
        ("advisory-response", "advisory_record_2.json"),
        ("advisory-response", "advisory_speech_to_text.json"),
        ("logo-crm", "logo_seed003_1.json"),
        ("logo-crm", "logo_seed003_2.json"),
        ("logo-crm", "logo_seed003_3.json"),
        ("cdr-list", "cdr_list.json"),
        ("cdr-detail", "cdr_detail.json"),
        ("crm-settings", "crm_settings.json"),
    ];
    let forms: &[(&str, &str)] = &[
        ("call-event", EVENT_RINGING),
        ("call-event", EVENT_ANSWER),
        ("call-event", EVENT_HANGUP),
        ("campaign-report", REPORT),
        ("advisory-request", ADVISORY_1),
        ("advisory-request", ADVISORY_2),
        // A withheld caller: every face's check reads it (cli_kind withheld).
        (
            "advisory-request",
            "uuid=651f8a68-782e-11e7-a6b6-5bedc26e2ab3&cli=&cld=08505321234&step=1",
        ),
        (
            "advisory-request",
            "uuid=651f8a68-782e-11e7-a6b6-5bedc26e2ab3&cli=anonymous&cld=08505321234&step=1",
        ),
        (
            "opencart-request",
            "route=api/verimor/get_order_by_telephone_number&telephone=05334979714",
        ),
        (
            "opencart-request",
            "route=update_order_status&order_id=12&status=2",
        ),
        (
            "opencart-request",
            "route=list_orders&date_added=2021-06-01 00:00:00",
        ),
        ("opencart-reply", r#"{"success":"Success: API session successfully started!","api_token":"a1b2c3"}"#),
        ("opencart-reply", r#"{"error":{"key":"Warning: Incorrect API Key!"}}"#),
        ("opencart-reply", r#"{"order":{"order_id":"12","telephone":"05334979714","order_status_id":"1","order_status":"Onay Bekliyor"},"status":"success"}"#),
        ("opencart-reply", r#"{"status":"not found"}"#),
        ("opencart-reply", r#"{"order":null}"#),
        ("opencart-reply", "[false]"),
        ("opencart-reply", r#"[[{"order_id":"3","firstname":"Ay\u015fe","telephone":"0533 497 97 14","date_added":"2026-12-01 09:12:00","total":"149.9000"}]]"#),
        ("opencart-reply", "[[{\"order_id\":\"3\",\"telephone\":\"0533 497 97 14\"},\n {\"order_id\":\"-1\",\"telephone\":\"+90 (533) 497-97-14\"},\n {\"order_id\":4,\"telephone\":\"yok\",\"payment_method\":\"Havale\"},\n {\"order_id\":5}]]"),
        ("opencart-reply", r#"[[{"order_id":"6","telephone":"05321234567","order_status_id":"7"}]]"#),
        ("opencart-reply", "<html><body>Fatal error</body></html>"),
        ("opencart-reply", "[true]"),
        ("opencart-reply", r#"{"order":[]}"#),
        ("order-sync-settings", ORDER_SYNC),
        ("gateway-config", GATEWAY_CONFIG),
        ("gateway-config", "listne = \"127.0.0.1:1\"\n[[sink]]\nkind = \"logo-cmr\"\nurl = \"ftp://x\"\nagents = { 1 = \"A\" }\n"),
        // Spans around a wide character: a key's place, an escape before it.
        ("gateway-config", "\n\u{131}5 = 1\n"),
        ("gateway-config", "listen = \"\\\u{131}\"\n"),
    ];
    let mut bodies: Vec<(&str, Vec<u8>)> = fixtures
        .iter()
        .map(|(k, f)| (*k, vendor(f)))
        .chain(forms.iter().map(|(k, f)| (*k, f.as_bytes().to_vec())))
        .collect();
    bodies.push(("campaign", fixed_campaign()));
    for (kind, body) in &bodies {
        let (k, v) = text_arg(body);
        add("check", obj(&[("kind", json!(kind)), (k, v)]));
    }
    for (kind, body) in &bodies {
        for m in mutations(body) {
            let (k, v) = text_arg(&m);
            add("check", obj(&[("kind", json!(kind)), (k, v)]));
        }
    }
    let fixed = String::from_utf8(fixed_campaign()).unwrap_or_default();
    let dup = DUPLICATE_CAMPAIGN;
    for extra in [
        json!({"today": "2022-09-01"}),
        json!({"today": "2023-02-29"}),
        json!({"today": "2022-9-1"}),
        json!({"max_diagnostics": 1}),
        json!({"max_diagnostics": 0}),
    ] {
        let mut args = json!({"kind": "campaign", "input": fixed});
        for (k, v) in extra.as_object().into_iter().flatten() {
            args[k] = v.clone();
        }
        add("check", args);
    }
    add("check", json!({"kind": "campaign", "input": dup}));
    add(
        "check",
        json!({"kind": "campaign", "input": dup, "duplicate_leads": 0}),
    );
    add(
        "check",
        json!({"kind": "campaign", "input": dup, "duplicate_leads": 1}),
    );
    let mut minified = fixed.replace(['\n', ' '], "");
    minified = minified.replace("\"05651236547\"", "\"056512365\"");
    add("check", json!({"kind": "campaign", "input": minified}));
    for (q, p) in [
        (ADVISORY_2, Some("musteri_no")),
        (ADVISORY_2, Some("step")),
        (ADVISORY_2, Some("9bad")),
        (
            "uuid=1&cli=05301234567&cld=08505321234&step=2&secim=12x",
            Some("secim"),
        ),
        (
            "uuid=1&cli=05301234567&cld=08505321234&step=2&digits=12x",
            None,
        ),
    ] {
        add(
            "check",
            json!({"kind": "advisory-request", "input": q, "param_name": p}),
        );
    }
    for kind in ["call-event", "campaign-report"] {
        for ping in ["", "{}", " { } \n"] {
            add("check", json!({"kind": kind, "input": ping}));
        }
    }
    add(
        "check",
        json!({"kind": "campaign-report", "input": REPORT.replace("status=Başarılı", "status=")}),
    );
    add(
        "check",
        json!({"kind": "campaign", "input": fixed.replace("\"is_commercial\" : false", "\"is_commercial\" : \"false\"")}),
    );

    // Typed webhooks.
    for body in [
        EVENT_RINGING,
        EVENT_ANSWER,
        EVENT_HANGUP,
        "event_type=hangup&direction=inbound&call_uuid=x&hangup_cause=NEW_CAUSE",
        "event_type=ringin&direction=inbound&call_uuid=1",
        "event_type=ringing&direction=&call_uuid=1",
        "",
        "{}",
        "event_type=answer&direction=inbound&call_uuid=1&connected_user=04000000&caller_id_number=%2B905321234567",
        "event_type=ringing&direction=inbound&call_uuid=1&start_stamp=2016-13-01 00:00:00",
    ] {
        add("call_event", json!({"input": body}));
    }
    let (k, v) = text_arg(b"event_type=ringing&\xff");
    add("call_event", obj(&[(k, v)]));
    for body in [
        REPORT.to_string(),
        REPORT.replace("digit=2", "digit="),
        REPORT.replace("digit=2", "digit=-"),
        REPORT.replace("digit=2", "digit=!5"),
        REPORT.replace("digit=2", "digit=xx"),
        REPORT.replace("status=Başarılı", "status="),
        "notification_id=0".to_string(),
        String::new(),
    ] {
        add("campaign_report", json!({"input": body}));
    }
    for (q, p) in [
        (ADVISORY_1, None),
        (ADVISORY_2, Some("musteri_no")),
        (ADVISORY_2, None),
        ("?uuid=1&cli=1003&cld=08505321234&step=1", None),
        ("uuid=1&cli=05301234567&cld=08505321234&step=0", None),
        (
            "uuid=1&cli=05301234567&cld=08505321234&step=2&secim=1%2A",
            Some("secim"),
        ),
        ("uuid=1&cli=05301234567&cld=08505321234&step=2", Some("cli")),
        ("cli=05301234567", None),
        // A withheld caller.
        ("uuid=1&cli=&cld=08505321234&step=1", None),
        ("uuid=1&cli=anonymous&cld=08505321234&step=2&digits=", None),
        ("uuid=1&cld=08505321234&step=1", None),
    ] {
        add("advisory_request", json!({"input": q, "param_name": p}));
    }

    // Builders.
    for t in [
        json!({"target": "queue/201"}),
        json!({"target": "queue/201", "greet_name": "Ahmet Yılmaz", "lang": "tr-TR", "announcement_to_caller": 12345, "recording_enabled": false}),
        json!({"target": "restart"}),
        json!({"target": "usr/1000"}),
        json!({"target": "queue:201"}),
        json!({"target": "queue/201", "greet_phrase": "ş".repeat(301)}),
        json!({"target": "queue/201", "lang": "tr-tr"}),
        json!({"target": "queue/201", "announcement_to_callee": 0}),
        json!({"target": "tts/tr-TR/\"quoted\" text"}),
    ] {
        add("transfer", t);
    }
    for p in [
        json!({"min_digits": 5, "max_digits": 6, "retry_count": 3, "announcement_id": 123, "param_name": "musteri_no"}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0, "phrase": "Lütfen müşteri numaranızı girin", "phrase_speed": 1.0, "lang": "tr-TR", "timeout": 6, "digit_timeout": 3, "service_url": "https://example.com/next"}),
        json!({"min_digits": 7, "max_digits": 6, "retry_count": 0, "announcement_id": 1}),
        json!({"min_digits": 0, "max_digits": 6, "retry_count": 0, "announcement_id": 1}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0, "phrase": "x".repeat(301)}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0, "announcement_id": 1, "phrase_speed": 2.0}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0, "announcement_id": 1, "timeout": 11}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0, "announcement_id": 1, "param_name": "step"}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0, "announcement_id": 1, "service_url": "ftp://x"}),
        json!({"min_digits": 1, "max_digits": 1, "retry_count": 0, "announcement_id": 0, "phrase": "p"}),
    ] {
        add("prompt", p);
    }
    for r in [
        json!({}),
        json!({"announcement_id": 7}),
        json!({"phrase": "Sayın Ahmet Yılmaz ses kaydınız alınıyor.", "lang": "tr-TR"}),
        json!({"phrase": ""}),
        json!({"lang": "en-US"}),
    ] {
        add("record", r);
    }
    for t in [
        json!({"announcement_id": 123}),
        json!({"announcement_id": 123, "recognation_duration": 10}),
        json!({"announcement_id": 123, "recognation_duration": 11}),
        json!({"announcement_id": 0}),
    ] {
        add("speech_to_text", t);
    }
    let header = r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"Q","queue_number":"204","thread_multiplier":"1","recording_enabled":"t"}"#;
    for (h, leads) in [
        (
            header,
            json!([
                ["05321234567", null, null],
                ["05331234567", "#456 15/11/2017", "tr-TR"]
            ]),
        ),
        (header, json!([])),
        (header, json!([["05321234567", null, "tr-tr"]])),
        ("[1]", json!([])),
        (r#"{"phone_list":[]}"#, json!([])),
        (r#"{"name":"x""#, json!([])),
        (
            r#"{"name":"ş","queue_number":"0204","recording_enabled":false}"#,
            json!([["+90 532 123 45 67", null, "en-US"]]),
        ),
    ] {
        add("campaign_build", json!({"header": h, "leads": leads}));
    }
    for l in [
        json!({"input": EVENT_ANSWER}),
        json!({"input": EVENT_ANSWER, "keypress": "3", "caller_form": "bare"}),
        json!({"input": EVENT_ANSWER, "caller_form": "e164", "agent_id": "A-7"}),
        json!({"input": EVENT_ANSWER, "trigger": "ringing"}),
        json!({"input": EVENT_RINGING, "trigger": "ringing"}),
        json!({"input": "event_type=answer&direction=inbound&call_uuid=A1&caller_id_number=905334979714"}),
        json!({"input": "event_type=x"}),
        json!({"input": EVENT_ANSWER, "caller_form": "nationl"}),
        json!({"input": EVENT_ANSWER, "keypress": "4"}),
        json!({"input": "event_type=answer&direction=outbound&call_uuid=A2&caller_id_number=00493027590915&connected_user=1001", "caller_form": "bare"}),
    ] {
        add("logo", l);
    }
    add("codes", json!({}));
    api::cases(&mut add);
    receiver::cases(&mut add);
    receiver::form_cases(&mut add);
    receiver::receive_cases(&mut add);
    receiver::advisory_answer_cases(&mut add);
    // Repeats whose first listing lies past the duplicate table's first
    // line checkpoint (2 KiB): every face places the earlier lead alike.
    add(
        "check",
        json!({"kind": "campaign", "input": long_campaign_with_repeats()}),
    );
    c
}

/// A campaign of 110 leads, one a line (~3.5 KiB), whose last ten repeat
/// leads 70–79 (past 2 KiB) in another written form.
fn long_campaign_with_repeats() -> String {
    let mut body = String::from(
        "{\"key\":\"K12345678-1234-5678-4321-123456789012\",\"call_type\":\"queue\",\"name\":\"q\",\"queue_number\":204,\"thread_multiplier\":1,\n \"phone_list\":[\n",
    );
    for i in 0..110u32 {
        let phone = if i < 100 {
            format!("0532000{i:04}")
        } else {
            format!("90532000{:04}", i - 30)
        };
        let sep = if i + 1 < 110 { "," } else { "" };
        body.push_str(&format!("  {{\"phone\": \"{phone}\"}}{sep}\n"));
    }
    body.push_str("]}");
    body
}

const EVENT_RINGING: &str = "event_type=ringing&domain_id=101&direction=inbound&caller_id_number=02123205062&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234&start_stamp=2016-01-01 00:00:00";
const EVENT_ANSWER: &str = "event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001&answer_stamp=2016-01-01 00:00:05";
const EVENT_HANGUP: &str = "event_type=hangup&direction=outbound&call_uuid=x&duration=00:01:05&answered=false&hangup_cause=NO_ANSWER&sip_hangup_disposition=callee&end_stamp=2016-01-01 00:01:10";
const REPORT: &str = "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&domain_id=429&ivr_campaign_id=131&ivr_campaign_name=Memnuniyet anketi&ivr_lead_id=1878&phone=905321234567&digit=2&status=Başarılı&call_uuid=aacdb242-364b-11e7-8bed-c9aec7093786";
const ADVISORY_1: &str =
    "uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&cli=05301234567&cld=08505321234&step=1";
const ADVISORY_2: &str = "uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&cli=05301234567&cld=08505321234&step=2&musteri_no=123456&error=&result=busesçevrildi";
const ORDER_SYNC: &str = "baselinkerApiKey=abc\nbaselinkerOrderStatusToImport=1\nbaselinkerOrderStatusToSend=2\noptimesApiKey=k\noptimesApiToken=t\noptimesOrderStatus=3\noptimesOrderAttributeDeliveryMethod=4\noptimesOrderAttributeDeliveryPrice=5\noptimesOrderAttributePaymentMethod=6\noptimesOrderAttributeAdditionalField1=7\noptimesOrderAttributeAdditionalField2=8\noptimesOrderAttributeNote=9\noptimesCustomerAttributeLogin=10\nOPTIMES_URL=https://test.syneo.pl\nOPTIMES_WEBHOOKTOKEN=s3cret\ncurrencies.1=PLN\ncurrencies.2=EURO\nvatRates.1=23\nvatRates.2=zw\n";
const GATEWAY_CONFIG: &str = include_str!("../../examples/gateway/santral-gateway.toml");
const DUPLICATE_CAMPAIGN: &str = r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","queue_number":204,"thread_multiplier":1,
 "phone_list":[{"phone":"05321234567"},{"phone":"905321234567"},{"phone":"05331234567"},{"phone":"5321234567"}]}"#;

/// The vendor's ivr sample with its missing comma added.
fn fixed_campaign() -> Vec<u8> {
    let body = String::from_utf8(vendor("campaign_ivr_seed004.json")).unwrap_or_default();
    body.replacen("\"tr-TR\"}\n        {", "\"tr-TR\"},\n        {", 1)
        .into_bytes()
}

/// Damaged copies of a body: cut short, a byte swapped for invalid UTF-8,
/// a field emptied, a key misspelt, a value doubled.
fn mutations(body: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    if body.is_empty() {
        return out;
    }
    out.push(body.get(..body.len() / 2).unwrap_or(&[]).to_vec());
    let mut bad = body.to_vec();
    let at = bad.len() / 3;
    bad[at] = 0xff;
    out.push(bad);
    let text = String::from_utf8_lossy(body).into_owned();
    for (from, to) in [
        ("phone", "phnoe"),
        ("=", "=%zz"),
        ("\"", "\"ş"),
        (":", "::"),
        ("&", "&&x=1&"),
        ("1", "0"),
    ] {
        if text.contains(from) {
            let changed = text.replacen(from, to, 1);
            if changed.as_bytes() != body {
                out.push(changed.into_bytes());
            }
        }
    }
    out.truncate(5);
    out
}

// ------------------------------------------------------------ outcomes

#[allow(clippy::result_large_err)]
fn phone_options(args: &Json) -> Result<PhoneOptions, Diagnostic> {
    let d = PhoneOptions::DEFAULT;
    PhoneOptions {
        lenient: b(args, "lenient").unwrap_or(d.lenient),
        allow_extension: b(args, "allow_extension").unwrap_or(d.allow_extension),
        extension_first: b(args, "extension_first").unwrap_or(d.extension_first),
        region: None,
    }
    .with_region_text(s(args, "region"))
}

/// The members of a parsed number.
pub fn phone_members(p: &Phone) -> Json {
    let mut text = String::from("{");
    let _ = p.write_json_members(&mut text);
    text.push('}');
    serde_json::from_str(&text).unwrap_or(Json::Null)
}

fn ok_or_diag<T>(r: Result<T, Diagnostic>, ok: impl FnOnce(T) -> Json) -> Json {
    match r {
        Ok(v) => json!({ "ok": ok(v) }),
        Err(d) => json!({ "error": diag(&d) }),
    }
}

fn collect(run: impl FnOnce(&mut dyn FnMut(Diagnostic))) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    run(&mut |d| all.push(d));
    all
}

pub(crate) fn stamp(t: Option<Timestamp>) -> Json {
    t.map_or(Json::Null, |t| json!(t.iso().to_string()))
}

fn key(p: Option<Phone>) -> Json {
    p.map_or(Json::Null, |p| json!(p.match_key().as_str()))
}

fn decoded(e: santral::form::Encoded<'_>) -> String {
    let mut buf = vec![0u8; e.raw().len()];
    e.decode_into(&mut buf).map_or_else(
        |_| String::from_utf8_lossy(e.raw()).into_owned(),
        String::from,
    )
}

fn warnings(all: &[Diagnostic]) -> Json {
    json!(all
        .iter()
        .filter(|d| d.severity == santral::Severity::Warning)
        .map(diag)
        .collect::<Vec<_>>())
}

fn errors(all: &[Diagnostic]) -> Json {
    json!({ "error": all.iter().map(diag).collect::<Vec<_>>() })
}

fn lang_arg(args: &Json, at: &'static str) -> Result<Option<Lang>, Diagnostic> {
    s(args, "lang")
        .map(|l| {
            Lang::parse(l).map_err(|e| Diagnostic::from_error(e, 0, l.as_bytes(), Path::key(at)))
        })
        .transpose()
}

fn id_arg(args: &Json, name: &'static str, action: ActionKind) -> Result<Option<Id>, Diagnostic> {
    u(args, name)
        .map(|n| Id::new(n).ok_or_else(|| advisory::invalid_id(action, name)))
        .transpose()
}

/// The outcome the core gives for one vector.
pub fn outcome(entry: &str, args: &Json) -> Json {
    let input = input_bytes(args);
    let text = String::from_utf8_lossy(&input).into_owned();
    match entry {
        "phone" => {
            let options = phone_options(args);
            let mut out = ok_or_diag(options.and_then(|o| Phone::check(&text, o)), |p| {
                phone_members(&p)
            });
            // A strict refusal suggests the lenient reading (issue 30).
            let reading = options
                .ok()
                .and_then(|o| Phone::lenient_reading(&text, o))
                .map(|f| f.to_string());
            if let (Some(r), Some(e)) = (reading, out.get_mut("error")) {
                e["suggestion"] = json!(r);
            }
            out
        }
        "same_number" => json!({
            "same": santral::phone::same_number(s(args, "a").unwrap_or(""), s(args, "b").unwrap_or(""))
        }),
        "match_key" => match santral::phone::match_key(&text) {
            Ok(k) => json!({ "ok": k.as_str() }),
            Err(e) => json!({
                "error": diag(&Diagnostic::from_error(e, 0, text.as_bytes(), Path::key("phone")))
            }),
        },
        "target" => {
            let ctx = match s(args, "context") {
                Some(c) => match TargetContext::from_option(c) {
                    Ok(c) => c,
                    Err(_) => return json!({"argument_error": "context"}),
                },
                None => TargetContext::default(),
            };
            ok_or_diag(
                Target::check(&text, ctx),
                |t| json!({"kind": t.kind(), "text": t.to_string(), "announcement_id": t.announcement_id().map(|i| i.get())}),
            )
        }
        "phrase" => {
            let p = Phrase::new(&text);
            let all = collect(|f| {
                p.report(&mut |d: Diagnostic| {
                    f(d);
                    std::ops::ControlFlow::Continue(())
                });
            });
            // The ids of a phrase that is valid (a face may refuse a bad one whole).
            let ids: Vec<u64> = p.announcement_ids().map(|i| i.get()).collect();
            json!({
                "valid": all.is_empty(),
                "announcement_ids": if all.is_empty() { json!(ids) } else { Json::Null },
                "diagnostics": all.iter().map(diag).collect::<Vec<_>>(),
            })
        }
        "check" => {
            let Some(kind) = s(args, "kind").and_then(Kind::from_wire) else {
                return json!({"argument_error": "kind"});
            };
            let param_name = s(args, "param_name");
            let mut options = match CheckOptions::from_text(s(args, "today"), param_name) {
                Ok(o) => o,
                Err(e) => {
                    let value = if e.option == "today" {
                        s(args, "today")
                    } else {
                        param_name
                    };
                    let d = Diagnostic::from_error(
                        e.error,
                        0,
                        value.unwrap_or("").as_bytes(),
                        Path::key(e.option),
                    );
                    return json!({ "option_error": diag(&d) });
                }
            };
            if let Some(n) = u(args, "max_diagnostics") {
                options.max_diagnostics = n as usize;
            }
            if let Some(n) = u(args, "duplicate_leads") {
                options.duplicate_leads = n as usize;
            }
            let mut table = vec![
                check::LeadSlot::default();
                check::duplicate_table_len(kind, &input, &options)
            ];
            let mut all = Vec::new();
            let r = check::check_with(kind, &input, &options, &mut table, &mut |d: Diagnostic| {
                all.push(d);
                std::ops::ControlFlow::Continue(())
            });
            let mut summary = String::new();
            let _ = r.write_summary_json(&mut summary);
            json!({
                "valid": r.valid,
                "errors": r.errors,
                "warnings": r.warnings,
                "diagnostics": all.iter().map(diag).collect::<Vec<_>>(),
                "diagnostics_omitted": r.diagnostics_omitted,
                "summary": serde_json::from_str::<Json>(&summary).unwrap_or(Json::Null),
            })
        }
        "call_event" => {
            let mut all = Vec::new();
            let parsed = santral::event::CallEvent::parse(&input, &mut |d: Diagnostic| {
                all.push(d);
                std::ops::ControlFlow::Continue(())
            });
            let Some(e) = parsed else { return errors(&all) };
            let cause = match e.hangup_cause {
                Some(santral::event::Cause::Known(c)) => json!(c.as_str()),
                Some(santral::event::Cause::Other(raw)) => json!(decoded(raw)),
                None => Json::Null,
            };
            json!({"ok": {
                "event_type": e.event_type.as_str(),
                "direction": e.direction.as_str(),
                "call_uuid": decoded(e.call_uuid),
                "domain_id": e.domain_id.map(|i| i.get()),
                "caller_id_number": key(e.caller_id_number),
                "outbound_caller_id_number": key(e.outbound_caller_id_number),
                "destination_number": key(e.destination_number),
                "dialed_user": key(e.dialed_user),
                "connected_user": key(e.connected_user),
                "start_stamp": stamp(e.start_stamp),
                "answer_stamp": stamp(e.answer_stamp),
                "end_stamp": stamp(e.end_stamp),
                "duration": e.duration.map(|d| d.seconds),
                "answered": e.answered,
                "hangup_cause": cause,
                "warnings": warnings(&all),
            }})
        }
        "campaign_report" => {
            let mut all = Vec::new();
            let parsed = santral::report::CampaignReport::parse(&input, &mut |d: Diagnostic| {
                all.push(d);
                std::ops::ControlFlow::Continue(())
            });
            let Some(r) = parsed else { return errors(&all) };
            json!({"ok": {
                "notification_id": r.notification_id.get(),
                "notification_date": stamp(r.notification_date),
                "ivr_campaign_id": r.ivr_campaign_id.map(|i| i.get()),
                "ivr_lead_id": r.ivr_lead_id.map(|i| i.get()),
                "phone": key(r.phone),
                "digit": r.digit.kind().as_str(),
                "key": r.digit.key().map(|c| c.to_string()),
                "status": decoded(r.status),
                "answered": r.answered(),
                "call_uuid": r.call_uuid.map(decoded),
                "warnings": warnings(&all),
            }})
        }
        "advisory_request" => {
            let param_name = s(args, "param_name");
            if let Err(e) = CheckOptions::from_text(None, param_name) {
                let d = Diagnostic::from_error(
                    e.error,
                    0,
                    param_name.unwrap_or("").as_bytes(),
                    Path::key(e.option),
                );
                return json!({ "option_error": diag(&d) });
            }
            let mut all = Vec::new();
            let parsed =
                advisory::AdvisoryRequest::parse(&input, param_name, &mut |d: Diagnostic| {
                    all.push(d);
                    std::ops::ControlFlow::Continue(())
                });
            let Some(r) = parsed else { return errors(&all) };
            json!({"ok": {
                "uuid": decoded(r.uuid),
                "cli": r.cli.map(|c| c.match_key().as_str().to_owned()),
                "cld": r.cld.match_key().as_str(),
                "step": r.step,
                "digits": r.digits.map(decoded),
                "error": r.error.map(decoded),
                "result": r.result.map(decoded),
            }})
        }
        "transfer" => ok_or_diag(build_transfer(args), |t| json!(t)),
        "prompt" => ok_or_diag(build_prompt(args), |t| json!(t)),
        "record" => ok_or_diag(build_record(args), |t| json!(t)),
        "speech_to_text" => ok_or_diag(build_speech_to_text(args), |t| json!(t)),
        "campaign_build" => ok_or_diag(build_campaign(args), |t| json!(t)),
        "logo" => logo(args, &input),
        "codes" => json!({"codes": santral::Code::ALL.iter().map(|c| c.id()).collect::<Vec<_>>()}),
        "client_address" => receiver::outcome(args),
        "form_fields" => receiver::form_outcome(args),
        "receive" => receiver::receive_outcome(args),
        "advisory_answer" => receiver::advisory_answer_outcome(args),
        other => api::outcome(other, args).unwrap_or_else(|| json!({"argument_error": "entry"})),
    }
}

fn build_transfer(args: &Json) -> Result<String, Diagnostic> {
    let mut t = Transfer::to(s(args, "target").unwrap_or(""))?;
    t.greet_name = s(args, "greet_name").map(JsonStr::text);
    t.greet_phrase = s(args, "greet_phrase").map(JsonStr::text);
    t.lang = lang_arg(args, "transfer.lang")?;
    t.announcement_to_caller = id_arg(args, "announcement_to_caller", ActionKind::Transfer)?;
    t.announcement_to_callee = id_arg(args, "announcement_to_callee", ActionKind::Transfer)?;
    t.recording_enabled = b(args, "recording_enabled");
    t.check()?;
    Ok(t.to_string())
}

fn build_prompt(args: &Json) -> Result<String, Diagnostic> {
    let source = match (
        id_arg(args, "announcement_id", ActionKind::Prompt)?,
        s(args, "phrase"),
    ) {
        (Some(id), _) => Source::Announcement(id),
        (None, Some(p)) => Source::Phrase(p),
        (None, None) => return Err(advisory::missing_source()),
    };
    let n = |k: &str| u(args, k).map(|v| v as u32);
    let p = Prompt {
        announcement_id: source.announcement_id(),
        phrase: source.phrase(),
        phrase_speed: args.get("phrase_speed").and_then(Json::as_f64),
        lang: lang_arg(args, "prompt.lang")?,
        min_digits: n("min_digits").unwrap_or(0),
        max_digits: n("max_digits").unwrap_or(0),
        timeout: n("timeout"),
        digit_timeout: n("digit_timeout"),
        retry_count: n("retry_count").unwrap_or(0),
        service_url: s(args, "service_url").map(JsonStr::text),
        param_name: s(args, "param_name").map(JsonStr::text),
    };
    p.check()?;
    Ok(p.to_string())
}

fn build_record(args: &Json) -> Result<String, Diagnostic> {
    let source = match (
        id_arg(args, "announcement_id", ActionKind::Record)?,
        s(args, "phrase"),
    ) {
        (Some(id), _) => Some(Source::Announcement(id)),
        (None, Some(p)) => Some(Source::Phrase(p)),
        (None, None) => None,
    };
    let r = Record {
        announcement_id: source.and_then(Source::announcement_id),
        phrase: source.and_then(Source::phrase),
        lang: lang_arg(args, "record.lang")?,
    };
    r.check()?;
    Ok(r.to_string())
}

fn build_speech_to_text(args: &Json) -> Result<String, Diagnostic> {
    let id = id_arg(args, "announcement_id", ActionKind::SpeechToText)?
        .ok_or_else(|| advisory::invalid_id(ActionKind::SpeechToText, "announcement_id"))?;
    let t = SpeechToText {
        announcement_id: id,
        recognation_duration: u(args, "recognation_duration").map(|v| v as u32),
    };
    t.check()?;
    Ok(t.to_string())
}

fn build_campaign(args: &Json) -> Result<String, Diagnostic> {
    use santral::campaign::{Lead, LeadStream};
    let header = s(args, "header").unwrap_or("");
    let mut out = String::new();
    let mut stream = LeadStream::begin(&mut out, header).map_err(|e| {
        e.diagnostic()
            .unwrap_or_else(|| {
                Diagnostic::new(santral::Code::JsonUnexpectedEnd, santral::Span::new(0, 0))
            })
            .locate(header.as_bytes())
    })?;
    let leads = args
        .get("leads")
        .and_then(Json::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, l) in leads.iter().enumerate() {
        let field = |j: usize| l.get(j).and_then(Json::as_str);
        let lead = Lead::from_text(field(0).unwrap_or(""), field(1), field(2), i as u32)?;
        let _ = stream.lead(&mut out, &lead);
    }
    let _ = stream.finish(&mut out);
    Ok(out)
}

fn logo(args: &Json, input: &[u8]) -> Json {
    let d = LogoOptions::default();
    macro_rules! opt {
        ($name:literal, $ty:ty, $default:expr) => {
            match s(args, $name) {
                Some(v) => match <$ty>::from_option(v) {
                    Ok(x) => x,
                    Err(_) => return json!({"argument_error": $name}),
                },
                None => $default,
            }
        };
    }
    let options = LogoOptions {
        trigger: opt!("trigger", Trigger, d.trigger),
        agent_id: s(args, "agent_id"),
        caller_form: opt!("caller_form", CallerForm, d.caller_form),
        keypress: opt!("keypress", Keypress, d.keypress),
    };
    let mut first = santral::diag::FirstError::default();
    let Some(event) = santral::event::CallEvent::parse(input, &mut first) else {
        return json!({"status": "invalid", "body": null, "error": first.error.as_ref().map(diag)});
    };
    match santral::logo::from_event(&event, &options) {
        Ok(Some(call)) => json!({"status": "ok", "body": call.to_string(), "error": null}),
        Ok(None) => json!({"status": "not_trigger", "body": null, "error": null}),
        Err(e) => json!({
            "status": "invalid",
            "body": null,
            "error": diag(&Diagnostic::new(e.code, e.span).locate(input)),
        }),
    }
}

/// Every vector, in order: the cases with the core's outcomes.
pub fn vectors() -> Vec<Json> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    cases()
        .into_iter()
        .map(|(entry, args)| {
            let n = counts.entry(entry).or_default();
            *n += 1;
            let expected = outcome(entry, &args);
            json!({"id": format!("{entry}-{n:03}"), "entry": entry, "args": args, "expected": expected})
        })
        .collect()
}

/// The vectors as the file holds them: one JSON object per line.
pub fn render() -> String {
    vectors().iter().map(|v| format!("{v}\n")).collect()
}
