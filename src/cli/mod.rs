//! The commands of the binary.

pub mod chat;
pub mod coverage;
pub mod dead;
pub mod eval;
pub mod healthcheck;
pub mod holidays;
pub mod locales;
pub mod preview;
pub mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::Engine;

#[derive(Debug, Parser)]
#[command(name = "afterhours", version, about = "The after-hours care bot for Messenger, Instagram and WhatsApp")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

pub use crate::config::ContentArgs;

impl ContentArgs {
    /// The engine of these directories, or every problem found in them.
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
    /// For operators: list, replay or purge the dead-letter log (REDIS_URL).
    Dead(dead::DeadArgs),
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
        Command::Dead(args) => dead::run(args),
        Command::Holidays(args) => holidays::run(args),
    }
}
