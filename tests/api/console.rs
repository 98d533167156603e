//! The care console (`/console`) in headless Chromium, driven through
//! WebDriver (Debian's `chromedriver`), against the real bot and agent API.
//!
//! `UPDATE_SCREENSHOTS=1 cargo test --test api console` also writes
//! `docs/console-queue.png` and `docs/console-case.png`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(20);

/// A chromedriver of our own on a free port and one headless Chromium
/// session with a fresh profile. Dropping it kills chromedriver's process
/// group, so a failed test leaves no browser behind.
struct Browser {
    client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start() -> Browser {
        let profile = tempfile::tempdir().expect("a profile directory");
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_string());
        let mut driver = {
            use std::os::unix::process::CommandExt;
            Command::new(&program)
                .arg(format!("--port={port}"))
                .arg("--allowed-ips=127.0.0.1")
                // The agent's own zone, unlike the customers': the page shows both.
                .env("TZ", "Europe/Lisbon")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("cannot start {program} ({e}): install chromium and chromium-driver (.ci/test does)")
                })
        };
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(res) = http.get(format!("{base}/status")).send().await {
                if let Ok(v) = res.json::<Value>().await {
                    if v["value"]["ready"] == true {
                        break;
                    }
                }
            }
            if let Ok(Some(status)) = driver.try_wait() {
                panic!("{program} exited before it was ready: {status}");
            }
            if Instant::now() > deadline {
                let _ = driver.kill();
                panic!("{program} was not ready within {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let mut options = json!({
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        });
        if let Ok(binary) = std::env::var("CHROME") {
            options["binary"] = json!(binary);
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = match ClientBuilder::new(connector).capabilities(caps).connect(&base).await {
            Ok(c) => c,
            Err(e) => {
                kill_group(&mut driver);
                panic!("no WebDriver session: {e}");
            }
        };
        Browser { client, driver, _profile: profile }
    }

    async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} within {WAIT:?}: {e}"))
    }

    /// Runs `act` on the element `css`; the queue redraws its rows on each
    /// change, so an element replaced between finding and acting is found
    /// again (until [`WAIT`]).
    async fn on_element<T, F, Fut>(&self, css: &str, what: &str, act: F) -> T
    where
        F: Fn(Element) -> Fut,
        Fut: std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            match act(self.find(css).await).await {
                Ok(v) => return v,
                Err(e) if e.to_string().contains("stale element") && Instant::now() < deadline => continue,
                Err(e) => panic!("{what} {css}: {e}"),
            }
        }
    }

    async fn click(&self, css: &str) {
        self.on_element(css, "click", |e| async move { e.click().await.map(|_| ()) }).await
    }

    async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs `script` until it returns something other than `null`, `false`
    /// or `""`, and gives that back.
    async fn wait_js(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.js(script, args.clone()).await;
            if !(v.is_null() || v == false || v == "") {
                return v;
            }
            if Instant::now() > deadline {
                let page = self.js("return document.body.innerText", vec![]).await;
                panic!("timed out after {WAIT:?} waiting for {what}; the page reads:\n{}", page.as_str().unwrap_or(""));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn text(&self, css: &str) -> String {
        self.on_element(css, "text of", |e| async move { e.text().await }).await
    }

    async fn visible(&self, css: &str) -> bool {
        self.on_element(css, "visibility of", |e| async move { e.is_displayed().await }).await
    }

    /// Writes `target/console-screenshots/<name>` (a test artefact) and, when
    /// `UPDATE_SCREENSHOTS` is set, `docs/<name>`.
    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut places = vec![root.join("target/console-screenshots")];
        if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
            places.push(root.join("docs"));
        }
        for dir in places {
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
            let path = dir.join(name);
            std::fs::write(&path, &png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        }
    }

    /// Runs axe-core in the page as it is now and fails on any serious or
    /// critical violation, naming the rule and the elements.
    async fn axe(&self, what: &str, axe_source: &str) {
        self.js(axe_source, vec![]).await;
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 axe.run(document, { resultTypes: ['violations'] }) \
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical') \
                     .map(v => ({ id: v.id, impact: v.impact, help: v.help, \
                                  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary) })))) \
                   .catch(e => done({ error: String(e) }))",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
        assert_eq!(found, json!([]), "{what}: axe-core found\n{found:#}");
    }

    async fn close(mut self) {
        let _ = self.client.clone().close().await;
        kill_group(&mut self.driver);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_group(&mut self.driver);
    }
}

/// SIGKILL to chromedriver's own process group (it and the browser it started).
fn kill_group(driver: &mut Child) {
    if let Ok(None) = driver.try_wait() {
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", driver.id())]).stderr(Stdio::null()).status();
    }
    let _ = driver.wait();
}

async fn sign_in(browser: &Browser, token: &str) {
    browser.find("[data-testid=token-input]").await.send_keys(token).await.expect("type the token");
    browser.click("[data-testid=signin-button]").await;
}

