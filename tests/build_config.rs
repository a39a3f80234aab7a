//! wasm-pack reads no `wasm-pack.toml`; `scripts/build-wasm.sh` does. These tests prove the
//! file is read: changing it changes the build commands, and a broken file stops the build.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

fn print_config(toml: &Path) -> (bool, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("scripts/build-wasm.sh"))
        .arg("--print-config")
        .env("WASM_PACK_TOML", toml)
        .output()
        .expect("bash runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_committed_settings_reach_the_build_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (ok, out, err) = print_config(&root.join("wasm-pack.toml"));
    assert!(ok, "{err}");
    assert!(out.contains("--target web"), "{out}");
    assert!(out.contains("--out-dir www/pkg"), "{out}");
    assert!(out.contains("--out-name copydesk"), "{out}");
    assert!(out.contains("wasm-opt -O"), "{out}");
}

#[test]
fn other_settings_give_other_commands() {
    let dir = std::env::temp_dir().join(format!("copydesk-build-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("wasm-pack.toml");
    std::fs::write(
        &toml,
        "[build]\ntarget = \"nodejs\"\nout_dir = \"elsewhere/pkg\"\nout_name = \"cd\"\nopt_level = \"z\"\n\n[wasm-opt]\nargs = [\"-Oz\"]\n",
    )
    .unwrap();
    let (ok, out, err) = print_config(&toml);
    assert!(ok, "{err}");
    assert!(out.contains("CARGO_PROFILE_RELEASE_OPT_LEVEL=z"), "{out}");
    assert!(
        out.contains("--target nodejs --out-dir elsewhere/pkg --out-name cd"),
        "{out}"
    );
    assert!(
        out.contains("wasm-opt -Oz elsewhere/pkg/cd_bg.wasm"),
        "{out}"
    );

    std::fs::write(&toml, "[build]\ntarget = \"web\"\n").unwrap();
    let (ok, _, err) = print_config(&toml);
    assert!(!ok, "a settings file without out_dir must stop the build");
    assert!(err.contains("lacks out_dir"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_committed_package_level_reaches_cargo() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (ok, out, err) = print_config(&root.join("wasm-pack.toml"));
    assert!(ok, "{err}");
    assert!(
        out.contains("--no-pack -- --config profile.release.package.copydesk.opt-level=2"),
        "{out}"
    );
}

/// `[build.package_opt_level]` reaches cargo: each entry becomes a
/// `--config profile.release.package.<name>.opt-level=<level>` after wasm-pack's `--`.
#[test]
fn package_levels_are_toml_values_and_the_table_is_optional() {
    let dir = std::env::temp_dir().join(format!("copydesk-package-opt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("wasm-pack.toml");
    let build = "[build]\ntarget = \"web\"\nout_dir = \"o\"\nout_name = \"n\"\nopt_level = \"s\"\n";
    std::fs::write(
        &toml,
        format!("{build}\n[build.package_opt_level]\ncopydesk = \"z\"\nregex = 3\n"),
    )
    .unwrap();
    let (ok, out, err) = print_config(&toml);
    assert!(ok, "{err}");
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
    let (ok, out, err) = print_config(&toml);
    assert!(ok, "{err}");
    assert!(!out.contains("--config"), "{out}");
    assert!(out.contains("--no-typescript --no-pack\n"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
