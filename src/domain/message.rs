//! A customer message as the core sees it, and what it knows of the
//! conversation it belongs to.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::ids::Lang;
use super::window::Window;

/// One inbound customer message.
#[derive(Debug, Clone, Default)]
pub struct Inbound {
    pub text: String,
    /// The Page / account / number written to, when known.
    pub page_id: Option<String>,
    /// The customer's zone when the platform or the caller gives it.
    pub customer_tz: Option<Tz>,
    /// The customer's first name, when known.
    pub customer_name: Option<String>,
    /// Forces the reply language (`preview --lang`), skipping detection.
    pub forced_lang: Option<Lang>,
    /// A hint for the language (`preview --lang-hint`), as a page's market would give.
    pub lang_hint: Option<Lang>,
    /// The message carries an attachment (photo, voice note) and maybe no text.
    pub has_attachment: bool,
    /// The customer's reply window after this message, when the channel
    /// is known (a person must answer before it closes, unless something
    /// can reopen it).
    pub window: Option<Window>,
    /// Written on WhatsApp, where every message the bot sends is billed.
    pub whatsapp: bool,
}

/// What the bot remembers of the conversation, as an input to the policy.
/// The server stores it; `preview` starts from an empty one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversationView {
    /// The conversation's language so far.
    pub language: Option<Lang>,
    /// Automated replies sent since a person last wrote in this conversation.
    pub automated_since_human: u32,
    /// The next-availability time stated in the last after-hours
    /// acknowledgement; a new one is sent only when this changed or passed.
    pub promised: Option<DateTime<Utc>>,
    /// A person of the brand is handling the conversation: the bot is quiet.
    pub human_owns: bool,
}
