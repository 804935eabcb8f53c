use super::*;
use crate::diag::Collector;

fn request(q: &str) -> (Option<Request>, Vec<(String, String)>) {
    let mut sink: Collector<8> = Collector::new();
    let r = parse_request(q.as_bytes(), &mut sink);
    (
        r,
        sink.diagnostics()
            .iter()
            .map(|d| (d.code.id().to_string(), d.path.to_string()))
            .collect(),
    )
}

#[test]
fn the_three_routes() {
    let (r, d) = request(
        "route=api/verimor/get_order_by_telephone_number&telephone=05321234567&api_token=abc",
    );
    assert!(d.is_empty());
    assert!(
        matches!(r, Some(Request::GetOrderByTelephone { telephone }) if telephone.match_key().as_str() == "5321234567")
    );
    let (r, _) = request("route=api/verimor/update_order_status&order_id=42&status=2");
    assert_eq!(
        r,
        Some(Request::UpdateOrderStatus {
            order_id: Id::new(42).unwrap(),
            status: Status::Known(OrderStatus::Hazirlaniyor)
        })
    );
    let (r, d) = request("route=update_order_status&order_id=42&status=21");
    assert_eq!(
        r,
        Some(Request::UpdateOrderStatus {
            order_id: Id::new(42).unwrap(),
            status: Status::Custom(21)
        })
    );
    assert_eq!(
        d,
        [("opencart.unknown_status".to_string(), "status".to_string())]
    );
    let (r, d) = request("route=api/verimor/list_orders&date_added=2024-01-31+00%3A00%3A00");
    assert!(d.is_empty(), "{d:?}");
    assert!(
        matches!(r, Some(Request::ListOrders { date_added }) if date_added.to_string() == "2024-01-31 00:00:00")
    );
}

#[test]
fn injection_attempts_are_rejected_with_their_place() {
    let (r, d) = request(
        "route=api/verimor/get_order_by_telephone_number&telephone=1%27%20OR%20%271%27%3D%271",
    );
    assert!(r.is_none());
    assert_eq!(
        d,
        [(
            "phone.invalid_character".to_string(),
            "telephone".to_string()
        )]
    );
    let (r, d) = request(
        "route=api/verimor/list_orders&date_added=2024-01-31 00:00:00'; DROP TABLE oc_order;--",
    );
    assert!(r.is_none());
    assert_eq!(d[0].0, "timestamp.syntax");
    let (_, d) = request("route=api/verimor/list_orders&date_added=2024-01-31 00:00:00 UTC");
    assert_eq!(d[0].0, "opencart.date_added_zone");
    let (r, d) = request("route=api/verimor/update_order_status&order_id=0 OR 1=1&status=x");
    assert!(r.is_none());
    assert_eq!(
        d,
        [
            ("id.invalid".to_string(), "order_id".to_string()),
            ("id.invalid".into(), "status".into())
        ]
    );
    let (_, d) = request("route=api/verimor/update_order_status");
    assert_eq!(
        d,
        [
            ("form.missing_field".to_string(), "order_id".to_string()),
            ("form.missing_field".into(), "status".into())
        ]
    );
    let (_, d) = request("route=api/verimor/list_order");
    assert_eq!(
        d,
        [("opencart.unknown_route".to_string(), "route".to_string())]
    );
    let (_, d) = request("telephone=1");
    assert_eq!(d, [("form.missing_field".to_string(), "route".to_string())]);
}

