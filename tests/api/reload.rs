//! Live reload through the running server: a broken `.ftl` file is refused
//! with its file and line while the bot keeps answering with the last good
//! version; the fixed file goes live without a restart.

use std::time::Duration;

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(15);

fn reply_to(app: &TestApp, psid: &str) -> Option<String> {
    app.graph.sends().iter().find_map(|s| {
        let body = s.body.as_ref()?;
        (body["recipient"]["id"] == psid).then(|| body["message"]["text"].as_str().unwrap_or_default().to_string())
    })
}

#[tokio::test]
async fn a_broken_ftl_is_refused_live_and_the_fixed_one_goes_live() {
    let dir = tempfile::tempdir().unwrap();
    let (flows, locales) = (dir.path().join("flows"), dir.path().join("locales"));
    copy_dir(&afterhours::engine::default_dir("flows"), &flows);
    copy_dir(&afterhours::engine::default_dir("locales"), &locales);
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let bot = Bot::start_with(&redis.url(), &graph.url(), "reload-bot", &flows, &locales);
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let ask =
        |psid: &str, mid: &str| messenger_text(NL_PAGE, psid, mid, ts(0), "Hallo, hoe laat gaan jullie morgen open?");

    assert_eq!(app.post_signed(&ask("psid-1", "m1")).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    assert!(reply_to(&app, "psid-1").unwrap().contains("Automatisch bericht van Northwind"));

    // A translator saves a broken file: an unclosed placeable.
    let file = locales.join("nl").join("main.ftl");
    let good = std::fs::read_to_string(&file).unwrap();
    let line_of_label = good.lines().position(|l| l.starts_with("automated-label")).unwrap() + 1;
    let broken = good.replace("automated-label = 🤖 Automatisch bericht", "automated-label = 🤖 { Automatisch bericht");
    std::fs::write(&file, broken).unwrap();
    wait_until("the broken file is refused", WAIT, || app.bot.logs().contains("reload refused")).await;
    let logs = app.bot.logs();
    assert!(
        logs.contains(&format!("main.ftl:{line_of_label}:")),
        "the refusal names the file and line {line_of_label}:\n{logs}"
    );

    // The bot still answers, with the last good version.
    assert_eq!(app.post_signed(&ask("psid-2", "m2")).await.status(), 200);
    app.graph.wait_for_sends(2, WAIT).await;
    assert!(reply_to(&app, "psid-2").unwrap().contains("Automatisch bericht van Northwind"));

    // Fixed, with a new wording: live without a restart.
    std::fs::write(&file, good.replace("Automatisch bericht van Northwind", "Automatisch antwoord van Northwind"))
        .unwrap();
    wait_until("the fixed file is live", WAIT, || app.bot.logs().contains("the new version is live")).await;
    assert_eq!(app.post_signed(&ask("psid-3", "m3")).await.status(), 200);
    app.graph.wait_for_sends(3, WAIT).await;
    assert!(
        reply_to(&app, "psid-3").unwrap().contains("Automatisch antwoord van Northwind"),
        "{:?}",
        reply_to(&app, "psid-3")
    );
}
