//! What the full case view shows of the same person's other cases and of
//! the saved replies' placeholders: plain data, so the case view need not
//! import the linking actions that build it.

use serde::Serialize;

/// Another case of the same person.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LinkedView {
    /// The open case of that conversation, else its newest.
    pub id: Option<String>,
    pub channel: String,
    pub name: Option<String>,
    pub status: Option<super::cases::CaseStatus>,
}

/// What the placeholders of a saved reply read for this case, in the
/// customer's language and on their clock.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Placeholders {
    /// The first word of the customer's profile name (`null`: none known).
    pub first_name: Option<String>,
    /// When a person is back: the time the bot promised, or the team's next
    /// opening ("tomorrow at 09:00"); `null` while the team is at work.
    pub return_time: Option<String>,
}
