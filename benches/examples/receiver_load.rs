//! A load generator for webhook receivers: `santral serve` and the
//! reference receiver in `benches/gateway/reference.py` are measured with
//! the same one (`benches/gateway.sh` runs both).
//!
//! ```sh
//! receiver_load URL CONNECTIONS SECONDS [TAG]
//! receiver_load --sink PORTFILE      # a loopback sink answering 200
//! ```
//!
//! Each connection is one thread posting call events (the PBX's form
//! bodies, a unique `call_uuid` each) over keep-alive HTTP/1.1, one at a
//! time, as fast as the receiver answers. Prints one JSON line: events,
//! seconds, events/s, p50/p99/max latency in ms, non-2xx answers and
//! connection errors (a failed connection is counted and opened again).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Reads one HTTP/1.1 message head and body (Content-Length only) from
/// `r`; returns the start line, or `None` at end of stream.
fn read_message(r: &mut BufReader<TcpStream>) -> Option<String> {
    let mut start = String::new();
    if r.read_line(&mut start).ok()? == 0 {
        return None;
    }
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    Some(start)
}

/// A sink for the gateway's deliveries: 200 to everything, keep-alive.
fn sink(port_file: &str) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    std::fs::write(port_file, listener.local_addr().unwrap().port().to_string()).unwrap();
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || {
            let mut out = stream.try_clone().unwrap();
            let mut r = BufReader::new(stream);
            while read_message(&mut r).is_some() {
                if out
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                    .is_err()
                {
                    return;
                }
            }
        });
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--sink") {
        return sink(&args[1]);
    }
    let url = &args[0];
    let connections: usize = args[1].parse().unwrap();
    let seconds: u64 = args[2].parse().unwrap();
    let tag = args.get(3).cloned().unwrap_or_else(|| "B".to_owned());
    let rest = url.strip_prefix("http://").expect("an http:// URL");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path }.to_owned();
    let authority = authority.to_owned();

    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|c| {
            let (stop, authority, path, tag) =
                (stop.clone(), authority.clone(), path.clone(), tag.clone());
            std::thread::spawn(move || {
                let mut latencies = Vec::with_capacity(1 << 16);
                let (mut non_2xx, mut errors, mut n) = (0u64, 0u64, 0u64);
                // A connection that fails is counted and opened again.
                'connect: while !stop.load(Ordering::Relaxed) {
                    let Ok(stream) = TcpStream::connect(&authority) else {
                        errors += 1;
                        std::thread::sleep(Duration::from_millis(10));
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    let Ok(mut out) = stream.try_clone() else {
                        errors += 1;
                        continue;
                    };
                    let mut r = BufReader::new(stream);
                    while !stop.load(Ordering::Relaxed) {
                        let body = format!(
                            "event_type=answer&direction=inbound&caller_id_number=905334979714\
                             &destination_number=908501234567&connected_user=1001\
                             &call_uuid={tag}-{c}-{n}&start_stamp=2026-12-01 10:00:00"
                        );
                        n += 1;
                        let request = format!(
                            "POST {path} HTTP/1.1\r\nhost: {authority}\r\n\
                             content-type: application/x-www-form-urlencoded\r\n\
                             content-length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        let t = Instant::now();
                        let status = match out.write_all(request.as_bytes()) {
                            Ok(()) => read_message(&mut r),
                            Err(_) => None,
                        };
                        let Some(status) = status else {
                            errors += 1;
                            continue 'connect;
                        };
                        latencies.push(t.elapsed());
                        if !status.split(' ').nth(1).is_some_and(|s| s.starts_with('2')) {
                            non_2xx += 1;
                        }
                    }
                }
                (latencies, non_2xx, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let (mut non_2xx, mut errors) = (0, 0);
    for w in workers {
        let (l, n, e) = w.join().unwrap_or_default();
        all.extend(l);
        non_2xx += n;
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let ms = |p: f64| {
        all.get(((all.len().saturating_sub(1)) as f64 * p) as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{{\"events\":{},\"seconds\":{:.1},\"events_per_s\":{:.0},\"p50_ms\":{:.2},\"p99_ms\":{:.2},\"max_ms\":{:.2},\"non_2xx\":{},\"connection_errors\":{}}}",
        all.len(),
        elapsed,
        all.len() as f64 / elapsed,
        ms(0.5),
        ms(0.99),
        ms(1.0),
        non_2xx,
        errors
    );
}
