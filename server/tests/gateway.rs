//! The gateway on a free loopback port with real HTTP clients, real fake
//! sinks (HTTP servers in the test) and a real database: SQLite by
//! default, PostgreSQL when `SANTRAL_TEST_POSTGRES` names a server (the
//! test command starts one and runs this suite again).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use santral_server::gateway::{Gateway, Settings};
use santral_server::Log;

mod common;
use common::{post, until, Recorder, ANSWER, HANG, REFUSE};

/// A fake sink (the shared recorder): what it answered 200, under each
/// request's idempotency key; `mode` makes it refuse (503) or hang.
async fn sink() -> (Recorder, String) {
    let r = Recorder::start(None).await;
    let url = r.url("/logocrm/Default.aspx/IPS_callAnswered");
    (r, url)
}

/// A database for one test: a fresh SQLite file, or a fresh PostgreSQL
/// database on the server `SANTRAL_TEST_POSTGRES` names.
async fn database(name: &str) -> String {
    match std::env::var("SANTRAL_TEST_POSTGRES") {
        Ok(url) => {
            let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            let db = format!("santral_{}_{}", name, std::process::id());
            let _ = client
                .batch_execute(&format!("DROP DATABASE IF EXISTS {db}"))
                .await;
            client
                .batch_execute(&format!("CREATE DATABASE {db}"))
                .await
                .unwrap();
            let base = url
                .rsplit_once('/')
                .map_or(url.as_str(), |(b, _)| b)
                .to_owned();
            format!("{base}/{db}")
        }
        Err(_) => {
            let dir =
                std::env::temp_dir().join(format!("santral-gw-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite:{}", dir.join("gateway.db").display())
        }
    }
}

struct Setup {
    gateway: Gateway,
    url: String,
    lines: Arc<Mutex<Vec<String>>>,
}

async fn start(config: &str) -> Setup {
    let (mut settings, warnings) =
        Settings::from_toml(config.as_bytes().to_vec()).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let lines = Arc::new(Mutex::new(Vec::new()));
    let keep = lines.clone();
    settings.log = Log::to(move |l| keep.lock().unwrap().push(l.to_owned()));
    settings.body_timeout = Duration::from_millis(800);
    let gateway = Gateway::start(settings).await.unwrap();
    let url = format!("http://{}", gateway.addr());
    Setup {
        gateway,
        url,
        lines,
    }
}

fn config(db: &str, extra: &str, sinks: &[(&str, &str, &str)]) -> String {
    let mut c = format!("listen = \"127.0.0.1:0\"\ndatabase = \"{db}\"\n{extra}\n");
    for (kind, name, url) in sinks {
        c.push_str(&format!("\n[[sink]]\nkind = \"{kind}\"\nname = \"{name}\"\nurl = \"{url}\"\ntimeout_seconds = 2\n"));
        if *kind == "logo-crm" {
            c.push_str("agents = { 1001 = \"AG-1001\" }\n");
        }
    }
    c
}

fn event(kind: &str, uuid: &str, ext: &str) -> String {
    format!("event_type={kind}&direction=inbound&caller_id_number=905334979714&connected_user={ext}&call_uuid={uuid}&start_stamp=2026-12-01 10:00:00")
}

#[tokio::test]
async fn receives_checks_keeps_and_delivers() {
    let (logo, logo_url) = sink().await;
    let (hook, hook_url) = sink().await;
    let db = database("basic").await;
    let s = start(&config(
        &db,
        "allow = [\"127.0.0.1/32\"]",
        &[
            ("logo-crm", "logo", &logo_url),
            ("webhook", "archive", &hook_url),
        ],
    ))
    .await;
    let events = format!("{}/events", s.url);
    assert_eq!(
        post(&events, event("ringing", "A1", "1001")).await,
        (200, "OK".into())
    );
    assert_eq!(post(&events, event("answer", "A1", "1001")).await.0, 200);
    assert_eq!(
        post(&events, event("answer", "A1", "1001")).await.0,
        200,
        "a resend is answered 200"
    );
    assert_eq!(post(&events, event("answer", "A2", "1002")).await.0, 200);
    for ping in ["", "{}"] {
        // A verification ping: 200 `OK` as text (the core's answer), nothing kept.
        let (status, body) = post(&events, ping).await;
        assert_eq!((status, body.as_str()), (200, "OK"));
    }
    let report = "notification_id=9&phone=905321234567&digit=1&status=Cevaplandı&call_uuid=R1";
    assert_eq!(post(&format!("{}/reports", s.url), report).await.0, 200);
    let (status, body) = post(&events, "event_type=ringin&direction=inbound&call_uuid=1").await;
    assert_eq!(status, 400);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "event.event_type");
    assert_eq!(json["diagnostics"][0]["suggestion"], "ringing");
    // Logo CRM gets the answers (its trigger), with the agent mapping; the
    // webhook gets everything, as JSON.
    until("the deliveries", Duration::from_secs(10), || {
        logo.keys().len() == 2 && hook.keys().len() == 4
    })
    .await;
    assert_eq!(logo.keys(), ["answer:A1", "answer:A2"]);
    let first: serde_json::Value = serde_json::from_str(&logo.bodies()[0]).unwrap();
    assert_eq!(
        first,
        serde_json::json!({"callUniqueId": "A1", "extension": "1001", "agentId": "AG-1001", "callerId": "05334979714", "keypress": "1"})
    );
    let second: serde_json::Value = serde_json::from_str(&logo.bodies()[1]).unwrap();
    assert_eq!(second["agentId"], "1002");
    let mut kinds = hook.keys();
    kinds.sort();
    assert_eq!(kinds, ["answer:A1", "answer:A2", "report:9", "ringing:A1"]);
    let json: serde_json::Value = serde_json::from_str(&hook.bodies()[0]).unwrap();
    assert_eq!(
        (json["kind"].as_str(), json["caller_id_number"].as_str()),
        (Some("call_event"), Some("+905334979714"))
    );
    // The log masks numbers; the metrics add up.
    let log = s.lines.lock().unwrap().join("\n");
    assert!(
        !log.contains("5334979714") && log.contains("+90 533*****14"),
        "{log}"
    );
    // The sinks record a delivery as they answer it, a moment before the
    // gateway counts it: read the metrics until they add up (or fail).
    let lines = [
        "santral_received_total{kind=\"call_event\"} 7",
        "santral_stored_total 4",
        "santral_duplicates_total 1",
        "santral_pings_total 2",
        "santral_rejected_total 1",
        "santral_delivered_total{sink=\"logo\"} 2",
        "santral_delivered_total{sink=\"archive\"} 4",
        "santral_queue_depth{sink=\"logo\"} 0",
    ];
    let mut metrics = String::new();
    for _ in 0..250 {
        metrics = reqwest::get(format!("{}/metrics", s.url))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if lines.iter().all(|l| metrics.contains(l)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for line in lines {
        assert!(metrics.contains(line), "{line}\n{metrics}");
    }
    assert_eq!(
        reqwest::get(format!("{}/healthz", s.url))
            .await
            .unwrap()
            .status(),
        200
    );
    s.gateway.stop().await;
}

#[tokio::test]
async fn the_allow_list_proxies_and_the_secret() {
    let (hook, hook_url) = sink().await;
    let db = database("allow").await;
    // Loopback is not allowed: only the vendor's addresses, through a trusted local proxy.
    let s = start(&config(
        &db,
        "trusted_proxies = [\"127.0.0.1/32\"]\nsecret = \"s3cr3t\"",
        &[("webhook", "archive", &hook_url)],
    ))
    .await;
    let client = reqwest::Client::new();
    let send = |path: &str, xff: Option<&str>| {
        let mut r = client
            .post(format!("{}{path}", s.url))
            .body(event("hangup", "X1", "1001"));
        if let Some(x) = xff {
            r = r.header("x-forwarded-for", x);
        }
        r.send()
    };
    assert_eq!(send("/s3cr3t/events", None).await.unwrap().status(), 403);
    assert_eq!(
        send("/s3cr3t/events", Some("194.49.126.36"))
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        send("/s3cr3t/events", Some("194.49.126.36, 8.8.8.8"))
            .await
            .unwrap()
            .status(),
        403,
        "a forged hop"
    );
    assert_eq!(
        send("/events", Some("194.49.126.36"))
            .await
            .unwrap()
            .status(),
        404,
        "the secret is part of the path"
    );
    // Two header lines (HAProxy appends its own after the client's): the
    // last one counts, not the client's claim in the first.
    let two_lines = client
        .post(format!("{}/s3cr3t/events", s.url))
        .header("x-forwarded-for", "194.49.126.36")
        .header("x-forwarded-for", "203.0.113.9")
        .body(event("hangup", "X2", "1001"))
        .send()
        .await
        .unwrap();
    assert_eq!(two_lines.status(), 403, "the first of two lines counted");
    // Undecodable bytes from the trusted proxy: the client is unknown,
    // refused (not taken to be the proxy on loopback).
    let bad = client
        .get(format!("{}/metrics", s.url))
        .header(
            "x-forwarded-for",
            reqwest::header::HeaderValue::from_bytes(b"\x80").unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 403, "a byte >= 0x80 let the proxy in");
    // The secret path segment is in no log line (start line included).
    let log = s.lines.lock().unwrap().join("\n");
    assert!(
        log.contains("/…/events") && !log.contains("s3cr3t"),
        "{log}"
    );
    assert_eq!(
        reqwest::get(format!("{}/healthz", s.url))
            .await
            .unwrap()
            .status(),
        200,
        "health answers this machine"
    );
    until("the delivery", Duration::from_secs(10), || {
        hook.keys().len() == 1
    })
    .await;
    s.gateway.stop().await;
}

#[tokio::test]
async fn a_sink_down_gets_everything_once_and_in_order() {
    let (logo, logo_url) = sink().await;
    let (hook, hook_url) = sink().await;
    let db = database("down").await;
    let s = start(&config(
        &db,
        "allow = [\"127.0.0.1/32\"]\nmax_delay_seconds = 2\nmax_attempts = 1000",
        &[
            ("logo-crm", "logo", &logo_url),
            ("webhook", "archive", &hook_url),
        ],
    ))
    .await;
    let events = format!("{}/events", s.url);
    let calls = 40;
    let send = |i: usize| {
        let events = events.clone();
        async move {
            for kind in ["ringing", "answer", "hangup"] {
                assert_eq!(
                    post(&events, event(kind, &format!("C{i}"), "1001")).await.0,
                    200
                );
            }
        }
    };
    for i in 0..calls / 2 {
        send(i).await;
    }
    // Mid-run, a 20 s outage: the sinks refuse for 10 s, then hang past
    // the gateway's 2 s timeout for 10 s, while events keep arriving.
    let outage = std::time::Instant::now();
    logo.mode.store(REFUSE, Ordering::Relaxed);
    hook.mode.store(REFUSE, Ordering::Relaxed);
    for i in calls / 2..calls * 3 / 4 {
        send(i).await;
    }
    tokio::time::sleep(Duration::from_secs(10).saturating_sub(outage.elapsed())).await;
    logo.mode.store(HANG, Ordering::Relaxed);
    hook.mode.store(HANG, Ordering::Relaxed);
    for i in calls * 3 / 4..calls {
        send(i).await;
    }
    tokio::time::sleep(Duration::from_secs(20).saturating_sub(outage.elapsed())).await;
    logo.mode.store(ANSWER, Ordering::Relaxed);
    hook.mode.store(ANSWER, Ordering::Relaxed);
    until("every delivery", Duration::from_secs(60), || {
        logo.keys().len() >= calls && hook.keys().len() >= 3 * calls
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Exactly once each, at each sink.
    for sink in [&logo, &hook] {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for k in sink.keys() {
            *seen.entry(k).or_default() += 1;
        }
        assert!(
            seen.values().all(|n| *n == 1),
            "{:?}",
            seen.iter().filter(|(_, n)| **n > 1).collect::<Vec<_>>()
        );
    }
    assert_eq!(logo.keys().len(), calls);
    // In order per call.
    let mut order: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for k in hook.keys() {
        let (kind, call) = k.split_once(':').unwrap();
        order
            .entry(call.to_owned())
            .or_default()
            .push(kind.to_owned());
    }
    assert!(
        order
            .values()
            .all(|o| o == &["ringing", "answer", "hangup"]),
        "{order:?}"
    );
    assert!(
        logo.requests.load(Ordering::Relaxed) > calls as u64,
        "the outage was felt"
    );
    s.gateway.stop().await;
}

#[tokio::test]
async fn bad_input_is_answered_and_nothing_is_kept() {
    let (hook, hook_url) = sink().await;
    let db = database("bad").await;
    let s = start(&config(
        &db,
        "allow = [\"127.0.0.1/32\"]",
        &[("webhook", "archive", &hook_url)],
    ))
    .await;
    let events = format!("{}/events", s.url);
    // Truncated, invalid UTF-8, empty required fields.
    for body in [
        "event_type=answ",
        "event_type=answer&direction=inbound&call_uuid=%FF",
        "event_type=answer&direction=&call_uuid=1",
        "event_type=answer&direction=inbound&call_uuid=1&caller_id_number=%",
    ] {
        assert_eq!(post(&events, body).await.0, 400, "{body}");
    }
    // 10 MB, declared or not.
    assert_eq!(post(&events, vec![b'a'; 10 << 20]).await.0, 413);
    let addr: SocketAddr = s.url.trim_start_matches("http://").parse().unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut chunked = tokio::net::TcpStream::connect(addr).await.unwrap();
    chunked
        .write_all(b"POST /events HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n")
        .await
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..10 {
        let head = format!("{:x}\r\n", chunk.len());
        if chunked.write_all(head.as_bytes()).await.is_err()
            || chunked.write_all(&chunk).await.is_err()
            || chunked.write_all(b"\r\n").await.is_err()
        {
            break;
        }
    }
    let mut answer = Vec::new();
    let _ = chunked.read_to_end(&mut answer).await;
    assert!(
        answer.starts_with(b"HTTP/1.1 413"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    // A body that never finishes.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"POST /events HTTP/1.1\r\nhost: x\r\ncontent-length: 500\r\n\r\nevent_type=")
        .await
        .unwrap();
    let mut out = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(5), slow.read(&mut out))
        .await
        .unwrap()
        .unwrap();
    assert!(out[..n].starts_with(b"HTTP/1.1 408"));
    // Still serving; nothing kept but the one valid event.
    assert_eq!(post(&events, event("hangup", "OK1", "1001")).await.0, 200);
    until("the delivery", Duration::from_secs(10), || {
        hook.keys().len() == 1
    })
    .await;
    let metrics = reqwest::get(format!("{}/metrics", s.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("santral_stored_total 1") && metrics.contains("santral_rejected_total 4"),
        "{metrics}"
    );
    s.gateway.stop().await;
}

/// Issue 29 #3: silent and trickling peers are cut off at the header
/// deadline; a connection over `max_connections` waits its turn (counted)
/// and is answered once the holders are gone.
#[tokio::test]
async fn silent_peers_are_cut_off_and_connections_are_capped() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    let (_hook, hook_url) = sink().await;
    let db = database("limits").await;
    let s = start(&config(
        &db,
        "allow = [\"127.0.0.1/32\"]\nheader_timeout_seconds = 1\nmax_connections = 4",
        &[("webhook", "archive", &hook_url)],
    ))
    .await;
    let addr: SocketAddr = s.url.trim_start_matches("http://").parse().unwrap();
    // Closed by the server: read returns 0 (or a reset), within `within`.
    async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
        let mut buf = [0u8; 256];
        loop {
            match tokio::time::timeout(within, stream.read(&mut buf)).await {
                Err(_) => return false,
                Ok(Ok(0) | Err(_)) => return true,
                // An answer (408 or similar) before the close is fine.
                Ok(Ok(_)) => {}
            }
        }
    }
    // A silent connection: closed after the deadline, not before.
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let opened = std::time::Instant::now();
    assert!(closed_within(&mut silent, Duration::from_secs(5)).await);
    assert!(opened.elapsed() >= Duration::from_millis(900));
    // A head trickled a byte every 300 ms: cut off although bytes keep coming.
    let mut trickle = TcpStream::connect(addr).await.unwrap();
    let opened = std::time::Instant::now();
    let mut cut = false;
    for b in b"GET /healthz HTTP/1.1\r\nhost: x\r\nx-slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
        if trickle.write_all(&[*b]).await.is_err() {
            cut = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert!(
        cut || closed_within(&mut trickle, Duration::from_millis(200)).await,
        "a trickled head stayed open for {:?}",
        opened.elapsed()
    );
    assert!(opened.elapsed() < Duration::from_secs(5));
    // The cap: four silent holders; a fifth waits in the listen queue and
    // is answered once the holders time out, not reset.
    let mut holders = Vec::new();
    for _ in 0..4 {
        holders.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let waited = std::time::Instant::now();
    let mut fifth = TcpStream::connect(addr).await.unwrap();
    fifth
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), fifth.read_to_end(&mut answer))
        .await
        .unwrap()
        .unwrap();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    assert!(
        waited.elapsed() >= Duration::from_millis(700),
        "{:?}",
        waited.elapsed()
    );
    for h in &mut holders {
        assert!(closed_within(h, Duration::from_secs(5)).await);
    }
    let metrics = reqwest::get(format!("{}/metrics", s.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let reached = metrics
        .lines()
        .find_map(|l| l.strip_prefix("santral_connection_cap_reached_total "))
        .and_then(|n| n.parse::<u64>().ok());
    assert!(matches!(reached, Some(n) if n >= 1), "{metrics}");
    s.gateway.stop().await;
}

/// Issue 29's "what held", kept holding: the secret path against
/// `//`, `..`, percent-encoding, case and trailing-slash tricks; 403 before
/// routing; request smuggling shapes refused; header and URI limits.
/// Nothing of it is stored.
#[tokio::test]
async fn what_held_keeps_holding() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (_hook, hook_url) = sink().await;
    let db = database("held").await;
    let s = start(&config(
        &db,
        "allow = [\"127.0.0.1/32\"]\nsecret = \"s3cr3t\"",
        &[("webhook", "archive", &hook_url)],
    ))
    .await;
    let addr: SocketAddr = s.url.trim_start_matches("http://").parse().unwrap();
    // One raw request on its own connection: the status line's code, or 0
    // when the server closed without answering.
    let raw = |request: Vec<u8>| async move {
        let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
        let _ = c.write_all(&request).await;
        let mut out = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), c.read_to_end(&mut out)).await;
        let text = String::from_utf8_lossy(&out).into_owned();
        text.get(9..12)
            .and_then(|c| c.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let body = event("hangup", "HELD", "1001");
    let post = |path: &str, extra: &str| {
        format!(
            "POST {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n{extra}content-length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    };
    assert_eq!(raw(post("/s3cr3t/events", "")).await, 200, "the real path");
    for path in [
        "//s3cr3t/events",
        "/s3cr3t//events",
        "/x/../s3cr3t/events",
        "/s3cr3t/./events",
        "/s3cr3t%2Fevents",
        "/s3cr3t/%2565vents",
        "/S3CR3T/events",
        "/s3cr3t/EVENTS",
        "/s3cr3t/events/",
        "/s3cr3t/events;x",
        "/events",
    ] {
        let status = raw(post(path, "")).await;
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    // Escapes of unreserved characters name the same path (RFC 3986
    // §6.2.2.2), as they do behind a server that decodes paths.
    for path in ["/%73%33cr3t/events", "/s3cr3t/%65vents"] {
        assert_eq!(
            raw(post(path, "")).await,
            200,
            "{path}: a resend, answered 200"
        );
    }
    // Smuggling shapes: both lengths, two different lengths, an obfuscated
    // length or coding. Refused (4xx/5xx or closed), never a 200.
    for (what, head) in [
        ("CL+TE", "transfer-encoding: chunked\r\n"),
        ("two lengths", "content-length: 3\r\n"),
        ("TE obfuscated", "transfer-encoding: xchunked\r\n"),
        ("TE list", "transfer-encoding: chunked, identity\r\n"),
    ] {
        let status = raw(post("/s3cr3t/events", head)).await;
        assert!(
            status != 200 && !(200..300).contains(&status),
            "{what}: {status}"
        );
    }
    let signed = format!(
        "POST /s3cr3t/events HTTP/1.1\r\nhost: x\r\ncontent-length: +{}\r\n\r\n{body}",
        body.len()
    );
    assert_ne!(raw(signed.into_bytes()).await, 200, "a signed length");
    // Limits: a 100 KB header, a 100 KB URI.
    let big_header = format!(
        "GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: {}\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    let status = raw(big_header.into_bytes()).await;
    assert!(status == 431 || status == 0, "a 100 KB header: {status}");
    let long_uri = format!(
        "GET /{} HTTP/1.1\r\nhost: x\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    let status = raw(long_uri.into_bytes()).await;
    assert!(
        status == 414 || status == 431 || status == 0,
        "a 100 KB URI: {status}"
    );
    // Only the one real event was kept.
    let metrics = reqwest::get(format!("{}/metrics", s.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("santral_stored_total 1\n"), "{metrics}");
    s.gateway.stop().await;
}

/// Issue 29 #10: on a dual-stack listener an IPv4 loopback client arrives
/// as `::ffff:127.0.0.1` and is loopback (local monitoring answered), and
/// an IPv4 allow-list entry admits it.
#[tokio::test]
async fn an_ipv4_mapped_peer_is_its_ipv4_address() {
    let (_hook, hook_url) = sink().await;
    let db = database("mapped").await;
    let mut c = config(
        &db,
        "allow = [\"127.0.0.1/32\"]",
        &[("webhook", "archive", &hook_url)],
    );
    c = c.replace(
        "listen = \"127.0.0.1:0\"",
        "listen = \"[::ffff:127.0.0.1]:0\"",
    );
    let s = start(&c).await;
    let port = s.gateway.addr().port();
    assert!(s.gateway.addr().is_ipv6(), "{}", s.gateway.addr());
    let metrics = reqwest::get(format!("http://127.0.0.1:{port}/metrics"))
        .await
        .unwrap();
    assert_eq!(metrics.status(), 200, "local monitoring refused");
    let (status, _) = post(
        &format!("http://127.0.0.1:{port}/events"),
        event("hangup", "MAPPED", "1001"),
    )
    .await;
    assert_eq!(status, 200, "an IPv4 allow-list entry");
    s.gateway.stop().await;
}
