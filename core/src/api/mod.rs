//! Every API operation as one request shape (sans-IO, SPEC §6, §8, §14,
//! §15, §16): the core writes the method, the path with its
//! percent-encoded query, the content type and the body; the caller moves
//! the bytes; the core reads the reply into the operation's typed
//! [`Success`] or a typed [`Failure`]. [`incoming`] is the other side —
//! what the PBX reads — and [`rate`] the vendor's rate budgets.
//!
//! ```
//! use santral::api::{Method, Request, Success};
//! use santral::diag::Collector;
//! use santral::lexical::{Extension, Id, OnOff};
//! use santral::originate::Originate;
//! use santral::phone::Phone;
//!
//! const KEY: &str = "K12345678-1234-5678-4321-123456789012";
//! let call = Request::Originate(Originate::new(KEY, Extension::parse("1001")?, Phone::parse("08505320000")?));
//! assert_eq!(call.method(), Method::Get);
//! assert_eq!(call.target().to_string(), "/originate?key=K12345678-1234-5678-4321-123456789012&extension=1001&destination=908505320000");
//! assert_eq!(call.redacted().to_string(), "GET /originate?key=K1234…9012&extension=1001&destination=908505320000");
//!
//! let mut sink: Collector<4> = Collector::new();
//! match call.read_reply(200, b"358c20bc-fd86-11e5-87a2-157d41a07454\n", &mut sink) {
//!     Ok(Success::CallStarted(uuid)) => assert_eq!(uuid.as_str(), "358c20bc-fd86-11e5-87a2-157d41a07454"),
//!     other => panic!("{other:?}"),
//! }
//!
//! let stop = Request::SetCampaignStatus { key: KEY, id: Id::new(112).unwrap(), status: OnOff::Off };
//! assert_eq!((stop.method(), stop.target().to_string()), (Method::Patch, "/ivr_campaigns/112".to_string()));
//! assert_eq!(stop.body().to_string(), "key=K12345678-1234-5678-4321-123456789012&status=off");
//! let failure = stop.read_reply(400, b"Cannot find ivr_campaign with ID 112", &mut sink).unwrap_err();
//! assert_eq!(failure.code().id(), "response.campaign_not_found");
//! # Ok::<(), santral::diag::Error>(())
//! ```

pub mod call;
pub mod incoming;
pub mod operations;
pub mod rate;
pub mod records;
pub mod route;

use core::fmt;

use crate::cdr::{self, FlowStep, ListSummary, Record};
use crate::crm;
use crate::diag::{Counting, Diagnostic, Sink};
use crate::form::Encode;
use crate::lexical::{ApiKey, CallUuid, Id, OnOff};
use crate::originate::Originate;
use crate::response::{classify, Expect, Failure, Reply};

pub use call::{dnd_reply, Call, RecordList};
pub use operations::{Kind, Param, Place, Spec, SPECS};
pub use rate::{Bucket, Budget, Pool};

/// The vendor's base URL (SPEC §16); a face prefixes [`Request::target`]
/// with it, or with a simulator's address.
pub const BASE_URL: &str = "https://api.bulutsantralim.com";

/// The sample key of the vendor's pages (`K12345678-1234-5678-4321-123456789012`):
/// the one key `santral simulate` accepts unless told others.
pub const SAMPLE_KEY: &str = "K12345678-1234-5678-4321-123456789012";

/// The query and form parameter that carries the API key.
pub const KEY_PARAM: &str = incoming::StatusForm::Key.name();

/// The form parameter of the stop/start request.
pub const STATUS_PARAM: &str = incoming::StatusForm::Status.name();

pub use crate::net::Method;

