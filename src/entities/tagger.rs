//! Names: PERSON, ORG, LOCATION and MISC mentions.
//!
//! This first tagger reads capitalisation in context: a run of capitalised tokens (joined
//! by "of", "for", "the", "de", ...) is a name unless it is only a sentence-initial
//! function word; its type comes from head words ("Agency", "Ministry" → ORG), acronyms,
//! demonyms and a short gazetteer, else PERSON for two or three words. Titles before a
//! person ("President") are kept as the person's role, not in the span, and a possessive
//! `’s` is never part of a span.

use crate::model::{Entity, EntityType, Span};
use crate::tokens::Tokenized;

/// Words that head an organisation's name.
const ORG_HEADS: &[&str] = &[
    "Agency",
    "Ministry",
    "Service",
    "Office",
    "Council",
    "Party",
    "Committee",
    "Commission",
    "Company",
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Group",
    "Bank",
    "University",
    "Institute",
    "Association",
    "Union",
    "Organization",
    "Organisation",
    "Department",
    "Administration",
    "Parliament",
    "Congress",
    "Senate",
    "Court",
    "Army",
    "Navy",
    "Force",
    "Forces",
    "Police",
    "Times",
    "Post",
    "News",
    "Journal",
    "Press",
    "Network",
    "Embassy",
    "Foundation",
    "Fund",
    "Board",
    "Authority",
    "Assembly",
    "Federation",
    "League",
    "Club",
    "Bureau",
    "Kremlin",
    "Pentagon",
    "Guard",
    "Agency's",
];

/// Words that end a place's name.
const LOC_HEADS: &[&str] = &[
    "Street",
    "River",
    "Sea",
    "Ocean",
    "Island",
    "Islands",
    "Mountains",
    "Valley",
    "City",
    "County",
    "Province",
    "Region",
    "Republic",
    "Kingdom",
    "State",
    "Peninsula",
    "Bay",
    "Lake",
    "Desert",
    "Coast",
    "East",
    "West",
];

/// Places a news reader meets daily: countries, capitals, regions.
const PLACES: &[&str] = &[
    "Russia",
    "Ukraine",
    "China",
    "Japan",
    "Korea",
    "North Korea",
    "South Korea",
    "United States",
    "U.S.",
    "US",
    "America",
    "Britain",
    "UK",
    "U.K.",
    "France",
    "Germany",
    "Italy",
    "Spain",
    "India",
    "Pakistan",
    "Iran",
    "Iraq",
    "Syria",
    "Israel",
    "Gaza",
    "Turkey",
    "Egypt",
    "Canada",
    "Mexico",
    "Brazil",
    "Australia",
    "Europe",
    "Asia",
    "Africa",
    "Moscow",
    "Pyongyang",
    "Seoul",
    "Beijing",
    "Tokyo",
    "Kyiv",
    "Kiev",
    "London",
    "Paris",
    "Berlin",
    "Washington",
    "New York",
    "Brussels",
    "Rome",
    "Madrid",
    "Taiwan",
    "Crimea",
    "Belarus",
    "Poland",
    "Georgia",
    "Vietnam",
    "Tehran",
    "Jerusalem",
    "Lebanon",
    "Saudi Arabia",
    "Afghanistan",
    "Texas",
    "California",
    "Florida",
    "Virginia",
    "Ohio",
    "Louisiana",
    "Kentucky",
    "Mississippi",
    "Delhi",
    "Mumbai",
];

/// Demonyms and other MISC words.
const DEMONYMS: &[&str] = &[
    "Russian",
    "Ukrainian",
    "Chinese",
    "Japanese",
    "Korean",
    "North Korean",
    "South Korean",
    "American",
    "British",
    "French",
    "German",
    "Italian",
    "Spanish",
    "Indian",
    "Iranian",
    "Israeli",
    "Palestinian",
    "Syrian",
    "Turkish",
    "European",
    "Soviet",
    "Western",
    "Asian",
    "African",
    "Arab",
    "Muslim",
    "Christian",
    "Jewish",
    "Democrat",
    "Democrats",
    "Republican",
    "Republicans",
    "Cold War",
    "Korean War",
    "Olympics",
    "Polish",
    "Canadian",
    "Mexican",
];

