//! Santral Programlama (SPEC §9, `advisory_webhook.md`): the PBX asks the
//! integrator's service how to route a call with a GET query, and the
//! service answers with exactly one action: `transfer`, `prompt`,
//! `record` or `speech_to_text`.
//!
//! ```
//! use santral::advisory::{parse_response, Action, Transfer};
//! use santral::diag::Collector;
//!
//! // Build what the service answers…
//! let t = Transfer::to("queue/201").unwrap();
//! let json = t.to_string();
//! assert_eq!(json, r#"{"transfer":{"target":"queue/201"}}"#);
//! // …and check what someone else's service answered.
//! let mut sink: Collector<8> = Collector::new();
//! let action = parse_response(json.as_bytes(), &mut sink).unwrap();
//! assert!(matches!(action, Action::Transfer(_)));
//! ```

use core::fmt;

use crate::diag::{Code, Counting, Diagnostic, Error, Path, Sink, Span};
use crate::form::{report_missing, Encoded, Fields, Form};
use crate::json::{text, JsonStr, Mark, Token, Walker};
use crate::lexical::{CallUuid, Id, Lang, TtsText, Url};
use crate::phone::{Options, Phone};
use crate::target::{Target, TargetContext};
use crate::write::{write_into, BufferTooSmall};

// ------------------------------------------------------------ the request

crate::fields! {
    /// The request's own parameters, declared once; a prompt's
    /// `param_name` may not reuse any of them.
    pub enum Param {
        /// The call's uuid.
        Uuid = "uuid" required,
        /// The caller.
        Cli = "cli" required,
        /// Our number that was called.
        Cld = "cld" required,
        /// 1, 2, … within a call.
        Step = "step" required,
        /// An error collecting keys.
        Error = "error",
        /// Recognised speech.
        Result = "result",
    }
}

impl Param {
    /// What the parameter holds (the faces' types come from it).
    pub const fn shape(self) -> crate::wire::Shape {
        use crate::wire::Shape as S;
        match self {
            Param::Uuid | Param::Error | Param::Result => S::Text,
            Param::Cli => S::Caller,
            Param::Cld => S::Phone,
            Param::Step => S::Int {
                min: 1,
                max: u32::MAX as i64,
            },
        }
    }
}

/// The request's own parameter names, which `param_name` may not reuse.
pub const RESERVED_PARAMS: [&str; 6] = Param::NAMES;

/// What a withheld caller's `cli` may say instead of being empty.
pub const WITHHELD: &str = "anonymous";

/// The digits parameter's name unless a prompt set `param_name`.
pub const DEFAULT_PARAM_NAME: &str = "digits";

/// The longest `param_name`.
pub const PARAM_NAME_MAX: usize = 32;

/// A checked `param_name`: a letter or `_` followed by up to 31 letters,
/// digits or `_`, and none of the request's own names.
///
/// ```
/// use santral::advisory::ParamName;
/// assert_eq!(ParamName::parse("secim").unwrap().as_str(), "secim");
/// assert_eq!(ParamName::parse("step").unwrap_err().code, santral::Code::AdvisoryParamNameReserved);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamName<'a>(&'a str);

impl<'a> ParamName<'a> {
    /// Checks the rules.
    pub fn parse(s: &'a str) -> Result<ParamName<'a>, Error> {
        let mut b = s.bytes();
        let ident = b
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
            && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && s.len() <= PARAM_NAME_MAX;
        if !ident {
            return Err(Error::new(Code::AdvisoryParamName, Span::new(0, s.len())));
        }
        if RESERVED_PARAMS.contains(&s) {
            return Err(Error::new(
                Code::AdvisoryParamNameReserved,
                Span::new(0, s.len()),
            ));
        }
        Ok(ParamName(s))
    }

    /// The name.
    pub const fn as_str(self) -> &'a str {
        self.0
    }
}

/// The PBX's side of a routing request: the query string it sends the
/// service, in the page's order — `uuid`, `cli`, `cld`, `step`, then after
/// a prompt the keys under the prompt's `param_name` (else `digits`) and
/// `error`, after speech recognition `result`. [`AdvisoryRequest::parse`]
/// reads it back.
///
/// ```
/// use santral::advisory::RequestQuery;
/// let q = RequestQuery { digits: Some(("musteri_no", "123456")), error: Some(""), step: 2,
///     ..RequestQuery::new("651f8a68-782e-11e7-a6b6-5bedc26e2ab3", "05301234567", "08505321234") };
/// assert_eq!(q.to_string(),
///     "uuid=651f8a68-782e-11e7-a6b6-5bedc26e2ab3&cli=05301234567&cld=08505321234&step=2&musteri_no=123456&error=");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestQuery<'a> {
    /// The call's uuid.
    pub uuid: &'a str,
    /// The caller as the PBX writes it (`05301234567`, `00493089680211`,
    /// `1003`; empty when withheld).
    pub cli: &'a str,
    /// The dialled outside number.
    pub cld: &'a str,
    /// 1, 2, … within the call.
    pub step: u32,
    /// `(param_name, keys)` after a prompt.
    pub digits: Option<(&'a str, &'a str)>,
    /// The prompt's error (empty when none), after a prompt.
    pub error: Option<&'a str>,
    /// Recognised speech, after `speech_to_text`.
    pub result: Option<&'a str>,
}

impl<'a> RequestQuery<'a> {
    /// The first request of a call (`step=1`).
    pub const fn new(uuid: &'a str, cli: &'a str, cld: &'a str) -> RequestQuery<'a> {
        RequestQuery {
            uuid,
            cli,
            cld,
            step: 1,
            digits: None,
            error: None,
            result: None,
        }
    }
}

impl fmt::Display for RequestQuery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::form::Encode;
        write!(
            f,
            "uuid={}&cli={}&cld={}&step={}",
            Encode(self.uuid),
            Encode(self.cli),
            Encode(self.cld),
            self.step
        )?;
        if let Some((name, keys)) = self.digits {
            write!(f, "&{}={}", Encode(name), Encode(keys))?;
        }
        if let Some(e) = self.error {
            write!(f, "&error={}", Encode(e))?;
        }
        if let Some(r) = self.result {
            write!(f, "&result={}", Encode(r))?;
        }
        Ok(())
    }
}

/// A routing request: `GET <service>?uuid=…&cli=…&cld=…&step=N[&digits=…][&error=…][&result=…]`.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AdvisoryRequest<'a> {
    /// The call's uuid.
    pub uuid: Encoded<'a>,
    /// The caller: national, international or extension form; `None` when
    /// the number is withheld (`cli=` empty, or `anonymous`).
    pub cli: Option<Phone>,
    /// Our external number that was called.
    pub cld: Phone,
    /// 1 on the first request of a call, +1 on each later one.
    pub step: u32,
    /// The keys pressed after a prompt (`None` when the parameter is
    /// absent, empty when nothing was pressed).
    pub digits: Option<Encoded<'a>>,
    /// An error the PBX met while collecting keys.
    pub error: Option<Encoded<'a>>,
    /// Recognised speech after `speech_to_text`.
    pub result: Option<Encoded<'a>>,
}

