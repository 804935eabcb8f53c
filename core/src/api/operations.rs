//! Every operation of the vendor's API, declared once: one [`Spec`] row
//! per [`Operation`] — method, path template, each parameter with where it
//! travels and its rule, the reply, the documented failures, the rate pool
//! and whether a resend is safe. The request writer and parameter checker
//! ([`super::call`]), the reply reader, the faces (Python, PHP, C, the
//! CLI) and the reference documentation all read these rows.
//!
//! The rows follow the older per-endpoint pages (`bulutsantralim-api/`),
//! the form integrations have sent for years; an operation only the newer
//! set documents (`answer`) follows that set. Where the sets differ, the
//! row's `newer` note says how; the readers accept both.
//!
//! ```
//! use santral::api::{Method, Operation, Place};
//!
//! let hangup = Operation::Hangup.spec();
//! assert_eq!((hangup.method, hangup.path), (Method::Get, "/hangup/{call_uuid}"));
//! assert_eq!(hangup.param("call_uuid").map(|p| p.place), Some(Place::Path));
//! assert_eq!(Operation::ALL.len(), 45);
//! ```

use core::fmt;

use super::records::{self, Records};
use super::{Method, Operation, Pool};
use crate::diag::Code;

crate::wire_enum! {
    /// Where a parameter travels in the request santral sends.
    pub enum Place {
        /// A segment of the path (`/hangup/{call_uuid}`).
        Path = "path",
        /// The query string.
        Query = "query",
        /// An `application/x-www-form-urlencoded` body.
        Form = "form",
        /// A JSON object body.
        Json = "json",
    }
}

/// The sound file extensions the PBX takes (`announcements.md`).
pub const SOUND_EXTENSIONS: &[&str] = &[
    "wav", "mp3", "wma", "m4a", "aac", "ac3", "amr", "flac", "gsm", "mpeg", "mp1", "mp2", "ra",
    "spx", "ogg", "3gp",
];

/// A parameter's type and rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The API key.
    Key,
    /// An extension (2 to 8 digits).
    Extension,
    /// A comma-separated list of extensions (`1000,1001,1002`).
    ExtensionList,
    /// A call's (or message's) uuid.
    CallUuid,
    /// A number to call: checked, and written `90…` for Turkey, `00…`
    /// abroad (as `/originate` takes it).
    Phone,
    /// A phone number kept as the integrator wrote it (a contact's or a
    /// blocked number: the PBX stores the text); checked as a phone.
    PhoneText,
    /// `on` or `off`.
    OnOff,
    /// `true` or `false`.
    Bool,
    /// A positive id.
    Id,
    /// A comma-separated list of ids (a contact's `group_ids`).
    IdList,
    /// An integer in `min..=max`.
    Range(u32, u32),
    /// Text of at most this many characters, no control characters.
    Text(u16),
    /// A filter timestamp, written `YYYY-MM-DD HH:MM:SS UTC`.
    Stamp,
    /// A day written `dd.mm.yyyy` (a contact's birthday).
    Date,
    /// One of these texts.
    Choice(&'static [&'static str]),
    /// An absolute http(s) URL.
    Url,
    /// An e-mail address.
    Email,
    /// A file as a data URL (`data:<type>;[name:<name>;]base64,<data>`);
    /// `sound` asks for a sound type, the URL-safe base64 alphabet and no
    /// line breaks (`announcements.md`).
    DataUrl {
        /// A sound file (announcements) rather than any document (faxes).
        sound: bool,
    },
    /// A whole JSON document (a campaign), checked by its own reader.
    JsonDocument,
}

/// One parameter of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The wire name.
    pub name: &'static str,
    /// Where santral sends it.
    pub place: Place,
    /// Its type and rule.
    pub kind: Kind,
    /// Whether the vendor requires it.
    pub required: bool,
    /// What it is, in the vendor's words translated.
    pub doc: &'static str,
}

/// A rule between parameters the vendor documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `field` is required when `when` is given (and, if `value` is
    /// `Some`, equals it): a contact's `birthday` when `birthday_sms` is
    /// `true`, `monthly_sms_message` when `monthly_sms_day` is set.
    RequiredWhen {
        /// The field required.
        field: &'static str,
        /// The field that makes it required.
        when: &'static str,
        /// The value of `when` that does; `None`: any.
        value: Option<&'static str>,
    },
}

/// What a success reply holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// `OK` (compared without case; `+OK` too).
    Ok,
    /// `+OK` (call control; `OK` accepted too).
    PlusOk,
    /// `Changed DND of 1010 to on.`
    Dnd,
    /// The new record's id.
    Id,
    /// A call's uuid.
    CallUuid,
    /// A URL valid for an hour: plain text (older pages) or JSON
    /// `{"url", "expires_at"}` (`ses-kayitlari.md`).
    Url,
    /// A web-phone token (`W…`).
    Token,
    /// `200` with an empty body (`blocked_numbers/delete`).
    Empty,
    /// A JSON document read by the operation's typed reader (CRM
    /// settings, call records).
    Json,
    /// A list of records (with pagination where the page shows it).
    Records(&'static Records),
}

impl Reply {
    /// The reply's kind as a word (`ok`, `id`, `records`…), for faces and
    /// documentation.
    pub const fn name(self) -> &'static str {
        match self {
            Reply::Ok => "ok",
            Reply::PlusOk => "plus_ok",
            Reply::Dnd => "dnd",
            Reply::Id => "id",
            Reply::CallUuid => "call_uuid",
            Reply::Url => "url",
            Reply::Token => "token",
            Reply::Empty => "empty",
            Reply::Json => "json",
            Reply::Records(_) => "records",
        }
    }
}

