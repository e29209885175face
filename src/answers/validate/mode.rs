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
    /// Reading last year's answers to copy them forward: as scoring, but a region-year with
    /// answers that cannot be understood keeps the ones that can (the others are reported), so
    /// three bad cells do not cost the other fifty.
    Prefill,
}

impl Mode {
    /// How much to keep with each answer when `asked` is what the caller needs: checking always
    /// keeps what was typed and where, since its messages name the cells.
    pub(crate) fn detail(self, asked: Detail) -> Detail {
        match self {
            Mode::Check | Mode::Prefill => Detail::Full,
            Mode::Score => asked,
        }
    }
}

/// How much of what was typed is kept with each answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Only the answer understood: all that scoring, a ranking table or a CSV need, in a fraction
    /// of the memory.
    Lean,
    /// What was typed, its notes and where it was, too: for JSON, reports and checks.
    Full,
}
