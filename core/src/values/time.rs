//! Dates, times, weekdays, timestamps, durations and campaign windows (SPEC §5).
//!
//! The core has no clock: where the vendor defaults to "today", the caller
//! passes today's date.
//!
//! ```
//! use santral::time::{Date, Time, Timestamp, Zone, Window};
//!
//! let ts = Timestamp::parse("2017-08-03 12:30:32 +0300").unwrap();
//! assert_eq!(ts.zone, Zone::Offset(180));
//! assert!(Date::parse("2023-02-29").is_err());
//!
//! let today = Date::parse("2022-09-12").unwrap();
//! let w = Window::resolve(today, None, None, Some(Time::parse("9:00").unwrap()), None);
//! assert_eq!(w.to_string(), "2022-09-12..2022-09-12 09:00-23:59");
//! assert_eq!(w.problems().count(), 0);
//! ```

use core::fmt;

use crate::diag::{Code, Error, Span};

/// Reads `s` against `pattern`, in which `9` stands for one ASCII digit and
/// every other byte for itself: the numbers the runs of digits spell, or
/// `None` when `s` does not have that exact shape. Every format here has
/// fixed positions, so this one comparison is the whole grammar.
#[inline(always)]
pub(crate) fn fixed<const N: usize>(s: &[u8], pattern: &[u8]) -> Option<[u32; N]> {
    if s.len() != pattern.len() {
        return None;
    }
    let mut out = [0u32; N];
    let mut group = 0usize;
    // The group being read, kept in a register until its separator (the
    // patterns' groups have at most 4 digits: no overflow).
    let mut value = 0u32;
    let mut in_digits = false;
    for (&b, &p) in s.iter().zip(pattern) {
        if p == b'9' {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            value = value.wrapping_mul(10).wrapping_add(u32::from(digit));
            in_digits = true;
        } else if b != p {
            return None;
        } else if in_digits {
            *out.get_mut(group)? = value;
            group += 1;
            value = 0;
            in_digits = false;
        }
    }
    if in_digits {
        *out.get_mut(group)? = value;
    }
    Some(out)
}

/// The number `s` spells when it is `min..=max` ASCII digits.
fn digit_run(s: &[u8], min: usize, max: usize) -> Option<u32> {
    ((min..=max).contains(&s.len()) && s.iter().all(u8::is_ascii_digit)).then(|| {
        s.iter().fold(0u32, |n, &b| {
            n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
        })
    })
}

fn whole(s: &str) -> Span {
    Span::new(0, s.len())
}

