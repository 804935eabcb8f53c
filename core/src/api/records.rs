//! The lists the API returns, as field tables read by one reader: each
//! [`Records`] names the list's key (`messages`, `contacts`… or none for a
//! top-level array), whether it pages, and each field's wire name and
//! type. [`read`] streams the records of a reply in fixed memory, one
//! [`Row`] at a time; a value that does not have its documented form is
//! kept as its raw text ([`Cell::Raw`]) with a `cdr.malformed_value`
//! warning, as the call-record reader does. Numbers the vendor writes as
//! strings (`"queue_number": "200"`) are read as numbers.
//!
//! ```
//! use core::ops::ControlFlow;
//! use santral::api::records::{read, Cell, QUEUES};
//! use santral::diag::Collector;
//!
//! let body = br#"[{"number": 200, "name": "Kuyruk 1"}, {"number": "201", "name": "Kuyruk 2"}]"#;
//! let mut numbers = [0i64; 2];
//! let mut sink: Collector<4> = Collector::new();
//! let summary = read(&QUEUES, body, &mut sink, |row| {
//!     if let (Some(Cell::Int(n)), Some(slot)) = (row.get("number"), numbers.get_mut(row.index)) {
//!         *slot = *n;
//!     }
//!     ControlFlow::Continue(())
//! });
//! assert_eq!((summary.records, summary.errors, numbers), (2, 0, [200, 201]));
//! ```

use core::ops::ControlFlow;

pub use crate::cdr::{ListSummary, Pagination};
use crate::diag::{Code, Counting, Sink};
use crate::json::{text, Event, JsonStr, Reader, Scalar, Walker};
use crate::time::Timestamp;

/// A field's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// An integer (a number, or a string of digits).
    Int,
    /// Text.
    Text,
    /// `true`/`false` (or the strings).
    Bool,
    /// A timestamp (`2017-08-03 12:30:32 +0300`, a zone optional).
    Stamp,
    /// A list of texts (`"queues": ["204", "205"]`).
    TextList,
    /// A list of integers (`"group_ids": [20212, 20213]`).
    IntList,
}

impl FieldType {
    /// The type as a word (`int`, `text`…), for faces and documentation.
    pub const fn name(self) -> &'static str {
        match self {
            FieldType::Int => "int",
            FieldType::Text => "text",
            FieldType::Bool => "bool",
            FieldType::Stamp => "stamp",
            FieldType::TextList => "text_list",
            FieldType::IntList => "int_list",
        }
    }
}

/// One field of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// What it is.
    pub doc: &'static str,
}

/// A list reply's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Records {
    /// The record type's name (`Announcement`), for generated faces.
    pub name: &'static str,
    /// The key of the list in the reply object; `None`: the reply is the
    /// array itself.
    pub list_key: Option<&'static str>,
    /// True when the reply carries a `pagination` object.
    pub paged: bool,
    /// True when each element is a bare string (the caller ids), read as
    /// the one field.
    pub scalar: bool,
    /// The fields.
    pub fields: &'static [Field],
}

/// The most fields a record has (a contact's 24).
pub const MAX_FIELDS: usize = 24;

