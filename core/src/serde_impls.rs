//! The `serde` feature: `Serialize` for the values a user logs or forwards,
//! `Deserialize` for the value types that validate on the way in. no_std,
//! no allocation: text is written with `collect_str` from the types' own
//! `Display`, and a rejected value is a serde error naming santral's code
//! (`phone.too_short: phone number has too few digits`).
//!
//! How each type is written:
//!
//! | type | as |
//! | --- | --- |
//! | every wire enum (`Lang`, `EventType`, `Keypress`, …) | its wire text (`"tr-TR"`) |
//! | `Phone` | E.164 when it has one (`"+905321234567"`), else its national form (`"4441234"`, an extension `"1001"`) |
//! | `Target` | its canonical text (`"queue/201"`) |
//! | `Date`, `Time`, `Timestamp`, `Duration` | their text (`"2026-12-01"`, `"09:00"`, `"2026-12-01 09:00:00 +0300"`, seconds as a number) |
//! | `Weekdays` | the vendor's day numbers (`[1,2,3]`) |
//! | `Id` | a number; ids and extensions also read from numeric strings |
//! | form values and JSON strings of messages | their decoded text |
//! | `ApiKey` | masked (`"K1234…9012"`): a key never leaves by serialization |
//! | `Diagnostic` | `{code, severity, message, path, offset, end, line, column, suggestion, related}` — never the input's text |
//! | messages (`CallEvent`, `CampaignReport`, `AdvisoryRequest`, …) | an object of their fields; absent fields are `null` |
//!
//! ```
//! # #[cfg(all(feature = "phone", feature = "serde"))] {
//! use santral::phone::Phone;
//! let p = Phone::parse_lenient("0532 123 45 67").unwrap();
//! let mut buf = [0u8; 32];
//! let n = serde_json_core::to_slice(&p, &mut buf).unwrap();
//! assert_eq!(&buf[..n], br#""+905321234567""#);
//! # }
//! ```

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::diag::{Code, Diagnostic, Error, Path, Place, Span};

/// A serde error from a santral error: `code: message`.
fn rejected<E: de::Error>(e: Error) -> E {
    E::custom(format_args!("{}: {}", e.code.id(), e.code.message()))
}

/// `Serialize` through `Display`, and `Deserialize` through a parser of
/// `&str` (owned types).
#[allow(unused_macros)] // used by feature-gated types only
macro_rules! text_value {
    ($(#[$cfg:meta])* $ty:ty, $expecting:literal, $parse:expr) => {
        $(#[$cfg])*
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        $(#[$cfg])*
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                struct Visit;
                impl Visitor<'_> for Visit {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, s: &str) -> Result<$ty, E> {
                        let parse: fn(&str) -> Result<$ty, Error> = $parse;
                        parse(s).map_err(rejected)
                    }
                }
                deserializer.deserialize_str(Visit)
            }
        }
    };
}

/// The same for types that borrow the text (`Target<'a>`): the input must
/// lend it (a JSON string without escapes, a `&str`).
macro_rules! borrowed_value {
    ($(#[$cfg:meta])* $ty:ident, $expecting:literal, $parse:expr) => {
        $(#[$cfg])*
        impl Serialize for $ty<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        borrowed_deserialize!($(#[$cfg])* $ty, $expecting, $parse);
    };
}

/// `Deserialize` alone, for a borrowed type that serializes its own way.
macro_rules! borrowed_deserialize {
    ($(#[$cfg:meta])* $ty:ident, $expecting:literal, $parse:expr) => {
        $(#[$cfg])*
        impl<'de: 'a, 'a> Deserialize<'de> for $ty<'a> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty<'a>, D::Error> {
                struct Visit<'a>(core::marker::PhantomData<&'a ()>);
                impl<'de: 'a, 'a> Visitor<'de> for Visit<'a> {
                    type Value = $ty<'a>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<$ty<'a>, E> {
                        let parse: fn(&'a str) -> Result<$ty<'a>, Error> = $parse;
                        parse(s).map_err(rejected)
                    }
                }
                deserializer.deserialize_str(Visit(core::marker::PhantomData))
            }
        }
    };
}

// ------------------------------------------------------------ value types

#[cfg(feature = "phone")]
impl Serialize for crate::phone::Phone {
    /// E.164 when the number has one, else its national form.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.normalized())
    }
}

/// A phone read from text with these options.
#[cfg(feature = "phone")]
struct PhoneWith(crate::phone::Options);

#[cfg(feature = "phone")]
impl Visitor<'_> for PhoneWith {
    type Value = crate::phone::Phone;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a phone number")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        crate::phone::Phone::parse_with(s, self.0).map_err(rejected)
    }
}

#[cfg(feature = "phone")]
impl<'de> Deserialize<'de> for crate::phone::Phone {
    /// The faces' default parse ([`Options::DEFAULT`](crate::phone::Options::DEFAULT):
    /// strict, an extension accepted); see [`with::lenient_phone`] for typed data.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(PhoneWith(crate::phone::Options::DEFAULT))
    }
}