/// Titles written before a person's name; kept as the person's role.
pub const TITLES: &[&str] = &[
    "President",
    "Prime",
    "Minister",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Senator",
    "Sen.",
    "Rep.",
    "Gov.",
    "Governor",
    "Mayor",
    "General",
    "Gen.",
    "Colonel",
    "Col.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Judge",
    "Justice",
    "Secretary",
    "Director",
    "Chairman",
    "Chief",
    "Ambassador",
    "Speaker",
    "Leader",
    "Sheikh",
    "Vice",
    "Foreign",
    "Defense",
    "Defence",
    "State",
    "Security",
    "Lt.",
    "Sgt.",
    "Capt.",
    "Commander",
    "Admiral",
    "Deputy",
];

/// Capitalised words that are not names on their own.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "As",
    "After",
    "Before",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "Both",
    "Each",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "Yes",
    "So",
    "Then",
    "Also",
    "Still",
    "Yet",
    "According",
    "Foreign",
    "Senior",
    "Strategic",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Dear",
    "Thank",
    "Your",
    "My",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Once",
    "By",
    "From",
    "With",
    "To",
    "Of",
    "Since",
    "Although",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Sign",
    "Read",
    "Subscribers",
    "Continue",
    "Annual",
    "Monthly",
    "Preview",
];

/// Lower-case words that may join two capitalised parts of one name.
const JOINERS: &[&str] = &[
    "of", "for", "de", "van", "von", "der", "al", "bin", "la", "du", "and",
];

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Tags the names in every sentence.
pub fn tag(text: &str, tokenized: &Tokenized) -> Vec<Entity> {
    let mut out = Vec::new();
    for sentence in &tokenized.sentences {
        let toks = tokenized.sentence_tokens(sentence);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.span.0..t.span.1]).collect();
        let mut i = 0;
        while i < words.len() {
            if !is_cap(words[i]) || words[i].chars().all(|c| !c.is_alphabetic()) {
                i += 1;
                continue;
            }
            // Extend over capitalised words and joiners followed by a capitalised word.
            let mut j = i + 1;
            while j < words.len() {
                if is_cap(words[j]) && words[j].chars().any(char::is_alphabetic) {
                    j += 1;
                } else if JOINERS.contains(&words[j])
                    && j + 1 < words.len()
                    && is_cap(words[j + 1])
                    && (words[j] != "and" || ORG_HEADS.contains(&words[j - 1]))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // Peel off leading function words, months and titles (titles become the role).
            let mut s = i;
            let mut role: Vec<&str> = Vec::new();
            while s < j {
                let w = words[s];
                if NOT_NAMES.contains(&w)
                    && !(s + 1 < j
                        && DEMONYMS.contains(&format!("{} {}", w, words[s + 1]).as_str()))
                {
                    s += 1;
                    role.clear();
                } else if TITLES.contains(&w) && s + 1 < j && !ORG_HEADS.contains(&words[j - 1]) {
                    role.push(w);
                    s += 1;
                } else {
                    break;
                }
            }
            // Drop trailing joiners.
            let mut e = j;
            while e > s && JOINERS.contains(&words[e - 1]) {
                e -= 1;
            }
            if s < e {
                let span = Span(toks[s].span.0, toks[e - 1].span.1);
                let name = &text[span.0..span.1];
                let kind = classify(name, &words[s..e], s == 0, !role.is_empty());
                if let Some(kind) = kind {
                    out.push(Entity {
                        start: span.0,
                        end: span.1,
                        kind,
                        text: name.to_string(),
                        group: 0,
                        role: (!role.is_empty() && kind == EntityType::Person)
                            .then(|| role.join(" ")),
                    });
                }
            }
            i = j.max(i + 1);
        }
    }
    out
}

fn classify(
    name: &str,
    words: &[&str],
    sentence_start: bool,
    has_title: bool,
) -> Option<EntityType> {
    let last = *words.last()?;
    if DEMONYMS.contains(&name) {
        return Some(EntityType::Misc);
    }
    if PLACES.contains(&name) || LOC_HEADS.contains(&last) && words.len() > 1 {
        return Some(EntityType::Location);
    }
    if ORG_HEADS.contains(&last)
        || words
            .iter()
            .any(|w| ORG_HEADS.contains(w) && words.len() > 1)
    {
        return Some(EntityType::Org);
    }
    if words.len() == 1
        && name.len() >= 2
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return Some(EntityType::Org);
    }
    if has_title || (2..=4).contains(&words.len()) {
        return Some(EntityType::Person);
    }
    if sentence_start {
        // A lone capitalised first word is usually just a sentence start.
        return None;
    }
    Some(EntityType::Person)
}
