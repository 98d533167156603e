//! `afterhours locales check | status | accept | render`: the translators'
//! tools, printing what `i18n::check` and `i18n::status` find as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};

use crate::domain::Lang;
use crate::engine::default_dir;
use crate::i18n::check::{check, Severity};
use crate::i18n::examples::examples;
use crate::i18n::source::SourceLocale;
use crate::i18n::status::{accept, status, LocaleStatus, LOCK_FILE};
use crate::i18n::Catalog;

#[derive(Debug, clap::Args)]
pub struct LocalesArgs {
    #[command(subcommand)]
    pub command: LocalesCommand,
}

/// Where the locales and flows live; shared by the subcommands.
#[derive(Debug, Clone, clap::Args)]
pub struct Dirs {
    /// The locales directory (`<lang>/*.ftl`); default `./locales`.
    #[arg(value_name = "DIR", env = "AFTERHOURS_LOCALES")]
    pub dir: Option<PathBuf>,
    /// The flows directory (languages, intents, word lists); default `./flows`.
    #[arg(long, env = "AFTERHOURS_FLOWS", value_name = "DIR")]
    pub flows: Option<PathBuf>,
}

impl Dirs {
    fn locales(&self) -> PathBuf {
        self.dir.clone().unwrap_or_else(|| default_dir("locales"))
    }

