//! The real `santral` binary over the vendor's examples, with snapshots of
//! human and JSON output (insta; `cargo insta review` or
//! `INSTA_UPDATE=always` after a deliberate change).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The CLI with no day from the clock (`SANTRAL_TODAY=none`): outputs stay
/// the same every day. `today_comes_from_the_clock` runs it without.
fn santral() -> Command {
    let mut c = Command::cargo_bin("santral").unwrap();
    c.current_dir(root())
        .env_remove("NO_COLOR")
        .env("SANTRAL_TODAY", "none");
    c
}

/// Runs santral; returns (exit code, stdout, stderr).
fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut c = santral();
    c.args(args);
    if let Some(input) = stdin {
        c.write_stdin(input.to_vec());
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str], stdin: Option<&[u8]>) -> (i32, serde_json::Value) {
    let (code, out, err) = run(args, stdin);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}")),
    )
}

const VENDOR: &str = "core/tests/vendor";

#[test]
fn vendor_campaign_sample_fails_at_line_35_column_9() {
    let (code, out, _) = run(
        &["check", "campaign", "examples/campaign-vendor-sample.json"],
        None,
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("campaign_vendor_sample_human", out);
    let (code, v) = json(
        &[
            "check",
            "campaign",
            "examples/campaign-vendor-sample.json",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(v["valid"], false);
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("json.expected_comma"), Some(35), Some(9))
    );
    insta::assert_json_snapshot!("campaign_vendor_sample_json", v);
}

#[test]
fn fixed_campaign_is_valid_with_a_warning() {
    let (code, out, _) = run(&["check", "campaign", "examples/campaign.json"], None);
    assert_eq!(code, 0);
    insta::assert_snapshot!("campaign_fixed_human", out);
    let (_, out, _) = run(
        &[
            "check",
            "campaign",
            "examples/campaign.json",
            "--lang",
            "tr",
        ],
        None,
    );
    assert!(out.contains("uyarı[phone.unassigned]: numaranın biçimi mümkün"));
    let (code, v) = json(
        &["check", "campaign", "-", "--format", "json"],
        Some(
            std::fs::read(root().join("examples/campaign.json"))
                .unwrap()
                .as_slice(),
        ),
    );
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["leads"], 2);
    assert_eq!(v["diagnostics"][0]["path"], "phone_list[1].phone");
}

#[test]
fn every_kind_on_its_vendor_example() {
    let cases: [(&str, String, i32); 10] = [
        (
            "advisory-response",
            format!("{VENDOR}/advisory_transfer_1.json"),
            0,
        ),
        (
            "advisory-response",
            format!("{VENDOR}/advisory_prompt_1.json"),
            1,
        ),
        (
            "advisory-response",
            format!("{VENDOR}/advisory_speech_to_text.json"),
            0,
        ),
        ("crm-settings", format!("{VENDOR}/crm_settings.json"), 0),
        ("logo-crm", format!("{VENDOR}/logo_seed003_1.json"), 0),
        ("cdr-list", format!("{VENDOR}/cdr_list.json"), 0),
        ("cdr-detail", format!("{VENDOR}/cdr_detail.json"), 0),
        (
            "campaign",
            format!("{VENDOR}/campaign_queue_seed004.json"),
            0,
        ),
        (
            "order-sync-settings",
            "examples/order-sync.env".to_string(),
            0,
        ),
        (
            "call-event",
            "examples/call-event-answer.txt".to_string(),
            0,
        ),
    ];
    for (kind, file, want) in cases {
        let (code, out, err) = run(&["check", kind, &file], None);
        assert_eq!(code, want, "{kind} {file}\n{out}{err}");
        let name = format!(
            "check_{}_{}",
            kind,
            PathBuf::from(&file).file_stem().unwrap().to_string_lossy()
        );
        insta::assert_snapshot!(name, out);
    }
}

