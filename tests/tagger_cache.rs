//! The tagger's per-word cache changes no score: for texts of every kind, the scores it
//! sums once per word of a document ([`Scoring::Cached`]) equal, exactly, the sums over each
//! token's plain feature list ([`Scoring::Plain`], what training reads), and so the names
//! found are the same.
// Native only: the DEV pastes are read from files.
#![cfg(not(target_arch = "wasm32"))]

use copydesk::entities::features::N_TAGS;
use copydesk::entities::tagger::{model, tag_with_scoring, Scoring};
use copydesk::{input, tokens, Entity};

include!("common/dev.rs");

/// Per stretch read: each token's emission scores and context rows.
type Lattices = Vec<(Vec<[i32; N_TAGS]>, Vec<[[i32; N_TAGS]; 6]>)>;

fn tag(text: &str, scoring: Scoring) -> (Vec<Entity>, Lattices) {
    let blocks: Vec<_> = input::line_blocks(text, 0, text.len()).collect();
    let tokenized = tokens::tokenize(text, &blocks);
    let mut lattices = Vec::new();
    let found = tag_with_scoring(model(), text, &tokenized, scoring, |l| {
        lattices.push((l.emissions().to_vec(), l.contexts().to_vec()));
    });
    (found, lattices)
}

/// Asserts both ways of scoring agree on `text`, token by token.
fn same_scores(name: &str, text: &str) {
    let (plain, plain_scores) = tag(text, Scoring::Plain);
    let (cached, cached_scores) = tag(text, Scoring::Cached);
    assert_eq!(plain_scores.len(), cached_scores.len(), "{name}: stretches");
    for (k, (p, c)) in plain_scores.iter().zip(&cached_scores).enumerate() {
        assert_eq!(p.0.len(), c.0.len(), "{name}: stretch {k} length");
        for (i, (pe, ce)) in p.0.iter().zip(&c.0).enumerate() {
            assert_eq!(pe, ce, "{name}: stretch {k}, token {i}: emission");
        }
        assert_eq!(p.1, c.1, "{name}: stretch {k}: context rows");
    }
    assert_eq!(plain, cached, "{name}: names");
}

/// A sentence of more than the tagger's window (300 tokens), with names along it and no
/// full stop: read in windows.
fn long_sentence() -> String {
    let mut s = String::new();
    for k in 0..90 {
        s.push_str(&format!(
            "and Maria Okonkwo-Lindqvist of the Harbour Authority met delegates from Oslo in round {k} "
        ));
        if k % 7 == 0 {
            s.push_str("; ");
        }
    }
    s
}

#[test]
fn cached_scores_equal_the_plain_feature_sums() {
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("one word", "Brussels".into()),
        (
            "one-word sentences",
            "Yes. No. Maybe! Kowalczyk? Geneva.".into(),
        ),
        (
            "capitals headline",
            "FLOOD WARNING FOR RIVERTON AS STORM NEARS\nThe Riverton council said on Monday \
             that residents near the river should leave. Riverton's mayor, Dana Whitfield, \
             agreed."
                .into(),
        ),
        (
            "title-case headline",
            "Whitfield Tells Riverton Council to Prepare for the Worst\nDana Whitfield spoke \
             to the council in Riverton. Whitfield said the Environment Agency had warned her."
                .into(),
        ),
        (
            "curly quotes",
            "“We are ready,” said Amara Nwosu, the head of the Lagos State Emergency \
             Management Agency. ‘Ready’ meant something else to Nwosu’s critics at the \
             agency’s office in Ikeja — and to the World Bank."
                .into(),
        ),
        (
            "CJK and accents",
            "東京 (Tokyo) and 北京: the São Paulo delegation met Zoë Ångström and İlker \
             Çelik in Zürich. ÉCOLE NORMALE SUPÉRIEURE opened its doors. ΑΘΗΝΑ ΣΗΜΕΡΑ."
                .into(),
        ),
        (
            "emoji and symbols",
            "🔥 Breaking 🔥 — Apple ($AAPL) fell 3.5% on Tuesday 😬; the S&P 500 and \
             the FTSE 100 followed. #markets @ReutersBiz ½ ¾ ² №7"
                .into(),
        ),
        (
            "same words in every place",
            "Paris. Paris Paris Paris. PARIS IS CALLING PARIS. paris, said Paris Hilton in \
             Paris, Texas. Paris Paris\nParis"
                .into(),
        ),
        (
            "casing learned from the document",
            "bush fires spread. The Bush administration said the bush was dry. BUSH SPEAKS \
             ON FIRES. Bush spoke."
                .into(),
        ),
        ("long sentence", long_sentence()),
        (
            "gazetteer names",
            "The United Nations met in New York with the European Union, NATO and the \
             International Monetary Fund; United States and United Kingdom officials \
             attended, as did the New York Times."
                .into(),
        ),
    ];
    for (name, text) in &cases {
        same_scores(name, text);
    }
}

#[test]
fn cached_scores_equal_the_plain_feature_sums_on_the_dev_pastes() {
    let Some(paths) = dev_pastes() else {
        return;
    };
    for p in &paths {
        let text = std::fs::read_to_string(p).expect("paste reads");
        same_scores(&p.display().to_string(), &text);
    }
}
