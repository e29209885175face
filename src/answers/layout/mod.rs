//! Rows → region-years: recognising which layout a sheet is in (questionnaire, long table, wide
//! table) from its header, then taking each row into the region-year it belongs to, as it
//! arrives.

mod extractor;
mod long;
mod questionnaire;
mod review;
mod roles;
mod sheet;
mod wide;

pub(crate) use extractor::Extractor;
pub(crate) use roles::IDENTITY_VALUE_COL;