/// A failure the vendor documents for an operation, as published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Documented {
    /// The HTTP status.
    pub status: u16,
    /// The body, exactly as the page shows it (typos included).
    pub text: &'static str,
    /// The code santral reads it as.
    pub code: Code,
    /// True when no page documents this failure for this operation and
    /// santral assumes the text (listed in the book's API page, `docs/src/reference/api.md`).
    pub assumed: bool,
}

impl Documented {
    /// The text for an actual value — what the PBX answers about *this*
    /// id, uuid or number: the page's example value (the text's last word,
    /// when it is digits or a uuid), or an uninterpolated `#{…}`, replaced.
    /// A text without either is the same for every value.
    ///
    /// ```
    /// use santral::api::Operation;
    /// use santral::diag::Code;
    ///
    /// let f = Operation::ListQueueMembers.spec().failure(Code::ResponseNotFound).unwrap();
    /// assert_eq!(f.text_for("205").to_string(), "Queue_number value null or none 205");
    /// let f = Operation::DeleteAnnouncement.spec().failure(Code::ResponseNotFound).unwrap();
    /// assert_eq!(f.text_for("456").to_string(), "cannot find announcement with id: 456");
    /// let f = Operation::Hangup.spec().failure(Code::ResponseNoSuchChannel).unwrap();
    /// assert_eq!(f.text_for("x").to_string(), "No such channel!");
    /// ```
    pub fn text_for<'v>(&self, value: &'v str) -> impl fmt::Display + 'v {
        let text = self.text;
        let (head, tail) = match (text.find("#{"), text.rfind('}')) {
            (Some(a), Some(b)) if b > a => (text.get(..a), text.get(b.saturating_add(1)..)),
            _ => {
                let at = text.rfind([' ', ':']).map_or(0, |i| i.saturating_add(1));
                let word = text.get(at..).unwrap_or("");
                let example = !word.is_empty()
                    && word.bytes().any(|b| b.is_ascii_digit())
                    && word.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
                if example {
                    (text.get(..at), Some(""))
                } else {
                    (Some(text), None)
                }
            }
        };
        TextFor {
            head: head.unwrap_or(""),
            value: tail.map(|_| value),
            tail: tail.unwrap_or(""),
        }
    }
}

struct TextFor<'v> {
    head: &'static str,
    value: Option<&'v str>,
    tail: &'static str,
}

impl fmt::Display for TextFor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.head)?;
        if let Some(v) = self.value {
            f.write_str(v)?;
        }
        f.write_str(self.tail)
    }
}

/// One operation's row.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Which operation.
    pub op: Operation,
    /// The method santral sends.
    pub method: Method,
    /// The path template; `{name}` is a [`Place::Path`] parameter.
    pub path: &'static str,
    /// The parameters, in the order santral writes them (the key first).
    pub params: &'static [Param],
    /// Rules between parameters.
    pub rules: &'static [Rule],
    /// What a success holds.
    pub reply: Reply,
    /// The rate budget it is counted in.
    pub pool: Pool,
    /// True when sending it twice has the effect of sending it once.
    pub idempotent: bool,
    /// The status the PBX answers a bad key with (401 on the phonebook
    /// and blocked-number pages, 400 elsewhere).
    pub key_status: u16,
    /// The documented (and assumed) failures.
    pub failures: &'static [Documented],
    /// One line: what it does.
    pub summary: &'static str,
    /// The vendor page it follows.
    pub page: &'static str,
    /// How the newer documentation set differs, or `""`.
    pub newer: &'static str,
    /// The success body of the vendor's example (pretty-printing and a
    /// trailing comma of the voicemail page removed; `""` where the page
    /// shows an empty body).
    pub success: &'static str,
}

impl Spec {
    /// The parameter named `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The first documented failure read as `code`.
    pub fn failure(&self, code: Code) -> Option<&'static Documented> {
        self.failures.iter().find(|f| f.code == code)
    }

    /// Where the key travels.
    pub fn key_place(&self) -> Place {
        self.param("key").map_or(Place::Query, |p| p.place)
    }

    /// The body's kind: the place of the first non-path, non-query
    /// parameter, or `None` when nothing travels in a body.
    pub fn body_place(&self) -> Option<Place> {
        self.params
            .iter()
            .map(|p| p.place)
            .find(|p| matches!(p, Place::Form | Place::Json))
    }
}

impl Operation {
    /// This operation's row.
    pub fn spec(self) -> &'static Spec {
        SPECS.get(self as usize).unwrap_or(&SPECS[0])
    }
}

// ---- parameter shorthands (the table below reads like the pages) ----

const fn p(name: &'static str, place: Place, kind: Kind, doc: &'static str) -> Param {
    Param {
        name,
        place,
        kind,
        required: false,
        doc,
    }
}

const fn r(name: &'static str, place: Place, kind: Kind, doc: &'static str) -> Param {
    Param {
        name,
        place,
        kind,
        required: true,
        doc,
    }
}

const fn fail(status: u16, text: &'static str, code: Code) -> Documented {
    Documented {
        status,
        text,
        code,
        assumed: false,
    }
}

const fn assumed(status: u16, text: &'static str, code: Code) -> Documented {
    Documented {
        status,
        text,
        code,
        assumed: true,
    }
}

use Kind as K;
use Place::{Form as F, Json as J, Path as P, Query as Q};

