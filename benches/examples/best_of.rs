//! The world corpus (`benches/data/world_corpus.txt`) timed the other way
//! round from criterion: santral and `rlibphonenumber` take turns, pass
//! after pass, and each side keeps its fastest pass. A neighbour on a
//! shared machine only ever adds time, so the fastest pass is the one it
//! disturbed least; criterion's medians (`benches/ratios.py`) keep the
//! disturbance in. Both figures are in benches/README.md.
//!
//!   cargo run --release -p santral-benches --example best_of [passes]
#![allow(clippy::unwrap_used)] // a measuring tool: a failure should stop it loudly
use std::hint::black_box;
use std::time::Instant;

/// Nanoseconds a number for one pass of `check` over `corpus` (20 times
/// through, about a millisecond for santral), and how many it accepted.
fn pass(corpus: &[&str], check: impl Fn(&str) -> bool) -> (f64, usize) {
    const LAPS: usize = 20;
    let start = Instant::now();
    let mut accepted = 0;
    for _ in 0..LAPS {
        accepted += corpus.iter().filter(|s| check(black_box(s))).count();
    }
    let ns = start.elapsed().as_nanos() as f64 / (LAPS * corpus.len()) as f64;
    (ns, accepted / LAPS)
}

fn main() {
    let passes: usize = std::env::args().nth(1).map_or(200, |s| s.parse().unwrap());
    let corpus: Vec<&str> = include_str!("../data/world_corpus.txt").lines().collect();
    let santral = |s: &str| {
        santral::phone::Phone::parse_lenient(s).is_ok_and(|p| p.is_valid() && p.region().is_some())
    };
    let peer = |s: &str| {
        rlibphonenumber::PHONE_NUMBER_UTIL
            .parse(s, None)
            .is_ok_and(|p| p.is_valid())
    };
    let (mut ours, mut theirs) = (f64::MAX, f64::MAX);
    let (mut ours_valid, mut theirs_valid) = (0, 0);
    for i in 0..passes {
        // The peer is about twenty times slower: it runs one pass in ten.
        let (ns, valid) = pass(&corpus, santral);
        (ours, ours_valid) = (ours.min(ns), valid);
        if i % 10 == 0 {
            let (ns, valid) = pass(&corpus, peer);
            (theirs, theirs_valid) = (theirs.min(ns), valid);
        }
    }
    println!(
        "{} numbers, fastest of {passes} passes: santral {ours:.1} ns a number ({ours_valid} valid), \
         rlibphonenumber {theirs:.1} ns ({theirs_valid} valid, fastest of {}): {:.1}×",
        corpus.len(),
        passes.div_ceil(10),
        theirs / ours
    );
}
