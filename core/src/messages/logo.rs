//! The Logo CRM IP-PBX bridge (SPEC §10, seed `003`): the PBX POSTs
//! `{"callUniqueId","extension","agentId","callerId","keypress"}` (all
//! strings) to `http://<host>/<app>/Default.aspx/IPS_callAnswered` when a
//! call reaches an extension.
//!
//! ```
//! use santral::diag::Collector;
//! use santral::event::{CallEvent, EventType};
//! use santral::logo::{from_event, CallerForm, Keypress, LogoOptions};
//!
//! let body = b"event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001";
//! let mut sink: Collector<4> = Collector::new();
//! let event = CallEvent::parse(body, &mut sink).unwrap();
//! let options = LogoOptions { keypress: Keypress::ShowCard, ..LogoOptions::default() };
//! let call = from_event(&event, &options).unwrap().unwrap();
//! assert_eq!(
//!     call.to_string(),
//!     r#"{"callUniqueId":"A000001","extension":"911","agentId":"911","callerId":"05334979714","keypress":"1"}"#
//! );
//! ```

use core::fmt;

use crate::diag::{Code, Counting, Error, Sink, Span};
use crate::event::{CallEvent, EventType};
use crate::json::{text, JsonStr, Quoted, Walker};
use crate::lexical::{CallUuid, Extension};
use crate::phone::{Format, Options, Phone};

/// The fixed part of the bridge's URL path.
pub const ENDPOINT: &str = "Default.aspx/IPS_callAnswered";

/// The usual application path (`/logocrm`), as in the seed.
pub const DEFAULT_APP_PATH: &str = "/logocrm";

crate::wire_enum! {
    /// What Logo CRM does when the call arrives (wire text `1`–`3`).
    #[derive(Default)]
    pub enum Keypress: Code::LogoKeypress {
        /// `1`: show the caller's company/person card.
        #[default]
        ShowCard = "1",
        /// `2`: open a new offer.
        NewOffer = "2",
        /// `3`: open a new support ticket.
        NewSupportTicket = "3",
    }
}

impl Keypress {
    /// The action's name (`show_card`, `new_offer`, `new_support_ticket`).
    pub const fn action(self) -> &'static str {
        match self {
            Keypress::ShowCard => "show_card",
            Keypress::NewOffer => "new_offer",
            Keypress::NewSupportTicket => "new_support_ticket",
        }
    }
}

crate::wire_enum! {
    /// How `callerId` is written: it must match how the CRM's cards store
    /// phone numbers (`05334979714` and `5334979714` both occur).
    #[derive(Default)]
    pub enum CallerForm: Code::LogoCallerForm {
        /// With the trunk prefix: `05334979714` (foreign numbers as `00…`).
        #[default]
        National = "national",
        /// The bare national number: `5334979714` (foreign numbers as `+…`).
        Bare = "bare",
        /// E.164: `+905334979714`.
        E164 = "e164",
    }
}

crate::wire_enum! {
    /// Which call event sends the bridge body (the integrator's setting).
    #[derive(Default)]
    pub enum Trigger: Code::LogoTrigger {
        /// When the call is answered (the default).
        #[default]
        Answer = "answer",
        /// When the extension rings.
        Ringing = "ringing",
    }
}

impl Trigger {
    /// The call event that triggers.
    pub const fn event_type(self) -> EventType {
        match self {
            Trigger::Answer => EventType::Answer,
            Trigger::Ringing => EventType::Ringing,
        }
    }
}

/// A parsed bridge body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogoBody<'a> {
    /// The call's id.
    pub call_unique_id: JsonStr<'a>,
    /// The agent's extension.
    pub extension: JsonStr<'a>,
    /// The agent's id in Logo CRM.
    pub agent_id: JsonStr<'a>,
    /// The caller, matched against card phone numbers.
    pub caller_id: Phone,
    /// The action.
    pub keypress: Keypress,
}

crate::fields! {
    /// The bridge body's keys, all required strings.
    pub enum Field {
        /// The call's id.
        CallUniqueId = "callUniqueId" required,
        /// The agent's extension.
        Extension = "extension" required,
        /// The agent's id in Logo CRM.
        AgentId = "agentId" required,
        /// The caller.
        CallerId = "callerId" required,
        /// The action.
        Keypress = "keypress" required,
    }
}

/// The body's keys (the wire names of [`Field`]).
pub const KEYS: [&str; 5] = Field::NAMES;

