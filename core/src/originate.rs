//! Originate a call (SPEC §14, `begin_call.md`): `GET /originate?key=…&
//! extension=…&destination=…[&caller_id=…][&manual_answer=true][&timeout=N]
//! [&announcement_to_callee=id][&announcement_to_caller=id]`.
//!
//! ```
//! use santral::lexical::Extension;
//! use santral::originate::Originate;
//! use santral::phone::Phone;
//!
//! let o = Originate::new("K12345678-1234-5678-4321-123456789012", Extension::parse("1001").unwrap(), Phone::parse("08505320000").unwrap());
//! o.check().unwrap();
//! assert_eq!(o.to_string(), "/originate?key=K12345678-1234-5678-4321-123456789012&extension=1001&destination=908505320000");
//! ```

use core::fmt;

use crate::diag::{Code, Error, Span};
use crate::form::Encode;
use crate::lexical::{ApiKey, Extension, Id};
use crate::phone::{Format, Phone};
use crate::response::{classify, Expect, Failure, Reply};

/// An originate request. `Display` writes the path and query, every value
/// percent-encoded (a `+` is `%2B`, never raw).
#[derive(Clone, Copy, Debug)]
pub struct Originate<'a> {
    /// API key.
    pub key: &'a str,
    /// The extension that rings first.
    pub extension: Extension<'a>,
    /// Who is called: written `90…` for Turkey, `00…` abroad.
    pub destination: Phone,
    /// The outside number shown, written `90…`.
    pub caller_id: Option<Phone>,
    /// Wait for the extension to answer before dialling out.
    pub manual_answer: bool,
    /// Seconds to ring, 10..=60 (default 30).
    pub timeout: Option<u32>,
    /// Played to the callee on answer.
    pub announcement_to_callee: Option<Id>,
    /// Played to the caller on answer.
    pub announcement_to_caller: Option<Id>,
}

impl<'a> Originate<'a> {
    /// A request with only the required fields.
    pub const fn new(key: &'a str, extension: Extension<'a>, destination: Phone) -> Originate<'a> {
        Originate {
            key,
            extension,
            destination,
            caller_id: None,
            manual_answer: false,
            timeout: None,
            announcement_to_callee: None,
            announcement_to_caller: None,
        }
    }

    /// Checks the rules: a valid key, a non-extension destination, a
    /// caller id with a `90…`/`00…` form, timeout 10..=60.
    pub fn check(&self) -> Result<(), Error> {
        ApiKey::parse(self.key)?;
        if self.destination.is_extension() {
            return Err(Error::new(Code::PhoneExtensionNotAllowed, Span::new(0, 0)));
        }
        if let Some(c) = self.caller_id {
            c.format(Format::Wire)?;
            if c.is_extension() {
                return Err(Error::new(Code::PhoneExtensionNotAllowed, Span::new(0, 0)));
            }
        }
        if let Some(t) = self.timeout {
            if !(10..=60).contains(&t) {
                return Err(Error::new(Code::OriginateTimeoutRange, Span::new(0, 0)));
            }
        }
        Ok(())
    }
}

/// A number in the form originate wants: `90…`, `00…`, or (for numbers
/// only diallable nationally, like 444) the national form.
struct Dial(Phone);

impl fmt::Display for Dial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(Format::Wire) {
            Ok(w) => write!(f, "{w}"),
            Err(_) => match self.0.format(Format::National) {
                Ok(n) => write!(f, "{n}"),
                Err(_) => f.write_str(self.0.national_number()),
            },
        }
    }
}

impl fmt::Display for Originate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "/originate?key={}&extension={}&destination={}",
            Encode(self.key),
            self.extension,
            Dial(self.destination)
        )?;
        if let Some(c) = self.caller_id {
            write!(f, "&caller_id={}", Dial(c))?;
        }
        if self.manual_answer {
            f.write_str("&manual_answer=true")?;
        }
        if let Some(t) = self.timeout {
            write!(f, "&timeout={t}")?;
        }
        if let Some(id) = self.announcement_to_callee {
            write!(f, "&announcement_to_callee={id}")?;
        }
        if let Some(id) = self.announcement_to_caller {
            write!(f, "&announcement_to_caller={id}")?;
        }
        Ok(())
    }
}

/// Parses the reply: the new call's uuid, or a typed failure.
pub fn parse_reply(status: u16, body: &str) -> Result<crate::lexical::CallUuid<'_>, Failure<'_>> {
    match classify(status, body, Expect::CallUuid)? {
        Reply::CallStarted(u) => Ok(u),
        _ => Err(Failure::Other { status, text: body }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Form;

    const KEY: &str = "K12345678-1234-5678-4321-123456789012";

    #[test]
    fn vendor_example_and_options() {
        let ext = Extension::parse("1001").unwrap();
        let o = Originate::new(KEY, ext, Phone::parse("908505320000").unwrap());
        assert_eq!(
            o.to_string(),
            "/originate?key=K12345678-1234-5678-4321-123456789012&extension=1001&destination=908505320000"
        );
        let mut o = Originate::new("K+ y", ext, Phone::parse("00493027590915").unwrap());
        o.caller_id = Phone::parse("+908505320000").ok();
        o.manual_answer = true;
        o.timeout = Some(45);
        o.announcement_to_callee = Id::new(7);
        o.announcement_to_caller = Id::new(8);
        let q = o.to_string();
        assert_eq!(q, "/originate?key=K%2B%20y&extension=1001&destination=00493027590915&caller_id=908505320000&manual_answer=true&timeout=45&announcement_to_callee=7&announcement_to_caller=8");
        let form = Form::query(q.split_once('?').unwrap().1.as_bytes());
        let mut buf = [0u8; 8];
        assert_eq!(
            form.get("key")
                .unwrap()
                .value
                .decode_into(&mut buf)
                .unwrap(),
            "K+ y"
        );
        assert!(!q.contains('+'));
        let uan = Originate::new(KEY, ext, Phone::parse("4441234").unwrap());
        assert!(uan.to_string().ends_with("destination=4441234"));
    }

    #[test]
    fn rules() {
        let ext = Extension::parse("1001").unwrap();
        let dest = Phone::parse("08505320000").unwrap();
        let mut o = Originate::new(KEY, ext, dest);
        o.timeout = Some(5);
        assert_eq!(o.check().unwrap_err().code, Code::OriginateTimeoutRange);
        o.timeout = Some(60);
        assert!(o.check().is_ok());
        let e = Phone::parse_with("1002", crate::phone::Options::STRICT_OR_EXTENSION).unwrap();
        assert_eq!(
            Originate::new(KEY, ext, e).check().unwrap_err().code,
            Code::PhoneExtensionNotAllowed
        );
        assert_eq!(
            Originate::new("", ext, dest).check().unwrap_err().code,
            Code::ApiKeyEmpty
        );
    }

    #[test]
    fn replies() {
        assert_eq!(
            parse_reply(200, "358c20bc-fd86-11e5-87a2-157d41a07454\n").map(|u| u.as_str()),
            Ok("358c20bc-fd86-11e5-87a2-157d41a07454")
        );
        assert_eq!(
            parse_reply(400, "extension 1005 not found"),
            Err(Failure::ExtensionNotFound { extension: "1005" })
        );
    }
}
