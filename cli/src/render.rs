//! Presenting core diagnostics: rustc-style snippets for people, one JSON
//! object for scripts. Nothing here decides what is valid.

use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use santral::check::{Report, Value};
use santral::diag::{Diagnostic, Severity};
use serde_json::{json, Map, Value as Json};

/// Output language of messages: the core's.
pub use santral::diag::MessageLang as Lang;

/// Colour when stdout is a terminal and `NO_COLOR` is unset.
pub fn renderer(stream_is_terminal: bool) -> Renderer {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if stream_is_terminal && !no_color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// A renderer for stdout.
pub fn stdout_renderer() -> Renderer {
    renderer(std::io::stdout().is_terminal())
}

/// A renderer for stderr.
pub fn stderr_renderer() -> Renderer {
    renderer(std::io::stderr().is_terminal())
}

/// The part of `input` shown for a diagnostic: its line, or a window of
/// it around the span when the line is long (a minified 95 MB campaign is
/// one line). Returns the text and the span relative to it; prefix, span
/// and suffix are converted separately so invalid UTF-8 cannot shift them.
fn window(input: &[u8], start: usize, end: usize) -> (String, std::ops::Range<usize>) {
    const CONTEXT: usize = 80;
    const LONG_LINE: usize = 240;
    let len = input.len();
    let start = start.min(len);
    let end = end.clamp(start, len);
    let bytes = |a: usize, b: usize| input.get(a..b).unwrap_or(&[]);
    let line_start = bytes(0, start)
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes(end, len)
        .iter()
        .position(|&b| b == b'\n')
        .map_or(len, |i| end + i);
    let long = line_end - line_start > LONG_LINE;
    let mut from = if long {
        line_start.max(start.saturating_sub(CONTEXT))
    } else {
        line_start
    };
    let mut to = if long {
        line_end.min(end.saturating_add(CONTEXT))
    } else {
        line_end
    };
    let continuation = |i: usize| input.get(i).is_some_and(|b| b & 0xC0 == 0x80);
    while from > line_start && continuation(from) {
        from -= 1;
    }
    while to < line_end && continuation(to) {
        to += 1;
    }
    let prefix = String::from_utf8_lossy(bytes(from, start)).into_owned();
    let middle = String::from_utf8_lossy(bytes(start, end)).into_owned();
    let suffix = String::from_utf8_lossy(bytes(end, to))
        .trim_end_matches('\r')
        .to_string();
    let mut span = prefix.len()..prefix.len() + middle.len();
    let text = prefix + &middle + &suffix;
    // An empty span (a missing field at the end) points at one character.
    if span.is_empty() {
        if let Some(c) = text.get(span.start..).and_then(|t| t.chars().next()) {
            span.end = span.start + c.len_utf8();
        } else if let Some(c) = text.chars().last() {
            span = text.len() - c.len_utf8()..text.len();
        }
    }
    (text, span)
}

/// Renders one diagnostic the way rustc does. The `-->` line carries the
/// core's own line and column (a long line is shown as a window around
/// the span, but the position is always the one in the file).
pub fn human(
    renderer: &Renderer,
    d: &Diagnostic,
    input: &[u8],
    origin: &str,
    lang: Lang,
) -> String {
    human_with_help(renderer, d, input, origin, lang, None)
}

/// [`human`], with `help` in place of the suggestion's "did you mean"
/// line (a phone refused strictly: "--lenient reads it as …").
pub fn human_with_help(
    renderer: &Renderer,
    d: &Diagnostic,
    input: &[u8],
    origin: &str,
    lang: Lang,
    help_text: Option<String>,
) -> String {
    let tr = lang.is_tr();
    let level = match (d.severity, tr) {
        (Severity::Error, false) => Level::ERROR,
        (Severity::Warning, false) => Level::WARNING,
        (Severity::Error, true) => Level::ERROR.with_name("hata"),
        (Severity::Warning, true) => Level::WARNING.with_name("uyarı"),
    };
    let (help_level, note_level) = if tr {
        (Level::HELP.with_name("öneri"), Level::NOTE.with_name("not"))
    } else {
        (Level::HELP, Level::NOTE)
    };
    let (text, span) = window(input, d.span.start, d.span.end);
    let path = d.path.to_string();
    let label = match (path.is_empty(), tr) {
        (true, _) => String::new(),
        (false, false) => format!("at {path}"),
        (false, true) => format!("konum: {path}"),
    };
    let mut group = level
        .primary_title(d.message(lang.is_tr()))
        .id(d.code.id())
        .element(
            Snippet::source(&text)
                .line_start(d.line as usize)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(span).label(&label)),
        );
    let help;
    if let Some(text) = help_text {
        help = text;
        group = group.element(help_level.message(&help));
    } else if let Some(s) = d.suggestion {
        help = if lang.is_tr() {
            format!("şunu mu demek istediniz: `{s}`?")
        } else {
            format!("did you mean `{s}`?")
        };
        group = group.element(help_level.message(&help));
    }
    let related;
    if let Some(r) = d.related {
        related = if lang.is_tr() {
            format!("ilk kez burada: {origin}:{}:{}", r.line, r.column)
        } else {
            format!("first listed at {origin}:{}:{}", r.line, r.column)
        };
        group = group.element(note_level.message(&related));
    }
    let report: [Group<'_>; 1] = [group];
    let rendered = renderer.render(&report);
    // The location line, with the core's line and column, after the title.
    let gutter = " ".repeat(d.line.to_string().len());
    let arrow = format!("{gutter}--> {origin}:{}:{}", d.line, d.column);
    match rendered.split_once('\n') {
        Some((title, rest)) => format!("{title}\n{arrow}\n{rest}"),
        None => format!("{rendered}\n{arrow}"),
    }
}

/// One diagnostic as JSON (the core's shape: [`Diagnostic::write_json`]).
pub fn diagnostic_json(d: &Diagnostic, lang: Lang) -> Json {
    let mut text = String::new();
    let _ = d.write_json(&mut text, lang.is_tr());
    serde_json::from_str(&text).unwrap_or(Json::Null)
}

/// A summary value as JSON.
pub fn value_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(n) => json!(n),
        Value::Str(s) => json!(s),
        Value::Date(d) => json!(d.to_string()),
        Value::Time(t) => json!(t.to_string()),
        Value::Ints(list) => json!(list.iter().collect::<Vec<_>>()),
        Value::Strs(list) => json!(list.iter().collect::<Vec<_>>()),
    }
}

/// The summary as a JSON object.
pub fn summary_json(report: &Report) -> Json {
    let mut m = Map::new();
    for (name, value) in &report.summary {
        m.insert((*name).to_string(), value_json(value));
    }
    Json::Object(m)
}

/// A summary value for people.
pub fn value_human(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Str(s) => (*s).into(),
        Value::Date(d) => d.to_string(),
        Value::Time(t) => t.to_string(),
        Value::Ints(list) => list
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Strs(list) => list.iter().collect::<Vec<_>>().join(", "),
    }
}

/// Prints findings to standard error, rustc style.
pub fn print_diagnostics(origin: &str, input: &[u8], found: &[Diagnostic], lang: Lang) {
    let renderer = stderr_renderer();
    for d in found {
        eprintln!("{}", human(&renderer, d, input, origin, lang));
    }
}
