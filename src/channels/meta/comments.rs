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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(channel: Channel, account: &str, change: serde_json::Value) -> Result<Event, String> {
        let raw = serde_json::value::to_raw_value(&change).unwrap();
        change_event(channel, Some(account), Some(1_764_291_600), &raw, "entry[0].changes[0]")
    }

    fn fb(verb: &str, from: &str, item: &str) -> serde_json::Value {
        serde_json::json!({"field": "feed", "value": {
            "item": item, "verb": verb, "from": {"id": from, "name": "Ann Smit"},
            "post_id": "104_900", "comment_id": "900_1", "parent_id": "104_900",
            "message": "Waar blijft mijn pakket?", "created_time": 1_764_291_700,
            "post": {"permalink_url": "https://www.facebook.com/104/posts/900"}
        }})
    }

    #[test]
    fn a_facebook_comment_names_its_post_permalink_and_time() {
        let Ok(Event::Comment(c)) = parse(Channel::Messenger, "104", fb("add", "77", "comment")) else { panic!() };
        assert_eq!((c.key.customer.as_str(), c.comment_id.as_str(), c.post_id.as_str()), ("77", "900_1", "104_900"));
        assert_eq!(c.parent_id, None, "a top-level comment's parent is the post");
        assert_eq!(c.permalink.as_deref(), Some("https://www.facebook.com/104/posts/900"));
        assert_eq!(c.timestamp_ms, 1_764_291_700_000);
        assert_eq!(c.verb, CommentVerb::Add);
    }

    #[test]
    fn the_pages_own_comments_reactions_and_unknown_verbs_are_ignored() {
        for (verb, from, item) in [("add", "104", "comment"), ("add", "77", "reaction"), ("hide", "77", "comment")] {
            let e = parse(Channel::Messenger, "104", fb(verb, from, item)).unwrap();
            assert!(matches!(e, Event::Ignored { .. }), "{verb} {from} {item}: {e:?}");
        }
        let Ok(Event::Comment(c)) = parse(Channel::Messenger, "104", fb("remove", "77", "comment")) else { panic!() };
        assert_eq!(c.verb, CommentVerb::Remove);
    }

    #[test]
    fn an_instagram_comment_is_keyed_on_the_igsid_and_its_media() {
        let change = serde_json::json!({"field": "comments", "value": {
            "from": {"id": "1790", "username": "kari"}, "media": {"id": "180", "media_product_type": "FEED"},
            "id": "179_1", "text": "Hvor er pakken min?", "parent_id": "179_0"
        }});
        let Ok(Event::Comment(c)) = parse(Channel::Instagram, "178", change) else { panic!() };
        assert_eq!((c.key.customer.as_str(), c.post_id.as_str()), ("1790", "180"));
        assert_eq!(c.parent_id.as_deref(), Some("179_0"));
        assert_eq!(c.customer_name.as_deref(), Some("kari"));
        assert_eq!(c.timestamp_ms, 1_764_291_600_000, "the entry's time, in seconds");
    }

    #[test]
    fn a_comment_without_its_id_is_unreadable_with_its_path() {
        let mut change = fb("add", "77", "comment");
        change["value"].as_object_mut().unwrap().remove("comment_id");
        let e = parse(Channel::Messenger, "104", change).unwrap_err();
        assert_eq!(e, "entry[0].changes[0].value.comment_id: missing");
    }
}
