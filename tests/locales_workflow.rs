//! The translators' workflow through the real binary: `locales check`,
//! `status`, `accept`, `render`, and a thirteenth language added the way
//! `docs/translating.md` says, on copies of the shipped `flows/` and `locales/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A copy of the shipped `flows/` and `locales/` to break and mend.
struct Tree {
    dir: TempDir,
}

impl Tree {
    fn copy() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for sub in ["flows", "locales"] {
            let status = Command::new("cp").arg("-r").arg(root.join(sub)).arg(dir.path()).status().unwrap();
            assert!(status.success());
        }
        Self { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replaces exactly one occurrence of `from` in `rel`.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let src = self.read(rel);
        assert_eq!(src.matches(from).count(), 1, "{from:?} in {rel}");
        self.write(rel, &src.replacen(from, to, 1));
    }

    /// Runs `afterhours locales <args> <this tree's locales> --flows <this tree's flows>`.
    fn locales(&self, args: &[&str]) -> (Output, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_afterhours"))
            .arg("locales")
            .args(args)
            .arg(self.path("locales"))
            .arg("--flows")
            .arg(self.path("flows"))
            .env_remove("AFTERHOURS_FLOWS")
            .env_remove("AFTERHOURS_LOCALES")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        (out, stdout)
    }

    fn status_json(&self) -> serde_json::Value {
        let (out, stdout) = self.locales(&["status", "--format", "json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_str(&stdout).unwrap()
    }

    fn preview(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_afterhours"))
            .arg("preview")
            .args(args)
            .arg("--flows")
            .arg(self.path("flows"))
            .arg("--locales")
            .arg(self.path("locales"))
            .output()
            .unwrap()
    }
}

/// 1-based line of the first line of `rel` that starts with `prefix`.
fn line_of(src: &str, prefix: &str) -> usize {
    src.lines().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix:?}")) + 1
}

fn locale<'a>(status: &'a serde_json::Value, lang: &str) -> &'a serde_json::Value {
    status["locales"].as_array().unwrap().iter().find(|l| l["lang"] == lang).unwrap()
}

fn count(l: &serde_json::Value, field: &str) -> usize {
    l[field].as_array().unwrap().len()
}

