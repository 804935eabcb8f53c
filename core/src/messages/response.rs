//! Transport replies (SPEC §16): success is 200, failures are 400 with a
//! plain-text body (CDR not-found is 404). Success bodies differ in case
//! (`OK` for campaigns, `Ok` for CRM settings) and are compared without
//! case. Each failure text the vendor documents becomes a typed
//! [`Failure`] with a stable [`Code`]; the text is kept.
//!
//! ```
//! use santral::response::{classify, Expect, Failure, Reply};
//!
//! assert_eq!(classify(200, "20212", Expect::CampaignId).map(|r| r.campaign_id()), Ok(Some(20212)));
//! assert_eq!(classify(200, "Ok\n", Expect::Ok), Ok(Reply::Ok));
//! let f = classify(400, "Cannot find ivr_campaign with ID 112", Expect::Ok).unwrap_err();
//! assert_eq!(f, Failure::CampaignNotFound { id: "112" });
//! assert_eq!(f.code().id(), "response.campaign_not_found");
//! ```

use core::fmt;

use crate::diag::Code;
use crate::lexical::{CallUuid, Id};

/// What the request expects on success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// `OK`/`Ok` (delete, stop/start, CRM settings update).
    Ok,
    /// The new campaign's id (campaign create).
    CampaignId,
    /// The new call's uuid (originate).
    CallUuid,
    /// A JSON body (CRM settings, CDRs): returned as is.
    Json,
}

/// A successful reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply<'a> {
    /// `OK`.
    Ok,
    /// A campaign was created with this id.
    CampaignCreated(Id),
    /// A call was started with this uuid.
    CallStarted(CallUuid<'a>),
    /// A JSON document.
    Json(&'a str),
}

impl Reply<'_> {
    /// The created campaign's id, if that is what this is.
    pub fn campaign_id(&self) -> Option<u64> {
        match self {
            Reply::CampaignCreated(id) => Some(id.get()),
            _ => None,
        }
    }
}

/// A failure, typed, with the vendor's text kept where it carries data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure<'a> {
    /// `Gecersiz anahtar: <key>`.
    InvalidKey {
        /// The key the PBX echoed (do not log it).
        key: &'a str,
    },
    /// `name can't be blank`.
    NameBlank,
    /// `Cannot find ivr_campaign with ID <id>`.
    CampaignNotFound {
        /// The id as sent back.
        id: &'a str,
    },
    /// `extension <n> not found`.
    ExtensionNotFound {
        /// The extension.
        extension: &'a str,
    },
    /// `cannot find call with call_uuid <uuid>` (404).
    CallNotFound {
        /// The uuid.
        uuid: &'a str,
    },
    /// `INVALID_JSON`.
    InvalidJson,
    /// `<field> can't be blank`: a required field is absent or empty.
    Blank {
        /// The field, as the PBX names it (`phone_list[0].phone`).
        field: &'a str,
    },
    /// `<field> is invalid[: <reason>]`: a field breaks a rule; the reason
    /// is a santral code's message when the text carries one.
    Invalid {
        /// The field.
        field: &'a str,
        /// The rule broken, when the text names it.
        reason: Option<Code>,
    },
    /// `<field> did not answer the test POST with 200`: the PBX POSTs an
    /// empty body to a webhook URL before accepting it.
    UrlNotVerified {
        /// `webhook_url` or `notification_url`.
        field: &'a str,
    },
    /// One of the vendor's other documented failures (`No such channel!`,
    /// `cannot find announcement with id: 456`, `number required`…; the
    /// table [`KNOWN`]), with its code; the text is the body as sent.
    Known {
        /// The code the text reads as.
        code: Code,
        /// The body.
        text: &'a str,
    },
    /// `429 Too Many Requests`: the endpoint's budget is spent
    /// ([`crate::api::Pool`]); the request was not executed.
    RateLimited,
    /// `404`/`405`: no such endpoint, or not with this method.
    NoEndpoint {
        /// 404 or 405.
        status: u16,
    },
    /// Any other reply: status and text.
    Other {
        /// HTTP status.
        status: u16,
        /// The body.
        text: &'a str,
    },
}

