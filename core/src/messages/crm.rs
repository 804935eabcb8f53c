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
//! assert_eq!(body.to_string(), "key=K1&ringing=on&hangup=off&notification_url=https://siteadresi.com/events");
//! ```

use core::fmt::{self, Write as _};

use crate::diag::{Code, Counting, Diagnostic, Sink};
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Settings<'a> {
    /// Notify on `ringing`.
    pub ringing: OnOff,
    /// Notify on `answer`.
    pub answered: OnOff,
    /// Notify on `hangup`.
    pub hangup: OnOff,
    /// Where events are POSTed; empty when none is set (a PBX never
    /// configured answers `""`).
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
                if i == Field::NotificationUrl.index() {
                    // `""`: no URL set yet (a PBX never configured).
                    match w.string() {
                        Some((s, _)) if s.is_empty() => url = Some(s),
                        Some((s, t)) => {
                            let mut text = [0u8; 2048];
                            match crate::json::text(s, &mut text).map(Url::parse) {
                                Some(Ok(_)) => url = Some(s),
                                Some(Err(e)) => w.report_in_string(e, &t, s),
                                None => w.report(Code::UrlTooLong, &t),
                            }
                        }
                        None => {}
                    }
                } else if let Some((v, _, _)) =
                    w.parsed(&mut [0u8; 16], Code::OnOffInvalid, OnOff::parse)
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
    /// Checks the key and the URL; a broken rule is a diagnostic at its
    /// field (`key`, `notification_url`).
    pub fn check(&self) -> Result<(), Diagnostic> {
        crate::lexical::ApiKey::parse(self.key).map_err(|e| Diagnostic::field(e, Field::KEY))?;
        Url::parse(self.notification_url)
            .map(|_| ())
            .map_err(|e| Diagnostic::field(e, Field::NotificationUrl.name()))
    }
}

impl Field {
    /// The update form's `key` (not a setting, so not a variant).
    pub const KEY: &'static str = "key";
}

impl fmt::Display for Update<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", Field::KEY, Encode(self.key))?;
        for (field, v) in [
            (Field::Ringing, self.ringing),
            (Field::Answered, self.answered),
            (Field::Hangup, self.hangup),
        ] {
            if let Some(v) = v {
                write!(f, "&{}={v}", field.name())?;
            }
        }
        write!(
            f,
            "&{}={}",
            Field::NotificationUrl.name(),
            Encode(self.notification_url)
        )
    }
}

/// The names of the update form, `key` first (its slots in
/// [`parse_update`]).
const UPDATE_NAMES: [&str; 5] = {
    let n = Field::NAMES;
    [Field::KEY, n[0], n[1], n[2], n[3]]
};

/// Reads an update form (the PBX's side of `POST /crm_integrations`),
/// reporting every problem at its field; `None` when one is an error. The
/// key and the URL are decoded into `buf`.
///
/// ```
/// use santral::crm::parse_update;
/// use santral::diag::Collector;
/// let body = b"key=K12345678-1234-5678-4321-123456789012&ringing=on&answered=on&hangup=off&notification_url=https://siteadresi.com/events";
/// let mut buf = [0u8; 256];
/// let mut sink: Collector<4> = Collector::new();
/// let u = parse_update(body, &mut buf, &mut sink).unwrap();
/// assert_eq!((u.notification_url, u.hangup.map(|h| h.is_on())), ("https://siteadresi.com/events", Some(false)));
/// ```
pub fn parse_update<'b, S: Sink>(
    body: &[u8],
    buf: &'b mut [u8],
    sink: &mut S,
) -> Option<Update<'b>> {
    use crate::form::{Arena, Fields, Form};
    let mut tee = Counting::new(sink);
    let f = Fields::scan(Form::new(body), &UPDATE_NAMES, &mut tee);
    let mut scratch = [0u8; 2048];
    let key_ok = f
        .read(0, &mut scratch, &mut tee, |s| {
            crate::lexical::ApiKey::parse(s).map(|_| ())
        })
        .is_some();
    let mut flags = [None; 3];
    for (i, flag) in flags.iter_mut().enumerate() {
        *flag = f.read(i + 1, &mut scratch, &mut tee, OnOff::parse);
    }
    let url_ok = f
        .read(4, &mut scratch, &mut tee, |s| Url::parse(s).map(|_| ()))
        .is_some();
    // The key first, then the URL: both required.
    f.report_missing(0b10001, &mut tee);
    if tee.errors > 0 || !key_ok || !url_ok {
        return None;
    }
    let mut arena = Arena::new(buf);
    let key = arena.decode(f.value(0)?).ok()?;
    let notification_url = arena.decode(f.value(4)?).ok()?;
    let [ringing, answered, hangup] = flags;
    Some(Update {
        key,
        ringing,
        answered,
        hangup,
        notification_url,
    })
}

/// The settings as the GET reply writes them (the vendor's key order).
///
/// ```
/// use santral::crm::settings_json;
/// use santral::lexical::OnOff;
/// assert_eq!(
///     settings_json([OnOff::On, OnOff::On, OnOff::Off], "https://siteadresi.com/events").to_string(),
///     r#"{"ringing":"on","answered":"on","hangup":"off","notification_url":"https://siteadresi.com/events"}"#
/// );
/// ```
pub fn settings_json(flags: [OnOff; 3], notification_url: &str) -> impl fmt::Display + '_ {
    SettingsJson {
        flags,
        notification_url,
    }
}

struct SettingsJson<'a> {
    flags: [OnOff; 3],
    notification_url: &'a str,
}

impl fmt::Display for SettingsJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('{')?;
        for (field, v) in Field::ALL.iter().zip(self.flags) {
            write!(f, "\"{}\":\"{v}\",", field.name())?;
        }
        write!(f, "\"{}\":", Field::NotificationUrl.name())?;
        crate::write::write_string(f, self.notification_url)?;
        f.write_char('}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;
    use crate::form::Form;

    const VENDOR: &str = include_str!("../../tests/vendor/crm_settings.json");

    #[test]
    fn vendor_reply() {
        let mut sink: Collector<4> = Collector::new();
        let s = parse_settings(VENDOR.as_bytes(), &mut sink).unwrap();
        assert_eq!((s.ringing, s.hangup), (OnOff::On, OnOff::On));
        assert!(s.notification_url.eq_str("https://siteadresi.com/events"));
    }

    #[test]
    fn an_unconfigured_pbx_has_no_url() {
        let mut sink: Collector<4> = Collector::new();
        let s = parse_settings(
            br#"{"ringing":"off","answered":"off","hangup":"off","notification_url":""}"#,
            &mut sink,
        )
        .unwrap();
        assert!(s.notification_url.is_empty() && sink.diagnostics().is_empty());
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
