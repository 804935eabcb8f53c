//! Lexical elements shared by every message (SPEC §1): ids, extensions,
//! languages, API keys, call uuids, URLs, e-mail addresses, on/off,
//! booleans and TTS text.
//!
//! Each parser borrows from its input and returns a small `Copy` value or a
//! [`diag::Error`](crate::diag::Error) whose span is relative to the value.
//!
//! ```
//! use santral::lexical::{Id, Lang, Url};
//!
//! assert_eq!(Id::parse("128").unwrap().get(), 128);
//! assert!(Id::parse("0128").is_err());
//! assert_eq!(Lang::parse("en-US").unwrap(), Lang::EnUs);
//! assert_eq!(Url::parse("https://mağazaadresim.com/x").unwrap().host(), "mağazaadresim.com");
//! ```

use core::fmt::{self, Write as _};

use crate::diag::{Code, Error, Span};

fn whole(s: &str) -> Span {
    Span::new(0, s.len())
}

/// The part of `s` past its first `limit` bytes, starting on a character
/// boundary (a multi-byte character straddling the limit is included).
fn past_limit(s: &str, limit: usize) -> Span {
    let mut start = limit.min(s.len());
    while start > 0 && !s.is_char_boundary(start) {
        start -= 1;
    }
    Span::new(start, s.len())
}

/// A vendor-issued id: `[1-9][0-9]{0,19}` fitting `u64` (announcements,
/// IVRs, campaigns, leads, notifications, domains).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(u64);

impl Id {
    /// Parses the decimal text of an id.
    pub fn parse(s: &str) -> Result<Id, Error> {
        let bytes = s.as_bytes();
        let Some(&first) = bytes.first() else {
            return Err(Error::new(Code::IdEmpty, whole(s)));
        };
        if !(b'1'..=b'9').contains(&first) || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(Error::new(Code::IdInvalid, whole(s)));
        }
        let mut value: u64 = 0;
        for &b in bytes {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or(Error::new(Code::IdTooLarge, whole(s)))?;
        }
        Ok(Id(value))
    }

    /// An id from a number; zero is not an id.
    pub fn new(value: u64) -> Option<Id> {
        (value > 0).then_some(Id(value))
    }

    /// The numeric value.
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::write::write_decimal(f, self.0)
    }
}

/// An internal extension: 2 to 8 digits, leading zeros kept (`1000`, `911`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Extension<'a>(&'a str);

impl<'a> Extension<'a> {
    /// Parses `[0-9]{2,8}`.
    pub fn parse(s: &'a str) -> Result<Extension<'a>, Error> {
        if (2..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Extension(s))
        } else {
            Err(Error::new(Code::ExtensionInvalid, whole(s)))
        }
    }

    /// The digits.
    pub const fn as_str(self) -> &'a str {
        self.0
    }
}

impl fmt::Display for Extension<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

crate::wire_enum! {
    /// A TTS language. The PBX knows exactly these three, in exact case
    /// (a wrong case gets the right spelling as a suggestion).
    #[derive(Default)]
    pub enum Lang: Code::LangUnknown {
        /// Turkish, `tr-TR` (the default).
        #[default]
        TrTr = "tr-TR",
        /// English, `en-US`.
        EnUs = "en-US",
        /// Arabic, `ar-XA`.
        ArXa = "ar-XA",
    }
}

/// A Bulut Santralim API key. Errors: empty, over 64 bytes, whitespace or
/// control characters. [`ApiKey::warning`] flags keys outside
/// `[A-Za-z0-9-]` or not shaped like the documented `K` + UUID.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ApiKey<'a>(&'a str);

impl<'a> ApiKey<'a> {
    /// Checks the hard rules.
    pub fn parse(s: &'a str) -> Result<ApiKey<'a>, Error> {
        if s.is_empty() {
            return Err(Error::new(Code::ApiKeyEmpty, whole(s)));
        }
        if let Some((i, c)) = s
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || c.is_control())
        {
            return Err(Error::new(
                Code::ApiKeyInvalidCharacter,
                Span::new(i, i.saturating_add(c.len_utf8())),
            ));
        }
        if s.len() > 64 {
            return Err(Error::new(Code::ApiKeyTooLong, past_limit(s, 64)));
        }
        Ok(ApiKey(s))
    }

