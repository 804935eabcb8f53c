//! The simulator as the whole PBX (issue 28): every operation of the
//! vendor's table through the Rust client against a simulator on a free
//! loopback port — success with state that the next call sees, and the
//! documented failures by code — the newer documentation set's forms by
//! raw HTTP, wrong methods (405 with Allow), the files its URLs serve, and
//! the office kept across a restart with `--state`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Duration;

use santral::api::{Operation, SAMPLE_KEY};
use santral_server::client::{Client, ClientError, Reply, Value};
use santral_server::{Config, Log, Simulator};

async fn simulator(speed: f64, state: Option<std::path::PathBuf>) -> (Simulator, Client) {
    let sim = Simulator::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        speed,
        seed: Some(7),
        clock: Some(1_670_000_000),
        rate_limits: false,
        state,
        log: Log::to(|_| {}),
        ..Config::default()
    })
    .await
    .unwrap();
    let mut client = Client::new(SAMPLE_KEY, format!("http://{}", sim.addr()));
    client.pace = false;
    (sim, client)
}

async fn call(client: &Client, op: Operation, params: &[(&str, &str)]) -> Reply {
    client
        .call(op, params)
        .await
        .unwrap_or_else(|e| panic!("{op} {params:?}: {e}"))
}

/// The code of a refusal (the call must fail).
async fn refused(client: &Client, op: Operation, params: &[(&str, &str)]) -> (String, u16, String) {
    match client.call(op, params).await {
        Err(ClientError::Refused(r)) => (r.code.id().to_string(), r.status, r.text),
        other => panic!("{op} {params:?}: expected a refusal, got {other:?}"),
    }
}

fn records(r: Reply) -> Vec<santral_server::client::Record> {
    match r {
        Reply::Records { records, .. } => records,
        other => panic!("not records: {other:?}"),
    }
}

fn field<'r>(rec: &'r santral_server::client::Record, name: &str) -> &'r Value {
    &rec.iter().find(|(n, _)| *n == name).unwrap().1
}

fn id(r: Reply) -> String {
    match r {
        Reply::Id(n) => n.to_string(),
        other => panic!("not an id: {other:?}"),
    }
}

const SOUND: &str = "data:audio/mp3;name:anons.mp3;base64,SUQzAwAAAAAHdlRZRVIAAAAGAAAAMjAxMwBU";

