//! CRM integration settings (SPEC §8, `crm_integrations.md`):
//! `GET /crm_integrations?key=…` answers JSON, `POST /crm_integrations`
//! takes a form body. Note the naming: the setting is `answered`, the
//! event is `answer`.
//!
//! ```
//! use santral::crm::{parse_settings, Update};
//! use santral::diag::Collector;
//! use santral::lexical::OnOff;
//!
//! let mut sink: Collector<4> = Collector::new();
//! let s = parse_settings(br#"{"ringing":"on","answered":"on","hangup":"on","notification_url":"https://siteadresi.com/events"}"#, &mut sink).unwrap();
//! assert!(s.answered.is_on());
//! let body = Update { key: "K1", ringing: Some(OnOff::On), answered: None, hangup: Some(OnOff::Off), notification_url: "https://siteadresi.com/events" };
//! assert_eq!(body.to_string(), "key=K1&ringing=on&hangup=off&notification_url=https%3A%2F%2Fsiteadresi.com%2Fevents");
//! ```

use core::fmt;

use crate::diag::{Code, Counting, Error, Sink};
use crate::form::Encode;
use crate::json::{JsonStr, Walker};
use crate::lexical::{OnOff, Url};

crate::fields! {
    /// The keys of the settings reply (all required) and of the update
    /// form (`notification_url` required, the flags optional).
    pub enum Field {
        /// Notify on `ringing`.
        Ringing = "ringing" required,
        /// Notify on `answer` (the setting is named `answered`).
        Answered = "answered" required,
        /// Notify on `hangup`.
        Hangup = "hangup" required,
        /// Where events are POSTed.
        NotificationUrl = "notification_url" required,
    }
}

/// The keys of the settings reply (the wire names of [`Field`]).
pub const KEYS: [&str; 4] = Field::NAMES;

/// The CRM integration settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings<'a> {
    /// Notify on `ringing`.
    pub ringing: OnOff,
    /// Notify on `answer`.
    pub answered: OnOff,
    /// Notify on `hangup`.
    pub hangup: OnOff,
    /// Where events are POSTed.
    pub notification_url: JsonStr<'a>,
}

/// Parses the GET reply; `None` when an error was reported.
pub fn parse_settings<'a, S: Sink>(body: &'a [u8], sink: &mut S) -> Option<Settings<'a>> {
    let mut tee = Counting::new(sink);
    let mut flags = [None; 3];
    let mut url = None;
    {
        let mut w = Walker::new(body, &mut tee);
        if w.begin_object().is_some() {
            let mut end = None;
            let mut seen = 0;
            while let Some((key, t)) = w.next_key(&mut end) {
                let Some((i, name)) = w.known_key(key, &t, &Field::NAMES, &mut seen) else {
                    continue;
                };
                w.path.push_key(name);
                let mut buf = [0u8; 2048];
                if i == Field::NotificationUrl.index() {
                    if let Some((_, _, s)) = w.parsed(&mut buf, Code::UrlTooLong, Url::parse) {
                        url = Some(s);
                    }
                } else if let Some((v, _, _)) = w.parsed(&mut buf, Code::OnOffInvalid, OnOff::parse)
                {
                    if let Some(slot) = flags.get_mut(i) {
                        *slot = Some(v);
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
    let [ringing, answered, hangup] = flags;
    Some(Settings {
        ringing: ringing?,
        answered: answered?,
        hangup: hangup?,
        notification_url: url?,
    })
}

/// The POST form body that updates the settings. `notification_url` is
/// required; flags left `None` are not sent.
#[derive(Clone, Copy, Debug)]
pub struct Update<'a> {
    /// API key.
    pub key: &'a str,
    /// Notify on ringing.
    pub ringing: Option<OnOff>,
    /// Notify on answer.
    pub answered: Option<OnOff>,
    /// Notify on hangup.
    pub hangup: Option<OnOff>,
    /// Where to POST events.
    pub notification_url: &'a str,
}

impl Update<'_> {
    /// Checks the key and the URL.
    pub fn check(&self) -> Result<(), Error> {
        crate::lexical::ApiKey::parse(self.key)?;
        Url::parse(self.notification_url).map(|_| ())
    }
}

impl fmt::Display for Update<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key={}", Encode(self.key))?;
        for (name, v) in [
            ("ringing", self.ringing),
            ("answered", self.answered),
            ("hangup", self.hangup),
        ] {
            if let Some(v) = v {
                write!(f, "&{name}={v}")?;
            }
        }
        write!(f, "&notification_url={}", Encode(self.notification_url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;
    use crate::form::Form;

    const VENDOR: &str = include_str!("../tests/vendor/crm_settings.json");

    #[test]
    fn vendor_reply() {
        let mut sink: Collector<4> = Collector::new();
        let s = parse_settings(VENDOR.as_bytes(), &mut sink).unwrap();
        assert_eq!((s.ringing, s.hangup), (OnOff::On, OnOff::On));
        assert!(s.notification_url.eq_str("https://siteadresi.com/events"));
    }

    #[test]
    fn faults() {
        let mut sink: Collector<8> = Collector::new();
        assert!(parse_settings(
            br#"{"ringing":"ON","answered":1,"notification_url":"x","hangup":"off","x":1}"#,
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
                ("on_off.invalid", "ringing".to_string()),
                ("json.expected_string", "answered".into()),
                ("url.scheme", "notification_url".into()),
                ("json.unknown_key", "".into()),
            ]
        );
    }

    #[test]
    fn update_body_round_trips_through_the_form_parser() {
        let u = Update {
            key: "K12345678-1234-5678-4321-123456789012",
            ringing: Some(OnOff::On),
            answered: Some(OnOff::On),
            hangup: Some(OnOff::Off),
            notification_url: "https://siteadresi.com/events?a=1&b=2",
        };
        u.check().unwrap();
        let body = u.to_string();
        let form = Form::new(body.as_bytes());
        let mut buf = [0u8; 64];
        let url = form
            .get("notification_url")
            .unwrap()
            .value
            .decode_into(&mut buf)
            .unwrap();
        assert_eq!(url, "https://siteadresi.com/events?a=1&b=2");
        assert!(form.get("answered").unwrap().value.eq_str("on"));
        assert!(Update {
            notification_url: "",
            ..u
        }
        .check()
        .is_err());
    }
}
