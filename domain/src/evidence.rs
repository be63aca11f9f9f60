//! Recognising an evidence upload (a scan or photo of a diagnosis, a certificate, a payslip) by its whole
//! structure, not its first bytes: a file that begins `%PDF-` and is HTML after that is refused, and a
//! stored file is named by the type found, whatever name it came with.
//!
//! - PNG: the signature, then chunk after chunk with matching CRC-32s, `IHDR` first with a sane size,
//!   `IEND` last and nothing after it.
//! - JPEG: `SOI`, marker segments with their lengths up to a frame header (`SOFn`) and the scan, the
//!   entropy-coded data up to `EOI`; after it only padding or further embedded images (phones append a
//!   second picture, MPF) are allowed.
//! - PDF: the `%PDF-x.y` header, a trailer with `startxref` and `%%EOF` at the end, at least one
//!   `obj … endobj`, and no HTML markup where browsers sniff (the first kilobyte). Offsets are not
//!   checked: scanners write them wrongly often enough that every reader repairs them.

/// A recognised file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `application/pdf`.
    Pdf,
    /// `image/jpeg`.
    Jpeg,
    /// `image/png`.
    Png,
}

impl Kind {
    /// Its media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        }
    }

    /// The extension a stored file of this kind is named with.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }

    fn accepts_extension(self, ext: &str) -> bool {
        match self {
            Kind::Pdf => ext == "pdf",
            Kind::Jpeg => matches!(ext, "jpg" | "jpeg" | "jpe"),
            Kind::Png => ext == "png",
        }
    }
}

/// Recognises a PDF, JPEG or PNG by its structure; `Err` says what is wrong.
pub fn recognise(bytes: &[u8]) -> Result<Kind, &'static str> {
    if bytes.starts_with(b"%PDF-") {
        pdf(bytes).map(|()| Kind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes).map(|()| Kind::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        png(bytes).map(|()| Kind::Png)
    } else {
        Err("not a PDF, JPEG or PNG file")
    }
}

/// The name a stored file gets: the user's name without any path, quotes or control characters, at
/// most 100 characters, ending in an extension of the kind found (`x.html` holding a PDF is `x.pdf`).
pub fn stored_name(raw: Option<&str>, kind: Kind) -> String {
    let base: String = raw
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    let base = base.trim().trim_end_matches('.');
    let (stem, ext) = match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains(' ') => (stem, ext),
        _ => (base, ""),
    };
    let ext = if kind.accepts_extension(&ext.to_ascii_lowercase()) {
        ext.to_owned()
    } else {
        kind.extension().to_owned()
    };
    let stem: String = if stem.trim().is_empty() {
        "evidence".to_owned()
    } else {
        stem.trim()
            .chars()
            .take(100 - ext.chars().count() - 1)
            .collect()
    };
    format!("{stem}.{ext}")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn pdf(b: &[u8]) -> Result<(), &'static str> {
    let version_ok = b.len() > 8 && b[5].is_ascii_digit() && b[6] == b'.' && b[7].is_ascii_digit();
    if !version_ok {
        return Err("a PDF starts with %PDF- and its version, such as %PDF-1.7");
    }
    let head = b[..b.len().min(1024)].to_ascii_lowercase();
    for marker in [
        &b"<html"[..],
        b"<!doctype",
        b"<script",
        b"<body",
        b"<iframe",
        b"<svg",
        b"<head",
    ] {
        if contains(&head, marker) {
            return Err("the file holds HTML markup, not a PDF document");
        }
    }
    let end = b
        .iter()
        .rposition(|c| !matches!(c, b'\r' | b'\n' | b' ' | b'\t' | b'\0'))
        .map(|i| i + 1)
        .unwrap_or(0);
    let tail = &b[end.saturating_sub(1024)..end];
    if !tail.ends_with(b"%%EOF") || !contains(tail, b"startxref") {
        return Err("a PDF ends with its trailer (startxref and %%EOF); this one is cut off or is not a PDF");
    }
    if !contains(b, b"obj") || !contains(b, b"endobj") {
        return Err("the PDF holds no objects");
    }
    Ok(())
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

fn be32(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn png(b: &[u8]) -> Result<(), &'static str> {
    let mut at = PNG_SIGNATURE.len();
    let mut first = true;
    loop {
        let len = be32(b, at).ok_or("the PNG is cut off")? as usize;
        let kind = b.get(at + 4..at + 8).ok_or("the PNG is cut off")?;
        let data_end = at
            .checked_add(8)
            .and_then(|x| x.checked_add(len))
            .ok_or("the PNG is malformed")?;
        let data = b.get(at + 8..data_end).ok_or("the PNG is cut off")?;
        let crc = be32(b, data_end).ok_or("the PNG is cut off")?;
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(data);
        if h.finalize() != crc {
            return Err("a PNG chunk fails its checksum: the file is damaged or is not a PNG");
        }
        if first {
            let (w, hgt) = (be32(data, 0).unwrap_or(0), be32(data, 4).unwrap_or(0));
            if kind != b"IHDR" || len != 13 || w == 0 || hgt == 0 || w > 30_000 || hgt > 30_000 {
                return Err("a PNG starts with an image header of a sane size");
            }
            first = false;
        }
        at = data_end + 4;
        if kind == b"IEND" {
            return if at == b.len() {
                Ok(())
            } else {
                Err("the PNG has data after its end")
            };
        }
    }
}

