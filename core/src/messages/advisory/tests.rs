use super::*;
use crate::diag::Collector;

const TRANSFER_1: &str = include_str!("../../../tests/vendor/advisory_transfer_1.json");
const TRANSFER_2: &str = include_str!("../../../tests/vendor/advisory_transfer_2.json");
const PROMPT_1: &str = include_str!("../../../tests/vendor/advisory_prompt_1.json");
const PROMPT_2: &str = include_str!("../../../tests/vendor/advisory_prompt_2.json");
const RECORD_1: &str = include_str!("../../../tests/vendor/advisory_record_1.json");
const RECORD_2: &str = include_str!("../../../tests/vendor/advisory_record_2.json");
const STT: &str = include_str!("../../../tests/vendor/advisory_speech_to_text.json");

type Found = Vec<(String, String, u32, u32)>;

fn parse(body: &str) -> (Option<Action<'_>>, Found) {
    let mut sink: Collector<16> = Collector::new();
    let a = parse_response(body.as_bytes(), &mut sink);
    let d = sink
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.code.id().to_string(),
                d.path.to_string(),
                d.line,
                d.column,
            )
        })
        .collect();
    (a, d)
}

fn codes(body: &str) -> Vec<(String, String)> {
    parse(body)
        .1
        .into_iter()
        .map(|(c, p, _, _)| (c, p))
        .collect()
}

#[test]
fn vendor_transfer_record_and_stt_examples_parse() {
    let (a, d) = parse(TRANSFER_1);
    assert!(d.is_empty(), "{d:?}");
    let Some(Action::Transfer(t)) = a else {
        panic!()
    };
    assert_eq!(t.target().map(|t| t.kind()), Some("queue"));
    assert_eq!(t.announcement_to_caller.map(Id::get), Some(12345));
    assert!(t.greet_name.unwrap().eq_str("Ahmet Yılmaz"));
    assert!(t.recording_enabled_or_default() && t.recording_enabled.is_none());
    let (a, d) = parse(TRANSFER_2);
    assert!(d.is_empty(), "{d:?}");
    assert!(matches!(a, Some(Action::Transfer(t)) if t.greet_phrase.is_some()));
    let (a, _) = parse(RECORD_1);
    assert!(matches!(a, Some(Action::Record(r)) if r.announcement_id.map(Id::get) == Some(123)));
    let (a, _) = parse(RECORD_2);
    assert!(
        matches!(a, Some(Action::Record(r)) if r.phrase.is_some() && r.lang_or_default() == Lang::TrTr)
    );
    let (a, d) = parse(STT);
    assert!(d.is_empty());
    assert_eq!(
        a,
        Some(Action::SpeechToText(SpeechToText {
            announcement_id: Id::new(123).unwrap(),
            recognation_duration: Some(10)
        }))
    );
}

#[test]
fn vendor_prompt_examples_are_rejected_at_their_trailing_comma() {
    for (body, line) in [(PROMPT_1, 8), (PROMPT_2, 10)] {
        let (a, d) = parse(body);
        assert!(a.is_none());
        assert_eq!(d.len(), 1, "{d:?}");
        let (code, path, l, col) = &d[0];
        assert_eq!(
            (code.as_str(), path.as_str(), *l),
            ("json.trailing_comma", "prompt", line)
        );
        let text_line = body.lines().nth(line as usize - 1).unwrap();
        assert_eq!(text_line.chars().nth(*col as usize - 1), Some(','));
        assert!(text_line.trim_end().ends_with(','));
    }
}

#[test]
fn vendor_prompts_without_the_comma_parse_with_string_numbers() {
    let fixed = PROMPT_1.replace("\"musteri_no\",", "\"musteri_no\"");
    let (a, d) = parse(&fixed);
    assert!(d.is_empty(), "{d:?}");
    let Some(Action::Prompt(p)) = a else { panic!() };
    assert_eq!((p.min_digits, p.max_digits, p.retry_count), (5, 6, 3));
    assert_eq!(
        (
            p.timeout_or_default(),
            p.digit_timeout_or_default(),
            p.phrase_speed_or_default()
        ),
        (6, 3, 1.0)
    );
    assert!(p.param_name.unwrap().eq_str("musteri_no"));
    let fixed = PROMPT_2.replace("\"secim\",", "\"secim\"");
    let (a, d) = parse(&fixed);
    assert!(d.is_empty(), "{d:?}");
    assert!(
        matches!(a, Some(Action::Prompt(p)) if p.phrase.is_some() && p.phrase_speed_or_default() == 1.0)
    );
}

