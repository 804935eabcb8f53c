#![no_main]

//! The PBX's side of the API on any request: it never panics, every
//! refusal has a status and a text a client reads back to the same code,
//! and an accepted request writes itself back to a request it accepts.

use libfuzzer_sys::fuzz_target;
use santral::api::incoming::{read, receive, Context, Received};
use santral::api::Method;
use santral::diag::Counter;
use santral::response::{classify, Expect};

fuzz_target!(|data: &[u8]| {
    let Some((&m, rest)) = data.split_first() else {
        return;
    };
    let method = Method::ALL[usize::from(m) % Method::ALL.len()].as_str();
    let split = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let (target, body) = rest.split_at(split);
    let Ok(target) = core::str::from_utf8(target) else {
        return;
    };
    let key = |k: &str| k.starts_with('K');
    let ctx = Context { today: None, is_key: &key, on_campaign: None };
    // Every operation, either dialect: refused with a 4xx, or read as an
    // operation whose rule the parameters keep.
    let mut all = vec![0u8; 3 * (target.len() + body.len()) + 256];
    match receive(method, target, body, &mut all, &ctx, &mut Counter::default()) {
        Ok(Received::Routed(r)) => {
            for (name, value) in r.iter() {
                assert!(!name.is_empty() && value.len() <= target.len() + body.len(), "{name}");
            }
        }
        Ok(Received::Typed(_)) => {}
        Err(refused) => {
            assert!((400..=405).contains(&refused.status()) || refused.status() == 413, "{}", refused.status());
            let _ = refused.to_string();
        }
    }
    let mut buf = [0u8; 512];
    let mut sink = Counter::default();
    match read(method, target, body, &mut buf, &ctx, &mut sink) {
        Ok(request) => {
            let again = request.target().to_string();
            let body = request.body().to_string();
            let mut buf = [0u8; 4096];
            let back = read(request.method().as_str(), &again, body.as_bytes(), &mut buf, &ctx, &mut sink);
            assert!(back.is_ok(), "{again}");
            let _ = request.redacted().to_string();
        }
        Err(refusal) => {
            let text = refusal.to_string();
            let failure = classify(refusal.status(), &text, Expect::Ok).unwrap_err();
            assert_eq!(failure.code(), refusal.code(), "{text}");
        }
    }
});
