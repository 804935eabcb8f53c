//! `santral serve` as a process: sustained load (events/s, latency, flat
//! memory), `kill -9` in the middle of it (every event that got a 200 is
//! kept and delivered), the `gateway` commands, a bad configuration.
//! SQLite by default; PostgreSQL when `SANTRAL_TEST_POSTGRES` names a
//! server (the test command starts one and runs this suite again).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

/// What a fake sink answered 200 to: each idempotency key.
#[derive(Clone, Default)]
struct Sink {
    keys: Arc<Mutex<Vec<String>>>,
    addr: Option<SocketAddr>,
}

impl Sink {
    fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let sink = Sink {
            addr: Some(listener.local_addr().unwrap()),
            ..Sink::default()
        };
        let keys = sink.keys.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let keys = keys.clone();
                std::thread::spawn(move || serve_sink(stream, &keys));
            }
        });
        sink
    }

    fn url(&self) -> String {
        format!("http://{}/hooks", self.addr.unwrap())
    }

    fn unique(&self) -> HashSet<String> {
        self.keys.lock().unwrap().iter().cloned().collect()
    }
}

/// Keep-alive HTTP/1.1: reads each request, records its key, answers 200.
fn serve_sink(stream: TcpStream, keys: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let (mut length, mut key) = (0usize, String::new());
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            if h == "\r\n" {
                break;
            }
            let lower = h.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            if lower.starts_with("idempotency-key:") {
                key = h
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_owned())
                    .unwrap_or_default();
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        keys.lock().unwrap().push(key);
        if out
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
            .is_err()
        {
            return;
        }
    }
}

mod common;

/// A `santral serve` process.
struct Gateway(common::Server);

impl std::ops::Deref for Gateway {
    type Target = common::Server;
    fn deref(&self) -> &common::Server {
        &self.0
    }
}

impl Gateway {
    fn start(config: &std::path::Path) -> Gateway {
        let config = config.as_os_str();
        Gateway(common::Server::start([
            "serve".as_ref(),
            "--config".as_ref(),
            config,
            "--listen".as_ref(),
            "127.0.0.1:0".as_ref(),
        ]))
    }

    fn rss_kib(&self) -> u64 {
        self.memory_kib("VmRSS")
    }

    fn kill9(self) {
        self.0.kill9();
    }
}

/// A keep-alive client connection.
struct Client {
    reader: BufReader<TcpStream>,
    out: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> Option<Client> {
        let s = TcpStream::connect(addr).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
        // One write per request and no Nagle: delayed ACKs would add 40 ms.
        s.set_nodelay(true).ok()?;
        Some(Client {
            reader: BufReader::new(s.try_clone().ok()?),
            out: s,
        })
    }

    /// POSTs; the status, or `None` when the connection broke.
    fn post(&mut self, path: &str, body: &str) -> Option<u16> {
        let request = format!(
            "POST {path} HTTP/1.1\r\nhost: x\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        self.out.write_all(request.as_bytes()).ok()?;
        let mut line = String::new();
        if self.reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let status = line.get(9..12)?.parse().ok()?;
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            if self.reader.read_line(&mut h).ok()? == 0 {
                return None;
            }
            if h == "\r\n" {
                break;
            }
            if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().ok()?;
            }
        }
        let mut body = vec![0u8; length];
        self.reader.read_exact(&mut body).ok()?;
        Some(status)
    }
}

fn event(uuid: &str) -> String {
    format!("event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid={uuid}&answer_stamp=2026-12-01 10:00:05")
}

