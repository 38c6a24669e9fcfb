//! The `pantau` binary's edge: parse the command line, start logging and the runtime, turn the outcome into an
//! exit code.

use std::process::ExitCode;

use clap::Parser;
use server::cli::{run, Cli};
use tracing_subscriber::EnvFilter;

/// Large blocks go straight back to the system when freed. glibc raises its mmap threshold after the first free of
/// a large block, so later blocks up to 32 MiB come from its arenas and stay there: each argon2 hash takes a
/// 19 MiB block, and a sign-in flood left the server at 429 MB with only two hashes ever running at once
/// (issue #14's soak). A fixed threshold of 1 MiB keeps the peak near what is really in use.
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn main() -> ExitCode {
    return_large_blocks_to_the_system();
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

/// mimalloc for Rust's allocations (issue #21): an import validates each batch on one thread and stores and frees it
/// on others, and glibc's malloc and free were two fifths of the storing thread's samples at `--scale 10` (another
/// arena's blocks freed, `malloc_consolidate`); with mimalloc the import took 38.5 s against 42.7 s, 8 s less user
/// time. (Tried on 2026-12-03 before batches were validated ahead: no change beyond that day's spread.) SQLite's own
/// allocations stay with glibc: mimalloc's `override` of malloc for them too gained nothing measurable and took the
/// import's peak from 205 MB to 277 MB. The `mallopt` above still bounds what glibc keeps.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
