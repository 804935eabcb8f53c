//! santral's phone checks as a Polars expression plugin.
//!
//! Polars loads this library and calls each expression on Arrow buffers in
//! its own thread pool (no Python per row, no GIL). Every verdict comes from
//! `santral-core`, read the way the wheel's `normalize_phones` reads a batch
//! ([`Options::batch`]): the plugin only moves values between Polars'
//! columns and the core.
//!
//! A null input stays null in every output; a value that does not parse is
//! null in `e164`, `kind` and `match_key`, `false` in `valid`, and its code
//! in `error` — never an exception in the middle of a frame.
//!
//! The Python half (`santral_polars`, and `santral.polars` in the wheel)
//! registers the `santral` namespace on `pl.Expr`:
//! `pl.col("phone").santral.e164()`.

use polars::prelude::*;
use polars_core::runtime::THREAD_POOL;
use pyo3_polars::derive::{polars_expr, CallerContext};
use rayon::prelude::*;
use santral_core::phone::{Options, Phone};
use serde::Deserialize;
use std::fmt::Write as _;

/// Allocate through Polars' allocator, as its plugin guide asks: buffers
/// handed to Polars are freed by Polars.
#[global_allocator]
static ALLOC: pyo3_polars::PolarsAllocator = pyo3_polars::PolarsAllocator::new();

/// The keyword arguments every expression takes.
#[derive(Debug, Deserialize)]
struct Kwargs {
    /// Human-typed forms accepted (spaces, dashes, `(0212)`, a leading
    /// `0090`); the Python side passes the core's default.
    lenient: bool,
    /// The region national forms are written in (`"DE"`); none: Turkey's.
    #[serde(default)]
    region: Option<String>,
    /// Accept 2–8 digit internal extensions (off: a customer column).
    #[serde(default)]
    allow_extension: bool,
}