const KEY: &str = "the API key (Santral Ayarlarım)";
const KEY_Q: Param = r("key", Q, K::Key, KEY);
const KEY_F: Param = r("key", F, K::Key, KEY);
const KEY_J: Param = r("key", J, K::Key, KEY);
const UUID_PATH: Param = r("call_uuid", P, K::CallUuid, "the call's uuid");
const ID_PATH: Param = r("id", P, K::Id, "the record's id");
const LIMIT: Param = p(
    "limit",
    Q,
    K::Range(10, 100),
    "records a page, 10 to 100 (default 10)",
);
const PAGE: Param = p("page", Q, K::Range(1, u32::MAX), "the page, from 1");
const STAMP_FROM: Param = p("start_stamp_from", Q, K::Stamp, "from this time (UTC)");
const STAMP_TO: Param = p(
    "start_stamp_to",
    Q,
    K::Stamp,
    "until this time (UTC); the range at most 31 days",
);
const TIMEOUT: Param = p(
    "timeout",
    Q,
    K::Range(10, 60),
    "seconds to ring, 10 to 60 (default 30)",
);
const TO_CALLEE: Param = p(
    "announcement_to_callee",
    Q,
    K::Id,
    "announcement played to the callee on answer",
);
const TO_CALLER: Param = p(
    "announcement_to_caller",
    Q,
    K::Id,
    "announcement played to the caller on answer",
);
const INVALID_KEY: &str = "Gecersiz anahtar: K12345678-1234-5678-4321-123456789012";
const KEY_400: Documented = fail(400, INVALID_KEY, Code::ResponseInvalidKey);
const KEY_401: Documented = fail(401, INVALID_KEY, Code::ResponseInvalidKey);
const NO_CHANNEL: Documented = fail(400, "No such channel!", Code::ResponseNoSuchChannel);
const NO_CHANNEL_ASSUMED: Documented =
    assumed(400, "No such channel!", Code::ResponseNoSuchChannel);
const SOUND_FORMAT: Documented = fail(
    400,
    "Sound file should have one of these extensions: wav mp3 wma m4a aac ac3 amr flac gsm mpeg mp1 mp2 ra spx ogg 3gp",
    Code::ResponseSoundFormat,
);
const GROUP_NOT_FOUND: Documented = fail(
    400,
    "cannot find group with id: 20212",
    Code::ResponseNotFound,
);
const CONTACT_NOT_FOUND: Documented = fail(
    400,
    "cannot find group with id: 10203",
    Code::ResponseNotFound,
);
const CALL_NOT_FOUND: Documented = fail(
    400,
    "cannot find call with call_uuid 12345678-1234-5678-4321-123456789012",
    Code::ResponseCallNotFound,
);

const CONTACT_FIELDS: [Param; 22] = [
    r("name", J, K::Text(100), "first name"),
    p("surname", J, K::Text(100), "surname"),
    p("tckn", J, K::Text(11), "Turkish identity number"),
    p("description", J, K::Text(255), "description"),
    r("phone", J, K::PhoneText, "mobile number 1"),
    p("phone1", J, K::PhoneText, "mobile number 2"),
    p("email", J, K::Email, "e-mail address"),
    p("title", J, K::Text(100), "title"),
    p("phone2", J, K::PhoneText, "another phone number"),
    p("fax", J, K::PhoneText, "fax number"),
    p(
        "gender",
        J,
        K::Choice(&["m", "f"]),
        "m (male) or f (female)",
    ),
    p(
        "birthday",
        J,
        K::Date,
        "birthday, dd.mm.yyyy (required with birthday_sms)",
    ),
    p(
        "birthday_sms",
        J,
        K::Bool,
        "true: an automatic message on the birthday",
    ),
    p(
        "weddingday",
        J,
        K::Date,
        "wedding day, dd.mm.yyyy (required with weddingday_sms)",
    ),
    p(
        "weddingday_sms",
        J,
        K::Bool,
        "true: an automatic message on the wedding day",
    ),
    p("note1", J, K::Text(1000), "note"),
    p("note2", J, K::Text(1000), "note"),
    p("note3", J, K::Text(1000), "note"),
    p("note4", J, K::Text(1000), "note"),
    p("company_name", J, K::Text(255), "company name"),
    p(
        "monthly_sms_day",
        J,
        K::Range(1, 31),
        "day of the month for a monthly SMS, 1 to 31",
    ),
    p(
        "monthly_sms_message",
        J,
        K::Text(1000),
        "the monthly SMS (required with monthly_sms_day)",
    ),
];

// Evaluated at compile time only (for the two consts below): an index
// out of range is a build error, never a panic.
#[allow(clippy::indexing_slicing)]
const fn contact_params<const N: usize>(
    key: Param,
    path: Option<Param>,
    required: bool,
) -> [Param; N] {
    let mut out = [key; N];
    let mut at = 1;
    if let Some(id) = path {
        out[1] = id;
        at = 2;
    }
    let mut i = 0;
    while i < CONTACT_FIELDS.len() {
        let mut f = CONTACT_FIELDS[i];
        if !required {
            f.required = false;
        }
        out[at + i] = f;
        i += 1;
    }
    out[at + i] = p(
        "group_ids",
        J,
        K::IdList,
        "the groups to add the contact to",
    );
    out
}

const CREATE_CONTACT: [Param; 24] = contact_params(KEY_J, None, true);
const UPDATE_CONTACT: [Param; 25] = contact_params(KEY_J, Some(ID_PATH), false);
const CONTACT_RULES: &[Rule] = &[
    Rule::RequiredWhen {
        field: "birthday",
        when: "birthday_sms",
        value: Some("true"),
    },
    Rule::RequiredWhen {
        field: "weddingday",
        when: "weddingday_sms",
        value: Some("true"),
    },
    Rule::RequiredWhen {
        field: "monthly_sms_message",
        when: "monthly_sms_day",
        value: None,
    },
];

const fn spec(op: Operation, method: Method, path: &'static str) -> Spec {
    Spec {
        op,
        method,
        path,
        params: &[KEY_Q],
        rules: &[],
        reply: Reply::Ok,
        pool: Pool::Default,
        idempotent: true,
        key_status: 400,
        failures: &[KEY_400],
        summary: "",
        page: "",
        newer: "",
        success: "",
    }
}

use Method::{Delete, Get, Patch, Post, Put};
use Operation as O;

