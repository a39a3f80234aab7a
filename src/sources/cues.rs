//! The sources stage's named tables: reporting cues, the words around them (auxiliaries
//! before, adjuncts after), the words that end a source noun phrase, and the words that
//! type a source. Every table is hand-written English grammar, not learned from a corpus.

use super::learned;
use crate::model::{EntityType, SourceType};
use std::collections::HashMap;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Reporting verbs, one lemma a line as `base|3rd person|past|-ing`: verbs whose subject
/// is the source and whose complement (a clause, a quote, an object) is the content.
/// Speech and writing first, then stance, evidence and belief verbs that news uses to
/// report what someone holds.
const VERBS: &[&str] = &[
    // Speech and writing.
    "say|says|said|saying",
    "tell|tells|told|telling",
    "add|adds|added|adding",
    "write|writes|wrote|writing",
    "ask|asks|asked|asking",
    // "state" and "states" are nearly always the noun.
    "stated|stating",
    "announce|announces|announced|announcing",
    "claim|claims|claimed|claiming",
    "assert|asserts|asserted|asserting",
    "argue|argues|argued|arguing",
    "explain|explains|explained|explaining",
    "note|notes|noted|noting",
    "report|reports|reported|reporting",
    "tweet|tweets|tweeted|tweeting",
    "declare|declares|declared|declaring",
    "insist|insists|insisted|insisting",
    "warn|warns|warned|warning",
    "reply|replies|replied|replying",
    "respond|responds|responded|responding",
    "suggest|suggests|suggested|suggesting",
    "acknowledge|acknowledges|acknowledged|acknowledging",
    "admit|admits|admitted|admitting",
    "deny|denies|denied|denying",
    "confirm|confirms|confirmed|confirming",
    "testify|testifies|testified|testifying",
    "conclude|concludes|concluded|concluding",
    "stress|stresses|stressed|stressing",
    "emphasize|emphasizes|emphasized|emphasizing",
    "emphasise|emphasises|emphasised|emphasising",
    "urge|urges|urged|urging",
    "predict|predicts|predicted|predicting",
    "recall|recalls|recalled|recalling",
    "describe|describes|described|describing",
    "accuse|accuses|accused|accusing",
    "criticize|criticizes|criticized|criticizing",
    "criticise|criticises|criticised|criticising",
    "praise|praises|praised|praising",
    "promise|promises|promised|promising",
    "pledge|pledges|pledged|pledging",
    "vow|vows|vowed|vowing",
    "allege|alleges|alleged|alleging",
    "reveal|reveals|revealed|revealing",
    "disclose|discloses|disclosed|disclosing",
    "mention|mentions|mentioned|mentioning",
    "quote|quotes|quoted|quoting",
    "cite|cites|cited|citing",
    "contend|contends|contended|contending",
    "counter|counters|countered|countering",
    "concede|concedes|conceded|conceding",
    "maintain|maintains|maintained|maintaining",
    "complain|complains|complained|complaining",
    "boast|boasts|boasted|boasting",
    "joke|jokes|joked|joking",
    "quip|quips|quipped|quipping",
    "remark|remarks|remarked|remarking",
    "observe|observes|observed|observing",
    "point out|points out|pointed out|pointing out",
    "insist|insists|insisted|insisting",
    "proclaim|proclaims|proclaimed|proclaiming",
    "repeat|repeats|repeated|repeating",
    "reiterate|reiterates|reiterated|reiterating",
    "echo|echoes|echoed|echoing",
    "shout|shouts|shouted|shouting",
    "yell|yells|yelled|yelling",
    "post|posts|posted|posting",
    "blast|blasts|blasted|blasting",
    "slam|slams|slammed|slamming",
    "attack|attacks|attacked|attacking",
    "blame|blames|blamed|blaming",
    "condemn|condemns|condemned|condemning",
    "dismiss|dismisses|dismissed|dismissing",
    "reject|rejects|rejected|rejecting",
    "defend|defends|defended|defending",
    "question|questions|questioned|questioning",
    "demand|demands|demanded|demanding",
    "propose|proposes|proposed|proposing",
    "recommend|recommends|recommended|recommending",
    "endorse|endorses|endorsed|endorsing",
    "assure|assures|assured|assuring",
    "inform|informs|informed|informing",
    "advise|advises|advised|advising",
    "caution|cautions|cautioned|cautioning",
    "speculate|speculates|speculated|speculating",
    "estimate|estimates|estimated|estimating",
    "forecast|forecasts|forecast|forecasting",
    "project|projects|projected|projecting",
    "announce|announces|announced|announcing",
    "call|calls|called|calling",
    "continue|continues|continued|continuing",
    "agree|agrees|agreed|agreeing",
    "disagree|disagrees|disagreed|disagreeing",
    "brag|brags|bragged|bragging",
    "lament|laments|lamented|lamenting",
    "acknowledge|acknowledges|acknowledged|acknowledging",
    "signal|signals|signaled|signaling",
    "indicate|indicates|indicated|indicating",
    "hint|hints|hinted|hinting",
    "imply|implies|implied|implying",
    "charge|charges|charged|charging",
    "concur|concurs|concurred|concurring",
    "clarify|clarifies|clarified|clarifying",
    // Evidence: documents, polls and studies "show" or "find".
    "show|shows|showed|showing",
    "find|finds|found|finding",
    // Belief and stance: "Trump believes …", "critics fear …".
    "believe|believes|believed|believing",
    "think|thinks|thought|thinking",
    "fear|fears|feared|fearing",
    "hope|hopes|hoped|hoping",
    "expect|expects|expected|expecting",
    // Appearance: "the figures appear to be wrong" (a claim with no source).
    "seem|seems|seemed",
    "appear|appears|appeared",
    "worry|worries|worried|worrying",
    "doubt|doubts|doubted|doubting",
    "insist|insists|insisted|insisting",
    "realize|realizes|realized|realizing",
    "acknowledge|acknowledges|acknowledged|acknowledging",
    "feel|feels|felt|feeling",
    "know|knows|knew|knowing",
    "see|sees|saw|seeing",
    "view|views|viewed|viewing",
    "consider|considers|considered|considering",
    "assume|assumes|assumed|assuming",
    "suspect|suspects|suspected|suspecting",
    "want|wants|wanted|wanting",
    "plan|plans|planned|planning",
    "support|supports|supported|supporting",
    "oppose|opposes|opposed|opposing",
    "decline|declines|declined|declining",
    "refuse|refuses|refused|refusing",
];

