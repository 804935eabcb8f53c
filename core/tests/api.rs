//! Property tests of the API module: any key and numbers survive the
//! wire, and the PBX's reader never panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use santral::api::incoming::{read as receive, Context};
use santral::api::Request;
use santral::diag::Collector;
use santral::form::Encode;
use santral::lexical::Extension;
use santral::originate::Originate;
use santral::phone::Phone;

fn ctx() -> Context<'static> {
    Context {
        today: None,
        is_key: &|k: &str| k == santral::api::SAMPLE_KEY,
        on_campaign: None,
    }
}

proptest! {
    #[test]
    fn any_key_and_numbers_survive_the_wire(
        key in "[ -~]{1,64}",
        ext in "[1-9][0-9]{1,7}",
        dest in "5[0-9]{9}",
        timeout in 10u32..=60,
    ) {
        prop_assume!(!key.trim().is_empty() && !key.contains(' '));
        let mut o = Originate::new(&key, Extension::parse(&ext).unwrap(), Phone::parse(&format!("0{dest}")).unwrap());
        o.timeout = Some(timeout);
        let r = Request::Originate(o);
        let target = r.target().to_string();
        prop_assert!(!target.contains('+') && !target.contains(' '));
        let k = key.clone();
        let is_key = move |s: &str| s == k;
        let ctx = Context { today: None, is_key: &is_key, on_campaign: None };
        let mut buf = [0u8; 512];
        let mut sink: Collector<16> = Collector::new();
        let back = receive("GET", &target, b"", &mut buf, &ctx, &mut sink);
        match back {
            Ok(Request::Originate(b)) => {
                prop_assert_eq!(b.key, key.as_str());
                prop_assert_eq!(b.timeout, Some(timeout));
                prop_assert_eq!(b.destination, o.destination);
            }
            other => prop_assert!(false, "{:?}", other),
        }
        let exposed = format!("key={}", Encode(&key));
        let log = r.redacted().to_string();
        prop_assert!(!log.contains(&exposed));
    }

    #[test]
    fn the_reader_never_panics(method in "(GET|POST|PATCH|DELETE|X)", target in "/[a-z_/.?=&%0-9A-F-]{0,60}", body in proptest::collection::vec(any::<u8>(), 0..200)) {
        let Ok(target) = core::str::from_utf8(target.as_bytes()) else { return Ok(()) };
        let mut buf = [0u8; 256];
        let mut sink: Collector<16> = Collector::new();
        if let Err(e) = receive(&method, target, &body, &mut buf, &ctx(), &mut sink) {
            let text = e.to_string();
            prop_assert!(!text.is_empty());
            prop_assert!(matches!(e.status(), 400 | 404 | 405));
        }
    }
}
