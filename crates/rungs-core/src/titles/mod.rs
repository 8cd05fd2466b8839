//! Title levelling: a free-text job title to a level, its track and specialization, or to
//! "not product management" or "ambiguous", with the words that decided.
//!
//! [`Leveller::new`] compiles the framework's title vocabulary (and a company ladder, if given)
//! into interned words and phrase tables; [`Leveller::level`] then reads a title with a few hash
//! lookups and no allocation beyond its reusable [`Scratch`]. [`Leveller::describe`] turns the
//! compact result into the reasons a person reads. docs/titles.md explains the order of checks.

mod company;
mod decide;
mod normalize;
mod verdict;

use rustc_hash::FxHashMap;

pub use company::{Company, CompanyCode, CompanyTitle, load_company};
pub use decide::{Basis, Kind, Levelled, Scratch};
pub use verdict::{Candidate, Role, Verdict};

use crate::framework::{Framework, LevelPos};
use normalize::Words;

/// A word the vocabulary does not know.
const UNKNOWN: u32 = u32::MAX;

/// What a phrase of the vocabulary says when it appears in a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// A phrase that makes the title one of the discipline's ("product manager").
    Role,
    /// A level's title or alias.
    Alias(LevelPos),
    /// A phrase with a reading of its own (`titles.rules`).
    Rule(u16),
    /// A title that means different levels in different places.
    Ambiguous(u16),
    /// A role that is not the discipline's.
    Other(u16),
    /// A seniority word pointing to a level.
    Seniority(LevelPos),
    /// A word of an entry programme: it sets the level even below the role's own.
    Programme(LevelPos),
    /// A word that signals a specialization.
    Signal(u16),
    /// A title on the company's ladder.
    CompanyTitle(u16),
}

#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub(crate) words: Vec<u32>,
    pub(crate) kind: PhraseKind,
    /// The phrase as written in the vocabulary, for reasons.
    pub(crate) text: String,
}

/// A framework's title vocabulary, compiled for reading titles fast.
#[derive(Debug, Clone)]
pub struct Leveller<'f> {
    pub(crate) fw: &'f Framework,
    pub(crate) company: Option<&'f Company>,
    pub(crate) ids: FxHashMap<String, u32>,
    /// Abbreviations: a word → the words it stands for.
    pub(crate) expand: FxHashMap<String, Vec<u32>>,
    /// Stopwords and noise, skipped.
    pub(crate) skip: FxHashMap<String, ()>,
    /// Grade words → grade number (i → 1, 2 → 2, …).
    pub(crate) grades: FxHashMap<String, u8>,
    /// Company codes (lowercased) → position in the company's codes.
    pub(crate) codes: FxHashMap<String, u16>,
    pub(crate) phrases: Vec<Phrase>,
    /// Phrases by their first word, longest first.
    pub(crate) by_first: FxHashMap<u32, Vec<u32>>,
    /// The level a bare role phrase means ("product manager" → pm).
    pub(crate) base_level: Option<LevelPos>,
    pub(crate) rank: Vec<u32>,
}