/// True for a leap year of the proleptic Gregorian calendar.
pub const fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A real calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// A date, if it exists (year 1..=9999).
    pub fn from_ymd(year: u32, month: u32, day: u32) -> Option<Date> {
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (1..=9999).contains(y))?;
        let month = u8::try_from(month).ok()?;
        let day = u8::try_from(day).ok()?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, Error> {
        let [y, m, d] =
            fixed(s.as_bytes(), b"9999-99-99").ok_or(Error::new(Code::DateSyntax, whole(s)))?;
        Date::from_ymd(y, m, d).ok_or(Error::new(Code::DateNotCalendar, whole(s)))
    }

    /// The year.
    pub const fn year(self) -> u16 {
        self.year
    }
    /// The month, 1..=12.
    pub const fn month(self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// Days since 0001-01-01 (day 0, a Monday).
    pub fn days_since_year_one(self) -> u32 {
        let y = u32::from(self.year) - 1;
        let mut days = y * 365 + y / 4 - y / 100 + y / 400;
        for m in 1..self.month {
            days += u32::from(days_in_month(self.year, m));
        }
        days + u32::from(self.day) - 1
    }

    /// The date `days` after 0001-01-01 (the inverse of
    /// [`Date::days_since_year_one`]); `None` after 9999-12-31.
    pub fn from_days_since_year_one(days: u32) -> Option<Date> {
        // 400 years are 146,097 days; within them, walk years then months.
        let mut year = 1 + (days / 146_097) * 400;
        let mut left = days % 146_097;
        loop {
            let len = if is_leap_year(u16::try_from(year).ok()?) {
                366
            } else {
                365
            };
            if left < len {
                break;
            }
            left -= len;
            year += 1;
        }
        let y = u16::try_from(year).ok()?;
        let mut month = 1u8;
        while month < 12 && left >= u32::from(days_in_month(y, month)) {
            left -= u32::from(days_in_month(y, month));
            month += 1;
        }
        Date::from_ymd(year, u32::from(month), left + 1)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        Weekday::ALL
            .get((self.days_since_year_one() % 7) as usize)
            .copied()
            .unwrap_or(Weekday::Monday)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time of day to the minute, 00:00..=23:59.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Time {
    hour: u8,
    minute: u8,
}

impl Time {
    /// Midnight, the vendor's default window start.
    pub const MIDNIGHT: Time = Time { hour: 0, minute: 0 };
    /// 23:59, the vendor's default window end.
    pub const END_OF_DAY: Time = Time {
        hour: 23,
        minute: 59,
    };

    /// A time, if in range.
    pub fn from_hm(hour: u32, minute: u32) -> Option<Time> {
        let hour = u8::try_from(hour).ok().filter(|h| *h < 24)?;
        let minute = u8::try_from(minute).ok().filter(|m| *m < 60)?;
        Some(Time { hour, minute })
    }

    /// Parses `HH:MM` or `H:MM`.
    pub fn parse(s: &str) -> Result<Time, Error> {
        let [h, m] = fixed(s.as_bytes(), b"9:99")
            .or_else(|| fixed(s.as_bytes(), b"99:99"))
            .ok_or(Error::new(Code::TimeSyntax, whole(s)))?;
        Time::from_hm(h, m).ok_or(Error::new(Code::TimeOutOfRange, whole(s)))
    }

    /// The hour, 0..=23.
    pub const fn hour(self) -> u8 {
        self.hour
    }
    /// The minute, 0..=59.
    pub const fn minute(self) -> u8 {
        self.minute
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// A day of the week; the vendor numbers them 1 (Monday) to 7 (Sunday).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    /// 1.
    Monday = 1,
    /// 2.
    Tuesday,
    /// 3.
    Wednesday,
    /// 4.
    Thursday,
    /// 5.
    Friday,
    /// 6.
    Saturday,
    /// 7.
    Sunday,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// From the vendor's number, 1..=7.
    pub fn from_number(n: i64) -> Option<Weekday> {
        usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| Weekday::ALL.get(i).copied())
    }

    /// The vendor's number, 1..=7.
    pub const fn number(self) -> u8 {
        self as u8
    }

    /// The Turkish name.
    pub const fn name_tr(self) -> &'static str {
        match self {
            Weekday::Monday => "Pazartesi",
            Weekday::Tuesday => "Salı",
            Weekday::Wednesday => "Çarşamba",
            Weekday::Thursday => "Perşembe",
            Weekday::Friday => "Cuma",
            Weekday::Saturday => "Cumartesi",
            Weekday::Sunday => "Pazar",
        }
    }
}

/// A set of weekdays, stored as a bitmask (bit 0 = Monday).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Weekdays(u8);

impl Weekdays {
    /// Every day, the vendor's default.
    pub const ALL: Weekdays = Weekdays(0x7F);
    /// No day.
    pub const EMPTY: Weekdays = Weekdays(0);

    /// Adds the day numbered `n` (1..=7). `Ok(false)` when it was already
    /// there (a [`Code::WeekdayDuplicate`] warning); an error when `n` is
    /// out of range.
    pub fn add(&mut self, n: i64) -> Result<bool, Code> {
        let day = Weekday::from_number(n).ok_or(Code::WeekdayOutOfRange)?;
        let fresh = !self.contains(day);
        self.0 |= 1 << (day.number() - 1);
        Ok(fresh)
    }

    /// The set of the vendor's day numbers (a campaign's `active_days`),
    /// reporting every problem as `(index, code)`: out-of-range numbers
    /// ([`Code::WeekdayOutOfRange`]), repeats ([`Code::WeekdayDuplicate`],
    /// a warning), and an empty list ([`Code::WeekdaysEmpty`], index 0).
    ///
    /// ```
    /// use santral::time::Weekdays;
    /// use santral::diag::Code;
    ///
    /// let mut found = Vec::new();
    /// let days = Weekdays::from_numbers([1, 2, 9, 2], |i, c| found.push((i, c)));
    /// assert_eq!(days.to_string(), "[1,2]");
    /// assert_eq!(found, [(2, Code::WeekdayOutOfRange), (3, Code::WeekdayDuplicate)]);
    /// ```
    pub fn from_numbers<I: IntoIterator<Item = i64>>(
        numbers: I,
        mut report: impl FnMut(usize, Code),
    ) -> Weekdays {
        let mut days = Weekdays::EMPTY;
        let mut count = 0usize;
        for (i, n) in numbers.into_iter().enumerate() {
            count = i + 1;
            match days.add(n) {
                Ok(true) => {}
                Ok(false) => report(i, Code::WeekdayDuplicate),
                Err(code) => report(i, code),
            }
        }
        if count == 0 {
            report(0, Code::WeekdaysEmpty);
        }
        days
    }

    /// True when `day` is in the set.
    pub const fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << (day as u8 - 1)) != 0
    }

    /// True for the empty set (an error in a campaign: [`Code::WeekdaysEmpty`]).
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The bitmask, bit 0 = Monday.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The days, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        Weekday::ALL.into_iter().filter(move |d| self.contains(*d))
    }
}

