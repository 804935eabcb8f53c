//! Declarations made once: the two macros every message module uses.
//!
//! - [`wire_enum!`](crate::wire_enum) declares an enum of wire texts (an
//!   event type, a direction, a language…) and gives it `ALL`, `NAMES`,
//!   `as_str`, `c_str` (for the C ABI), `from_wire`, `parse` with a
//!   spelling suggestion, and `Display`. Every face reads these instead of
//!   keeping its own list (after smoltcp's `enum_with_unknown!`).
//! - [`fields!`](crate::fields) declares a message's fields: each name, its
//!   slot (the variant) and whether it is always required. Parsers look
//!   fields up by variant, never by a parallel array of numbers.
//!
//! ```
//! santral::wire_enum! {
//!     /// A colour.
//!     pub enum Colour: santral::Code::OnOffInvalid {
//!         /// Red.
//!         Red = "red",
//!         /// Blue.
//!         Blue = "blue",
//!     }
//! }
//! assert_eq!(Colour::parse("blue"), Ok(Colour::Blue));
//! assert_eq!(Colour::parse("bleu").unwrap_err().suggestion, Some("blue"));
//! assert_eq!(Colour::Red.c_str().to_str(), Ok("red"));
//! assert_eq!(Colour::NAMES, ["red", "blue"]);
//! ```

/// Declares an enum of wire texts once: variants and their texts.
///
/// `pub enum Name: Code::X { Variant = "text", … }` also gives `parse`
/// (reporting `Code::X` with a suggestion); without `: Code::X` only
/// `from_wire` is generated. See the [module docs](crate::wire).
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $code:path {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $crate::wire_enum! {
            $(#[$meta])*
            $vis enum $name {
                $( $(#[$vmeta])* $variant = $text ),+
            }
        }

        impl $name {
            /// Parses the wire text (exact); an unknown text is reported
            /// with the closest known spelling as a suggestion.
            pub fn parse(s: &str) -> Result<$name, $crate::diag::Error> {
                Self::from_wire(s).ok_or_else(|| $crate::diag::Error {
                    code: $code,
                    span: $crate::diag::Span::new(0, s.len()),
                    suggestion: $crate::diag::suggest(s, Self::NAMES),
                })
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Every wire text, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text,)+];

            /// The type's name (`PhoneKind`), for bindings that generate
            /// their own enums from the core.
            pub const TYPE_NAME: &'static str = stringify!($name);

            /// Every variant's name (`FixedLine`), in declaration order.
            pub const VARIANTS: &'static [&'static str] = &[$(stringify!($variant),)+];

            /// The wire text.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The wire text as a NUL-terminated C string (for the C ABI).
            pub const fn c_str(self) -> &'static core::ffi::CStr {
                match self { $($name::$variant => $crate::diag::cstr(concat!($text, "\0")),)+ }
            }

            /// The value whose wire text is exactly `s`.
            pub fn from_wire(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Parses an option value given by a user (a flag, a keyword
            /// argument): exact text, else an [`UnknownName`]($crate::wire::UnknownName)
            /// that lists the names and suggests the closest.
            pub fn from_option(s: &str) -> Result<$name, $crate::wire::UnknownName> {
                Self::from_wire(s).ok_or_else(|| $crate::wire::UnknownName {
                    names: Self::NAMES,
                    suggestion: $crate::diag::suggest(s, Self::NAMES),
                })
            }

            /// The position of this value in [`ALL`](Self::ALL).
            pub fn index(self) -> usize {
                Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// As its wire text.
        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// From its exact wire text.
        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                struct Visit;
                impl serde::de::Visitor<'_> for Visit {
                    type Value = $name;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        write!(f, "one of {:?}", $name::NAMES)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        $name::from_wire(s).ok_or_else(|| E::unknown_variant(s, $name::NAMES))
                    }
                }
                deserializer.deserialize_str(Visit)
            }
        }
    };
}

