//! The vectors of the API entry points: `api_request` (an operation's
//! request as the core writes it), `api_reply` (a reply read into a
//! success or a failure) and `api_incoming` (what the PBX answers a
//! request it refuses: the simulator's face).

use serde_json::{json, Value as Json};

use santral::api::incoming::{self, Context};
use santral::api::records::{list_items, Cell};
use santral::api::{Call, Operation, Success, SAMPLE_KEY};
use santral::diag::Collector;
use santral::time::Date;

use super::{diag, s, stamp, u};

/// Each operation beyond the first eight with the parameters of its
/// page's example (a real number where the page's is not one).
pub fn examples() -> Vec<(Operation, &'static [(&'static str, &'static str)])> {
    const UUID: &str = "f3797dfc-a818-11e7-bf70-cb295b6663ce";
    const SOUND: &str =
        "data:audio/mp3;name:anons.mp3;base64,SUQzAwAAAAAHdlRZRVIAAAAGAAAAMjAxMwBU__5P-AAw=";
    use Operation as O;
    vec![
        (O::Bridge, &[("source", "905321234567"), ("destination", "905423456789"), ("recording_enabled", "false")]),
        (O::Answer, &[("call_uuid", UUID)]),
        (O::Hangup, &[("call_uuid", UUID)]),
        (O::Transfer, &[("call_uuid", UUID), ("user_number", "1000")]),
        (O::Mute, &[("call_uuid", UUID), ("state", "on")]),
        (O::SetDnd, &[("extension", "1010"), ("state", "off")]),
        (O::RecordingUrl, &[("call_uuid", "12345678-1234-5678-4321-123456789012")]),
        (O::ListAnnouncements, &[]),
        (O::CreateAnnouncement, &[("name", "karşılama sesi"), ("sounddata", SOUND)]),
        (O::UpdateAnnouncement, &[("id", "21870"), ("name", "karşılama sesi"), ("sounddata", SOUND)]),
        (O::DeleteAnnouncement, &[("id", "21870")]),
        (O::ListCallerIds, &[]),
        (O::SetOutboundCallerId, &[("extension", "1001"), ("caller_id", "908505320001")]),
        (O::ListQueues, &[]),
        (O::ListQueueWaiting, &[]),
        (O::ListQueueMembers, &[("queue_number", "200")]),
        (O::SetQueueMembers, &[("queue_number", "200"), ("user_list", "1000,1001,1002")]),
        (O::ListVoicemails, &[("start_stamp_from", "2017-08-03 12:30:32 UTC"), ("start_stamp_to", "2017-08-30 12:30:32 UTC"), ("read", "false"), ("user_number", "1002"), ("limit", "100"), ("page", "2")]),
        (O::VoicemailUrl, &[("uuid", "12345678-1234-5678-4321-123456789012")]),
        (O::ListContactGroups, &[]),
        (O::CreateContactGroup, &[("name", "Müşteriler")]),
        (O::UpdateContactGroup, &[("id", "20212"), ("name", "Arkadaşlarım")]),
        (O::DeleteContactGroup, &[("id", "20212")]),
        (O::ListContacts, &[("limit", "50")]),
        (O::CreateContact, &[
            ("name", "Verimor"), ("surname", "Telekomünikasyon"), ("tckn", "12345678910"), ("description", "A.Ş."),
            ("phone", "05531234567"), ("phone1", "05531234569"), ("email", "info@verimor.com.tr"),
            ("title", "Sabit Telefon Operatörü"), ("phone2", "02123205062"), ("fax", "02123205072"), ("gender", "m"),
            ("birthday", "01.01.1990"), ("birthday_sms", "true"), ("weddingday", "01.01.2018"), ("weddingday_sms", "true"),
            ("company_name", "Verimor Telekomünikasyon"), ("monthly_sms_day", "9"),
            ("monthly_sms_message", "Bu gün ayın dokuzu"), ("group_ids", "20212,20213"),
        ]),
        (O::UpdateContact, &[("id", "10203"), ("name", "Bulutsantralim")]),
        (O::DeleteContact, &[("id", "10203")]),
        (O::ListBlockedNumbers, &[]),
        (O::BlockNumber, &[("number", "05531234567")]),
        (O::UnblockNumber, &[("number", "05531234567")]),
        (O::SendFax, &[("local_station_id", "908505321234"), ("local_station_header", "Bulutsantralim"), ("remote_station_id", "902123205072"), ("filedata", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAlcAAAGCCAIAAABCQnHSAAAAAXNSR0IArs4c6QAAAARnQU1BA")]),
        (O::ListFaxOrders, &[]),
        (O::ListFaxRecords, &[("direction", "outbound"), ("success", "true")]),
        (O::FaxDocumentUrl, &[("call_uuid", "e28e5d48-05d8-11e8-663a-fde60c59425c")]),
        (O::ListAgentStatuses, &[("status", "ON_BREAK")]),
        (O::ListUserStatuses, &[]),
        (O::CreateWebphoneToken, &[("extension", "1000")]),
    ]
}

/// The date the `api_incoming` vectors are read on (the runners start
/// the simulator's clock on it): the Monday of the vendor's examples.
pub const INCOMING_TODAY: &str = "2022-09-12";

const QUEUE: &str = r#"{"key": "K12345678-1234-5678-4321-123456789012", "call_type": "queue", "name": "Queue Test (API)", "queue_number": 204, "thread_multiplier": 1, "phone_list": [{"phone": "05512369874"}, {"phone": "05651236547"}]}"#;

pub(crate) fn cases(add: &mut dyn FnMut(&'static str, Json)) {
    let k = SAMPLE_KEY;
    for a in [
        json!({"operation": "create_campaign", "body": QUEUE}),
        json!({"operation": "create_campaign", "body": "{\"key\": \"K1\","}),
        json!({"operation": "delete_campaign", "key": k, "id": 112}),
        json!({"operation": "delete_campaign", "key": "a+b c&d", "id": 1}),
        json!({"operation": "delete_campaign", "key": k, "id": 0}),
        json!({"operation": "set_campaign_status", "key": k, "id": 112, "status": "off"}),
        json!({"operation": "set_campaign_status", "key": k, "id": 112, "status": "pause"}),
        json!({"operation": "get_crm_settings", "key": k}),
        json!({"operation": "get_crm_settings", "key": ""}),
        json!({"operation": "update_crm_settings", "key": k, "ringing": "on", "answered": "on", "hangup": "off", "notification_url": "https://siteadresi.com/events"}),
        json!({"operation": "update_crm_settings", "key": k, "notification_url": "https://x.com/a?b=1&c=2"}),
        json!({"operation": "update_crm_settings", "key": k, "notification_url": "ftp://x"}),
        json!({"operation": "originate", "key": k, "extension": "1001", "destination": "908505320000"}),
        json!({"operation": "originate", "key": "K+1 2", "extension": "1001", "destination": "00493027590915", "caller_id": "+908505320000", "manual_answer": true, "timeout": 45, "announcement_to_callee": 7, "announcement_to_caller": 8}),
        json!({"operation": "originate", "key": k, "extension": "1001", "destination": "4441234"}),
        json!({"operation": "originate", "key": k, "extension": "1001", "destination": "05321234567", "timeout": 5}),
        json!({"operation": "originate", "key": k, "extension": "1", "destination": "05321234567"}),
        json!({"operation": "originate", "key": k, "extension": "1001", "destination": "0532"}),
        json!({"operation": "list_cdrs", "key": k}),
        json!({"operation": "list_cdrs", "key": k, "start_stamp_from": "2017-08-03 12:30:32 UTC", "start_stamp_to": "2017-09-03 12:30:32 UTC", "recording_present": "deleted", "direction": "inbound", "caller_id_number": "+905321234567", "missed": true, "destination_number": "1001", "queue": "201", "limit": 100, "page": 2}),
        json!({"operation": "list_cdrs", "key": k, "start_stamp_from": "2017-08-03 12:30:32 UTC", "start_stamp_to": "2017-09-03 12:30:33 UTC"}),
        json!({"operation": "list_cdrs", "key": k, "limit": 9}),
        json!({"operation": "list_cdrs", "key": k, "start_stamp_from": "2017-08-03 12:30:32 +0300"}),
        json!({"operation": "get_cdr", "key": k, "call_uuid": "5cfdfb46-776c-11e7-8375-0d58348796d3"}),
        json!({"operation": "get_cdr", "key": k, "call_uuid": "not a uuid"}),
    ] {
        add("api_request", a);
    }
    // Every operation of the table: its page's example parameters, then
    // its published success and each documented failure.
    for (op, params) in examples() {
        let mut a = json!({"operation": op.as_str(), "key": k});
        for (name, value) in params {
            a[*name] = json!(value);
        }
        add("api_request", a);
    }
    for (op, params) in [
        ("hangup", json!({})),
        (
            "transfer",
            json!({"call_uuid": "f3797dfc", "user_nmber": "1000"}),
        ),
        (
            "bridge",
            json!({"source": "905321234567", "destination": "1234", "timeout": 5}),
        ),
        (
            "set_queue_members",
            json!({"queue_number": "200", "user_list": "1000,x1"}),
        ),
        (
            "create_contact",
            json!({"name": "Ali", "phone": "05321234567", "birthday_sms": true, "monthly_sms_day": 9}),
        ),
        (
            "create_announcement",
            json!({"name": "x", "sounddata": "data:audio/mp3;base64,AA+A"}),
        ),
        (
            "create_announcement",
            json!({"name": "x", "sounddata": "data:application/pdf;name:a.pdf;base64,AAAA"}),
        ),
        (
            "list_voicemails",
            json!({"start_stamp_from": "2017-08-03 12:30:32 +0300", "limit": 101}),
        ),
        ("set_dnd", json!({"extension": "1010", "stat": "on"})),
        ("list_queues", json!({"key": ""})),
    ] {
        let mut a = json!({"operation": op, "key": k});
        if let Json::Object(m) = params {
            for (name, value) in m {
                a[name] = value;
            }
        }
        add("api_request", a);
    }
    let uuid = "358c20bc-fd86-11e5-87a2-157d41a07454";
    let crm = r#"{"ringing":"on","answered":"off","hangup":"on","notification_url":"https://siteadresi.com/events"}"#;
    let list = r#"{"cdrs":[{"start_stamp":"2017-08-03 12:30:32 +0300","missed":"true","call_uuid":"a-1"},{"call_uuid":"a-2"}],"pagination":{"page":1,"total_count":25,"total_pages":3,"limit":10}}"#;
    let detail = r#"{"cdr":{"call_uuid":"5cfdfb46-776c-11e7-8375-0d58348796d3","missed":"false"},"call_flow":[{"destination_number":"1001"},{"destination_number":"1000"}]}"#;
    for (op, status, body) in [
        ("create_campaign", 200, "20212"),
        ("create_campaign", 200, "20212\n"),
        ("create_campaign", 200, "OK"),
        ("create_campaign", 400, "name can't be blank"),
        ("create_campaign", 400, "INVALID_JSON"),
        (
            "create_campaign",
            400,
            "phone_list[1].phone is invalid: phone number has too few digits: a Turkish number has 10 digits after the leading 0 (11 with it)",
        ),
        (
            "create_campaign",
            400,
            "webhook_url did not answer the test POST with 200",
        ),
        (
            "create_campaign",
            400,
            "Gecersiz anahtar: K12345678-1234-5678-4321-123456789012",
        ),
        ("delete_campaign", 200, "OK"),
        ("delete_campaign", 200, "ok"),
        (
            "delete_campaign",
            400,
            "Cannot find ivr_campaign with ID 112",
        ),
        ("set_campaign_status", 200, "OK"),
        ("set_campaign_status", 400, "status can't be blank"),
        ("get_crm_settings", 200, crm),
        ("get_crm_settings", 200, r#"{"ringing":"on"}"#),
        ("update_crm_settings", 200, "Ok"),
        (
            "update_crm_settings",
            400,
            "notification_url did not answer the test POST with 200",
        ),
        ("originate", 200, uuid),
        ("originate", 400, "extension 1005 not found"),
        ("originate", 200, "not a uuid!"),
        ("list_cdrs", 200, list),
        (
            "list_cdrs",
            400,
            "limit is invalid: limit must be 10 to 100",
        ),
        ("list_cdrs", 429, "Too Many Requests"),
        ("list_cdrs", 429, ""),
        ("list_cdrs", 503, "Service Unavailable"),
        ("get_cdr", 200, detail),
        ("get_cdr", 200, r#"{"call_flow":[]}"#),
        ("list_cdrs", 200, r#"{"cdrs":[{"call_uuid":1}]}"#),
        (
            "get_cdr",
            404,
            "cannot find call with call_uuid 5cfdfb46-776c-11e7-8375-0d58348796d3",
        ),
        ("get_cdr", 404, "Not Found"),
        ("get_cdr", 500, "<html>boom</html>"),
    ] {
        add(
            "api_reply",
            json!({"operation": op, "status": status, "body": body}),
        );
    }
    for op in Operation::ALL.iter().skip(8) {
        let spec = op.spec();
        add(
            "api_reply",
            json!({"operation": op.as_str(), "status": 200, "body": spec.success}),
        );
        for f in spec.failures {
            add(
                "api_reply",
                json!({"operation": op.as_str(), "status": f.status, "body": f.text}),
            );
        }
    }
    for (op, status, body) in [
        (
            "recording_url",
            200,
            r#"{"url": "https://x.example/r/1", "expires_at": "2025-01-15T11:30:00Z"}"#,
        ),
        ("recording_url", 200, "not a url"),
        ("set_dnd", 200, "+OK"),
        ("list_queues", 200, r#"[{"number": "iki yüz", "name": 7}]"#),
        (
            "list_voicemails",
            200,
            r#"{"messages":[{"uuid":"a"},],"pagination":{}}"#,
        ),
        ("list_queue_waiting", 429, ""),
        (
            "list_contacts",
            401,
            "Gecersiz anahtar: K12345678-1234-5678-4321-123456789012",
        ),
        ("hangup", 500, "<html>boom</html>"),
    ] {
        add(
            "api_reply",
            json!({"operation": op, "status": status, "body": body}),
        );
    }
    // The PBX's side of every operation, both documentation dialects: one
    // vector for each form the two sets disagree on, older and newer.
    let kq = format!("key={k}");
    for (method, target, body) in [
        ("POST", format!("/contact_groups?{kq}"), r#"{"name": "Müşteriler"}"#.to_string()),
        ("POST", "/contact_groups".into(), format!(r#"{{"key": "{k}", "name": "Müşteriler"}}"#)),
        ("GET", format!("/originate?{kq}&extension=1001&destination=905001234567"), String::new()),
        ("POST", format!("/originate?{kq}"), r#"{"extension": "1001", "destination": "905001234567", "caller_id": "908505320000", "manual_answer": false, "timeout": 30}"#.into()),
        ("PATCH", "/ivr_campaigns/112".into(), format!("{kq}&status=off")),
        ("PATCH", format!("/ivr_campaigns/112.json?{kq}"), r#"{"status": "pause"}"#.into()),
        ("PATCH", format!("/ivr_campaigns/112.json?{kq}"), r#"{"status": "start"}"#.into()),
        ("DELETE", format!("/ivr_campaigns/123.json?{kq}"), String::new()),
        ("GET", format!("/transfer/f3797dfc-a818-11e7-bf70-cb295b6663ce?user_number=1000&{kq}"), String::new()),
        ("POST", format!("/transfer?{kq}&id=f3797dfc-a818-11e7-bf70-cb295b6663ce&user_number=1002"), String::new()),
        ("GET", format!("/answer/f3797dfc-a818-11e7-bf70-cb295b6663ce?{kq}"), String::new()),
        ("GET", format!("/mute/f3797dfc-a818-11e7-bf70-cb295b6663ce?state=on&{kq}"), String::new()),
        ("GET", format!("/mute/f3797dfc-a818-11e7-bf70-cb295b6663ce?{kq}"), String::new()),
        ("GET", format!("/cdrs?{kq}&start_stamp_from=2017-08-03%2012:30:32%20UTC"), String::new()),
        ("GET", format!("/cdrs?{kq}&start_stamp_from=2025-01-01T00:00:00&start_stamp_to=2025-01-31T23:59:59&direction=inbound"), String::new()),
        ("POST", "/recording_url/".into(), format!("{kq}&call_uuid=12345678-1234-5678-4321-123456789012")),
        ("POST", format!("/recording_url?{kq}&call_uuid=12345678-1234-5678-4321-123456789012"), String::new()),
        ("POST", "/voicemail_recording_url/".into(), format!("{kq}&uuid=12345678-1234-5678-4321-123456789012")),
        ("POST", format!("/voicemail_recording_url?{kq}&call_uuid=12345678-1234-5678-4321-123456789012"), String::new()),
        ("POST", "/announcements".into(), format!("{kq}&name=kar%C5%9F%C4%B1lama+sesi&sounddata=data:audio/mp3;name:anons.mp3;base64,SUQzAwAA")),
        ("POST", format!("/announcements?{kq}"), r#"{"name": "hosgeldiniz", "content": "SUQzAwAA"}"#.into()),
        ("PUT", "/announcements/21870".into(), format!("{kq}&name=x&sounddata=data:audio/mp3;base64,SUQz")),
        ("PATCH", format!("/announcements/21870?{kq}"), r#"{"name": "x", "content": "SUQz"}"#.into()),
        ("POST", "/fax_orders".into(), format!("{kq}&local_station_id=908505321234&remote_station_id=902123205072&filedata=data:image/png;base64,iVBORw0KGgo")),
        ("POST", format!("/fax_orders?{kq}"), r#"{"destination": "908505320000", "document_url": "https://ornek.com/belge.pdf"}"#.into()),
        ("POST", "/fax_document_url/".into(), format!("{kq}&call_uuid=e28e5d48-05d8-11e8-663a-fde60c59425c")),
        ("POST", format!("/fax_document_url?{kq}"), "id=123".into()),
        ("GET", format!("/queue/manage_users?{kq}&queue_number=200&user_list=1000,1001,1002"), String::new()),
        ("GET", format!("/queue/manage_users?{kq}&queue=destek&extension=1003&action=add"), String::new()),
        ("GET", format!("/queue/user_list?{kq}&queue_number=200"), String::new()),
        ("GET", format!("/queue/user_list?{kq}&queue=destek"), String::new()),
        ("GET", "/contacts?key=K0".into(), String::new()),
        ("POST", format!("/blocked_numbers?{kq}"), "{}".into()),
        ("GET", format!("/bridge?{kq}&source=905321234567&destination=1234"), String::new()),
        ("PUT", format!("/hangup/x?{kq}"), String::new()),
    ] {
        add("api_route", json!({"method": method, "target": target, "body": body}));
    }
    for (method, target, body) in [
        ("GET", "/announcements".to_string(), String::new()),
        ("PUT", "/originate".into(), String::new()),
        ("POST", "/ivr_campaigns/1/x".into(), String::new()),
        ("POST", "/ivr_campaigns.json".into(), "{\"key\":".into()),
        ("POST", "/ivr_campaigns.json".into(), "{\"key\": \"K1\", \"name\": \"x\"} tail".into()),
        ("POST", "/ivr_campaigns.json".into(), QUEUE.replace(SAMPLE_KEY, "K0")),
        ("POST", "/ivr_campaigns.json".into(), "{\"call_type\": \"queue\"}".into()),
        ("POST", "/ivr_campaigns.json".into(), QUEUE.replace("\"Queue Test (API)\"", "\" \"")),
        ("POST", "/ivr_campaigns.json".into(), QUEUE.replace("\"name\": \"Queue Test (API)\", ", "")),
        ("POST", "/ivr_campaigns.json".into(), QUEUE.replace("05651236547", "0565")),
        ("POST", "/ivr_campaigns.json".into(), QUEUE.replace("\"thread_multiplier\": 1, ", "")),
        ("POST", "/ivr_campaigns.json".into(), QUEUE.replace("\"queue\"", "\"ivr\"")),
        ("DELETE", "/ivr_campaigns/112?key=nope".into(), String::new()),
        ("DELETE", "/ivr_campaigns/112".into(), String::new()),
        ("DELETE", format!("/ivr_campaigns/abc?{kq}"), String::new()),
        ("DELETE", format!("/ivr_campaigns/1?{kq}&{kq}"), String::new()),
        ("PATCH", "/ivr_campaigns/112".into(), format!("{kq}&status=pause")),
        ("PATCH", "/ivr_campaigns/112".into(), kq.clone()),
        ("PATCH", "/ivr_campaigns/112.json".into(), "{\"status\": \"stop\"}".into()),
        ("GET", "/crm_integrations?key=K1".into(), String::new()),
        ("POST", "/crm_integrations".into(), kq.clone()),
        ("POST", "/crm_integrations".into(), format!("{kq}&notification_url=ftp://x")),
        ("POST", "/crm_integrations".into(), format!("{kq}&ringing=ON&notification_url=https://x.com/e")),
        ("POST", "/crm_integrations".into(), format!("{kq}&notification_url=http://x/%FF")),
        ("GET", format!("/originate?{kq}&destination=905321234567"), String::new()),
        ("GET", format!("/originate?{kq}&extension=1001&destination=905321234567&timeout=5"), String::new()),
        ("GET", format!("/originate?{kq}&extension=1001&destination=1002"), String::new()),
        ("GET", format!("/originate?{kq}&extension=1001&destination=0532"), String::new()),
        ("GET", format!("/cdrs?{kq}&limit=5"), String::new()),
        ("GET", format!("/cdrs?{kq}&page=0"), String::new()),
        ("GET", format!("/cdrs?{kq}&recording_present=maybe"), String::new()),
        ("GET", format!("/cdrs?{kq}&start_stamp_from=2017-01-01 00:00:00 UTC&start_stamp_to=2017-03-01 00:00:00 UTC"), String::new()),
        ("GET", format!("/cdrs?{kq}&start_stamp_from=2017-01-01%2000:00:00%20%2B0300"), String::new()),
        ("GET", format!("/cdrs/not%20a%20uuid?{kq}"), String::new()),
        ("GET", "/cdrs/5cfdfb46?key=K12345678-1234-5678-4321-12345678901".into(), String::new()),
    ] {
        add("api_incoming", json!({"method": method, "target": target, "body": body}));
    }
}

/// A vector's parameters as the texts every face sends: a string as it
/// is, a number in decimal, a boolean `true`/`false`, `null` absent.
pub fn params(args: &Json) -> Vec<(String, String)> {
    let Json::Object(m) = args else {
        return Vec::new();
    };
    m.iter()
        .filter(|(k, _)| *k != "operation" && *k != "key")
        .filter_map(|(k, v)| {
            let text = match v {
                Json::String(t) => t.clone(),
                Json::Number(n) => n.to_string(),
                Json::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k.clone(), text))
        })
        .collect()
}

fn request(args: &Json) -> Json {
    let Some(op) = s(args, "operation").and_then(Operation::from_wire) else {
        return json!({"argument_error": "operation"});
    };
    let owned = params(args);
    let pairs: Vec<(&str, &str)> = owned
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let c = Call::new(op, s(args, "key").unwrap_or(""), &pairs);
    let mut sink: Collector<64> = Collector::new();
    let valid = c.check(&mut sink);
    json!({
        "method": c.method().as_str(),
        "target": c.target().to_string(),
        "content_type": c.content_type(),
        "body": c.body().to_string(),
        "redacted": c.redacted().to_string(),
        "idempotent": op.is_idempotent(),
        "pool": op.pool().as_str(),
        "valid": valid,
        "diagnostics": sink.diagnostics().iter().map(diag).collect::<Vec<_>>(),
    })
}

/// A record's cell as every face shows it: numbers, texts, booleans,
/// lists as they are, a timestamp in ISO form, a malformed value `null`
/// (its text under the record's `malformed`).
fn cell(c: &Cell<'_>) -> Option<Json> {
    Some(match c {
        Cell::Absent => return None,
        Cell::Null | Cell::Raw(_) => Json::Null,
        Cell::Int(n) => json!(n),
        Cell::Bool(b) => json!(b),
        Cell::Text(t) => json!(t.to_string()),
        Cell::Stamp(t) => stamp(Some(*t)),
        Cell::List(raw) => {
            let mut items = Vec::new();
            list_items(raw, |i| items.push(cell(&i).unwrap_or(Json::Null)));
            Json::Array(items)
        }
    })
}

fn reply(args: &Json) -> Json {
    let status = u(args, "status")
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(0);
    let body = s(args, "body").unwrap_or("").as_bytes();
    let Some(op) = s(args, "operation").and_then(Operation::from_wire) else {
        return json!({"argument_error": "operation"});
    };
    let mut sink: Collector<64> = Collector::new();
    match op.read_reply(status, body, &mut sink) {
        Ok(Success::CampaignCreated(id)) => {
            json!({"success": "campaign_created", "campaign_id": id.get()})
        }
        Ok(Success::Ok) => json!({"success": "ok"}),
        Ok(Success::CrmSettings(c)) => json!({"success": "crm_settings", "settings": {
            "ringing": c.ringing.as_str(), "answered": c.answered.as_str(), "hangup": c.hangup.as_str(),
            "notification_url": c.notification_url.as_str(),
        }}),
        Ok(Success::CallStarted(u)) => {
            json!({"success": "call_started", "call_uuid": u.as_str()})
        }
        Ok(Success::Cdrs(p)) => {
            let mut uuids = Vec::new();
            let summary = p.read(&mut sink, |r| {
                uuids.push(r.call_uuid.and_then(|u| u.as_str()).map(str::to_owned));
                std::ops::ControlFlow::Continue(())
            });
            if summary.errors > 0 {
                return unreadable(status, body);
            }
            json!({"success": "cdrs", "call_uuids": uuids, "pagination": pagination(summary.pagination)})
        }
        Ok(Success::Cdr(d)) => {
            let mut steps = 0;
            match d.read(&mut sink, |_| steps += 1) {
                Some(record) => {
                    json!({"success": "cdr", "call_uuid": record.call_uuid.and_then(|u| u.as_str()), "steps": steps})
                }
                None => unreadable(status, body),
            }
        }
        Ok(Success::Id(id)) => json!({"success": "id", "id": id.get()}),
        Ok(Success::Dnd { extension, state }) => {
            json!({"success": "dnd", "extension": extension.as_str(), "state": state.as_str()})
        }
        Ok(Success::Url { url, expires_at }) => {
            json!({"success": "url", "url": url.to_string(), "expires_at": expires_at.map(|e| e.to_string())})
        }
        Ok(Success::Token(t)) => json!({"success": "token", "token": t}),
        Ok(Success::Records(list)) => {
            let mut records = Vec::new();
            let summary = list.read(&mut sink, |row| {
                let mut fields = serde_json::Map::new();
                let mut malformed = serde_json::Map::new();
                for (f, c) in row.iter() {
                    if let Cell::Raw(raw) = c {
                        malformed.insert(f.name.into(), json!(String::from_utf8_lossy(raw)));
                    }
                    if let Some(v) = cell(c) {
                        fields.insert(f.name.into(), v);
                    }
                }
                if !malformed.is_empty() {
                    fields.insert("malformed".into(), Json::Object(malformed));
                }
                records.push(Json::Object(fields));
                std::ops::ControlFlow::Continue(())
            });
            if summary.errors > 0 {
                return unreadable(status, body);
            }
            json!({"success": "records", "records": records, "pagination": pagination(summary.pagination)})
        }
        Err(f) => json!({"failure": {
            "code": f.code().id(), "status": status, "transient": f.is_transient(), "text": f.redacted().to_string(),
        }}),
    }
}

fn pagination(p: Option<santral::cdr::Pagination>) -> Json {
    p.map_or(Json::Null, |p| {
        json!({"page": p.page, "total_count": p.total_count, "total_pages": p.total_pages, "limit": p.limit})
    })
}

/// A 200 whose records do not read: what every face reports for it (the
/// reply is not what the operation gives; the first 200 characters kept).
fn unreadable(status: u16, body: &[u8]) -> Json {
    let text: String = String::from_utf8_lossy(body).chars().take(200).collect();
    json!({"failure": {"code": santral::Code::ResponseUnexpected.id(), "status": status, "transient": false, "text": text}})
}

fn incoming(args: &Json) -> Json {
    let is_key = |k: &str| k == SAMPLE_KEY;
    let ctx = Context {
        today: Date::parse(INCOMING_TODAY).ok(),
        is_key: &is_key,
        on_campaign: None,
    };
    let target = s(args, "target").unwrap_or("");
    let body = s(args, "body").unwrap_or("");
    let mut buf = vec![0u8; 3 * (target.len() + body.len()) + 256];
    let mut sink: Collector<64> = Collector::new();
    match incoming::receive(
        s(args, "method").unwrap_or(""),
        target,
        body.as_bytes(),
        &mut buf,
        &ctx,
        &mut sink,
    ) {
        Ok(r) => json!({"accepted": r.operation().as_str()}),
        Err(e) => json!({"status": e.status(), "body": e.to_string()}),
    }
}

fn routed(args: &Json) -> Json {
    use santral::api::route::{route, Context};
    let is_key = |k: &str| k == SAMPLE_KEY;
    let ctx = Context { is_key: &is_key };
    let target = s(args, "target").unwrap_or("");
    let body = s(args, "body").unwrap_or("");
    let mut buf = vec![0u8; target.len() + body.len() + 256];
    let mut sink = santral::diag::Counter::default();
    match route(
        s(args, "method").unwrap_or(""),
        target,
        body.as_bytes(),
        &mut buf,
        &ctx,
        &mut sink,
    ) {
        Ok(r) => {
            let params: serde_json::Map<String, Json> =
                r.iter().map(|(n, v)| (n.to_string(), json!(v))).collect();
            json!({"operation": r.op.as_str(), "newer": r.newer, "params": params})
        }
        Err(e) => json!({
            "status": e.status, "body": e.to_string(),
            "allow": e.allow.iter().flatten().map(|m| m.as_str()).collect::<Vec<_>>(),
        }),
    }
}

/// The outcome of an API entry, `None` for another entry.
pub(crate) fn outcome(entry: &str, args: &Json) -> Option<Json> {
    Some(match entry {
        "api_request" => request(args),
        "api_reply" => reply(args),
        "api_incoming" => incoming(args),
        "api_route" => routed(args),
        _ => return None,
    })
}
