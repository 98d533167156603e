//! People's words for the platform's terms in the case views, beside the
//! raw fields the API keeps: "Human agent tag, 7 days" for `human_agent`,
//! "UTC+1" for `Etc/GMT-1`. English, as the console is.

use chrono::{DateTime, Offset, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::cases::{Case, CaseStatus, ReplyMode, ReplyWindow};
use super::conversation::Conversation;
use crate::channels::Channel;
use crate::domain::{Kind, Priority};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Labels {
    /// "Messenger", "Instagram", "WhatsApp".
    pub channel_label: &'static str,
    /// "Waiting", "Claimed", "Resolved".
    pub status_label: &'static str,
    /// "Urgent", "Complaint", "Normal", "Low".
    pub priority_label: &'static str,
    pub kind_label: &'static str,
    /// How a person may reply now: "Standard reply, 24 hours", "Human agent
    /// tag, 7 days", "Window closed: template only".
    pub reply_mode_label: Option<&'static str>,
    /// The page's window for people: "Human agent tag, 7 days", "24 hours,
    /// then templates only", "24 hours".
    pub window_label: Option<&'static str>,
    /// The customer's offset from UTC now: "UTC+1", "UTC-3:30", "UTC".
    pub utc_offset_label: Option<String>,
    /// "Amsterdam (UTC+1)"; a bare offset zone reads "UTC+1".
    pub time_zone_label: Option<String>,
}

impl Labels {
    pub fn of(
        conv: &Conversation,
        case: &Case,
        window: Option<(ReplyWindow, ReplyMode)>,
        tz: Option<Tz>,
        now: DateTime<Utc>,
    ) -> Self {
        let channel = conv.key.channel;
        let offset = tz.map(|z| utc_offset(z, now));
        Self {
            channel_label: match channel {
                Channel::Messenger => "Messenger",
                Channel::Instagram => "Instagram",
                Channel::Whatsapp => "WhatsApp",
            },
            status_label: match case.status {
                CaseStatus::Waiting => "Waiting",
                CaseStatus::Claimed => "Claimed",
                CaseStatus::Resolved => "Resolved",
            },
            priority_label: match case.priority {
                Priority::Urgent => "Urgent",
                Priority::Complaint => "Complaint",
                Priority::Normal => "Normal",
                Priority::Low => "Low",
            },
            kind_label: match case.kind {
                Kind::Complaint => "Complaint",
                Kind::Urgent => "Urgent",
                Kind::Question => "Question",
                Kind::Praise => "Praise",
                Kind::Greeting => "Greeting",
                Kind::Spam => "Spam",
                Kind::Other => "Other",
            },
            reply_mode_label: window.map(|(w, mode)| match mode {
                ReplyMode::Response => "Standard reply, 24 hours",
                ReplyMode::HumanAgent => "Human agent tag, 7 days",
                ReplyMode::Closed if w.window.rules.can_reopen => "Window closed: template only",
                ReplyMode::Closed => "Window closed: the customer must write again",
            }),
            window_label: window.map(|(w, _)| match (channel, w.window.rules.human_agent) {
                (Channel::Whatsapp, _) => "24 hours, then templates only",
                (_, true) => "Human agent tag, 7 days",
                (_, false) => "24 hours",
            }),
            time_zone_label: tz.zip(offset.as_ref()).map(|(z, o)| zone_label(z, o)),
            utc_offset_label: offset,
        }
    }
}

/// "UTC+1", "UTC+5:30", "UTC-3:30", "UTC".
pub fn utc_offset(tz: Tz, at: DateTime<Utc>) -> String {
    let secs = at.with_timezone(&tz).offset().fix().local_minus_utc();
    if secs == 0 {
        return "UTC".into();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let (h, m) = (secs.abs() / 3600, secs.abs() % 3600 / 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}

/// "Amsterdam (UTC+1)", "Sao Paulo (UTC-3)"; "Etc/GMT-1" is just "UTC+1".
fn zone_label(tz: Tz, offset: &str) -> String {
    let name = tz.name();
    if name.starts_with("Etc/") || name == "UTC" {
        return offset.to_string();
    }
    let city = name.rsplit('/').next().unwrap_or(name).replace('_', " ");
    format!("{city} ({offset})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn offsets_read_as_people_write_them() {
        let winter = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(utc_offset(chrono_tz::Europe::Amsterdam, winter), "UTC+1");
        assert_eq!(utc_offset(chrono_tz::Europe::Amsterdam, summer), "UTC+2");
        assert_eq!(utc_offset(chrono_tz::Etc::GMTMinus1, winter), "UTC+1");
        assert_eq!(utc_offset(chrono_tz::Asia::Kolkata, winter), "UTC+5:30");
        assert_eq!(utc_offset(chrono_tz::America::St_Johns, winter), "UTC-3:30");
        assert_eq!(utc_offset(chrono_tz::UTC, winter), "UTC");
        assert_eq!(zone_label(chrono_tz::Etc::GMTMinus1, "UTC+1"), "UTC+1");
        assert_eq!(zone_label(chrono_tz::America::Sao_Paulo, "UTC-3"), "Sao Paulo (UTC-3)");
    }
}