crate::wire_enum! {
    /// The API's operations, by name (the names every face and log uses).
    pub enum Operation {
        /// `POST /ivr_campaigns.json`: create an auto-dial campaign.
        CreateCampaign = "create_campaign",
        /// `DELETE /ivr_campaigns/{id}?key=…`.
        DeleteCampaign = "delete_campaign",
        /// `PATCH /ivr_campaigns/{id}` with `key&status=on|off`.
        SetCampaignStatus = "set_campaign_status",
        /// `GET /crm_integrations?key=…`.
        GetCrmSettings = "get_crm_settings",
        /// `POST /crm_integrations` with `key&ringing&answered&hangup&notification_url`.
        UpdateCrmSettings = "update_crm_settings",
        /// `GET /originate?…`: start a call.
        Originate = "originate",
        /// `GET /cdrs?…`: a page of call records.
        ListCdrs = "list_cdrs",
        /// `GET /cdrs/{call_uuid}?key=…`: one record with its call flow.
        GetCdr = "get_cdr",
        /// `GET /bridge?…`: call two numbers and connect them.
        Bridge = "bridge",
        /// `GET /answer/{call_uuid}`: answer a ringing call.
        Answer = "answer",
        /// `GET /hangup/{call_uuid}`: hang up a call.
        Hangup = "hangup",
        /// `GET /transfer/{call_uuid}?user_number=…`: transfer a call.
        Transfer = "transfer",
        /// `GET /mute/{call_uuid}?state=on|off`: mute or unmute a call.
        Mute = "mute",
        /// `GET /dnd/{extension}?state=on|off`: an extension's do-not-disturb.
        SetDnd = "set_dnd",
        /// `POST /recording_url/`: a call recording's download URL.
        RecordingUrl = "recording_url",
        /// `GET /announcements`: the sound files.
        ListAnnouncements = "list_announcements",
        /// `POST /announcements`: upload a sound file.
        CreateAnnouncement = "create_announcement",
        /// `PUT /announcements/{id}`: replace a sound file.
        UpdateAnnouncement = "update_announcement",
        /// `DELETE /announcements/{id}`: delete a sound file.
        DeleteAnnouncement = "delete_announcement",
        /// `GET /caller_ids`: the outside numbers.
        ListCallerIds = "list_caller_ids",
        /// `GET /update_outbound_caller_id`: an extension's outside number.
        SetOutboundCallerId = "set_outbound_caller_id",
        /// `GET /queues`: the queues.
        ListQueues = "list_queues",
        /// `GET /queues/pending`: callers waiting in queues.
        ListQueueWaiting = "list_queue_waiting",
        /// `GET /queue/user_list`: a queue's extensions.
        ListQueueMembers = "list_queue_members",
        /// `GET /queue/manage_users`: set a queue's extensions.
        SetQueueMembers = "set_queue_members",
        /// `GET /voicemail_messages`: voicemail messages.
        ListVoicemails = "list_voicemails",
        /// `POST /voicemail_recording_url/`: a voicemail's download URL.
        VoicemailUrl = "voicemail_url",
        /// `GET /contact_groups`: the phonebook's groups.
        ListContactGroups = "list_contact_groups",
        /// `POST /contact_groups`: a new group.
        CreateContactGroup = "create_contact_group",
        /// `PATCH /contact_groups/{id}`: rename a group.
        UpdateContactGroup = "update_contact_group",
        /// `DELETE /contact_groups/{id}`: delete a group.
        DeleteContactGroup = "delete_contact_group",
        /// `GET /contacts`: the phonebook's contacts.
        ListContacts = "list_contacts",
        /// `POST /contacts`: a new contact.
        CreateContact = "create_contact",
        /// `PATCH /contacts/{id}`: change a contact.
        UpdateContact = "update_contact",
        /// `DELETE /contacts/{id}`: delete a contact.
        DeleteContact = "delete_contact",
        /// `GET /blocked_numbers`: the blocked numbers.
        ListBlockedNumbers = "list_blocked_numbers",
        /// `POST /blocked_numbers`: block a number.
        BlockNumber = "block_number",
        /// `GET /blocked_numbers/delete`: unblock a number.
        UnblockNumber = "unblock_number",
        /// `POST /fax_orders`: send a fax.
        SendFax = "send_fax",
        /// `GET /fax_orders`: faxes not yet sent.
        ListFaxOrders = "list_fax_orders",
        /// `GET /fdrs`: fax records.
        ListFaxRecords = "list_fax_records",
        /// `POST /fax_document_url/`: a fax document's download URL.
        FaxDocumentUrl = "fax_document_url",
        /// `GET /agent_statuses`: the agents' states.
        ListAgentStatuses = "list_agent_statuses",
        /// `GET /user_statuses`: the extensions' states.
        ListUserStatuses = "list_user_statuses",
        /// `POST /webphone_tokens`: a web-phone token.
        CreateWebphoneToken = "create_webphone_token",
    }
}