/// Declares a message's fields once: `enum Name { Variant = "name" [required], … }`.
///
/// Gives `NAMES` (for the form scanner and the JSON walker), `ALL`,
/// `name()`, `doc()` (the variant's doc comment), `index()` (the field's slot), `from_index`, and `REQUIRED`,
/// the bit mask of fields that must always be present. Rules that depend
/// on other fields (a queue campaign's `queue_number`) stay with the
/// message.
///
/// ```
/// santral::fields! {
///     /// A tiny message.
///     pub enum Tiny {
///         /// Always there.
///         Id = "id" required,
///         /// Optional.
///         Note = "note",
///     }
/// }
/// assert_eq!(Tiny::NAMES, ["id", "note"]);
/// assert_eq!(Tiny::from_index(1), Some(Tiny::Note));
/// assert!(Tiny::Id.is_required() && !Tiny::Note.is_required());
/// assert_eq!(Tiny::Note.doc(), " Optional.\n");
/// ```
#[macro_export]
macro_rules! fields {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $text:literal $($required:ident)? ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        $vis enum $name {
            $( $(#[doc = $vdoc])* $variant, )+
        }

        impl $name {
            /// Every field, in declaration order (the order of `NAMES`).
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Every field's wire name, in slot order.
            pub const NAMES: [&'static str; $name::ALL.len()] = [$($text,)+];

            /// Bit `i` set: field `i` is always required.
            #[allow(clippy::identity_op, clippy::erasing_op)]
            pub const REQUIRED: u64 = 0 $( | ($crate::fields!(@bit $($required)?) << ($name::$variant as u64)) )+;

            /// The field's wire name.
            pub const fn name(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The field's doc comment, as declared (one line each, each
            /// starting with the space after `///`): what the reference
            /// documentation prints.
            pub const fn doc(self) -> &'static str {
                match self { $($name::$variant => concat!($($vdoc, "\n",)*),)+ }
            }

            /// The field's slot: its position in `NAMES`.
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The field in slot `i`.
            pub fn from_index(i: usize) -> Option<$name> {
                Self::ALL.get(i).copied()
            }

            /// True when the field must always be present.
            #[allow(clippy::bad_bit_mask)]
            pub const fn is_required(self) -> bool {
                Self::REQUIRED & (1 << (self as u64)) != 0
            }
        }
    };
    (@bit required) => { 1u64 };
    (@bit) => { 0u64 };
}

/// An option value that is none of an enum's names: what every face
/// reports for `--caller-form nationl`, `caller_form="nationl"`, …
///
/// ```
/// use santral::phone::Format;
/// let e = Format::from_option("e.164").unwrap_err();
/// assert_eq!(e.to_string(), "must be one of e164, wire, national, international, display, display_international, display_in_region (did you mean e164?)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// The names accepted.
    pub names: &'static [&'static str],
    /// The closest name, if the value looks like a typo of one.
    pub suggestion: Option<&'static str>,
}

impl core::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("must be one of ")?;
        for (i, n) in self.names.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(n)?;
        }
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean {s}?)")?;
        }
        Ok(())
    }
}

/// A JSON field's type and rule, for a message whose reader checks it by
/// hand: the reader takes its bounds from here, and documents (the
/// OpenAPI document's JSON Schemas) are written from it.
///
/// ```
/// use santral::campaign::Field;
/// use santral::wire::Shape;
/// assert_eq!(Field::RingTimeout.shape(), Shape::Int { min: 25, max: 60 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The API key: up to 64 characters, no spaces.
    Key,
    /// Text that is not blank.
    Name,
    /// Text.
    Text,
    /// An integer in `min..=max`.
    Int {
        /// Smallest.
        min: i64,
        /// Largest.
        max: i64,
    },
    /// A positive id, as a number or a string of digits.
    Id,
    /// An extension (2 to 8 digits), as a number or a string.
    Extension,
    /// A day, `YYYY-MM-DD`.
    Day,
    /// A time of day, `HH:MM`.
    Clock,
    /// Weekday numbers, 1 (Monday) to 7, at least one.
    Weekdays,
    /// A phone number in the strict form.
    Phone,
    /// An absolute http(s) URL.
    Url,
    /// A routing target (`user/1001`, `tts/tr-TR/…`), or empty for none.
    Target,
    /// A TTS phrase (`#429 12/05/2017 …`).
    Phrase,
    /// A JSON boolean.
    Bool,
    /// A boolean, or the strings `"true"`/`"false"`.
    Boolish,
    /// One of these texts.
    Choice(&'static [&'static str]),
    /// One of these texts, or another kept as sent (an undocumented
    /// hangup cause).
    Open(&'static [&'static str]),
    /// A timestamp (`2016-01-01 00:00:00`, with or without a zone).
    Timestamp,
    /// A duration: seconds, or `HH:MM:SS`.
    Duration,
    /// A campaign report's key: empty, `0`–`9`, `*`, `#`, `-`, or `!N`;
    /// always present.
    Digit,
    /// A caller: a phone number or an extension, or withheld (empty or
    /// `anonymous`).
    Caller,
    /// A list of objects whose fields are `fields`, at least one.
    List {
        /// Each field's wire name, whether required, and its shape.
        fields: &'static [(&'static str, bool, Shape)],
    },
}
