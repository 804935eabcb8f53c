//! Phone numbers (SPEC §2): every form the PBX sends, the Turkish numbering
//! plan, country codes, formats and matching.
//!
//! Parsing is strict for wire fields (digits and one leading `+`) and
//! lenient for human-typed data (also ignores spaces, `-`, `.`, `(`, `)`,
//! `/`). Turkish numbers are classified by libphonenumber's TR metadata
//! (generated into `tr_plan.rs`); other countries are checked against the
//! possible lengths of their country code.
//!
//! ```
//! use santral::phone::{Format, Phone, PhoneKind, same_number};
//!
//! let p = Phone::parse("05321234567").unwrap();
//! assert_eq!(p.kind(), PhoneKind::Mobile);
//! assert!(p.is_valid());
//! assert_eq!(p.format(Format::Wire).unwrap().to_string(), "905321234567");
//! assert_eq!(p.format(Format::Display).unwrap().to_string(), "0532 123 45 67");
//! assert!(same_number("05334979714", "+90 533 497 97 14"));
//!
//! // Possible but unassigned: a warning in campaigns, not an error.
//! let q = Phone::parse("05651236547").unwrap();
//! assert!(q.is_possible() && !q.is_valid());
//! ```

mod countries;
mod plan;
mod tr_plan;

use core::fmt;
use core::hash::{Hash, Hasher};

pub use countries::{CountryCode, COUNTRY_CODES};

use crate::diag::{Code, Error, Span};
use crate::write::{write_into, BufferTooSmall};

/// Turkey's country calling code.
pub const TURKEY: u16 = 90;

/// The most digits a number can have (E.164).
pub const MAX_DIGITS: usize = 15;

/// What kind of line a number reaches, in libphonenumber's vocabulary plus
/// [`PhoneKind::Extension`] for internal extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    /// A geographic number (`0212 …`, `0392 …` included).
    FixedLine,
    /// A mobile number.
    Mobile,
    /// Toll free (`0800 …`, `0811 …`).
    TollFree,
    /// Premium rate (`0900 …`, `0888 …`, `0898 …`).
    PremiumRate,
    /// Shared cost (none in Turkey's plan).
    SharedCost,
    /// VoIP (`0850 …`).
    Voip,
    /// Personal numbers (parts of `0592 …`).
    PersonalNumber,
    /// Pagers (`0512 …`).
    Pager,
    /// Universal access numbers (`444 xxxx`).
    Uan,
    /// Voicemail access (none in Turkey's plan).
    Voicemail,
    /// Not classified: a foreign number, or a Turkish number in an
    /// unassigned range.
    Unknown,
    /// An internal PBX extension (`1001`, `911`).
    Extension,
}

impl PhoneKind {
    /// Every kind.
    pub const ALL: &'static [PhoneKind] = &[
        PhoneKind::FixedLine,
        PhoneKind::Mobile,
        PhoneKind::TollFree,
        PhoneKind::PremiumRate,
        PhoneKind::SharedCost,
        PhoneKind::Voip,
        PhoneKind::PersonalNumber,
        PhoneKind::Pager,
        PhoneKind::Uan,
        PhoneKind::Voicemail,
        PhoneKind::Unknown,
        PhoneKind::Extension,
    ];

    /// The snake_case name (`fixed_line`, `mobile`, …, `extension`).
    pub const fn as_str(self) -> &'static str {
        match self {
            PhoneKind::FixedLine => "fixed_line",
            PhoneKind::Mobile => "mobile",
            PhoneKind::TollFree => "toll_free",
            PhoneKind::PremiumRate => "premium_rate",
            PhoneKind::SharedCost => "shared_cost",
            PhoneKind::Voip => "voip",
            PhoneKind::PersonalNumber => "personal_number",
            PhoneKind::Pager => "pager",
            PhoneKind::Uan => "uan",
            PhoneKind::Voicemail => "voicemail",
            PhoneKind::Unknown => "unknown",
            PhoneKind::Extension => "extension",
        }
    }
}

impl fmt::Display for PhoneKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the number was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputForm {
    /// `+905321234567`.
    E164,
    /// `00491234567`.
    International,
    /// The vendor's wire form `905321234567`.
    Wire,
    /// With the trunk prefix: `05321234567`.
    National,
    /// The bare national number: `5321234567`, or a UAN `4441234`.
    Bare,
    /// An internal extension.
    Extension,
}

