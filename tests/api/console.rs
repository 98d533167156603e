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

#[allow(dead_code)] // `text` and `screenshot` serve the flow test that needs the agent API
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

    async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
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
        self.find(css).await.text().await.unwrap_or_else(|e| panic!("text of {css}: {e}"))
    }

    async fn visible(&self, css: &str) -> bool {
        self.find(css).await.is_displayed().await.unwrap_or_else(|e| panic!("visibility of {css}: {e}"))
    }

    /// Writes `docs/<name>` when `UPDATE_SCREENSHOTS` is set.
    async fn screenshot(&self, name: &str) {
        if std::env::var_os("UPDATE_SCREENSHOTS").is_none() {
            return;
        }
        let png = self.client.screenshot().await.expect("screenshot");
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs").join(name);
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
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
    for (path, content_type) in [
        ("/console", "text/html; charset=utf-8"),
        ("/console/app.js", "text/javascript; charset=utf-8"),
        ("/console/style.css", "text/css; charset=utf-8"),
    ] {
        let res = app.http.get(app.bot.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let headers = res.headers();
        assert_eq!(headers["content-type"], content_type, "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"] {
            assert!(csp.contains(directive), "{path}: {directive} missing from {csp}");
        }
        assert!(!csp.contains("unsafe"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
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
    let stored = browser.js("return sessionStorage.length", vec![]).await;
    assert_eq!(stored, 0, "a refused token was kept");
    browser.close().await;
}
