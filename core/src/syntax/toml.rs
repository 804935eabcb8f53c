//! A small TOML reader for santral's own configuration files (the
//! gateway's): comments, `[table]` and `[[array-of-tables]]` headers,
//! `key = value` pairs with basic (`"…"`) and literal (`'…'`) strings,
//! integers, booleans, arrays of scalars (over several lines too) and
//! one-line inline tables of scalars. Multi-line strings, dates, floats
//! and nested arrays are reported as unsupported rather than misread.
//!
//! Zero-copy and fixed memory: [`Reader`] yields [`Item`]s borrowing the
//! input; arrays and inline tables are re-read on demand, so nothing the
//! input controls decides the reader's depth or memory.
//!
//! ```
//! use santral::toml::{Item, Reader, Scalar, Value};
//! let mut r = Reader::new(b"listen = \"127.0.0.1:8096\" # where\n[[sink]]\nkeypress = 1\nallow = [\"a\", 'b']\n");
//! let Some(Ok(Item::Pair { key, value: Value::Scalar(Scalar::Str(s)), .. })) = r.next() else { panic!() };
//! assert!(key.eq_str("listen") && s.eq_str("127.0.0.1:8096"));
//! assert!(matches!(r.next(), Some(Ok(Item::Table { array: true, .. }))));
//! assert!(matches!(r.next(), Some(Ok(Item::Pair { value: Value::Scalar(Scalar::Int(1)), .. }))));
//! let Some(Ok(Item::Pair { value: Value::Array(a), .. })) = r.next() else { panic!() };
//! assert_eq!(a.items().filter_map(Result::ok).count(), 2);
//! assert!(r.next().is_none());
//! ```

use crate::diag::{Code, Error, Span};

/// A string or key as written: its raw bytes between the quotes (or the
/// bare key), with how to decode them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TomlStr<'a> {
    raw: &'a [u8],
    span: Span,
    /// `"…"` with escapes to decode.
    basic: bool,
}

impl<'a> TomlStr<'a> {
    /// A string that is not in the input (a default), as a literal string.
    pub const fn literal(s: &'a str) -> TomlStr<'a> {
        TomlStr {
            raw: s.as_bytes(),
            span: Span::new(0, 0),
            basic: false,
        }
    }

    /// The string after `prefix`, when it starts with it and needs no
    /// decoding (its span moves along).
    pub fn strip_prefix(&self, prefix: &str) -> Option<TomlStr<'a>> {
        let text = self.as_str()?.strip_prefix(prefix)?;
        let quote = usize::from(self.span.end > self.span.start);
        let start = self.span.start + quote + prefix.len();
        Some(TomlStr {
            raw: text.as_bytes(),
            span: Span::new(start, start + text.len()),
            basic: self.basic,
        })
    }

    /// The raw bytes (no quotes).
    pub const fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Where the value is in the input (quotes included).
    pub const fn span(&self) -> Span {
        self.span
    }

    /// The text, borrowed, when it needs no decoding.
    pub fn as_str(&self) -> Option<&'a str> {
        if self.basic && self.raw.contains(&b'\\') {
            return None;
        }
        core::str::from_utf8(self.raw).ok()
    }

    /// Decodes into `buf` (escapes of a basic string resolved); `None`
    /// when `buf` is too small.
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Option<&'b str> {
        if let Some(s) = self.as_str() {
            let out = buf.get_mut(..s.len())?;
            out.copy_from_slice(s.as_bytes());
            return core::str::from_utf8(out).ok();
        }
        let mut n = 0usize;
        let mut put = |bytes: &[u8], n: &mut usize| -> Option<()> {
            let dst = buf.get_mut(*n..*n + bytes.len())?;
            dst.copy_from_slice(bytes);
            *n += bytes.len();
            Some(())
        };
        let mut i = 0usize;
        let raw = self.raw;
        while let Some(&b) = raw.get(i) {
            if b != b'\\' {
                put(&[b], &mut n)?;
                i += 1;
                continue;
            }
            let (c, used) = escape(raw, i).ok()?;
            let mut tmp = [0u8; 4];
            put(c.encode_utf8(&mut tmp).as_bytes(), &mut n)?;
            i += used;
        }
        core::str::from_utf8(buf.get(..n)?).ok()
    }

    /// True when the decoded text equals `s`.
    pub fn eq_str(&self, s: &str) -> bool {
        match self.as_str() {
            Some(t) => t == s,
            None => {
                let mut buf = [0u8; 256];
                self.decode_into(&mut buf) == Some(s)
            }
        }
    }

    /// Decoded length upper bound (for sizing a buffer).
    pub const fn len(&self) -> usize {
        self.raw.len()
    }

    /// True for `""`.
    pub const fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }
}

