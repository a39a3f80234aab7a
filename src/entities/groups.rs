//! Entity groups: the mentions of one entity share a group with a canonical name, the
//! fullest form the text uses.
//!
//! Rules, in order: same normalised text (case, possessive, curly quotes, dots:
//! "U.S." = "US"); a table of well-known equivalents ("U.S." = "United States") and of
//! countries' official names ("Russian Federation" = "Russia", a LOCATION); a
//! surname or first name to the full name that ends or starts with it ("Naryshkin" →
//! "Sergei Naryshkin", "Kim" → "Kim Jong Un"); an acronym to the name whose initials it
//! spells ("KCNA" → "Korean Central News Agency"); a compass point alone to the one place
//! it opens when the other half is named too ("the North" → "North Korea" beside "South
//! Korea"). Values (dates, numbers) group by text.

use super::features::{KeyHasher, TYPES};
use super::tagger::{is_initialism, TITLES};
use crate::model::{Entity, EntityGroup, EntityType};
use crate::tokens::Tokenized;
use std::borrow::Borrow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash};

/// Names that mean the same place or body, written in different ways.
const EQUIVALENTS: &[(&str, &str)] = &[
    ("us", "united states"),
    ("usa", "united states"),
    ("america", "united states"),
    ("united states of america", "united states"),
    ("uk", "united kingdom"),
    ("britain", "united kingdom"),
    ("great britain", "united kingdom"),
    ("un", "united nations"),
    ("eu", "european union"),
    ("dprk", "north korea"),
    ("rok", "south korea"),
    ("prc", "china"),
    ("uae", "united arab emirates"),
    ("ussr", "soviet union"),
    ("drc", "democratic republic of the congo"),
    ("czechia", "czech republic"),
    ("türkiye", "turkey"),
    ("burma", "myanmar"),
    ("viet nam", "vietnam"),
    ("côte d'ivoire", "ivory coast"),
    ("cote d'ivoire", "ivory coast"),
    ("timor-leste", "east timor"),
    ("cabo verde", "cape verde"),
    ("swaziland", "eswatini"),
];

/// Countries' official long names and the names news uses for them (general knowledge of
/// the world, as normalised: lower case, straight apostrophes, no "the"). A mention
/// written so is the country: it joins the common name's group and is a LOCATION whatever
/// the tagger called it ("Lao People’s Democratic Republic" ORG). Names whose common name
/// is their last word ("Islamic Republic of Iran") are listed for the type; the group
/// would join them anyway.
const OFFICIAL_NAMES: &[(&str, &str)] = &[
    ("democratic people's republic of korea", "north korea"),
    ("republic of korea", "south korea"),
    ("people's republic of china", "china"),
    ("republic of china", "taiwan"),
    ("lao people's democratic republic", "laos"),
    ("russian federation", "russia"),
    ("united mexican states", "mexico"),
    ("syrian arab republic", "syria"),
    ("arab republic of egypt", "egypt"),
    ("hashemite kingdom of jordan", "jordan"),
    ("kingdom of saudi arabia", "saudi arabia"),
    ("islamic republic of iran", "iran"),
    ("republic of iraq", "iraq"),
    ("state of israel", "israel"),
    ("state of palestine", "palestine"),
    ("state of qatar", "qatar"),
    ("state of kuwait", "kuwait"),
    ("sultanate of oman", "oman"),
    ("kingdom of bahrain", "bahrain"),
    ("republic of turkey", "turkey"),
    ("republic of türkiye", "turkey"),
    ("islamic republic of pakistan", "pakistan"),
    ("islamic republic of afghanistan", "afghanistan"),
    ("republic of india", "india"),
    ("people's republic of bangladesh", "bangladesh"),
    ("socialist republic of vietnam", "vietnam"),
    ("kingdom of thailand", "thailand"),
    ("republic of the union of myanmar", "myanmar"),
    ("republic of the philippines", "philippines"),
    ("republic of indonesia", "indonesia"),
    ("commonwealth of australia", "australia"),
    (
        "united kingdom of great britain and northern ireland",
        "united kingdom",
    ),
    ("french republic", "france"),
    ("federal republic of germany", "germany"),
    ("italian republic", "italy"),
    ("kingdom of spain", "spain"),
    ("portuguese republic", "portugal"),
    ("hellenic republic", "greece"),
    ("swiss confederation", "switzerland"),
    ("kingdom of the netherlands", "netherlands"),
    ("kingdom of belgium", "belgium"),
    ("grand duchy of luxembourg", "luxembourg"),
    ("principality of monaco", "monaco"),
    ("republic of poland", "poland"),
    ("slovak republic", "slovakia"),
    ("kyrgyz republic", "kyrgyzstan"),
    ("republic of belarus", "belarus"),
    ("republic of moldova", "moldova"),
    ("argentine republic", "argentina"),
    ("federative republic of brazil", "brazil"),
    ("bolivarian republic of venezuela", "venezuela"),
    ("plurinational state of bolivia", "bolivia"),
    ("republic of cuba", "cuba"),
    ("federal republic of nigeria", "nigeria"),
    ("republic of south africa", "south africa"),
    ("federal democratic republic of ethiopia", "ethiopia"),
    ("united republic of tanzania", "tanzania"),
    ("republic of kenya", "kenya"),
    ("kingdom of morocco", "morocco"),
    ("people's democratic republic of algeria", "algeria"),
    ("union of soviet socialist republics", "soviet union"),
];

/// Words that make another place or people of the name after them ("North Korea" and
/// "Korea", "South African" and "African", "New Mexico" and "Mexico", "Northern Ireland"
/// and "Ireland"): a mention of the name without the word is not of the group's entity.
const QUALIFIERS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "new", "upper", "lower", "greater",
];

