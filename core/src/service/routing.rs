//! The simulator's incoming-call routing (`santral simulate --routing
//! FILE`), standing for the panel's "Gelen Arama Yönetimi": which target
//! each dialled number goes to, how long an extension rings before its
//! voicemail, and the Santral Programlama service (`advisory_webhook.md`)
//! with the target a call falls back to when the service fails. A TOML
//! file read by [`crate::toml`] and checked like the gateway's
//! configuration: every problem with its place and path
//! (`number[1].target`), unknown settings with a suggestion.
//!
//! ```
//! use santral::diag::Collector;
//! use santral::routing::{read, Destination};
//!
//! let toml = br#"
//! [[number]]
//! number = "908505321234"
//! target = "advisory"
//!
//! [[number]]
//! number = "908505320000"
//! target = "user/1001"
//! no_answer_seconds = 15
//!
//! [advisory]
//! url = "http://127.0.0.1:9000/advisory"
//! fallback = "queue/200"
//! "#;
//! let mut sink: Collector<8> = Collector::new();
//! let r = read(toml, &mut sink).unwrap();
//! assert!(sink.diagnostics().is_empty());
//! assert_eq!(r.numbers.len(), 2);
//! assert_eq!(r.numbers[0].destination, Destination::Advisory);
//! assert_eq!(r.numbers[1].no_answer_seconds, 15);
//! assert_eq!(r.advisory.unwrap().fallback.as_str(), Some("queue/200"));
//! ```

use crate::diag::{Code, Counting, Diagnostic, Locator, Path, Sink, Span};
use crate::gateway::{inside, integer, string, suggest, text};
use crate::lexical::Url;
use crate::phone::Phone;
use crate::target::{Target, TargetContext};
use crate::toml::{Item, Reader, TomlStr, Value};

/// The most numbers a routing file routes.
pub const MAX_NUMBERS: usize = 16;
/// Seconds an extension rings before the call goes to its voicemail.
pub const DEFAULT_NO_ANSWER_SECONDS: u32 = 20;
/// Seconds the Santral Programlama service may take to answer.
pub const DEFAULT_ADVISORY_TIMEOUT_SECONDS: u32 = 5;
/// Where a call goes when the service fails, unless told.
pub const DEFAULT_FALLBACK: &str = "hangup/hangup";
/// The `target` that hands a call to the Santral Programlama service.
pub const ADVISORY: &str = "advisory";

crate::fields! {
    /// The settings of one `[[number]]`.
    pub enum NumberSetting {
        /// `number`: the dialled outside number.
        Number = "number" required,
        /// `target`: a target (`user/1001`, `queue/200`, `voicemail/1001`,
        /// `announcement/456`, `hangup/busy`…) or `advisory`.
        Target = "target" required,
        /// `no_answer_seconds`: how long an extension rings.
        NoAnswerSeconds = "no_answer_seconds",
    }
}

crate::fields! {
    /// The settings of `[advisory]`.
    pub enum AdvisorySetting {
        /// `url`: the Santral Programlama service.
        Url = "url" required,
        /// `fallback`: the target when the service fails.
        Fallback = "fallback",
        /// `timeout_seconds`: how long the service may take.
        TimeoutSeconds = "timeout_seconds",
    }
}

/// Where a dialled number goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination<'a> {
    /// The Santral Programlama service decides.
    Advisory,
    /// A target, checked as an advisory transfer's target.
    Target(TomlStr<'a>),
}

/// One dialled number's route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route<'a> {
    /// The dialled number, as written.
    pub number: TomlStr<'a>,
    /// Where it goes.
    pub destination: Destination<'a>,
    /// How long an extension rings before its voicemail.
    pub no_answer_seconds: u32,
}

/// The Santral Programlama service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advisory<'a> {
    /// Its URL.
    pub url: TomlStr<'a>,
    /// The target when it fails.
    pub fallback: TomlStr<'a>,
    /// Seconds it may take.
    pub timeout_seconds: u32,
}

/// The whole routing.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Routing<'a> {
    /// The numbers, in the file's order.
    pub numbers: heapless::Vec<Route<'a>, MAX_NUMBERS>,
    /// The service, when a number uses it.
    pub advisory: Option<Advisory<'a>>,
}

/// The table being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Top,
    Number(u32),
    Advisory,
}

