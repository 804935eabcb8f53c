//! Call targets (SPEC §3): where the PBX sends a call.
//!
//! ```text
//! restart | user/EXT | group/EXT | queue/EXT | ivr/ID | voicemail/EXT
//! | announcement/ID | external/PHONE | fax | fax/EMAIL
//! | hangup/hangup | hangup/busy | tts/LANG/TEXT
//! ```
//!
//! Campaign digit targets ([`TargetContext::Campaign`]) also allow
//! `restart` and `""` (no target); an advisory `transfer.target`
//! ([`TargetContext::Advisory`]) allows neither. `Display` gives back the
//! canonical text, so a parsed target round-trips.
//!
//! ```
//! use santral::target::{Target, TargetContext};
//! use santral::diag::Code;
//!
//! let t = Target::parse("tts/tr-TR/Bu bir test cümlesidir.", TargetContext::Campaign).unwrap();
//! assert_eq!(t.to_string(), "tts/tr-TR/Bu bir test cümlesidir.");
//!
//! let e = Target::parse("usr/1000", TargetContext::Advisory).unwrap_err();
//! assert_eq!(e.code, Code::TargetUnknownKind);
//! assert_eq!(e.suggestion, Some("user"));
//! ```

use core::fmt;

use crate::diag::{Code, Error, Span};
use crate::lexical::{suggest, Email, Extension, Id, Lang, TtsText};
use crate::phone::{Options, Phone};

crate::wire_enum! {
    /// Where a target appears, which decides what is allowed (the
    /// faces' default: a campaign target).
    #[derive(Default)]
    pub enum TargetContext {
        /// Campaign `digit_target_*`, `timeout_target`, `invalid_target`:
        /// `restart` and `""` allowed.
        #[default]
        Campaign = "campaign",
        /// Advisory `transfer.target`: neither `restart` nor `""`.
        Advisory = "advisory",
    }
}

crate::wire_enum! {
    /// The kind keyword of a target.
    pub enum TargetKind: Code::TargetUnknownKind {
        /// `restart`.
        Restart = "restart",
        /// `user/EXT`.
        User = "user",
        /// `group/EXT`.
        Group = "group",
        /// `queue/EXT`.
        Queue = "queue",
        /// `ivr/ID`.
        Ivr = "ivr",
        /// `voicemail/EXT`.
        Voicemail = "voicemail",
        /// `announcement/ID`.
        Announcement = "announcement",
        /// `external/PHONE`.
        External = "external",
        /// `fax` or `fax/EMAIL`.
        Fax = "fax",
        /// `hangup/hangup` or `hangup/busy`.
        Hangup = "hangup",
        /// `tts/LANG/TEXT`.
        Tts = "tts",
    }
}

/// The newer documentation set's style (`queue:201`, `extension:1001`)
/// and the seeds' form each of its kinds is written in, as the
/// suggestion for the span `kind:`.
const NEWER_STYLE: &[(&str, &str)] = &[
    ("extension", "user/"),
    ("user", "user/"),
    ("group", "group/"),
    ("queue", "queue/"),
    ("ivr", "ivr/"),
    ("voicemail", "voicemail/"),
    ("announcement", "announcement/"),
    ("external", "external/"),
    ("fax", "fax/"),
    ("hangup", "hangup/"),
    ("tts", "tts/"),
];

/// An `external/` target's number: the text as written (for a byte-exact
/// round trip) and the parsed phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExternalNumber<'a> {
    /// The text after `external/`.
    pub text: &'a str,
    /// The parsed number.
    pub phone: Phone,
}