/// Compass points and their opposites. A compass point alone ("the North") is the one
/// place the document names that it opens ("North Korea"), when the document also names
/// the opposite half ("South Korea"): "the West" beside the "West Bank" is the western
/// world, and "the South" beside "South Africa" a region.
const COMPASS: &[(&str, &str)] = &[
    ("north", "south"),
    ("south", "north"),
    ("east", "west"),
    ("west", "east"),
];

/// Lower-cased, possessive and dots removed, curly apostrophes straightened.
pub fn normalise(s: &str) -> String {
    let mut out = String::new();
    normalise_into(s, &mut out);
    out
}

/// [`normalise`] appended to `out` (which may hold other names before it), so the names of
/// a whole text share one string. True when `s` is a country's official name
/// ([`OFFICIAL_NAMES`]), then written as the country's common name.
fn normalise_into(s: &str, out: &mut String) -> bool {
    // Written into one string: the possessive off (either apostrophe), then the dots out,
    // the apostrophes straightened and the case lowered as the characters are copied.
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s);
    let from = out.len();
    out.reserve(s.len());
    for c in s.chars() {
        match c {
            '.' => {}
            '’' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    let copied = &out[from..];
    let trimmed = copied.trim();
    let trimmed = trimmed.strip_prefix("the ").unwrap_or(trimmed);
    // The tables are read only for a name as long as one of their names.
    let equivalent = || EQUIVALENTS.iter().find(|(a, _)| *a == trimmed);
    if let Some((_, b)) = has_length(EQUIVALENT_LENGTHS, trimmed)
        .then(equivalent)
        .flatten()
    {
        out.truncate(from);
        out.push_str(b);
        return false;
    }
    // Every official name has two words or more.
    let official = || OFFICIAL_NAMES.iter().find(|(a, _)| *a == trimmed);
    let may_be_official = has_length(OFFICIAL_LENGTHS, trimmed) && trimmed.contains(' ');
    if let Some((_, b)) = may_be_official.then(official).flatten() {
        out.truncate(from);
        out.push_str(b);
        return true;
    }
    if trimmed.len() != copied.len() {
        // Move the trimmed name to where the copy starts.
        let at = trimmed.as_ptr() as usize - copied.as_ptr() as usize + from;
        let len = trimmed.len();
        out.replace_range(from..at, "");
        out.truncate(from + len);
    }
    false
}

/// Bit `n` set if a name of `table` (its first column) is `n` bytes long (bit 63: 63 bytes
/// or more): a name of another length is in no row, and most mentions are ruled out
/// before the rows are compared (a look through both tables was most of the time of
/// normalising a name).
const fn name_lengths(table: &[(&str, &str)]) -> u64 {
    let mut set = 0u64;
    let mut i = 0;
    while i < table.len() {
        let n = table[i].0.len();
        set |= 1 << if n < 63 { n } else { 63 };
        i += 1;
    }
    set
}

/// [`name_lengths`] of [`EQUIVALENTS`] and of [`OFFICIAL_NAMES`].
const EQUIVALENT_LENGTHS: u64 = name_lengths(EQUIVALENTS);
const OFFICIAL_LENGTHS: u64 = name_lengths(OFFICIAL_NAMES);

/// Whether some name of a table with [`name_lengths`] `lengths` is as long as `s`.
fn has_length(lengths: u64, s: &str) -> bool {
    lengths & (1 << s.len().min(63)) != 0
}

/// The initials of a multi-word name, skipping joiners ("Korean Central News Agency" → "kcna").
fn initials(norm: &str) -> String {
    norm.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "for" | "and" | "de" | "&"))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// What the rules read of a group's normalised name, worked out once (the words borrowed
/// from the mentions' normalised texts, which outlive the grouping).
struct GroupName<'a> {
    norm: &'a str,
    kind: EntityType,
    words: usize,
    first: &'a str,
    initials: String,
    /// The acronym the text defines for the name in brackets after it ("International
    /// Renewable Energy Agency (IRENA)"), whatever its letters.
    acronym: Option<&'a str>,
}

/// The first and last words of a normalised name (split at spaces).
fn first_word(n: &str) -> &str {
    n.find(' ').map_or(n, |i| &n[..i])
}

fn last_word(n: &str) -> &str {
    n.rfind(' ').map_or(n, |i| &n[i + 1..])
}

/// How many words a normalised name has, split at spaces (as `n.split(' ').count()`).
fn word_count(n: &str) -> usize {
    n.bytes().filter(|&b| b == b' ').count() + 1
}

/// Whether a mention (normalised `n`, of `words` words, type `kind`) belongs to the group
/// named `g`.
fn joins(g: &GroupName, n: &str, words: usize, kind: EntityType) -> bool {
    let (gn, gk) = (g.norm, g.kind);
    if gn == n {
        return compatible(gk, kind);
    }
    if !kind.is_name() || !gk.is_name() {
        return false;
    }
    let one_word = words == 1;
    // Surname or first name of a person, whatever the tagger called it on its own (a
    // place too: testa PER/ORG/LOC 93.93 -> 94.09 with places, PUD unchanged).
    if gk == EntityType::Person && one_word && g.words > 1 && (last_word(gn) == n || g.first == n) {
        return true;
    }
    // Acronym of an organisation or place: its initials, or the acronym the text defined.
    if one_word && n.len() >= 2 && g.words >= 2 && (g.initials == n || g.acronym == Some(n)) {
        return true;
    }
    // The full name's tail: "Foreign Intelligence Service" ↔ "Russia's Foreign Intelligence Service".
    // Not a place or people with one qualifier less: "Korea" is not "North Korea".
    let qualified = g.words == words + 1 && QUALIFIERS.contains(&g.first);
    !qualified
        && g.words > words
        && gn.len() > n.len()
        && gn.ends_with(n)
        && gn.as_bytes()[gn.len() - n.len() - 1] == b' '
        && gk == kind
        && gk != EntityType::Person
}

