//! Stage 4: entities. Finds names (PERSON, ORG, LOCATION, MISC) with the [`tagger`], a
//! trained sequence model reading the [`features`] of each token, and values (DATE, TIME,
//! MONEY, PERCENT, QUANTITY, CARDINAL) with the [`rules`], then groups the mentions of one
//! entity ([`groups`]). Hands on entities in order of position and their groups.
//!
//! The tagger's training code ([`train`], and the `train-ner` binary) is native only: the
//! page carries just the weights.

pub mod features;
pub mod groups;
#[cfg(not(target_arch = "wasm32"))]
pub mod places;
pub mod rules;
pub mod tagger;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use crate::model::{Entity, EntityGroup};
use crate::tokens::Tokenized;

/// The entities and their groups.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub entities: Vec<Entity>,
    pub groups: Vec<EntityGroup>,
    /// Why names were not looked for, for the reader ([`find_in`]); `None` when they were.
    pub names_skipped: Option<String>,
}

/// Languages (ISO 639-1) whose writing capitalises every noun, with their names for the
/// reader. The tagger learnt from English text, where a capital inside a sentence is the
/// strongest sign of a name; in these languages it is not, and the tagger marks most
/// nouns as names ("Kostendruck", "Termin"). Other languages written in Latin or Cyrillic
/// capitals keep that sign, and their names are mostly found.
/// (Luxembourgish does too, but the language guess does not name it.)
const NOUNS_CAPITALISED: &[(&str, &str)] = &[("de", "German")];

/// Whether a lone surname the tagger missed becomes a mention of the person
/// ([`groups::lone_surnames`]).
const LONE_SURNAMES: bool = true;

/// Which byte ranges some entity covers: spans by start, each with the furthest end among
/// it and those before it, so one binary search answers whether a range overlaps any.
pub(crate) struct Covered(Vec<(usize, usize)>);

impl Covered {
    pub(crate) fn new(entities: &[Entity]) -> Self {
        let mut spans: Vec<(usize, usize)> = entities.iter().map(|e| (e.start, e.end)).collect();
        crate::stable_sort::by_key(&mut spans, |s| *s);
        let mut reach = 0;
        for n in &mut spans {
            reach = reach.max(n.1);
            n.1 = reach;
        }
        Covered(spans)
    }

    /// Whether `start..end` overlaps an entity: one starting before `end` reaches past `start`.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        let before = self.0.partition_point(|&(s, _)| s < end);
        before > 0 && self.0[before - 1].1 > start
    }
}

/// Finds the entities of the tokenized text.
pub fn find(text: &str, tokenized: &Tokenized) -> Found {
    find_with(tagger::model(), text, tokenized)
}

/// [`find`] for a text in `language` (ISO 639-1, as the provenance stage guessed it):
/// in a language that capitalises every noun ([`NOUNS_CAPITALISED`]) only the values
/// written in figures are looked for, and [`Found::names_skipped`] says why.
pub fn find_in(text: &str, tokenized: &Tokenized, language: Option<&str>) -> Found {
    let Some(&(_, name)) = NOUNS_CAPITALISED
        .iter()
        .find(|(code, _)| Some(*code) == language)
    else {
        return find(text, tokenized);
    };
    // The value rules know English words too ("fall", "a dozen"): only values written
    // with figures are kept.
    let mut entities = rules::values(text, tokenized);
    entities.retain(|e| text[e.start..e.end].bytes().any(|b| b.is_ascii_digit()));
    crate::stable_sort::by_key(&mut entities, |e| (e.start, e.end));
    let groups = groups::group(text, &mut entities);
    Found {
        entities,
        groups,
        names_skipped: Some(format!(
            "Names are not marked: the article reads as {name}, which capitalises every \
             noun, and Copydesk's name tagger reads English. Dates and numbers written in \
             figures are marked."
        )),
    }
}

/// [`find`] with a given name model (training and evaluation use fresh ones).
pub fn find_with(model: &tagger::Model, text: &str, tokenized: &Tokenized) -> Found {
    let mut entities = tagger::tag_with(model, text, tokenized);
    let values = rules::values(text, tokenized);
    // Names win over values where they overlap ("March" the month vs. a name is rare;
    // "2016 Olympics" is a name).
    let names = Covered::new(&entities);
    for v in values {
        if !names.overlaps(v.start, v.end) {
            entities.push(v);
        }
    }
    if LONE_SURNAMES {
        let more = groups::lone_surnames(text, tokenized, &entities);
        entities.extend(more);
    }
    crate::stable_sort::by_key(&mut entities, |e| (e.start, e.end));
    let groups = groups::group(text, &mut entities);
    Found {
        entities,
        groups,
        names_skipped: None,
    }
}
