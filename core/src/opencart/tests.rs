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
        parse_reply(b"[[{\"order_id\":1},{\"order_id\":2}]]", &mut sink),
        Some(Reply::Orders(2))
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
