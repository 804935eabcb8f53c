//! The PBX's resources beyond campaigns and call records — extensions with
//! their DND, statuses and caller ids, the domain's caller ids, queues and
//! their members and waiting callers, agents, announcements, the phone
//! book, blocked numbers, voicemail, faxes, recordings and web-phone
//! tokens — and the 37 operations on them that the core routes
//! ([`santral::api::incoming::receive`]). Every list is written with the
//! core's record table (its field names, in its order); every failure is
//! the operation's documented one ([`santral::api::Documented::text_for`]).
//!
//! The state is one value, kept in the `--state` file as JSON whenever an
//! operation changes it, before the answer that reports the change.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};

use santral::api::records::{self, Records};
use santral::api::route::Routed;
use santral::api::{dnd_reply, Operation};
use santral::diag::Code;
use santral::lexical::OnOff;
use santral::time::{Timestamp, Zone, TURKEY};

/// What an operation answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply {
    /// A text body with its status.
    Text(u16, String),
    /// A JSON body (200).
    Json(String),
}

/// One extension.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Ext {
    /// `Dahili 1001`.
    pub name: String,
    /// Do not disturb.
    pub dnd: bool,
    /// The outside number its calls show, when set.
    pub caller_id: Option<String>,
    /// Registered (a phone is logged in).
    pub registered: bool,
    /// As an agent: AVAILABLE, LOGGED_OUT or ON_BREAK (TALKING comes from
    /// its calls).
    pub agent_status: String,
    /// The break's reason, when ON_BREAK.
    pub break_description: Option<String>,
}

/// One queue.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Queue {
    pub name: String,
    /// Its extensions, in order.
    pub members: Vec<String>,
}

/// A caller waiting in a queue.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Waiting {
    pub queue: u32,
    pub uuid: String,
    pub call_uuid: String,
    pub caller_id: String,
    pub joined_at: i64,
    /// When it leaves the queue (taken, or given up).
    pub until_ms: i64,
}

/// A sound file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Announcement {
    pub name: String,
    /// The file's extension (`mp3`).
    pub format: String,
    /// Its size in bytes, decoded.
    pub bytes: usize,
}

/// A voicemail message.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Voicemail {
    pub uuid: String,
    pub user_number: String,
    pub caller_id_number: String,
    pub caller_id_name: String,
    pub start_ms: i64,
    pub read_ms: Option<i64>,
    pub seconds: u32,
}

/// A fax order, and its record once done.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fax {
    pub id: u64,
    pub call_uuid: String,
    /// `Gelen` (received) or `Giden` (sent).
    pub direction: String,
    pub local_station_id: String,
    pub local_station_header: String,
    pub remote_station_id: String,
    pub created_ms: i64,
    /// When it is (or was) done.
    pub done_ms: i64,
    pub pages: u32,
    pub success: bool,
}

/// A URL issued for a file (a recording, a voicemail, a fax document).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    /// `wav` or `pdf`.
    pub kind: String,
    /// Simulated time it stops working.
    pub expires_ms: i64,
}

/// The PBX's resources.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Office {
    pub extensions: BTreeMap<String, Ext>,
    pub caller_ids: Vec<String>,
    pub queues: BTreeMap<u32, Queue>,
    pub waiting: Vec<Waiting>,
    pub announcements: BTreeMap<u64, Announcement>,
    pub groups: BTreeMap<u64, String>,
    /// Each contact's fields as the page names them.
    pub contacts: BTreeMap<u64, BTreeMap<String, Json>>,
    pub blocked: BTreeMap<u64, String>,
    pub voicemails: Vec<Voicemail>,
    pub faxes: Vec<Fax>,
    /// Calls recorded (their uuids): bridge with recording_enabled, and
    /// every originated or inbound call that was answered.
    pub recorded: Vec<String>,
    /// URL token → what it serves.
    pub links: BTreeMap<String, Link>,
    /// Web-phone token → (extension, expiry).
    pub webphone: BTreeMap<String, (String, i64)>,
    pub next_id: u64,
}

