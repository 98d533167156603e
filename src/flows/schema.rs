//! The serde mirror of the `flows/` files, with spans for error messages.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguagesFile {
    pub fallback: S<String>,
    /// The intent of a message that is a label keyword ("agent").
    #[serde(default)]
    pub keyword_intent: Option<S<String>>,
    pub languages: IndexMap<String, S<LanguageSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSpec {
    pub name: String,
    pub time_zone: S<String>,
    /// The word the label (`automated-label`) tells customers to type.
    #[serde(default)]
    pub keyword: Option<S<String>>,
    /// The brand's address form in this language: `formal`, `informal` or
    /// `none` (the language has one form); `locales check` verifies it.
    #[serde(default)]
    pub address: Option<S<String>>,
    /// Payment methods of this language's home market, named in the payment answer.
    #[serde(default)]
    pub payment_methods: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamsFile {
    #[serde(default)]
    pub every_team: Option<EveryTeam>,
    pub teams: IndexMap<String, S<TeamSpec>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EveryTeam {
    #[serde(default)]
    pub holidays: Vec<S<HolidaySpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSpec {
    pub name: Option<String>,
    pub time_zone: S<String>,
    pub languages: S<Vec<S<String>>>,
    pub hours: S<IndexMap<String, S<Vec<S<String>>>>>,
    #[serde(default)]
    pub holidays: Vec<S<HolidaySpec>>,
    #[serde(default)]
    pub closures: Vec<S<ClosureSpec>>,
}

/// A holiday: the plain string (`"12-25"`, `"easter+1"`) or a table with
/// the fields a rule needs beyond its date.
#[derive(Debug)]
pub enum HolidaySpec {
    Plain(String),
    Rule(Box<HolidayRuleSpec>),
}

// By hand rather than `#[serde(untagged)]`: untagged hides the table's own
// error ("unknown field `weekdy`") behind "did not match any variant".
impl<'de> Deserialize<'de> for HolidaySpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = HolidaySpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a holiday: \"MM-DD\", \"YYYY-MM-DD\", \"easter+N\" or a table { on = …, name = … }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<HolidaySpec, E> {
                Ok(HolidaySpec::Plain(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<HolidaySpec, A::Error> {
                HolidayRuleSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|r| HolidaySpec::Rule(Box::new(r)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRuleSpec {
    pub on: S<String>,
    pub name: Option<String>,
    pub weekday: Option<S<String>>,
    pub if_saturday: Option<S<String>>,
    pub if_sunday: Option<S<String>>,
    pub from_year: Option<S<i32>>,
    pub until_year: Option<S<i32>>,
    #[serde(default)]
    pub years: Vec<S<i32>>,
    pub closed: Option<S<String>>,
    #[serde(default)]
    pub brand: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureSpec {
    pub from: S<String>,
    pub to: S<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagesFile {
    #[serde(default)]
    pub pages: IndexMap<String, S<PageSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    pub name: Option<String>,
    pub language: Option<S<String>>,
    /// `messenger`, `instagram` or `whatsapp`.
    #[serde(default)]
    pub channel: Option<S<String>>,
    #[serde(default)]
    pub human_agent: Option<S<bool>>,
    #[serde(default)]
    pub templates: Option<S<bool>>,
    #[serde(default)]
    pub contact: Option<S<String>>,
    /// `needed` or `one_per_closed_period` (WhatsApp numbers).
    #[serde(default)]
    pub whatsapp_replies: Option<S<String>>,
    #[serde(default)]
    pub time_zone: Option<S<String>>,
    /// Public comments under the page's posts: handled (`true`, the default) or left alone.
    #[serde(default)]
    pub comments: Option<S<bool>>,
    /// The bot answers comments publicly after hours (off by default).
    #[serde(default)]
    pub public_replies: Option<S<bool>>,
    /// Spam comments are hidden (off by default).
    #[serde(default)]
    pub hide_spam: Option<S<bool>>,
    /// Public replies of the bot under one post in an hour, at most.
    #[serde(default)]
    pub public_replies_per_post_hour: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntentsFile {
    pub threshold: S<f64>,
    #[serde(default)]
    pub when_waiting: Option<S<String>>,
    #[serde(default)]
    pub when_day_off: Option<S<String>>,
    #[serde(default)]
    pub when_wrong_item: Option<S<String>>,
    pub intents: IndexMap<String, S<IntentSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntentSpec {
    pub answer: S<String>,
    #[serde(default)]
    pub handoff: bool,
    #[serde(default)]
    pub complaint: bool,
    #[serde(default)]
    pub fits_complaints: bool,
    #[serde(default)]
    pub waiting: bool,
    /// The intent answered instead once the order has left (a cancellation
    /// of a shipped order is a return).
    #[serde(default)]
    pub once_shipped: Option<S<String>>,
    /// The intent a complaint of waiting on this topic is about (a delivery
    /// postponed again is about the order; a return weeks ago, the refund).
    #[serde(default)]
    pub waits_for: Option<S<String>>,
    #[serde(default)]
    pub urgent: bool,
    /// A word of this very day (`today` list) makes a message on this
    /// topic urgent ("the courier comes today and the address is wrong").
    #[serde(default)]
    pub same_day: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsFile {
    #[serde(default)]
    pub markers: Vec<S<String>>,
    #[serde(default)]
    pub kinds: IndexMap<String, S<Vec<S<String>>>>,
    #[serde(default)]
    pub intents: IndexMap<String, S<IntentWordsSpec>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntentWordsSpec {
    #[serde(default)]
    pub strong: Vec<S<String>>,
    #[serde(default)]
    pub keywords: Vec<S<String>>,
    #[serde(default)]
    pub beyond: Vec<S<String>>,
    #[serde(default)]
    pub examples: Vec<String>,
}
