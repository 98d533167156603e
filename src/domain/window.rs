//! Reply windows: how long after a customer's last message a person may
//! still answer in free text, and whether anything can reach the customer
//! after that. Meta's rules, as plain arithmetic on times:
//!
//! - every channel: a standard window of 24 hours after the customer's
//!   last message; each new message opens it again;
//! - Messenger and Instagram: a person (never the bot) may answer up to
//!   7 days later with the `HUMAN_AGENT` tag, only on a Page approved for
//!   it in Meta's App Review (`human_agent = true` in `flows/pages.toml`);
//! - WhatsApp: after 24 hours only an approved template may be sent
//!   (`templates = true`), which can bring the customer back.

use chrono::{DateTime, Duration, Utc};

/// The standard window on every channel.
pub const STANDARD_WINDOW: Duration = Duration::hours(24);

/// How long a person may answer with the `HUMAN_AGENT` tag.
pub const HUMAN_AGENT_WINDOW: Duration = Duration::days(7);

/// The platform a conversation is on, as far as windows care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Messenger,
    Instagram,
    Whatsapp,
}

impl Platform {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "messenger" => Self::Messenger,
            "instagram" => Self::Instagram,
            "whatsapp" => Self::Whatsapp,
            _ => return None,
        })
    }

    /// `HUMAN_AGENT` exists on Messenger and Instagram only.
    pub fn has_human_agent(self) -> bool {
        self != Self::Whatsapp
    }
}

/// What a page may do once the standard window closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WindowRules {
    /// Approved for `HUMAN_AGENT` (Messenger, Instagram): a person may
    /// answer for 7 days.
    pub human_agent: bool,
    /// A template can reach the customer after the window (WhatsApp with
    /// templates configured).
    pub can_reopen: bool,
}

/// The free-form windows after one customer message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The standard 24 hours.
    pub standard_closes_at: DateTime<Utc>,
    /// The last moment a person may write free text (7 days with
    /// `HUMAN_AGENT`, else the standard window).
    pub closes_at: DateTime<Utc>,
    pub rules: WindowRules,
}

impl Window {
    pub fn after(last_customer_message: DateTime<Utc>, rules: WindowRules) -> Self {
        let standard_closes_at = last_customer_message + STANDARD_WINDOW;
        let closes_at = if rules.human_agent { last_customer_message + HUMAN_AGENT_WINDOW } else { standard_closes_at };
        Self { standard_closes_at, closes_at, rules }
    }

    /// A person answering at `at` would find the window closed and nothing
    /// that could bring the customer back: the customer has to write again.
    pub fn unreachable_at(&self, at: DateTime<Utc>) -> bool {
        at >= self.closes_at && !self.rules.can_reopen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_291_600 + h * 3600, 0).unwrap()
    }

    #[test]
    fn human_agent_stretches_the_window_to_seven_days_and_nothing_else_does() {
        let plain = Window::after(t(0), WindowRules::default());
        assert_eq!((plain.standard_closes_at, plain.closes_at), (t(24), t(24)));
        assert!(!plain.unreachable_at(t(23)));
        assert!(plain.unreachable_at(t(24)));
        let tagged = Window::after(t(0), WindowRules { human_agent: true, can_reopen: false });
        assert_eq!(tagged.closes_at, t(24 * 7));
        assert!(!tagged.unreachable_at(t(60)));
        assert!(tagged.unreachable_at(t(24 * 7)));
        let templates = Window::after(t(0), WindowRules { human_agent: false, can_reopen: true });
        assert_eq!(templates.closes_at, t(24));
        assert!(!templates.unreachable_at(t(60)), "a template can still reach the customer");
    }
}