/// How long a file URL works (the pages: one hour).
pub(crate) const LINK_MS: i64 = 3_600_000;
/// How long a web-phone token works (the page: a day).
pub(crate) const WEBPHONE_MS: i64 = 86_400_000;
/// How long a fax takes, simulated.
pub(crate) const FAX_MS: i64 = 45_000;
/// The domain's outside numbers.
pub(crate) const CALLER_IDS: [&str; 3] = ["908505320000", "902129630131", "902163210000"];

impl Office {
    /// A fresh PBX: `extensions`, queues 200–202 (the page's example),
    /// every extension an available agent.
    pub(crate) fn new(extensions: &[String]) -> Office {
        let ext = |n: &String| Ext {
            name: format!("Dahili {n}"),
            dnd: false,
            caller_id: None,
            registered: true,
            agent_status: "AVAILABLE".into(),
            break_description: None,
        };
        let members = |range: std::ops::Range<usize>| -> Vec<String> {
            extensions.get(range).unwrap_or(&[]).to_vec()
        };
        let mut queues = BTreeMap::new();
        queues.insert(
            200,
            Queue {
                name: "Kuyruk 1".into(),
                members: members(0..2),
            },
        );
        queues.insert(
            201,
            Queue {
                name: "Kuyruk 2".into(),
                members: members(2..3),
            },
        );
        queues.insert(
            202,
            Queue {
                name: "Kuyruk 3".into(),
                members: members(3..5),
            },
        );
        Office {
            extensions: extensions.iter().map(|n| (n.clone(), ext(n))).collect(),
            caller_ids: CALLER_IDS.iter().map(|s| s.to_string()).collect(),
            queues,
            waiting: Vec::new(),
            announcements: BTreeMap::new(),
            groups: BTreeMap::new(),
            contacts: BTreeMap::new(),
            blocked: BTreeMap::new(),
            voicemails: Vec::new(),
            faxes: Vec::new(),
            recorded: Vec::new(),
            links: BTreeMap::new(),
            webphone: BTreeMap::new(),
            next_id: 20212,
        }
    }

    fn id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Issues a URL for a file (`R…` a recording, `V…` a voicemail, `F…`
    /// a fax document) that works for an hour, and answers it: plain text
    /// (older pages) or `{"url", "expires_at"}` (the newer set's form).
    fn file_url(&mut self, prefix: char, kind: &str, r: &Routed<'_>, c: &mut Ctx<'_>) -> Reply {
        let token = format!("{prefix}{}", (c.uuid)());
        let expires_ms = c.now + LINK_MS;
        self.links.insert(
            token.clone(),
            Link {
                kind: kind.into(),
                expires_ms,
            },
        );
        let url = format!("{}/_simulator/files/{token}", c.base_url);
        if r.newer {
            Reply::Json(json!({"url": url, "expires_at": when(expires_ms, true)}).to_string())
        } else {
            text(200, url)
        }
    }
}

/// What an operation on the office needs from the rest of the PBX.
pub(crate) struct Ctx<'p> {
    /// Simulated now.
    pub now: i64,
    /// The simulator's own base URL (`http://127.0.0.1:8095`), for the
    /// file URLs it issues.
    pub base_url: &'p str,
    /// A fresh uuid.
    pub uuid: &'p mut dyn FnMut() -> String,
    /// Extensions in a call now.
    pub talking: &'p [String],
    /// Whether a call record exists for a uuid.
    pub has_cdr: &'p dyn Fn(&str) -> bool,
}

fn text(status: u16, body: impl Into<String>) -> Reply {
    Reply::Text(status, body.into())
}

/// The operation's documented failure `code`, about `value`.
pub(crate) fn failure(op: Operation, code: Code, value: &str) -> Reply {
    match op.spec().failure(code) {
        Some(f) => text(f.status, f.text_for(value).to_string()),
        None => text(400, format!("{value} not found")),
    }
}