impl AdvisoryRequest<'_> {
    /// The request as JSON, for a handler that is not Rust: `kind`
    /// (`advisory_request`), then each parameter by its wire name —
    /// numbers normalised (`+905321234567`, an extension as itself; a
    /// withheld caller `null`), `step` a number, the digits under
    /// `digits` whatever `param_name` carried them, absent ones `null`.
    ///
    /// ```
    /// use santral::advisory::AdvisoryRequest;
    /// let mut sink = santral::diag::Counter::default();
    /// let q = b"uuid=c1&cli=05321234567&cld=902120000000&step=2&kod=12";
    /// let r = AdvisoryRequest::parse(q, Some("kod"), &mut sink).unwrap();
    /// assert_eq!(r.json().to_string(), r#"{"kind":"advisory_request","uuid":"c1","cli":"+905321234567","cld":"+902120000000","step":2,"error":null,"result":null,"digits":"12"}"#);
    /// ```
    pub fn json(&self) -> impl fmt::Display + '_ {
        RequestJson(self)
    }
}

struct RequestJson<'r, 'a>(&'r AdvisoryRequest<'a>);

impl fmt::Display for RequestJson<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::phone::json_string as phone_json;
        use crate::write::opt_json;
        let r = self.0;
        let encoded = |f: &mut fmt::Formatter<'_>, v: Encoded<'_>| v.write_json_string(f);
        f.write_str("{\"kind\":\"advisory_request\"")?;
        for p in Param::ALL {
            write!(f, ",\"{}\":", p.name())?;
            match p {
                Param::Uuid => r.uuid.write_json_string(f),
                Param::Cli => opt_json(f, r.cli, phone_json),
                Param::Cld => phone_json(f, r.cld),
                Param::Step => write!(f, "{}", r.step),
                Param::Error => opt_json(f, r.error, encoded),
                Param::Result => opt_json(f, r.result, encoded),
            }?;
        }
        write!(f, ",\"{DEFAULT_PARAM_NAME}\":")?;
        opt_json(f, r.digits, encoded)?;
        f.write_str("}")
    }
}

impl<'a> AdvisoryRequest<'a> {
    /// Parses the query string (with or without a leading `?`). The digits
    /// arrive under `param_name` when the previous prompt set one, else
    /// under `digits`. `None` when an error was reported.
    pub fn parse<S: Sink>(
        query: &'a [u8],
        param_name: Option<&str>,
        sink: &mut S,
    ) -> Option<AdvisoryRequest<'a>> {
        use Param as P;
        let form = Form::query(query);
        let body = form.as_bytes();
        let mut tee = Counting::new(sink);
        let f = Fields::scan(form, &P::NAMES, &mut tee);
        let mut buf = [0u8; 128];
        let phone = |s: &str| Phone::parse_with(s, Options::STRICT_OR_EXTENSION);
        // A withheld caller: `cli=` empty or `anonymous`.
        let withheld = f.at(P::Cli.index()).is_some_and(|p| {
            let mut word = [0u8; 16];
            p.value.is_empty()
                || p.value
                    .decode_into(&mut word)
                    .is_ok_and(|t| t.eq_ignore_ascii_case(WITHHELD))
        });
        let cli = if withheld {
            Some(None)
        } else {
            f.read_present(P::Cli.index(), &mut buf, &mut tee, phone)
                .map(Some)
        };
        let cld = f.read_present(P::Cld.index(), &mut buf, &mut tee, phone);
        let step = f.read_present(P::Step.index(), &mut buf, &mut tee, |s| {
            s.parse::<u32>()
                .ok()
                .filter(|n| *n >= 1 && s.bytes().all(|b| b.is_ascii_digit()))
                .ok_or(Error::new(Code::AdvisoryStep, Span::new(0, s.len())))
        });
        let _ = f.read_present(P::Uuid.index(), &mut buf, &mut tee, |s| {
            CallUuid::parse(s).map(|_| ())
        });
        // The digits arrive under the name the previous prompt chose; the
        // diagnostics name the parameter actually sent.
        let digits_name = param_name.unwrap_or(DEFAULT_PARAM_NAME);
        let mut digits = None;
        for pair in form.pairs().filter(|p| p.name.eq_str(digits_name)) {
            let at = |e: Error| {
                let d = Diagnostic::new(e.code, e.span).with_path(Path::named(digits_name));
                d.locate(body)
            };
            if digits.is_some() {
                let _ = tee.report(at(Error::new(Code::FormDuplicateField, pair.name.span())));
                continue;
            }
            digits = Some(pair.value);
            if !pair
                .value
                .bytes()
                .all(|b| matches!(b, Ok(b'0'..=b'9' | b'*' | b'#')))
            {
                let _ = tee.report(at(Error::new(Code::AdvisoryDigits, pair.value.span())));
            }
        }
        // An absent required parameter is missing; an empty `uuid=` fails its own check.
        for p in P::ALL.iter().filter(|p| p.is_required()) {
            if f.at(p.index()).is_none() {
                report_missing(body, p.name(), &mut tee);
            }
        }
        if tee.errors > 0 {
            return None;
        }
        Some(AdvisoryRequest {
            uuid: f.at(P::Uuid.index())?.value,
            cli: cli?,
            cld: cld?,
            step: step?,
            digits,
            error: f.value(P::Error.index()),
            result: f.at(P::Result.index()).map(|p| p.value),
        })
    }
}

// ------------------------------------------------------------ responses

/// A `transfer` response: read by [`parse_response`], built by a program
/// (texts as [`JsonStr::text`], or [`Transfer::to`]), written by `Display`
/// with the types the vendor's example shows (ids as numbers). A field
/// the answer leaves out is `None`; `*_or_default` give the PBX's
/// defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transfer<'a> {
    /// Where to send the call (an advisory target; see [`Transfer::target`]).
    pub target: JsonStr<'a>,
    /// Name to greet the caller with.
    pub greet_name: Option<JsonStr<'a>>,
    /// TTS greeting (≤ 300 characters).
    pub greet_phrase: Option<JsonStr<'a>>,
    /// TTS language (default `tr-TR`).
    pub lang: Option<Lang>,
    /// Announcement played to the caller on answer.
    pub announcement_to_caller: Option<Id>,
    /// Announcement played to the callee on answer.
    pub announcement_to_callee: Option<Id>,
    /// Record the call (default true).
    pub recording_enabled: Option<bool>,
}

impl<'a> Transfer<'a> {
    /// The target, when it is written without JSON escapes (always so in practice).
    pub fn target(&self) -> Option<Target<'a>> {
        Target::parse(self.target.as_str()?, TargetContext::Advisory).ok()
    }

    /// The language, `tr-TR` unless given.
    pub fn lang_or_default(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// Whether the call is recorded (yes unless `false` is given).
    pub fn recording_enabled_or_default(&self) -> bool {
        self.recording_enabled.unwrap_or(true)
    }
}

