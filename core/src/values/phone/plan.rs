//! The shapes of the generated numbering-plan tables and their matcher.

/// A set of national numbers: exactly `len` digits whose leading digits
/// fall in `prefix` (bit d of `prefix[i]` set = digit d allowed at i).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pattern {
    pub len: u8,
    pub prefix: &'static [u16],
}

impl Pattern {
    fn matches(&self, digits: &[u8]) -> bool {
        digits.len() == usize::from(self.len) && prefix_matches(self.prefix, digits)
    }
}

/// True when `digits` starts with digits allowed by `masks`.
pub(crate) fn prefix_matches(masks: &[u16], digits: &[u8]) -> bool {
    masks.len() <= digits.len()
        && masks
            .iter()
            .zip(digits)
            .all(|(&m, &d)| d.is_ascii_digit() && m & (1 << (d - b'0')) != 0)
}

/// True when any pattern matches the whole national number.
pub(crate) fn any_matches(patterns: &[Pattern], digits: &[u8]) -> bool {
    patterns.iter().any(|p| p.matches(digits))
}

/// What the first three digits of a `len`-digit number decide about
/// `patterns` (evaluated at compile time, for [`Lookup`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decided {
    /// No pattern can match.
    No,
    /// A pattern matches every number with these leading digits.
    Yes,
    /// Only later digits decide.
    Maybe,
}

/// [`Decided`] for the numbers of `len` digits starting with `lead`.
pub(crate) const fn decide(patterns: &[Pattern], len: u8, lead: [u8; 3]) -> Decided {
    let mut any_maybe = false;
    let mut rest = patterns;
    while let [p, tail @ ..] = rest {
        rest = tail;
        if p.len != len {
            continue;
        }
        let mut masks = p.prefix;
        let mut digits: &[u8] = &lead;
        let mut fits = true;
        while let ([m, more_masks @ ..], [d, more_digits @ ..]) = (masks, digits) {
            fits &= *m & (1 << *d) != 0;
            masks = more_masks;
            digits = more_digits;
        }
        if fits && masks.is_empty() {
            return Decided::Yes;
        }
        any_maybe |= fits;
    }
    if any_maybe {
        Decided::Maybe
    } else {
        Decided::No
    }
}

/// One byte per three leading digits of a national number of one length:
/// the answer of a whole plan for it, computed at compile time from the
/// generated patterns (so it cannot drift from them), read with one index
/// instead of walking every pattern.
pub(crate) struct Lookup(pub [u8; 1000]);

impl Lookup {
    /// Leading digits the table cannot decide: walk the patterns.
    pub(crate) const WALK: u8 = 0xFF;
    /// Flag: not diallable from abroad.
    pub(crate) const NATIONAL_ONLY: u8 = 0x80;

    /// The entry for `digits` (at least three ASCII digits).
    pub(crate) fn get(&self, digits: &[u8]) -> u8 {
        match digits {
            [a, b, c, ..] if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() => {
                let at = usize::from(a - b'0') * 100
                    + usize::from(b - b'0') * 10
                    + usize::from(c - b'0');
                self.0.get(at).copied().unwrap_or(Self::WALK)
            }
            _ => Self::WALK,
        }
    }
}

/// How the national display form starts (libphonenumber's
/// `nationalPrefixFormattingRule`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NationalRule {
    /// No trunk prefix: `444 1 234`.
    Bare,
    /// `0` before the first group: `0532 123 45 67`.
    TrunkPrefix,
    /// `(0…)` around the first group: `(0212) 963 01 31`.
    TrunkPrefixInParentheses,
}

/// One of libphonenumber's number formats.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PlanFormat {
    /// Leading-digit prefixes, any of which selects this format.
    pub leading: &'static [&'static [u16]],
    /// Group sizes as (min, max) digits.
    pub groups: &'static [(u8, u8)],
    pub national: NationalRule,
    /// Whether the format applies to international display too.
    pub international: bool,
}

impl PlanFormat {
    /// True when the format applies to `digits`.
    pub(crate) fn applies(&self, digits: &[u8]) -> bool {
        let (min, max) = self
            .groups
            .iter()
            .fold((0usize, 0usize), |(a, b), &(lo, hi)| {
                (a + usize::from(lo), b + usize::from(hi))
            });
        (min..=max).contains(&digits.len())
            && (self.leading.is_empty() || self.leading.iter().any(|p| prefix_matches(p, digits)))
    }

    /// The group lengths for `digits` (fixed groups, the last takes the rest).
    pub(crate) fn split<'d>(&self, digits: &'d [u8]) -> GroupIter<'d> {
        GroupIter {
            rest: digits,
            groups: self.groups,
        }
    }
}

/// Iterates the digit groups of a formatted number.
pub(crate) struct GroupIter<'d> {
    rest: &'d [u8],
    groups: &'static [(u8, u8)],
}

impl<'d> Iterator for GroupIter<'d> {
    type Item = &'d [u8];
    fn next(&mut self) -> Option<&'d [u8]> {
        let (&(lo, _), tail) = self.groups.split_first()?;
        self.groups = tail;
        let take = if tail.is_empty() {
            self.rest.len()
        } else {
            usize::from(lo).min(self.rest.len())
        };
        let (head, rest) = self.rest.split_at(take);
        self.rest = rest;
        Some(head)
    }
}
