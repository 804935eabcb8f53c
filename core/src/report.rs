//! Campaign reports (SPEC §6 end): the form POSTed to a campaign's
//! `webhook_url` after each lead is called.
//!
//! ```
//! use santral::report::{CampaignReport, Digit};
//! use santral::diag::Collector;
//!
//! let body = "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&domain_id=429\
//! &ivr_campaign_id=131&ivr_campaign_name=Memnuniyet anketi&ivr_lead_id=1878\
//! &phone=905321234567&digit=2&status=Başarılı&call_uuid=aacdb242-364b-11e7-8bed-c9aec7093786";
//! let mut sink: Collector<4> = Collector::new();
//! let r = CampaignReport::parse(body.as_bytes(), &mut sink).unwrap();
//! assert_eq!(r.digit, Digit::Pressed('2'));
//! assert!(r.answered());
//! assert!(santral::phone::same_number("05321234567", r.phone.unwrap().national_number()));
//! ```

use crate::diag::{Code, Counting, Error, Sink, Span};
use crate::form::{is_verification_ping, parse_value, report_missing, Encoded, Fields, Form};
use crate::lexical::{CallUuid, Id};
use crate::phone::Phone;
use crate::time::Timestamp;

/// The `digit` field: what the lead pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Digit {
    /// `""`: the call did not start (busy, unreachable, wrong number; see `status`).
    NotStarted,
    /// `0`–`9`, `*`, `#`: a key with a target was pressed.
    Pressed(char),
    /// `-`: no key, timed out.
    NoKey,
    /// `!N`: key N was pressed, which has no target.
    Invalid(char),
}

impl Digit {
    /// Parses the wire text.
    pub fn parse(s: &str) -> Result<Digit, Error> {
        let key = |c: char| c.is_ascii_digit() || c == '*' || c == '#';
        let mut chars = s.chars();
        let digit = match (chars.next(), chars.next(), chars.next()) {
            (None, _, _) => Some(Digit::NotStarted),
            (Some('-'), None, _) => Some(Digit::NoKey),
            (Some(c), None, _) if key(c) => Some(Digit::Pressed(c)),
            (Some('!'), Some(c), None) if key(c) => Some(Digit::Invalid(c)),
            _ => None,
        };
        digit.ok_or(Error::new(Code::ReportDigit, Span::new(0, s.len())))
    }

    /// True when a key was pressed (with or without a target).
    pub const fn was_pressed(self) -> bool {
        matches!(self, Digit::Pressed(_) | Digit::Invalid(_))
    }
}

/// The fields of a campaign report.
pub const FIELDS: [&str; 10] = [
    "notification_id",
    "notification_date",
    "domain_id",
    "ivr_campaign_id",
    "ivr_campaign_name",
    "ivr_lead_id",
    "phone",
    "digit",
    "status",
    "call_uuid",
];

/// A parsed campaign report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CampaignReport<'a> {
    /// Unique id of this notification.
    pub notification_id: Id,
    /// When the reported event happened.
    pub notification_date: Option<Timestamp>,
    /// The PBX id.
    pub domain_id: Option<Id>,
    /// The campaign.
    pub ivr_campaign_id: Option<Id>,
    /// The campaign's name.
    pub ivr_campaign_name: Option<Encoded<'a>>,
    /// The lead.
    pub ivr_lead_id: Option<Id>,
    /// The number called, in the `90…` form even when the lead was sent
    /// as `0…`: match it with [`crate::phone::same_number`].
    pub phone: Option<Phone>,
    /// What was pressed.
    pub digit: Digit,
    /// The call status in Turkish (`Cevaplandı`, `Cevapsız`, `Başarılı`, …).
    pub status: Encoded<'a>,
    /// The call's uuid (matches call events).
    pub call_uuid: Option<Encoded<'a>>,
}