fn ok(op: Operation) -> Reply {
    text(200, op.spec().success)
}

fn number(r: &Routed<'_>, name: &str) -> Option<u64> {
    r.get(name).and_then(|v| v.trim().parse().ok())
}

fn boolean(r: &Routed<'_>, name: &str) -> Option<bool> {
    r.get(name)
        .and_then(|v| santral::api::call::parse_bool(v).ok())
}

/// A timestamp filter in ms (the router wrote it in the UTC form).
fn stamp_ms(r: &Routed<'_>, name: &str) -> Option<i64> {
    r.get(name)
        .and_then(|v| Timestamp::parse(v).ok())
        .map(|t| t.unix_seconds() * 1000)
}

/// `ms` on the PBX's clock, with its zone (`… +0300`) or none.
pub(crate) fn when(ms: i64, zone: bool) -> String {
    Timestamp::from_unix(ms.div_euclid(1000), TURKEY)
        .map(|t| {
            if zone {
                t
            } else {
                Timestamp {
                    zone: Zone::Unspecified,
                    ..t
                }
            }
            .to_string()
        })
        .unwrap_or_default()
}

/// The texts of a list value: `1000,1001`, `[20212, 20213]` or `["204"]`.
fn items(v: &str) -> Vec<String> {
    v.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// One record in its table's field order; fields the table does not
/// have are a bug in the simulator (debug builds say so).
fn record(table: &Records, values: &[(&str, Json)]) -> String {
    let mut out = String::from("{");
    for f in table.fields {
        if let Some((_, v)) = values.iter().find(|(n, _)| *n == f.name) {
            if out.len() > 1 {
                out.push(',');
            }
            let _ = write!(out, "{}:{}", Json::from(f.name), v);
        }
    }
    debug_assert!(
        values
            .iter()
            .all(|(n, _)| table.fields.iter().any(|f| f.name == *n)),
        "a field {} lacks",
        table.name
    );
    out.push('}');
    out
}

/// A list reply: the array, or for a paged table `{key: [...],
/// "pagination": {...}}` with the page the request asks for (`limit` 10
/// by default).
fn list(table: &Records, rows: Vec<String>, r: &Routed<'_>) -> Reply {
    if !table.paged {
        return Reply::Json(format!("[{}]", rows.join(",")));
    }
    let limit = number(r, "limit").unwrap_or(10).max(1);
    let page = number(r, "page").unwrap_or(1).max(1);
    let total = rows.len() as u64;
    let pages = total.div_ceil(limit).max(1);
    let start = ((page - 1) * limit).min(total) as usize;
    let end = (start + limit as usize).min(rows.len());
    let key = table.list_key.unwrap_or("records");
    Reply::Json(format!(
        "{{{}:[{}],\"pagination\":{}}}",
        Json::from(key),
        rows.get(start..end).unwrap_or(&[]).join(","),
        json!({"page": page, "total_count": total, "total_pages": pages, "limit": limit})
    ))
}

/// A list of records of two fields (the table's first two): the
/// announcements, queues, contact groups, blocked numbers.
fn two_fields(table: &Records, rows: impl Iterator<Item = (Json, Json)>, r: &Routed<'_>) -> Reply {
    let [a, b, ..] = table.fields else {
        return list(table, Vec::new(), r);
    };
    let rows = rows
        .map(|(x, y)| record(table, &[(a.name, x), (b.name, y)]))
        .collect();
    list(table, rows, r)
}

/// Every operation the office answers; `None` for the eight typed ones
/// and the call-control ones (the PBX's call model answers those).
pub(crate) fn execute(o: &mut Office, r: &Routed<'_>, c: &mut Ctx<'_>) -> Option<Reply> {
    use Operation as O;
    let op = r.op;
    let get = |name: &str| r.get(name).unwrap_or("");
    Some(match op {
        O::SetDnd => {
            let ext = get("extension");
            let Some(e) = o.extensions.get_mut(ext) else {
                return Some(failure(op, Code::ResponseExtensionNotFound, ext));
            };
            let state = OnOff::parse(get("state")).unwrap_or(OnOff::Off);
            e.dnd = state.is_on();
            text(200, dnd_reply(ext, state).to_string())
        }
        O::RecordingUrl => {
            let uuid = get("call_uuid");
            if !(c.has_cdr)(uuid) || !o.recorded.iter().any(|u| u == uuid) {
                return Some(failure(op, Code::ResponseCallNotFound, uuid));
            }
            o.file_url('R', "wav", r, c)
        }
        O::ListAnnouncements => two_fields(
            &records::ANNOUNCEMENTS,
            o.announcements
                .iter()
                .map(|(id, a)| (json!(id), json!(a.name))),
            r,
        ),
        O::CreateAnnouncement | O::UpdateAnnouncement => {
            let id = if op == O::UpdateAnnouncement {
                let id = number(r, "id").unwrap_or(0);
                if !o.announcements.contains_key(&id) {
                    return Some(failure(op, Code::ResponseNotFound, get("id")));
                }
                id
            } else {
                o.id()
            };
            let (format, bytes) = sound(r);
            o.announcements.insert(
                id,
                Announcement {
                    name: get("name").to_string(),
                    format,
                    bytes,
                },
            );
            if op == O::CreateAnnouncement {
                text(200, id.to_string())
            } else {
                ok(op)
            }
        }
        O::DeleteAnnouncement => {
            let id = number(r, "id").unwrap_or(0);
            if o.announcements.remove(&id).is_none() {
                return Some(failure(op, Code::ResponseNotFound, get("id")));
            }
            ok(op)
        }
        O::ListCallerIds => Reply::Json(Json::from(o.caller_ids.clone()).to_string()),
        O::SetOutboundCallerId => {
            let ext = get("extension");
            let Some(e) = o.extensions.get_mut(ext) else {
                return Some(text(400, format!("extension {ext} not found")));
            };
            e.caller_id = Some(get("caller_id").to_string());
            ok(op)
        }
        O::ListQueues => two_fields(
            &records::QUEUES,
            o.queues.iter().map(|(n, q)| (json!(n), json!(q.name))),
            r,
        ),
        O::ListQueueWaiting => {
            let rows = o
                .waiting
                .iter()
                .filter(|w| w.joined_at <= c.now && c.now < w.until_ms)
                .map(|w| {
                    record(
                        &records::QUEUE_WAITING,
                        &[
                            ("queue_number", json!(w.queue.to_string())),
                            ("uuid", json!(w.uuid)),
                            ("call_uuid", json!(w.call_uuid)),
                            ("caller_id", json!(w.caller_id)),
                            ("joined_at", json!((w.joined_at / 1000).to_string())),
                        ],
                    )
                })
                .collect();
            list(&records::QUEUE_WAITING, rows, r)
        }
        O::ListQueueMembers => {
            let Some((_, q)) = find_queue(o, r) else {
                return Some(failure(op, Code::ResponseNotFound, queue_named(r)));
            };
            let rows = q
                .members
                .iter()
                .map(|m| {
                    let name = o
                        .extensions
                        .get(m)
                        .map_or(String::new(), |e| e.name.clone());
                    record(
                        &records::QUEUE_MEMBERS,
                        &[
                            ("user", json!(m.parse::<u64>().unwrap_or(0))),
                            ("name", json!(name)),
                        ],
                    )
                })
                .collect();
            list(&records::QUEUE_MEMBERS, rows, r)
        }
        O::SetQueueMembers => {
            let Some((number, q)) = find_queue(o, r) else {
                return Some(failure(op, Code::ResponseNotFound, queue_named(r)));
            };
            let mut members = q.members.clone();
            match r.get("user_list") {
                Some(list) => members = items(list),
                // The newer set: one extension at a time.
                None => {
                    let ext = get("extension").to_string();
                    match get("action") {
                        "add" if !members.contains(&ext) => members.push(ext),
                        "remove" => members.retain(|m| *m != ext),
                        "replace" => members = vec![ext],
                        _ => {}
                    }
                }
            }
            if members.is_empty() && r.get("user_list").is_some() {
                return Some(failure(op, Code::ResponseBlank, ""));
            }
            if let Some(bad) = members.iter().find(|m| !o.extensions.contains_key(*m)) {
                return Some(failure(op, Code::ResponseExtensionNotFound, bad));
            }
            if let Some(q) = o.queues.get_mut(&number) {
                q.members = members;
            }
            ok(op)
        }
        O::ListVoicemails => {
            let (from, to) = (
                stamp_ms(r, "start_stamp_from"),
                stamp_ms(r, "start_stamp_to"),
            );
            let read = boolean(r, "read");
            let rows = o
                .voicemails
                .iter()
                .rev()
                .filter(|v| from.is_none_or(|f| v.start_ms >= f))
                .filter(|v| to.is_none_or(|t| v.start_ms <= t))
                .filter(|v| read.is_none_or(|want| v.read_ms.is_some() == want))
                .filter(|v| r.get("user_number").is_none_or(|u| u == v.user_number))
                .filter(|v| r.get("uuid").is_none_or(|u| u == v.uuid))
                .map(|v| {
                    record(
                        &records::VOICEMAILS,
                        &[
                            ("start_stamp", json!(when(v.start_ms, true))),
                            (
                                "read_stamp",
                                v.read_ms.map_or(Json::Null, |m| json!(when(m, true))),
                            ),
                            ("user_number", json!(v.user_number)),
                            ("uuid", json!(v.uuid)),
                            ("caller_id_number", json!(v.caller_id_number)),
                            ("caller_id_name", json!(v.caller_id_name)),
                            (
                                "duration",
                                json!(format!(
                                    "{:02}:{:02}:{:02}",
                                    v.seconds / 3600,
                                    v.seconds / 60 % 60,
                                    v.seconds % 60
                                )),
                            ),
                        ],
                    )
                })
                .collect();
            list(&records::VOICEMAILS, rows, r)
        }
        O::VoicemailUrl => {
            let uuid = get("uuid");
            let now = c.now;
            let Some(v) = o.voicemails.iter_mut().find(|v| v.uuid == uuid) else {
                return Some(failure(op, Code::ResponseNotFound, uuid));
            };
            v.read_ms.get_or_insert(now);
            o.file_url('V', "wav", r, c)
        }
        O::ListContactGroups => two_fields(
            &records::CONTACT_GROUPS,
            o.groups.iter().map(|(id, name)| (json!(id), json!(name))),
            r,
        ),
        O::CreateContactGroup => {
            let id = o.id();
            o.groups.insert(id, get("name").to_string());
            text(200, id.to_string())
        }
        O::UpdateContactGroup | O::DeleteContactGroup => {
            let id = number(r, "id").unwrap_or(0);
            if !o.groups.contains_key(&id) {
                return Some(failure(op, Code::ResponseNotFound, get("id")));
            }
            if op == O::UpdateContactGroup {
                o.groups.insert(id, get("name").to_string());
            } else {
                o.groups.remove(&id);
                // Its contacts leave it.
                let gone = json!(id);
                for fields in o.contacts.values_mut() {
                    if let Some(Json::Array(ids)) = fields.get_mut("group_ids") {
                        ids.retain(|g| *g != gone);
                    }
                }
            }
            ok(op)
        }
        O::ListContacts => {
            let rows = o
                .contacts
                .iter()
                .map(|(id, fields)| {
                    let mut values: Vec<(&str, Json)> = vec![("id", json!(id))];
                    for f in records::CONTACTS.fields.iter().skip(1) {
                        values.push((f.name, fields.get(f.name).cloned().unwrap_or(Json::Null)));
                    }
                    record(&records::CONTACTS, &values)
                })
                .collect();
            list(&records::CONTACTS, rows, r)
        }
        O::CreateContact | O::UpdateContact => {
            let id = if op == O::UpdateContact {
                let id = number(r, "id").unwrap_or(0);
                if !o.contacts.contains_key(&id) {
                    return Some(failure(op, Code::ResponseNotFound, get("id")));
                }
                id
            } else {
                0
            };
            let mut fields = o.contacts.get(&id).cloned().unwrap_or_default();
            for f in records::CONTACTS.fields.iter().skip(1) {
                let Some(v) = r.get(f.name) else { continue };
                let value = match f.ty {
                    records::FieldType::Bool => {
                        json!(santral::api::call::parse_bool(v).unwrap_or(false))
                    }
                    records::FieldType::Int => {
                        v.trim().parse::<i64>().map_or(Json::Null, Json::from)
                    }
                    records::FieldType::IntList => {
                        let ids: Vec<u64> =
                            items(v).iter().filter_map(|s| s.parse().ok()).collect();
                        if let Some(bad) = ids.iter().find(|g| !o.groups.contains_key(g)) {
                            // The group page's failure (no page documents
                            // one for a contact's groups).
                            return Some(failure(
                                O::UpdateContactGroup,
                                Code::ResponseNotFound,
                                &bad.to_string(),
                            ));
                        }
                        json!(ids)
                    }
                    _ => json!(v),
                };
                fields.insert(f.name.to_string(), value);
            }
            let id = if id == 0 { o.id() } else { id };
            o.contacts.insert(id, fields);
            if op == O::CreateContact {
                text(200, id.to_string())
            } else {
                ok(op)
            }
        }
        O::DeleteContact => {
            let id = number(r, "id").unwrap_or(0);
            if o.contacts.remove(&id).is_none() {
                return Some(failure(op, Code::ResponseNotFound, get("id")));
            }
            ok(op)
        }
        O::ListBlockedNumbers => two_fields(
            &records::BLOCKED_NUMBERS,
            o.blocked.iter().map(|(id, n)| (json!(id), json!(n))),
            r,
        ),
        O::BlockNumber => {
            let n = get("number");
            if n.is_empty() {
                return Some(failure(op, Code::ResponseBlank, ""));
            }
            let id = match o.blocked.iter().find(|(_, b)| *b == n) {
                Some((id, _)) => *id,
                None => {
                    let id = o.id();
                    o.blocked.insert(id, n.to_string());
                    id
                }
            };
            text(200, id.to_string())
        }
        O::UnblockNumber => {
            let n = get("number");
            let key = santral::phone::match_key(n).ok();
            o.blocked.retain(|_, b| {
                b != n && (key.is_none() || santral::phone::match_key(b).ok() != key)
            });
            text(200, "")
        }
        O::SendFax => {
            let remote = r
                .get("remote_station_id")
                .or_else(|| r.get("destination"))
                .unwrap_or("")
                .to_string();
            let id = o.id();
            let call_uuid = (c.uuid)();
            let local = r
                .get("local_station_id")
                .map(str::to_string)
                .unwrap_or_else(|| o.caller_ids.first().cloned().unwrap_or_default());
            o.faxes.push(Fax {
                id,
                call_uuid,
                direction: "Giden".into(),
                local_station_id: local,
                local_station_header: get("local_station_header").to_string(),
                remote_station_id: remote,
                created_ms: c.now,
                done_ms: c.now + FAX_MS,
                pages: 1,
                success: true,
            });
            text(200, id.to_string())
        }
        O::ListFaxOrders => {
            let rows = o
                .faxes
                .iter()
                .rev()
                .filter(|f| f.direction == "Giden")
                .map(|f| {
                    let status = if f.done_ms > c.now {
                        "Bekliyor"
                    } else if f.success {
                        "Gönderildi"
                    } else {
                        "Başarısız"
                    };
                    record(
                        &records::FAX_ORDERS,
                        &[
                            ("id", json!(f.id)),
                            ("created_at", json!(when(f.created_ms, false))),
                            ("local_station_id", json!(f.local_station_id)),
                            ("remote_station_id", json!(f.remote_station_id)),
                            ("status", json!(status)),
                        ],
                    )
                })
                .collect();
            list(&records::FAX_ORDERS, rows, r)
        }
        O::ListFaxRecords => {
            let (from, to) = (
                stamp_ms(r, "start_stamp_from"),
                stamp_ms(r, "start_stamp_to"),
            );
            let success = boolean(r, "success");
            let direction = r.get("direction").map(|d| match d {
                "inbound" => "Gelen",
                "outbound" => "Giden",
                "internal" => "Santral içi",
                other => other,
            });
            let rows = o
                .faxes
                .iter()
                .rev()
                .filter(|f| f.done_ms <= c.now)
                .filter(|f| from.is_none_or(|t| f.created_ms >= t))
                .filter(|f| to.is_none_or(|t| f.created_ms <= t))
                .filter(|f| success.is_none_or(|s| f.success == s))
                .filter(|f| direction.is_none_or(|d| f.direction == d))
                .filter(|f| r.get("caller_id_number").is_none_or(|n| n == caller_of(f)))
                .filter(|f| {
                    r.get("original_destination")
                        .is_none_or(|n| n == destination_of(f))
                })
                .map(fax_record)
                .collect();
            list(&records::FAX_RECORDS, rows, r)
        }
        O::FaxDocumentUrl => {
            let uuid = r.get("call_uuid").or_else(|| r.get("id")).unwrap_or("");
            let found = o
                .faxes
                .iter()
                .any(|f| f.done_ms <= c.now && (f.call_uuid == uuid || f.id.to_string() == uuid));
            if !found {
                return Some(failure(op, Code::ResponseCallNotFound, uuid));
            }
            o.file_url('F', "pdf", r, c)
        }
        O::ListAgentStatuses => {
            let mut rows = Vec::new();
            for (n, e) in &o.extensions {
                let queues: Vec<String> = o
                    .queues
                    .iter()
                    .filter(|(_, q)| q.members.contains(n))
                    .map(|(number, _)| number.to_string())
                    .collect();
                if queues.is_empty() {
                    continue;
                }
                let status = if c.talking.contains(n) && e.agent_status == "AVAILABLE" {
                    "TALKING"
                } else {
                    e.agent_status.as_str()
                };
                let keep = r.get("agent").is_none_or(|a| a == n)
                    && r.get("status").is_none_or(|s| s == status)
                    && r.get("queue").is_none_or(|q| queues.iter().any(|x| x == q));
                if !keep {
                    continue;
                }
                let mut values = vec![
                    ("agent", json!(n)),
                    ("status", json!(status)),
                    ("queues", json!(queues)),
                ];
                if let (Some(b), "ON_BREAK") = (&e.break_description, status) {
                    values.push(("break_description", json!(b)));
                }
                rows.push(record(&records::AGENT_STATUSES, &values));
            }
            list(&records::AGENT_STATUSES, rows, r)
        }
        O::ListUserStatuses => {
            let rows = o
                .extensions
                .iter()
                .map(|(n, e)| (n, user_status(n, e, c.talking)))
                .filter(|(n, s)| {
                    r.get("user").is_none_or(|u| u == n.as_str())
                        && r.get("status").is_none_or(|w| w == *s)
                })
                .map(|(n, s)| {
                    record(
                        &records::USER_STATUSES,
                        &[
                            ("user", json!(n.parse::<u64>().unwrap_or(0))),
                            ("status", json!(s)),
                        ],
                    )
                })
                .collect();
            list(&records::USER_STATUSES, rows, r)
        }
        O::CreateWebphoneToken => {
            let ext = get("extension");
            if !o.extensions.contains_key(ext) {
                return Some(failure(op, Code::ResponseExtensionNotFound, ext));
            }
            let token = format!("W{}", (c.uuid)());
            o.webphone
                .insert(token.clone(), (ext.to_string(), c.now + WEBPHONE_MS));
            text(200, token)
        }
        _ => return None,
    })
}

/// `AVAILABLE`, `TALKING`, `UNREGISTERED` or `SS_DND`.
fn user_status(n: &String, e: &Ext, talking: &[String]) -> &'static str {
    if !e.registered {
        "UNREGISTERED"
    } else if talking.contains(n) {
        "TALKING"
    } else if e.dnd {
        "SS_DND"
    } else {
        "AVAILABLE"
    }
}

