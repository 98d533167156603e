//! A public comment under a post of the brand's Page or Instagram account, as the bot sees it.

use serde::{Deserialize, Serialize};

use super::ConversationKey;

/// What happened to the comment (Facebook's `verb`; Instagram notifies only new ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentVerb {
    Add,
    Edited,
    Remove,
}

/// One comment of a customer. `key` is the customer's conversation with the
/// Page or account: the commenter's id as the webhook names them (on
/// Instagram the IGSID, the same id their DMs come from).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub key: ConversationKey,
    pub verb: CommentVerb,
    /// The comment's id: what a public or private reply, or a hide, names.
    pub comment_id: String,
    /// The post (Facebook `post_id`) or media (Instagram `media.id`) it is under.
    pub post_id: String,
    /// The comment it answers, when it is a reply in a thread.
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    /// The commenter's name or username, when given.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// The post's address, when the webhook carries it.
    #[serde(default)]
    pub permalink: Option<String>,
    /// The post's own text, when the webhook carries it.
    #[serde(default)]
    pub post_text: Option<String>,
    /// Milliseconds since the epoch (`created_time`, else the entry's `time`).
    pub timestamp_ms: i64,
}
