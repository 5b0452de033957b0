//! Bytes to text: UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark;
//! binary and empty input refused with a reason.

use crate::error::{Error, Result};

/// How far into a file to look for a NUL byte, the mark of binary content.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Decodes a whole input, normalising line ends to `\n`.
pub(crate) fn decode_text(location: &str, bytes: &[u8]) -> Result<String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(location, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(location, rest, u16::from_be_bytes)?
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
        if let Some(offset) = sniffed.iter().position(|&byte| byte == 0) {
            return Err(Error::Binary { location: location.to_string(), offset });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(err) => {
                return Err(Error::InvalidUtf8 { location: location.to_string(), offset: err.valid_up_to() });
            }
        }
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(Error::Empty { location: location.to_string() });
    }
    Ok(text)
}

fn decode_utf16(location: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .enumerate()
        .map(|(idx, decoded)| {
            decoded.map_err(|_| Error::InvalidUtf8 { location: location.to_string(), offset: 2 + idx * 2 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::decode::decode_text;

    fn check(bytes: &[u8], expected: &str) {
        let actual = match decode_text("f.txt", bytes) {
            Ok(text) => format!("ok {text:?}"),
            Err(err) => format!("err {err}"),
        };
        assert_eq!(actual, expected);
    }

    #[test]
    fn utf8_with_and_without_bom() {
        check("Kyiv’s\r\nline".as_bytes(), r#"ok "Kyiv’s\nline""#);
        check(b"\xEF\xBB\xBFhello", r#"ok "hello""#);
    }

    #[test]
    fn utf16_with_bom() {
        check(&[0xFF, 0xFE, b'h', 0, b'i', 0], r#"ok "hi""#);
        check(&[0xFE, 0xFF, 0, b'h', 0, b'i'], r#"ok "hi""#);
    }

    #[test]
    fn refuses_bad_input_with_reason() {
        check(b"", "err f.txt: empty file, nothing to read");
        check(b"  \n\n ", "err f.txt: empty file, nothing to read");
        check(
            b"\x7fELF\x02\x01\x00\x00",
            "err f.txt: binary file (NUL byte at offset 6), not text; pass text or JSON Lines",
        );
        check(
            b"caf\xe9 au lait",
            "err f.txt: not valid UTF-8 (first bad byte at offset 3); convert it to UTF-8, for example with iconv",
        );
    }
}