#[tokio::test]
async fn the_console_is_served_with_a_strict_policy_and_asks_for_a_token() {
    let app = spawn_app().await;
    // Every file of the console's folder, modules included, with the type a browser needs.
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/http/console");
    let mut files: Vec<(String, &str)> = vec![("/console".into(), "text/html; charset=utf-8")];
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let content_type = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("js") => "text/javascript; charset=utf-8",
            Some("css") => "text/css; charset=utf-8",
            Some("svg") => "image/svg+xml",
            Some("html") => "text/html; charset=utf-8",
            Some("png") => "image/png",
            _ => panic!("{name}: a console file the server would not serve"),
        };
        files.push((format!("/console/{name}"), content_type));
    }
    assert!(files.iter().any(|(p, _)| p == "/console/app.js") && files.len() > 6, "{files:?}");
    for (path, content_type) in &files {
        let path = path.as_str();
        let res = app.http.get(app.bot.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let headers = res.headers();
        assert_eq!(headers["content-type"], *content_type, "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"] {
            assert!(csp.contains(directive), "{path}: {directive} missing from {csp}");
        }
        assert!(!csp.contains("unsafe"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
    }
    for unknown in ["/console/nothing.js", "/console/..%2FCargo.toml", "/console/console.rs", "/console/%2Fapp.js"] {
        let res = app.http.get(app.bot.url(unknown)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{unknown}");
    }

    let browser = Browser::start().await;
    browser.goto(&app.bot.url("/console")).await;
    assert!(browser.visible("[data-testid=signin-form]").await);
    assert!(!browser.visible("[data-testid=app]").await, "the queue shows before signing in");
    // The script ran under the policy (it focuses the token field) and the style sheet applied.
    browser.wait_js("the token field focused", "return document.activeElement.id === 'token-input'", vec![]).await;
    let display = browser.js("return getComputedStyle(document.querySelector('.topbar')).display", vec![]).await;
    assert_eq!(display, "flex", "style.css not applied");

    sign_in(&browser, "not-a-token").await;
    browser
        .wait_js(
            "a sign-in error",
            "const e = document.getElementById('signin-error'); return !e.hidden && e.textContent",
            vec![],
        )
        .await;
    assert!(!browser.visible("[data-testid=app]").await, "a wrong token let the agent in");
    assert_eq!(
        browser.text("[data-testid=signin-error]").await,
        "That token was not accepted. Check it with your team lead."
    );
    let stored = browser.js("return sessionStorage.length", vec![]).await;
    assert_eq!(stored, 0, "a refused token was kept");
    browser.close().await;
}

/// Posts a signed Messenger message from `psid` and waits for its case.
async fn overnight_message(app: &TestApp, psid: &str, mid: &str, text: &str) -> Value {
    let res = app.post_signed(&messenger_text(NL_PAGE, psid, mid, ts(0), text)).await;
    assert_eq!(res.status(), 200);
    app.wait_for_case(psid, WAIT).await
}

/// Posts a signed WhatsApp message from `wa_id` and waits for its case.
async fn whatsapp_message(app: &TestApp, wa_id: &str, name: &str, wamid: &str, at: i64, text: &str) -> Value {
    let res = app.post_signed(&whatsapp_text(WA_NUMBER, wa_id, name, wamid, at, text)).await;
    assert_eq!(res.status(), 200);
    app.wait_for_case(wa_id, WAIT).await
}

/// The customer's sends, as the fake Graph API received them.
fn sends_to(app: &TestApp, psid: &str) -> Vec<String> {
    app.graph
        .sends()
        .iter()
        .filter_map(|s| s.body.as_ref())
        .filter(|b| b["recipient"]["id"] == psid)
        .map(|b| b["message"]["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn signed_in(app: &TestApp, token: &str) -> Browser {
    let browser = Browser::start().await;
    browser.goto(&app.bot.url("/console")).await;
    sign_in(&browser, token).await;
    browser.wait_js("the queue after signing in", "return !document.getElementById('app').hidden", vec![]).await;
    browser
}

/// Opens the case `id` from the queue with the keyboard: j/k to it, Enter.
async fn open_with_keys(browser: &Browser, id: &str) {
    highlight(browser, id).await;
    let queue = browser.find("[data-testid=queue]").await;
    queue.send_keys(&Key::Enter.to_string()).await.unwrap();
    browser
        .wait_js(
            "the case open",
            "const v = document.querySelector('[data-testid=case-view]'); return !v.hidden && v.dataset.caseId === arguments[0]",
            vec![json!(id)],
        )
        .await;
}

async fn wait_status(browser: &Browser, status: &str) {
    browser
        .wait_js(
            &format!("the case {status}"),
            "return document.querySelector('[data-testid=case-view]').dataset.status === arguments[0]",
            vec![json!(status)],
        )
        .await;
}

#[tokio::test]
async fn an_agent_answers_an_overnight_complaint_from_the_console() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    assert_eq!(browser.text("[data-testid=me]").await, "Signed in as anna");
    // The tab keeps the sign-in across a reload.
    browser.client.refresh().await.unwrap();
    browser.wait_js("signed in after a reload", "return !document.getElementById('app').hidden", vec![]).await;

    let psid = "psid-console-1";
    app.graph.set_profile(psid, "Anna");
    let case =
        overnight_message(&app, psid, "m_console_1", "Mijn pakket is beschadigd aangekomen, de doos was kapot").await;
    let id = case["id"].as_str().expect("a case id").to_string();
    let opener = case["suggested_opener"].as_str().expect("an opener after a night's wait").to_string();
    // More customers on the other channels, so that the queue is a queue; bob has one of them.
    app.graph.set_profile("psid-console-2", "Daan");
    overnight_message(&app, "psid-console-2", "m_console_2", "Waar blijft mijn bestelling? Ik wacht al een week").await;
    let bobs = whatsapp_message(
        &app,
        "34600111222",
        "Lucía",
        "wamid.console",
        ts(5),
        "Mi pedido llegó roto, la caja estaba destrozada",
    )
    .await;
    let (status, body) =
        app.api_post(&format!("/api/cases/{}/claim", bobs["id"].as_str().unwrap()), Some(BOB), json!({})).await;
    assert_eq!(status, 200, "{body}");
    let ig = instagram_text(
        IG_ACCOUNT,
        "igsid-console",
        "ig_console",
        ts(10),
        "Pakken min kom ødelagt, esken var helt knust",
    );
    assert_eq!(app.post_signed(&ig).await.status(), 200);
    app.wait_for_case("igsid-console", WAIT).await;
    let listed = app.open_cases().await.len();

    // The queue shows the case with what the agent needs at a glance.
    let item = format!("[data-testid=case-item][data-case-id='{id}']");
    browser.find(&item).await;
    let row = browser.text(&item).await;
    assert!(row.contains("Messenger"), "{row}");
    assert!(row.contains("NL"), "{row}");
    assert_eq!(case["kind"], "complaint");
    assert!(row.contains("Complaint"), "the kind in people's words: {row}");
    assert!(row.contains("there"), "no local time: {row}");
    assert!(row.contains("waiting"), "no waiting time: {row}");
    browser
        .wait_js(
            "every open case listed, bob's marked",
            "return document.querySelectorAll('[data-testid=case-item]').length === arguments[0] \
               && [...document.querySelectorAll('[data-testid=mark-claimed]')].some(m => m.textContent === 'Claimed by bob')",
            vec![json!(listed)],
        )
        .await;
    browser.screenshot("console-queue.png").await;

    open_with_keys(&browser, &id).await;
    let transcript = browser.text("[data-testid=transcript]").await;
    assert!(transcript.contains("Mijn pakket is beschadigd aangekomen"), "{transcript}");
    assert!(browser.find("[data-testid=msg][data-from=bot] .automated").await.is_displayed().await.unwrap());
    assert_eq!(browser.text("[data-testid=fact-channel]").await, "Messenger");
    assert!(browser.text("[data-testid=fact-language]").await.starts_with("nl"));
    // The zone as people name it, with its offset; no tz database name.
    let zone = browser.text("[data-testid=fact-zone]").await;
    assert!(zone.starts_with("Amsterdam (UTC+1)"), "{zone}");
    // The reply window in words, no API names.
    let note = browser.text("[data-testid=window-note]").await;
    assert!(note.starts_with("window closes in") && note.contains("a person may still reply for 6 days"), "{note}");
    assert_eq!(browser.text("[data-testid=reply-mode]").await, "Standard reply, 24 hours");

    // c claims the open case.
    browser.find("[data-testid=queue]").await.send_keys("c").await.unwrap();
    wait_status(&browser, "claimed").await;
    browser
        .wait_js("claimed by you in the queue", &format!("const m = document.querySelector(\"{item} [data-testid=mark-claimed]\"); return m && m.textContent === 'Claimed by you'"), vec![])
        .await;

    // The opener, then a sentence of the agent's own.
    assert!(browser.visible("[data-testid=use-opener]").await);
    browser.click("[data-testid=use-opener]").await;
    let sentence = "Ik heb je pakket gevonden: het wordt morgen opnieuw bezorgd.";
    browser.find("[data-testid=reply-text]").await.send_keys(sentence).await.unwrap();
    let sends_before = app.graph.sends().len();
    browser.click("[data-testid=send-reply]").await;
    app.graph.wait_for_sends(sends_before + 1, WAIT).await;
    let sent = sends_to(&app, psid);
    assert_eq!(sent.last().map(String::as_str), Some(format!("{opener} {sentence}").as_str()), "all sends: {sent:?}");
    browser
        .wait_js(
            "the reply in the transcript, sent",
            "return [...document.querySelectorAll('[data-testid=msg][data-from=agent]')].some(m => \
               m.dataset.delivery === 'sent' && m.querySelector('[data-testid=msg-text]').textContent.endsWith(arguments[0]))",
            vec![json!(sentence)],
        )
        .await;
    assert_eq!(browser.js("return document.getElementById('reply-text').value", vec![]).await, "");

    // n goes to the note box; a note is shown as internal and never sent.
    browser.find("[data-testid=queue]").await.send_keys("n").await.unwrap();
    let note = "Foto's gevraagd; vervanging klaargezet.";
    browser.find("[data-testid=note-text]").await.send_keys(note).await.unwrap();
    browser.click("[data-testid=add-note]").await;
    browser
        .wait_js(
            "the note in the transcript",
            "return [...document.querySelectorAll('[data-testid=msg][data-internal=true]')].some(m => m.textContent.includes(arguments[0]))",
            vec![json!(note)],
        )
        .await;
    assert!(sends_to(&app, psid).iter().all(|t| !t.contains(note)), "a note went to the customer");
    browser.screenshot("console-case.png").await;

    browser.click("[data-testid=resolve]").await;
    wait_status(&browser, "resolved").await;
    browser
        .wait_js(
            "the case gone from the open queue",
            &format!("return document.querySelector(\"{item}\") === null"),
            vec![],
        )
        .await;
    let (status, body) = app.api_get(&format!("/api/cases/{id}"), Some(ANNA)).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "resolved");
    assert_eq!(body["resolved_by"], "anna");

    // Among the resolved ones instead.
    browser.find("[data-testid=status-filter]").await.select_by_value("resolved").await.unwrap();
    browser.find(&format!("{item} [data-testid=mark-resolved]")).await;

    // Signing out forgets the token and takes every customer off the screen.
    browser.click("[data-testid=signout]").await;
    assert!(browser.visible("[data-testid=signin-form]").await);
    assert_eq!(browser.js("return sessionStorage.getItem('afterhours.console.token')", vec![]).await, Value::Null);
    assert_eq!(
        browser
            .js("return document.querySelectorAll('[data-testid=case-item], [data-testid=msg]').length", vec![])
            .await,
        0
    );
    browser.close().await;
}

#[tokio::test]
async fn a_refused_reply_is_shown_to_the_agent_with_meta_s_reason() {
    let app = spawn_app().await;
    let browser = signed_in(&app, BOB).await;
    let psid = "psid-console-refused";
    let case =
        overnight_message(&app, psid, "m_console_r", "Mijn pakket is beschadigd aangekomen, de doos was kapot").await;
    let id = case["id"].as_str().unwrap().to_string();
    open_with_keys(&browser, &id).await;

    app.graph.reject_all(400, 551, None);
    // r goes to the reply box; Ctrl+Enter sends.
    browser.find("[data-testid=queue]").await.send_keys("r").await.unwrap();
    browser.wait_js("the reply box focused", "return document.activeElement.id === 'reply-text'", vec![]).await;
    let reply = browser.find("[data-testid=reply-text]").await;
    reply.send_keys("Dit komt niet aan.").await.unwrap();
    reply.send_keys(&(Key::Control + &Key::Enter.to_string())).await.unwrap();

    browser
        .wait_js(
            "the error banner",
            "const e = document.getElementById('error'); return !e.hidden && e.dataset.code",
            vec![],
        )
        .await;
    assert_eq!(browser.js("return document.getElementById('error').dataset.status", vec![]).await, "502");
    let banner = browser.text("[data-testid=error]").await;
    assert!(banner.contains("Not sent"), "{banner}");
    assert!(banner.contains("551"), "Meta's code missing: {banner}");
    browser.screenshot("console-refused.png").await;
    browser
        .wait_js(
            "the failed reply marked in the transcript",
            "return document.querySelector('[data-testid=msg][data-delivery=failed] [data-testid=delivery-error]')",
            vec![],
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_care_lead_sees_the_week_s_uncovered_hours_per_language() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    browser.click("[data-testid=coverage-button]").await;
    // The week of Christmas 2026: the shipped teams close for the holidays.
    browser
        .js(
            "const w = document.getElementById('coverage-week'); w.value = '2026-W52'; w.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await;
    browser
        .wait_js(
            "the week of Christmas",
            "return document.getElementById('coverage-grid').dataset.week === '2026-W52'",
            vec![],
        )
        .await;
    let (_, report) = app.api_get("/api/coverage?week=2026-W52", Some(ANNA)).await;
    let languages = report["languages"].as_array().expect("languages");
    for lang in languages {
        let code = lang["language"].as_str().unwrap();
        let uncovered = lang["uncovered_hours"].as_f64().unwrap();
        // The grid shows whole hours: every uncovered hour is a marked cell,
        // and no more cells than the stretches touch.
        let gaps = browser
            .wait_js(
                "the language's grid for that week",
                "const s = document.querySelector(`[data-testid=coverage-${arguments[0]}]`); \
                 return s && s.dataset.uncoveredHours === String(arguments[1]) && s.querySelectorAll('td.gap').length + 1",
                vec![json!(code), lang["uncovered_hours"].clone()],
            )
            .await
            .as_f64()
            .unwrap()
            - 1.0;
        let cells = browser
            .js(
                "return document.querySelectorAll(`[data-testid=coverage-${arguments[0]}] td.cell`).length",
                vec![json!(code)],
            )
            .await;
        assert_eq!(cells, 168, "{code}: 7 days of 24 hours");
        assert!(gaps >= uncovered.floor(), "{code}: {gaps} marked hours for {uncovered} uncovered");
        let stretches = lang["uncovered"].as_array().unwrap().len() as f64;
        assert!(gaps <= uncovered.ceil() + 2.0 * stretches, "{code}: {gaps} marked hours for {uncovered} uncovered");
    }
    assert!(
        languages.iter().any(|l| l["uncovered_hours"].as_f64().unwrap() > 0.0),
        "some language has nobody at some hour"
    );
    let summary = browser.text("[data-testid=coverage-pl] .coverage-summary").await;
    assert!(summary.contains("with nobody"), "{summary}");
    browser.screenshot("console-coverage.png").await;
    browser.close().await;
}

#[tokio::test]
async fn an_agent_sends_a_whatsapp_template_from_the_console_when_the_window_is_closed() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    let wa_id = "351910000001";
    // Written 30 hours before the bot's "now": WhatsApp's window closed 6 hours ago.
    let text = "Olá! A minha encomenda chegou danificada e ainda ninguém me respondeu.";
    app.post_signed(&whatsapp_text(WA_NUMBER, wa_id, "Ana Sousa", "wamid.console.tpl", ts(-30 * 3600), text)).await;
    let id = app.wait_for_case(wa_id, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    open_with_keys(&browser, &id).await;

    let shown = browser
        .wait_js(
            "the template preview",
            "const r = document.querySelector('[data-testid=template-row]'); \
             return !r.hidden && document.querySelector('[data-testid=template-text]').textContent",
            vec![],
        )
        .await;
    let shown = shown.as_str().unwrap().to_string();
    assert!(shown.starts_with("Olá, Ana! A equipa de apoio ao cliente da Northwind"), "{shown}");
    assert!(shown.contains(&format!("(processo {id})")), "{shown}");
    browser.click("[data-testid=send-template]").await;
    wait_status(&browser, "claimed").await;
    let sends = app.graph.wait_for_sends(2, WAIT).await;
    let template =
        sends.iter().filter_map(|s| s.body.as_ref()).find(|b| b["type"] == "template").expect("a template sent");
    assert_eq!(template["to"], wa_id);
    assert_eq!(template["template"]["language"]["code"], "pt_PT");
    assert_eq!(template["template"]["components"][0]["parameters"][0]["text"], "Ana");
    browser
        .wait_js(
            "the template in the transcript, sent",
            "return [...document.querySelectorAll('[data-testid=msg][data-delivery=sent]')] \
                .some(m => m.textContent.includes(arguments[0]))",
            vec![json!(shown)],
        )
        .await;
    // Sent once: not offered again until the customer answers (it would be billed twice).
    browser
        .wait_js(
            "the template button off after sending",
            "return document.querySelector('[data-testid=send-template]').disabled                 && document.querySelector('[data-testid=template-problem]').textContent",
            vec![],
        )
        .await;
    browser.close().await;
}

/// axe-core's script, from the npm cache `.ci/test` fills (installed here
/// when missing); `None`, said out loud, only when npm is absent.
fn axe_source() -> Option<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("target/npm/node_modules/axe-core/axe.min.js");
    if !path.exists() {
        if Command::new("npm").arg("--version").stdout(Stdio::null()).status().is_err() {
            eprintln!("SKIPPED the axe-core check: npm is not installed, so axe-core cannot be (.ci/test installs it)");
            return None;
        }
        let status = Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(root.join("target/npm"))
            .arg("axe-core@4")
            .status()
            .expect("run npm");
        assert!(status.success(), "npm install axe-core@4 failed");
    }
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display())))
}

/// The case the API shows for `id`.
async fn case_of(app: &TestApp, id: &str) -> Value {
    let (status, body) = app.api_get(&format!("/api/cases/{id}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// Moves the queue's highlight to `id` with j/k, without opening it.
async fn highlight(browser: &Browser, id: &str) {
    let position = "const items = [...document.querySelectorAll('[data-testid=case-item]')]; \
                    return [items.findIndex(li => li.dataset.caseId === arguments[0]), \
                            items.findIndex(li => li.getAttribute('aria-selected') === 'true')]";
    browser.find(&format!("[data-testid=case-item][data-case-id='{id}']")).await;
    let at = browser.js(position, vec![json!(id)]).await;
    let (target, selected) = (at[0].as_i64().unwrap(), at[1].as_i64().unwrap().max(0));
    let key = if target >= selected { "j" } else { "k" };
    let queue = browser.find("[data-testid=queue]").await;
    queue.send_keys(&key.repeat(target.abs_diff(selected) as usize)).await.unwrap();
    browser
        .wait_js(
            "the row highlighted",
            "const li = document.querySelector(`[data-testid=case-item][data-case-id='${arguments[0]}']`); \
             return li && li.getAttribute('aria-selected') === 'true'",
            vec![json!(id)],
        )
        .await;
}

#[tokio::test]
async fn shortcuts_act_on_the_highlighted_row_and_a_resolve_can_be_undone() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    let first = overnight_message(&app, "psid-keys-1", "m_keys_1", "Mijn pakket is beschadigd aangekomen").await;
    let second =
        overnight_message(&app, "psid-keys-2", "m_keys_2", "Waar blijft mijn bestelling? Ik wacht al een week").await;
    let (first, second) = (first["id"].as_str().unwrap().to_string(), second["id"].as_str().unwrap().to_string());

    // The first case is open; the highlight moves to the second; c claims the second.
    open_with_keys(&browser, &first).await;
    highlight(&browser, &second).await;
    browser.find("[data-testid=queue]").await.send_keys("c").await.unwrap();
    browser
        .wait_js(
            "the highlighted case open and claimed",
            "const v = document.querySelector('[data-testid=case-view]'); \
             return v.dataset.caseId === arguments[0] && v.dataset.status === 'claimed'",
            vec![json!(second)],
        )
        .await;
    assert_eq!(case_of(&app, &second).await["claimed_by"], "anna");
    assert_eq!(case_of(&app, &first).await["status"], "waiting", "c claimed the open case, not the highlighted one");

    // e resolves the highlighted case only after a few seconds in which it can be undone.
    browser.find("[data-testid=queue]").await.send_keys("e").await.unwrap();
    let bar = browser
        .wait_js("the undo bar", "const u = document.getElementById('undo'); return !u.hidden && u.textContent", vec![])
        .await;
    assert!(bar.as_str().unwrap().contains(&format!("Case {second} will be resolved")), "{bar}");
    assert_eq!(case_of(&app, &second).await["status"], "claimed", "resolved before the undo time ran out");
    browser.find("[data-testid=queue]").await.send_keys("u").await.unwrap();
    browser.wait_js("the undo bar gone", "return document.getElementById('undo').hidden", vec![]).await;

    // Resolved for real the second time; the undone one was never sent
    // (its timer would have run out first): one resolve in the log, no refusal.
    browser.click("[data-testid=resolve]").await;
    wait_status(&browser, "resolved").await;
    let case = case_of(&app, &second).await;
    assert_eq!(case["status"], "resolved");
    let resolves = case["actions"].as_array().unwrap().iter().filter(|a| a["action"] == "resolve").count();
    assert_eq!(resolves, 1, "{:#}", case["actions"]);
    assert!(!browser.visible("[data-testid=error]").await, "{}", browser.text("body").await);
    // The log says it in words, not API names.
    let log = browser.text("[data-testid=actions-log]").await;
    assert!(log.contains("anna claimed") && log.contains("anna resolved") && log.contains("opened the case"), "{log}");
    browser.close().await;
}

#[tokio::test]
async fn a_reload_keeps_the_open_case_and_the_half_written_reply() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    let psid = "psid-draft";
    let id = overnight_message(&app, psid, "m_draft", "Mijn pakket is beschadigd aangekomen, de doos was kapot").await
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    overnight_message(&app, "psid-draft-2", "m_draft_2", "Waar blijft mijn bestelling? Ik wacht al een week").await;
    open_with_keys(&browser, &id).await;
    let draft = "Het spijt me dat je pakket kapot";
    browser.find("[data-testid=reply-text]").await.send_keys(draft).await.unwrap();

    browser.client.refresh().await.unwrap();
    browser
        .wait_js(
            "the same case open after the reload, its draft back",
            "const v = document.querySelector('[data-testid=case-view]'); \
             return !v.hidden && v.dataset.caseId === arguments[0] \
                 && document.getElementById('reply-text').value === arguments[1]",
            vec![json!(id), json!(draft)],
        )
        .await;
    assert_eq!(browser.js("return location.hash", vec![]).await, format!("#case={id}"));

    // Sent: the draft is gone from the browser and a reload brings back an empty box.
    let reply = browser.find("[data-testid=reply-text]").await;
    reply.send_keys(" aangekomen is.").await.unwrap();
    reply.send_keys(&(Key::Control + &Key::Enter.to_string())).await.unwrap();
    app.graph.wait_for_sends(2, WAIT).await;
    browser
        .wait_js(
            "no draft kept after sending",
            "return document.getElementById('reply-text').value === '' \
                 && !Object.keys(localStorage).some(k => k.startsWith('afterhours.console.draft.'))",
            vec![],
        )
        .await;
    browser.client.refresh().await.unwrap();
    browser
        .wait_js(
            "the case open again",
            "const v = document.querySelector('[data-testid=case-view]'); return !v.hidden && v.dataset.caseId === arguments[0]",
            vec![json!(id)],
        )
        .await;
    assert_eq!(browser.js("return document.getElementById('reply-text').value", vec![]).await, "");
    browser.close().await;
}

/// A Notification and an AudioContext that record what the page does with them.
const ALERT_STUBS: &str = "
    window.__asked = 0; window.__notes = []; window.__tones = 0; window.__answer = 'denied';
    class Note {
      constructor(title, options) { window.__notes.push({ title, body: options.body, tag: options.tag }); }
      static requestPermission() { window.__asked++; Note.permission = window.__answer; return Promise.resolve(window.__answer); }
    }
    Note.permission = 'default';
    window.Notification = Note;
    window.AudioContext = class {
      constructor() { this.currentTime = 0; this.destination = {}; }
      createOscillator() { window.__tones++; return { frequency: {}, connect: (g) => g, start() {}, stop() {} }; }
      createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (d) => d }; }
    };";