/// Cue forms that need more than the bare verb to be a cue: alone they are mostly
/// something else ("a plan", "support", "the view"), so they count only with a named or
/// pronoun subject right before them.
const NEEDS_SUBJECT: &[&str] = &[
    "state",
    "claim",
    "claims",
    "show",
    "find",
    "think",
    "know",
    "see",
    "feel",
    "want",
    "plan",
    "support",
    "oppose",
    "view",
    "views",
    "consider",
    "hope",
    "fear",
    "doubt",
    "expect",
    "project",
    "post",
    "posts",
    "call",
    "calls",
    "question",
    "questions",
    "decline",
    "declines",
    "continue",
    "continues",
    "report",
    "reports",
    "state",
    "states",
    "counter",
    "charge",
    "charges",
    "quote",
    "note",
    "notes",
    "cite",
    "plans",
    "supports",
    "opposes",
    "attack",
    "attacks",
    "demand",
    "demands",
    "estimate",
    "estimates",
    "forecast",
    "forecasts",
    "promise",
    "promises",
    "praise",
    "agree",
    "hopes",
    "fears",
    "doubts",
    "wants",
    "knows",
    "sees",
    "feels",
    "thinks",
    "thought",
    "found",
    "felt",
    "saw",
    "knew",
    "believed",
    "wanted",
    "planned",
    "supported",
    "opposed",
    "viewed",
    "considered",
    "hoped",
    "feared",
    "expected",
    "continued",
    "declined",
    "refused",
    "agreed",
    "projected",
    "attacked",
    "charged",
    "questioned",
    "called",
    "showed",
    "shows",
    "finds",
    "post",
    "posted",
    "signal",
    "signals",
    "joke",
    "jokes",
    "remarks",
    "remark",
    "blast",
    "blasts",
    "slam",
    "slams",
    "echo",
    "repeat",
    "repeats",
    "reject",
    "rejects",
    "defend",
    "defends",
    "dismiss",
    "endorse",
    "endorses",
];

