//! Word lists the annotators consult: places with their aliases and demonyms, organisations,
//! titles, organisation words, given names with gender, and reporting verbs.
//!
//! The lists are written by the project (`data/*.txt`, `data/*.tsv`) and compiled into the
//! binary, so the NLP stage reads no files.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use sitrep_model::EntityType;

/// A person's grammatical gender as far as a pronoun can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Female,
    Male,
    Unknown,
}

/// A known place or organisation name.
#[derive(Clone, Debug)]
pub(crate) struct KnownName {
    pub(crate) canonical: String,
    pub(crate) entity_type: EntityType,
}

/// All word lists, looked up by exact (case-sensitive) string.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Surface form (alias, canonical name) to its entity.
    pub(crate) names: HashMap<String, KnownName>,
    /// Demonym to its place ("French" -> France).
    pub(crate) demonyms: HashMap<String, String>,
    /// Title words; `titles_lower` those that also stand in lower case.
    pub(crate) titles: HashSet<String>,
    pub(crate) titles_lower: HashSet<String>,
    pub(crate) org_words: HashSet<String>,
    /// Words ending a location name ("Strait"), opening one ("Cape"), or making a polity ("Republic").
    pub(crate) place_heads: HashSet<String>,
    pub(crate) place_leads: HashSet<String>,
    pub(crate) polity_words: HashSet<String>,
    pub(crate) given_names: HashMap<String, Gender>,
    /// Every form of every verb of the four lists `VerbClasses` names, with the lists that
    /// hold it: one lookup tells all four, since the quote rules and the attribution features
    /// ask them of most words.
    verbs: HashMap<String, VerbClasses>,
}

/// Records that one verb list holds a word.
type MarkList = fn(&mut VerbClasses);

/// Which verb lists hold a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct VerbClasses {
    /// A reporting verb ("said", "told", "stressed").
    pub(crate) speech: bool,
    /// A verb of thought and evidence that reports indirectly ("think", "show").
    pub(crate) thought: bool,
    /// A verb that attributes an intention through an infinitive ("plan to").
    pub(crate) intention: bool,
    /// A verb that attributes a stance towards its object ("criticized").
    pub(crate) stance: bool,
}

impl Lexicon {
    pub(crate) fn builtin() -> Lexicon {
        let mut lexicon = Lexicon {
            names: HashMap::default(),
            demonyms: HashMap::default(),
            titles: HashSet::default(),
            titles_lower: HashSet::default(),
            org_words: HashSet::default(),
            place_heads: HashSet::default(),
            place_leads: HashSet::default(),
            polity_words: HashSet::default(),
            given_names: HashMap::default(),
            verbs: HashMap::default(),
        };
        for fields in rows(include_str!("../data/places.tsv")) {
            let (Some(canonical), Some(kind)) = (fields.first(), fields.get(1)) else { continue };
            let entity_type = if *kind == "LOC" { EntityType::Loc } else { EntityType::Gpe };
            lexicon.add_name(canonical, canonical, entity_type);
            for alias in fields.get(2).map(|a| a.split('|')).into_iter().flatten() {
                match alias.strip_prefix('=') {
                    Some(demonym) => {
                        lexicon.demonyms.insert(demonym.to_string(), canonical.to_string());
                    }
                    None => lexicon.add_name(alias, canonical, entity_type),
                }
            }
        }
        for fields in rows(include_str!("../data/orgs.tsv")) {
            let Some(canonical) = fields.first() else { continue };
            lexicon.add_name(canonical, canonical, EntityType::Org);
            for alias in fields.get(1).map(|a| a.split('|')).into_iter().flatten() {
                lexicon.add_name(alias, canonical, EntityType::Org);
            }
        }
        for line in lines(include_str!("../data/titles.txt")) {
            match line.strip_suffix('*') {
                Some(word) => {
                    lexicon.titles.insert(word.to_string());
                    lexicon.titles_lower.insert(word.to_lowercase());
                }
                None => {
                    lexicon.titles.insert(line.to_string());
                }
            }
        }
        lexicon.org_words.extend(lines(include_str!("../data/org_words.txt")).map(String::from));
        for fields in rows(include_str!("../data/place_words.txt")) {
            let (Some(kind), Some(word)) = (fields.first(), fields.get(1)) else { continue };
            let set = match *kind {
                "head" => &mut lexicon.place_heads,
                "lead" => &mut lexicon.place_leads,
                _ => &mut lexicon.polity_words,
            };
            set.insert(word.to_string());
        }
        for fields in rows(include_str!("../data/given_names.tsv")) {
            let (Some(name), Some(gender)) = (fields.first(), fields.get(1)) else { continue };
            let gender = match *gender {
                "f" => Gender::Female,
                "m" => Gender::Male,
                _ => Gender::Unknown,
            };
            lexicon.given_names.insert(name.to_string(), gender);
        }
        let lists: [(&str, MarkList); 4] = [
            (include_str!("../data/reporting_verbs.txt"), |classes| classes.speech = true),
            (include_str!("../data/attribution_verbs.txt"), |classes| classes.thought = true),
            (include_str!("../data/intention_verbs.txt"), |classes| classes.intention = true),
            (include_str!("../data/stance_verbs.txt"), |classes| classes.stance = true),
        ];
        for (file, mark) in lists {
            for fields in rows(file) {
                let Some(base) = fields.first() else { continue };
                for form in verb_forms(base, fields.get(1).copied()) {
                    mark(lexicon.verbs.entry(form).or_default());
                }
            }
        }
        lexicon
    }