    /// A soft finding: unusual characters, or not `K` + UUID shape.
    pub fn warning(&self) -> Option<Error> {
        let s = self.0;
        if let Some((i, c)) = s
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Some(Error::new(
                Code::ApiKeyUnusualCharacter,
                Span::new(i, i.saturating_add(c.len_utf8())),
            ));
        }
        (!is_documented_key_shape(s.as_bytes()))
            .then(|| Error::new(Code::ApiKeyUnusualShape, whole(s)))
    }

    /// The key text. Never log it: it grants access to the PBX.
    pub const fn expose(self) -> &'a str {
        self.0
    }
}

impl fmt::Debug for ApiKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// An API key for a log or an error message: `K1234…9012` (the first
/// five and last four characters), `…` for a key too short to mask
/// safely. A kept character other than a letter, digit, `-`, `_` or `.`
/// is written `?` (a log line stays one line).
///
/// ```
/// use santral::lexical::MaskedKey;
/// assert_eq!(MaskedKey("K12345678-1234-5678-4321-123456789012").to_string(), "K1234…9012");
/// assert_eq!(MaskedKey("short").to_string(), "…");
/// assert_eq!(MaskedKey("K\n234567890abc").to_string(), "K?234…0abc");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct MaskedKey<'a>(pub &'a str);

impl fmt::Display for MaskedKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEAD: usize = 5;
        const TAIL: usize = 4;
        let key = self.0;
        let n = key.chars().count();
        // Below this length the kept characters would be most of the key.
        if n < HEAD + TAIL + 3 {
            return f.write_str("…");
        }
        let shown = |c: char| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '?'
            }
        };
        for c in key.chars().take(HEAD) {
            f.write_char(shown(c))?;
        }
        f.write_char('…')?;
        for c in key.chars().skip(n - TAIL) {
            f.write_char(shown(c))?;
        }
        Ok(())
    }
}

/// `K` followed by 8-4-4-4-12 alphanumerics, as `K12345678-1234-5678-4321-123456789012`.
fn is_documented_key_shape(b: &[u8]) -> bool {
    let Some((&k, rest)) = b.split_first() else {
        return false;
    };
    if k != b'K' {
        return false;
    }
    let mut groups = rest.split(|&c| c == b'-');
    [8usize, 4, 4, 4, 12].iter().all(|&n| {
        groups
            .next()
            .is_some_and(|g| g.len() == n && g.iter().all(u8::is_ascii_alphanumeric))
    }) && groups.next().is_none()
}

/// A call uuid: an opaque `[0-9A-Za-z-]{1,64}` token (the vendor's own
/// examples are not hex, so hex is not required).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallUuid<'a>(&'a str);

impl<'a> CallUuid<'a> {
    /// Parses the token.
    pub fn parse(s: &'a str) -> Result<CallUuid<'a>, Error> {
        if (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            Ok(CallUuid(s))
        } else {
            Err(Error::new(Code::CallUuidInvalid, whole(s)))
        }
    }

    /// The token.
    pub const fn as_str(self) -> &'a str {
        self.0
    }
}

impl fmt::Display for CallUuid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// An absolute `http://` or `https://` URL with a non-empty host, no
/// whitespace, at most 2048 bytes. Non-ASCII (IDN) hosts are accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Url<'a> {
    text: &'a str,
    host: Span,
}

/// The longest URL accepted.
pub const URL_MAX: usize = 2048;

impl<'a> Url<'a> {
    /// Parses and checks the URL.
    pub fn parse(s: &'a str) -> Result<Url<'a>, Error> {
        if let Some((i, c)) = s
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || c.is_control())
        {
            return Err(Error::new(
                Code::UrlWhitespace,
                Span::new(i, i.saturating_add(c.len_utf8())),
            ));
        }
        if s.len() > URL_MAX {
            return Err(Error::new(Code::UrlTooLong, past_limit(s, URL_MAX)));
        }
        let lower_starts = |p: &str| {
            s.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        };
        let rest_at = if lower_starts("https://") {
            8
        } else if lower_starts("http://") {
            7
        } else {
            let end = s.find("://").map_or(s.len(), |i| i.saturating_add(3));
            return Err(Error::new(Code::UrlScheme, Span::new(0, end)));
        };
        let rest = s.get(rest_at..).unwrap_or("");
        let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = rest.get(..authority_len).unwrap_or("");
        // Drop user info and port.
        let host_start = authority.rfind('@').map_or(0, |i| i.saturating_add(1));
        let host_and_port = authority.get(host_start..).unwrap_or("");
        let host_len = if host_and_port.starts_with('[') {
            host_and_port.find(']').map_or(0, |i| i.saturating_add(1))
        } else {
            host_and_port.find(':').unwrap_or(host_and_port.len())
        };
        let start = rest_at.saturating_add(host_start);
        let host = Span::new(start, start.saturating_add(host_len));
        if host.is_empty() || host_and_port.starts_with('.') {
            return Err(Error::new(
                Code::UrlMissingHost,
                Span::new(rest_at, rest_at.saturating_add(authority_len)),
            ));
        }
        Ok(Url { text: s, host })
    }