/// One value of a record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// The field was not sent.
    Absent,
    /// `null`.
    Null,
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A text (decode with [`crate::json::text`]).
    Text(JsonStr<'a>),
    /// A timestamp.
    Stamp(Timestamp),
    /// A list: the array's bytes (`[…]`); read them with [`list_items`].
    List(&'a [u8]),
    /// A value without its documented form, as sent (a warning was given).
    Raw(&'a [u8]),
}

/// One record: its cells in the order of its table's fields.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    /// The table.
    pub table: &'static Records,
    /// Its place in the list (from 0).
    pub index: usize,
    /// One cell per field of the table.
    pub cells: [Cell<'a>; MAX_FIELDS],
}

impl<'a> Row<'a> {
    /// The cell of the field named `name`.
    pub fn get(&self, name: &str) -> Option<&Cell<'a>> {
        let i = self.table.fields.iter().position(|f| f.name == name)?;
        self.cells.get(i)
    }

    /// Each field with its cell.
    pub fn iter(&self) -> impl Iterator<Item = (&'static Field, &Cell<'a>)> {
        self.table.fields.iter().zip(self.cells.iter())
    }
}

/// The items of a [`Cell::List`]: each a [`Cell::Int`], [`Cell::Text`],
/// [`Cell::Bool`] or [`Cell::Null`] (nested containers are skipped).
pub fn list_items<'a>(raw: &'a [u8], mut on_item: impl FnMut(Cell<'a>)) {
    let mut reader = Reader::new(raw);
    let mut depth = 0usize;
    while let Some(Ok(t)) = reader.next_token() {
        match t.event {
            Event::BeginArray | Event::BeginObject => depth += 1,
            Event::EndArray | Event::EndObject => depth = depth.saturating_sub(1),
            _ if depth != 1 => {}
            Event::Number(n) => {
                on_item(n.as_i64().map_or(Cell::Raw(raw_of(raw, t.span)), Cell::Int))
            }
            Event::String(s) => on_item(Cell::Text(s)),
            Event::Bool(b) => on_item(Cell::Bool(b)),
            Event::Null => on_item(Cell::Null),
            Event::Key(_) => {}
        }
    }
}

fn raw_of(input: &[u8], span: crate::diag::Span) -> &[u8] {
    input.get(span.start..span.end).unwrap_or(&[])
}

/// Streams the records of a list reply to `on_row` (which may stop the
/// reading); problems go to `sink`: syntax errors and a missing list are
/// errors, unknown keys and malformed values warnings.
pub fn read<'a, S: Sink>(
    table: &'static Records,
    body: &'a [u8],
    sink: &mut S,
    mut on_row: impl FnMut(&Row<'a>) -> ControlFlow<()>,
) -> ListSummary {
    let mut tee = Counting::new(sink);
    let mut summary = ListSummary::default();
    {
        let mut w = Walker::new(body, &mut tee);
        let stopped = match table.list_key {
            None => !rows(&mut w, table, body, &mut summary, &mut on_row),
            Some(key) => wrapped(&mut w, table, key, body, &mut summary, &mut on_row),
        };
        if !stopped {
            w.finish();
        }
    }
    summary.errors = tee.errors;
    summary.warnings = tee.warnings;
    summary
}

/// `{"<key>": [...], "pagination": {...}}`; true when `on_row` stopped.
fn wrapped<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    table: &'static Records,
    key: &'static str,
    body: &'a [u8],
    summary: &mut ListSummary,
    on_row: &mut impl FnMut(&Row<'a>) -> ControlFlow<()>,
) -> bool {
    if w.begin_object().is_none() {
        return false;
    }
    let names = [key, "pagination"];
    let known = if table.paged { &names[..] } else { &names[..1] };
    let mut end = None;
    let mut seen = 0;
    while let Some((k, t)) = w.next_key(&mut end) {
        let Some((i, name)) = w.known_key(k, &t, known, &mut seen) else {
            continue;
        };
        w.path.push_key(name);
        if i == 0 {
            if !rows(w, table, body, summary, on_row) {
                return true;
            }
        } else {
            summary.pagination = crate::cdr::pagination(w);
        }
        w.path.pop();
    }
    if let Some(end) = end {
        if seen & 1 == 0 {
            w.missing(key, &end);
        }
    }
    false
}

/// The array of records; false when `on_row` stopped.
fn rows<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    table: &'static Records,
    body: &'a [u8],
    summary: &mut ListSummary,
    on_row: &mut impl FnMut(&Row<'a>) -> ControlFlow<()>,
) -> bool {
    let Some(open) = w.next_token() else {
        return true;
    };
    if open.event != Event::BeginArray {
        w.report(Code::JsonExpectedArray, &open);
        w.skip(&open);
        return true;
    }
    let mut index = 0u32;
    loop {
        let Some(t) = w.next_token() else { return true };
        w.path.push_index(index);
        let mut row = Row {
            table,
            index: index as usize,
            cells: [Cell::Absent; MAX_FIELDS],
        };
        let is_row = match t.event {
            Event::EndArray => {
                w.path.pop();
                return true;
            }
            Event::BeginObject => {
                fields(w, table, body, &mut row);
                true
            }
            Event::String(s) if table.scalar => {
                row.cells[0] = Cell::Text(s);
                true
            }
            _ => {
                let code = if table.scalar {
                    Code::JsonExpectedString
                } else {
                    Code::JsonExpectedObject
                };
                w.report(code, &t);
                w.skip(&t);
                false
            }
        };
        w.path.pop();
        if is_row {
            summary.records += 1;
            if on_row(&row).is_break() {
                return false;
            }
        }
        index = index.saturating_add(1);
    }
}

/// One record object's fields into `row`.
fn fields<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    table: &'static Records,
    body: &'a [u8],
    row: &mut Row<'a>,
) {
    let mut names = [""; MAX_FIELDS];
    for (slot, f) in names.iter_mut().zip(table.fields) {
        *slot = f.name;
    }
    let names = names.get(..table.fields.len()).unwrap_or(&[]);
    let mut end = None;
    let mut seen = 0;
    while let Some((k, t)) = w.next_key(&mut end) {
        let Some((i, name)) = w.known_key(k, &t, names, &mut seen) else {
            continue;
        };
        let Some(field) = table.fields.get(i) else {
            w.skip_value();
            continue;
        };
        w.path.push_key(name);
        let cell = value(w, field.ty, body);
        if let Some(slot) = row.cells.get_mut(i) {
            *slot = cell;
        }
        w.path.pop();
    }
}