impl<'f> Leveller<'f> {
    /// Compiles the framework's vocabulary, and a company ladder's codes and titles if given.
    pub fn new(fw: &'f Framework, company: Option<&'f Company>) -> Self {
        let t = fw.titles();
        let mut l = Leveller {
            fw,
            company,
            ids: FxHashMap::default(),
            expand: FxHashMap::default(),
            skip: FxHashMap::default(),
            grades: FxHashMap::default(),
            codes: FxHashMap::default(),
            phrases: Vec::new(),
            by_first: FxHashMap::default(),
            base_level: None,
            rank: fw.levels().iter().map(|l| l.rank).collect(),
        };
        for w in t.stopwords.iter().chain(&t.noise) {
            l.skip.insert(w.to_lowercase(), ());
        }
        for (i, g) in ["i", "ii", "iii", "iv", "v", "vi"].iter().enumerate() {
            l.grades.insert((*g).to_owned(), i as u8 + 1);
        }
        for n in 1..=9u8 {
            l.grades.insert(n.to_string(), n);
        }
        // Abbreviations first, so every phrase below is written in expanded words.
        for a in &t.abbreviations {
            let raw: Vec<String> = l
                .raw_words(&a.to)
                .into_iter()
                .filter(|w| !l.skip.contains_key(w))
                .collect();
            let words: Vec<u32> = raw.iter().map(|w| l.intern(w)).collect();
            l.expand.insert(a.from.to_lowercase(), words);
        }
        for p in &t.role_phrases {
            l.add(p, PhraseKind::Role);
        }
        let role_words: Vec<u32> = l.phrases.iter().flat_map(|p| p.words.clone()).collect();
        for level in fw.levels() {
            for name in std::iter::once(&level.title)
                .chain(&level.aliases)
                .chain(std::iter::once(&level.short_title))
            {
                // Only names with a role word are evidence in a title: "DIR" alone is not a PM.
                let words = l.phrase_words(name);
                if words.iter().any(|w| role_words.contains(w)) {
                    l.add(name, PhraseKind::Alias(level.pos()));
                }
            }
        }
        for (i, r) in t.rules.iter().enumerate() {
            l.add(&r.phrase, PhraseKind::Rule(i as u16));
        }
        for (i, a) in t.ambiguous.iter().enumerate() {
            for name in std::iter::once(&a.title).chain(&a.aliases) {
                l.add(name, PhraseKind::Ambiguous(i as u16));
            }
        }
        for (i, o) in t.other_roles.iter().enumerate() {
            for p in &o.phrases {
                l.add(p, PhraseKind::Other(i as u16));
            }
        }
        for s in &t.seniority {
            if let Some(level) = fw.level_pos(&s.level) {
                for w in &s.words {
                    let kind = if s.programme {
                        PhraseKind::Programme(level)
                    } else {
                        PhraseKind::Seniority(level)
                    };
                    l.add(w, kind);
                }
            }
        }
        for (i, s) in fw.specializations().iter().enumerate() {
            for w in &s.signals {
                l.add(w, PhraseKind::Signal(i as u16));
            }
        }
        if let Some(c) = company {
            for (i, code) in c.codes.iter().enumerate() {
                l.codes.insert(code.code.to_lowercase(), i as u16);
            }
            for (i, title) in c.titles.iter().enumerate() {
                l.add(&title.title, PhraseKind::CompanyTitle(i as u16));
            }
        }
        // A bare role phrase means the level whose title it is.
        let role_phrases: Vec<Vec<u32>> = l
            .phrases
            .iter()
            .filter(|p| p.kind == PhraseKind::Role)
            .map(|p| p.words.clone())
            .collect();
        // Failing that, the first rung of the ladder.
        l.base_level = l
            .phrases
            .iter()
            .find_map(|p| match p.kind {
                PhraseKind::Alias(level) if role_phrases.contains(&p.words) => Some(level),
                _ => None,
            })
            .or_else(|| fw.ladder().first().map(|first| first.pos()));
        for list in l.by_first.values_mut() {
            let phrases = &l.phrases;
            list.sort_by_key(|&i| std::cmp::Reverse(phrases[i as usize].words.len()));
        }
        l
    }

    pub fn framework(&self) -> &'f Framework {
        self.fw
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.to_owned(), id);
        id
    }

    /// The words of a vocabulary phrase, split the way titles are.
    fn raw_words(&self, phrase: &str) -> Vec<String> {
        let mut w = Words::default();
        normalize::split(phrase, &mut w);
        (0..w.words.len()).map(|i| w.word(i).to_owned()).collect()
    }

    /// A phrase as interned words: abbreviations expanded, stopwords and noise dropped.
    fn phrase_words(&mut self, phrase: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for w in self.raw_words(phrase) {
            if self.skip.contains_key(&w) {
                continue;
            }
            match self.expand.get(&w).cloned() {
                Some(expanded) => out.extend(expanded),
                None => out.push(self.intern(&w)),
            }
        }
        out
    }

    fn add(&mut self, phrase: &str, kind: PhraseKind) {
        let words = self.phrase_words(phrase);
        let Some(&first) = words.first() else { return };
        if self
            .phrases
            .iter()
            .any(|p| p.words == words && p.kind == kind)
        {
            return;
        }
        let index = self.phrases.len() as u32;
        self.phrases.push(Phrase {
            words,
            kind,
            text: phrase.to_owned(),
        });
        self.by_first.entry(first).or_default().push(index);
    }
}

/// Which column of a CSV's header row holds the titles: the one named (ignoring spaces at the
/// ends), else one called "title" in any case; otherwise why not, with the columns there are.
pub fn title_column(headers: &[&str], asked: Option<&str>) -> Result<usize, String> {
    match asked.map(str::trim).filter(|a| !a.is_empty()) {
        Some(column) => headers
            .iter()
            .position(|h| h.trim() == column)
            .ok_or_else(|| {
                let near = crate::suggest::did_you_mean(column, headers.iter().copied());
                format!(
                    "there is no column \"{column}\"; {}",
                    near.unwrap_or_else(|| format!("the columns are: {}", headers.join(", ")))
                )
            }),
        None => headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case("title"))
            .ok_or_else(|| {
                format!(
                    "say which column holds the titles (the columns are: {})",
                    headers.join(", ")
                )
            }),
    }
}

/// The titles in one column of a CSV held in memory (an upload): the column named, or "title";
/// at most `limit` rows. A problem is said with its line.
pub fn read_titles_csv(
    bytes: &[u8],
    column: Option<&str>,
    limit: usize,
) -> Result<Vec<String>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| format!("the header row cannot be read: {e}"))?
        .clone();
    let names: Vec<&str> = headers.iter().collect();
    let index = title_column(&names, column)?;
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| match e.position() {
            Some(p) => format!("line {}: {e}", p.line()),
            None => e.to_string(),
        })?;
        if out.len() == limit {
            return Err(format!(
                "the file has more than {limit} rows; `rungs title --csv` takes any number"
            ));
        }
        let title = row.get(index).unwrap_or_default().trim();
        if !title.is_empty() {
            out.push(title.to_owned());
        }
    }
    Ok(out)
}