    /// The whole URL.
    pub const fn as_str(&self) -> &'a str {
        self.text
    }

    /// The host, e.g. `mağazaadresim.com`.
    pub fn host(&self) -> &'a str {
        self.text.get(self.host.start..self.host.end).unwrap_or("")
    }

    /// True for `https://`.
    pub fn is_https(&self) -> bool {
        self.text
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case("https"))
    }
}

impl fmt::Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

/// A URL as a log line may show it: user and password written `…`, the
/// query and fragment left out (either may hold a token). Any text works;
/// nothing is checked.
///
/// ```
/// use santral::lexical::UrlForLog;
/// let shown = UrlForLog("http://user:pw@127.0.0.1:1/x?token=QSECRET#f").to_string();
/// assert_eq!(shown, "http://…@127.0.0.1:1/x");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct UrlForLog<'a>(pub &'a str);

impl fmt::Display for UrlForLog<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let base = self.0.split(['?', '#']).next().unwrap_or("");
        let (scheme, rest) = match base.find("://") {
            Some(i) => base.split_at(i.saturating_add(3)),
            None => ("", base),
        };
        let authority_len = rest.find('/').unwrap_or(rest.len());
        let (authority, path) = rest.split_at(authority_len);
        f.write_str(scheme)?;
        match authority.rfind('@') {
            Some(at) => {
                f.write_str("…@")?;
                f.write_str(authority.get(at.saturating_add(1)..).unwrap_or(""))?;
            }
            None => f.write_str(authority)?,
        }
        f.write_str(path)
    }
}

/// An e-mail address `local@domain` (a dot in the domain), no whitespace,
/// at most 254 bytes: `fax/isim@firmaadi.com.tr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Email<'a>(&'a str);

impl<'a> Email<'a> {
    /// Parses the address.
    pub fn parse(s: &'a str) -> Result<Email<'a>, Error> {
        if s.len() > 254 {
            return Err(Error::new(Code::EmailTooLong, whole(s)));
        }
        let ok = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if ok {
            Ok(Email(s))
        } else {
            Err(Error::new(Code::EmailInvalid, whole(s)))
        }
    }

    /// The address.
    pub const fn as_str(self) -> &'a str {
        self.0
    }
}

impl fmt::Display for Email<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

crate::wire_enum! {
    /// `on` or `off` (CRM settings, campaign status).
    pub enum OnOff: Code::OnOffInvalid {
        /// `on`.
        On = "on",
        /// `off`.
        Off = "off",
    }
}

impl OnOff {
    /// True for `on`.
    pub const fn is_on(self) -> bool {
        matches!(self, OnOff::On)
    }
}

/// The booleans forms and JSON carry as text; read by the syntax layer.
pub use crate::syntax::parse_boolish;

/// The longest TTS text, in Unicode scalar values.
pub const TEXT_MAX_CHARS: usize = 300;

/// Free TTS text (advisory `greet_phrase`/`phrase`, `tts/LANG/TEXT`):
/// 1..=300 Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TtsText<'a>(&'a str);

impl<'a> TtsText<'a> {
    /// Checks the length.
    pub fn parse(s: &'a str) -> Result<TtsText<'a>, Error> {
        if s.is_empty() {
            return Err(Error::new(Code::TextEmpty, whole(s)));
        }
        if let Some((i, _)) = s.char_indices().nth(TEXT_MAX_CHARS) {
            return Err(Error::new(Code::TextTooLong, Span::new(i, s.len())));
        }
        Ok(TtsText(s))
    }

    /// The text.
    pub const fn as_str(self) -> &'a str {
        self.0
    }
}

