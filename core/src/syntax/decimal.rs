//! Decimal numbers as written (`23`, `8.5`, `-2.5e3`), read without
//! `core`'s float parser.
//!
//! santral needs fractions in two places only (an advisory `phrase_speed`
//! and an order-sync VAT rate), both short. `str::parse::<f64>` links about
//! 15 KiB of tables and code into firmware for them; this reader is a few
//! hundred bytes. It is exact where it matters: a number whose significant
//! digits (trailing zeros dropped) fit in 2^53 and whose decimal exponent is
//! within ±22, or above 22 while the digits times the surplus power of ten
//! still fit — every number santral reads — converts to the same `f64` as
//! `str::parse`, because both operands of the one multiplication or
//! division are exact and IEEE rounds that operation correctly. Longer
//! numbers keep their first 19 significant digits and may differ from
//! `str::parse` in the last bits.
//!
//! ```
//! use santral::decimal::Decimal;
//!
//! assert_eq!(Decimal::parse("8.50").map(Decimal::to_f64), Some(8.5));
//! assert_eq!(Decimal::parse("-2.5e3").map(Decimal::to_f64), Some(-2500.0));
//! assert_eq!(Decimal::parse("1.2.3"), None);
//! ```

/// A decimal number: `digits × 10^exponent`, with its sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    digits: u64,
    exponent: i32,
}

/// 10^0 ..= 10^22, each exact in an `f64`.
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

impl Decimal {
    /// Reads `[-+]digits[.digits][(e|E)[-+]digits]`; also `8.` and `.5`, as
    /// `str::parse::<f64>` does. At least one digit; nothing else around.
    pub fn parse(s: &str) -> Option<Decimal> {
        let b = s.as_bytes();
        let mut i = 0;
        let negative = match b.first() {
            Some(b'-') => {
                i = 1;
                true
            }
            Some(b'+') => {
                i = 1;
                false
            }
            _ => false,
        };
        let mut digits: u64 = 0;
        let mut exponent: i64 = 0;
        let mut seen_digit = false;
        let mut seen_point = false;
        while let Some(&c) = b.get(i) {
            match c {
                b'0'..=b'9' => {
                    seen_digit = true;
                    match digits
                        .checked_mul(10)
                        .and_then(|d| d.checked_add(u64::from(c - b'0')))
                    {
                        Some(d) => {
                            digits = d;
                            if seen_point {
                                exponent -= 1;
                            }
                        }
                        // Past 19 significant digits: keep the magnitude,
                        // drop the digit.
                        None if !seen_point => exponent += 1,
                        None => {}
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            i += 1;
        }
        if !seen_digit {
            return None;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            let sign: i64 = match b.get(i) {
                Some(b'-') => {
                    i += 1;
                    -1
                }
                Some(b'+') => {
                    i += 1;
                    1
                }
                _ => 1,
            };
            let start = i;
            let mut e: i64 = 0;
            while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                // Saturate: 10^±100000 is already infinity or zero.
                e = (e * 10 + i64::from(c - b'0')).min(100_000);
                i += 1;
            }
            if i == start {
                return None;
            }
            exponent += sign * e;
        }
        if i != b.len() {
            return None;
        }
        while digits != 0 && digits.is_multiple_of(10) {
            digits /= 10;
            exponent += 1;
        }
        let exponent = i32::try_from(exponent.clamp(-400_000, 400_000)).unwrap_or(0);
        Some(Decimal {
            negative,
            digits,
            exponent,
        })
    }

    /// True for zero (of either sign).
    pub fn is_zero(self) -> bool {
        self.digits == 0
    }

    /// True when the value is below zero.
    pub fn is_negative(self) -> bool {
        self.negative && self.digits != 0
    }

    /// The nearest `f64` (see the module notes on exactness); out-of-range
    /// magnitudes become infinity or zero, as with `str::parse`.
    pub fn to_f64(self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let mut x = self.digits as f64;
        let mut e = self.exponent;
        let power = |n: u32| POWERS.get(n as usize).copied().unwrap_or(1e22);
        // Clinger's extended fast path: move surplus powers of ten into the
        // digits while they stay exact (below 2^53), so one operation is left.
        if e > 22 {
            let surplus = e.unsigned_abs() - 22;
            let scaled = 10u64
                .checked_pow(surplus)
                .and_then(|p| self.digits.checked_mul(p))
                .filter(|d| *d < 1 << 53);
            if let Some(d) = scaled {
                #[allow(clippy::cast_precision_loss)]
                {
                    x = d as f64;
                }
                e = 22;
            }
        }
        if self.digits == 0 {
            // Nothing to scale.
        } else if e >= 0 {
            let mut left = e.unsigned_abs();
            while left > 0 && x.is_finite() {
                let step = left.min(22);
                x *= power(step);
                left -= step;
            }
        } else {
            let mut left = e.unsigned_abs();
            while left > 0 && x != 0.0 {
                let step = left.min(22);
                x /= power(step);
                left -= step;
            }
        }
        if self.negative {
            -x
        } else {
            x
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar() {
        for ok in [
            "0", "-0", "23", "8.5", "8.", ".5", "+1", "1e3", "1E+3", "2.5e-3", "007",
        ] {
            assert!(Decimal::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "", "-", ".", "1.2.3", "1e", "1e+", "e3", "1 ", " 1", "1x", "0x10", "--1", "inf", "NaN",
        ] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn agrees_with_the_float_parser_where_it_is_exact() {
        let cases = [
            "0",
            "-0",
            "0.5",
            "1.5",
            "1.0",
            "0.1",
            "0.2",
            "0.3",
            "23",
            "8.5",
            "99.99",
            "100",
            "100.000",
            "-2500",
            "-2.5e3",
            "1e22",
            "1e-22",
            "123456789012345",
            "0.000001",
            "9007199254740991",
            "4.35",
            "17.5",
            "12.345678901234",
            "1e400",
            "1e-400",
            "100.0000000000000000000001",
        ];
        for s in cases {
            let want: f64 = s.parse().unwrap();
            let got = Decimal::parse(s).unwrap().to_f64();
            assert_eq!(got.to_bits(), want.to_bits(), "{s}: {got} vs {want}");
        }
    }

    #[test]
    fn long_numbers_stay_close() {
        for s in [
            "3.14159265358979323846264338327950288",
            "0.1000000000000000055511151231257827",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
        ] {
            let want: f64 = s.parse().unwrap();
            let got = Decimal::parse(s).unwrap().to_f64();
            assert!(((got - want) / want).abs() < 1e-15, "{s}: {got} vs {want}");
        }
    }
}
