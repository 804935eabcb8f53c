//! `santral api OPERATION [name=value | --name value]…`: any of the 45
//! operations, prepared and read by the core, sent by
//! `santral_server::client` to `--base-url` (or `SANTRAL_URL`, else the
//! vendor's). The key comes from `--key` or `SANTRAL_KEY`
//! and is never printed; `--dry-run` shows the request with it masked.
//!
//! Exit status: 0 success, 1 the PBX refused (its code and text), 2 the
//! request is invalid (nothing sent), a usage error, or no answer.

use std::io::Write;
use std::process::ExitCode;

use santral::api::operations::Reply;
use santral::api::records::{list_items, Cell, Row};
use santral::api::{masked_in, Call, Operation, Success, BASE_URL};
use santral::cdr::{Lenient, Record};
use santral::diag::{Collector, Diagnostic};
use santral::json::JsonStr;
use serde_json::{json, Map, Value as Json};

use crate::UsageError;

/// The flags of `santral api`.
#[derive(clap::Args)]
#[command(
    after_help = "Parameters: name=value or --name value (the vendor's names; - or _ alike).\n\
    A value @PATH is a file (a campaign's JSON; a sound or fax document as its data URL).\n\
    Flags anywhere: --key K (or SANTRAL_KEY), --base-url URL (or SANTRAL_URL), --dry-run, --format human|json|csv,\n\
    --no-pace, --read-reply STATUS FILE (read a saved reply instead of sending).\n\
    `santral api --list` lists every operation."
)]
pub(crate) struct ApiArgs {
    /// The operation, then its parameters and flags.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "OPERATION [ARGS]"
    )]
    args: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Csv,
}

struct Parsed {
    op: Option<Operation>,
    params: Vec<(String, String)>,
    key: Option<String>,
    base_url: String,
    dry_run: bool,
    format: Format,
    pace: bool,
    list: bool,
    read_reply: Option<(u16, String)>,
}

fn parse(args: &[String]) -> Result<Parsed, UsageError> {
    let mut p = Parsed {
        op: None,
        params: Vec::new(),
        key: std::env::var("SANTRAL_KEY").ok(),
        base_url: std::env::var("SANTRAL_URL").unwrap_or_else(|_| BASE_URL.to_string()),
        dry_run: false,
        format: Format::Human,
        pace: true,
        list: false,
        read_reply: None,
    };
    let mut it = args.iter().peekable();
    let value = |it: &mut std::iter::Peekable<std::slice::Iter<'_, String>>,
                 inline: Option<&str>,
                 name: &str| {
        inline
            .map(str::to_string)
            .or_else(|| it.next().cloned())
            .ok_or_else(|| UsageError(format!("--{name} needs a value")))
    };
    while let Some(arg) = it.next() {
        if let Some(flag) = arg.strip_prefix("--") {
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (flag, None),
            };
            match name {
                "key" => p.key = Some(value(&mut it, inline, name)?),
                "base-url" | "base_url" => p.base_url = value(&mut it, inline, name)?,
                "dry-run" | "dry_run" => p.dry_run = true,
                "no-pace" | "no_pace" => p.pace = false,
                "list" => p.list = true,
                "format" => {
                    p.format = match value(&mut it, inline, name)?.as_str() {
                        "human" => Format::Human,
                        "json" => Format::Json,
                        "csv" => Format::Csv,
                        other => {
                            return Err(UsageError(format!("--format {other}: human, json or csv")))
                        }
                    }
                }
                "read-reply" | "read_reply" => {
                    let status = value(&mut it, inline, name)?;
                    let file = value(&mut it, None, name)?;
                    let status = status.parse().map_err(|_| {
                        UsageError(format!("--read-reply {status}: an HTTP status"))
                    })?;
                    p.read_reply = Some((status, file));
                }
                param => {
                    let v = value(&mut it, inline, param)?;
                    p.params.push((param.replace('-', "_"), v));
                }
            }
        } else if p.op.is_none() {
            let name = arg.replace('-', "_");
            p.op = Some(
                Operation::from_option(&name)
                    .map_err(|e| UsageError(format!("operation {arg}: {e}")))?,
            );
        } else if let Some((n, v)) = arg.split_once('=') {
            p.params.push((n.replace('-', "_"), v.to_string()));
        } else {
            return Err(UsageError(format!(
                "{arg}: expected name=value or --name value"
            )));
        }
    }
    Ok(p)
}

