//! Phone parse + validate: santral vs the two Rust ports of libphonenumber
//! (`phonenumber` and `rlibphonenumber`, the fastest) on the same
//! deterministic corpus.
#![allow(clippy::unwrap_used, missing_docs)]
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn phones(c: &mut Criterion) {
    let corpus = santral_benches::phone_corpus(1000);
    let tr: phonenumber::country::Id = "TR".parse().unwrap();
    let mut g = c.benchmark_group("phone parse+validate (1000 TR numbers)");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("santral", |b| {
        b.iter(|| {
            let mut valid = 0;
            for s in &corpus {
                if santral::phone::Phone::parse_lenient(black_box(s)).is_ok_and(|p| p.is_valid()) {
                    valid += 1;
                }
            }
            valid
        })
    });
    g.bench_function("phonenumber crate", |b| {
        b.iter(|| {
            let mut valid = 0;
            for s in &corpus {
                if phonenumber::parse(Some(tr), black_box(s))
                    .is_ok_and(|p| phonenumber::is_valid(&p))
                {
                    valid += 1;
                }
            }
            valid
        })
    });
    g.bench_function("rlibphonenumber", |b| {
        b.iter(|| {
            let mut valid = 0;
            for s in &corpus {
                if rlibphonenumber::PHONE_NUMBER_UTIL
                    .parse(black_box(s), Some(rlibphonenumber::Region::TR))
                    .is_ok_and(|p| p.is_valid())
                {
                    valid += 1;
                }
            }
            valid
        })
    });
    g.finish();
}

/// Numbers of 44 countries (`benches/data/world_corpus.txt`: fixed-line
/// and mobile numbers drawn from each region's patterns, one in eight a
/// near miss, half in E.164 and half as libphonenumber's INTERNATIONAL
/// format; 968 of the 1,056 valid): santral's `world` plans against both
/// ports, each parsing with validation, type and region.
fn world(c: &mut Criterion) {
    let corpus: Vec<&str> = include_str!("../data/world_corpus.txt").lines().collect();
    let mut g = c.benchmark_group("phone parse+validate (1056 numbers of 44 countries)");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("santral", |b| {
        b.iter(|| {
            let mut valid = 0;
            for s in &corpus {
                if santral::phone::Phone::parse_lenient(black_box(s))
                    .is_ok_and(|p| p.is_valid() && p.region().is_some())
                {
                    valid += 1;
                }
            }
            valid
        })
    });
    g.bench_function("phonenumber crate", |b| {
        b.iter(|| {
            let mut valid = 0;
            for s in &corpus {
                if phonenumber::parse(None, black_box(s)).is_ok_and(|p| phonenumber::is_valid(&p)) {
                    valid += 1;
                }
            }
            valid
        })
    });
    g.bench_function("rlibphonenumber", |b| {
        b.iter(|| {
            let mut valid = 0;
            for s in &corpus {
                if rlibphonenumber::PHONE_NUMBER_UTIL
                    .parse(black_box(s), None)
                    .is_ok_and(|p| p.is_valid())
                {
                    valid += 1;
                }
            }
            valid
        })
    });
    g.finish();
}

criterion_group!(benches, phones, world);
criterion_main!(benches);
