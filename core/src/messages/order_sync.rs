//! Baselinker ↔ Optimakers order-sync settings (SPEC §12, seed `002`).
//!
//! A settings document is either `KEY=VALUE` lines (`#` comments, blank
//! lines, values optionally in double quotes) or a JSON object. The
//! currency and VAT-rate id tables are written `currencies.<id>=PLN` /
//! `vatRates.<id>=23` in the line form and as objects
//! `"currencies": {"1": "PLN"}`, `"vatRates": {"1": "23"}` in JSON (our
//! decision: the seed names the tables but not their syntax). Every
//! missing or bad setting is reported at once.
//!
//! ```
//! use santral::diag::Collector;
//! use santral::order_sync::{validate, tokens_equal};
//!
//! let doc = "baselinkerApiKey=abc\nOPTIMES_URL=https://test.syneo.pl\ncurrencies.1=PLN\nvatRates.1=23\n";
//! let mut sink: Collector<32> = Collector::new();
//! let summary = validate(doc.as_bytes(), &mut sink);
//! assert_eq!((summary.currencies, summary.vat_rates), (1, 1));
//! assert!(sink.has(santral::diag::Code::OrderSyncMissingKey)); // optimesApiKey and the rest
//! assert!(tokens_equal(b"s3cret", b"s3cret") && !tokens_equal(b"s3cret", b"s3creT"));
//! ```

use crate::diag::{Code, Counting, Diagnostic, Error, Locator, Path, Sink, Span};
use crate::json::{key_index, text, Event, Scalar, Walker};
use crate::lexical::{Id, Url};

crate::fields! {
    /// Every setting, in the seed's order, then the two id tables; all required.
    pub enum Setting {
        /// Baselinker API key (a secret).
        BaselinkerApiKey = "baselinkerApiKey" required,
        /// Baselinker status of orders to import.
        BaselinkerOrderStatusToImport = "baselinkerOrderStatusToImport" required,
        /// Baselinker status set once sent.
        BaselinkerOrderStatusToSend = "baselinkerOrderStatusToSend" required,
        /// Optimakers API key (a secret).
        OptimesApiKey = "optimesApiKey" required,
        /// Optimakers API token (a secret).
        OptimesApiToken = "optimesApiToken" required,
        /// Optimakers order status.
        OptimesOrderStatus = "optimesOrderStatus" required,
        /// Attribute id: delivery method.
        OptimesOrderAttributeDeliveryMethod = "optimesOrderAttributeDeliveryMethod" required,
        /// Attribute id: delivery price.
        OptimesOrderAttributeDeliveryPrice = "optimesOrderAttributeDeliveryPrice" required,
        /// Attribute id: payment method.
        OptimesOrderAttributePaymentMethod = "optimesOrderAttributePaymentMethod" required,
        /// Attribute id: additional field 1.
        OptimesOrderAttributeAdditionalField1 = "optimesOrderAttributeAdditionalField1" required,
        /// Attribute id: additional field 2.
        OptimesOrderAttributeAdditionalField2 = "optimesOrderAttributeAdditionalField2" required,
        /// Attribute id: note.
        OptimesOrderAttributeNote = "optimesOrderAttributeNote" required,
        /// Customer attribute id: login.
        OptimesCustomerAttributeLogin = "optimesCustomerAttributeLogin" required,
        /// The Optimakers instance.
        OptimesUrl = "OPTIMES_URL" required,
        /// The webhook security token (a secret).
        OptimesWebhookToken = "OPTIMES_WEBHOOKTOKEN" required,
        /// Currency id table.
        Currencies = "currencies" required,
        /// VAT-rate id table.
        VatRates = "vatRates" required,
    }
}

impl Setting {
    /// True for API keys and tokens (non-empty, no whitespace).
    pub const fn is_secret(self) -> bool {
        matches!(
            self,
            Setting::BaselinkerApiKey
                | Setting::OptimesApiKey
                | Setting::OptimesApiToken
                | Setting::OptimesWebhookToken
        )
    }
}

/// Every setting (the wire names of [`Setting`]).
pub const KEYS: [&str; 17] = Setting::NAMES;

const URL: usize = Setting::OptimesUrl.index();
const CURRENCIES: usize = Setting::Currencies.index();

fn is_secret(i: usize) -> bool {
    Setting::from_index(i).is_some_and(Setting::is_secret)
}

/// Active ISO 4217 currency codes.
pub const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL";

/// True for an ISO 4217 code (exact, upper case).
pub fn is_iso_4217(code: &str) -> bool {
    code.len() == 3 && ISO_4217.split(' ').any(|c| c == code)
}

/// True for a VAT label: a rate 0–100 (optionally with `%`, decimals
/// allowed) or a Polish exempt code `zw`, `np`, `oo` (any case).
pub fn is_vat_rate(label: &str) -> bool {
    let l = label.trim();
    if ["zw", "np", "oo"].iter().any(|c| l.eq_ignore_ascii_case(c)) {
        return true;
    }
    let number = l.strip_suffix('%').unwrap_or(l).trim();
    let ok_chars = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    ok_chars
        && crate::decimal::Decimal::parse(number)
            .is_some_and(|r| (0.0..=100.0).contains(&r.to_f64()))
}