/// The path segments of the endpoints, declared once (the request writer
/// and [`incoming`]'s router both read them).
pub(crate) mod paths {
    pub const CAMPAIGNS: &str = "/ivr_campaigns";
    pub const JSON: &str = ".json";
    pub const CRM: &str = "/crm_integrations";
    pub const ORIGINATE: &str = "/originate";
    pub const CDRS: &str = "/cdrs";
}

impl Operation {
    /// The method this operation is sent with.
    pub fn method(self) -> Method {
        self.spec().method
    }

    /// True when sending it twice has the effect of sending it once, so a
    /// client may resend it after a lost reply. Originate is a `GET` but
    /// starts a call each time; creating a campaign makes a new one.
    pub fn is_idempotent(self) -> bool {
        self.spec().idempotent
    }

    /// The rate budget the PBX counts it in.
    pub fn pool(self) -> Pool {
        self.spec().pool
    }

    /// The body of a plain success: `Ok` for the CRM settings update, `OK`
    /// for the rest (the vendor's pages differ in case; readers compare
    /// without case).
    pub const fn ok_body(self) -> &'static str {
        match self {
            Operation::UpdateCrmSettings => "Ok",
            _ => "OK",
        }
    }

    /// What a success reply holds.
    const fn expect(self) -> Expect {
        match self {
            Operation::CreateCampaign => Expect::CampaignId,
            Operation::Originate => Expect::CallUuid,
            Operation::GetCrmSettings | Operation::ListCdrs | Operation::GetCdr => Expect::Json,
            _ => Expect::Ok,
        }
    }
}