    fn add_name(&mut self, surface: &str, canonical: &str, entity_type: EntityType) {
        // "the Kremlin" is matched on its name; the article is not part of the mention.
        let surface = surface.strip_prefix("the ").unwrap_or(surface);
        self.names.insert(surface.to_string(), KnownName { canonical: canonical.to_string(), entity_type });
    }

    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word) || self.titles_lower.contains(word)
    }

    /// The verb lists that hold `word`, in any casing.
    pub(crate) fn verb_classes(&self, word: &str) -> VerbClasses {
        get_folded(&self.verbs, word).copied().unwrap_or_default()
    }

    pub(crate) fn is_reporting_verb(&self, word: &str) -> bool {
        self.verb_classes(word).speech
    }

    pub(crate) fn is_attribution_verb(&self, word: &str) -> bool {
        self.verb_classes(word).thought
    }

    pub(crate) fn is_intention_verb(&self, word: &str) -> bool {
        self.verb_classes(word).intention
    }

    pub(crate) fn is_stance_verb(&self, word: &str) -> bool {
        self.verb_classes(word).stance
    }
}

/// The value a map of lower-case words holds for `word` in lower case, without allocating for a
/// word that is lower case already (most are) or a short ASCII one.
fn get_folded<'m, V>(map: &'m HashMap<String, V>, word: &str) -> Option<&'m V> {
    if !word.chars().any(char::is_uppercase) {
        return map.get(word);
    }
    let mut buffer = [0u8; 32];
    match buffer.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).ok().and_then(|lower| map.get(lower))
        }
        _ => map.get(&word.to_lowercase()),
    }
}

pub(crate) fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    lines(data).map(|line| line.split('\t').collect())
}

/// The forms of a regular verb, or the listed ones for an irregular verb, always with the base.
fn verb_forms(base: &str, irregular: Option<&str>) -> Vec<String> {
    let mut forms = vec![base.to_string()];
    if let Some(irregular) = irregular {
        forms.extend(irregular.split(',').map(|form| form.trim().to_string()));
        return forms;
    }
    if let Some(stem) = base.strip_suffix('y').filter(|stem| stem.ends_with(is_consonant)) {
        // "deny": denies, denied, denying.
        forms.extend([format!("{stem}ies"), format!("{stem}ied"), format!("{base}ing")]);
        return forms;
    }
    let sibilant = base.ends_with('s')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
        || base.ends_with('z');
    forms.push(if sibilant { format!("{base}es") } else { format!("{base}s") });
    // A word of one syllable ending in one vowel and one consonant doubles it: "quipped",
    // "slamming". Longer verbs that do ("admitted") list their forms.
    let stem = match base.strip_suffix('e') {
        Some(stem) => stem.to_string(),
        None if doubles_final_consonant(base) => format!("{base}{}", &base[base.len() - 1..]),
        None => base.to_string(),
    };
    forms.push(format!("{stem}ed"));
    forms.push(format!("{stem}ing"));
    forms
}