/// A `prompt` response: read, built, written with the vendor's types (ids
/// and counts as strings, `phrase_speed` as a number; never a trailing
/// comma). A program sets one source, an announcement or a phrase
/// ([`Source`]); a read answer may hold both (a warning).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prompt<'a> {
    /// Announcement played before collecting keys.
    pub announcement_id: Option<Id>,
    /// TTS text played before collecting keys (≤ 300 characters).
    pub phrase: Option<JsonStr<'a>>,
    /// TTS speed, 0.5..=1.5 (default 1.0).
    pub phrase_speed: Option<f64>,
    /// TTS language (default `tr-TR`).
    pub lang: Option<Lang>,
    /// Fewest keys accepted.
    pub min_digits: u32,
    /// Most keys collected.
    pub max_digits: u32,
    /// Seconds to wait for the first key, 1..=10 (default 6).
    pub timeout: Option<u32>,
    /// Seconds to wait between keys, 1..=10 (default 3).
    pub digit_timeout: Option<u32>,
    /// Retries after no or invalid input.
    pub retry_count: u32,
    /// Where the keys are sent (default: the service URL).
    pub service_url: Option<JsonStr<'a>>,
    /// The query name of the keys (default `digits`).
    pub param_name: Option<JsonStr<'a>>,
}

impl Prompt<'_> {
    /// The TTS speed, 1.0 unless given.
    pub fn phrase_speed_or_default(&self) -> f64 {
        self.phrase_speed.unwrap_or(1.0)
    }

    /// The language, `tr-TR` unless given.
    pub fn lang_or_default(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// Seconds for the first key, 6 unless given.
    pub fn timeout_or_default(&self) -> u32 {
        self.timeout.unwrap_or(6)
    }

    /// Seconds between keys, 3 unless given.
    pub fn digit_timeout_or_default(&self) -> u32 {
        self.digit_timeout.unwrap_or(3)
    }
}

/// A `record` response: read, built, written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record<'a> {
    /// Announcement played before recording.
    pub announcement_id: Option<Id>,
    /// TTS text played before recording (≤ 300 characters).
    pub phrase: Option<JsonStr<'a>>,
    /// TTS language (default `tr-TR`).
    pub lang: Option<Lang>,
}

impl Record<'_> {
    /// The language, `tr-TR` unless given.
    pub fn lang_or_default(&self) -> Lang {
        self.lang.unwrap_or_default()
    }
}

/// A `speech_to_text` response: read, built, written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpeechToText {
    /// Announcement played before listening.
    pub announcement_id: Id,
    /// Seconds to listen, 1..=10 (default 10).
    pub recognation_duration: Option<u32>,
}

impl SpeechToText {
    /// Seconds to listen, 10 unless given.
    pub fn recognation_duration_or_default(&self) -> u32 {
        self.recognation_duration.unwrap_or(10)
    }
}

/// The parsed `transfer` action's old name: one type reads and writes it now.
#[deprecated(note = "use Transfer: one type reads and writes a transfer")]
pub type TransferAction<'a> = Transfer<'a>;
/// The parsed `prompt` action's old name.
#[deprecated(note = "use Prompt: one type reads and writes a prompt")]
pub type PromptAction<'a> = Prompt<'a>;
/// The parsed `record` action's old name.
#[deprecated(note = "use Record: one type reads and writes a record")]
pub type RecordAction<'a> = Record<'a>;
/// The parsed `speech_to_text` action's old name.
#[deprecated(note = "use SpeechToText: one type reads and writes it")]
pub type SpeechToTextAction = SpeechToText;

/// The one action of an advisory response.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Action<'a> {
    /// Route the call.
    Transfer(Transfer<'a>),
    /// Collect keys.
    Prompt(Prompt<'a>),
    /// Record a message.
    Record(Record<'a>),
    /// Recognise speech (at most 10 per call).
    SpeechToText(SpeechToText),
}

crate::wire_enum! {
    /// The actions an advisory response may hold.
    pub enum ActionKind {
        /// Route the call.
        Transfer = "transfer",
        /// Collect keys.
        Prompt = "prompt",
        /// Record a message.
        Record = "record",
        /// Recognise speech.
        SpeechToText = "speech_to_text",
    }
}

impl Action<'_> {
    /// Which action this is.
    pub const fn kind(&self) -> ActionKind {
        match self {
            Action::Transfer(_) => ActionKind::Transfer,
            Action::Prompt(_) => ActionKind::Prompt,
            Action::Record(_) => ActionKind::Record,
            Action::SpeechToText(_) => ActionKind::SpeechToText,
        }
    }
}

/// The actions an advisory response may hold (the wire names of [`ActionKind`]).
pub const ACTIONS: &[&str] = ActionKind::NAMES;

crate::fields! {
    /// The fields of a `transfer` action.
    pub enum TransferField {
        /// The advisory target.
        Target = "target" required,
        /// Name to greet with.
        GreetName = "greet_name",
        /// TTS greeting.
        GreetPhrase = "greet_phrase",
        /// TTS language.
        Lang = "lang",
        /// Announcement to the caller.
        AnnouncementToCaller = "announcement_to_caller",
        /// Announcement to the callee.
        AnnouncementToCallee = "announcement_to_callee",
        /// Record the call.
        RecordingEnabled = "recording_enabled",
    }
}

crate::fields! {
    /// The fields of a `prompt` action.
    pub enum PromptField {
        /// Announcement played first.
        AnnouncementId = "announcement_id",
        /// TTS text played first.
        Phrase = "phrase",
        /// TTS speed.
        PhraseSpeed = "phrase_speed",
        /// TTS language.
        Lang = "lang",
        /// Fewest keys.
        MinDigits = "min_digits" required,
        /// Most keys.
        MaxDigits = "max_digits" required,
        /// Seconds for the first key.
        Timeout = "timeout",
        /// Seconds between keys.
        DigitTimeout = "digit_timeout",
        /// Retries.
        RetryCount = "retry_count" required,
        /// Where the keys go.
        ServiceUrl = "service_url",
        /// The keys' query name.
        ParamName = "param_name",
    }
}

crate::fields! {
    /// The fields of a `record` action.
    pub enum RecordField {
        /// Announcement played first.
        AnnouncementId = "announcement_id",
        /// TTS text played first.
        Phrase = "phrase",
        /// TTS language.
        Lang = "lang",
    }
}

crate::fields! {
    /// The fields of a `speech_to_text` action.
    pub enum SpeechToTextField {
        /// Announcement played first.
        AnnouncementId = "announcement_id" required,
        /// Seconds to listen.
        RecognationDuration = "recognation_duration",
    }
}

/// `phrase_speed`'s range (default 1.0).
pub const PHRASE_SPEED: core::ops::RangeInclusive<f64> = 0.5..=1.5;
/// `timeout` and `digit_timeout`'s range in seconds.
pub const TIMEOUT_SECONDS: core::ops::RangeInclusive<u32> = 1..=10;
/// `recognation_duration`'s range in seconds (default 10).
pub const RECOGNATION_SECONDS: core::ops::RangeInclusive<u32> = 1..=10;

/// Values read from an action object, before the action is assembled.
#[derive(Default)]
struct Values<'a> {
    seen: u64,
    strings: [Option<JsonStr<'a>>; 11],
    ints: [Option<i64>; 11],
    ids: [Option<Id>; 11],
    float: Option<f64>,
    lang: Option<Lang>,
    flag: Option<bool>,
    end: Option<Token<'a>>,
    marks: [Mark; 11],
}

/// Parses an advisory response, reporting every problem. `None` when an
/// error was reported.
pub fn parse_response<'a, S: Sink>(body: &'a [u8], sink: &mut S) -> Option<Action<'a>> {
    let mut tee = Counting::new(sink);
    let action = {
        let mut w = Walker::new(body, &mut tee);
        let action = read_response(&mut w);
        w.finish();
        action
    };
    if tee.errors > 0 {
        None
    } else {
        action
    }
}