/// Parses and validates a bridge body; `None` when an error was reported.
pub fn parse<'a, S: Sink>(body: &'a [u8], sink: &mut S) -> Option<LogoBody<'a>> {
    let mut tee = Counting::new(sink);
    let mut strings = [None; 5];
    let mut caller = None;
    let mut keypress = None;
    {
        let mut w = Walker::new(body, &mut tee);
        if w.begin_object().is_some() {
            let mut end = None;
            let mut seen = 0;
            while let Some((key, t)) = w.next_key(&mut end) {
                let Some((i, name)) = w.known_key(key, &t, &Field::NAMES, &mut seen) else {
                    continue;
                };
                let Some(field) = Field::from_index(i) else {
                    continue;
                };
                w.path.push_key(name);
                if let Some((s, t)) = w.string() {
                    let mut buf = [0u8; 128];
                    let result = match text(s, &mut buf) {
                        None => Err(Error::new(Code::TextTooLong, Span::new(0, 0))),
                        Some(x) => match field {
                            Field::CallUniqueId => CallUuid::parse(x).map(|_| ()),
                            Field::Extension => Extension::parse(x).map(|_| ()),
                            Field::AgentId if x.trim().is_empty() => {
                                Err(Error::new(Code::LogoAgentIdEmpty, Span::new(0, x.len())))
                            }
                            Field::AgentId => Ok(()),
                            Field::CallerId => Phone::parse_with(x, Options::STRICT_OR_EXTENSION)
                                .map(|p| caller = Some(p)),
                            Field::Keypress => Keypress::parse(x).map(|k| keypress = Some(k)),
                        },
                    };
                    match result {
                        Ok(()) => {
                            if let Some(slot) = strings.get_mut(i) {
                                *slot = Some(s);
                            }
                        }
                        Err(e) => w.report_in_string(e, &t, s),
                    }
                }
                w.path.pop();
            }
            if let Some(end) = end {
                for f in Field::ALL.iter().filter(|f| f.is_required()) {
                    if seen & (1 << f.index()) == 0 {
                        w.missing(f.name(), &end);
                    }
                }
            }
        }
        w.finish();
    }
    if tee.errors > 0 {
        return None;
    }
    let [id, extension, agent, _, _] = strings;
    Some(LogoBody {
        call_unique_id: id?,
        extension: extension?,
        agent_id: agent?,
        caller_id: caller?,
        keypress: keypress?,
    })
}

/// The body the PBX sends, for building. `Display` writes the JSON.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LogoCall<'a> {
    /// The call's id.
    pub call_unique_id: &'a str,
    /// The agent's extension.
    pub extension: Phone,
    /// The agent's Logo CRM id (default: the extension).
    pub agent_id: Option<&'a str>,
    /// The caller.
    pub caller_id: Phone,
    /// How the caller is written.
    pub caller_form: CallerForm,
    /// The action.
    pub keypress: Keypress,
}

impl fmt::Display for LogoCall<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ext = self.extension.national_number();
        write!(
            f,
            "{{\"callUniqueId\":{},\"extension\":{},\"agentId\":{},\"callerId\":\"",
            Quoted(self.call_unique_id),
            Quoted(ext),
            Quoted(self.agent_id.unwrap_or(ext))
        )?;
        let c = &self.caller_id;
        match self.caller_form {
            CallerForm::National => match c.format(Format::National) {
                Ok(x) => write!(f, "{x}")?,
                Err(_) => f.write_str(c.national_number())?,
            },
            CallerForm::Bare => match (c.country_code(), c.format(Format::E164)) {
                (0 | crate::phone::TURKEY, _) | (_, Err(_)) => f.write_str(c.national_number())?,
                (_, Ok(x)) => write!(f, "{x}")?,
            },
            CallerForm::E164 => match c.format(Format::E164) {
                Ok(x) => write!(f, "{x}")?,
                Err(_) => f.write_str(c.national_number())?,
            },
        }
        write!(f, "\",\"keypress\":\"{}\"}}", self.keypress.as_str())
    }
}

/// How a call event becomes a bridge body.
#[derive(Clone, Copy, Debug)]
pub struct LogoOptions<'a> {
    /// The event that triggers the bridge (the integrator's setting).
    pub trigger: Trigger,
    /// The agent id, when it differs from the extension.
    pub agent_id: Option<&'a str>,
    /// How the CRM stores phone numbers.
    pub caller_form: CallerForm,
    /// The action.
    pub keypress: Keypress,
}

impl Default for LogoOptions<'_> {
    fn default() -> Self {
        LogoOptions {
            trigger: Trigger::Answer,
            agent_id: None,
            caller_form: CallerForm::National,
            keypress: Keypress::ShowCard,
        }
    }
}

/// Converts a call event: `callUniqueId` ← `call_uuid`, `extension` and
/// `agentId` ← `connected_user` (else `dialed_user`; agent id
/// overridable), `callerId` ← `caller_id_number` in the CRM's form,
/// `keypress` ← the configured action. `Ok(None)` for events other than
/// the configured trigger.
pub fn from_event<'a>(
    event: &CallEvent<'a>,
    options: &LogoOptions<'a>,
) -> Result<Option<LogoCall<'a>>, Error> {
    if event.event_type != options.trigger.event_type() {
        return Ok(None);
    }
    let call_unique_id = event
        .call_uuid
        .as_str()
        .ok_or(Error::new(Code::CallUuidInvalid, event.call_uuid.span()))?;
    let extension =
        extension_of(event).ok_or(Error::new(Code::LogoNoExtension, Span::new(0, 0)))?;
    let caller_id = event
        .caller_id_number
        .ok_or(Error::new(Code::FormMissingField, Span::new(0, 0)))?;
    if let Some(a) = options.agent_id {
        if a.trim().is_empty() {
            return Err(Error::new(Code::LogoAgentIdEmpty, Span::new(0, 0)));
        }
    }
    Ok(Some(LogoCall {
        call_unique_id,
        extension,
        agent_id: options.agent_id,
        caller_id,
        caller_form: options.caller_form,
        keypress: options.keypress,
    }))
}

