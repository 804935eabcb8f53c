use super::*;
use crate::diag::{Collector, Severity};
use crate::lexical::{Extension, Id};
use crate::target::{Target, TargetContext};
use crate::time::{Time, Weekdays};
use crate::write::BufferTooSmall;

const IVR: &str = include_str!("../../../tests/vendor/campaign_ivr_seed004.json");
const QUEUE: &str = include_str!("../../../tests/vendor/campaign_queue_seed004.json");

fn check(body: &str) -> (Summary, Vec<(String, String, u32, u32)>) {
    let mut sink: Collector<64> = Collector::new();
    let today = Date::from_ymd(2022, 9, 1);
    let summary = validate(body.as_bytes(), &Options { today }, &mut sink);
    let found = sink
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
    (summary, found)
}

fn codes(body: &str) -> Vec<(String, String)> {
    check(body)
        .1
        .into_iter()
        .map(|(c, p, _, _)| (c, p))
        .collect()
}

fn fixed_ivr() -> String {
    IVR.replace(
        "\"lang\" : \"tr-TR\"}\n        {",
        "\"lang\" : \"tr-TR\"},\n        {",
    )
}

#[test]
fn vendor_ivr_sample_fails_at_the_missing_comma() {
    let (summary, found) = check(IVR);
    assert_eq!(
        found,
        [(
            "json.expected_comma".to_string(),
            "phone_list".to_string(),
            35,
            9
        )]
    );
    assert!(!summary.is_valid());
}

#[test]
fn vendor_ivr_sample_passes_once_the_comma_is_added() {
    let body = fixed_ivr();
    assert_ne!(body, IVR);
    let (s, found) = check(&body);
    // 565 is unassigned: a warning, not an error (SPEC §2).
    assert_eq!(
        found,
        [(
            "phone.unassigned".to_string(),
            "phone_list[1].phone".to_string(),
            35,
            20
        )]
    );
    assert!(s.is_valid());
    assert_eq!(s.call_type, Some(CallType::Ivr));
    assert_eq!(s.leads, 2);
    assert_eq!(
        s.window.map(|w| w.to_string()).as_deref(),
        Some("2022-09-12..2022-09-12 09:00-18:00")
    );
    assert_eq!(s.weekdays, Weekdays::ALL);
    assert_eq!(s.targets, 0b0000_1111_1111_1111);
    assert_eq!(&s.announcements[..], [128, 421, 428, 429, 430, 431]);
}

#[test]
fn vendor_queue_sample_passes() {
    let (s, found) = check(QUEUE);
    assert_eq!(
        found,
        [(
            "phone.unassigned".to_string(),
            "phone_list[1].phone".to_string(),
            18,
            20
        )]
    );
    assert_eq!(s.call_type, Some(CallType::Queue));
    assert_eq!(s.leads, 2);
    assert_eq!(
        s.window.map(|w| w.to_string()).as_deref(),
        Some("2022-09-12..2022-09-12 00:00-23:59")
    );
    assert_eq!(s.targets, 0);
}