/// A parsed call target; borrows from the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// `""`: no target (campaign context only).
    None,
    /// `restart`: play the welcome announcement or phrase again.
    Restart,
    /// `user/1000`: an extension.
    User(Extension<'a>),
    /// `group/700`: a ring group.
    Group(Extension<'a>),
    /// `queue/201`: a queue.
    Queue(Extension<'a>),
    /// `ivr/10`: an IVR menu.
    Ivr(Id),
    /// `voicemail/1003`: an extension's voicemail.
    Voicemail(Extension<'a>),
    /// `announcement/421`: play an announcement and hang up.
    Announcement(Id),
    /// `external/05321234567`: an outside number (national or international form).
    External(ExternalNumber<'a>),
    /// `fax`: receive a fax.
    Fax,
    /// `fax/isim@firmaadi.com.tr`: receive a fax and mail it.
    FaxTo(Email<'a>),
    /// `hangup/hangup`: hang up normally.
    Hangup,
    /// `hangup/busy`: hang up with a busy tone.
    Busy,
    /// `tts/tr-TR/…`: speak a text and hang up.
    Tts {
        /// The language.
        lang: Lang,
        /// 1..=300 Unicode scalars; may contain `/`.
        text: TtsText<'a>,
    },
}

/// The target kinds, for suggestions (the wire names of [`TargetKind`]).
pub const KINDS: &[&str] = TargetKind::NAMES;

impl<'a> Target<'a> {
    /// Parses a target in `context`. Error spans are relative to `s`.
    pub fn parse(s: &'a str, context: TargetContext) -> Result<Target<'a>, Error> {
        if s.is_empty() {
            return match context {
                TargetContext::Campaign => Ok(Target::None),
                TargetContext::Advisory => Err(Error::new(Code::TargetEmpty, Span::new(0, 0))),
            };
        }
        let (kind, arg) = match s.split_once('/') {
            Some((k, a)) => (k, Some(a)),
            None => (s, None),
        };
        let kind_span = Span::new(0, kind.len());
        let arg_at = kind.len().saturating_add(1);
        let arg_span = Span::new(arg_at, s.len());
        let needs = |arg: Option<&'a str>| match arg {
            Some(a) if !a.is_empty() => Ok(a),
            _ => Err(Error::new(
                Code::TargetMissingArgument,
                Span::new(kind.len(), s.len()),
            )),
        };
        let at = |e: Error| e.offset(arg_at);
        let target = match kind {
            "restart" | "fax" if arg == Some("") => {
                return Err(Error::new(Code::TargetUnexpectedArgument, arg_span))
            }
            "restart" => {
                if arg.is_some() {
                    return Err(Error::new(Code::TargetUnexpectedArgument, arg_span));
                }
                if context == TargetContext::Advisory {
                    return Err(Error::new(Code::TargetRestartNotAllowed, kind_span));
                }
                Target::Restart
            }
            "user" => Target::User(Extension::parse(needs(arg)?).map_err(at)?),
            "group" => Target::Group(Extension::parse(needs(arg)?).map_err(at)?),
            "queue" => Target::Queue(Extension::parse(needs(arg)?).map_err(at)?),
            "voicemail" => Target::Voicemail(Extension::parse(needs(arg)?).map_err(at)?),
            "ivr" => Target::Ivr(Id::parse(needs(arg)?).map_err(at)?),
            "announcement" => Target::Announcement(Id::parse(needs(arg)?).map_err(at)?),
            "external" => {
                let text = needs(arg)?;
                Target::External(ExternalNumber {
                    text,
                    phone: Phone::parse_with(text, Options::STRICT).map_err(at)?,
                })
            }
            "fax" => match arg {
                None => Target::Fax,
                Some(a) => Target::FaxTo(Email::parse(a).map_err(at)?),
            },
            // The newer set writes a plain `hangup`: the seeds' form is `hangup/hangup`.
            "hangup" if arg.is_none() => {
                return Err(Error {
                    code: Code::TargetMissingArgument,
                    span: kind_span,
                    suggestion: Some("hangup/hangup"),
                })
            }
            "hangup" => match needs(arg)? {
                "hangup" => Target::Hangup,
                "busy" => Target::Busy,
                _ => return Err(Error::new(Code::TargetHangupMode, arg_span)),
            },
            "tts" => {
                let rest = needs(arg)?;
                let Some((lang, text)) = rest.split_once('/') else {
                    return Err(Error::new(
                        Code::TargetTtsMissingText,
                        Span::new(0, s.len()),
                    ));
                };
                let lang = Lang::parse(lang).map_err(at)?;
                let text_at = arg_at.saturating_add(rest.len() - text.len());
                let text = TtsText::parse(text).map_err(|e| e.offset(text_at))?;
                Target::Tts { lang, text }
            }
            _ => return Err(unknown_kind(kind)),
        };
        Ok(target)
    }

    /// [`Target::parse`], its error as a diagnostic at path `target` (line
    /// and column counted in `s`), as every face reports it.
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn check(
        s: &'a str,
        context: TargetContext,
    ) -> Result<Target<'a>, crate::diag::Diagnostic> {
        Target::parse(s, context).map_err(|e| {
            crate::diag::Diagnostic::from_error(
                e,
                0,
                s.as_bytes(),
                crate::diag::Path::key("target"),
            )
        })
    }

    /// The kind keyword (`user`, `tts`, …), or `""` for [`Target::None`].
    pub const fn kind(&self) -> &'static str {
        match self.target_kind() {
            Some(k) => k.as_str(),
            None => "",
        }
    }

    /// The kind, or `None` for [`Target::None`].
    pub const fn target_kind(&self) -> Option<TargetKind> {
        Some(match self {
            Target::None => return None,
            Target::Restart => TargetKind::Restart,
            Target::User(_) => TargetKind::User,
            Target::Group(_) => TargetKind::Group,
            Target::Queue(_) => TargetKind::Queue,
            Target::Ivr(_) => TargetKind::Ivr,
            Target::Voicemail(_) => TargetKind::Voicemail,
            Target::Announcement(_) => TargetKind::Announcement,
            Target::External(_) => TargetKind::External,
            Target::Fax | Target::FaxTo(_) => TargetKind::Fax,
            Target::Hangup | Target::Busy => TargetKind::Hangup,
            Target::Tts { .. } => TargetKind::Tts,
        })
    }

    /// The announcement this target plays, if any.
    pub const fn announcement_id(&self) -> Option<Id> {
        match self {
            Target::Announcement(id) => Some(*id),
            _ => None,
        }
    }
}

impl Target<'_> {
    /// Writes the target as JSON members (no braces): `kind` (`""` for no
    /// target), `text` (the canonical form) and `announcement_id` (or `null`).
    ///
    /// ```
    /// use santral::target::{Target, TargetContext};
    /// let mut json = String::new();
    /// Target::parse("announcement/421", TargetContext::Campaign).unwrap().write_json_members(&mut json).unwrap();
    /// assert_eq!(json, r#""kind":"announcement","text":"announcement/421","announcement_id":421"#);
    /// ```
    pub fn write_json_members<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write!(w, "\"kind\":\"{}\",\"text\":\"", self.kind())?;
        struct Esc<'w, W: ?Sized>(&'w mut W);
        impl<W: fmt::Write + ?Sized> fmt::Write for Esc<'_, W> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                crate::write::write_string_content(self.0, s)
            }
        }
        fmt::write(&mut Esc(w), format_args!("{self}"))?;
        match self.announcement_id() {
            Some(id) => write!(w, "\",\"announcement_id\":{id}"),
            None => w.write_str("\",\"announcement_id\":null"),
        }
    }
}

