//! The integration tests, as one test binary: the crate and the test dependencies are linked once
//! instead of once per file. Each file of `suite/` is a module (a test is named by it, e.g.
//! `cargo test --test tests report::`); `suite/util.rs` holds what they share: the command
//! builder for the binary, fixture paths, temporary folders, the comparison with expected files
//! (`UPDATE_SNAPSHOTS=1` rewrites them) and the visible "skipped" line.
//!
//! The modules share one process: no test may change process-wide state (environment variables,
//! the current folder, rayon's global pool). Whatever a run of the binary needs is given to its
//! `Command`.

#[path = "suite/util.rs"]
mod util;

#[path = "suite/analyse.rs"]
mod analyse;
#[path = "suite/browser.rs"]
mod browser;
#[path = "suite/check.rs"]
mod check;
#[path = "suite/cli.rs"]
mod cli;
#[path = "suite/corpus.rs"]
mod corpus;
#[path = "suite/explain.rs"]
mod explain;
#[path = "suite/frameworks_next.rs"]
mod frameworks_next;
#[path = "suite/hostile.rs"]
mod hostile;
#[path = "suite/hostile_red_team.rs"]
mod hostile_red_team;
#[path = "suite/hostile_report.rs"]
mod hostile_report;
#[path = "suite/hostile_smaller.rs"]
mod hostile_smaller;
#[path = "suite/ingest.rs"]
mod ingest;
#[path = "suite/layers.rs"]
mod layers;
#[path = "suite/properties.rs"]
mod properties;
#[path = "suite/report.rs"]
mod report;
#[path = "suite/report_scale.rs"]
mod report_scale;
#[path = "suite/review_report.rs"]
mod review_report;
#[path = "suite/template.rs"]
mod template;
#[path = "suite/template_roundtrip.rs"]
mod template_roundtrip;
#[path = "suite/usage.rs"]
mod usage;
#[path = "suite/verification.rs"]
mod verification;
