//! The sources stage's named tables: reporting cues, words that end a source noun phrase,
//! and the words that type a source.

use crate::model::{EntityType, SourceType};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Reporting verbs (all forms that introduce speech or a claim).
const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "reported",
    "reports",
    "report",
    "claimed",
    "claims",
    "claim",
    "asserted",
    "asserts",
    "stated",
    "states",
    "added",
    "adds",
    "announced",
    "announces",
    "suggested",
    "suggests",
    "warned",
    "warns",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "accused",
    "accuses",
    "insisted",
    "insists",
    "argued",
    "argues",
    "noted",
    "notes",
    "explained",
    "explains",
    "wrote",
    "writes",
    "tweeted",
    "declared",
    "declares",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "alleged",
    "alleges",
    "believes",
    "believe",
    "believed",
    "estimated",
    "estimates",
    "predicted",
    "predicts",
    "revealed",
    "reveals",
    "disclosed",
    "stressed",
    "emphasized",
    "emphasised",
    "urged",
    "urges",
    "replied",
    "responded",
    "testified",
    "concluded",
    "recalled",
    "described",
    "promised",
    "vowed",
    "pledged",
    "signaled",
    "signalled",
    "indicated",
    "indicates",
    "showed",
    "shows",
    "found",
    "finds",
    "think",
    "thinks",
    "thought",
    "asked",
    "quoted",
    "cited",
    "maintained",
    "maintains",
    "contended",
    "countered",
    "conceded",
];

/// Words that, right after a cue, belong to it rather than to the content.
const SKIP_AFTER_CUE: &[&str] = &[
    "that",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "earlier",
    "later",
    "reporters",
    "journalists",
    "in",
    "a",
    "an",
    "statement",
    "recently",
    "previously",
    "also",
    "last",
    "week",
    "this",
];

/// Words that end a source noun phrase when read backwards from the cue (clause
/// boundaries, conjunctions, verbs that start a new clause).
const CLAUSE_WORDS: &[&str] = &[
    "that",
    "which",
    "who",
    "and",
    "but",
    "or",
    "as",
    "because",
    "while",
    "when",
    "if",
    "although",
    "though",
    "since",
    "after",
    "before",
    "where",
    "so",
    "than",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "also",
    "it",
    "there",
    "not",
    "recently",
    "previously",
    "already",
    "subsequently",
    "repeatedly",
    "reportedly",
    "publicly",
    "privately",
    "then",
    "would",
    "will",
    "could",
    "might",
    "can",
    "may",
    "in",
    "exchange",
    "on",
    "with",
];

/// Pronouns that can be a source.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Words in a source phrase that make it a news agency or state media.
const NEWS_AGENCY: &[&str] = &[
    "news agency",
    "state media",
    "state news",
    "media",
    "tass",
    "ria",
    "interfax",
    "kcna",
    "xinhua",
    "reuters",
    "associated press",
    "afp",
    "bloomberg",
    "newspaper",
    "broadcaster",
    "television",
    "tv",
    "radio",
    "daily",
    "times",
    "post",
    "journal",
    "agency",
    "press",
];
/// Unnamed officials.
const ANONYMOUS: &[&str] = &[
    "officials",
    "official",
    "sources",
    "source",
    "a spokesman",
    "a spokeswoman",
    "a spokesperson",
    "people familiar",
    "diplomats",
    "a diplomat",
    "aides",
    "an aide",
    "insiders",
    "senior",
    "administration officials",
];
/// Governments and official bodies.
const GOVERNMENT: &[&str] = &[
    "government",
    "ministry",
    "intelligence",
    "kremlin",
    "white house",
    "pentagon",
    "state department",
    "administration",
    "police",
    "military",
    "army",
    "parliament",
    "congress",
    "embassy",
    "office",
    "council",
    "authorities",
    "prosecutor",
    "court",
    "washington",
    "moscow",
    "beijing",
    "pyongyang",
    "seoul",
    "cabinet",
];
/// Experts.
const EXPERTS: &[&str] = &[
    "analyst",
    "analysts",
    "expert",
    "experts",
    "researcher",
    "researchers",
    "scholar",
    "professor",
    "economist",
    "economists",
    "scientists",
    "observers",
    "specialist",
];
/// Documents, reports and statements.
const DOCUMENTS: &[&str] = &[
    "report",
    "statement",
    "document",
    "documents",
    "study",
    "survey",
    "poll",
    "memo",
    "letter",
    "filing",
    "data",
    "records",
    "release",
    "the report",
    "analysis",
    "paper",
];

/// How a cue relates source and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A reporting verb: the source is its subject.
    Verb,
    /// "according to": the source follows.
    According,
}

pub struct Cues {
    verbs: HashSet<&'static str>,
    pub skip_after_cue: HashSet<&'static str>,
    pub clause_words: HashSet<&'static str>,
    pub pronouns: HashSet<&'static str>,
}

pub fn get() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| Cues {
        verbs: VERBS.iter().copied().collect(),
        skip_after_cue: SKIP_AFTER_CUE.iter().copied().collect(),
        clause_words: CLAUSE_WORDS.iter().copied().collect(),
        pronouns: PRONOUNS.iter().copied().collect(),
    })
}

impl Cues {
    /// The cue starting at word `i`: its length in tokens and kind.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<(usize, CueKind)> {
        let w = words[i].to_lowercase();
        if w == "according"
            && words
                .get(i + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case("to"))
        {
            return Some((2, CueKind::According));
        }
        self.verbs
            .contains(w.as_str())
            .then_some((1, CueKind::Verb))
    }

    /// The type of a source phrase (lower-cased), given the entity type that heads it.
    pub fn source_type(&self, lower: &str, entity: Option<EntityType>) -> SourceType {
        let has = |table: &[&str]| {
            table.iter().any(|k| {
                lower == *k
                    || lower.starts_with(&format!("{k} "))
                    || lower.ends_with(&format!(" {k}"))
                    || lower.contains(&format!(" {k} "))
            })
        };
        if has(NEWS_AGENCY) {
            return SourceType::NewsAgency;
        }
        if has(DOCUMENTS) && entity != Some(EntityType::Person) {
            return SourceType::Document;
        }
        if has(ANONYMOUS) && entity != Some(EntityType::Person) {
            return SourceType::AnonymousOfficial;
        }
        if has(EXPERTS) {
            return SourceType::Expert;
        }
        match entity {
            Some(EntityType::Person) => SourceType::NamedPerson,
            _ if has(GOVERNMENT) => SourceType::Government,
            Some(EntityType::Location) => SourceType::Government,
            Some(EntityType::Org) => SourceType::Organisation,
            _ => SourceType::Other,
        }
    }
}