/// An unknown kind: a misspelling gets the closest kind, the newer
/// documentation set's `kind:` style gets the seeds' `kind/` for its span.
fn unknown_kind(kind: &str) -> Error {
    if let Some((newer, _)) = kind.split_once(':') {
        if let Some((_, seeds)) = NEWER_STYLE
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(newer))
        {
            return Error {
                code: Code::TargetUnknownKind,
                span: Span::new(0, newer.len().saturating_add(1)),
                suggestion: Some(seeds),
            };
        }
    }
    Error {
        code: Code::TargetUnknownKind,
        span: Span::new(0, kind.len()),
        suggestion: suggest(kind, KINDS),
    }
}

impl fmt::Display for Target<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::None => Ok(()),
            Target::Restart | Target::Fax => f.write_str(self.kind()),
            // Pieces written one by one: a target is written in every
            // response, and the formatting machinery is most of the cost.
            Target::User(e) | Target::Group(e) | Target::Queue(e) | Target::Voicemail(e) => {
                f.write_str(self.kind())?;
                f.write_str("/")?;
                fmt::Display::fmt(e, f)
            }
            Target::Ivr(id) | Target::Announcement(id) => {
                f.write_str(self.kind())?;
                f.write_str("/")?;
                fmt::Display::fmt(id, f)
            }
            Target::External(n) => {
                f.write_str("external/")?;
                f.write_str(n.text)
            }
            Target::FaxTo(e) => {
                f.write_str("fax/")?;
                fmt::Display::fmt(e, f)
            }
            Target::Hangup => f.write_str("hangup/hangup"),
            Target::Busy => f.write_str("hangup/busy"),
            Target::Tts { lang, text } => {
                f.write_str("tts/")?;
                fmt::Display::fmt(lang, f)?;
                f.write_str("/")?;
                fmt::Display::fmt(text, f)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAMPAIGN: TargetContext = TargetContext::Campaign;
    const ADVISORY: TargetContext = TargetContext::Advisory;

    #[test]
    fn vendor_targets_round_trip() {
        // Every target in ivr_campaigns.md and seed 004.
        for t in [
            "restart",
            "user/1000",
            "user/1001",
            "group/700",
            "queue/200",
            "queue/201",
            "ivr/10",
            "external/05321234567",
            "voicemail/1000",
            "voicemail/1003",
            "announcement/456",
            "announcement/421",
            "fax",
            "fax/isim@firmaadi.com.tr",
            "hangup/hangup",
            "hangup/busy",
            "tts/tr-TR/Bu bir test cümlesidir",
            "tts/tr-TR/Bu bir test cümlesidir.",
            "tts/en-US/a/b/c",
            "external/00491234567",
            "",
        ] {
            let parsed = Target::parse(t, CAMPAIGN).unwrap();
            assert_eq!(parsed.to_string(), t);
        }
        assert_eq!(
            Target::parse("announcement/421", CAMPAIGN)
                .unwrap()
                .announcement_id(),
            Id::new(421)
        );
        assert_eq!(
            Target::parse("queue/201", ADVISORY).unwrap().kind(),
            "queue"
        );
    }

    fn err(s: &str, c: TargetContext) -> Error {
        Target::parse(s, c).unwrap_err()
    }

    #[test]
    fn contexts() {
        assert_eq!(err("", ADVISORY).code, Code::TargetEmpty);
        assert_eq!(err("restart", ADVISORY).code, Code::TargetRestartNotAllowed);
        assert_eq!(Target::parse("", CAMPAIGN), Ok(Target::None));
    }

    #[test]
    fn rejections_point_at_the_fault() {
        let e = err("usr/1000", CAMPAIGN);
        assert_eq!(
            (e.code, e.span, e.suggestion),
            (Code::TargetUnknownKind, Span::new(0, 3), Some("user"))
        );
        assert_eq!(err("User/1000", CAMPAIGN).suggestion, Some("user"));
        assert_eq!(err("qeueu/1", CAMPAIGN).suggestion, Some("queue"));
        assert_eq!(err("xyzzy/1", CAMPAIGN).suggestion, None);
        assert_eq!(err("user", CAMPAIGN).code, Code::TargetMissingArgument);
        assert_eq!(err("user/", CAMPAIGN).code, Code::TargetMissingArgument);
        assert_eq!(
            err("restart/1", CAMPAIGN).code,
            Code::TargetUnexpectedArgument
        );
        assert_eq!(err("fax/", CAMPAIGN).code, Code::TargetUnexpectedArgument);
        let e = err("hangup/now", CAMPAIGN);
        assert_eq!((e.code, e.span), (Code::TargetHangupMode, Span::new(7, 10)));
        assert_eq!(err("tts/tr-TR", CAMPAIGN).code, Code::TargetTtsMissingText);
        let e = err("tts/tr-tr/x", CAMPAIGN);
        assert_eq!((e.code, e.span), (Code::LangUnknown, Span::new(4, 9)));
        assert_eq!(err("tts/tr-TR/", CAMPAIGN).code, Code::TextEmpty);
        let long = format!("tts/tr-TR/{}", "a".repeat(301));
        let e = err(&long, CAMPAIGN);
        assert_eq!((e.code, e.span.start), (Code::TextTooLong, 310));
        let e = err("user/1", CAMPAIGN);
        assert_eq!((e.code, e.span), (Code::ExtensionInvalid, Span::new(5, 6)));
        assert_eq!(err("ivr/0", CAMPAIGN).code, Code::IdInvalid);
        assert_eq!(err("announcement/x", CAMPAIGN).code, Code::IdInvalid);
        let e = err("external/0532-123", CAMPAIGN);
        assert_eq!(
            (e.code, e.span),
            (Code::PhoneInvalidCharacter, Span::new(13, 14))
        );
        assert_eq!(
            err("external/1000", CAMPAIGN).code,
            Code::PhoneExtensionNotAllowed
        );
        assert_eq!(err("fax/nobody", CAMPAIGN).code, Code::EmailInvalid);
    }

    #[test]
    fn the_newer_style_gets_the_seeds_form() {
        for (newer, span, seeds) in [
            ("queue:201", 6, "queue/"),
            ("extension:1001", 10, "user/"),
            ("Queue:support", 6, "queue/"),
            ("ivr:10", 4, "ivr/"),
        ] {
            let e = err(newer, ADVISORY);
            assert_eq!(
                (e.code, e.span, e.suggestion),
                (Code::TargetUnknownKind, Span::new(0, span), Some(seeds)),
                "{newer}"
            );
        }
        let e = err("hangup", CAMPAIGN);
        assert_eq!(
            (e.code, e.span, e.suggestion),
            (
                Code::TargetMissingArgument,
                Span::new(0, 6),
                Some("hangup/hangup")
            )
        );
        assert_eq!(err("nothing:1", CAMPAIGN).suggestion, None);
    }
}