/// Field helpers for `#[serde(deserialize_with = "…")]`.
pub mod with {
    /// A phone read leniently (the faces' `lenient` option over their
    /// default): `"+90 (532) 123-45-67"`, what people type into a CRM.
    ///
    /// ```
    /// # #[cfg(feature = "phone")] {
    /// #[derive(serde::Deserialize)]
    /// struct Customer {
    ///     #[serde(deserialize_with = "santral::serde_impls::with::lenient_phone")]
    ///     phone: santral::phone::Phone,
    /// }
    /// let c: Customer = serde_json::from_str(r#"{"phone":"0532 123 45 67"}"#).unwrap();
    /// assert_eq!(c.phone, santral::phone::Phone::parse("05321234567").unwrap());
    /// # }
    /// ```
    #[cfg(feature = "phone")]
    pub fn lenient_phone<'de, D: super::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<crate::phone::Phone, D::Error> {
        deserializer.deserialize_str(super::PhoneWith(crate::phone::Options {
            lenient: true,
            ..crate::phone::Options::DEFAULT
        }))
    }
}

#[cfg(feature = "time")]
text_value!(
    crate::time::Date,
    "a date YYYY-MM-DD",
    crate::time::Date::parse
);
#[cfg(feature = "time")]
text_value!(crate::time::Time, "a time HH:MM", crate::time::Time::parse);
#[cfg(feature = "time")]
text_value!(
    crate::time::Timestamp,
    "a timestamp YYYY-MM-DD HH:MM:SS",
    crate::time::Timestamp::parse
);

#[cfg(feature = "time")]
impl Serialize for crate::time::Duration {
    /// Seconds.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.seconds)
    }
}

#[cfg(feature = "time")]
impl Serialize for crate::time::Weekdays {
    /// The vendor's day numbers, Monday = 1.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|d| d.number()))
    }
}

#[cfg(feature = "time")]
impl<'de> Deserialize<'de> for crate::time::Weekdays {
    /// From day numbers 1..=7; an empty list or a number out of range is
    /// rejected, a repeat is not.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = crate::time::Weekdays;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of day numbers 1..=7")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut days = crate::time::Weekdays::EMPTY;
                while let Some(n) = seq.next_element::<i64>()? {
                    days.add(n)
                        .map_err(|code| rejected(Error::new(code, Span::new(0, 0))))?;
                }
                if days.is_empty() {
                    return Err(rejected(Error::new(Code::WeekdaysEmpty, Span::new(0, 0))));
                }
                Ok(days)
            }
        }
        deserializer.deserialize_seq(Visit)
    }
}

impl Serialize for crate::lexical::Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.get())
    }
}

impl<'de> Deserialize<'de> for crate::lexical::Id {
    /// A positive integer (a JSON number: every format, serde-json-core
    /// included, can give one; a numeric string is refused).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = crate::lexical::Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a positive integer id")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                crate::lexical::Id::new(n)
                    .ok_or_else(|| rejected(Error::new(Code::IdInvalid, Span::new(0, 0))))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                let mut buf = [0u8; 20];
                let text = crate::write::write_into(&mut buf, n).map_err(|_| E::custom("id"))?;
                crate::lexical::Id::parse(text).map_err(rejected)
            }
        }
        deserializer.deserialize_u64(Visit)
    }
}

borrowed_value!(Extension, "an extension (digits)", Extension::parse);
borrowed_value!(CallUuid, "a call uuid", CallUuid::parse);
borrowed_value!(Url, "an http:// or https:// URL", Url::parse);
borrowed_value!(Email, "an e-mail address", Email::parse);
borrowed_value!(TtsText, "a TTS text", TtsText::parse);

use crate::lexical::{ApiKey, CallUuid, Email, Extension, TtsText, Url};

impl Serialize for ApiKey<'_> {
    /// Masked (`K1234…9012`): serializing never leaks a key.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&crate::lexical::MaskedKey(self.expose()))
    }
}

borrowed_deserialize!(ApiKey, "an API key", ApiKey::parse);