#[tokio::test]
async fn alerts_for_urgent_cases_come_only_after_the_agent_allows_them() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    browser.js(ALERT_STUBS, vec![]).await;
    let urgent = "Ik ben twee keer afgeschreven voor deze bestelling!! Help";

    // An urgent case before the agent said yes: no notification, nothing asked.
    app.graph.set_profile("psid-alert-1", "Sanne");
    let before = overnight_message(&app, "psid-alert-1", "m_alert_1", urgent).await;
    assert_eq!(before["priority"], "urgent", "{before:#}");
    browser.find(&format!("[data-testid=case-item][data-case-id='{}']", before["id"].as_str().unwrap())).await;
    assert_eq!(browser.js("return [window.__asked, window.__notes.length]", vec![]).await, json!([0, 0]));
    assert_eq!(browser.text("[data-testid=alerts-button]").await, "Turn on alerts");

    // The browser says no: the agent is told how to allow them; still off.
    browser.click("[data-testid=alerts-button]").await;
    let note = browser
        .wait_js(
            "why alerts stay off",
            "const n = document.getElementById('alerts-note'); return !n.hidden && n.textContent",
            vec![],
        )
        .await;
    assert!(note.as_str().unwrap().contains("blocked"), "{note}");
    assert_eq!(
        browser.find("[data-testid=alerts-button]").await.attr("aria-pressed").await.unwrap().as_deref(),
        Some("false")
    );

    // Allowed: on, with sound chosen (the chosen sound plays once at once).
    browser.js("window.__answer = 'granted'; Notification.permission = 'default';", vec![]).await;
    browser.click("[data-testid=alerts-button]").await;
    browser
        .wait_js(
            "alerts on",
            "return document.getElementById('alerts-button').getAttribute('aria-pressed') === 'true'",
            vec![],
        )
        .await;
    assert_eq!(browser.js("return window.__asked", vec![]).await, 2);
    browser.click("[data-testid=sound-toggle]").await;
    let tones = browser.js("return window.__tones", vec![]).await.as_i64().unwrap();
    assert!(tones > 0, "no sound when the agent chose it");

    // The next urgent case: one notification naming the customer, and the sound.
    app.graph.set_profile("psid-alert-2", "Pieter");
    let next = overnight_message(&app, "psid-alert-2", "m_alert_2", urgent).await;
    let notes = browser.wait_js("a notification", "return window.__notes.length > 0 && window.__notes", vec![]).await;
    let notes = notes.as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}: the case from before was announced too");
    assert_eq!(notes[0]["title"], "Urgent: Pieter");
    let body = notes[0]["body"].as_str().unwrap();
    assert!(body.contains(&format!("case {}", next["id"].as_str().unwrap())) && body.contains("Messenger"), "{body}");
    assert!(!body.contains("afgeschreven"), "the customer's words in a desktop notification: {body}");
    assert!(browser.js("return window.__tones", vec![]).await.as_i64().unwrap() > tones, "no sound with it");
    browser.close().await;
}

