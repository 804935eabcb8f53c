//! `santral phone`, `match`, `target`, `phrase`, `codes`: one value each.

use std::process::ExitCode;

use santral::diag::{Code, Diagnostic};
use santral::phone::{Format, Options as PhoneOptions, Phone};
use santral::target::{Target, TargetContext};
use serde_json::{json, Value as Json};

use crate::render::{self, Lang};
use crate::{exit, Outcome, OutputFormat, UsageError};

/// The core's JSON of a number, behind the CLI's `input` and `possible`
/// (kept for the contract: true exactly when the number parsed).
pub(crate) fn phone_json(input: &str, parsed: &Result<Phone, Diagnostic>) -> Json {
    let mut text = format!(
        "{{\"input\":{},\"possible\":{},",
        santral::json::Quoted(input),
        parsed.is_ok()
    );
    match parsed {
        Ok(p) => {
            let _ = p.write_json_members(&mut text);
        }
        Err(d) => {
            let _ = Phone::write_absent_json_members(&mut text);
            text.push_str(",\"error\":");
            let _ = d.write_json(&mut text, false);
        }
    }
    text.push('}');
    serde_json::from_str(&text).unwrap_or(Json::Null)
}

/// A string field of a JSON object, `-` when absent or null.
pub(crate) fn field<'v>(v: &'v Json, key: &str) -> &'v str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or("-")
}

/// `options` is the error for every number when the options themselves
/// are refused (an unknown `--region`), as every face reports it.
#[allow(clippy::result_large_err)]
pub(crate) fn cmd_phone(
    numbers: &[String],
    options: Result<PhoneOptions, Diagnostic>,
    format: OutputFormat,
) -> ExitCode {
    let mut all_ok = true;
    let renderer = render::stdout_renderer();
    for n in numbers {
        let parsed = options.and_then(|o| Phone::check(n, o));
        all_ok &= parsed.is_ok();
        let mut v = phone_json(n, &parsed);
        // A strict refusal suggests the lenient reading (the core's).
        let reading = match &parsed {
            Err(_) => options
                .ok()
                .and_then(|o| Phone::lenient_reading(n, o))
                .map(|f| f.to_string()),
            Ok(_) => None,
        };
        if let (Some(r), Some(e)) = (&reading, v.get_mut("error")) {
            e["suggestion"] = json!(r);
        }
        match format {
            OutputFormat::Json => println!("{v}"),
            OutputFormat::Human => match &parsed {
                Ok(_) => {
                    println!(
                        "{n}: {} ({})",
                        field(&v, "kind"),
                        if v.get("valid") == Some(&json!(true)) {
                            "valid"
                        } else {
                            "possible, not valid"
                        }
                    );
                    for format in Format::NAMES.iter().chain(&["match_key"]) {
                        println!("  {format:<22}{}", field(&v, format));
                    }
                    if let Some(w) = v.get("warning").and_then(|w| w.as_str()) {
                        println!("  warning: {w}");
                    }
                }
                Err(d) if d.path.to_string() == "region" => {
                    println!("{n}: {} (--region)", d.message(false));
                }
                Err(d) => {
                    let help = reading.map(|r| format!("--lenient reads it as {r}"));
                    println!(
                        "{}",
                        render::human_with_help(
                            &renderer,
                            d,
                            n.as_bytes(),
                            "<number>",
                            Lang::En,
                            help
                        )
                    );
                }
            },
        }
    }
    exit(all_ok)
}

pub(crate) fn cmd_match(a: &str, b: &str, format: OutputFormat) -> ExitCode {
    let same = santral::phone::same_number(a, b);
    match format {
        OutputFormat::Json => println!("{}", json!({ "same": same })),
        OutputFormat::Human => println!("{}", if same { "same subscriber" } else { "different" }),
    }
    exit(same)
}

pub(crate) fn show(d: &Diagnostic, text: &str, origin: &str, lang: Lang) {
    println!(
        "{}",
        render::human(&render::stdout_renderer(), d, text.as_bytes(), origin, lang)
    );
}

pub(crate) fn cmd_target(target: &str, context: &str, lang: Lang, format: OutputFormat) -> Outcome {
    let ctx =
        TargetContext::from_option(context).map_err(|e| UsageError(format!("--context: {e}")))?;
    let parsed = Target::check(target, ctx);
    match (format, &parsed) {
        (OutputFormat::Json, Ok(t)) => {
            let mut text = String::from("{\"valid\":true,");
            let _ = t.write_json_members(&mut text);
            text.push('}');
            println!("{text}");
        }
        (OutputFormat::Json, Err(d)) => {
            let mut text = String::from("{\"valid\":false,\"error\":");
            let _ = d.write_json(&mut text, lang.is_tr());
            text.push('}');
            println!("{text}");
        }
        (OutputFormat::Human, Ok(Target::None)) => println!("(no target)"),
        (OutputFormat::Human, Ok(t)) => println!("{}: {t}", t.kind()),
        (OutputFormat::Human, Err(d)) => show(d, target, "<target>", lang),
    }
    Ok(exit(parsed.is_ok()))
}

pub(crate) fn cmd_phrase(phrase: &str, lang: Lang, format: OutputFormat) -> ExitCode {
    use santral::phrase::{Phrase, Word};
    let p = Phrase::new(phrase);
    let mut diagnostics = Vec::new();
    let errors = p.report(&mut |d: Diagnostic| {
        diagnostics.push(d);
        std::ops::ControlFlow::Continue(())
    });
    match format {
        OutputFormat::Json => {
            let ids: Vec<u64> = p.announcement_ids().map(|i| i.get()).collect();
            let out = json!({
                "valid": errors == 0,
                "announcement_ids": ids,
                "diagnostics": diagnostics.iter().map(|d| render::diagnostic_json(d, lang)).collect::<Vec<_>>(),
            });
            println!("{out}");
        }
        OutputFormat::Human => {
            for t in p.tokens().flatten() {
                let what = match t.word {
                    Word::Announcement(id) => format!("announcement {id}"),
                    Word::Date(d) => format!("date {d}"),
                    Word::Amount { lira, kurus } => format!("amount {lira} lira {kurus} kuruş"),
                    Word::Number(n) => format!("number {n}"),
                };
                println!("{}..{}  {what}", t.span.start, t.span.end);
            }
            for d in &diagnostics {
                show(d, phrase, "<phrase>", lang);
            }
        }
    }
    exit(errors == 0)
}

pub(crate) fn cmd_codes(format: OutputFormat) -> ExitCode {
    for c in Code::ALL {
        match format {
            OutputFormat::Json => println!(
                "{}",
                json!({"code": c.id(), "severity": c.severity().as_str(), "message": c.message(), "message_tr": c.message_tr()})
            ),
            OutputFormat::Human => println!(
                "{:<40} {:<8} {}\n{:<49} {}",
                c.id(),
                c.severity().as_str(),
                c.message(),
                "",
                c.message_tr()
            ),
        }
    }
    ExitCode::SUCCESS
}
