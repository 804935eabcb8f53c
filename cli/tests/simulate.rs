//! `santral simulate` as a process: it says where it listens, every
//! webhook body it sends passes `santral check`, its state survives
//! `kill -9`, and large or endless input leaves its memory bounded.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

const KEY: &str = "K12345678-1234-5678-4321-123456789012";

mod common;

/// A running `santral simulate` and the lines it logged.
struct Sim(common::Server);

impl std::ops::Deref for Sim {
    type Target = common::Server;
    fn deref(&self) -> &common::Server {
        &self.0
    }
}

impl Sim {
    fn start(args: &[&str]) -> Sim {
        let mut all = vec!["simulate", "--listen", "127.0.0.1:0"];
        all.extend_from_slice(args);
        Sim(common::Server::start(all))
    }

    fn http(&self, method: &str, target: &str, body: &[u8]) -> (u16, String) {
        http(self.addr, method, target, body)
    }

    /// The peak resident memory of the process, in KiB.
    fn peak_kib(&self) -> u64 {
        let kib = self.memory_kib("VmHWM");
        assert!(kib > 0, "no VmHWM");
        kib
    }

    fn kill(self) {
        self.0.kill9();
    }
}

/// One HTTP/1.1 request on its own connection: (status, body).
fn http(addr: SocketAddr, method: &str, target: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = format!(
        "{method} {target} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Each POST's path and body.
type Received = Arc<Mutex<Vec<(String, String)>>>;

/// A webhook receiver on a free port: keeps each POST's path and body.
fn receiver() -> (SocketAddr, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let got = Arc::new(Mutex::new(Vec::new()));
    let keep = got.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap_or(0);
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            let mut length = 0usize;
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
                if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0u8; length];
            reader.read_exact(&mut body).unwrap_or(());
            keep.lock()
                .unwrap()
                .push((path, String::from_utf8_lossy(&body).to_string()));
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    (addr, got)
}

fn campaign(webhook: &str, leads: usize, extra: &str) -> String {
    let leads: Vec<String> = (0..leads)
        .map(|i| format!("{{\"phone\": \"0532{:07}\"}}", 2_000_000 + i))
        .collect();
    format!(
        r#"{{"key": "{KEY}", "call_type": "ivr", "name": "Ödeme hatırlatma & anket", "webhook_url": "{webhook}",
  "digit_target_1": "announcement/421", "digit_target_9": "tts/tr-TR/Teşekkürler", {extra} "phone_list": [{}]}}"#,
        leads.join(",")
    )
}

