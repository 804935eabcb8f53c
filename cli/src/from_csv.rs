//! `santral campaign from-csv`: a spreadsheet of leads into a campaign body.

use std::process::ExitCode;

use santral::check::{self, Kind};
use santral::diag::Diagnostic;
use santral::phone::{Format, Phone};
use serde_json::{json, Value as Json};

use crate::payload::{check_options, today_or_clock};
use crate::render::{self, Lang};
use crate::{exit, Outcome, OutputFormat, UsageError};

/// One spreadsheet row: the number as it goes on the wire, phrase, lang,
/// and the row number people see (the header is row 1).
struct Row {
    phone: String,
    phrase: Option<String>,
    lang: Option<String>,
    row: u64,
}

pub(crate) fn cmd_from_csv(
    leads: &str,
    header: &str,
    output: Option<&str>,
    today: Option<&str>,
    lang: Lang,
    format: OutputFormat,
) -> Outcome {
    use santral::campaign::{write_with_header_json, Lead};
    let day = today_or_clock(today);
    let options = check_options(day.as_deref(), None)?;
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
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| UsageError(format!("{leads}: {e}")))?;
        // The spreadsheet row, not the file line: a quoted cell may hold
        // a newline. The header is record 0 and row 1.
        let row = record.position().map_or(0, |p| p.record() + 1);
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
        rows.push(Row {
            phone,
            phrase: cell(phrase_col),
            lang: cell(lang_col),
            row,
        });
    }
    // Languages are checked by the core; an unknown one is reported and left out.
    let mut bad_langs = Vec::new();
    let lead_list: Vec<Lead<'_>> = rows
        .iter()
        .map(|r| Lead {
            phone: &r.phone,
            phrase: r.phrase.as_deref(),
            lang: r
                .lang
                .as_deref()
                .and_then(|x| match santral::lexical::Lang::parse(x) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        bad_langs.push((r.row, e));
                        None
                    }
                }),
        })
        .collect();
    let mut body = String::new();
    write_with_header_json(&mut body, &header_text, lead_list.iter().copied())
        .map_err(|e| UsageError(format!("{header}: not a campaign header ({e:?})")))?;
    let mut diagnostics = Vec::new();
    let bytes = body.as_bytes();
    let mut table = vec![
        check::LeadSlot::default();
        check::duplicate_table_len(Kind::Campaign, bytes, &options)
    ];
    let report = check::check_with(
        Kind::Campaign,
        bytes,
        &options,
        &mut table,
        &mut |d: Diagnostic| {
            diagnostics.push(d);
            std::ops::ControlFlow::Continue(())
        },
    );
    // The spreadsheet row of a lead diagnostic (path `phone_list[i]…`).
    let row_of = |d: &Diagnostic| match d.path.segments().get(1) {
        Some(santral::diag::Segment::Index(i)) => rows.get(*i as usize).map(|r| r.row),
        _ => None,
    };
    let valid = report.valid && bad_langs.is_empty();
    let errors = report.errors + bad_langs.len();
    if format == OutputFormat::Json {
        let mut list: Vec<Json> = bad_langs
            .iter()
            .map(|(row, e)| {
                let d = Diagnostic::from_error(
                    *e,
                    0,
                    b"",
                    santral::diag::Path::key(santral::campaign::LeadField::Lang.name()),
                );
                with_row(render::diagnostic_json(&d, lang), Some(*row))
            })
            .collect();
        list.extend(
            diagnostics
                .iter()
                .map(|d| with_row(render::diagnostic_json(d, lang), row_of(d))),
        );
        if valid {
            if let Some(path) = output {
                std::fs::write(path, &body).map_err(|e| UsageError(format!("{path}: {e}")))?;
            }
        }
        let out = json!({
            "valid": valid,
            "leads": rows.len(),
            "errors": errors,
            "warnings": report.warnings,
            "diagnostics": list,
            "request": if valid && output.is_none() { json!(body) } else { Json::Null },
        });
        println!("{out}");
        return Ok(exit(valid));
    }
    let renderer = render::stderr_renderer();
    for (row, e) in &bad_langs {
        let d = Diagnostic::from_error(
            *e,
            0,
            b"",
            santral::diag::Path::key(santral::campaign::LeadField::Lang.name()),
        );
        eprintln!(
            "{leads}:{row}: {}: {}",
            e.code.id(),
            d.message(lang.is_tr())
        );
    }
    for d in &diagnostics {
        if let (Some(row), Some(santral::diag::Segment::Index(i))) =
            (row_of(d), d.path.segments().get(1))
        {
            let lead = if lang.is_tr() { "kişi" } else { "lead" };
            eprintln!("{leads}:{row}: {lead} {i}");
        }
        eprintln!(
            "{}\n",
            render::human(&renderer, d, bytes, "<built request>", lang)
        );
    }
    let (n, w) = (rows.len(), report.warnings);
    if lang.is_tr() {
        eprintln!("{n} kişiden kampanya: {errors} hata, {w} uyarı");
    } else {
        eprintln!("campaign from {n} lead(s): {errors} error(s), {w} warning(s)");
    }
    if !valid {
        eprintln!(
            "{}",
            if lang.is_tr() {
                "istek yazılmadı: yukarıdaki hataları düzeltin"
            } else {
                "no request written: fix the errors above"
            }
        );
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

/// A diagnostic's JSON with the spreadsheet row it came from.
pub(crate) fn with_row(mut v: Json, row: Option<u64>) -> Json {
    if let Some(o) = v.as_object_mut() {
        o.insert("row".into(), json!(row));
    }
    v
}