fn caller_of(f: &Fax) -> &str {
    if f.direction == "Giden" {
        &f.local_station_id
    } else {
        &f.remote_station_id
    }
}

fn destination_of(f: &Fax) -> &str {
    if f.direction == "Giden" {
        &f.remote_station_id
    } else {
        &f.local_station_id
    }
}

fn fax_record(f: &Fax) -> String {
    let seconds = 15 + 10 * i64::from(f.pages);
    let start = f.done_ms - seconds * 1000;
    record(
        &records::FAX_RECORDS,
        &[
            ("call_uuid", json!(f.call_uuid)),
            ("direction", json!(f.direction)),
            ("caller_id_number", json!(caller_of(f))),
            ("local_station_header", json!(f.local_station_header)),
            ("original_destination", json!(destination_of(f))),
            ("pages_count", json!(format!("{0} / {0}", f.pages))),
            ("transfer_rate", json!(14400)),
            ("start_stamp", json!(when(start, false))),
            ("answer_stamp", json!(when(start, false))),
            ("end_stamp", json!(when(f.done_ms, false))),
            ("duration", json!(seconds)),
            ("success", json!(f.success)),
            (
                "result",
                json!(if f.success {
                    "Başarılı"
                } else {
                    "Başarısız"
                }),
            ),
        ],
    )
}