#[tokio::test]
async fn the_console_works_on_a_390_px_phone() {
    let app = spawn_app().await;
    let browser = Browser::start().await;
    browser.client.set_window_size(390, 844).await.expect("a phone-sized window");
    browser.goto(&app.bot.url("/console")).await;
    sign_in(&browser, ANNA).await;
    browser.wait_js("the queue after signing in", "return !document.getElementById('app').hidden", vec![]).await;
    app.graph.set_profile("psid-phone", "Femke");
    let case =
        overnight_message(&app, "psid-phone", "m_phone", "Mijn pakket is beschadigd aangekomen, de doos was kapot")
            .await;
    let id = case["id"].as_str().unwrap().to_string();
    overnight_message(&app, "psid-phone-2", "m_phone_2", "Waar blijft mijn bestelling? Ik wacht al een week").await;
    let width = browser.js("return window.innerWidth", vec![]).await.as_i64().unwrap();
    assert!(width <= 390, "the page is {width} px wide");

    // Nothing wider than the screen; every control inside it.
    let overflow = "const w = document.documentElement.clientWidth; \
                    const wide = [...document.querySelectorAll('button, input, select, textarea, [data-testid=case-item], [data-testid=msg]')] \
                      .filter(e => e.offsetParent !== null) \
                      .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > w + 1; }) \
                      .map(e => e.id || e.dataset.testid || e.tagName); \
                    return document.documentElement.scrollWidth > w + 1 ? ['page ' + document.documentElement.scrollWidth] .concat(wide) : wide";
    let item = format!("[data-testid=case-item][data-case-id='{id}']");
    browser.find(&item).await;
    assert!(!browser.visible("[data-testid=case-view]").await && !browser.visible("[data-testid=no-case]").await);
    assert_eq!(browser.js(overflow, vec![]).await, json!([]), "wider than the phone: the queue");
    browser.screenshot("console-phone-queue.png").await;

    // A tap opens the case on the whole screen; its actions are in reach.
    browser.click(&item).await;
    browser
        .wait_js(
            "the case on the screen",
            "const v = document.querySelector('[data-testid=case-view]'); return !v.hidden && v.dataset.caseId === arguments[0]",
            vec![json!(id)],
        )
        .await;
    assert!(!browser.visible("[data-testid=queue]").await, "the queue still takes the screen");
    for control in ["back-to-queue", "claim", "resolve", "reply-text", "send-reply", "note-text"] {
        assert!(browser.visible(&format!("[data-testid={control}]")).await, "{control} not shown on a phone");
    }
    let small = browser
        .js(
            "return ['back-to-queue', 'claim', 'resolve', 'send-reply'].filter(id => document.getElementById(id).getBoundingClientRect().height < 40)",
            vec![],
        )
        .await;
    assert_eq!(small, json!([]), "buttons too small for a thumb");
    assert_eq!(browser.js(overflow, vec![]).await, json!([]), "wider than the phone: the case");
    browser.screenshot("console-phone-case.png").await;

    // The case can be claimed and answered there.
    browser.click("[data-testid=claim]").await;
    wait_status(&browser, "claimed").await;
    browser.click("[data-testid=back-to-queue]").await;
    assert!(browser.visible(&item).await);
    assert!(!browser.visible("[data-testid=case-view]").await);
    browser.close().await;
}