fn read_response<'a, S: Sink>(w: &mut Walker<'a, '_, S>) -> Option<Action<'a>> {
    w.begin_object()?;
    let mut end = None;
    let mut found: Option<(usize, Values<'a>)> = None;
    let mut seen = 0;
    while let Some((key, key_token)) = w.next_key(&mut end) {
        let Some((i, name)) = w.known_key(key, &key_token, ACTIONS, &mut seen) else {
            continue;
        };
        if seen.count_ones() > 1 {
            // An action was already given.
            w.report_field(Code::AdvisoryMultipleActions, &key_token, name);
        }
        w.path.push_key(name);
        let keys: &[&'static str] = match ActionKind::ALL.get(i) {
            Some(ActionKind::Transfer) => &TransferField::NAMES,
            Some(ActionKind::Prompt) => &PromptField::NAMES,
            Some(ActionKind::Record) => &RecordField::NAMES,
            _ => &SpeechToTextField::NAMES,
        };
        let values = read_action(w, keys);
        w.path.pop();
        if found.is_none() {
            found = values.map(|v| (i, v));
        }
    }
    let end = end?;
    if seen == 0 {
        w.report(Code::AdvisoryNoAction, &end);
        return None;
    }
    let (i, v) = found?;
    let kind = ActionKind::ALL.get(i).copied()?;
    w.path.push_key(kind.as_str());
    let action = assemble(w, kind, &v);
    w.path.pop();
    action
}

fn read_action<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    keys: &[&'static str],
) -> Option<Values<'a>> {
    w.begin_object()?;
    let mut v = Values::default();
    let mut end = None;
    while let Some((key, key_token)) = w.next_key(&mut end) {
        let Some((k, name)) = w.known_key(key, &key_token, keys, &mut v.seen) else {
            continue;
        };
        if let Some(m) = v.marks.get_mut(k) {
            *m = Mark::of(&key_token);
        }
        w.path.push_key(name);
        read_value(w, name, k, &mut v);
        w.path.pop();
    }
    v.end = end;
    Some(v)
}

fn read_value<'a, S: Sink>(w: &mut Walker<'a, '_, S>, name: &str, k: usize, v: &mut Values<'a>) {
    match value_type(name) {
        ValueType::Text => {
            if let Some((s, t)) = w.string() {
                match accept_text(name, k, s, v) {
                    Ok(()) => {}
                    Err(Reject::InString(e)) => w.report_in_string(e, &t, s),
                    Err(Reject::Code(c)) => w.report(c, &t),
                }
            }
        }
        ValueType::Flag => v.flag = w.boolish().map(|(b, _)| b),
        ValueType::Speed => {
            if let Some((x, t)) = w.number() {
                if let Err(c) = accept_speed(x, v) {
                    w.report(c, &t);
                }
            }
        }
        ValueType::Id => {
            if let Some((n, t)) = w.unsigned() {
                if let Err(c) = accept_id(k, n, v) {
                    w.report(c, &t);
                }
            }
        }
        ValueType::Count => {
            if let Some((n, t)) = w.integer() {
                if let Err(c) = accept_count(name, k, n, v) {
                    w.report(c, &t);
                }
            }
        }
    }
}

/// What a field holds (the parser reads numbers from JSON numbers or
/// numeric strings alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ValueType {
    /// A string, checked by its field's rule.
    Text,
    /// `recording_enabled`.
    Flag,
    /// `phrase_speed`.
    Speed,
    /// An announcement id.
    Id,
    /// Digits, seconds or a retry count, in the field's range.
    Count,
}

fn value_type(name: &str) -> ValueType {
    match name {
        "target" | "greet_phrase" | "phrase" | "greet_name" | "service_url" | "param_name"
        | "lang" => ValueType::Text,
        "recording_enabled" => ValueType::Flag,
        "phrase_speed" => ValueType::Speed,
        "announcement_id" | "announcement_to_caller" | "announcement_to_callee" => ValueType::Id,
        _ => ValueType::Count,
    }
}

/// Why a value was refused: an error inside the string (its span is the
/// string's), or a code for the whole value.
enum Reject {
    InString(Error),
    Code(Code),
}

/// Checks and keeps a string field.
fn accept_text<'a>(name: &str, k: usize, s: JsonStr<'a>, v: &mut Values<'a>) -> Result<(), Reject> {
    let mut buf = [0u8; 1280];
    let checked = |e: Result<(), Error>| e.map_err(Reject::InString);
    match name {
        "target" => match text(s, &mut buf) {
            Some(x) => checked(Target::parse(x, TargetContext::Advisory).map(|_| ()))?,
            None => return Err(Reject::Code(Code::TextTooLong)),
        },
        "greet_phrase" | "phrase" => match text(s, &mut buf) {
            Some(x) => checked(TtsText::parse(x).map(|_| ()))?,
            None => return Err(Reject::Code(Code::TextTooLong)),
        },
        "service_url" => match text(s, &mut buf) {
            Some(x) => checked(Url::parse(x).map(|_| ()))?,
            None => return Err(Reject::Code(Code::UrlTooLong)),
        },
        "param_name" => match s.as_str().map(ParamName::parse) {
            Some(Ok(_)) => {}
            Some(Err(e)) => return Err(Reject::Code(e.code)),
            None => return Err(Reject::Code(Code::AdvisoryParamName)),
        },
        "lang" => {
            return match text(s, &mut buf).map(Lang::parse) {
                Some(Ok(l)) => {
                    v.lang = Some(l);
                    Ok(())
                }
                Some(Err(e)) => Err(Reject::InString(e)),
                None => Err(Reject::Code(Code::LangUnknown)),
            }
        }
        _ => {} // greet_name: any text
    }
    store(v, k, s);
    Ok(())
}