/// The queue a request names: `queue_number`, or the newer set's `queue`
/// (a number or a name).
fn find_queue(o: &Office, r: &Routed<'_>) -> Option<(u32, Queue)> {
    let want = queue_named(r);
    o.queues
        .iter()
        .find(|(n, q)| n.to_string() == want || q.name == want)
        .map(|(n, q)| (*n, q.clone()))
}

fn queue_named<'r>(r: &Routed<'r>) -> &'r str {
    r.get("queue_number")
        .or_else(|| r.get("queue"))
        .unwrap_or("")
}

/// The sound of an upload: its extension and decoded size.
fn sound(r: &Routed<'_>) -> (String, usize) {
    if let Some(data) = r.get("sounddata") {
        let format = data
            .split(';')
            .find_map(|p| p.strip_prefix("name:"))
            .and_then(|n| n.rsplit_once('.'))
            .map_or("mp3", |(_, ext)| ext)
            .to_ascii_lowercase();
        let payload = data.rsplit_once(',').map_or("", |(_, b)| b);
        return (format, payload.len() / 4 * 3);
    }
    let content = r.get("content").unwrap_or("");
    ("mp3".into(), content.len() / 4 * 3)
}

/// A half-second of silence as WAV (8 kHz, 16-bit mono): what a recording
/// or voicemail URL serves.
pub(crate) fn silence_wav() -> Vec<u8> {
    let samples: u32 = 4000;
    let data = samples * 2;
    let mut out = Vec::with_capacity(44 + data as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&8000u32.to_le_bytes());
    out.extend_from_slice(&16000u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    out.resize(44 + data as usize, 0);
    out
}

/// A one-page PDF: what a fax document URL serves.
pub(crate) fn fax_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = writeln!(out, "{} 0 obj\n{o}\nendobj", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(out, "{off:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}
