//! Command-line arguments to inputs: `http://` and `https://` URLs as given, files as given,
//! directories walked for readable files in name order, `-` for standard input.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Input {
    /// A file, read as its name says (`.txt`, `.jsonl`, `.html`, `.rss`, `.xml`, `.warc.gz`,
    /// `.urls`, ...) or, for other names, as its first bytes say.
    File(PathBuf),
    /// A URL: `http://` and `https://` ones are fetched and their content type says how they
    /// are read; any other scheme is refused with an error naming it.
    Url(String),
    /// Standard input: JSON Lines when it starts with `{`, WARC when it starts with `WARC/` (or
    /// is gzipped), a feed or HTML when it starts with `<`, text otherwise.
    Stdin,
}

/// Expands arguments into inputs. An argument starting with `http://`, `https://` (or another
/// `scheme://`, which reading then refuses) is a URL; a
/// file named on the command line is read whatever its name; a directory contributes the files
/// below it that sitrep reads (`.txt`, `.text`, `.jsonl`, `.ndjson`, `.html`, `.htm`, `.xhtml`,
/// `.rss`, `.atom`, `.xml`, `.warc`, `.warc.gz`, `.urls`), hidden ones skipped, sorted by path so
/// that runs are reproducible. Problems (a missing path, a directory with nothing readable) come
/// back beside the inputs found.
pub fn expand(args: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if let Some(url) = arg.to_str().filter(|arg| looks_like_url(arg)) {
            inputs.push(Input::Url(url.to_string()));
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

/// An argument meant as a URL: it starts with a scheme and `://`. Only http and https are
/// fetched; any other scheme (`ftp://`, `file://`) becomes a URL too, so that the fetch refuses it
/// with a message naming the scheme rather than "no such file".
fn looks_like_url(arg: &str) -> bool {
    crate::urls::scheme(arg).is_some_and(|scheme| arg.get(scheme.len()..).is_some_and(|rest| rest.starts_with("://")))
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
        } else if crate::sniff::by_name(&path).is_some() {
            found.push(path);
        }
    }
    Ok(())
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
        let names = [
            "b.txt",
            "a.jsonl",
            "README.md",
            ".hidden.txt",
            "sub/c.text",
            "sub/d.html",
            "sub/e.warc.gz",
            "sub/f.rss",
            "sub/g.urls",
            "sub/h.gz",
        ];
        for name in names {
            std::fs::write(root.join(name), "x").unwrap();
        }
        let args = vec![
            root.to_path_buf(),
            root.join("missing.txt"),
            root.join("empty"),
            PathBuf::from("-"),
            PathBuf::from("HTTPS://news.example/a"),
            PathBuf::from("ftp://files.example/a"),
        ];
        let (inputs, errors) = expand(&args);
        let names: Vec<String> = inputs
            .iter()
            .map(|input| match input {
                Input::File(path) => path.strip_prefix(root).unwrap().display().to_string(),
                Input::Url(url) => format!("url {url}"),
                Input::Stdin => "-".to_string(),
            })
            .collect();
        // `empty/` holds nothing, so only the first directory contributes files.
        assert_eq!(
            names,
            [
                "a.jsonl",
                "b.txt",
                "sub/c.text",
                "sub/d.html",
                "sub/e.warc.gz",
                "sub/f.rss",
                "sub/g.urls",
                "-",
                "url HTTPS://news.example/a",
                "url ftp://files.example/a"
            ]
        );
        let messages: Vec<String> =
            errors.iter().map(|err| err.to_string().replace(&root.display().to_string(), "R")).collect();
        assert_eq!(
            messages,
            [
                "R/missing.txt: no such file or directory",
                "R/empty: no readable articles here (sitrep reads .txt, .text, .jsonl, .ndjson, .html, .htm, .xhtml, \
                 .rss, .atom, .xml, .warc, .warc.gz and .urls files)",
            ]
        );
    }
}
