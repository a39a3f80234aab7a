//! The boilerplate benchmark's measure, reimplemented so tests and the evaluation example
//! can score the stage without Python: word-token bag-of-words F1 per page (lowercased,
//! `\w+` tokens, multiplicity counted), as `shared/tools/score_boilerplate.py` defines it.

use std::collections::HashMap;

/// Lower-cased word tokens (runs of letters, digits and `_`) of `text`.
pub fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// (precision, recall, F1) of `predicted` against `truth`. Both empty: all 1; one empty:
/// all 0 (as the Python scorer).
pub fn word_f1(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let mut bag: HashMap<String, i64> = HashMap::new();
    let t = words(truth);
    for w in &t {
        *bag.entry(w.clone()).or_default() += 1;
    }
    let p = words(predicted);
    if t.is_empty() && p.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    if t.is_empty() || p.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut tp = 0usize;
    for w in &p {
        if let Some(c) = bag.get_mut(w) {
            if *c > 0 {
                *c -= 1;
                tp += 1;
            }
        }
    }
    let prec = tp as f64 / p.len() as f64;
    let rec = tp as f64 / t.len() as f64;
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (prec, rec, f1)
}

/// The median of `xs` (the mean of the middle two for an even count), 0 when empty.
pub fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let mut v = xs.to_vec();
    crate::stable_sort::by(&mut v, f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_overlap_counts_multiplicity() {
        let (p, r, f) = word_f1("the cat the dog", "The cat, the the bird");
        assert!((p - 3.0 / 5.0).abs() < 1e-9);
        assert!((r - 3.0 / 4.0).abs() < 1e-9);
        assert!((f - 2.0 * 0.6 * 0.75 / 1.35).abs() < 1e-9);
        assert_eq!(word_f1("", ""), (1.0, 1.0, 1.0));
        assert_eq!(word_f1("a", ""), (0.0, 0.0, 0.0));
        assert_eq!(median(&[3.0, 1.0, 2.0, 10.0]), 2.5);
    }
}
