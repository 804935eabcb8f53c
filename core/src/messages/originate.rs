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

use crate::diag::{Code, Diagnostic, Error, Sink, Span};
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
    /// caller id with a `90…`/`00…` form, timeout 10..=60. A broken rule is
    /// a diagnostic at its parameter (`key`, `destination`, `timeout`…).
    pub fn check(&self) -> Result<(), Diagnostic> {
        use Param as P;
        let at = |p: Param, e: Error| Diagnostic::field(e, p.name());
        let rule = |p: Param, code| at(p, Error::new(code, Span::new(0, 0)));
        ApiKey::parse(self.key).map_err(|e| at(P::Key, e))?;
        if self.destination.is_extension() {
            return Err(rule(P::Destination, Code::PhoneExtensionNotAllowed));
        }
        if let Some(c) = self.caller_id {
            if c.is_extension() {
                return Err(rule(P::CallerId, Code::PhoneExtensionNotAllowed));
            }
            c.format(Format::Wire)
                .map_err(|e| rule(P::CallerId, e.code))?;
        }
        if let Some(t) = self.timeout {
            if !TIMEOUT_SECONDS.contains(&t) {
                return Err(rule(P::Timeout, Code::OriginateTimeoutRange));
            }
        }
        Ok(())
    }
}

crate::fields! {
    /// The query parameters of `/originate`.
    pub enum Param {
        /// API key.
        Key = "key" required,
        /// The extension that rings first.
        Extension = "extension" required,
        /// Who is called.
        Destination = "destination" required,
        /// The outside number shown.
        CallerId = "caller_id",
        /// `true`: wait for the extension to answer.
        ManualAnswer = "manual_answer",
        /// Seconds to ring.
        Timeout = "timeout",
        /// Played to the callee on answer.
        AnnouncementToCallee = "announcement_to_callee",
        /// Played to the caller on answer.
        AnnouncementToCaller = "announcement_to_caller",
    }
}

/// `timeout`'s range in seconds (default 30).
pub const TIMEOUT_SECONDS: core::ops::RangeInclusive<u32> = 10..=60;

/// Reads an originate query (the PBX's side: what `/originate` receives),
/// reporting every problem at its parameter; `None` when one is an error.
/// The key and the extension are decoded into `buf` (128 bytes hold any
/// valid pair).
///
/// ```
/// use santral::diag::Collector;
/// use santral::originate::parse_query;
/// let mut sink: Collector<4> = Collector::new();
/// let mut buf = [0u8; 128];
/// let q = b"key=K12345678-1234-5678-4321-123456789012&extension=1001&destination=908505320000";
/// let o = parse_query(q, &mut buf, &mut sink).unwrap();
/// assert_eq!((o.extension.as_str(), o.destination.national_number()), ("1001", "8505320000"));
/// ```
pub fn parse_query<'b, S: Sink>(
    query: &[u8],
    buf: &'b mut [u8],
    sink: &mut S,
) -> Option<Originate<'b>> {
    use crate::form::{Fields, Form};
    use Param as P;
    let form = Form::query(query);
    let mut tee = crate::diag::Counting::new(sink);
    let f = Fields::scan(form, &P::NAMES, &mut tee);
    let mut scratch = [0u8; 128];
    let key_ok = f
        .read(P::Key.index(), &mut scratch, &mut tee, |s| {
            ApiKey::parse(s).map(|_| ())
        })
        .is_some();
    let ext_ok = f
        .read(P::Extension.index(), &mut scratch, &mut tee, |s| {
            Extension::parse(s).map(|_| ())
        })
        .is_some();
    let phone = |s: &str| Phone::parse_with(s, crate::phone::Options::STRICT);
    let destination = f.read(P::Destination.index(), &mut scratch, &mut tee, phone);
    let caller_id = f.read(P::CallerId.index(), &mut scratch, &mut tee, phone);
    let manual_answer = f.read(
        P::ManualAnswer.index(),
        &mut scratch,
        &mut tee,
        crate::lexical::parse_boolish,
    );
    let timeout = f.read(P::Timeout.index(), &mut scratch, &mut tee, |s| {
        s.parse::<u32>()
            .ok()
            .filter(|t| s.bytes().all(|b| b.is_ascii_digit()) && TIMEOUT_SECONDS.contains(t))
            .ok_or(Error::new(
                Code::OriginateTimeoutRange,
                Span::new(0, s.len()),
            ))
    });
    let callee = f.read(
        P::AnnouncementToCallee.index(),
        &mut scratch,
        &mut tee,
        Id::parse,
    );
    let caller = f.read(
        P::AnnouncementToCaller.index(),
        &mut scratch,
        &mut tee,
        Id::parse,
    );
    f.report_missing(P::REQUIRED, &mut tee);
    if tee.errors > 0 || !key_ok || !ext_ok {
        return None;
    }
    // Both are checked above: decode them into the caller's buffer.
    let (key_buf, ext_buf) = buf.split_at_mut(buf.len().min(96));
    let key = f.value(P::Key.index())?.decode_into(key_buf).ok()?;
    let extension = f.value(P::Extension.index())?.decode_into(ext_buf).ok()?;
    let mut o = Originate::new(key, Extension::parse(extension).ok()?, destination?);
    o.caller_id = caller_id;
    o.manual_answer = manual_answer.unwrap_or(false);
    o.timeout = timeout;
    o.announcement_to_callee = callee;
    o.announcement_to_caller = caller;
    if let Err(d) = o.check() {
        let _ = tee.report(d);
        return None;
    }
    Some(o)
}

impl fmt::Display for Originate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "/originate?key={}&extension={}&destination={}",
            Encode(self.key),
            self.extension,
            self.destination.on_wire()
        )?;
        if let Some(c) = self.caller_id {
            write!(f, "&caller_id={}", c.on_wire())?;
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
