//! Any bytes Meta (or anyone who gets past the signature check) could POST: `parse_webhook`
//! must return `Ok` or `Err`, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match afterhours::channels::meta::parse_webhook(data) {
        Ok(events) => {
            // Formatting walks every field the parser filled in.
            let _ = format!("{events:?}");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