/// The character an escape at `raw[i]` (`\`) stands for, and its length.
fn escape(raw: &[u8], i: usize) -> Result<(char, usize), usize> {
    let c = match raw.get(i + 1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'n') => '\n',
        Some(b't') => '\t',
        Some(b'r') => '\r',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'e') => '\u{1b}',
        Some(&u) if u == b'u' || u == b'U' => {
            let digits = if u == b'u' { 4 } else { 8 };
            let hex = raw.get(i + 2..i + 2 + digits).ok_or(i)?;
            let mut v = 0u32;
            for h in hex {
                v = v * 16 + char::from(*h).to_digit(16).ok_or(i)?;
            }
            return char::from_u32(v).map(|c| (c, 2 + digits)).ok_or(i);
        }
        _ => return Err(i),
    };
    Ok((c, 2))
}

/// A scalar value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar<'a> {
    /// A string.
    Str(TomlStr<'a>),
    /// An integer.
    Int(i64),
    /// `true` / `false`.
    Bool(bool),
}

/// A value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// A scalar.
    Scalar(Scalar<'a>),
    /// `[ … ]`: its elements are read by [`Array::items`].
    Array(Array<'a>),
    /// `{ … }`: its pairs are read by [`InlineTable::pairs`].
    Table(InlineTable<'a>),
}

/// An array, read on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Array<'a> {
    input: &'a [u8],
    /// After the `[`.
    start: usize,
    /// At the `]`.
    end: usize,
}

/// An inline table, read on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InlineTable<'a> {
    input: &'a [u8],
    start: usize,
    end: usize,
}

/// One item of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item<'a> {
    /// `[name]` or (`array`) `[[name]]`.
    Table {
        /// The name (dotted names are one key: santral's files use none).
        name: TomlStr<'a>,
        /// `[[…]]`.
        array: bool,
        /// The header.
        span: Span,
    },
    /// `key = value`.
    Pair {
        /// The key.
        key: TomlStr<'a>,
        /// The value.
        value: Value<'a>,
        /// The value's place.
        span: Span,
    },
}

/// Reads a document item by item; after an error it stops.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    done: bool,
}

fn err(code: Code, start: usize, end: usize) -> Error {
    Error::new(code, Span::new(start, end.max(start)))
}

fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl<'a> Reader<'a> {
    /// A reader over `input` (UTF-8 is checked in strings).
    pub fn new(input: &'a [u8]) -> Reader<'a> {
        Reader {
            input,
            pos: 0,
            done: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    /// `code` at the character at the current position (empty at the end
    /// of the input: a span never passes it).
    fn here(&self, code: Code) -> Error {
        err(code, self.pos, self.char_end(self.pos))
    }

    /// Where the character at `at` ends (by its first byte), never past
    /// the end of the input.
    fn char_end(&self, at: usize) -> usize {
        let width = match self.input.get(at) {
            None => 0,
            Some(&b) if b >= 0xF0 => 4,
            Some(&b) if b >= 0xE0 => 3,
            Some(&b) if b >= 0xC0 => 2,
            Some(_) => 1,
        };
        (at + width).min(self.input.len())
    }

    /// Skips spaces and tabs.
    fn blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Skips a comment, then requires the end of the line.
    fn end_of_line(&mut self) -> Result<(), Error> {
        self.blanks();
        if self.peek() == Some(b'#') {
            while !matches!(self.peek(), None | Some(b'\n')) {
                self.pos += 1;
            }
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'\r') if self.input.get(self.pos + 1) == Some(&b'\n') => {
                self.pos += 2;
                Ok(())
            }
            Some(_) => {
                let end = self.line_end();
                Err(err(Code::TomlTrailingCharacters, self.pos, end))
            }
        }
    }

    fn line_end(&self) -> usize {
        let rest = self.input.get(self.pos..).unwrap_or(&[]);
        self.pos + rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
    }

    /// A key: bare or quoted.
    fn key(&mut self) -> Result<TomlStr<'a>, Error> {
        let start = self.pos;
        match self.peek() {
            Some(b'"') | Some(b'\'') => self.string(),
            Some(b) if is_bare(b) => {
                while self.peek().is_some_and(is_bare) {
                    self.pos += 1;
                }
                let raw = self.input.get(start..self.pos).unwrap_or(&[]);
                Ok(TomlStr {
                    raw,
                    span: Span::new(start, self.pos),
                    basic: false,
                })
            }
            _ => Err(self.here(Code::TomlExpectedKey)),
        }
    }

    /// A string at the quote.
    fn string(&mut self) -> Result<TomlStr<'a>, Error> {
        let start = self.pos;
        let quote = self.peek().unwrap_or(b'"');
        if self.input.get(start..start + 3) == Some(&[quote; 3]) {
            return Err(err(Code::TomlUnsupported, start, start + 3));
        }
        self.pos += 1;
        let body = self.pos;
        loop {
            match self.peek() {
                None | Some(b'\n') => {
                    return Err(err(Code::TomlUnterminatedString, start, self.pos))
                }
                Some(b'\\') if quote == b'"' => {
                    escape(self.input, self.pos)
                        // The `\` and the character after it, if any.
                        .map_err(|i| err(Code::TomlInvalidEscape, i, self.char_end(i + 1)))
                        .map(|(_, used)| self.pos += used)?;
                }
                Some(b) if b == quote => break,
                Some(b) if b < 0x20 && b != b'\t' => {
                    return Err(self.here(Code::TomlControlCharacter))
                }
                Some(_) => self.pos += 1,
            }
        }
        let raw = self.input.get(body..self.pos).unwrap_or(&[]);
        self.pos += 1;
        if core::str::from_utf8(raw).is_err() {
            return Err(err(Code::TomlInvalidUtf8, start, self.pos));
        }
        Ok(TomlStr {
            raw,
            span: Span::new(start, self.pos),
            basic: quote == b'"',
        })
    }

    /// A scalar at the current position.
    fn scalar(&mut self) -> Result<Scalar<'a>, Error> {
        let start = self.pos;
        match self.peek() {
            Some(b'"') | Some(b'\'') => self.string().map(Scalar::Str),
            Some(b't') if self.input.get(start..start + 4) == Some(b"true") => {
                self.pos += 4;
                self.word_end(start).map(|()| Scalar::Bool(true))
            }
            Some(b'f') if self.input.get(start..start + 5) == Some(b"false") => {
                self.pos += 5;
                self.word_end(start).map(|()| Scalar::Bool(false))
            }
            Some(b) if b.is_ascii_digit() || b == b'-' || b == b'+' => self.integer(),
            Some(b'[') | Some(b'{') => Err(err(Code::TomlUnsupported, start, start + 1)),
            _ => Err(self.here(Code::TomlExpectedValue)),
        }
    }

    fn word_end(&self, start: usize) -> Result<(), Error> {
        match self.peek() {
            Some(b) if is_bare(b) || b == b'.' || b == b':' => {
                Err(err(Code::TomlExpectedValue, start, self.pos + 1))
            }
            _ => Ok(()),
        }
    }

    /// A decimal integer (`+`/`-`, `_` between digits); dates, floats and
    /// other bases are unsupported.
    fn integer(&mut self) -> Result<Scalar<'a>, Error> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let digits = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit() || b == b'_') {
            self.pos += 1;
        }
        if matches!(
            self.peek(),
            Some(b'.' | b':' | b'-' | b'e' | b'E' | b'x' | b'o' | b'b' | b'T')
        ) {
            while self
                .peek()
                .is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | b',' | b']' | b'}' | b'#'))
            {
                self.pos += 1;
            }
            return Err(err(Code::TomlUnsupported, start, self.pos));
        }
        let text = self.input.get(digits..self.pos).unwrap_or(&[]);
        let bad = err(Code::TomlInvalidInteger, start, self.pos);
        if text.is_empty()
            || text.first() == Some(&b'_')
            || text.last() == Some(&b'_')
            || text.windows(2).any(|w| w == b"__")
        {
            return Err(bad);
        }
        if text.len() > 1 && text.first() == Some(&b'0') {
            return Err(bad);
        }
        let mut v: i64 = 0;
        for &b in text.iter().filter(|b| **b != b'_') {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or(bad)?;
        }
        if self.input.get(start) == Some(&b'-') {
            v = -v;
        }
        Ok(Scalar::Int(v))
    }

    /// Skips blanks, newlines and comments (inside an array).
    fn gaps(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'#') => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// An array at its `[`: checks it whole, returns its span.
    fn array(&mut self) -> Result<Array<'a>, Error> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        loop {
            self.gaps();
            match self.peek() {
                Some(b']') => break,
                None => return Err(err(Code::TomlUnterminatedArray, open, self.pos)),
                _ => {}
            }
            self.scalar()?;
            self.gaps();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                None => return Err(err(Code::TomlUnterminatedArray, open, self.pos)),
                Some(_) => return Err(self.here(Code::TomlExpectedComma)),
            }
        }
        let end = self.pos;
        self.pos += 1;
        Ok(Array {
            input: self.input,
            start,
            end,
        })
    }

    /// An inline table at its `{` (one line, scalar values).
    fn inline_table(&mut self) -> Result<InlineTable<'a>, Error> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        self.blanks();
        if self.peek() == Some(b'}') {
            let end = self.pos;
            self.pos += 1;
            return Ok(InlineTable {
                input: self.input,
                start,
                end,
            });
        }
        loop {
            self.blanks();
            self.key()?;
            self.blanks();
            if self.peek() != Some(b'=') {
                return Err(self.here(Code::TomlExpectedEquals));
            }
            self.pos += 1;
            self.blanks();
            self.scalar()?;
            self.blanks();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => break,
                None | Some(b'\n') => return Err(err(Code::TomlUnterminatedArray, open, self.pos)),
                Some(_) => return Err(self.here(Code::TomlExpectedComma)),
            }
        }
        let end = self.pos;
        self.pos += 1;
        Ok(InlineTable {
            input: self.input,
            start,
            end,
        })
    }

    fn value(&mut self) -> Result<Value<'a>, Error> {
        match self.peek() {
            Some(b'[') => self.array().map(Value::Array),
            Some(b'{') => self.inline_table().map(Value::Table),
            _ => self.scalar().map(Value::Scalar),
        }
    }

    fn item(&mut self) -> Option<Result<Item<'a>, Error>> {
        {
            self.gaps();
            let start = self.pos;
            let b = self.peek()?;
            if b == b'[' {
                let array = self.input.get(start + 1) == Some(&b'[');
                self.pos += if array { 2 } else { 1 };
                self.blanks();
                let name = match self.key() {
                    Ok(k) => k,
                    Err(e) => return Some(Err(e)),
                };
                self.blanks();
                let close: &[u8] = if array { b"]]" } else { b"]" };
                if self.input.get(self.pos..self.pos + close.len()) != Some(close) {
                    return Some(Err(self.here(Code::TomlExpectedBracket)));
                }
                self.pos += close.len();
                let span = Span::new(start, self.pos);
                return Some(
                    self.end_of_line()
                        .map(|()| Item::Table { name, array, span }),
                );
            }
            let key = match self.key() {
                Ok(k) => k,
                Err(e) => return Some(Err(e)),
            };
            self.blanks();
            if self.peek() == Some(b'.') {
                return Some(Err(self.here(Code::TomlUnsupported)));
            }
            if self.peek() != Some(b'=') {
                return Some(Err(self.here(Code::TomlExpectedEquals)));
            }
            self.pos += 1;
            self.blanks();
            let vstart = self.pos;
            let value = match self.value() {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            let span = Span::new(vstart, self.pos);
            Some(self.end_of_line().map(|()| Item::Pair { key, value, span }))
        }
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Item<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.item();
        if matches!(item, Some(Err(_)) | None) {
            self.done = true;
        }
        item
    }
}

