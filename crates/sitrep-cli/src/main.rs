//! The `sitrep` binary: parses the command line, wires the stages together, renders results and
//! turns errors into messages and exit codes. It holds no heuristics; those live in the library
//! crates, where the server and the tests reach them too.

mod cli;
mod commands;
mod eval;
mod exit;
mod pipeline;
mod render;
mod train;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Parser;

use crate::cli::{Cli, ColorChoice};
use crate::exit::Exit;
use crate::render::Style;

/// mimalloc rather than the system allocator: annotating an article makes thousands of small,
/// short-lived allocations (tokens' strings, feature buffers, spans), and glibc's malloc and free
/// took about a tenth of its instructions (callgrind).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What every command needs besides its own arguments.
pub struct Env {
    /// The store directory.
    pub data_dir: PathBuf,
    /// Styling for stdout.
    pub style: Style,
    /// Show progress and summaries on stderr.
    pub chatty: bool,
    /// Show a progress bar (stderr is a terminal and not quiet).
    pub show_progress: bool,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("SITREP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
    let env = Env {
        data_dir: cli.data.clone().unwrap_or_else(|| PathBuf::from("sitrep-data")),
        style: Style { color: use_color(cli.color) },
        chatty: !cli.quiet,
        show_progress: !cli.quiet && std::io::stderr().is_terminal(),
    };
    match commands::run(cli.command, &env) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) => {
            eprintln!("sitrep: {err:#}");
            Exit::Error.into()
        }
    }
}

/// Color only for a terminal that wants it (NO_COLOR unset or empty, TERM not dumb).
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
            let dumb = std::env::var("TERM").is_ok_and(|term| term == "dumb");
            std::io::stdout().is_terminal() && !no_color && !dumb
        }
    }
}

/// A closed pipe (`sitrep report | head`) is a normal end, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
