//! TTS phrases (SPEC §4): what a campaign reads to each lead.
//!
//! A phrase is words separated by spaces (runs of spaces are tolerated;
//! tabs and other whitespace are not separators — our policy, since the
//! vendor only says "space-separated"):
//!
//! ```text
//! word = "#" id                  ; play announcement id
//!      | dd "/" mm "/" yyyy      ; a real calendar date, read aloud
//!      | digits "." 1*2digit     ; an amount: lira.kuruş ("73.56")
//!      | digits                  ; a number
//! ```
//!
//! Tokens come lazily with their byte spans; every bad word is its own
//! error, so a validator can report them all.
//!
//! ```
//! use santral::phrase::{Phrase, Word};
//!
//! let p = Phrase::new("#456 15/11/2017 #457 73.56 #458");
//! assert!(p.check().is_ok());
//! let ids: Vec<u64> = p.announcement_ids().map(|id| id.get()).collect();
//! assert_eq!(ids, [456, 457, 458]);
//! let words: Vec<_> = p.tokens().map(|t| t.unwrap().word).collect();
//! assert!(matches!(words[3], Word::Amount { lira: "73", kurus: "56" }));
//! ```

use crate::diag::{Code, Error, Span};
use crate::lexical::Id;
use crate::time::Date;

/// One word of a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Word<'a> {
    /// `#456`: play announcement 456.
    Announcement(Id),
    /// `15/11/2017`: read as a date.
    Date(Date),
    /// `73.56`: read as 73 lira 56 kuruş.
    Amount {
        /// The digits before the point.
        lira: &'a str,
        /// The one or two digits after it.
        kurus: &'a str,
    },
    /// `42`: read as a number.
    Number(&'a str),
}

/// A word and where it is in the phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Token<'a> {
    /// The word.
    pub word: Word<'a>,
    /// Its bytes in the phrase.
    pub span: Span,
}

/// A phrase; parsing is lazy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phrase<'a>(&'a str);

impl<'a> Phrase<'a> {
    /// Wraps the text; nothing is checked yet.
    pub const fn new(text: &'a str) -> Phrase<'a> {
        Phrase(text)
    }

    /// The words, each a token or an error.
    pub fn tokens(&self) -> Tokens<'a> {
        Tokens {
            text: self.0,
            pos: 0,
        }
    }

    /// The first error, if any.
    pub fn check(&self) -> Result<(), Error> {
        self.errors().next().map_or(Ok(()), Err)
    }

    /// Every error, in order.
    pub fn errors(&self) -> impl Iterator<Item = Error> + 'a {
        self.tokens().filter_map(Result::err)
    }

    /// Reports every error as a diagnostic at path `phrase`, with line and
    /// column counted in the phrase (characters, not bytes): what every
    /// face gives for a phrase checked on its own. Returns the error count.
    ///
    /// ```
    /// use santral::diag::Collector;
    /// use santral::phrase::Phrase;
    ///
    /// let mut sink: Collector<4> = Collector::new();
    /// assert_eq!(Phrase::new("çağrı #1 x").report(&mut sink), 2);
    /// let d = sink.diagnostics()[1];
    /// assert_eq!((d.span.start, d.column, d.path.to_string().as_str()), (12, 10, "phrase"));
    /// ```
    pub fn report<S: crate::diag::Sink>(&self, sink: &mut S) -> usize {
        let mut at = crate::diag::Locator::new(self.0.as_bytes());
        let mut n = 0;
        for e in self.errors() {
            n += 1;
            let mut d = crate::diag::Diagnostic::new(e.code, e.span)
                .with_path(crate::diag::Path::key("phrase"));
            d.suggestion = e.suggestion;
            if sink.report(at.locate(d)).is_break() {
                break;
            }
        }
        n
    }

    /// The announcement ids the phrase plays, in order (repeats kept).
    pub fn announcement_ids(&self) -> impl Iterator<Item = Id> + 'a {
        self.tokens().filter_map(|t| match t {
            Ok(Token {
                word: Word::Announcement(id),
                ..
            }) => Some(id),
            _ => None,
        })
    }

    /// The text.
    pub const fn as_str(&self) -> &'a str {
        self.0
    }
}

