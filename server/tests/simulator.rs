//! The simulator on a free loopback port, driven by a real HTTP client,
//! with a real webhook receiver: every endpoint's success and documented
//! failures, campaign reports, stop/start/delete, CRM events, seeds, rate
//! limits, and bad input. Every reply is read back with the core's client
//! side (`api::Request::read_reply`), every webhook body with its parser.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::Arc;
use std::time::Duration;

use santral::api::{Request, Success};
use santral::diag::Counter;
use santral::event::{CallEvent, EventType};
use santral::lexical::{Id, OnOff};
use santral::report::{CampaignReport, Digit};
use santral::response::Failure;
use santral_server::{Config, Log, Simulator};
use tokio::sync::Semaphore;

mod common;
use common::Recorder;

const KEY: &str = santral::api::SAMPLE_KEY;
const QUEUE: &str = include_str!("../../core/tests/vendor/campaign_queue_seed004.json");
const IVR: &str = include_str!("../../core/tests/vendor/campaign_ivr_seed004.json");
/// 2022-09-12 10:00:00 +0300, a Monday, the day of the vendor's examples.
const CLOCK: i64 = 1_662_966_000;

/// The reports a receiver got (the verification's empty POST left out).
fn reports(r: &Recorder) -> Vec<String> {
    r.arrived_at("/report")
        .into_iter()
        .filter(|b| !b.is_empty())
        .collect()
}

fn config(seed: u64) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        seed: Some(seed),
        speed: 0.0,
        clock: Some(CLOCK),
        rate_limits: false,
        log: Log::to(|_| {}),
        ..Config::default()
    }
}