/// One value's verdict, with its text formatted on the stack.
enum Row {
    Null,
    Parsed { phone: Phone },
    Refused { code: &'static str },
}

fn read(value: Option<&str>, options: Options) -> Row {
    match value {
        None => Row::Null,
        Some(s) => match Phone::parse_with(s, options) {
            Ok(phone) => Row::Parsed { phone },
            Err(e) => Row::Refused { code: e.code.id() },
        },
    }
}

/// Formats into a reused buffer (no allocation per row).
fn text(buffer: &mut String, value: impl std::fmt::Display) -> &str {
    buffer.clear();
    // Writing into a String cannot fail.
    let _ = write!(buffer, "{value}");
    buffer
}

/// The one text column every expression reads.
fn strings(inputs: &[Series]) -> PolarsResult<&StringChunked> {
    inputs
        .first()
        .ok_or_else(|| polars_err!(ComputeError: "santral: the expression takes one column"))?
        .str()
}

/// Below this many rows a column is not worth splitting across threads.
const PARALLEL_ROWS: usize = 1 << 16;

/// Runs `column` over the input. When Polars is not already running the
/// expression in parallel (an eager `select` on one large chunk), the rows
/// are split into one zero-copy slice per thread of Polars' pool and the
/// pieces appended in order.
fn run(
    inputs: &[Series],
    context: CallerContext,
    kwargs: &Kwargs,
    column: fn(&StringChunked, Options) -> PolarsResult<Series>,
) -> PolarsResult<Series> {
    let ca = strings(inputs)?;
    let options = Options::batch(kwargs.lenient)
        .with_extensions(kwargs.allow_extension)
        .with_region_text(kwargs.region.as_deref())
        .map_err(|d| polars_err!(ComputeError: "{}: {}", d.code.id(), d.message(false)))?;
    let threads = THREAD_POOL.current_num_threads();
    if context.parallel() || threads < 2 || ca.len() < PARALLEL_ROWS {
        return column(ca, options);
    }
    let step = ca.len().div_ceil(threads);
    let pieces: Vec<StringChunked> = (0..threads)
        .map(|i| ca.slice((i * step) as i64, step))
        .filter(|piece| !piece.is_empty())
        .collect();
    let results: Vec<PolarsResult<Series>> = THREAD_POOL.install(|| {
        pieces
            .par_iter()
            .map(|piece| column(piece, options))
            .collect()
    });
    let mut results = results.into_iter();
    let mut out = match results.next() {
        Some(first) => first?,
        None => return column(ca, options),
    };
    for piece in results {
        out.append(&piece?)?;
    }
    Ok(out)
}

/// One string column from every row's verdict: `f` writes a present value.
fn string_column(
    ca: &StringChunked,
    options: Options,
    f: impl Fn(&Row, &mut String) -> Option<()>,
) -> PolarsResult<Series> {
    let mut out = StringChunkedBuilder::new(ca.name().clone(), ca.len());
    let mut buffer = String::with_capacity(32);
    for value in ca.iter() {
        let row = read(value, options);
        buffer.clear();
        match f(&row, &mut buffer) {
            Some(()) => out.append_value(buffer.as_str()),
            None => out.append_null(),
        }
    }
    Ok(out.finish().into_series())
}

fn e164_column(ca: &StringChunked, options: Options) -> PolarsResult<Series> {
    string_column(ca, options, |row, buffer| match row {
        // No E.164 form (a 444 number, an extension): null.
        Row::Parsed { phone } => {
            text(buffer, phone.e164()?);
            Some(())
        }
        _ => None,
    })
}

fn kind_column(ca: &StringChunked, options: Options) -> PolarsResult<Series> {
    string_column(ca, options, |row, buffer| match row {
        Row::Parsed { phone } => {
            buffer.push_str(phone.kind().as_str());
            Some(())
        }
        _ => None,
    })
}

fn match_key_column(ca: &StringChunked, options: Options) -> PolarsResult<Series> {
    string_column(ca, options, |row, buffer| match row {
        Row::Parsed { phone } => {
            buffer.push_str(phone.match_key().as_str());
            Some(())
        }
        _ => None,
    })
}

fn error_column(ca: &StringChunked, options: Options) -> PolarsResult<Series> {
    string_column(ca, options, |row, buffer| match row {
        Row::Refused { code } => {
            buffer.push_str(code);
            Some(())
        }
        _ => None,
    })
}

fn valid_column(ca: &StringChunked, options: Options) -> PolarsResult<Series> {
    let out: BooleanChunked = ca
        .iter()
        .map(|value| match read(value, options) {
            Row::Null => None,
            Row::Parsed { phone } => Some(phone.is_valid()),
            Row::Refused { .. } => Some(false),
        })
        .collect();
    Ok(out.with_name(ca.name().clone()).into_series())
}

/// The struct's fields, in `normalize_phones`' order.
const FIELDS: [&str; 4] = ["e164", "kind", "valid", "error"];

fn normalize_fields() -> Vec<Field> {
    FIELDS
        .iter()
        .map(|name| {
            let dtype = if *name == "valid" {
                DataType::Boolean
            } else {
                DataType::String
            };
            Field::new((*name).into(), dtype)
        })
        .collect()
}

fn normalize_output(input_fields: &[Field]) -> PolarsResult<Field> {
    let name = input_fields
        .first()
        .map(|f| f.name().clone())
        .unwrap_or_else(|| "phone".into());
    Ok(Field::new(name, DataType::Struct(normalize_fields())))
}

fn normalize_column(ca: &StringChunked, options: Options) -> PolarsResult<Series> {
    let n = ca.len();
    let mut e164 = StringChunkedBuilder::new(FIELDS[0].into(), n);
    let mut kind = StringChunkedBuilder::new(FIELDS[1].into(), n);
    let mut valid = BooleanChunkedBuilder::new(FIELDS[2].into(), n);
    let mut error = StringChunkedBuilder::new(FIELDS[3].into(), n);
    // The struct's own validity, kept only when the input has nulls.
    let has_nulls = ca.null_count() > 0;
    let mut present = Vec::with_capacity(if has_nulls { n } else { 0 });
    let mut buffer = String::with_capacity(32);
    for value in ca.iter() {
        if has_nulls {
            present.push(value.is_some());
        }
        match read(value, options) {
            Row::Null => {
                e164.append_null();
                kind.append_null();
                valid.append_null();
                error.append_null();
            }
            Row::Parsed { phone } => {
                match phone.e164() {
                    Some(f) => e164.append_value(text(&mut buffer, f)),
                    None => e164.append_null(),
                }
                kind.append_value(phone.kind().as_str());
                valid.append_value(phone.is_valid());
                error.append_null();
            }
            Row::Refused { code } => {
                e164.append_null();
                kind.append_null();
                valid.append_value(false);
                error.append_value(code);
            }
        }
    }
    let fields = [
        e164.finish().into_series(),
        kind.finish().into_series(),
        valid.finish().into_series(),
        error.finish().into_series(),
    ];
    let out = StructChunked::from_series(ca.name().clone(), n, fields.iter())?;
    let out = if has_nulls {
        out.with_outer_validity(Some(present.into_iter().collect()))
    } else {
        out
    };
    Ok(out.into_series())
}

/// The number normalised for storage: E.164, or the national form for a
/// 444 number or an extension (the core's `Phone::normalized`).
#[polars_expr(output_type=String)]
fn e164(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    run(inputs, context, &kwargs, e164_column)
}

/// The number's kind (`mobile`, `fixed_line`, `extension`, …).
#[polars_expr(output_type=String)]
fn kind(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    run(inputs, context, &kwargs, kind_column)
}

/// The lookup key two writings of one subscriber share.
#[polars_expr(output_type=String)]
fn match_key(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    run(inputs, context, &kwargs, match_key_column)
}

/// The code of a value that does not parse (`phone.too_short`, …); null
/// for a number that parses.
#[polars_expr(output_type=String)]
fn error(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    run(inputs, context, &kwargs, error_column)
}

/// Whether the number is valid (libphonenumber's verdict); `false` for a
/// value that does not parse.
#[polars_expr(output_type=Boolean)]
fn valid(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    run(inputs, context, &kwargs, valid_column)
}

/// Every column of `normalize_phones` at once: a struct of `e164`, `kind`,
/// `valid`, `error`, null where the input is null. One parse per row.
#[polars_expr(output_type_func=normalize_output)]
fn normalize(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    run(inputs, context, &kwargs, normalize_column)
}

/// The names the core gives each kind and code, for the Python half's
/// types and docs (read once, not repeated in Python).
#[pyo3::pymodule]
mod _plugin {
    use pyo3::prelude::*;

    /// The kind names, in the core's order.
    #[pyfunction]
    fn phone_kinds() -> Vec<&'static str> {
        santral_core::phone::PhoneKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect()
    }

    /// The core's default leniency of batch normalisation.
    #[pyfunction]
    fn default_lenient() -> bool {
        santral_core::phone::Options::MATCHING.lenient
    }

    /// The version of santral-core this plugin was built with.
    #[pyfunction]
    fn core_version() -> &'static str {
        super::CORE_VERSION
    }
}

const CORE_VERSION: &str = env!("CARGO_PKG_VERSION");
