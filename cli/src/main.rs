//! `santral`: check Bulut Santralim payloads, phones, targets and phrases
//! with compiler-quality diagnostics. Every verdict comes from the core
//! (`santral-core`); this crate reads input and presents results.
//!
//! Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.

mod input;
mod render;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use santral::check::{check, Kind, Options as CheckOptions};
use santral::diag::{Code, Diagnostic, Path, Span};
use santral::phone::{Format, Options as PhoneOptions, Phone};
use santral::target::{Target, TargetContext};
use serde_json::json;

use render::Lang;

#[derive(Parser)]
#[command(
    name = "santral",
    version,
    about = "Check Bulut Santralim payloads, phones, targets and phrases"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Tr,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Tr => Lang::Tr,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ContextArg {
    Campaign,
    Advisory,
}

#[derive(Clone, Copy, ValueEnum)]
enum CallerFormArg {
    National,
    Bare,
    E164,
}

#[derive(Clone, Copy, ValueEnum)]
enum TriggerArg {
    Answer,
    Ringing,
}

#[derive(Subcommand)]
enum Command {
    /// Check a payload: campaign, campaign-report, call-event,
    /// advisory-request, advisory-response, crm-settings, logo-crm,
    /// opencart-request, order-sync-settings, cdr-list, cdr-detail.
    Check {
        /// The payload kind.
        kind: String,
        /// The file to read; `-` or nothing for standard input.
        file: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// Today's date (YYYY-MM-DD) for a campaign's default start date.
        #[arg(long)]
        today: Option<String>,
        /// The advisory digits parameter name set by the previous prompt.
        #[arg(long)]
        param_name: Option<String>,
        /// Show at most this many diagnostics (all are counted).
        #[arg(long, default_value_t = 200)]
        max_diagnostics: usize,
    },
    /// Parse phone numbers and show every form.
    Phone {
        #[arg(required = true)]
        numbers: Vec<String>,
        /// Ignore spaces, dashes, dots, parentheses and slashes.
        #[arg(long)]
        lenient: bool,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Exit 0 when A and B denote the same subscriber, 1 when not.
    Match { a: String, b: String },
    /// Parse a call target.
    Target {
        target: String,
        #[arg(long, value_enum, default_value = "campaign")]
        context: ContextArg,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Parse a TTS phrase.
    Phrase {
        phrase: String,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// List every diagnostic code with both messages.
    Codes {
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Build campaign requests.
    Campaign {
        #[command(subcommand)]
        command: CampaignCommand,
    },
    /// Convert payloads.
    Convert {
        #[command(subcommand)]
        command: ConvertCommand,
    },
}

#[derive(Subcommand)]
enum CampaignCommand {
    /// Build a campaign request from a spreadsheet export (columns phone,
    /// phrase, lang) and a header file (the campaign JSON without
    /// phone_list), validating the result.
    FromCsv {
        leads: String,
        #[arg(long)]
        header: String,
        /// Write the request here instead of standard output.
        #[arg(long, short)]
        output: Option<String>,
        #[arg(long)]
        today: Option<String>,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
}

#[derive(Subcommand)]
enum ConvertCommand {
    /// Turn a call-event body into the Logo CRM IPS_callAnswered JSON.
    LogoCrm {
        /// The call-event body; `-` or nothing for standard input.
        event: Option<String>,
        #[arg(long)]
        agent_id: Option<String>,
        #[arg(long, value_enum, default_value = "national")]
        caller_form: CallerFormArg,
        /// 1 show card, 2 new offer, 3 new support ticket.
        #[arg(long, default_value = "1")]
        keypress: String,
        #[arg(long, value_enum, default_value = "answer")]
        trigger: TriggerArg,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
}

/// A failure that is the user's or the system's, not the payload's: exit 2.
struct UsageError(String);

type Outcome = Result<ExitCode, UsageError>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check {
            kind,
            file,
            format,
            lang,
            today,
            param_name,
            max_diagnostics,
        } => cmd_check(
            &kind,
            file.as_deref(),
            format,
            lang.into(),
            today.as_deref(),
            param_name.as_deref(),
            max_diagnostics,
        ),
        Command::Phone {
            numbers,
            lenient,
            format,
        } => Ok(cmd_phone(&numbers, lenient, format)),
        Command::Match { a, b } => Ok(cmd_match(&a, &b)),
        Command::Target {
            target,
            context,
            lang,
        } => Ok(cmd_target(&target, context, lang.into())),
        Command::Phrase { phrase, lang } => Ok(cmd_phrase(&phrase, lang.into())),
        Command::Codes { format } => Ok(cmd_codes(format)),
        Command::Campaign {
            command:
                CampaignCommand::FromCsv {
                    leads,
                    header,
                    output,
                    today,
                    lang,
                },
        } => cmd_from_csv(
            &leads,
            &header,
            output.as_deref(),
            today.as_deref(),
            lang.into(),
        ),
        Command::Convert {
            command:
                ConvertCommand::LogoCrm {
                    event,
                    agent_id,
                    caller_form,
                    keypress,
                    trigger,
                    lang,
                },
        } => cmd_logo(
            event.as_deref(),
            agent_id.as_deref(),
            caller_form,
            &keypress,
            trigger,
            lang.into(),
        ),
    };
    match outcome {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("santral: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_today(today: Option<&str>) -> Result<Option<santral::time::Date>, UsageError> {
    today
        .map(|t| {
            santral::time::Date::parse(t)
                .map_err(|e| UsageError(format!("--today: {}", e.code.message())))
        })
        .transpose()
}

fn exit(valid: bool) -> ExitCode {
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn cmd_check(
    kind: &str,
    file: Option<&str>,
    format: OutputFormat,
    lang: Lang,
    today: Option<&str>,
    param_name: Option<&str>,
    max: usize,
) -> Outcome {
    let Some(kind) = Kind::parse(kind) else {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        return Err(UsageError(format!(
            "unknown kind `{kind}`; one of: {}",
            names.join(", ")
        )));
    };
    let today = parse_today(today)?;
    let data = input::read(file).map_err(UsageError)?;
    let bytes = data.bytes();
    let origin = file.filter(|f| *f != "-").unwrap_or("<stdin>");
    let mut shown: Vec<Diagnostic> = Vec::new();
    let mut dropped = 0usize;
    let mut sink = |d: Diagnostic| {
        if shown.len() < max {
            shown.push(d);
        } else {
            dropped += 1;
        }
        std::ops::ControlFlow::Continue(())
    };
    let options = CheckOptions { today, param_name };
    let report = check(kind, bytes, &options, &mut sink);
    match format {
        OutputFormat::Json => {
            let out = json!({
                "valid": report.valid,
                "kind": kind.as_str(),
                "errors": report.errors,
                "warnings": report.warnings,
                "diagnostics": shown.iter().map(|d| render::diagnostic_json(d, lang)).collect::<Vec<_>>(),
                "diagnostics_omitted": dropped,
                "summary": render::summary_json(&report),
            });
            println!("{out}");
        }
        OutputFormat::Human => {
            let renderer = render::stdout_renderer();
            let mut out = std::io::stdout().lock();
            for d in &shown {
                let _ = writeln!(
                    out,
                    "{}\n",
                    render::human(&renderer, d, bytes, origin, lang)
                );
            }
            if dropped > 0 {
                let _ = writeln!(out, "… and {dropped} more diagnostics (--max-diagnostics)");
            }
            let verdict = if report.valid { "valid" } else { "invalid" };
            let _ = writeln!(
                out,
                "{origin}: {} {verdict}: {} error(s), {} warning(s)",
                kind.as_str(),
                report.errors,
                report.warnings
            );
            for (name, value) in &report.summary {
                let _ = writeln!(out, "  {name}: {}", render::value_human(value));
            }
        }
    }
    Ok(exit(report.valid))
}

fn phone_json(input: &str, options: PhoneOptions) -> serde_json::Value {
    match Phone::parse_with(input, options) {
        Ok(p) => {
            let f = |fmt: Format| p.format(fmt).ok().map(|x| x.to_string());
            json!({
                "input": input,
                "valid": p.is_valid(),
                "possible": p.is_possible(),
                "kind": p.kind().as_str(),
                "country_code": p.country_code(),
                "e164": f(Format::E164),
                "wire": f(Format::Wire),
                "national": f(Format::National),
                "international": f(Format::International),
                "display": f(Format::Display),
                "display_international": f(Format::DisplayInternational),
                "match_key": p.match_key().as_str(),
                "warning": p.warning().map(|c| c.id()),
            })
        }
        Err(e) => json!({
            "input": input,
            "valid": false,
            "possible": false,
            "kind": null,
            "country_code": null,
            "e164": null,
            "wire": null,
            "national": null,
            "international": null,
            "display": null,
            "display_international": null,
            "match_key": null,
            "error": {"code": e.code.id(), "message": e.code.message(), "offset": e.span.start},
        }),
    }
}

/// A string field of a JSON object, `-` when absent or null.
fn field<'v>(v: &'v serde_json::Value, key: &str) -> &'v str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or("-")
}

fn cmd_phone(numbers: &[String], lenient: bool, format: OutputFormat) -> ExitCode {
    let options = PhoneOptions {
        lenient,
        allow_extension: true,
        extension_first: false,
    };
    let mut all_ok = true;
    let renderer = render::stdout_renderer();
    for n in numbers {
        let v = phone_json(n, options);
        all_ok &= v.get("error").is_none();
        match format {
            OutputFormat::Json => println!("{v}"),
            OutputFormat::Human => match Phone::parse_with(n, options) {
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
                    for key in [
                        "e164",
                        "wire",
                        "national",
                        "international",
                        "display",
                        "display_international",
                        "match_key",
                    ] {
                        println!("  {key:<22}{}", field(&v, key));
                    }
                    if let Some(w) = v.get("warning").and_then(|w| w.as_str()) {
                        println!("  warning: {w}");
                    }
                }
                Err(e) => {
                    let d = Diagnostic::from_error(e, 0, n.as_bytes(), Path::root());
                    println!(
                        "{}",
                        render::human(&renderer, &d, n.as_bytes(), "<number>", Lang::En)
                    );
                }
            },
        }
    }
    exit(all_ok)
}

fn cmd_match(a: &str, b: &str) -> ExitCode {
    let same = santral::phone::same_number(a, b);
    println!("{}", if same { "same subscriber" } else { "different" });
    exit(same)
}

fn show_error(e: santral::Error, text: &str, origin: &str, lang: Lang) {
    let d = Diagnostic::from_error(e, 0, text.as_bytes(), Path::root());
    println!(
        "{}",
        render::human(
            &render::stdout_renderer(),
            &d,
            text.as_bytes(),
            origin,
            lang
        )
    );
}

fn cmd_target(target: &str, context: ContextArg, lang: Lang) -> ExitCode {
    let ctx = match context {
        ContextArg::Campaign => TargetContext::Campaign,
        ContextArg::Advisory => TargetContext::Advisory,
    };
    match Target::parse(target, ctx) {
        Ok(Target::None) => {
            println!("(no target)");
            ExitCode::SUCCESS
        }
        Ok(t) => {
            println!("{}: {t}", t.kind());
            ExitCode::SUCCESS
        }
        Err(e) => {
            show_error(e, target, "<target>", lang);
            ExitCode::from(1)
        }
    }
}

fn cmd_phrase(phrase: &str, lang: Lang) -> ExitCode {
    use santral::phrase::{Phrase, Word};
    let mut ok = true;
    for token in Phrase::new(phrase).tokens() {
        match token {
            Ok(t) => {
                let what = match t.word {
                    Word::Announcement(id) => format!("announcement {id}"),
                    Word::Date(d) => format!("date {d}"),
                    Word::Amount { lira, kurus } => format!("amount {lira} lira {kurus} kuruş"),
                    Word::Number(n) => format!("number {n}"),
                };
                println!("{}..{}  {what}", t.span.start, t.span.end);
            }
            Err(e) => {
                ok = false;
                show_error(e, phrase, "<phrase>", lang);
            }
        }
    }
    exit(ok)
}

fn cmd_codes(format: OutputFormat) -> ExitCode {
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

fn cmd_from_csv(
    leads: &str,
    header: &str,
    output: Option<&str>,
    today: Option<&str>,
    lang: Lang,
) -> Outcome {
    use santral::campaign::{write_with_header_json, Lead};
    let today = parse_today(today)?;
    let header_text =
        std::fs::read_to_string(header).map_err(|e| UsageError(format!("{header}: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(leads)
        .map_err(|e| UsageError(format!("{leads}: {e}")))?;
    let headers = reader
        .headers()
        .map_err(|e| UsageError(format!("{leads}: {e}")))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(phone_col) = column("phone") else {
        return Err(UsageError(format!("{leads}: no `phone` column")));
    };
    let (phrase_col, lang_col) = (column("phrase"), column("lang"));
    let mut rows: Vec<(String, Option<String>, Option<String>, u64)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| UsageError(format!("{leads}: {e}")))?;
        let line = record.position().map_or(0, csv::Position::line);
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        // Spreadsheet numbers are human-typed: the core's lenient parse
        // turns them into the vendor's wire form; anything it cannot parse
        // is kept as written for the validator to report.
        let raw = record.get(phone_col).unwrap_or("").trim();
        let phone = Phone::parse_lenient(raw)
            .ok()
            .and_then(|p| p.format(Format::Wire).ok())
            .map_or_else(|| raw.to_string(), |w| w.to_string());
        rows.push((phone, cell(phrase_col), cell(lang_col), line));
    }
    // Languages are checked by the core; an unknown one is reported and left out.
    let mut bad_langs = Vec::new();
    let lead_list: Vec<Lead<'_>> = rows
        .iter()
        .map(|(phone, phrase, l, line)| Lead {
            phone,
            phrase: phrase.as_deref(),
            lang: l
                .as_deref()
                .and_then(|x| match santral::lexical::Lang::parse(x) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        bad_langs.push((*line, e));
                        None
                    }
                }),
        })
        .collect();
    let mut body = String::new();
    write_with_header_json(&mut body, &header_text, lead_list.iter().copied())
        .map_err(|e| UsageError(format!("{header}: not a campaign header ({e:?})")))?;
    let mut diagnostics = Vec::new();
    let options = CheckOptions {
        today,
        param_name: None,
    };
    let report = check(
        Kind::Campaign,
        body.as_bytes(),
        &options,
        &mut |d: Diagnostic| {
            diagnostics.push(d);
            std::ops::ControlFlow::Continue(())
        },
    );
    let renderer = render::stderr_renderer();
    for (line, e) in &bad_langs {
        eprintln!("{leads}:{line}: {}: {}", e.code.id(), e.code.message());
    }
    for d in &diagnostics {
        // Name the spreadsheet row a lead came from.
        if let Some(santral::diag::Segment::Index(i)) = d.path.segments().get(1) {
            if let Some((_, _, _, line)) = rows.get(*i as usize) {
                eprintln!("{leads}:{line}: lead {i}");
            }
        }
        eprintln!(
            "{}\n",
            render::human(&renderer, d, body.as_bytes(), "<built request>", lang)
        );
    }
    let valid = report.valid && bad_langs.is_empty();
    eprintln!(
        "campaign from {} lead(s): {} error(s), {} warning(s)",
        rows.len(),
        report.errors + bad_langs.len(),
        report.warnings
    );
    if !valid {
        eprintln!("no request written: fix the errors above");
        return Ok(ExitCode::from(1));
    }
    match output {
        Some(path) => {
            std::fs::write(path, &body).map_err(|e| UsageError(format!("{path}: {e}")))?
        }
        None => println!("{body}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_logo(
    event: Option<&str>,
    agent_id: Option<&str>,
    caller_form: CallerFormArg,
    keypress: &str,
    trigger: TriggerArg,
    lang: Lang,
) -> Outcome {
    use santral::logo::{from_event, CallerForm, Keypress, LogoOptions};
    let keypress = Keypress::parse(keypress)
        .map_err(|e| UsageError(format!("--keypress: {}", e.code.message())))?;
    let data = input::read(event).map_err(UsageError)?;
    let bytes = data.bytes();
    let origin = event.filter(|f| *f != "-").unwrap_or("<stdin>");
    let mut diagnostics = Vec::new();
    let parsed = santral::event::CallEvent::parse(bytes, &mut |d: Diagnostic| {
        diagnostics.push(d);
        std::ops::ControlFlow::Continue(())
    });
    let renderer = render::stderr_renderer();
    for d in &diagnostics {
        eprintln!("{}\n", render::human(&renderer, d, bytes, origin, lang));
    }
    let Some(event) = parsed else {
        return Ok(ExitCode::from(1));
    };
    let options = LogoOptions {
        trigger: match trigger {
            TriggerArg::Answer => santral::event::EventType::Answer,
            TriggerArg::Ringing => santral::event::EventType::Ringing,
        },
        agent_id,
        caller_form: match caller_form {
            CallerFormArg::National => CallerForm::National,
            CallerFormArg::Bare => CallerForm::Bare,
            CallerFormArg::E164 => CallerForm::E164,
        },
        keypress,
    };
    match from_event(&event, &options) {
        Ok(Some(call)) => {
            println!("{call}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(None) => {
            eprintln!(
                "event_type {} is not the trigger ({}): nothing to send",
                event.event_type.as_str(),
                options.trigger.as_str()
            );
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            let d = Diagnostic::new(e.code, Span::new(0, 0));
            eprintln!("{}", render::human(&renderer, &d, bytes, origin, lang));
            Ok(ExitCode::from(1))
        }
    }
}