impl Failure<'_> {
    /// The stable code of this failure.
    pub const fn code(&self) -> Code {
        match self {
            Failure::InvalidKey { .. } => Code::ResponseInvalidKey,
            Failure::NameBlank => Code::ResponseNameBlank,
            Failure::CampaignNotFound { .. } => Code::ResponseCampaignNotFound,
            Failure::ExtensionNotFound { .. } => Code::ResponseExtensionNotFound,
            Failure::CallNotFound { .. } => Code::ResponseCallNotFound,
            Failure::InvalidJson => Code::ResponseInvalidJson,
            Failure::Blank { .. } => Code::ResponseBlank,
            Failure::Invalid { .. } => Code::ResponseInvalid,
            Failure::UrlNotVerified { .. } => Code::ResponseUrlNotVerified,
            Failure::Known { code, .. } => *code,
            Failure::RateLimited => Code::ResponseRateLimited,
            Failure::NoEndpoint { .. } => Code::ResponseNoEndpoint,
            Failure::Other { .. } => Code::ResponseUnexpected,
        }
    }

    /// The HTTP status the PBX sends with this failure.
    pub const fn status(&self) -> u16 {
        match self {
            Failure::CallNotFound { .. } => 404,
            Failure::RateLimited => 429,
            Failure::NoEndpoint { status } | Failure::Other { status, .. } => *status,
            _ => 400,
        }
    }

    /// True when sending the same request again later can succeed as it
    /// is (the budget refills; a 5xx may pass): what a client's backoff
    /// retries. A refusal of the request's content never is.
    pub const fn is_transient(&self) -> bool {
        match self {
            Failure::RateLimited => true,
            Failure::Other { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

/// The texts of the PBX's failures, declared once: [`classify`] reads
/// them and [`Failure`]'s `Display` writes them.
mod text {
    pub const INVALID_KEY: &str = "Gecersiz anahtar:";
    pub const NAME_BLANK: &str = "name can't be blank";
    pub const CAMPAIGN_NOT_FOUND: &str = "Cannot find ivr_campaign with ID";
    pub const EXTENSION: &str = "extension";
    pub const NOT_FOUND: &str = "not found";
    pub const CALL_NOT_FOUND: &str = "cannot find call with call_uuid";
    pub const INVALID_JSON: &str = "INVALID_JSON";
    pub const BLANK: &str = " can't be blank";
    pub const INVALID: &str = " is invalid";
    pub const NOT_VERIFIED: &str = " did not answer the test POST with 200";
    pub const TOO_MANY: &str = "Too Many Requests";
    pub const NO_ENDPOINT: &str = "Not Found";
    pub const NO_METHOD: &str = "Method Not Allowed";
}

impl fmt::Display for Failure<'_> {
    /// The body the PBX sends (its status is [`Failure::status`]).
    ///
    /// ```
    /// use santral::response::Failure;
    /// assert_eq!(Failure::ExtensionNotFound { extension: "1005" }.to_string(), "extension 1005 not found");
    /// assert_eq!(Failure::InvalidKey { key: "K1" }.to_string(), "Gecersiz anahtar: K1");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use text as t;
        match self {
            Failure::InvalidKey { key } => write!(f, "{} {key}", t::INVALID_KEY),
            Failure::NameBlank => f.write_str(t::NAME_BLANK),
            Failure::CampaignNotFound { id } => write!(f, "{} {id}", t::CAMPAIGN_NOT_FOUND),
            Failure::ExtensionNotFound { extension } => {
                write!(f, "{} {extension} {}", t::EXTENSION, t::NOT_FOUND)
            }
            Failure::CallNotFound { uuid } => write!(f, "{} {uuid}", t::CALL_NOT_FOUND),
            Failure::InvalidJson => f.write_str(t::INVALID_JSON),
            Failure::Blank { field } => field_text(f, field, true, None),
            Failure::Invalid { field, reason } => field_text(f, field, false, *reason),
            Failure::UrlNotVerified { field } => write!(f, "{field}{}", t::NOT_VERIFIED),
            Failure::Known { text, .. } => f.write_str(text),
            Failure::RateLimited => f.write_str(t::TOO_MANY),
            Failure::NoEndpoint { status: 405 } => f.write_str(t::NO_METHOD),
            Failure::NoEndpoint { .. } => f.write_str(t::NO_ENDPOINT),
            Failure::Other { text, .. } => f.write_str(text),
        }
    }
}

impl Failure<'_> {
    /// The text for a log or an exception: the PBX's text with an echoed
    /// key masked (`Gecersiz anahtar: K1234…9012`).
    ///
    /// ```
    /// use santral::response::Failure;
    /// let f = Failure::InvalidKey { key: "K12345678-1234-5678-4321-123456789012" };
    /// assert_eq!(f.redacted().to_string(), "Gecersiz anahtar: K1234…9012");
    /// ```
    pub fn redacted(&self) -> impl fmt::Display + '_ {
        Redacted(self)
    }
}

