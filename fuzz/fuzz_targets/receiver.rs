#![no_main]
//! The receiving side: any request. Never panics; the answer's bytes are
//! well-formed (a 400's body is JSON listing at most 64 diagnostics); a
//! value is handed over only from an allowed client on its route with its
//! method; the order of decisions holds.

use libfuzzer_sys::fuzz_target;
use santral::net::{blocks, Cidr};
use santral::receiver::{advisory_answer, receive, Answer, Config, Outcome, Request, Route, DEFAULT_FALLBACK};

fuzz_target!(|data: &[u8]| {
    // method \n path \n peer \n allow \n content-type \n query \n body (the rest).
    let mut parts = data.splitn(7, |&b| b == b'\n');
    let mut next = || parts.next().unwrap_or_default();
    let method = String::from_utf8_lossy(next()).into_owned();
    let path = next();
    let peer = String::from_utf8_lossy(next()).into_owned();
    let allow_text = String::from_utf8_lossy(next()).into_owned();
    let content_type = next();
    let query = next();
    let body = next();
    let allow: Vec<Cidr> = blocks(&allow_text).filter_map(Result::ok).collect();
    let config = Config {
        allow: &allow,
        secret: (data.len() % 3 == 0).then_some("s3cr3t"),
        body_limit: 4096,
        ..Config::default()
    };
    let request = Request {
        method: &method,
        path,
        query,
        peer: &peer,
        forwarded_for: None,
        content_type: (!content_type.is_empty()).then_some(content_type),
        content_length: None,
        body,
    };
    let r = receive(&config, &request);
    let allowed = r.client.is_some_and(|c| santral::net::is_allowed(&allow, c));
    match r.outcome {
        Outcome::Answer(a) => {
            let text = a.body().to_string();
            if let Answer::Invalid(_) = a {
                assert!(text.starts_with("{\"diagnostics\":[{") && text.ends_with("}]}"), "{text}");
                let n = text.matches("{\"severity\":").count();
                assert!((1..=santral::receiver::MAX_DIAGNOSTICS).contains(&n), "{n} diagnostics");
                assert!(allowed && r.route.is_some());
            }
            if a == Answer::Forbidden {
                assert!(!allowed);
            }
            assert_eq!(a.allow().is_some(), a.status() == 405);
        }
        Outcome::CallEvent(_) | Outcome::CampaignReport(_) | Outcome::Advisory(_) => {
            assert!(allowed);
            let route = r.route.expect("a value comes from a route");
            assert_eq!(method, route.method());
            assert!(body.len() <= 4096);
            if let Outcome::Advisory(q) = r.outcome {
                assert_eq!(route, Route::Advisory);
                let _ = q.uuid();
                if let Err(a) = q.read(None) {
                    assert_eq!(a.status(), 400);
                    let _ = a.body().to_string();
                }
            }
        }
    }
    // Any handler response: the answer is it (when the core accepts it)
    // or the fallback, never anything else.
    let response = std::str::from_utf8(body).ok();
    let a = advisory_answer(response, DEFAULT_FALLBACK);
    let text = a.answer.body().to_string();
    if a.fell_back {
        assert_eq!(text, DEFAULT_FALLBACK);
    } else {
        assert_eq!(Some(text.as_str()), response);
    }
});