/// The table: one row per [`Operation`], in its order.
pub static SPECS: [Spec; 45] = [
    Spec {
        params: &[KEY_J, r("body", J, K::JsonDocument, "the campaign document (phone_list and its settings)")],
        reply: Reply::Id,
        pool: Pool::IvrCampaigns,
        idempotent: false,
        failures: &[
            fail(400, "name can't be blank", Code::ResponseNameBlank),
            fail(400, "INVALID_JSON", Code::ResponseInvalidJson),
            KEY_400,
        ],
        summary: "Create an auto-dial (IVR or queue) campaign; returns its id.",
        page: "ivr_campaigns.md",
        newer: "the same JSON; the newer set adds ring_timeout 25–60 and IYS fields",
        success: "20212",
        ..spec(O::CreateCampaign, Post, "/ivr_campaigns.json")
    },
    Spec {
        params: &[KEY_Q, ID_PATH],
        pool: Pool::IvrCampaigns,
        failures: &[fail(400, "Cannot find ivr_campaign with ID 112", Code::ResponseCampaignNotFound), KEY_400],
        summary: "Delete a campaign.",
        page: "ivr_campaigns.md",
        newer: "the newer set writes /ivr_campaigns/{id}.json",
        success: "OK",
        ..spec(O::DeleteCampaign, Delete, "/ivr_campaigns/{id}")
    },
    Spec {
        params: &[KEY_F, ID_PATH, r("status", F, K::OnOff, "off stops the campaign, on restarts it")],
        pool: Pool::IvrCampaigns,
        failures: &[fail(400, "Cannot find ivr_campaign with ID 112", Code::ResponseCampaignNotFound), KEY_400],
        summary: "Stop (off) or restart (on) a campaign.",
        page: "ivr_campaigns.md",
        newer: "PATCH /ivr_campaigns/{id}.json with JSON {\"status\": \"start|pause|stop\"}",
        success: "OK",
        ..spec(O::SetCampaignStatus, Patch, "/ivr_campaigns/{id}")
    },
    Spec {
        reply: Reply::Json,
        summary: "Read the CRM integration settings (which call events are posted where).",
        page: "crm_integrations.md",
        success: "{\"ringing\":\"on\",\"answered\":\"on\",\"hangup\":\"off\",\"notification_url\":\"https://siteadresi.com/events\"}",
        ..spec(O::GetCrmSettings, Get, "/crm_integrations")
    },
    Spec {
        params: &[
            KEY_F,
            p("ringing", F, K::OnOff, "post ringing events"),
            p("answered", F, K::OnOff, "post answer events"),
            p("hangup", F, K::OnOff, "post hangup events"),
            r("notification_url", F, K::Url, "where the PBX posts call events (tested with an empty POST first)"),
        ],
        failures: &[fail(400, "notification_url did not answer the test POST with 200", Code::ResponseUrlNotVerified), KEY_400],
        summary: "Replace the CRM integration settings.",
        page: "crm_integrations.md",
        success: "Ok",
        ..spec(O::UpdateCrmSettings, Post, "/crm_integrations")
    },
    Spec {
        params: &[
            KEY_Q,
            r("extension", Q, K::Extension, "the extension that rings first"),
            r("destination", Q, K::Phone, "the number called when the extension answers"),
            p("caller_id", Q, K::Phone, "the outside number shown (908505320000 form)"),
            p("manual_answer", Q, K::Bool, "true: wait until the extension answers"),
            TIMEOUT,
            TO_CALLEE,
            TO_CALLER,
        ],
        reply: Reply::CallUuid,
        pool: Pool::Originate,
        idempotent: false,
        failures: &[fail(400, "extension 1005 not found", Code::ResponseExtensionNotFound), KEY_400],
        summary: "Start a call from an extension to a number (click-to-call); returns the call's uuid.",
        page: "begin_call.md",
        newer: "also POST /originate?key=… with a JSON body",
        success: "358c20bc-fd86-11e5-87a2-157d41a07454",
        ..spec(O::Originate, Get, "/originate")
    },
    Spec {
        params: &[
            KEY_Q,
            STAMP_FROM,
            STAMP_TO,
            p("recording_present", Q, K::Choice(&["true", "false", "deleted"]), "true, false or deleted"),
            p("direction", Q, K::Choice(&["inbound", "outbound", "internal"]), "inbound, outbound or internal"),
            p("caller_id_number", Q, K::Text(32), "the caller's number"),
            p("missed", Q, K::Bool, "true: missed calls only"),
            p("destination_number", Q, K::Text(32), "the number called"),
            p("queue", Q, K::Text(64), "the queue"),
            LIMIT,
            PAGE,
        ],
        reply: Reply::Json,
        pool: Pool::Cdrs,
        summary: "List call records, a page at a time.",
        page: "cdrs.md",
        newer: "ISO timestamps (2025-01-01T00:00:00) for the range",
        success: "{\"cdrs\":[{\"call_uuid\":\"5cfdfb46-776c-11e7-8375-0d58348796d3\",\"direction\":\"Gelen\",\"start_stamp\":\"2017-08-03 12:30:32 +0300\"}],\"pagination\":{\"page\":1,\"total_count\":1,\"total_pages\":1,\"limit\":10}}",
        ..spec(O::ListCdrs, Get, "/cdrs")
    },
    Spec {
        params: &[KEY_Q, UUID_PATH],
        reply: Reply::Json,
        pool: Pool::CdrDetail,
        failures: &[
            fail(404, "cannot find call with call_uuid 5cfdfb46-776c-11e7-8375-0d58348796d3", Code::ResponseCallNotFound),
            KEY_400,
        ],
        summary: "Read one call record with its call flow.",
        page: "cdrs.md",
        success: "{\"cdr\":{\"call_uuid\":\"5cfdfb46-776c-11e7-8375-0d58348796d3\"},\"call_flow\":[]}",
        ..spec(O::GetCdr, Get, "/cdrs/{call_uuid}")
    },
    // ---- calls ----
    Spec {
        params: &[
            KEY_Q,
            r("source", Q, K::Phone, "called first; when it answers, destination is called"),
            r("destination", Q, K::Phone, "called second"),
            p("caller_id", Q, K::Phone, "the outside number both sides see (default: extension 1000's)"),
            p("recording_enabled", Q, K::Bool, "false: do not record (default true)"),
            TIMEOUT,
            TO_CALLEE,
            TO_CALLER,
        ],
        reply: Reply::CallUuid,
        idempotent: false,
        failures: &[fail(400, "invalid destination: 1234", Code::ResponseInvalid), KEY_400],
        summary: "Call two outside numbers and connect them, neither seeing the other's number (number masking).",
        page: "bridge.md",
        success: "358c20bc-fd86-11e5-87a2-157d41a07454",
        ..spec(O::Bridge, Get, "/bridge")
    },
    Spec {
        params: &[KEY_Q, UUID_PATH],
        reply: Reply::PlusOk,
        failures: &[NO_CHANNEL_ASSUMED, KEY_400],
        summary: "Answer a ringing call.",
        page: "verimor-docs-switch/cagri-yonetimi.md",
        newer: "documented only in the newer set",
        success: "+OK",
        ..spec(O::Answer, Get, "/answer/{call_uuid}")
    },
    Spec {
        params: &[KEY_Q, UUID_PATH],
        reply: Reply::PlusOk,
        failures: &[NO_CHANNEL, KEY_400],
        summary: "Hang up a call.",
        page: "hangup_call.md",
        success: "+OK",
        ..spec(O::Hangup, Get, "/hangup/{call_uuid}")
    },
    Spec {
        params: &[r("user_number", Q, K::Extension, "the extension to transfer to"), KEY_Q, UUID_PATH],
        reply: Reply::PlusOk,
        idempotent: false,
        failures: &[NO_CHANNEL_ASSUMED, KEY_400],
        summary: "Transfer a call to an extension.",
        page: "transfer.md",
        newer: "POST /transfer?id={call_uuid}&user_number=…",
        success: "+OK",
        ..spec(O::Transfer, Get, "/transfer/{call_uuid}")
    },
    Spec {
        params: &[r("state", Q, K::OnOff, "on mutes, off unmutes"), KEY_Q, UUID_PATH],
        reply: Reply::PlusOk,
        failures: &[NO_CHANNEL_ASSUMED, KEY_400],
        summary: "Mute (on) or unmute (off) a call.",
        page: "mute.md",
        newer: "the newer set sends no state",
        success: "+OK",
        ..spec(O::Mute, Get, "/mute/{call_uuid}")
    },
    Spec {
        params: &[
            r("state", Q, K::OnOff, "on turns do-not-disturb on, off turns it off"),
            KEY_Q,
            r("extension", P, K::Extension, "the extension"),
        ],
        reply: Reply::Dnd,
        failures: &[assumed(400, "extension 1005 not found", Code::ResponseExtensionNotFound), KEY_400],
        summary: "Turn an extension's do-not-disturb mode on or off.",
        page: "dnd.md",
        success: "Changed DND of 1010 to on.",
        ..spec(O::SetDnd, Get, "/dnd/{extension}")
    },
    // ---- records ----
    Spec {
        params: &[KEY_F, r("call_uuid", F, K::CallUuid, "the recorded call")],
        reply: Reply::Url,
        pool: Pool::RecordingUrl,
        failures: &[CALL_NOT_FOUND, KEY_400],
        summary: "Get a URL (valid one hour) to download a call's recording.",
        page: "recording.md",
        newer: "POST /recording_url?key&call_uuid (no slash), reply JSON {url, expires_at}",
        success: "https://api.bulutsantralim.com/recording/Rbb9d6f36-d1a7-46f5-961e-4be2e2ba1b8e",
        ..spec(O::RecordingUrl, Post, "/recording_url/")
    },
    // ---- announcements ----
    Spec {
        reply: Reply::Records(&records::ANNOUNCEMENTS),
        summary: "List the sound files (announcement ids for welcome_announcement_id and the like).",
        page: "announcements.md",
        success: "[{\"id\":112,\"name\":\"Firmamıza hoşgeldiniz\"},{\"id\":113,\"name\":\"Kalite standlarımız gereği\"},{\"id\":114,\"name\":\"Mesai dışındayız\"},{\"id\":115,\"name\":\"Öğle molası\"}]",
        ..spec(O::ListAnnouncements, Get, "/announcements")
    },
    Spec {
        params: &[
            KEY_F,
            r("name", F, K::Text(255), "the name shown in the list"),
            r("sounddata", F, K::DataUrl { sound: true }, "the file as a data URL, URL-safe base64"),
        ],
        reply: Reply::Id,
        idempotent: false,
        failures: &[SOUND_FORMAT, KEY_400],
        summary: "Upload a sound file; returns its id.",
        page: "announcements.md",
        newer: "JSON {name, content} with plain base64",
        success: "859",
        ..spec(O::CreateAnnouncement, Post, "/announcements")
    },
    Spec {
        params: &[
            KEY_F,
            ID_PATH,
            r("name", F, K::Text(255), "the name shown in the list"),
            r("sounddata", F, K::DataUrl { sound: true }, "the file as a data URL, URL-safe base64"),
        ],
        failures: &[
            SOUND_FORMAT,
            assumed(400, "cannot find announcement with id: 456", Code::ResponseNotFound),
            KEY_400,
        ],
        summary: "Replace a sound file's name and content.",
        page: "announcements.md",
        newer: "PATCH /announcements/{id}",
        success: "OK",
        ..spec(O::UpdateAnnouncement, Put, "/announcements/{id}")
    },
    Spec {
        params: &[KEY_F, ID_PATH],
        failures: &[fail(400, "cannot find announcement with id: #{id}", Code::ResponseNotFound), KEY_400],
        summary: "Delete a sound file.",
        page: "announcements.md",
        success: "OK",
        ..spec(O::DeleteAnnouncement, Delete, "/announcements/{id}")
    },
    // ---- caller ids ----
    Spec {
        reply: Reply::Records(&records::CALLER_IDS),
        summary: "List the outside numbers usable as caller id.",
        page: "caller_ids.md",
        success: "[\"908501234567\",\"902121234567\",\"902161234567\",\"902127654321\"]",
        ..spec(O::ListCallerIds, Get, "/caller_ids")
    },
    Spec {
        params: &[
            KEY_Q,
            r("extension", Q, K::Extension, "the extension"),
            r("caller_id", Q, K::Phone, "the outside number it shows (one of list_caller_ids)"),
        ],
        reply: Reply::PlusOk,
        summary: "Set the outside number an extension's calls show.",
        page: "user_caller_id.md",
        success: "+OK",
        ..spec(O::SetOutboundCallerId, Get, "/update_outbound_caller_id")
    },
    // ---- queues ----
    Spec {
        reply: Reply::Records(&records::QUEUES),
        summary: "List the queues (numbers for a campaign's queue_number).",
        page: "queues.md",
        success: "[{\"number\":200,\"name\":\"Kuyruk 1\"},{\"number\":201,\"name\":\"Kuyruk 2\"},{\"number\":202,\"name\":\"Kuyruk 3\"}]",
        ..spec(O::ListQueues, Get, "/queues")
    },
    Spec {
        reply: Reply::Records(&records::QUEUE_WAITING),
        pool: Pool::QueuesPending,
        summary: "List the callers waiting in queues.",
        page: "queues.md",
        success: "[{\"queue_number\":\"200\",\"uuid\":\"a7713781-xxxx-44b0-xxxx-38f24c4b55bb\",\"call_uuid\":\"f776683e-1bde-4b58-bc43-128b99497bd9\",\"caller_id\":\"905320000000\",\"joined_at\":\"1624947819\"},{\"queue_number\":\"202\",\"uuid\":\"df160df9-1a39-4f3a-abe7-36921ebc53cbb\",\"call_uuid\":\"98f13afd-697b-409d-8ebc-05f71290517c\",\"caller_id\":\"905320000001\",\"joined_at\":\"1624947822\"}]",
        ..spec(O::ListQueueWaiting, Get, "/queues/pending")
    },
    Spec {
        params: &[KEY_Q, r("queue_number", Q, K::Extension, "the queue")],
        reply: Reply::Records(&records::QUEUE_MEMBERS),
        failures: &[fail(400, "Queue_number value null or none 200", Code::ResponseNotFound), KEY_400],
        summary: "List a queue's extensions, in order.",
        page: "queues.md",
        newer: "queue=<name> instead of queue_number",
        success: "[{\"user\":1000,\"name\":\"DAHİLİ-1\"},{\"user\":1001,\"name\":\"DAHİLİ-2\"},{\"user\":1006,\"name\":\"DAHİLİ-3\"}]",
        ..spec(O::ListQueueMembers, Get, "/queue/user_list")
    },
    Spec {
        params: &[
            KEY_Q,
            r("queue_number", Q, K::Extension, "the queue"),
            r("user_list", Q, K::ExtensionList, "the queue's extensions, in order (replaces the list)"),
        ],
        failures: &[
            fail(400, "user_list value null or none", Code::ResponseBlank),
            fail(400, "User value null or none 1001", Code::ResponseExtensionNotFound),
            fail(400, "Queue_number value null or none 200", Code::ResponseNotFound),
            KEY_400,
        ],
        summary: "Set a queue's extensions and their order.",
        page: "queues.md",
        newer: "queue=<name>&extension=<n>&action=add|remove|replace: one extension at a time",
        success: "OK",
        ..spec(O::SetQueueMembers, Get, "/queue/manage_users")
    },
    // ---- voicemail ----
    Spec {
        params: &[
            KEY_Q,
            STAMP_FROM,
            STAMP_TO,
            p("read", Q, K::Bool, "true: read messages, false: unread"),
            p("user_number", Q, K::Extension, "the extension the message was left for"),
            p("uuid", Q, K::CallUuid, "the message (and its call)"),
            LIMIT,
            PAGE,
        ],
        reply: Reply::Records(&records::VOICEMAILS),
        summary: "List voicemail messages, a page at a time.",
        page: "voicemails.md",
        success: "{\"messages\":[{\"start_stamp\":\"2017-08-03 12:30:32 +0300\",\"read_stamp\":\"2017-08-03 14:31:32 +0300\",\"user_number\":\"1002\",\"uuid\":\"651f8a68-782e-11g7-a6b6-5bedc26e2ab3\",\"caller_id_number\":\"03121234567\",\"caller_id_name\":\"Mehmet Yılmaz\",\"duration\":\"00:01:05\"}],\"pagination\":{\"page\":1,\"total_count\":25,\"total_pages\":3,\"limit\":10}}",
        ..spec(O::ListVoicemails, Get, "/voicemail_messages")
    },
    Spec {
        params: &[KEY_F, r("uuid", F, K::CallUuid, "the message")],
        reply: Reply::Url,
        failures: &[fail(400, "cannot find voicemail with uuid 12345678-1234-5678-4321-123456789012", Code::ResponseNotFound), KEY_400],
        summary: "Get a URL (valid one hour) to download a voicemail message.",
        page: "voicemails.md",
        newer: "POST /voicemail_recording_url?key&call_uuid (no slash; call_uuid for uuid)",
        success: "https://api.bulutsantralim.com/recording/Rbb9d6f36-d1a7-46f5-961e-4be2e2ba1b8e",
        ..spec(O::VoicemailUrl, Post, "/voicemail_recording_url/")
    },
    // ---- phonebook ----
    Spec {
        reply: Reply::Records(&records::CONTACT_GROUPS),
        key_status: 401,
        failures: &[KEY_401],
        summary: "List the phonebook's groups.",
        page: "phonebook.md",
        success: "[{\"id\":20212,\"name\":\"Müşteriler\"},{\"id\":20213,\"name\":\"Arkadaşlarım\"}]",
        ..spec(O::ListContactGroups, Get, "/contact_groups")
    },
    Spec {
        params: &[KEY_J, r("name", J, K::Text(255), "the group's name")],
        reply: Reply::Id,
        idempotent: false,
        key_status: 401,
        failures: &[fail(400, "name can't be blank", Code::ResponseNameBlank), KEY_401],
        summary: "Create a phonebook group; returns its id.",
        page: "phonebook.md",
        success: "20212",
        ..spec(O::CreateContactGroup, Post, "/contact_groups")
    },
    Spec {
        params: &[KEY_J, ID_PATH, r("name", J, K::Text(255), "the group's name")],
        key_status: 401,
        failures: &[GROUP_NOT_FOUND, KEY_401],
        summary: "Rename a phonebook group.",
        page: "phonebook.md",
        success: "OK",
        ..spec(O::UpdateContactGroup, Patch, "/contact_groups/{id}")
    },
    Spec {
        params: &[KEY_J, ID_PATH],
        key_status: 401,
        failures: &[GROUP_NOT_FOUND, KEY_401],
        summary: "Delete a phonebook group.",
        page: "phonebook.md",
        success: "OK",
        ..spec(O::DeleteContactGroup, Delete, "/contact_groups/{id}")
    },
    Spec {
        params: &[KEY_Q, LIMIT, PAGE],
        reply: Reply::Records(&records::CONTACTS),
        key_status: 401,
        failures: &[KEY_401],
        summary: "List the phonebook's contacts, a page at a time.",
        page: "phonebook.md",
        success: "{\"contacts\":[{\"id\":10203,\"name\":\"Verimor\",\"surname\":\"Telekomünikasyon\",\"tckn\":\"12345678910\",\"description\":\"A.Ş.\",\"phone\":\"05531234567\",\"phone1\":\"05531234569\",\"email\":\"info@verimor.com.tr\",\"title\":\"Sabit Telefon Operatörü\",\"phone2\":\"02123205062\",\"fax\":\"02123205072\",\"gender\":\"Erkek\",\"birthday\":\"01.01.1990\",\"birthday_sms\":true,\"weddingday\":\"01.01.2018\",\"weddingday_sms\":true,\"note1\":\"\",\"note2\":\"\",\"note3\":\"\",\"note4\":\"\",\"company_name\":\"Verimor Telekomünikasyon\",\"monthly_sms_day\":9,\"monthly_sms_message\":\"Bu gün ayın dokuz\",\"group_ids\":[20212,20213]}],\"pagination\":{\"page\":1,\"total_count\":1,\"total_pages\":1,\"limit\":10}}",
        ..spec(O::ListContacts, Get, "/contacts")
    },
    Spec {
        params: &CREATE_CONTACT,
        rules: CONTACT_RULES,
        reply: Reply::Id,
        idempotent: false,
        key_status: 401,
        failures: &[fail(400, "name can't be blank", Code::ResponseNameBlank), KEY_401],
        summary: "Add a contact to the phonebook; returns its id.",
        page: "phonebook.md",
        success: "10203",
        ..spec(O::CreateContact, Post, "/contacts")
    },
    Spec {
        params: &UPDATE_CONTACT,
        rules: CONTACT_RULES,
        key_status: 401,
        failures: &[CONTACT_NOT_FOUND, KEY_401],
        summary: "Change a contact's fields (those given).",
        page: "phonebook.md",
        success: "OK",
        ..spec(O::UpdateContact, Patch, "/contacts/{id}")
    },
    Spec {
        params: &[KEY_J, ID_PATH],
        key_status: 401,
        failures: &[CONTACT_NOT_FOUND, KEY_401],
        summary: "Delete a contact.",
        page: "phonebook.md",
        success: "OK",
        ..spec(O::DeleteContact, Delete, "/contacts/{id}")
    },
    // ---- blocked numbers ----
    Spec {
        params: &[KEY_Q, LIMIT, PAGE],
        reply: Reply::Records(&records::BLOCKED_NUMBERS),
        key_status: 401,
        failures: &[KEY_401],
        summary: "List the blocked numbers, a page at a time.",
        page: "blocked_numbers.md",
        success: "{\"blocked_numbers\":[{\"id\":4274,\"number\":\"905531234567\"}],\"pagination\":{\"page\":1,\"total_count\":1,\"total_pages\":1,\"limit\":10}}",
        ..spec(O::ListBlockedNumbers, Get, "/blocked_numbers")
    },
    Spec {
        params: &[KEY_J, r("number", J, K::PhoneText, "the number to block")],
        reply: Reply::Id,
        idempotent: false,
        key_status: 401,
        failures: &[fail(400, "number required", Code::ResponseBlank), KEY_401],
        summary: "Block a number; returns the entry's id.",
        page: "blocked_numbers.md",
        success: "20212",
        ..spec(O::BlockNumber, Post, "/blocked_numbers")
    },
    Spec {
        params: &[KEY_Q, r("number", Q, K::PhoneText, "the number to unblock")],
        reply: Reply::Empty,
        key_status: 401,
        failures: &[KEY_401],
        summary: "Unblock a number.",
        page: "blocked_numbers.md",
        success: "",
        ..spec(O::UnblockNumber, Get, "/blocked_numbers/delete")
    },
    // ---- fax ----
    Spec {
        params: &[
            KEY_F,
            p("local_station_id", F, K::Phone, "the sending number"),
            p("local_station_header", F, K::Text(64), "the sender's header line"),
            r("remote_station_id", F, K::Phone, "the receiving number"),
            r("filedata", F, K::DataUrl { sound: false }, "the document as a data URL"),
        ],
        reply: Reply::Id,
        idempotent: false,
        failures: &[fail(400, "invalid base64", Code::ResponseInvalidData), KEY_400],
        summary: "Send a fax; returns the order's id.",
        page: "faxes.md",
        newer: "JSON {destination, document_url}",
        success: "20212",
        ..spec(O::SendFax, Post, "/fax_orders")
    },
    Spec {
        params: &[KEY_Q, LIMIT, PAGE],
        reply: Reply::Records(&records::FAX_ORDERS),
        summary: "List the faxes not yet sent, a page at a time.",
        page: "faxes.md",
        success: "{\"fax_orders\":[{\"id\":96,\"created_at\":\"2018-06-05 16:41:39\",\"local_station_id\":\"902129630131\",\"remote_station_id\":\"902123205072\",\"status\":\"Bekliyor\"}],\"pagination\":{\"page\":1,\"total_count\":1,\"total_pages\":1,\"limit\":10}}",
        ..spec(O::ListFaxOrders, Get, "/fax_orders")
    },
    Spec {
        params: &[
            KEY_Q,
            STAMP_FROM,
            STAMP_TO,
            p("direction", Q, K::Choice(&["inbound", "outbound", "internal"]), "inbound, outbound or internal"),
            p("caller_id_number", Q, K::Text(32), "the sending number"),
            p("original_destination", Q, K::Text(32), "the receiving number"),
            p("success", Q, K::Bool, "true: successful faxes, false: failed"),
            LIMIT,
            PAGE,
        ],
        reply: Reply::Records(&records::FAX_RECORDS),
        summary: "List fax records, a page at a time.",
        page: "faxes.md",
        success: "{\"fdrs\":[{\"call_uuid\":\"3289fe02-2dc7-11e8-9a23-1f0cd544cc6v\",\"direction\":\"Giden\",\"caller_id_number\":\"902129630131\",\"local_station_header\":\"Bulutsantralim\",\"original_destination\":\"902123205072\",\"pages_count\":\"0 / 0\",\"transfer_rate\":14400,\"start_stamp\":\"2018-03-22 14:50:20\",\"answer_stamp\":\"2018-03-22 14:50:20\",\"end_stamp\":\"2018-03-22 14:50:35\",\"duration\":15,\"success\":true,\"result\":\"Başarılı\"}],\"pagination\":{\"page\":1,\"total_count\":1,\"total_pages\":1,\"limit\":10}}",
        ..spec(O::ListFaxRecords, Get, "/fdrs")
    },
    Spec {
        params: &[KEY_F, r("call_uuid", F, K::CallUuid, "the fax")],
        reply: Reply::Url,
        failures: &[CALL_NOT_FOUND, KEY_400],
        summary: "Get a URL (valid one hour) to download a fax document.",
        page: "faxes.md",
        newer: "POST /fax_document_url?key with id=…; also GET /fax_document/{id}",
        success: "https://api.bulutsantralim.com/fax_document/Fbb9d6f36-d1a7-46f5-961e-4be2e2ba1b8e",
        ..spec(O::FaxDocumentUrl, Post, "/fax_document_url/")
    },
    // ---- statuses ----
    Spec {
        params: &[
            KEY_Q,
            p("agent", Q, K::Extension, "one agent"),
            p("status", Q, K::Choice(records::AGENT_STATES), "agents in this state"),
            p("queue", Q, K::Extension, "agents of this queue"),
        ],
        reply: Reply::Records(&records::AGENT_STATUSES),
        pool: Pool::Statuses,
        summary: "List the agents' states and queues (2 a minute, shared with list_user_statuses).",
        page: "agent_status.md",
        success: "[{\"agent\":\"1010\",\"status\":\"AVAILABLE\",\"queues\":[\"204\",\"205\"]},{\"agent\":\"1011\",\"status\":\"TALKING\",\"queues\":[\"202\"]},{\"agent\":\"1026\",\"status\":\"ON_BREAK\",\"queues\":[\"204\"],\"break_description\":\"Kahve\"}]",
        ..spec(O::ListAgentStatuses, Get, "/agent_statuses")
    },
    Spec {
        params: &[
            KEY_Q,
            p("user", Q, K::Extension, "one extension"),
            p("status", Q, K::Choice(&["AVAILABLE", "TALKING", "UNREGISTERED"]), "extensions in this state"),
        ],
        reply: Reply::Records(&records::USER_STATUSES),
        pool: Pool::Statuses,
        summary: "List the extensions' states (2 a minute, shared with list_agent_statuses).",
        page: "user_status.md",
        success: "[{\"user\":1000,\"status\":\"AVAILABLE\"},{\"user\":1001,\"status\":\"UNREGISTERED\"},{\"user\":1002,\"status\":\"TALKING\"},{\"user\":1003,\"status\":\"SS_DND\"}]",
        ..spec(O::ListUserStatuses, Get, "/user_statuses")
    },
    // ---- web phone ----
    Spec {
        params: &[KEY_J, r("extension", J, K::Extension, "the extension the web phone works as")],
        reply: Reply::Token,
        failures: &[
            fail(400, "missing extension", Code::ResponseBlank),
            fail(400, "cannot find user for extension", Code::ResponseExtensionNotFound),
            fail(400, "cannot find employee for extension", Code::ResponseNoEmployee),
            KEY_400,
        ],
        summary: "Get a token (valid one day) to embed the web phone for an extension.",
        page: "webphone_iframe.md",
        success: "W03311746-d56d-489b-801f-da610aba71cf",
        ..spec(O::CreateWebphoneToken, Post, "/webphone_tokens")
    },
];

const _: () = assert!(SPECS.len() == Operation::ALL.len());
