//! The vectors of the API entry points: `api_request` (an operation's
//! request as the core writes it), `api_reply` (a reply read into a
//! success or a failure) and `api_incoming` (what the PBX answers a
//! request it refuses: the simulator's face).

use serde_json::{json, Value as Json};

use santral::api::incoming::{self, Context};
use santral::api::{Operation, Request, Success, SAMPLE_KEY};
use santral::cdr::{Query, RecordingFilter};
use santral::diag::{Collector, Diagnostic};
use santral::event::Direction;
use santral::lexical::{CallUuid, Extension, Id, OnOff};
use santral::originate::Originate;
use santral::phone::{Options as PhoneOptions, Phone};
use santral::time::{Date, Timestamp};

use super::{diag, s, u};

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
            "phone_list[1].phone is invalid: phone number has too few digits",
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
    let kq = format!("key={k}");
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

/// A typed argument, or the diagnostic its parser gives, at its name.
fn arg<'a, T>(
    args: &'a Json,
    name: &'static str,
    parse: impl FnOnce(&'a str) -> Result<T, santral::Error>,
) -> Result<Option<T>, Diagnostic> {
    match s(args, name) {
        None => Ok(None),
        Some(text) => parse(text)
            .map(Some)
            .map_err(|e| Diagnostic::field(e, name)),
    }
}

fn id_arg(args: &Json, name: &'static str) -> Result<Option<Id>, Diagnostic> {
    match u(args, name) {
        None => Ok(None),
        Some(n) => Id::new(n).map(Some).ok_or_else(|| {
            Diagnostic::field(
                santral::Error::new(santral::Code::IdInvalid, santral::Span::new(0, 0)),
                name,
            )
        }),
    }
}

fn on_off(args: &Json, name: &'static str) -> Result<Option<OnOff>, Diagnostic> {
    arg(args, name, OnOff::parse)
}