fn database(name: &str, dir: &std::path::Path) -> String {
    match std::env::var("SANTRAL_TEST_POSTGRES") {
        Ok(url) => {
            let db = format!("santral_cli_{name}_{}", std::process::id());
            let admin = url.clone();
            // psql-free: the gateway creates its schema; the database itself is made here.
            let rt = tokio_runtime();
            rt.block_on(async move {
                let (client, conn) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
                    .await
                    .unwrap();
                tokio::spawn(conn);
                let _ = client
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {db}"))
                    .await;
                client
                    .batch_execute(&format!("CREATE DATABASE {db}"))
                    .await
                    .unwrap();
            });
            let base = url
                .rsplit_once('/')
                .map_or(url.as_str(), |(b, _)| b)
                .to_owned();
            format!("{base}/santral_cli_{name}_{}", std::process::id())
        }
        Err(_) => format!("sqlite:{}", dir.join("gateway.db").display()),
    }
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn setup(name: &str, sink: &Sink, extra: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("santral-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("gateway.toml");
    let db = database(name, &dir);
    std::fs::write(
        &config,
        format!(
            "database = \"{db}\"\nallow = [\"127.0.0.1/32\"]\nmax_delay_seconds = 1\n{extra}\n[[sink]]\nkind = \"logo-crm\"\nname = \"logo\"\nurl = \"{}\"\n",
            sink.url()
        ),
    )
    .unwrap();
    (dir, config)
}

fn wait_for(what: &str, seconds: u64, f: impl Fn() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(seconds) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

/// What one sender saw: the idempotency keys the gateway accepted, the
/// latency of each accept, and how many posts got a status other than 200.
type SenderResult = (Vec<String>, Vec<Duration>, u64);

/// Senders posting unique events as fast as they can until `stop`.
fn load(
    addr: SocketAddr,
    threads: usize,
    stop: Arc<AtomicBool>,
    tag: &'static str,
) -> Vec<std::thread::JoinHandle<SenderResult>> {
    (0..threads)
        .map(|t| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut accepted = Vec::new();
                let mut latencies = Vec::new();
                let mut bad = 0u64;
                let mut n = 0u64;
                let Some(mut c) = Client::connect(addr) else {
                    return (accepted, latencies, bad);
                };
                while !stop.load(Ordering::Relaxed) {
                    let uuid = format!("{tag}-{t}-{n}");
                    n += 1;
                    let started = Instant::now();
                    match c.post("/events", &event(&uuid)) {
                        Some(200) => {
                            latencies.push(started.elapsed());
                            accepted.push(format!("answer:{uuid}"));
                        }
                        Some(_) => bad += 1,
                        // The gateway went away (kill -9): this one got no 200.
                        None => break,
                    }
                }
                (accepted, latencies, bad)
            })
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted
        .get(((sorted.len() as f64 - 1.0) * p) as usize)
        .copied()
        .unwrap_or_default()
}

#[test]
fn sustained_load_with_flat_memory() {
    let seconds: u64 = std::env::var("SANTRAL_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let sink = Sink::start();
    let (_dir, config) = setup("load", &sink, "");
    let gw = Gateway::start(&config);
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let senders = load(gw.addr, 16, stop.clone(), "L");
    let mut samples = Vec::new();
    while started.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_secs(1));
        samples.push(gw.rss_kib());
    }
    stop.store(true, Ordering::Relaxed);
    let mut accepted = Vec::new();
    let mut latencies = Vec::new();
    let mut bad = 0;
    for s in senders {
        let (a, l, b) = s.join().unwrap();
        accepted.extend(a);
        latencies.extend(l);
        bad += b;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let rate = accepted.len() as f64 / elapsed;
    eprintln!(
        "gateway load ({}): {} events in {elapsed:.0} s = {rate:.0} events/s, p50 {:?}, p99 {:?}, RSS {} → {} MiB",
        std::env::var("SANTRAL_TEST_POSTGRES").map_or("sqlite", |_| "postgres"),
        accepted.len(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        samples.get(samples.len() / 4).copied().unwrap_or(0) / 1024,
        samples.last().copied().unwrap_or(0) / 1024,
    );
    assert_eq!(bad, 0, "valid events answered other than 200");
    assert!(accepted.len() > 100);
    // Flat: after warming up, the process does not grow with the events it has seen.
    let warm = samples.get(samples.len() / 4).copied().unwrap_or(0);
    let last = samples.last().copied().unwrap_or(0);
    assert!(
        last < warm + 48 * 1024,
        "memory grew from {warm} KiB to {last} KiB"
    );
    // Everything is delivered once the senders stop.
    let want: HashSet<String> = accepted.iter().cloned().collect();
    wait_for("every delivery", 120, || sink.unique().is_superset(&want));
}

#[test]
fn kill_9_loses_nothing_that_got_a_200() {
    let sink = Sink::start();
    let (_dir, config) = setup("crash", &sink, "");
    let gw = Gateway::start(&config);
    let stop = Arc::new(AtomicBool::new(false));
    let senders = load(gw.addr, 8, stop.clone(), "K");
    std::thread::sleep(Duration::from_secs(3));
    gw.kill9();
    stop.store(true, Ordering::Relaxed);
    let mut accepted = Vec::new();
    for s in senders {
        accepted.extend(s.join().unwrap().0);
    }
    assert!(accepted.len() > 50, "only {} accepted", accepted.len());
    let before = sink.keys.lock().unwrap().len();
    // Back up: what got a 200 is there and goes out.
    let gw = Gateway::start(&config);
    let want: HashSet<String> = accepted.iter().cloned().collect();
    wait_for("every accepted event delivered", 120, || {
        sink.unique().is_superset(&want)
    });
    // Deliveries in flight at the kill may be sent again, with the same
    // key for the sink to recognise (at most IN_FLIGHT for the one sink);
    // nothing else is.
    let keys = sink.keys.lock().unwrap().clone();
    let again = keys.len() - keys.iter().collect::<HashSet<_>>().len();
    eprintln!(
        "kill -9: {} accepted, {before} delivered before the kill, {again} sent again after it",
        accepted.len()
    );
    assert!(
        again <= santral_server::gateway::IN_FLIGHT,
        "{again} deliveries were sent twice"
    );
    // The kept events, exported.
    let out = Command::cargo_bin("santral")
        .unwrap()
        .args(["gateway", "export", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported: HashSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["key"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(exported.is_superset(&want));
    drop(gw);
}

#[test]
fn status_replay_and_a_bad_configuration() {
    // A sink that refuses everything: deliveries die after two attempts.
    let refusing = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}/x", refusing.local_addr().unwrap());
    drop(refusing);
    let dir = std::env::temp_dir().join(format!("santral-serve-ops-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("gateway.toml");
    let db = database("ops", &dir);
    let write = |url: &str| {
        std::fs::write(
            &config,
            format!("database = \"{db}\"\nallow = [\"127.0.0.1/32\"]\nmax_attempts = 2\nmax_delay_seconds = 1\n[[sink]]\nkind = \"webhook\"\nname = \"crm\"\nurl = \"{url}\"\n"),
        )
        .unwrap()
    };
    write(&dead_url);
    let gw = Gateway::start(&config);
    let mut c = Client::connect(gw.addr).unwrap();
    for i in 0..3 {
        assert_eq!(c.post("/events", &event(&format!("D{i}"))), Some(200));
    }
    let status = || {
        let out = Command::cargo_bin("santral")
            .unwrap()
            .args(["gateway", "status", "--format", "json", "--config"])
            .arg(&config)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let count = |v: &serde_json::Value, state: &str| {
        v["deliveries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["state"] == state)
            .map(|d| d["count"].as_u64().unwrap())
            .sum::<u64>()
    };
    wait_for("three dead deliveries", 20, || {
        count(&status(), "dead") == 3
    });
    let s = status();
    assert_eq!(s["events"], 3);
    assert!(s["deliveries"][0]["last_error"]
        .as_str()
        .unwrap()
        .contains("no connection"));
    drop(gw);
    // The sink is back: replay, and they arrive.
    let sink = Sink::start();
    write(&sink.url());
    let out = Command::cargo_bin("santral")
        .unwrap()
        .args(["gateway", "replay", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "replayed 3 dead deliveries"
    );
    let gw = Gateway::start(&config);
    wait_for("the replayed deliveries", 20, || sink.unique().len() == 3);
    assert!(gw.log.lock().unwrap().iter().any(|l| l.contains("→ 200")));
    drop(gw);
    // A configuration with errors: exit 2, the core's diagnostics rustc-style.
    std::fs::write(&config, "listne = 1\n[[sink]]\nkind = \"logo\"\n").unwrap();
    let out = Command::cargo_bin("santral")
        .unwrap()
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning[config.unknown_key]") && err.contains("did you mean `listen`?"),
        "{err}"
    );
    assert!(
        err.contains("error[config.sink_kind]") && err.contains("error[config.missing]"),
        "{err}"
    );
}
