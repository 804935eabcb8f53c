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

use core::fmt::{self, Write as _};

use crate::diag::{Code, Counting, Error, Sink, Span};
use crate::form::{is_verification_ping, report_missing, Encoded, Fields, Form};
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

    /// What happened, by name (`not_started`, `pressed`, `no_key`, `invalid_key`).
    pub const fn kind(self) -> DigitKind {
        match self {
            Digit::NotStarted => DigitKind::NotStarted,
            Digit::Pressed(_) => DigitKind::Pressed,
            Digit::NoKey => DigitKind::NoKey,
            Digit::Invalid(_) => DigitKind::InvalidKey,
        }
    }

    /// The key pressed, if any.
    pub const fn key(self) -> Option<char> {
        match self {
            Digit::Pressed(c) | Digit::Invalid(c) => Some(c),
            Digit::NotStarted | Digit::NoKey => None,
        }
    }
}

crate::wire_enum! {
    /// The names of what a report's `digit` says (the summary's and the
    /// bindings' vocabulary; the wire has `""`, a key, `-`, `!N`).
    pub enum DigitKind {
        /// `""`: the call did not start.
        NotStarted = "not_started",
        /// A key with a target was pressed.
        Pressed = "pressed",
        /// `-`: no key, timed out.
        NoKey = "no_key",
        /// `!N`: a key without a target was pressed.
        InvalidKey = "invalid_key",
    }
}

crate::fields! {
    /// The fields of a campaign report, declared once. `digit` must be
    /// present but may be empty (the call did not start); every other
    /// required field counts as missing when empty.
    pub enum Field {
        /// `notification_id`.
        NotificationId = "notification_id" required,
        /// `notification_date`.
        NotificationDate = "notification_date",
        /// `domain_id`.
        DomainId = "domain_id",
        /// `ivr_campaign_id`.
        IvrCampaignId = "ivr_campaign_id",
        /// `ivr_campaign_name`.
        IvrCampaignName = "ivr_campaign_name",
        /// `ivr_lead_id`.
        IvrLeadId = "ivr_lead_id",
        /// `phone`.
        Phone = "phone" required,
        /// `digit`.
        Digit = "digit",
        /// `status`.
        Status = "status" required,
        /// `call_uuid`.
        CallUuid = "call_uuid",
    }
}

/// The fields of a campaign report (the wire names of [`Field`]).
pub const FIELDS: [&str; 10] = Field::NAMES;

/// A parsed campaign report.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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

impl Field {
    /// What the field holds (the faces' types come from it).
    pub const fn shape(self) -> crate::wire::Shape {
        use crate::wire::Shape as S;
        match self {
            Field::NotificationId | Field::DomainId | Field::IvrCampaignId | Field::IvrLeadId => {
                S::Id
            }
            Field::NotificationDate => S::Timestamp,
            Field::IvrCampaignName | Field::Status | Field::CallUuid => S::Text,
            Field::Phone => S::Phone,
            Field::Digit => S::Digit,
        }
    }
}