struct Redacted<'f, 'a>(&'f Failure<'a>);

impl fmt::Display for Redacted<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Failure::InvalidKey { key } => {
                write!(
                    f,
                    "{} {}",
                    text::INVALID_KEY,
                    crate::lexical::MaskedKey(key)
                )
            }
            other => write!(f, "{other}"),
        }
    }
}

/// `<field> can't be blank` or `<field> is invalid[: <reason>]`; shared
/// with the server side's refusals, whose field is a path.
pub(crate) fn field_text(
    f: &mut fmt::Formatter<'_>,
    field: &dyn fmt::Display,
    blank: bool,
    reason: Option<Code>,
) -> fmt::Result {
    if blank {
        return write!(f, "{field}{}", text::BLANK);
    }
    write!(f, "{field}{}", text::INVALID)?;
    match reason {
        Some(code) => write!(f, ": {}", code.message()),
        None => Ok(()),
    }
}

/// The failure texts of the operations beyond the first eight, as the
/// vendor's pages publish them (typos and capitals included): a body
/// equal to the text, or (`prefix` true) starting with it and going on
/// with the value it names, reads as [`Failure::Known`] with the code.
pub const KNOWN: &[(&str, bool, Code)] = &[
    ("No such channel!", false, Code::ResponseNoSuchChannel),
    (
        "cannot find announcement with id:",
        true,
        Code::ResponseNotFound,
    ),
    ("cannot find group with id:", true, Code::ResponseNotFound),
    (
        "cannot find voicemail with uuid",
        true,
        Code::ResponseNotFound,
    ),
    (
        "Queue_number value null or none",
        true,
        Code::ResponseNotFound,
    ),
    (
        "User value null or none",
        true,
        Code::ResponseExtensionNotFound,
    ),
    ("user_list value null or none", false, Code::ResponseBlank),
    (
        "Sound file should have one of these extensions:",
        true,
        Code::ResponseSoundFormat,
    ),
    ("invalid base64", false, Code::ResponseInvalidData),
    ("invalid destination:", true, Code::ResponseInvalid),
    ("missing extension", false, Code::ResponseBlank),
    ("number required", false, Code::ResponseBlank),
    (
        "cannot find user for extension",
        false,
        Code::ResponseExtensionNotFound,
    ),
    (
        "cannot find employee for extension",
        false,
        Code::ResponseNoEmployee,
    ),
];

