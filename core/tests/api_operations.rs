//! Every operation of the table against the vendor's pages: each request
//! as the older page's example shows it (byte for byte for targets and
//! form bodies, as JSON values for JSON bodies), each documented success
//! read into its type, each documented failure read into its code, bad
//! parameters refused at their name.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::ops::ControlFlow;

use santral::api::operations::Reply;
use santral::api::records::{list_items, Cell};
use santral::api::{Call, Method, Operation, Place, Pool, Success, SAMPLE_KEY};
use santral::diag::{Collector, Diagnostic};

const K: &str = SAMPLE_KEY;
const UUID: &str = "f3797dfc-a818-11e7-bf70-cb295b6663ce";

fn call(op: Operation, params: &[(&str, &str)]) -> (String, String, Option<&'static str>) {
    let c = Call::new(op, K, params);
    let mut diags = Vec::new();
    let ok = c.check(&mut |d: Diagnostic| {
        diags.push(d.code.id());
        ControlFlow::Continue(())
    });
    assert!(ok, "{op}: {diags:?}");
    let out = (
        c.target().to_string(),
        c.body().to_string(),
        c.content_type(),
    );
    out
}

fn diagnostics(op: Operation, params: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    Call::new(op, K, params).check(&mut |d: Diagnostic| {
        out.push((d.code.id().to_string(), d.path.to_string()));
        ControlFlow::Continue(())
    });
    out
}

#[test]
fn the_table_is_whole_and_consistent() {
    assert_eq!(Operation::ALL.len(), 45);
    for (i, op) in Operation::ALL.iter().enumerate() {
        let spec = op.spec();
        assert_eq!(spec.op, *op, "row {i} is out of order");
        assert!(spec.param("key").is_some(), "{op}: no key");
        assert!(!spec.summary.is_empty() && !spec.page.is_empty(), "{op}");
        // Each `{name}` of the path is a path parameter, and the reverse.
        let holes: Vec<&str> = spec
            .path
            .split('{')
            .skip(1)
            .map(|s| s.split('}').next().unwrap())
            .collect();
        let path_params: Vec<&str> = spec
            .params
            .iter()
            .filter(|p| p.place == Place::Path)
            .map(|p| p.name)
            .collect();
        assert_eq!(holes, path_params, "{op}");
        // One body kind at most, and none on a GET.
        let bodies: Vec<Place> = spec
            .params
            .iter()
            .map(|p| p.place)
            .filter(|p| matches!(p, Place::Form | Place::Json))
            .collect();
        assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{op}");
        assert!(spec.method != Method::Get || bodies.is_empty(), "{op}");
        let mut names: Vec<&str> = spec.params.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), spec.params.len(), "{op}: a name twice");
        // The pool of the rate table is the one the path is counted in.
        let concrete = spec
            .path
            .replace("{call_uuid}", UUID)
            .replace("{id}", "1")
            .replace("{extension}", "1000");
        assert_eq!(Pool::of_path(&concrete), spec.pool, "{op}");
        for f in spec.failures {
            assert_eq!(
                op.read_reply(f.status, f.text.as_bytes(), &mut Collector::<4>::new())
                    .unwrap_err()
                    .code(),
                f.code,
                "{op}: {:?}",
                f.text
            );
        }
    }
    // Every operation's published success reads into its type, records
    // without an error.
    for op in Operation::ALL {
        let body = op.spec().success.as_bytes();
        let mut sink = Collector::<8>::new();
        match op.read_reply(200, body, &mut sink) {
            Ok(Success::Records(list)) => {
                let s = list.read(&mut sink, |_| ControlFlow::Continue(()));
                assert!(
                    s.errors == 0 && s.records > 0,
                    "{op}: {:?}",
                    sink.diagnostics()
                );
            }
            Ok(Success::Cdrs(page)) => {
                assert_eq!(
                    page.read(&mut sink, |_| ControlFlow::Continue(())).errors,
                    0,
                    "{op}"
                );
            }
            Ok(_) => {}
            Err(f) => panic!("{op}: {f:?}"),
        }
    }
    // The status pool is shared by the two status lists, as the vendor's
    // rate table says.
    assert_eq!(
        Operation::ListAgentStatuses.pool(),
        Operation::ListUserStatuses.pool()
    );
}

