//! The flows loader on hostile configuration: a copy of the shipped `flows/` and `locales/` is
//! made once in a temp dir; each input's first byte picks ONE file of that copy, the rest of the
//! input replaces its content, and loading must return `Ok` or `Err` (never panic). The target
//! calls `Engine::load`, which runs `flows::load` first (its `FlowsErrors` are formatted into
//! the `LoadError`) and then the cross-checks against the locales and the Fluent parsing of the
//! `.ftl` files. The file is restored afterwards, so every input starts from the shipped
//! configuration.
//!
//! For speed the copy keeps only the English word list: compiling all twelve under the fuzzer's
//! instrumentation takes seconds per input (four took 0.7 s). A language without
//! `words/<lang>.toml` is valid configuration (it borrows the English words), so the copy still
//! loads; the other lists are the same schema and code path.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/copy_dir.rs"]
mod copy_dir;
use copy_dir::copy_dir;

/// Files the first byte chooses from (`byte % FILES.len()`), relative to the temp dir. Keep the
/// order: the seed corpus in `fuzz/corpus/flows_loader/` is prefixed with these indexes.
const FILES: &[&str] = &[
    "flows/languages.toml",
    "flows/teams.toml",
    "flows/pages.toml",
    "flows/intents.toml",
    "flows/words/en.toml",
    "locales/en/main.ftl",
    "locales/en/care.ftl",
    "locales/en/faq.ftl",
    "locales/nl/main.ftl",
];

struct Fixture {
    root: PathBuf,
    originals: Vec<Vec<u8>>,
}


fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let root = std::env::temp_dir().join(format!("afterhours-fuzz-flows-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy_dir(&repo.join("flows"), &root.join("flows"));
        copy_dir(&repo.join("locales"), &root.join("locales"));
        for entry in std::fs::read_dir(root.join("flows/words")).unwrap() {
            let path = entry.unwrap().path();
            let rel = format!("flows/words/{}", path.file_name().unwrap().to_string_lossy());
            if !FILES.contains(&rel.as_str()) {
                std::fs::remove_file(&path).unwrap();
            }
        }
        let originals = FILES.iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
        // The shipped configuration must load, or every input would fail the same way.
        afterhours::engine::Engine::load(&root.join("flows"), &root.join("locales"))
            .unwrap_or_else(|e| panic!("shipped flows do not load: {e}"));
        Fixture { root, originals }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, content)) = data.split_first() else { return };
    let fx = fixture();
    let index = usize::from(which) % FILES.len();
    let file = fx.root.join(FILES[index]);
    std::fs::write(&file, content).unwrap();

    let flows = fx.root.join("flows");
    let locales = fx.root.join("locales");
    if let Err(e) = afterhours::engine::Engine::load(&flows, &locales) {
        let _ = e.to_string();
    }

    std::fs::write(&file, &fx.originals[index]).unwrap();
});