/// The older pages' failure texts as a face without the library reads
/// them (PHP on a shared host without FFI): `(text, how, code)`, `how`
/// being `exact` (the body is the text), `prefix` (it starts with it) or
/// `suffix` (it ends with it), `contains`, or `wrap` (it starts with what is
/// before ` * ` and ends with what is after). [`classify`] reads the same texts with
/// their values; a test proves every row reads as its code there.
pub const TEXTS: &[(&str, &str, Code)] = &[
    ("Gecersiz anahtar:", "prefix", Code::ResponseInvalidKey),
    ("name can't be blank", "exact", Code::ResponseNameBlank),
    (
        "Cannot find ivr_campaign with ID",
        "prefix",
        Code::ResponseCampaignNotFound,
    ),
    (
        "cannot find call with call_uuid",
        "prefix",
        Code::ResponseCallNotFound,
    ),
    ("INVALID_JSON", "exact", Code::ResponseInvalidJson),
    (
        "extension * not found",
        "wrap",
        Code::ResponseExtensionNotFound,
    ),
    (" can't be blank", "suffix", Code::ResponseBlank),
    (
        " did not answer the test POST with 200",
        "suffix",
        Code::ResponseUrlNotVerified,
    ),
    (" is invalid", "contains", Code::ResponseInvalid),
];

