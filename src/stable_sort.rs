//! Stable sorting through one shared copy of the sort code, for the page's size.
//!
//! Each `slice::sort_by_key` call with its own element type or key compiles its own copy
//! of the standard library's sort (3–12 KB of WebAssembly each; Copydesk's seventeen calls
//! were ~67 KB). Here the sort runs once, on a list of positions `u32` compared through a
//! `dyn` comparator, and the elements are then moved into that order: one copy of the sort
//! for every caller. The result is the one `sort_by_key` gives (a stable sort's result is
//! fixed by the comparisons alone), so it also replaces `sort_unstable` wherever equal
//! elements cannot be told apart. Costs an allocation of four bytes per element and an
//! indirect call per comparison: none of the callers sorts a long list in a hot loop.

use std::cmp::Ordering;

/// Sorts `v` by `key`, keeping equal elements in their order: `v.sort_by_key(key)`.
pub(crate) fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)))
}

/// Sorts `v` by `compare`, keeping equal elements in their order: `v.sort_by(compare)`.
pub(crate) fn by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    assert!(v.len() <= u32::MAX as usize, "too many elements to sort");
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_positions(&mut order, &mut |a, b| compare(&v[a], &v[b]));
    // Follow each cycle of the permutation: position k takes the element at order[k].
    // Visited positions are marked by order[k] = k.
    for start in 0..v.len() {
        let mut k = start;
        loop {
            let from = order[k] as usize;
            order[k] = k as u32;
            if from == start {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

/// The one place the sort is compiled: positions sorted stably by `compare`.
#[inline(never)]
fn sort_positions(order: &mut [u32], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a as usize, b as usize));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_library_does() {
        let mut next = crate::test_numbers(0x2545_f491_4f6c_dd1d);
        for n in 0..300 {
            // Few distinct keys, so that many elements tie and stability shows.
            let v: Vec<(u64, usize)> = (0..n).map(|i| (next() % 7, i)).collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            let mut got = v.clone();
            by_key(&mut got, |x| x.0);
            assert_eq!(got, want);
            // Descending, ties broken by nothing: equal keys stay in their order.
            let descending = |a: &(u64, usize), b: &(u64, usize)| b.0.cmp(&a.0);
            let mut want = v.clone();
            want.sort_by(descending);
            let mut got = v;
            by(&mut got, descending);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn sorts_part_of_a_list_and_moves_owned_values() {
        let mut v: Vec<String> = ["d", "b", "c", "a", "e"].map(String::from).to_vec();
        by_key(&mut v[1..4], |s| s.clone());
        assert_eq!(v, ["d", "a", "b", "c", "e"]);
        let mut floats = vec![2.5, -0.0, 0.0, -1.0, f64::NAN, 1.0];
        let mut want = floats.clone();
        want.sort_by(f64::total_cmp);
        by(&mut floats, f64::total_cmp);
        assert_eq!(format!("{floats:?}"), format!("{want:?}"));
    }
}
