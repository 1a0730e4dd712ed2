//! QR codes for printed records, drawn here (no JavaScript, no image service):
//! SVG (one path of unit squares) and PNG (1-bit greyscale, stored deflate —
//! a few kilobytes, no compression library), both with a four-module quiet zone.

use qrcodegen::{QrCode, QrCodeEcc};

/// An SVG of `text` as a QR code (error correction Medium), `None` when the
/// text is too long for any QR version.
pub fn svg(text: &str) -> Option<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let border = 4;
    let size = qr.size();
    let dim = size + border * 2;
    let mut path = String::with_capacity((size * size) as usize * 4);
    for y in 0..size {
        let mut x = 0;
        while x < size {
            // Runs of dark modules become one rectangle: a third of the bytes.
            if qr.get_module(x, y) {
                let start = x;
                while x < size && qr.get_module(x, y) {
                    x += 1;
                }
                path.push_str(&format!("M{},{}h{}v1h-{}z", start + border, y + border, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" shape-rendering=\"crispEdges\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// A PNG of `text` as a QR code, `scale` pixels per module.
pub fn png(text: &str, scale: u32) -> Option<Vec<u8>> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let border = 4;
    let modules = qr.size() + border * 2;
    let side = u32::try_from(modules).ok()? * scale.max(1);
    let row_bytes = side.div_ceil(8) as usize;
    // Scanlines: a filter byte (0) then 1-bit pixels, 1 = white.
    let mut raw = Vec::with_capacity((row_bytes + 1) * side as usize);
    for y in 0..side {
        raw.push(0);
        let mut byte = 0u8;
        for x in 0..side {
            let (mx, my) = ((x / scale) as i32 - border, (y / scale) as i32 - border);
            let white = !qr.get_module(mx, my);
            byte = (byte << 1) | u8::from(white);
            if x % 8 == 7 {
                raw.push(byte);
                byte = 0;
            }
        }
        if !side.is_multiple_of(8) {
            raw.push(byte << (8 - side % 8));
        }
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = side.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]); // bit depth 1, greyscale, deflate, no filter set, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    Some(out)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(65_535).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paints the SVG's rectangles back into pixels and decodes them with a
    /// real QR reader: what a phone camera would do.
    fn decode(svg: &str) -> String {
        let dim: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let scale = 4;
        let mut dark = vec![false; dim * dim];
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        for rect in d.split('z').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> =
                rect.trim_start_matches('M').split(['h', 'v', ',']).take(3).map(|n| n.parse().unwrap()).collect();
            for x in nums[0]..nums[0] + nums[2] {
                dark[nums[1] * dim + x] = true;
            }
        }
        let px = dim * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            if dark[(y / scale) * dim + x / scale] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_reader_decodes_what_was_drawn() {
        let url = "https://senzu.app/p/0123456789abcdef0123456789abcdef";
        let svg = svg(url).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 41 41\""));
        assert_eq!(svg.matches('<').count(), 4, "svg, rect, path, closing tag only");
        assert_eq!(decode(&svg), url);
        assert_eq!(decode(&super::svg("https://senzu.app/s/x").unwrap()), "https://senzu.app/s/x");
    }

    #[test]
    fn the_png_decodes_as_an_image_and_then_as_the_code() {
        let url = "https://senzu.app/p/0123456789abcdef0123456789abcdef";
        let bytes = png(url, 6).unwrap();
        let decoder = ::png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (41 * 6, 41 * 6));
        assert_eq!(info.bit_depth, ::png::BitDepth::One);
        let (w, line) = (info.width as usize, info.line_size);
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, w, |x, y| {
            if buf[y * line + x / 8] & (0x80 >> (x % 8)) != 0 {
                255
            } else {
                0
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids[0].decode().unwrap().1, url);
        assert!(bytes.len() < 12_000, "{} bytes", bytes.len());
    }

    #[test]
    fn different_text_different_code() {
        assert_ne!(svg("https://senzu.app/p/a"), svg("https://senzu.app/p/b"));
        assert!(svg(&"x".repeat(5_000)).is_none());
    }
}