impl fmt::Display for Weekdays {
    /// As the vendor's JSON array: `[1,2,3]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, d) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}", d.number())?;
        }
        f.write_str("]")
    }
}

/// The zone written after a timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Zone {
    /// No zone (call events: `2016-01-01 00:00:00`).
    Unspecified,
    /// ` UTC` (campaign reports, CDR filters).
    Utc,
    /// ` +0300` (CDRs): minutes east of UTC.
    Offset(i16),
}

/// A timestamp in one of the three wire styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// The date.
    pub date: Date,
    /// Hour, minute.
    pub time: Time,
    /// Seconds, 0..=59.
    pub second: u8,
    /// The zone as written.
    pub zone: Zone,
}

impl Timestamp {
    /// Parses `YYYY-MM-DD HH:MM:SS`, optionally followed by ` UTC` or ` ±HHMM`.
    pub fn parse(s: &str) -> Result<Timestamp, Error> {
        let syntax = Error::new(Code::TimestampSyntax, whole(s));
        let (stamp, zone) = s.as_bytes().split_at_checked(19).ok_or(syntax)?;
        let [y, mo, d, h, mi, sec] = fixed(stamp, b"9999-99-99 99:99:99").ok_or(syntax)?;
        let zone = match zone {
            [] => None,
            b" UTC" => Some(None),
            [b' ', sign @ (b'+' | b'-'), offset @ ..] => {
                // `±HHMM`: four digits, hours then minutes.
                let [hhmm] = fixed(offset, b"9999").ok_or(syntax)?;
                Some(Some((*sign == b'-', hhmm / 100, hhmm % 100)))
            }
            _ => return Err(syntax),
        };
        let out_of_range = Error::new(Code::TimestampOutOfRange, whole(s));
        let date = Date::from_ymd(y, mo, d).ok_or(out_of_range)?;
        let time = Time::from_hm(h, mi).ok_or(out_of_range)?;
        let second = u8::try_from(sec)
            .ok()
            .filter(|s| *s < 60)
            .ok_or(out_of_range)?;
        let zone = match zone {
            None => Zone::Unspecified,
            Some(None) => Zone::Utc,
            Some(Some((west, oh, om))) => {
                if oh > 14 || om > 59 {
                    return Err(out_of_range);
                }
                let minutes = (oh * 60 + om) as i16;
                Zone::Offset(if west { -minutes } else { minutes })
            }
        };
        Ok(Timestamp {
            date,
            time,
            second,
            zone,
        })
    }
}

impl Timestamp {
    /// Seconds since 0001-01-01 00:00:00 UTC (a zone-less stamp counts as UTC).
    pub fn seconds_since_year_one(&self) -> i64 {
        let offset = match self.zone {
            Zone::Offset(m) => i64::from(m) * 60,
            _ => 0,
        };
        i64::from(self.date.days_since_year_one()) * 86_400
            + i64::from(self.time.hour()) * 3600
            + i64::from(self.time.minute()) * 60
            + i64::from(self.second)
            - offset
    }
}

