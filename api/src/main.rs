//! The `gonghui` binary: parse the command line and dispatch.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = gonghui_api::cli::Cli::parse();
    match gonghui_api::cli::dispatch(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gonghui: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
