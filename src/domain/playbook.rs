//! The loaded configuration as the core sees it: languages, teams, pages,
//! intents and word lists, already checked. Built by `crate::flows`.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::escalation::EscalationBook;
use super::hours::Team;
use super::ids::{IntentId, Lang};
use super::intent::Intent;
use super::keyword::LabelKeywords;
use super::lexicon::Lexicon;
use super::templates::TemplateBook;
use super::window::{Platform, WindowRules};

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

/// A WhatsApp number's `whatsapp_replies` setting in `flows/pages.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhatsappReplies {
    /// Every reply that tells the customer something (the return time, an
    /// answer); no thanks-only messages.
    #[default]
    Needed,
    /// At most one automated reply per closed period: after the first, the
    /// customer's further messages wait for a person without a reply.
    OnePerClosedPeriod,
}

impl WhatsappReplies {
    pub const NAMES: [&'static str; 2] = ["needed", "one_per_closed_period"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "needed" => Some(Self::Needed),
            "one_per_closed_period" => Some(Self::OnePerClosedPeriod),
            _ => None,
        }
    }
}

/// What the bot does with public comments under a page's posts
/// (`flows/pages.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentSettings {
    /// Comments are read at all: cases, Private Replies, the care queue.
    pub enabled: bool,
    /// After hours the bot also answers in public, under the comment.
    pub public_replies: bool,
    /// Spam comments are hidden.
    pub hide_spam: bool,
    /// Public replies of the bot under one post in one hour, at most: a
    /// viral thread does not become a wall of bot replies.
    pub per_post_per_hour: u32,
}

impl Default for CommentSettings {
    /// Safe: comments become cases (and get the private acknowledgement),
    /// nothing is said in public or hidden until the page says so.
    fn default() -> Self {
        Self { enabled: true, public_replies: false, hide_spam: false, per_post_per_hour: 5 }
    }
}

/// A Page, Instagram account or WhatsApp number of the brand.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub name: String,
    /// The market language: a prior for detection.
    pub language: Option<Lang>,
    /// The platform, when `flows/pages.toml` names it.
    pub platform: Option<Platform>,
    /// Approved for the `HUMAN_AGENT` tag in Meta's App Review.
    pub human_agent: bool,
    /// WhatsApp templates are configured: one can reach a customer whose
    /// 24-hour window closed.
    pub templates: bool,
    /// Another way to reach the care team (an e-mail address, a phone
    /// number), offered when the bot cannot promise a reply in the chat.
    pub contact: Option<String>,
    /// What the bot may send on this WhatsApp number (billed per message).
    pub whatsapp_replies: WhatsappReplies,
    /// The market's zone (`time_zone`, else the market language's typical
    /// zone): a customer of the page whose zone the platform does not give
    /// lives there, whatever language they write in.
    pub time_zone: Option<Tz>,
    pub comments: CommentSettings,
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
    /// A question that names a day off (`[kinds] off`: a weekend, a
    /// weekday, a holiday) and a person being there (`[kinds] presence`:
    /// answer, anyone, open) is about this intent: "will someone answer on
    /// boxing day".
    pub when_day_off: Option<IntentId>,
    /// The intent of a message that tells of a wrong item (two colours told
    /// with a word of ordering).
    pub when_wrong_item: Option<IntentId>,
    pub lexicon: Lexicon,
    /// The WhatsApp templates the brand registered (`flows/templates.toml`).
    pub templates: TemplateBook,
    /// The intent of a message that is a label keyword, and the keywords.
    pub keyword_intent: Option<IntentId>,
    pub keywords: LabelKeywords,
    /// The escalation plans for the night (`flows/escalation.toml`).
    pub escalation: EscalationBook,
    /// The care team's saved replies (`flows/replies.toml`).
    pub replies: Vec<super::replies::SavedReply>,
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

    /// Whether a template can reach a customer of `page` on `platform`
    /// after the 24-hour window: WhatsApp pages with templates configured;
    /// false for every page that says nothing.
    pub fn page_can_reopen(&self, page: &str, platform: Platform) -> bool {
        platform == Platform::Whatsapp && self.pages.get(page).is_some_and(|p| p.templates)
    }

    /// What `page` may do once a customer's standard window closed.
    pub fn window_rules(&self, page: &str, platform: Platform) -> WindowRules {
        WindowRules {
            human_agent: platform.has_human_agent() && self.pages.get(page).is_some_and(|p| p.human_agent),
            can_reopen: self.page_can_reopen(page, platform),
        }
    }

    /// The other contact `page` offers, if any.
    pub fn page_contact(&self, page: &str) -> Option<&str> {
        self.pages.get(page).and_then(|p| p.contact.as_deref())
    }

    pub fn intent(&self, id: &IntentId) -> Option<&Intent> {
        self.intents.iter().find(|i| &i.id == id)
    }
}