/// Builds the request the vector describes and runs `f` on it.
fn with_request(args: &Json, f: &mut dyn FnMut(&Request<'_>) -> Json) -> Result<Json, Diagnostic> {
    let op = s(args, "operation").and_then(Operation::from_wire);
    let key = s(args, "key").unwrap_or("");
    let required = |o: Option<Id>, name| {
        o.ok_or_else(|| {
            Diagnostic::field(
                santral::Error::new(santral::Code::IdEmpty, santral::Span::new(0, 0)),
                name,
            )
        })
    };
    let phone = |t: &str| Phone::parse_with(t, PhoneOptions::DEFAULT);
    let stamp = |t: &str| Timestamp::parse(t);
    Ok(match op {
        Some(Operation::CreateCampaign) => f(&Request::CreateCampaign {
            body: s(args, "body").unwrap_or(""),
        }),
        Some(Operation::DeleteCampaign) => f(&Request::DeleteCampaign {
            key,
            id: required(id_arg(args, "id")?, "id")?,
        }),
        Some(Operation::SetCampaignStatus) => f(&Request::SetCampaignStatus {
            key,
            id: required(id_arg(args, "id")?, "id")?,
            status: on_off(args, "status")?.unwrap_or(OnOff::Off),
        }),
        Some(Operation::GetCrmSettings) => f(&Request::GetCrmSettings { key }),
        Some(Operation::UpdateCrmSettings) => {
            f(&Request::UpdateCrmSettings(santral::crm::Update {
                key,
                ringing: on_off(args, "ringing")?,
                answered: on_off(args, "answered")?,
                hangup: on_off(args, "hangup")?,
                notification_url: s(args, "notification_url").unwrap_or(""),
            }))
        }
        Some(Operation::Originate) => {
            let extension = arg(args, "extension", Extension::parse)?;
            let destination = arg(args, "destination", phone)?;
            let (Some(extension), Some(destination)) = (extension, destination) else {
                return Ok(json!({"argument_error": "extension and destination are required"}));
            };
            let mut o = Originate::new(key, extension, destination);
            o.caller_id = arg(args, "caller_id", phone)?;
            o.manual_answer = args
                .get("manual_answer")
                .and_then(Json::as_bool)
                .unwrap_or(false);
            o.timeout = u(args, "timeout").and_then(|t| u32::try_from(t).ok());
            o.announcement_to_callee = id_arg(args, "announcement_to_callee")?;
            o.announcement_to_caller = id_arg(args, "announcement_to_caller")?;
            f(&Request::Originate(o))
        }
        Some(Operation::ListCdrs) => {
            let q = Query {
                start_stamp_from: arg(args, "start_stamp_from", stamp)?,
                start_stamp_to: arg(args, "start_stamp_to", stamp)?,
                recording_present: arg(args, "recording_present", RecordingFilter::parse)?,
                direction: arg(args, "direction", Direction::parse)?,
                caller_id_number: s(args, "caller_id_number"),
                missed: args.get("missed").and_then(Json::as_bool),
                destination_number: s(args, "destination_number"),
                queue: s(args, "queue"),
                limit: u(args, "limit").and_then(|t| u32::try_from(t).ok()),
                page: u(args, "page").and_then(|t| u32::try_from(t).ok()),
                ..Query::new(key)
            };
            f(&Request::ListCdrs(q))
        }
        Some(Operation::GetCdr) => {
            let call_uuid = arg(args, "call_uuid", CallUuid::parse)?;
            let Some(call_uuid) = call_uuid else {
                return Ok(json!({"argument_error": "call_uuid is required"}));
            };
            f(&Request::GetCdr { key, call_uuid })
        }
        None => json!({"argument_error": "operation"}),
    })
}

fn request(args: &Json) -> Json {
    let r = with_request(args, &mut |r| {
        let mut sink: Collector<64> = Collector::new();
        let valid = r.check(&mut sink);
        json!({
            "method": r.method().as_str(),
            "target": r.target().to_string(),
            "content_type": r.content_type(),
            "body": r.body().to_string(),
            "redacted": r.redacted().to_string(),
            "idempotent": r.operation().is_idempotent(),
            "pool": r.operation().pool().as_str(),
            "valid": valid,
            "diagnostics": sink.diagnostics().iter().map(diag).collect::<Vec<_>>(),
        })
    });
    match r {
        Ok(v) => v,
        Err(d) => json!({"error": diag(&d)}),
    }
}

fn reply(args: &Json) -> Json {
    let status = u(args, "status")
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(0);
    let body = s(args, "body").unwrap_or("").as_bytes();
    let r = with_request(&placeholder(args), &mut |r| {
        let mut sink: Collector<64> = Collector::new();
        match r.read_reply(status, body, &mut sink) {
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
                json!({"success": "cdrs", "call_uuids": uuids, "pagination": summary.pagination.map(|p| json!({
                    "page": p.page, "total_count": p.total_count, "total_pages": p.total_pages, "limit": p.limit,
                }))})
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
            Err(f) => json!({"failure": {
                "code": f.code().id(), "status": f.status(), "transient": f.is_transient(), "text": f.redacted().to_string(),
            }}),
        }
    });
    r.unwrap_or_else(|d| json!({"error": diag(&d)}))
}

/// A 200 whose records do not read: what every face reports for it (the
/// reply is not what the operation gives; the first 200 characters kept).
fn unreadable(status: u16, body: &[u8]) -> Json {
    let text: String = String::from_utf8_lossy(body).chars().take(200).collect();
    json!({"failure": {"code": santral::Code::ResponseUnexpected.id(), "status": status, "transient": false, "text": text}})
}

/// A request of the vector's operation with placeholder arguments (a
/// reply is read by the operation alone).
fn placeholder(args: &Json) -> Json {
    let op = s(args, "operation").unwrap_or("");
    json!({
        "operation": op, "key": SAMPLE_KEY, "id": 1, "status": "on", "notification_url": "https://x.com/e",
        "extension": "1001", "destination": "908505320000", "call_uuid": "a-1",
    })
}

fn incoming(args: &Json) -> Json {
    let is_key = |k: &str| k == SAMPLE_KEY;
    let ctx = Context {
        today: Date::parse(INCOMING_TODAY).ok(),
        is_key: &is_key,
    };
    let target = s(args, "target").unwrap_or("");
    let body = s(args, "body").unwrap_or("");
    let mut buf = vec![0u8; target.len() + body.len() + 64];
    let mut sink: Collector<64> = Collector::new();
    match incoming::read(
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

/// The outcome of an API entry, `None` for another entry.
pub(crate) fn outcome(entry: &str, args: &Json) -> Option<Json> {
    Some(match entry {
        "api_request" => request(args),
        "api_reply" => reply(args),
        "api_incoming" => incoming(args),
        _ => return None,
    })
}
