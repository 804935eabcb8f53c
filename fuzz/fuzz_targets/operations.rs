#![no_main]

//! Every operation's request and reply on any input: the parameter
//! checker and the writer never panic whatever the names and values, the
//! redacted form never holds a valid key, the PBX-side router refuses
//! with a status it documents or accepts only with the key, and every
//! reply — records read to the end, list cells walked — is read without
//! panicking.

use libfuzzer_sys::fuzz_target;
use santral::api::records::{list_items, Cell};
use santral::api::route::{route, Context};
use santral::api::{Call, Method, Operation, Success};
use santral::diag::Counter;

const KEY: &str = "K12345678-1234-5678-4321-123456789012";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let op = Operation::ALL[usize::from(pick) % Operation::ALL.len()];
    let mut sink = Counter::default();
    if pick & 0xC0 == 0x40 {
        // The PBX's side: a method, then `target\nbody`.
        let method = Method::ALL[usize::from(pick) % Method::ALL.len()].as_str();
        let split = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let (target, body) = rest.split_at(split);
        let Ok(target) = core::str::from_utf8(target) else {
            return;
        };
        let is_key = |k: &str| k == KEY;
        let ctx = Context { is_key: &is_key };
        let mut buf = vec![0u8; body.len() + target.len() + 256];
        match route(method, target, body.get(1..).unwrap_or(&[]), &mut buf, &ctx, &mut sink) {
            Ok(r) => {
                assert_eq!(r.get("key"), Some(KEY));
                // What the PBX accepted, santral writes back to the same operation.
                let params: Vec<(&str, &str)> = r.iter().filter(|(n, _)| *n != "key").collect();
                let _ = Call::new(r.op, KEY, &params).check(&mut sink);
            }
            Err(e) => {
                let _ = e.to_string();
                assert!(matches!(e.status, 400 | 401 | 404 | 405), "{}", e.status);
            }
        }
        return;
    }
    if pick & 0x80 == 0 {
        // Parameters: `name=value` lines.
        let Ok(text) = core::str::from_utf8(rest) else {
            return;
        };
        let params: Vec<(&str, &str)> = text
            .lines()
            .take(40)
            .map(|l| l.split_once('=').unwrap_or((l, "")))
            .collect();
        let call = Call::new(op, KEY, &params);
        let valid = call.check(&mut sink);
        let _ = call.target().to_string();
        let _ = call.body().to_string();
        let _ = call.content_type();
        let redacted = call.redacted().to_string();
        // The key parameter is masked (another parameter's value may hold
        // the same text: that is the caller's value, shown as given).
        if !params.iter().any(|(n, v)| n.contains(KEY) || v.contains(KEY)) {
            assert!(!redacted.contains(KEY), "{redacted}");
        }
        if valid {
            assert!(!call.target().to_string().is_empty());
        }
        return;
    }
    // A reply: two bytes of status, then the body.
    let (status, body) = match rest {
        [a, b, body @ ..] => (u16::from_be_bytes([*a, *b]) % 600, body),
        _ => return,
    };
    match op.read_reply(status, body, &mut sink) {
        Ok(Success::Records(list)) => {
            list.read(&mut sink, |row| {
                for (_, c) in row.iter() {
                    if let Cell::List(raw) = c {
                        list_items(raw, |_| {});
                    }
                }
                core::ops::ControlFlow::Continue(())
            });
        }
        Ok(Success::Cdrs(page)) => {
            page.read(&mut sink, |_| core::ops::ControlFlow::Continue(()));
        }
        Ok(Success::Cdr(detail)) => {
            let _ = detail.read(&mut sink, |_| {});
        }
        Ok(_) => {}
        Err(f) => {
            let _ = f.redacted().to_string();
            let _ = f.code();
        }
    }
});
