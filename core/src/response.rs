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
            Failure::Other { .. } => Code::ResponseUnexpected,
        }
    }
}

/// Classifies an HTTP status and body.
pub fn classify(status: u16, body: &str, expect: Expect) -> Result<Reply<'_>, Failure<'_>> {
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
    if let Some(key) = strip_prefix_ci(text, "Gecersiz anahtar:") {
        return Err(Failure::InvalidKey { key: key.trim() });
    }
    if text.eq_ignore_ascii_case("name can't be blank") {
        return Err(Failure::NameBlank);
    }
    if let Some(id) = strip_prefix_ci(text, "Cannot find ivr_campaign with ID") {
        return Err(Failure::CampaignNotFound { id: id.trim() });
    }
    if let Some(uuid) = strip_prefix_ci(text, "cannot find call with call_uuid") {
        return Err(Failure::CallNotFound { uuid: uuid.trim() });
    }
    if let Some(ext) =
        strip_prefix_ci(text, "extension").and_then(|r| strip_suffix_ci(r, "not found"))
    {
        return Err(Failure::ExtensionNotFound {
            extension: ext.trim(),
        });
    }
    if text == "INVALID_JSON" {
        return Err(Failure::InvalidJson);
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