/// Sends a core-built request to the simulator: (status, body).
async fn send(sim: &Simulator, r: &Request<'_>) -> (u16, String) {
    let client = reqwest::Client::new();
    let url = format!("http://{}{}", sim.addr(), r.target());
    let method = reqwest::Method::from_bytes(r.method().as_str().as_bytes()).unwrap();
    let mut req = client.request(method, url);
    if let Some(ct) = r.content_type() {
        req = req.header("content-type", ct).body(r.body().to_string());
    }
    let resp = req.send().await.unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// Raw request: (status, body).
async fn raw(sim: &Simulator, method: &str, target: &str, body: &str) -> (u16, String) {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let resp = client
        .request(method, format!("http://{}{target}", sim.addr()))
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

fn campaign(body: &str, webhook: &str, extra: &str) -> String {
    let body = body.replace(
        "\"key\": ",
        &format!("{extra}\"webhook_url\": \"{webhook}\", \"key\": "),
    );
    body
}

/// Waits until `f` holds (the simulator runs on its own task).
async fn until(what: &str, f: impl Fn() -> bool) {
    common::until(what, Duration::from_secs(5), f).await
}

#[tokio::test]
async fn every_endpoint_answers_like_the_vendor() {
    let sim = Simulator::start(config(1)).await.unwrap();
    let hooks = Recorder::start(None).await;
    let mut c = Counter::default();
    // Create: the vendor's queue example with a webhook, twice.
    let body = campaign(QUEUE, &hooks.url("/report"), "");
    let create = Request::CreateCampaign { body: &body };
    let (status, text) = send(&sim, &create).await;
    assert_eq!((status, text.as_str()), (200, "20212"));
    assert_eq!(
        create.read_reply(status, text.as_bytes(), &mut c),
        Ok(Success::CampaignCreated(Id::new(20212).unwrap()))
    );
    assert_eq!(send(&sim, &create).await, (200, "20213".into()));
    // The ivr page's own sample lacks a comma.
    assert_eq!(
        send(&sim, &Request::CreateCampaign { body: IVR }).await,
        (400, "INVALID_JSON".into())
    );
    let blank = body.replace("\"Queue Test (API)\"", "\"  \"");
    let (status, text) = send(&sim, &Request::CreateCampaign { body: &blank }).await;
    assert_eq!((status, text.as_str()), (400, "name can't be blank"));
    assert_eq!(
        create.read_reply(status, text.as_bytes(), &mut c),
        Err(Failure::NameBlank)
    );
    let other_key = body.replace(KEY, "K00000000-0000-0000-0000-000000000000");
    assert_eq!(
        send(&sim, &Request::CreateCampaign { body: &other_key }).await,
        (
            400,
            "Gecersiz anahtar: K00000000-0000-0000-0000-000000000000".into()
        )
    );
    // A webhook that does not answer 200 is refused.
    *hooks.status.lock().unwrap() = 500;
    let (status, text) = send(&sim, &create).await;
    assert_eq!(
        (status, text.as_str()),
        (400, "webhook_url did not answer the test POST with 200")
    );
    assert_eq!(
        create.read_reply(status, text.as_bytes(), &mut c),
        Err(Failure::UrlNotVerified {
            field: "webhook_url"
        })
    );
    *hooks.status.lock().unwrap() = 200;
    // Delete, stop, start.
    let id = |n| Id::new(n).unwrap();
    let missing = Request::DeleteCampaign {
        key: KEY,
        id: id(112),
    };
    let (status, text) = send(&sim, &missing).await;
    assert_eq!(
        (status, text.as_str()),
        (400, "Cannot find ivr_campaign with ID 112")
    );
    assert_eq!(
        missing.read_reply(status, text.as_bytes(), &mut c),
        Err(Failure::CampaignNotFound { id: "112" })
    );
    for status in [OnOff::Off, OnOff::On] {
        let r = Request::SetCampaignStatus {
            key: KEY,
            id: id(20213),
            status,
        };
        assert_eq!(send(&sim, &r).await, (200, "OK".into()));
        let r = Request::SetCampaignStatus {
            key: KEY,
            id: id(112),
            status,
        };
        assert_eq!(
            send(&sim, &r).await,
            (400, "Cannot find ivr_campaign with ID 112".into())
        );
    }
    let delete = Request::DeleteCampaign {
        key: KEY,
        id: id(20213),
    };
    assert_eq!(send(&sim, &delete).await, (200, "OK".into()));
    assert_eq!(
        send(&sim, &delete).await,
        (400, "Cannot find ivr_campaign with ID 20213".into())
    );
    assert_eq!(
        raw(&sim, "DELETE", "/ivr_campaigns/20212?key=nope", "").await,
        (400, "Gecersiz anahtar: nope".into())
    );
    // CRM settings.
    let get = Request::GetCrmSettings { key: KEY };
    let (status, text) = send(&sim, &get).await;
    assert_eq!(status, 200);
    assert!(
        matches!(get.read_reply(status, text.as_bytes(), &mut c), Ok(Success::CrmSettings(s)) if !s.ringing.is_on()),
        "{text}"
    );
    let update = Request::UpdateCrmSettings(santral::crm::Update {
        key: KEY,
        ringing: Some(OnOff::On),
        answered: Some(OnOff::Off),
        hangup: Some(OnOff::On),
        notification_url: &hooks.url("/events"),
    });
    assert_eq!(send(&sim, &update).await, (200, "Ok".into()));
    let (_, text) = send(&sim, &get).await;
    assert_eq!(
        text,
        format!(
            r#"{{"ringing":"on","answered":"off","hangup":"on","notification_url":"{}"}}"#,
            hooks.url("/events")
        )
    );
    assert_eq!(
        hooks.arrived_at("/events"),
        ["{}"],
        "the URL check POSTs {{}}"
    );
    assert_eq!(
        raw(&sim, "GET", "/crm_integrations?key=K1", "").await,
        (400, "Gecersiz anahtar: K1".into())
    );
    assert_eq!(
        raw(&sim, "POST", "/crm_integrations", &format!("key={KEY}")).await,
        (400, "notification_url can't be blank".into())
    );
    // Originate.
    let ext = santral::lexical::Extension::parse("1001").unwrap();
    let dest = santral::phone::Phone::parse("908505320000").unwrap();
    let call = Request::Originate(santral::originate::Originate::new(KEY, ext, dest));
    let (status, uuid) = send(&sim, &call).await;
    assert!(
        matches!(
            call.read_reply(status, uuid.as_bytes(), &mut c),
            Ok(Success::CallStarted(_))
        ),
        "{uuid}"
    );
    let nobody = Request::Originate(santral::originate::Originate::new(
        KEY,
        santral::lexical::Extension::parse("1005").unwrap(),
        dest,
    ));
    let (status, text) = send(&sim, &nobody).await;
    assert_eq!((status, text.as_str()), (400, "extension 1005 not found"));
    assert_eq!(
        nobody.read_reply(status, text.as_bytes(), &mut c),
        Err(Failure::ExtensionNotFound { extension: "1005" })
    );
    // Call records: the originated call and the first campaign's calls.
    let uuid_ = santral::lexical::CallUuid::parse(&uuid).unwrap();
    let detail = Request::GetCdr {
        key: KEY,
        call_uuid: uuid_,
    };
    until("the originated call to end", || {
        hooks.arrived_at("/events").len() >= 3
    })
    .await;
    let (status, text) = send(&sim, &detail).await;
    assert_eq!(status, 200, "{text}");
    match detail.read_reply(status, text.as_bytes(), &mut c) {
        Ok(Success::Cdr(d)) => {
            let mut steps = 0;
            let r = d.read(&mut c, |_| steps += 1).unwrap();
            assert_eq!(r.call_uuid.and_then(|u| u.as_str()), Some(uuid.as_str()));
            assert_eq!(
                r.direction.value(),
                Some(santral::cdr::CdrDirection::GidenApi)
            );
            assert_eq!(steps, 2);
        }
        other => panic!("{other:?}"),
    }
    let unknown = "5cfdfb46-776c-11e7-8375-0d58348796d3";
    let (status, text) = raw(&sim, "GET", &format!("/cdrs/{unknown}?key={KEY}"), "").await;
    assert_eq!(
        (status, text),
        (404, format!("cannot find call with call_uuid {unknown}"))
    );
    assert_eq!(
        raw(&sim, "GET", &format!("/cdrs?key={KEY}&limit=5"), "").await,
        (400, "limit is invalid: limit must be 10 to 100".into())
    );
    assert_eq!(
        raw(&sim, "GET", &format!("/cdrs?key={KEY}&start_stamp_from=2022-08-01 00:00:00 UTC&start_stamp_to=2022-09-12 00:00:00 UTC"), "").await,
        (400, "start_stamp_to is invalid: start_stamp_from..start_stamp_to may not exceed 31 days".into())
    );
    // Unknown endpoints and methods; a known one without its key.
    assert_eq!(
        raw(&sim, "GET", "/announcement", "").await,
        (404, "Not Found".into())
    );
    assert_eq!(
        raw(&sim, "GET", "/announcements", "").await,
        (400, "Gecersiz anahtar: ".into())
    );
    assert_eq!(
        raw(&sim, "PUT", "/originate", "").await,
        (405, "Method Not Allowed".into())
    );
    assert!(
        c.errors == 0,
        "the client side found errors in the simulator's replies"
    );
    sim.stop().await;
}

/// Reads every report and checks it with the core.
fn parsed_reports(hooks: &Recorder) -> Vec<(u64, Digit, String, String)> {
    reports(hooks)
        .iter()
        .map(|b| {
            let mut c = Counter::default();
            let r = CampaignReport::parse(b.as_bytes(), &mut c).unwrap_or_else(|| panic!("{b}"));
            assert_eq!(c.errors + c.warnings, 0, "{b}");
            let mut buf = [0u8; 64];
            let status = r.status.decode_into(&mut buf).unwrap().to_string();
            (
                r.ivr_lead_id.unwrap().get(),
                r.digit,
                status,
                r.call_uuid.unwrap().as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn leads(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"phone\": \"0532{:07}\"}}", 1_000_000 + i))
        .collect::<Vec<_>>()
        .join(",")
}

fn ivr_campaign(webhook: &str, leads_json: &str, extra: &str) -> String {
    format!(
        r#"{{"key": "{KEY}", "call_type": "ivr", "name": "Memnuniyet anketi", "webhook_url": "{webhook}",
  "digit_target_1": "announcement/421", "digit_target_2": "user/1001", "timeout_target": "hangup/hangup",
  {extra} "phone_list": [{leads_json}]}}"#
    )
}

#[tokio::test]
async fn a_campaign_reports_once_per_call_attempt() {
    let sim = Simulator::start(config(7)).await.unwrap();
    let hooks = Recorder::start(None).await;
    let n = 30;
    let retries = 2;
    let body = ivr_campaign(
        &hooks.url("/report"),
        &leads(n),
        &format!("\"call_retries\": {retries}, \"max_thread_count\": 3,"),
    );
    assert_eq!(
        send(&sim, &Request::CreateCampaign { body: &body }).await,
        (200, "20212".into())
    );
    let list = Request::ListCdrs(santral::cdr::Query {
        limit: Some(100),
        ..santral::cdr::Query::new(KEY)
    });
    // Finished: every lead answered or ran out of retries.
    let done = || {
        let r = parsed_reports(&hooks);
        (1..=n as u64).all(|lead| {
            let mine: Vec<_> = r.iter().filter(|x| x.0 == lead).collect();
            mine.last().is_some_and(|l| l.1 != Digit::NotStarted) || mine.len() == retries + 1
        })
    };
    until("every lead to be done", done).await;
    // The first POST was the URL check.
    assert_eq!(hooks.arrived_at("/report")[0], "");
    let reports = parsed_reports(&hooks);
    for lead in 1..=n as u64 {
        let mine: Vec<_> = reports.iter().filter(|x| x.0 == lead).collect();
        // Not started, then retried; at most retries + 1 attempts; an
        // answered call is the last.
        assert!(
            !mine.is_empty() && mine.len() <= retries + 1,
            "lead {lead}: {mine:?}"
        );
        for (i, r) in mine.iter().enumerate() {
            let last = i + 1 == mine.len();
            assert!(
                r.1 == Digit::NotStarted || last,
                "lead {lead} was called after answering: {mine:?}"
            );
            // Digits only name keys with a target (1, 2) or say there was none.
            match r.1 {
                Digit::Pressed(k) => assert!(k == '1' || k == '2', "{r:?}"),
                Digit::Invalid(k) => assert!(k != '1' && k != '2', "{r:?}"),
                Digit::NoKey => assert_eq!(r.2, "Cevaplandı"),
                Digit::NotStarted => assert_ne!(r.2, "Cevaplandı"),
            }
        }
    }
    // Every kind of digit showed up, and every attempt is a call record.
    for kind in ["pressed", "no_key", "invalid_key", "not_started"] {
        assert!(
            reports.iter().any(|r| r.1.kind().as_str() == kind),
            "{kind} never reported"
        );
    }
    let mut c = Counter::default();
    let mut total = 0;
    let mut page = 1;
    loop {
        let q = Request::ListCdrs(santral::cdr::Query {
            limit: Some(10),
            page: Some(page),
            ..santral::cdr::Query::new(KEY)
        });
        let (status, text) = send(&sim, &q).await;
        let Ok(Success::Cdrs(p)) = q.read_reply(status, text.as_bytes(), &mut c) else {
            panic!("{text}")
        };
        let mut here = 0;
        let s = p.read(&mut c, |r| {
            here += 1;
            assert!(reports
                .iter()
                .any(|x| r.call_uuid.and_then(|u| u.as_str()) == Some(x.3.as_str())));
            std::ops::ControlFlow::Continue(())
        });
        total += here;
        let p = s.pagination.unwrap();
        assert_eq!((p.total_count, p.limit), (reports.len() as u64, 10));
        if page >= p.total_pages as u32 {
            break;
        }
        page += 1;
    }
    assert_eq!(total, reports.len());
    assert_eq!(c.errors + c.warnings, 0);
    let _ = list;
    sim.stop().await;
}

#[tokio::test]
async fn stop_start_and_delete_take_effect() {
    // The receiver holds each report until the test lets it go: the
    // simulator sends one webhook at a time, so nothing moves meanwhile.
    let gate = Arc::new(Semaphore::new(0));
    let sim = Simulator::start(config(3)).await.unwrap();
    let hooks = Recorder::start(Some(gate.clone())).await;
    let body = ivr_campaign(&hooks.url("/report"), &leads(6), "\"max_thread_count\": 1,");
    assert_eq!(
        send(&sim, &Request::CreateCampaign { body: &body }).await,
        (200, "20212".into())
    );
    let id = Id::new(20212).unwrap();
    until("the first report", || reports(&hooks).len() == 1).await;
    // Stop while the first report is held: once it is let go, no second
    // call starts.
    let stop = Request::SetCampaignStatus {
        key: KEY,
        id,
        status: OnOff::Off,
    };
    assert_eq!(send(&sim, &stop).await, (200, "OK".into()));
    gate.add_permits(1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(reports(&hooks).len(), 1, "a stopped campaign kept calling");
    // Start again: the next call is made and its report arrives (held).
    let start = Request::SetCampaignStatus {
        key: KEY,
        id,
        status: OnOff::On,
    };
    assert_eq!(send(&sim, &start).await, (200, "OK".into()));
    until("the second report", || reports(&hooks).len() == 2).await;
    // Delete while it is held: nothing after it.
    let delete = Request::DeleteCampaign { key: KEY, id };
    assert_eq!(send(&sim, &delete).await, (200, "OK".into()));
    gate.add_permits(100);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(reports(&hooks).len(), 2, "a deleted campaign kept calling");
    assert_eq!(
        send(&sim, &delete).await,
        (400, "Cannot find ivr_campaign with ID 20212".into())
    );
    assert_eq!(
        send(&sim, &start).await,
        (400, "Cannot find ivr_campaign with ID 20212".into())
    );
    sim.stop().await;
}

#[tokio::test]
async fn crm_events_arrive_for_originated_and_campaign_calls() {
    let sim = Simulator::start(config(5)).await.unwrap();
    let hooks = Recorder::start(None).await;
    let update = Request::UpdateCrmSettings(santral::crm::Update {
        key: KEY,
        ringing: Some(OnOff::On),
        answered: Some(OnOff::On),
        hangup: Some(OnOff::On),
        notification_url: &hooks.url("/events"),
    });
    assert_eq!(send(&sim, &update).await, (200, "Ok".into()));
    let ext = santral::lexical::Extension::parse("1002").unwrap();
    let mut uuids = Vec::new();
    for n in ["05321234567", "02129630131", "00493027590915", "4441234"] {
        let o =
            santral::originate::Originate::new(KEY, ext, santral::phone::Phone::parse(n).unwrap());
        let (status, uuid) = send(&sim, &Request::Originate(o)).await;
        assert_eq!(status, 200, "{uuid}");
        uuids.push(uuid);
    }
    let body = ivr_campaign(&hooks.url("/report"), &leads(3), "");
    assert_eq!(
        send(&sim, &Request::CreateCampaign { body: &body }).await.0,
        200
    );
    until("every call's hangup", || {
        hooks
            .arrived_at("/events")
            .iter()
            .filter(|b| b.starts_with("event_type=hangup"))
            .count()
            == 4 + reports(&hooks).len()
            && reports(&hooks).len() >= 3
    })
    .await;
    let events: Vec<String> = hooks.arrived_at("/events").into_iter().skip(1).collect();
    for uuid in &uuids {
        let mine: Vec<(EventType, bool)> = events
            .iter()
            .filter_map(|b| {
                let mut c = Counter::default();
                let e = CallEvent::parse(b.as_bytes(), &mut c).unwrap_or_else(|| panic!("{b}"));
                assert_eq!(c.errors + c.warnings, 0, "{b}");
                e.call_uuid
                    .eq_str(uuid)
                    .then(|| (e.event_type, e.answered.unwrap_or(false)))
            })
            .collect();
        // ringing first, hangup last; answer exactly when answered.
        assert_eq!(
            mine.first().map(|e| e.0),
            Some(EventType::Ringing),
            "{mine:?}"
        );
        let (last, answered) = *mine.last().unwrap();
        assert_eq!(last, EventType::Hangup);
        assert_eq!(
            mine.iter().any(|e| e.0 == EventType::Answer),
            answered,
            "{mine:?}"
        );
        // The vendor's field names, its raw spaces, the extension as connected_user.
        let hangup = events
            .iter()
            .find(|b| b.contains(uuid.as_str()) && b.starts_with("event_type=hangup"))
            .unwrap();
        assert!(
            hangup.contains("&connected_user=1002&") && hangup.contains("&start_stamp=2022-09-12 "),
            "{hangup}"
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_run() {
    async fn run(seed: u64) -> Vec<String> {
        let sim = Simulator::start(config(seed)).await.unwrap();
        let hooks = Recorder::start(None).await;
        let body = ivr_campaign(&hooks.url("/report"), &leads(12), "\"call_retries\": 1,");
        assert_eq!(
            send(&sim, &Request::CreateCampaign { body: &body }).await.0,
            200
        );
        until("the campaign to finish", || {
            let r = parsed_reports(&hooks);
            (1..=12u64).all(|l| {
                let mine: Vec<_> = r.iter().filter(|x| x.0 == l).collect();
                mine.last().is_some_and(|x| x.1 != Digit::NotStarted) || mine.len() == 2
            })
        })
        .await;
        sim.stop().await;
        reports(&hooks)
    }
    let a = run(42).await;
    let b = run(42).await;
    assert_eq!(a, b);
    let c = run(43).await;
    assert_ne!(a, c);
}

#[tokio::test]
async fn rate_limits_as_the_vendor_applies_them() {
    let sim = Simulator::start(Config {
        rate_limits: true,
        ..config(1)
    })
    .await
    .unwrap();
    let target = format!("/crm_integrations?key={KEY}");
    // The default budget: a burst of 10, then 429 with Retry-After.
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let r = client
            .get(format!("http://{}{target}", sim.addr()))
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            assert!(r.headers().get("retry-after").is_some());
            let mut c = Counter::default();
            let text = r.text().await.unwrap();
            assert_eq!(
                Request::GetCrmSettings { key: KEY }.read_reply(429, text.as_bytes(), &mut c),
                Err(Failure::RateLimited)
            );
            statuses.push(429);
        } else {
            statuses.push(r.status().as_u16());
        }
    }
    assert_eq!(statuses[..10], [200; 10], "within the burst: never 429");
    assert_eq!(statuses[10..], [429, 429]);
    // /cdrs: 6 per minute, counted apart.
    let mut cdrs = Vec::new();
    for _ in 0..7 {
        cdrs.push(raw(&sim, "GET", &format!("/cdrs?key={KEY}"), "").await.0);
    }
    assert_eq!(cdrs, [200, 200, 200, 200, 200, 200, 429]);
    // The default pool refills at 2 per second.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(raw(&sim, "GET", &target, "").await.0, 200);
    sim.stop().await;
}

#[tokio::test]
async fn bad_input_gets_clear_errors_and_the_server_keeps_serving() {
    let sim = Simulator::start(Config {
        body_timeout: Duration::from_millis(500),
        ..config(1)
    })
    .await
    .unwrap();
    // Invalid UTF-8: in a campaign body, in a form value.
    let client = reqwest::Client::new();
    let r = client
        .post(format!("http://{}/ivr_campaigns.json", sim.addr()))
        .body(vec![b'{', 0xFF, 0xFE, b'}'])
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.text().await.unwrap()),
        (400, "INVALID_JSON".into())
    );
    assert_eq!(
        raw(
            &sim,
            "POST",
            "/crm_integrations",
            &format!("key={KEY}&notification_url=http://x/%FF")
        )
        .await,
        (
            400,
            "notification_url is invalid: form field does not decode to valid UTF-8".into()
        )
    );
    // A 50 MB body: refused, declared or not.
    let big = vec![b' '; 50 * 1024 * 1024];
    let r = client
        .post(format!("http://{}/ivr_campaigns.json", sim.addr()))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    // A body that never finishes: 408 after the timeout.
    let mut stream = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(
            b"POST /ivr_campaigns.json HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{\"key\":",
        )
        .await
        .unwrap();
    let mut answer = vec![0u8; 1024];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .unwrap()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 408"),
        "{}",
        String::from_utf8_lossy(&answer[..n])
    );
    // Still serving.
    assert_eq!(
        raw(&sim, "GET", &format!("/crm_integrations?key={KEY}"), "")
            .await
            .0,
        200
    );
    sim.stop().await;
}

/// Issue 29 #3, the simulator's side: a silent peer and a trickled head
/// are cut off at the header deadline; the simulator keeps serving.
#[tokio::test]
async fn silent_and_trickling_peers_are_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sim = Simulator::start(Config {
        limits: santral_server::listen::Limits {
            header_timeout: Duration::from_secs(1),
            ..Default::default()
        },
        ..config(1)
    })
    .await
    .unwrap();
    let started = std::time::Instant::now();
    let mut silent = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    let mut trickle = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    let writer = tokio::spawn(async move {
        for b in b"GET /crm_integrations HTTP/1.1\r\nhost: x\r\nx-slow: aaaaaaaaaaaaaaaaaaaa" {
            if trickle.write_all(&[*b]).await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        let mut rest = Vec::new();
        tokio::time::timeout(Duration::from_millis(300), trickle.read_to_end(&mut rest))
            .await
            .is_ok()
    });
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), silent.read_to_end(&mut buf))
        .await
        .expect("the silent connection stayed open")
        .ok();
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert!(writer.await.unwrap(), "the trickled head was not cut off");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        raw(&sim, "GET", &format!("/crm_integrations?key={KEY}"), "")
            .await
            .0,
        200
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_thousand_connections_at_once() {
    // All 1,000 are opened before any sends a byte: the cap (512 by
    // default, the rest waiting in the listen queue) is raised so that
    // they are all open at once.
    let sim = Simulator::start(Config {
        limits: santral_server::listen::Limits {
            max_connections: 1024,
            ..Default::default()
        },
        ..config(1)
    })
    .await
    .unwrap();
    let addr = sim.addr();
    let request =
        format!("GET /crm_integrations?key={KEY} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    // Open all first, then send on all: 1,000 connections are open at once.
    let mut streams = Vec::new();
    for _ in 0..1000 {
        streams.push(tokio::net::TcpStream::connect(addr).await.unwrap());
    }
    let mut tasks = Vec::new();
    for mut s in streams {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            s.write_all(request.as_bytes()).await.unwrap();
            let mut out = Vec::new();
            s.read_to_end(&mut out).await.unwrap();
            String::from_utf8_lossy(&out).starts_with("HTTP/1.1 200")
        }));
    }
    let mut ok = 0;
    for t in tasks {
        ok += usize::from(t.await.unwrap());
    }
    assert_eq!(ok, 1000);
    assert_eq!(
        raw(&sim, "GET", &format!("/crm_integrations?key={KEY}"), "")
            .await
            .0,
        200
    );
    sim.stop().await;
}