/// Cue forms that are never cues on their own however the sentence reads.
const NOT_ALONE: &[&str] = &[
    "seeing",
    "knowing",
    "feeling",
    "thinking",
    "wanting",
    "planning",
    "supporting",
    "opposing",
    "viewing",
    "considering",
    "hoping",
    "expecting",
    "continuing",
    "finding",
    "showing",
    "declining",
    "refusing",
    "agreeing",
    "projecting",
    "posting",
    "attacking",
    "fearing",
    "doubting",
    "believing",
    "assuming",
    "worrying",
];

/// Words between a subject and its cue that belong to neither: auxiliaries and adverbs
/// ("has said", "also told", "later wrote", "would not say").
const BEFORE_CUE: &[&str] = &[
    "ever",
    "outright",
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "once",
    "repeatedly",
    "recently",
    "publicly",
    "privately",
    "then",
    "would",
    "will",
    "could",
    "might",
    "may",
    "did",
    "does",
    "do",
    "not",
    "never",
    "often",
    "already",
    "still",
    "subsequently",
    "reportedly",
    "again",
    "first",
    "quickly",
    "flatly",
    "ultimately",
    "even",
    "n't",
    "just",
    "long",
    "since",
    "frequently",
    "initially",
    "earlier",
    "now",
    "should",
    "can",
    "must",
    "always",
    "openly",
    "further",
    "separately",
    "similarly",
    "likewise",
    "too",
    "had",
    "falsely",
    "correctly",
    "wrongly",
    "angrily",
    "explicitly",
    "directly",
    "specifically",
    "simply",
    "only",
];

/// "X declined to say", "X went on to argue": words before "to" that hand the cue's
/// subject through.
const TO_CONTROL: &[&str] = &[
    "declined",
    "refused",
    "continued",
    "went",
    "on",
    "wanted",
    "tried",
    "began",
    "used",
    "decided",
    "appeared",
    "seemed",
    "sought",
    "planned",
    "was",
    "is",
    "were",
    "are",
    "quick",
    "declines",
    "refuses",
    "continues",
    "wants",
    "tries",
    "begins",
    "decides",
    "seems",
    "goes",
    "going",
];

/// Words right after a cue that belong to it rather than to the content: when and where
/// it was said ("said on Thursday", "told reporters Tuesday", "said in a statement").
const AFTER_CUE: &[&str] = &[
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
    "tonight",
    "earlier",
    "later",
    "recently",
    "previously",
    "also",
    "last",
    "this",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "again",
    "repeatedly",
    "publicly",
    "privately",
    "flatly",
    "bluntly",
    "simply",
    "firmly",
    "then",
    "once",
    "often",
    "frequently",
    "now",
    "late",
    "early",
    "weekend",
    "day",
];

/// Who is told: objects of "told" that are not the content ("told reporters").
const AUDIENCES: &[&str] = &[
    "reporters",
    "journalists",
    "supporters",
    "voters",
    "audience",
    "audiences",
    "crowd",
    "crowds",
    "lawmakers",
    "students",
    "congress",
    "members",
    "listeners",
    "viewers",
    "delegates",
    "donors",
    "him",
    "her",
    "them",
    "us",
    "me",
    "you",
    "the",
    "a",
    "an",
    "his",
    "their",
    "its",
    "our",
    "my",
    "interviewers",
    "attendees",
    "rally",
    "rallygoers",
    "parliament",
    "colleagues",
    "senators",
    "correspondents",
];