fn accept_speed(x: f64, v: &mut Values<'_>) -> Result<(), Code> {
    if PHRASE_SPEED.contains(&x) {
        v.float = Some(x);
        Ok(())
    } else {
        Err(Code::AdvisoryPhraseSpeedRange)
    }
}

fn accept_id(k: usize, n: u64, v: &mut Values<'_>) -> Result<(), Code> {
    match (Id::new(n), v.ids.get_mut(k)) {
        (Some(id), Some(slot)) => {
            *slot = Some(id);
            Ok(())
        }
        _ => Err(Code::IdInvalid),
    }
}

/// min_digits, max_digits, timeout, digit_timeout, retry_count, recognation_duration.
fn accept_count(name: &str, k: usize, n: i64, v: &mut Values<'_>) -> Result<(), Code> {
    let seconds = |r: &core::ops::RangeInclusive<u32>| (i64::from(*r.start()), i64::from(*r.end()));
    let ((lo, hi), code) = match name {
        "timeout" | "digit_timeout" => (seconds(&TIMEOUT_SECONDS), Code::AdvisoryTimeoutRange),
        "retry_count" => ((0, i64::MAX), Code::AdvisoryRetryCountRange),
        "recognation_duration" => (
            seconds(&RECOGNATION_SECONDS),
            Code::AdvisoryRecognationDurationRange,
        ),
        _ => ((1, i64::from(u32::MAX)), Code::AdvisoryDigitsRange),
    };
    if (lo..=hi).contains(&n) {
        store_int(v, k, n);
        Ok(())
    } else {
        Err(code)
    }
}

fn store<'a>(v: &mut Values<'a>, k: usize, s: JsonStr<'a>) {
    if let Some(slot) = v.strings.get_mut(k) {
        *slot = Some(s);
    }
}

fn store_int(v: &mut Values<'_>, k: usize, n: i64) {
    if let Some(slot) = v.ints.get_mut(k) {
        *slot = Some(n);
    }
}

/// Where the cross-field rules report: at tokens for the parser, as the
/// first error for a serde deserializer.
trait Findings {
    /// A required field is absent (at the action's `}`).
    fn missing(&mut self, name: &'static str);
    /// `code` at field `k` (`name`).
    fn field(&mut self, code: Code, k: usize, name: &'static str);
    /// `code` at the action's `}`.
    fn end(&mut self, code: Code);
}

/// The parser's findings: at the tokens read.
struct AtTokens<'w, 'a, 's, S: Sink> {
    w: &'w mut Walker<'a, 's, S>,
    end: Token<'a>,
    marks: [Mark; 11],
}

impl<S: Sink> Findings for AtTokens<'_, '_, '_, S> {
    fn missing(&mut self, name: &'static str) {
        let end = self.end;
        self.w.missing(name, &end);
    }
    fn field(&mut self, code: Code, k: usize, name: &'static str) {
        let at = self.marks.get(k).copied().unwrap_or_default().token();
        self.w.report_field(code, &at, name);
    }
    fn end(&mut self, code: Code) {
        let end = self.end;
        self.w.report(code, &end);
    }
}

/// Applies the cross-field rules and builds the typed action.
fn assemble<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    action: ActionKind,
    v: &Values<'a>,
) -> Option<Action<'a>> {
    let end = v.end?;
    let mut at = AtTokens {
        w,
        end,
        marks: v.marks,
    };
    build(action, v, &mut at)
}

/// The cross-field rules and the defaults, once for every reader.
fn build<'a>(action: ActionKind, v: &Values<'a>, f: &mut impl Findings) -> Option<Action<'a>> {
    let has = |k: usize| v.seen & (1 << k) != 0;
    let string = |k: usize| v.strings.get(k).copied().flatten();
    let int = |k: usize| v.ints.get(k).copied().flatten();
    let u = |k: usize| int(k).and_then(|n| u32::try_from(n).ok());
    let id = |k: usize| v.ids.get(k).copied().flatten();
    // Every always-required field of the action.
    let require = |f: &mut dyn Findings, required: u64, names: &[&'static str]| {
        let mut ok = true;
        for (k, name) in names.iter().enumerate() {
            if required & (1 << k) != 0 && !has(k) {
                f.missing(name);
                ok = false;
            }
        }
        ok
    };
    let lang = v.lang;
    match action {
        ActionKind::Transfer => {
            use TransferField as F;
            require(f, F::REQUIRED, &F::NAMES);
            Some(Action::Transfer(Transfer {
                target: string(F::Target.index())?,
                greet_name: string(F::GreetName.index()),
                greet_phrase: string(F::GreetPhrase.index()),
                lang,
                announcement_to_caller: id(F::AnnouncementToCaller.index()),
                announcement_to_callee: id(F::AnnouncementToCallee.index()),
                recording_enabled: v.flag,
            }))
        }
        ActionKind::Prompt => {
            use PromptField as F;
            let mut ok = require(f, F::REQUIRED, &F::NAMES);
            // A prompt needs an announcement or a phrase; both is a warning.
            match (has(F::AnnouncementId.index()), has(F::Phrase.index())) {
                (false, false) => f.end(Code::AdvisoryPromptSource),
                (true, true) => f.field(
                    Code::AdvisoryBothSources,
                    F::AnnouncementId.index(),
                    F::Phrase.name(),
                ),
                _ => {}
            }
            if let (Some(min), Some(max)) = (int(F::MinDigits.index()), int(F::MaxDigits.index())) {
                if min > max {
                    f.field(
                        Code::AdvisoryDigitsRange,
                        F::MaxDigits.index(),
                        F::MaxDigits.name(),
                    );
                    ok = false;
                }
            }
            if !ok {
                return None;
            }
            Some(Action::Prompt(Prompt {
                announcement_id: id(F::AnnouncementId.index()),
                phrase: string(F::Phrase.index()),
                phrase_speed: v.float,
                lang,
                min_digits: u(F::MinDigits.index()).unwrap_or(1),
                max_digits: u(F::MaxDigits.index()).unwrap_or(1),
                timeout: u(F::Timeout.index()),
                digit_timeout: u(F::DigitTimeout.index()),
                retry_count: u(F::RetryCount.index()).unwrap_or(0),
                service_url: string(F::ServiceUrl.index()),
                param_name: string(F::ParamName.index()),
            }))
        }
        ActionKind::Record => {
            use RecordField as F;
            if has(F::AnnouncementId.index()) && has(F::Phrase.index()) {
                f.field(
                    Code::AdvisoryBothSources,
                    F::Phrase.index(),
                    F::Phrase.name(),
                );
            }
            Some(Action::Record(Record {
                announcement_id: id(F::AnnouncementId.index()),
                phrase: string(F::Phrase.index()),
                lang,
            }))
        }
        ActionKind::SpeechToText => {
            use SpeechToTextField as F;
            require(f, F::REQUIRED, &F::NAMES);
            Some(Action::SpeechToText(SpeechToText {
                announcement_id: id(F::AnnouncementId.index())?,
                recognation_duration: u(F::RecognationDuration.index()),
            }))
        }
    }
}