pub(crate) fn run(args: ApiArgs) -> Result<ExitCode, UsageError> {
    let p = parse(&args.args)?;
    let Some(op) = p.op else {
        if p.list || args.args.is_empty() {
            return list(p.format);
        }
        return Err(UsageError("name an operation (santral api --list)".into()));
    };
    if let Some((status, file)) = &p.read_reply {
        let body = if file == "-" {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
                .map_err(|e| UsageError(e.to_string()))?;
            b
        } else {
            std::fs::read(file).map_err(|e| UsageError(format!("{file}: {e}")))?
        };
        return show_reply(op, *status, &body, p.format);
    }
    let key = p.key.clone().unwrap_or_default();
    let mut p = p;
    p.params = p
        .params
        .into_iter()
        .map(|(n, v)| file_value(op, &n, &v).map(|v| (n, v)))
        .collect::<Result<_, _>>()?;
    let pairs: Vec<(&str, &str)> = p
        .params
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let call = Call::new(op, &key, &pairs);
    let mut diags: Vec<Diagnostic> = Vec::new();
    let valid = call.check(&mut |d: Diagnostic| {
        diags.push(d);
        std::ops::ControlFlow::Continue(())
    });
    if p.dry_run {
        return dry_run(&call, &key, valid, &diags, p.format);
    }
    if !valid {
        print_diagnostics(&diags);
        return Ok(ExitCode::from(2));
    }
    if p.key.is_none() {
        return Err(UsageError("no key: pass --key or set SANTRAL_KEY".into()));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| UsageError(e.to_string()))?;
    let mut client = santral_server::client::Client::new(key.clone(), p.base_url.clone());
    client.pace = p.pace;
    let paged = op.spec().param("page").is_some() && !p.params.iter().any(|(n, _)| n == "page");
    let mut page = 1u64;
    let mut all_rows: Vec<Json> = Vec::new();
    let mut pagination;
    loop {
        let mut params = p.params.clone();
        if paged && page > 1 {
            params.push(("page".into(), page.to_string()));
        }
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let sent = match runtime.block_on(client.send(op, &pairs)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("santral api {op}: {e}");
                return Ok(ExitCode::from(2));
            }
        };
        eprintln!("{} → {}", call.redacted(), sent.status);
        if !paged {
            return show_reply(op, sent.status, &sent.body, p.format);
        }
        let (json, rows) = read(op, sent.status, &sent.body);
        let Some(rows) = rows else {
            return render(op, &json, p.format);
        };
        all_rows.extend(rows);
        pagination = json.get("pagination").cloned().unwrap_or(Json::Null);
        let total = pagination
            .get("total_pages")
            .and_then(Json::as_u64)
            .unwrap_or(1);
        if page >= total {
            break;
        }
        page += 1;
    }
    let success = if matches!(op.spec().reply, Reply::Json) {
        "cdrs"
    } else {
        "records"
    };
    let out = json!({"success": success, "records": all_rows, "pagination": pagination});
    render(op, &out, p.format)
}

/// A value `@PATH` is a file: a campaign document as its text, a sound or
/// a fax document as the data URL the PBX takes (written by the core).
fn file_value(op: Operation, name: &str, value: &str) -> Result<String, UsageError> {
    use santral::api::operations::Kind;
    let Some(path) = value.strip_prefix('@') else {
        return Ok(value.to_string());
    };
    let data = std::fs::read(path).map_err(|e| UsageError(format!("{name}: {path}: {e}")))?;
    match op.spec().param(name).map(|p| p.kind) {
        Some(Kind::DataUrl { sound }) => {
            let file = std::path::Path::new(path);
            let ext = file
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            let mime = match ext.as_str() {
                "pdf" => "application/pdf".to_string(),
                "png" | "gif" => format!("image/{ext}"),
                "jpg" | "jpeg" => "image/jpeg".to_string(),
                "tif" | "tiff" => "image/tiff".to_string(),
                e if sound && !e.is_empty() => format!("audio/{e}"),
                _ => "application/octet-stream".to_string(),
            };
            let name = file.file_name().and_then(|n| n.to_str());
            Ok(santral::api::call::DataUrl {
                mime: &mime,
                name,
                data: &data,
                url_safe: sound,
            }
            .to_string())
        }
        _ => String::from_utf8(data)
            .map_err(|_| UsageError(format!("{name}: {path} is not UTF-8 text"))),
    }
}