#[test]
fn get_requests_as_the_older_pages_show_them() {
    let q = |op, params: &[(&str, &str)]| call(op, params).0;
    assert_eq!(
        q(Operation::Bridge, &[("source", "905321234567"), ("destination", "905423456789"), ("recording_enabled", "false")]),
        "/bridge?key=K12345678-1234-5678-4321-123456789012&source=905321234567&destination=905423456789&recording_enabled=false"
    );
    assert_eq!(
        q(Operation::Hangup, &[("call_uuid", UUID)]),
        format!("/hangup/{UUID}?key={K}")
    );
    for state in ["on", "off"] {
        assert_eq!(
            q(Operation::Mute, &[("call_uuid", UUID), ("state", state)]),
            format!("/mute/{UUID}?state={state}&key={K}")
        );
        assert_eq!(
            q(
                Operation::SetDnd,
                &[("extension", "1010"), ("state", state)]
            ),
            format!("/dnd/1010?state={state}&key={K}")
        );
    }
    assert_eq!(
        q(
            Operation::Transfer,
            &[("call_uuid", UUID), ("user_number", "1000")]
        ),
        format!("/transfer/{UUID}?user_number=1000&key={K}")
    );
    assert_eq!(
        q(Operation::Answer, &[("call_uuid", UUID)]),
        format!("/answer/{UUID}?key={K}")
    );
    assert_eq!(
        q(
            Operation::SetOutboundCallerId,
            &[("extension", "1001"), ("caller_id", "908505320001")]
        ),
        format!("/update_outbound_caller_id?key={K}&extension=1001&caller_id=908505320001")
    );
    for (op, path) in [
        (Operation::ListAnnouncements, "/announcements"),
        (Operation::ListCallerIds, "/caller_ids"),
        (Operation::ListQueues, "/queues"),
        (Operation::ListQueueWaiting, "/queues/pending"),
        (Operation::ListVoicemails, "/voicemail_messages"),
        (Operation::ListContactGroups, "/contact_groups"),
        (Operation::ListContacts, "/contacts"),
        (Operation::ListBlockedNumbers, "/blocked_numbers"),
        (Operation::ListFaxOrders, "/fax_orders"),
        (Operation::ListFaxRecords, "/fdrs"),
        (Operation::ListAgentStatuses, "/agent_statuses"),
        (Operation::ListUserStatuses, "/user_statuses"),
    ] {
        assert_eq!(q(op, &[]), format!("{path}?key={K}"), "{op}");
        assert_eq!(op.method(), Method::Get);
    }
    assert_eq!(
        q(Operation::ListQueueMembers, &[("queue_number", "200")]),
        format!("/queue/user_list?key={K}&queue_number=200")
    );
    assert_eq!(
        q(
            Operation::SetQueueMembers,
            &[("queue_number", "200"), ("user_list", "1000,1001,1002")]
        ),
        format!("/queue/manage_users?key={K}&queue_number=200&user_list=1000%2C1001%2C1002")
    );
    assert_eq!(
        q(Operation::UnblockNumber, &[("number", "05531234567")]),
        format!("/blocked_numbers/delete?key={K}&number=05531234567")
    );
    assert_eq!(
        q(Operation::ListVoicemails, &[("start_stamp_from", "2017-08-03 12:30:32 UTC"), ("read", "false"), ("limit", "100"), ("page", "2")]),
        format!("/voicemail_messages?key={K}&start_stamp_from=2017-08-03%2012:30:32%20UTC&read=false&limit=100&page=2")
    );
    // A number to call is written as /originate takes it.
    assert_eq!(
        q(
            Operation::Bridge,
            &[("source", "05321234567"), ("destination", "+493027590915")]
        )
        .split_once("&source=")
        .unwrap()
        .1,
        "905321234567&destination=00493027590915"
    );
}