// ------------------------------------------------------------ serde

/// The first error of the cross-field rules (warnings pass).
#[cfg(feature = "serde")]
struct FirstError(Option<Code>);

#[cfg(feature = "serde")]
impl Findings for FirstError {
    fn missing(&mut self, _: &'static str) {
        self.0.get_or_insert(Code::JsonMissingField);
    }
    fn field(&mut self, code: Code, _: usize, _: &'static str) {
        if code.severity() == crate::diag::Severity::Error {
            self.0.get_or_insert(code);
        }
    }
    fn end(&mut self, code: Code) {
        if code.severity() == crate::diag::Severity::Error {
            self.0.get_or_insert(code);
        }
    }
}

#[cfg(feature = "serde")]
fn rejected<E: serde::de::Error>(code: Code, field: &str) -> E {
    E::custom(format_args!(
        "{}: {} (at {field})",
        code.id(),
        code.message()
    ))
}

/// From the vendor's JSON, with each field in the vendor's type — the
/// transfer's ids and `recognation_duration` as numbers, the other ids and
/// counts as strings (`"min_digits": "5"`), `phrase_speed` a number — and
/// the parser's rules and defaults (one function for both). Strings are
/// borrowed: serde-json-core lends them with their escapes; serde_json
/// lends only strings without escapes (others are refused: parse those
/// with [`parse_response`]). The first error names santral's code.
#[cfg(feature = "serde")]
impl<'de: 'a, 'a> serde::Deserialize<'de> for Action<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, IgnoredAny, MapAccess, Visitor};

        struct Response<'a>(core::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Response<'a> {
            type Value = Action<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an advisory response object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Action<'a>, M::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<&'de str>()? {
                    match ActionKind::from_wire(key) {
                        Some(kind) if found.is_none() => {
                            found = Some(
                                map.next_value_seed(ActionSeed(kind, core::marker::PhantomData))?,
                            );
                        }
                        Some(_) => return Err(rejected(Code::AdvisoryMultipleActions, key)),
                        // Keys of no action are ignored, as the parser does (with a warning).
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                found.ok_or_else(|| rejected(Code::AdvisoryNoAction, "the response"))
            }
        }

        struct ActionSeed<'a>(ActionKind, core::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> de::DeserializeSeed<'de> for ActionSeed<'a> {
            type Value = Action<'a>;
            fn deserialize<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Action<'a>, D::Error> {
                d.deserialize_map(self)
            }
        }
        impl<'de: 'a, 'a> Visitor<'de> for ActionSeed<'a> {
            type Value = Action<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "the fields of a {} action", self.0)
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Action<'a>, M::Error> {
                let kind = self.0;
                let names: &[&'static str] = match kind {
                    ActionKind::Transfer => &TransferField::NAMES,
                    ActionKind::Prompt => &PromptField::NAMES,
                    ActionKind::Record => &RecordField::NAMES,
                    ActionKind::SpeechToText => &SpeechToTextField::NAMES,
                };
                let mut v = Values::default();
                while let Some(key) = map.next_key::<&'de str>()? {
                    let Some(k) = names.iter().position(|n| *n == key) else {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    };
                    let name = names.get(k).copied().unwrap_or("");
                    v.seen |= 1 << k;
                    // The vendor's types: numbers where its examples write numbers.
                    let number = kind == ActionKind::Transfer || name == "recognation_duration";
                    let result = match value_type(name) {
                        ValueType::Text => {
                            let text: &'de str = map.next_value()?;
                            let s = JsonStr::from_content(text).ok_or_else(|| {
                                rejected::<M::Error>(Code::JsonUnexpectedCharacter, name)
                            })?;
                            accept_text(name, k, s, &mut v).map_err(|r| match r {
                                Reject::InString(e) => e.code,
                                Reject::Code(c) => c,
                            })
                        }
                        ValueType::Flag => {
                            v.flag = Some(map.next_value::<bool>()?);
                            Ok(())
                        }
                        ValueType::Speed => {
                            let x: f64 = map.next_value()?;
                            accept_speed(x, &mut v)
                        }
                        ValueType::Id | ValueType::Count => {
                            let n: i64 = if number {
                                map.next_value()?
                            } else {
                                let t: &'de str = map.next_value()?;
                                t.parse().map_err(|_| {
                                    rejected::<M::Error>(Code::JsonExpectedNumber, name)
                                })?
                            };
                            if value_type(name) == ValueType::Id {
                                u64::try_from(n)
                                    .map_err(|_| Code::IdInvalid)
                                    .and_then(|n| accept_id(k, n, &mut v))
                            } else {
                                accept_count(name, k, n, &mut v)
                            }
                        }
                    };
                    result.map_err(|code| rejected::<M::Error>(code, name))?;
                }
                let mut first = FirstError(None);
                let action = build(kind, &v, &mut first);
                match (first.0, action) {
                    (None, Some(a)) => Ok(a),
                    (Some(code), _) => Err(rejected(code, kind.as_str())),
                    (None, None) => Err(rejected(Code::JsonMissingField, kind.as_str())),
                }
            }
        }

        deserializer.deserialize_map(Response(core::marker::PhantomData))
    }
}

/// In the vendor's shape and types, so a response written this way reads
/// back the same (the transfer's ids numbers, the other ids and counts
/// strings); a field the response leaves out is left out (a default is
/// the reader's to apply), so it reads back equal.
#[cfg(feature = "serde")]
mod serialize {
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::{Prompt, Record, SpeechToText, Transfer};
    use crate::lexical::Id;

    /// An id or count as the vendor writes it in a prompt: a string.
    struct AsText<T>(T);

