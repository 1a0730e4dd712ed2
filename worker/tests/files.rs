//! Files: image uploads to R2 (multipart or data URL), typed by their bytes,
//! at most 2 MiB, served publicly as images only, and used as application images.
mod common;

use common::{app, new_account, Auth};

fn png() -> Vec<u8> {
    senzu_core::qr::png("https://senzu.app/files-test", 2).unwrap()
}

fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", senzu_core::page::base64(bytes))
}

fn multipart(name: &str, filename: &str, mime: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = format!("senzu{}", rand::random::<u64>());
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n{name}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"source\"; filename=\"{filename}\"\r\nContent-Type: {mime}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn an_uploaded_image_is_stored_served_and_shown_on_the_application() {
    let ada = new_account("files");
    let bytes = png();
    let (content_type, body) = multipart("Logo", "logo.png", "image/png", &bytes);
    let uploaded = app().post_raw("/v1/files", ada.auth(), &content_type, body);
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let file = uploaded.json();
    assert_eq!(file["name"], "Logo");
    assert_eq!(file["mime"], "image/png");
    assert_eq!(file["file_size"], bytes.len());
    let url = file["url"].as_str().unwrap().to_string();
    let path = url.strip_prefix(&app().base_url).unwrap().to_string();
    let (status, served, headers) = app().bytes_of(&path);
    assert_eq!(status, 200);
    assert_eq!(served, bytes);
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["content-security-policy"].contains("default-src 'none'"));

    // The same through a data URL in a plain form.
    let by_form = app().call("POST", "/v1/files", ada.auth(), &[("source", &data_url("image/png", &bytes))], &[]);
    assert_eq!(by_form.status, 201, "{}", by_form.body);

    // On an application: its image is the file's URL, and the play shows it.
    let created = app().call("POST", "/v1/applications", ada.auth(), &[("name", "With logo")], &[]).json();
    let id_app = created["id"].as_i64().unwrap();
    let id_file = file["id"].as_i64().unwrap().to_string();
    let set = app().call("POST", &format!("/v1/applications/{id_app}"), ada.auth(), &[("id_image", &id_file)], &[]);
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.json()["url_image"], url.as_str());
    assert_eq!(set.json()["id_image"], file["id"]);

    // Someone else can neither read its record nor use it.
    let bob = new_account("files2");
    assert_eq!(app().call("GET", &format!("/v1/files/{id_file}"), bob.auth(), &[], &[]).status, 404);
    let bobs_app =
        app().call("POST", "/v1/applications", bob.auth(), &[("name", "Thief")], &[]).json()["id"].as_i64().unwrap();
    let stolen =
        app().call("POST", &format!("/v1/applications/{bobs_app}"), bob.auth(), &[("id_image", &id_file)], &[]);
    assert_eq!(stolen.error_code(), 420);

    // Deleting the file removes the bytes and the application's image.
    assert_eq!(app().call("DELETE", &format!("/v1/files/{id_file}"), ada.auth(), &[], &[]).status, 200);
    assert_eq!(app().bytes_of(&path).0, 404);
    let after = app().call("GET", &format!("/v1/applications/{id_app}"), ada.auth(), &[], &[]).json();
    assert!(after["url_image"].is_null());
}

#[test]
fn only_small_raster_images_are_accepted() {
    let ada = new_account("files3");
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let (content_type, body) = multipart("x", "x.png", "image/png", svg);
    let refused = app().post_raw("/v1/files", ada.auth(), &content_type, body);
    assert_eq!(refused.error_code(), 420, "the declared type is not trusted: {}", refused.body);
    assert!(refused.body.contains("source"));
    let mut big = png();
    big.resize(2 * 1024 * 1024 + 1, 0);
    let (content_type, body) = multipart("big", "big.png", "image/png", &big);
    assert_eq!(app().post_raw("/v1/files", ada.auth(), &content_type, body).error_code(), 413);
    assert_eq!(app().call("POST", "/v1/files", ada.auth(), &[("name", "none")], &[]).error_code(), 419);
    assert_eq!(app().call("POST", "/v1/files", Auth::None, &[("source", "data:x;base64,AA")], &[]).status, 401);
    assert_eq!(app().get("/files/..%2F..%2Fwrangler.toml").status, 404);
    assert_eq!(app().get("/files/nope.png").status, 404);
}