/// Groups indexed by what a mention can share with them: the last word (same name, a
/// surname, a tail), the first word (a first name) and the initials (an acronym), each
/// list in order of the groups' creation.
#[derive(Default)]
struct Index<'a> {
    by_last: Chains<&'a str>,
    by_first: Chains<&'a str>,
    by_initials: Chains<String>,
}

/// A map keyed by short strings, hashed a byte at a time (no SipHash: nothing here needs
/// its defence against chosen keys, and the keys are a few bytes).
type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// The end of a chain in [`Chains`].
const NO_GROUP: usize = usize::MAX;

/// Lists of groups under a key, each in order of creation, chained through one vector
/// rather than a vector per key: `heads` holds a key's first and last group, `next[g]`
/// the group after `g` under its key.
struct Chains<K> {
    heads: WordMap<K, (usize, usize)>,
    next: Vec<usize>,
}

impl<K> Default for Chains<K> {
    fn default() -> Self {
        Chains {
            heads: WordMap::default(),
            next: Vec::new(),
        }
    }
}

impl<K: Hash + Eq> Chains<K> {
    /// Adds group `g`, newer than every group added before, under `key`.
    fn push(&mut self, key: K, g: usize) {
        if self.next.len() <= g {
            self.next.resize(g + 1, NO_GROUP);
        }
        match self.heads.entry(key) {
            Entry::Occupied(mut e) => {
                let (_, last) = e.get_mut();
                self.next[*last] = g;
                *last = g;
            }
            Entry::Vacant(e) => {
                e.insert((g, g));
            }
        }
    }

    /// The groups under `key`, in order of creation.
    fn under<Q>(&self, key: &Q) -> impl Iterator<Item = usize> + '_
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut at = self.heads.get(key).map_or(NO_GROUP, |&(first, _)| first);
        std::iter::from_fn(move || {
            (at != NO_GROUP).then(|| {
                let g = at;
                at = self.next[g];
                g
            })
        })
    }
}

impl<'a> Index<'a> {
    fn add(&mut self, g: usize, name: &GroupName<'a>) {
        self.by_last.push(last_word(name.norm), g);
        if name.words > 1 {
            self.by_first.push(name.first, g);
            self.by_initials.push(name.initials.clone(), g);
        }
    }

    /// The first group (in order of creation) a mention joins: every group [`joins`] can
    /// accept shares the mention's last word, or is a multi-word name whose first word or
    /// initials the one-word mention is.
    fn find(&self, names: &[GroupName], n: &str, words: usize, kind: EntityType) -> Option<usize> {
        let mut accepts = |&g: &usize| joins(&names[g], n, words, kind);
        let mut best = self.by_last.under(last_word(n)).find(&mut accepts);
        if words == 1 && kind.is_name() {
            for g in [
                self.by_first.under(n).find(&mut accepts),
                self.by_initials.under(n).find(&mut accepts),
            ]
            .into_iter()
            .flatten()
            {
                best = Some(best.map_or(g, |b| b.min(g)));
            }
        }
        if best.is_none() && words == 1 && kind.is_name() && kind != EntityType::Person {
            best = self.half(names, n);
        }
        best
    }

    /// The one place a compass point alone stands for ([`COMPASS`]): the only place the
    /// document names that opens with it, when it also names the opposite half.
    fn half(&self, names: &[GroupName], n: &str) -> Option<usize> {
        let &(_, other) = COMPASS.iter().find(|(c, _)| *c == n)?;
        let places = |c: &str| {
            self.by_first
                .under(c)
                .filter(|&g| names[g].kind == EntityType::Location)
                .collect::<Vec<_>>()
        };
        let [g] = places(n)[..] else {
            return None;
        };
        let rest = &names[g].norm[n.len()..];
        places(other)
            .iter()
            .any(|&h| &names[h].norm[other.len()..] == rest)
            .then_some(g)
    }
}

