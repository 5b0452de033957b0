//! Command-line arguments to inputs: files as given, directories walked for readable files in
//! name order, `-` for standard input.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file: JSON Lines when named `.jsonl` or `.ndjson`, text otherwise.
    File(PathBuf),
    /// Standard input: JSON Lines when it starts with `{`, text otherwise.
    Stdin,
}

const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Expands arguments into inputs. A file named on the command line is read whatever its name; a
/// directory contributes the `.txt`, `.text`, `.jsonl` and `.ndjson` files below it, hidden ones
/// skipped, sorted by path so that runs are reproducible. Problems (a missing path, a directory
/// with nothing readable) come back beside the inputs found.
pub fn expand(args: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                if let Err(err) = walk_dir(arg, &mut found) {
                    errors.push(err);
                }
                if found.is_empty() {
                    errors.push(Error::NothingReadable { location: arg.display().to_string() });
                }
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(arg.clone())),
            Err(source) => errors.push(Error::io(arg, source)),
        }
    }
    (inputs, errors)
}

fn walk_dir(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::io(dir, source))?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::io(dir, source))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let file_type = entry.file_type().map_err(|source| Error::io(&path, source))?;
        if file_type.is_dir() {
            walk_dir(&path, found)?;
        } else if has_extension(&path, TEXT_EXTENSIONS) || has_extension(&path, JSONL_EXTENSIONS) {
            found.push(path);
        }
    }
    Ok(())
}

/// True for paths named as JSON Lines.
pub(crate) fn is_jsonl(path: &Path) -> bool {
    has_extension(path, JSONL_EXTENSIONS)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.iter().any(|known| ext.eq_ignore_ascii_case(known)))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::walk::{Input, expand};

    #[test]
    fn walks_directories_and_reports_problems() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::create_dir(root.join("empty")).unwrap();
        for name in ["b.txt", "a.jsonl", "README.md", ".hidden.txt", "sub/c.text"] {
            std::fs::write(root.join(name), "x").unwrap();
        }
        let args = vec![root.to_path_buf(), root.join("missing.txt"), root.join("empty"), PathBuf::from("-")];
        let (inputs, errors) = expand(&args);
        let names: Vec<String> = inputs
            .iter()
            .map(|input| match input {
                Input::File(path) => path.strip_prefix(root).unwrap().display().to_string(),
                Input::Stdin => "-".to_string(),
            })
            .collect();
        // `empty/` holds nothing, so only the first directory contributes files.
        assert_eq!(names, ["a.jsonl", "b.txt", "sub/c.text", "-"]);
        let messages: Vec<String> =
            errors.iter().map(|err| err.to_string().replace(&root.display().to_string(), "R")).collect();
        assert_eq!(
            messages,
            [
                "R/missing.txt: no such file or directory",
                "R/empty: no readable articles here (sitrep reads .txt, .text, .jsonl and .ndjson files)",
            ]
        );
    }
}
