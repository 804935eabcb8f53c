use super::incoming::{read as receive, Context, Refusal};
use super::*;
use crate::cdr::Query;
use crate::diag::{Code, Collector};
use crate::lexical::Extension;
use crate::phone::Phone;
use crate::response::{classify, Expect, Failure};

const KEY: &str = "K12345678-1234-5678-4321-123456789012";
const QUEUE: &str = include_str!("../../tests/vendor/campaign_queue_seed004.json");
const IVR: &str = include_str!("../../tests/vendor/campaign_ivr_seed004.json");
const CRM: &str = include_str!("../../tests/vendor/crm_settings.json");
const LIST: &str = include_str!("../../tests/vendor/cdr_list.json");
const DETAIL: &str = include_str!("../../tests/vendor/cdr_detail.json");

fn line(r: &Request<'_>) -> String {
    format!("{} {BASE_URL}{}", r.method(), r.target())
}

fn uuid() -> CallUuid<'static> {
    CallUuid::parse("5cfdfb46-776c-11e7-8375-0d58348796d3").unwrap()
}

/// Every request of the vendor's pages, as the pages write it.
fn vendor_requests() -> Vec<(Request<'static>, &'static str, &'static str)> {
    let id = Id::new(112).unwrap();
    vec![
        (
            Request::CreateCampaign { body: QUEUE },
            "POST https://api.bulutsantralim.com/ivr_campaigns.json",
            QUEUE,
        ),
        (
            Request::DeleteCampaign { key: KEY, id },
            "DELETE https://api.bulutsantralim.com/ivr_campaigns/112?key=K12345678-1234-5678-4321-123456789012",
            "",
        ),
        (
            Request::SetCampaignStatus { key: KEY, id, status: OnOff::Off },
            "PATCH https://api.bulutsantralim.com/ivr_campaigns/112",
            "key=K12345678-1234-5678-4321-123456789012&status=off",
        ),
        (
            Request::GetCrmSettings { key: KEY },
            "GET https://api.bulutsantralim.com/crm_integrations?key=K12345678-1234-5678-4321-123456789012",
            "",
        ),
        (
            Request::UpdateCrmSettings(crm::Update {
                key: KEY,
                ringing: Some(OnOff::On),
                answered: Some(OnOff::On),
                hangup: Some(OnOff::Off),
                notification_url: "https://siteadresi.com/events",
            }),
            "POST https://api.bulutsantralim.com/crm_integrations",
            "key=K12345678-1234-5678-4321-123456789012&ringing=on&answered=on&hangup=off&notification_url=https://siteadresi.com/events",
        ),
        (
            Request::Originate(Originate::new(
                KEY,
                Extension::parse("1001").unwrap(),
                Phone::parse("908505320000").unwrap(),
            )),
            "GET https://api.bulutsantralim.com/originate?key=K12345678-1234-5678-4321-123456789012&extension=1001&destination=908505320000",
            "",
        ),
        (
            Request::ListCdrs(Query::new(KEY)),
            "GET https://api.bulutsantralim.com/cdrs?key=K12345678-1234-5678-4321-123456789012",
            "",
        ),
        (
            Request::GetCdr { key: KEY, call_uuid: uuid() },
            "GET https://api.bulutsantralim.com/cdrs/5cfdfb46-776c-11e7-8375-0d58348796d3?key=K12345678-1234-5678-4321-123456789012",
            "",
        ),
    ]
}

#[test]
fn vendor_requests_byte_for_byte() {
    let all = vendor_requests();
    // The eight typed requests; the other operations' examples are in
    // core/tests/api_operations.rs.
    assert_eq!(all.len(), 8);
    for (r, want_line, want_body) in &all {
        assert_eq!(line(r), *want_line, "{}", r.operation());
        assert_eq!(r.body().to_string(), *want_body, "{}", r.operation());
        assert_eq!(r.content_type().is_some(), !want_body.is_empty());
        let mut sink: Collector<8> = Collector::new();
        assert!(
            r.check(&mut sink),
            "{}: {:?}",
            r.operation(),
            sink.diagnostics()
        );
    }
    // The ivr page's sample lacks a comma: check() finds it.
    let mut sink: Collector<8> = Collector::new();
    assert!(!Request::CreateCampaign { body: IVR }.check(&mut sink));
    assert!(sink.has(Code::JsonExpectedComma));
}

