//! How strict validation is: scoring takes what it can, checking asks for everything.

/// How strict validation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Scoring: a blank required answer is a warning (it scores the bottom of the scale), and a
    /// questionnaire of another framework version is scored with a warning.
    Score,
    /// Checking a questionnaire before it is sent: both are errors to fix, and incomplete
    /// identity, many N/A answers and missing evidence are warned about.
    Check,
}