#[test]
fn every_rule_reports_with_its_path_in_one_pass() {
    let body = r##"{
  "key": "K12345678 1234",
  "call_type": "ivr",
  "name": "  ",
  "queue_number": 204,
  "thread_multiplier": 0,
  "max_thread_count": 0,
  "date_range_begin": "2022-09-12",
  "date_range_end": "2022-09-11",
  "time_range_begin": "18:00",
  "time_range_end": "09:00",
  "active_days": [1, 8, 1, "x"],
  "ring_timeout": 20,
  "cli": "0212",
  "welcome_announcement_id": "0",
  "call_retries": -1,
  "digit_retries": "2",
  "digit_timeout": 11,
  "webhook_url": "ftp://x",
  "digit_target0": "user/1000",
  "digit_target_7": "usr/1000",
  "digit_target_1": "restart",
  "is_commercial": true,
  "iys_recipient_type": "bireysel",
  "recording_enabled": "yes",
  "phone_list": [
    {"phone": "05321234567", "phrase": "#1 merhaba", "lang": "tr"},
    {"phrase": "1"},
    {"phone": "0532-123-45-67", "phone": "x"},
    "05321234567"
  ],
  "name": "again"
}"##;
    let found = codes(body);
    let want = [
        ("api_key.invalid_character", "key"),
        ("campaign.name_blank", "name"),
        ("campaign.thread_multiplier_range", "thread_multiplier"),
        ("campaign.max_thread_count_range", "max_thread_count"),
        ("weekday.out_of_range", "active_days[1]"),
        ("weekday.duplicate", "active_days[2]"),
        ("json.expected_integer", "active_days[3]"),
        ("campaign.ring_timeout_range", "ring_timeout"),
        ("phone.too_short", "cli"),
        ("id.invalid", "welcome_announcement_id"),
        ("campaign.retries_range", "call_retries"),
        ("campaign.digit_timeout_range", "digit_timeout"),
        ("url.scheme", "webhook_url"),
        ("json.unknown_key", ""),
        ("target.unknown_kind", "digit_target_7"),
        ("campaign.iys_recipient_type", "iys_recipient_type"),
        ("bool.invalid", "recording_enabled"),
        ("phrase.invalid_word", "phone_list[0].phrase"),
        ("lang.unknown", "phone_list[0].lang"),
        ("json.missing_field", "phone_list[1].phone"),
        ("phone.invalid_character", "phone_list[2].phone"),
        ("json.duplicate_key", "phone_list[2].phone"),
        ("json.expected_object", "phone_list[3]"),
        ("json.duplicate_key", "name"),
        ("campaign.queue_field_in_ivr", "queue_number"),
        ("campaign.queue_field_in_ivr", "thread_multiplier"),
        ("json.missing_field", "iys_brand_code"),
        ("window.date_order", "date_range_end"),
        ("window.time_order", "time_range_end"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn positions_point_into_strings() {
    let body = "{\"call_type\": \"ivr\", \"digit_target_7\": \"usr/1000\"}";
    let mut sink: Collector<8> = Collector::new();
    validate(body.as_bytes(), &Options::default(), &mut sink);
    let d = sink
        .diagnostics()
        .iter()
        .find(|d| d.code == Code::TargetUnknownKind)
        .unwrap();
    assert_eq!(&body[d.span.start..d.span.end], "usr");
    assert_eq!(d.suggestion, Some("user"));
    assert_eq!(d.column as usize, body.find("usr").unwrap() + 1);
    let unknown = "{\"digit_target0\": \"\"}";
    let mut sink: Collector<8> = Collector::new();
    validate(unknown.as_bytes(), &Options::default(), &mut sink);
    let d = sink.diagnostics()[0];
    assert_eq!(
        (d.code, d.severity, d.suggestion),
        (
            Code::JsonUnknownKey,
            Severity::Warning,
            Some("digit_target_0")
        )
    );
}

#[test]
fn queue_and_ivr_rules() {
    let queue = r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","digit_target_1":"user/1000","welcome_announcement_id":5,"phone_list":[{"phone":"05321234567"}]}"#;
    assert_eq!(
        codes(queue),
        [
            ("json.missing_field".to_string(), "queue_number".to_string()),
            ("json.missing_field".into(), "thread_multiplier".into()),
            (
                "campaign.ivr_field_in_queue".into(),
                "digit_target_1".into()
            ),
            (
                "campaign.ivr_field_in_queue".into(),
                "welcome_announcement_id".into()
            ),
        ]
    );
    let ivr = r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"ivr","name":"i","timeout_target":"","phone_list":[]}"#;
    assert_eq!(
        codes(ivr),
        [
            (
                "campaign.phone_list_empty".to_string(),
                "phone_list".to_string()
            ),
            ("campaign.no_target".into(), "digit_target_0".into()),
        ]
    );
    assert_eq!(
        codes("{}"),
        ["key", "call_type", "name", "phone_list"]
            .map(|k| ("json.missing_field".to_string(), k.to_string()))
    );
    assert_eq!(codes(r#"{"call_type":"IVR"}"#)[0].0, "campaign.call_type");
    // is_commercial is a plain boolean (SPEC §6); only recording_enabled is bool-ish.
    assert_eq!(
        codes(r#"{"is_commercial":"true","recording_enabled":"t"}"#)[0],
        (
            "json.expected_bool".to_string(),
            "is_commercial".to_string()
        )
    );
    assert_eq!(
        codes("[]"),
        [("json.expected_object".to_string(), String::new())]
    );
    let commercial = r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","queue_number":"204","thread_multiplier":1,"is_commercial":true,"iys_recipient_type":"TACIR","iys_brand_code":"","active_days":[],"phone_list":[{"phone":"05321234567"}]}"#;
    assert_eq!(
        codes(commercial),
        [
            (
                "campaign.iys_brand_code_empty".to_string(),
                "iys_brand_code".to_string()
            ),
            ("weekdays.empty".into(), "active_days".into()),
        ]
    );
}

#[test]
fn duplicates_are_found_with_a_lent_table() {
    let body = r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","queue_number":204,"thread_multiplier":1,
      "phone_list":[{"phone":"05321234567"},{"phone":"905321234567"},{"phone":"05331234567"},{"phone":"5321234567"}]}"#;
    let mut table = [LeadSlot::default(); 8];
    let mut sink: Collector<8> = Collector::new();
    let s = validate_with_duplicates(body.as_bytes(), &Options::default(), &mut table, &mut sink);
    assert_eq!(s.warnings, 2);
    let first = body.find("\"05321234567\"").unwrap();
    for (d, path) in sink
        .diagnostics()
        .iter()
        .zip(["phone_list[1].phone", "phone_list[3].phone"])
    {
        assert_eq!(
            (d.code, d.path.to_string().as_str()),
            (Code::CampaignDuplicatePhone, path)
        );
        // Both places: the repeat is the diagnostic, the first lead its related place.
        let related = d.related.unwrap();
        assert_eq!(related.span.start, first);
        assert_eq!((related.line, related.column), (2, 30));
    }
    let mut tiny = [LeadSlot::default(); 1];
    let mut sink: Collector<8> = Collector::new();
    validate_with_duplicates(body.as_bytes(), &Options::default(), &mut tiny, &mut sink);
    assert!(sink.has(Code::CampaignDuplicateTableFull));
    // Without a table nothing is checked.
    let mut sink: Collector<8> = Collector::new();
    assert!(validate(body.as_bytes(), &Options::default(), &mut sink).warnings == 0);
    // A small body gets a small table, however high the cap.
    assert!(duplicate_table_len(body.as_bytes(), 1_000_000) < 32);
}

/// A pretty-printed campaign of `n` leads, one a line, with an unknown key
/// of two-byte letters before every phone (columns count characters, and
/// the key is a warning), whose lead `i` lists `number(i)`; and each
/// lead's phone string's offset.
fn many_leads(n: usize, number: impl Fn(usize) -> String) -> (String, Vec<usize>) {
    let mut body = String::from(
        "{\"key\":\"K12345678-1234-5678-4321-123456789012\",\"call_type\":\"queue\",\"name\":\"q\",\"queue_number\":204,\"thread_multiplier\":1,\n \"phone_list\":[\n",
    );
    let mut offsets = Vec::new();
    for i in 0..n {
        if i > 0 {
            body.push_str(",\n");
        }
        body.push_str("  {\"şğüçöı\":1,\"phone\":");
        offsets.push(body.len());
        body.push_str(&format!("\"{}\"}}", number(i)));
    }
    body.push_str("\n]}");
    (body, offsets)
}

/// Every repeat's related place is the first listing's exact place, however
/// the table is split: checkpoints every 2 KiB (the sized table), over
/// longer stretches (a table short of room), or none (a tiny one).
#[test]
fn repeats_are_placed_exactly_from_checkpoints() {
    // `distinct` numbers listed over and over: 1,200 leads over ~50 KiB.
    // Under Miri (an interpreter: the point is memory safety) 60 leads
    // over ~2.7 KiB, two checkpoints, and three of the tables.
    let (leads, cases): (usize, &[(usize, usize)]) = if cfg!(miri) {
        (60, &[(20, 0), (5, 7), (20, 3)])
    } else {
        (1200, &[(40, 0), (40, 200), (40, 56), (5, 7), (40, 3)])
    };
    for &(distinct, len) in cases {
        let (body, offsets) = many_leads(leads, |i| format!("0532{:07}", i % distinct));
        let len = match len {
            0 => duplicate_table_len(body.as_bytes(), 1_000_000),
            n => n,
        };
        let mut table = vec![LeadSlot::default(); len];
        let mut found = Vec::new();
        let mut sink = |d: crate::diag::Diagnostic| {
            found.push(d);
            core::ops::ControlFlow::Continue(())
        };
        validate_with_duplicates(body.as_bytes(), &Options::default(), &mut table, &mut sink);
        let repeats: Vec<_> = found
            .iter()
            .filter(|d| d.code == Code::CampaignDuplicatePhone)
            .collect();
        if len == 3 {
            // Three slots hold three numbers: the table fills, and says so.
            assert!(found
                .iter()
                .any(|d| d.code == Code::CampaignDuplicateTableFull));
            continue;
        }
        assert_eq!(repeats.len(), leads - distinct, "table of {len}");
        for (d, i) in repeats.iter().zip(distinct..) {
            let first = offsets[i % distinct];
            let related = d.related.unwrap();
            let (line, column) = crate::diag::line_column(body.as_bytes(), first);
            assert_eq!(
                (
                    related.span.start,
                    related.span.end,
                    related.line,
                    related.column
                ),
                (first, first + 13, line, column),
                "lead {i}, table of {len}"
            );
            assert_eq!(d.span.start, offsets[i]);
        }
    }
}

/// Two numbers whose hashes are equal are two leads, not a repeat: the
/// earlier lead is read again before a repeat is reported.
#[test]
fn a_shared_hash_is_not_a_repeat() {
    // Found once by searching `0532xxxxxxx` for a shared hash (the first
    // pair: 88,984 numbers in).
    let (a, b) = ("05320028037".to_string(), "05320088983".to_string());
    let hash = |n: &str| lead_hash(crate::phone::match_key(n).unwrap().as_str());
    assert_eq!(
        hash(&a),
        hash(&b),
        "the hash changed: search the pair again"
    );
    assert_ne!(a, b);
    let numbers = [a.clone(), b, a];
    let (body, offsets) = many_leads(3, |i| numbers[i].clone());
    let mut table = vec![LeadSlot::default(); duplicate_table_len(body.as_bytes(), 100)];
    let mut sink: Collector<8> = Collector::new();
    validate_with_duplicates(body.as_bytes(), &Options::default(), &mut table, &mut sink);
    let repeats: Vec<_> = sink
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::CampaignDuplicatePhone)
        .map(|d| (d.span.start, d.related.unwrap().span.start))
        .collect();
    assert_eq!(repeats, [(offsets[2], offsets[0])]);
}

/// The table's cost: 8 bytes a slot, under 12 bytes a lead at a million
/// leads of the benchmark's size (80 bytes each) or of the shortest
/// real one.
#[test]
fn the_repeat_table_takes_under_twelve_bytes_a_lead() {
    assert_eq!(size_of::<LeadSlot>(), 8);
    for lead in [80usize, 24] {
        let bytes = table_len(lead * 1_000_000, 1_000_000) * size_of::<LeadSlot>();
        assert!(bytes < 12_000_000, "{lead}-byte leads: {bytes} bytes");
        if lead == 80 {
            // The figure the book gives (docs/src/contract/decisions.md).
            assert_eq!((bytes + 50_000) / 100_000, 113, "{bytes}");
        }
    }
}

#[test]
fn a_million_leads_in_fixed_memory() {
    // The validator's whole state is this size, whatever the lead count.
    assert!(size_of::<Validator>() < 2048, "{}", size_of::<Validator>());
    let mut body = String::from(
        r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"big","queue_number":204,"thread_multiplier":2,"phone_list":["#,
    );
    // Under Miri (an interpreter) the point is memory safety, not scale.
    let n: u32 = if cfg!(miri) { 200 } else { 1_000_000 };
    for i in 0..n {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!("{{\"phone\":\"0532{:07}\"}}", i));
    }
    body.push_str("]}");
    let mut sink: Collector<4> = Collector::new();
    let s = validate(body.as_bytes(), &Options::default(), &mut sink);
    assert_eq!((s.leads, s.errors, s.warnings), (u64::from(n), 0, 0));
}

fn header<'a>() -> Header<'a> {
    let mut h = Header::new(
        "K12345678-1234-5678-4321-123456789012",
        CallType::Ivr,
        "Memnuniyet \"anketi\"",
    );
    h.date_range_begin = Date::from_ymd(2022, 9, 12);
    h.time_range_begin = Time::from_hm(9, 0);
    h.time_range_end = Time::from_hm(18, 0);
    h.active_days = Some(Weekdays::ALL);
    h.ring_timeout = Some(30);
    h.cli = Some("902129630131");
    h.welcome_announcement_id = Id::new(128);
    h.webhook_url = Some("https://sizin.adresiniz.com.tr/bildirim/yolu");
    h.targets[2] = Target::parse("user/1001", TargetContext::Campaign).ok();
    h.targets[9] = Target::parse(
        "tts/tr-TR/Bu bir \"test\" cümlesidir.",
        TargetContext::Campaign,
    )
    .ok();
    h.targets[10] = Some(Target::Restart);
    h.recording_enabled = true;
    h
}

const LEADS: [Lead<'static>; 2] = [
    Lead {
        phone: "05512369874",
        phrase: Some("#429 12/05/2017 #430 102.45 #431"),
        lang: Some(Lang::TrTr),
    },
    Lead {
        phone: "905321234567",
        phrase: None,
        lang: None,
    },
];

#[test]
fn built_requests_revalidate_clean() {
    let mut out = String::new();
    write(&mut out, &header(), LEADS).unwrap();
    let (s, found) = check(&out);
    assert!(found.is_empty(), "{found:?}\n{out}");
    assert_eq!(
        (s.leads, s.call_type, s.targets),
        (2, Some(CallType::Ivr), 0b0110_0000_0100)
    );
    assert!(out.contains(r#""recording_enabled":"true""#));
    assert!(out.contains(r#""digit_target_9":"tts/tr-TR/Bu bir \"test\" cümlesidir.""#));
    assert!(out.contains(r#""timeout_target":"""#));
    let mut q = Header::new(
        "K12345678-1234-5678-4321-123456789012",
        CallType::Queue,
        "Queue Test (API)",
    );
    q.queue_number = Extension::parse("204").ok();
    q.thread_multiplier = Some(1);
    q.is_commercial = true;
    q.iys_recipient_type = Some(IysRecipientType::Bireysel);
    q.iys_brand_code = Some("123456");
    let mut out = String::new();
    write(&mut out, &q, LEADS).unwrap();
    assert!(out.contains(r#""queue_number":204"#));
    assert!(!out.contains("digit_target"));
    assert!(check(&out).1.is_empty(), "{out}");
}

#[test]
fn buffer_too_small_is_exact() {
    let mut big = [0u8; 4096];
    let full = write_to(&mut big, &header(), LEADS).unwrap().to_string();
    let mut small = vec![0u8; full.len() - 1];
    assert_eq!(
        write_to(&mut small, &header(), LEADS),
        Err(BufferTooSmall { needed: full.len() })
    );
    let mut exact = vec![0u8; full.len()];
    assert_eq!(write_to(&mut exact, &header(), LEADS), Ok(full.as_str()));
}

#[test]
fn leads_after_a_json_header() {
    let header = "{\n  \"key\": \"K12345678-1234-5678-4321-123456789012\",\n  \"call_type\": \"queue\",\n  \"name\": \"Q\",\n  \"queue_number\": 204,\n  \"thread_multiplier\": 1\n}\n";
    let mut out = String::new();
    write_with_header_json(&mut out, header, LEADS).unwrap();
    assert!(out.ends_with(r##""thread_multiplier": 1,"phone_list":[{"phone":"05512369874","phrase":"#429 12/05/2017 #430 102.45 #431","lang":"tr-TR"},{"phone":"905321234567"}]}"##), "{out}");
    let (s, found) = check(&out);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(s.leads, 2);
    let mut out = String::new();
    assert_eq!(write_with_header_json(&mut out, "{}", LEADS), Ok(()));
    assert!(out.starts_with("{\"phone_list\":["));
    assert_eq!(
        write_with_header_json(&mut String::new(), "[1]", LEADS),
        Err(HeaderError::NotAnObject)
    );
    assert_eq!(
        write_with_header_json(&mut String::new(), "{\"phone_list\":[]}", LEADS),
        Err(HeaderError::HasPhoneList)
    );
    assert!(matches!(
        write_with_header_json(&mut String::new(), "{\"a\":1,}", LEADS),
        Err(HeaderError::Syntax(_))
    ));
}
