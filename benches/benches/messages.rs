//! Campaign validation vs serde_json typed deserialization, call-event
//! parsing vs serde_urlencoded, advisory building vs serde_json::to_writer.
#![allow(clippy::unwrap_used, missing_docs, dead_code)]
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde::{Deserialize, Serialize};
use std::hint::black_box;

#[derive(Deserialize)]
struct Lead<'a> {
    #[serde(borrow)]
    phone: std::borrow::Cow<'a, str>,
    phrase: Option<std::borrow::Cow<'a, str>>,
    lang: Option<&'a str>,
}

#[derive(Deserialize)]
struct Campaign<'a> {
    key: &'a str,
    call_type: &'a str,
    name: &'a str,
    date_range_begin: Option<&'a str>,
    time_range_begin: Option<&'a str>,
    time_range_end: Option<&'a str>,
    active_days: Vec<u8>,
    welcome_announcement_id: Option<u64>,
    digit_target_1: Option<&'a str>,
    digit_target_2: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    phone_list: Vec<Lead<'a>>,
}

fn campaigns(c: &mut Criterion) {
    let mut g = c.benchmark_group("campaign");
    for leads in [1usize, 1_000, 100_000, 1_000_000] {
        let body = santral_benches::campaign(leads);
        g.throughput(Throughput::Bytes(body.len() as u64));
        if leads >= 100_000 {
            g.sample_size(10);
        }
        g.bench_with_input(
            BenchmarkId::new("santral validate (all rules)", leads),
            &body,
            |b, body| {
                b.iter(|| {
                    let mut sink = santral::diag::Counter::default();
                    santral::campaign::validate(
                        black_box(body.as_bytes()),
                        &santral::campaign::Options::default(),
                        &mut sink,
                    )
                    .leads
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("serde_json typed", leads),
            &body,
            |b, body| {
                b.iter(|| {
                    serde_json::from_str::<Campaign<'_>>(black_box(body))
                        .unwrap()
                        .phone_list
                        .len()
                })
            },
        );
    }
    g.finish();
}

#[derive(Deserialize)]
struct CallEvent<'a> {
    event_type: &'a str,
    domain_id: Option<u64>,
    direction: &'a str,
    caller_id_number: Option<&'a str>,
    outbound_caller_id_number: Option<&'a str>,
    destination_number: Option<&'a str>,
    dialed_user: Option<&'a str>,
    connected_user: Option<&'a str>,
    call_uuid: &'a str,
    start_stamp: Option<&'a str>,
    answer_stamp: Option<&'a str>,
    end_stamp: Option<&'a str>,
    duration: Option<u32>,
    recording_present: Option<bool>,
    answered: Option<bool>,
    queue: Option<&'a str>,
    queue_wait_duration: Option<u32>,
    sip_hangup_disposition: Option<&'a str>,
    hangup_cause: Option<&'a str>,
}

fn call_events(c: &mut Criterion) {
    let body = santral_benches::CALL_EVENT;
    let mut g = c.benchmark_group("call event");
    g.bench_function("santral parse+validate", |b| {
        b.iter(|| {
            let mut sink = santral::diag::Counter::default();
            santral::event::CallEvent::parse(black_box(body.as_bytes()), &mut sink).is_some()
        })
    });
    g.bench_function("serde_urlencoded typed", |b| {
        b.iter(|| serde_urlencoded::from_str::<CallEvent<'_>>(black_box(body)).is_ok())
    });
    g.finish();
}

#[derive(Serialize)]
struct TransferInner<'a> {
    target: &'a str,
    greet_name: &'a str,
    lang: &'a str,
    announcement_to_caller: u64,
}

#[derive(Serialize)]
struct TransferBody<'a> {
    transfer: TransferInner<'a>,
}

fn advisory(c: &mut Criterion) {
    // The target checked once, outside the loop (as an application that
    // routes to a fixed queue does).
    let target = santral::advisory::Transfer::to("queue/201").unwrap().target;
    let mut g = c.benchmark_group("advisory transfer build");
    g.bench_function("santral (checked target)", |b| {
        let mut buf = [0u8; 256];
        b.iter(|| {
            let t = santral_benches::transfer(black_box(target));
            santral::write::write_into(&mut buf, t)
                .map(str::len)
                .unwrap()
        })
    });
    g.bench_function("santral bytes (checked target)", |b| {
        // The same answer as bytes, as a server sends it: written straight
        // into the buffer (`Transfer::write_to` a `SliceWriter`), with no
        // UTF-8 check of the output, as serde_json's writer makes none.
        let mut buf = [0u8; 256];
        b.iter(|| {
            let t = santral_benches::transfer(black_box(target));
            let mut w = santral::write::SliceWriter::new(&mut buf);
            t.write_to(&mut w).unwrap();
            w.finish_bytes().map(<[u8]>::len).unwrap()
        })
    });
    g.bench_function("serde_json::to_writer", |b| {
        let mut buf = Vec::with_capacity(256);
        b.iter(|| {
            buf.clear();
            let v = TransferBody {
                transfer: TransferInner {
                    target: black_box("queue/201"),
                    greet_name: "Ahmet Yılmaz",
                    lang: "tr-TR",
                    announcement_to_caller: 12345,
                },
            };
            serde_json::to_writer(&mut buf, &v).unwrap();
            buf.len()
        })
    });
    g.finish();
}

criterion_group!(benches, campaigns, call_events, advisory);
criterion_main!(benches);