/// Seconds from 0001-01-01 to 1970-01-01 (both UTC midnight).
const UNIX_EPOCH_FROM_YEAR_ONE: i64 = 719_162 * 86_400;

impl Timestamp {
    /// Seconds since 1970-01-01 00:00:00 UTC (a zone-less stamp counts as UTC).
    ///
    /// ```
    /// use santral::time::Timestamp;
    /// assert_eq!(Timestamp::parse("2017-05-10 13:18:56 UTC").unwrap().unix_seconds(), 1_494_422_336);
    /// assert_eq!(Timestamp::parse("2017-05-10 16:18:56 +0300").unwrap().unix_seconds(), 1_494_422_336);
    /// ```
    pub fn unix_seconds(&self) -> i64 {
        self.seconds_since_year_one() - UNIX_EPOCH_FROM_YEAR_ONE
    }

    /// The stamp of `unix` seconds, written in `zone` (an `Offset` shows
    /// the local time; `Unspecified` shows UTC without a zone). `None`
    /// outside the years 1..=9999.
    ///
    /// ```
    /// use santral::time::{Timestamp, Zone};
    /// let t = Timestamp::from_unix(1_494_422_336, Zone::Offset(180)).unwrap();
    /// assert_eq!(t.to_string(), "2017-05-10 16:18:56 +0300");
    /// assert_eq!(Timestamp::from_unix(0, Zone::Utc).unwrap().to_string(), "1970-01-01 00:00:00 UTC");
    /// ```
    pub fn from_unix(unix: i64, zone: Zone) -> Option<Timestamp> {
        let offset = match zone {
            Zone::Offset(m) => i64::from(m) * 60,
            _ => 0,
        };
        let local = unix
            .checked_add(offset)?
            .checked_add(UNIX_EPOCH_FROM_YEAR_ONE)?;
        if local < 0 {
            return None;
        }
        let (days, secs) = (local / 86_400, local % 86_400);
        let date = Date::from_days_since_year_one(u32::try_from(days).ok()?)?;
        let time = Time::from_hm((secs / 3600) as u32, ((secs % 3600) / 60) as u32)?;
        Some(Timestamp {
            date,
            time,
            second: (secs % 60) as u8,
            zone,
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}:{:02}", self.date, self.time, self.second)?;
        match self.zone {
            Zone::Unspecified => Ok(()),
            Zone::Utc => f.write_str(" UTC"),
            Zone::Offset(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, " {sign}{:02}{:02}", m / 60, m % 60)
            }
        }
    }
}

impl Timestamp {
    /// The timestamp in ISO 8601 (`2017-08-03T12:30:32+03:00`; `+00:00`
    /// for UTC, no zone when the wire had none), as the faces show it.
    ///
    /// ```
    /// use santral::time::Timestamp;
    /// let t = Timestamp::parse("2017-08-03 12:30:32 +0300").unwrap();
    /// assert_eq!(t.iso().to_string(), "2017-08-03T12:30:32+03:00");
    /// ```
    pub fn iso(&self) -> impl fmt::Display + '_ {
        Iso(self)
    }
}

struct Iso<'a>(&'a Timestamp);

impl fmt::Display for Iso<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(f, "{}T{}:{:02}", t.date, t.time, t.second)?;
        let m = match t.zone {
            Zone::Unspecified => return Ok(()),
            Zone::Utc => 0,
            Zone::Offset(m) => m,
        };
        let sign = if m < 0 { '-' } else { '+' };
        let m = m.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

/// A duration in whole seconds, written as seconds (`65`) or `HH:MM:SS`
/// (`00:01:05`, hours may exceed 99).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    /// Total seconds.
    pub seconds: u32,
}

