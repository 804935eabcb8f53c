//! Reads one phone number per line on stdin and prints, tab-separated:
//! `input  ok|error-code  valid  kind  e164`. Used by the differential test
//! against python `phonenumbers` (core/tools/differential.py).
//!
//! ```text
//! printf '05321234567\n4441234\n' | cargo run -p santral-core --example phone_batch
//! ```
use std::io::{self, BufRead, BufWriter, Write};

use santral::phone::{Format, Options, Phone};

fn main() -> io::Result<()> {
    let lenient = std::env::args().any(|a| a == "--lenient");
    let options = if lenient {
        Options::LENIENT
    } else {
        Options::STRICT
    };
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        match Phone::parse_with(&line, options) {
            Ok(p) => {
                let e164 = p
                    .format(Format::E164)
                    .map(|f| f.to_string())
                    .unwrap_or_else(|e| e.code.id().to_string());
                writeln!(out, "{line}\tok\t{}\t{}\t{e164}", p.is_valid(), p.kind())?;
            }
            Err(e) => writeln!(out, "{line}\t{}\tfalse\t-\t-", e.code.id())?,
        }
    }
    out.flush()
}