/// Reads and checks a routing file, reporting every problem to `sink`;
/// `None` when one is an error.
pub fn read<'a, S: Sink>(input: &'a [u8], sink: &mut S) -> Option<Routing<'a>> {
    let mut tee = Counting::new(sink);
    let mut locator = Locator::new(input);
    let mut out = Routing::default();
    let mut table = Table::Top;
    let mut numbers = 0u32;
    // Per table: the settings given (a bit each) and whether one was bad.
    let mut given = 0u64;
    let mut bad = false;
    let mut partial: Option<(Span, Option<TomlStr<'a>>, Option<Destination<'a>>, u32)> = None;
    let mut advisory: Option<(Span, Option<TomlStr<'a>>, TomlStr<'a>, u32)> = None;
    let mut advisory_given = 0u64;
    let mut report = |d: Diagnostic, tee: &mut Counting<'_, S>| {
        let _ = tee.report(locator.locate(d));
    };
    let finish =
        |partial: &mut Option<(Span, Option<TomlStr<'a>>, Option<Destination<'a>>, u32)>,
         index: u32,
         given: u64,
         bad: bool,
         out: &mut Routing<'a>,
         tee: &mut Counting<'_, S>,
         report: &mut dyn FnMut(Diagnostic, &mut Counting<'_, S>)| {
            let Some((header, number, destination, no_answer_seconds)) = partial.take() else {
                return;
            };
            let mut complete = true;
            for f in NumberSetting::ALL.iter().filter(|f| f.is_required()) {
                if given & (1 << f.index()) == 0 {
                    report(
                        Diagnostic::new(Code::ConfigMissing, header)
                            .with_path(number_path(index, f.name())),
                        tee,
                    );
                    complete = false;
                }
            }
            if let (Some(number), Some(destination), true, false) =
                (number, destination, complete, bad)
            {
                if out
                    .numbers
                    .push(Route {
                        number,
                        destination,
                        no_answer_seconds,
                    })
                    .is_err()
                {
                    report(
                        Diagnostic::new(Code::ConfigTooMany, header).with_path(Path::key("number")),
                        tee,
                    );
                }
            }
        };
    for item in Reader::new(input) {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                report(Diagnostic::new(e.code, e.span), &mut tee);
                break;
            }
        };
        match item {
            Item::Table { name, array, span } => {
                if let Table::Number(i) = table {
                    finish(&mut partial, i, given, bad, &mut out, &mut tee, &mut report);
                }
                given = 0;
                bad = false;
                if array && name.eq_str("number") {
                    table = Table::Number(numbers);
                    numbers += 1;
                    partial = Some((span, None, None, DEFAULT_NO_ANSWER_SECONDS));
                } else if !array && name.eq_str("advisory") {
                    table = Table::Advisory;
                    advisory = Some((
                        span,
                        None,
                        TomlStr::literal(DEFAULT_FALLBACK),
                        DEFAULT_ADVISORY_TIMEOUT_SECONDS,
                    ));
                } else {
                    let mut d = Diagnostic::new(Code::ConfigUnknownKey, name.span());
                    d.suggestion = suggest(name, &["number", "advisory"]);
                    report(d, &mut tee);
                    table = Table::Top;
                }
            }
            Item::Pair { key, value, span } => {
                let (names, path): (&[&'static str], Path) = match table {
                    Table::Top => (&[], Path::root()),
                    Table::Number(i) => (&NumberSetting::NAMES, number_path(i, "")),
                    Table::Advisory => (&AdvisorySetting::NAMES, Path::key("advisory")),
                };
                let Some(at) = names.iter().position(|n| key.eq_str(n)) else {
                    let mut d = Diagnostic::new(Code::ConfigUnknownKey, key.span());
                    d.suggestion = suggest(key, names);
                    report(d, &mut tee);
                    continue;
                };
                let name = names.get(at).copied().unwrap_or("");
                let bits = if table == Table::Advisory {
                    &mut advisory_given
                } else {
                    &mut given
                };
                let setting_path = match table {
                    Table::Number(i) => number_path(i, name),
                    _ => {
                        let mut p = path;
                        p.push_key(name);
                        p
                    }
                };
                if *bits & (1 << at) != 0 {
                    report(
                        Diagnostic::new(Code::ConfigDuplicateKey, key.span())
                            .with_path(setting_path),
                        &mut tee,
                    );
                    continue;
                }
                *bits |= 1 << at;
                let result = match (table, &mut partial, &mut advisory) {
                    (Table::Number(_), Some(p), _) => number_pair(p, name, value, span),
                    (Table::Advisory, _, Some(a)) => advisory_pair(a, name, value, span),
                    _ => Ok(()),
                };
                if let Err(mut d) = result {
                    if d.path.is_root() {
                        d.path = setting_path;
                    }
                    bad = true;
                    report(d, &mut tee);
                }
            }
        }
    }
    if let Table::Number(i) = table {
        finish(&mut partial, i, given, bad, &mut out, &mut tee, &mut report);
    }
    if let Some((header, url, fallback, timeout_seconds)) = advisory {
        match url {
            Some(url) => {
                out.advisory = Some(Advisory {
                    url,
                    fallback,
                    timeout_seconds,
                })
            }
            None => {
                let mut p = Path::key("advisory");
                p.push_key("url");
                report(
                    Diagnostic::new(Code::ConfigMissing, header).with_path(p),
                    &mut tee,
                );
            }
        }
    }
    let uses_service = out
        .numbers
        .iter()
        .any(|r| r.destination == Destination::Advisory);
    if uses_service && out.advisory.is_none() && tee.errors == 0 {
        let mut p = Path::key("advisory");
        p.push_key("url");
        report(
            Diagnostic::new(Code::ConfigMissing, Span::new(0, 0)).with_path(p),
            &mut tee,
        );
    }
    if tee.errors > 0 {
        None
    } else {
        Some(out)
    }
}

