//! "Did you mean" suggestions: the closest known name by edit distance.

/// Returns the candidate closest to `name`, if one is close enough to be a likely typo.
///
/// Distance is the optimal-string-alignment edit distance on lowercase text (so a swapped
/// pair of letters counts once and a case slip counts nothing); a candidate qualifies when
/// its distance is at most a third of the name's length, between 1 and 3.
#[must_use]
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let limit = (lowered.len() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let mut buffer: Vec<char> = Vec::new();
    for candidate in candidates {
        // Cheap length check first: most candidates of a large catalog end here.
        if candidate == name || candidate.len().abs_diff(name.len()) > limit * 4 {
            continue;
        }
        buffer.clear();
        buffer.extend(candidate.chars().flat_map(char::to_lowercase));
        if buffer.len().abs_diff(lowered.len()) > limit {
            continue;
        }
        let distance = chars_distance(&lowered, &buffer);
        if distance > limit {
            continue;
        }
        let better = match best {
            None => true,
            Some((best_distance, best_name)) => (distance, candidate) < (best_distance, best_name),
        };
        if better {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Returns the optimal-string-alignment distance between two strings (in characters).
#[must_use]
pub fn edit_distance(left: &str, right: &str) -> usize {
    let left: Vec<char> = left.chars().collect();
    let right: Vec<char> = right.chars().collect();
    chars_distance(&left, &right)
}

fn chars_distance(left: &[char], right: &[char]) -> usize {
    let width = right.len() + 1;
    let mut rows = vec![0usize; (left.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=left.len() {
        rows[i * width] = i;
        for j in 1..=right.len() {
            let cost = usize::from(left[i - 1] != right[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && left[i - 1] == right[j - 2] && left[i - 2] == right[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[left.len() * width + right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses() {
        let ids = [
            "bundle-pearl-hoard",
            "ribbon_sale",
            "shells",
            "productsSequence",
        ];
        assert_eq!(
            closest("bundle-pearl-horde", ids),
            Some("bundle-pearl-hoard")
        );
        assert_eq!(closest("ribbon_sales", ids), Some("ribbon_sale"));
        assert_eq!(closest("shell", ids), Some("shells"));
        assert_eq!(closest("productSequence", ids), Some("productsSequence"));
        assert_eq!(closest("PRODUCTSSEQUENCE", ids), Some("productsSequence"));
    }

    #[test]
    fn suggests_nothing_for_distant_names() {
        assert_eq!(closest("kraken", ["shells", "pearls"]), None);
        assert_eq!(closest("ab", ["xy"]), None);
    }

    #[test]
    fn counts_a_transposition_once() {
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
