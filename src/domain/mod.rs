//! The decision core: pure and synchronous. Nothing here does I/O; the
//! clock, the conversation and the loaded configuration are arguments.

pub mod calendar;
pub mod coverage;
pub mod escalation;
pub mod hours;
pub mod ids;
pub mod intent;
pub mod keyword;
pub mod kind;
pub mod language;
pub mod lexicon;
pub mod message;
pub mod ngrams;
pub mod paid_replies;
pub mod playbook;
pub mod policy;
pub mod priority;
pub mod replies;
pub mod schedule;
pub mod templates;
pub mod text;
pub mod translit;
pub mod wall_clock;
pub mod window;

pub use calendar::{ClosedDay, DateRule, DayPart};
pub use hours::{next_available, Availability, Closure, Holiday, Interval, Team, Week};
pub use ids::{IntentId, Lang, TeamId};
pub use intent::{Intent, IntentMatch};
pub use kind::Kind;
pub use language::{Detected, LangSource, LanguageDetector, LanguageHints, Strategy};
pub use lexicon::{IntentScore, IntentWords, LangWords, Lexicon, List};
pub use message::{ConversationView, Inbound};
pub use playbook::{CommentSettings, Language, Page, Playbook};
pub use policy::{analyse, decide, Analysis, Decision, Priority, ReplyPlan, TzSource};
pub use text::{Pattern, PatternSet, Tokens};
pub use window::{Platform, Window, WindowRules};
