//! The commands of the binary.

pub mod chat;
pub mod coverage;
pub mod eval;
pub mod healthcheck;
pub mod holidays;
pub mod locales;
pub mod preview;
pub mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::{default_dir, Engine};

#[derive(Debug, Parser)]
#[command(name = "afterhours", version, about = "The after-hours care bot for Messenger, Instagram and WhatsApp")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the configuration lives; shared by every command.
#[derive(Debug, Clone, clap::Args)]
pub struct ContentArgs {
    /// The flows directory (teams, hours, languages, intents, word lists).
    #[arg(long, env = "AFTERHOURS_FLOWS", value_name = "DIR")]
    pub flows: Option<PathBuf>,
    /// The locales directory (`<lang>/*.ftl`).
    #[arg(long, env = "AFTERHOURS_LOCALES", value_name = "DIR")]
    pub locales: Option<PathBuf>,
}

impl ContentArgs {
    pub fn flows_dir(&self) -> PathBuf {
        self.flows.clone().unwrap_or_else(|| default_dir("flows"))
    }

    pub fn locales_dir(&self) -> PathBuf {
        self.locales.clone().unwrap_or_else(|| default_dir("locales"))
    }

    pub fn load(&self) -> anyhow::Result<Engine> {
        let flows = self.flows_dir();
        let locales = self.locales_dir();
        Engine::load(&flows, &locales).map_err(|e| {
            anyhow::anyhow!(
                "the configuration has problems:\n{e}\n(flows: {}, locales: {})",
                flows.display(),
                locales.display()
            )
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show exactly what a customer would receive, with no network.
    Preview(preview::PreviewArgs),
    /// Receive Meta's webhooks and answer customers (Redis with REDIS_URL).
    Serve(Box<crate::config::ServeArgs>),
    /// Talk to the bot in the terminal, through the same pipeline as a webhook.
    Chat(chat::ChatArgs),
    /// Score a labelled corpus of DMs (JSON lines, or a directory of them).
    Eval(eval::EvalArgs),
    /// The translators' tools: check, status, accept, render.
    Locales(locales::LocalesArgs),
    /// For care leads: the hours of a week with nobody who speaks each language.
    Coverage(coverage::CoverageArgs),
    /// For care leads: a team's closed days of a year (holidays, half days).
    Holidays(holidays::HolidaysArgs),
    /// Ask a running server's /healthz; exit 0 when it answers 200 (for containers).
    Healthcheck(healthcheck::HealthcheckArgs),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Preview(args) => preview::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Serve(args) => serve::run(*args),
        Command::Chat(args) => chat::run(args),
        Command::Locales(args) => locales::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Healthcheck(args) => healthcheck::run(args),
        Command::Holidays(args) => holidays::run(args),
    }
}
