//! smartcity: smart-city maturity self-assessment for Indonesian regions.
//!
//! The data flows one way, and the modules follow it:
//! [`framework`] (indicator frameworks from TOML) → [`answers`] (spreadsheets and CSV into
//! validated submissions) → [`scoring`] (indicator, dimension, component and index scores) →
//! [`compare`] (years, improvement, ranks, peer groups) → [`report`] (table, CSV, JSON).
//! [`diagnostics`] carries every problem found on the way, with file, sheet and cell.

// `Problem` is the error of every fallible input step and is built once per problem, never in a hot
// loop; boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod answers;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod diagnostics;
pub mod framework;
pub mod regions;
pub mod report;
pub mod scoring;
pub mod submission;
pub mod template;
pub mod text;