#[test]
fn form_and_json_bodies_as_the_older_pages_show_them() {
    let form = "application/x-www-form-urlencoded";
    assert_eq!(
        call(
            Operation::RecordingUrl,
            &[("call_uuid", "12345678-1234-5678-4321-123456789012")]
        ),
        (
            "/recording_url/".into(),
            format!("key={K}&call_uuid=12345678-1234-5678-4321-123456789012"),
            Some(form)
        )
    );
    assert_eq!(
        call(
            Operation::VoicemailUrl,
            &[("uuid", "12345678-1234-5678-4321-123456789012")]
        ),
        (
            "/voicemail_recording_url/".into(),
            format!("key={K}&uuid=12345678-1234-5678-4321-123456789012"),
            Some(form)
        )
    );
    assert_eq!(
        call(
            Operation::FaxDocumentUrl,
            &[("call_uuid", "e28e5d48-05d8-11e8-663a-fde60c59425c")]
        ),
        (
            "/fax_document_url/".into(),
            format!("key={K}&call_uuid=e28e5d48-05d8-11e8-663a-fde60c59425c"),
            Some(form)
        )
    );
    let sound =
        "data:audio/mp3;name:anons.mp3;base64,SUQzAwAAAAAHdlRZRVIAAAAGAAAAMjAxMwBU__5P-AAw=";
    let (target, body, ctype) = call(
        Operation::CreateAnnouncement,
        &[("name", "karşılama sesi"), ("sounddata", sound)],
    );
    assert_eq!((target.as_str(), ctype), ("/announcements", Some(form)));
    let pairs: Vec<(String, String)> = form_pairs(&body);
    assert_eq!(
        pairs,
        [
            ("key".into(), K.into()),
            ("name".into(), "karşılama sesi".into()),
            ("sounddata".into(), sound.into())
        ]
    );
    let (target, body, _) = call(
        Operation::UpdateAnnouncement,
        &[("id", "21870"), ("name", "x"), ("sounddata", sound)],
    );
    assert_eq!(
        (target.as_str(), Operation::UpdateAnnouncement.method()),
        ("/announcements/21870", Method::Put)
    );
    assert!(body.starts_with(&format!("key={K}&name=x&sounddata=")));
    assert_eq!(
        call(Operation::DeleteAnnouncement, &[("id", "21870")]),
        (
            "/announcements/21870".into(),
            format!("key={K}"),
            Some(form)
        )
    );
    // The page's remote_station_id (901234567891) has no Turkish prefix:
    // a real receiving number stands in for it.
    let (target, body, _) = call(
        Operation::SendFax,
        &[
            ("local_station_id", "908505321234"),
            ("local_station_header", "Bulutsantralim"),
            ("remote_station_id", "902123205072"),
            ("filedata", "data:image/png;base64,iVBORw0KGgo+/="),
        ],
    );
    assert_eq!(target, "/fax_orders");
    assert_eq!(
        form_pairs(&body),
        [
            ("key", K),
            ("local_station_id", "908505321234"),
            ("local_station_header", "Bulutsantralim"),
            ("remote_station_id", "902123205072"),
            ("filedata", "data:image/png;base64,iVBORw0KGgo+/=")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );

    let json = |op, params: &[(&str, &str)]| {
        let (target, body, ctype) = call(op, params);
        assert_eq!(ctype, Some("application/json"), "{op}");
        (
            target,
            serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        )
    };
    use serde_json::json;
    assert_eq!(
        json(Operation::CreateContactGroup, &[("name", "Müşteriler")]),
        (
            "/contact_groups".into(),
            json!({"key": K, "name": "Müşteriler"})
        )
    );
    assert_eq!(
        json(
            Operation::UpdateContactGroup,
            &[("id", "20212"), ("name", "Arkadaşlarım")]
        ),
        (
            "/contact_groups/20212".into(),
            json!({"key": K, "name": "Arkadaşlarım"})
        )
    );
    assert_eq!(
        json(Operation::DeleteContactGroup, &[("id", "20212")]),
        ("/contact_groups/20212".into(), json!({"key": K}))
    );
    assert_eq!(
        json(Operation::BlockNumber, &[("number", "05531234567")]),
        (
            "/blocked_numbers".into(),
            json!({"key": K, "number": "05531234567"})
        )
    );
    assert_eq!(
        json(Operation::CreateWebphoneToken, &[("extension", "1000")]),
        (
            "/webphone_tokens".into(),
            json!({"key": K, "extension": "1000"})
        )
    );
    assert_eq!(
        json(
            Operation::UpdateContact,
            &[("id", "10203"), ("name", "Bulutsantralim")]
        ),
        (
            "/contacts/10203".into(),
            json!({"key": K, "name": "Bulutsantralim"})
        )
    );
    assert_eq!(
        json(Operation::DeleteContact, &[("id", "10203")]),
        ("/contacts/10203".into(), json!({"key": K}))
    );
    // The page's example, its duplicate "group_ids:[]" keys as one array.
    let contact = [
        ("name", "Verimor"),
        ("surname", "Telekomünikasyon"),
        ("tckn", "12345678910"),
        ("description", "A.Ş."),
        ("phone", "05531234567"),
        ("phone1", "05531234569"),
        ("email", "info@verimor.com.tr"),
        ("title", "Sabit Telefon Operatörü"),
        ("phone2", "02123205062"),
        ("fax", "02123205072"),
        ("gender", "m"),
        ("birthday", "01.01.1990"),
        ("birthday_sms", "true"),
        ("weddingday", "01.01.2018"),
        ("weddingday_sms", "true"),
        ("note1", ""),
        ("company_name", "Verimor Telekomünikasyon"),
        ("monthly_sms_day", "9"),
        ("monthly_sms_message", "Bu gün ayın dokuzu"),
        ("group_ids", "20212,20213"),
    ];
    let (target, body) = json(Operation::CreateContact, &contact);
    assert_eq!(target, "/contacts");
    assert_eq!(body["group_ids"], json!([20212, 20213]));
    assert_eq!(body["birthday_sms"], json!("true"));
    assert_eq!(body["phone"], json!("05531234567"));
    assert!(body.get("note1").is_none(), "an empty value is not sent");
}

fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            let decode = |s: &str| {
                let s = s.replace('+', " ");
                let bytes = s.as_bytes();
                let mut out = Vec::new();
                let mut i = 0;
                while i < bytes.len() {
                    if bytes[i] == b'%' {
                        out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                        i += 3;
                    } else {
                        out.push(bytes[i]);
                        i += 1;
                    }
                }
                String::from_utf8(out).unwrap()
            };
            (decode(k), decode(v))
        })
        .collect()
}