/// The mentions by their number of words, most first, each count in order of position
/// (as sorting by `(Reverse(words[i]), i)`), counted into place rather than sorted.
fn longest_first(words: &[usize]) -> Vec<usize> {
    let most = words.iter().copied().max().unwrap_or(0);
    // starts[most - w]: where the mentions of `w` words begin.
    let mut starts = vec![0usize; most + 2];
    for &w in words {
        starts[most - w + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut order = vec![0; words.len()];
    for (i, &w) in words.iter().enumerate() {
        let at = &mut starts[most - w];
        order[*at] = i;
        *at += 1;
    }
    order
}

/// For each mention, the mention that is the acronym `text` defines for it in brackets
/// right after it: one word in capitals, of the same type, between "(" and ")"
/// ("International Renewable Energy Agency (IRENA)"). The entities are in text order.
fn defined_acronyms(text: &str, entities: &[Entity]) -> Vec<Option<usize>> {
    let mut defined = vec![None; entities.len()];
    for (i, pair) in entities.windows(2).enumerate() {
        let (name, acronym) = (&pair[0], &pair[1]);
        let between = text.get(name.end..acronym.start).map(str::trim);
        let closed = text
            .get(acronym.end..)
            .is_some_and(|rest| rest.starts_with(')'));
        if between == Some("(")
            && closed
            && name.kind == acronym.kind
            && name.kind.is_name()
            && name.text.contains(' ')
            && is_initialism(&acronym.text)
        {
            defined[i] = Some(i + 1);
        }
    }
    defined
}

/// Assigns `Entity::group` for every entity of `text` and returns the groups.
pub fn group(text: &str, entities: &mut [Entity]) -> Vec<EntityGroup> {
    let defined = defined_acronyms(text, entities);
    // Every mention's normalised text, in one string (a string per mention was a third of
    // the allocations of the stage). A country's official name is the country, whatever
    // the tagger called it.
    let mut all = String::new();
    let mut ends = Vec::with_capacity(entities.len());
    let mut official = Vec::with_capacity(entities.len());
    for e in entities.iter_mut() {
        let is_official = normalise_into(&e.text, &mut all);
        if is_official && matches!(e.kind, EntityType::Org | EntityType::Misc) {
            e.kind = EntityType::Location;
        }
        official.push(is_official);
        ends.push(all.len());
    }
    let norms: Vec<&str> = ends
        .iter()
        .scan(0, |start, &end| {
            let n = &all[*start..end];
            *start = end;
            Some(n)
        })
        .collect();
    let mut group_of: Vec<usize> = vec![0; entities.len()];
    let mut groups: Vec<EntityGroup> = Vec::with_capacity(entities.len());
    let mut names: Vec<GroupName> = Vec::with_capacity(entities.len());
    let mut index = Index::default();
    // The mention that made each group.
    let mut creator: Vec<usize> = Vec::with_capacity(entities.len());

    // Longest names first, so a short mention finds the full name it abbreviates.
    let words: Vec<usize> = norms.iter().map(|n| word_count(n)).collect();
    let order = longest_first(&words);
    for &i in &order {
        let e = &entities[i];
        let n = norms[i];
        let found = index.find(&names, n, words[i], e.kind);
        let acronym = defined[i].map(|a| norms[a]);
        let g = found.unwrap_or_else(|| {
            creator.push(i);
            groups.push(EntityGroup {
                id: groups.len(),
                name: strip_possessive(&e.text).to_string(),
                kind: e.kind,
                mentions: Vec::new(),
                aliases: Vec::new(),
            });
            let name = GroupName {
                norm: n,
                kind: e.kind,
                words: words[i],
                first: first_word(n),
                initials: if words[i] > 1 {
                    initials(n)
                } else {
                    String::new()
                },
                acronym: None,
            };
            index.add(names.len(), &name);
            names.push(name);
            groups.len() - 1
        });
        if let Some(a) = acronym {
            if names[g].acronym.is_none() && names[g].words > 1 {
                names[g].acronym = Some(a);
                index.by_initials.push(a.to_string(), g);
            }
        }
        group_of[i] = g;
    }
    // A country's group is named as news names it ("Russia", not "Russian Federation")
    // when the text does too.
    let mut renamed = vec![false; groups.len()];
    for (i, &g) in group_of.iter().enumerate() {
        if !official[i] && !renamed[g] && official[creator[g]] {
            renamed[g] = true;
            groups[g].name = strip_possessive(&entities[i].text).to_string();
        }
    }
    let mut aliases: HashSet<(usize, &str), BuildHasherDefault<KeyHasher>> = HashSet::default();
    // Each group's mentions, in room made once.
    let mut counts = vec![0usize; groups.len()];
    for &g in &group_of {
        counts[g] += 1;
    }
    for (g, &n) in groups.iter_mut().zip(&counts) {
        g.mentions.reserve_exact(n);
    }
    for (i, e) in entities.iter().enumerate() {
        let g = group_of[i];
        groups[g].mentions.push(i);
        if e.text != groups[g].name && aliases.insert((g, e.text.as_str())) {
            groups[g].aliases.push(e.text.clone());
        }
    }
    for (e, &g) in entities.iter_mut().zip(&group_of) {
        e.group = g;
    }
    // A person's surname or first name is the person, whatever the tagger called it on its
    // own ("Vladimir Putin" makes a headline's "PUTIN" a person). Other names keep their
    // types: "Russia" the country and "Russia" the team share a group but not a type.
    for g in groups
        .iter()
        .filter(|g| g.kind == EntityType::Person && g.name.contains(' '))
    {
        for &m in &g.mentions {
            if entities[m].kind.is_name() && !entities[m].text.contains(' ') {
                entities[m].kind = EntityType::Person;
            }
        }
    }
    // A mention called a person in a group whose other mentions agree on another type of
    // name, at least twice and more often than on any other ("Pyongyang" a place four
    // times, once "Pyongyang was seeking" a person), takes that type: the tagger's reading
    // of one verb's subject does not outweigh the rest of the text. (The reverse is left
    // alone: a person's name standing for a team or a firm is read right as often as not.)
    for g in &mut groups {
        // Mentions per name type, in the tagger's order (TYPES: the person first).
        let mut counts = [0usize; TYPES.len()];
        for &m in &g.mentions {
            if let Some(k) = TYPES.iter().position(|&k| k == entities[m].kind) {
                counts[k] += 1;
            }
        }
        let (top, &most) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(k, &c)| (c, std::cmp::Reverse(k)))
            .expect("four kinds");
        let clear = most >= 2 && counts.iter().filter(|&&c| c == most).count() == 1;
        if clear && TYPES[top] != EntityType::Person && counts[0] > 0 {
            for &m in &g.mentions {
                if entities[m].kind == EntityType::Person {
                    entities[m].kind = TYPES[top];
                }
            }
            if g.kind == EntityType::Person {
                g.kind = TYPES[top];
            }
        }
    }
    // Renumber groups in order of first mention (a group's id is still its place of
    // creation here; no two groups share a first mention).
    crate::stable_sort::by_key(&mut groups, |g| g.mentions[0]);
    let mut new_id = vec![0; groups.len()];
    for (new, g) in groups.iter_mut().enumerate() {
        new_id[g.id] = new;
        g.id = new;
    }
    for e in entities.iter_mut() {
        e.group = new_id[e.group];
    }
    groups
}

/// A surname on its own that the tagger left out: a capitalised word, outside every
/// entity, that is the last word of a person's full name elsewhere in the document
/// ("Naryshkin" after "Sergei Naryshkin") is a mention of that person. Not when the word
/// opens a sentence or line and the document also writes it in lower case (a surname
/// that is a common word: "Young", "Brown"), not when a capitalised word follows it (it
/// may begin another name), not for titles, not in a text that capitalises its nouns.
/// Returns the new mentions; [`group`] joins
/// them to the full name.
pub fn lone_surnames(text: &str, tokenized: &Tokenized, entities: &[Entity]) -> Vec<Entity> {
    let capitalised = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.clone().next().is_some()
            && cs.all(char::is_lowercase)
    };
    let surnames: HashSet<&str> = entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .filter_map(|e| {
            let t = strip_possessive(&e.text);
            let (_, last) = t.rsplit_once(' ')?;
            (capitalised(last) && !TITLES.contains(&last.to_lowercase().as_str())).then_some(last)
        })
        .collect();
    if surnames.is_empty() {
        return Vec::new();
    }
    let lower: Vec<String> = surnames.iter().map(|s| s.to_lowercase()).collect();
    // One look-up a token for both lists: the surnames and their lower-case forms, which
    // the length and first and last bytes of almost every token rule out at once.
    let either = FewWords::new(
        surnames
            .iter()
            .copied()
            .chain(lower.iter().map(String::as_str)),
    );
    let lower = FewWords::new(lower.iter().map(String::as_str));
    let surnames = FewWords::new(surnames.into_iter());
    // One pass over the tokens gathers what the rule reads: how many words inside
    // sentences open with a letter and how many with a capital, which surnames the text
    // writes in lower case, and the tokens that are surnames.
    let (mut inside, mut capitals) = (0usize, 0usize);
    let mut written_lower: HashSet<&str> = HashSet::new();
    let mut found: Vec<usize> = Vec::new();
    let mut cases = CaseMemo::default();
    let toks = &tokenized.tokens;
    for (i, t) in toks.iter().enumerate() {
        let w = &text[t.span.0..t.span.1];
        if i > 0 && toks[i - 1].sentence == t.sentence {
            if let Some((letter, capital)) = cases.first_letter(w) {
                inside += letter as usize;
                capitals += capital as usize;
            }
        }
        if either.contains(w) {
            if lower.contains(w) {
                written_lower.insert(w);
            }
            if surnames.contains(w) {
                found.push(i);
            }
        }
    }
    // A language that capitalises its nouns (German) makes every noun after a mis-tagged
    // name a "surname": the rule stays out of texts where capitals run above 30% of the
    // words inside sentences (English news: about 15%).
    if capitals * 10 > inside * 3 {
        return Vec::new();
    }
    let taken = super::Covered::new(entities);
    let mut out = Vec::new();
    for i in found {
        let t = &toks[i];
        let w = &text[t.span.0..t.span.1];
        if taken.overlaps(t.span.0, t.span.1) {
            continue;
        }
        let opens = i == 0
            || toks[i - 1].sentence != t.sentence
            || text[toks[i - 1].span.1..t.span.0].contains(['\n', '\r']);
        if opens && written_lower.contains(w.to_lowercase().as_str()) {
            continue;
        }
        let next_capital = toks.get(i + 1).is_some_and(|n| {
            n.sentence == t.sentence
                && !text[t.span.1..n.span.0].contains(['\n', '\r'])
                && text[n.span.0..n.span.1].starts_with(|c: char| c.is_uppercase())
        });
        if next_capital {
            continue;
        }
        out.push(Entity {
            start: t.span.0,
            end: t.span.1,
            kind: EntityType::Person,
            text: w.to_string(),
            group: 0,
            role: None,
        });
    }
    out
}

