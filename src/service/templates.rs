//! "Send template" on a WhatsApp case whose 24-hour window has closed: the
//! preview (the text the customer will read, in their language) and the
//! send, which is written on the case before it goes out and keeps Graph's
//! refusal, in plain words, when it does not.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::care::{claim_in, count_first_human_reply, is_open_case, send_reason, Care, CareError, CaseView};
use super::cases::{ReplyMode, ReplyWindow};
use super::conversation::{Author, Conversation, Delivery, TranscriptEntry};
use crate::channels::meta::errors::plain_words;
use crate::channels::{Channel, ConversationKey, SendError};
use crate::domain::templates::{first_name, Filled, TemplateParam, Unfilled};
use crate::domain::Lang;
use crate::engine::Engine;

/// What a person asks for: a purpose, and optionally the language and
/// values to use instead of the case's.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct TemplateRequest {
    pub purpose: Option<String>,
    pub lang: Option<String>,
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
}

/// The purpose the console offers first.
pub const DEFAULT_PURPOSE: &str = "follow_up";

/// What the customer would read, before it is sent.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TemplatePreview {
    pub case: String,
    pub purpose: String,
    /// The template's name in WhatsApp Manager.
    pub name: String,
    pub language: String,
    /// Meta's language code sent with it.
    pub code: String,
    pub text: String,
    pub parameters: Vec<ParameterView>,
    /// The window is closed, so a template is what may go out.
    pub window_closed: bool,
    pub window_closes_at: Option<DateTime<Utc>>,
    /// Every purpose this number can send.
    pub purposes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ParameterView {
    pub name: &'static str,
    pub value: String,
}

impl Care {
    /// The template `req` asks for on case `id`, filled in, unsent.
    pub async fn template_preview(&self, id: u64, req: &TemplateRequest) -> Result<TemplatePreview, CareError> {
        let key = self.store.case_location(id).await?.ok_or(CareError::NotFound(id))?;
        let conv = self.store.load(&key).await?.ok_or(CareError::NotFound(id))?;
        is_open_case(&conv, id)?;
        let engine = self.core.current();
        let filled = fill(&engine, &conv, id, req)?;
        let rules = engine.playbook.window_rules(&key.account, key.channel.platform());
        let window = conv.last_customer_at.map(|l| ReplyWindow::after(key.channel, l, rules));
        let now = self.clock.now();
        Ok(TemplatePreview {
            case: id.to_string(),
            purpose: filled.purpose.clone(),
            name: filled.name.clone(),
            language: filled.lang.to_string(),
            code: filled.code.clone(),
            text: filled.text.clone(),
            parameters: filled
                .parameters
                .iter()
                .map(|(p, v)| ParameterView { name: p.as_str(), value: v.clone() })
                .collect(),
            window_closed: window.is_some_and(|w| w.mode(now) == ReplyMode::Closed),
            window_closes_at: window.map(|w| w.closes_at()),
            purposes: engine.playbook.templates.for_page(&key.account).iter().map(|t| t.purpose.clone()).collect(),
        })
    }

    /// Sends the template `req` asks for on case `id`, claiming the case
    /// for `who`. Refused while the window is open (a reply is free-form
    /// then). The rendered text is on the case before the send, and stays
    /// there, marked not sent with Graph's reason, when Graph refuses it.
    pub async fn send_template(&self, id: u64, who: &str, req: &TemplateRequest) -> Result<CaseView, CareError> {
        self.send_under_lock(id, |key| async move { self.send_template_locked(id, who, req, &key).await }).await
    }