/// Compares two tokens in time that depends only on their lengths, not on
/// where they differ (for the webhook security token).
pub fn tokens_equal(a: &[u8], b: &[u8]) -> bool {
    let n = a.len().max(b.len());
    let mut diff = u8::from(a.len() != b.len());
    for i in 0..n {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= core::hint::black_box(x ^ y);
    }
    diff == 0
}

/// What a settings document holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Entries in the currency table.
    pub currencies: u32,
    /// Entries in the VAT table.
    pub vat_rates: u32,
    /// Errors reported.
    pub errors: usize,
    /// Warnings reported.
    pub warnings: usize,
}

impl Summary {
    /// True when no error was reported.
    pub fn is_valid(&self) -> bool {
        self.errors == 0
    }
}

/// Validates a settings document (JSON when its first non-blank byte is
/// `{`, else `KEY=VALUE` lines), reporting every problem.
pub fn validate<S: Sink>(doc: &[u8], sink: &mut S) -> Summary {
    let mut tee = Counting::new(sink);
    let first = doc.iter().find(|b| !b.is_ascii_whitespace());
    let mut summary = if first == Some(&b'{') {
        validate_json(doc, &mut tee)
    } else {
        validate_lines(doc, &mut tee)
    };
    summary.errors = tee.errors;
    summary.warnings = tee.warnings;
    summary
}

/// Checks one scalar setting's value; errors are relative to `value`.
fn check_value(i: usize, value: &str) -> Result<(), Error> {
    let whole = Span::new(0, value.len());
    if is_secret(i) {
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::new(Code::OrderSyncSecret, whole));
        }
        Ok(())
    } else if i == URL {
        Url::parse(value).map(|_| ())
    } else {
        Id::parse(value).map(|_| ())
    }
}

/// Checks a table entry: the id, then the label (a warning when unusual).
fn check_entry(table: usize, id: &str, label: &str) -> (Result<u32, Error>, Option<Code>) {
    let id = Id::parse(id).and_then(|i| {
        u32::try_from(i.get()).map_err(|_| Error::new(Code::IdTooLarge, Span::new(0, id.len())))
    });
    let warning = if table == CURRENCIES {
        (!is_iso_4217(label.trim())).then_some(Code::OrderSyncCurrency)
    } else {
        (!is_vat_rate(label)).then_some(Code::OrderSyncVatRate)
    };
    (id, warning)
}

fn emit<S: Sink>(
    sink: &mut S,
    locator: &mut Locator<'_>,
    code: Code,
    span: Span,
    path: Path,
    suggestion: Option<&'static str>,
) {
    let mut d = Diagnostic::new(code, span).with_path(path);
    d.suggestion = suggestion;
    let _ = sink.report(locator.locate(d));
}

fn table_path(table: usize, id: Option<u32>) -> Path {
    let mut p = Path::key(KEYS.get(table).copied().unwrap_or(""));
    if let Some(id) = id {
        p.push_index(id);
    }
    p
}

fn validate_lines<S: Sink>(doc: &[u8], sink: &mut S) -> Summary {
    let mut summary = Summary::default();
    let mut seen = 0u32;
    let mut offset = 0usize;
    let text = core::str::from_utf8(doc);
    let locator = &mut Locator::new(doc);
    let Ok(text) = text else {
        let at = text.err().map_or(0, |e| e.valid_up_to());
        emit(
            sink,
            locator,
            Code::OrderSyncSyntax,
            Span::new(at, at + 1),
            Path::root(),
            None,
        );
        return summary;
    };
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let at = start + lead;
        let Some((key, value)) = body.split_once('=') else {
            emit(
                sink,
                locator,
                Code::OrderSyncSyntax,
                Span::new(at, at + body.len()),
                Path::root(),
                None,
            );
            continue;
        };
        let key = key.trim_end();
        let value_raw = value.trim();
        let value_at = at + (body.len() - value.len()) + (value.len() - value.trim_start().len());
        let (value, value_at) = match value_raw
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
        {
            Some(v) => (v, value_at + 1),
            None => (value_raw, value_at),
        };
        let key_span = Span::new(at, at + key.len());
        // Table entries: currencies.<id>=LABEL, vatRates.<id>=LABEL.
        if let Some((table_name, id)) = key.split_once('.') {
            if let Some(table) = KEYS
                .iter()
                .position(|k| *k == table_name)
                .filter(|t| *t >= CURRENCIES)
            {
                seen |= 1 << table;
                let (id_result, warning) = check_entry(table, id, value);
                match id_result {
                    Ok(n) => {
                        if table == CURRENCIES {
                            summary.currencies += 1;
                        } else {
                            summary.vat_rates += 1;
                        }
                        if let Some(w) = warning {
                            emit(
                                sink,
                                locator,
                                w,
                                Span::new(value_at, value_at + value.len()),
                                table_path(table, Some(n)),
                                None,
                            );
                        }
                    }
                    Err(e) => {
                        let id_at = at + table_name.len() + 1;
                        emit(
                            sink,
                            locator,
                            e.code,
                            e.span.offset(id_at),
                            table_path(table, None),
                            None,
                        );
                    }
                }
                continue;
            }
        }
        let Some(i) = KEYS
            .iter()
            .position(|k| *k == key)
            .filter(|i| *i < CURRENCIES)
        else {
            let suggestion = crate::lexical::suggest(key, &KEYS);
            emit(
                sink,
                locator,
                Code::OrderSyncUnknownKey,
                key_span,
                Path::root(),
                suggestion,
            );
            continue;
        };
        let path = Path::key(KEYS.get(i).copied().unwrap_or(""));
        if seen & (1 << i) != 0 {
            emit(
                sink,
                locator,
                Code::OrderSyncDuplicateKey,
                key_span,
                path,
                None,
            );
            continue;
        }
        seen |= 1 << i;
        if let Err(e) = check_value(i, value) {
            emit(
                sink,
                locator,
                e.code,
                e.span.offset(value_at),
                path,
                e.suggestion,
            );
        }
    }
    missing(sink, locator, seen, Span::new(doc.len(), doc.len()));
    summary
}

