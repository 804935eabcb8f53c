//! Reads one phone number per line on stdin and prints, tab-separated:
//! `input  ok|error-code  valid  kind  e164`. Used by the differential tests
//! against python `phonenumbers` (core/tools/differential.py,
//! core/tools/differential_world.py).
//!
//! With `--world` each line is `REGION<TAB>input` (`-` for no region:
//! [`Phone::parse_with`]; else with `Options::region`) and three columns
//! follow: the region (`-` for none), the display in the region and the
//! international display formats.
//!
//! ```text
//! printf '05321234567\n4441234\n' | cargo run -p santral-core --example phone_batch
//! printf 'DE\t030 27590915\n' | cargo run -p santral-core --example phone_batch -- --world --lenient
//! ```
use std::io::{self, BufRead, BufWriter, Write};

use santral::phone::{Format, Options, Phone};

fn main() -> io::Result<()> {
    let lenient = std::env::args().any(|a| a == "--lenient");
    let world = std::env::args().any(|a| a == "--world");
    let options = if lenient {
        Options::LENIENT
    } else {
        Options::STRICT
    };
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let (region, text) = match line.split_once('\t') {
            Some((r, t)) if world => (r, t),
            _ => ("-", line.as_str()),
        };
        let parsed = if region == "-" {
            Phone::parse_with(text, options)
        } else {
            parse_in(text, region, options)
        };
        let show = |p: &Phone, f: Format| {
            p.format(f)
                .map(|f| f.to_string())
                .unwrap_or_else(|e| e.code.id().to_string())
        };
        match parsed {
            Ok(p) => {
                let e164 = show(&p, Format::E164);
                write!(out, "{text}\tok\t{}\t{}\t{e164}", p.is_valid(), p.kind())?;
                if world {
                    write!(
                        out,
                        "\t{}\t{}\t{}",
                        region_of(&p),
                        show(&p, Format::DisplayInRegion),
                        show(&p, Format::DisplayInternational)
                    )?;
                }
                writeln!(out)?;
            }
            Err(e) => {
                write!(out, "{text}\t{}\tfalse\t-\t-", e.code.id())?;
                if world {
                    write!(out, "\t-\t-\t-")?;
                }
                writeln!(out)?;
            }
        }
    }
    out.flush()
}

#[cfg(feature = "world")]
fn parse_in(text: &str, region: &str, options: Options) -> Result<Phone, santral::diag::Error> {
    let region = santral::phone::Region::parse_any_case(region)?;
    Phone::parse_with(
        text,
        Options {
            region: Some(region),
            ..options
        },
    )
}

#[cfg(not(feature = "world"))]
fn parse_in(text: &str, _: &str, options: Options) -> Result<Phone, santral::diag::Error> {
    Phone::parse_with(text, options)
}

#[cfg(feature = "world")]
fn region_of(p: &Phone) -> &'static str {
    p.region().map_or("-", |r| r.as_str())
}

#[cfg(not(feature = "world"))]
fn region_of(_: &Phone) -> &'static str {
    "-"
}
