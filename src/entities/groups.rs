//! Entity groups: the mentions of one entity share a group with a canonical name, the
//! fullest form the text uses.
//!
//! Rules, in order: same normalised text (case, possessive, curly quotes, dots:
//! "U.S." = "US"); a table of well-known equivalents ("U.S." = "United States"); a
//! surname or first name to the full name that ends or starts with it ("Naryshkin" →
//! "Sergei Naryshkin", "Kim" → "Kim Jong Un"); an acronym to the name whose initials it
//! spells ("KCNA" → "Korean Central News Agency"). Values (dates, numbers) group by text.

use crate::model::{Entity, EntityGroup, EntityType};
use std::collections::{HashMap, HashSet};

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
    ("democratic people’s republic of korea", "north korea"),
    ("democratic people's republic of korea", "north korea"),
    ("rok", "south korea"),
    ("prc", "china"),
    ("uae", "united arab emirates"),
];

/// Lower-cased, possessive and dots removed, curly apostrophes straightened.
pub fn normalise(s: &str) -> String {
    let s = s.replace('’', "'");
    let s = s.strip_suffix("'s").unwrap_or(&s);
    let s: String = s
        .chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    let s = s.trim().to_string();
    let s = s.strip_prefix("the ").map(str::to_string).unwrap_or(s);
    EQUIVALENTS
        .iter()
        .find(|(a, _)| *a == s)
        .map_or(s, |(_, b)| b.to_string())
}

/// The initials of a multi-word name, skipping joiners ("Korean Central News Agency" → "kcna").
fn initials(norm: &str) -> String {
    norm.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "for" | "and" | "de" | "&"))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// What the rules read of a group's normalised name, worked out once.
struct GroupName {
    norm: String,
    kind: EntityType,
    words: usize,
    first: String,
    initials: String,
}

/// The first and last words of a normalised name (split at spaces).
fn first_word(n: &str) -> &str {
    n.split(' ').next().unwrap_or(n)
}

fn last_word(n: &str) -> &str {
    n.rsplit(' ').next().unwrap_or(n)
}

/// Whether a mention (normalised `n`, type `kind`) belongs to the group named `g`.
fn joins(g: &GroupName, n: &str, kind: EntityType) -> bool {
    let (gn, gk) = (g.norm.as_str(), g.kind);
    if gn == n {
        return compatible(gk, kind);
    }
    if !kind.is_name() || !gk.is_name() {
        return false;
    }
    let one_word = !n.contains(' ');
    // Surname or first name of a person.
    if gk == EntityType::Person
        && one_word
        && kind != EntityType::Location
        && g.words > 1
        && (last_word(gn) == n || g.first == n)
    {
        return true;
    }
    // Acronym of an organisation or place.
    if one_word && n.len() >= 2 && g.words >= 2 && g.initials == n {
        return true;
    }
    // The full name's tail: "Foreign Intelligence Service" ↔ "Russia's Foreign Intelligence Service".
    g.words > n.split(' ').count()
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
struct Index {
    by_last: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    by_initials: HashMap<String, Vec<usize>>,
}

impl Index {
    fn add(&mut self, g: usize, name: &GroupName) {
        let last = last_word(&name.norm).to_string();
        self.by_last.entry(last).or_default().push(g);
        if name.words > 1 {
            self.by_first.entry(name.first.clone()).or_default().push(g);
            self.by_initials
                .entry(name.initials.clone())
                .or_default()
                .push(g);
        }
    }

    /// The first group (in order of creation) a mention joins: every group [`joins`] can
    /// accept shares the mention's last word, or is a multi-word name whose first word or
    /// initials the one-word mention is.
    fn find(&self, names: &[GroupName], n: &str, kind: EntityType) -> Option<usize> {
        let first_in = |list: Option<&Vec<usize>>| {
            list.and_then(|l| l.iter().copied().find(|&g| joins(&names[g], n, kind)))
        };
        let mut best = first_in(self.by_last.get(last_word(n)));
        if !n.contains(' ') && kind.is_name() {
            for list in [self.by_first.get(n), self.by_initials.get(n)] {
                if let Some(g) = first_in(list) {
                    best = Some(best.map_or(g, |b| b.min(g)));
                }
            }
        }
        best
    }
}

/// Assigns `Entity::group` for every entity and returns the groups.
pub fn group(entities: &mut [Entity]) -> Vec<EntityGroup> {
    let norms: Vec<String> = entities.iter().map(|e| normalise(&e.text)).collect();
    let mut group_of: Vec<usize> = vec![0; entities.len()];
    let mut groups: Vec<EntityGroup> = Vec::new();
    let mut names: Vec<GroupName> = Vec::new();
    let mut index = Index::default();

    // Longest names first, so a short mention finds the full name it abbreviates.
    let words: Vec<usize> = norms.iter().map(|n| n.split(' ').count()).collect();
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(words[i]), i));
    for &i in &order {
        let e = &entities[i];
        let n = &norms[i];
        let found = index.find(&names, n, e.kind);
        let g = found.unwrap_or_else(|| {
            groups.push(EntityGroup {
                id: groups.len(),
                name: strip_possessive(&e.text).to_string(),
                kind: e.kind,
                mentions: Vec::new(),
                aliases: Vec::new(),
            });
            let name = GroupName {
                norm: n.clone(),
                kind: e.kind,
                words: words[i],
                first: first_word(n).to_string(),
                initials: if words[i] > 1 {
                    initials(n)
                } else {
                    String::new()
                },
            };
            index.add(names.len(), &name);
            names.push(name);
            groups.len() - 1
        });
        group_of[i] = g;
    }
    let mut aliases: HashSet<(usize, &str)> = HashSet::new();
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
    // Renumber groups in order of first mention.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| groups[g].mentions[0]);
    let mut new_id = vec![0; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new;
    }
    let mut out: Vec<EntityGroup> = order.iter().map(|&g| groups[g].clone()).collect();
    for (i, g) in out.iter_mut().enumerate() {
        g.id = i;
    }
    for e in entities.iter_mut() {
        e.group = new_id[e.group];
    }
    out
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
        let groups = group(&mut es);
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
