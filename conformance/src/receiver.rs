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

/// `receive`: a receiver's settings — `allow` (`null`: the vendor's
/// addresses), `trusted_proxies`, `secret`, `events_path`, `reports_path`,
/// `advisory_path` (absent or `null`: the default; `""`: the route off),
/// `body_limit` (`null`: 1 MiB) — and a request: `method`, `path` (as on
/// the request line), `query`, `peer`, `forwarded_for`, `content_type`,
/// `content_length` (`null`: none), `body`/`body_hex`; `param_name`: the
/// session's digits parameter for a routing query (the call's step
/// before named it); `fallback` (config): what the PBX hears when the
/// routing handler gives nothing.
pub(crate) fn receive_cases(add: &mut dyn FnMut(&'static str, Json)) {
    let event = "event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid=A000001";
    let report = "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&phone=905321234567&digit=2&status=Başarılı&call_uuid=R1";
    let query = "uuid=a%2Db&cli=05321234567&cld=902120000000&step=2";
    let local = json!({"allow": "127.0.0.1/32"});
    let vendor = "194.49.126.36";
    let post = |path: &str, body: &str| json!({"method": "POST", "path": path, "peer": "127.0.0.1", "body": body});
    let mut cases: Vec<(Json, Json)> = vec![
        // Valid bodies: handed over with their keys, answered 200 OK.
        (local.clone(), post("/events", event)),
        (local.clone(), post("/reports", report)),
        (
            json!({}),
            json!({"method": "POST", "path": "/events", "peer": vendor, "body": event}),
        ),
        // Verification pings.
        (local.clone(), post("/events", "")),
        (local.clone(), post("/reports", " {} ")),
        // Invalid bodies: one 400 shape with every diagnostic.
        (
            local.clone(),
            post(
                "/events",
                "event_type=ringin&direction=sideways&call_uuid=1",
            ),
        ),
        (
            local.clone(),
            post("/reports", "notification_id=x&digit=22"),
        ),
        (
            local.clone(),
            post(
                "/events",
                "call_uuid=%ZZ&event_type=answer&direction=inbound",
            ),
        ),
        // Refused before the body: the allow-list, the route, the method,
        // the size, the media type.
        (json!({}), post("/events", event)),
        (
            json!({"allow": "10.0.0.0/8"}),
            json!({"method": "POST", "path": "/events", "peer": "not-an-address", "body": event}),
        ),
        (local.clone(), post("/nope", event)),
        (local.clone(), post("/events/", event)),
        (
            local.clone(),
            json!({"method": "GET", "path": "/events", "peer": "127.0.0.1"}),
        ),
        (
            local.clone(),
            json!({"method": "post", "path": "/reports", "peer": "127.0.0.1", "body": report}),
        ),
        (local.clone(), post("/advisory", "")),
        (
            json!({"allow": "127.0.0.1/32", "body_limit": 16}),
            post("/events", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "body_limit": 16}),
            json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "content_length": 17}),
        ),
        (
            json!({"allow": "10.0.0.0/8", "body_limit": 16}),
            json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "content_length": 99}),
        ),
        (
            local.clone(),
            json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "content_type": "multipart/form-data; boundary=x", "body": event}),
        ),
        (
            local.clone(),
            json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "content_type": "application/x-www-form-urlencoded; charset=UTF-8", "body": event}),
        ),
        // Behind a trusted proxy: the address it forwarded.
        (
            json!({"trusted_proxies": "127.0.0.1/32"}),
            json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "forwarded_for": vendor, "body": event}),
        ),
        (
            json!({"trusted_proxies": "127.0.0.1/32"}),
            json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "forwarded_for": "evil", "body": event}),
        ),
        (
            json!({}),
            json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "forwarded_for": vendor, "body": event}),
        ),
        // Secrets and paths: escapes of unreserved characters name the
        // same path; `%2F` is not `/`.
        (
            json!({"allow": "127.0.0.1/32", "secret": "s3cr3t"}),
            post("/s3cr3t/events", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "secret": "s3cr3t"}),
            post("/events", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "secret": "s3cr3t"}),
            post("/%73%33cr3t/%65vents", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "secret": "s3cr3t"}),
            post("/s3cr3t%2Fevents", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "secret": "s3cr3t"}),
            post("//s3cr3t/events", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "events_path": "/crm/olaylar"}),
            post("/crm/olaylar", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "events_path": "/crm/olaylar"}),
            post("/events", event),
        ),
        (
            json!({"allow": "127.0.0.1/32", "reports_path": ""}),
            post("/reports", report),
        ),
        // Santral Programlama: handed over with the call's uuid; a bad
        // query (or one read with the session's parameter) is a 400.
        (
            local.clone(),
            json!({"method": "GET", "path": "/advisory", "query": query, "peer": "127.0.0.1"}),
        ),
        (
            local.clone(),
            json!({"method": "GET", "path": "/advisory", "query": format!("{query}&code=12"), "peer": "127.0.0.1", "param_name": "code"}),
        ),
        (
            local.clone(),
            json!({"method": "GET", "path": "/advisory", "query": "cli=x&step=0", "peer": "127.0.0.1"}),
        ),
        (
            local.clone(),
            json!({"method": "GET", "path": "/advisory", "query": format!("{query}&digits=12"), "peer": "127.0.0.1", "param_name": "uuid"}),
        ),
        (
            json!({"allow": "127.0.0.1/32", "advisory_path": ""}),
            json!({"method": "GET", "path": "/advisory", "query": query, "peer": "127.0.0.1"}),
        ),
    ];
    // The routing handler's fallback, configured.
    cases.push((
        json!({"allow": "127.0.0.1/32", "fallback": r#"{"transfer":{"target":"queue/201"}}"#}),
        json!({"method": "GET", "path": "/advisory", "query": query, "peer": "127.0.0.1"}),
    ));
    // Bytes that are not UTF-8 in a body.
    cases.push((local.clone(), json!({"method": "POST", "path": "/events", "peer": "127.0.0.1", "body_hex": "6576656e745f747970653dff"})));
    for (config, request) in cases {
        add("receive", json!({"config": config, "request": request}));
    }
}

/// `advisory_answer`: the handler's `response` (`null`: none or it
/// failed) and the `fallback`.
pub(crate) fn advisory_answer_cases(add: &mut dyn FnMut(&'static str, Json)) {
    let fallback = r#"{"transfer":{"target":"queue/201"}}"#;
    for response in [
        None,
        Some(r#"{"transfer":{"target":"queue/202","recording_enabled":false}}"#),
        Some(
            r#"{"prompt":{"announcement_id":5,"min_digits":1,"max_digits":4,"retry_count":1,"param_name":"siparis"}}"#,
        ),
        Some(
            r#"{"prompt":{"announcement_id":5,"min_digits":1,"max_digits":4,"retry_count":1,"param_name":"uuid"}}"#,
        ),
        Some(r#"{"transfer":{"target":"queue:202"}}"#),
        Some("not json"),
        Some(""),
    ] {
        add(
            "advisory_answer",
            json!({"response": response, "fallback": fallback}),
        );
    }
}

/// `{"status", "content_type", "allow", "body", "handover", "key"}`: what
/// an HTTP client sees when the application's handlers succeed and its
/// routing handler answers nothing (so the `fallback`, default
/// `receiver::DEFAULT_FALLBACK`), and what was handed over (`call-event`,
/// `campaign-report`, `advisory-request` or `null`) with its idempotency key or the
/// call's uuid.
pub(crate) fn receive_outcome(args: &Json) -> Json {
    use santral::receiver::{
        advisory_answer, receive, Answer, Config, Outcome, Request, Route, BODY_LIMIT,
        DEFAULT_FALLBACK,
    };
    let c = &args["config"];
    let r = &args["request"];
    let text = |j: &Json, k: &str| j.get(k).and_then(Json::as_str).map(str::to_owned);
    let allow = list(c, "allow").unwrap_or_else(|| VENDOR_ADDRESSES.to_vec());
    let proxies = list(c, "trusted_proxies").unwrap_or_default();
    let route = |k: &str| match c.get(k).and_then(Json::as_str) {
        Some("") => None,
        Some(p) => Some(p.to_owned()),
        None => Some(format!("/{}", k.trim_end_matches("_path"))),
    };
    let (events, reports, advisory) = (
        route("events_path"),
        route("reports_path"),
        route("advisory_path"),
    );
    let secret = text(c, "secret");
    let fallback = text(c, "fallback").unwrap_or_else(|| DEFAULT_FALLBACK.to_owned());
    let config = Config {
        allow: &allow,
        trusted_proxies: &proxies,
        secret: secret.as_deref(),
        events_path: events.as_deref(),
        reports_path: reports.as_deref(),
        advisory_path: advisory.as_deref(),
        body_limit: c
            .get("body_limit")
            .and_then(Json::as_u64)
            .map_or(BODY_LIMIT, |n| n as usize),
    };
    let body = match (text(r, "body"), text(r, "body_hex")) {
        (Some(b), _) => b.into_bytes(),
        (None, Some(hex)) => crate::input_bytes(&json!({ "input_hex": hex })),
        _ => Vec::new(),
    };
    let (method, path, query, peer) = (
        text(r, "method").unwrap_or_default(),
        text(r, "path").unwrap_or_default(),
        text(r, "query").unwrap_or_default(),
        text(r, "peer").unwrap_or_default(),
    );
    let (forwarded, content_type) = (text(r, "forwarded_for"), text(r, "content_type"));
    let request = Request {
        method: &method,
        path: path.as_bytes(),
        query: query.as_bytes(),
        peer: &peer,
        forwarded_for: forwarded.as_deref().map(str::as_bytes),
        content_type: content_type.as_deref().map(str::as_bytes),
        content_length: r.get("content_length").and_then(Json::as_u64),
        body: &body,
    };
    let param = text(r, "param_name");
    let (a, handover, key) = match receive(&config, &request).outcome {
        Outcome::Answer(a) => (a, None, None),
        Outcome::CallEvent(e) => (
            Answer::Ok,
            Some(Route::Events.handover()),
            Some(e.idempotency_key().to_string()),
        ),
        Outcome::CampaignReport(e) => (
            Answer::Ok,
            Some(Route::Reports.handover()),
            Some(e.idempotency_key().to_string()),
        ),
        Outcome::Advisory(q) => {
            let uuid = q.uuid().map(|u| {
                let mut buf = vec![0u8; u.raw().len()];
                u.decode_into(&mut buf).unwrap_or_default().to_owned()
            });
            match q.read(param.as_deref()) {
                Err(refusal) => (refusal, None, None),
                Ok(_) => (
                    advisory_answer(None, &fallback).answer,
                    Some(Route::Advisory.handover()),
                    uuid,
                ),
            }
        }
    };
    json!({"status": a.status(), "content_type": a.content_type(), "allow": a.allow(),
        "body": a.body().to_string(), "handover": handover, "key": key})
}

/// `{"status", "content_type", "body", "param_name", "fell_back"}`.
pub(crate) fn advisory_answer_outcome(args: &Json) -> Json {
    let response = args.get("response").and_then(Json::as_str);
    let fallback = args.get("fallback").and_then(Json::as_str).unwrap_or("");
    let a = santral::receiver::advisory_answer(response, fallback);
    json!({
        "status": a.answer.status(),
        "content_type": a.answer.content_type(),
        "body": a.answer.body().to_string(),
        "param_name": a.param_name(),
        "fell_back": a.fell_back,
    })
}