#[test]
fn every_shipped_locale_passes_the_check_with_zero_errors() {
    let t = Tree::copy();
    let (out, stdout) = t.locales(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 error(s)"), "{stdout}");
    let (out, stdout) = t.locales(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let errors: Vec<&serde_json::Value> =
        v["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_corrupted_ftl_file_is_reported_with_its_file_line_and_column() {
    let t = Tree::copy();
    let rel = "locales/de/main.ftl";
    // An unclosed placeable: the parser stops at the `!` where `}` belongs.
    t.edit(rel, "hello-name = Hallo { $name }!", "hello-name = Hallo { $name !");
    let line = line_of(&t.read(rel), "hello-name =");
    let column = "hello-name = Hallo { $name ".chars().count() + 1;
    let (out, stdout) = t.locales(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let expected = format!("{}:{line}:{column}: error: syntax error", t.path(rel).display());
    assert!(stdout.contains(&expected), "expected {expected:?} in:\n{stdout}");
    assert!(stdout.contains("hello-name"), "{stdout}");
    // Reported once, as a syntax error, not again as a missing message.
    assert!(!stdout.contains("message `hello-name` is missing"), "{stdout}");

    let (out, stdout) = t.locales(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["code"] == "syntax").unwrap();
    assert_eq!(f["file"], t.path(rel).display().to_string());
    assert_eq!(f["line"], line);
    assert_eq!(f["column"], column);
    assert_eq!(f["severity"], "error");
}

#[test]
fn a_translation_that_drops_time_is_an_error() {
    let t = Tree::copy();
    let rel = "locales/de/main.ftl";
    t.edit(rel, "when-tomorrow = morgen um { $time } Uhr", "when-tomorrow = morgen früh");
    let line = line_of(&t.read(rel), "when-tomorrow =");
    let (out, stdout) = t.locales(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let finding = stdout.lines().find(|l| l.contains("when-tomorrow")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(finding.starts_with(&format!("{}:{line}:1: error:", t.path(rel).display())), "{finding}");
    assert!(finding.contains("$time"), "{finding}");
}

#[test]
fn a_selector_without_a_default_variant_is_an_error_that_says_so() {
    let t = Tree::copy();
    let rel = "locales/ru/main.ftl";
    t.edit(rel, "       *[many] примерно через { $hours } часов", "        [many] примерно через { $hours } часов");
    let (out, stdout) = t.locales(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let finding = stdout.lines().find(|l| l.contains("default variant")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        finding.contains("ru/main.ftl:") && finding.contains("in-hours") && finding.contains("*[other]"),
        "{finding}"
    );
}

#[test]
fn what_only_falls_back_to_english_is_a_warning_and_exits_zero() {
    let t = Tree::copy();
    let rel = "locales/nl/main.ftl";
    let src = t.read(rel);
    let kept: Vec<&str> = src.lines().filter(|l| !l.starts_with("thanks-praise")).collect();
    t.write(rel, &kept.join("\n"));
    // A misspelt id: the bot never sends it, and `thanks-praise` is missing.
    t.edit("locales/sv/main.ftl", "thanks-praise =", "thanks-prais =");
    let (out, stdout) = t.locales(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("warning: message `thanks-praise` is missing in `nl`"), "{stdout}");
    assert!(stdout.contains("warning: message `thanks-prais` exists only in `sv`"), "{stdout}");
    assert!(stdout.contains("0 error(s), 3 warning(s)"), "{stdout}");
}

#[test]
fn a_message_the_bot_uses_that_no_locale_defines_is_an_error() {
    let t = Tree::copy();
    t.edit("flows/intents.toml", "answer = \"faq-returns\"", "answer = \"faq-return-policy\"");
    let (out, stdout) = t.locales(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let line = line_of(&t.read("flows/intents.toml"), "answer = \"faq-return-policy\"");
    let finding = stdout.lines().find(|l| l.contains("unknown-message") || l.contains("faq-return-policy` is used"));
    let finding = finding.unwrap_or_else(|| panic!("{stdout}"));
    assert!(finding.starts_with(&format!("{}:{line}:", t.path("flows/intents.toml").display())), "{finding}");
    assert!(finding.contains("no locale defines it"), "{finding}");
}

#[test]
fn status_counts_every_message_and_marks_translations_stale_when_english_changes() {
    let t = Tree::copy();
    let before = t.status_json();
    assert_eq!(before["reference"], "en");
    let total = locale(&before, "en")["total"].as_u64().unwrap();
    assert!(total >= 30, "{before}");
    for l in before["locales"].as_array().unwrap() {
        assert_eq!(l["translated"], total, "{l}");
        for field in ["missing", "stale", "unconfirmed", "extra"] {
            assert_eq!(count(l, field), 0, "{field}: {l}");
        }
    }

    // English changes one message: every translation of it is now stale.
    t.edit("locales/en/main.ftl", "hello = Hi!", "hello = Hi there!");
    t.write("locales/sv/main.ftl", &t.read("locales/sv/main.ftl").replace("hello = Hej!\n", ""));
    let after = t.status_json();
    let pl = locale(&after, "pl");
    assert_eq!(pl["stale"], serde_json::json!(["hello"]));
    let sv = locale(&after, "sv");
    assert_eq!(sv["missing"], serde_json::json!(["hello"]), "a missing message is not stale too");
    assert_eq!(sv["translated"], total - 1);
    assert_eq!(count(sv, "stale"), 0);
    let (_, text) = t.locales(&["status"]);
    let pl_line = text.lines().find(|l| l.starts_with("pl ")).unwrap();
    assert_eq!(pl_line.split_whitespace().collect::<Vec<_>>(), ["pl", &format!("{total}/{total}"), "0", "1", "0", "0"]);

    // A reviewer confirms the Polish one; the others stay stale.
    let (out, stdout) = t.locales(&["accept", "pl", "--message", "hello"]);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let accepted = t.status_json();
    assert_eq!(count(locale(&accepted, "pl"), "stale"), 0);
    assert_eq!(locale(&accepted, "de")["stale"], serde_json::json!(["hello"]));
}

#[test]
fn render_shows_every_message_with_examples_beside_english() {
    let t = Tree::copy();
    let (out, stdout) = t.locales(&["render", "pl"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for expected in [
        "hello-name",
        "Hi Anna!",
        "Cześć, Anna!",
        "in about 21 hours",
        "22: za około 22 godziny",
        "21: za około 21 godzin",
        "jutro o 08:30 (za około 7 godzin)",
        "w poniedziałek, 4 stycznia, o 08:30",
        "Warszawa: 09:30",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing in:\n{stdout}");
    }
    // Every message of the reference is shown.
    for id in ["automated-label", "faq-damaged-item", "back-two-zones", "city"] {
        assert!(stdout.lines().any(|l| l.starts_with(id)), "{id} missing in:\n{stdout}");
    }
}

/// Finnish for a few messages; the rest is left out, so it falls back to
/// English and `status` counts it missing.
const FI_MAIN: &str = r#"### Finnish messages of the Northwind care bot.

automated-label = 🤖 Northwindin automaattinen vastaus. Kirjoita milloin tahansa ”agent”, niin pääset juttelemaan ihmisen kanssa.
hello = Hei!
hello-name = Hei { $name }!
ack-complaint = Olen todella pahoillani. Asiakaspalvelumme ei ole juuri nyt paikalla, joten välitin viestisi eteenpäin sellaisenaan: asiakaspalvelijamme ottaa sen käsittelyyn { $back }. Sinun ei tarvitse selittää asiaa uudelleen.
ack-urgent = Pahoittelen, ymmärrän että asia on kiireellinen. Asiakaspalvelumme ei ole juuri nyt paikalla, mutta merkitsin viestisi kiireelliseksi, ja se käsitellään ensimmäisenä { $back }.
ack-question = Asiakaspalvelumme ei ole juuri nyt paikalla, joten välitin kysymyksesi eteenpäin. Asiakaspalvelijamme vastaa sinulle tässä keskustelussa { $back }.
ack-greeting = Asiakaspalvelumme ei ole juuri nyt paikalla. Kerro, mitä asiasi koskee, niin asiakaspalvelijamme vastaa sinulle täällä { $back }.
ack-other = Asiakaspalvelumme ei ole juuri nyt paikalla. Asiakaspalvelijamme lukee viestisi ja vastaa sinulle täällä { $back }.
when-today = tänään klo { $time }
when-tomorrow = huomenna klo { $time }
in-hours =
    { $hours ->
        [one] noin tunnin kuluttua
       *[other] noin { $hours } tunnin kuluttua
    }
back = { $when } ({ $relative })
back-two-zones = { $when } sinun aikaasi ({ $team_city }: klo { $team_time }, { $relative })
"#;

#[test]
fn a_thirteenth_language_is_added_with_files_and_one_line_and_no_code() {
    let t = Tree::copy();
    // The guide: translated messages in locales/fi/, the line in flows/languages.toml.
    t.write("locales/fi/main.ftl", FI_MAIN);
    let languages = t.read("flows/languages.toml");
    t.write(
        "flows/languages.toml",
        &format!("{languages}fi = {{ name = \"Suomi\", time_zone = \"Europe/Helsinki\" }}\n"),
    );

    // check: no errors; the missing messages and the missing word lists are warnings.
    let (out, stdout) = t.locales(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let fi_line = line_of(&t.read("flows/languages.toml"), "fi = ");
    assert!(
        stdout.contains(&format!(
            "{}:{fi_line}:1: warning: language `fi` has no kind word lists",
            t.path("flows/languages.toml").display()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("message `faq-returns` is missing in `fi`"), "{stdout}");

    // status: what is translated, what falls back, nothing confirmed yet.
    let st = t.status_json();
    let fi = locale(&st, "fi");
    let total = fi["total"].as_u64().unwrap() as usize;
    assert_eq!(fi["translated"], 13);
    assert_eq!(count(fi, "missing"), total - 13);
    assert_eq!(count(fi, "unconfirmed"), 13);
    let (out, _) = t.locales(&["accept", "fi"]);
    assert!(out.status.success());
    assert_eq!(count(locale(&t.status_json(), "fi"), "unconfirmed"), 0);
    assert!(t.path("locales/fi/sources.lock").exists());

    // preview --lang fi: the reply is Finnish where translated, on a Helsinki clock.
    let out = t.preview(&[
        "--text",
        "hei, minulla on kysymys",
        "--lang",
        "fi",
        "--name",
        "Anna",
        "--at",
        "2026-11-28T02:00:00+01:00",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("language      fi Suomi"), "{text}");
    assert!(text.contains("Hei Anna!"), "{text}");
    assert!(text.contains("Asiakaspalvelumme ei ole juuri nyt paikalla"), "{text}");
    assert!(text.contains("klo ") && text.contains("tunnin kuluttua"), "{text}");
    assert!(text.contains("🤖 Northwindin automaattinen vastaus"), "{text}");
    let out = t.preview(&["--json", "--text", "hei", "--lang", "fi", "--at", "2026-11-28T02:00:00+01:00"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["language"], "fi");
    assert_eq!(v["customer_time_zone"], "Europe/Helsinki");

    // render works for it too, and shows what falls back.
    let (out, stdout) = t.locales(&["render", "fi"]);
    assert!(out.status.success());
    // The time of day is written as Finnish writes it (CLDR), not typed by the translator.
    assert!(stdout.contains("huomenna klo 8.30 (noin 7 tunnin kuluttua)"), "{stdout}");
    assert!(stdout.contains("faq-returns  [missing"), "{stdout}");
}

#[test]
fn the_translators_guide_lists_every_message_and_variable() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/translating.md")).unwrap();
    for file in ["main.ftl", "faq.ftl"] {
        let src = std::fs::read_to_string(root.join("locales/en").join(file)).unwrap();
        for line in src.lines().filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase())) {
            let id = line.split(" =").next().unwrap().trim();
            assert!(guide.contains(&format!("`{id}`")), "docs/translating.md does not list `{id}`");
        }
    }
    for (_, vars) in afterhours::i18n::examples::MESSAGE_VARIABLES {
        for v in *vars {
            assert!(guide.contains(&format!("`${v}`")), "docs/translating.md does not explain `${v}`");
        }
    }
}
