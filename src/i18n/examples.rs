//! Which variables each message receives from the bot, and the one place
//! where their example values live (for `locales render`, `locales check`
//! and the table in `docs/translating.md`).

use fluent_bundle::FluentArgs;

use super::clock::{day_and_date, time_of_day, weekday_name};
use super::Catalog;
use crate::domain::Lang;

/// The variables the renderer passes to each message it uses (see
/// `render.rs` and `when.rs`). A translation may use any of them; one the bot
/// does not pass makes the message fail to format, so the `en` text is sent.
pub const MESSAGE_VARIABLES: &[(&str, &[&str])] = &[
    ("automated-label", &[]),
    ("hello", &["tone"]),
    ("hello-name", &["name", "tone"]),
    ("list-and", &["first", "second"]),
    ("ack-complaint", BODY_VARIABLES),
    ("ack-urgent", BODY_VARIABLES),
    ("ack-question", BODY_VARIABLES),
    ("ack-greeting", BODY_VARIABLES),
    ("ack-other", BODY_VARIABLES),
    ("ack-urgent-on-call", &["back", "open", "local", "minutes", "hours"]),
    ("thanks-praise", BODY_VARIABLES),
    ("closer-reply", BODY_VARIABLES),
    ("faq-back-note", BODY_VARIABLES),
    ("weekday", &["day"]),
    ("month", &["month"]),
    ("date", &["day", "month"]),
    ("when-today", &["time"]),
    ("when-tomorrow", &["time"]),
    ("when-weekday", &["time", "weekday"]),
    ("when-date", &["time", "weekday", "date"]),
    ("in-minutes", &["minutes"]),
    ("in-hours", &["hours"]),
    ("in-days", &["days"]),
    ("back", &["when", "relative"]),
    ("back-two-zones", &["when", "relative", "team_time", "team_city"]),
    ("back-unknown", &[]),
    ("city", &["zone", "name"]),
    ("write-again-complaint", BODY_VARIABLES),
    ("write-again-urgent", BODY_VARIABLES),
    ("write-again", BODY_VARIABLES),
    ("write-again-contact", &["contact"]),
    ("write-again-note", BODY_VARIABLES),
    ("write-again-back-note", BODY_VARIABLES),
    ("hours-days", &["first", "last"]),
    ("hours-day", &["weekdays", "times"]),
    ("hours-two-zones", &["schedule", "team_schedule", "team_city"]),
    ("hours-closed-day", &["date"]),
    ("hours-short-day", &["date", "times"]),
    ("hours-exceptions", &["dates"]),
    ("hours-separator", &[]),
];

/// What every reply body (acknowledgements, thanks, FAQ answers named in
/// `flows/intents.toml`) receives.
pub const BODY_VARIABLES: &[&str] = &["back", "open", "local"];

/// What the FAQ answers receive: the body's, and the opening hours of the
/// teams serving the customer's language (see `opening.rs`) with the time
/// until a person is back on its own (`$back_in`, for an answer whose
/// `$schedule` already tells the clock time).
pub const ANSWER_VARIABLES: &[&str] = &["back", "open", "schedule", "exceptions", "back_in"];

/// The variables the bot passes to `id`: from the table above, or
/// [`BODY_VARIABLES`] for an FAQ answer. `None` for a message the bot never
/// formats by itself.
pub fn variables_of(id: &str, answers: &[String]) -> Option<&'static [&'static str]> {
    MESSAGE_VARIABLES
        .iter()
        .find(|(m, _)| *m == id)
        .map(|(_, v)| *v)
        .or_else(|| answers.iter().any(|a| a == id).then_some(ANSWER_VARIABLES))
}