/// Slots of [`CaseMemo`].
const CASE_MEMO: usize = 64;

/// Whether a character is a letter and a capital, the last answers kept by the
/// character's code modulo [`CASE_MEMO`]: a text outside ASCII opens its words with a few
/// dozen letters over and over, and the Unicode tables cost a hundred instructions a
/// look-up.
struct CaseMemo([(u32, bool, bool); CASE_MEMO]);

impl Default for CaseMemo {
    fn default() -> Self {
        // No character has code u32::MAX: every slot starts empty.
        CaseMemo([(u32::MAX, false, false); CASE_MEMO])
    }
}

impl CaseMemo {
    /// (`is_alphabetic`, `is_uppercase`) of the first character of `w`, as a letter
    /// (`None` for an empty word or a first character that is not a letter): ASCII by its
    /// byte, other characters from the memo or the Unicode tables.
    fn first_letter(&mut self, w: &str) -> Option<(bool, bool)> {
        let &b = w.as_bytes().first()?;
        if b.is_ascii() {
            return b
                .is_ascii_alphabetic()
                .then(|| (true, b.is_ascii_uppercase()));
        }
        let c = w.chars().next()?;
        let slot = &mut self.0[c as usize % CASE_MEMO];
        if slot.0 != c as u32 {
            *slot = (c as u32, c.is_alphabetic(), c.is_uppercase());
        }
        slot.1.then_some((true, slot.2))
    }
}

/// A few words asked about every token of a text (the surnames, their lower-case forms):
/// the length and first and last bytes of a word rule out almost every token before any
/// hashing.
struct FewWords<'a> {
    words: HashSet<&'a str, BuildHasherDefault<KeyHasher>>,
    /// Bit `n` set if some word is `n` bytes long (bit 63: 63 bytes or more).
    lengths: u64,
    /// Bit `b` set if some word opens with byte `b`.
    firsts: [u64; 4],
    /// Bit `b` set if some word ends with byte `b`.
    lasts: [u64; 4],
}