/// Nouns after "in a/an/his/her/the" that make a where-it-was-said phrase ("said in a
/// statement", "wrote in an email").
const SETTINGS: &[&str] = &[
    "statement",
    "interview",
    "email",
    "e-mail",
    "letter",
    "speech",
    "post",
    "tweet",
    "tweets",
    "memo",
    "op-ed",
    "report",
    "release",
    "conference",
    "call",
    "message",
    "remarks",
    "address",
    "essay",
    "column",
    "blog",
    "book",
    "filing",
    "hearing",
    "debate",
    "rally",
    "video",
    "appearance",
    "briefing",
    "podcast",
    "note",
    "editorial",
    "town",
    "radio",
    "television",
    "phone",
    "telephone",
    "broadcast",
    "session",
    "meeting",
    "testimony",
];

/// Words that end a source noun phrase when read backwards from the cue (clause
/// boundaries, conjunctions, verbs and prepositions that begin something else).
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "when", "if", "although", "though", "because", "while", "since", "after",
    "before", "where", "so", "than", "is", "are", "was", "were", "be", "been", "being", "it",
    "there", "not", "to", "but", "or", "as", "in", "on", "with", "into", "from", "by", "about",
    "over", "under", "against", "during", "without", "unless", "until", "what", "how", "why",
    "whether", "whom", "whose", "says", "said", "say", "told", "tells", "can", "will", "would",
    "should", "could", "might", "may", "must", "do", "does", "did", "has", "have", "had", "also",
    "just", "even", "only", "then", "now", "yet", "still", "again", "once", "like", "among",
    "through", "toward", "towards", "upon", "per", "via", "at", "amid", "despite", "this",
];

/// Words that may start a source noun phrase but are dropped from it when they lead
/// ("But officials said" → "officials").
const LEADING_NOISE: &[&str] = &[
    "but",
    "and",
    "so",
    "still",
    "however",
    "meanwhile",
    "yet",
    "now",
    "instead",
    "indeed",
    "also",
    "then",
    "or",
    "nor",
    "plus",
    "thus",
    "moreover",
    "finally",
];

/// Pronouns that can be a source.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who"];

/// Words in a source phrase that make it a news agency or state media.
const NEWS_AGENCY: &[&str] = &[
    "news agency",
    "state media",
    "state news",
    "state television",
    "state tv",
    "state-run",
    "media",
    "tass",
    "ria",
    "interfax",
    "kcna",
    "xinhua",
    "yonhap",
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
    "cnn",
    "bbc",
    "nbc",
    "cbs",
    "abc",
    "fox news",
    "politico",
    "news",
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
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "people familiar",
    "diplomats",
    "a diplomat",
    "aides",
    "an aide",
    "insiders",
    "senior",
    "administration officials",
    "person familiar",
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
    "department",
    "administration",
    "police",
    "military",
    "army",
    "parliament",
    "congress",
    "senate",
    "embassy",
    "council",
    "authorities",
    "prosecutor",
    "prosecutors",
    "court",
    "washington",
    "moscow",
    "beijing",
    "pyongyang",
    "seoul",
    "tokyo",
    "cabinet",
    "agency",
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
    "scholars",
    "professor",
    "economist",
    "economists",
    "scientist",
    "scientists",
    "observers",
    "specialist",
    "specialists",
    "strategist",
    "strategists",
    "historian",
    "historians",
];
/// Documents, reports and statements.
const DOCUMENTS: &[&str] = &[
    "report",
    "reports",
    "statement",
    "document",
    "documents",
    "study",
    "survey",
    "poll",
    "polls",
    "memo",
    "letter",
    "filing",
    "data",
    "records",
    "release",
    "analysis",
    "paper",
    "transcript",
    "complaint",
    "indictment",
    "lawsuit",
    "ruling",
    "email",
    "emails",
    "tweet",
    "post",
    "video",
    "book",
    "article",
    "editorial",
];
/// Words that head a plural or collective source ("they" can refer to it).
const PERSON_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "official",
    "aide",
    "analyst",
    "adviser",
    "advisor",
    "senator",
    "president",
    "candidate",
    "governor",
    "minister",
    "secretary",
    "leader",
    "director",
    "chairman",
    "expert",
    "professor",
    "lawyer",
    "attorney",
    "manager",
    "strategist",
];