    fn flows(&self) -> PathBuf {
        self.flows.clone().unwrap_or_else(|| default_dir("flows"))
    }
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum LocalesCommand {
    /// Check every .ftl file: syntax, missing and extra messages, variables,
    /// plural forms, messages the bot uses. Exit 1 on errors, 0 with warnings only.
    Check {
        #[command(flatten)]
        dirs: Dirs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Per locale: translated, missing (falls back to the reference), stale
    /// (the reference changed since the translation was confirmed).
    Status {
        #[command(flatten)]
        dirs: Dirs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Also list the ids behind each count.
        #[arg(long)]
        verbose: bool,
    },
    /// Confirm a locale's translations against the reference as it is now
    /// (writes `locales/<lang>/sources.lock`): all messages, or only those named.
    Accept {
        lang: String,
        /// A message id to confirm (repeatable); default: every message the locale defines.
        #[arg(long = "message", short = 'm', value_name = "ID")]
        ids: Vec<String>,
        #[command(flatten)]
        dirs: Dirs,
    },
    /// Every message of a locale rendered with example values, beside the reference.
    Render {
        lang: String,
        #[command(flatten)]
        dirs: Dirs,
    },
}

pub fn run(args: LocalesArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        LocalesCommand::Check { dirs, format } => run_check(&dirs, format),
        LocalesCommand::Status { dirs, format, verbose } => run_status(&dirs, format, verbose),
        LocalesCommand::Accept { lang, ids, dirs } => {
            let (path, changed) = accept(&dirs.locales(), &dirs.flows(), &lang, &ids)?;
            println!("{}: {changed} confirmation(s) recorded", path.display());
            Ok(ExitCode::SUCCESS)
        }
        LocalesCommand::Render { lang, dirs } => run_render(&dirs, &lang),
    }
}

fn run_check(dirs: &Dirs, format: Format) -> anyhow::Result<ExitCode> {
    let report = check(&dirs.locales(), &dirs.flows());
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => {
            for f in &report.findings {
                println!("{f}");
            }
            println!(
                "{} error(s), {} warning(s){}",
                report.errors(),
                report.warnings(),
                if report.has_errors() {
                    ": errors break replies or drop what the customer must know; fix them before shipping"
                } else if report.warnings() > 0 {
                    ": warnings only (customers get the reference text there)"
                } else {
                    ""
                }
            );
        }
    }
    Ok(if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_status(dirs: &Dirs, format: Format, verbose: bool) -> anyhow::Result<ExitCode> {
    let report = status(&dirs.locales(), &dirs.flows());
    if let Format::Json = format {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("locale  translated  missing  stale  unconfirmed  extra");
    for l in &report.locales {
        if l.is_reference {
            println!("{:<6}  {:>10}  (reference)", l.lang, format!("{}/{}", l.translated, l.total));
            continue;
        }
        println!(
            "{:<6}  {:>10}  {:>7}  {:>5}  {:>11}  {:>5}",
            l.lang,
            format!("{}/{}", l.translated, l.total),
            l.missing.len(),
            l.stale.len(),
            l.unconfirmed.len(),
            l.extra.len()
        );
        if verbose {
            print_ids(l);
        }
    }
    println!(
        "missing: customers get the `{r}` text. stale: `{r}` changed since the translation was confirmed \
         ({LOCK_FILE}); review, then `afterhours locales accept <lang> [--message ID]...`.",
        r = report.reference
    );
    Ok(ExitCode::SUCCESS)
}

fn print_ids(l: &LocaleStatus) {
    for (what, ids) in
        [("missing", &l.missing), ("stale", &l.stale), ("unconfirmed", &l.unconfirmed), ("extra", &l.extra)]
    {
        if !ids.is_empty() {
            println!("        {what}: {}", ids.join(", "));
        }
    }
}

fn run_render(dirs: &Dirs, lang: &str) -> anyhow::Result<ExitCode> {
    let locales_dir = dirs.locales();
    let flows = crate::i18n::check::FlowsView::read(&dirs.flows());
    let reference = Lang::parse(flows.reference()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let target = Lang::parse(lang).map_err(|e| anyhow::anyhow!("{e}"))?;
    let catalog = Catalog::load(&locales_dir, &[reference, target], reference).map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        anyhow::anyhow!("the locale cannot be loaded (run `afterhours locales check`):\n{}", lines.join("\n"))
    })?;
    let st = status(&locales_dir, &dirs.flows());
    let ours = st.locales.iter().find(|l| l.lang == target.as_str()).context("no such locale")?;
    let source_ref = SourceLocale::read(&locales_dir, reference.as_str());
    let source_ours = SourceLocale::read(&locales_dir, target.as_str());
    let ours_msgs = source_ours.messages();
    let width = reference.as_str().len().max(target.as_str().len());
    let mut out = format!(
        "{target}: every message with example values (Monday 4 January 2027, back tomorrow at 08:30), beside `{reference}`\n"
    );
    let mut ordered = source_ref.ordered();
    ordered.extend(source_ours.ordered().into_iter().filter(|m| !source_ref.messages().contains_key(m.id.as_str())));
    for m in ordered {
        let id = m.id.as_str();
        let mark = if ours.missing.iter().any(|x| x == id) {
            "  [missing: customers get the reference text]"
        } else if ours.stale.iter().any(|x| x == id) {
            "  [stale: the reference changed since this was confirmed]"
        } else if ours.unconfirmed.iter().any(|x| x == id) {
            "  [unconfirmed]"
        } else if ours.extra.iter().any(|x| x == id) {
            "  [extra: the reference has no such message]"
        } else {
            ""
        };
        out += &format!("\n{id}{mark}\n");
        let mut vars: Vec<String> = m.variables.iter().cloned().collect();
        if let Some((_, t)) = ours_msgs.get(id) {
            vars.extend(t.variables.iter().cloned());
        }
        vars.sort();
        vars.dedup();
        let sides =
            if target == reference { vec![(reference, false)] } else { vec![(reference, false), (target, true)] };
        for (l, exact) in sides {
            let shown: Vec<String> = examples(&catalog, l, id, &vars)
                .into_iter()
                .map(|e| {
                    let text =
                        if exact { catalog.format_exact(l, id, &e.args) } else { catalog.format(l, id, &e.args) };
                    let text = text.unwrap_or_else(|| "—".into());
                    if e.label.is_empty() {
                        text
                    } else {
                        format!("{}: {text}", e.label)
                    }
                })
                .collect();
            out += &format!("  {:<width$}  {}\n", l.as_str(), pack(&shown, &" ".repeat(width + 4)));
        }
    }
    let failing: Vec<_> = check(&locales_dir, &dirs.flows())
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error && f.file.starts_with(locales_dir.join(target.as_str())))
        .collect();
    if !failing.is_empty() {
        out += &format!("\n{} error(s) in `{target}`: run `afterhours locales check`\n", failing.len());
    }
    write_out(&out)
}

/// Examples side by side, ` · ` between them, wrapped at about 110 columns.
fn pack(items: &[String], indent: &str) -> String {
    let mut lines: Vec<String> = vec![];
    for item in items {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 3 + item.chars().count() <= 110 => {
                line.push_str(" · ");
                line.push_str(item);
            }
            _ => lines.push(item.clone()),
        }
    }
    lines.join(&format!("\n{indent}"))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_out(s: &str) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(s.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        crate::cli::Cli::command().debug_assert();
    }
}
