//! Keeping the promise: a watcher that raises every case whose customer
//! still waits for a person past the time due (plus a grace), claimed or
//! not, once per response timer: a log line, a metric, and a small JSON
//! alert POSTed to the operator's URL (a chat tool's incoming webhook, for
//! instance). It also counts, once per case, the windows that closed
//! before a person answered.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio::sync::watch;

use super::care::Care;
use super::lock::lock;

/// The pause between two chunks of records a sweep reads: a queue of
/// thousands is read over a second or so instead of in one burst that would
/// hold the replies going out meanwhile.
const PACE: Duration = Duration::from_millis(5);

/// How long an alert POST may take.
const ALERT_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Watcher {
    pub care: Arc<Care>,
    pub alert_url: Option<String>,
    pub every: Duration,
    pub http: reqwest::Client,
}

impl Watcher {
    pub fn new(care: Arc<Care>, alert_url: Option<String>, every: Duration) -> Self {
        let http = reqwest::Client::builder().timeout(ALERT_TIMEOUT).build().unwrap_or_default();
        Self { care, alert_url, every, http }
    }

    /// Looks every `every` until `shutdown` turns true. Each look runs in a
    /// task of its own: a panic costs that look, and the next one comes.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let watcher = Arc::new(self);
        loop {
            tokio::select! {
                _ = tokio::time::sleep(watcher.every) => {}
                _ = shutdown.changed() => return,
            }
            let this = watcher.clone();
            match tokio::spawn(async move { this.sweep().await }).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "overdue watcher: could not look at the cases"),
                Err(e) => tracing::error!(error = %e, "overdue watcher: a look panicked; looking again next time"),
            }
        }
    }

    /// Raises the overdue cases not raised yet; answers how many.
    pub async fn sweep(&self) -> Result<usize, super::care::CareError> {
        let mut raised = 0;
        let sweep = self.care.overdue(PACE).await?;
        for (id, channel) in sweep.windows_missed {
            if self.mark_window_missed(id).await? {
                metrics::counter!("afterhours_windows_closed_unanswered_total", "channel" => channel.clone())
                    .increment(1);
                tracing::warn!(case = id, channel = %channel, "reply window closed before a person answered");
            }
        }
        for view in sweep.overdue {
            let Ok(id) = view.id.parse::<u64>() else { continue };
            if self.mark(id).await? {
                raised += 1;
                metrics::counter!("afterhours_overdue_cases_total", "team" => view.team.clone()).increment(1);
                metrics::counter!("afterhours_promises_total", "outcome" => "broken").increment(1);
                tracing::warn!(
                    case = id,
                    team = %view.team,
                    channel = %view.channel,
                    language = ?view.language,
                    due_at = %view.due_at,
                    "case overdue: the promised time passed and nobody has answered"
                );
                if let Some(url) = &self.alert_url {
                    let body = json!({
                        "type": "case_overdue",
                        "case": view.id,
                        "team": view.team,
                        "channel": view.channel,
                        "language": view.language,
                        "priority": view.priority,
                        "kind": view.kind,
                        "customer_name": view.customer.name,
                        "promised_at": view.promised_at,
                        "due_at": view.due_at,
                        "text": format!("Case {} ({}, {}) is overdue: due {}", view.id, view.team, view.priority, view.due_at),
                    });
                    match self.http.post(url).json(&body).send().await {
                        Ok(r) if r.status().is_success() => {}
                        Ok(r) => {
                            tracing::warn!(case = id, status = %r.status(), "overdue alert refused by its receiver")
                        }
                        Err(e) => tracing::warn!(case = id, error = %e, "overdue alert could not be sent"),
                    }
                }
            }
        }
        Ok(raised)
    }

    /// Records the alert on the case, once per response timer.
    async fn mark(&self, id: u64) -> Result<bool, super::care::CareError> {
        let grace = self.care.grace;
        self.mark_once(id, |case, now| {
            if case.alerted_at.is_some() || !case.is_overdue(now, grace) {
                return false;
            }
            case.alerted_at = Some(now);
            case.log(now, "bot", "overdue", Some("the promised time passed; alert sent".into()));
            true
        })
        .await
    }

    /// Records, once per case, that the customer's window closed before a
    /// person answered.
    async fn mark_window_missed(&self, id: u64) -> Result<bool, super::care::CareError> {
        self.mark_once(id, |case, now| {
            if case.window_missed_at.is_some() || !case.window_missed(now) {
                return false;
            }
            case.window_missed_at = Some(now);
            let after = if case.can_reopen {
                "only a template can reach the customer"
            } else {
                "the customer must write again"
            };
            case.log(now, "bot", "window closed", Some(format!("nobody answered in time; {after}")));
            true
        })
        .await
    }

    /// Runs `change` on open case `id` under its conversation's lock and
    /// saves when it changed something: several processes may look at the
    /// same moment; the lock lets one of them do it.
    async fn mark_once(
        &self,
        id: u64,
        change: impl FnOnce(&mut super::cases::Case, chrono::DateTime<chrono::Utc>) -> bool,
    ) -> Result<bool, super::care::CareError> {
        let store = self.care.store.as_ref();
        let Some(key) = store.case_location(id).await? else { return Ok(false) };
        let held = lock(&self.care.store, &key, Duration::from_secs(2)).await?;
        let work = async {
            let Some(mut conv) = store.load(&key).await? else { return Ok(false) };
            let now = self.care.clock.now();
            let Some(case) = conv.case.as_mut().filter(|c| c.id == id) else { return Ok(false) };
            if !change(case, now) {
                return Ok(false);
            }
            store.save(&conv).await?;
            Ok(true)
        };
        let result = held.while_held(work).await;
        held.release().await;
        result
    }
}