    impl<T: core::fmt::Display> Serialize for AsText<T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&self.0)
        }
    }

    fn skip_or<S: SerializeStruct, T: Serialize>(
        st: &mut S,
        name: &'static str,
        v: Option<T>,
    ) -> Result<(), S::Error> {
        match v {
            Some(v) => st.serialize_field(name, &v),
            None => st.skip_field(name),
        }
    }

    impl Serialize for Transfer<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("transfer", 7)?;
            st.serialize_field("target", &self.target)?;
            skip_or(&mut st, "greet_name", self.greet_name)?;
            skip_or(&mut st, "greet_phrase", self.greet_phrase)?;
            skip_or(&mut st, "lang", self.lang)?;
            skip_or(
                &mut st,
                "announcement_to_caller",
                self.announcement_to_caller,
            )?;
            skip_or(
                &mut st,
                "announcement_to_callee",
                self.announcement_to_callee,
            )?;
            skip_or(&mut st, "recording_enabled", self.recording_enabled)?;
            st.end()
        }
    }

    impl Serialize for Prompt<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("prompt", 11)?;
            skip_or(&mut st, "announcement_id", self.announcement_id.map(AsText))?;
            skip_or(&mut st, "phrase", self.phrase)?;
            skip_or(&mut st, "phrase_speed", self.phrase_speed)?;
            skip_or(&mut st, "lang", self.lang)?;
            st.serialize_field("min_digits", &AsText(self.min_digits))?;
            st.serialize_field("max_digits", &AsText(self.max_digits))?;
            skip_or(&mut st, "timeout", self.timeout.map(AsText))?;
            skip_or(&mut st, "digit_timeout", self.digit_timeout.map(AsText))?;
            st.serialize_field("retry_count", &AsText(self.retry_count))?;
            skip_or(&mut st, "service_url", self.service_url)?;
            skip_or(&mut st, "param_name", self.param_name)?;
            st.end()
        }
    }

    impl Serialize for Record<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("record", 3)?;
            skip_or(
                &mut st,
                "announcement_id",
                self.announcement_id.map(AsText::<Id>),
            )?;
            skip_or(&mut st, "phrase", self.phrase)?;
            skip_or(&mut st, "lang", self.lang)?;
            st.end()
        }
    }

    impl Serialize for SpeechToText {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("speech_to_text", 2)?;
            st.serialize_field("announcement_id", &AsText(self.announcement_id))?;
            skip_or(&mut st, "recognation_duration", self.recognation_duration)?;
            st.end()
        }
    }
}

// ------------------------------------------------------------ building and writing

/// The longest text a rule reads (a 300-character phrase, a URL, a
/// target), decoded.
const TEXT_BUF: usize = 2048;

impl<'a> Transfer<'a> {
    /// A transfer to `target` with nothing else.
    pub const fn new(target: JsonStr<'a>) -> Transfer<'a> {
        Transfer {
            target,
            greet_name: None,
            greet_phrase: None,
            lang: None,
            announcement_to_caller: None,
            announcement_to_callee: None,
            recording_enabled: None,
        }
    }

    /// A transfer to the target written `target` (an advisory target:
    /// `queue/201`), or the target's error at path `transfer.target`.
    ///
    /// ```
    /// use santral::advisory::Transfer;
    /// let d = Transfer::to("usr/1000").unwrap_err();
    /// assert_eq!((d.code.id(), d.path.to_string().as_str(), d.suggestion), ("target.unknown_kind", "transfer.target", Some("user")));
    /// assert_eq!(Transfer::to("queue/201").unwrap().to_string(), r#"{"transfer":{"target":"queue/201"}}"#);
    /// ```
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn to(target: &'a str) -> Result<Transfer<'a>, Diagnostic> {
        Target::parse(target, TargetContext::Advisory)
            .map(|_| Transfer::new(JsonStr::text(target)))
            .map_err(|e| at(TransferField::Target.name(), "transfer", e, target))
    }

    /// Checks the rules a parsed response is checked by; a broken rule is
    /// a diagnostic at the field (`transfer.greet_phrase`), placed in that
    /// field's text.
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn check(&self) -> Result<(), Diagnostic> {
        let mut buf = [0u8; TEXT_BUF];
        let target = text(self.target, &mut buf).unwrap_or("");
        match Target::parse(target, TargetContext::Advisory) {
            Ok(Target::None | Target::Restart) => {
                let e = Error::new(Code::TargetRestartNotAllowed, Span::new(0, 0));
                return Err(at(TransferField::Target.name(), "transfer", e, ""));
            }
            Ok(_) => {}
            Err(e) => return Err(at(TransferField::Target.name(), "transfer", e, target)),
        }
        if let Some(p) = self.greet_phrase {
            let p = text(p, &mut buf).unwrap_or("");
            TtsText::parse(p)
                .map_err(|e| at(TransferField::GreetPhrase.name(), "transfer", e, p))?;
        }
        Ok(())
    }
}

/// A builder's broken rule as a diagnostic at `action.field`, placed in `text`.
fn at(field: &'static str, action: &'static str, e: Error, text: &str) -> Diagnostic {
    Diagnostic::from_error(e, 0, text.as_bytes(), Path::key(action).with_key(field))
}

impl fmt::Display for Transfer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl Transfer<'_> {
    /// Writes the answer's JSON (what `Display` writes) to any writer; a
    /// concrete one (a [`SliceWriter`](crate::write::SliceWriter) over a
    /// caller's buffer) is written without the formatting machinery's
    /// indirect calls.
    ///
    /// ```
    /// use santral::advisory::Transfer;
    /// use santral::write::SliceWriter;
    /// let t = Transfer::to("queue/201").unwrap();
    /// let mut buf = [0u8; 64];
    /// let mut w = SliceWriter::new(&mut buf);
    /// t.write_to(&mut w).unwrap();
    /// assert_eq!(w.finish_bytes(), Ok(&br#"{"transfer":{"target":"queue/201"}}"#[..]));
    /// ```
    pub fn write_to<W: fmt::Write + ?Sized>(&self, f: &mut W) -> fmt::Result {
        // Literal pieces and values written one by one (no `write!`): the
        // PBX waits on this answer, and the formatting machinery cost more
        // than the rest.
        f.write_str("{\"transfer\":{\"target\":")?;
        self.target.write_json(f)?;
        if let Some(n) = self.greet_name {
            f.write_str(",\"greet_name\":")?;
            n.write_json(f)?;
        }
        if let Some(p) = self.greet_phrase {
            f.write_str(",\"greet_phrase\":")?;
            p.write_json(f)?;
        }
        if let Some(l) = self.lang {
            f.write_str(",\"lang\":\"")?;
            f.write_str(l.as_str())?;
            f.write_str("\"")?;
        }
        if let Some(id) = self.announcement_to_caller {
            f.write_str(",\"announcement_to_caller\":")?;
            crate::write::write_decimal(f, id.get())?;
        }
        if let Some(id) = self.announcement_to_callee {
            f.write_str(",\"announcement_to_callee\":")?;
            crate::write::write_decimal(f, id.get())?;
        }
        if let Some(r) = self.recording_enabled {
            f.write_str(if r {
                ",\"recording_enabled\":true"
            } else {
                ",\"recording_enabled\":false"
            })?;
        }
        f.write_str("}}")
    }
}

/// Where a prompt's or record's audio comes from, as a program chooses it
/// (one of the two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source<'a> {
    /// An uploaded announcement.
    Announcement(Id),
    /// TTS text (≤ 300 characters).
    Phrase(&'a str),
}

impl<'a> Source<'a> {
    /// The announcement, for the action's `announcement_id`.
    pub const fn announcement_id(self) -> Option<Id> {
        match self {
            Source::Announcement(id) => Some(id),
            Source::Phrase(_) => None,
        }
    }