fn wait_for(what: &str, f: impl Fn() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

/// `santral check KIND` on a body: its exit status.
fn check(kind: &str, body: &str) -> bool {
    let mut child = Command::cargo_bin("santral")
        .unwrap()
        .args(["check", kind])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    child.wait().unwrap().success()
}

#[test]
fn it_says_where_it_listens_and_every_webhook_passes_santral_check() {
    let sim = Sim::start(&[
        "--speed",
        "0",
        "--seed",
        "9",
        "--clock",
        "2026-12-01 09:00:00",
    ]);
    assert!(sim.log.lock().unwrap()[0].contains(&format!("valid key: {KEY}")));
    let (hooks, got) = receiver();
    let crm = format!(
        "key={KEY}&ringing=on&answered=on&hangup=on&notification_url=http://{hooks}/events"
    );
    assert_eq!(
        sim.http("POST", "/crm_integrations", crm.as_bytes()),
        (200, "Ok".into())
    );
    let body = campaign(&format!("http://{hooks}/report"), 8, "\"call_retries\": 1,");
    assert_eq!(
        sim.http("POST", "/ivr_campaigns.json", body.as_bytes()),
        (200, "20212".into())
    );
    let (status, _) = sim.http(
        "GET",
        &format!("/originate?key={KEY}&extension=1001&destination=905321234567"),
        b"",
    );
    assert_eq!(status, 200);
    wait_for("the reports", || {
        got.lock()
            .unwrap()
            .iter()
            .filter(|(p, b)| p == "/report" && !b.is_empty())
            .count()
            >= 8
    });
    std::thread::sleep(Duration::from_millis(300));
    let got = got.lock().unwrap().clone();
    let (mut reports, mut events) = (0, 0);
    for (path, body) in &got {
        match (path.as_str(), body.as_str()) {
            ("/report", "") | ("/events", "{}") => {}
            ("/report", b) => {
                assert!(check("campaign-report", b), "santral check refuses {b}");
                // The vendor's raw style: spaces and Turkish letters as they are.
                assert!(
                    b.contains("ivr_campaign_name=Ödeme hatırlatma %26 anket"),
                    "{b}"
                );
                reports += 1;
            }
            ("/events", b) => {
                assert!(check("call-event", b), "santral check refuses {b}");
                events += 1;
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(
        reports >= 8 && events >= 2 * 9,
        "{reports} reports, {events} events"
    );
    // The log: one line per request and per webhook, the key masked.
    let log = sim.log.lock().unwrap().join("\n");
    // The sample key is shown once, on start; never again.
    assert_eq!(log.matches(KEY).count(), 1, "the key leaked into the log");
    assert!(
        log.contains("GET /originate?key=K1234…9012&extension=1001"),
        "{log}"
    );
    assert!(
        log.contains("webhook POST http://")
            && log.contains(" report (campaign 20212 lead 1) → 200"),
        "{log}"
    );
}

#[test]
fn its_state_survives_kill_9() {
    let dir = std::env::temp_dir().join(format!("santral-sim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.sqlite");
    let _ = std::fs::remove_file(&state);
    let state_arg = state.to_str().unwrap();
    let (hooks, got) = receiver();
    // A campaign whose window opens an hour from the clock: it waits.
    let sim = Sim::start(&[
        "--speed",
        "1",
        "--seed",
        "4",
        "--clock",
        "2026-12-01 09:00:00",
        "--state",
        state_arg,
    ]);
    let body = campaign(
        &format!("http://{hooks}/report"),
        3,
        "\"date_range_begin\": \"2026-12-01\", \"time_range_begin\": \"10:00\", \"time_range_end\": \"18:00\",",
    );
    assert_eq!(
        sim.http("POST", "/ivr_campaigns.json", body.as_bytes()),
        (200, "20212".into())
    );
    let (_, uuid) = sim.http(
        "GET",
        &format!("/originate?key={KEY}&extension=1002&destination=905321234567&timeout=10"),
        b"",
    );
    let crm = format!("key={KEY}&hangup=on&notification_url=http://{hooks}/events");
    assert_eq!(
        sim.http("POST", "/crm_integrations", crm.as_bytes()),
        (200, "Ok".into())
    );
    sim.kill();
    // Back, as fast as possible: the campaign is there and calls its
    // leads; the settings are there; the counters go on.
    let sim = Sim::start(&[
        "--speed",
        "0",
        "--seed",
        "4",
        "--clock",
        "2026-12-01 09:00:00",
        "--state",
        state_arg,
    ]);
    assert!(
        sim.log
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("(1 campaigns")),
        "{:?}",
        sim.log.lock().unwrap()
    );
    let (status, settings) = sim.http("GET", &format!("/crm_integrations?key={KEY}"), b"");
    assert_eq!(status, 200);
    assert!(settings.contains("\"hangup\":\"on\""), "{settings}");
    wait_for("the waiting campaign's reports", || {
        got.lock()
            .unwrap()
            .iter()
            .filter(|(p, b)| p == "/report" && !b.is_empty())
            .count()
            >= 3
    });
    assert_eq!(
        sim.http("DELETE", &format!("/ivr_campaigns/20212?key={KEY}"), b""),
        (200, "OK".into())
    );
    let body = campaign(&format!("http://{hooks}/report"), 1, "");
    assert_eq!(
        sim.http("POST", "/ivr_campaigns.json", body.as_bytes()),
        (200, "20213".into())
    );
    // The originated call was in progress at the kill: it is not recorded.
    let (status, _) = sim.http("GET", &format!("/cdrs/{uuid}?key={KEY}"), b"");
    assert_eq!(status, 404);
    drop(sim);
    // Once more: what was called is on record.
    let sim = Sim::start(&["--speed", "0", "--state", state_arg]);
    let (status, list) = sim.http("GET", &format!("/cdrs?key={KEY}&limit=100"), b"");
    assert_eq!(status, 200);
    assert!(list.matches("\"call_uuid\"").count() >= 3, "{list}");
    assert_eq!(
        sim.http("DELETE", &format!("/ivr_campaigns/20212?key={KEY}"), b"")
            .0,
        400
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn large_and_endless_input_leave_memory_bounded() {
    let sim = Sim::start(&["--speed", "0", "--no-rate-limits", "--body-timeout", "1"]);
    // 50 MB declared: refused before it is read.
    let (status, _) = {
        let mut s = TcpStream::connect(sim.addr).unwrap();
        let head = format!(
            "POST /ivr_campaigns.json HTTP/1.1\r\nhost: x\r\ncontent-length: {}\r\n\r\n",
            50 * 1024 * 1024
        );
        s.write_all(head.as_bytes()).unwrap();
        let mut out = [0u8; 512];
        let n = s.read(&mut out).unwrap();
        let text = String::from_utf8_lossy(&out[..n]).to_string();
        (text.get(9..12).unwrap_or("").to_string(), text)
    };
    assert_eq!(status, "413");
    // 50 MB without a length (chunked): refused once past the limit.
    let mut s = TcpStream::connect(sim.addr).unwrap();
    s.write_all(
        b"POST /ivr_campaigns.json HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n",
    )
    .unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..50 {
        let head = format!("{:x}\r\n", chunk.len());
        if s.write_all(head.as_bytes())
            .and_then(|_| s.write_all(&chunk))
            .and_then(|_| s.write_all(b"\r\n"))
            .is_err()
        {
            break; // the server answered and closed
        }
    }
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    assert!(
        String::from_utf8_lossy(&out).starts_with("HTTP/1.1 413"),
        "{}",
        String::from_utf8_lossy(&out)
    );
    // Bodies that never finish, on 1,000 connections at once.
    let mut slow = Vec::new();
    for _ in 0..1000 {
        let mut s = TcpStream::connect(sim.addr).unwrap();
        s.write_all(
            b"POST /crm_integrations HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\nkey=",
        )
        .unwrap();
        slow.push(s);
    }
    // Meanwhile it answers others.
    assert_eq!(
        sim.http("GET", &format!("/crm_integrations?key={KEY}"), b"")
            .0,
        200
    );
    let mut timed_out = 0;
    for mut s in slow {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut out = [0u8; 64];
        let n = s.read(&mut out).unwrap_or(0);
        timed_out += usize::from(out[..n].starts_with(b"HTTP/1.1 408"));
    }
    assert_eq!(timed_out, 1000);
    assert_eq!(
        sim.http("GET", &format!("/crm_integrations?key={KEY}"), b"")
            .0,
        200
    );
    let peak = sim.peak_kib();
    assert!(peak < 200 * 1024, "peak memory {peak} KiB");
    eprintln!("simulator peak memory: {} MiB", peak / 1024);
}

#[test]
fn bad_flags_are_usage_errors() {
    for args in [
        &["--speed=-1"][..],
        &["--clock", "yesterday"],
        &["--extension", "1"],
    ] {
        let out = Command::cargo_bin("santral")
            .unwrap()
            .arg("simulate")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("santral: --"),
            "{args:?}"
        );
    }
}

/// Issue 28: every kind of office state answered with a 200 survives
/// `kill -9` (written before the answer); the routing file is checked by
/// the core (a bad one: exit 2 with its diagnostics); `santral simulate
/// trigger` drives a running simulator.
#[test]
fn the_office_survives_kill_9_and_triggers_drive_it() {
    let dir = std::env::temp_dir().join(format!("santral-office-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.sqlite");
    let state_arg = state.to_str().unwrap();
    let routing = dir.join("routing.toml");
    std::fs::write(
        &routing,
        "[[number]]\nnumber = \"902129630131\"\ntarget = \"voicemail/1002\"\n",
    )
    .unwrap();
    let sim = Sim::start(&[
        "--speed",
        "0",
        "--state",
        state_arg,
        "--routing",
        routing.to_str().unwrap(),
    ]);
    let k = KEY;
    let ok = |r: (u16, String)| {
        assert_eq!(r.0, 200, "{}", r.1);
        r.1
    };
    ok(sim.http("GET", &format!("/dnd/1003?key={k}&state=on"), b""));
    ok(sim.http(
        "GET",
        &format!("/queue/manage_users?key={k}&queue_number=202&user_list=1004,1003"),
        b"",
    ));
    let a = ok(sim.http(
        "POST",
        "/announcements",
        format!("key={k}&name=anons&sounddata=data:audio/mp3;base64,SUQz").as_bytes(),
    ));
    let g = ok(sim.http(
        "POST",
        "/contact_groups",
        format!("{{\"key\": \"{k}\", \"name\": \"grup\"}}").as_bytes(),
    ));
    ok(sim.http("POST", "/contacts", format!("{{\"key\": \"{k}\", \"name\": \"kişi\", \"phone\": \"05321234567\", \"group_ids\": [{g}]}}").as_bytes()));
    ok(sim.http(
        "POST",
        "/blocked_numbers",
        format!("{{\"key\": \"{k}\", \"number\": \"05551234567\"}}").as_bytes(),
    ));
    ok(sim.http(
        "POST",
        "/fax_orders",
        format!("key={k}&remote_station_id=902123205072&filedata=data:application/pdf;base64,JVBE")
            .as_bytes(),
    ));
    let url = format!("http://{}", sim.addr);
    let trigger = |args: &[&str]| {
        Command::cargo_bin("santral")
            .unwrap()
            .args(["simulate", "trigger"])
            .args(args)
            .args(["--simulator", &url])
            .output()
            .unwrap()
    };
    let out = trigger(&["agent", "1001", "--status", "ON_BREAK", "--reason", "Kahve"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = trigger(&["inbound", "--from", "05334979714", "--to", "02129630131"]);
    let answer = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success() && answer.contains("\"voicemail\":\"1002\""),
        "{answer}"
    );
    let out = trigger(&["inbound", "--from", "05334979714", "--to", "08505321234"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a number the routing does not list"
    );
    wait_for("the voicemail message", || {
        sim.http("GET", &format!("/voicemail_messages?key={k}"), b"")
            .1
            .contains("05334979714")
    });
    sim.kill();
    let sim = Sim::start(&["--speed", "0", "--state", state_arg]);
    let get = |path: &str| {
        sim.http(
            "GET",
            &format!(
                "{path}{}key={k}",
                if path.contains('?') { "&" } else { "?" }
            ),
            b"",
        )
        .1
    };
    assert!(get("/user_statuses?user=1003").contains("SS_DND"));
    assert!(get("/queue/user_list?queue_number=202").starts_with("[{\"user\":1004"));
    assert!(get("/announcements").contains(&format!("\"id\":{a}")));
    assert!(get("/contact_groups").contains("grup"));
    assert!(get("/contacts").contains(&format!("\"group_ids\":[{g}]")));
    assert!(get("/blocked_numbers").contains("05551234567"));
    assert!(get("/fax_orders").contains("902123205072"));
    assert!(get("/agent_statuses?agent=1001").contains("Kahve"));
    assert!(get("/voicemail_messages").contains("05334979714"));
    drop(sim);
    // A routing file with errors: the core's diagnostics, exit 2.
    std::fs::write(
        &routing,
        "[[number]]\nnumber = \"0850\"\ntarget = \"queue:201\"\n",
    )
    .unwrap();
    let out = Command::cargo_bin("santral")
        .unwrap()
        .args(["simulate", "--routing", routing.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("phone.too_short")
            && err.contains("target.unknown_kind")
            && err.contains("number[0].target"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
