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
        Sink::start_slow(Duration::ZERO)
    }

    /// A sink that takes `delay` over each request (many at once).
    fn start_slow(delay: Duration) -> Sink {
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
                std::thread::spawn(move || serve_sink(stream, &keys, delay));
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

/// Reads one HTTP/1.1 request: its idempotency key and body; `None` at
/// the end of the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<(String, Vec<u8>)> {
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return None;
    }
    let (mut length, mut key) = (0usize, String::new());
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 {
            return None;
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
    reader.read_exact(&mut body).ok()?;
    Some((key, body))
}

/// Keep-alive HTTP/1.1: reads each request, records its key, answers 200.
fn serve_sink(stream: TcpStream, keys: &Mutex<Vec<String>>, delay: Duration) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    while let Some((key, _)) = read_request(&mut reader) {
        if !delay.is_zero() {
            std::thread::sleep(delay);
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

/// `santral ARGS… --config CONFIG`, run to the end.
fn with_config(config: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("santral")
        .unwrap()
        .args(args)
        .arg("--config")
        .arg(config)
        .output()
        .unwrap()
}

/// A fresh scratch folder for one test and the path of its configuration.
fn scratch(name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("santral-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("gateway.toml");
    (dir, config)
}

fn setup(name: &str, sink: &Sink, extra: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let (dir, config) = scratch(name);
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
    // The gateway's capacity, not Logo CRM's caution: the local sink
    // answers at once, so a wide window (the adaptive window grows to it).
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("max_in_flight = 64\n");
    std::fs::write(&config, text).unwrap();
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

/// A slow single-threaded sink with a small backlog, as the README's
/// example receiver is: one request at a time, `delay` each, at most
/// `backlog` connections waiting. It records every idempotency key it
/// answered, in order.
fn slow_sink(addr: SocketAddr, delay: Duration, backlog: i32, keys: Arc<Mutex<Vec<String>>>) {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket.set_reuse_address(true).unwrap();
    socket.bind(&addr.into()).unwrap();
    socket.listen(backlog).unwrap();
    let listener: TcpListener = socket.into();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut out = stream;
            let Some((key, _)) = read_request(&mut reader) else {
                continue;
            };
            // The work: whatever the client does meanwhile, it is done.
            std::thread::sleep(delay);
            keys.lock().unwrap().push(key);
            let _ =
                out.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
}

#[test]
fn a_slow_sink_back_from_an_outage_gets_every_event_once() {
    // Down while the events arrive (nothing listens on its port).
    let addr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let (dir, config) = scratch("slow");
    std::fs::write(
        &config,
        format!(
            "database = \"{}\"\nallow = [\"127.0.0.1/32\"]\nmax_delay_seconds = 2\nmax_attempts = 1000\n[[sink]]\nkind = \"webhook\"\nname = \"slow\"\nurl = \"http://{addr}/hooks\"\ntimeout_seconds = 2\n",
            database("slow", &dir)
        ),
    )
    .unwrap();
    let gw = Gateway::start(&config);
    // 20 calls: ringing, answer, hangup each, interleaved.
    let mut c = Client::connect(gw.addr).unwrap();
    let mut sent = Vec::new();
    for step in ["ringing", "answer", "hangup"] {
        for call in 0..20 {
            let uuid = format!("S-{call}");
            let body = match step {
                "ringing" => format!("event_type=ringing&direction=inbound&caller_id_number=905334979714&dialed_user=1001&call_uuid={uuid}&start_stamp=2026-12-01 10:00:00"),
                "answer" => format!("event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid={uuid}&answer_stamp=2026-12-01 10:00:05"),
                _ => format!("event_type=hangup&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid={uuid}&start_stamp=2026-12-01 10:00:00&answer_stamp=2026-12-01 10:00:05&end_stamp=2026-12-01 10:01:05&duration=65&hangup_cause=NORMAL_CLEARING"),
            };
            assert_eq!(c.post("/events", &body), Some(200));
            sent.push(format!("{step}:{uuid}"));
        }
    }
    // The outage lasts long enough to open the circuit.
    std::thread::sleep(Duration::from_secs(4));
    let keys: Arc<Mutex<Vec<String>>> = Arc::default();
    slow_sink(addr, Duration::from_millis(300), 5, keys.clone());
    let want: HashSet<String> = sent.iter().cloned().collect();
    wait_for("every event at the slow sink", 90, || {
        keys.lock()
            .unwrap()
            .iter()
            .cloned()
            .collect::<HashSet<_>>()
            .is_superset(&want)
    });
    // A moment for anything sent twice to arrive too.
    std::thread::sleep(Duration::from_secs(3));
    let got = keys.lock().unwrap().clone();
    assert_eq!(got.len(), sent.len(), "sent twice: {:?}", {
        let mut seen = HashSet::new();
        got.iter()
            .filter(|k| !seen.insert(*k))
            .cloned()
            .collect::<Vec<_>>()
    });
    // In order per call.
    for call in 0..20 {
        let uuid = format!("S-{call}");
        let order: Vec<&str> = got
            .iter()
            .filter(|k| k.ends_with(&format!(":{uuid}")))
            .map(|k| k.split(':').next().unwrap())
            .collect();
        assert_eq!(order, ["ringing", "answer", "hangup"], "{uuid}");
    }
    // The window and the circuit are visible: in /metrics and gateway status.
    let metrics = common::http_get(gw.addr, "/metrics");
    assert!(
        metrics.contains("santral_circuit{sink=\"slow\"} 0"),
        "{metrics}"
    );
    assert!(
        metrics.contains("santral_ambiguous_total{sink=\"slow\"} 0"),
        "{metrics}"
    );
    let out = with_config(&config, &["gateway", "status"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("circuit closed"), "{text}");
}

/// The three events of a call, as the PBX sends them.
fn call_events(uuid: &str) -> [(String, String); 3] {
    [
        (format!("ringing:{uuid}"), format!("event_type=ringing&direction=inbound&caller_id_number=905334979714&dialed_user=1001&call_uuid={uuid}&start_stamp=2026-12-01 10:00:00")),
        (format!("answer:{uuid}"), format!("event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid={uuid}&answer_stamp=2026-12-01 10:00:05")),
        (format!("hangup:{uuid}"), format!("event_type=hangup&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid={uuid}&start_stamp=2026-12-01 10:00:00&answer_stamp=2026-12-01 10:00:05&end_stamp=2026-12-01 10:01:05&duration=65&hangup_cause=NORMAL_CLEARING")),
    ]
}

#[test]
fn a_second_serve_on_one_sqlite_file_is_refused() {
    let sink = Sink::start();
    let (dir, config) = scratch("one");
    std::fs::write(
        &config,
        format!(
            "database = \"sqlite:{}\"\nallow = [\"127.0.0.1/32\"]\n[[sink]]\nkind = \"webhook\"\nurl = \"{}\"\n",
            dir.join("one.db").display(),
            sink.url()
        ),
    )
    .unwrap();
    let first = Gateway::start(&config);
    let second = with_config(&config, &["serve", "--listen", "127.0.0.1:0"]);
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(
        err.contains("another santral serve is using") && err.contains("PostgreSQL"),
        "{err}"
    );
    // The first one still serves; once it is gone, the file is free again.
    let mut c = Client::connect(first.addr).unwrap();
    assert_eq!(c.post("/events", &event("ONE-1")), Some(200));
    first.kill9();
    let again = Gateway::start(&config);
    wait_for("the event delivered by the next process", 30, || {
        sink.unique().contains("answer:ONE-1")
    });
    drop(again);
}

#[test]
fn replicas_on_one_postgres_share_the_work_and_survive_a_kill_9() {
    if std::env::var("SANTRAL_TEST_POSTGRES").is_err() {
        eprintln!("replicas need PostgreSQL: the test command runs this suite again with SANTRAL_TEST_POSTGRES (scripts/with-postgres.sh)");
        return;
    }
    let sink = Sink::start_slow(Duration::from_millis(200));
    let (_dir, config) = setup("replicas", &sink, "");
    let mut text = std::fs::read_to_string(&config).unwrap();
    // A webhook sink gets every event; an 8-wide window per replica.
    text = text.replace("kind = \"logo-crm\"", "kind = \"webhook\"");
    text.push_str("max_in_flight = 8\ntimeout_seconds = 2\n");
    std::fs::write(&config, &text).unwrap();
    // Three replicas starting together on a fresh database: the schema is
    // made once, all three come up.
    let starting: Vec<_> = (0..3)
        .map(|_| {
            let config = config.clone();
            std::thread::spawn(move || Gateway::start(&config))
        })
        .collect();
    let mut replicas: Vec<Option<Gateway>> = starting
        .into_iter()
        .map(|t| Some(t.join().unwrap()))
        .collect();
    let addrs: Vec<SocketAddr> = replicas.iter().map(|r| r.as_ref().unwrap().addr).collect();
    // 100 calls, ringing → answer → hangup, each event posted to one
    // replica and its duplicate (the PBX resending) to the next.
    let mut clients: Vec<Client> = addrs.iter().map(|a| Client::connect(*a).unwrap()).collect();
    let mut keys = Vec::new();
    for step in 0..3 {
        for call in 0..100 {
            let (key, body) = call_events(&format!("R-{call}"))[step].clone();
            let i = (call + step) % 3;
            assert_eq!(clients[i].post("/events", &body), Some(200));
            assert_eq!(
                clients[(i + 1) % 3].post("/events", &body),
                Some(200),
                "a duplicate is answered 200"
            );
            keys.push(key);
        }
    }
    // Half-way through the deliveries, one replica dies.
    wait_for("half the deliveries", 60, || {
        sink.keys.lock().unwrap().len() >= 150
    });
    let before_kill = sink.keys.lock().unwrap().clone();
    replicas[1].take().unwrap().kill9();
    let want: HashSet<String> = keys.iter().cloned().collect();
    // Its leases run out (timeout 2 s + 5 s) and the others finish its work.
    wait_for("every event delivered", 90, || {
        sink.unique().is_superset(&want)
    });
    std::thread::sleep(Duration::from_secs(2));
    let got = sink.keys.lock().unwrap().clone();
    let dup = |list: &[String]| list.len() - list.iter().collect::<HashSet<_>>().len();
    assert_eq!(
        dup(&before_kill),
        0,
        "nothing twice while every replica was alive"
    );
    assert!(
        dup(&got) <= 8,
        "{} sent twice: more than the killed replica's window",
        dup(&got)
    );
    // In order per call: each call's events first arrived in the PBX's order.
    for call in 0..100 {
        let uuid = format!("R-{call}");
        let mut order: Vec<&str> = Vec::new();
        for k in got.iter().filter(|k| k.ends_with(&format!(":{uuid}"))) {
            let step = k.split(':').next().unwrap();
            if !order.contains(&step) {
                order.push(step);
            }
        }
        assert_eq!(order, ["ringing", "answer", "hangup"], "{uuid}");
    }
    // Stored once: 300 events, however many acknowledgements.
    let out = with_config(&config, &["gateway", "status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["events"], 300, "{status}");
    assert!(
        status["sinks"].as_array().is_some_and(|a| a.len() >= 2),
        "each replica's view: {status}"
    );
    eprintln!(
        "replicas: 300 events, {} deliveries, {} twice after the kill -9",
        got.len(),
        dup(&got)
    );
}

#[test]
fn purge_removes_delivered_callers_numbers_and_keeps_the_counts() {
    let sink = Sink::start();
    let (_dir, config) = setup(
        "purge",
        &sink,
        "retention_days = { call_event = 30, rejected = 7 }",
    );
    let gw = Gateway::start(&config);
    let mut c = Client::connect(gw.addr).unwrap();
    for i in 0..5 {
        assert_eq!(c.post("/events", &event(&format!("P-{i}"))), Some(200));
    }
    assert_eq!(
        c.post("/events", "event_type=answer&caller_id_number=0532"),
        Some(400)
    );
    wait_for("the deliveries", 30, || sink.unique().len() == 5);
    let santral = |args: &[&str]| {
        let out = with_config(&config, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let status = santral(&["gateway", "status", "--format", "json"]);
    // Today: nothing is old enough.
    let out = santral(&["gateway", "purge"]);
    assert!(
        out.starts_with("purged the bodies of 0 call events (kept 30 days)"),
        "{out}"
    );
    // 31 days on (Turkish midnight): the delivered events' and the
    // refused body's numbers go; every count stays.
    let later = {
        let now = santral_server::gateway::now_ms() / 1000 + 31 * 86_400;
        santral::time::Timestamp::from_unix(now, santral::time::Zone::Offset(180))
            .unwrap()
            .to_string()[..10]
            .to_owned()
    };
    let out = santral(&["gateway", "purge", "--as-of", &later]);
    assert!(
        out.starts_with("purged the bodies of 5 call events")
            && out.contains("1 refused bodies (7 days)"),
        "{out}"
    );
    let counts = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        (
            v["events"].clone(),
            v["rejected"].clone(),
            v["deliveries"].clone(),
        )
    };
    assert_eq!(
        counts(&santral(&["gateway", "status", "--format", "json"])),
        counts(&status),
        "the counts stay"
    );
    let export = santral(&["gateway", "export"]);
    assert_eq!(export.lines().count(), 5);
    assert!(
        !export.contains("905334979714") && !export.contains("0532"),
        "{export}"
    );
}

use common::raw;

#[test]
fn the_operator_page_needs_its_token_off_this_machine() {
    let sink = Sink::start();
    let (_dir, config) = setup(
        "ui",
        &sink,
        "trusted_proxies = [\"127.0.0.1/32\"]\nui_token = \"0123456789abcdef-ui\"",
    );
    let text = std::fs::read_to_string(&config).unwrap().replace(
        "allow = [\"127.0.0.1/32\"]",
        "allow = [\"127.0.0.1/32\", \"10.0.0.0/8\"]",
    );
    std::fs::write(&config, text).unwrap();
    let gw = Gateway::start(&config);
    let get = |path: &str, from: Option<&str>| {
        let xff = from.map_or(String::new(), |a| format!("x-forwarded-for: {a}\r\n"));
        raw(
            gw.addr,
            &format!("GET {path} HTTP/1.1\r\nhost: x\r\n{xff}connection: close\r\n\r\n"),
        )
    };
    // On this machine: no token needed.
    let (status, body) = get("/ui", None);
    assert_eq!(status, 200);
    assert!(
        body.contains("events kept: <b id=\"events\">0</b>"),
        "{body}"
    );
    // An allowed client elsewhere (behind the trusted proxy): the token.
    assert_eq!(get("/ui", Some("10.1.2.3")).0, 403);
    assert_eq!(
        get("/ui?token=0123456789abcdef-uX", Some("10.1.2.3")).0,
        403
    );
    let (status, body) = get("/ui?token=0123456789abcdef-ui", Some("10.1.2.3"));
    assert_eq!(status, 200);
    assert!(
        body.contains("name=\"token\" value=\"0123456789abcdef-ui\""),
        "the forms carry it"
    );
    // Not allowed at all: the token does not help.
    assert_eq!(
        get("/ui?token=0123456789abcdef-ui", Some("192.0.2.1")).0,
        403
    );
    // The replay form from another site is refused; from the page it works.
    let post = |origin: &str| {
        let body = "id=999";
        raw(
            gw.addr,
            &format!("POST /ui/replay HTTP/1.1\r\nhost: x\r\n{origin}content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len()),
        )
        .0
    };
    // The search: by call uuid, by a number in any form, by the masked
    // form the page and the log show.
    let mut c = Client::connect(gw.addr).unwrap();
    assert_eq!(c.post("/events", &event("UI-SEARCH-1")), Some(200));
    for (q, found) in [
        ("UI-SEARCH", 1),
        ("0533%20497%2097%2014", 1),
        ("%2B90%20533*****14", 1),
        ("%2B90%20533*****15", 0),
        ("533*****14", 1),
        ("nothing-like-it", 0),
    ] {
        let (status, body) = get(&format!("/ui?q={q}"), None);
        assert_eq!(status, 200);
        assert!(
            body.contains(&format!("<p>{found} found</p>")),
            "{q}: {body}"
        );
        if found == 1 {
            assert!(
                body.contains("answer:UI-SEARCH-1") && body.contains("+90 533*****14"),
                "{q}"
            );
        }
    }
    assert_eq!(post("origin: http://evil.example\r\n"), 403);
    assert_eq!(post("origin: http://x\r\n"), 303);
    assert_eq!(post(""), 303);
    assert_eq!(get("/ui/replay", None).0, 405);
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
    // key for the sink to recognise (at most the sink's window: Logo CRM's
    // default max_in_flight); nothing else is.
    let keys = sink.keys.lock().unwrap().clone();
    let again = keys.len() - keys.iter().collect::<HashSet<_>>().len();
    eprintln!(
        "kill -9: {} accepted, {before} delivered before the kill, {again} sent again after it",
        accepted.len()
    );
    assert!(
        again <= santral::gateway::DEFAULT_MAX_IN_FLIGHT_LOGO as usize,
        "{again} deliveries were sent twice"
    );
    // The kept events, exported.
    let out = with_config(&config, &["gateway", "export"]);
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
    let (dir, config) = scratch("ops");
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
        let out = with_config(&config, &["gateway", "status", "--format", "json"]);
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
    let out = with_config(&config, &["gateway", "replay"]);
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
    let out = with_config(&config, &["serve"]);
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