/// How to parse: strict or lenient, and whether an internal extension is
/// acceptable in this field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Also ignore spaces, `-`, `.`, `(`, `)` and `/` (human-typed data).
    pub lenient: bool,
    /// Accept a 2–8 digit internal extension.
    pub allow_extension: bool,
}

impl Options {
    /// Wire fields: digits and a leading `+` only, no extension.
    pub const STRICT: Options = Options {
        lenient: false,
        allow_extension: false,
    };
    /// Human-typed data, no extension.
    pub const LENIENT: Options = Options {
        lenient: true,
        allow_extension: false,
    };
    /// Call-event and CDR number fields: strict, extensions allowed.
    pub const STRICT_OR_EXTENSION: Options = Options {
        lenient: false,
        allow_extension: true,
    };
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `+905321234567`.
    E164,
    /// What the vendor's API carries: `905321234567`; foreign numbers as
    /// `00491234567`; extensions as themselves.
    Wire,
    /// How it is dialled inside Turkey: `05321234567`, `4441234`,
    /// `00491234567` (foreign), extensions as themselves.
    National,
    /// How it is dialled from abroad with the `00` prefix: `00905321234567`.
    International,
    /// For people, national style: `0532 123 45 67`, `(0212) 963 01 31`.
    Display,
    /// For people, international style: `+90 532 123 45 67`.
    DisplayInternational,
}

impl Format {
    /// Every format.
    pub const ALL: &'static [Format] = &[
        Format::E164,
        Format::Wire,
        Format::National,
        Format::International,
        Format::Display,
        Format::DisplayInternational,
    ];
}

/// A parsed phone number or extension. Small and `Copy`.
///
/// Equality is "same subscriber": `05334979714 == +905334979714`.
#[derive(Clone, Copy)]
pub struct Phone {
    country_code: u16,
    digits: [u8; MAX_DIGITS],
    len: u8,
    kind: PhoneKind,
    form: InputForm,
}

impl PartialEq for Phone {
    fn eq(&self, other: &Phone) -> bool {
        self.country_code == other.country_code && self.national_digits() == other.national_digits()
    }
}

impl Eq for Phone {}

impl Hash for Phone {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.country_code.hash(state);
        self.national_digits().hash(state);
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Phone")
            .field("country_code", &self.country_code)
            .field("national_number", &self.national_number())
            .field("kind", &self.kind)
            .field("form", &self.form)
            .finish()
    }
}

const SEPARATORS: &[u8] = b" -.()/";
/// Digits kept while scanning: more than any valid number, so overlong
/// input is reported as too long rather than cut.
const SCAN_DIGITS: usize = 20;

impl Phone {
    /// Strict parse of a wire field: digits and one leading `+`; no extension.
    pub fn parse(s: &str) -> Result<Phone, Error> {
        Phone::parse_with(s, Options::STRICT)
    }

    /// Lenient parse of human-typed data: `+90 (532) 123 45 67`.
    pub fn parse_lenient(s: &str) -> Result<Phone, Error> {
        Phone::parse_with(s, Options::LENIENT)
    }

    /// Parses with explicit [`Options`].
    pub fn parse_with(s: &str, options: Options) -> Result<Phone, Error> {
        let whole = Span::new(0, s.len());
        let mut buf = [0u8; SCAN_DIGITS];
        let mut n = 0usize;
        let mut plus = false;
        for (i, c) in s.char_indices() {
            let b = u8::try_from(c).unwrap_or(0xFF);
            if b.is_ascii_digit() {
                match buf.get_mut(n) {
                    Some(slot) => *slot = b,
                    None => return Err(Error::new(Code::PhoneTooLong, whole)),
                }
                n += 1;
            } else if b == b'+' && n == 0 && !plus && (i == 0 || options.lenient) {
                plus = true;
            } else if !(options.lenient && SEPARATORS.contains(&b)) {
                return Err(Error::new(
                    Code::PhoneInvalidCharacter,
                    Span::new(i, i + c.len_utf8()),
                ));
            }
        }
        let digits = buf.get(..n).unwrap_or(&[]);
        if digits.is_empty() {
            let code = if plus {
                Code::PhoneTooShort
            } else {
                Code::PhoneEmpty
            };
            return Err(Error::new(code, whole));
        }
        let result = if plus {
            international(digits, InputForm::E164, options)
        } else {
            match digits {
                [b'0', b'0', rest @ ..] => international(rest, InputForm::International, options),
                [b'0', rest @ ..] => turkish(rest, InputForm::National, false),
                [b'9', b'0', rest @ ..] if n >= 9 && n != 10 => {
                    turkish(rest, InputForm::Wire, options.lenient)
                }
                _ => bare(digits, options),
            }
        };
        result.map_err(|code| Error::new(code, whole))
    }

