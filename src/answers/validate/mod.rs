//! Region-years → submissions: every answer understood against the framework (option codes or
//! labels in either language, numbers, N/A), the region from the official list, the year, the
//! framework claimed, and what is missing — or a problem naming the cell.

mod builder;
mod checks;
mod entry;
mod identity;
mod mode;
mod value;
mod verified;

pub(crate) use builder::Builder;
pub(crate) use entry::{AnswerCache, AnswerRow, Entry, Reading};
pub use identity::YEARS;
pub(crate) use identity::{Identity, Located};
pub use mode::{Detail, Mode};
pub(crate) use value::expected;
pub use value::interpret;
pub(crate) use verified::{VerifiedRow, differs_from_own_file};
