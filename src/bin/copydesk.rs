//! `copydesk`: the command-line face of the library. The contract (commands, flags,
//! output fields) is public: see README.md, "CLI".

/// The native allocator: see Cargo.toml (mimalloc) for why.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main());
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use copydesk::{analyze, clean_text, render, Favor, InputHint, OffsetUnit, Options};
    use serde_json::{json, Value};
    use std::io::{BufRead, Read, Write};

    const USAGE: &str = "usage:
  copydesk analyze [FILE|-] [--html|--text] [--format json|markdown|text] [--offsets chars|utf16|bytes] [--favor balanced|precision|recall] [--whole] [--tokens]
  copydesk clean   [FILE|-] [--html|--text] [--favor balanced|precision|recall]
  copydesk batch   --task clean|entities|sources|analyze [--whole] [--offsets chars|utf16|bytes] [--favor ...]   (JSONL on stdin)
  copydesk version";

    struct Args {
        command: String,
        file: Option<String>,
        input: InputHint,
        format: String,
        offsets: OffsetUnit,
        favor: Favor,
        task: Option<String>,
        whole: bool,
        tokens: bool,
    }

    fn parse(argv: &[String]) -> Result<Args, String> {
        let mut it = argv.iter();
        let command = it.next().ok_or("no command given")?.clone();
        if !matches!(
            command.as_str(),
            "analyze" | "clean" | "batch" | "version" | "help" | "--help" | "-h" | "--version"
        ) {
            return Err(format!("unknown command '{command}'"));
        }
        let mut a = Args {
            command,
            file: None,
            input: InputHint::Auto,
            format: "json".into(),
            offsets: OffsetUnit::Chars,
            favor: Favor::Balanced,
            task: None,
            whole: false,
            tokens: false,
        };
        let value = |it: &mut std::slice::Iter<String>, flag: &str| -> Result<String, String> {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--html" => a.input = InputHint::Html,
                "--text" => a.input = InputHint::Text,
                "--whole" => a.whole = true,
                "--tokens" => a.tokens = true,
                "--format" => {
                    a.format = value(&mut it, arg)?;
                    if !matches!(a.format.as_str(), "json" | "markdown" | "text") {
                        return Err(format!(
                            "--format must be json, markdown or text, not '{}'",
                            a.format
                        ));
                    }
                }
                "--offsets" => {
                    a.offsets = match value(&mut it, arg)?.as_str() {
                        "chars" => OffsetUnit::Chars,
                        "utf16" => OffsetUnit::Utf16,
                        "bytes" => OffsetUnit::Bytes,
                        other => {
                            return Err(format!(
                                "--offsets must be chars, utf16 or bytes, not '{other}'"
                            ))
                        }
                    }
                }
                "--favor" => {
                    a.favor = match value(&mut it, arg)?.as_str() {
                        "balanced" => Favor::Balanced,
                        "precision" => Favor::Precision,
                        "recall" => Favor::Recall,
                        other => {
                            return Err(format!(
                                "--favor must be balanced, precision or recall, not '{other}'"
                            ))
                        }
                    }
                }
                "--task" => {
                    let t = value(&mut it, arg)?;
                    if !matches!(t.as_str(), "clean" | "entities" | "sources" | "analyze") {
                        return Err(format!(
                            "--task must be clean, entities, sources or analyze, not '{t}'"
                        ));
                    }
                    a.task = Some(t);
                }
                s if s.starts_with('-') && s != "-" => return Err(format!("unknown flag '{s}'")),
                s => {
                    if a.file.is_some() {
                        return Err(format!("unexpected argument '{s}'"));
                    }
                    a.file = Some(s.to_string());
                }
            }
        }
        if a.command == "batch" && a.task.is_none() {
            return Err("batch needs --task clean|entities|sources|analyze".into());
        }
        Ok(a)
    }

    fn options(a: &Args) -> Options {
        Options {
            input: a.input,
            whole: a.whole,
            favor: a.favor,
            offsets: a.offsets,
            tokens: a.tokens,
            ..Options::default()
        }
    }

    /// Reads the input file (or stdin), decoding invalid UTF-8 lossily with a warning.
    fn read_input(file: Option<&str>) -> Result<String, String> {
        let mut bytes = Vec::new();
        match file {
            None | Some("-") => std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?,
            Some(path) => {
                let meta =
                    std::fs::metadata(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                if meta.is_dir() {
                    return Err(format!("cannot read {path}: it is a directory"));
                }
                bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                bytes.len()
            }
        };
        if bytes.len() > copydesk::MAX_INPUT_BYTES {
            return Err(format!(
                "the input is {} bytes; copydesk analyses at most {} bytes ({} MiB)",
                bytes.len(),
                copydesk::MAX_INPUT_BYTES,
                copydesk::MAX_INPUT_BYTES / (1024 * 1024)
            ));
        }
        match String::from_utf8(bytes) {
            Ok(s) => Ok(s),
            Err(e) => {
                eprintln!("copydesk: warning: the input is not valid UTF-8; invalid bytes were replaced with U+FFFD");
                Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        }
    }

    pub fn main() -> i32 {
        let argv: Vec<String> = std::env::args().skip(1).collect();
        let args = match parse(&argv) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("copydesk: {e}\n{USAGE}");
                return 2;
            }
        };
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let result = match args.command.as_str() {
            "help" | "--help" | "-h" => writeln!(out, "{USAGE}").map_err(|e| e.to_string()),
            "version" | "--version" => {
                writeln!(out, "copydesk {}", env!("CARGO_PKG_VERSION")).map_err(|e| e.to_string())
            }
            "batch" => batch(&args, &mut out),
            _ => single(&args, &mut out),
        };
        let flushed = out.flush();
        match result.and(flushed.map_err(|e| e.to_string())) {
            Ok(()) => 0,
            Err(e) if e.contains("Broken pipe") => 0,
            Err(e) => {
                eprintln!("copydesk: {e}");
                1
            }
        }
    }

    fn single(args: &Args, out: &mut impl Write) -> Result<(), String> {
        let input = read_input(args.file.as_deref())?;
        let mut opts = options(args);
        let io = |e: std::io::Error| e.to_string();
        if args.command == "clean" {
            opts.offsets = OffsetUnit::Bytes;
            let a = analyze(&input, &opts);
            return out.write_all(clean_text(&a).as_bytes()).map_err(io);
        }
        let a = analyze(&input, &opts);
        for w in &a.warnings {
            eprintln!("copydesk: warning: {w}");
        }
        match args.format.as_str() {
            "markdown" => out.write_all(render::markdown(&a).as_bytes()).map_err(io),
            "text" => out.write_all(render::text(&a).as_bytes()).map_err(io),
            _ => {
                serde_json::to_writer_pretty(&mut *out, &a).map_err(|e| e.to_string())?;
                writeln!(out).map_err(io)
            }
        }
    }

    fn batch(args: &Args, out: &mut impl Write) -> Result<(), String> {
        let stdin = std::io::stdin();
        let task = args.task.as_deref().unwrap_or("analyze");
        for (n, line) in stdin.lock().split(b'\n').enumerate() {
            let line = line.map_err(|e| format!("cannot read standard input: {e}"))?;
            let line = String::from_utf8_lossy(&line);
            if line.trim().is_empty() {
                continue;
            }
            let result = std::panic::catch_unwind(|| batch_line(args, task, &line))
                .unwrap_or_else(|_| json!({"id": Value::Null, "error": format!("internal error on line {}", n + 1)}));
            serde_json::to_writer(&mut *out, &result).map_err(|e| e.to_string())?;
            writeln!(out).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn batch_line(args: &Args, task: &str, line: &str) -> Value {
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => return json!({"id": Value::Null, "error": format!("not JSON: {e}")}),
        };
        let id = v.get("id").cloned().unwrap_or(Value::Null);
        let (input, hint) = match (v.get("text"), v.get("html")) {
            (Some(Value::String(t)), _) => (
                t.as_str(),
                if args.input == InputHint::Html {
                    InputHint::Html
                } else {
                    InputHint::Text
                },
            ),
            (_, Some(Value::String(h))) => (h.as_str(), InputHint::Html),
            _ => return json!({"id": id, "error": "the line has no \"text\" or \"html\" string"}),
        };
        if input.len() > copydesk::MAX_INPUT_BYTES {
            return json!({"id": id, "error": format!("input of {} bytes is over the limit of {} bytes", input.len(), copydesk::MAX_INPUT_BYTES)});
        }
        let opts = Options {
            input: hint,
            ..options(args)
        };
        let a = analyze(input, &opts);
        let html = a.input == copydesk::InputKind::Html;
        let mut r = match task {
            "clean" => {
                let body = clean_text(&a);
                json!({"id": id, "text": body.trim_end_matches('\n')})
            }
            "entities" => {
                let es: Vec<Value> = a
                    .entities
                    .iter()
                    .map(|e| json!({"start": e.start, "end": e.end, "type": e.kind, "text": e.text, "group": e.group}))
                    .collect();
                json!({"id": id, "entities": es})
            }
            "sources" => json!({"id": id, "attributions": a.attributions}),
            _ => json!({"id": id, "analysis": a}),
        };
        if html && matches!(task, "entities" | "sources") {
            // Offsets point into the page's text, which the caller does not have.
            r["text"] = Value::String(a.text.clone());
        }
        r
    }
}
