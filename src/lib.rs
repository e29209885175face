//! smartcity: smart-city maturity self-assessment for Indonesian regions.
//!
//! The data flows one way, and the modules follow it:
//! [`framework`] (indicator frameworks from TOML) → [`answers`] (spreadsheets and CSV read,
//! laid out and validated into [`submission::Submission`]s) → [`scoring`] (indicator, dimension,
//! component and index scores) → [`compare`] (years, improvement, ranks, peer groups) →
//! [`report`] (table, CSV, JSON, HTML pages, workbook). [`submission`] is the answer model every
//! stage shares; [`diagnostics`] carries every problem found on the way, with file, sheet and
//! cell; [`text`] the two languages. [`template`] writes the questionnaire workbooks.
//!
//! [`assess`] runs the pipeline from files to ranked results in one call; the `smartcity`
//! command is argument handling and printing around it.
//!
//! ```
//! use smartcity::{Inputs, Options, assess, framework};
//! use std::path::PathBuf;
//!
//! let fw = framework::resolve(None).expect("the default framework is valid");
//! let folder = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/questionnaires"));
//! let assessment = assess(&fw, Inputs::collect(&[folder]), &Options::default());
//!
//! assert!(!assessment.lost_anything());
//! for entry in &assessment.comparison.entries {
//!     let region = &entry.submission.region;
//!     if let (Some(index), Some(rank)) = (entry.scorecard.index, entry.rank) {
//!         println!("{} {}: {index:.2} (rank {rank})", region.name, entry.submission.year);
//!     }
//! }
//! ```
//!
//! Scoring one region's answers needs no file at all:
//!
//! ```
//! use smartcity::submission::{Answer, GivenAnswer, Submission};
//! use smartcity::{framework, regions, scoring};
//! use std::path::Path;
//!
//! let toml = r#"
//! [framework]
//! id = "mini"
//! version = "1"
//! title = { id = "Mini", en = "Mini" }
//! scale = { min = 0, max = 4 }
//! levels = ["regency"]
//!
//! [answer_sets.n]
//! kind = "number"
//! min = 0
//! max = 4
//!
//! [[dimension]]
//! id = "D"
//! label = { id = "Dimensi", en = "Dimension" }
//!
//! [[indicator]]
//! id = "X"
//! parent = "D"
//! answers = "n"
//! weight = 3
//! label = { id = "x", en = "x" }
//! question = { id = "x?", en = "x?" }
//!
//! [[indicator]]
//! id = "Y"
//! parent = "D"
//! answers = "n"
//! label = { id = "y", en = "y" }
//! question = { id = "y?", en = "y?" }
//!
//! [[band]]
//! from = 0
//! to = 4
//! label = { id = "Semua", en = "All" }
//! "#;
//! let fw = framework::parse(Path::new("mini.toml"), toml).unwrap();
//! let bandung = regions::lookup("32.73").unwrap();
//! let answers = vec![
//!     Some(GivenAnswer::new(Answer::Number(4.0))),
//!     Some(GivenAnswer::new(Answer::Number(2.0))),
//! ];
//! let scorecard = scoring::score(&fw, &Submission::new(bandung, 2024, answers));
//! // (3 × 4 + 1 × 2) / 4
//! assert_eq!(scorecard.index, Some(3.5));
//! ```

// `Problem` is the error of every fallible input step and is built once per problem, never in a hot
// loop; boxing it would only add noise.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

mod assess;

pub mod analyse;
pub mod answers;
pub mod compare;
pub mod diagnostics;
pub mod framework;
pub mod regions;
pub mod report;
pub mod scoring;
pub mod submission;
pub mod template;
pub mod text;

pub use assess::{Assessment, Inputs, Options, Results, assess, assess_reporting};
