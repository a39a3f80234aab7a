//! `[build.package_opt_level]` in `wasm-pack.toml` reaches cargo: each entry becomes a
//! `--config profile.release.package.<name>.opt-level=<level>` after wasm-pack's `--`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

fn print_config(toml: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("scripts/build-wasm.sh"))
        .arg("--print-config")
        .env("WASM_PACK_TOML", toml)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_committed_package_level_reaches_cargo() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = print_config(&root.join("wasm-pack.toml"));
    assert!(
        out.contains("--no-pack -- --config profile.release.package.copydesk.opt-level=2"),
        "{out}"
    );
}

#[test]
fn levels_are_toml_values_and_the_table_is_optional() {
    let dir = std::env::temp_dir().join(format!("copydesk-package-opt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("wasm-pack.toml");
    let build = "[build]\ntarget = \"web\"\nout_dir = \"o\"\nout_name = \"n\"\nopt_level = \"s\"\n";
    std::fs::write(
        &toml,
        format!("{build}\n[build.package_opt_level]\ncopydesk = \"z\"\nregex = 3\n"),
    )
    .unwrap();
    let out = print_config(&toml);
    // A letter level is a TOML string (quoted), a digit a number.
    assert!(
        out.contains("profile.release.package.copydesk.opt-level=\"z\""),
        "{out}"
    );
    assert!(
        out.contains("--config profile.release.package.regex.opt-level=3"),
        "{out}"
    );

    std::fs::write(&toml, build).unwrap();
    let out = print_config(&toml);
    assert!(!out.contains("--config"), "{out}");
    assert!(out.contains("--no-typescript --no-pack\n"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