#[test]
fn replies() {
    let mut sink: Collector<8> = Collector::new();
    let order = br#"{"order":{"order_id":"12","telephone":"0532 123 45 67","payment_method":"Kap\u0131da \u00d6deme","order_status_id":"1","total":"10.00"},"status":"success"}"#;
    let Some(Reply::Order(o)) = parse_reply(order, &mut sink) else {
        panic!("{:?}", sink.diagnostics())
    };
    assert_eq!((o.order_id, o.order_status_id), (Some(12), Some(1)));
    let mut buf = [0u8; 64];
    let method = o.payment_method.unwrap().decode_into(&mut buf).unwrap();
    assert!(needs_confirmation_call(1, method));
    assert_eq!(
        parse_reply(br#"{"status":"not found"}"#, &mut sink),
        Some(Reply::NotFound)
    );
    assert_eq!(
        parse_reply(br#"{"order":null}"#, &mut sink),
        Some(Reply::Updated)
    );
    assert!(matches!(
        parse_reply(br#"{"error":"Uyar\u0131"}"#, &mut sink),
        Some(Reply::Error(Some(_)))
    ));
    assert!(
        matches!(parse_reply(br#"{"error":{"warning":"Yetkisiz"}}"#, &mut sink), Some(Reply::Error(Some(m))) if m.eq_str("Yetkisiz"))
    );
    assert_eq!(
        parse_reply(
            br#"[[{"order_id":1,"telephone":"05321234567"},{"order_id":"2","telephone":"+90 533 497 97 14","total":"9.90"}]]"#,
            &mut sink
        ),
        Some(Reply::Orders {
            listed: 2,
            to_call: 2
        })
    );
    assert_eq!(parse_reply(b"[false]", &mut sink), Some(Reply::NoOrders));
    assert!(sink.diagnostics().is_empty());
    assert_eq!(parse_reply(b"[true]", &mut sink), None);
    assert_eq!(parse_reply(br#"{"status":"ok"}"#, &mut sink), None);
    assert!(sink
        .diagnostics()
        .iter()
        .all(|d| d.code == Code::OpencartReply));
}

#[test]
fn status_table_and_cash_on_delivery() {
    assert_eq!(OrderStatus::ALL.len(), 14);
    assert_eq!(
        OrderStatus::from_id(7).map(OrderStatus::name_tr),
        Some("İptal Edildi")
    );
    assert_eq!(OrderStatus::from_id(4), None);
    for m in CASH_ON_DELIVERY {
        assert!(is_cash_on_delivery(m));
    }
    assert!(!is_cash_on_delivery("Kredi Kartı"));
    assert!(!needs_confirmation_call(2, "Kapıda Ödeme"));
    assert_eq!(status_after_call(true).id(), 2);
    assert_eq!(status_after_call(false).id(), 7);
}

#[test]
fn allow_list() {
    for ip in [
        "194.49.126.36",
        "194.49.126.45",
        "194.49.126.46",
        "194.49.126.18",
        "::ffff:194.49.126.18",
    ] {
        assert!(is_allowed(&VENDOR_ADDRESSES, ip.parse().unwrap()), "{ip}");
    }
    assert!(!is_allowed(
        &VENDOR_ADDRESSES,
        "194.49.126.37".parse().unwrap()
    ));
    let block = Cidr::parse("194.49.126.0/24").unwrap();
    assert!(block.contains("194.49.126.200".parse().unwrap()));
    assert!(!block.contains("194.49.127.1".parse().unwrap()));
    let v6 = Cidr::parse("2001:db8::/32").unwrap();
    assert!(v6.contains("2001:db8:1::5".parse().unwrap()));
    assert!(!v6.contains("194.49.126.36".parse().unwrap()));
    assert!(Cidr::parse("0.0.0.0/0")
        .unwrap()
        .contains("8.8.8.8".parse().unwrap()));
    for bad in [
        "194.49.126.36/33",
        "2001:db8::/129",
        "x",
        "1.2.3.4/",
        "1.2.3.4/-1",
        "1.2.3.4/1x",
    ] {
        assert_eq!(
            Cidr::parse(bad).unwrap_err().code,
            Code::OpencartCidr,
            "{bad}"
        );
    }
    assert_eq!(VENDOR_ADDRESSES[0].to_string(), "194.49.126.36/32");
}

fn codes_and_paths(sink: &Collector<16>) -> Vec<(String, String)> {
    sink.diagnostics()
        .iter()
        .map(|d| (d.code.id().to_string(), d.path.to_string()))
        .collect()
}

#[test]
fn a_listed_order_the_pbx_cannot_or_should_not_call_is_reported_at_its_path() {
    let mut sink: Collector<16> = Collector::new();
    let body = br#"[[
        {"order_id":"1","telephone":"0533 497 97 14","payment_method":"Kap\u0131da \u00d6deme","order_status_id":"1"},
        {"order_id":"0","telephone":"05321234567"},
        {"order_id":"3"},
        {"order_id":"4","telephone":"yok"},
        {"order_id":"5","telephone":"05321234567","payment_method":"Kredi Kart\u0131"},
        {"order_id":"6","telephone":"05321234567","order_status_id":"2"},
        {"order_id":"7","telephone":"05321234567","order_status_id":"x"},
        "stray"
    ]]"#;
    let mut seen = Vec::new();
    let r = read_reply(body, &mut sink, |l| {
        seen.push((l.index, l.order.order_id, l.call))
    });
    assert_eq!(r, None);
    assert_eq!(
        codes_and_paths(&sink),
        [
            ("opencart.order_id", "[0][1].order_id"),
            ("json.missing_field", "[0][2].telephone"),
            ("opencart.order_phone", "[0][3].telephone"),
            ("opencart.not_pending", "[0][4].payment_method"),
            ("opencart.not_pending", "[0][5].order_status_id"),
            ("opencart.order_status_id", "[0][6].order_status_id"),
            ("opencart.reply", "[0][7]"),
        ]
        .map(|(c, p)| (c.to_string(), p.to_string()))
    );
    // Every order reached the caller; only the first may be called.
    assert_eq!(
        seen,
        [
            (0, Some(1), true),
            (1, None, false),
            (2, Some(3), false),
            (3, Some(4), false),
            (4, Some(5), false),
            (5, Some(6), false),
            (6, Some(7), false),
        ]
    );
}

#[test]
fn a_login_reply_and_which_replies_answer_which_request() {
    let mut sink: Collector<16> = Collector::new();
    let v3 = br#"{"success":"Success: API session successfully started!","api_token":"a1b2c3"}"#;
    assert!(matches!(parse_reply(v3, &mut sink), Some(Reply::LoggedIn(t)) if t.eq_str("a1b2c3")));
    let v2 = br#"{"success":"ok","token":"zz"}"#;
    assert!(matches!(parse_reply(v2, &mut sink), Some(Reply::LoggedIn(t)) if t.eq_str("zz")));
    let refused = br#"{"error":{"key":"Warning: Incorrect API Key!"}}"#;
    assert!(matches!(
        parse_reply(refused, &mut sink),
        Some(Reply::Error(Some(_)))
    ));
    assert!(sink.diagnostics().is_empty());

    let lookup = Exchange::Route(Route::GetOrderByTelephoneNumber);
    let update = Exchange::Route(Route::UpdateOrderStatus);
    let list = Exchange::Route(Route::ListOrders);
    assert!(Reply::NotFound.answers(lookup) && !Reply::NotFound.answers(list));
    assert!(Reply::Updated.answers(update) && !Reply::Updated.answers(lookup));
    assert!(Reply::NoOrders.answers(list) && !Reply::NoOrders.answers(update));
    assert!(Reply::Error(None).answers(Exchange::Login) && Reply::Error(None).answers(list));
    assert!(!Reply::NoOrders.answers(Exchange::Login));
    assert_eq!(read_reply_to(lookup, b"[false]", &mut sink, |_| {}), None);
    assert_eq!(
        codes_and_paths(&sink),
        [("opencart.reply_for_route".to_string(), String::new())]
    );
    assert_eq!(sink.diagnostics()[0].span, Span::new(0, 7));
}

#[test]
fn every_request_the_pbx_builds_is_one_the_shop_side_accepts() {
    use crate::time::Timestamp;
    let base = "https://ma\u{11f}azaadresim.com/";
    let phone = Phone::parse_lenient("+90 533 497 97 14").unwrap();
    let requests = [
        Request::GetOrderByTelephone { telephone: phone },
        Request::UpdateOrderStatus {
            order_id: Id::parse("42").unwrap(),
            status: Status::Known(OrderStatus::Hazirlaniyor),
        },
        Request::ListOrders {
            date_added: Timestamp::parse("2026-12-01 00:00:00").unwrap(),
        },
    ];
    for version in [Version::V2, Version::V3] {
        for request in requests {
            let call = Call::Route {
                token: "t&k",
                request,
            };
            let url = call.url(base, version).to_string();
            let query = url.split_once('?').unwrap().1;
            let mut sink: Collector<4> = Collector::new();
            assert_eq!(
                parse_request(query.as_bytes(), &mut sink),
                Some(request),
                "{url}"
            );
            let token = format!("&{}=t%26k", version.token_param());
            assert!(query.ends_with(&token), "{url}");
            let logged = call.redacted_url(base, version).to_string();
            assert!(
                !logged.contains("t%26k") && logged.ends_with("=\u{2026}"),
                "{logged}"
            );
            assert_eq!(call.method(), crate::net::Method::Get);
            assert_eq!(call.body().to_string(), "");
        }
    }
    let login = Call::Login { key: "k=1 2" };
    assert_eq!(
        login.url(base, Version::V2).to_string(),
        "https://ma\u{11f}azaadresim.com/index.php?route=api/login"
    );
    assert_eq!(
        login.body().to_string(),
        "username=bulutsantralim&key=k%3D1%202"
    );
    assert_eq!(login.exchange(), Exchange::Login);
    // The lookup sends the shortest form, which the plugin's suffix match finds.
    let lookup = Call::Route {
        token: "t",
        request: requests[0],
    }
    .url(base, Version::V3)
    .to_string();
    assert!(lookup.contains("&telephone=5334979714&"), "{lookup}");
}

#[test]
fn a_decision_moves_the_order_and_no_decision_is_retried_until_the_attempts_are_spent() {
    use CallOutcome::*;
    assert_eq!(
        next_step(Confirmed, 1, 3),
        Next::SetStatus(OrderStatus::Hazirlaniyor)
    );
    assert_eq!(
        next_step(Cancelled, 3, 3),
        Next::SetStatus(OrderStatus::IptalEdildi)
    );
    assert_eq!(next_step(NoAnswer, 1, 3), Next::CallAgain);
    assert_eq!(next_step(InvalidKey, 2, 3), Next::CallAgain);
    assert_eq!(next_step(NoAnswer, 3, 3), Next::GiveUp);
    assert_eq!(next_step(InvalidKey, 1, 1), Next::GiveUp);
    assert_eq!(
        CallOutcome::NAMES,
        ["confirmed", "cancelled", "no_answer", "invalid_key"]
    );
}

#[test]
fn a_status_beyond_32_bits_is_an_error_not_a_silent_refusal() {
    // Found by the fuzzer: the request was refused with only the
    // unknown-status warning, so its verdict and its errors disagreed.
    let mut sink: Collector<16> = Collector::new();
    let q = b"route=api/verimor/update_order_status&order_id=42&status=2000000000000000";
    assert!(parse_request(q, &mut sink).is_none());
    assert_eq!(
        codes_and_paths(&sink),
        [("opencart.order_status_id".to_string(), "status".to_string())]
    );
    let mut sink: Collector<16> = Collector::new();
    let q = b"route=api/verimor/update_order_status&order_id=42&status=4294967295";
    assert!(
        parse_request(q, &mut sink).is_some(),
        "the largest 32-bit id is a custom status"
    );
    assert_eq!(codes_and_paths(&sink)[0].0, "opencart.unknown_status");
}
