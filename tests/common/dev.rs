// Shared by the test files that read the DEV pastes (`include!`d, like common/wasm.rs).

/// The DEV pastes (`../shared/data/boilerplate/*/paste.txt`), sorted; `None` (and a printed
/// reason) when ../shared is absent.
fn dev_pastes() -> Option<Vec<std::path::PathBuf>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/boilerplate");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: ../shared absent");
        return None;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("paste.txt"))
        .filter(|p| p.exists())
        .collect();
    paths.sort();
    Some(paths)
}