#[tokio::test]
async fn every_resource_operation_with_its_state_and_its_failures() {
    use Operation as O;
    let (sim, c) = simulator(0.0, None).await;
    // Queues 200-202 as the page's example, with members; a new order.
    let queues = records(call(&c, O::ListQueues, &[]).await);
    assert_eq!(queues.len(), 3);
    assert_eq!(field(&queues[0], "number"), &Value::Int(200));
    call(
        &c,
        O::SetQueueMembers,
        &[("queue_number", "200"), ("user_list", "1002,1000")],
    )
    .await;
    let members = records(call(&c, O::ListQueueMembers, &[("queue_number", "200")]).await);
    let users: Vec<&Value> = members.iter().map(|m| field(m, "user")).collect();
    assert_eq!(users, [&Value::Int(1002), &Value::Int(1000)]);
    let (code, status, text) = refused(&c, O::ListQueueMembers, &[("queue_number", "205")]).await;
    assert_eq!(
        (code.as_str(), status, text.as_str()),
        (
            "response.not_found",
            400,
            "Queue_number value null or none 205"
        )
    );
    let (code, _, text) = refused(
        &c,
        O::SetQueueMembers,
        &[("queue_number", "200"), ("user_list", "1000,1009")],
    )
    .await;
    assert_eq!(
        (code.as_str(), text.as_str()),
        (
            "response.extension_not_found",
            "User value null or none 1009"
        )
    );
    assert!(records(call(&c, O::ListQueueWaiting, &[]).await).is_empty());
    // DND, and the user statuses that show it.
    assert_eq!(
        call(&c, O::SetDnd, &[("extension", "1001"), ("state", "on")]).await,
        Reply::Dnd {
            extension: "1001".into(),
            on: true
        }
    );
    let statuses = records(call(&c, O::ListUserStatuses, &[("user", "1001")]).await);
    assert_eq!(field(&statuses[0], "status"), &Value::Text("SS_DND".into()));
    let (code, _, text) = refused(&c, O::SetDnd, &[("extension", "1005"), ("state", "on")]).await;
    assert_eq!(
        (code.as_str(), text.as_str()),
        ("response.extension_not_found", "extension 1005 not found")
    );
    // Agents: each queue member, with its queues.
    let agents = records(call(&c, O::ListAgentStatuses, &[("queue", "200")]).await);
    assert_eq!(agents.len(), 2);
    // Caller ids; an extension's outbound caller id.
    let ids = records(call(&c, O::ListCallerIds, &[]).await);
    assert_eq!(ids.len(), 3);
    assert_eq!(
        call(
            &c,
            O::SetOutboundCallerId,
            &[("extension", "1001"), ("caller_id", "908505320000")]
        )
        .await,
        Reply::Ok
    );
    // Announcements: create, list, replace, delete; the documented failures.
    let a = id(call(
        &c,
        O::CreateAnnouncement,
        &[("name", "karşılama"), ("sounddata", SOUND)],
    )
    .await);
    let list = records(call(&c, O::ListAnnouncements, &[]).await);
    assert_eq!(field(&list[0], "name"), &Value::Text("karşılama".into()));
    call(
        &c,
        O::UpdateAnnouncement,
        &[("id", &a), ("name", "yeni"), ("sounddata", SOUND)],
    )
    .await;
    let list = records(call(&c, O::ListAnnouncements, &[]).await);
    assert_eq!(field(&list[0], "name"), &Value::Text("yeni".into()));
    assert_eq!(
        call(&c, O::DeleteAnnouncement, &[("id", &a)]).await,
        Reply::Ok
    );
    let (code, _, text) = refused(&c, O::DeleteAnnouncement, &[("id", &a)]).await;
    assert_eq!(
        (code.as_str(), text),
        (
            "response.not_found",
            format!("cannot find announcement with id: {a}")
        )
    );
    let (code, _, _) = refused(
        &c,
        O::UpdateAnnouncement,
        &[("id", "456"), ("name", "x"), ("sounddata", SOUND)],
    )
    .await;
    assert_eq!(code, "response.not_found");
    // The phone book: groups and contacts, a contact in two groups, a
    // group deleted under it; the contact page's "group" typo kept.
    let g1 = id(call(&c, O::CreateContactGroup, &[("name", "Müşteriler")]).await);
    let g2 = id(call(&c, O::CreateContactGroup, &[("name", "Arkadaşlarım")]).await);
    call(
        &c,
        O::UpdateContactGroup,
        &[("id", &g2), ("name", "Dostlar")],
    )
    .await;
    let both = format!("{g1},{g2}");
    let contact = id(call(
        &c,
        O::CreateContact,
        &[
            ("name", "Verimor"),
            ("phone", "05531234567"),
            ("birthday", "01.01.1990"),
            ("birthday_sms", "true"),
            ("group_ids", &both),
        ],
    )
    .await);
    call(
        &c,
        O::UpdateContact,
        &[("id", &contact), ("surname", "Telekomünikasyon")],
    )
    .await;
    call(&c, O::DeleteContactGroup, &[("id", &g1)]).await;
    let contacts = records(call(&c, O::ListContacts, &[]).await);
    assert_eq!(contacts.len(), 1);
    assert_eq!(
        field(&contacts[0], "surname"),
        &Value::Text("Telekomünikasyon".into())
    );
    assert_eq!(field(&contacts[0], "birthday_sms"), &Value::Bool(true));
    assert_eq!(
        field(&contacts[0], "group_ids"),
        &Value::List(vec![Value::Int(g2.parse().unwrap())])
    );
    let (code, _, text) = refused(
        &c,
        O::CreateContact,
        &[("name", "x"), ("phone", "05531234567"), ("group_ids", &g1)],
    )
    .await;
    assert_eq!(
        (code.as_str(), text),
        (
            "response.not_found",
            format!("cannot find group with id: {g1}")
        )
    );
    call(&c, O::DeleteContact, &[("id", &contact)]).await;
    let (_, _, text) = refused(&c, O::DeleteContact, &[("id", &contact)]).await;
    assert_eq!(text, format!("cannot find group with id: {contact}"));
    let groups = records(call(&c, O::ListContactGroups, &[]).await);
    assert_eq!(groups.len(), 1);
    // Blocked numbers: block (twice: one entry), list, unblock by another form.
    let b = id(call(&c, O::BlockNumber, &[("number", "05531234567")]).await);
    assert_eq!(
        id(call(&c, O::BlockNumber, &[("number", "05531234567")]).await),
        b
    );
    assert_eq!(records(call(&c, O::ListBlockedNumbers, &[]).await).len(), 1);
    assert_eq!(
        call(&c, O::UnblockNumber, &[("number", "905531234567")]).await,
        Reply::Ok
    );
    assert!(records(call(&c, O::ListBlockedNumbers, &[]).await).is_empty());
    // A fax: an order that completes in simulated time and lands in /fdrs,
    // whose document URL serves a PDF.
    let fax = id(call(
        &c,
        O::SendFax,
        &[
            ("remote_station_id", "902123205072"),
            ("filedata", "data:application/pdf;base64,JVBERi0xLjQK"),
        ],
    )
    .await);
    let mut done = None;
    for _ in 0..100 {
        let orders = records(call(&c, O::ListFaxOrders, &[]).await);
        assert_eq!(field(&orders[0], "id"), &Value::Int(fax.parse().unwrap()));
        if field(&orders[0], "status") != &Value::Text("Bekliyor".into()) {
            done = Some(orders);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(done.is_some(), "the fax never completed");
    let fdrs = records(
        call(
            &c,
            O::ListFaxRecords,
            &[("direction", "outbound"), ("success", "true")],
        )
        .await,
    );
    let Value::Text(uuid) = field(&fdrs[0], "call_uuid").clone() else {
        panic!()
    };
    let Reply::Url { url, .. } = call(&c, O::FaxDocumentUrl, &[("call_uuid", &uuid)]).await else {
        panic!()
    };
    let pdf = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF\n"));
    let (code, _, _) = refused(
        &c,
        O::FaxDocumentUrl,
        &[("call_uuid", "f3797dfc-a818-11e7-bf70-cb295b6663ce")],
    )
    .await;
    assert_eq!(code, "response.call_not_found");
    // Voicemail: none yet; the documented failure for an unknown uuid.
    assert!(records(call(&c, O::ListVoicemails, &[]).await).is_empty());
    let (code, _, text) = refused(
        &c,
        O::VoicemailUrl,
        &[("uuid", "12345678-1234-5678-4321-123456789012")],
    )
    .await;
    assert_eq!(
        (code.as_str(), text.as_str()),
        (
            "response.not_found",
            "cannot find voicemail with uuid 12345678-1234-5678-4321-123456789012"
        )
    );
    // Web phone: a W token for an extension; an unknown one refused.
    let Reply::Token(t) = call(&c, O::CreateWebphoneToken, &[("extension", "1000")]).await else {
        panic!()
    };
    assert!(t.starts_with('W') && t.len() == 37, "{t}");
    let (code, _, _) = refused(&c, O::CreateWebphoneToken, &[("extension", "1009")]).await;
    assert_eq!(code, "response.extension_not_found");
    // Call control on an unknown call: the documented "No such channel!".
    for op in [O::Answer, O::Hangup, O::Mute, O::Transfer] {
        let mut params = vec![("call_uuid", "f3797dfc-a818-11e7-bf70-cb295b6663ce")];
        match op {
            O::Mute => params.push(("state", "on")),
            O::Transfer => params.push(("user_number", "1000")),
            _ => {}
        }
        let (code, status, text) = refused(&c, op, &params).await;
        assert_eq!(
            (code.as_str(), status, text.as_str()),
            ("response.no_such_channel", 400, "No such channel!"),
            "{op}"
        );
    }
    let (code, _, _) = refused(
        &c,
        O::RecordingUrl,
        &[("call_uuid", "f3797dfc-a818-11e7-bf70-cb295b6663ce")],
    )
    .await;
    assert_eq!(code, "response.call_not_found");
    sim.stop().await;
}

/// Calls in progress (a real-time clock): bridge and originate start
/// calls that hangup, mute, transfer and answer act on; a transfer shows
/// in the call record's flow; a recording URL serves a WAV.
#[tokio::test]
async fn calls_in_progress_obey_call_control() {
    use Operation as O;
    let (sim, c) = simulator(1.0, None).await;
    let Reply::CallUuid(bridged) = call(
        &c,
        O::Bridge,
        &[
            ("source", "905321234567"),
            ("destination", "905423456789"),
            ("recording_enabled", "true"),
        ],
    )
    .await
    else {
        panic!()
    };
    let Reply::CallUuid(originated) = call(
        &c,
        O::Originate,
        &[("extension", "1001"), ("destination", "908505320000")],
    )
    .await
    else {
        panic!()
    };
    for op in [O::Mute, O::Answer] {
        let mut params = vec![("call_uuid", originated.as_str())];
        if op == O::Mute {
            params.push(("state", "on"));
        }
        assert_eq!(call(&c, op, &params).await, Reply::Ok, "{op}");
    }
    assert_eq!(
        call(
            &c,
            O::Transfer,
            &[("call_uuid", &originated), ("user_number", "1003")]
        )
        .await,
        Reply::Ok
    );
    let (code, _, _) = refused(
        &c,
        O::Transfer,
        &[("call_uuid", &originated), ("user_number", "1009")],
    )
    .await;
    assert_eq!(code, "response.extension_not_found");
    for uuid in [&bridged, &originated] {
        assert_eq!(call(&c, O::Hangup, &[("call_uuid", uuid)]).await, Reply::Ok);
    }
    // Ended: a second hangup finds no channel; the records exist.
    let (code, _, _) = refused(&c, O::Hangup, &[("call_uuid", &originated)]).await;
    assert_eq!(code, "response.no_such_channel");
    let mut detail = String::new();
    for _ in 0..100 {
        if let Ok(Reply::Json(d)) = c.call(O::GetCdr, &[("call_uuid", &originated)]).await {
            detail = d;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        detail.contains("\"destination_number\":\"1003\""),
        "the transfer is not in the flow: {detail}"
    );
    // The originated call was answered (by `answer`): its recording is served.
    let Reply::Url { url, .. } = call(&c, O::RecordingUrl, &[("call_uuid", &originated)]).await
    else {
        panic!()
    };
    let wav = reqwest::get(&url).await.unwrap();
    assert_eq!(wav.headers()["content-type"], "audio/wav");
    let bytes = wav.bytes().await.unwrap();
    assert!(bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WAVE");
    sim.stop().await;
}

/// The newer documentation set's forms by raw HTTP, each answered as the
/// older form is; a method neither set shows is 405 with Allow.
#[tokio::test]
async fn both_dialects_and_wrong_methods() {
    let (sim, c) = simulator(0.0, None).await;
    let base = format!("http://{}", sim.addr());
    let k = SAMPLE_KEY;
    let http = reqwest::Client::new();
    let send = |m: reqwest::Method, path: String, body: Option<(&'static str, String)>| {
        let mut r = http.request(m, format!("{base}{path}"));
        if let Some((ct, b)) = body {
            r = r.header("content-type", ct).body(b);
        }
        async move {
            let r = r.send().await.unwrap();
            let op = r
                .headers()
                .get("x-santral-operation")
                .map(|v| v.to_str().unwrap().to_string());
            let allow = r
                .headers()
                .get("allow")
                .map(|v| v.to_str().unwrap().to_string());
            (r.status().as_u16(), op, allow, r.text().await.unwrap())
        }
    };
    use reqwest::Method as M;
    // POST /originate with JSON, the key in the query.
    let (s, op, _, body) = send(
        M::POST,
        format!("/originate?key={k}"),
        Some((
            "application/json",
            r#"{"extension": "1001", "destination": "908505320000"}"#.into(),
        )),
    )
    .await;
    assert_eq!(
        (s, op.as_deref(), body.len()),
        (200, Some("originate"), 36),
        "{body}"
    );
    // A campaign paused and started by PATCH .json with JSON.
    let created = id(c
        .call(Operation::CreateCampaign, &[("body", &format!(r#"{{"key": "{k}", "call_type": "queue", "name": "x", "queue_number": 200, "thread_multiplier": 1, "phone_list": [{{"phone": "05321234567"}}]}}"#))])
        .await
        .unwrap());
    for status in ["pause", "start", "stop"] {
        let (s, op, _, body) = send(
            M::PATCH,
            format!("/ivr_campaigns/{created}.json?key={k}"),
            Some(("application/json", format!(r#"{{"status": "{status}"}}"#))),
        )
        .await;
        assert_eq!(
            (s, op.as_deref(), body.as_str()),
            (200, Some("set_campaign_status"), "OK"),
            "{status}"
        );
    }
    // ISO timestamps and offsets for /cdrs.
    for from in [
        "2022-12-01T00:00:00",
        "2022-12-01 03:00:00 +0300",
        "2022-12-01 00:00:00 UTC",
    ] {
        let (s, op, _, body) = send(
            M::GET,
            format!(
                "/cdrs?key={k}&start_stamp_from={}",
                from.replace(' ', "%20").replace('+', "%2B")
            ),
            None,
        )
        .await;
        assert_eq!(
            (s, op.as_deref()),
            (200, Some("list_cdrs")),
            "{from}: {body}"
        );
    }
    // Transfer both ways on an unknown call: the same documented failure.
    let (s1, _, _, b1) = send(
        M::GET,
        format!("/transfer/f3797dfc-a818-11e7-bf70-cb295b6663ce?key={k}&user_number=1000"),
        None,
    )
    .await;
    let (s2, _, _, b2) = send(
        M::POST,
        format!("/transfer?key={k}&id=f3797dfc-a818-11e7-bf70-cb295b6663ce&user_number=1000"),
        None,
    )
    .await;
    assert_eq!((s1, b1.as_str()), (400, "No such channel!"));
    assert_eq!((s2, b2), (s1, b1));
    // An announcement as the newer set sends it: JSON, plain base64; PATCH.
    let (s, _, _, a) = send(
        M::POST,
        format!("/announcements?key={k}"),
        Some((
            "application/json",
            r#"{"name": "anons", "content": "SUQzAwAAAAAHdlRZ"}"#.into(),
        )),
    )
    .await;
    assert_eq!(s, 200, "{a}");
    let (s, op, _, _) = send(
        M::PATCH,
        format!("/announcements/{a}?key={k}"),
        Some((
            "application/json",
            r#"{"name": "yeni", "content": "SUQzAwAAAAAHdlRZ"}"#.into(),
        )),
    )
    .await;
    assert_eq!((s, op.as_deref()), (200, Some("update_announcement")));
    // The key in a form, in JSON, in the query: all read.
    let (s, _, _, _) = send(
        M::POST,
        "/contact_groups".into(),
        Some((
            "application/json",
            format!(r#"{{"key": "{k}", "name": "a"}}"#),
        )),
    )
    .await;
    let (s2, _, _, _) = send(
        M::POST,
        format!("/contact_groups?key={k}"),
        Some(("application/x-www-form-urlencoded", "name=b".into())),
    )
    .await;
    assert_eq!((s, s2), (200, 200));
    // The newer set's queue membership, one extension at a time, by name.
    let (s, _, _, body) = send(
        M::GET,
        format!("/queue/manage_users?key={k}&queue=Kuyruk%201&extension=1003&action=add"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let (_, _, _, members) = send(
        M::GET,
        format!("/queue/user_list?key={k}&queue=Kuyruk%201"),
        None,
    )
    .await;
    assert!(members.contains("1003"), "{members}");
    // A recording URL in the newer form answers JSON {url, expires_at}.
    let (s, _, _, body) = send(
        M::POST,
        format!("/recording_url?key={k}&call_uuid=f3797dfc-a818-11e7-bf70-cb295b6663ce"),
        None,
    )
    .await;
    assert_eq!(s, 400, "{body}");
    // The newer set's mute (no state), delete .json, fax by JSON with a
    // document URL, the document itself by GET /fax_document/{id}, the
    // voicemail URL by call_uuid.
    let (s, op, _, body) = send(
        M::GET,
        format!("/mute/f3797dfc-a818-11e7-bf70-cb295b6663ce?key={k}"),
        None,
    )
    .await;
    assert_eq!(
        (s, op.as_deref(), body.as_str()),
        (400, Some("mute"), "No such channel!")
    );
    let (s, op, _, body) = send(
        M::DELETE,
        format!("/ivr_campaigns/{created}.json?key={k}"),
        None,
    )
    .await;
    assert_eq!(
        (s, op.as_deref(), body.as_str()),
        (200, Some("delete_campaign"), "OK")
    );
    let (s, op, _, fax) = send(
        M::POST,
        format!("/fax_orders?key={k}"),
        Some((
            "application/json",
            r#"{"destination": "908505320000", "document_url": "http://127.0.0.1:9/belge.pdf"}"#
                .into(),
        )),
    )
    .await;
    assert_eq!((s, op.as_deref()), (200, Some("send_fax")), "{fax}");
    let mut pdf = (0, String::new());
    for _ in 0..100 {
        let (s, _, _, body) = send(M::GET, format!("/fax_document/{fax}?key={k}"), None).await;
        pdf = (s, body);
        if s == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(pdf.0 == 200 && pdf.1.starts_with("%PDF-"), "{pdf:?}");
    let (s, _, _, body) = send(
        M::POST,
        format!("/fax_document_url?key={k}"),
        Some(("application/x-www-form-urlencoded", format!("id={fax}"))),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let (s, _, _, body) = send(
        M::POST,
        format!("/voicemail_recording_url?key={k}&call_uuid=12345678-1234-5678-4321-123456789012"),
        None,
    )
    .await;
    assert_eq!(
        (s, body.as_str()),
        (
            400,
            "cannot find voicemail with uuid 12345678-1234-5678-4321-123456789012"
        )
    );
    // Malformed fax data: the page's own text.
    let (s, _, _, body) = send(
        M::POST,
        "/fax_orders".into(),
        Some((
            "application/x-www-form-urlencoded",
            format!(
                "key={k}&remote_station_id=902123205072&filedata=data:application/pdf;base64,!!!!"
            ),
        )),
    )
    .await;
    assert_eq!((s, body.as_str()), (400, "invalid base64"));
    // Wrong methods: 405 with Allow; unknown paths 404; a bad key 401 on
    // the phone-book pages, 400 elsewhere.
    let (s, _, allow, _) = send(M::PUT, "/originate".into(), None).await;
    assert_eq!((s, allow.as_deref()), (405, Some("GET, POST")));
    let (s, _, allow, _) = send(M::DELETE, "/queues".into(), None).await;
    assert_eq!((s, allow.as_deref()), (405, Some("GET")));
    let (s, _, _, _) = send(M::GET, "/nothing".into(), None).await;
    assert_eq!(s, 404);
    let (s, _, _, body) = send(M::GET, "/contacts?key=K0".into(), None).await;
    assert_eq!((s, body.as_str()), (401, "Gecersiz anahtar: K0"));
    let (s, _, _, body) = send(M::GET, "/queues?key=K0".into(), None).await;
    assert_eq!((s, body.as_str()), (400, "Gecersiz anahtar: K0"));
    // Invalid UTF-8 and oversized uploads.
    let (s, _, _, _) = send(
        M::POST,
        format!("/contact_groups?key={k}"),
        Some(("application/x-www-form-urlencoded", "name=%FF".into())),
    )
    .await;
    assert_eq!(s, 400);
    let big = format!(
        "name=x&sounddata=data:audio/mp3;base64,{}",
        "A".repeat(40 * 1024 * 1024)
    );
    let (s, _, _, _) = send(
        M::POST,
        format!("/announcements?key={k}"),
        Some(("application/x-www-form-urlencoded", big)),
    )
    .await;
    assert_eq!(s, 413);
    let (s, _, _, body) = send(
        M::POST,
        format!("/announcements?key={k}"),
        Some((
            "application/x-www-form-urlencoded",
            "name=x&sounddata=data:audio/exe;name:x.exe;base64,SUQz".into(),
        )),
    )
    .await;
    assert_eq!(s, 400, "{body}");
    assert!(
        body.starts_with("Sound file should have one of these extensions"),
        "{body}"
    );
    sim.stop().await;
}

/// The office survives a restart with --state: every resource kind.
#[tokio::test]
async fn the_office_is_kept_across_a_restart() {
    use Operation as O;
    let dir = std::env::temp_dir().join(format!("santral-office-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.db");
    let (sim, c) = simulator(0.0, Some(state.clone())).await;
    call(&c, O::SetDnd, &[("extension", "1002"), ("state", "on")]).await;
    call(
        &c,
        O::SetQueueMembers,
        &[("queue_number", "201"), ("user_list", "1004")],
    )
    .await;
    let a = id(call(
        &c,
        O::CreateAnnouncement,
        &[("name", "anons"), ("sounddata", SOUND)],
    )
    .await);
    let g = id(call(&c, O::CreateContactGroup, &[("name", "grup")]).await);
    id(call(
        &c,
        O::CreateContact,
        &[
            ("name", "kişi"),
            ("phone", "05321234567"),
            ("group_ids", &g),
        ],
    )
    .await);
    id(call(&c, O::BlockNumber, &[("number", "05551234567")]).await);
    id(call(
        &c,
        O::SendFax,
        &[
            ("remote_station_id", "902123205072"),
            ("filedata", "data:application/pdf;base64,JVBE"),
        ],
    )
    .await);
    call(
        &c,
        O::SetOutboundCallerId,
        &[("extension", "1000"), ("caller_id", "902129630131")],
    )
    .await;
    sim.stop().await;
    let (sim, c) = simulator(0.0, Some(state)).await;
    let statuses = records(call(&c, O::ListUserStatuses, &[("user", "1002")]).await);
    assert_eq!(field(&statuses[0], "status"), &Value::Text("SS_DND".into()));
    let members = records(call(&c, O::ListQueueMembers, &[("queue_number", "201")]).await);
    assert_eq!(field(&members[0], "user"), &Value::Int(1004));
    let list = records(call(&c, O::ListAnnouncements, &[]).await);
    assert_eq!(field(&list[0], "id"), &Value::Int(a.parse().unwrap()));
    assert_eq!(records(call(&c, O::ListContactGroups, &[]).await).len(), 1);
    assert_eq!(records(call(&c, O::ListContacts, &[]).await).len(), 1);
    assert_eq!(records(call(&c, O::ListBlockedNumbers, &[]).await).len(), 1);
    assert_eq!(records(call(&c, O::ListFaxOrders, &[]).await).len(), 1);
    // New ids continue after the kept ones.
    let g2 = id(call(&c, O::CreateContactGroup, &[("name", "iki")]).await);
    assert!(g2.parse::<u64>().unwrap() > g.parse::<u64>().unwrap());
    sim.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Inbound calls (issue 28 §3), routed by a routing file the core read: a
/// blocked caller rejected, an extension on DND sends the caller to its
/// voicemail (a message with a URL serving a WAV), a queue holds the
/// caller in /queues/pending until a member takes it, a number the file
/// does not list is not the PBX's.
#[tokio::test]
async fn inbound_calls_follow_the_routing() {
    use santral_server::simulator::trigger;
    use Operation as O;
    let text: &'static [u8] = b"[[number]]\nnumber = \"902129630131\"\ntarget = \"user/1001\"\nno_answer_seconds = 5\n\n[[number]]\nnumber = \"908505320000\"\ntarget = \"queue/201\"\n";
    let routing = santral::routing::read(text, &mut santral::diag::Counter::default()).unwrap();
    let sim = Simulator::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        speed: 30.0,
        seed: Some(9),
        rate_limits: false,
        routing: Some(routing),
        log: Log::to(|_| {}),
        ..Config::default()
    })
    .await
    .unwrap();
    let base = format!("http://{}", sim.addr());
    let mut c = Client::new(SAMPLE_KEY, base.clone());
    c.pace = false;
    let inbound = |from: &'static str, to: &'static str| {
        let base = base.clone();
        async move {
            let (status, body) = trigger(&base, "inbound", &[("from", from), ("to", to)])
                .await
                .unwrap();
            (
                status,
                serde_json::from_str::<serde_json::Value>(&body)
                    .unwrap_or(serde_json::Value::String(body)),
            )
        }
    };
    call(&c, O::BlockNumber, &[("number", "05551234567")]).await;
    let (s, v) = inbound("+905551234567", "902129630131").await;
    assert_eq!(s, 200);
    assert!(
        v["outcome"].as_str().unwrap().starts_with("rejected"),
        "{v}"
    );
    // DND: straight to the voicemail, which keeps a message.
    call(&c, O::SetDnd, &[("extension", "1001"), ("state", "on")]).await;
    let (_, v) = inbound("05334979714", "02129630131").await;
    assert_eq!(v["voicemail"], "1001", "{v}");
    let mut messages = Vec::new();
    for _ in 0..200 {
        messages = records(call(&c, O::ListVoicemails, &[("user_number", "1001")]).await);
        if !messages.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(messages.len(), 1, "no voicemail message");
    assert_eq!(
        field(&messages[0], "caller_id_number"),
        &Value::Text("05334979714".into())
    );
    assert_eq!(field(&messages[0], "read_stamp"), &Value::Null);
    let Value::Text(uuid) = field(&messages[0], "uuid").clone() else {
        panic!()
    };
    let Reply::Url { url, .. } = call(&c, O::VoicemailUrl, &[("uuid", &uuid)]).await else {
        panic!()
    };
    assert!(reqwest::get(&url)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .starts_with(b"RIFF"));
    let messages = records(call(&c, O::ListVoicemails, &[("read", "true")]).await);
    assert_eq!(messages.len(), 1, "listened to, it is read");
    // A queue: the caller waits in /queues/pending, then a member takes it.
    let (_, v) = inbound("05334979714", "08505320000").await;
    let call_uuid = v["call_uuid"].as_str().unwrap().to_string();
    let waiting = records(call(&c, O::ListQueueWaiting, &[]).await);
    assert_eq!(waiting.len(), 1, "{v}");
    assert_eq!(field(&waiting[0], "call_uuid"), &Value::Text(call_uuid));
    assert_eq!(field(&waiting[0], "queue_number"), &Value::Int(201));
    let mut left = false;
    for _ in 0..200 {
        if records(call(&c, O::ListQueueWaiting, &[]).await).is_empty() {
            left = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(left, "the caller never left the queue");
    // Not a number of this PBX; not a number at all.
    let (s, _) = inbound("05334979714", "902161234567").await;
    assert_eq!(s, 404);
    let (s, _) = inbound("05334979714", "12").await;
    assert_eq!(s, 400);
    sim.stop().await;
}

/// The book's simulator guide (docs/src/guides/simulator.md) names every
/// operation once.
#[test]
fn the_readme_says_what_each_operation_does_here() {
    let readme = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/src/guides/simulator.md"
    ))
    .unwrap();
    let start = readme.find("<!-- simulator-operations:begin").unwrap();
    let end = readme.find("<!-- simulator-operations:end").unwrap();
    let table = &readme[start..end];
    for op in Operation::ALL {
        let cell = format!("| `{}` |", op.as_str());
        assert_eq!(
            table.matches(&cell).count(),
            1,
            "{op} in the simulator guide's table"
        );
    }
    assert_eq!(
        table
            .lines()
            .filter(|l| l.trim_start().starts_with("| `"))
            .count(),
        Operation::ALL.len()
    );
}
