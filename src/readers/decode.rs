//! Bytes to text: an article file as it was saved, which is not always UTF-8.
//!
//! It takes the bytes of a file (or of one line of a JSON Lines file) and
//! hands on its text, with a [`Warning`] naming the line and column of the
//! first byte that was not UTF-8 when the text had to be decoded otherwise:
//!
//! - UTF-8 is read as it is (a byte order mark stays for the readers, which
//!   skip it);
//! - UTF-16 with a byte order mark is decoded as UTF-16;
//! - a file that is mostly UTF-8 with a few stray bytes (text pasted from a
//!   Windows-1252 document into a UTF-8 one) keeps its UTF-8 and has the stray
//!   bytes read as Windows-1252;
//! - any other file is decoded in the legacy encoding its bytes suggest
//!   (Windows-1252 for Latin-1 and Western text, Windows-1250, KOI8-R,
//!   Shift_JIS…), as detected by `chardetng`, the detector of Firefox, and
//!   decoded by `encoding_rs`, its decoder.
//!
//! What is not text is refused: NUL bytes, or control bytes everywhere
//! (binary data), and bytes the detected encoding cannot decode.
//! Detection reads the whole input and no clock or locale, so the same bytes
//! always give the same text.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::Warning;
use crate::article::ArticleError;

/// Text decoded from bytes, and how it was decoded when it was not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// What decoding other than UTF-8 was done, at the first byte that was
    /// not UTF-8 (empty for UTF-8 input).
    pub warnings: Vec<Warning>,
}

/// Decodes the bytes of an article; refuses what is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ArticleError> {
    for (bom, encoding) in [([0xFF, 0xFE], UTF_16LE), ([0xFE, 0xFF], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            return utf16(rest, encoding);
        }
    }
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Decoded { text: text.to_owned(), warnings: Vec::new() }),
        Err(e) => e.valid_up_to(),
    };
    refuse_binary(bytes)?;

    // Mostly UTF-8 with strays, or a legacy encoding throughout.
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += chunk.invalid().len();
    }
    let byte = bytes[first_bad];
    if multibyte > invalid {
        let mut text = String::with_capacity(bytes.len() + invalid);
        let mut strays = 0;
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            for b in chunk.invalid() {
                strays += 1;
                text.push_str(&WINDOWS_1252.decode_without_bom_handling(&[*b]).0);
            }
        }
        let (line, column) = place(&String::from_utf8_lossy(&bytes[..first_bad]));
        let message = if strays == 1 {
            format!("UTF-8 but for one byte (0x{byte:02X}, here); read it as Windows-1252")
        } else {
            format!("UTF-8 but for {strays} bytes (the first 0x{byte:02X}, here); read them as Windows-1252")
        };
        return Ok(Decoded { text, warnings: vec![Warning { line, column, message }] });
    }

    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (line, column) = place(&encoding.decode_without_bom_handling(&bytes[..first_bad]).0);
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Err(undecodable(bytes, encoding));
    };
    let message = format!("not UTF-8 (byte 0x{byte:02X}); read as {}, the encoding the bytes suggest", encoding.name());
    Ok(Decoded { text: text.into_owned(), warnings: vec![Warning { line, column, message }] })
}

/// UTF-16 after its byte order mark.
fn utf16(rest: &[u8], encoding: &'static Encoding) -> Result<Decoded, ArticleError> {
    match encoding.decode_without_bom_handling_and_without_replacement(rest) {
        Some(text) => {
            let message = format!("{} (with a byte order mark), not UTF-8; read as such", encoding.name());
            Ok(Decoded { text: text.into_owned(), warnings: vec![Warning { line: 1, column: 1, message }] })
        }
        None => Err(undecodable(rest, encoding)),
    }
}

/// The error for bytes `encoding` cannot decode, at the first of them.
fn undecodable(bytes: &[u8], encoding: &'static Encoding) -> ArticleError {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    let byte = match result {
        encoding_rs::DecoderResult::Malformed(len, _) => {
            let at = read.saturating_sub(usize::from(len));
            bytes.get(at).copied().unwrap_or_default()
        }
        _ => 0,
    };
    let (line, column) = place(&text);
    ArticleError::Undecodable { line, column, byte, encoding: encoding.name() }
}

