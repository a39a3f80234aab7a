//! Entity groups: the mentions of one entity share a group with a canonical name, the
//! fullest form the text uses.
//!
//! Rules, in order: same normalised text (case, possessive, curly quotes, dots:
//! "U.S." = "US"); a table of well-known equivalents ("U.S." = "United States"); a
//! surname or first name to the full name that ends or starts with it ("Naryshkin" →
//! "Sergei Naryshkin", "Kim" → "Kim Jong Un"); an acronym to the name whose initials it
//! spells ("KCNA" → "Korean Central News Agency"). Values (dates, numbers) group by text.

use crate::model::{Entity, EntityGroup, EntityType};

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

/// Assigns `Entity::group` for every entity and returns the groups.
pub fn group(entities: &mut [Entity]) -> Vec<EntityGroup> {
    let norms: Vec<String> = entities.iter().map(|e| normalise(&e.text)).collect();
    let mut group_of: Vec<Option<usize>> = vec![None; entities.len()];
    let mut groups: Vec<EntityGroup> = Vec::new();
    let mut group_norm: Vec<String> = Vec::new();

    // Longest names first, so a short mention finds the full name it abbreviates.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(norms[i].split(' ').count()), i));
    for &i in &order {
        let e = &entities[i];
        let n = &norms[i];
        let found = (0..groups.len()).find(|&g| {
            let gn = &group_norm[g];
            let gk = groups[g].kind;
            if gn == n {
                return compatible(gk, e.kind);
            }
            if !e.kind.is_name() || !gk.is_name() {
                return false;
            }
            let words: Vec<&str> = gn.split(' ').collect();
            let one_word = !n.contains(' ');
            // Surname or first name of a person.
            if gk == EntityType::Person
                && one_word
                && e.kind != EntityType::Location
                && words.len() > 1
                && (words.last() == Some(&n.as_str()) || words.first() == Some(&n.as_str()))
            {
                return true;
            }
            // Acronym of an organisation or place.
            if one_word && n.len() >= 2 && words.len() >= 2 && initials(gn) == *n {
                return true;
            }
            // The full name's tail: "Foreign Intelligence Service" ↔ "Russia's Foreign Intelligence Service".
            words.len() > n.split(' ').count()
                && gn.ends_with(&format!(" {n}"))
                && gk == e.kind
                && gk != EntityType::Person
        });
        let g = found.unwrap_or_else(|| {
            groups.push(EntityGroup {
                id: groups.len(),
                name: strip_possessive(&e.text).to_string(),
                kind: e.kind,
                mentions: Vec::new(),
                aliases: Vec::new(),
            });
            group_norm.push(n.clone());
            groups.len() - 1
        });
        group_of[i] = Some(g);
    }
    for (i, e) in entities.iter_mut().enumerate() {
        let g = group_of[i].expect("every entity is grouped");
        e.group = g;
        groups[g].mentions.push(i);
        let name = e.text.clone();
        if name != groups[g].name && !groups[g].aliases.contains(&name) {
            groups[g].aliases.push(name);
        }
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