/// One API request, whatever the operation.
#[derive(Clone, Copy, Debug)]
pub enum Request<'a> {
    /// Create a campaign: the JSON body, as [`crate::campaign::write`]
    /// builds it (it carries the key).
    CreateCampaign {
        /// The JSON document.
        body: &'a str,
    },
    /// Delete a campaign.
    DeleteCampaign {
        /// API key.
        key: &'a str,
        /// The campaign.
        id: Id,
    },
    /// Stop (`off`) or restart (`on`) a campaign.
    SetCampaignStatus {
        /// API key.
        key: &'a str,
        /// The campaign.
        id: Id,
        /// `on` or `off`.
        status: OnOff,
    },
    /// Read the CRM integration settings.
    GetCrmSettings {
        /// API key.
        key: &'a str,
    },
    /// Replace the CRM integration settings.
    UpdateCrmSettings(crm::Update<'a>),
    /// Start a call.
    Originate(Originate<'a>),
    /// A page of call records.
    ListCdrs(cdr::Query<'a>),
    /// One call record with its flow.
    GetCdr {
        /// API key.
        key: &'a str,
        /// The call.
        call_uuid: CallUuid<'a>,
    },
}

/// A successful reply, typed per operation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Success<'a> {
    /// The campaign was created with this id.
    CampaignCreated(Id),
    /// `OK` (delete, stop/start, settings update).
    Ok,
    /// The CRM settings.
    CrmSettings(crm::Settings<'a>),
    /// The call was started with this uuid.
    CallStarted(CallUuid<'a>),
    /// A page of records: stream it with [`CdrPage::read`].
    Cdrs(CdrPage<'a>),
    /// One record and its call flow: read it with [`CdrDetail::read`].
    Cdr(CdrDetail<'a>),
    /// A record was created with this id (an announcement, a contact…).
    Id(Id),
    /// `Changed DND of 1010 to on.`
    Dnd {
        /// The extension.
        extension: crate::lexical::Extension<'a>,
        /// Its do-not-disturb mode now.
        state: OnOff,
    },
    /// A download URL (valid one hour).
    Url {
        /// The URL.
        url: crate::json::JsonStr<'a>,
        /// When it expires, when the reply says (the newer JSON form).
        expires_at: Option<crate::json::JsonStr<'a>>,
    },
    /// A web-phone token.
    Token(&'a str),
    /// A list of records: stream it with [`RecordList::read`].
    Records(RecordList<'a>),
}

/// A list reply's body, read record by record in fixed memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CdrPage<'a>(pub &'a [u8]);

impl<'a> CdrPage<'a> {
    /// Streams the records to `on_record` ([`cdr::read_list`]).
    pub fn read<S: Sink>(
        &self,
        sink: &mut S,
        on_record: impl FnMut(&Record<'a>) -> core::ops::ControlFlow<()>,
    ) -> ListSummary {
        cdr::read_list(self.0, sink, on_record)
    }
}

/// A detail reply's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CdrDetail<'a>(pub &'a [u8]);

impl<'a> CdrDetail<'a> {
    /// The record, with each flow step given to `on_step` ([`cdr::read_detail`]).
    pub fn read<S: Sink>(
        &self,
        sink: &mut S,
        on_step: impl FnMut(&FlowStep<'a>),
    ) -> Option<Record<'a>> {
        cdr::read_detail(self.0, sink, on_step)
    }
}

impl<'a> Request<'a> {
    /// Which operation this is.
    pub const fn operation(&self) -> Operation {
        match self {
            Request::CreateCampaign { .. } => Operation::CreateCampaign,
            Request::DeleteCampaign { .. } => Operation::DeleteCampaign,
            Request::SetCampaignStatus { .. } => Operation::SetCampaignStatus,
            Request::GetCrmSettings { .. } => Operation::GetCrmSettings,
            Request::UpdateCrmSettings(_) => Operation::UpdateCrmSettings,
            Request::Originate(_) => Operation::Originate,
            Request::ListCdrs(_) => Operation::ListCdrs,
            Request::GetCdr { .. } => Operation::GetCdr,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.operation().method()
    }

    /// The path and percent-encoded query (`+` written `%2B`), to append
    /// to [`BASE_URL`].
    pub fn target(&self) -> impl fmt::Display + '_ {
        Target {
            request: self,
            redact: false,
        }
    }

    /// `Content-Type` of the body, `None` when there is no body.
    pub const fn content_type(&self) -> Option<&'static str> {
        match self {
            Request::CreateCampaign { .. } => Some("application/json"),
            Request::SetCampaignStatus { .. } | Request::UpdateCrmSettings(_) => {
                Some("application/x-www-form-urlencoded")
            }
            _ => None,
        }
    }

    /// The body (empty when [`content_type`](Self::content_type) is `None`).
    pub fn body(&self) -> impl fmt::Display + '_ {
        Body(self)
    }

    /// The request for a log line: method and target with the key masked
    /// (`K1234…9012`). The body is never shown (campaigns carry personal data).
    pub fn redacted(&self) -> impl fmt::Display + '_ {
        Redacted(self)
    }

    /// Checks what santral can check before sending: the campaign JSON
    /// (every problem), or the operation's rules (its first broken rule,
    /// at its parameter). True when nothing is an error.
    pub fn check<S: Sink>(&self, sink: &mut S) -> bool {
        let mut tee = Counting::new(sink);
        let report = |tee: &mut Counting<'_, S>, r: Result<(), Diagnostic>| {
            if let Err(d) = r {
                let _ = tee.report(d);
            }
        };
        let key = |k: &str| {
            ApiKey::parse(k)
                .map(|_| ())
                .map_err(|e| Diagnostic::field(e, KEY_PARAM))
        };
        match self {
            Request::CreateCampaign { body } => {
                crate::campaign::validate(
                    body.as_bytes(),
                    &crate::campaign::Options::default(),
                    &mut tee,
                );
            }
            Request::DeleteCampaign { key: k, .. }
            | Request::SetCampaignStatus { key: k, .. }
            | Request::GetCrmSettings { key: k }
            | Request::GetCdr { key: k, .. } => report(&mut tee, key(k)),
            Request::UpdateCrmSettings(u) => report(&mut tee, u.check()),
            Request::Originate(o) => report(&mut tee, o.check()),
            Request::ListCdrs(q) => report(&mut tee, q.check()),
        }
        tee.errors == 0
    }

    /// Reads the reply: the operation's [`Success`], or a [`Failure`]
    /// (every status but 200; a 200 whose body is not what the operation
    /// returns is [`Failure::Other`], with the problems in `sink`).
    pub fn read_reply<'r, S: Sink>(
        &self,
        status: u16,
        body: &'r [u8],
        sink: &mut S,
    ) -> Result<Success<'r>, Failure<'r>> {
        read_typed_reply(self.operation(), status, body, sink)
    }
}

/// A reply's body as text; one that is not UTF-8 is an unexpected reply
/// (keeping what can be shown).
fn utf8_reply(status: u16, body: &[u8]) -> Result<&str, Failure<'_>> {
    core::str::from_utf8(body).map_err(|e| {
        let valid = body.get(..e.valid_up_to()).unwrap_or(&[]);
        Failure::Other {
            status,
            text: core::str::from_utf8(valid).unwrap_or(""),
        }
    })
}

/// The replies of the eight operations with a typed request.
fn read_typed_reply<'r, S: Sink>(
    op: Operation,
    status: u16,
    body: &'r [u8],
    sink: &mut S,
) -> Result<Success<'r>, Failure<'r>> {
    let text = utf8_reply(status, body)?;
    let reply = classify(status, text, op.expect())?;
    let other = Failure::Other {
        status,
        text: text.trim(),
    };
    match (op, reply) {
        (_, Reply::Ok) => Ok(Success::Ok),
        (_, Reply::CampaignCreated(id)) => Ok(Success::CampaignCreated(id)),
        (_, Reply::CallStarted(u)) => Ok(Success::CallStarted(u)),
        (Operation::GetCrmSettings, Reply::Json(_)) => crm::parse_settings(body, sink)
            .map(Success::CrmSettings)
            .ok_or(other),
        (Operation::ListCdrs, Reply::Json(_)) => Ok(Success::Cdrs(CdrPage(body))),
        (Operation::GetCdr, Reply::Json(_)) => Ok(Success::Cdr(CdrDetail(body))),
        _ => Err(other),
    }
}

struct Target<'r, 'a> {
    request: &'r Request<'a>,
    redact: bool,
}

impl fmt::Display for Target<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use paths as p;
        let key = |f: &mut fmt::Formatter<'_>, k: &str| {
            if self.redact {
                write!(f, "{}", MaskedKey(k))
            } else {
                write!(f, "{}", Encode(k))
            }
        };
        match self.request {
            Request::CreateCampaign { .. } => write!(f, "{}{}", p::CAMPAIGNS, p::JSON),
            Request::DeleteCampaign { key: k, id } => {
                write!(f, "{}/{id}?{KEY_PARAM}=", p::CAMPAIGNS)?;
                key(f, k)
            }
            Request::SetCampaignStatus { id, .. } => write!(f, "{}/{id}", p::CAMPAIGNS),
            Request::GetCrmSettings { key: k } => {
                write!(f, "{}?{KEY_PARAM}=", p::CRM)?;
                key(f, k)
            }
            Request::UpdateCrmSettings(_) => f.write_str(p::CRM),
            Request::Originate(o) => write!(f, "{o}"),
            Request::ListCdrs(q) => write!(f, "{q}"),
            Request::GetCdr { key: k, call_uuid } => {
                write!(f, "{}/{call_uuid}?{KEY_PARAM}=", p::CDRS)?;
                key(f, k)
            }
        }
    }
}