    /// The phrase, for the action's `phrase`.
    pub const fn phrase(self) -> Option<JsonStr<'a>> {
        match self {
            Source::Phrase(p) => Some(JsonStr::text(p)),
            Source::Announcement(_) => None,
        }
    }
}

impl Prompt<'_> {
    /// Checks every prompt rule; the first broken one is a diagnostic at
    /// its field (`prompt.phrase_speed`).
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn check(&self) -> Result<(), Diagnostic> {
        use PromptField as F;
        let fail = |field: F, code| {
            Err(at(
                field.name(),
                "prompt",
                Error::new(code, Span::new(0, 0)),
                "",
            ))
        };
        if self.announcement_id.is_none() && self.phrase.is_none() {
            return Err(missing_source());
        }
        let mut buf = [0u8; TEXT_BUF];
        if let Some(p) = self.phrase {
            let p = text(p, &mut buf).unwrap_or("");
            TtsText::parse(p).map_err(|e| at(F::Phrase.name(), "prompt", e, p))?;
        }
        if let Some(s) = self.phrase_speed {
            if !PHRASE_SPEED.contains(&s) {
                return fail(F::PhraseSpeed, Code::AdvisoryPhraseSpeedRange);
            }
        }
        if self.min_digits < 1 {
            return fail(F::MinDigits, Code::AdvisoryDigitsRange);
        }
        if self.min_digits > self.max_digits {
            return fail(F::MaxDigits, Code::AdvisoryDigitsRange);
        }
        for (field, t) in [
            (F::Timeout, self.timeout),
            (F::DigitTimeout, self.digit_timeout),
        ] {
            if t.is_some_and(|t| !TIMEOUT_SECONDS.contains(&t)) {
                return fail(field, Code::AdvisoryTimeoutRange);
            }
        }
        if let Some(u) = self.service_url {
            let u = text(u, &mut buf).unwrap_or("");
            Url::parse(u).map_err(|e| at(F::ServiceUrl.name(), "prompt", e, u))?;
        }
        if let Some(p) = self.param_name {
            let p = text(p, &mut buf).unwrap_or("");
            ParamName::parse(p).map_err(|e| at(F::ParamName.name(), "prompt", e, p))?;
        }
        Ok(())
    }
}

impl fmt::Display for Prompt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{\"prompt\":{")?;
        let mut comma = write_source(f, self.announcement_id, self.phrase)?;
        if let Some(s) = self.phrase_speed {
            f.write_str(if comma { "," } else { "" })?;
            // Always with a decimal point, as the vendor writes 1.0.
            #[allow(clippy::cast_possible_truncation)]
            let whole = s == (s as i64) as f64;
            if whole {
                write!(f, "\"phrase_speed\":{s:.1}")?;
            } else {
                write!(f, "\"phrase_speed\":{s}")?;
            }
            comma = true;
        }
        if let Some(l) = self.lang {
            write!(f, "{}\"lang\":\"{l}\"", if comma { "," } else { "" })?;
            comma = true;
        }
        write!(
            f,
            "{}\"min_digits\":\"{}\",\"max_digits\":\"{}\"",
            if comma { "," } else { "" },
            self.min_digits,
            self.max_digits
        )?;
        if let Some(t) = self.timeout {
            write!(f, ",\"timeout\":\"{t}\"")?;
        }
        if let Some(t) = self.digit_timeout {
            write!(f, ",\"digit_timeout\":\"{t}\"")?;
        }
        write!(f, ",\"retry_count\":\"{}\"", self.retry_count)?;
        if let Some(u) = self.service_url {
            f.write_str(",\"service_url\":")?;
            u.write_json(f)?;
        }
        if let Some(p) = self.param_name {
            f.write_str(",\"param_name\":")?;
            p.write_json(f)?;
        }
        f.write_str("}}")
    }
}

/// A prompt's or record's audio, first in its object: the announcement
/// (an id as a string, the vendor's type) and/or the phrase. True when
/// something was written (what follows needs a comma).
fn write_source(
    f: &mut fmt::Formatter<'_>,
    announcement_id: Option<Id>,
    phrase: Option<JsonStr<'_>>,
) -> Result<bool, fmt::Error> {
    if let Some(id) = announcement_id {
        write!(f, "\"announcement_id\":\"{id}\"")?;
    }
    if let Some(p) = phrase {
        f.write_str(if announcement_id.is_some() {
            ",\"phrase\":"
        } else {
            "\"phrase\":"
        })?;
        p.write_json(f)?;
    }
    Ok(announcement_id.is_some() || phrase.is_some())
}

impl Record<'_> {
    /// Checks the phrase length (a diagnostic at `record.phrase`).
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn check(&self) -> Result<(), Diagnostic> {
        if let Some(p) = self.phrase {
            let mut buf = [0u8; TEXT_BUF];
            let p = text(p, &mut buf).unwrap_or("");
            TtsText::parse(p).map_err(|e| at(RecordField::Phrase.name(), "record", e, p))?;
        }
        Ok(())
    }
}

impl fmt::Display for Record<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{\"record\":{")?;
        let comma = write_source(f, self.announcement_id, self.phrase)?;
        if let Some(l) = self.lang {
            write!(f, "{}\"lang\":\"{l}\"", if comma { "," } else { "" })?;
        }
        f.write_str("}}")
    }
}

impl SpeechToText {
    /// Checks `recognation_duration` (a diagnostic at
    /// `speech_to_text.recognation_duration`).
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn check(&self) -> Result<(), Diagnostic> {
        match self.recognation_duration {
            Some(d) if !RECOGNATION_SECONDS.contains(&d) => Err(at(
                SpeechToTextField::RecognationDuration.name(),
                "speech_to_text",
                Error::new(Code::AdvisoryRecognationDurationRange, Span::new(0, 0)),
                "",
            )),
            _ => Ok(()),
        }
    }
}

/// A builder's id that is not an id (zero): a diagnostic at `action.field`.
pub fn invalid_id(action: ActionKind, field: &'static str) -> Diagnostic {
    at(
        field,
        action.as_str(),
        Error::new(Code::IdInvalid, Span::new(0, 0)),
        "",
    )
}

/// A prompt with neither an announcement nor a phrase.
pub fn missing_source() -> Diagnostic {
    at(
        PromptField::AnnouncementId.name(),
        "prompt",
        Error::new(Code::AdvisoryPromptSource, Span::new(0, 0)),
        "",
    )
}

impl fmt::Display for SpeechToText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{{\"speech_to_text\":{{\"announcement_id\":\"{}\"",
            self.announcement_id
        )?;
        if let Some(d) = self.recognation_duration {
            write!(f, ",\"recognation_duration\":{d}")?;
        }
        f.write_str("}}")
    }
}

/// Writes any builder into a caller buffer; `BufferTooSmall { needed }` is exact.
pub fn write_to<T: fmt::Display>(buf: &mut [u8], response: T) -> Result<&str, BufferTooSmall> {
    write_into(buf, response)
}

#[cfg(test)]
mod tests;