impl Duration {
    /// Parses either style.
    pub fn parse(s: &str) -> Result<Duration, Error> {
        let err = Error::new(Code::DurationSyntax, whole(s));
        let b = s.as_bytes();
        // `H…H:MM:SS` with 2 to 6 hour digits, or 1 to 9 digits of seconds.
        let parsed = match b.iter().position(|&c| c == b':') {
            Some(colon) => b.split_at_checked(colon).and_then(|(hours, rest)| {
                let h = digit_run(hours, 2, 6)?;
                let [m, sec] = fixed(rest, b":99:99")?;
                Some((h, m, sec, true))
            }),
            None => digit_run(b, 1, 9).map(|n| (0, 0, n, false)),
        };
        match parsed {
            Some((h, m, sec, is_clock)) if !is_clock || (m < 60 && sec < 60) => {
                let total = h
                    .checked_mul(3600)
                    .and_then(|t| t.checked_add(m * 60 + sec))
                    .ok_or(err)?;
                Ok(Duration { seconds: total })
            }
            _ => Err(err),
        }
    }
}

impl fmt::Display for Duration {
    /// `HH:MM:SS`, the CDR style.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.seconds;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    }
}

/// A campaign's calling window, with the vendor's defaults applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Window {
    /// `date_range_begin` (default: today).
    pub date_begin: Date,
    /// `date_range_end` (default: `date_begin`).
    pub date_end: Date,
    /// `time_range_begin` (default: 00:00).
    pub time_begin: Time,
    /// `time_range_end` (default: 23:59).
    pub time_end: Time,
}

impl Window {
    /// Applies the vendor's defaults to the fields given.
    pub fn resolve(
        today: Date,
        date_begin: Option<Date>,
        date_end: Option<Date>,
        time_begin: Option<Time>,
        time_end: Option<Time>,
    ) -> Window {
        let date_begin = date_begin.unwrap_or(today);
        Window {
            date_begin,
            date_end: date_end.unwrap_or(date_begin),
            time_begin: time_begin.unwrap_or(Time::MIDNIGHT),
            time_end: time_end.unwrap_or(Time::END_OF_DAY),
        }
    }

    /// What is wrong with the window: [`Code::WindowDateOrder`] when the
    /// end date is before the begin date, [`Code::WindowTimeOrder`] when the
    /// end time is not after the begin time (our policy: no window crosses
    /// midnight).
    pub fn problems(&self) -> impl Iterator<Item = Code> {
        let dates = (self.date_end < self.date_begin).then_some(Code::WindowDateOrder);
        let times = (self.time_end <= self.time_begin).then_some(Code::WindowTimeOrder);
        dates.into_iter().chain(times)
    }
}

/// Turkey's zone, where the PBX runs campaigns: UTC+03:00 all year
/// (no daylight saving since 2016).
pub const TURKEY: Zone = Zone::Offset(180);

