//! The loaded configuration as the core sees it: languages, teams, pages,
//! intents and word lists, already checked. Built by `crate::flows`.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::hours::Team;
use super::ids::{IntentId, Lang};
use super::intent::Intent;
use super::keyword::LabelKeywords;
use super::lexicon::Lexicon;

/// A language the bot speaks.
#[derive(Debug, Clone)]
pub struct Language {
    pub lang: Lang,
    /// Its name in that language ("Nederlands").
    pub name: String,
    /// Where a customer writing it most likely lives.
    pub time_zone: Tz,
    /// The word its label tells customers to type to reach a person.
    pub keyword: Option<String>,
    /// Payment methods of its home market ("iDEAL", "Bizum").
    pub payment_methods: Vec<String>,
}

/// A Page, Instagram account or WhatsApp number of the brand.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub name: String,
    /// The market language: a prior for detection.
    pub language: Option<Lang>,
    /// The market's zone (`time_zone`, else the market language's typical
    /// zone): a customer of the page whose zone the platform does not give
    /// lives there, whatever language they write in.
    pub time_zone: Option<Tz>,
}

#[derive(Debug, Clone)]
pub struct Playbook {
    /// The reference language: fallback for messages and for routing.
    pub fallback: Lang,
    pub languages: Vec<Language>,
    pub teams: Vec<Team>,
    pub pages: HashMap<String, Page>,
    pub intents: Vec<Intent>,
    /// Minimum intent score to claim an intent.
    pub intent_threshold: f64,
    /// The intent of a complaint about waiting that names nothing else.
    pub when_waiting: Option<IntentId>,
    pub lexicon: Lexicon,
    /// The intent of a message that is a label keyword, and the keywords.
    pub keyword_intent: Option<IntentId>,
    pub keywords: LabelKeywords,
}

impl Playbook {
    pub fn language(&self, lang: Lang) -> Option<&Language> {
        self.languages.iter().find(|l| l.lang == lang)
    }

    pub fn langs(&self) -> Vec<Lang> {
        self.languages.iter().map(|l| l.lang).collect()
    }

    /// The typical customer time zone of `lang` (of the fallback language
    /// when `lang` has none configured).
    pub fn typical_time_zone(&self, lang: Lang) -> Tz {
        self.language(lang).or_else(|| self.language(self.fallback)).map(|l| l.time_zone).unwrap_or(chrono_tz::UTC)
    }

    /// The language whose typical zone is `tz`, when exactly one has it.
    pub fn language_of_time_zone(&self, tz: Tz) -> Option<Lang> {
        let mut it = self.languages.iter().filter(|l| l.time_zone == tz);
        match (it.next(), it.next()) {
            (Some(l), None) => Some(l.lang),
            _ => None,
        }
    }

    pub fn intent(&self, id: &IntentId) -> Option<&Intent> {
        self.intents.iter().find(|i| &i.id == id)
    }
}
