//! `santral simulate --shop-url`: the PBX's OpenCart flow against a shop
//! that answers badly. A real HTTP shop on a free loopback port (std's
//! TCP listener, one thread per connection) answers each route with a
//! scripted reply: HTML error pages, `[false]`, `{"order":null}` where an
//! order is due, wrong types, a stall, a 10 MB body. Each must be reported
//! with its route and diagnostics, and the run must go on with the next
//! order. Every request the shop receives is checked with the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value as Json;

/// What the shop answers: by route (and order id for updates), a status
/// and a body, or a stall.
#[derive(Clone)]
enum Say {
    Json(u16, String),
    Stall(Duration),
}

fn ok(body: &str) -> Say {
    Say::Json(200, body.to_string())
}

struct Shop {
    port: u16,
    seen: Arc<Mutex<Vec<(String, String)>>>,
}

/// Serves `script(route, query) -> Say` until the test ends.
fn shop(script: impl Fn(&str, &HashMap<String, String>) -> Say + Send + Sync + 'static) -> Shop {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let script = Arc::new(script);
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let script = script.clone();
            let log = log.clone();
            std::thread::spawn(move || answer(stream, &*script, &log));
        }
    });
    Shop { port, seen }
}

fn answer(
    mut stream: TcpStream,
    script: &dyn Fn(&str, &HashMap<String, String>) -> Say,
    log: &Mutex<Vec<(String, String)>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let params: HashMap<String, String> = url_pairs(query);
    let route = params.get("route").cloned().unwrap_or_default();
    log.lock().unwrap().push((
        query.to_string(),
        String::from_utf8_lossy(&body).into_owned(),
    ));
    let say = script(&route, &params);
    let (status, body) = match say {
        Say::Json(s, b) => (s, b),
        Say::Stall(d) => {
            std::thread::sleep(d);
            (200, "[false]".to_string())
        }
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

fn url_pairs(query: &str) -> HashMap<String, String> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("00");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

const LOGIN: &str =
    r#"{"success":"Success: API session successfully started!","api_token":"tok123"}"#;

fn run(port: u16, extra: &[&str]) -> (i32, String, Json) {
    let dir = std::env::temp_dir().join(format!("santral-shop-test-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_santral"))
        .args(["simulate", "--speed", "0", "--seed", "3", "--shop-key", "K"])
        .args(["--shop-url", &format!("http://127.0.0.1:{port}")])
        .arg("--shop-report")
        .arg(&report)
        .args(extra)
        .output()
        .unwrap();
    let json: Json = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        json,
    )
}

fn errors(r: &Json) -> Vec<(String, Option<u64>, String, Vec<String>)> {
    r["shop_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["route"].as_str().unwrap().to_string(),
                e["order_id"].as_u64(),
                e["problem"].as_str().unwrap().to_string(),
                e["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| {
                        format!(
                            "{} {}",
                            d["code"].as_str().unwrap(),
                            d["path"].as_str().unwrap()
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

/// Every query the shop received is one the core accepts (the login's
/// body is `username=bulutsantralim&key=…`).
fn all_valid(shop: &Shop) {
    for (query, body) in shop.seen.lock().unwrap().iter() {
        if query == "route=api/login" {
            assert_eq!(body, "username=bulutsantralim&key=K");
            continue;
        }
        let without_token: Vec<&str> = query
            .split('&')
            .filter(|p| !p.starts_with("api_token="))
            .collect();
        let mut sink: santral::diag::Collector<8> = santral::diag::Collector::new();
        assert!(
            santral::opencart::parse_request(without_token.join("&").as_bytes(), &mut sink)
                .is_some(),
            "{query}: {:?}",
            sink.diagnostics()
        );
        assert!(query.ends_with("&api_token=tok123"), "{query}");
    }
}

#[test]
fn hostile_status_updates_are_reported_one_by_one_and_the_run_goes_on() {
    // Six pending orders; each update answered differently.
    let list = r#"[[{"order_id":"1","telephone":"05321112201"},{"order_id":"2","telephone":"05321112202"},
        {"order_id":"3","telephone":"05321112203"},{"order_id":"4","telephone":"05321112204"},
        {"order_id":"5","telephone":"05321112205"},{"order_id":"6","telephone":"05321112206"}]]"#;
    let big = format!(
        "{{\"order\":null,\"pad\":\"{}\"}}",
        "x".repeat(10 * 1024 * 1024)
    );
    let shop = shop(move |route, q| match route {
        "api/login" => ok(LOGIN),
        "api/verimor/list_orders" => ok(list),
        "api/verimor/update_order_status" => match q.get("order_id").map(String::as_str) {
            Some("1") => Say::Json(
                500,
                "<html><body><b>Fatal error</b>: Uncaught PDOException</body></html>".into(),
            ),
            Some("2") => ok("[false]"),
            Some("3") => ok(r#"{"order":"yes"}"#),
            Some("4") => Say::Stall(Duration::from_secs(30)),
            Some("5") => Say::Json(200, big.clone()),
            _ => ok(r#"{"order":null}"#),
        },
        _ => Say::Json(404, "Not Found".into()),
    });
    let started = std::time::Instant::now();
    let (code, text, r) = run(
        shop.port,
        &[
            "--shop-rounds",
            "12",
            "--shop-attempts",
            "12",
            "--shop-timeout",
            "1",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "the stall held the run"
    );
    assert_eq!(code, 1, "{text}");
    assert_eq!(r["called"], 6, "{r}");
    let errs = errors(&r);
    let by_order: HashMap<u64, &(String, Option<u64>, String, Vec<String>)> =
        errs.iter().filter_map(|e| e.1.map(|o| (o, e))).collect();
    let route = "api/verimor/update_order_status";
    // Each bad order once, at its route, with what was wrong.
    assert!(errs.iter().all(|e| e.0 == route), "{errs:?}");
    assert_eq!(errs.len(), 5, "{errs:?}");
    assert!(
        by_order[&1].2.contains("HTTP 500")
            && by_order[&1]
                .3
                .contains(&"json.unexpected_character ".to_string()),
        "{:?}",
        by_order[&1]
    );
    assert_eq!(
        by_order[&2].3,
        ["opencart.reply_for_route "],
        "{:?}",
        by_order[&2]
    );
    assert_eq!(
        by_order[&3].3[0], "opencart.reply order",
        "{:?}",
        by_order[&3]
    );
    assert!(
        by_order[&4].2.contains("did not answer within 1 s"),
        "{:?}",
        by_order[&4]
    );
    assert!(by_order[&5].2.contains("larger than"), "{:?}", by_order[&5]);
    // Order 6 went through: its status is the decision's.
    let six = r["orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order_id"] == 6)
        .unwrap();
    assert!(six["status_set"] == 2 || six["status_set"] == 7, "{six}");
    for o in r["orders"].as_array().unwrap() {
        if o["order_id"] != 6 {
            assert!(o["status_set"].is_null(), "{o}");
        }
    }
    assert!(text.contains("shop error: api/verimor/update_order_status (order 4): the shop did not answer within 1 s"), "{text}");
    all_valid(&shop);
}

#[test]
fn hostile_lists_and_lookups_are_reported_with_the_field_and_the_reason() {
    let shop = shop(|route, q| match route {
        "api/login" => ok(LOGIN),
        "api/verimor/list_orders" => ok(
            r#"[[{"order_id":"1","telephone":"05321112201"},{"order_id":{"x":1},"telephone":"05321112202"},
                {"order_id":"3","telephone":5321112203},{"order_id":"4","telephone":"05321112204","payment_method":"Havale"}]]"#,
        ),
        "api/verimor/update_order_status" => ok(r#"{"order":null}"#),
        "api/verimor/get_order_by_telephone_number" => match q.get("telephone").map(String::as_str)
        {
            Some("5334979714") => ok(
                r#"{"order":{"order_id":"77","telephone":"05334979714","order_status_id":"1"},"status":"success"}"#,
            ),
            Some("5321112299") => ok(r#"{"order":null}"#),
            Some("5321112298") => ok("[false]"),
            Some("5321112297") => ok(r#"{"status":"not found"}"#),
            _ => ok(r#"{"error":"Warning: You do not have permission to access the API!"}"#),
        },
        _ => Say::Json(404, "Not Found".into()),
    });
    let (code, _, r) = run(
        shop.port,
        &[
            "--shop-rounds",
            "8",
            "--shop-attempts",
            "8",
            "--shop-lookup",
            "+90 533 497 97 14",
            "--shop-lookup",
            "0532 111 22 99",
            "--shop-lookup",
            "0532 111 22 98",
            "--shop-lookup",
            "0532 111 22 97",
            "--shop-lookup",
            "0532 111 22 96",
        ],
    );
    assert_eq!(code, 1);
    let errs = errors(&r);
    let list: Vec<_> = errs
        .iter()
        .filter(|e| e.0 == "api/verimor/list_orders")
        .collect();
    assert_eq!(list.len(), 8, "one per listing: {errs:?}");
    assert_eq!(
        list[0].3,
        [
            "opencart.order_id [0][1].order_id",
            "json.expected_string [0][2].telephone"
        ],
        "{list:?}"
    );
    // Order 1 was called; 2 (no id) and 3 (no phone) could not be; 4 is
    // not cash on delivery: a warning, not called.
    let called: Vec<u64> = r["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["order_id"].as_u64().unwrap())
        .collect();
    assert_eq!(called, [1]);
    let warnings: Vec<&str> = r["listing_warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(warnings.contains(&"[0][3].payment_method"), "{warnings:?}");
    let lookups: Vec<(&str, &str)> = r["lookups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["caller"].as_str().unwrap(), l["result"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lookups,
        [
            ("+90 533 497 97 14", "found"),
            ("0532 111 22 99", "failed"),
            ("0532 111 22 98", "failed"),
            ("0532 111 22 97", "not_found"),
            ("0532 111 22 96", "failed"),
        ]
    );
    assert_eq!(r["lookups"][0]["order_id"], 77);
    let lookup_errors: Vec<_> = errs
        .iter()
        .filter(|e| e.0 == "api/verimor/get_order_by_telephone_number")
        .collect();
    assert_eq!(lookup_errors.len(), 3, "{lookup_errors:?}");
    assert_eq!(lookup_errors[0].3, ["opencart.reply_for_route "]);
    assert_eq!(lookup_errors[1].3, ["opencart.reply_for_route "]);
    assert!(
        lookup_errors[2].2.contains("do not have permission"),
        "{lookup_errors:?}"
    );
    all_valid(&shop);
}

#[test]
fn a_shop_that_cannot_log_in_or_list_stops_cleanly() {
    for (login, list, problem) in [
        (
            "<html>503 Service Unavailable</html>",
            "[false]",
            "the login's reply is not one the PBX can read",
        ),
        (
            r#"{"error":{"ip":"Warning: Your IP 127.0.0.1 is not allowed to access this API!"}}"#,
            "[false]",
            "is not allowed",
        ),
        (
            LOGIN,
            r#"{"order":null}"#,
            "the order list is not one the PBX can read",
        ),
        (
            LOGIN,
            r#"{"error":{"warning":"Warning: You do not have permission to access the API!"}}"#,
            "do not have permission",
        ),
    ] {
        let shop = shop(move |route, _| match route {
            "api/login" => ok(login),
            _ => ok(list),
        });
        let (code, text, r) = run(shop.port, &["--shop-rounds", "1"]);
        assert_eq!(code, 1, "{text}");
        let errs = errors(&r);
        assert!(errs[0].2.contains(problem), "{errs:?}");
        assert_eq!(r["called"], 0);
        all_valid(&shop);
    }
    // `[false]`: a clean, empty day.
    let shop = shop(|route, _| match route {
        "api/login" => ok(LOGIN),
        _ => ok("[false]"),
    });
    let (code, text, r) = run(shop.port, &["--shop-rounds", "2"]);
    assert_eq!(
        (code, r["listings"].as_u64(), r["orders_seen"].as_u64()),
        (0, Some(2), Some(0)),
        "{text}"
    );
}

#[test]
fn unusable_shop_settings_are_usage_errors_naming_the_flag_and_the_core_code() {
    for (flags, message) in [
        (
            vec!["--shop-url", "ftp://shop", "--shop-key", "K"],
            "--shop-url: url.",
        ),
        (
            vec!["--shop-url", "http://127.0.0.1:1", "--shop-key", " "],
            "--shop-key",
        ),
        (
            vec![
                "--shop-url",
                "http://127.0.0.1:1",
                "--shop-key",
                "K",
                "--shop-caller-id",
                "12",
            ],
            "--shop-caller-id: phone.",
        ),
        (
            vec![
                "--shop-url",
                "http://127.0.0.1:1",
                "--shop-key",
                "K",
                "--shop-representative",
                "usr/1001",
            ],
            "--shop-representative: target.",
        ),
        (
            vec![
                "--shop-url",
                "http://127.0.0.1:1",
                "--shop-key",
                "K",
                "--shop-announcement",
                "0",
            ],
            "--shop-announcement:",
        ),
        (
            vec![
                "--shop-url",
                "http://127.0.0.1:1",
                "--shop-key",
                "K",
                "--shop-opencart",
                "4",
            ],
            "--shop-opencart",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_santral"))
            .arg("simulate")
            .args(&flags)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {err}");
        assert!(err.contains(message), "{flags:?}: {err}");
    }
}

/// Issue 31: what a real OpenCart 3.0.4.0 with the vendor's plugin
/// answers, and how the PBX side reads it.
#[test]
fn a_real_opencarts_answers_are_read_for_what_they_are() {
    // A wrong key: OpenCart's api/login answers `[]` with HTTP 200.
    let refusing = shop(|route, _| match route {
        "api/login" => ok("[]"),
        _ => Say::Json(404, "Not Found".into()),
    });
    let (code, out, r) = run(refusing.port, &["--shop-rounds", "1"]);
    assert_eq!(code, 1, "{out}");
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, "api/login");
    assert_eq!(e[0].2, "the shop refused the API key");
    assert_eq!(e[0].3, vec!["opencart.key_refused ".to_string()]);

    // Customer data is not a shop fault: an order whose telephone is `yok`
    // is a finding of its own and the run exits 0; an abandoned checkout
    // (status 0) found by the lookup is not found, with its warning; an
    // order added later than the PBX's now warns of the shop's clock.
    let shop = shop(|route, q| match route {
        "api/login" => ok(LOGIN),
        "api/verimor/list_orders" => ok(
            r#"[[{"order_id":"1","firstname":"A","lastname":"B","telephone":"05321112201","date_added":"2026-12-07 09:30:00","total":"10.0000"},
                {"order_id":"2","firstname":"C","lastname":"D","telephone":"yok","date_added":"2026-12-07 09:40:00","total":"12.0000"},
                {"order_id":"3","firstname":"E","lastname":"F","telephone":"05321112203","date_added":"2026-12-07 23:50:00","total":"14.0000"}]]"#,
        ),
        "api/verimor/update_order_status" => ok(r#"{"order":null}"#),
        "api/verimor/get_order_by_telephone_number" => match q.get("telephone").map(String::as_str)
        {
            Some("5334979714") => ok(
                r#"{"order":{"order_id":"78","telephone":"05334979714","order_status_id":"0"},"status":"success"}"#,
            ),
            _ => ok(r#"{"status":"not found"}"#),
        },
        _ => Say::Json(404, "Not Found".into()),
    });
    let (code, out, r) = run(
        shop.port,
        &[
            "--shop-rounds",
            "1",
            "--clock",
            "2026-12-07 10:00:00",
            "--shop-lookup",
            "05334979714",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let warnings: Vec<String> = r["listing_warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        warnings.contains(&"opencart.order_phone [0][1].telephone".to_string()),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&"opencart.shop_clock [0][2].date_added".to_string()),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("opencart.abandoned_checkout")),
        "{warnings:?}"
    );
    let lookups = r["lookups"].as_array().unwrap();
    assert_eq!(lookups[0]["result"], "not_found", "{lookups:?}");
    // Orders 1 and 3 were called; 2 was not.
    let called: Vec<u64> = r["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["order_id"].as_u64().unwrap())
        .collect();
    assert!(
        called.contains(&1) && called.contains(&3) && !called.contains(&2),
        "{called:?}"
    );
    assert_eq!(r["not_called"], 1);
}

/// Issue 31: `--shop-audit` sends one harmless probe and tells a plugin
/// that pastes the request's text into SQL from one that does not.
#[test]
fn the_audit_probe_tells_an_injectable_plugin() {
    // As the vendor's plugin answers: the quote breaks its SQL.
    let vendor = shop(|route, q| {
        match route {
        "api/login" => ok(LOGIN),
        "api/verimor/get_order_by_telephone_number" if q.get("telephone").map(String::as_str) == Some("'") => Say::Json(
            500,
            "Fatal error: Uncaught Exception: Error: You have an error in your SQL syntax; check the manual<br />Error No: 1064".into(),
        ),
        _ => ok(r#"{"status":"not found"}"#),
    }
    });
    let (code, out, r) = run(vendor.port, &["--shop-audit"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(r["audit"]["verdict"], "injectable");
    assert!(out.contains("audit: INJECTABLE"), "{out}");
    // Nothing but the login and the probe was sent.
    let seen = vendor.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen[1]
            .0
            .starts_with("route=api/verimor/get_order_by_telephone_number&telephone=%27&"),
        "{seen:?}"
    );
    // A plugin that checks its values answers like an unknown number.
    let careful = shop(|route, _| match route {
        "api/login" => ok(LOGIN),
        _ => ok(r#"{"status":"not found"}"#),
    });
    let (code, out, r) = run(careful.port, &["--shop-audit"]);
    assert_eq!(
        (code, r["audit"]["verdict"].as_str()),
        (0, Some("safe")),
        "{out}"
    );
    assert_eq!(r["listings"], 0, "the audit lists nothing");
}