fn list(format: Format) -> Result<ExitCode, UsageError> {
    let rows: Vec<Json> = Operation::ALL
        .iter()
        .map(|op| {
            let s = op.spec();
            json!({
                "operation": op.as_str(), "method": s.method.as_str(), "path": s.path, "summary": s.summary,
                "params": s.params.iter().filter(|p| p.name != "key").map(|p| json!({
                    "name": p.name, "required": p.required, "in": p.place.as_str(), "doc": p.doc,
                })).collect::<Vec<_>>(),
                "reply": s.reply.name(), "pool": s.pool.as_str(), "idempotent": s.idempotent,
            })
        })
        .collect();
    match format {
        Format::Json => println!("{}", Json::Array(rows)),
        _ => {
            for op in Operation::ALL {
                let s = op.spec();
                let params: Vec<String> = s
                    .params
                    .iter()
                    .filter(|p| p.name != "key")
                    .map(|p| {
                        if p.required {
                            p.name.to_string()
                        } else {
                            format!("[{}]", p.name)
                        }
                    })
                    .collect();
                println!(
                    "{:<24} {:<6} {:<30} {}",
                    op.as_str(),
                    s.method.as_str(),
                    s.path,
                    params.join(" ")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        let hint = d
            .suggestion
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        eprintln!(
            "{}: {} at {}: {}{hint}",
            d.severity,
            d.code.id(),
            d.path,
            d.code.message()
        );
    }
}

fn dry_run(
    call: &Call<'_>,
    key: &str,
    valid: bool,
    diags: &[Diagnostic],
    format: Format,
) -> Result<ExitCode, UsageError> {
    let body = call.body().to_string();
    let body = masked_in(&body, key).to_string();
    if format == Format::Json {
        let out = json!({
            "request": call.redacted().to_string(),
            "content_type": call.content_type(),
            "body": body,
            "idempotent": call.op.is_idempotent(),
            "pool": call.op.pool().as_str(),
            "valid": valid,
            "diagnostics": diags.iter().map(|d| json!({
                "severity": d.severity.as_str(), "code": d.code.id(), "path": d.path.to_string(),
                "suggestion": d.suggestion,
            })).collect::<Vec<_>>(),
        });
        println!("{out}");
    } else {
        println!("{}", call.redacted());
        if let Some(ct) = call.content_type() {
            println!("Content-Type: {ct}\n\n{body}");
        }
        print_diagnostics(diags);
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn show_reply(
    op: Operation,
    status: u16,
    body: &[u8],
    format: Format,
) -> Result<ExitCode, UsageError> {
    let (json, _) = read(op, status, body);
    render(op, &json, format)
}

/// A reply as JSON (and its records, when it has some).
fn read(op: Operation, status: u16, body: &[u8]) -> (Json, Option<Vec<Json>>) {
    let mut sink: Collector<64> = Collector::new();
    let unreadable = || {
        let text: String = String::from_utf8_lossy(body).chars().take(200).collect();
        json!({"failure": {"code": santral::Code::ResponseUnexpected.id(), "status": status, "transient": false, "text": text}})
    };
    let json = match op.read_reply(status, body, &mut sink) {
        Err(f) => json!({"failure": {
            "code": f.code().id(), "status": status, "transient": f.is_transient(), "text": f.redacted().to_string(),
        }}),
        Ok(Success::Ok) => json!({"success": "ok"}),
        Ok(Success::CampaignCreated(id)) => {
            json!({"success": "campaign_created", "campaign_id": id.get()})
        }
        Ok(Success::Id(id)) => json!({"success": "id", "id": id.get()}),
        Ok(Success::CallStarted(u)) => json!({"success": "call_started", "call_uuid": u.as_str()}),
        Ok(Success::Token(t)) => json!({"success": "token", "token": t}),
        Ok(Success::Dnd { extension, state }) => {
            json!({"success": "dnd", "extension": extension.as_str(), "state": state.as_str()})
        }
        Ok(Success::Url { url, expires_at }) => {
            json!({"success": "url", "url": url.to_string(), "expires_at": expires_at.map(|e| e.to_string())})
        }
        Ok(Success::CrmSettings(c)) => json!({"success": "crm_settings", "settings": {
            "ringing": c.ringing.as_str(), "answered": c.answered.as_str(), "hangup": c.hangup.as_str(),
            "notification_url": c.notification_url.to_string(),
        }}),
        Ok(Success::Cdrs(page)) => {
            let mut rows = Vec::new();
            let s = page.read(&mut sink, |r| {
                rows.push(cdr_json(r));
                std::ops::ControlFlow::Continue(())
            });
            if s.errors > 0 {
                return (unreadable(), None);
            }
            let p = pagination(s.pagination);
            return (
                json!({"success": "cdrs", "records": rows, "pagination": p}),
                Some(rows),
            );
        }
        Ok(Success::Cdr(detail)) => {
            let mut steps = 0;
            match detail.read(&mut sink, |_| steps += 1) {
                Some(r) => json!({"success": "cdr", "record": cdr_json(&r), "steps": steps}),
                None => unreadable(),
            }
        }
        Ok(Success::Records(list)) => {
            let mut rows = Vec::new();
            let s = list.read(&mut sink, |row| {
                rows.push(row_json(row));
                std::ops::ControlFlow::Continue(())
            });
            if s.errors > 0 {
                return (unreadable(), None);
            }
            let p = pagination(s.pagination);
            return (
                json!({"success": "records", "records": rows, "pagination": p}),
                Some(rows),
            );
        }
    };
    (json, None)
}

fn pagination(p: Option<santral::cdr::Pagination>) -> Json {
    p.map_or(Json::Null, |p| {
        json!({"page": p.page, "total_count": p.total_count, "total_pages": p.total_pages, "limit": p.limit})
    })
}

fn cell(c: &Cell<'_>) -> Json {
    match c {
        Cell::Absent | Cell::Null | Cell::Raw(_) => Json::Null,
        Cell::Int(n) => json!(n),
        Cell::Bool(b) => json!(b),
        Cell::Text(t) => json!(t.to_string()),
        Cell::Stamp(t) => json!(t.iso().to_string()),
        Cell::List(raw) => {
            let mut items = Vec::new();
            list_items(raw, |i| items.push(cell(&i)));
            Json::Array(items)
        }
    }
}

/// A record: its fields in the table's order, a malformed value `null`
/// with its text under `malformed`.
fn row_json(row: &Row<'_>) -> Json {
    let mut fields = Map::new();
    let mut bad = Map::new();
    for (f, c) in row.iter() {
        if let Cell::Raw(raw) = c {
            bad.insert(f.name.into(), json!(String::from_utf8_lossy(raw)));
        }
        if *c != Cell::Absent {
            fields.insert(f.name.into(), cell(c));
        }
    }
    if !bad.is_empty() {
        fields.insert("malformed".into(), Json::Object(bad));
    }
    Json::Object(fields)
}

fn lenient<T: Copy>(v: &Lenient<'_, T>, show: impl Fn(T) -> Json) -> Json {
    match v {
        Lenient::Value(v) => show(*v),
        Lenient::Raw(s) => json!(String::from_utf8_lossy(s.raw())),
        Lenient::Absent | Lenient::Null => Json::Null,
    }
}

/// A call record with every field.
fn cdr_json(r: &Record<'_>) -> Json {
    let stamp = |t: santral::time::Timestamp| json!(t.iso().to_string());
    let phone = |p: santral::phone::Phone| {
        use santral::phone::Format;
        json!(p
            .format(Format::E164)
            .or_else(|_| p.format(Format::Wire))
            .map(|f| f.to_string())
            .ok())
    };
    let secs = |d: santral::time::Duration| json!(d.seconds);
    let opt = |s: Option<JsonStr<'_>>| s.map_or(Json::Null, |s| json!(s.to_string()));
    json!({
        "call_uuid": opt(r.call_uuid),
        "start_stamp": lenient(&r.start_stamp, stamp),
        "answer_stamp": lenient(&r.answer_stamp, stamp),
        "end_stamp": lenient(&r.end_stamp, stamp),
        "direction": lenient(&r.direction, |d| json!(d.as_str())),
        "caller_id_number": lenient(&r.caller_id_number, phone),
        "caller_id_name": opt(r.caller_id_name),
        "destination_number": lenient(&r.destination_number, phone),
        "destination_name": opt(r.destination_name),
        "duration": lenient(&r.duration, secs),
        "talk_duration": lenient(&r.talk_duration, secs),
        "queue_wait_seconds": lenient(&r.queue_wait_seconds, secs),
        "queue": opt(r.queue),
        "result": opt(r.result),
        "missed": lenient(&r.missed, |b| json!(b)),
        "return_uuid": lenient(&r.return_uuid, |s| json!(s.to_string())),
        "recording_present": lenient(&r.recording_present, |b| json!(b)),
        "sip_hangup_disposition": lenient(&r.sip_hangup_disposition, |d| json!(d.as_str())),
    })
}

/// Prints a reply; the exit status says whether the PBX refused.
fn render(op: Operation, json: &Json, format: Format) -> Result<ExitCode, UsageError> {
    let failed = json.get("failure").is_some();
    match format {
        Format::Json => println!("{json}"),
        Format::Csv => {
            let Some(rows) = json.get("records").and_then(Json::as_array) else {
                if failed {
                    eprintln!("{}", failure_line(json));
                    return Ok(ExitCode::from(1));
                }
                return Err(UsageError(format!(
                    "{op} does not return a list: use --format human or json"
                )));
            };
            let columns: Vec<String> = match op.spec().reply {
                Reply::Records(t) => t.fields.iter().map(|f| f.name.to_string()).collect(),
                // Call records: the columns of one (an empty list still has
                // its header).
                Reply::Json => cdr_json(&Record::default())
                    .as_object()
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default(),
                _ => rows
                    .first()
                    .and_then(Json::as_object)
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default(),
            };
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(&columns)
                .map_err(|e| UsageError(e.to_string()))?;
            for row in rows {
                let cells: Vec<String> = columns.iter().map(|c| csv_cell(row.get(c))).collect();
                w.write_record(&cells)
                    .map_err(|e| UsageError(e.to_string()))?;
            }
            w.flush().map_err(|e| UsageError(e.to_string()))?;
        }
        Format::Human => {
            if failed {
                eprintln!("{}", failure_line(json));
            } else {
                human(json);
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn failure_line(json: &Json) -> String {
    let f = &json["failure"];
    format!(
        "refused: {} ({}): {}",
        f["code"].as_str().unwrap_or(""),
        f["status"],
        f["text"].as_str().unwrap_or("")
    )
}

fn csv_cell(v: Option<&Json>) -> String {
    match v {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => s.clone(),
        Some(Json::Array(items)) => items
            .iter()
            .map(|i| csv_cell(Some(i)))
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

fn human(json: &Json) {
    let mut out = std::io::stdout().lock();
    let kind = json["success"].as_str().unwrap_or("");
    match json.get("records").and_then(Json::as_array) {
        Some(rows) => {
            for row in rows {
                let line: Vec<String> = row
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| format!("{k}={}", csv_cell(Some(v))))
                            .collect()
                    })
                    .unwrap_or_default();
                let _ = writeln!(out, "{}", line.join("  "));
            }
            let _ = writeln!(out, "({} records)", rows.len());
        }
        None => {
            let rest: Vec<String> = json
                .as_object()
                .map(|o| {
                    o.iter()
                        .filter(|(k, _)| *k != "success")
                        .map(|(k, v)| {
                            format!(
                                "{k}: {}",
                                if v.is_string() {
                                    csv_cell(Some(v))
                                } else {
                                    v.to_string()
                                }
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{kind}{}{}",
                if rest.is_empty() { "" } else { " — " },
                rest.join(", ")
            );
        }
    }
}
