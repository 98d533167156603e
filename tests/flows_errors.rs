//! A broken configuration refuses to load, naming the file, the line and the
//! field; a broken `.ftl` names the file, line and column.

use std::fs;
use std::path::{Path, PathBuf};

use afterhours::engine::Engine;

/// A copy of the shipped flows/ and locales/ in a temporary directory.
struct Copy {
    _dir: tempfile::TempDir,
    flows: PathBuf,
    locales: PathBuf,
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

fn shipped() -> Copy {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("flows");
    let locales = dir.path().join("locales");
    copy_tree(&root.join("flows"), &flows);
    copy_tree(&root.join("locales"), &locales);
    Copy { _dir: dir, flows, locales }
}

fn edit(path: &Path, from: &str, to: &str) {
    let src = fs::read_to_string(path).unwrap();
    assert!(src.contains(from), "{} does not contain {from:?}", path.display());
    fs::write(path, src.replacen(from, to, 1)).unwrap();
}

fn line_of(path: &Path, needle: &str) -> usize {
    fs::read_to_string(path).unwrap().lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn load_error(c: &Copy) -> String {
    Engine::load(&c.flows, &c.locales).expect_err("the configuration must be refused").to_string()
}

#[test]
fn the_shipped_configuration_loads() {
    let c = shipped();
    Engine::load(&c.flows, &c.locales).unwrap();
}

#[test]
fn an_unknown_time_zone_is_named_with_file_line_and_field() {
    let c = shipped();
    let teams = c.flows.join("teams.toml");
    edit(&teams, "time_zone = \"Europe/Oslo\"", "time_zone = \"Europe/Olso\"");
    let err = load_error(&c);
    let line = line_of(&teams, "Europe/Olso");
    assert!(
        err.contains(&format!("teams.toml:{line}: teams.nordics.time_zone: unknown time zone `Europe/Olso`")),
        "{err}"
    );
}

#[test]
fn overlapping_intervals_are_refused() {
    let c = shipped();
    let teams = c.flows.join("teams.toml");
    edit(&teams, "sat = [\"09:00-13:00\"]", "sat = [\"09:00-13:00\", \"12:00-14:00\"]");
    let err = load_error(&c);
    assert!(
        err.contains("teams.toml:")
            && err.contains("teams.central.hours: overlapping intervals: sat 09:00-13:00 and sat 12:00-14:00"),
        "{err}"
    );
}

#[test]
fn a_night_interval_running_into_the_next_morning_is_checked_for_overlap_too() {
    let c = shipped();
    let teams = c.flows.join("teams.toml");
    edit(
        &teams,
        "fri = [\"09:00-17:00\"]\n\n[teams.central]",
        "fri = [\"09:00-17:00\", \"22:00-06:00\"]\nsat = [\"05:00-08:00\"]\n\n[teams.central]",
    );
    let err = load_error(&c);
    assert!(err.contains("teams.nordics.hours: overlapping intervals: fri 22:00-06:00 and sat 05:00-08:00"), "{err}");
}

#[test]
fn a_language_without_a_locale_is_refused() {
    let c = shipped();
    let langs = c.flows.join("languages.toml");
    edit(&langs, "ru = {", "fi = { name = \"Suomi\", time_zone = \"Europe/Helsinki\" }\nru = {");
    let err = load_error(&c);
    let line = line_of(&langs, "Suomi");
    assert!(err.contains(&format!("languages.toml:{line}: languages.fi: language `fi` has no locale")), "{err}");
}

#[test]
fn an_intent_without_an_answer_message_is_refused() {
    let c = shipped();
    let intents = c.flows.join("intents.toml");
    edit(&intents, "answer = \"faq-returns\"", "answer = \"faq-returnz\"");
    let err = load_error(&c);
    let line = line_of(&intents, "faq-returnz");
    assert!(
        err.contains(&format!("intents.toml:{line}: intents.returns.answer: no message `faq-returnz` in locale `en`")),
        "{err}"
    );
}

#[test]
fn a_team_speaking_an_unknown_language_is_refused() {
    let c = shipped();
    let teams = c.flows.join("teams.toml");
    edit(&teams, "languages = [\"es\", \"it\", \"pt\"]", "languages = [\"es\", \"it\", \"pt\", \"ca\"]");
    let err = load_error(&c);
    assert!(err.contains("teams.south.languages: language `ca` is not in"), "{err}");
}

#[test]
fn a_malformed_word_list_entry_and_a_toml_syntax_error_name_their_lines() {
    let c = shipped();
    let words = c.flows.join("words/nl.toml");
    edit(&words, "spam = [", "spam = [\"*\", ");
    let err = load_error(&c);
    let line = line_of(&words, "spam = [\"*\"");
    assert!(err.contains(&format!("words/nl.toml:{line}: kinds.spam: entry `*`")), "{err}");

    let c = shipped();
    let teams = c.flows.join("teams.toml");
    edit(&teams, "[teams.south]", "[teams.south\n");
    let err = load_error(&c);
    assert!(err.contains("teams.toml:"), "{err}");
}

#[test]
fn a_broken_ftl_file_is_reported_with_file_line_and_column() {
    let c = shipped();
    let ftl = c.locales.join("de/main.ftl");
    edit(&ftl, "ack-urgent =", "ack-urgent = { $back\nbroken-line");
    let err = load_error(&c);
    let line = line_of(&ftl, "ack-urgent = { $back");
    assert!(
        err.contains(&format!("de/main.ftl:{line}:")) || err.contains(&format!("de/main.ftl:{}:", line + 1)),
        "{err}"
    );
}

#[test]
fn holiday_rules_that_do_not_parse_are_named_with_file_line_field_and_value() {
    let c = shipped();
    let teams = c.flows.join("teams.toml");
    edit(
        &teams,
        "{ on = \"easter+1\", name = \"Easter Monday\" },",
        "{ on = \"easter+abc\", name = \"Easter Monday\" },",
    );
    edit(
        &teams,
        "{ on = \"05-17\", name = \"Constitution Day\" },",
        "{ on = \"06-19\", weekday = \"fry\", name = \"Midsummer\" },",
    );
    edit(
        &teams,
        "{ on = \"11-11\", name = \"Independence Day\" },",
        "{ on = \"12-31\", closed = \"14:00-13:00\", name = \"Eve\" },",
    );
    edit(&teams, "{ on = \"05-02\", if_sunday = \"mon\",", "{ on = \"05-02\", if_sunday = \"monday\",");
    edit(&teams, "{ on = \"2026-11-02\",", "{ on = \"2026-02-30\",");
    edit(&teams, "[every_team]\nholidays = []", "[every_team]\nholidays = [\"13-01\"]");
    let err = load_error(&c);
    let expect = [
        ("easter+abc", "teams.benelux.holidays.on: `easter+abc` is not a holiday date"),
        ("\"fry\"", "teams.nordics.holidays.weekday: `fry` is not a weekday"),
        ("14:00-13:00", "teams.central.holidays.closed: closed span `14:00-13:00` ends before it starts"),
        ("\"monday\"", "teams.south.holidays.if_sunday: `monday` is not a weekday"),
        ("2026-02-30", "teams.south.holidays.on: `2026-02-30` is not a holiday date"),
        ("\"13-01\"", "every_team.holidays: `13-01` is not a holiday date"),
    ];
    for (needle, message) in expect {
        let line = line_of(&teams, needle);
        assert!(err.contains(&format!("teams.toml:{line}: {message}")), "expected line {line}: {message}\n{err}");
    }
}

#[test]
fn a_misspelt_holiday_field_is_named_with_its_line() {
    let c = shipped();
    let teams = c.flows.join("teams.toml");
    // The two leading spaces pick the rule, not the example in the head comment.
    edit(&teams, "\n  { on = \"04-27\", if_sunday = \"sat\",", "\n  { on = \"04-27\", if_sundy = \"sat\",");
    let err = load_error(&c);
    let line = line_of(&teams, "if_sundy");
    assert!(err.contains(&format!("teams.toml:{line}:")) && err.contains("unknown field `if_sundy`"), "{err}");
}

#[test]
fn a_bad_holiday_rule_stops_locales_check_and_every_command_that_loads_the_flows() {
    let c = shipped();
    let teams = c.flows.join("teams.toml");
    edit(
        &teams,
        "{ on = \"easter+1\", name = \"Easter Monday\" },",
        "{ on = \"easter+abc\", name = \"Easter Monday\" },",
    );
    let line = line_of(&teams, "easter+abc");
    let want = format!("teams.toml:{line}: teams.benelux.holidays.on: `easter+abc`");
    let bin = env!("CARGO_BIN_EXE_afterhours");
    let check = std::process::Command::new(bin)
        .args(["locales", "check", "--flows"])
        .arg(&c.flows)
        .arg(&c.locales)
        .output()
        .unwrap();
    let out = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
    // `locales check` adds a column and a severity to the same place and reason.
    let (place, reason) = (format!("teams.toml:{line}:"), "teams.benelux.holidays.on: `easter+abc`");
    assert!(!check.status.success() && out.contains(&place) && out.contains(reason), "{out}");
    for args in [&["preview", "--text", "hallo"][..], &["holidays", "--year", "2027"][..]] {
        let run = std::process::Command::new(bin)
            .args(args)
            .arg("--flows")
            .arg(&c.flows)
            .arg("--locales")
            .arg(&c.locales)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success() && err.contains(&want), "{args:?}: {err}");
    }
}

#[test]
fn human_agent_on_a_whatsapp_number_or_a_page_of_unknown_channel_is_refused_with_its_line() {
    let c = shipped();
    let pages = c.flows.join("pages.toml");
    edit(&pages, "channel = \"whatsapp\"\n", "channel = \"whatsapp\"\nhuman_agent = true\n");
    edit(&pages, "language = \"pl\"\nchannel = \"messenger\"\n", "language = \"pl\"\nhuman_agent = true\n");
    let err = load_error(&c);
    let src = fs::read_to_string(&pages).unwrap();
    let lines: Vec<usize> =
        src.lines().enumerate().filter(|(_, l)| *l == "human_agent = true").map(|(i, _)| i + 1).collect();
    let (pl_line, wa_line) = (lines[1], lines[2]);
    assert!(
        err.contains(&format!(
            "pages.toml:{wa_line}: pages.106540000000004.human_agent: `true` on a WhatsApp number: HUMAN_AGENT exists only on Messenger and Instagram"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "pages.toml:{pl_line}: pages.104880000000002.human_agent: `true` on a page whose channel is unknown"
        )),
        "{err}"
    );
}

#[test]
fn templates_off_whatsapp_a_wrong_channel_and_a_bad_contact_are_refused() {
    let c = shipped();
    let pages = c.flows.join("pages.toml");
    edit(&pages, "channel = \"instagram\"\n", "channel = \"instagram\"\ntemplates = true\n");
    edit(&pages, "channel = \"whatsapp\"\n", "channel = \"sms\"\n");
    edit(&pages, "contact = \"pomoc@northwind.example\"", "contact = \"  \"");
    let err = load_error(&c);
    let src = fs::read_to_string(&pages).unwrap();
    let exact = |needle: &str| src.lines().position(|l| l == needle).unwrap() + 1;
    let (templates, channel, contact) =
        (exact("templates = true"), exact("channel = \"sms\""), exact("contact = \"  \""));
    assert!(
        err.contains(&format!(
            "pages.toml:{templates}: pages.17841400000000003.templates: `true` on a page that is not a WhatsApp number"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("pages.toml:{channel}: pages.106540000000004.channel: unknown channel `sms`")),
        "{err}"
    );
    assert!(
        err.contains(&format!("pages.toml:{contact}: pages.104880000000002.contact: `  `: a contact is one line")),
        "{err}"
    );
}

#[test]
fn a_human_agent_setting_for_an_id_meta_never_sends_is_refused() {
    let c = shipped();
    let pages = c.flows.join("pages.toml");
    let src = fs::read_to_string(&pages).unwrap();
    fs::write(&pages, format!("{src}\n[pages.\"northwind-de\"]\nchannel = \"messenger\"\nhuman_agent = true\n"))
        .unwrap();
    let err = load_error(&c);
    let line = fs::read_to_string(&pages).unwrap().lines().count();
    assert!(
        err.contains(&format!("pages.toml:{line}: pages.northwind-de.human_agent: `true` for `northwind-de`, which is not a Page or Instagram account id")),
        "{err}"
    );
}

// flows/templates.toml: WhatsApp templates.

#[test]
fn a_template_without_a_language_its_teams_speak_is_named_with_file_line_and_value() {
    let c = shipped();
    let path = c.flows.join("templates.toml");
    let italian = fs::read_to_string(&path).unwrap().lines().find(|l| l.starts_with("it = ")).unwrap().to_string();
    edit(&path, &format!("{italian}\n"), "");
    let err = load_error(&c);
    let line = line_of(&path, "[default.follow_up.languages]");
    assert!(
        err.contains(&format!(
            "templates.toml:{line}: default.follow_up.languages: no `it`, which team `south` speaks"
        )),
        "{err}"
    );
}

#[test]
fn a_body_whose_placeholders_do_not_match_the_parameters_is_refused() {
    let c = shipped();
    let path = c.flows.join("templates.toml");
    edit(&path, "(sak {{2}})", "(sak {{3}})");
    let err = load_error(&c);
    let line = line_of(&path, "(sak {{3}})");
    assert!(err.contains(&format!("templates.toml:{line}: default.follow_up.languages.nb.body:")), "{err}");
    assert!(err.contains("2 parameter(s) listed, but the body has 2 ({{1}}, {{3}})"), "{err}");
}

#[test]
fn a_template_for_an_unknown_page_or_with_a_bcp47_code_is_refused() {
    let c = shipped();
    let path = c.flows.join("templates.toml");
    let src = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!(
            "{src}\n[pages.\"999\".follow_up]\nname = \"x\"\nparameters = []\nlanguages.en = {{ code = \"en\", body = \"Hello\" }}\n"
        ),
    )
    .unwrap();
    edit(&path, "code = \"pt_PT\"", "code = \"pt-PT\"");
    let err = load_error(&c);
    let page_line = line_of(&path, "[pages.\"999\".follow_up]");
    assert!(err.contains(&format!("templates.toml:{page_line}: pages.999: no page `999` in pages.toml")), "{err}");
    let pt_line = line_of(&path, "pt-PT");
    assert!(
        err.contains(&format!(
            "templates.toml:{pt_line}: default.follow_up.languages.pt.code: `pt-PT`: WhatsApp writes `pt_PT`"
        )),
        "{err}"
    );
}

#[test]
fn an_unknown_whatsapp_replies_setting_is_refused() {
    let c = shipped();
    let path = c.flows.join("pages.toml");
    edit(&path, "whatsapp_replies = \"needed\"", "whatsapp_replies = \"fewer\"");
    let err = load_error(&c);
    let line = line_of(&path, "whatsapp_replies = \"fewer\"");
    assert!(
        err.contains(&format!(
            "pages.toml:{line}: pages.106540000000004.whatsapp_replies: `fewer`: use needed or one_per_closed_period"
        )),
        "{err}"
    );
}

#[test]
fn templates_on_a_number_without_a_follow_up_template_is_refused_with_its_line() {
    let c = shipped();
    let pages = c.flows.join("pages.toml");
    edit(&pages, "channel = \"whatsapp\"\n", "channel = \"whatsapp\"\ntemplates = true\n");
    // Without a follow_up template the flag would promise replies nobody can send.
    fs::write(c.flows.join("templates.toml"), "").unwrap();
    let err = load_error(&c);
    let line = fs::read_to_string(&pages).unwrap().lines().position(|l| l == "templates = true").unwrap() + 1;
    assert!(
        err.contains(&format!("pages.toml:{line}: pages.106540000000004.templates: `true`, but flows/templates.toml has no `follow_up` template")),
        "{err}"
    );
}

#[test]
fn an_overlapping_rota_and_a_plan_for_an_unknown_team_are_refused_with_their_lines() {
    let c = shipped();
    let plans = c.flows.join("escalation.toml");
    // A slot on weekend mornings, on top of the weeknight slot that runs to Saturday 08:00.
    edit(&plans, "[plans.nordics]", "[plans.nordic]");
    edit(&plans, "[[plans.nordics.rota]]", "[[plans.nordic.rota]]");
    fs::write(
        &plans,
        fs::read_to_string(&plans).unwrap()
            + "\n[[plans.default.rota]]\ndays = [\"weekend\"]\nhours = \"06:00-09:00\"\nchain = []\n",
    )
    .unwrap();
    let err = load_error(&c);
    let line = fs::read_to_string(&plans).unwrap().lines().count() - 3;
    assert!(
        err.contains(&format!("escalation.toml:{line}: plans.default.rota: overlaps the slot at line"))
            && err.contains("fri 20:00-08:00 and sat 06:00-09:00"),
        "{err}"
    );
    assert!(err.contains("plans.nordic: no team `nordic` in teams.toml"), "{err}");
    assert!(err.contains(&format!("escalation.toml:{}: plans.nordic", line_of(&plans, "[plans.nordic]"))), "{err}");
}

#[test]
fn a_saved_reply_with_an_unknown_placeholder_or_language_is_named_with_file_line_and_field() {
    let c = shipped();
    let path = c.flows.join("replies.toml");
    edit(&path, "Hallo {first_name}, danke, ich habe", "Hallo {vorname}, danke, ich habe");
    let line = line_of(&path, "{vorname}");
    let err = load_error(&c);
    assert!(err.contains(&format!("replies.toml:{line}")), "{err}");
    assert!(err.contains("replies.address-change.body.de"), "{err}");
    assert!(err.contains("`{vorname}` is not a placeholder"), "{err}");

    let c = shipped();
    let path = c.flows.join("replies.toml");
    edit(&path, "sv = \"Hej {first_name}! Tack för ditt tålamod.", "xx = \"Hej {first_name}! Tack för ditt tålamod.");
    let err = load_error(&c);
    assert!(err.contains("replies.back-later.body.xx"), "{err}");
}

#[test]
fn the_shipped_saved_replies_have_a_body_in_every_language() {
    let c = shipped();
    let engine = Engine::load(&c.flows, &c.locales).unwrap();
    let book = &engine.playbook;
    assert!(book.replies.len() >= 6);
    for r in &book.replies {
        for l in book.langs() {
            assert!(r.bodies.contains_key(&l), "reply {} has no body in {l}", r.id);
        }
    }
}

#[test]
fn comment_settings_on_a_whatsapp_number_and_a_cap_out_of_range_are_refused_with_their_lines() {
    let c = shipped();
    let path = c.flows.join("pages.toml");
    edit(&path, "whatsapp_replies = \"needed\"", "whatsapp_replies = \"needed\"\npublic_replies = true");
    edit(&path, "channel = \"instagram\"\n", "channel = \"instagram\"\npublic_replies_per_post_hour = 0\n");
    let err = load_error(&c);
    let wa = line_of(&path, "whatsapp_replies = \"needed\"") + 1;
    assert!(
        err.contains(&format!(
            "pages.toml:{wa}: pages.106540000000004.public_replies: `true` on a WhatsApp number, which has no posts to comment on"
        )),
        "{err}"
    );
    let cap = line_of(&path, "public_replies_per_post_hour = 0");
    assert!(
        err.contains(&format!(
            "pages.toml:{cap}: pages.17841400000000003.public_replies_per_post_hour: `0`: a number from 1 to 60"
        )),
        "{err}"
    );
}

#[test]
fn an_intent_pointing_at_an_unknown_intent_is_named_with_file_line_and_field() {
    let c = shipped();
    let intents = c.flows.join("intents.toml");
    edit(&intents, "waits_for = \"refund_status\"", "waits_for = \"refund_stauts\"");
    edit(&intents, "once_shipped = \"returns\"", "once_shipped = \"retruns\"");
    let err = load_error(&c);
    for (field, value) in [("returns.waits_for", "refund_stauts"), ("cancel_order.once_shipped", "retruns")] {
        let line = line_of(&intents, &format!("\"{value}\""));
        assert!(err.contains(&format!("intents.toml:{line}: intents.{field}: no intent `{value}` here")), "{err}");
    }
}
