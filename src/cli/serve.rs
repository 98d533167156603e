//! `afterhours serve`: the webhook server and its workers.

use std::process::ExitCode;

use crate::config::ServeArgs;
use crate::startup::{shutdown_signal, Application};

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let settings = match args.settings() {
        Ok(s) => s,
        Err(problems) => {
            eprintln!("error: afterhours serve cannot start:");
            for p in problems {
                eprintln!("  - {p}");
            }
            eprintln!("(see the README's configuration table, or `afterhours serve --help`)");
            return Ok(ExitCode::from(2));
        }
    };
    crate::telemetry::init(&args.log_format, "info");
    let runtime = match args.threads {
        1 => tokio::runtime::Builder::new_current_thread().enable_all().build()?,
        0 => tokio::runtime::Builder::new_multi_thread().enable_all().build()?,
        n => tokio::runtime::Builder::new_multi_thread().worker_threads(n).enable_all().build()?,
    };
    runtime.block_on(async move {
        let app = Application::build(settings).await?;
        app.run_until_stopped(shutdown_signal()).await
    })?;
    Ok(ExitCode::SUCCESS)
}
