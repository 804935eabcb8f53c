//! The vendor's published examples for the lexical layer, each a named
//! case in `core/tests/vendor/lexical.tsv`, checked against the verdict
//! SPEC gives it. Where `../shared` is present (always in CI), each value
//! must also appear verbatim in the page or seed it is attributed to, so a
//! fixture can never drift from what the vendor published.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use santral::diag::{Code, Collector};
use santral::form::Form;
use santral::lexical::{ApiKey, CallUuid, Email, Lang, OnOff, TtsText, Url};
use santral::phone::{Options, Phone};
use santral::phrase::Phrase;
use santral::response::{classify, Expect};
use santral::target::{Target, TargetContext};
use santral::time::{Date, Duration, Time, Timestamp};

const FIXTURES: &str = include_str!("vendor/lexical.tsv");

/// What santral says of one value: `Ok(None)`, `Ok(Some(warning))` or `Err(error)`.
fn verdict(element: &str, value: &str) -> Result<Option<Code>, Code> {
    let c = |e: santral::Error| e.code;
    match element {
        "phone" => Phone::parse(value).map(|p| p.warning()).map_err(c),
        "phone_or_extension" => Phone::parse_with(value, Options::STRICT_OR_EXTENSION)
            .map(|p| p.warning())
            .map_err(c),
        "target_campaign" => Target::parse(value, TargetContext::Campaign)
            .map(|_| None)
            .map_err(c),
        "target_advisory" => Target::parse(value, TargetContext::Advisory)
            .map(|_| None)
            .map_err(c),
        "phrase" => Phrase::new(value).check().map(|_| None).map_err(c),
        "text" => TtsText::parse(value).map(|_| None).map_err(c),
        "date" => Date::parse(value).map(|_| None).map_err(c),
        "time" => Time::parse(value).map(|_| None).map_err(c),
        "timestamp" => Timestamp::parse(value).map(|_| None).map_err(c),
        "duration" => Duration::parse(value).map(|_| None).map_err(c),
        "url" => Url::parse(value).map(|_| None).map_err(c),
        "api_key" => ApiKey::parse(value)
            .map(|k| k.warning().map(|w| w.code))
            .map_err(c),
        "call_uuid" => CallUuid::parse(value).map(|_| None).map_err(c),
        "email" => Email::parse(value).map(|_| None).map_err(c),
        "lang" => Lang::parse(value).map(|_| None).map_err(c),
        "on_off" => OnOff::parse(value).map(|_| None).map_err(c),
        "form" => match Form::new(value.as_bytes()).errors().next() {
            Some(e) => Err(e.code),
            None => Ok(None),
        },
        "call_event" => {
            message(|sink| santral::event::CallEvent::parse(value.as_bytes(), sink).is_some())
        }
        "campaign_report" => {
            message(|sink| santral::report::CampaignReport::parse(value.as_bytes(), sink).is_some())
        }
        "advisory_request" => {
            let param = ["musteri_no", "secim"]
                .into_iter()
                .find(|p| value.contains(&format!("&{p}=")));
            message(|sink| {
                santral::advisory::AdvisoryRequest::parse(value.as_bytes(), param, sink).is_some()
            })
        }
        "response_ok" => reply(200, value, Expect::Ok),
        "response_campaign_id" => reply(200, value, Expect::CampaignId),
        "response_call_uuid" => reply(200, value, Expect::CallUuid),
        "response_failure" => reply(400, value, Expect::Ok),
        "opencart_peer" => {
            let ip = value.parse().map_err(|_| Code::OpencartCidr)?;
            if santral::opencart::is_allowed(&santral::opencart::VENDOR_ADDRESSES, ip) {
                Ok(None)
            } else {
                Err(Code::OpencartCidr)
            }
        }
        other => panic!("unknown element {other} in lexical.tsv"),
    }
}

/// Runs a message parser; its first diagnostic is the verdict.
fn message(run: impl FnOnce(&mut Collector<8>) -> bool) -> Result<Option<Code>, Code> {
    let mut sink: Collector<8> = Collector::new();
    let ok = run(&mut sink);
    match sink.diagnostics().first() {
        Some(d) if d.severity == santral::Severity::Error => Err(d.code),
        Some(d) => Ok(Some(d.code)),
        None if ok => Ok(None),
        None => Err(Code::ResponseUnexpected),
    }
}

fn reply(status: u16, body: &str, expect: Expect) -> Result<Option<Code>, Code> {
    classify(status, body, expect)
        .map(|_| None)
        .map_err(|f| f.code())
}

fn rows() -> impl Iterator<Item = (usize, [&'static str; 4])> {
    FIXTURES
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "lexical.tsv line {}: {l:?}", i + 1);
            (i + 1, [cols[0], cols[1], cols[2], cols[3]])
        })
}

#[test]
fn vendor_examples_get_the_spec_verdict() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (line, [element, value, want, _]) in rows() {
        count += 1;
        let got = match verdict(element, value) {
            Ok(None) => "ok".to_string(),
            Ok(Some(w)) => format!("warn:{}", w.id()),
            Err(e) => format!("err:{}", e.id()),
        };
        if got != want {
            failures.push(format!(
                "line {line}: {element} {value:?}: want {want}, got {got}"
            ));
        }
    }
    assert!(count >= 110, "only {count} vendor cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn shared() -> PathBuf {
    std::env::var_os("SANTRAL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared")))
}

fn source_text(source: &str) -> Option<String> {
    let root = shared();
    if let Some(seed) = source.strip_prefix("seed:") {
        let dir = std::fs::read_dir(root.join("seeds")).ok()?;
        let path = dir.flatten().map(|e| e.path()).find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{seed}_")))
        })?;
        return std::fs::read_to_string(path).ok();
    }
    std::fs::read_to_string(root.join("reference/bulutsantralim-api").join(source)).ok()
}

#[test]
fn vendor_examples_are_quoted_verbatim() {
    if !shared().join("SPEC.md").exists() {
        eprintln!("note: ../shared not found (set SANTRAL_SHARED); provenance not checked");
        return;
    }
    let mut failures = Vec::new();
    for (line, [element, value, _, source]) in rows() {
        match source_text(source) {
            Some(text) if text.contains(value) => {}
            Some(_) => failures.push(format!(
                "line {line}: {element} {value:?} is not in {source}"
            )),
            None => failures.push(format!("line {line}: source {source} not found")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn vendor_body_fixtures_are_verbatim() {
    if !shared().join("SPEC.md").exists() {
        eprintln!("note: ../shared not found (set SANTRAL_SHARED); provenance not checked");
        return;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vendor");
    let manifest = std::fs::read_to_string(format!("{dir}/SOURCES.tsv")).unwrap();
    let mut checked = 0;
    for line in manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (file, source) = line.split_once('\t').unwrap();
        let body = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let text = source_text(source).unwrap_or_else(|| panic!("source {source} not found"));
        assert!(text.contains(&body), "{file} is not verbatim in {source}");
        checked += 1;
    }
    assert!(checked >= 3);
}