impl<'a> Array<'a> {
    /// The elements with their places (re-read from the input).
    pub fn items(&self) -> impl Iterator<Item = Result<(Scalar<'a>, Span), Error>> + 'a {
        let mut r = Reader {
            input: self.input.get(..self.end).unwrap_or(&[]),
            pos: self.start,
            done: false,
        };
        core::iter::from_fn(move || {
            if r.done {
                return None;
            }
            r.gaps();
            if r.peek().is_none() {
                r.done = true;
                return None;
            }
            let start = r.pos;
            let item = r.scalar().map(|s| (s, Span::new(start, r.pos)));
            r.gaps();
            if r.peek() == Some(b',') {
                r.pos += 1;
            }
            if item.is_err() {
                r.done = true;
            }
            Some(item)
        })
    }

    /// Where the array is (brackets excluded).
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

impl<'a> InlineTable<'a> {
    /// The pairs with their values' places.
    pub fn pairs(
        &self,
    ) -> impl Iterator<Item = Result<(TomlStr<'a>, Scalar<'a>, Span), Error>> + 'a {
        let mut r = Reader {
            input: self.input.get(..self.end).unwrap_or(&[]),
            pos: self.start,
            done: false,
        };
        core::iter::from_fn(move || {
            if r.done {
                return None;
            }
            r.blanks();
            if r.peek().is_none() {
                r.done = true;
                return None;
            }
            let item = (|| {
                let key = r.key()?;
                r.blanks();
                r.pos += 1; // `=`, checked when the table was read
                r.blanks();
                let start = r.pos;
                let value = r.scalar()?;
                let span = Span::new(start, r.pos);
                r.blanks();
                if r.peek() == Some(b',') {
                    r.pos += 1;
                }
                Ok((key, value, span))
            })();
            if item.is_err() {
                r.done = true;
            }
            Some(item)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(input: &str) -> Vec<(Code, usize)> {
        Reader::new(input.as_bytes())
            .filter_map(Result::err)
            .map(|e| (e.code, e.span.start))
            .collect()
    }

    #[test]
    fn an_error_at_the_end_or_at_a_wide_character_stays_inside_the_input() {
        // Found by the `check` fuzz target: `telephoneG-`'s error pointed
        // one byte past the end; a key's place taken by `ı` (two bytes)
        // pointed inside the character, and so did an escape's `\` at
        // the end or before `ı`.
        for input in [
            "elephoneG-",
            "\n\u{131}5",
            "\"\\",
            "k = \"\\\u{131}\"",
            "\u{1f600} = 1",
            "k",
            "k =",
            "k = ",
            "[t]\nk",
            "k \u{e7}",
            "k = \u{e7}",
            "a = {b \u{1f600}",
        ] {
            for e in Reader::new(input.as_bytes()).filter_map(Result::err) {
                assert!(e.span.end <= input.len(), "{input:?}: {e:?}");
                assert!(
                    input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end),
                    "{input:?}: {e:?}"
                );
            }
        }
        assert_eq!(codes("k"), [(Code::TomlExpectedEquals, 1)]);
        assert_eq!(codes("\n\u{131}5"), [(Code::TomlExpectedKey, 1)]);
        assert_eq!(codes("k = "), [(Code::TomlExpectedValue, 4)]);
    }

    #[test]
    fn a_whole_document() {
        let doc = "# top\nlisten = \"127.0.0.1:8096\"\nallow = [\n  \"127.0.0.1/32\", # local\n  '10.0.0.0/8',\n]\n\n[[sink]]\nkind = \"logo-crm\"\nkeypress = 1\nenabled = true\nagents = { 1001 = \"A-7\", \"1002\" = 'B' }\n";
        let items: Vec<_> = Reader::new(doc.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(items.len(), 7);
        let Item::Pair {
            value: Value::Array(a),
            ..
        } = items[1]
        else {
            panic!()
        };
        let values: Vec<_> = a.items().map(|r| r.unwrap().0).collect();
        assert!(matches!(values[1], Scalar::Str(s) if s.eq_str("10.0.0.0/8")));
        let Item::Pair {
            value: Value::Table(t),
            ..
        } = items[6]
        else {
            panic!()
        };
        let pairs: Vec<_> = t.pairs().map(|r| r.unwrap()).collect();
        assert!(pairs[0].0.eq_str("1001") && matches!(pairs[1].1, Scalar::Str(s) if s.eq_str("B")));
    }

    #[test]
    fn escapes_decode() {
        let mut r = Reader::new(br#"k = "a\tb\u00e7\"""#);
        let Some(Ok(Item::Pair {
            value: Value::Scalar(Scalar::Str(s)),
            ..
        })) = r.next()
        else {
            panic!()
        };
        let mut buf = [0u8; 16];
        assert_eq!(s.decode_into(&mut buf), Some("a\tbç\""));
        assert!(s.eq_str("a\tbç\""));
    }

    #[test]
    fn errors_have_places() {
        assert_eq!(codes("k = \"open\n"), [(Code::TomlUnterminatedString, 4)]);
        assert_eq!(codes("k = 1.5\n"), [(Code::TomlUnsupported, 4)]);
        assert_eq!(codes("k = 2026-01-01\n"), [(Code::TomlUnsupported, 4)]);
        assert_eq!(codes("k = \"\"\"x\"\"\"\n"), [(Code::TomlUnsupported, 4)]);
        assert_eq!(codes("k = [[1]]\n"), [(Code::TomlUnsupported, 5)]);
        assert_eq!(codes("k 1\n"), [(Code::TomlExpectedEquals, 2)]);
        assert_eq!(codes("k = 1 2\n"), [(Code::TomlTrailingCharacters, 6)]);
        assert_eq!(codes("k = [1 2]\n"), [(Code::TomlExpectedComma, 7)]);
        assert_eq!(codes("k = [1,\n"), [(Code::TomlUnterminatedArray, 4)]);
        assert_eq!(codes("k = \"\\q\"\n"), [(Code::TomlInvalidEscape, 5)]);
        assert_eq!(codes("k = 007\n"), [(Code::TomlInvalidInteger, 4)]);
        assert_eq!(
            codes("k = 99999999999999999999\n"),
            [(Code::TomlInvalidInteger, 4)]
        );
        assert_eq!(codes("k = yes\n"), [(Code::TomlExpectedValue, 4)]);
        assert_eq!(codes("[sink\n"), [(Code::TomlExpectedBracket, 5)]);
        assert_eq!(codes("a.b = 1\n"), [(Code::TomlUnsupported, 1)]);
        assert_eq!(codes("= 1\n"), [(Code::TomlExpectedKey, 0)]);
        assert_eq!(codes("k = \"\u{1}\"\n"), [(Code::TomlControlCharacter, 5)]);
    }
}