/// Classifies an HTTP status and body.
pub fn classify(status: u16, body: &str, expect: Expect) -> Result<Reply<'_>, Failure<'_>> {
    use text as t;
    let text = body.trim();
    let other = Failure::Other { status, text };
    if status == 200 {
        return match expect {
            Expect::Ok if text.eq_ignore_ascii_case("ok") => Ok(Reply::Ok),
            Expect::CampaignId => Id::parse(text)
                .map(Reply::CampaignCreated)
                .map_err(|_| other),
            Expect::CallUuid => CallUuid::parse(text)
                .map(Reply::CallStarted)
                .map_err(|_| other),
            Expect::Json if text.starts_with(['{', '[']) => Ok(Reply::Json(text)),
            _ => Err(other),
        };
    }
    if status == 429 {
        return Err(Failure::RateLimited);
    }
    if let Some(key) = strip_prefix_ci(text, t::INVALID_KEY) {
        return Err(Failure::InvalidKey { key: key.trim() });
    }
    if text.eq_ignore_ascii_case(t::NAME_BLANK) {
        return Err(Failure::NameBlank);
    }
    if let Some(id) = strip_prefix_ci(text, t::CAMPAIGN_NOT_FOUND) {
        return Err(Failure::CampaignNotFound { id: id.trim() });
    }
    if let Some(uuid) = strip_prefix_ci(text, t::CALL_NOT_FOUND) {
        return Err(Failure::CallNotFound { uuid: uuid.trim() });
    }
    if let Some(ext) =
        strip_prefix_ci(text, t::EXTENSION).and_then(|r| strip_suffix_ci(r, t::NOT_FOUND))
    {
        return Err(Failure::ExtensionNotFound {
            extension: ext.trim(),
        });
    }
    if text == t::INVALID_JSON {
        return Err(Failure::InvalidJson);
    }
    let known = KNOWN.iter().find(|(k, prefix, _)| {
        if *prefix {
            text.strip_prefix(k)
                .is_some_and(|rest| rest.starts_with(' ') || rest.is_empty())
        } else {
            text == *k
        }
    });
    if let Some((_, _, code)) = known {
        return Err(Failure::Known { code: *code, text });
    }
    // A field name never holds a space: `<field> can't be blank`,
    // `<field> is invalid[: <reason>]`, `<field> did not answer …`.
    if let Some((field, rest)) = text.find(' ').map(|at| text.split_at(at)) {
        if !field.is_empty() {
            if rest == t::BLANK {
                return Err(Failure::Blank { field });
            }
            if rest == t::NOT_VERIFIED {
                return Err(Failure::UrlNotVerified { field });
            }
            if let Some(reason) = rest.strip_prefix(t::INVALID) {
                let reason = match reason.strip_prefix(": ") {
                    Some(message) => Code::ALL.iter().copied().find(|c| c.message() == message),
                    None if reason.is_empty() => None,
                    None => return Err(other),
                };
                return Err(Failure::Invalid { field, reason });
            }
        }
    }
    if matches!(status, 404 | 405) && (text == t::NO_ENDPOINT || text == t::NO_METHOD) {
        return Err(Failure::NoEndpoint { status });
    }
    Err(other)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| s.get(..at))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::fmt::Write;

    #[test]
    fn every_vendor_reply() {
        assert_eq!(
            classify(200, "20212", Expect::CampaignId),
            Ok(Reply::CampaignCreated(Id::new(20212).unwrap()))
        );
        assert_eq!(classify(200, "OK", Expect::Ok), Ok(Reply::Ok));
        assert_eq!(classify(200, "Ok", Expect::Ok), Ok(Reply::Ok));
        let uuid = "358c20bc-fd86-11e5-87a2-157d41a07454";
        assert!(
            matches!(classify(200, uuid, Expect::CallUuid), Ok(Reply::CallStarted(u)) if u.as_str() == uuid)
        );
        assert_eq!(
            classify(400, "name can't be blank", Expect::CampaignId),
            Err(Failure::NameBlank)
        );
        assert_eq!(
            classify(
                400,
                "Gecersiz anahtar: K12345678-1234-5678-4321-123456789012",
                Expect::Ok
            ),
            Err(Failure::InvalidKey {
                key: "K12345678-1234-5678-4321-123456789012"
            })
        );
        assert_eq!(
            classify(400, "extension 1005 not found", Expect::CallUuid),
            Err(Failure::ExtensionNotFound { extension: "1005" })
        );
        assert_eq!(
            classify(
                404,
                "cannot find call with call_uuid 5cfdfb46-776c-11e7-8375-0d58348796d3",
                Expect::Json
            ),
            Err(Failure::CallNotFound {
                uuid: "5cfdfb46-776c-11e7-8375-0d58348796d3"
            })
        );
        assert_eq!(
            classify(400, "INVALID_JSON", Expect::CampaignId).map_err(|f| f.code()),
            Err(Code::ResponseInvalidJson)
        );
        assert_eq!(
            classify(200, "{\"cdrs\":[]}", Expect::Json),
            Ok(Reply::Json("{\"cdrs\":[]}"))
        );
    }

    #[test]
    fn the_texts_table_reads_as_classify_does() {
        let check = |text: &str, how: &str, code: Code| {
            let mut body: heapless::String<128> = heapless::String::new();
            let _ = match how {
                "prefix" => write!(body, "{text} 42"),
                "suffix" => write!(body, "extension{text}"),
                "contains" => write!(body, "limit{text}"),
                "wrap" => {
                    let (a, b) = text.split_once('*').unwrap_or((text, ""));
                    write!(body, "{a}1005{b}")
                }
                _ => write!(body, "{text}"),
            };
            assert_eq!(
                classify(400, &body, Expect::Ok).map_err(|f| f.code()),
                Err(code),
                "{body}"
            );
        };
        for (text, how, code) in TEXTS {
            check(text, how, *code);
        }
        for (text, prefix, code) in KNOWN {
            check(text, if *prefix { "prefix" } else { "exact" }, *code);
        }
    }

    #[test]
    fn unexpected_replies_keep_their_text() {
        assert_eq!(
            classify(200, "OK", Expect::CampaignId),
            Err(Failure::Other {
                status: 200,
                text: "OK"
            })
        );
        assert_eq!(
            classify(500, "boom", Expect::Ok),
            Err(Failure::Other {
                status: 500,
                text: "boom"
            })
        );
        assert_eq!(
            classify(200, "", Expect::Ok).unwrap_err().code(),
            Code::ResponseUnexpected
        );
        assert_eq!(
            classify(400, "ş", Expect::Ok).unwrap_err().code(),
            Code::ResponseUnexpected
        );
    }
}