#[tokio::test]
async fn the_console_has_no_serious_accessibility_violations() {
    let Some(axe) = axe_source() else { return };
    let app = spawn_app().await;
    let browser = Browser::start().await;
    browser.goto(&app.bot.url("/console")).await;
    browser.find("[data-testid=signin-form]").await;
    browser.axe("the sign-in page", &axe).await;
    sign_in(&browser, ANNA).await;
    browser.wait_js("the queue after signing in", "return !document.getElementById('app').hidden", vec![]).await;
    let id = overnight_message(&app, "psid-axe", "m_axe", "Mijn pakket is beschadigd aangekomen, de doos was kapot")
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    whatsapp_message(&app, "34600999888", "Lucía", "wamid.axe", ts(5), "Mi pedido llegó roto").await;
    open_with_keys(&browser, &id).await;
    // Something in every part of the case: a reply, a note, a failed send.
    browser.find("[data-testid=note-text]").await.send_keys("Foto's gevraagd.").await.unwrap();
    browser.click("[data-testid=add-note]").await;
    browser.find("[data-testid=msg][data-internal=true]").await;
    browser.axe("the queue and an open case", &axe).await;

    // Keyboard focus is visible where it lands.
    browser.find("[data-testid=queue]").await.send_keys("r").await.unwrap();
    let outline = browser
        .js("const s = getComputedStyle(document.activeElement); return [document.activeElement.id, s.outlineStyle, s.outlineWidth]", vec![])
        .await;
    assert_eq!(outline[0], "reply-text");
    assert_ne!(outline[1], "none", "no focus ring: {outline}");

    // Tab walks the page in reading order: top bar, filters and search,
    // the queue, the case's actions, the transcript, the reply, the note.
    browser.js("document.getElementById('alerts-button').focus()", vec![]).await;
    let mut order = vec![];
    for _ in 0..40 {
        let at = browser
            .js(
                "const e = document.activeElement; const r = e.getBoundingClientRect(); \
                 return [e.id || e.tagName, r.width > 0 && r.height > 0]",
                vec![],
            )
            .await;
        assert_eq!(at[1], true, "focus on something unseen: {at}");
        order.push(at[0].as_str().unwrap().to_string());
        browser.client.active_element().await.unwrap().send_keys(&Key::Tab.to_string()).await.unwrap();
    }
    let expected = [
        "alerts-button",
        "coverage-button",
        "help-button",
        "signout",
        "status-filter",
        "team-filter",
        "search",
        "queue",
        "transfer-team",
        "resolve",
        "transcript",
        "reply-text",
        "send-reply",
        "note-text",
        "add-note",
    ];
    let mut rest = order.iter();
    for want in expected {
        assert!(rest.any(|id| id == want), "{want} not reached in order by Tab: {order:?}");
    }

    browser.find("[data-testid=reply-text]").await.send_keys(&Key::Escape.to_string()).await.unwrap();
    browser.find("[data-testid=queue]").await.send_keys("?").await.unwrap();
    browser.wait_js("the keys dialog", "return document.getElementById('help').open", vec![]).await;
    browser.axe("the keys dialog", &axe).await;
    browser.click("[data-testid=help-close]").await;

    browser.click("[data-testid=coverage-button]").await;
    browser.wait_js("the coverage grid", "return document.querySelector('#coverage-grid section')", vec![]).await;
    browser.axe("the coverage dialog", &axe).await;
    browser.click("[data-testid=coverage-close]").await;

    browser.client.set_window_size(390, 844).await.unwrap();
    browser.axe("the case on a phone", &axe).await;
    browser.close().await;
}

