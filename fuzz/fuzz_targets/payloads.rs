//! Arbitrary bytes as JSON through every type of `realtime-types` and
//! `realtime-types-2026`: parse, validate, serialize, parse back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = realtime_fuzz::payloads::parse_each(bytes);
});
