//! Live reload of `flows/` and `locales/`: a change on disk (or SIGHUP) is
//! checked exactly as `afterhours locales check` checks it; a change with
//! errors is refused and the bot keeps serving the last good version; a good
//! change goes live for the next event, with no restart.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tokio::sync::watch;

use super::CoreHandle;
use crate::engine::Engine;
use crate::i18n::check::{check, Severity};

/// What a reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// The new version is live.
    Applied,
    /// Refused; each line is one problem (`file:line:column: message`).
    Refused(Vec<String>),
}

/// Checks and loads the files; puts them live only when nothing is wrong.
pub fn reload(core: &CoreHandle, flows: &Path, locales: &Path) -> Reload {
    let report = check(locales, flows);
    if report.has_errors() {
        return Reload::Refused(
            report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.to_string()).collect(),
        );
    }
    match Engine::load(flows, locales) {
        Ok(engine) => {
            engine.warm_up(chrono::Utc::now());
            core.replace(engine);
            Reload::Applied
        }
        Err(e) => Reload::Refused(e.0),
    }
}

/// Every file under the directories with its size and modification time:
/// when this changes, something was edited, added or removed.
fn fingerprint(dirs: &[&Path]) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else {
                out.push((path, meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// Watches the directories (polling every `every`, which also works on
/// mounted volumes where change notifications do not) and SIGHUP, until
/// `shutdown` turns true.
pub async fn watch_files(
    core: CoreHandle,
    flows: PathBuf,
    locales: PathBuf,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut seen = fingerprint(&[&flows, &locales]);
    #[cfg(unix)]
    let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    loop {
        #[cfg(unix)]
        let hangup = async {
            match hup.as_mut() {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let hangup = std::future::pending::<()>();
        let forced = tokio::select! {
            _ = tokio::time::sleep(every) => false,
            _ = hangup => true,
            _ = shutdown.changed() => return,
        };
        let now = fingerprint(&[&flows, &locales]);
        if now == seen && !forced {
            continue;
        }
        seen = now;
        let (flows, locales, core) = (flows.clone(), locales.clone(), core.clone());
        // Loading builds detectors and parses every file: off the async threads.
        let outcome = tokio::task::spawn_blocking(move || reload(&core, &flows, &locales)).await;
        match outcome {
            Ok(Reload::Applied) => tracing::info!(forced, "flows and locales reloaded: the new version is live"),
            Ok(Reload::Refused(problems)) => {
                for p in &problems {
                    tracing::error!(problem = %p, "reload refused");
                }
                tracing::error!(
                    count = problems.len(),
                    "reload refused: still serving the last good flows and locales; fix the files and save again"
                );
            }
            Err(e) => tracing::error!(error = %e, "reload failed"),
        }
    }
}