/// The case ids the queue shows, top to bottom.
const LISTED: &str = "return [...document.querySelectorAll('[data-testid=case-item]')].map(li => li.dataset.caseId)";

/// Waits until the queue lists exactly `ids` (in any order).
async fn wait_listed(browser: &Browser, what: &str, ids: &[&str]) {
    let mut want: Vec<&str> = ids.to_vec();
    want.sort();
    browser
        .wait_js(
            what,
            &format!("const got = (() => {{ {LISTED} }})().sort(); return JSON.stringify(got) === arguments[0]"),
            vec![json!(serde_json::to_string(&want).unwrap())],
        )
        .await;
}

#[tokio::test]
async fn an_agent_searches_and_filters_the_queue() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    app.graph.set_profile("psid-search-1", "Femke de Vries");
    let femke = overnight_message(
        &app,
        "psid-search-1",
        "m_search_1",
        "Mijn pakket is beschadigd aangekomen, de doos was kapot",
    )
    .await;
    let lucia = whatsapp_message(
        &app,
        "34600555444",
        "Lucía Gómez",
        "wamid.search",
        ts(5),
        "Mi pedido llegó roto, la caja estaba destrozada",
    )
    .await;
    let ig =
        instagram_text(IG_ACCOUNT, "igsid-search", "ig_search", ts(10), "Pakken min kom ødelagt, esken var helt knust");
    assert_eq!(app.post_signed(&ig).await.status(), 200);
    let ig = app.wait_for_case("igsid-search", WAIT).await;
    let (femke, lucia, ig) = (femke["id"].as_str().unwrap(), lucia["id"].as_str().unwrap(), ig["id"].as_str().unwrap());
    wait_listed(&browser, "all three listed", &[femke, lucia, ig]).await;
    assert!(browser.visible("[data-testid=search-box]").await, "no search on a server that pages");

    // A name without its accent; then words the customer wrote; then a case number. "/" goes to the box.
    browser.find("[data-testid=queue]").await.send_keys("/").await.unwrap();
    browser.wait_js("the search box focused", "return document.activeElement.id === 'search'", vec![]).await;
    let search = browser.find("[data-testid=search]").await;
    search.send_keys("lucia").await.unwrap();
    wait_listed(&browser, "only Lucía", &[lucia]).await;
    search.clear().await.unwrap();
    search.send_keys("beschadigd").await.unwrap();
    wait_listed(&browser, "only the parcel that arrived damaged", &[femke]).await;
    search.clear().await.unwrap();
    search.send_keys(&format!("#{ig}")).await.unwrap();
    wait_listed(&browser, "only the case by its number", &[ig]).await;
    search.clear().await.unwrap();
    search.send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_listed(&browser, "all three again", &[femke, lucia, ig]).await;

    // Filters: channel, then language, then a combination that matches nobody.
    browser.find("[data-testid=channel-filter]").await.select_by_value("whatsapp").await.unwrap();
    wait_listed(&browser, "WhatsApp only", &[lucia]).await;
    browser.find("[data-testid=channel-filter]").await.select_by_value("").await.unwrap();
    browser.find("[data-testid=lang-filter]").await.select_by_value("nl").await.unwrap();
    wait_listed(&browser, "Dutch only", &[femke]).await;
    let lang_label = browser.text("[data-testid=lang-filter] option[value=nl]").await;
    assert_eq!(lang_label, "nl · Dutch");
    browser.click("[data-testid=overdue-filter]").await;
    wait_listed(&browser, "nobody Dutch and overdue", &[]).await;
    assert_eq!(browser.text("[data-testid=queue-empty]").await, "No case matches the search and filters.");

    // Kept across a reload; one click clears them all.
    browser.client.refresh().await.unwrap();
    browser.wait_js("signed in after a reload", "return !document.getElementById('app').hidden", vec![]).await;
    browser
        .wait_js(
            "the language filter kept, the list filtered by it",
            "return document.getElementById('lang-filter').value === 'nl' \
                 && document.getElementById('overdue-filter').checked \
                 && document.querySelectorAll('[data-testid=case-item]').length === 0 \
                 && !document.getElementById('queue-empty').hidden",
            vec![],
        )
        .await;
    browser.click("[data-testid=clear-search]").await;
    wait_listed(&browser, "all three after clearing", &[femke, lucia, ig]).await;

    browser.close().await;
}