impl Window {
    /// The first moment at or after `unix` (seconds since 1970, UTC) when
    /// a campaign with this window and these weekdays may start a call, in
    /// the PBX's local time `zone`: a day from `date_begin` to `date_end`,
    /// one of `days`, between `time_begin` and `time_end` (to the end of
    /// that minute). `None` when the window has passed for good.
    ///
    /// ```
    /// use santral::time::{Date, Time, Timestamp, Weekdays, Window, TURKEY};
    /// let w = Window::resolve(Date::from_ymd(2022, 9, 12).unwrap(), None, Date::from_ymd(2022, 9, 30), Time::parse("09:00").ok(), Time::parse("18:00").ok());
    /// let weekdays = Weekdays::from_numbers([1, 2, 3, 4, 5], |_, _| {}); // Monday to Friday
    /// let friday_evening = Timestamp::parse("2022-09-16 19:00:00 +0300").unwrap().unix_seconds();
    /// let next = w.next_start(weekdays, friday_evening, TURKEY).unwrap();
    /// assert_eq!(Timestamp::from_unix(next, TURKEY).unwrap().to_string(), "2022-09-19 09:00:00 +0300");
    /// let during = Timestamp::parse("2022-09-19 18:00:30 +0300").unwrap().unix_seconds();
    /// assert_eq!(w.next_start(weekdays, during, TURKEY), Some(during));
    /// assert_eq!(w.next_start(weekdays, Timestamp::parse("2022-10-01 00:00:00 +0300").unwrap().unix_seconds(), TURKEY), None);
    /// ```
    pub fn next_start(&self, days: Weekdays, unix: i64, zone: Zone) -> Option<i64> {
        let local = Timestamp::from_unix(unix, zone)?;
        let offset = match zone {
            Zone::Offset(m) => i64::from(m) * 60,
            _ => 0,
        };
        let day_start = |d: Date| i64::from(d.days_since_year_one()) * 86_400;
        let begin = i64::from(self.time_begin.hour) * 3600 + i64::from(self.time_begin.minute) * 60;
        let end = i64::from(self.time_end.hour) * 3600 + i64::from(self.time_end.minute) * 60 + 59;
        // Seconds since year one on the local clock.
        let now = unix + offset + UNIX_EPOCH_FROM_YEAR_ONE;
        let mut date = if local.date < self.date_begin {
            self.date_begin
        } else {
            local.date
        };
        // Weekdays repeat every 7 days: 8 days cover every case.
        for _ in 0..8 {
            if date > self.date_end {
                return None;
            }
            if days.contains(date.weekday()) {
                let open = day_start(date) + begin;
                let close = day_start(date) + end;
                let start = open.max(now);
                if start <= close {
                    return Some(start - UNIX_EPOCH_FROM_YEAR_ONE - offset);
                }
            }
            date = Date::from_days_since_year_one(date.days_since_year_one() + 1)?;
        }
        None
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}..{} {}-{}",
            self.date_begin, self.date_end, self.time_begin, self.time_end
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2022-09-12").unwrap().to_string(), "2022-09-12");
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        assert_eq!(
            Date::parse("1900-02-29").unwrap_err().code,
            Code::DateNotCalendar
        );
        assert_eq!(
            Date::parse("2022-13-01").unwrap_err().code,
            Code::DateNotCalendar
        );
        assert_eq!(
            Date::parse("2022-04-31").unwrap_err().code,
            Code::DateNotCalendar
        );
        assert_eq!(
            Date::parse("0000-01-01").unwrap_err().code,
            Code::DateNotCalendar
        );
        for bad in [
            "2022-9-12",
            "22-09-12",
            "2022/09/12",
            "2022-09-12 ",
            "",
            "２０２２-09-12",
        ] {
            assert_eq!(
                Date::parse(bad).unwrap_err().code,
                Code::DateSyntax,
                "{bad}"
            );
        }
        assert!(Date::parse("2022-09-12").unwrap() < Date::parse("2022-09-13").unwrap());
        assert_eq!(
            Date::parse("2022-09-12").unwrap().weekday(),
            Weekday::Monday
        );
        assert_eq!(
            Date::parse("2017-11-15").unwrap().weekday(),
            Weekday::Wednesday
        );
        assert_eq!(
            Date::parse("2000-03-01").unwrap().weekday(),
            Weekday::Wednesday
        );
    }

    #[test]
    fn times() {
        assert_eq!(Time::parse("09:00").unwrap().to_string(), "09:00");
        assert_eq!(Time::parse("9:00").unwrap().to_string(), "09:00");
        assert_eq!(Time::parse("23:59").unwrap(), Time::END_OF_DAY);
        assert_eq!(Time::parse("24:00").unwrap_err().code, Code::TimeOutOfRange);
        assert_eq!(Time::parse("12:60").unwrap_err().code, Code::TimeOutOfRange);
        for bad in [
            "9:0", "900", "09:00:00", "", "a9:00", "123:00", " 9:00", "9:00 ", "٩:٠٠", "9.00",
        ] {
            assert_eq!(
                Time::parse(bad).unwrap_err().code,
                Code::TimeSyntax,
                "{bad}"
            );
        }
    }

    #[test]
    fn timestamps_in_all_three_styles() {
        let t = Timestamp::parse("2017-05-10 13:18:56 UTC").unwrap();
        assert_eq!((t.zone, t.second), (Zone::Utc, 56));
        let t = Timestamp::parse("2016-01-01 00:00:00").unwrap();
        assert_eq!(t.zone, Zone::Unspecified);
        let t = Timestamp::parse("2017-08-03 12:30:32 +0300").unwrap();
        assert_eq!(t.zone, Zone::Offset(180));
        assert_eq!(t.to_string(), "2017-08-03 12:30:32 +0300");
        assert_eq!(
            Timestamp::parse("2017-08-03 12:30:32 -0130").unwrap().zone,
            Zone::Offset(-90)
        );
        for s in ["2017-05-10 13:18:56 UTC", "2016-01-01 00:00:00"] {
            assert_eq!(Timestamp::parse(s).unwrap().to_string(), s);
        }
        // The vendor's malformed CDR sample values.
        for bad in [
            "017-08-03 12:30:32 +0300",
            "2017-08-03 12:30:32 +030",
            "2017-08-03T12:30:32",
            "",
            "2017-08-03 12:30:32 +03:00",
            "2017-08-03 12:30:32 utc",
            "2017-08-03 12:30:32 ",
            "2017-08-03 12:30:32 ±0300",
            "2017-08-03 12:30:3２",
            " 2017-08-03 12:30:32",
        ] {
            assert_eq!(
                Timestamp::parse(bad).unwrap_err().code,
                Code::TimestampSyntax,
                "{bad}"
            );
        }
        for bad in [
            "2017-02-30 12:30:32",
            "2017-08-03 24:00:00",
            "2017-08-03 12:30:60",
            "2017-08-03 12:30:32 +1500",
        ] {
            assert_eq!(
                Timestamp::parse(bad).unwrap_err().code,
                Code::TimestampOutOfRange,
                "{bad}"
            );
        }
    }

    #[test]
    fn durations() {
        assert_eq!(Duration::parse("00:01:05").unwrap().seconds, 65);
        assert_eq!(Duration::parse("65").unwrap().seconds, 65);
        assert_eq!(Duration::parse("0").unwrap().seconds, 0);
        assert_eq!(Duration::parse("123:00:00").unwrap().seconds, 442_800);
        assert_eq!(Duration::parse("65").unwrap().to_string(), "00:01:05");
        assert_eq!(
            Duration::parse("123456:59:59").unwrap().seconds,
            444_445_199
        );
        assert_eq!(Duration::parse("999999999").unwrap().seconds, 999_999_999);
        for bad in [
            "00:0:35",
            "1:00:00",
            "00:60:00",
            "00:00:60",
            "-5",
            "",
            "1.5",
            "1234567890",
            "1234567:00:00",
            "00:00:00:00",
            "12:34",
            "12:34:5",
            "12:34:567",
            "١٢:٣٤:٥٦",
        ] {
            assert_eq!(
                Duration::parse(bad).unwrap_err().code,
                Code::DurationSyntax,
                "{bad}"
            );
        }
    }

    #[test]
    fn weekdays() {
        let mut w = Weekdays::EMPTY;
        assert!(w.is_empty());
        assert_eq!(w.add(1), Ok(true));
        assert_eq!(w.add(7), Ok(true));
        assert_eq!(w.add(1), Ok(false));
        assert_eq!(w.add(0), Err(Code::WeekdayOutOfRange));
        assert_eq!(w.add(8), Err(Code::WeekdayOutOfRange));
        assert_eq!(w.add(-1), Err(Code::WeekdayOutOfRange));
        assert_eq!(w.to_string(), "[1,7]");
        assert_eq!(Weekdays::ALL.to_string(), "[1,2,3,4,5,6,7]");
        assert_eq!(
            w.iter().map(Weekday::name_tr).collect::<Vec<_>>(),
            ["Pazartesi", "Pazar"]
        );
    }

    #[test]
    fn windows() {
        let today = Date::parse("2022-09-12").unwrap();
        let w = Window::resolve(today, None, None, None, None);
        assert_eq!(w.to_string(), "2022-09-12..2022-09-12 00:00-23:59");
        assert_eq!(w.problems().count(), 0);
        let w = Window::resolve(
            today,
            Date::parse("2022-09-13").ok(),
            Date::parse("2022-09-12").ok(),
            Time::parse("18:00").ok(),
            Time::parse("09:00").ok(),
        );
        assert_eq!(
            w.problems().collect::<Vec<_>>(),
            [Code::WindowDateOrder, Code::WindowTimeOrder]
        );
        let w = Window::resolve(
            today,
            None,
            None,
            Time::parse("09:00").ok(),
            Time::parse("09:00").ok(),
        );
        assert_eq!(w.problems().collect::<Vec<_>>(), [Code::WindowTimeOrder]);
    }
}