/// Every variable with what it holds and an example, as `docs/translating.md` shows them.
pub const VARIABLES: &[(&str, &str, &str)] = &[
    ("name", "the customer's first name, as they gave it", "Anna"),
    (
        "back",
        "when a person is back: `back` or `back-two-zones` of your locale",
        "tomorrow at 08:30 (in about 7 hours)",
    ),
    ("open", "`yes` when the care team is online now, else `no`", "no"),
    ("tone", "`upset` when the reply apologises (a complaint, an urgent message), else `other`", "other"),
    ("local", "the payment methods of the customer's market (your `list-and` for two), or `none`", "iDEAL"),
    ("first", "list-and: the first methods, comma-separated", "iDEAL"),
    ("second", "list-and: the last method", "Bancontact"),
    ("day", "weekday: 1 (Monday) to 7 (Sunday); date: day of the month", "1; 4"),
    ("month", "month: 1 to 12; date: the month name from your `month`", "1; January"),
    ("time", "the time of day, as your language writes it (CLDR)", "08:30"),
    ("weekday", "your `weekday`", "Monday"),
    ("date", "your `date`; in `hours-*`, weekday and date (CLDR)", "4 January; Friday 25 December"),
    ("minutes", "a number, 1 to 59", "1, 2, 5, 21, 22"),
    ("hours", "a number, 1 to 47", "1, 2, 5, 21, 22"),
    ("days", "a number, 2 or more", "1, 2, 5, 21, 22"),
    ("when", "your `when-today`, `when-tomorrow`, `when-weekday` or `when-date`", "tomorrow at 08:30"),
    ("relative", "your `in-minutes`, `in-hours` or `in-days`", "in about 7 hours"),
    ("team_time", "the team's clock: the time, with your `weekday` when the day differs", "09:30"),
    ("team_city", "your `city` for the team's zone", "Warsaw"),
    ("zone", "the team's IANA zone with `/` written as `-`", "Europe-Warsaw"),
    ("name (city)", "the English city name, the default of `city`", "Warsaw"),
    (
        "contact",
        "the page's other contact from flows/pages.toml: an e-mail address or a phone number",
        "help@northwind.example",
    ),
    (
        "schedule",
        "the opening hours: `hours-day` joined by commas, or `hours-two-zones`",
        "Monday to Friday 08:30–20:00, Saturday 10:00–16:00",
    ),
    ("exceptions", "`hours-exceptions`, or nothing when no coming day differs", "Heads-up for the coming days: …"),
    ("back_in", "how long until a person is back: your `in-minutes`, `in-hours` or `in-days`", "in about 7 hours"),
    ("first", "a weekday name (CLDR)", "Monday"),
    ("last", "a weekday name (CLDR)", "Friday"),
    ("weekdays", "one weekday name (CLDR), or your `hours-days`", "Monday to Friday"),
    ("times", "opening times (CLDR)", "08:30–20:00"),
    ("team_schedule", "the opening hours on the team's clock", "Monday to Friday 09:30–21:00"),
    ("dates", "`hours-closed-day` and `hours-short-day`, joined by `hours-separator`", "Friday 25 December: closed"),
];

/// The numbers plural selectors are shown with: one of each Polish and
/// Russian form (1, 2, 5) and the teens-and-twenties traps (21, 22).
pub const PLURAL_EXAMPLES: [i64; 5] = [1, 2, 5, 21, 22];

/// One example of a message: a label for what varies ("" when nothing
/// does) and the arguments.
pub struct Example {
    pub label: String,
    pub args: FluentArgs<'static>,
}

fn text(c: &Catalog, lang: Lang, id: &str, set: &[(&str, &str)]) -> String {
    let mut a = FluentArgs::new();
    for (k, v) in set {
        a.set(k.to_string(), v.to_string());
    }
    c.format(lang, id, &a).unwrap_or_default()
}

fn number(c: &Catalog, lang: Lang, id: &str, var: &str, n: i64) -> String {
    let mut a = FluentArgs::new();
    a.set(var.to_string(), n);
    c.format(lang, id, &a).unwrap_or_default()
}