impl<'a> FewWords<'a> {
    fn new(words: impl Iterator<Item = &'a str>) -> Self {
        let mut few = FewWords {
            words: HashSet::default(),
            lengths: 0,
            firsts: [0; 4],
            lasts: [0; 4],
        };
        for w in words {
            few.lengths |= 1 << w.len().min(63);
            if let (Some(&b), Some(&e)) = (w.as_bytes().first(), w.as_bytes().last()) {
                few.firsts[(b >> 6) as usize] |= 1 << (b & 63);
                few.lasts[(e >> 6) as usize] |= 1 << (e & 63);
            }
            few.words.insert(w);
        }
        few
    }

    fn contains(&self, w: &str) -> bool {
        let (Some(&b), Some(&e)) = (w.as_bytes().first(), w.as_bytes().last()) else {
            return self.words.contains(w);
        };
        self.lengths & (1 << w.len().min(63)) != 0
            && self.firsts[(b >> 6) as usize] & (1 << (b & 63)) != 0
            && self.lasts[(e >> 6) as usize] & (1 << (e & 63)) != 0
            && self.words.contains(w)
    }
}

/// "Russia’s" → "Russia".
pub fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}

fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b || (a.is_name() && b.is_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(text: &str, kind: EntityType, at: usize) -> Entity {
        Entity {
            start: at,
            end: at + text.len(),
            kind,
            text: text.to_string(),
            group: 0,
            role: None,
        }
    }

    /// Names normalised one after another into one string come out as each on its own
    /// (the reference as first written: a string per name), on our own names with
    /// accents, CJK, emoji, curly quotes, dots, possessives, "the" and equivalents.
    #[test]
    fn names_normalised_into_one_string_as_one_by_one() {
        let reference = |s: &str| -> String {
            let s = s
                .strip_suffix("'s")
                .or_else(|| s.strip_suffix("’s"))
                .unwrap_or(s);
            let out: String = s
                .chars()
                .filter(|&c| c != '.')
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase)
                .collect::<String>();
            let trimmed = out.trim();
            let trimmed = trimmed.strip_prefix("the ").unwrap_or(trimmed);
            EQUIVALENTS
                .iter()
                .find(|(a, _)| *a == trimmed)
                .map_or(trimmed.to_string(), |(_, b)| b.to_string())
        };
        let names = [
            "U.S.",
            "the U.S.’s",
            "The United States of America",
            "  Zoë Ørsted ",
            "東京都",
            "Café “Noir”",
            "O’Brien's",
            "🚀 Rocket Lab",
            "ΟΔΥΣΣΕΑΣ",
            "İstanbul",
            " the ",
            "",
            "’s",
            "Kim Jong Un",
            "the\u{a0}Hague ",
        ];
        let mut all = String::new();
        for n in names {
            let from = all.len();
            normalise_into(n, &mut all);
            assert_eq!(&all[from..], reference(n), "{n:?}");
            assert_eq!(normalise(n), reference(n), "{n:?}");
        }
    }

    #[test]
    fn a_lone_surname_the_tagger_missed_joins_the_full_name() {
        let text = "Jane Young met Tom Brown at the old town hall on a cold and grey \
                    morning. Young said that the plan was good. Brown left the room, and \
                    the brown leaves fell on the road. Later, Young Smith spoke to the \
                    small crowd of people outside.";
        let tokenized = crate::tokens::tokenize(text, &[crate::model::Span(0, text.len())]);
        let es = vec![
            ent("Jane Young", EntityType::Person, 0),
            ent("Tom Brown", EntityType::Person, 15),
        ];
        let found: Vec<(usize, &str)> = lone_surnames(text, &tokenized, &es)
            .iter()
            .map(|e| (e.start, &text[e.start..e.end]))
            .collect();
        // "Young" opening a sentence is taken (the text never writes "young"); "Brown"
        // opening one is not ("the brown leaves"); neither is "Young" before a capital.
        let young = text.find("Young said").unwrap();
        assert_eq!(found, vec![(young, "Young")]);
        let mut all = es.clone();
        all.extend(lone_surnames(text, &tokenized, &es));
        let groups = group("", &mut all);
        assert_eq!(all[0].group, all[2].group);
        assert_eq!(groups.len(), 2);
    }

    /// A lone person among a group's places takes the place's type when the others agree
    /// at least twice; a tie, or a single other mention, leaves the person alone.
    #[test]
    fn a_person_among_a_groups_places_is_a_place() {
        use EntityType::{Location, Org, Person};
        let run = |kinds: &[EntityType]| {
            let mut es: Vec<Entity> = kinds
                .iter()
                .enumerate()
                .map(|(i, &k)| ent("Pyongyang", k, i * 20))
                .collect();
            let groups = group("", &mut es);
            assert_eq!(groups.len(), 1);
            (
                es.iter().map(|e| e.kind).collect::<Vec<_>>(),
                groups[0].kind,
            )
        };
        assert_eq!(
            run(&[Person, Location, Location]),
            (vec![Location; 3], Location)
        );
        assert_eq!(run(&[Location, Person]), (vec![Location, Person], Location));
        assert_eq!(
            run(&[Location, Org, Person, Location, Org]),
            (vec![Location, Org, Person, Location, Org], Location)
        );
        assert_eq!(
            run(&[Person, Person, Location]),
            (vec![Person, Person, Location], Person)
        );
    }

    /// The byte scans for a name's words agree with splitting it at spaces, on names in
    /// several scripts (accents, CJK, emoji, curly quotes, figures, doubled and edge spaces).
    #[test]
    fn word_scans_agree_with_splitting() {
        for n in [
            "",
            " ",
            "  ",
            "putin",
            "sergei naryshkin",
            "kim jong un",
            " lead",
            "trail ",
            "a  b",
            "zoë o’brien",
            "東京 都庁",
            "習近平",
            "🚀 launch team",
            "«le monde» 2024",
            "ñandú\u{a0}co",
            "1 2 3 4",
        ] {
            assert_eq!(word_count(n), n.split(' ').count(), "{n:?}");
            assert_eq!(first_word(n), n.split(' ').next().unwrap_or(n), "{n:?}");
            assert_eq!(last_word(n), n.rsplit(' ').next().unwrap_or(n), "{n:?}");
        }
    }

    /// The memo of first letters answers as the Unicode tables do, on words in several
    /// scripts and on characters whose codes share a slot (every 64th character of the
    /// blocks below, in turn).
    #[test]
    fn first_letters_agree_with_the_unicode_tables() {
        let plain = |w: &str| {
            w.chars()
                .next()
                .filter(|c| c.is_alphabetic())
                .map(|c| (true, c.is_uppercase()))
        };
        let mut words: Vec<String> = [
            "",
            "Putin",
            "putin",
            "Zoë",
            "Élysée",
            "élan",
            "Жуков",
            "жуков",
            "東京",
            "🚀go",
            "“Quote",
            "’s",
            "2024",
            "½",
            "ǅemal",
            "ß",
            "Ωmega",
            "_x",
            "\u{301}a",
            "٣",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        for block in [
            0x80u32, 0x100, 0x370, 0x400, 0x1e00, 0x3040, 0x4e00, 0x1f600,
        ] {
            for k in 0..256 {
                if let Some(c) = char::from_u32(block + (k % 4) * 64 + k / 4) {
                    words.push(format!("{c}x"));
                }
            }
        }
        let mut memo = CaseMemo::default();
        for _ in 0..2 {
            for w in &words {
                assert_eq!(memo.first_letter(w), plain(w), "{w:?}");
            }
        }
    }

    /// The chains give each key's groups in order of creation, as a vector per key does,
    /// with keys skipped by some groups (a one-word name has no first word or initials).
    #[test]
    fn chains_list_groups_as_vectors_do() {
        let keys = [
            "putin", "kim", "東京", "zoë", "“x”", "🚀", "kim", "putin", "kim",
        ];
        let mut chains: Chains<&str> = Chains::default();
        let mut plain: HashMap<&str, Vec<usize>> = HashMap::new();
        for (g, k) in keys.iter().enumerate().filter(|(g, _)| g % 4 != 3) {
            chains.push(k, g);
            plain.entry(k).or_default().push(g);
        }
        for k in keys.iter().chain(&["absent"]) {
            let got: Vec<usize> = chains.under(*k).collect();
            assert_eq!(got, plain.get(k).cloned().unwrap_or_default(), "{k:?}");
        }
    }

    /// The byte filters of a few words never rule out one of the words, and answer as the
    /// set does on other words, in several scripts.
    #[test]
    fn few_words_answer_as_the_set_does() {
        let words = [
            "Young",
            "brown",
            "Zoë",
            "Жуков",
            "東京",
            "O’Brien",
            "🚀",
            "x",
        ];
        let few = FewWords::new(words.iter().copied());
        for w in [
            "Young",
            "young",
            "brown",
            "Brown",
            "Zoë",
            "Zoe",
            "Жуков",
            "Жуковы",
            "東京",
            "東",
            "京",
            "O’Brien",
            "O'Brien",
            "🚀",
            "🚁",
            "x",
            "y",
            "",
            "Youn",
            "Youngs",
            "bround",
        ] {
            assert_eq!(few.contains(w), words.contains(&w), "{w:?}");
        }
    }

    /// Counting the mentions into place orders them as the sort does.
    /// Every name of both tables has a length [`has_length`] lets through, and names are
    /// normalised as a look through the whole tables does, on our own names.
    #[test]
    fn name_lengths_rule_out_no_row() {
        for (a, _) in EQUIVALENTS {
            assert!(has_length(EQUIVALENT_LENGTHS, a), "{a}");
        }
        for (a, _) in OFFICIAL_NAMES {
            assert!(has_length(OFFICIAL_LENGTHS, a), "{a}");
        }
        let mut names: Vec<String> = EQUIVALENTS
            .iter()
            .chain(OFFICIAL_NAMES)
            .flat_map(|(a, b)| [a.to_string(), b.to_string(), format!("The {a}’s")])
            .collect();
        names.extend(
            [
                "U.S.",
                "Zoë Smith",
                "\u{212a}elvin Co",
                "東京",
                "🙂 Party",
                "",
                " x ",
            ]
            .map(String::from),
        );
        for n in &names {
            let mut plain = n
                .strip_suffix("'s")
                .or_else(|| n.strip_suffix("’s"))
                .unwrap_or(n)
                .replace('.', "")
                .replace('’', "'")
                .to_lowercase();
            plain = plain.trim().to_string();
            plain = plain.strip_prefix("the ").unwrap_or(&plain).to_string();
            let row = EQUIVALENTS
                .iter()
                .map(|r| (r, false))
                .chain(
                    OFFICIAL_NAMES
                        .iter()
                        .filter(|_| plain.contains(' '))
                        .map(|r| (r, true)),
                )
                .find(|((a, _), _)| *a == plain);
            let want = row.map_or((plain.clone(), false), |((_, b), o)| (b.to_string(), o));
            let mut out = String::from("x");
            let official = normalise_into(n, &mut out);
            assert_eq!((&out[1..], official), (want.0.as_str(), want.1), "{n:?}");
        }
    }

    #[test]
    fn longest_first_is_the_sorted_order() {
        let mut next = crate::test_numbers(0x9e37_79b9_7f4a_7c15u64);
        for n in 0..60 {
            let words: Vec<usize> = (0..n).map(|_| 1 + (next() % 5) as usize).collect();
            let mut sorted: Vec<usize> = (0..n).collect();
            sorted.sort_by_key(|&i| (std::cmp::Reverse(words[i]), i));
            assert_eq!(longest_first(&words), sorted, "{words:?}");
        }
    }

    /// An acronym the text defines in brackets after a name joins it whatever its letters,
    /// and so do its later mentions; one of another type, or not in brackets, does not.
    #[test]
    fn an_acronym_defined_in_brackets_joins_its_name() {
        let text = "the International Renewable Energy Agency (IRENA) said. IRENA and \
                    Lagos (AP) and Ocean Data Group ODG";
        let at = |s: &str| text.find(s).expect("in the text");
        let mut es = vec![
            ent(
                "International Renewable Energy Agency",
                EntityType::Org,
                at("Intern"),
            ),
            ent("IRENA", EntityType::Org, at("IRENA")),
            ent("IRENA", EntityType::Org, at("IRENA and")),
            ent("Lagos", EntityType::Location, at("Lagos")),
            ent("AP", EntityType::Org, at("AP")),
            ent("Ocean Data Group", EntityType::Org, at("Ocean")),
            ent("ODG", EntityType::Org, at("ODG")),
        ];
        let groups = group(text, &mut es);
        assert_eq!(es[1].group, es[0].group);
        assert_eq!(es[2].group, es[0].group);
        assert_eq!(groups[es[0].group].aliases, ["IRENA"]);
        assert_ne!(es[4].group, es[3].group);
        // Initials join as before, brackets or not.
        assert_eq!(es[6].group, es[5].group);
        // Without the text, no definition is read.
        group("", &mut es);
        assert_ne!(es[1].group, es[0].group);
    }

    #[test]
    fn official_names_and_compass_points_join_the_country() {
        let mut es = vec![
            ent("Sudan", EntityType::Location, 0),
            ent("North", EntityType::Location, 10),
            ent("Russian Federation", EntityType::Org, 20),
            ent("Russia", EntityType::Location, 40),
            ent("East Timor", EntityType::Location, 50),
            ent("West Timor", EntityType::Location, 70),
            ent("West", EntityType::Location, 90),
            ent("West Bank", EntityType::Location, 100),
            ent("North Sudan", EntityType::Location, 110),
        ];
        let groups = group("", &mut es);
        // Only one half of Sudan named: "North" stays apart.
        assert_ne!(es[1].group, es[8].group);
        assert_eq!(es[2].group, es[3].group);
        assert_eq!(es[2].kind, EntityType::Location);
        assert_eq!(groups[es[2].group].name, "Russia");
        assert_eq!(groups[es[2].group].aliases, ["Russian Federation"]);
        // Two places open with "West": which one "West" is, nothing says.
        assert_ne!(es[6].group, es[5].group);
        assert_ne!(es[6].group, es[7].group);
        es.truncate(6);
        es.push(ent("the South", EntityType::Location, 120));
        es.push(ent("South Timor", EntityType::Location, 130));
        es.push(ent("West", EntityType::Location, 150));
        group("", &mut es);
        // "West Timor" the one West place, "East Timor" its other half; no "North Timor".
        assert_eq!(es[8].group, es[5].group);
        assert_ne!(es[6].group, es[7].group);
    }

    #[test]
    fn official_names_are_normalised_and_have_two_words_or_more() {
        for (official, common) in OFFICIAL_NAMES {
            assert!(official.contains(' '), "{official}");
            assert_eq!(normalise(official), *common);
            assert_eq!(normalise(common), *common, "{common} is no group's name");
        }
    }

    #[test]
    fn a_name_without_its_qualifier_is_another_entity() {
        let mut es = vec![
            ent("North Korean", EntityType::Misc, 0),
            ent("Korean", EntityType::Misc, 20),
            ent("Northern Ireland", EntityType::Location, 30),
            ent("Ireland", EntityType::Location, 50),
            ent("New Mexico", EntityType::Location, 60),
            ent("Mexico", EntityType::Location, 80),
            ent("Islamic Republic of Iran", EntityType::Location, 90),
            ent("Iran", EntityType::Location, 120),
            ent("Ghana’s Electoral Commission", EntityType::Org, 130),
            ent("Electoral Commission", EntityType::Org, 160),
        ];
        group("", &mut es);
        for (a, b) in [(0, 1), (2, 3), (4, 5)] {
            assert_ne!(es[a].group, es[b].group, "{} / {}", es[a].text, es[b].text);
        }
        assert_eq!(es[6].group, es[7].group);
        assert_eq!(es[8].group, es[9].group);
    }

    #[test]
    fn surnames_acronyms_and_equivalents() {
        let mut es = vec![
            ent("Sergei Naryshkin", EntityType::Person, 0),
            ent("Korean Central News Agency", EntityType::Org, 20),
            ent("KCNA", EntityType::Org, 50),
            ent("Naryshkin", EntityType::Person, 60),
            ent("U.S.", EntityType::Location, 70),
            ent("United States", EntityType::Location, 80),
            ent("Russia’s", EntityType::Location, 90),
            ent("Russia", EntityType::Location, 100),
        ];
        let groups = group("", &mut es);
        assert_eq!(groups.len(), 4);
        assert_eq!(es[0].group, es[3].group);
        assert_eq!(es[1].group, es[2].group);
        assert_eq!(es[4].group, es[5].group);
        assert_eq!(es[6].group, es[7].group);
        assert_eq!(groups[es[3].group].name, "Sergei Naryshkin");
        assert_eq!(groups[es[2].group].name, "Korean Central News Agency");
        assert_eq!(groups[es[6].group].name, "Russia");
    }
}
