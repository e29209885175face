//! Answers in: files → rows → region-years → validated [`Submission`](crate::submission::Submission)s,
//! one stage per folder, each importing only the stages before it:
//!
//! - `read`: files → rows of cells (CSV, xlsx, xlsm, xlsb, xls, ods), within limits;
//! - `layout`: rows → region-years, recognising questionnaires, long and wide tables;
//! - `validate`: region-years → submissions, every answer understood or a problem naming its cell.
//!
//! [`ingest`] runs all three over a batch of files in parallel; one bad file costs only itself.

mod ingest;
mod layout;
mod read;
mod validate;

pub use ingest::{
    Batch, collect_files, ingest, ingest_files, ingest_files_stowing, is_report_folder,
};
pub(crate) use layout::IDENTITY_VALUE_COL;
pub use read::{Cell, FileKind, file_kind, limits};
pub(crate) use validate::expected;
pub use validate::{Detail, Mode, YEARS, interpret};