#[test]
fn bad_parameters_are_refused_at_their_name() {
    assert_eq!(
        diagnostics(Operation::Hangup, &[]),
        [("api.missing_param".into(), "call_uuid".into())]
    );
    assert_eq!(
        diagnostics(
            Operation::Transfer,
            &[("call_uuid", UUID), ("user_nmber", "1000")]
        ),
        [
            ("api.unknown_param".into(), "user_nmber".into()),
            ("api.missing_param".into(), "user_number".into())
        ]
    );
    assert_eq!(
        diagnostics(
            Operation::Bridge,
            &[
                ("source", "905321234567"),
                ("destination", "1234"),
                ("timeout", "5")
            ]
        ),
        [
            ("phone.extension_not_allowed".into(), "destination".into()),
            ("api.range".into(), "timeout".into())
        ]
    );
    assert_eq!(
        diagnostics(
            Operation::SetQueueMembers,
            &[("queue_number", "200"), ("user_list", "1000,x1,1002")]
        ),
        [("extension.invalid".into(), "user_list".into())]
    );
    assert_eq!(
        diagnostics(Operation::ListContacts, &[("limit", "101")]),
        [("api.range".into(), "limit".into())]
    );
    assert_eq!(
        diagnostics(
            Operation::ListVoicemails,
            &[("start_stamp_from", "2017-08-03 12:30:32 +0300")]
        ),
        [("cdr.filter_zone".into(), "start_stamp_from".into())]
    );
    let contact = |extra: &[(&'static str, &'static str)]| {
        let mut p = vec![("name", "Ali"), ("phone", "05321234567")];
        p.extend_from_slice(extra);
        diagnostics(Operation::CreateContact, &p)
    };
    assert_eq!(
        contact(&[("birthday_sms", "true")]),
        [("api.required_when".into(), "birthday".into())]
    );
    assert_eq!(contact(&[("birthday_sms", "false")]), []);
    assert_eq!(
        contact(&[("monthly_sms_day", "9")]),
        [("api.required_when".into(), "monthly_sms_message".into())]
    );
    assert_eq!(
        contact(&[("birthday", "31.02.1990")]),
        [("api.date".into(), "birthday".into())]
    );
    assert_eq!(
        contact(&[("gender", "x")]),
        [("api.choice".into(), "gender".into())]
    );
    let sound = |data: &'static str| {
        diagnostics(
            Operation::CreateAnnouncement,
            &[("name", "x"), ("sounddata", data)],
        )
    };
    assert_eq!(sound("data:audio/mp3;base64,AAAA"), []);
    assert_eq!(
        sound("data:audio/mp3;base64,AA+A"),
        [("api.base64".into(), "sounddata".into())]
    );
    assert_eq!(
        sound("data:audio/mp3;base64,AA\r\nAA"),
        [("api.base64".into(), "sounddata".into())]
    );
    assert_eq!(
        sound("data:application/pdf;name:a.pdf;base64,AAAA"),
        [("api.sound_format".into(), "sounddata".into())]
    );
    assert_eq!(
        sound("SUQzAwAA"),
        [("api.data_url".into(), "sounddata".into())]
    );
    // The suggestion names the closest parameter.
    let mut first = None;
    Call::new(
        Operation::SetDnd,
        K,
        &[("extension", "1010"), ("stat", "on")],
    )
    .check(&mut |d: Diagnostic| {
        first.get_or_insert(d);
        ControlFlow::Continue(())
    });
    assert_eq!(first.unwrap().suggestion, Some("state"));
    // A bad key is found before anything is sent.
    let mut codes = Vec::new();
    Call::new(Operation::ListQueues, "", &[]).check(&mut |d: Diagnostic| {
        codes.push(d.code.id());
        ControlFlow::Continue(())
    });
    assert_eq!(codes, ["api_key.empty"]);
}

