//! The command-line contract, run on the built binary: errors are one clear line and a
//! non-zero exit; `batch` answers every line in order and goes on past bad ones; offsets
//! default to code points.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

/// Runs the binary with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against the output pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file in a fresh temporary directory for this test; the directory goes when it drops.
struct TempFile(PathBuf);

impl TempFile {
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            std::fs::remove_dir_all(dir).ok();
        }
    }
}

fn temp(name: &str, contents: &[u8]) -> TempFile {
    let dir = std::env::temp_dir().join(format!("copydesk-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    TempFile(path)
}

const ARTICLE: &str = "Café owners in São Paulo 👩‍👩‍👧 protest\n\nBy Zoë Müller\n\n\
The mayor, Anna Kowalski, said on Monday that the city would cut the tax on cafés by 5%.\n\n\
“We have listened to the owners,” Kowalski told reporters in São Paulo. “This is only the start.”\n\n\
Share this article\n";

#[test]
fn missing_file_is_one_line_and_non_zero() {
    let o = run(&["analyze", "/nonexistent/copydesk/file.txt"], b"");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("cannot read /nonexistent/copydesk/file.txt"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(o.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let file = temp("unreadable.txt", b"The mayor said yes.");
    std::fs::set_permissions(&file.0, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read(&file.0).is_ok(); // root reads everything
    let o = run(&["analyze", file.path()], b"");
    if readable_anyway {
        eprintln!("note: running as root, the file is readable; checking it is analysed");
        assert!(o.status.success(), "{}", stderr(&o));
    } else {
        assert!(!o.status.success());
        assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    }
}

#[test]
fn a_directory_is_an_error() {
    let dir = std::env::temp_dir();
    let o = run(&["analyze", dir.to_str().unwrap()], b"");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
}

#[test]
fn bad_flags_and_commands_exit_2_with_usage() {
    for args in [
        &["analyze", "--nope"][..],
        &["frobnicate"],
        &[],
        &["analyze", "--offsets", "furlongs"],
        &["analyze", "--format"],
        &["analyze", "--format", "xml"],
        &["analyze", "a.txt", "b.txt"],
        &["batch"],
        &["batch", "--task", "everything"],
    ] {
        let o = run(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with("copydesk: "), "{args:?}: {err}");
        assert!(err.contains("usage:"), "{args:?}: {err}");
    }
}

#[test]
fn bad_utf8_warns_and_decodes_lossily() {
    let mut input = b"The minister said \xff\xfe the talks \xc3 would resume.\n".to_vec();
    input.extend_from_slice("Zoë said “yes”.\n".as_bytes());
    let o = run(&["analyze", "-"], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["text"].as_str().unwrap().contains('\u{fffd}'));
}

#[test]
fn version_and_help() {
    let o = run(&["version"], b"");
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("copydesk "));
    let o = run(&["--help"], b"");
    assert!(o.status.success());
    assert!(stdout(&o).contains("usage:"));
}

/// The substring of `text` between code-point offsets.
fn chars(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
}

/// The substring of `text` between UTF-16 offsets.
fn utf16(text: &str, s: usize, e: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[s..e]).unwrap()
}

fn usize_of(v: &Value) -> usize {
    v.as_u64().unwrap() as usize
}

#[test]
fn analyze_json_offsets_default_to_code_points() {
    let file = temp("article.txt", ARTICLE.as_bytes());
    let o = run(&["analyze", file.path()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["offsets"], "chars");
    let text = v["text"].as_str().unwrap();
    assert_eq!(text, ARTICLE);
    let blocks = v["blocks"].as_array().unwrap();
    assert!(!blocks.is_empty());
    for b in blocks {
        let t = chars(text, usize_of(&b["start"]), usize_of(&b["end"]));
        assert_eq!(t.trim(), t);
        assert!(!t.is_empty());
    }
    // The emoji and accents before them shift code points, UTF-16 and bytes differently.
    let body = blocks
        .iter()
        .map(|b| chars(text, usize_of(&b["start"]), usize_of(&b["end"])))
        .collect::<Vec<_>>();
    assert!(body.iter().any(|b| b.starts_with("Café owners")));
    assert!(
        body.iter().any(|b| b.starts_with("“We have listened")),
        "{body:?}"
    );
    for e in v["entities"].as_array().unwrap() {
        assert_eq!(
            chars(text, usize_of(&e["start"]), usize_of(&e["end"])),
            e["text"].as_str().unwrap()
        );
    }
}

#[test]
fn offsets_utf16_and_bytes() {
    let mut seen = Vec::new();
    for unit in ["utf16", "bytes", "chars"] {
        let o = run(&["analyze", "--offsets", unit], ARTICLE.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["offsets"], unit);
        let text = v["text"].as_str().unwrap();
        let blocks: Vec<String> = v["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                let (s, e) = (usize_of(&b["start"]), usize_of(&b["end"]));
                match unit {
                    "utf16" => utf16(text, s, e),
                    "bytes" => text[s..e].to_string(),
                    _ => chars(text, s, e),
                }
            })
            .collect();
        for e in v["entities"].as_array().unwrap() {
            let (s, end) = (usize_of(&e["start"]), usize_of(&e["end"]));
            let got = match unit {
                "utf16" => utf16(text, s, end),
                "bytes" => text[s..end].to_string(),
                _ => chars(text, s, end),
            };
            assert_eq!(got, e["text"].as_str().unwrap(), "{unit}");
        }
        seen.push(blocks);
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[1], seen[2]);
}

#[test]
fn clean_prints_the_kept_blocks() {
    let o = run(&["clean", "-"], ARTICLE.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("said on Monday"), "{out}");
    assert!(out.ends_with('\n'));
    for line in out.lines() {
        assert!(ARTICLE.contains(line), "{line}");
    }
    let o = run(&["clean", "--html"], b"<html><body><nav><a href=/>Home</a></nav><article><p>The mayor said on Monday that the city would cut the tax on cafes by five percent this year.</p></article></body></html>");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("The mayor said"), "{}", stdout(&o));
}

#[test]
fn formats() {
    for format in ["markdown", "text", "json"] {
        let o = run(&["analyze", "--format", format], ARTICLE.as_bytes());
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("said on Monday"), "{format}: {out}");
        if format == "json" {
            serde_json::from_str::<Value>(&out).unwrap();
        } else {
            assert!(
                serde_json::from_str::<Value>(&out).is_err(),
                "{format} printed JSON"
            );
        }
    }
}

#[test]
fn batch_goes_on_past_bad_lines_in_order() {
    let lines = [
        r#"{"id": 1, "text": "The mayor said on Monday that talks would resume."}"#,
        "this is not JSON",
        r#"{"id": "two", "title": "no text or html"}"#,
        r#"{"id": 3, "text": 42}"#,
        "",
        r#"{"id": 4, "html": "<p>Anna Kowalski said “yes”.</p>"}"#,
        r#"[1, 2, 3]"#,
        r#"{"id": 5, "text": "Zoë 👩‍👩‍👧 Müller said “no”."}"#,
    ];
    let input = lines.join("\n");
    for task in ["analyze", "clean", "entities", "sources"] {
        let o = run(&["batch", "--task", task], input.as_bytes());
        assert!(o.status.success(), "{task}: {}", stderr(&o));
        let out: Vec<Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
            .collect();
        // The blank line gets no answer; every other line one, in order.
        assert_eq!(out.len(), 7, "{task}: {out:?}");
        let ids: Vec<&Value> = out.iter().map(|v| &v["id"]).collect();
        assert_eq!(
            ids,
            [
                &Value::from(1),
                &Value::Null,
                &Value::from("two"),
                &Value::from(3),
                &Value::from(4),
                &Value::Null,
                &Value::from(5)
            ],
            "{task}"
        );
        for i in [1, 2, 3, 5] {
            assert!(out[i]["error"].is_string(), "{task} line {i}: {}", out[i]);
        }
        for i in [0, 4, 6] {
            assert!(out[i].get("error").is_none(), "{task} line {i}: {}", out[i]);
        }
    }
}

#[test]
fn batch_offsets_are_code_points_by_default() {
    let text = "Zoë 👩‍👩‍👧 Müller, the mayor of São Paulo, said on Monday that taxes would fall.";
    let line = serde_json::json!({"id": "e", "text": text}).to_string();
    for (flag, unit) in [
        (None, "chars"),
        (Some("utf16"), "utf16"),
        (Some("bytes"), "bytes"),
    ] {
        let mut args = vec!["batch", "--task", "entities"];
        if let Some(f) = flag {
            args.extend(["--offsets", f]);
        }
        let o = run(&args, line.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        for e in v["entities"].as_array().unwrap() {
            let (s, end) = (usize_of(&e["start"]), usize_of(&e["end"]));
            let got = match unit {
                "utf16" => utf16(text, s, end),
                "bytes" => text[s..end].to_string(),
                _ => chars(text, s, end),
            };
            assert_eq!(got, e["text"].as_str().unwrap(), "{unit}");
        }
    }
}

#[test]
fn many_batch_lines_keep_their_order() {
    let input: String = (0..300)
        .map(|i| {
            if i % 7 == 3 {
                format!("{{\"id\": {i}, broken\n")
            } else {
                format!("{{\"id\": {i}, \"text\": \"Line {i}: the minister said {i} times.\"}}\n")
            }
        })
        .collect();
    let o = run(&["batch", "--task", "clean"], input.as_bytes());
    assert!(o.status.success());
    let out: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 300);
    for (i, v) in out.iter().enumerate() {
        if i % 7 == 3 {
            assert!(v["error"].is_string());
        } else {
            assert_eq!(v["id"], i);
        }
    }
}

#[test]
fn input_over_the_limit_is_refused_in_one_line() {
    let big = vec![b'a'; copydesk::MAX_INPUT_BYTES + 1];
    let file = temp("big.txt", &big);
    let o = run(&["analyze", file.path()], b"");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("at most"), "{err}");
    assert!(o.stdout.is_empty());
    let o = run(&["clean"], &big);
    assert!(!o.status.success());
    assert_eq!(stderr(&o).trim().lines().count(), 1);
}
