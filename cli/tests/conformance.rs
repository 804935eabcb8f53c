//! The conformance vectors through the `santral` command: every
//! subcommand with `--format json`, the real binary, one process per
//! vector. The outcomes go through `conformance/compare.py` like every
//! other face's (the test runs it), and a subcommand that no entry point
//! covers, or explains, fails the test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value as Json};

use santral_conformance::{input_bytes, root};

mod common;
use common::Server;

/// Every subcommand: the entry point it answers, or why none.
const SUBCOMMANDS: &[(&str, &str)] = &[
    ("check", "check"),
    ("phone", "phone"),
    ("match", "same_number"),
    ("target", "target"),
    ("phrase", "phrase"),
    ("codes", "codes"),
    ("convert", "logo"),
    (
        "campaign",
        "-from-csv reads a spreadsheet and rewrites numbers into the wire form",
    ),
    ("simulate", "api_incoming"),
    (
        "serve",
        "-its own face: the call_event and campaign_report vectors POSTed to a running gateway (the_gateway_agrees_with_the_core_on_every_webhook_vector)",
    ),
    (
        "api",
        "-sends any operation; it never prints the key, so the api_request and api_reply vectors (targets with the key) are checked through the core it calls, and cli/tests/api.rs drives it (dry runs, every published reply, the simulator)",
    ),
    (
        "openapi",
        "-writes a document, not a verdict on an input: cli/tests/openapi.rs checks it against the core's tables and scripts/test-openapi.sh against the simulator with Schemathesis",
    ),
    (
        "gateway",
        "-reads the store that `serve` keeps (status, replay, export); the gateway face's test exports it",
    ),
];

/// A `santral simulate` for the `api_incoming` vectors: the sample key,
/// the vectors' day on its clock.
fn simulator() -> Server {
    let clock = format!("{} 10:00:00", santral_conformance::api::INCOMING_TODAY);
    Server::start([
        "simulate",
        "--listen",
        "127.0.0.1:0",
        "--speed",
        "0",
        "--no-rate-limits",
        "--clock",
        &clock,
    ])
}

/// One request: `{"status", "body"}` as answered, or `{"accepted": op}`
/// when the simulator read it as an operation (its `X-Santral-Operation`
/// header: what it then answers depends on its state).
fn answer(server: &Server, a: &Json) -> Json {
    let s = |k: &str| a[k].as_str().unwrap_or("");
    let (status, head, body) = exchange(server, s("method"), s("target"), s("body").as_bytes());
    let op = head.lines().find_map(|l| {
        l.to_ascii_lowercase()
            .strip_prefix("x-santral-operation:")
            .map(|v| v.trim().to_string())
    });
    match op {
        Some(op) => json!({ "accepted": op }),
        None => json!({"status": status, "body": String::from_utf8_lossy(&body)}),
    }
}

/// One request with any bytes as its body: the status and the body.
fn request(server: &Server, method: &str, target: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let (status, _, body) = exchange(server, method, target, body);
    (status, body)
}

/// One request: the status, the head and the body.
fn exchange(server: &Server, method: &str, target: &str, body: &[u8]) -> (u16, String, Vec<u8>) {
    exchange_with(server, method, target, "", body)
}

/// One request with extra header lines (each ending `\r\n`).
fn exchange_with(
    server: &Server,
    method: &str,
    target: &str,
    headers: &str,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    let head = format!(
        "{method} {} HTTP/1.1\r\nhost: {}\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n",
        target.replace(' ', "%20"),
        server.addr,
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    let status = std::str::from_utf8(out.get(9..12).unwrap_or(b""))
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let at = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(out.len(), |i| i + 4);
    let body = out.split_off(at);
    (status, String::from_utf8_lossy(&out).into_owned(), body)
}

/// The CLI as the libraries are: no day unless a vector gives one.
fn santral() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_santral"));
    c.env("SANTRAL_TODAY", "none");
    c
}