#[cfg(feature = "target")]
borrowed_value!(
    Target,
    "a call target such as queue/201",
    |s| Target::parse(s, crate::target::TargetContext::Campaign)
);
#[cfg(feature = "target")]
use crate::target::Target;

// ------------------------------------------------------------ text of messages

#[cfg(feature = "json")]
impl Serialize for crate::json::JsonStr<'_> {
    /// The decoded text.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A form value's decoded text; bytes that are not UTF-8 become U+FFFD.
#[cfg(feature = "form")]
struct Decoded<'a>(crate::form::Encoded<'a>);

#[cfg(feature = "form")]
impl fmt::Display for Decoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_lossy(|s| f.write_str(s))
    }
}

#[cfg(feature = "form")]
impl Serialize for crate::form::Encoded<'_> {
    /// The decoded text.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&Decoded(*self))
    }
}

// ------------------------------------------------------------ diagnostics

impl Serialize for Code {
    /// Its stable id (`phone.too_short`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl Serialize for Path {
    /// As written in diagnostics (`phone_list[3].phone`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Span", 2)?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.end()
    }
}

impl Serialize for Place {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Place", 4)?;
        s.serialize_field("offset", &self.span.start)?;
        s.serialize_field("end", &self.span.end)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.end()
    }
}

impl Serialize for Diagnostic {
    /// The shape every face reports (the conformance vectors' `error`),
    /// with the English message.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Diagnostic", 10)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("message", self.code.message())?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("offset", &self.span.start)?;
        s.serialize_field("end", &self.span.end)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("suggestion", &self.suggestion)?;
        s.serialize_field("related", &self.related)?;
        s.end()
    }
}

// ------------------------------------------------------------ message parts

#[cfg(feature = "cdr")]
impl<T: Serialize> Serialize for crate::cdr::Lenient<'_, T> {
    /// The parsed value; `null` when absent or `null`; the raw text when
    /// it was malformed (a warning was reported).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::cdr::Lenient;
        match self {
            Lenient::Absent | Lenient::Null => serializer.serialize_none(),
            Lenient::Value(v) => serializer.serialize_some(v),
            Lenient::Raw(raw) => serializer.serialize_some(raw),
        }
    }
}

#[cfg(feature = "event")]
impl Serialize for crate::event::Cause<'_> {
    /// The cause's name (`NORMAL_CLEARING`), or the text sent.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            crate::event::Cause::Known(c) => c.serialize(serializer),
            crate::event::Cause::Other(raw) => raw.serialize(serializer),
        }
    }
}

#[cfg(feature = "report")]
impl Serialize for crate::report::Digit {
    /// The wire text (`""`, `"3"`, `"-"`, `"!3"`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An address, as text (`core::net` types need serde's std feature).
#[cfg(feature = "cdr")]
struct Address(core::net::IpAddr);

#[cfg(feature = "cdr")]
impl Serialize for Address {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[cfg(feature = "cdr")]
pub(crate) fn ip_lenient<S: Serializer>(
    v: &crate::cdr::Lenient<'_, core::net::IpAddr>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use crate::cdr::Lenient;
    match v {
        Lenient::Absent | Lenient::Null => serializer.serialize_none(),
        Lenient::Value(ip) => serializer.serialize_some(&Address(*ip)),
        Lenient::Raw(raw) => serializer.serialize_some(raw),
    }
}

#[cfg(feature = "check")]
impl Serialize for crate::check::Value {
    /// As in the faces' JSON summaries.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::check::Value;
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(n) => serializer.serialize_u64(*n),
            Value::Str(s) => serializer.serialize_str(s),
            Value::Date(d) => serializer.collect_str(d),
            Value::Time(t) => serializer.collect_str(t),
            Value::Ints(list) => serializer.collect_seq(list.iter()),
            Value::Strs(names) => serializer.collect_seq(names.iter()),
        }
    }
}

#[cfg(feature = "check")]
impl Serialize for crate::check::Report {
    /// `{kind, valid, errors, warnings, diagnostics_omitted, summary: {…}}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Summary<'r>(&'r crate::check::Report);
        impl Serialize for Summary<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0.summary.iter().map(|(k, v)| (*k, v)))
            }
        }
        let mut s = serializer.serialize_struct("Report", 6)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("valid", &self.valid)?;
        s.serialize_field("errors", &self.errors)?;
        s.serialize_field("warnings", &self.warnings)?;
        s.serialize_field("diagnostics_omitted", &self.diagnostics_omitted)?;
        s.serialize_field("summary", &Summary(self))?;
        s.end()
    }
}