impl<'a> CampaignReport<'a> {
    /// Parses and validates a report body; `None` when an error was reported.
    pub fn parse<S: Sink>(body: &'a [u8], sink: &mut S) -> Option<CampaignReport<'a>> {
        let mut tee = Counting::new(sink);
        let fields = Fields::scan(Form::new(body), &FIELDS, &mut tee);
        let mut buf = [0u8; 128];
        let get = |name: &str| fields.get(name).filter(|p| !p.value.is_empty());
        macro_rules! field {
            ($name:literal, $parse:expr) => {
                match get($name) {
                    Some(pair) => parse_value(body, pair, $name, &mut buf, &mut tee, $parse),
                    None => None,
                }
            };
        }
        let notification_id = field!("notification_id", Id::parse);
        let notification_date = field!("notification_date", Timestamp::parse);
        let domain_id = field!("domain_id", Id::parse);
        let ivr_campaign_id = field!("ivr_campaign_id", Id::parse);
        let ivr_lead_id = field!("ivr_lead_id", Id::parse);
        let phone = field!("phone", Phone::parse);
        // An empty digit is meaningful ("did not start"), so read it even when empty.
        let digit = fields
            .get("digit")
            .and_then(|p| parse_value(body, p, "digit", &mut buf, &mut tee, Digit::parse));
        let _ = field!("call_uuid", |s| CallUuid::parse(s).map(|_| ()));
        // An empty digit is meaningful (the call did not start); an empty id
        // or phone is missing.
        for required in ["notification_id", "phone"] {
            if get(required).is_none() {
                report_missing(body, required, &mut tee);
            }
        }
        for required in ["digit", "status"] {
            if !fields.has(required) {
                report_missing(body, required, &mut tee);
            }
        }
        if tee.errors > 0 {
            return None;
        }
        Some(CampaignReport {
            notification_id: notification_id?,
            notification_date,
            domain_id,
            ivr_campaign_id,
            ivr_campaign_name: get("ivr_campaign_name").map(|p| p.value),
            ivr_lead_id,
            phone,
            digit: digit?,
            status: fields.get("status")?.value,
            call_uuid: get("call_uuid").map(|p| p.value),
        })
    }

    /// True when the call counts as answered: `status` is `Cevaplandı` or
    /// `Başarılı` (the vendor's own example), or a key was pressed.
    pub fn answered(&self) -> bool {
        self.status.eq_str("Cevaplandı")
            || self.status.eq_str("Başarılı")
            || self.digit.was_pressed()
    }

    /// True for the empty POST that verifies the webhook URL.
    pub fn is_ping(body: &[u8]) -> bool {
        is_verification_ping(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;

    const VENDOR: &str = "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&domain_id=429&ivr_campaign_id=131&ivr_campaign_name=Memnuniyet anketi&ivr_lead_id=1878&phone=905321234567&digit=2&status=Başarılı&call_uuid=aacdb242-364b-11e7-8bed-c9aec7093786";

    fn parse(body: &str) -> (Option<CampaignReport<'_>>, Vec<(String, String)>) {
        let mut sink: Collector<16> = Collector::new();
        let r = CampaignReport::parse(body.as_bytes(), &mut sink);
        let d = sink
            .diagnostics()
            .iter()
            .map(|d| (d.code.id().to_string(), d.path.to_string()))
            .collect();
        (r, d)
    }

    #[test]
    fn vendor_example() {
        let (r, d) = parse(VENDOR);
        assert!(d.is_empty());
        let r = r.unwrap();
        assert_eq!(r.notification_id.get(), 5);
        assert_eq!(r.ivr_lead_id.map(Id::get), Some(1878));
        assert!(r.ivr_campaign_name.unwrap().eq_str("Memnuniyet anketi"));
        assert!(r.answered());
        assert_eq!(r.phone.unwrap().input_form(), crate::phone::InputForm::Wire);
    }

    #[test]
    fn digit_values() {
        assert_eq!(Digit::parse(""), Ok(Digit::NotStarted));
        assert_eq!(Digit::parse("-"), Ok(Digit::NoKey));
        assert_eq!(Digit::parse("*"), Ok(Digit::Pressed('*')));
        assert_eq!(Digit::parse("#"), Ok(Digit::Pressed('#')));
        assert_eq!(Digit::parse("!4"), Ok(Digit::Invalid('4')));
        for bad in ["12", "!", "!!", "a", "!x", "--"] {
            assert_eq!(
                Digit::parse(bad).unwrap_err().code,
                Code::ReportDigit,
                "{bad}"
            );
        }
    }

    #[test]
    fn answered_rule() {
        let with = |digit: &str, status: &str| {
            let body =
                format!("notification_id=1&phone=905321234567&digit={digit}&status={status}");
            let mut sink: Collector<4> = Collector::new();
            CampaignReport::parse(body.as_bytes(), &mut sink).map(|r| r.answered())
        };
        assert_eq!(with("-", "Cevaplandı"), Some(true));
        assert_eq!(with("", "Cevapsız"), Some(false));
        assert_eq!(with("", "Reddedildi"), Some(false));
        assert_eq!(with("%213", "Hata"), Some(true));
        assert_eq!(with("-", "Cevaps%C4%B1z"), Some(false));
    }

    #[test]
    fn faults_are_all_reported() {
        let (r, d) = parse(
            "notification_id=0&phone=0532&digit=x&notification_date=2017-05-10&call_uuid=a b",
        );
        assert!(r.is_none());
        assert_eq!(
            d,
            [
                ("id.invalid", "notification_id"),
                ("timestamp.syntax", "notification_date"),
                ("phone.too_short", "phone"),
                ("report.digit", "digit"),
                ("call_uuid.invalid", "call_uuid"),
                ("form.missing_field", "status"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert!(CampaignReport::is_ping(b""));
    }
}
