//! The PBX's side of every operation: each request santral writes routes
//! back to its operation with its parameters; each form the newer
//! documentation set shows is read into the older names; bad requests
//! are refused in the vendor's order with its texts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use santral::api::route::{route, Context, Refused, Routed};
use santral::api::{Call, Method, Operation, SAMPLE_KEY};
use santral::diag::Counter;

const K: &str = SAMPLE_KEY;

fn known(k: &str) -> bool {
    k == K
}

fn go<'a>(
    method: &str,
    target: &'a str,
    body: &'a str,
    buf: &'a mut [u8],
) -> Result<Routed<'a>, Refused<'a>> {
    let ctx = Context { is_key: &known };
    route(
        method,
        target,
        body.as_bytes(),
        buf,
        &ctx,
        &mut Counter::default(),
    )
}

#[test]
fn every_request_santral_writes_routes_back_to_itself() {
    let examples: &[(Operation, &[(&str, &str)])] = &[
        (
            Operation::Bridge,
            &[
                ("source", "05321234567"),
                ("destination", "+493027590915"),
                ("timeout", "30"),
            ],
        ),
        (
            Operation::Answer,
            &[("call_uuid", "f3797dfc-a818-11e7-bf70-cb295b6663ce")],
        ),
        (Operation::Hangup, &[("call_uuid", "f3797dfc")]),
        (
            Operation::Transfer,
            &[("call_uuid", "f3797dfc"), ("user_number", "1000")],
        ),
        (
            Operation::Mute,
            &[("call_uuid", "f3797dfc"), ("state", "on")],
        ),
        (
            Operation::SetDnd,
            &[("extension", "1010"), ("state", "off")],
        ),
        (Operation::RecordingUrl, &[("call_uuid", "12345678")]),
        (
            Operation::CreateAnnouncement,
            &[
                ("name", "karşılama sesi & müzik"),
                ("sounddata", "data:audio/mp3;name:a%20b.mp3;base64,SUQz-_8="),
            ],
        ),
        (
            Operation::UpdateAnnouncement,
            &[
                ("id", "21870"),
                ("name", "x"),
                ("sounddata", "data:audio/wav;base64,UklG"),
            ],
        ),
        (Operation::DeleteAnnouncement, &[("id", "21870")]),
        (
            Operation::SetOutboundCallerId,
            &[("extension", "1001"), ("caller_id", "08505320001")],
        ),
        (Operation::ListQueueMembers, &[("queue_number", "200")]),
        (
            Operation::SetQueueMembers,
            &[("queue_number", "200"), ("user_list", "1000,1001")],
        ),
        (
            Operation::ListVoicemails,
            &[
                ("start_stamp_from", "2017-08-03 12:30:32 UTC"),
                ("read", "true"),
                ("limit", "50"),
                ("page", "2"),
            ],
        ),
        (Operation::VoicemailUrl, &[("uuid", "651f8a68")]),
        (
            Operation::CreateContactGroup,
            &[("name", "Müşteriler \"VIP\"")],
        ),
        (
            Operation::UpdateContactGroup,
            &[("id", "20212"), ("name", "x")],
        ),
        (Operation::DeleteContact, &[("id", "10203")]),
        (
            Operation::CreateContact,
            &[
                ("name", "Ali"),
                ("phone", "05321234567"),
                ("birthday", "01.01.1990"),
                ("birthday_sms", "true"),
                ("group_ids", "20212,20213"),
                ("monthly_sms_day", "9"),
                ("monthly_sms_message", "selam"),
            ],
        ),
        (
            Operation::UpdateContact,
            &[("id", "10203"), ("email", "a@b.com")],
        ),
        (Operation::BlockNumber, &[("number", "05531234567")]),
        (Operation::UnblockNumber, &[("number", "05531234567")]),
        (
            Operation::SendFax,
            &[
                ("remote_station_id", "902123205072"),
                ("local_station_header", "Bulut"),
                ("filedata", "data:application/pdf;base64,JVBE+/8="),
            ],
        ),
        (
            Operation::ListFaxRecords,
            &[("direction", "inbound"), ("success", "false")],
        ),
        (Operation::FaxDocumentUrl, &[("call_uuid", "e28e5d48")]),
        (
            Operation::ListAgentStatuses,
            &[("status", "ON_BREAK"), ("queue", "204")],
        ),
        (Operation::ListUserStatuses, &[("user", "1000")]),
        (Operation::CreateWebphoneToken, &[("extension", "1000")]),
        (
            Operation::Originate,
            &[
                ("extension", "1001"),
                ("destination", "08505320000"),
                ("manual_answer", "true"),
            ],
        ),
        (
            Operation::SetCampaignStatus,
            &[("id", "112"), ("status", "off")],
        ),
        (Operation::ListCdrs, &[("missed", "true"), ("limit", "100")]),
        (Operation::GetCdr, &[("call_uuid", "5cfdfb46")]),
    ];
    for op in Operation::ALL {
        let params: &[(&str, &str)] = examples
            .iter()
            .find(|(o, _)| o == op)
            .map_or(&[], |(_, p)| p);
        if op
            .spec()
            .params
            .iter()
            .any(|p| p.required && p.name != "key" && !params.iter().any(|(n, _)| *n == p.name))
        {
            continue; // create_campaign and the like: a document, routed below
        }
        let call = Call::new(*op, K, params);
        assert!(call.check(&mut Counter::default()), "{op}");
        let target = call.target().to_string();
        let body = call.body().to_string();
        let mut buf = [0u8; 4096];
        let r = go(op.method().as_str(), &target, &body, &mut buf)
            .unwrap_or_else(|e| panic!("{op}: {} {e}", e.status));
        assert_eq!((r.op, r.newer), (*op, false), "{op}");
        assert_eq!(r.get("key"), Some(K), "{op}");
        for (name, value) in params {
            let got = r.get(name).unwrap_or_else(|| panic!("{op}: {name}"));
            // A number to call travels in its wire form.
            if op.spec().param(name).unwrap().kind == santral::api::Kind::Phone {
                assert!(
                    got.starts_with("90") || got.starts_with("00"),
                    "{op} {name}={got}"
                );
            } else {
                assert_eq!(got, *value, "{op} {name}");
            }
        }
    }
}

