//! Saved replies: texts a lead keeps for the care team (`flows/replies.toml`),
//! one body per language, with the placeholders `{first_name}` and
//! `{return_time}` filled in for the case at hand.

use std::collections::BTreeMap;

use super::Lang;

/// The placeholders a body may hold.
pub const PLACEHOLDERS: [&str; 2] = ["first_name", "return_time"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedReply {
    pub id: String,
    /// What the console lists, for the person choosing (English).
    pub title: String,
    pub bodies: BTreeMap<Lang, String>,
}

/// The placeholders of `body` (`{name}`), or the first thing wrong with its
/// braces: an unknown placeholder, a brace left open or closed alone.
pub fn placeholders_of(body: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` with no `{` before it".into());
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { return Err("a `{` that is never closed".into()) };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!("`{{{name}}}` is not a placeholder: use {{first_name}} or {{return_time}}"));
        }
        found.push(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(found)
}

/// `body` with its placeholders filled. A missing first name takes the
/// separator before it along ("Hi {first_name}," reads "Hi,"; "¡Hola,
/// {first_name}!" reads "¡Hola!"); a missing return time leaves the
/// placeholder for the person to fill.
pub fn fill(body: &str, first_name: Option<&str>, return_time: Option<&str>) -> String {
    let mut out = match first_name.filter(|n| !n.trim().is_empty()) {
        Some(n) => body.replace("{first_name}", n),
        None => body.replace(", {first_name}", "").replace(" {first_name}", "").replace("{first_name}", ""),
    };
    if let Some(t) = return_time {
        out = out.replace("{return_time}", t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_checked_and_filled() {
        assert_eq!(placeholders_of("Hi {first_name}, back {return_time}.").unwrap(), ["first_name", "return_time"]);
        assert!(placeholders_of("Hi {name}").unwrap_err().contains("{name}"));
        assert!(placeholders_of("Hi {first_name").is_err());
        assert!(placeholders_of("Hi first_name}").is_err());
        assert_eq!(
            fill("Hi {first_name}, see you {return_time}.", Some("Ana"), Some("tomorrow at 09:00")),
            "Hi Ana, see you tomorrow at 09:00."
        );
        assert_eq!(fill("Hi {first_name}, thanks.", None, None), "Hi, thanks.");
        assert_eq!(fill("¡Hola, {first_name}! Gracias.", None, None), "¡Hola! Gracias.");
        assert_eq!(fill("Back {return_time}.", None, None), "Back {return_time}.");
    }
}
