//! How a run went, as the process's exit code: one type, mapped to numbers in one place.

use std::process::ExitCode;

/// How a run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Everything went through (`0`).
    Success,
    /// Some inputs were rejected or invalid; the rest were still processed and written (`1`).
    Rejected,
    /// Usage, framework, template or output error: nothing (or not everything) could be done
    /// (`2`).
    Failure,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Rejected => 1,
            ExitStatus::Failure => 2,
        })
    }
}

impl ExitStatus {
    /// `Rejected` when something given was not used, else `Success`.
    pub(crate) fn lost(lost_anything: bool) -> ExitStatus {
        if lost_anything {
            ExitStatus::Rejected
        } else {
            ExitStatus::Success
        }
    }
}
