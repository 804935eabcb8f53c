//! Phone parse + validate: santral vs the two Rust ports of libphonenumber
//! (`phonenumber` and `rlibphonenumber`, the fastest) on the same
//! deterministic corpora: Turkish numbers, and numbers of 44 countries.
#![allow(clippy::unwrap_used, missing_docs)]
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// One group: santral's verdict (`santral_ok`) against both ports', each
/// parsing every number of `corpus` leniently and validating it, national
/// forms read in `region` (`None`: only international forms).
fn compare(
    c: &mut Criterion,
    name: &str,
    corpus: &[&str],
    santral_ok: fn(&str) -> bool,
    region: Option<(&str, rlibphonenumber::Region)>,
) {
    let id: Option<phonenumber::country::Id> = region.map(|(r, _)| r.parse().unwrap());
    let rlib_region = region.map(|(_, r)| r);
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("santral", |b| {
        b.iter(|| corpus.iter().filter(|s| santral_ok(black_box(s))).count())
    });
    g.bench_function("phonenumber crate", |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| {
                    phonenumber::parse(id, black_box(s)).is_ok_and(|p| phonenumber::is_valid(&p))
                })
                .count()
        })
    });
    g.bench_function("rlibphonenumber", |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| {
                    rlibphonenumber::PHONE_NUMBER_UTIL
                        .parse(black_box(s), rlib_region)
                        .is_ok_and(|p| p.is_valid())
                })
                .count()
        })
    });
    g.finish();
}

fn phones(c: &mut Criterion) {
    let corpus = santral_benches::phone_corpus(1000);
    let corpus: Vec<&str> = corpus.iter().map(String::as_str).collect();
    compare(
        c,
        "phone parse+validate (1000 TR numbers)",
        &corpus,
        |s| santral::phone::Phone::parse_lenient(s).is_ok_and(|p| p.is_valid()),
        Some(("TR", rlibphonenumber::Region::TR)),
    );
}

/// Numbers of 44 countries (`benches/data/world_corpus.txt`: fixed-line
/// and mobile numbers drawn from each region's patterns, one in eight a
/// near miss, half in E.164 and half as libphonenumber's INTERNATIONAL
/// format; 968 of the 1,056 valid): santral's `world` plans against both
/// ports; santral also names each number's region.
fn world(c: &mut Criterion) {
    let corpus: Vec<&str> = include_str!("../data/world_corpus.txt").lines().collect();
    compare(
        c,
        "phone parse+validate (1056 numbers of 44 countries)",
        &corpus,
        |s| {
            santral::phone::Phone::parse_lenient(s)
                .is_ok_and(|p| p.is_valid() && p.region().is_some())
        },
        None,
    );
}

criterion_group!(benches, phones, world);
criterion_main!(benches);