/// Iterator over a phrase's words.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Result<Token<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        // Byte scans: the separators are ASCII, and words are short.
        let rest = self.text.as_bytes().get(self.pos..)?;
        let start = self.pos + rest.iter().take_while(|&&b| b == b' ').count();
        let word_text = self.text.get(start..)?;
        if word_text.is_empty() {
            self.pos = self.text.len();
            return None;
        }
        let len = word_text
            .bytes()
            .position(|b| b == b' ')
            .unwrap_or(word_text.len());
        let word = word_text.get(..len)?;
        self.pos = start + len;
        let span = Span::new(start, start + len);
        Some(
            classify(word)
                .map(|word| Token { word, span })
                .map_err(|e| e.offset(start)),
        )
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn classify(word: &str) -> Result<Word<'_>, Error> {
    let invalid = Error::new(Code::PhraseInvalidWord, Span::new(0, word.len()));
    if let Some(id) = word.strip_prefix('#') {
        return Id::parse(id)
            .map(Word::Announcement)
            .map_err(|e| e.offset(1));
    }
    if word.as_bytes().contains(&b'/') {
        // A date is exactly `DD/MM/YYYY`; any other word with a `/` is no word.
        let [d, m, y] = crate::time::fixed(word.as_bytes(), b"99/99/9999").ok_or(invalid)?;
        return Date::from_ymd(y, m, d).map(Word::Date).ok_or(Error::new(
            Code::PhraseInvalidDate,
            Span::new(0, word.len()),
        ));
    }
    if all_digits(word) {
        return Ok(Word::Number(word));
    }
    let point = word.bytes().position(|b| b == b'.');
    match point.and_then(|i| Some((word.get(..i)?, word.get(i + 1..)?))) {
        Some((lira, kurus)) if all_digits(lira) && all_digits(kurus) && kurus.len() <= 2 => {
            Ok(Word::Amount { lira, kurus })
        }
        _ => Err(invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Vec;

    fn codes(p: &str) -> Vec<(Code, Span)> {
        Phrase::new(p).errors().map(|e| (e.code, e.span)).collect()
    }

    #[test]
    fn vendor_phrases() {
        for p in [
            "#456 15/11/2017 #457 73.56 #458",
            "#429 12/05/2017 #430 102.45 #431",
            "#429 12/05/2017 #430 65.12 #431",
        ] {
            assert_eq!(Phrase::new(p).check(), Ok(()), "{p}");
        }
        let t: Vec<_> = Phrase::new("#429 12/05/2017 #430 102.45 #431")
            .tokens()
            .map(Result::unwrap)
            .collect();
        assert_eq!(t.len(), 5);
        assert_eq!(t[1].word, Word::Date(Date::from_ymd(2017, 5, 12).unwrap()));
        assert_eq!(t[1].span, Span::new(5, 15));
        assert_eq!(
            t[3].word,
            Word::Amount {
                lira: "102",
                kurus: "45"
            }
        );
    }

    #[test]
    fn spacing_numbers_and_empty() {
        assert_eq!(Phrase::new("").tokens().count(), 0);
        assert_eq!(Phrase::new("   ").tokens().count(), 0);
        let t: Vec<_> = Phrase::new("  42   7.5 ")
            .tokens()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            t[0],
            Token {
                word: Word::Number("42"),
                span: Span::new(2, 4)
            }
        );
        assert_eq!(
            t[1].word,
            Word::Amount {
                lira: "7",
                kurus: "5"
            }
        );
    }

    #[test]
    fn every_bad_word_is_reported_in_place() {
        assert_eq!(
            codes("#456 merhaba 31/02/2017 #0 73.567 #458"),
            [
                (Code::PhraseInvalidWord, Span::new(5, 12)),
                (Code::PhraseInvalidDate, Span::new(13, 23)),
                (Code::IdInvalid, Span::new(25, 26)),
                (Code::PhraseInvalidWord, Span::new(27, 33)),
            ]
        );
        for bad in [
            "1/5/2017",
            "15/11/17",
            "15/11/2017/1",
            "a/b/c",
            ".5",
            "5.",
            "#",
            "x\ty",
            "１２",
        ] {
            assert!(!codes(bad).is_empty(), "{bad}");
        }
        for word in [
            "15//2017",
            "/15/11/2017",
            "15/11/2017/",
            "15/1a/2017",
            "15.11/2017",
            "١٥/١١/٢٠١٧",
        ] {
            assert_eq!(
                codes(word),
                [(Code::PhraseInvalidWord, Span::new(0, word.len()))],
                "{word}"
            );
        }
        for date in ["29/02/2023", "00/01/2017", "01/13/2017", "01/01/0000"] {
            assert_eq!(
                codes(date),
                [(Code::PhraseInvalidDate, Span::new(0, 10))],
                "{date}"
            );
        }
        assert!(codes("29/02/2024").is_empty());
        assert_eq!(codes("#")[0].0, Code::IdEmpty);
        assert_eq!(Phrase::new("#1 #2 #1").announcement_ids().count(), 3);
    }
}
