//! `serve` refuses to start on wrong settings and names them; `chat` talks
//! through the same pipeline as a webhook, with no Meta and no Redis.

use std::io::Write;
use std::process::{Command, Stdio};

fn afterhours() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_afterhours"));
    c.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
    c
}

#[test]
fn serve_without_settings_names_every_missing_variable() {
    let out = afterhours().arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["META_APP_SECRET", "META_VERIFY_TOKEN", "META_PAGE_ACCESS_TOKEN"] {
        assert!(err.contains(name), "`{name}` not named in:\n{err}");
    }
}

#[test]
fn serve_with_wrong_values_names_them_and_never_prints_a_secret() {
    let out = afterhours()
        .arg("serve")
        .env("META_APP_SECRET", "s3cr3t-app")
        .env("META_VERIFY_TOKEN", "v")
        .env("META_PAGE_ACCESS_TOKEN", "EAAsecretpagetoken")
        .env("META_ACCOUNT_TOKENS", "123=EAAok,EAAsecretwithoutid")
        .env("BIND_ADDR", "localhost:eighty")
        .env("META_GRAPH_URL", "graph.facebook.com")
        .env("REDIS_URL", "mysql://db")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["BIND_ADDR", "META_GRAPH_URL", "REDIS_URL", "META_ACCOUNT_TOKENS: pair 2"] {
        assert!(err.contains(name), "`{name}` not named in:\n{err}");
    }
    for secret in ["s3cr3t-app", "EAAsecretpagetoken", "EAAsecretwithoutid", "EAAok"] {
        assert!(!err.contains(secret), "a secret leaked: {err}");
    }
}

#[test]
fn serve_says_when_redis_cannot_be_reached() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = afterhours()
        .arg("serve")
        .env("META_APP_SECRET", "s")
        .env("META_VERIFY_TOKEN", "v")
        .env("META_PAGE_ACCESS_TOKEN", "t")
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("REDIS_URL", format!("redis://:pa55word@127.0.0.1:{port}/"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("REDIS_URL"), "{err}");
    assert!(!err.contains("pa55word"), "the Redis password leaked: {err}");
}

#[test]
fn chat_answers_in_the_customers_language_and_says_nothing_survives() {
    let mut child = afterhours()
        .args(["chat", "--at", "2026-11-28T02:00:00+01:00", "--name", "Kasia", "--channel", "instagram"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("/help\nDzień dobry, paczka przyszła uszkodzona, co mam zrobić?\n/state\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("bot> "), "{stdout}");
    assert!(stdout.contains("Kasia"), "{stdout}");
    assert!(stdout.contains("Automatyczna odpowiedź"), "{stdout}");
    assert!(stdout.contains("\"kind\": \"complaint\""), "/state shows the reading: {stdout}");
    // The first ten minutes: the local time of --at, no Redis warning, and /help is no message.
    assert!(stderr.contains("Sat 28 Nov 2026 02:00 +01:00"), "{stderr}");
    assert!(stderr.contains("nothing is kept after you quit"), "{stderr}");
    assert!(!stderr.contains("REDIS_URL") && !stderr.contains("WARN"), "{stderr}");
    assert!(stderr.contains("/state shows"), "{stderr}");
    assert!(!stdout.contains("/help"), "/help is not stored as the customer's words: {stdout}");
    assert_eq!(stdout.matches("\"author\": \"customer\"").count(), 1, "{stdout}");
}