/// The extension the bridge reports for an event: who answered
/// (`connected_user`), else who was dialled (`dialed_user`).
pub fn extension_of(event: &CallEvent<'_>) -> Option<Phone> {
    event.connected_user.or(event.dialed_user)
}

/// What an HTTP status from Logo CRM means for the integrator, if it
/// needs explaining.
pub fn explain_status(status: u16) -> Option<&'static str> {
    match status {
        401 => Some(
            "Logo CRM answered 401 Unauthorized: add <location path=\"Default.aspx\"><system.web><authorization><allow users=\"*\" /></authorization></system.web></location> to web.config, then restart IIS",
        ),
        404 => Some("Logo CRM answered 404: check the application path; only Default.aspx/IPS_callAnswered is fixed"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;

    const SEED_1: &str = include_str!("../../tests/vendor/logo_seed003_1.json");
    const SEED_2: &str = include_str!("../../tests/vendor/logo_seed003_2.json");
    const SEED_3: &str = include_str!("../../tests/vendor/logo_seed003_3.json");

    #[test]
    fn seed_bodies_parse() {
        let mut sink: Collector<4> = Collector::new();
        let b = parse(SEED_1.as_bytes(), &mut sink).unwrap();
        assert_eq!(b.keypress, Keypress::ShowCard);
        assert!(b.extension.eq_str("911"));
        // Seed 003's second body: keypress 3; its third: the bare national callerId.
        let b2 = parse(SEED_2.as_bytes(), &mut sink).unwrap();
        assert_eq!(b2.keypress, Keypress::NewSupportTicket);
        let b3 = parse(SEED_3.as_bytes(), &mut sink).unwrap();
        assert_eq!(b3.caller_id.input_form(), crate::phone::InputForm::Bare);
        assert_eq!(
            b3.caller_id, b.caller_id,
            "05334979714 and 5334979714 are the same caller"
        );
        assert!(sink.diagnostics().is_empty());
    }

    #[test]
    fn faults() {
        let mut sink: Collector<8> = Collector::new();
        assert!(parse(
            br#"{"callUniqueId":"a b","extension":"9","agentId":" ","callerId":"x","keypress":1}"#,
            &mut sink
        )
        .is_none());
        let got: Vec<_> = sink
            .diagnostics()
            .iter()
            .map(|d| (d.code.id(), d.path.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("call_uuid.invalid", "callUniqueId".to_string()),
                ("extension.invalid", "extension".into()),
                ("logo.agent_id_empty", "agentId".into()),
                ("phone.invalid_character", "callerId".into()),
                ("json.expected_string", "keypress".into()),
            ]
        );
        let mut sink: Collector<8> = Collector::new();
        parse(br#"{"keypress":"4"}"#, &mut sink);
        assert_eq!(sink.diagnostics()[0].code, Code::LogoKeypress);
    }

    #[test]
    fn from_events() {
        let body = b"event_type=answer&direction=inbound&caller_id_number=905334979714&dialed_user=911&connected_user=912&call_uuid=A000001";
        let mut sink: Collector<4> = Collector::new();
        let e = CallEvent::parse(body, &mut sink).unwrap();
        let opts = LogoOptions {
            agent_id: Some("agent7"),
            caller_form: CallerForm::Bare,
            keypress: Keypress::NewOffer,
            ..LogoOptions::default()
        };
        let call = from_event(&e, &opts).unwrap().unwrap();
        let json = call.to_string();
        assert_eq!(
            json,
            r#"{"callUniqueId":"A000001","extension":"912","agentId":"agent7","callerId":"5334979714","keypress":"2"}"#
        );
        let back = parse(json.as_bytes(), &mut sink).unwrap();
        assert!(crate::phone::same_number(
            back.caller_id.national_number(),
            "05334979714"
        ));
        let ringing = LogoOptions {
            trigger: Trigger::Ringing,
            ..opts
        };
        assert_eq!(from_event(&e, &ringing).map(|c| c.is_some()), Ok(false));
        let no_ext =
            b"event_type=answer&direction=inbound&caller_id_number=905334979714&call_uuid=A1";
        let e = CallEvent::parse(no_ext, &mut sink).unwrap();
        assert_eq!(
            from_event(&e, &LogoOptions::default()).unwrap_err().code,
            Code::LogoNoExtension
        );
        assert!(explain_status(401).unwrap().contains("web.config"));
        assert_eq!(explain_status(200), None);
    }
}