#[tokio::test]
async fn a_new_case_reaches_the_screen_over_the_stream_without_waiting_for_a_poll() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    overnight_message(&app, "psid-live-1", "m_live_1", "Mijn pakket is beschadigd aangekomen, de doos was kapot").await;
    // Live: every team's stream open and a poll since, so the next poll is 30 s away.
    let sync = browser
        .wait_js(
            "the stream live",
            "const s = document.getElementById('sync'); return s.dataset.live === 'true' && s.textContent",
            vec![],
        )
        .await;
    assert!(sync.as_str().unwrap().starts_with("Live"), "{sync}");

    let started = Instant::now();
    app.graph.set_profile("psid-live-2", "Joost");
    let case =
        overnight_message(&app, "psid-live-2", "m_live_2", "Waar blijft mijn bestelling? Ik wacht al een week").await;
    let item = format!("[data-testid=case-item][data-case-id='{}']", case["id"].as_str().unwrap());
    browser.find(&item).await;
    let took = started.elapsed();
    // No poll ran in between (each poll writes its time on the sync line).
    assert_eq!(browser.text("[data-testid=sync]").await, sync.as_str().unwrap(), "a poll brought it, not the stream");
    assert!(took < Duration::from_secs(5), "{took:?} from the message to the screen");
    eprintln!("message to screen over the stream: {took:?}");

    // A claim elsewhere shows at once too.
    let (status, body) =
        app.api_post(&format!("/api/cases/{}/claim", case["id"].as_str().unwrap()), Some(BOB), json!({})).await;
    assert_eq!(status, 200, "{body}");
    browser
        .wait_js(
            "bob's claim pushed",
            &format!("const m = document.querySelector(\"{item} [data-testid=mark-claimed]\"); return m && m.textContent === 'Claimed by bob'"),
            vec![],
        )
        .await;
    assert_eq!(browser.text("[data-testid=sync]").await, sync.as_str().unwrap(), "a poll brought the claim");
    browser.close().await;
}