/// Runs the binary; `(exit code, stdout, stderr)`.
fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = santral()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("santral");
    if let Some(data) = stdin {
        // A CLI that refuses its options (an impossible `--today`) exits
        // without reading its input: the pipe closing early is its answer,
        // not the test's failure.
        match child.stdin.take().unwrap().write_all(data) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.unwrap(),
        }
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A CLI diagnostic as the vectors write it (the message dropped).
fn diag(d: &Json) -> Json {
    json!({
        "severity": d["severity"], "code": d["code"], "path": d["path"], "offset": d["offset"],
        "end": d["end"], "line": d["line"], "column": d["column"],
        "suggestion": d.get("suggestion").cloned().unwrap_or(Json::Null),
        "related": d.get("related").map_or(Json::Null, |r| json!([r["offset"], r["end"], r["line"], r["column"]])),
    })
}

fn phone_members(v: &Json) -> Json {
    let mut m = v.as_object().unwrap().clone();
    m.remove("input");
    m.remove("possible");
    Json::Object(m)
}

/// The flag clap names in a rejected value's message (`--caller-form`).
fn rejected_flag(stderr: &str) -> String {
    stderr
        .split("'--")
        .nth(1)
        .and_then(|r| r.split([' ', '\'']).next())
        .unwrap_or("")
        .replace('-', "_")
}

