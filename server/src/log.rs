//! One line per event, with a UTC timestamp.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use santral::time::{Timestamp, Zone};

/// Where a service writes its log lines.
#[derive(Clone)]
pub struct Log(Arc<dyn Fn(&str) + Send + Sync>);

impl fmt::Debug for Log {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Log")
    }
}

impl Log {
    /// Lines to standard error.
    pub fn stderr() -> Log {
        Log(Arc::new(|line| {
            // One write per line (eprintln! makes two: the text, then the
            // newline; the gateway logs twice per event).
            let mut whole = String::with_capacity(line.len() + 1);
            whole.push_str(line);
            whole.push('\n');
            let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), whole.as_bytes());
        }))
    }

    /// Lines to `f` (tests collect them).
    pub fn to(f: impl Fn(&str) + Send + Sync + 'static) -> Log {
        Log(Arc::new(f))
    }

    /// Writes one line, prefixed with the time.
    pub fn line(&self, args: fmt::Arguments<'_>) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let stamp = Timestamp::from_unix(i64::try_from(now).unwrap_or(0), Zone::Utc)
            .map(|t| t.to_string())
            .unwrap_or_default();
        (self.0)(&format!("{stamp} {args}"));
    }
}

/// A diagnostic as one log line: `error phone.too_short at phone_list[0].phone,
/// line 1, column 90: phone number has too few digits` (codes and places,
/// never the input's text).
pub fn diagnostic_line(d: &santral::diag::Diagnostic) -> String {
    let path = d.path.to_string();
    format!(
        "{} {} at {}line {}, column {}: {}",
        d.severity,
        d.code.id(),
        if path.is_empty() {
            String::new()
        } else {
            format!("{path}, ")
        },
        d.line,
        d.column,
        d.code.message()
    )
}