struct Body<'r, 'a>(&'r Request<'a>);

impl fmt::Display for Body<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Request::CreateCampaign { body } => f.write_str(body),
            Request::SetCampaignStatus { key, status, .. } => {
                write!(f, "{KEY_PARAM}={}&{STATUS_PARAM}={status}", Encode(key))
            }
            Request::UpdateCrmSettings(u) => write!(f, "{u}"),
            _ => Ok(()),
        }
    }
}

struct Redacted<'r, 'a>(&'r Request<'a>);

impl fmt::Display for Redacted<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.0.method())?;
        match self.0 {
            // Their targets are written by their own Display, with the
            // key inside: mask it in the text written.
            Request::Originate(_) | Request::ListCdrs(_) => {
                let plain = Target {
                    request: self.0,
                    redact: false,
                };
                write_masked(f, format_args!("{plain}"))
            }
            _ => write!(
                f,
                "{}",
                Target {
                    request: self.0,
                    redact: true,
                }
            ),
        }
    }
}

pub use crate::lexical::MaskedKey;

/// A request target (`/path?query`) as received, for a log line: the
/// value of every `key` parameter masked like [`MaskedKey`].
///
/// ```
/// use santral::api::redact_target;
/// assert_eq!(
///     redact_target("/cdrs?limit=10&key=K12345678-1234-5678-4321-123456789012&page=2").to_string(),
///     "/cdrs?limit=10&key=K1234…9012&page=2"
/// );
/// // A name the server decodes to `key` is masked too.
/// assert_eq!(
///     redact_target("/cdrs?k%65y=K12345678-1234-5678-4321-123456789012&limit=10").to_string(),
///     "/cdrs?k%65y=K1234…9012&limit=10"
/// );
/// ```
pub fn redact_target(target: &str) -> impl fmt::Display + '_ {
    RedactTarget(target)
}