#[test]
fn webhooks_and_queries_from_stdin() {
    let report = "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&domain_id=429&ivr_campaign_id=131&ivr_campaign_name=Memnuniyet anketi&ivr_lead_id=1878&phone=905321234567&digit=2&status=Başarılı&call_uuid=aacdb242-364b-11e7-8bed-c9aec7093786";
    let (code, v) = json(
        &["check", "campaign-report", "--format", "json"],
        Some(report.as_bytes()),
    );
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["answered"], true);
    let ringing = "event_type=ringing&domain_id=101&direction=inbound&caller_id_number=02123205062&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234&start_stamp=2016-01-01 00:00:00";
    let (code, v) = json(
        &["check", "call-event", "-", "--format", "json"],
        Some(ringing.as_bytes()),
    );
    assert_eq!(
        (code, v["summary"]["event_type"].as_str()),
        (0, Some("ringing"))
    );
    let (code, v) = json(&["check", "call-event", "--format", "json"], Some(b"{}"));
    assert_eq!(
        (code, &v["summary"]["verification_ping"]),
        (0, &serde_json::json!(true))
    );
    let query = "uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&cli=05301234567&cld=08505321234&step=2&musteri_no=123456&error=&result=busesçevrildi";
    let (code, v) = json(
        &[
            "check",
            "advisory-request",
            "--param-name",
            "musteri_no",
            "--format",
            "json",
        ],
        Some(query.as_bytes()),
    );
    assert_eq!(
        (code, &v["summary"]["digits_present"]),
        (0, &serde_json::json!(true))
    );
    let bad = "event_type=ringin&direction=inbound&call_uuid=1";
    let (code, v) = json(
        &["check", "call-event", "--format", "json"],
        Some(bad.as_bytes()),
    );
    assert_eq!(code, 1);
    assert_eq!(v["diagnostics"][0]["path"], "event_type");
    assert_eq!(v["diagnostics"][0]["suggestion"], "ringing");
    let (code, out, _) = run(
        &["check", "opencart-request"],
        Some(b"route=api/verimor/get_order_by_telephone_number&telephone=1' OR '1'='1"),
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("opencart_injection_human", out);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let (code, _, err) = run(&["check", "nonsense", "x"], None);
    assert_eq!(code, 2);
    // clap refuses it, listing the core's kinds.
    assert!(
        err.contains("invalid value 'nonsense'") && err.contains("campaign-report"),
        "{err}"
    );
    let (code, _, err) = run(&["check", "campaign", "no/such/file.json"], None);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.json"));
    let (code, _, _) = run(&["check"], None);
    assert_eq!(code, 2);
    let (code, _, _) = run(
        &[
            "check",
            "campaign",
            "examples/campaign.json",
            "--today",
            "2022-02-30",
        ],
        None,
    );
    assert_eq!(code, 2);
}

#[test]
fn phones() {
    let (code, out, _) = run(
        &["phone", "05321234567", "4441234", "00491234567", "1001"],
        None,
    );
    assert_eq!(code, 0);
    insta::assert_snapshot!("phone_human", out);
    let (code, out, _) = run(
        &[
            "phone",
            "+90 (532) 123 45 67",
            "05651236547",
            "0532x1",
            "--lenient",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["e164"], "+905321234567");
    assert_eq!(lines[0]["kind"], "mobile");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["possible"], true);
    assert_eq!(lines[2]["error"]["code"], "phone.invalid_character");
    insta::assert_json_snapshot!("phone_json", lines);
}