#[test]
fn every_rule_has_a_failing_case() {
    assert_eq!(
        codes("{}"),
        [("advisory.no_action".to_string(), String::new())]
    );
    assert_eq!(
        codes(r#"{"transfer":{"target":"queue/201"},"record":{}}"#),
        [(
            "advisory.multiple_actions".to_string(),
            "record".to_string()
        )]
    );
    assert_eq!(
        codes(
            r#"{"transfer":{"target":"restart","greet_phrase":"","lang":"tr","recording_enabled":"no","announcement_to_caller":0}}"#
        ),
        [
            ("target.restart_not_allowed", "transfer.target"),
            ("text.empty", "transfer.greet_phrase"),
            ("lang.unknown", "transfer.lang"),
            ("bool.invalid", "transfer.recording_enabled"),
            ("id.invalid", "transfer.announcement_to_caller"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        codes(
            r#"{"prompt":{"phrase_speed":2,"min_digits":"3","max_digits":2,"timeout":0,"digit_timeout":"11","retry_count":-1,"service_url":"x","param_name":"cli"}}"#
        ),
        [
            ("advisory.phrase_speed_range", "prompt.phrase_speed"),
            ("advisory.timeout_range", "prompt.timeout"),
            ("advisory.timeout_range", "prompt.digit_timeout"),
            ("advisory.retry_count_range", "prompt.retry_count"),
            ("url.scheme", "prompt.service_url"),
            ("advisory.param_name_reserved", "prompt.param_name"),
            ("advisory.prompt_source", "prompt"),
            ("advisory.digits_range", "prompt.max_digits"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        codes(
            r#"{"prompt":{"announcement_id":1,"phrase":"x","min_digits":1,"max_digits":1,"retry_count":0,"param_name":"9x"}}"#
        ),
        [
            ("advisory.param_name", "prompt.param_name"),
            ("advisory.both_sources", "prompt.phrase")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        codes(r#"{"speech_to_text":{"recognation_duration":11},"extra":1}"#),
        [
            (
                "advisory.recognation_duration_range",
                "speech_to_text.recognation_duration"
            ),
            ("json.unknown_key", ""),
            ("json.missing_field", "speech_to_text.announcement_id"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        codes(r#"{"record":{"announcement_id":"5","phrase":"x"}}"#),
        [(
            "advisory.both_sources".to_string(),
            "record.phrase".to_string()
        )]
    );
}

#[test]
fn builders_write_the_vendor_types_and_round_trip() {
    let mut t = Transfer::to("queue/201").unwrap();
    t.greet_name = Some(JsonStr::text("Ahmet \"Bey\""));
    t.lang = Some(Lang::TrTr);
    t.announcement_to_caller = Id::new(12345);
    t.announcement_to_callee = Id::new(12346);
    t.recording_enabled = Some(false);
    t.check().unwrap();
    let json = t.to_string();
    assert_eq!(
        json,
        r#"{"transfer":{"target":"queue/201","greet_name":"Ahmet \"Bey\"","lang":"tr-TR","announcement_to_caller":12345,"announcement_to_callee":12346,"recording_enabled":false}}"#
    );
    assert!(
        matches!(parse(&json).0, Some(Action::Transfer(a)) if a.recording_enabled == Some(false))
    );
    let p = Prompt {
        announcement_id: Id::new(123),
        phrase: None,
        phrase_speed: Some(1.0),
        lang: None,
        min_digits: 5,
        max_digits: 6,
        timeout: None,
        digit_timeout: Some(3),
        retry_count: 3,
        service_url: Some(JsonStr::text(
            "https://musteri.adresi.com/tuslamayan_musteri.php",
        )),
        param_name: Some(JsonStr::text("musteri_no")),
    };
    p.check().unwrap();
    let json = p.to_string();
    assert!(json.contains(r#""announcement_id":"123","phrase_speed":1.0"#));
    assert!(!json.contains(",}"));
    let (a, d) = parse(&json);
    assert!(d.is_empty(), "{d:?}");
    assert!(
        matches!(a, Some(Action::Prompt(x)) if x.min_digits == 5 && x.digit_timeout == Some(3))
    );
    let bad = Prompt { min_digits: 7, ..p };
    assert_eq!(bad.check().unwrap_err().code, Code::AdvisoryDigitsRange);
    let r = Record {
        announcement_id: None,
        phrase: Some(JsonStr::text("Sayın Ahmet Yılmaz ses kaydınız alınıyor.")),
        lang: Some(Lang::TrTr),
    };
    r.check().unwrap();
    assert!(matches!(parse(&r.to_string()).0, Some(Action::Record(_))));
    assert_eq!(
        Record {
            announcement_id: None,
            phrase: None,
            lang: None
        }
        .to_string(),
        r#"{"record":{}}"#
    );
    let s = SpeechToText {
        announcement_id: Id::new(123).unwrap(),
        recognation_duration: Some(10),
    };
    assert_eq!(
        s.to_string(),
        r#"{"speech_to_text":{"announcement_id":"123","recognation_duration":10}}"#
    );
    assert!(SpeechToText {
        recognation_duration: Some(11),
        ..s
    }
    .check()
    .is_err());
    let mut small = [0u8; 8];
    let needed = s.to_string().len();
    assert_eq!(write_to(&mut small, s), Err(BufferTooSmall { needed }));
}

#[test]
fn vendor_requests() {
    let q1 = b"uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&cli=05301234567&cld=08505321234&step=1";
    let mut sink: Collector<8> = Collector::new();
    let r = AdvisoryRequest::parse(q1, None, &mut sink);
    assert!(sink.diagnostics().is_empty(), "{:?}", sink.diagnostics());
    let r = r.unwrap();
    assert_eq!(
        (r.step, r.cli.unwrap().national_number(), r.cld.kind()),
        (1, "5301234567", crate::phone::PhoneKind::Voip)
    );
    assert!(r.digits.is_none());
    let q2 = "?uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&cli=05301234567&cld=08505321234&step=2&musteri_no=123456&error=&result=busesçevrildi";
    let r = AdvisoryRequest::parse(q2.as_bytes(), Some("musteri_no"), &mut sink);
    assert!(sink.diagnostics().is_empty(), "{:?}", sink.diagnostics());
    let r = r.unwrap();
    assert!(r.digits.unwrap().eq_str("123456"));
    assert!(r.error.is_none());
    assert!(r.result.unwrap().eq_str("busesçevrildi"));
    let q3 = b"uuid=x&cli=1003&cld=08505321234&step=2&secim=1&error=";
    let r = AdvisoryRequest::parse(q3, Some("secim"), &mut sink).unwrap();
    assert!(r.cli.unwrap().is_extension());
    let q4 = b"uuid=x&cli=00493089680211&cld=08505321234&step=3&digits=";
    let r = AdvisoryRequest::parse(q4, None, &mut sink).unwrap();
    assert!(r.digits.unwrap().is_empty());
    assert_eq!(r.cli.unwrap().country_code(), 49);
    assert!(sink.diagnostics().is_empty());
    // A withheld caller: empty, or `anonymous` in any case; the PBX's own
    // writer (`RequestQuery`) is read back.
    for cli in ["", "anonymous", "Anonymous"] {
        let q = RequestQuery::new("651f8a68-782e-11e7-a6b6-5bedc26e2ab3", cli, "08505321234")
            .to_string();
        let r = AdvisoryRequest::parse(q.as_bytes(), None, &mut sink).unwrap();
        assert_eq!((r.cli, r.step), (None, 1), "{q}");
    }
    assert!(sink.diagnostics().is_empty());
    let q = RequestQuery {
        step: 2,
        digits: Some(("secim", "1")),
        error: Some(""),
        ..RequestQuery::new("x", "1003", "08505321234")
    };
    let q = q.to_string();
    let r = AdvisoryRequest::parse(q.as_bytes(), Some("secim"), &mut sink).unwrap();
    assert!(r.digits.unwrap().eq_str("1") && r.cli.unwrap().is_extension());
}

#[test]
fn request_faults() {
    let mut sink: Collector<8> = Collector::new();
    assert!(AdvisoryRequest::parse(b"cli=x&step=0&digits=12a&digits=1", None, &mut sink).is_none());
    let got: Vec<_> = sink
        .diagnostics()
        .iter()
        .map(|d| (d.code.id(), d.path.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("phone.invalid_character", "cli".to_string()),
            ("advisory.step", "step".into()),
            ("advisory.digits", "digits".into()),
            ("form.duplicate_field", "digits".into()),
            ("form.missing_field", "uuid".into()),
            ("form.missing_field", "cld".into()),
        ]
    );
}

/// Found by the `advisory_request` fuzz target: offsets of a query with a
/// leading `?` are relative to the query as given.
#[test]
fn fuzz_regression_offsets_include_the_question_mark() {
    let q = b"?cli=x&uuid=1&cld=08505321234&step=1";
    let mut sink: Collector<8> = Collector::new();
    assert!(AdvisoryRequest::parse(q, None, &mut sink).is_none());
    let d = sink.diagnostics()[0];
    assert_eq!(d.code, Code::PhoneInvalidCharacter);
    assert_eq!(&q[d.span.start..d.span.end], b"x");
    assert_eq!(
        (d.line, d.column),
        crate::diag::line_column(q, d.span.start)
    );
}

/// Found by the `builders` fuzz target: ids span the whole u64 range,
/// as JSON numbers and as numeric strings.
#[test]
fn fuzz_regression_ids_above_i64_max() {
    let s = SpeechToText {
        announcement_id: Id::new(17_594_374_055_381_181_733).unwrap(),
        recognation_duration: None,
    };
    let json = s.to_string();
    let (a, d) = parse(&json);
    assert!(d.is_empty(), "{d:?}");
    assert!(
        matches!(a, Some(Action::SpeechToText(x)) if x.announcement_id.get() == 17_594_374_055_381_181_733)
    );
    let (a, _) = parse(
        r#"{"transfer":{"target":"queue/201","announcement_to_caller":18446744073709551615}}"#,
    );
    assert!(
        matches!(a, Some(Action::Transfer(t)) if t.announcement_to_caller == Id::new(u64::MAX))
    );
    assert_eq!(
        codes(r#"{"speech_to_text":{"announcement_id":"18446744073709551616"}}"#)[0].0,
        "json.expected_integer"
    );
}

/// Found by the conformance vectors: a value the form scan rejects (bad
/// UTF-8) was reported again by the field's own parser.
#[test]
fn a_malformed_value_is_reported_once() {
    let q = b"uuid=65\xff1&cli=05301234567&cld=08505321234&step=1";
    let mut sink: Collector<8> = Collector::new();
    assert!(AdvisoryRequest::parse(q, None, &mut sink).is_none());
    let codes: Vec<_> = sink.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::FormInvalidUtf8]);
    let mut sink: Collector<8> = Collector::new();
    let body = b"notification_id=5&phone=905321234567&digit=%FF&status=x";
    assert!(crate::report::CampaignReport::parse(body, &mut sink).is_none());
    assert_eq!(sink.diagnostics().len(), 1, "{:?}", sink.diagnostics());
}

#[test]
fn the_digits_error_names_the_parameter_sent() {
    let q = b"uuid=1&cli=05301234567&cld=08505321234&step=2&secim=12x";
    let mut sink: Collector<8> = Collector::new();
    assert!(AdvisoryRequest::parse(q, Some("secim"), &mut sink).is_none());
    let d = sink.diagnostics()[0];
    assert_eq!(
        (d.code, d.path.to_string()),
        (Code::AdvisoryDigits, "secim".to_string())
    );
}