/// One value of type `ty`.
fn value<'a, S: Sink>(w: &mut Walker<'a, '_, S>, ty: FieldType, body: &'a [u8]) -> Cell<'a> {
    let Some(t) = w.next_token() else {
        return Cell::Absent;
    };
    let raw = raw_of(body, t.span);
    let scalar = match t.event {
        Event::BeginArray if matches!(ty, FieldType::TextList | FieldType::IntList) => {
            w.skip(&t);
            let end = w.reader().position().0;
            return Cell::List(body.get(t.span.start..end).unwrap_or(&[]));
        }
        Event::BeginArray | Event::BeginObject => {
            w.skip(&t);
            let end = w.reader().position().0;
            w.report(Code::CdrMalformedValue, &t);
            return Cell::Raw(body.get(t.span.start..end).unwrap_or(&[]));
        }
        Event::String(s) => Scalar::Str(s),
        Event::Number(n) => Scalar::Num(n),
        Event::Bool(b) => Scalar::Bool(b),
        Event::Null => return Cell::Null,
        Event::EndArray | Event::EndObject | Event::Key(_) => return Cell::Absent,
    };
    let mut buf = [0u8; 64];
    let cell = match (ty, scalar) {
        (FieldType::Text, Scalar::Str(s)) => Some(Cell::Text(s)),
        // A number where text is documented: its digits are the text.
        (FieldType::Text, Scalar::Num(_)) => {
            JsonStr::plain(core::str::from_utf8(raw).unwrap_or("")).map(Cell::Text)
        }
        (FieldType::Int, Scalar::Num(n)) => n.as_i64().map(Cell::Int),
        (FieldType::Int, Scalar::Str(s)) => text(s, &mut buf)
            .and_then(|x| x.parse::<i64>().ok())
            .map(Cell::Int),
        (FieldType::Bool, Scalar::Bool(b)) => Some(Cell::Bool(b)),
        (FieldType::Bool, Scalar::Str(s)) => match text(s, &mut buf) {
            Some("true") => Some(Cell::Bool(true)),
            Some("false") => Some(Cell::Bool(false)),
            _ => None,
        },
        (FieldType::Stamp, Scalar::Str(s)) => text(s, &mut buf)
            .and_then(|x| Timestamp::parse(x).ok())
            .map(Cell::Stamp),
        _ => None,
    };
    cell.unwrap_or_else(|| {
        w.report(Code::CdrMalformedValue, &t);
        Cell::Raw(raw)
    })
}