impl<'a> CampaignReport<'a> {
    /// Parses and validates a report body; `None` when an error was reported.
    pub fn parse<S: Sink>(body: &'a [u8], sink: &mut S) -> Option<CampaignReport<'a>> {
        use Field as F;
        let mut tee = Counting::new(sink);
        if crate::form::report_ping(body, &mut tee) {
            return None;
        }
        let f = Fields::scan(Form::new(body), &F::NAMES, &mut tee);
        let mut buf = [0u8; 128];
        let notification_id = f.read(F::NotificationId.index(), &mut buf, &mut tee, Id::parse);
        let notification_date = f.read(
            F::NotificationDate.index(),
            &mut buf,
            &mut tee,
            Timestamp::parse,
        );
        let domain_id = f.read(F::DomainId.index(), &mut buf, &mut tee, Id::parse);
        let ivr_campaign_id = f.read(F::IvrCampaignId.index(), &mut buf, &mut tee, Id::parse);
        let ivr_lead_id = f.read(F::IvrLeadId.index(), &mut buf, &mut tee, Id::parse);
        let phone = f.read(F::Phone.index(), &mut buf, &mut tee, Phone::parse);
        // An empty digit is meaningful ("did not start"), so read it even when empty.
        let digit = f.read_present(F::Digit.index(), &mut buf, &mut tee, Digit::parse);
        let _ = f.read(F::CallUuid.index(), &mut buf, &mut tee, |s| {
            CallUuid::parse(s).map(|_| ())
        });
        f.report_missing(F::REQUIRED, &mut tee);
        if f.at(F::Digit.index()).is_none() {
            report_missing(body, F::Digit.name(), &mut tee);
        }
        if tee.errors > 0 {
            return None;
        }
        Some(CampaignReport {
            notification_id: notification_id?,
            notification_date,
            domain_id,
            ivr_campaign_id,
            ivr_campaign_name: f.value(F::IvrCampaignName.index()),
            ivr_lead_id,
            phone,
            digit: digit?,
            status: f.value(F::Status.index())?,
            call_uuid: f.value(F::CallUuid.index()),
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

    /// What makes this report one report: its `notification_id`
    /// (`report:5`). A receiver that has seen the key treats the body as a
    /// resend.
    ///
    /// ```
    /// use santral::report::CampaignReport;
    /// let mut sink = santral::diag::Counter::default();
    /// let r = CampaignReport::parse(b"notification_id=5&phone=905321234567&digit=&status=Cevapsiz", &mut sink).unwrap();
    /// assert_eq!(r.idempotency_key().to_string(), "report:5");
    /// ```
    pub fn idempotency_key(&self) -> impl fmt::Display {
        ReportKey(self.notification_id)
    }
}

impl CampaignReport<'_> {
    /// The report as JSON, for a sink that is not the PBX's own format:
    /// `kind` (`campaign_report`), `idempotency_key`, every field by its
    /// wire name (the phone normalised, `digit` as sent), then
    /// `digit_kind`, `key` and `answered`.
    ///
    /// ```
    /// use santral::report::CampaignReport;
    /// let mut sink = santral::diag::Counter::default();
    /// let r = CampaignReport::parse("notification_id=5&phone=905321234567&digit=!4&status=Hata".as_bytes(), &mut sink).unwrap();
    /// assert!(r.json().to_string().ends_with(r#""phone":"+905321234567","digit":"!4","status":"Hata","call_uuid":null,"digit_kind":"invalid_key","key":"4","answered":true}"#));
    /// ```
    pub fn json(&self) -> impl fmt::Display + '_ {
        ReportJson(self)
    }
}

struct ReportJson<'r, 'a>(&'r CampaignReport<'a>);

impl fmt::Display for ReportJson<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::phone::json_string as phone_json;
        use crate::write::opt_json;
        let r = self.0;
        let id = |f: &mut fmt::Formatter<'_>, v: Id| write!(f, "{v}");
        write!(
            f,
            "{{\"kind\":\"campaign_report\",\"idempotency_key\":\"{}\"",
            r.idempotency_key()
        )?;
        for field in Field::ALL {
            write!(f, ",\"{}\":", field.name())?;
            match field {
                Field::NotificationId => write!(f, "{}", r.notification_id),
                Field::NotificationDate => {
                    opt_json(f, r.notification_date, |f, t| write!(f, "\"{t}\""))
                }
                Field::DomainId => opt_json(f, r.domain_id, id),
                Field::IvrCampaignId => opt_json(f, r.ivr_campaign_id, id),
                Field::IvrCampaignName => {
                    opt_json(f, r.ivr_campaign_name, |f, v| v.write_json_string(f))
                }
                Field::IvrLeadId => opt_json(f, r.ivr_lead_id, id),
                Field::Phone => opt_json(f, r.phone, phone_json),
                Field::Digit => write!(f, "\"{}\"", r.digit),
                Field::Status => r.status.write_json_string(f),
                Field::CallUuid => opt_json(f, r.call_uuid, |f, v| v.write_json_string(f)),
            }?;
        }
        write!(f, ",\"digit_kind\":\"{}\",\"key\":", r.digit.kind())?;
        opt_json(f, r.digit.key(), |f, k| write!(f, "\"{k}\""))?;
        write!(f, ",\"answered\":{}}}", r.answered())
    }
}