#[test]
fn the_eight_typed_operations_write_what_their_request_writes() {
    let (target, _, _) = call(
        Operation::Originate,
        &[("extension", "1001"), ("destination", "08505320000")],
    );
    assert_eq!(
        target,
        format!("/originate?key={K}&extension=1001&destination=908505320000")
    );
    let (target, body, _) = call(
        Operation::SetCampaignStatus,
        &[("id", "112"), ("status", "off")],
    );
    assert_eq!(
        (target.as_str(), body),
        ("/ivr_campaigns/112", format!("key={K}&status=off"))
    );
    // The typed request's own rules still hold (31 days at most).
    assert_eq!(
        diagnostics(
            Operation::ListCdrs,
            &[
                ("start_stamp_from", "2017-08-03 12:30:32 UTC"),
                ("start_stamp_to", "2017-09-03 12:30:33 UTC")
            ]
        ),
        [("cdr.range_too_long".into(), "start_stamp_to".into())]
    );
}

fn read(op: Operation, status: u16, body: &str) -> Result<Success<'_>, String> {
    op.read_reply(status, body.as_bytes(), &mut Collector::<8>::new())
        .map_err(|f| f.code().id().to_string())
}

fn rows(op: Operation, body: &str) -> Vec<Vec<(String, String)>> {
    let Ok(Success::Records(list)) = read(op, 200, body) else {
        panic!("{op}: not records")
    };
    let mut out = Vec::new();
    let mut sink = Collector::<8>::new();
    let summary = list.read(&mut sink, |row| {
        out.push(
            row.iter()
                .filter(|(_, c)| **c != Cell::Absent)
                .map(|(f, c)| (f.name.to_string(), show(c)))
                .collect(),
        );
        ControlFlow::Continue(())
    });
    assert_eq!(summary.errors, 0, "{op}: {:?}", sink.diagnostics());
    out
}