// ---- the tables ----

const fn f(name: &'static str, ty: FieldType, doc: &'static str) -> Field {
    Field { name, ty, doc }
}

use FieldType as T;

const fn list(name: &'static str, fields: &'static [Field]) -> Records {
    Records {
        name,
        list_key: None,
        paged: false,
        scalar: false,
        fields,
    }
}

const fn paged(name: &'static str, key: &'static str, fields: &'static [Field]) -> Records {
    Records {
        name,
        list_key: Some(key),
        paged: true,
        scalar: false,
        fields,
    }
}

/// The states `agent_status.md` names.
pub const AGENT_STATES: &[&str] = &["AVAILABLE", "TALKING", "LOGGED_OUT", "ON_BREAK"];

/// `GET /announcements`.
pub const ANNOUNCEMENTS: Records = list(
    "Announcement",
    &[
        f("id", T::Int, "the sound file's id"),
        f("name", T::Text, "its name"),
    ],
);

/// `GET /caller_ids`: an array of numbers.
pub const CALLER_IDS: Records = Records {
    name: "CallerId",
    list_key: None,
    paged: false,
    scalar: true,
    fields: &[f(
        "number",
        T::Text,
        "an outside number usable as caller id",
    )],
};

/// `GET /queues`.
pub const QUEUES: Records = list(
    "Queue",
    &[
        f("number", T::Int, "the queue's number"),
        f("name", T::Text, "its name"),
    ],
);

/// `GET /queues/pending`.
pub const QUEUE_WAITING: Records = list(
    "QueueCaller",
    &[
        f("queue_number", T::Int, "the queue"),
        f("uuid", T::Text, "the waiting leg"),
        f("call_uuid", T::Text, "the call"),
        f("caller_id", T::Text, "the caller's number"),
        f(
            "joined_at",
            T::Int,
            "when it joined the queue (Unix seconds)",
        ),
    ],
);

/// `GET /queue/user_list`.
pub const QUEUE_MEMBERS: Records = list(
    "QueueMember",
    &[
        f("user", T::Int, "the extension"),
        f("name", T::Text, "its name"),
    ],
);

/// `GET /voicemail_messages`.
pub const VOICEMAILS: Records = paged(
    "Voicemail",
    "messages",
    &[
        f("start_stamp", T::Stamp, "when the message was left"),
        f("read_stamp", T::Stamp, "when it was first listened to"),
        f("user_number", T::Text, "the extension it was left for"),
        f("uuid", T::Text, "the message (and its call record)"),
        f("caller_id_number", T::Text, "who left it"),
        f("caller_id_name", T::Text, "their name"),
        f("duration", T::Text, "its length (HH:MM:SS)"),
    ],
);

/// `GET /contact_groups`.
pub const CONTACT_GROUPS: Records = list(
    "ContactGroup",
    &[
        f("id", T::Int, "the group's id"),
        f("name", T::Text, "its name"),
    ],
);

