//! Spelling suggestions: the closest known name to a word that is not
//! one (`user` for `usr`), for a diagnostic's `suggestion`.

/// Edit distance (optimal string alignment, byte-wise, ASCII-case-folded)
/// between two short words, capped: words over 48 bytes compare as far apart
/// (the longest name santral suggests has 37).
pub fn edit_distance(a: &str, b: &str) -> usize {
    distance_within(a.as_bytes(), b.as_bytes(), WORD_MAX).unwrap_or(usize::MAX)
}

const WORD_MAX: usize = 48;

/// The edit distance of `a` and `b` if it is at most `limit`. Only the
/// band of cells within `limit` of the diagonal is computed, and the walk
/// stops once a whole row exceeds `limit`, so a typo check costs
/// O(len × limit) whatever the input.
fn distance_within(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    if a.len() > WORD_MAX || b.len() > WORD_MAX || a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Cells outside the band hold `far`; every stored value fits a byte.
    let far = limit.saturating_add(1).min(WORD_MAX + 1);
    let ch = |s: &[u8], i: usize| s.get(i).map(u8::to_ascii_lowercase);
    let get = |row: &[u8; WORD_MAX + 1], j: usize| row.get(j).map_or(far, |&v| usize::from(v));
    let mut prev2 = [far as u8; WORD_MAX + 1];
    let mut prev = [far as u8; WORD_MAX + 1];
    for (j, slot) in prev.iter_mut().enumerate().take(limit.min(b.len()) + 1) {
        *slot = j as u8;
    }
    for i in 1..=a.len() {
        let mut cur = [far as u8; WORD_MAX + 1];
        let lo = i.saturating_sub(limit);
        let hi = b.len().min(i + limit);
        let mut row_min = far;
        if lo == 0 {
            cur[0] = i as u8;
            row_min = i;
        }
        for j in lo.max(1)..=hi {
            let (ca, cb) = (ch(a, i - 1), ch(b, j - 1));
            let cost = usize::from(ca != cb);
            let mut v = (get(&prev, j) + 1)
                .min(get(&cur, j - 1) + 1)
                .min(get(&prev, j - 1) + cost);
            if i > 1 && j > 1 && ca == ch(b, j - 2) && ch(a, i - 2) == cb {
                v = v.min(get(&prev2, j - 2) + 1);
            }
            let v = v.min(far);
            row_min = row_min.min(v);
            if let Some(slot) = cur.get_mut(j) {
                *slot = v as u8;
            }
        }
        // A transposition reaches back two rows, but never below what a
        // substitution in the row between already gives: a row wholly
        // over the limit ends the search.
        if row_min > limit {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    Some(get(&prev, b.len())).filter(|d| *d <= limit)
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub fn suggest(word: &str, candidates: &[&'static str]) -> Option<&'static str> {
    // One character is too little to tell a typo from another value
    // (`4` is not a misspelt keypress `1`).
    if word.len() < 2 {
        return None;
    }
    let limit = if word.len() <= 3 { 1 } else { 2 };
    candidates
        .iter()
        .filter_map(|c| Some((distance_within(word.as_bytes(), c.as_bytes(), limit)?, *c)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;

    #[test]
    fn suggestions() {
        assert_eq!(edit_distance("usr", "user"), 1);
        assert_eq!(edit_distance("qeueu", "queue"), 2);
        assert_eq!(suggest("usr", &["user", "group"]), Some("user"));
        assert_eq!(suggest("zzzzzz", &["user", "group"]), None);
        assert_eq!(edit_distance(&"a".repeat(40), "a"), 39);
        assert_eq!(edit_distance(&"a".repeat(49), "a"), usize::MAX);
    }

    /// The textbook optimal-string-alignment table, for comparison.
    fn reference_osa(a: &[u8], b: &[u8]) -> usize {
        let mut d = std::vec![std::vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn banded_distance_agrees_with_the_full_table() {
        // Every pair of words up to 5 letters over {a, b, c}: the banded,
        // early-stopping walk finds exactly the distances within its limit.
        let mut words = std::vec![String::new()];
        let mut frontier = words.clone();
        // Under Miri (hundreds of times slower) up to 2 letters.
        let longest = if cfg!(miri) { 2 } else { 5 };
        for _ in 0..longest {
            frontier = frontier
                .iter()
                .flat_map(|w| ['a', 'b', 'c'].map(|c| std::format!("{w}{c}")))
                .collect();
            words.extend(frontier.iter().cloned());
        }
        for a in &words {
            for b in &words {
                let full = reference_osa(a.as_bytes(), b.as_bytes());
                assert_eq!(edit_distance(a, b), full, "{a} {b}");
                for limit in 0..4 {
                    let banded = distance_within(a.as_bytes(), b.as_bytes(), limit);
                    assert_eq!(banded, (full <= limit).then_some(full), "{a} {b} {limit}");
                }
            }
        }
    }
}
