//! `santral api`: every operation listed, every published reply read
//! (`--read-reply`), requests checked before sending and shown masked
//! (`--dry-run`), and real requests against `santral simulate` on a free
//! loopback port — with the key never printed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use santral::api::{Operation, SAMPLE_KEY};
use serde_json::Value as Json;

mod common;
use common::Server;

fn santral(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_santral"))
        .args(args)
        .env("SANTRAL_KEY", SAMPLE_KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains(SAMPLE_KEY), "the key was printed: {all}");
    out
}

fn json_of(out: &Output) -> Json {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn lists_every_operation() {
    let out = santral(&["api", "--list", "--format", "json"], "");
    let list = json_of(&out);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["operation"].as_str().unwrap())
        .collect();
    assert_eq!(names, Operation::NAMES);
    let human = santral(&["api", "--list"], "");
    assert_eq!(String::from_utf8_lossy(&human.stdout).lines().count(), 45);
}

#[test]
fn reads_every_published_reply_and_failure() {
    for op in Operation::ALL {
        let spec = op.spec();
        let out = santral(
            &[
                "api",
                op.as_str(),
                "--read-reply",
                "200",
                "-",
                "--format",
                "json",
            ],
            spec.success,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{op}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let j = json_of(&out);
        assert!(j["success"].is_string(), "{op}: {j}");
        for f in spec.failures {
            let status = f.status.to_string();
            let out = santral(
                &[
                    "api",
                    op.as_str(),
                    "--read-reply",
                    &status,
                    "-",
                    "--format",
                    "json",
                ],
                f.text,
            );
            assert_eq!(out.status.code(), Some(1), "{op}: {}", f.text);
            assert_eq!(
                json_of(&out)["failure"]["code"],
                f.code.id(),
                "{op}: {}",
                f.text
            );
        }
    }
    // A list as CSV, its columns the record table's.
    let out = santral(
        &[
            "api",
            "list-agent-statuses",
            "--read-reply",
            "200",
            "-",
            "--format",
            "csv",
        ],
        Operation::ListAgentStatuses.spec().success,
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "agent,status,queues,break_description");
    assert_eq!(lines[1], "1010,AVAILABLE,204;205,");
    assert_eq!(lines[3], "1026,ON_BREAK,204,Kahve");
    // csv of a reply that is no list is a usage error.
    let out = santral(
        &[
            "api",
            "hangup",
            "--read-reply",
            "200",
            "-",
            "--format",
            "csv",
        ],
        "+OK",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn checks_before_sending_and_masks_the_dry_run() {
    // Nothing listens on port 9: an invalid request must fail before any
    // connection is tried (exit 2 with the diagnostic, not "no answer").
    let out = santral(
        &[
            "api",
            "transfer",
            "--call-uuid",
            "f3797dfc",
            "user_nmber=1000",
            "--base-url",
            "http://127.0.0.1:9",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("api.unknown_param at user_nmber")
            && err.contains("did you mean user_number?"),
        "{err}"
    );
    assert!(err.contains("api.missing_param at user_number"), "{err}");
    assert!(!err.contains("no answer"), "{err}");

    let out = santral(
        &[
            "api",
            "create_contact_group",
            "name=Müşteriler",
            "--dry-run",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let j = json_of(&out);
    assert_eq!(j["request"], "POST /contact_groups");
    assert_eq!(
        j["body"],
        "{\"key\":\"K1234…9012\",\"name\":\"Müşteriler\"}"
    );
    assert_eq!(j["content_type"], "application/json");
    let out = santral(
        &[
            "api",
            "set-dnd",
            "extension=1010",
            "--state",
            "on",
            "--dry-run",
        ],
        "",
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "GET /dnd/1010?state=on&key=K1234…9012"
    );
    // No key at all: a usage error, not a request without one.
    let out = Command::new(env!("CARGO_BIN_EXE_santral"))
        .args(["api", "list_queues", "--base-url", "http://127.0.0.1:9"])
        .env_remove("SANTRAL_KEY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn runs_against_the_simulator() {
    let sim = Server::start([
        "simulate",
        "--listen",
        "127.0.0.1:0",
        "--key",
        SAMPLE_KEY,
        "--speed",
        "0",
        "--no-rate-limits",
    ]);
    let url = format!("http://{}", sim.addr);
    // An empty list of call records still has its header.
    let out = santral(
        &["api", "list_cdrs", "--base-url", &url, "--format", "csv"],
        "",
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("call_uuid,start_stamp,"), "{csv}");
    let out = santral(
        &[
            "api",
            "originate",
            "extension=1001",
            "destination=08505320000",
            "--base-url",
            &url,
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let uuid = json_of(&out)["call_uuid"].as_str().unwrap().to_string();
    let out = santral(
        &["api", "list_cdrs", "--base-url", &url, "--format", "csv"],
        "",
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("call_uuid,start_stamp,"), "{csv}");
    assert!(csv.contains(&uuid), "{csv}");
    let out = santral(
        &[
            "api",
            "get_cdr",
            &format!("call_uuid={uuid}"),
            "--base-url",
            &url,
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(json_of(&out)["record"]["call_uuid"], uuid.as_str());
    let out = santral(
        &["api", "delete_campaign", "id=999", "--base-url", &url],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("response.campaign_not_found"));

    // SANTRAL_URL names the PBX when --base-url does not; the flag wins.
    let with_env = |args: &[&str], env_url: &str| {
        Command::new(env!("CARGO_BIN_EXE_santral"))
            .args(args)
            .env("SANTRAL_KEY", SAMPLE_KEY)
            .env("SANTRAL_URL", env_url)
            .output()
            .unwrap()
    };
    let out = with_env(&["api", "list_queues", "--format", "json"], &url);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = with_env(
        &["api", "list_queues", "--base-url", &url],
        "http://127.0.0.1:9",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = with_env(&["api", "list_queues"], "http://127.0.0.1:9");
    assert_eq!(
        out.status.code(),
        Some(2),
        "port 9 answers nothing: no answer is 2"
    );
}