/// Words after the head of a source phrase ("a spokeswoman *for* the ministry").
const HEAD_ENDS: &[&str] = &[
    "for", "of", "at", "with", "from", "in", "familiar", "who", "close", "to", "on", "and",
];

/// How a cue relates source and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A reporting verb: the source is its subject.
    Verb,
    /// "according to": the source follows.
    According,
}

/// A cue found at a token: its length in tokens, kind, and verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    pub len: usize,
    pub kind: CueKind,
    /// An "-ing" form ("saying", "adding"): its subject is the clause's.
    pub participle: bool,
    /// The form counts only with a subject right before it.
    pub needs_subject: bool,
    /// The form never counts without a subject (participles of stance verbs).
    pub not_alone: bool,
    /// A "speech" cue (say, tell, write, …) rather than a stance or evidence verb.
    pub speech: bool,
    /// The bare form ("say", "report"): also a noun, so it needs a plural or pronoun
    /// subject or an auxiliary before it.
    pub base: bool,
}

pub struct Cues {
    /// One-word forms, and the second word of two-word forms ("pointed" → "out").
    verbs: HashMap<&'static str, Option<&'static str>, WordHash>,
    /// The first words of every cue ("according" and [`Cues::verbs`]) by first byte and
    /// length, see [`WordShapes`]: most words of an article are ruled out by one look-up.
    first_words: WordShapes,
    base: WordSet,
    speech: WordSet,
    needs_subject: WordSet,
    not_alone: WordSet,
    pub before_cue: WordSet,
    pub to_control: WordSet,
    pub after_cue: WordSet,
    pub audiences: WordSet,
    pub settings: WordSet,
    pub clause_words: WordSet,
    pub leading_noise: WordSet,
    pub pronouns: WordSet,
    pub person_nouns: WordSet,
    /// The tables [`Cues::source_type`] reads, hashed.
    types: TypeTables,
}

/// The source-type tables as hashed sets, and the phrase tables by their first word:
/// [`Cues::source_type`] runs for every attribution, and scanning the tables entry by
/// entry (against every word of the phrase) was most of its cost.
struct TypeTables {
    head_ends: WordSet,
    experts: WordSet,
    anonymous: WordSet,
    news_agency: WordSet,
    documents: WordSet,
    government: WordSet,
    news_agency_phrases: Phrases,
    government_phrases: Phrases,
    expert_phrases: Phrases,
}

/// A table's entries by their first word ("white house" under "white").
type Phrases = HashMap<&'static str, Vec<&'static str>, WordHash>;