fn outcome(entry: &str, a: &Json) -> Json {
    let s = |k: &str| a.get(k).and_then(Json::as_str);
    match entry {
        "phone" | "match_key" => {
            let input = s("input").unwrap();
            let mut args = vec!["phone", "--format", "json"];
            if entry == "match_key" || a["lenient"] == true {
                args.push("--lenient");
            }
            if a["allow_extension"] == false {
                args.push("--no-extension");
            }
            if a["extension_first"] == true {
                args.push("--extension-first");
            }
            if let Some(region) = a["region"].as_str() {
                args.push("--region");
                args.push(region);
            }
            args.push("--");
            args.push(input);
            let (_, out, _) = run(&args, None);
            let v: Json = serde_json::from_str(out.trim()).unwrap();
            match (entry, v.get("error")) {
                (_, Some(e)) => json!({"error": diag(e)}),
                ("phone", None) => json!({"ok": phone_members(&v)}),
                _ => json!({"ok": v["match_key"]}),
            }
        }
        "same_number" => {
            let (_, out, _) = run(
                &[
                    "match",
                    "--format",
                    "json",
                    "--",
                    s("a").unwrap(),
                    s("b").unwrap(),
                ],
                None,
            );
            serde_json::from_str(out.trim()).unwrap()
        }
        "target" => {
            let mut args = vec!["target", "--format", "json"];
            if let Some(c) = s("context") {
                args.extend(["--context", c]);
            }
            args.extend(["--", s("input").unwrap()]);
            let (_, out, _) = run(&args, None);
            let v: Json = serde_json::from_str(out.trim()).unwrap();
            if v["valid"] == true {
                json!({"ok": {"kind": v["kind"], "text": v["text"], "announcement_id": v["announcement_id"]}})
            } else {
                json!({"error": diag(&v["error"])})
            }
        }
        "phrase" => {
            let (_, out, _) = run(
                &["phrase", "--format", "json", "--", s("input").unwrap()],
                None,
            );
            let v: Json = serde_json::from_str(out.trim()).unwrap();
            let valid = v["valid"] == true;
            json!({
                "valid": valid,
                "announcement_ids": if valid { v["announcement_ids"].clone() } else { Json::Null },
                "diagnostics": v["diagnostics"].as_array().unwrap().iter().map(diag).collect::<Vec<_>>(),
            })
        }
        "check" => {
            let mut args = vec![
                "check".to_string(),
                s("kind").unwrap().into(),
                "-".into(),
                "--format".into(),
                "json".into(),
            ];
            for (flag, key) in [("--today", "today"), ("--param-name", "param_name")] {
                if let Some(v) = s(key) {
                    args.extend([flag.into(), v.into()]);
                }
            }
            for (flag, key) in [
                ("--max-diagnostics", "max_diagnostics"),
                ("--duplicate-leads", "duplicate_leads"),
            ] {
                if let Some(v) = a.get(key).and_then(Json::as_u64) {
                    args.extend([flag.into(), v.to_string()]);
                }
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (_, out, _) = run(&args, Some(&input_bytes(a)));
            let v: Json = serde_json::from_str(out.trim()).unwrap();
            if let Some(e) = v.get("option_error") {
                return json!({"option_error": diag(e)});
            }
            json!({
                "valid": v["valid"], "errors": v["errors"], "warnings": v["warnings"],
                "diagnostics": v["diagnostics"].as_array().unwrap().iter().map(diag).collect::<Vec<_>>(),
                "diagnostics_omitted": v["diagnostics_omitted"], "summary": v["summary"],
            })
        }
        "logo" => {
            let mut args = vec![
                "convert".to_string(),
                "logo-crm".into(),
                "-".into(),
                "--format".into(),
                "json".into(),
            ];
            for (flag, key) in [
                ("--keypress", "keypress"),
                ("--caller-form", "caller_form"),
                ("--agent-id", "agent_id"),
                ("--trigger", "trigger"),
            ] {
                if let Some(v) = s(key) {
                    args.extend([flag.into(), v.into()]);
                }
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, out, err) = run(&args, Some(s("input").unwrap().as_bytes()));
            if code == 2 {
                return json!({"argument_error": rejected_flag(&err)});
            }
            let v: Json = serde_json::from_str(out.trim()).unwrap();
            let error = v["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["severity"] == "error")
                .map_or(Json::Null, diag);
            json!({"status": v["status"], "body": v["body"], "error": error})
        }
        "codes" => {
            let (_, out, _) = run(&["codes", "--format", "json"], None);
            let codes: Vec<Json> = out
                .lines()
                .map(|l| serde_json::from_str::<Json>(l).unwrap()["code"].clone())
                .collect();
            json!({"codes": codes})
        }
        other => panic!("{other}"),
    }
}

#[test]
fn the_cli_agrees_with_the_core_on_every_vector() {
    // Every subcommand in `santral --help` is mapped.
    let (_, help, _) = run(&["--help"], None);
    let listed: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .take_while(|w| !w.starts_with("Options"))
        .filter(|w| *w != "help")
        .collect();
    for c in &listed {
        assert!(
            SUBCOMMANDS.iter().any(|(name, _)| name == c),
            "the subcommand `{c}` has no conformance entry: add its vectors (conformance/src/lib.rs) and map it here"
        );
    }
    let entries: Vec<&str> = SUBCOMMANDS
        .iter()
        .filter(|(_, e)| !e.starts_with('-'))
        .map(|(_, e)| *e)
        .chain(["match_key"])
        .collect();
    let vectors: Vec<Json> = std::fs::read_to_string(root().join("conformance/vectors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = String::new();
    out.push_str(&format!(
        "{}\n",
        json!({"face": "cli", "entries": entries, "missing": {
            "call_event": "checked as `check call-event` (no typed event output)",
            "campaign_report": "checked as `check campaign-report`",
            "advisory_request": "checked as `check advisory-request`",
            "transfer": "no builder subcommand", "prompt": "no builder subcommand",
            "record": "no builder subcommand", "speech_to_text": "no builder subcommand",
            "campaign_build": "`campaign from-csv` builds from a spreadsheet (numbers in the wire form)",
            "api_request": "`santral api --dry-run` masks the key the vectors' targets carry (cli/tests/api.rs)",
            "api_reply": "`santral api --read-reply` prints the typed reply (cli/tests/api.rs checks every published one)",
            "api_route": "the PBX's side of every operation in both dialects, read into parameters by the core; the simulator answers them (api_incoming: the operation it read)",
            "client_address": "`santral serve` applies it (its allow-list tests, behind real HAProxy and nginx in scripts/test-proxies.sh)",
            "form_fields": "`santral serve` keeps the body as received and delivers the typed event",
            "receive": "`santral serve` is the CLI's receiver: the_gateway_answers_every_receive_vector_as_the_core",
            "advisory_answer": "the CLI serves no routing handler (`santral simulate` plays the PBX's side of Santral Programlama)",
        }})
    ));
    let mut running: Option<Server> = None;
    for v in &vectors {
        let entry = v["entry"].as_str().unwrap();
        if entry == "api_incoming" {
            let sim = running.get_or_insert_with(simulator);
            let o = answer(sim, &v["args"]);
            out.push_str(&format!("{}\n", json!({"id": v["id"], "outcome": o})));
        } else if entries.contains(&entry) {
            let o = outcome(entry, &v["args"]);
            out.push_str(&format!("{}\n", json!({"id": v["id"], "outcome": o})));
        }
    }
    let path = root().join("target/conformance-cli.jsonl");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, out).unwrap();
    let status = Command::new("python3")
        .arg(root().join("conformance/compare.py"))
        .arg("cli")
        .arg(&path)
        .status()
        .expect("python3");
    assert!(
        status.success(),
        "the CLI differs from the core (see above)"
    );
}

/// The gateway face: every `call_event` vector POSTed to a running
/// `santral serve` at its events path, every `campaign_report` vector at
/// its reports path. A rejection must carry the core's diagnostics
/// exactly (a verification ping is answered 200 `OK`: listed);
/// an acceptance must be kept (`santral gateway export` lists its key),
/// compared as `{"ok": "stored"}` since a receiver answers no typed value.
#[test]
fn the_gateway_agrees_with_the_core_on_every_webhook_vector() {
    const ENTRIES: [&str; 2] = ["call_event", "campaign_report"];
    let dir = root().join("target/conformance-gateway");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("santral-gateway.toml");
    // A sink nobody listens on: deliveries wait and retry, which this
    // test does not look at.
    std::fs::write(
        &config,
        format!(
            "database = \"sqlite:{}\"\nallow = [\"127.0.0.1/32\"]\n\n[[sink]]\nkind = \"webhook\"\nurl = \"http://127.0.0.1:9/hooks\"\n",
            dir.join("gateway.db").display()
        ),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let gateway = Server::start(["serve", "--config", config, "--listen", "127.0.0.1:0"]);
    let vectors: Vec<Json> = std::fs::read_to_string(root().join("conformance/vectors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut answered = Vec::new();
    for v in vectors
        .iter()
        .filter(|v| ENTRIES.contains(&v["entry"].as_str().unwrap()))
    {
        let path = if v["entry"] == "call_event" {
            "/events"
        } else {
            "/reports"
        };
        let input = input_bytes(&v["args"]);
        let (status, body) = request(&gateway, "POST", path, &input);
        // Resends of one event are kept once, under its key.
        let mut counter = santral::diag::Counter::default();
        let key = if path == "/events" {
            santral::event::CallEvent::parse(&input, &mut counter)
                .map(|e| e.idempotency_key().to_string())
        } else {
            santral::report::CampaignReport::parse(&input, &mut counter)
                .map(|r| r.idempotency_key().to_string())
        };
        answered.push((v["id"].clone(), key, status, body));
    }
    drop(gateway);
    let (code, exported, err) = run(&["gateway", "export", "--config", config], None);
    assert_eq!(code, 0, "{err}");
    let kept: Vec<String> = exported
        .lines()
        .map(|l| {
            serde_json::from_str::<Json>(l).unwrap()["key"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let all: std::collections::BTreeSet<&str> = vectors
        .iter()
        .map(|v| v["entry"].as_str().unwrap())
        .collect();
    let missing: serde_json::Map<String, Json> = all
        .iter()
        .filter(|e| !ENTRIES.contains(e))
        .map(|e| {
            (
                e.to_string(),
                json!("the gateway receives call events and campaign reports only"),
            )
        })
        .collect();
    let mut out = format!(
        "{}\n",
        json!({"face": "gateway", "entries": ENTRIES, "missing": missing,
            "verdicts": {"call_event": "a receiver answers 200 or 400", "campaign_report": "a receiver answers 200 or 400"}})
    );
    for (id, key, status, body) in answered {
        let diagnostics = body.first() == Some(&b'{');
        if status == 200 && key.is_none() && body == b"OK" {
            // A verification ping: the receive vectors compare its answer.
            out.push_str(&format!(
                "{}\n",
                json!({"id": id, "inexpressible": "a verification ping is answered 200 OK, nothing kept (the receive vectors compare it)"})
            ));
            continue;
        }
        let outcome = match status {
            200 if !diagnostics && key.as_ref().is_some_and(|k| kept.contains(k)) => {
                json!({"ok": "stored"})
            }
            200 if !diagnostics => json!({"ok": "answered 200 but not kept"}),
            // A rejection (400), or a verification ping (200, nothing kept).
            200 | 400 => {
                let body: Json = serde_json::from_slice(&body).unwrap();
                let found: Vec<Json> = body["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(diag)
                    .collect();
                json!({"error": found})
            }
            _ => json!({"status": status, "body": String::from_utf8_lossy(&body)}),
        };
        out.push_str(&format!("{}\n", json!({"id": id, "outcome": outcome})));
    }
    let path = root().join("target/conformance-gateway.jsonl");
    std::fs::write(&path, out).unwrap();
    let status = Command::new("python3")
        .arg(root().join("conformance/compare.py"))
        .arg("gateway")
        .arg(&path)
        .status()
        .expect("python3");
    assert!(
        status.success(),
        "the gateway differs from the core (see above)"
    );
}

/// The gateway as a receiving face: every `receive` vector a running
/// `santral serve` can be sent — from 127.0.0.1 (its allow-list:
/// `127.0.0.1/32` beside the vendor's), no trusted proxy, its routes
/// (events, reports; no routing route), with or without the secret
/// `s3cr3t` — over HTTP. Its answer must be the core's byte for byte
/// (status, `Content-Type`, `Allow`, body); a value handed over must be
/// kept under its key (`santral gateway export`; a resend is kept once).
#[test]
fn the_gateway_answers_every_receive_vector_as_the_core() {
    let dir = root().join("target/conformance-gateway-receive");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let start = |name: &str, extra: &str| {
        let config = dir.join(format!("{name}.toml"));
        std::fs::write(
            &config,
            format!(
                "database = \"sqlite:{}\"\nallow = [\"127.0.0.1/32\"]\n{extra}\n[[sink]]\nkind = \"webhook\"\nurl = \"http://127.0.0.1:9/hooks\"\n",
                dir.join(format!("{name}.db")).display()
            ),
        )
        .unwrap();
        let server = Server::start([
            "serve",
            "--config",
            config.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ]);
        (config, server)
    };
    let plain = start("plain", "");
    let secret = start("secret", "secret = \"s3cr3t\"\n");
    let vectors: Vec<Json> = std::fs::read_to_string(root().join("conformance/vectors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Json| v["entry"] == "receive")
        .collect();
    let all: Vec<Json> = std::fs::read_to_string(root().join("conformance/vectors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let missing: serde_json::Map<String, Json> = all
        .iter()
        .filter_map(|v| v["entry"].as_str())
        .filter(|e| *e != "receive")
        .map(|e| {
            (
                e.to_owned(),
                json!("this runner sends the receive vectors; the webhook vectors have their own"),
            )
        })
        .collect();
    let mut lines =
        vec![json!({"face": "gateway-receive", "entries": ["receive"], "missing": missing})];
    let mut handed = Vec::new();
    for v in &vectors {
        let (c, r) = (&v["args"]["config"], &v["args"]["request"]);
        let config: serde_json::Map<String, Json> = c.as_object().cloned().unwrap_or_default();
        let fits = config.iter().all(|(k, val)| match k.as_str() {
            "allow" => val == "127.0.0.1/32",
            "secret" => val == "s3cr3t",
            "advisory_path" => val == "",
            _ => false,
        }) && config.contains_key("allow");
        let path = r["path"].as_str().unwrap_or("");
        let body = match r["body_hex"].as_str() {
            Some(hex) => input_bytes(&json!({ "input_hex": hex })),
            None => r["body"].as_str().unwrap_or("").as_bytes().to_vec(),
        };
        let why = if !fits {
            Some("a running gateway's settings are fixed: 127.0.0.1 allowed, no trusted proxy, no routing route")
        } else if r["peer"] != "127.0.0.1" {
            Some("the gateway's peer is the test's loopback address")
        } else if r
            .get("content_length")
            .is_some_and(|n| n.as_u64() != Some(body.len() as u64))
        {
            Some("HTTP sends the body its Content-Length declares")
        } else if config.get("advisory_path").is_none() && path.contains("advisory") {
            Some("the gateway serves no routing route")
        } else {
            None
        };
        if let Some(why) = why {
            lines.push(json!({"id": v["id"], "inexpressible": why}));
            continue;
        }
        let server = if config.contains_key("secret") {
            &secret.1
        } else {
            &plain.1
        };
        let mut headers = String::new();
        for (name, key) in [
            ("x-forwarded-for", "forwarded_for"),
            ("content-type", "content_type"),
        ] {
            if let Some(value) = r[key].as_str() {
                headers.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        let target = match r["query"].as_str() {
            Some(q) if !q.is_empty() => format!("{path}?{q}"),
            _ => path.to_owned(),
        };
        let method = r["method"].as_str().unwrap_or("GET");
        let (status, head, answered) = exchange_with(server, method, &target, &headers, &body);
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
        };
        // What the core's reading hands over: kept under its key.
        let mut counter = santral::diag::Counter::default();
        let key = match r["path"].as_str() {
            _ if status != 200 => None,
            _ => santral::event::CallEvent::parse(&body, &mut counter)
                .map(|e| ("call-event", e.idempotency_key().to_string()))
                .or_else(|| {
                    santral::report::CampaignReport::parse(&body, &mut counter)
                        .map(|e| ("campaign-report", e.idempotency_key().to_string()))
                }),
        };
        handed.push((v["id"].clone(), key.clone()));
        lines.push(json!({"id": v["id"], "outcome": {
            "status": status,
            "content_type": header("content-type"),
            "allow": header("allow"),
            "body": String::from_utf8_lossy(&answered),
            "handover": key.as_ref().map(|k| k.0),
            "key": key.as_ref().map(|k| k.1.clone()),
        }}));
    }
    let configs = [plain.0.clone(), secret.0.clone()];
    drop(plain);
    drop(secret);
    let mut kept = std::collections::BTreeSet::new();
    for config in &configs {
        let (code, exported, err) = run(
            &["gateway", "export", "--config", config.to_str().unwrap()],
            None,
        );
        assert_eq!(code, 0, "{err}");
        for l in exported.lines() {
            kept.insert(
                serde_json::from_str::<Json>(l).unwrap()["key"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    for (id, key) in handed {
        if let Some((_, key)) = key {
            assert!(
                kept.contains(&key),
                "{id}: answered as handed over but {key} was not kept"
            );
        }
    }
    let out: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = root().join("target/conformance-gateway-receive.jsonl");
    std::fs::write(&path, out).unwrap();
    let status = Command::new("python3")
        .arg(root().join("conformance/compare.py"))
        .arg("gateway-receive")
        .arg(&path)
        .status()
        .expect("python3");
    assert!(
        status.success(),
        "the gateway's answers differ from the core's (see above)"
    );
}
