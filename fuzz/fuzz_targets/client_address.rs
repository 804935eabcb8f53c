#![no_main]
//! The transport check every receiver makes: any peer text, any
//! forwarded-for bytes, any block lists. Never panics, and holds the rules
//! the README's threat model states.

use libfuzzer_sys::fuzz_target;
use santral::net::{admit, blocks, client_address, is_allowed, parse_peer, Cidr};

fuzz_target!(|data: &[u8]| {
    // peer \n proxies \n allow \n forwarded-for (the rest, any bytes).
    let mut parts = data.splitn(4, |&b| b == b'\n');
    let peer = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let proxies_text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let allow_text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let forwarded = parts.next();
    let proxies: Vec<Cidr> = blocks(&proxies_text).filter_map(Result::ok).collect();
    let allow: Vec<Cidr> = blocks(&allow_text).filter_map(Result::ok).collect();
    for b in blocks(&proxies_text).chain(blocks(&allow_text)) {
        if let Err(e) = b {
            assert!(e.span.start <= e.span.end);
        }
    }
    let a = admit(&peer, forwarded, &allow, &proxies);
    // Allowed only with a known client inside the allow-list.
    assert_eq!(a.allowed, a.client.is_some_and(|c| is_allowed(&allow, c)));
    let Some(p) = parse_peer(&peer) else {
        assert_eq!(a.client, None);
        return;
    };
    // Canonical: never an IPv4-mapped IPv6 address.
    assert_eq!(p, p.to_canonical());
    if let Some(c) = a.client {
        assert_eq!(c, c.to_canonical());
    }
    if !is_allowed(&proxies, p) {
        // The header counts only from a trusted proxy.
        assert_eq!(a.client, Some(p));
    } else if let Some(c) = a.client {
        // The client is the peer (no header) or an address the header holds.
        if forwarded.is_some() {
            let text = std::str::from_utf8(forwarded.unwrap_or_default()).unwrap_or("");
            assert!(
                text.split(',')
                    .filter_map(|e| e.trim().parse::<std::net::IpAddr>().ok())
                    .any(|ip| ip.to_canonical() == c),
                "{c} not in the header"
            );
        } else {
            assert_eq!(c, p);
        }
    }
    // Appending an untrusted address (what a proxy does) makes it the
    // client — when the header decodes: bytes that are not UTF-8 anywhere
    // in it leave the client unknown (fail closed).
    if is_allowed(&proxies, p) && forwarded.is_none_or(|f| std::str::from_utf8(f).is_ok()) {
        let mut more = forwarded.map(<[u8]>::to_vec).unwrap_or_default();
        if !more.is_empty() {
            more.extend_from_slice(b", ");
        }
        more.extend_from_slice(b"203.0.113.77");
        let appended = client_address(p, Some(&more), &proxies);
        let probe: std::net::IpAddr = [203, 0, 113, 77].into();
        if !is_allowed(&proxies, probe) {
            assert_eq!(appended, Some(probe));
        }
    }
});
