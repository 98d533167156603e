//! The loaded core: flows, locales and the language detector together, and
//! the one call that turns a message into a decision and the words to send.

use std::path::Path;

use chrono::{DateTime, Utc};

pub use crate::config::default_dir;
use crate::domain::hours::teams_for;
use crate::domain::schedule::{schedule, Schedule};
use crate::domain::{
    analyse, decide, Analysis, Availability, ConversationView, Decision, Inbound, Lang, LanguageDetector, Playbook,
    ReplyPlan,
};
use crate::flows::{self, FlowsError, FlowsErrors};
use crate::i18n::render::{render, RenderContext, RenderedReply, USED_MESSAGES};
use crate::i18n::Catalog;

/// Everything needed to decide and word a reply, loaded once.
#[derive(Debug)]
pub struct Engine {
    pub playbook: Playbook,
    pub catalog: Catalog,
    pub detector: LanguageDetector,
    /// Languages with no word lists (warned about, not an error).
    pub languages_without_words: Vec<crate::domain::Lang>,
}

/// The result of handling one message.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub analysis: Analysis,
    pub decision: Decision,
    pub replies: Vec<RenderedReply>,
}

/// Why the engine could not load: every problem, each with its place.
#[derive(Debug)]
pub struct LoadError(pub Vec<String>);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.join("\n"))
    }
}

impl std::error::Error for LoadError {}

impl From<FlowsErrors> for LoadError {
    fn from(e: FlowsErrors) -> Self {
        LoadError(e.0.iter().map(|x| x.to_string()).collect())
    }
}

impl Engine {
    /// Loads `flows_dir` and `locales_dir` and checks them against each
    /// other: every language has a locale, every intent an answer message,
    /// the reference locale every message the bot uses.
    pub fn load(flows_dir: &Path, locales_dir: &Path) -> Result<Self, LoadError> {
        let loaded = flows::load(flows_dir, locales_dir)?;
        let playbook = loaded.playbook;
        let langs = playbook.langs();
        let catalog = Catalog::load(locales_dir, &langs, playbook.fallback)
            .map_err(|errs| LoadError(errs.iter().map(|e| e.to_string()).collect()))?;
        let mut errors = Vec::new();
        for a in &loaded.answers {
            if !catalog.has(playbook.fallback, &a.message) {
                errors.push(
                    FlowsError {
                        file: a.file.clone(),
                        line: Some(a.line),
                        field: format!("intents.{}.answer", a.intent),
                        reason: format!(
                            "no message `{}` in locale `{}` ({})",
                            a.message,
                            playbook.fallback,
                            locales_dir.join(playbook.fallback.as_str()).display()
                        ),
                    }
                    .to_string(),
                );
            }
        }
        for id in USED_MESSAGES.iter().chain(crate::i18n::comments::COMMENT_MESSAGES.iter()) {
            if !catalog.has(playbook.fallback, id) {
                errors.push(format!(
                    "{}: message `{id}` is missing from the reference locale `{}`",
                    locales_dir.join(playbook.fallback.as_str()).display(),
                    playbook.fallback
                ));
            }
        }
        if !errors.is_empty() {
            return Err(LoadError(errors));
        }
        let detector = LanguageDetector::new(&langs, playbook.fallback);
        Ok(Self { playbook, catalog, detector, languages_without_words: loaded.languages_without_words })
    }

    /// Loads the shipped `flows/` and `locales/` (for tests and benches).
    pub fn load_default() -> Result<Self, LoadError> {
        Self::load(&default_dir("flows"), &default_dir("locales"))
    }

    /// Reads every intent example of every language once, so the pages of
    /// lingua's models that DMs use are read in and the n-grams they hold
    /// are cached for every thread before the first customer writes (the
    /// first replies would otherwise wait on the disk and the models). For
    /// the long-running commands; a one-off `preview` does not need it.
    pub fn warm_up(&self, now: DateTime<Utc>) {
        let started = std::time::Instant::now();
        let mut read = 0;
        for lang in self.playbook.lexicon.languages() {
            let Some(words) = self.playbook.lexicon.words(lang) else { continue };
            for text in words.intents.iter().flat_map(|i| i.examples.iter()) {
                let inbound = Inbound { text: text.clone(), ..Inbound::default() };
                let _ = self.handle(&inbound, &ConversationView::default(), now);
                read += 1;
            }
        }
        // Every thread starts from what this one read.
        let shared = crate::domain::ngrams::share_warm_rows();
        return_freed_memory();
        tracing::info!(
            messages = read,
            ngrams = shared,
            ms = started.elapsed().as_millis() as u64,
            "language models loaded"
        );
    }