/// Refuses bytes that are not text: a NUL byte, or more than 8 control
/// bytes making more than one byte in 50.
fn refuse_binary(bytes: &[u8]) -> Result<(), ArticleError> {
    let is_junk = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1B)) || b == 0x7F;
    let junk = bytes.iter().filter(|b| is_junk(**b)).count();
    if !bytes.contains(&0) && (junk <= 8 || junk * 50 <= bytes.len()) {
        return Ok(());
    }
    let at = bytes.iter().position(|b| *b == 0 || (junk > 8 && is_junk(*b))).unwrap_or_default();
    let (line, column) = place(&String::from_utf8_lossy(&bytes[..at]));
    Err(ArticleError::Binary { line, column, byte: bytes[at] })
}

/// The 1-based line and column just after `before`.
fn place(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        bytes
    }

    #[test]
    fn text_in_any_encoding_is_decoded_with_the_place_of_the_first_byte() {
        // (bytes, text, warning as "line:column message")
        let table: Vec<(Vec<u8>, &str, Option<&str>)> = vec![
            (b"# Plain\n\nASCII text.".to_vec(), "# Plain\n\nASCII text.", None),
            ("# Caf\u{e9}\n\nUTF-8 as it is.".as_bytes().to_vec(), "# Caf\u{e9}\n\nUTF-8 as it is.", None),
            (
                b"# Title\n\nThe caf\xe9 on the quay, na\xefve and \x93quoted\x94.".to_vec(),
                "# Title\n\nThe caf\u{e9} on the quay, na\u{ef}ve and \u{201c}quoted\u{201d}.",
                Some("3:8 not UTF-8 (byte 0xE9); read as windows-1252, the encoding the bytes suggest"),
            ),
            (
                // Mostly UTF-8, one Windows-1252 apostrophe pasted in.
                "# Z\u{fc}rich\n\nStra\u{df}e, M\u{fc}ller, K\u{f6}ln and G\u{f6}teborg; it"
                    .bytes()
                    .chain(*b"\x92s late.")
                    .collect(),
                "# Z\u{fc}rich\n\nStra\u{df}e, M\u{fc}ller, K\u{f6}ln and G\u{f6}teborg; it\u{2019}s late.",
                Some("3:38 UTF-8 but for one byte (0x92, here); read it as Windows-1252"),
            ),
            (
                utf16le("# T\u{e9}te\n\nUTF-16, little end first."),
                "# T\u{e9}te\n\nUTF-16, little end first.",
                Some("1:1 UTF-16LE (with a byte order mark), not UTF-8; read as such"),
            ),
            (
                utf16be("# T\n\n\u{201c}Big end first.\u{201d}"),
                "# T\n\n\u{201c}Big end first.\u{201d}",
                Some("1:1 UTF-16BE (with a byte order mark), not UTF-8; read as such"),
            ),
        ];
        for (bytes, text, warning) in table {
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(decoded.text, text);
            let got: Vec<String> =
                decoded.warnings.iter().map(|w| format!("{}:{} {}", w.line, w.column, w.message)).collect();
            assert_eq!(got, warning.into_iter().map(str::to_owned).collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn cyrillic_in_a_legacy_encoding_is_detected() {
        // "Новости дня" and more in Windows-1251: detection, not a default.
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("# Новости дня\n\nВ городе открылся новый мост через реку, сообщили власти города.");
        let decoded = decode(&bytes).unwrap();
        assert!(decoded.text.starts_with("# Новости дня"), "{}", decoded.text);
        assert!(decoded.warnings[0].message.contains("windows-1251"), "{:?}", decoded.warnings);
    }

    #[test]
    fn what_is_not_text_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";
        assert_eq!(decode(png).unwrap_err(), ArticleError::Binary { line: 3, column: 1, byte: 0 });
        let nul = b"# T\n\nText with a NUL\0 and caf\xe9.";
        assert_eq!(decode(nul).unwrap_err(), ArticleError::Binary { line: 3, column: 16, byte: 0 });
        let junk: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { b'a' + i % 26 }).chain([0xE9]).collect();
        assert!(matches!(decode(&junk).unwrap_err(), ArticleError::Binary { line: 1, column: 1, byte: 0x01 }));
        // An unpaired surrogate in UTF-16.
        let mut broken = utf16le("# T\n\nAb");
        broken.extend([0x00, 0xD8, b'c', 0x00]);
        assert_eq!(
            decode(&broken).unwrap_err(),
            ArticleError::Undecodable { line: 3, column: 3, byte: 0x00, encoding: "UTF-16LE" }
        );
    }
}