fn show(c: &Cell<'_>) -> String {
    match c {
        Cell::Int(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Text(s) => s.as_str().unwrap_or("?").to_string(),
        Cell::Stamp(t) => t.to_string(),
        Cell::List(raw) => {
            let mut items = Vec::new();
            list_items(raw, |i| items.push(show(&i)));
            format!("[{}]", items.join(","))
        }
        Cell::Null => "null".into(),
        Cell::Raw(r) => format!("raw:{}", String::from_utf8_lossy(r)),
        Cell::Absent => "absent".into(),
    }
}

#[test]
fn documented_successes_read_into_their_types() {
    assert_eq!(read(Operation::Hangup, 200, "+OK\n"), Ok(Success::Ok));
    assert_eq!(read(Operation::Mute, 200, "+OK"), Ok(Success::Ok));
    assert_eq!(read(Operation::SetQueueMembers, 200, "OK"), Ok(Success::Ok));
    assert_eq!(read(Operation::UnblockNumber, 200, ""), Ok(Success::Ok));
    assert!(
        matches!(read(Operation::SetDnd, 200, "Changed DND of 1010 to on."), Ok(Success::Dnd { extension, state }) if extension.as_str() == "1010" && state.is_on())
    );
    assert!(
        matches!(read(Operation::CreateAnnouncement, 200, "859"), Ok(Success::Id(id)) if id.get() == 859)
    );
    assert!(
        matches!(read(Operation::BlockNumber, 200, "20212"), Ok(Success::Id(id)) if id.get() == 20212)
    );
    assert!(
        matches!(read(Operation::Bridge, 200, "358c20bc-fd86-11e5-87a2-157d41a07454"), Ok(Success::CallStarted(u)) if u.as_str() == "358c20bc-fd86-11e5-87a2-157d41a07454")
    );
    assert!(matches!(
        read(
            Operation::CreateWebphoneToken,
            200,
            "W03311746-d56d-489b-801f-da610aba71cf"
        ),
        Ok(Success::Token("W03311746-d56d-489b-801f-da610aba71cf"))
    ));
    let url = "https://api.bulutsantralim.com/recording/Rbb9d6f36-d1a7-46f5-961e-4be2e2ba1b8e";
    assert!(
        matches!(read(Operation::RecordingUrl, 200, url), Ok(Success::Url { url: u, expires_at: None }) if u.as_str() == Some(url))
    );
    // The newer set's JSON form.
    let newer = r#"{"url": "https://x.example/r/1", "expires_at": "2025-01-15T11:30:00Z"}"#;
    assert!(
        matches!(read(Operation::RecordingUrl, 200, newer), Ok(Success::Url { url: u, expires_at: Some(e) }) if u.as_str() == Some("https://x.example/r/1") && e.as_str() == Some("2025-01-15T11:30:00Z"))
    );
    assert_eq!(
        read(Operation::RecordingUrl, 200, "not a url"),
        Err("response.unexpected".into())
    );
    assert_eq!(
        read(Operation::SetDnd, 200, "+OK"),
        Err("response.unexpected".into())
    );

    let s = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        rows(
            Operation::ListAnnouncements,
            r#"[{"id":112,"name":"Firmamıza hoşgeldiniz"},{"id":113,"name":"Kalite standlarımız gereği"}]"#
        ),
        [
            s(&[("id", "112"), ("name", "Firmamıza hoşgeldiniz")]),
            s(&[("id", "113"), ("name", "Kalite standlarımız gereği")])
        ]
    );
    assert_eq!(
        rows(
            Operation::ListCallerIds,
            r#"["908501234567", "902121234567"]"#
        ),
        [
            s(&[("number", "908501234567")]),
            s(&[("number", "902121234567")])
        ]
    );
    assert_eq!(
        rows(
            Operation::ListQueues,
            r#"[{"number": 200, "name": "Kuyruk 1"}]"#
        ),
        [s(&[("number", "200"), ("name", "Kuyruk 1")])]
    );
    assert_eq!(
        rows(
            Operation::ListQueueWaiting,
            r#"[{"queue_number": "200", "uuid": "a7713781-xxxx-44b0-xxxx-38f24c4b55bb", "call_uuid": "f776683e-1bde-4b58-bc43-128b99497bd9", "caller_id": "905320000000", "joined_at": "1624947819"}]"#
        ),
        [s(&[
            ("queue_number", "200"),
            ("uuid", "a7713781-xxxx-44b0-xxxx-38f24c4b55bb"),
            ("call_uuid", "f776683e-1bde-4b58-bc43-128b99497bd9"),
            ("caller_id", "905320000000"),
            ("joined_at", "1624947819")
        ])]
    );
    assert_eq!(
        rows(
            Operation::ListQueueMembers,
            r#"[{"user":1000,"name":"DAHİLİ-1"}]"#
        ),
        [s(&[("user", "1000"), ("name", "DAHİLİ-1")])]
    );
    // The page's example has a trailing comma (not JSON); without it:
    let voicemails = r#"{"messages":[{"start_stamp":"2017-08-03 12:30:32 +0300","read_stamp":"2017-08-03 14:31:32 +0300","user_number":"1002","uuid":"651f8a68-782e-11g7-a6b6-5bedc26e2ab3","caller_id_number":"03121234567","caller_id_name":"Mehmet Yılmaz","duration":"00:01:05"}],"pagination":{"page":1,"total_count":25,"total_pages":3,"limit":10}}"#;
    let v = rows(Operation::ListVoicemails, voicemails);
    assert_eq!(
        v[0][0],
        ("start_stamp".into(), "2017-08-03 12:30:32 +0300".into())
    );
    assert_eq!(v[0].len(), 7);
    let Ok(Success::Records(list)) = read(Operation::ListVoicemails, 200, voicemails) else {
        panic!()
    };
    assert_eq!(
        list.read(&mut Collector::<1>::new(), |_| ControlFlow::Continue(()))
            .pagination
            .map(|p| p.total_pages),
        Some(3)
    );
    let contacts = r#"{"contacts":[{"id":10203,"name":"Verimor","birthday_sms":true,"monthly_sms_day":9,"group_ids":[20212, 20213]}],"pagination":{"page":1,"total_count":1,"total_pages":1,"limit":10}}"#;
    assert_eq!(
        rows(Operation::ListContacts, contacts),
        [s(&[
            ("id", "10203"),
            ("name", "Verimor"),
            ("birthday_sms", "true"),
            ("monthly_sms_day", "9"),
            ("group_ids", "[20212,20213]")
        ])]
    );
    assert_eq!(
        rows(
            Operation::ListBlockedNumbers,
            r#"{"blocked_numbers":[{"id":4274,"number":"905531234567"}],"pagination":{"page":1,"total_count":1,"total_pages":1,"limit":10}}"#
        ),
        [s(&[("id", "4274"), ("number", "905531234567")])]
    );
    assert_eq!(
        rows(
            Operation::ListFaxOrders,
            r#"{"fax_orders":[{"id":96,"created_at":"2018-06-05 16:41:39","local_station_id":"902129630131","remote_station_id":"902123205072","status":"Bekliyor"}],"pagination":{"page":1,"total_count":1,"total_pages":1,"limit":10}}"#
        )[0][1],
        ("created_at".into(), "2018-06-05 16:41:39".into())
    );
    let fdr = rows(
        Operation::ListFaxRecords,
        r#"{"fdrs":[{"call_uuid":"3289fe02-2dc7-11e8-9a23-1f0cd544cc6v","direction":"Giden","pages_count":"0 / 0","transfer_rate":14400,"duration":15,"success":true,"result":"Başarılı"}],"pagination":{"page":1,"total_count":1,"total_pages":1,"limit":10}}"#,
    );
    assert_eq!(fdr[0][3], ("transfer_rate".into(), "14400".into()));
    assert_eq!(
        rows(
            Operation::ListAgentStatuses,
            r#"[{"agent": "1026", "status": "ON_BREAK", "queues": ["204"], "break_description": "Kahve"}]"#
        ),
        [s(&[
            ("agent", "1026"),
            ("status", "ON_BREAK"),
            ("queues", "[204]"),
            ("break_description", "Kahve")
        ])]
    );
    assert_eq!(
        rows(
            Operation::ListUserStatuses,
            r#"[{"user":1003,"status":"SS_DND"}]"#
        ),
        [s(&[("user", "1003"), ("status", "SS_DND")])]
    );
    assert_eq!(
        rows(
            Operation::ListContactGroups,
            r#"[{"id":20212,"name":"Müşteriler"}]"#
        ),
        [s(&[("id", "20212"), ("name", "Müşteriler")])]
    );

    // A value without its form is kept as text, with a warning.
    let Ok(Success::Records(list)) = read(Operation::ListQueues, 200, r#"[{"number": "iki yüz"}]"#)
    else {
        panic!()
    };
    let mut sink = Collector::<4>::new();
    let mut cell = None;
    let summary = list.read(&mut sink, |row| {
        cell = row.get("number").copied();
        ControlFlow::Continue(())
    });
    assert_eq!((summary.errors, summary.warnings), (0, 1));
    assert_eq!(cell, Some(Cell::Raw(b"\"iki y\xc3\xbcz\"")));
}

#[test]
fn documented_failures_read_into_their_codes() {
    for (op, status, body, code) in [
        (
            Operation::Hangup,
            400,
            "No such channel!",
            "response.no_such_channel",
        ),
        (
            Operation::Bridge,
            400,
            "invalid destination: 1234",
            "response.invalid",
        ),
        (
            Operation::DeleteAnnouncement,
            400,
            "cannot find announcement with id: 456",
            "response.not_found",
        ),
        (
            Operation::UpdateContact,
            400,
            "cannot find group with id: 10203",
            "response.not_found",
        ),
        (
            Operation::ListContacts,
            401,
            "Gecersiz anahtar: K12345678-1234-5678-4321-123456789012",
            "response.invalid_key",
        ),
        (
            Operation::BlockNumber,
            400,
            "number required",
            "response.blank",
        ),
        (
            Operation::SendFax,
            400,
            "invalid base64",
            "response.invalid_data",
        ),
        (
            Operation::CreateWebphoneToken,
            400,
            "cannot find employee for extension",
            "response.no_employee",
        ),
        (
            Operation::VoicemailUrl,
            400,
            "cannot find voicemail with uuid 12345678-1234-5678-4321-123456789012",
            "response.not_found",
        ),
        (
            Operation::SetQueueMembers,
            400,
            "User value null or none 1001",
            "response.extension_not_found",
        ),
        (
            Operation::ListQueueWaiting,
            429,
            "",
            "response.rate_limited",
        ),
        (
            Operation::ListUserStatuses,
            503,
            "down",
            "response.unexpected",
        ),
    ] {
        assert_eq!(read(op, status, body), Err(code.to_string()), "{op} {body}");
    }
    // The text is kept as sent.
    let f = Operation::Hangup
        .read_reply(400, b"No such channel!", &mut Collector::<1>::new())
        .unwrap_err();
    assert_eq!(f.to_string(), "No such channel!");
}

#[test]
fn replies_kinds_cover_every_row() {
    for op in Operation::ALL {
        let kind = op.spec().reply;
        if let Reply::Records(t) = kind {
            assert!(t.fields.len() <= santral::api::records::MAX_FIELDS, "{op}");
            assert!(!t.paged || t.list_key.is_some(), "{op}");
        }
    }
    // Nothing in the redacted form shows the key.
    let c = Call::new(Operation::Hangup, K, &[("call_uuid", UUID)]);
    assert_eq!(
        c.redacted().to_string(),
        format!("GET /hangup/{UUID}?key=K1234…9012")
    );
}
