//! Indicator frameworks: the model, the TOML loader and the built-in frameworks.

mod answer_sets;
mod bounds;
mod builtin;
mod checker;
mod load;
mod model;
mod options_typed;
mod raw;
mod tree;

pub use builtin::{BUILTIN, DEFAULT_FRAMEWORK, builtin, resolve};
pub(crate) use load::hex;
pub use load::{MAX_FRAMEWORK_BYTES, load_file, parse};
pub use model::*;

#[cfg(test)]
mod tests;