    async fn send_template_locked(
        &self,
        id: u64,
        who: &str,
        req: &TemplateRequest,
        key: &ConversationKey,
    ) -> Result<(Result<CaseView, CareError>, Conversation), CareError> {
        let mut conv = self.store.load(key).await?.ok_or(CareError::NotFound(id))?;
        is_open_case(&conv, id)?;
        let engine = self.core.current();
        let filled = fill(&engine, &conv, id, req)?;
        let now = self.clock.now();
        let rules = engine.playbook.window_rules(&key.account, key.channel.platform());
        let window = ReplyWindow::after(key.channel, conv.last_customer_at.unwrap_or(now), rules);
        if window.mode(now) != ReplyMode::Closed {
            return Err(CareError::Template {
                code: "window_open",
                reason: format!(
                    "the customer wrote less than 24 hours ago: until {} a reply is free-form, and free; write a reply instead",
                    window.closes_at().to_rfc3339()
                ),
            });
        }
        claim_in(&mut conv, who, now)?;
        let mut e = TranscriptEntry::new(now, Author::Agent, filled.text.clone());
        e.by = Some(who.to_string());
        e.delivery = Some(Delivery::Sending);
        let at = conv.record(e);
        let what = format!("{} ({}, {})", filled.purpose, filled.name, filled.code);
        // Written down before the send, as every reply is.
        self.store.save(&conv).await?;
        let failure = match self.outbound.send_template(key, &filled).await {
            Ok(wamid) => {
                let ids = vec![wamid];
                conv.remember_sent(&ids);
                conv.transcript[at].delivery = Some(Delivery::Sent { ids });
                let grace = self.grace;
                let case = conv.case.as_mut().expect("checked");
                if case.first_human_reply_at.is_none() {
                    case.first_human_reply_at = Some(now);
                    count_first_human_reply(case, now, grace);
                }
                case.log(now, who, "template", Some(what));
                conv.automated_since_human = 0;
                conv.last_human_at = Some(now);
                metrics::counter!("afterhours_templates_sent_total", "purpose" => filled.purpose.clone(), "outcome" => "sent")
                    .increment(1);
                None
            }
            Err(e) => {
                let (reason, code) = (template_failure(&e), e.code());
                tracing::warn!(conversation = %key, case = id, code = ?code, error = %e, "a template was not sent");
                conv.transcript[at].delivery = Some(Delivery::Failed { reason: reason.clone(), code });
                conv.case.as_mut().expect("checked").log(
                    now,
                    who,
                    "template not sent",
                    Some(format!("{what}: {reason}")),
                );
                metrics::counter!("afterhours_templates_sent_total", "purpose" => filled.purpose.clone(), "outcome" => "refused")
                    .increment(1);
                Some((reason, code))
            }
        };
        let case = conv.case.as_ref().expect("checked");
        let view = CaseView::build(&conv, case, &engine, now, self.grace, true);
        let outcome = match failure {
            None => Ok(view),
            Some((reason, code)) => Err(CareError::SendFailed { reason, code, case: Box::new(view) }),
        };
        Ok((outcome, conv))
    }
}

/// Graph's refusal in plain words, with Meta's own text after it.
fn template_failure(e: &SendError) -> String {
    match e.code().and_then(plain_words) {
        Some(words) => format!("{words} ({})", send_reason(e)),
        None => send_reason(e),
    }
}

/// The template of `req` for the case, in the language asked for or the
/// customer's, with the case's values (or those given).
fn fill(engine: &Engine, conv: &Conversation, id: u64, req: &TemplateRequest) -> Result<Filled, CareError> {
    let refuse = |code: &'static str, reason: String| CareError::Template { code, reason };
    if conv.key.channel != Channel::Whatsapp {
        return Err(refuse(
            "not_whatsapp",
            format!("templates are WhatsApp's; on {} a person answers with a reply", conv.key.channel),
        ));
    }
    let book = &engine.playbook.templates;
    let purpose = req.purpose.as_deref().filter(|p| !p.is_empty()).unwrap_or(DEFAULT_PURPOSE);
    let Some(template) = book.find(&conv.key.account, purpose) else {
        let known: Vec<String> = book.for_page(&conv.key.account).iter().map(|t| t.purpose.clone()).collect();
        return Err(refuse(
            "no_template",
            if known.is_empty() {
                "no WhatsApp template is configured for this number: add one to flows/templates.toml".to_string()
            } else {
                format!("no template for `{purpose}`; this number has: {}", known.join(", "))
            },
        ));
    };
    for name in req.parameters.keys() {
        if TemplateParam::parse(name).is_none_or(|p| !template.params.contains(&p)) {
            let names: Vec<&str> = template.params.iter().map(|p| p.as_str()).collect();
            return Err(refuse(
                "bad_parameter",
                format!("`{name}` is not a parameter of `{purpose}` (its parameters: {})", names.join(", ")),
            ));
        }
    }
    let lang = match req.lang.as_deref().filter(|l| !l.is_empty()) {
        Some(l) => Lang::parse(l).map_err(|e| refuse("bad_language", format!("lang: {e}")))?,
        None => customer_lang(engine, conv),
    };
    let given = |p: TemplateParam| req.parameters.get(p.as_str()).filter(|v| !v.trim().is_empty()).cloned();
    template
        .fill(lang, |p| {
            given(p).or_else(|| match p {
                TemplateParam::FirstName => conv.customer_name.as_deref().and_then(first_name),
                TemplateParam::CaseReference => Some(id.to_string()),
            })
        })
        .map_err(|e| match e {
            Unfilled::Language { .. } => refuse("language_missing", e.to_string()),
            Unfilled::Values(_) => refuse("values_missing", e.to_string()),
        })
}

/// The customer's language as the bot knows it, else the number's market
/// language, else the reference language.
fn customer_lang(engine: &Engine, conv: &Conversation) -> Lang {
    conv.language
        .as_ref()
        .map(|l| l.lang)
        .or_else(|| engine.playbook.pages.get(&conv.key.account).and_then(|p| p.language))
        .unwrap_or(engine.playbook.fallback)
}