fn is_consonant(letter: char) -> bool {
    letter.is_ascii_lowercase() && !"aeiou".contains(letter)
}

/// One vowel group, and it is one vowel right before a final consonant other than w, x or y
/// ("qu" counts as a consonant).
fn doubles_final_consonant(base: &str) -> bool {
    let letters: Vec<char> = base.replace("qu", "q").chars().collect();
    let vowel_groups = letters
        .iter()
        .enumerate()
        .filter(|&(idx, &letter)| !is_consonant(letter) && (idx == 0 || is_consonant(letters[idx - 1])))
        .count();
    matches!(letters.as_slice(), [.., before, vowel, last]
        if is_consonant(*before) && !is_consonant(*vowel) && is_consonant(*last) && !"wxy".contains(*last))
        && vowel_groups == 1
}

#[cfg(test)]
mod tests {
    use crate::lexicon::{Gender, HashMap, Lexicon, VerbClasses, get_folded, verb_forms};

    #[test]
    fn folded_lookups_match_any_casing() {
        let long = "counterrevolutionaries-of-the-twentieth-century";
        let map: HashMap<String, usize> = ["said", "élysée", long].into_iter().map(String::from).zip(0..).collect();
        for word in ["said", "SAID", "Said", "ÉLYSÉE", "Élysée", "Counterrevolutionaries-Of-The-Twentieth-Century"]
        {
            assert!(get_folded(&map, word).is_some(), "{word}");
        }
        assert_eq!(get_folded(&map, "Élysée"), Some(&1));
        assert!(get_folded(&map, "Sai").is_none() && get_folded(&map, "").is_none());
        let lexicon = Lexicon::builtin();
        let said = lexicon.verb_classes("Said");
        assert!(said.speech && !said.intention, "{said:?}");
        assert!(lexicon.verb_classes("planned").intention && lexicon.verb_classes("criticized").stance);
        assert_eq!(lexicon.verb_classes("table"), VerbClasses::default());
    }

    #[test]
    fn lists_load() {
        let lexicon = Lexicon::builtin();
        assert_eq!(lexicon.names["U.S."].canonical, "United States");
        assert_eq!(lexicon.names["Kremlin"].canonical, "Kremlin");
        assert_eq!(lexicon.demonyms["French"], "France");
        assert!(lexicon.is_title("Secretary") && lexicon.is_title("spokeswoman") && !lexicon.is_title("defense"));
        assert_eq!(lexicon.given_names["Ana"], Gender::Female);
        assert!(
            lexicon.is_reporting_verb("Stressed")
                && lexicon.is_reporting_verb("told")
                && lexicon.is_reporting_verb("saying")
        );
    }

    #[test]
    fn regular_verb_forms() {
        assert_eq!(verb_forms("stress", None), ["stress", "stresses", "stressed", "stressing"]);
        assert_eq!(verb_forms("note", None), ["note", "notes", "noted", "noting"]);
        assert_eq!(verb_forms("quip", None), ["quip", "quips", "quipped", "quipping"]);
        assert_eq!(verb_forms("deny", None), ["deny", "denies", "denied", "denying"]);
        assert_eq!(verb_forms("tweet", None), ["tweet", "tweets", "tweeted", "tweeting"]);
        assert_eq!(verb_forms("vow", None), ["vow", "vows", "vowed", "vowing"]);
        assert_eq!(verb_forms("counter", None), ["counter", "counters", "countered", "countering"]);
    }
}