fn phrases(table: &[&'static str]) -> Phrases {
    let mut by_first = Phrases::default();
    for &k in table {
        let first = k.split(' ').next().unwrap_or(k);
        by_first.entry(first).or_insert_with(Vec::new).push(k);
    }
    by_first
}

/// A set of the tables' words.
pub type WordSet = HashSet<&'static str, WordHash>;

/// Hashing for the tables' short words. The cue lookup runs at every word of the article;
/// the standard hasher (SipHash, built against hostile keys) was most of its cost, and the
/// keys here are the tables' own words.
pub type WordHash = BuildHasherDefault<WordHasher>;

/// FNV-1a over the bytes, with the high half folded into the low half at the end (the hash
/// table picks buckets with the low bits, which FNV alone mixes poorly).
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> WordHasher {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// Which (first byte, length) and (last byte, length) pairs a set of words has: a word
/// either of whose pairs is not there is not in the set. One bit per length up to 63 bytes
/// (longer words share the last bit) for each first byte, and for each last byte (the
/// second look rules out most of the words the first lets through: "the", "that", "was").
pub struct WordShapes {
    lengths: [u64; 256],
    last_lengths: [u64; 256],
}

impl WordShapes {
    fn bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    pub fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> WordShapes {
        let mut lengths = [0u64; 256];
        let mut last_lengths = [0u64; 256];
        for w in words {
            if let (Some(&b), Some(&e)) = (w.as_bytes().first(), w.as_bytes().last()) {
                lengths[usize::from(b)] |= Self::bit(w.len());
                last_lengths[usize::from(e)] |= Self::bit(w.len());
            }
        }
        WordShapes {
            lengths,
            last_lengths,
        }
    }

    /// False when `w` is not one of the words (true may still be a word outside them).
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let bit = Self::bit(w.len());
        match (w.as_bytes().first(), w.as_bytes().last()) {
            (Some(&b), Some(&e)) => {
                self.lengths[usize::from(b)] & self.last_lengths[usize::from(e)] & bit != 0
            }
            _ => false,
        }
    }
}

/// The tables, built once.
pub fn get() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| {
        let mut verbs = HashMap::default();
        let mut speech = WordSet::default();
        let mut base = WordSet::default();
        let speech_end = VERBS
            .iter()
            .position(|l| l.starts_with("show|"))
            .unwrap_or(VERBS.len());
        for (n, line) in VERBS.iter().enumerate() {
            for (f, form) in line.split('|').enumerate() {
                let mut words = form.split(' ');
                let first = words.next().unwrap_or(form);
                if f == 0 {
                    base.insert(first);
                }
                verbs.insert(first, words.next());
                if n < speech_end {
                    speech.insert(first);
                }
            }
        }
        // Learned weights: drop the forms that are rarely cues, add the learned ones.
        for form in learned::DROPPED {
            verbs.remove(form);
        }
        let mut needs_subject = NEEDS_SUBJECT.to_vec();
        for &form in learned::LEARNED {
            if !verbs.contains_key(form) {
                verbs.insert(form, None);
                needs_subject.push(form);
                if !(form.ends_with('s') || form.ends_with('d') || form.ends_with("ing")) {
                    base.insert(form);
                }
            }
        }
        let set = |t: &[&'static str]| t.iter().copied().collect::<WordSet>();
        let first_words = WordShapes::of(verbs.keys().copied().chain(["according"]));
        Cues {
            verbs,
            first_words,
            base,
            speech,
            needs_subject: set(&needs_subject),
            not_alone: set(NOT_ALONE),
            before_cue: set(BEFORE_CUE),
            to_control: set(TO_CONTROL),
            after_cue: set(AFTER_CUE),
            audiences: set(AUDIENCES),
            settings: set(SETTINGS),
            clause_words: set(CLAUSE_WORDS),
            leading_noise: set(LEADING_NOISE),
            pronouns: set(PRONOUNS),
            person_nouns: set(PERSON_NOUNS),
            types: TypeTables {
                head_ends: set(HEAD_ENDS),
                experts: set(EXPERTS),
                anonymous: set(ANONYMOUS),
                news_agency: set(NEWS_AGENCY),
                documents: set(DOCUMENTS),
                government: set(GOVERNMENT),
                news_agency_phrases: phrases(NEWS_AGENCY),
                government_phrases: phrases(GOVERNMENT),
                expert_phrases: phrases(EXPERTS),
            },
        }
    })
}

impl Cues {
    /// The cue starting at word `i` (`lower` is the lower-cased words), if any.
    #[inline]
    pub fn match_at<S: AsRef<str>>(&self, lower: &[S], i: usize) -> Option<CueMatch> {
        let w = lower[i].as_ref();
        if !self.first_words.may_hold(w) {
            return None;
        }
        self.match_word(w, lower.get(i + 1).map(AsRef::as_ref))
    }

