//! Zero allocations, proven: a counting global allocator around every core
//! entry point (inputs are built before counting starts). Only the
//! measuring thread's allocations count: the test harness's own threads
//! allocate when they like (that raced into the count once on a loaded
//! machine).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Const-initialised: reading it never allocates.
    static MEASURING: Cell<bool> = const { Cell::new(false) };
}

fn count() {
    if MEASURING.with(Cell::get) {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
    }
}

// SAFETY: forwards to the system allocator, only counting calls.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    MEASURING.with(|m| m.set(true));
    f();
    MEASURING.with(|m| m.set(false));
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn every_core_entry_point_allocates_nothing() {
    use santral::check::{check, Options};
    use santral::diag::{Collector, Counter};
    let inputs = santral_benches::every_kind(10_000);
    let phones = santral_benches::phone_corpus(500);
    let mut buf = [0u8; 4096];
    let n = allocations_in(|| {
        for (kind, input) in &inputs {
            let mut sink: Collector<32> = Collector::new();
            let r = check(*kind, input, &Options::default(), &mut sink);
            std::hint::black_box(r);
        }
        for p in &phones {
            if let Ok(phone) =
                santral::phone::Phone::parse_with(p, santral::phone::Options::LENIENT)
            {
                for f in santral::phone::Format::ALL {
                    if let Ok(out) = phone.format(*f) {
                        let _ = out.write_to(&mut buf);
                    }
                }
                std::hint::black_box(phone.match_key());
            }
            std::hint::black_box(santral::phone::same_number(p, "05321234567"));
        }
        for t in [
            "queue/201",
            "tts/tr-TR/Bu bir test",
            "usr/1000",
            "external/00491234567",
        ] {
            std::hint::black_box(
                santral::target::Target::parse(t, santral::target::TargetContext::Campaign).ok(),
            );
        }
        for e in santral::phrase::Phrase::new("#456 15/11/2017 #457 73.56 #458 x").tokens() {
            std::hint::black_box(e.ok());
        }
        let t = santral::advisory::Transfer::new(santral::json::JsonStr::text("restart"));
        let _ = santral::write::write_into(&mut buf, t);
        let _ = santral::write::write_bytes_into(&mut buf, t);
        let mut w = santral::write::SliceWriter::new(&mut buf);
        let _ = t.write_to(&mut w);
        std::hint::black_box(w.finish_bytes().ok());
        let mut c = Counter::default();
        let cdrs = inputs
            .iter()
            .find(|(k, _)| *k == santral::check::Kind::CdrList)
            .map(|(_, i)| i.as_slice())
            .unwrap_or_default();
        let _ = santral::cdr::read_list(cdrs, &mut c, |_| std::ops::ControlFlow::Continue(()));
        let h = santral::campaign::Header::new("K", santral::campaign::CallType::Queue, "n");
        let leads = [santral::campaign::Lead {
            phone: "05321234567",
            phrase: None,
            lang: None,
        }];
        let _ = santral::campaign::write_to(&mut buf, &h, leads);
        // The PBX's side of the OpenCart flow: a request built, a list read.
        use santral::opencart::{read_reply_to, Call, Exchange, Request, Route, Version};
        let since = santral::time::Timestamp::parse("2026-12-01 00:00:00").ok();
        if let Some(date_added) = since {
            let call = Call::Route {
                token: "t",
                request: Request::ListOrders { date_added },
            };
            let _ = santral::write::write_into(&mut buf, call.url("http://shop", Version::V3));
        }
        let list = br#"[[{"order_id":"3","telephone":"0533 497 97 14"},{"order_id":"x"}]]"#;
        let _ = read_reply_to(Exchange::Route(Route::ListOrders), list, &mut c, |l| {
            std::hint::black_box(l.call);
        });
        // The `serde` feature, through the no_std serializer into a buffer.
        let mut out = [0u8; 2048];
        let mut sink: Collector<4> = Collector::new();
        let body = b"event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid=a%2Db&queue=Destek+%C3%87a%C4%9Fr%C4%B1";
        if let Some(e) = santral::event::CallEvent::parse(body, &mut sink) {
            std::hint::black_box(serde_json_core::to_slice(&e, &mut out).ok());
        }
        if let Some(d) = sink.diagnostics().first() {
            std::hint::black_box(serde_json_core::to_slice(d, &mut out).ok());
        }
        std::hint::black_box(
            serde_json_core::from_slice::<santral::phone::Phone>(b"\"05321234567\"").ok(),
        );
        let routing = br#"{"transfer":{"target":"queue/201","greet_name":"Ay\u015fe","announcement_to_caller":12345}}"#;
        std::hint::black_box(
            serde_json_core::from_slice::<santral::advisory::Action<'_>>(routing).ok(),
        );
    });
    assert_eq!(n, 0, "the core allocated {n} times");
    // The counter works: a Vec allocates.
    assert!(allocations_in(|| drop(std::hint::black_box(vec![1u8; 10]))) > 0);
}