fn number_path(index: u32, key: &'static str) -> Path {
    let mut p = Path::key("number");
    p.push_index(index);
    if !key.is_empty() {
        p.push_key(key);
    }
    p
}

/// A target's text, checked as an advisory transfer's target.
fn target<'a>(s: TomlStr<'a>) -> Result<TomlStr<'a>, Diagnostic> {
    let mut buf = [0u8; 512];
    let t =
        text(s, &mut buf).ok_or_else(|| Diagnostic::new(Code::ConfigExpectedString, s.span()))?;
    Target::check(t, TargetContext::Advisory)
        .map(|_| s)
        .map_err(|mut d| {
            // Placed inside the string (a plain one), else on it.
            d.span = match s.as_str() {
                Some(_) => d.span.offset(s.span().start.saturating_add(1)),
                None => s.span(),
            };
            d.path = Path::root();
            d
        })
}

fn number_pair<'a>(
    p: &mut (Span, Option<TomlStr<'a>>, Option<Destination<'a>>, u32),
    name: &str,
    value: Value<'a>,
    span: Span,
) -> Result<(), Diagnostic> {
    match name {
        "number" => {
            let s = string(value, span)?;
            let mut buf = [0u8; 64];
            let t = text(s, &mut buf).unwrap_or("");
            Phone::parse(t).map_err(|e| inside(e, s))?;
            p.1 = Some(s);
        }
        "target" => {
            let s = string(value, span)?;
            p.2 = Some(if s.eq_str(ADVISORY) {
                Destination::Advisory
            } else {
                Destination::Target(target(s)?)
            });
        }
        _ => p.3 = integer(value, span, 1, 300)?,
    }
    Ok(())
}

fn advisory_pair<'a>(
    a: &mut (Span, Option<TomlStr<'a>>, TomlStr<'a>, u32),
    name: &str,
    value: Value<'a>,
    span: Span,
) -> Result<(), Diagnostic> {
    match name {
        "url" => {
            let s = string(value, span)?;
            let mut buf = [0u8; 2048];
            let t = text(s, &mut buf).unwrap_or("");
            Url::parse(t).map_err(|e| inside(e, s))?;
            a.1 = Some(s);
        }
        "fallback" => a.2 = target(string(value, span)?)?,
        _ => a.3 = integer(value, span, 1, 30)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;
    use std::string::String;
    use std::vec::Vec;

    fn codes(input: &str) -> Vec<(&'static str, String)> {
        let mut sink: Collector<16> = Collector::new();
        let _ = read(input.as_bytes(), &mut sink);
        sink.diagnostics()
            .iter()
            .map(|d| (d.code.id(), d.path.to_string()))
            .collect()
    }

    #[test]
    fn every_problem_with_its_path() {
        let got = codes(
            "[[number]]\nnumber = \"908505321234\"\ntarget = \"queue:201\"\n\
             [[number]]\ntarget = \"advisory\"\nno_answer_secs = 3\n\
             [[number]]\nnumber = \"0850\"\ntarget = \"user/1001\"\nno_answer_seconds = 0\n\
             [advisory]\nfallback = \"restart\"\n[extra]\n",
        );
        let want: &[(&str, &str)] = &[
            ("target.unknown_kind", "number[0].target"),
            ("config.unknown_key", ""),
            ("config.missing", "number[1].number"),
            ("phone.too_short", "number[2].number"),
            ("config.range", "number[2].no_answer_seconds"),
            ("target.restart_not_allowed", "advisory.fallback"),
            ("config.unknown_key", ""),
            ("config.missing", "advisory.url"),
        ];
        let got: Vec<(&str, &str)> = got.iter().map(|(c, p)| (*c, p.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn advisory_numbers_need_the_service() {
        let got = codes("[[number]]\nnumber = \"908505321234\"\ntarget = \"advisory\"\n");
        assert_eq!(got, [("config.missing", "advisory.url".into())]);
        assert_eq!(codes(""), []);
    }
}
