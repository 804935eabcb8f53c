//! Checks the values in a file of `KIND VALUE` lines and prints each
//! verdict with its diagnostics, in English or (with `--lang tr`) Turkish.
//! The `santral` CLI supersedes this; it shows the core's API end to end.
//!
//! ```text
//! cargo run -p santral-core --example check -- examples/lexical.txt [--lang tr]
//! ```
use std::process::ExitCode;

use santral::diag::{Code, Error};
use santral::form::Form;
use santral::lexical::Url;
use santral::phone::{Format, Options, Phone};
use santral::phrase::Phrase;
use santral::target::{Target, TargetContext};
use santral::time::{Date, Duration, Time, Timestamp};

/// The verdict on one value: a summary, or the errors found.
fn check(kind: &str, value: &str) -> Result<String, Vec<Error>> {
    let one = |e: Error| vec![e];
    match kind {
        "phone" | "phone-lenient" => {
            let opts = if kind == "phone" {
                Options::STRICT
            } else {
                Options::LENIENT
            };
            let p = Phone::parse_with(value, opts).map_err(one)?;
            let mut out = format!(
                "{} {}",
                p.kind(),
                p.format(Format::Display)
                    .map(|f| f.to_string())
                    .unwrap_or_default()
            );
            if let Ok(e164) = p.format(Format::E164) {
                out += &format!(" ({e164})");
            }
            if let Some(w) = p.warning() {
                out += &format!(" — warning {}: {}", w.id(), w.message());
            }
            Ok(out)
        }
        "target" | "advisory-target" => {
            let ctx = if kind == "target" {
                TargetContext::Campaign
            } else {
                TargetContext::Advisory
            };
            Target::parse(value, ctx)
                .map(|t| format!("{} target: {t}", t.kind()))
                .map_err(one)
        }
        "phrase" => {
            let errors: Vec<Error> = Phrase::new(value).errors().collect();
            if !errors.is_empty() {
                return Err(errors);
            }
            let ids: Vec<String> = Phrase::new(value)
                .announcement_ids()
                .map(|i| i.to_string())
                .collect();
            Ok(format!("announcements used: {}", ids.join(", ")))
        }
        "date" => Date::parse(value)
            .map(|d| format!("{d} ({:?})", d.weekday()))
            .map_err(one),
        "time" => Time::parse(value).map(|t| t.to_string()).map_err(one),
        "timestamp" => Timestamp::parse(value)
            .map(|t| format!("{t} ({:?})", t.zone))
            .map_err(one),
        "duration" => Duration::parse(value)
            .map(|d| format!("{} s", d.seconds))
            .map_err(one),
        "url" => Url::parse(value)
            .map(|u| format!("host {}", u.host()))
            .map_err(one),
        "form" => {
            let form = Form::new(value.as_bytes());
            let errors: Vec<Error> = form.errors().collect();
            if errors.is_empty() {
                Ok(format!("{} fields", form.pairs().count()))
            } else {
                Err(errors)
            }
        }
        _ => Err(vec![Error::new(
            Code::TargetUnknownKind,
            santral::Span::new(0, 0),
        )]),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let turkish = args
        .windows(2)
        .any(|w| matches!(w, [a, b] if a == "--lang" && b == "tr"));
    let Some(path) = args.iter().find(|a| !a.starts_with("--") && *a != "tr") else {
        eprintln!("usage: check FILE [--lang tr]");
        return ExitCode::from(2);
    };
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return ExitCode::from(2);
    };
    let mut invalid = 0;
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (kind, value) = line.split_once(' ').unwrap_or((line, ""));
        match check(kind, value) {
            Ok(summary) => println!("{path}:{}: ok    {kind} {value:?}: {summary}", n + 1),
            Err(errors) => {
                invalid += 1;
                println!("{path}:{}: error {kind} {value:?}", n + 1);
                for e in errors {
                    let msg = if turkish {
                        e.code.message_tr()
                    } else {
                        e.code.message()
                    };
                    let at = kind.len() + 1 + e.span.start;
                    let col = line.get(..at).map_or(0, |head| head.chars().count());
                    let width = value
                        .get(e.span.start..e.span.end)
                        .map_or(1, |s| s.chars().count().max(1));
                    println!("    {line}");
                    println!(
                        "    {}{} {}: {msg}",
                        " ".repeat(col),
                        "^".repeat(width),
                        e.code
                    );
                    if let Some(s) = e.suggestion {
                        println!("    help: did you mean `{s}`?");
                    }
                }
            }
        }
    }
    println!("{invalid} invalid value(s)");
    ExitCode::SUCCESS
}
