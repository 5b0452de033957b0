//! The exit codes of `sitrep`, listed in `--help` and the README.

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done; inputs that could not be read were reported and skipped.
    Success,
    /// No input could be read, or a query matched nothing.
    NothingDone,
    /// Usage error or fatal error.
    Error,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::NothingDone => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use crate::exit::Exit;

    #[test]
    fn codes_are_stable() {
        assert_eq!([Exit::Success, Exit::NothingDone, Exit::Error].map(Exit::code), [0, 1, 2]);
    }
}