/// The example arguments for `id` in `lang`, built from `lang`'s own pieces
/// so `$back` reads as the customer would get it: Monday 4 January 2027,
/// back tomorrow at 08:30, in about 7 hours, team in Warsaw at 09:30.
/// Messages that select on a variable get one example per interesting value.
pub fn examples(c: &Catalog, lang: Lang, id: &str, variables: &[String]) -> Vec<Example> {
    let time = time_of_day(lang, 8 * 60 + 30);
    let weekday = number(c, lang, "weekday", "day", 1);
    let month = number(c, lang, "month", "month", 1);
    let mut da = FluentArgs::new();
    da.set("day", 4);
    da.set("month", month.clone());
    let date = c.format(lang, "date", &da).unwrap_or_default();
    let when = text(c, lang, "when-tomorrow", &[("time", &time)]);
    let relative = number(c, lang, "in-hours", "hours", 7);
    let back = text(c, lang, "back", &[("when", &when), ("relative", &relative)]);
    let team_time = time_of_day(lang, 9 * 60 + 30);
    let team_city = text(c, lang, "city", &[("zone", "Europe-Warsaw"), ("name", "Warsaw")]);
    let times = format!("{}–{}", time_of_day(lang, 8 * 60 + 30), time_of_day(lang, 20 * 60));
    let (monday, friday) = (weekday_name(lang, 0), weekday_name(lang, 4));
    let weekdays = text(c, lang, "hours-days", &[("first", &monday), ("last", &friday)]);
    let schedule = text(c, lang, "hours-day", &[("weekdays", &weekdays), ("times", &times)]);
    let xmas = day_and_date(lang, chrono::NaiveDate::from_ymd_opt(2026, 12, 25).unwrap_or_default());
    let dates = text(c, lang, "hours-closed-day", &[("date", &xmas)]);
    let exceptions = text(c, lang, "hours-exceptions", &[("dates", &dates)]);
    // `first` is a weekday in `hours-days` and a payment method in `list-and`.
    let first = if id == "list-and" { "iDEAL".to_string() } else { monday };
    let strings: Vec<(&str, String)> = vec![
        ("name", if id == "city" { "Warsaw".into() } else { "Anna".into() }),
        ("back", back),
        ("open", "no".into()),
        ("tone", "other".into()),
        ("local", "iDEAL".into()),
        ("second", "Bancontact".into()),
        ("time", time),
        ("weekday", weekday),
        ("date", if id.starts_with("hours-") { xmas } else { date }),
        ("when", when),
        ("back_in", relative.clone()),
        ("relative", relative),
        ("team_time", team_time),
        ("team_city", team_city),
        ("zone", "Europe-Warsaw".into()),
        ("contact", "help@northwind.example".into()),
        ("first", first),
        ("last", friday),
        ("weekdays", weekdays),
        ("times", times),
        ("team_schedule", schedule.clone()),
        ("schedule", schedule),
        ("dates", dates),
        ("exceptions", exceptions),
    ];
    let base = || {
        let mut a = FluentArgs::new();
        for (k, v) in &strings {
            if variables.iter().any(|x| x == k) {
                a.set(k.to_string(), v.clone());
            }
        }
        // `date` receives the day of the month and the month's name.
        if id == "date" {
            a.set("day", 4);
            a.set("month", month.clone());
        }
        a
    };
    let has = |v: &str| variables.iter().any(|x| x == v);
    let varied = |var: &str, values: Vec<(String, FluentArgsValue)>| -> Vec<Example> {
        values
            .into_iter()
            .map(|(label, value)| {
                let mut a = base();
                match value {
                    FluentArgsValue::N(n) => a.set(var.to_string(), n),
                    FluentArgsValue::S(s) => a.set(var.to_string(), s),
                }
                Example { label, args: a }
            })
            .collect()
    };
    let numbers = |r: std::ops::RangeInclusive<i64>| r.map(|n| (n.to_string(), FluentArgsValue::N(n))).collect();
    match id {
        "weekday" if has("day") => varied("day", numbers(1..=7)),
        "month" if has("month") => varied("month", numbers(1..=12)),
        _ => {
            if let Some(var) = ["hours", "minutes", "days"].into_iter().find(|v| has(v)) {
                let values = PLURAL_EXAMPLES.iter().map(|n| (n.to_string(), FluentArgsValue::N(*n))).collect();
                varied(var, values)
            } else if has("open") {
                let values = ["no", "yes"].map(|v| (format!("open={v}"), FluentArgsValue::S(v.to_string())));
                varied("open", values.into())
            } else if has("zone") {
                let values = [("Europe-Warsaw", "Warsaw"), ("Europe-Madrid", "Madrid"), ("Europe-London", "London")]
                    .map(|(z, n)| (n.to_string(), FluentArgsValue::S(z.to_string())));
                let mut out = varied("zone", values.into());
                for (e, (_, n)) in out.iter_mut().zip([("", "Warsaw"), ("", "Madrid"), ("", "London")]) {
                    e.args.set("name", n);
                }
                out
            } else {
                vec![Example { label: String::new(), args: base() }]
            }
        }
    }
}

/// A value to vary: a number (plural selectors) or a string.
enum FluentArgsValue {
    N(i64),
    S(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::render::USED_MESSAGES;

    #[test]
    fn every_message_the_renderer_uses_has_its_variables_listed() {
        for id in USED_MESSAGES {
            assert!(MESSAGE_VARIABLES.iter().any(|(m, _)| *m == id), "{id} is not in MESSAGE_VARIABLES");
        }
        for (id, vars) in MESSAGE_VARIABLES {
            assert!(USED_MESSAGES.contains(id), "{id} is listed but the renderer does not use it");
            for v in *vars {
                assert!(VARIABLES.iter().any(|(name, _, _)| name == v), "${v} of {id} has no example");
            }
        }
    }
}