fn missing<S: Sink>(sink: &mut S, locator: &mut Locator<'_>, seen: u32, at: Span) {
    for (i, key) in KEYS.iter().enumerate() {
        if seen & (1 << i) == 0 {
            emit(
                sink,
                locator,
                Code::OrderSyncMissingKey,
                at,
                Path::key(key),
                None,
            );
        }
    }
}

fn validate_json<S: Sink>(doc: &[u8], sink: &mut S) -> Summary {
    let mut summary = Summary::default();
    let mut seen = 0u32;
    let mut end_span = None;
    {
        let mut w = Walker::new(doc, sink);
        if w.begin_object().is_some() {
            let mut end = None;
            while let Some((key, t)) = w.next_key(&mut end) {
                let Some(i) = key_index(key, &KEYS) else {
                    let mut buf = [0u8; 64];
                    let suggestion =
                        text(key, &mut buf).and_then(|k| crate::lexical::suggest(k, &KEYS));
                    w.report_suggesting(Code::OrderSyncUnknownKey, &t, suggestion);
                    w.skip_value();
                    continue;
                };
                let name = KEYS.get(i).copied().unwrap_or("");
                if seen & (1 << i) != 0 {
                    w.report_field(Code::OrderSyncDuplicateKey, &t, name);
                    w.skip_value();
                    continue;
                }
                seen |= 1 << i;
                w.path.push_key(name);
                if i >= CURRENCIES {
                    json_table(&mut w, i, &mut summary);
                } else if let Some((value, vt)) = w.scalar(Code::JsonExpectedString) {
                    let mut buf = [0u8; 2048];
                    let result = match value {
                        Scalar::Str(s) => match text(s, &mut buf) {
                            Some(x) => check_value(i, x).map_err(|e| (e, Some(s))),
                            None => Err((Error::new(Code::UrlTooLong, Span::new(0, 0)), None)),
                        },
                        Scalar::Num(n) if !is_secret(i) && i != URL => {
                            check_value(i, n.as_str()).map_err(|e| (e, None))
                        }
                        _ => Err((Error::new(Code::JsonExpectedString, Span::new(0, 0)), None)),
                    };
                    match result {
                        Ok(()) => {}
                        Err((e, Some(s))) => w.report_in_string(e, &vt, s),
                        Err((e, None)) => w.report(e.code, &vt),
                    }
                }
                w.path.pop();
            }
            end_span = end.map(|e| e.span);
        }
        w.finish();
    }
    if let Some(at) = end_span {
        missing(sink, &mut Locator::new(doc), seen, at);
    }
    summary
}

fn json_table<S: Sink>(w: &mut Walker<'_, '_, S>, table: usize, summary: &mut Summary) {
    let Some(open) = w.next_token() else { return };
    if open.event != Event::BeginObject {
        w.report(Code::JsonExpectedObject, &open);
        w.skip(&open);
        return;
    }
    let mut end = None;
    while let Some((id, id_token)) = w.next_key(&mut end) {
        let mut idbuf = [0u8; 32];
        let Some((value, vt)) = w.scalar(Code::JsonExpectedString) else {
            continue;
        };
        let mut buf = [0u8; 64];
        let label = match value {
            Scalar::Str(s) => text(s, &mut buf),
            Scalar::Num(n) => Some(n.as_str()),
            _ => None,
        };
        let (id_result, warning) = check_entry(
            table,
            text(id, &mut idbuf).unwrap_or(""),
            label.unwrap_or(""),
        );
        match id_result {
            Ok(n) => {
                if table == CURRENCIES {
                    summary.currencies += 1;
                } else {
                    summary.vat_rates += 1;
                }
                w.path.push_index(n);
                if label.is_none() {
                    w.report(Code::JsonExpectedString, &vt);
                } else if let Some(code) = warning {
                    w.report(code, &vt);
                }
                w.path.pop();
            }
            Err(e) => w.report(e.code, &id_token),
        }
    }
}

#[cfg(test)]
mod tests;
