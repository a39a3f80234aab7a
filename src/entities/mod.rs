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
}

/// Whether a lone surname the tagger missed becomes a mention of the person
/// ([`groups::lone_surnames`]).
const LONE_SURNAMES: bool = true;

/// Which byte ranges some entity covers: spans by start, each with the furthest end among
/// it and those before it, so one binary search answers whether a range overlaps any.
pub(crate) struct Covered(Vec<(usize, usize)>);

impl Covered {
    pub(crate) fn new(entities: &[Entity]) -> Self {
        let mut spans: Vec<(usize, usize)> = entities.iter().map(|e| (e.start, e.end)).collect();
        spans.sort_unstable();
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
    entities.sort_by_key(|e| (e.start, e.end));
    let groups = groups::group(&mut entities);
    Found { entities, groups }
}