/// Every call record's (start, end), in Unix seconds, through the API.
async fn call_times(sim: &Simulator) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let q = Request::ListCdrs(santral::cdr::Query {
            limit: Some(100),
            page: Some(page),
            ..santral::cdr::Query::new(KEY)
        });
        let (status, text) = send(sim, &q).await;
        let mut c = Counter::default();
        let Ok(Success::Cdrs(p)) = q.read_reply(status, text.as_bytes(), &mut c) else {
            panic!("{text}")
        };
        let s = p.read(&mut c, |r| {
            let t = |l: santral::cdr::Lenient<'_, santral::time::Timestamp>| {
                l.value().unwrap().unix_seconds()
            };
            out.push((t(r.start_stamp), t(r.end_stamp)));
            std::ops::ControlFlow::Continue(())
        });
        if page as u64 >= s.pagination.unwrap().total_pages {
            return out;
        }
        page += 1;
    }
}

#[tokio::test]
async fn calls_keep_to_max_thread_count_the_window_and_the_weekdays() {
    let sim = Simulator::start(config(21)).await.unwrap();
    let hooks = Recorder::start(None).await;
    // Wednesdays 14:00–14:05 only, three lines; the clock starts on a Monday.
    let body = ivr_campaign(
        &hooks.url("/report"),
        &leads(40),
        r#""max_thread_count": 3, "active_days": [3], "date_range_end": "2022-12-31", "time_range_begin": "14:00", "time_range_end": "14:05","#,
    );
    assert_eq!(
        send(&sim, &Request::CreateCampaign { body: &body }).await.0,
        200
    );
    until("every lead to be called once", || {
        let r = parsed_reports(&hooks);
        (1..=40u64).all(|l| r.iter().any(|x| x.0 == l))
    })
    .await;
    let calls = call_times(&sim).await;
    assert!(calls.len() >= 40);
    let turkey = |t: i64| santral::time::Timestamp::from_unix(t, santral::time::TURKEY).unwrap();
    for (start, _) in &calls {
        let t = turkey(*start);
        assert_eq!(t.date.weekday(), santral::time::Weekday::Wednesday, "{t}");
        assert!(
            (t.time.hour(), t.time.minute()) >= (14, 0)
                && (t.time.hour(), t.time.minute()) <= (14, 5),
            "{t}"
        );
    }
    // At most three at once, and three at once happened.
    let most = calls
        .iter()
        .map(|(s, _)| calls.iter().filter(|(a, b)| a <= s && s < b).count())
        .max()
        .unwrap();
    assert_eq!(most, 3);
    // Forty leads in six-minute windows: more than one Wednesday.
    let days: std::collections::BTreeSet<_> = calls.iter().map(|(s, _)| turkey(*s).date).collect();
    assert!(days.len() >= 2, "{days:?}");
    sim.stop().await;
}