impl fmt::Display for TtsText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Spelling suggestions live with the diagnostics they fill; kept here
/// under their first names.
pub use crate::diag::{edit_distance, suggest};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(Id::parse("1").map(Id::get), Ok(1));
        assert_eq!(Id::parse("18446744073709551615").map(Id::get), Ok(u64::MAX));
        assert_eq!(
            Id::parse("18446744073709551616").unwrap_err().code,
            Code::IdTooLarge
        );
        assert_eq!(Id::parse("").unwrap_err().code, Code::IdEmpty);
        assert_eq!(Id::parse("0").unwrap_err().code, Code::IdInvalid);
        assert_eq!(Id::parse("012").unwrap_err().code, Code::IdInvalid);
        assert_eq!(Id::parse("12a").unwrap_err().code, Code::IdInvalid);
        assert_eq!(Id::parse("-1").unwrap_err().code, Code::IdInvalid);
        assert_eq!(Id::new(0), None);
    }

    #[test]
    fn extensions() {
        for ok in ["1000", "911", "1003", "00", "12345678"] {
            assert_eq!(Extension::parse(ok).map(Extension::as_str), Ok(ok));
        }
        for bad in ["", "1", "123456789", "10a0", " 100"] {
            assert_eq!(
                Extension::parse(bad).unwrap_err().code,
                Code::ExtensionInvalid
            );
        }
    }

    #[test]
    fn langs() {
        assert_eq!(Lang::parse("tr-TR"), Ok(Lang::TrTr));
        assert_eq!(Lang::parse("ar-XA"), Ok(Lang::ArXa));
        let e = Lang::parse("tr-tr").unwrap_err();
        assert_eq!(e.code, Code::LangUnknown);
        assert_eq!(e.suggestion, Some("tr-TR"));
        assert_eq!(Lang::parse("de-DE").unwrap_err().suggestion, None);
        assert_eq!(Lang::default(), Lang::TrTr);
    }

    #[test]
    fn api_keys() {
        let k = ApiKey::parse("K12345678-1234-5678-4321-123456789012").unwrap();
        assert_eq!(k.warning(), None);
        assert_eq!(format!("{k:?}"), "ApiKey(…)");
        assert_eq!(ApiKey::parse("").unwrap_err().code, Code::ApiKeyEmpty);
        let e = ApiKey::parse("K1 2").unwrap_err();
        assert_eq!(
            (e.code, e.span),
            (Code::ApiKeyInvalidCharacter, Span::new(2, 3))
        );
        assert_eq!(
            ApiKey::parse("a\tb").unwrap_err().code,
            Code::ApiKeyInvalidCharacter
        );
        let long = "K".repeat(65);
        assert_eq!(ApiKey::parse(&long).unwrap_err().code, Code::ApiKeyTooLong);
        let w = ApiKey::parse("abc_def").unwrap().warning().unwrap();
        assert_eq!(
            (w.code, w.span),
            (Code::ApiKeyUnusualCharacter, Span::new(3, 4))
        );
        let w = ApiKey::parse("abcdef").unwrap().warning().unwrap();
        assert_eq!(w.code, Code::ApiKeyUnusualShape);
        assert_eq!(w.code.severity(), crate::diag::Severity::Warning);
    }

    #[test]
    fn call_uuids() {
        assert!(CallUuid::parse("651f8a68-782e-11g7-8bed-c9aec7093786").is_ok());
        assert!(CallUuid::parse("1234").is_ok());
        assert!(CallUuid::parse("A000001").is_ok());
        assert_eq!(CallUuid::parse("").unwrap_err().code, Code::CallUuidInvalid);
        assert_eq!(
            CallUuid::parse("a b").unwrap_err().code,
            Code::CallUuidInvalid
        );
        assert_eq!(
            CallUuid::parse(&"a".repeat(65)).unwrap_err().code,
            Code::CallUuidInvalid
        );
    }

    #[test]
    fn urls() {
        for (url, host) in [
            (
                "https://sizin.adresiniz.com.tr/bildirim/yolu",
                "sizin.adresiniz.com.tr",
            ),
            ("https://siteadresi.com/events", "siteadresi.com"),
            ("http://ornekadres.url/event", "ornekadres.url"),
            ("https://mağazaadresim.com", "mağazaadresim.com"),
            ("http://user:pw@host.example:8080/p?q#f", "host.example"),
            ("http://[::1]:8080/", "[::1]"),
            ("HTTPS://EXAMPLE.COM", "EXAMPLE.COM"),
        ] {
            assert_eq!(Url::parse(url).map(|u| u.host()), Ok(host), "{url}");
        }
        assert!(Url::parse("https://a.b").unwrap().is_https());
        assert_eq!(Url::parse("ftp://x.com").unwrap_err().span, Span::new(0, 6));
        assert_eq!(
            Url::parse("siteadresi.com").unwrap_err().code,
            Code::UrlScheme
        );
        assert_eq!(
            Url::parse("https://").unwrap_err().code,
            Code::UrlMissingHost
        );
        assert_eq!(
            Url::parse("https:///x").unwrap_err().code,
            Code::UrlMissingHost
        );
        assert_eq!(
            Url::parse("https://:80/").unwrap_err().code,
            Code::UrlMissingHost
        );
        let e = Url::parse("https://a.com/b c").unwrap_err();
        assert_eq!((e.code, e.span), (Code::UrlWhitespace, Span::new(15, 16)));
        let long = format!("https://a.com/{}", "x".repeat(2048));
        assert_eq!(Url::parse(&long).unwrap_err().code, Code::UrlTooLong);
    }

    #[test]
    fn emails() {
        assert!(Email::parse("isim@firmaadi.com.tr").is_ok());
        for bad in [
            "isim",
            "@a.com",
            "a@b",
            "a@.com",
            "a@b.",
            "a b@c.com",
            "a@b@c.com",
        ] {
            assert_eq!(
                Email::parse(bad).unwrap_err().code,
                Code::EmailInvalid,
                "{bad}"
            );
        }
        let long = format!("{}@a.com", "x".repeat(250));
        assert_eq!(Email::parse(&long).unwrap_err().code, Code::EmailTooLong);
    }

    #[test]
    fn on_off_and_bools() {
        assert_eq!(OnOff::parse("on"), Ok(OnOff::On));
        assert!(!OnOff::parse("off").unwrap().is_on());
        assert_eq!(OnOff::parse("ON").unwrap_err().code, Code::OnOffInvalid);
        assert_eq!(parse_boolish("t"), Ok(true));
        assert_eq!(parse_boolish("true"), Ok(true));
        assert_eq!(parse_boolish("f"), Ok(false));
        assert_eq!(parse_boolish("false"), Ok(false));
        assert_eq!(parse_boolish("yes").unwrap_err().code, Code::BoolInvalid);
    }

    #[test]
    fn tts_text() {
        assert!(TtsText::parse("Bu bir test cümlesidir.").is_ok());
        assert_eq!(TtsText::parse("").unwrap_err().code, Code::TextEmpty);
        let exactly = "ş".repeat(300);
        assert!(TtsText::parse(&exactly).is_ok());
        let over = "ş".repeat(301);
        let e = TtsText::parse(&over).unwrap_err();
        assert_eq!((e.code, e.span.start), (Code::TextTooLong, 600));
    }

    #[test]
    fn fuzz_regression_too_long_spans_start_on_a_character() {
        // Found by the long `campaign` run: a key whose 64th byte falls
        // inside `ܜ` (2 bytes) reported a span starting mid-character.
        let key = std::format!("{}ܜ{}", "a".repeat(63), "b".repeat(10));
        let e = ApiKey::parse(&key).unwrap_err();
        assert_eq!(
            (e.code, e.span),
            (Code::ApiKeyTooLong, Span::new(63, key.len()))
        );
        assert!(key.is_char_boundary(e.span.start));
        let url = std::format!(
            "https://x.tr/{}ü{}",
            "a".repeat(URL_MAX - 14),
            "b".repeat(5)
        );
        let e = Url::parse(&url).unwrap_err();
        assert_eq!(e.code, Code::UrlTooLong);
        assert!(url.is_char_boundary(e.span.start) && e.span.start <= URL_MAX);
        // On a boundary already: unchanged.
        let e = ApiKey::parse(&"k".repeat(70)).unwrap_err();
        assert_eq!(e.span, Span::new(64, 70));
    }
}