#[test]
fn the_newer_sets_forms_read_into_the_older_names() {
    let kq = format!("key={K}");
    type Case<'a> = (&'a str, String, String, Operation, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case<'_>> = vec![
        // The key in the query of a POST, fields in JSON.
        ("POST", format!("/contact_groups?{kq}"), r#"{"name": "Müşteriler"}"#.into(), Operation::CreateContactGroup, vec![("name", "Müşteriler")]),
        // POST /originate with JSON.
        ("POST", format!("/originate?{kq}"), r#"{"extension": "1001", "destination": "905001234567", "manual_answer": false, "timeout": 30}"#.into(), Operation::Originate, vec![("extension", "1001"), ("manual_answer", "false"), ("timeout", "30")]),
        // PATCH …/{id}.json with start/pause/stop.
        ("PATCH", format!("/ivr_campaigns/112.json?{kq}"), r#"{"status": "pause"}"#.into(), Operation::SetCampaignStatus, vec![("id", "112"), ("status", "off")]),
        ("PATCH", format!("/ivr_campaigns/112.json?{kq}"), r#"{"status": "start"}"#.into(), Operation::SetCampaignStatus, vec![("status", "on")]),
        ("DELETE", format!("/ivr_campaigns/123.json?{kq}"), String::new(), Operation::DeleteCampaign, vec![("id", "123")]),
        // POST /transfer?id&user_number.
        ("POST", format!("/transfer?{kq}&id=f3797dfc&user_number=1002"), String::new(), Operation::Transfer, vec![("call_uuid", "f3797dfc"), ("user_number", "1002")]),
        // /answer only in the newer set; mute without state.
        ("GET", format!("/answer/f3797dfc?{kq}"), String::new(), Operation::Answer, vec![("call_uuid", "f3797dfc")]),
        ("GET", format!("/mute/f3797dfc?{kq}"), String::new(), Operation::Mute, vec![("call_uuid", "f3797dfc")]),
        // ISO timestamps.
        ("GET", format!("/cdrs?{kq}&start_stamp_from=2025-01-01T00:00:00&start_stamp_to=2025-01-31T23:59:59&direction=inbound"), String::new(), Operation::ListCdrs, vec![("start_stamp_from", "2025-01-01 00:00:00 UTC"), ("start_stamp_to", "2025-01-31 23:59:59 UTC")]),
        ("GET", format!("/voicemail_messages?{kq}&start_stamp_from=2025-01-01T00:00:00%2B03:00"), String::new(), Operation::ListVoicemails, vec![("start_stamp_from", "2025-01-01 00:00:00 +0300")]),
        // The trailing slashes, present or not; the key in the query.
        ("POST", format!("/recording_url?{kq}&call_uuid=abc"), String::new(), Operation::RecordingUrl, vec![("call_uuid", "abc")]),
        ("POST", "/recording_url/".into(), format!("{kq}&call_uuid=abc"), Operation::RecordingUrl, vec![("call_uuid", "abc")]),
        // voicemail_recording_url's call_uuid for uuid.
        ("POST", format!("/voicemail_recording_url?{kq}&call_uuid=651f8a68"), String::new(), Operation::VoicemailUrl, vec![("uuid", "651f8a68")]),
        // Announcements: content and PATCH.
        ("POST", format!("/announcements?{kq}"), r#"{"name": "hosgeldiniz", "content": "SUQzAwAA"}"#.into(), Operation::CreateAnnouncement, vec![("name", "hosgeldiniz"), ("content", "SUQzAwAA")]),
        ("PATCH", format!("/announcements/21870?{kq}"), r#"{"name": "x", "content": "SUQz"}"#.into(), Operation::UpdateAnnouncement, vec![("id", "21870"), ("content", "SUQz")]),
        // Faxes: JSON destination and document_url; fax_document_url with id.
        ("POST", format!("/fax_orders?{kq}"), r#"{"destination": "908505320000", "document_url": "https://ornek.com/belge.pdf"}"#.into(), Operation::SendFax, vec![("remote_station_id", "908505320000"), ("document_url", "https://ornek.com/belge.pdf")]),
        ("POST", format!("/fax_document_url?{kq}"), "id=123".into(), Operation::FaxDocumentUrl, vec![("call_uuid", "123")]),
        // queue/manage_users and user_list by queue name.
        ("GET", format!("/queue/manage_users?{kq}&queue=destek&extension=1003&action=add"), String::new(), Operation::SetQueueMembers, vec![("queue", "destek"), ("extension", "1003"), ("action", "add")]),
        ("GET", format!("/queue/user_list?{kq}&queue=destek"), String::new(), Operation::ListQueueMembers, vec![("queue", "destek")]),
    ];
    for (method, target, body, op, want) in &cases {
        let mut buf = [0u8; 2048];
        let r = go(method, target, body, &mut buf)
            .unwrap_or_else(|e| panic!("{method} {target}: {} {e}", e.status));
        assert_eq!(r.op, *op, "{method} {target}");
        for (name, value) in want {
            assert_eq!(r.get(name), Some(*value), "{method} {target} {name}");
        }
    }
    // A group list in JSON is read as the older text.
    let mut buf = [0u8; 1024];
    let target = format!("/contacts?{kq}");
    let r = go(
        "POST",
        &target,
        r#"{"name": "Ali", "phone": "05321234567", "group_ids": [20212, 20213]}"#,
        &mut buf,
    )
    .unwrap();
    assert_eq!(r.get("group_ids"), Some("20212,20213"));
}

#[test]
fn refusals_come_in_the_vendors_order_with_its_texts() {
    let kq = format!("key={K}");
    let cases: Vec<(&str, String, &str, u16, &str)> = vec![
        ("GET", "/nope".into(), "", 404, "Not Found"),
        (
            "PUT",
            format!("/hangup/x?{kq}"),
            "",
            405,
            "Method Not Allowed",
        ),
        (
            "GET",
            "/contacts?key=K0".into(),
            "",
            401,
            "Gecersiz anahtar: K0",
        ),
        (
            "GET",
            "/queues?key=K0".into(),
            "",
            400,
            "Gecersiz anahtar: K0",
        ),
        (
            "POST",
            format!("/blocked_numbers?{kq}"),
            "{}",
            400,
            "number required",
        ),
        (
            "POST",
            format!("/webphone_tokens?{kq}"),
            "{}",
            400,
            "missing extension",
        ),
        (
            "GET",
            format!("/queue/manage_users?{kq}&queue_number=200"),
            "",
            400,
            "user_list value null or none",
        ),
        (
            "GET",
            format!("/bridge?{kq}&source=905321234567&destination=1234"),
            "",
            400,
            "invalid destination: 1234",
        ),
        (
            "GET",
            format!("/dnd/1010?{kq}&state=maybe"),
            "",
            400,
            "state is invalid",
        ),
        (
            "POST",
            format!("/contact_groups?{kq}"),
            "{\"name\": ",
            400,
            "INVALID_JSON",
        ),
        (
            "GET",
            format!("/transfer/abc?{kq}"),
            "",
            400,
            "user_number can't be blank",
        ),
    ];
    for (method, target, body, status, text) in &cases {
        let mut buf = [0u8; 1024];
        let e = go(method, target, body, &mut buf)
            .err()
            .unwrap_or_else(|| panic!("{method} {target}: accepted"));
        assert_eq!(
            (e.status, e.to_string().as_str()),
            (*status, *text),
            "{method} {target}"
        );
    }
    let mut buf = [0u8; 64];
    let e = go("PUT", "/hangup/x", "", &mut buf).unwrap_err();
    assert_eq!(e.allow, [Some(Method::Get), None, None, None, None]);
}