    /// [`Cues::match_at`] past its first look, which rules out most words: apart, so that
    /// the look is made where it is called, without a call per word of the text.
    #[inline(never)]
    fn match_word(&self, w: &str, next: Option<&str>) -> Option<CueMatch> {
        if w == "according" && next == Some("to") {
            return Some(CueMatch {
                len: 2,
                kind: CueKind::According,
                participle: false,
                needs_subject: false,
                not_alone: false,
                speech: true,
                base: false,
            });
        }
        let (&form, second) = self.verbs.get_key_value(w)?;
        let len = match second {
            Some(s) if next == Some(s) => 2,
            Some(_) => return None,
            None => 1,
        };
        Some(CueMatch {
            len,
            kind: CueKind::Verb,
            participle: form.ends_with("ing"),
            needs_subject: self.needs_subject.contains(form),
            not_alone: self.not_alone.contains(form),
            speech: self.speech.contains(form),
            base: self.base.contains(form) && !form.ends_with("ed"),
        })
    }

    /// The type of a source phrase (lower-cased), given the entity type that heads it.
    /// The head word decides first ("a spokesman for Exxon" is a spokesman), then a news
    /// organisation named anywhere in it ("the KCNA report"), then the entity.
    pub fn source_type(&self, lower: &str, entity: Option<EntityType>) -> SourceType {
        let t = &self.types;
        let words = || {
            lower
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
        };
        // Whether a table entry occurs in the phrase as whole words. An entry's first word
        // (entries hold no comma and single spaces only) is then one of the phrase's words:
        // only the entries under the phrase's words are looked for.
        let has = |table: &Phrases| {
            words().any(|w| {
                table.get(w).is_some_and(|entries| {
                    entries.iter().any(|k| {
                        lower.match_indices(k).any(|(at, _)| {
                            let end = at + k.len();
                            (at == 0 || lower[..at].ends_with(' '))
                                && (end == lower.len() || lower[end..].starts_with(' '))
                        })
                    })
                })
            })
        };
        let head = words()
            .take_while(|w| !t.head_ends.contains(w))
            .last()
            .unwrap_or("");
        if t.experts.contains(head) {
            return SourceType::Expert;
        }
        if t.anonymous.contains(head) {
            return SourceType::AnonymousOfficial;
        }
        if has(&t.news_agency_phrases)
            && (entity != Some(EntityType::Person) || t.news_agency.contains(head))
        {
            return SourceType::NewsAgency;
        }
        if t.documents.contains(head) {
            return SourceType::Document;
        }
        if t.government.contains(head) {
            return SourceType::Government;
        }
        match entity {
            Some(EntityType::Person) => SourceType::NamedPerson,
            _ if has(&t.government_phrases) => SourceType::Government,
            Some(EntityType::Location) => SourceType::Government,
            Some(EntityType::Org) => SourceType::Organisation,
            _ if has(&t.expert_phrases) => SourceType::Expert,
            _ => SourceType::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_shapes_never_rule_out_a_cue() {
        let c = get();
        assert!(!c.verbs.contains_key(""));
        for w in c.verbs.keys().copied().chain(["according"]) {
            assert!(c.first_words.may_hold(w), "{w}");
        }
        // Words ruled out are no cue's first word; a cue is found exactly as before.
        let text = "“said” Said said, according to told the minister’s москва said: é \
                    noted pointed out 北京 saying 🙂 says according  warned x ſays \u{212A} \
                    saïd said’s wrote… told🙂 ’said according";
        let lower: Vec<String> = text.split(' ').map(str::to_lowercase).collect();
        for (i, w) in lower.iter().enumerate() {
            if !c.first_words.may_hold(w) {
                assert!(!c.verbs.contains_key(w.as_str()) && w != "according", "{w}");
                assert!(c.match_at(&lower, i).is_none(), "{w}");
            }
        }
        assert!(c.match_at(&lower, 1).is_some() && c.match_at(&lower, 3).is_some());
    }

    /// `source_type` tests an entry's first word against the phrase's words before looking
    /// for the entry: that holds only for entries of words joined by single spaces.
    #[test]
    fn source_type_tables_hold_words_joined_by_single_spaces() {
        for table in [NEWS_AGENCY, GOVERNMENT, EXPERTS] {
            for k in table {
                assert!(
                    !k.is_empty()
                        && k.split(' ').all(|w| !w.is_empty()
                            && !w.contains(|c: char| c.is_whitespace() || c == ',')),
                    "{k:?}"
                );
            }
        }
    }

    /// [`Cues::source_type`] as first written: every table scanned entry by entry.
    fn source_type_by_scan(lower: &str, entity: Option<EntityType>) -> SourceType {
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let has = |table: &[&str]| {
            table.iter().any(|k| {
                let first = k.split(' ').next().unwrap_or(k);
                words.contains(&first)
                    && lower.match_indices(k).any(|(at, _)| {
                        let end = at + k.len();
                        (at == 0 || lower[..at].ends_with(' '))
                            && (end == lower.len() || lower[end..].starts_with(' '))
                    })
            })
        };
        let head_end = words
            .iter()
            .position(|w| HEAD_ENDS.contains(w))
            .unwrap_or(words.len());
        let head = words[..head_end].last().copied().unwrap_or("");
        if EXPERTS.contains(&head) {
            return SourceType::Expert;
        }
        if ANONYMOUS.contains(&head) {
            return SourceType::AnonymousOfficial;
        }
        if has(NEWS_AGENCY) && (entity != Some(EntityType::Person) || NEWS_AGENCY.contains(&head)) {
            return SourceType::NewsAgency;
        }
        if DOCUMENTS.contains(&head) {
            return SourceType::Document;
        }
        if GOVERNMENT.contains(&head) {
            return SourceType::Government;
        }
        match entity {
            Some(EntityType::Person) => SourceType::NamedPerson,
            _ if has(GOVERNMENT) => SourceType::Government,
            Some(EntityType::Location) => SourceType::Government,
            Some(EntityType::Org) => SourceType::Organisation,
            _ if has(EXPERTS) => SourceType::Expert,
            _ => SourceType::Other,
        }
    }

    #[test]
    fn hashed_tables_type_sources_as_a_scan_does() {
        let cues = get();
        let phrases = [
            "",
            " ",
            ",",
            "the state news agency kcna",
            "a spokeswoman for the ministry",
            "officials familiar with the talks",
            "the white house",
            "white house officials",
            "the state department, in a statement",
            "a report by the harbour council",
            "the ministry of defence",
            "analysts at a bank in tokyo",
            "economists",
            "a multimedia firm",
            "state media",
            "state\tmedia",
            "state  media",
            "the post",
            "news",
            "newsroom staff",
            "le ministère de l’intérieur",
            "агентство тасс",
            "北京 government",
            "experts 🙂 said",
            "associated press",
            "associated  press",
            "the associated press, citing people familiar",
            "professor ana lima of northgate university",
            "police in seoul",
            "the court",
            "prosecutors and police",
        ];
        for p in phrases {
            for e in [
                None,
                Some(EntityType::Person),
                Some(EntityType::Org),
                Some(EntityType::Location),
                Some(EntityType::Misc),
            ] {
                assert_eq!(
                    cues.source_type(p, e),
                    source_type_by_scan(p, e),
                    "{p:?} {e:?}"
                );
            }
        }
    }

    #[test]
    fn a_phrase_names_a_table_entry_only_as_whole_words() {
        let cues = get();
        assert_eq!(
            cues.source_type("the state news agency kcna", Some(EntityType::Org)),
            SourceType::NewsAgency
        );
        assert_ne!(
            cues.source_type("a multimedia firm", None),
            SourceType::NewsAgency
        );
    }
}
