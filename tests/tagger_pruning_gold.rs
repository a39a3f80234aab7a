//! How many gold name tokens the tagger's pruning would fix to `O`, measured on the
//! corpora's own tokens before a rule is built (`MODEL.md`, "Pruning at tagging time"):
//! a token farther than one place from any word that may be part of a name is fixed, in a
//! document that capitalises its names, outside capitals and headline-case sentences.
//! Prints, for each rule, the share of tokens fixed and every name token fixed:
//!
//! ```sh
//! cargo test --release --test tagger_pruning_gold -- --ignored --nocapture
//! ```
//!
//! The rules are written here again as measured; the tagger's own is
//! `features::may_be_in_name` (checked against the unpruned tagger by `tagger_pruning.rs`).
// Native only: the corpora are read from files.
#![cfg(not(target_arch = "wasm32"))]

use copydesk::entities::features::{all_caps, headline_case, lexicon_key, Case, Tok, LEX_LOWER};
use copydesk::entities::tagger::{capitalises_names, model};
use copydesk::entities::train::{read_corpus, Columns, Sentence};
use std::collections::HashSet;
use std::path::Path;

/// What may keep its neighbours scored.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Rule {
    /// A capital, a figure or a caseless letter ([`Tok::may_be_in_name`]).
    Before,
    /// … but not a sentence's first word that the lexicon writes in lower case (and the
    /// document never capitalises inside a sentence), nor the pronoun "I".
    FirstWordAndI,
    /// … nor a number, unless after such a first word ("Reading 4 Stoke 2"): shipped.
    Numbers,
}

fn may_be_in_name(
    rule: Rule,
    s: &Sentence,
    toks: &[Tok],
    i: usize,
    capitalised: &HashSet<u64>,
) -> bool {
    let t = &toks[i];
    if !t.may_be_in_name() || rule == Rule::Before {
        return t.may_be_in_name();
    }
    let number = |t: &Tok| t.case == Case::NoLetters && t.may_be_in_name();
    match t.case {
        Case::NoLetters => rule != Rule::Numbers,
        Case::Upper => s.words[i] != "I",
        Case::Title if i == 0 => {
            let lexicon = &model().gazetteer.lexicon;
            let class = lexicon.get(&lexicon_key(t.key)).copied().unwrap_or(0);
            let number_next = rule == Rule::Numbers && toks.get(1).is_some_and(number);
            number_next || class != LEX_LOWER || capitalised.contains(&t.key)
        }
        _ => true,
    }
}

fn measure(name: &str, path: &Path, cols: Columns) {
    let text = std::fs::read_to_string(path).expect("corpus reads");
    let docs = read_corpus(&text, cols, 0);
    let rules = [Rule::Before, Rule::FirstWordAndI, Rule::Numbers];
    let (mut all, mut names) = (0, 0);
    let mut fixed = [0usize; 3];
    let mut lost: [Vec<String>; 3] = Default::default();
    for d in &docs {
        let toks: Vec<Vec<Tok>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(|w| Tok::new(w)).collect())
            .collect();
        let prune = capitalises_names(&toks);
        // Words the document capitalises inside a sentence.
        let mut capitalised = HashSet::new();
        for s in toks.iter().filter(|s| !all_caps(s) && !headline_case(s)) {
            for t in s.iter().skip(1) {
                if matches!(t.case, Case::Title | Case::Mixed) {
                    capitalised.insert(t.key);
                }
            }
        }
        for (s, ts) in d.sentences.iter().zip(&toks) {
            let n = ts.len();
            all += n;
            let mut in_name = vec![false; n];
            for &(a, b, _) in &s.names {
                in_name[a..b].iter_mut().for_each(|x| *x = true);
            }
            names += in_name.iter().filter(|&&x| x).count();
            if !prune || all_caps(ts) || headline_case(ts) {
                continue;
            }
            for (r, &rule) in rules.iter().enumerate() {
                let named: Vec<bool> = (0..n)
                    .map(|i| may_be_in_name(rule, s, ts, i, &capitalised))
                    .collect();
                for (i, &gold) in in_name.iter().enumerate() {
                    let (a, b) = (i.saturating_sub(1), (i + 2).min(n));
                    if !named[a..b].iter().any(|&m| m) {
                        fixed[r] += 1;
                        if gold {
                            lost[r].push(format!("{} [{}]", s.words[a..b].join(" "), s.words[i]));
                        }
                    }
                }
            }
        }
    }
    println!(
        "== {name}: {} documents, {all} tokens, {names} name tokens",
        docs.len()
    );
    for (r, rule) in rules.iter().enumerate() {
        println!(
            "{rule:?}: {} tokens fixed ({:.1}%), {} name tokens: {:?}",
            fixed[r],
            100.0 * fixed[r] as f64 / all as f64,
            lost[r].len(),
            lost[r]
        );
    }
}

#[test]
#[ignore = "a measurement: prints figures, asserts nothing"]
fn name_tokens_the_pruning_would_fix() {
    let ner = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ner");
    if !ner.exists() {
        eprintln!("skipping: ../shared absent");
        return;
    }
    measure(
        "CoNLL-2003 testa",
        &ner.join("conll2003/eng.testa"),
        Columns::CONLL,
    );
    measure(
        "UNER English-PUD",
        &ner.join("uner_en_pud/en_pud-ud-test.iob2"),
        Columns::UNER,
    );
    measure(
        "CoNLL-2003 train",
        &ner.join("conll2003/eng.train"),
        Columns::CONLL,
    );
}