    /// The country calling code; 0 for an extension.
    pub const fn country_code(&self) -> u16 {
        self.country_code
    }

    /// The national significant number (or the extension's digits).
    pub fn national_number(&self) -> &str {
        core::str::from_utf8(self.national_digits()).unwrap_or("")
    }

    fn national_digits(&self) -> &[u8] {
        self.digits.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// The kind of line.
    pub const fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// How the number was written.
    pub const fn input_form(&self) -> InputForm {
        self.form
    }

    /// True for Turkish numbers libphonenumber would call valid (an
    /// assigned range) and for extensions. Foreign numbers are only
    /// length-checked, so they are possible but not known to be valid.
    pub fn is_valid(&self) -> bool {
        self.country_code == TURKEY && self.kind != PhoneKind::Unknown
            || self.kind == PhoneKind::Extension
    }

    /// True: a parsed number always has a possible form and length
    /// (impossible ones are rejected by the parser).
    pub const fn is_possible(&self) -> bool {
        true
    }

    /// True for an internal extension.
    pub fn is_extension(&self) -> bool {
        self.kind == PhoneKind::Extension
    }

    /// The soft finding on this number: a Turkish number in an unassigned
    /// range gives [`Code::PhoneUnassigned`] (a warning, not an error).
    pub fn warning(&self) -> Option<Code> {
        (self.country_code == TURKEY && self.kind == PhoneKind::Unknown)
            .then_some(Code::PhoneUnassigned)
    }

    /// True when the number may be dialled from abroad (not a 444 or 811
    /// number, not an extension).
    pub fn is_internationally_diallable(&self) -> bool {
        match self.country_code {
            0 => false,
            TURKEY => {
                !plan::any_matches(tr_plan::NO_INTERNATIONAL_DIALLING, self.national_digits())
            }
            _ => true,
        }
    }

    /// The number in `format`; fails for formats the number has none in
    /// (a UAN has no international form, an extension only local ones).
    pub fn format(&self, format: Format) -> Result<Formatted, Error> {
        let local_only = matches!(format, Format::National | Format::Display | Format::Wire);
        if self.is_extension() && !local_only {
            return Err(Error::new(Code::PhoneExtensionNotAllowed, Span::new(0, 0)));
        }
        let international_form = matches!(
            format,
            Format::E164 | Format::International | Format::DisplayInternational | Format::Wire
        );
        if international_form && !self.is_extension() && !self.is_internationally_diallable() {
            return Err(Error::new(Code::PhoneNotInternational, Span::new(0, 0)));
        }
        Ok(Formatted {
            phone: *self,
            format,
        })
    }

    /// The key to store and look numbers up by: the national number for
    /// Turkey, the digits for an extension, `+` and the E.164 digits for
    /// other countries (so a foreign key never equals a Turkish one).
    pub fn match_key(&self) -> MatchKey {
        let mut key = MatchKey {
            buf: [0; MAX_DIGITS + 1],
            len: 0,
        };
        let mut w = crate::write::SliceWriter::new(&mut key.buf);
        let _ = match self.country_code {
            0 | TURKEY => fmt::Write::write_str(&mut w, self.national_number()),
            cc => fmt::write(&mut w, format_args!("+{cc}{}", self.national_number())),
        };
        key.len = u8::try_from(w.needed().min(MAX_DIGITS + 1)).unwrap_or(0);
        key
    }
}

/// A lookup key from [`Phone::match_key`]; at most 16 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchKey {
    buf: [u8; MAX_DIGITS + 1],
    len: u8,
}

impl MatchKey {
    /// The key text.
    pub fn as_str(&self) -> &str {
        self.buf
            .get(..usize::from(self.len))
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

impl fmt::Display for MatchKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for MatchKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MatchKey({})", self.as_str())
    }
}