#[test]
fn match_target_phrase_codes() {
    assert_eq!(
        run(&["match", "05334979714", "+90 533 497 97 14"], None).0,
        0
    );
    assert_eq!(run(&["match", "05334979714", "5334979715"], None).0, 1);
    let (code, out, _) = run(&["target", "usr/1000"], None);
    assert_eq!(code, 1);
    insta::assert_snapshot!("target_suggestion", out);
    assert_eq!(
        run(&["target", "restart", "--context", "advisory"], None).0,
        1
    );
    let (code, out, _) = run(&["target", "tts/tr-TR/Bu bir test cümlesidir."], None);
    assert_eq!(
        (code, out.as_str()),
        (0, "tts: tts/tr-TR/Bu bir test cümlesidir.\n")
    );
    let (code, out, _) = run(&["phrase", "#456 15/11/2017 #457 73.56 #458"], None);
    assert_eq!(code, 0);
    insta::assert_snapshot!("phrase_vendor", out);
    let (code, out, _) = run(&["phrase", "#456 31/02/2017", "--lang", "tr"], None);
    assert_eq!(code, 1);
    assert!(out.contains("phrase.invalid_date"));
    let (code, out, _) = run(&["codes", "--format", "json"], None);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), santral::diag::Code::ALL.len());
    assert!(out.contains(r#""code":"phone.too_short""#));
}

#[test]
fn campaign_from_csv() {
    let (code, out, err) = run(
        &[
            "campaign",
            "from-csv",
            "examples/leads.csv",
            "--header",
            "examples/campaign-header.json",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("from_csv_request", out);
    // The output is itself a valid campaign.
    let (code, _, _) = run(&["check", "campaign"], Some(out.as_bytes()));
    assert_eq!(code, 0);
    let (code, out, err) = run(
        &[
            "campaign",
            "from-csv",
            "examples/leads-with-errors.csv",
            "--header",
            "examples/campaign-header.json",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(out.is_empty(), "nothing is written for an invalid campaign");
    assert!(err.contains("examples/leads-with-errors.csv:2: lead 0"));
    assert!(err.contains("phrase.invalid_date"));
    assert!(err.contains("examples/leads-with-errors.csv:4: lang.unknown"));
    // --lang tr: a spreadsheet row's own message is Turkish too.
    let (code, _, err) = run(
        &[
            "campaign",
            "from-csv",
            "examples/leads-with-errors.csv",
            "--header",
            "examples/campaign-header.json",
            "--lang",
            "tr",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "examples/leads-with-errors.csv:4: lang.unknown: dil tr-TR, en-US veya ar-XA olmalı"
        ),
        "{err}"
    );
    assert!(err.contains("hata[phrase.invalid_date]"), "{err}");
    assert!(
        err.contains("examples/leads-with-errors.csv:2: kişi 0"),
        "{err}"
    );
    assert!(err.contains("3 kişiden kampanya: 3 hata, 0 uyarı"), "{err}");
    assert!(
        err.contains("istek yazılmadı: yukarıdaki hataları düzeltin"),
        "{err}"
    );
}

#[test]
fn convert_logo_crm() {
    let (code, out, _) = run(
        &[
            "convert",
            "logo-crm",
            "examples/call-event-answer.txt",
            "--keypress",
            "3",
            "--caller-form",
            "bare",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out, "{\"callUniqueId\":\"A000001\",\"extension\":\"911\",\"agentId\":\"911\",\"callerId\":\"5334979714\",\"keypress\":\"3\"}\n");
    let (code, _, err) = run(
        &[
            "convert",
            "logo-crm",
            "examples/call-event-answer.txt",
            "--trigger",
            "ringing",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("not the trigger"));
    let (code, _, _) = run(&["convert", "logo-crm", "--keypress", "7"], Some(b""));
    assert_eq!(code, 2);
}

#[test]
fn a_million_leads_from_a_mapped_file() {
    let dir = std::env::temp_dir().join(format!("santral-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("million.json");
    let mut body = String::with_capacity(100_000_000);
    body.push_str(r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"ivr","name":"big","welcome_announcement_id":128,"digit_target_1":"queue/201","phone_list":["#);
    for i in 0..1_000_000u32 {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(r##"{{"phone":"0532{i:07}","phrase":"#456 15/11/2017 #457 73.56 #458","lang":"tr-TR"}}"##));
    }
    body.push_str("]}");
    std::fs::write(&path, &body).unwrap();
    drop(body);
    let (code, v) = json(
        &[
            "check",
            "campaign",
            path.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["leads"], 1_000_000);
    assert_eq!(v["errors"], 0);
}

/// The `-->` line carries the core's line and column, also for a long
/// (minified) line shown as a window, and for a span at the end of input.
#[test]
fn positions_are_the_cores_on_long_lines_and_at_the_end() {
    let body = std::fs::read_to_string(root().join("examples/campaign.json")).unwrap();
    let minified = body
        .replace(['\n', ' '], "")
        .replace("\"05651236547\"", "\"056512365\"");
    let (code, v) = json(
        &["check", "campaign", "--format", "json"],
        Some(minified.as_bytes()),
    );
    assert_eq!(code, 1);
    let d = &v["diagnostics"][0];
    let column = d["column"].as_u64().unwrap();
    assert!(column > 240, "{d}");
    let (_, out, _) = run(&["check", "campaign"], Some(minified.as_bytes()));
    assert!(
        out.contains(&format!("--> <stdin>:1:{column}")),
        "the arrow shows the file's column {column}:\n{out}"
    );
    let (_, v) = json(
        &["check", "call-event", "--format", "json"],
        Some(b"event_type=ringing"),
    );
    let missing = &v["diagnostics"][0];
    assert_eq!(
        (missing["offset"].as_u64(), missing["column"].as_u64()),
        (Some(18), Some(19))
    );
    let (_, out, _) = run(&["check", "call-event"], Some(b"event_type=ringing"));
    assert!(out.contains("--> <stdin>:1:19"), "{out}");
}

#[test]
fn targets_and_phrases_as_json() {
    let (code, v) = json(
        &[
            "target",
            "--format",
            "json",
            "queue:201",
            "--context",
            "advisory",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(v["error"]["suggestion"], "queue/");
    assert_eq!(v["error"]["path"], "target");
    let (code, v) = json(&["target", "--format", "json", "announcement/421"], None);
    assert_eq!(code, 0);
    assert_eq!(
        (v["kind"].as_str(), v["announcement_id"].as_u64()),
        (Some("announcement"), Some(421))
    );
    let (code, v) = json(&["phrase", "--format", "json", "çağrı #1 x"], None);
    assert_eq!(code, 1);
    let d = &v["diagnostics"][1];
    assert_eq!(
        (
            d["path"].as_str(),
            d["offset"].as_u64(),
            d["column"].as_u64()
        ),
        (Some("phrase"), Some(12), Some(10))
    );
    let (_, out, _) = run(&["phrase", "çağrı #1 x"], None);
    assert!(out.contains("at phrase"), "{out}");
    let (code, v) = json(
        &["match", "--format", "json", "05334979714", "905334979714"],
        None,
    );
    assert_eq!((code, v["same"].as_bool()), (0, Some(true)));
}

#[test]
fn phone_options_are_every_faces() {
    let (code, v) = json(&["phone", "--format", "json", "1001"], None);
    assert_eq!((code, v["kind"].as_str()), (0, Some("extension")));
    let (code, v) = json(
        &["phone", "--format", "json", "--no-extension", "1001"],
        None,
    );
    assert_eq!(
        (code, v["error"]["code"].as_str()),
        (1, Some("phone.extension_not_allowed"))
    );
    let (_, v) = json(
        &["phone", "--format", "json", "--extension-first", "04000000"],
        None,
    );
    assert_eq!(
        (v["kind"].as_str(), v["national_number"].as_str()),
        (Some("extension"), Some("04000000"))
    );
}

#[test]
fn repeated_leads_are_warnings_with_both_places() {
    let body = br#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","queue_number":204,"thread_multiplier":1,
"phone_list":[{"phone":"05321234567"},{"phone":"905321234567"}]}"#;
    let (code, v) = json(&["check", "campaign", "--format", "json"], Some(body));
    assert_eq!(code, 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "campaign.duplicate_phone");
    assert_eq!(
        (
            d["related"]["line"].as_u64(),
            d["related"]["column"].as_u64()
        ),
        (Some(2), Some(24))
    );
    let (_, out, _) = run(&["check", "campaign"], Some(body));
    assert!(out.contains("first listed at <stdin>:2:24"), "{out}");
    let (_, v) = json(
        &[
            "check",
            "campaign",
            "--format",
            "json",
            "--duplicate-leads",
            "0",
        ],
        Some(body),
    );
    assert_eq!(v["warnings"], 0);
    let (_, v) = json(
        &[
            "check",
            "campaign",
            "--format",
            "json",
            "--max-diagnostics",
            "0",
        ],
        Some(body),
    );
    assert_eq!(
        (v["warnings"].as_u64(), v["diagnostics_omitted"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn unusable_options_are_usage_errors_naming_the_code() {
    let (code, out, err) = run(
        &[
            "check",
            "campaign",
            "examples/campaign.json",
            "--today",
            "2023-02-29",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("--today: date.not_calendar"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            v["option_error"]["path"].as_str(),
            v["option_error"]["code"].as_str()
        ),
        (Some("today"), Some("date.not_calendar"))
    );
    let (code, _, err) = run(
        &["check", "advisory-request", "--param-name", "step"],
        Some(b""),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--param-name: advisory.param_name_reserved"),
        "{err}"
    );
}

/// A quoted cell may hold a newline: the lead is named by its spreadsheet
/// row, not by the file line it starts on.
#[test]
fn from_csv_names_spreadsheet_rows() {
    let dir = std::env::temp_dir().join(format!("santral-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("leads.csv");
    std::fs::write(
        &csv,
        "phone,phrase,lang\n05321234567,\"#456\nline two\",tr-TR\n0532-12,,\n",
    )
    .unwrap();
    let (code, v) = json(
        &[
            "campaign",
            "from-csv",
            csv.to_str().unwrap(),
            "--header",
            "examples/campaign-header.json",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(code, 1);
    let rows: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["row"].as_u64().unwrap(),
            )
        })
        .collect();
    // Row 2's phrase spans two file lines; row 3 starts on file line 4.
    assert!(
        rows.contains(&("phrase.invalid_word".to_string(), 2)),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("phone.invalid_character".to_string(), 3)),
        "{rows:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Issue 30: a campaign dated 2022 was reported valid with no word that it
/// will call no one. Without `--today` the CLI takes today from the system
/// clock in Turkish time, says which day it used, and warns.
#[test]
fn today_comes_from_the_clock() {
    let file = format!("{VENDOR}/campaign_queue_seed004.json");
    let clock = || {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        santral::time::Timestamp::from_unix(secs as i64, santral::time::TURKEY)
            .unwrap()
            .date
            .to_string()
    };
    let before = clock();
    let mut c = santral();
    c.env_remove("SANTRAL_TODAY")
        .args(["check", "campaign", &file, "--format", "json"]);
    let out = c.output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let day = v["today"].as_str().unwrap().to_string();
    assert!(day == before || day == clock(), "{day}");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"window.passed"), "{codes:?}");
    assert_eq!(v["valid"], true, "a warning, not an error");
    // In human output too.
    let mut c = santral();
    c.env_remove("SANTRAL_TODAY")
        .args(["check", "campaign", &file]);
    let human = String::from_utf8(c.output().unwrap().stdout).unwrap();
    assert!(
        human.contains("window.passed") && human.contains(&format!("today: {day}")),
        "{human}"
    );
    // `--today` pins the day; `none` (and SANTRAL_TODAY=none) uses none.
    let (_, pinned) = json(
        &[
            "check",
            "campaign",
            &file,
            "--format",
            "json",
            "--today",
            "2022-09-01",
        ],
        None,
    );
    assert_eq!(pinned["today"], "2022-09-01");
    let (_, none) = json(
        &[
            "check", "campaign", &file, "--format", "json", "--today", "none",
        ],
        None,
    );
    assert!(none["today"].is_null());
    assert!(!none.to_string().contains("window.passed"));
    let (_, help, _) = run(&["check", "--help"], None);
    assert!(
        help.contains("system clock in Turkish") && help.contains("window.passed"),
        "{help}"
    );
}

/// Issue 30: `--lang tr` translates every word of the human output, not
/// only the diagnostics' messages.
#[test]
fn turkish_human_output_has_no_english_words() {
    let file = format!("{VENDOR}/campaign_queue_seed004.json");
    let (_, out, _) = run(
        &[
            "check",
            "campaign",
            &file,
            "--lang",
            "tr",
            "--today",
            "2026-12-07",
        ],
        None,
    );
    for word in [
        "uyarı[window.passed]",
        "konum: date_range_end",
        "kampanya geçerli: 0 hata, 2 uyarı",
        "aranacak kişi: 2",
        "bugün: 2026-12-07",
    ] {
        assert!(out.contains(word), "{word}: {out}");
    }
    let (_, bad, _) = run(
        &["check", "advisory-response", "-", "--lang", "tr"],
        Some(br#"{"transfer":{"target":"usr/1001"}}"#),
    );
    for word in [
        "hata[target.unknown_kind]",
        "öneri: şunu mu demek istediniz: `user`?",
        "yönlendirme cevabı geçersiz: 1 hata",
    ] {
        assert!(bad.contains(word), "{word}: {bad}");
    }
    for english in [
        " at ", "help", "note", "valid", "error", "warning", "leads", "today",
    ] {
        assert!(
            !out.contains(english) && !bad.contains(english),
            "`{english}` in {out}{bad}"
        );
    }
}

/// Issue 30: the strict default refuses `+90 532 123 45 67` and says how
/// `--lenient` reads it.
#[test]
fn a_strict_refusal_suggests_the_lenient_reading() {
    let (code, out, _) = run(&["phone", "+90 532 123 45 67"], None);
    assert_eq!(code, 1);
    assert!(
        out.contains("help: --lenient reads it as +905321234567"),
        "{out}"
    );
    let (_, v) = json(&["phone", "+90 532 123 45 67", "--format", "json"], None);
    assert_eq!(v["error"]["suggestion"], "+905321234567");
    let (_, v) = json(&["phone", "0532-123", "--format", "json"], None);
    assert!(
        v["error"]["suggestion"].is_null(),
        "no reading for a broken number"
    );
}