#[tokio::test]
async fn an_agent_links_one_customer_s_two_channels_and_answers_with_a_saved_reply() {
    let app = spawn_app().await;
    let browser = signed_in(&app, ANNA).await;
    app.graph.set_profile("psid-same", "Sanne Bakker");
    let messenger =
        overnight_message(&app, "psid-same", "m_same", "Mijn pakket is beschadigd aangekomen, de doos was kapot").await;
    let whatsapp = whatsapp_message(
        &app,
        "31612345678",
        "Sanne",
        "wamid.same",
        ts(20),
        "Ik stuurde jullie ook al een bericht op Messenger over mijn kapotte pakket",
    )
    .await;
    let (ms_id, wa_id) = (messenger["id"].as_str().unwrap().to_string(), whatsapp["id"].as_str().unwrap().to_string());

    open_with_keys(&browser, &ms_id).await;
    assert_eq!(browser.text("[data-testid=linked]").await, "No other case linked.");
    browser.find("[data-testid=link-other]").await.send_keys(&format!("#{wa_id}")).await.unwrap();
    browser.click("[data-testid=link-button]").await;
    let linked = browser.text(&format!("[data-testid=linked-case][data-case-id='{wa_id}']")).await;
    assert!(linked.contains("WhatsApp") && linked.contains("Sanne"), "{linked}");
    // Both ways, as the API says; the history holds both conversations, each message with its channel.
    let other_side = case_of(&app, &wa_id).await;
    assert!(
        other_side["linked"].as_array().unwrap().iter().any(|l| l["id"] == ms_id.as_str()),
        "{:#}",
        other_side["linked"]
    );
    let via = browser
        .wait_js(
            "the WhatsApp message in the Messenger case's history",
            "const m = [...document.querySelectorAll('[data-testid=msg]')].find(m => m.textContent.includes('op Messenger over mijn kapotte')); \
             return m && m.querySelector('[data-testid=msg-channel]') && m.querySelector('[data-testid=msg-channel]').textContent",
            vec![],
        )
        .await;
    assert_eq!(via, format!("WhatsApp · case {wa_id}"));
    let log = browser.text("[data-testid=actions-log]").await;
    assert!(log.contains("anna linked as the same person"), "{log}");

    // Opened from the link, the other case shows this one.
    browser.click(&format!("[data-testid=linked-case][data-case-id='{wa_id}'] button")).await;
    browser.find(&format!("[data-testid=linked-case][data-case-id='{ms_id}']")).await;
    browser.click(&format!("[data-testid=linked-case][data-case-id='{ms_id}'] button[aria-label]")).await;
    browser
        .wait_js("unlinked", "return document.getElementById('linked').textContent === 'No other case linked.'", vec![])
        .await;
    assert_eq!(case_of(&app, &ms_id).await["linked"], json!([]));

    // A saved reply: s goes to the picker; the chosen one lands in the box
    // with the case's first name in it, as the server fills it.
    open_with_keys(&browser, &ms_id).await;
    let (status, replies) = app.api_get(&format!("/api/replies?case={ms_id}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{replies}");
    let first = &replies.as_array().expect("saved replies")[0];
    let body = first["body"].as_str().unwrap();
    assert!(body.contains("Sanne") && !body.contains("{first_name}"), "{body}");
    browser
        .wait_js("the saved replies offered", "return !document.getElementById('saved-replies').hidden", vec![])
        .await;
    browser.find("[data-testid=queue]").await.send_keys("s").await.unwrap();
    browser.wait_js("the picker focused", "return document.activeElement.id === 'saved-reply'", vec![]).await;
    browser.find("[data-testid=saved-reply]").await.select_by_value(first["id"].as_str().unwrap()).await.unwrap();
    browser
        .wait_js(
            "the saved reply in the box",
            "return document.getElementById('reply-text').value === arguments[0] && document.activeElement.id === 'reply-text'",
            vec![json!(body)],
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn the_link_of_an_escalation_alert_acknowledges_the_case_after_sign_in_and_the_console_shows_who_was_alerted() {
    let receiver = crate::webhook_receiver::WebhookReceiver::start().await;
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let env = vec![
        ("ESCALATION_ONCALL_URL".to_string(), receiver.url("oncall")),
        ("ESCALATION_DUTY_MANAGER_URL".to_string(), receiver.url("manager")),
    ];
    let bot = Bot::launch(&redis.url(), &graph.url(), BotOptions { env, ..Default::default() });
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let case =
        overnight_message(&app, "psid-escalated", "m_escalated", "mijn lamp geeft vonken, is dat gevaarlijk?").await;
    let id = case["id"].as_str().unwrap().to_string();
    let deadline = Instant::now() + WAIT;
    let link = loop {
        if let Some(alert) = receiver.received("oncall").first() {
            break alert["text"].as_str().unwrap().rsplit(' ').next().unwrap().to_string();
        }
        assert!(Instant::now() < deadline, "no alert:\n{}", app.bot.logs());
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    // Without PUBLIC_URL the link is the path: the console's address on this server.
    assert_eq!(link, format!("/console?acknowledge={id}#case={id}"));

    let browser = Browser::start().await;
    browser.goto(&app.bot.url(&link)).await;
    sign_in(&browser, ANNA).await;
    wait_status(&browser, "claimed").await;
    assert_eq!(case_of(&app, &id).await["claimed_by"], "anna");
    browser
        .wait_js(
            "who was alerted, on the case",
            "const s = document.querySelector('[data-testid=escalation-section]'); \
             return !s.hidden && document.querySelector('[data-testid=escalation-alert]') !== null",
            vec![],
        )
        .await;
    // The case panel redraws as the acknowledgement lands: wait for its final state, then read it.
    browser
        .wait_js(
            "the acknowledgement shown on the case",
            "const s = document.querySelector('[data-testid=escalation-state]'); \
             return s !== null && s.textContent.startsWith('Acknowledged by')",
            vec![],
        )
        .await;
    let alerted = browser.text("[data-testid=escalation-alert]").await;
    assert!(alerted.starts_with("On-call care lead") && alerted.ends_with("sent"), "{alerted}");
    assert!(browser.text("[data-testid=escalation-state]").await.starts_with("Acknowledged by anna"));
    assert!(browser.text("[data-testid=mark-escalated]").await.starts_with("Escalated"));
    // Once: the address no longer asks for it, so a reload acknowledges nothing.
    assert_eq!(browser.js("return location.search", vec![]).await, "");
    assert_eq!(browser.js("return location.hash", vec![]).await, format!("#case={id}"));
    browser.close().await;
}

/// Writes `text` in the comment panel's `kind` box (public, private), sends it and waits until it is sent.
async fn comment_reply(browser: &Browser, kind: &str, text: &str) {
    browser.find(&format!("[data-testid=comment-{kind}-text]")).await.send_keys(text).await.unwrap();
    browser.click(&format!("[data-testid=comment-{kind}-send]")).await;
    browser
        .wait_js(
            &format!("the {kind} reply sent"),
            "return document.querySelector(`[data-testid=comment-${arguments[0]}-state]`).textContent === 'sent'",
            vec![json!(kind)],
        )
        .await;
}

#[tokio::test]
async fn an_agent_answers_a_public_comment_in_public_and_privately_from_the_console() {
    // In hours: the bot leaves the comment to a person and sends nothing itself.
    let at = "2026-11-30T10:00:00Z";
    let app = spawn_app_at(at).await;
    let now_ms = chrono::DateTime::parse_from_rfc3339(at).unwrap().timestamp_millis();
    // Words that would run as script if drawn as HTML.
    let text = "Mijn pakket is kapot aangekomen <img src=x onerror=alert(1)>, wat nu?";
    let change = crate::comments::fb_comment(NL_PAGE, "5620", "cons", ("7070", "Fien"), text, now_ms);
    assert_eq!(app.post_signed(&crate::comments::feed(NL_PAGE, vec![change])).await.status(), 200);
    let case = app.wait_for_case("7070", WAIT).await;
    let id = case["id"].as_str().unwrap().to_string();

    let browser = signed_in(&app, ANNA).await;
    browser
        .wait_js(
            "the queue's comment mark",
            "return document.querySelector(`[data-case-id='${arguments[0]}'] [data-testid=mark-comment]`)",
            vec![json!(id)],
        )
        .await;
    open_with_keys(&browser, &id).await;
    browser.wait_js("the comment panel", "return !document.getElementById('comments-section').hidden", vec![]).await;
    assert_eq!(browser.text("[data-testid=comment-text]").await, text, "the customer's words as text");
    assert_eq!(browser.js("return document.querySelectorAll('#comments img').length", vec![]).await, 0);
    let link = browser.find("[data-testid=comment-permalink]").await;
    assert_eq!(link.attr("href").await.unwrap().unwrap(), "https://www.facebook.com/104880000000001/posts/5620");
    assert_eq!(link.attr("target").await.unwrap().unwrap(), "_blank");
    assert!(link.attr("rel").await.unwrap().unwrap().contains("noopener"));
    // Every box has its label.
    let unlabelled = browser
        .js("return [...document.querySelectorAll('#comments textarea')].filter(t => !t.labels.length).length", vec![])
        .await;
    assert_eq!(unlabelled, 0);

    let public = "Wat vervelend, Fien! We sturen je een privébericht.";
    comment_reply(&browser, "public", public).await;
    let private = "Hoi Fien, wil je je ordernummer sturen? Dan regelen we een nieuwe.";
    comment_reply(&browser, "private", private).await;
    // A second one is refused on screen: the box and button disabled, with why.
    browser
        .wait_js(
            "a second private reply refused with why",
            "return document.querySelector('[data-testid=comment-private-send]').disabled \
             && document.querySelector('[data-testid=comment-private-refused]')",
            vec![],
        )
        .await;
    let why = browser.text("[data-testid=comment-private-refused]").await;
    assert!(why.contains("one per comment"), "{why}");
    browser.js("document.getElementById('comments-section').scrollIntoView()", vec![]).await;
    browser.screenshot("console-comment.png").await;
    // Nothing as wide as a permalink pushes the side column sideways.
    let overflow =
        browser.js("const s = document.querySelector('.side'); return s.scrollWidth - s.clientWidth", vec![]).await;
    assert_eq!(overflow, 0, "the side column scrolls sideways");
    if let Some(axe) = axe_source() {
        browser.axe("a comment case", &axe).await;
    }
    wait_status(&browser, "claimed").await;

    // A page that had not caught up yet (its button still enabled) is refused by the server, on screen.
    browser
        .js(
            "for (const el of document.querySelectorAll('[data-testid^=comment-private-]')) el.disabled = false; \
             document.querySelector('[data-testid=comment-private-text]').value = 'Nog een keer';",
            vec![],
        )
        .await;
    browser.click("[data-testid=comment-private-send]").await;
    browser
        .wait_js(
            "the refusal in the error banner",
            "const e = document.getElementById('error'); return !e.hidden && e.dataset.status === '400'",
            vec![],
        )
        .await;
    let banner = browser.text("[data-testid=error]").await;
    assert!(banner.contains("already had its private reply"), "{banner}");

    let replies = app.graph.comment_replies();
    assert_eq!(replies.len(), 1, "one public reply: {replies:#?}");
    assert!(replies[0].path.ends_with("/5620_cons/comments"), "{}", replies[0].path);
    assert_eq!(replies[0].body.as_ref().unwrap()["message"], public);
    let sent = app.graph.private_replies();
    assert_eq!(sent.len(), 1, "one private reply: {sent:#?}");
    assert_eq!(sent[0].body.as_ref().unwrap()["recipient"]["comment_id"], "5620_cons");
    assert_eq!(sent[0].body.as_ref().unwrap()["message"]["text"], private);

    // Hide, after a confirmation.
    browser.click("[data-testid=comment-hide]").await;
    browser
        .wait_js(
            "the confirmation focused",
            "return document.activeElement.dataset.testid === 'comment-hide-confirm'",
            vec![],
        )
        .await;
    assert!(app.graph.hides().is_empty(), "nothing hidden before the confirmation");
    browser.click("[data-testid=comment-hide-confirm]").await;
    browser
        .wait_js("the comment hidden", "return document.querySelector('[data-testid=comment-hidden]')", vec![])
        .await;
    assert_eq!(app.graph.hides().len(), 1);
    browser.close().await;
}