/// True when `a` and `b` denote the same subscriber, whatever their form
/// (both parsed leniently; extensions compare by their digits). A string
/// that does not parse matches nothing.
pub fn same_number(a: &str, b: &str) -> bool {
    let opts = Options {
        lenient: true,
        allow_extension: true,
    };
    match (Phone::parse_with(a, opts), Phone::parse_with(b, opts)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The [`MatchKey`] of a leniently parsed number or extension.
pub fn match_key(s: &str) -> Result<MatchKey, Error> {
    Phone::parse_with(
        s,
        Options {
            lenient: true,
            allow_extension: true,
        },
    )
    .map(|p| p.match_key())
}

fn build(country_code: u16, nsn: &[u8], kind: PhoneKind, form: InputForm) -> Result<Phone, Code> {
    let mut digits = [0u8; MAX_DIGITS];
    digits
        .get_mut(..nsn.len())
        .ok_or(Code::PhoneTooLong)?
        .copy_from_slice(nsn);
    Ok(Phone {
        country_code,
        digits,
        len: u8::try_from(nsn.len()).map_err(|_| Code::PhoneTooLong)?,
        kind,
        form,
    })
}

/// Country code lookup: codes are prefix-free, so the first hit wins.
fn lookup_country(digits: &[u8]) -> Option<(CountryCode, usize)> {
    let mut code: u16 = 0;
    for (i, &d) in digits.iter().take(3).enumerate() {
        code = code * 10 + u16::from(d - b'0');
        if let Ok(at) = COUNTRY_CODES.binary_search_by_key(&code, |c| c.code) {
            return COUNTRY_CODES.get(at).map(|c| (*c, i + 1));
        }
    }
    None
}

/// `digits` after `+` or `00`.
fn international(digits: &[u8], form: InputForm, options: Options) -> Result<Phone, Code> {
    if digits.len() > MAX_DIGITS {
        return Err(Code::PhoneTooLong);
    }
    let Some((country, cc_len)) = lookup_country(digits) else {
        return Err(if digits.len() < 3 {
            Code::PhoneTooShort
        } else {
            Code::PhoneUnknownCountryCode
        });
    };
    let nsn = digits.get(cc_len..).unwrap_or(&[]);
    if country.code == TURKEY {
        return turkish(nsn, form, options.lenient);
    }
    let possible = |n: &[u8]| n.len() < 32 && country.national_lengths & (1 << n.len()) != 0;
    let nsn = match nsn {
        // "+44 (0)20 …": a trunk zero written after the country code.
        [b'0', rest @ ..] if options.lenient && !possible(nsn) && possible(rest) => rest,
        _ => nsn,
    };
    if !possible(nsn) {
        let min = country.national_lengths.trailing_zeros() as usize;
        let max = 31 - country.national_lengths.leading_zeros() as usize;
        return Err(if nsn.len() < min {
            Code::PhoneTooShort
        } else if nsn.len() > max {
            Code::PhoneTooLong
        } else {
            Code::PhoneInvalidLength
        });
    }
    build(country.code, nsn, PhoneKind::Unknown, form)
}

/// A Turkish national significant number. `from_abroad`: written with the
/// country code, where 444/811 numbers may not appear.
fn turkish(nsn: &[u8], form: InputForm, lenient: bool) -> Result<Phone, Code> {
    let from_abroad = matches!(
        form,
        InputForm::E164 | InputForm::International | InputForm::Wire
    );
    let nsn = match nsn {
        // "+90 (0) 532 …": the trunk zero written after the country code.
        [b'0', rest @ ..] if lenient && from_abroad => rest,
        _ => nsn,
    };
    if from_abroad && plan::any_matches(tr_plan::NO_INTERNATIONAL_DIALLING, nsn) {
        return Err(Code::PhoneNotInternational);
    }
    if from_abroad && nsn.len() == 7 {
        // Seven-digit Turkish numbers are UANs, which only exist nationally.
        return Err(Code::PhoneTooShort);
    }
    check_possible(nsn)?;
    build(TURKEY, nsn, classify(nsn), form)
}

/// A Turkish national number is possible when it matches libphonenumber's
/// general pattern for TR (right length for its leading digits).
fn check_possible(nsn: &[u8]) -> Result<(), Code> {
    let len = nsn.len();
    if plan::any_matches(tr_plan::GENERAL, nsn) {
        Ok(())
    } else if len < 10 {
        Err(Code::PhoneTooShort)
    } else if len > 10 {
        Err(Code::PhoneTooLong)
    } else {
        Err(Code::PhoneInvalidPrefix)
    }
}

/// libphonenumber's `number_type` for a TR national number.
fn classify(nsn: &[u8]) -> PhoneKind {
    if !plan::any_matches(tr_plan::GENERAL, nsn) {
        return PhoneKind::Unknown;
    }
    tr_plan::KINDS
        .iter()
        .find(|(_, patterns)| plan::any_matches(patterns, nsn))
        .map_or(PhoneKind::Unknown, |(kind, _)| *kind)
}

/// Digits with no prefix: a bare NSN, a UAN, or an extension.
fn bare(digits: &[u8], options: Options) -> Result<Phone, Code> {
    let n = digits.len();
    if n == 7 && plan::any_matches(tr_plan::UAN, digits) {
        return build(TURKEY, digits, PhoneKind::Uan, InputForm::Bare);
    }
    if n == 10 || (matches!(n, 12 | 13) && plan::any_matches(tr_plan::GENERAL, digits)) {
        check_possible(digits)?;
        return build(TURKEY, digits, classify(digits), InputForm::Bare);
    }
    if (2..=8).contains(&n) && options.allow_extension {
        return build(0, digits, PhoneKind::Extension, InputForm::Extension);
    }
    Err(match n {
        2..=6 => Code::PhoneExtensionNotAllowed,
        0..=9 => Code::PhoneTooShort,
        _ => Code::PhoneTooLong,
    })
}

/// A number in one [`Format`]; `Display` writes it.
#[derive(Clone, Copy, Debug)]
pub struct Formatted {
    phone: Phone,
    format: Format,
}

impl Formatted {
    /// Writes into `buf`, or reports the exact size needed.
    pub fn write_to<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, BufferTooSmall> {
        write_into(buf, self)
    }
}

fn write_digits(f: &mut fmt::Formatter<'_>, d: &[u8]) -> fmt::Result {
    f.write_str(core::str::from_utf8(d).unwrap_or(""))
}

impl fmt::Display for Formatted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.phone;
        let nsn = p.national_number();
        let cc = p.country_code;
        if cc == 0 {
            return f.write_str(nsn);
        }
        let tr_format = if cc == TURKEY {
            tr_plan::FORMATS
                .iter()
                .find(|fm| fm.applies(p.national_digits()))
        } else {
            None
        };
        let bare = tr_format.is_some_and(|fm| fm.national == plan::NationalRule::Bare);
        match (self.format, cc) {
            (Format::E164, _) => write!(f, "+{cc}{nsn}"),
            (Format::Wire, TURKEY) => write!(f, "{cc}{nsn}"),
            (Format::National, TURKEY) if bare => f.write_str(nsn),
            (Format::National, TURKEY) => write!(f, "0{nsn}"),
            (Format::Wire | Format::National | Format::International, _) => {
                write!(f, "00{cc}{nsn}")
            }
            (Format::Display, TURKEY) => match tr_format {
                Some(fm) => {
                    for (i, group) in fm.split(p.national_digits()).enumerate() {
                        match (i, fm.national) {
                            (0, plan::NationalRule::Bare) => {}
                            (0, plan::NationalRule::TrunkPrefix) => f.write_str("0")?,
                            (0, plan::NationalRule::TrunkPrefixInParentheses) => {
                                f.write_str("(0")?
                            }
                            _ => f.write_str(" ")?,
                        }
                        write_digits(f, group)?;
                        if i == 0 && fm.national == plan::NationalRule::TrunkPrefixInParentheses {
                            f.write_str(")")?;
                        }
                    }
                    Ok(())
                }
                None => write!(f, "0{nsn}"),
            },
            (Format::DisplayInternational, TURKEY) => {
                write!(f, "+{cc}")?;
                match tr_format.filter(|fm| fm.international) {
                    Some(fm) => {
                        for group in fm.split(p.national_digits()) {
                            f.write_str(" ")?;
                            write_digits(f, group)?;
                        }
                        Ok(())
                    }
                    None => write!(f, " {nsn}"),
                }
            }
            (Format::Display | Format::DisplayInternational, _) => write!(f, "+{cc} {nsn}"),
        }
    }
}

#[cfg(test)]
mod tests;
