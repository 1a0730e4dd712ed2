//! QR codes for printed records, as SVG drawn here (no JavaScript, no image
//! service): one path of unit squares, a quiet zone of four modules.

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
    fn different_text_different_code() {
        assert_ne!(svg("https://senzu.app/p/a"), svg("https://senzu.app/p/b"));
        assert!(svg(&"x".repeat(5_000)).is_none());
    }
}