    /// Decides what to do with one message and words the reply.
    pub fn handle(&self, inbound: &Inbound, convo: &ConversationView, now: DateTime<Utc>) -> Outcome {
        let analysis = analyse(&self.playbook, &self.detector, inbound, convo, now);
        self.finish(inbound, convo, analysis)
    }

    /// [`Engine::handle`] once the analysis is made (the eval compares detectors).
    pub fn finish(&self, inbound: &Inbound, convo: &ConversationView, analysis: Analysis) -> Outcome {
        let decision = decide(&analysis, convo, &self.playbook);
        let whatsapp_replies = inbound
            .page_id
            .as_deref()
            .and_then(|p| self.playbook.pages.get(p))
            .map(|p| p.whatsapp_replies)
            .unwrap_or_default();
        let decision = crate::domain::paid_replies::thrifty(decision, &analysis, convo, inbound, whatsapp_replies);
        // Only the answers that state the opening hours need them worked out.
        let lang = analysis.language.lang;
        let schedule = match &decision.reply {
            Some(ReplyPlan::Answer { message, .. })
                if ["schedule", "exceptions"].iter().any(|v| self.catalog.uses_variable(lang, message, v)) =>
            {
                Some(self.schedule(lang, analysis.customer_tz, analysis.availability.as_ref(), analysis.at))
            }
            _ => None,
        };
        // The market is the page's, else the one the caller names, else the
        // reply language's own.
        let market = inbound
            .page_id
            .as_ref()
            .and_then(|p| self.playbook.pages.get(p))
            .and_then(|p| p.language)
            .or(inbound.lang_hint)
            .unwrap_or(analysis.language.lang);
        let payment_methods = self.playbook.language(market).map_or(&[][..], |l| l.payment_methods.as_slice());
        let ctx = RenderContext {
            lang: analysis.language.lang,
            name: inbound.customer_name.as_deref(),
            now: analysis.at,
            customer_tz: analysis.customer_tz,
            availability: analysis.availability.as_ref(),
            open_now: analysis.open_now,
            contact: inbound.page_id.as_deref().and_then(|p| self.playbook.page_contact(p)),
            schedule: schedule.as_ref(),
            payment_methods,
            upset: matches!(analysis.kind, crate::domain::Kind::Complaint | crate::domain::Kind::Urgent),
        };
        let replies = decision.reply.iter().map(|plan| render(&self.catalog, plan, &ctx)).collect();
        Outcome { analysis, decision, replies }
    }
}

impl Engine {
    /// The opening hours of the teams that serve `lang` (those of the
    /// reference language when none does), on the customer's clock and on
    /// the clock of the team the case goes to.
    pub fn schedule(
        &self,
        lang: Lang,
        customer_tz: chrono_tz::Tz,
        availability: Option<&Availability>,
        now: DateTime<Utc>,
    ) -> Schedule {
        let teams = teams_for(&self.playbook.teams, lang, self.playbook.fallback);
        let team_tz = availability.map(|a| a.team_tz).or_else(|| teams.first().map(|t| t.tz)).unwrap_or(customer_tz);
        schedule(&teams, customer_tz, team_tz, now)
    }
}

/// Gives the memory a load or a warm-up used for a moment (TOML trees,
/// index building) back to the system. The binary's allocator (mimalloc)
/// keeps freed pages for reuse, which at start is 20-25 MB that nothing
/// reuses; resident memory at rest is that much lower after this. Costs a
/// few milliseconds, once per load; without mimalloc it does nothing.
pub fn return_freed_memory() {
    // SAFETY: `mi_collect` only walks mimalloc's own free lists; it takes no
    // pointers and is safe to call from any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
