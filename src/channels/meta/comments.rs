//! The `changes[]` of a Page's `feed` field (item `comment`) and an Instagram account's
//! `comments` field, parsed into [`Event::Comment`]s.
//!
//! Shapes: Meta's Page webhooks reference (`feed`: `item`, `verb`, `from`, `post_id`,
//! `comment_id`, `parent_id`, `message`, `created_time`, sometimes `post.permalink_url`) and
//! Instagram's (`comments`: `id`, `text`, `from {id, username}`, `media {id}`, `parent_id`).
//! The account's own comments (our public replies among them) come back too: their `from.id`
//! is the Page or account itself, and they are ignored, or the bot would answer itself.
//! Likes, reactions, shares and post edits are not comments and are ignored.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::channels::{Channel, Comment, CommentVerb, ConversationKey, Event};

#[derive(Deserialize)]
struct Change {
    field: Option<String>,
    value: Option<Value>,
}

#[derive(Deserialize)]
struct Value {
    // Facebook `feed`.
    item: Option<String>,
    verb: Option<String>,
    post_id: Option<String>,
    comment_id: Option<String>,
    message: Option<String>,
    created_time: Option<serde_json::Value>,
    post: Option<Post>,
    // Instagram `comments`.
    id: Option<String>,
    text: Option<String>,
    media: Option<Media>,
    // Both.
    from: Option<From>,
    parent_id: Option<String>,
}

#[derive(Deserialize)]
struct From {
    id: Option<String>,
    name: Option<String>,
    username: Option<String>,
}

#[derive(Deserialize)]
struct Post {
    permalink_url: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct Media {
    id: Option<String>,
    permalink: Option<String>,
    caption: Option<String>,
}

/// One `changes[]` item of a `page` or `instagram` entry: a comment, or
/// [`Event::Ignored`] for every other change. `Err` says what is wrong,
/// `path` naming where.
pub fn change_event(
    channel: Channel,
    account: Option<&str>,
    entry_time: Option<i64>,
    raw: &RawValue,
    path: &str,
) -> Result<Event, String> {
    let change: Change = serde_json::from_str(raw.get()).map_err(|e| format!("{path}: {e}"))?;
    let field = change.field.as_deref().unwrap_or("unknown");
    let ignored = |what: String| Ok(Event::Ignored { key: None, what });
    let is_comment =
        matches!((channel, field), (Channel::Messenger, "feed") | (Channel::Instagram, "comments" | "live_comments"));
    if !is_comment {
        return ignored(format!("{channel} change: {field}"));
    }
    let value = change.value.ok_or_else(|| format!("{path}.value: missing"))?;
    if channel == Channel::Messenger && value.item.as_deref() != Some("comment") {
        return ignored(format!("feed change: {}", value.item.as_deref().unwrap_or("unknown item")));
    }
    let account = account.filter(|a| !a.is_empty()).ok_or_else(|| format!("{path}: the entry has no id"))?;
    let from = value.from.as_ref().ok_or_else(|| format!("{path}.value.from: missing"))?;
    let author =
        from.id.as_deref().filter(|i| !i.is_empty()).ok_or_else(|| format!("{path}.value.from.id: missing"))?;
    if author == account {
        return ignored(format!("{channel} comment by the account itself"));
    }
    let verb = match value.verb.as_deref() {
        // Instagram notifies new comments only, without a verb.
        None if channel == Channel::Instagram => CommentVerb::Add,
        Some("add") => CommentVerb::Add,
        Some("edited") => CommentVerb::Edited,
        Some("remove") => CommentVerb::Remove,
        Some(other) => return ignored(format!("feed comment verb: {other}")),
        None => return Err(format!("{path}.value.verb: missing")),
    };
    let (comment_id, post_id, text, permalink, post_text) = match channel {
        Channel::Instagram => {
            let media = value.media.as_ref();
            (
                value.id.clone(),
                media.and_then(|m| m.id.clone()),
                value.text.clone(),
                media.and_then(|m| m.permalink.clone()),
                media.and_then(|m| m.caption.clone()),
            )
        }
        _ => {
            let post = value.post.as_ref();
            (
                value.comment_id.clone(),
                value.post_id.clone(),
                value.message.clone(),
                post.and_then(|p| p.permalink_url.clone()),
                post.and_then(|p| p.message.clone()),
            )
        }
    };
    let id_field = if channel == Channel::Instagram { "id" } else { "comment_id" };
    let comment_id = comment_id.filter(|c| !c.is_empty()).ok_or_else(|| format!("{path}.value.{id_field}: missing"))?;
    let post_field = if channel == Channel::Instagram { "media.id" } else { "post_id" };
    let post_id = post_id.filter(|c| !c.is_empty()).ok_or_else(|| format!("{path}.value.{post_field}: missing"))?;
    // Facebook's top-level comments name the post as their parent.
    let parent_id = value.parent_id.filter(|p| *p != post_id);
    let created_ms = match &value.created_time {
        Some(serde_json::Value::Number(n)) => n.as_i64().map(|s| s.saturating_mul(1000)),
        Some(serde_json::Value::String(s)) => s.trim().parse::<i64>().ok().map(|s| s.saturating_mul(1000)),
        _ => None,
    };
    // Instagram's `time` is in seconds on `changes` entries; Messenger's `messaging` uses ms.
    let entry_ms = entry_time.map(|t| if t < 100_000_000_000 { t.saturating_mul(1000) } else { t });
    Ok(Event::Comment(Comment {
        key: ConversationKey { channel, account: account.to_owned(), customer: author.to_owned() },
        verb,
        comment_id,
        post_id,
        parent_id,
        text,
        customer_name: from.name.clone().or_else(|| from.username.clone()),
        permalink,
        post_text,
        timestamp_ms: created_ms.or(entry_ms).unwrap_or(0),
    }))
}