#[test]
fn keys_are_percent_encoded_wherever_they_go() {
    let id = Id::new(112).unwrap();
    let key = "a+b c&d";
    let delete = Request::DeleteCampaign { key, id };
    assert_eq!(
        delete.target().to_string(),
        "/ivr_campaigns/112?key=a%2Bb%20c%26d"
    );
    let stop = Request::SetCampaignStatus {
        key,
        id,
        status: OnOff::On,
    };
    assert_eq!(stop.body().to_string(), "key=a%2Bb%20c%26d&status=on");
    let detail = Request::GetCdr {
        key,
        call_uuid: uuid(),
    };
    assert!(detail.target().to_string().ends_with("?key=a%2Bb%20c%26d"));
}

#[test]
fn vendor_replies() {
    let mut sink: Collector<16> = Collector::new();
    let all = vendor_requests();
    let by = |op: Operation| all.iter().find(|(r, _, _)| r.operation() == op).unwrap().0;
    let create = by(Operation::CreateCampaign);
    assert_eq!(
        create.read_reply(200, b"20212", &mut sink),
        Ok(Success::CampaignCreated(Id::new(20212).unwrap()))
    );
    assert_eq!(
        create.read_reply(400, b"name can't be blank", &mut sink),
        Err(Failure::NameBlank)
    );
    assert_eq!(
        create.read_reply(400, b"INVALID_JSON", &mut sink),
        Err(Failure::InvalidJson)
    );
    for op in [Operation::DeleteCampaign, Operation::SetCampaignStatus] {
        assert_eq!(by(op).read_reply(200, b"OK", &mut sink), Ok(Success::Ok));
        assert_eq!(
            by(op).read_reply(400, b"Cannot find ivr_campaign with ID 112", &mut sink),
            Err(Failure::CampaignNotFound { id: "112" })
        );
    }
    match by(Operation::GetCrmSettings).read_reply(200, CRM.as_bytes(), &mut sink) {
        Ok(Success::CrmSettings(s)) => {
            assert!(s.notification_url.eq_str("https://siteadresi.com/events"))
        }
        other => panic!("{other:?}"),
    }
    let invalid_key = format!("Gecersiz anahtar: {KEY}");
    for op in [
        Operation::GetCrmSettings,
        Operation::UpdateCrmSettings,
        Operation::ListCdrs,
    ] {
        assert_eq!(
            by(op).read_reply(400, invalid_key.as_bytes(), &mut sink),
            Err(Failure::InvalidKey { key: KEY })
        );
    }
    assert_eq!(
        by(Operation::UpdateCrmSettings).read_reply(200, b"Ok", &mut sink),
        Ok(Success::Ok)
    );
    let originate = by(Operation::Originate);
    assert!(matches!(
        originate.read_reply(200, b"358c20bc-fd86-11e5-87a2-157d41a07454 \n", &mut sink),
        Ok(Success::CallStarted(u)) if u.as_str() == "358c20bc-fd86-11e5-87a2-157d41a07454"
    ));
    assert_eq!(
        originate.read_reply(400, b"extension 1005 not found", &mut sink),
        Err(Failure::ExtensionNotFound { extension: "1005" })
    );
    match by(Operation::ListCdrs).read_reply(200, LIST.as_bytes(), &mut sink) {
        Ok(Success::Cdrs(page)) => {
            let mut n = 0;
            let summary = page.read(&mut sink, |_| {
                n += 1;
                core::ops::ControlFlow::Continue(())
            });
            assert_eq!(
                (n, summary.pagination.map(|p| p.total_count)),
                (1, Some(25))
            );
        }
        other => panic!("{other:?}"),
    }
    let detail = by(Operation::GetCdr);
    match detail.read_reply(200, DETAIL.as_bytes(), &mut sink) {
        Ok(Success::Cdr(d)) => {
            let mut steps = 0;
            let record = d.read(&mut sink, |_| steps += 1).unwrap();
            assert_eq!(
                (steps, record.call_uuid.and_then(|u| u.as_str())),
                (2, Some("5cfdfb46-776c-11e7-8375-0d58348796d3"))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        detail.read_reply(
            404,
            b"cannot find call with call_uuid 5cfdfb46-776c-11e7-8375-0d58348796d3 \n",
            &mut sink
        ),
        Err(Failure::CallNotFound {
            uuid: "5cfdfb46-776c-11e7-8375-0d58348796d3"
        })
    );
    // Whatever the operation: 429, a 5xx, a body of the wrong kind.
    for (r, _, _) in &all {
        assert_eq!(r.read_reply(429, b"", &mut sink), Err(Failure::RateLimited));
        let e = r.read_reply(502, b"Bad Gateway", &mut sink).unwrap_err();
        assert!(e.is_transient() && e.code() == Code::ResponseUnexpected);
        assert!(matches!(
            r.read_reply(200, b"\xff\xfe", &mut sink),
            Err(Failure::Other { status: 200, .. })
        ));
    }
    assert!(matches!(
        create.read_reply(200, b"OK", &mut sink),
        Err(Failure::Other { .. })
    ));
}

#[test]
fn the_key_never_reaches_a_log_line() {
    let mut all = vendor_requests();
    let cdrs = Query {
        caller_id_number: Some("+905321234567"),
        limit: Some(20),
        ..Query::new(KEY)
    };
    all.push((Request::ListCdrs(cdrs), "", ""));
    for (r, _, _) in &all {
        let log = r.redacted().to_string();
        assert!(!log.contains("5678-4321"), "{log}");
        assert!(log.starts_with(r.method().as_str()), "{log}");
        if r.target().to_string().contains("key=") {
            assert!(log.contains("key=K1234…9012"), "{log}");
        }
    }
    assert_eq!(
        Request::ListCdrs(cdrs).redacted().to_string(),
        "GET /cdrs?key=K1234…9012&caller_id_number=%2B905321234567&limit=20"
    );
    // Raw targets as received: every key parameter, wherever it is.
    assert_eq!(
        redact_target("/x?key=K12345678-1234-5678-4321-123456789012&key=abc&monkey=1&key=")
            .to_string(),
        "/x?key=K1234…9012&key=…&monkey=1&key=…"
    );
    let long = format!("/x?key={}&a=1", "K".repeat(200));
    assert_eq!(redact_target(&long).to_string(), "/x?key=…&a=1");
}

fn ctx() -> Context<'static> {
    Context {
        today: None,
        is_key: &|k: &str| k == KEY,
        on_campaign: None,
    }
}

#[test]
fn the_pbx_reads_every_vendor_request_back() {
    for (r, _, _) in vendor_requests() {
        let target = r.target().to_string();
        let body = r.body().to_string();
        let mut buf = [0u8; 512];
        let mut sink: Collector<16> = Collector::new();
        let got = receive(
            r.method().as_str(),
            &target,
            body.as_bytes(),
            &mut buf,
            &ctx(),
            &mut sink,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", r.operation()));
        assert_eq!(got.operation(), r.operation());
        assert_eq!(got.target().to_string(), target);
        assert_eq!(got.body().to_string(), body);
    }
}

/// Issue 33: a PBX reads a created campaign once — the reader hands it
/// each valid lead and, once accepted, the campaign's values.
#[test]
fn a_created_campaign_is_read_once_and_handed_over() {
    use crate::api::incoming::CampaignReader;
    use core::cell::Cell;
    struct Count {
        leads: Cell<u32>,
        accepted: Cell<u32>,
        retries: Cell<Option<u64>>,
    }
    impl CampaignReader for Count {
        fn lead(&self, _: u32, _: Phone) {
            self.leads.set(self.leads.get() + 1);
        }
        fn accepted(&self, c: &crate::campaign::Campaign<'_>) {
            self.accepted.set(self.accepted.get() + 1);
            self.retries.set(c.call_retries);
        }
    }
    for (accepted, body) in [(1, QUEUE), (0, "{\"key\":\"nope\"}")] {
        let count = Count {
            leads: Cell::new(0),
            accepted: Cell::new(0),
            retries: Cell::new(None),
        };
        let ctx = Context {
            on_campaign: Some(&count),
            ..ctx()
        };
        let mut buf = [0u8; 512];
        let mut sink: Collector<16> = Collector::new();
        let got = receive(
            "POST",
            "/ivr_campaigns.json",
            body.as_bytes(),
            &mut buf,
            &ctx,
            &mut sink,
        );
        assert_eq!(got.is_ok(), accepted == 1);
        assert_eq!(count.accepted.get(), accepted);
        if accepted == 1 {
            let leads = QUEUE.matches("\"phone\"").count() as u32;
            assert_eq!(count.leads.get(), leads, "each lead handed over once");
            assert!(count.retries.get().is_some());
        }
    }
}

/// What the PBX answers, as (status, body).
fn answer(method: &str, target: &str, body: &[u8]) -> (u16, String) {
    let mut buf = [0u8; 4096];
    let mut sink: Collector<64> = Collector::new();
    match receive(method, target, body, &mut buf, &ctx(), &mut sink) {
        Ok(r) => (200, r.operation().to_string()),
        Err(e) => {
            // The client reads the same failure back.
            let text = e.to_string();
            let back = classify(e.status(), &text, Expect::Ok).unwrap_err();
            assert_eq!(back.code(), e.code(), "{text}");
            (e.status(), text)
        }
    }
}

#[test]
fn the_pbx_answers_the_first_problem_as_the_vendor_does() {
    let k = format!("key={KEY}");
    let cases: Vec<(&str, String, String, u16, &str)> = vec![
        ("GET", "/nope".into(), "".into(), 404, "Not Found"),
        ("PUT", "/originate".into(), "".into(), 405, "Method Not Allowed"),
        ("TRACE", "/originate".into(), "".into(), 405, "Method Not Allowed"),
        ("TRACE", "/nope".into(), "".into(), 404, "Not Found"),
        ("GET", "/ivr_campaigns/1/x".into(), "".into(), 404, "Not Found"),
        ("POST", "/ivr_campaigns.json".into(), "{\"key\":".into(), 400, "INVALID_JSON"),
        ("POST", "/ivr_campaigns.json".into(), IVR.into(), 400, "INVALID_JSON"),
        ("POST", "/ivr_campaigns.json".into(), "\u{0}\u{1}".into(), 400, "INVALID_JSON"),
        ("POST", "/ivr_campaigns.json".into(), QUEUE.replace(KEY, "K0"), 400, "Gecersiz anahtar: K0"),
        ("POST", "/ivr_campaigns.json".into(), "{\"call_type\":\"queue\"}".into(), 400, "Gecersiz anahtar: "),
        (
            "POST",
            "/ivr_campaigns.json".into(),
            QUEUE.replace("\"Queue Test (API)\"", "\" \""),
            400,
            "name can't be blank",
        ),
        (
            "POST",
            "/ivr_campaigns.json".into(),
            QUEUE.replace("\"name\": \"Queue Test (API)\",", "").replace("05651236547", "0565"),
            400,
            "name can't be blank",
        ),
        (
            "POST",
            "/ivr_campaigns.json".into(),
            QUEUE.replace("05651236547", "0565"),
            400,
            "phone_list[1].phone is invalid: phone number has too few digits: a Turkish number has 10 digits after the leading 0 (11 with it)",
        ),
        ("DELETE", format!("/ivr_campaigns/112?{k}"), "".into(), 200, "delete_campaign"),
        ("DELETE", "/ivr_campaigns/112?key=nope".into(), "".into(), 400, "Gecersiz anahtar: nope"),
        ("DELETE", format!("/ivr_campaigns/abc?{k}"), "".into(), 400, "Cannot find ivr_campaign with ID abc"),
        ("DELETE", format!("/ivr_campaigns/1?{k}&{k}"), "".into(), 400, "key is invalid: form field appears more than once"),
        ("PATCH", "/ivr_campaigns/112".into(), format!("{k}&status=pause"), 400, "status is invalid: value must be on or off"),
        ("PATCH", "/ivr_campaigns/112".into(), k.clone(), 400, "status can't be blank"),
        ("PATCH", "/ivr_campaigns/112".into(), "status=off".into(), 400, "Gecersiz anahtar: "),
        ("POST", "/crm_integrations".into(), k.clone(), 400, "notification_url can't be blank"),
        ("POST", "/crm_integrations".into(), format!("{k}&notification_url=ftp://x"), 400, "notification_url is invalid: URL must start with http:// or https://"),
        ("GET", format!("/originate?{k}&destination=905321234567"), "".into(), 400, "extension can't be blank"),
        ("GET", format!("/originate?{k}&extension=1001&destination=905321234567&timeout=5"), "".into(), 400, "timeout is invalid: timeout must be 10 to 60 seconds"),
        ("GET", format!("/cdrs?{k}&limit=5"), "".into(), 400, "limit is invalid: limit must be 10 to 100"),
        (
            "GET",
            format!("/cdrs?{k}&start_stamp_from=2017-01-01 00:00:00 UTC&start_stamp_to=2017-03-01 00:00:00 UTC"),
            "".into(),
            400,
            "start_stamp_to is invalid: start_stamp_from..start_stamp_to may not exceed 31 days",
        ),
        ("GET", format!("/cdrs/not%20a%20uuid?{k}"), "".into(), 404, "cannot find call with call_uuid not%20a%20uuid"),
        ("GET", "/cdrs?key=K1%FF".into(), "".into(), 400, "Gecersiz anahtar: K1%FF"),
    ];
    for (method, target, body, status, text) in cases {
        let got = answer(method, &target, body.as_bytes());
        assert_eq!(got, (status, text.to_string()), "{method} {target}");
    }
}

#[test]
fn the_pbx_refuses_a_method_and_a_json_type_it_does_not_take() {
    let ask = |method: &str, target: &str, body: String| {
        let mut buf = [0u8; 4096];
        let mut sink: Collector<16> = Collector::new();
        match incoming::receive(method, target, body.as_bytes(), &mut buf, &ctx(), &mut sink) {
            Ok(r) => (200, r.operation().to_string(), String::new()),
            Err(e) => {
                let allow: Vec<&str> = e.allow().map(|m| m.as_str()).collect();
                (e.status(), e.to_string(), allow.join(", "))
            }
        }
    };
    let json = |name: &str| format!("{{\"key\":\"{KEY}\",\"name\":{name}}}");
    // A method the API never uses: 405 with the path's methods, or 404.
    assert_eq!(
        ask("TRACE", "/crm_integrations", String::new()),
        (405, "Method Not Allowed".into(), "GET, POST".into())
    );
    assert_eq!(
        ask("TRACE", "/nope", String::new()),
        (404, "Not Found".into(), String::new())
    );
    // A boolean or a number where the page shows text.
    assert_eq!(ask("POST", "/contact_groups", json("false")).0, 400);
    assert_eq!(
        ask("POST", "/contact_groups", json("12")).1,
        "name is invalid"
    );
    assert_eq!(ask("POST", "/contact_groups", json("\"Bayiler\"")).0, 200);
}

#[test]
fn allowed_methods() {
    assert_eq!(
        incoming::allowed("/crm_integrations"),
        [Some(Method::Get), Some(Method::Post), None, None, None]
    );
    assert_eq!(incoming::allowed("/nope"), [None; 5]);
}

#[test]
fn refusals_and_failures_round_trip() {
    for f in [
        Failure::InvalidKey { key: KEY },
        Failure::NameBlank,
        Failure::CampaignNotFound { id: "112" },
        Failure::ExtensionNotFound { extension: "1005" },
        Failure::CallNotFound { uuid: "x-1" },
        Failure::InvalidJson,
        Failure::Blank {
            field: "phone_list[0].phone",
        },
        Failure::Invalid {
            field: "limit",
            reason: Some(Code::CdrLimitRange),
        },
        Failure::Invalid {
            field: "limit",
            reason: None,
        },
        Failure::UrlNotVerified {
            field: "webhook_url",
        },
        Failure::RateLimited,
        Failure::NoEndpoint { status: 404 },
        Failure::NoEndpoint { status: 405 },
    ] {
        let text = f.to_string();
        assert_eq!(classify(f.status(), &text, Expect::Ok), Err(f), "{text}");
    }
    let r = Refusal::Field {
        path: crate::diag::Path::key("x"),
        blank: true,
        reason: Code::FormMissingField,
    };
    assert_eq!(
        (r.status(), r.to_string(), r.code()),
        (400, "x can't be blank".to_string(), Code::ResponseBlank)
    );
}

#[test]
fn rate_budgets() {
    // Within an endpoint's budget no request is refused; above it, every
    // extra one is, until the bucket refills.
    for pool in Pool::ALL {
        let b = pool.budget();
        let mut bucket = Bucket::new(b);
        for _ in 0..b.burst {
            assert!(bucket.take(0).is_ok(), "{pool}");
        }
        let wait = bucket.take(0).unwrap_err();
        assert_eq!(
            wait,
            (u64::from(b.per_seconds) * 1000).div_ceil(u64::from(b.requests)),
            "{pool}"
        );
        assert!(bucket.take(wait - 1).is_err());
        assert!(bucket.take(wait).is_ok());
        // A client pacing at the budget's rate is never refused.
        let mut paced = Bucket::new(b);
        let step = (u64::from(b.per_seconds) * 1000).div_ceil(u64::from(b.requests));
        for i in 0..(3 * u64::from(b.burst)) {
            assert!(paced.take(i * step).is_ok(), "{pool} at {i}");
        }
    }
    assert_eq!(
        Operation::Originate.pool().budget(),
        Budget {
            requests: 3,
            per_seconds: 1,
            burst: 100
        }
    );
    assert_eq!(
        Pool::of_path("/ivr_campaigns/112"),
        Operation::DeleteCampaign.pool()
    );
    assert_eq!(
        Pool::of_path("/agent_statuses"),
        Pool::of_path("/user_statuses")
    );
    // A clock that goes back is taken as standing still.
    let mut b = Bucket::new(Pool::Statuses.budget());
    assert!(b.take(1_000_000).is_ok() && b.take(1_000_000).is_ok());
    assert!(b.take(0).is_err());
}

#[test]
fn idempotence() {
    // What a lost reply may not resend: everything that creates, calls
    // or moves a call.
    let once: Vec<_> = Operation::ALL
        .iter()
        .filter(|o| !o.is_idempotent())
        .map(|o| o.as_str())
        .collect();
    assert_eq!(
        once,
        [
            "create_campaign",
            "originate",
            "bridge",
            "transfer",
            "create_announcement",
            "create_contact_group",
            "create_contact",
            "block_number",
            "send_fax",
        ]
    );
}