/// `GET /contacts`.
pub const CONTACTS: Records = paged(
    "Contact",
    "contacts",
    &[
        f("id", T::Int, "the contact's id"),
        f("name", T::Text, "first name"),
        f("surname", T::Text, "surname"),
        f("tckn", T::Text, "Turkish identity number"),
        f("description", T::Text, "description"),
        f("phone", T::Text, "mobile number 1"),
        f("phone1", T::Text, "mobile number 2"),
        f("email", T::Text, "e-mail address"),
        f("title", T::Text, "title"),
        f("phone2", T::Text, "another number"),
        f("fax", T::Text, "fax number"),
        f("gender", T::Text, "gender"),
        f("birthday", T::Text, "birthday (dd.mm.yyyy)"),
        f("birthday_sms", T::Bool, "a message on the birthday"),
        f("weddingday", T::Text, "wedding day (dd.mm.yyyy)"),
        f("weddingday_sms", T::Bool, "a message on the wedding day"),
        f("note1", T::Text, "note"),
        f("note2", T::Text, "note"),
        f("note3", T::Text, "note"),
        f("note4", T::Text, "note"),
        f("company_name", T::Text, "company"),
        f("monthly_sms_day", T::Int, "day of a monthly SMS (or null)"),
        f("monthly_sms_message", T::Text, "the monthly SMS"),
        f("group_ids", T::IntList, "the contact's groups"),
    ],
);

/// `GET /blocked_numbers`.
pub const BLOCKED_NUMBERS: Records = paged(
    "BlockedNumber",
    "blocked_numbers",
    &[
        f("id", T::Int, "the entry's id"),
        f("number", T::Text, "the number"),
    ],
);

/// `GET /fax_orders`.
pub const FAX_ORDERS: Records = paged(
    "FaxOrder",
    "fax_orders",
    &[
        f("id", T::Int, "the order's id"),
        f("created_at", T::Stamp, "when it was ordered"),
        f("local_station_id", T::Text, "the sending number"),
        f("remote_station_id", T::Text, "the receiving number"),
        f("status", T::Text, "its state (Bekliyor: waiting)"),
    ],
);

/// `GET /fdrs`.
pub const FAX_RECORDS: Records = paged(
    "FaxRecord",
    "fdrs",
    &[
        f("call_uuid", T::Text, "the fax's uuid"),
        f("direction", T::Text, "Gelen, Giden or Santral içi"),
        f("caller_id_number", T::Text, "the sending number"),
        f("local_station_header", T::Text, "the sender's header"),
        f("original_destination", T::Text, "the receiving number"),
        f("pages_count", T::Text, "pages (\"sent / total\")"),
        f("transfer_rate", T::Int, "bits a second"),
        f("start_stamp", T::Stamp, "called at"),
        f("answer_stamp", T::Stamp, "answered at"),
        f("end_stamp", T::Stamp, "ended at"),
        f("duration", T::Int, "seconds"),
        f("success", T::Bool, "whether it went through"),
        f("result", T::Text, "the outcome"),
    ],
);

/// `GET /agent_statuses`.
pub const AGENT_STATUSES: Records = list(
    "AgentStatus",
    &[
        f("agent", T::Text, "the agent's extension"),
        f(
            "status",
            T::Text,
            "AVAILABLE, TALKING, LOGGED_OUT or ON_BREAK",
        ),
        f("queues", T::TextList, "the queues the agent is a member of"),
        f(
            "break_description",
            T::Text,
            "the break's reason, when ON_BREAK",
        ),
    ],
);

/// `GET /user_statuses`.
pub const USER_STATUSES: Records = list(
    "UserStatus",
    &[
        f("user", T::Int, "the extension"),
        f(
            "status",
            T::Text,
            "AVAILABLE, TALKING, UNREGISTERED or SS_DND",
        ),
    ],
);

/// Every list table, for generators.
pub const ALL: &[&Records] = &[
    &ANNOUNCEMENTS,
    &CALLER_IDS,
    &QUEUES,
    &QUEUE_WAITING,
    &QUEUE_MEMBERS,
    &VOICEMAILS,
    &CONTACT_GROUPS,
    &CONTACTS,
    &BLOCKED_NUMBERS,
    &FAX_ORDERS,
    &FAX_RECORDS,
    &AGENT_STATUSES,
    &USER_STATUSES,
];