struct RedactTarget<'a>(&'a str);

impl fmt::Display for RedactTarget<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_masked(f, format_args!("{}", self.0))
    }
}

/// `text` (a request body, a log line) with every occurrence of `key`
/// masked like [`MaskedKey`]: what `--dry-run` shows of a body.
///
/// ```
/// use santral::api::masked_in;
/// let key = "K12345678-1234-5678-4321-123456789012";
/// assert_eq!(masked_in(r#"{"key":"K12345678-1234-5678-4321-123456789012","name":"x"}"#, key).to_string(), r#"{"key":"K1234…9012","name":"x"}"#);
/// ```
pub fn masked_in<'a>(text: &'a str, key: &'a str) -> impl fmt::Display + 'a {
    MaskedIn { text, key }
}

struct MaskedIn<'a> {
    text: &'a str,
    key: &'a str,
}

impl fmt::Display for MaskedIn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.text;
        if !self.key.is_empty() {
            while let Some(at) = rest.find(self.key) {
                f.write_str(rest.get(..at).unwrap_or(""))?;
                write!(f, "{}", MaskedKey(self.key))?;
                rest = rest.get(at + self.key.len()..).unwrap_or("");
            }
        }
        f.write_str(rest)
    }
}

/// Writes `args` with each `key=` value of the query masked.
fn write_masked(f: &mut fmt::Formatter<'_>, args: fmt::Arguments<'_>) -> fmt::Result {
    let mut w = MaskingWriter {
        out: f,
        state: Mask::Outside,
    };
    fmt::write(&mut w, args)?;
    w.finish()
}

