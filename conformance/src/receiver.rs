//! Vectors for what every receiving face (the gateway, the Python kit,
//! the PHP handler, C) takes from the core: the transport check — the
//! client behind the peer and trusted proxies, and whether it is allowed
//! (`santral::net::admit`) — and the fields a valid form hands its
//! callback (`santral::check::write_form_fields_json`).

use serde_json::{json, Value as Json};

use santral::net::{admit, blocks, Cidr, VENDOR_ADDRESSES};

/// `client_address`: `peer`; `forwarded_for` (every `X-Forwarded-For`
/// line joined by `", "`) or `forwarded_for_hex` (bytes that are not
/// UTF-8) or neither (no header); `allow` (comma-separated blocks, `null`:
/// the vendor's addresses); `trusted_proxies` (`null`: none).
pub(crate) fn cases(add: &mut dyn FnMut(&'static str, Json)) {
    let proxy = "127.0.0.1/32";
    let chain = "10.0.0.0/8, ::1";
    let local = "127.0.0.1/32";
    // (peer, forwarded_for, allow, trusted_proxies)
    type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let cases: &[Case<'_>] = &[
        // From an untrusted peer the header never counts.
        ("203.0.113.7", Some("194.49.126.36"), None, Some(chain)),
        ("194.49.126.36", None, None, None),
        ("194.49.126.37", None, None, None),
        ("203.0.113.7", Some("194.49.126.36"), None, None),
        // Behind one trusted proxy: the address it appended.
        ("127.0.0.1", Some("194.49.126.36"), None, Some(proxy)),
        ("127.0.0.1", None, None, Some(proxy)),
        // HAProxy appends its own line after the client's claim: the
        // last entry is what the proxy saw.
        (
            "127.0.0.1",
            Some("194.49.126.36, 127.0.0.2"),
            None,
            Some(proxy),
        ),
        (
            "127.0.0.1",
            Some("194.49.126.36, 203.0.113.9"),
            Some(local),
            Some(proxy),
        ),
        // A chain of trusted proxies: the right-most untrusted entry;
        // forged entries left of it never reached.
        (
            "10.0.0.1",
            Some("1.1.1.1, 194.49.126.36, 10.0.0.2"),
            None,
            Some(chain),
        ),
        ("10.0.0.1", Some("evil, 194.49.126.36"), None, Some(chain)),
        (
            "::1",
            Some("194.49.126.45,10.9.9.9,  10.0.0.3"),
            None,
            Some(chain),
        ),
        (
            "10.0.0.1",
            Some("10.0.0.3, 10.0.0.2"),
            Some("10.0.0.0/8"),
            Some(chain),
        ),
        (
            "::1",
            Some("2001:db8::5"),
            Some("2001:db8::/32"),
            Some(chain),
        ),
        // Fail closed: what a trusted proxy forwards must be an address
        // where the walk needs one.
        ("10.0.0.1", Some("194.49.126.36, evil"), None, Some(chain)),
        ("10.0.0.1", Some(""), None, Some(chain)),
        ("10.0.0.1", Some("194.49.126.36, "), None, Some(chain)),
        ("10.0.0.1", Some("194.49.126.36:443"), None, Some(chain)),
        ("10.0.0.1", Some("unknown"), None, Some(chain)),
        // IPv4-mapped IPv6: the IPv4 address it maps, as peer and entry.
        ("::ffff:127.0.0.1", None, Some(local), None),
        (
            "::ffff:127.0.0.1",
            Some("::ffff:194.49.126.36"),
            None,
            Some(proxy),
        ),
        (
            "[::ffff:10.0.0.1]:40000",
            Some("194.49.126.18"),
            None,
            Some(chain),
        ),
        // Peers in the forms servers give them.
        ("127.0.0.1:5000", None, Some(local), None),
        ("[::1]:8080", None, Some("::1"), None),
        (" 194.49.126.46 ", None, None, None),
        ("/run/php-fpm.sock", None, None, None),
        ("", None, None, None),
        ("localhost", None, Some(local), None),
    ];
    for (peer, forwarded, allow, proxies) in cases {
        add(
            "client_address",
            json!({
                "peer": peer,
                "forwarded_for": forwarded,
                "allow": allow,
                "trusted_proxies": proxies,
            }),
        );
    }
    // Bytes that are not UTF-8 from a trusted proxy: unknown; from anyone
    // else: ignored.
    for (peer, hex) in [("127.0.0.1", "80"), ("203.0.113.7", "ff")] {
        add(
            "client_address",
            json!({"peer": peer, "forwarded_for_hex": hex, "allow": null, "trusted_proxies": proxy}),
        );
    }
}

/// `form_fields`: `kind`, `input`/`input_hex`.
pub(crate) fn form_cases(add: &mut dyn FnMut(&'static str, Json)) {
    let event = "event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid=A000001&queue=Destek+%C3%87a%C4%9Fr%C4%B1";
    for (kind, input) in [
        ("call-event", event.to_string()),
        // PHP's parse_str() would rename these to caller_id_number and make
        // call_uuid an array: santral's reading has neither.
        (
            "call-event",
            format!("{event}&caller.id_number=%27%3B+DROP&caller+id_number=x&call_uuid%5B%5D=y&extra=1"),
        ),
        ("call-event", "call_uuid=a%2Bb+c&event_type=hangup&answered=".to_string()),
        ("call-event", String::new()),
        (
            "campaign-report",
            "notification_id=5&digit=&phone=905321234567&status=Ba%C5%9Far%C4%B1l%C4%B1&ivr.campaign_id=8".to_string(),
        ),
        ("campaign", "{}".to_string()),
    ] {
        add("form_fields", json!({"kind": kind, "input": input}));
    }
}

/// `{"fields": {…}}`, or `{"argument_error": "kind"}` for a kind that is
/// not a form.
pub(crate) fn form_outcome(args: &Json) -> Json {
    let kind = args
        .get("kind")
        .and_then(Json::as_str)
        .and_then(santral::check::Kind::from_wire);
    let mut text = String::new();
    match kind
        .map(|k| santral::check::write_form_fields_json(k, &crate::input_bytes(args), &mut text))
    {
        Some(Ok(true)) => {
            json!({ "fields": serde_json::from_str::<Json>(&text).unwrap_or(Json::Null) })
        }
        _ => json!({"argument_error": "kind"}),
    }
}

fn list(args: &Json, key: &str) -> Option<Vec<Cidr>> {
    args.get(key)
        .and_then(Json::as_str)
        .map(|l| blocks(l).filter_map(Result::ok).collect())
}

/// `{"client": text or null, "allowed": bool}`.
pub(crate) fn outcome(args: &Json) -> Json {
    let peer = args.get("peer").and_then(Json::as_str).unwrap_or("");
    let forwarded: Option<Vec<u8>> = match (
        args.get("forwarded_for").and_then(Json::as_str),
        args.get("forwarded_for_hex").and_then(Json::as_str),
    ) {
        (Some(text), _) => Some(text.as_bytes().to_vec()),
        (None, Some(hex)) => Some(crate::input_bytes(&json!({ "input_hex": hex }))),
        (None, None) => None,
    };
    let allow = list(args, "allow").unwrap_or_else(|| VENDOR_ADDRESSES.to_vec());
    let proxies = list(args, "trusted_proxies").unwrap_or_default();
    let a = admit(peer, forwarded.as_deref(), &allow, &proxies);
    json!({
        "client": a.client.map(|c| c.to_string()),
        "allowed": a.allowed,
    })
}
