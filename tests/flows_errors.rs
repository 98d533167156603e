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