struct ReportKey(Id);

impl fmt::Display for ReportKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "report:{}", self.0)
    }
}

impl fmt::Display for Digit {
    /// The wire text: `""`, the key, `-`, `!N`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Digit::NotStarted => Ok(()),
            Digit::Pressed(c) => write!(f, "{c}"),
            Digit::NoKey => f.write_str("-"),
            Digit::Invalid(c) => write!(f, "!{c}"),
        }
    }
}

impl CampaignReport<'_> {
    /// The report as the PBX POSTs it (the PBX's side, and the
    /// simulator's): the form body in the vendor's own style — every
    /// field, spaces and Turkish letters raw (`status=Cevaplandı`,
    /// `notification_date=2017-05-10 13:18:56 UTC`), only `%&=+#` and
    /// control characters escaped, an absent value empty. Texts a program
    /// sets are [`Encoded::text`]; a parsed report writes its texts back
    /// as they came.
    ///
    /// ```
    /// use santral::report::{CampaignReport, Digit};
    /// use santral::form::Encoded;
    /// use santral::phone::Phone;
    /// use santral::lexical::Id;
    /// use santral::time::Timestamp;
    ///
    /// let report = CampaignReport {
    ///     notification_id: Id::new(5).unwrap(),
    ///     notification_date: Timestamp::parse("2017-05-10 13:18:56 UTC").ok(),
    ///     domain_id: Id::new(429),
    ///     ivr_campaign_id: Id::new(131),
    ///     ivr_campaign_name: Some(Encoded::text("Memnuniyet anketi")),
    ///     ivr_lead_id: Id::new(1878),
    ///     phone: Phone::parse("05321234567").ok(),
    ///     digit: Digit::Pressed('2'),
    ///     status: Encoded::text("Başarılı"),
    ///     call_uuid: Some(Encoded::text("aacdb242-364b-11e7-8bed-c9aec7093786")),
    /// };
    /// let body = report.form().to_string();
    /// assert_eq!(body, "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&domain_id=429&ivr_campaign_id=131&ivr_campaign_name=Memnuniyet anketi&ivr_lead_id=1878&phone=905321234567&digit=2&status=Başarılı&call_uuid=aacdb242-364b-11e7-8bed-c9aec7093786");
    /// let mut sink: santral::diag::Collector<4> = santral::diag::Collector::new();
    /// assert_eq!(CampaignReport::parse(body.as_bytes(), &mut sink).unwrap().form().to_string(), body);
    /// ```
    pub fn form(&self) -> impl fmt::Display + '_ {
        ReportForm(self)
    }
}

struct ReportForm<'r, 'a>(&'r CampaignReport<'a>);

impl fmt::Display for ReportForm<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn opt<T: fmt::Display>(f: &mut fmt::Formatter<'_>, v: Option<T>) -> fmt::Result {
            match v {
                Some(v) => write!(f, "{v}"),
                None => Ok(()),
            }
        }
        let r = self.0;
        for (i, field) in Field::ALL.iter().enumerate() {
            if i > 0 {
                f.write_char('&')?;
            }
            write!(f, "{}=", field.name())?;
            match field {
                Field::NotificationId => write!(f, "{}", r.notification_id),
                Field::NotificationDate => opt(f, r.notification_date),
                Field::DomainId => opt(f, r.domain_id),
                Field::IvrCampaignId => opt(f, r.ivr_campaign_id),
                Field::IvrCampaignName => opt(f, r.ivr_campaign_name.map(|v| v.form())),
                Field::IvrLeadId => opt(f, r.ivr_lead_id),
                Field::Phone => opt(f, r.phone.map(|p| p.on_wire())),
                Field::Digit => write!(f, "{}", r.digit),
                Field::Status => write!(f, "{}", r.status.form()),
                Field::CallUuid => opt(f, r.call_uuid.map(|v| v.form())),
            }?;
        }
        Ok(())
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
