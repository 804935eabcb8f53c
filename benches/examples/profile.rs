//! Workloads for `valgrind --tool=callgrind` (benches/README.md):
//!   cargo build --release -p santral-benches --example profile
//!   valgrind --tool=callgrind target/release/examples/profile event|campaign|phone|transfer|transfer-bytes
#![allow(clippy::unwrap_used)] // a profiling workload: a failure should stop it loudly
fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    if what == "transfer-bytes" {
        // The same transfer, written straight into the buffer as bytes
        // (`Transfer::write_to` a `SliceWriter`; no UTF-8 check of the output).
        let target = santral::advisory::Transfer::to("queue/201").unwrap().target;
        let mut buf = [0u8; 256];
        let mut n = 0;
        for _ in 0..100_000 {
            let t = santral_benches::transfer(std::hint::black_box(target));
            let mut w = santral::write::SliceWriter::new(&mut buf);
            t.write_to(&mut w).unwrap();
            n += w.finish_bytes().map(<[u8]>::len).unwrap();
        }
        println!("{n} bytes");
    } else if what == "transfer" {
        let target = santral::advisory::Transfer::to("queue/201").unwrap().target;
        let mut buf = [0u8; 256];
        let mut n = 0;
        for _ in 0..100_000 {
            let t = santral_benches::transfer(std::hint::black_box(target));
            n += santral::write::write_into(&mut buf, t)
                .map(str::len)
                .unwrap();
        }
        println!("{n} bytes");
    } else if what == "phone" {
        let corpus = santral_benches::phone_corpus(1000);
        let mut valid = 0usize;
        for _ in 0..100 {
            for s in &corpus {
                valid += usize::from(
                    santral::phone::Phone::parse_lenient(std::hint::black_box(s))
                        .is_ok_and(|p| p.is_valid()),
                );
            }
        }
        println!("{valid} valid");
    } else if what == "world" {
        let corpus: Vec<&str> = include_str!("../data/world_corpus.txt").lines().collect();
        let mut valid = 0usize;
        for _ in 0..100 {
            for s in &corpus {
                valid += usize::from(
                    santral::phone::Phone::parse_lenient(std::hint::black_box(s))
                        .is_ok_and(|p| p.is_valid() && p.region().is_some()),
                );
            }
        }
        println!("{valid} valid");
    } else if what == "campaign" {
        let body = santral_benches::campaign(20_000);
        let mut sink = santral::diag::Counter::default();
        let s = santral::campaign::validate(
            body.as_bytes(),
            &santral::campaign::Options::default(),
            &mut sink,
        );
        println!("{} leads", s.leads);
    } else {
        // On the heap, as a server's body is: the same alignment in every
        // build (UTF-8 checks read aligned words, so a body's place in the
        // binary moved the count by ~1 %).
        let body = santral_benches::CALL_EVENT.as_bytes().to_vec();
        let mut valid = 0;
        for _ in 0..2000 {
            let mut sink = santral::diag::Counter::default();
            valid += usize::from(
                santral::event::CallEvent::parse(std::hint::black_box(body.as_slice()), &mut sink)
                    .is_some(),
            );
        }
        println!("{valid} events");
    }
}