fn jpeg(b: &[u8]) -> Result<(), &'static str> {
    let mut at = 2;
    let mut frame = false;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while b.get(at) == Some(&0xFF) && b.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if b.get(at) != Some(&0xFF) {
            return Err("the JPEG is malformed: a marker was expected");
        }
        let marker = *b.get(at + 1).ok_or("the JPEG is cut off")?;
        at += 2;
        match marker {
            0xD9 => return Err("the JPEG ends before its image data"),
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = b
            .get(at..at + 2)
            .map(|s| usize::from(u16::from_be_bytes([s[0], s[1]])))
            .ok_or("the JPEG is cut off")?;
        if len < 2 || at + len > b.len() {
            return Err("the JPEG is cut off or malformed");
        }
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let (h, w) = (
                b.get(at + 3..at + 5)
                    .map(|s| u16::from_be_bytes([s[0], s[1]]))
                    .unwrap_or(0),
                b.get(at + 5..at + 7)
                    .map(|s| u16::from_be_bytes([s[0], s[1]]))
                    .unwrap_or(0),
            );
            if w == 0 || h == 0 {
                return Err("the JPEG's frame has no size");
            }
            frame = true;
        }
        at += len;
        if marker == 0xDA {
            if !frame {
                return Err("the JPEG's image data comes before its frame header");
            }
            // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a restart marker within
            // it; any other marker ends the scan (progressive files hold several).
            loop {
                let next = b[at..]
                    .iter()
                    .position(|c| *c == 0xFF)
                    .map(|i| at + i)
                    .ok_or("the JPEG is cut off before its end marker")?;
                match b.get(next + 1) {
                    Some(0x00) | Some(0xD0..=0xD7) | Some(0xFF) => at = next + 1,
                    Some(0xD9) => {
                        let rest = &b[next + 2..];
                        let padding = rest.iter().all(|c| matches!(c, 0x00 | 0xFF));
                        return if padding || rest.starts_with(&[0xFF, 0xD8, 0xFF]) {
                            Ok(())
                        } else {
                            Err("the JPEG has foreign data after its end")
                        };
                    }
                    Some(_) => {
                        at = next;
                        break;
                    }
                    None => return Err("the JPEG is cut off before its end marker"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(data);
        out.extend_from_slice(&h.finalize().to_be_bytes());
        out
    }

    /// A 1×1 PNG (its pixel data need not decode for the structure check).
    pub fn tiny_png() -> Vec<u8> {
        let mut out = PNG_SIGNATURE.to_vec();
        out.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
        out.extend(png_chunk(
            b"IDAT",
            &[0x78, 0x9C, 0x63, 0x60, 0, 0, 0, 4, 0, 1],
        ));
        out.extend(png_chunk(b"IEND", &[]));
        out
    }

    fn tiny_jpeg() -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        out.extend([
            0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        ]);
        out.extend([0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
        out.extend([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0]);
        out.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        out.extend([0xFF, 0xD9]);
        out
    }

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n45\n%%EOF\n";

    #[test]
    fn whole_files_are_recognised() {
        assert_eq!(recognise(PDF), Ok(Kind::Pdf));
        assert_eq!(recognise(&tiny_png()), Ok(Kind::Png));
        assert_eq!(recognise(&tiny_jpeg()), Ok(Kind::Jpeg));
        let mut mpf = tiny_jpeg();
        mpf.extend(tiny_jpeg());
        assert_eq!(recognise(&mpf), Ok(Kind::Jpeg), "a phone's second picture");
    }

    #[test]
    fn a_pdf_header_on_html_is_refused() {
        let html = b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n";
        assert!(recognise(html).is_err());
        let mut dressed = b"%PDF-1.7\n<!DOCTYPE html><html><body>x</body></html>\n".to_vec();
        dressed.extend_from_slice(b"1 0 obj endobj startxref 0 %%EOF");
        assert_eq!(
            recognise(&dressed),
            Err("the file holds HTML markup, not a PDF document")
        );
        assert!(
            recognise(b"%PDF-1.4\n1 0 obj endobj\n").is_err(),
            "no trailer"
        );
    }

    #[test]
    fn damaged_or_padded_images_are_refused() {
        let mut png = tiny_png();
        let n = png.len();
        png[n - 14] ^= 1;
        assert!(recognise(&png).is_err(), "a flipped bit");
        let mut trailing = tiny_png();
        trailing.extend_from_slice(b"<html>");
        assert!(recognise(&trailing).is_err());
        assert!(recognise(&tiny_png()[..20]).is_err());
        let mut jpeg = tiny_jpeg();
        jpeg.extend_from_slice(b"<html><script>");
        assert!(recognise(&jpeg).is_err());
        let jpeg = tiny_jpeg();
        assert!(recognise(&jpeg[..jpeg.len() - 2]).is_err(), "no end marker");
        assert!(recognise(b"GIF89a").is_err());
    }

    #[test]
    fn stored_names_end_in_the_found_type() {
        assert_eq!(stored_name(Some("x.html"), Kind::Pdf), "x.pdf");
        assert_eq!(stored_name(Some("诊断证明.pdf"), Kind::Pdf), "诊断证明.pdf");
        assert_eq!(
            stored_name(Some("IMG_0001.JPEG"), Kind::Jpeg),
            "IMG_0001.JPEG"
        );
        assert_eq!(
            stored_name(Some("../../etc/passwd"), Kind::Png),
            "passwd.png"
        );
        assert_eq!(
            stored_name(Some("C:\\scans\\\"a\u{0}b\".png"), Kind::Png),
            "ab.png"
        );
        assert_eq!(stored_name(None, Kind::Jpeg), "evidence.jpg");
        assert_eq!(stored_name(Some("."), Kind::Pdf), "evidence.pdf");
        assert_eq!(
            stored_name(Some(&"长".repeat(300)), Kind::Pdf)
                .chars()
                .count(),
            100
        );
    }
}
