//! The `pantau` binary's edge: parse the command line, start logging and the runtime, turn the outcome into an
//! exit code.

use std::process::ExitCode;

use clap::Parser;
use server::cli::{run, Cli};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    // Wrong usage exits here with code 2 (clap's convention and interfaces.md's).
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("PANTAU_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("pantau: cannot start the async runtime: {err}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pantau: {err:#}");
            ExitCode::from(err.exit_code())
        }
    }
}
