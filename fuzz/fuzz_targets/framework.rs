//! The framework loader on arbitrary text: it must return a framework or problems, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = smartcity::framework::parse(Path::new("fuzz.toml"), src);
    }
});