/// The longest key value a [`MaskingWriter`] holds to mask; a longer
/// one is written as `…` alone.
const MASK_HOLD: usize = 64;

/// Where a [`MaskingWriter`] is in the text written to it.
#[derive(Clone, Copy, Debug)]
enum Mask {
    /// Before the query, or in a parameter that is not the key.
    Outside,
    /// Just after `?` or `&`: this many bytes of `key=` matched.
    Name(usize),
    /// Inside a `%XX` escape of the name (the server decodes names, so
    /// `k%65y=` is the key too): the bytes matched before it, and the
    /// first hex digit once read.
    Escape(usize, Option<u8>),
    /// Inside the key's value: the bytes so far, their count, and
    /// whether it overflowed the hold.
    Value([u8; MASK_HOLD], usize, bool),
}

/// Passes text through, replacing each `key=` value by its mask. The
/// text arrives in pieces, so it keeps a little state between them.
struct MaskingWriter<'f, 'g> {
    out: &'f mut fmt::Formatter<'g>,
    state: Mask,
}

impl MaskingWriter<'_, '_> {
    fn flush_value(&mut self, buf: &[u8; MASK_HOLD], len: usize, long: bool) -> fmt::Result {
        let text = buf
            .get(..len)
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("");
        if long {
            self.out.write_str("…")
        } else {
            write!(self.out, "{}", MaskedKey(text))
        }
    }

    /// Writes a key value still held at the end of the text.
    fn finish(mut self) -> fmt::Result {
        match core::mem::replace(&mut self.state, Mask::Outside) {
            Mask::Value(buf, len, long) => self.flush_value(&buf, len, long),
            _ => Ok(()),
        }
    }
}

impl fmt::Write for MaskingWriter<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        const NAME: &[u8] = b"key=";
        // One more byte of the name matched: the value follows after `=`.
        let matched = |n: usize| {
            if n + 1 == NAME.len() {
                Mask::Value([0; MASK_HOLD], 0, false)
            } else {
                Mask::Name(n + 1)
            }
        };
        for c in s.chars() {
            let mut utf8 = [0u8; 4];
            let piece = c.encode_utf8(&mut utf8);
            let byte = u8::try_from(c).ok();
            self.state = match self.state {
                Mask::Value(mut buf, len, long) if c != '&' => {
                    let end = len + piece.len();
                    match buf.get_mut(len..end) {
                        Some(slot) => {
                            slot.copy_from_slice(piece.as_bytes());
                            Mask::Value(buf, end, long)
                        }
                        None => Mask::Value(buf, len, true),
                    }
                }
                Mask::Value(buf, len, long) => {
                    self.flush_value(&buf, len, long)?;
                    self.out.write_str(piece)?;
                    Mask::Name(0)
                }
                Mask::Name(n) if byte.is_some() && NAME.get(n) == byte.as_ref() => {
                    self.out.write_str(piece)?;
                    matched(n)
                }
                Mask::Name(n) if c == '%' => {
                    self.out.write_str(piece)?;
                    Mask::Escape(n, None)
                }
                Mask::Escape(n, hi) if c.is_ascii_hexdigit() => {
                    self.out.write_str(piece)?;
                    let digit = c.to_digit(16).unwrap_or(0) as u8;
                    match hi {
                        None => Mask::Escape(n, Some(digit)),
                        Some(h) if NAME.get(n) == Some(&(h * 16 + digit).to_ascii_lowercase()) => {
                            matched(n)
                        }
                        Some(_) => Mask::Outside,
                    }
                }
                Mask::Outside | Mask::Name(_) | Mask::Escape(..) => {
                    self.out.write_str(piece)?;
                    if c == '?' || c == '&' {
                        Mask::Name(0)
                    } else {
                        Mask::Outside
                    }
                }
            };
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
