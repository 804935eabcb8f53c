//! A small seeded generator (SplitMix64): the same seed gives the same
//! outcomes and uuids, on every machine.

/// SplitMix64 (Steele, Lea, Flood 2014): 64 bits of state, good enough
/// mixing for simulated call outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + (self.next() % span) as i64
    }

    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// A uuid-shaped call id (`8-4-4-4-12` lowercase hex).
    pub(crate) fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        for _ in 0..100 {
            assert_eq!(a.next(), b.next());
        }
        assert_ne!(Rng(7).uuid(), Rng(8).uuid());
        let u = Rng(1).uuid();
        assert!(
            santral::lexical::CallUuid::parse(&u).is_ok() && u.len() == 36,
            "{u}"
        );
        let mut r = Rng(3);
        assert!((0..1000)
            .map(|_| r.range(5, 9))
            .all(|x| (5..=9).contains(&x)));
    }
}
