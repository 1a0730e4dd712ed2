//! Web NFC (Chrome on Android): reads the URL a Senzu chip writes on each tap.
//! There are no typed bindings for `NDEFReader` yet, so this goes through
//! `Reflect`; everywhere else the page falls back to tapping or scanning.

use js_sys::{Function, Promise, Reflect};
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Whether this browser can read NFC tags from a page.
pub fn available() -> bool {
    Reflect::has(&leptos::prelude::window(), &JsValue::from_str("NDEFReader")).unwrap_or(false)
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, String> {
    Reflect::get(target, &JsValue::from_str(key)).map_err(|_| format!("NFC: no {key}"))
}

/// Waits for one tag and returns the first URL record on it.
pub async fn read_url() -> Result<String, String> {
    let window: JsValue = leptos::prelude::window().into();
    let ctor: Function = get(&window, "NDEFReader")?.dyn_into().map_err(|_| "NFC is not available here".to_string())?;
    let reader = Reflect::construct(&ctor, &js_sys::Array::new()).map_err(|_| "NFC could not start".to_string())?;
    let scan: Function = get(&reader, "scan")?.dyn_into().map_err(|_| "NFC: no scan".to_string())?;
    let started: Promise = scan.call0(&reader).map_err(|_| "NFC could not start".to_string())?.unchecked_into();
    JsFuture::from(started).await.map_err(|_| "NFC permission was refused".to_string())?;
    let reading = Promise::new(&mut |resolve, _reject| {
        let on_reading = Closure::once_into_js(move |event: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &event);
        });
        let _ = Reflect::set(&reader, &JsValue::from_str("onreading"), &on_reading);
    });
    let event = JsFuture::from(reading).await.map_err(|_| "NFC reading failed".to_string())?;
    let records = get(&get(&event, "message")?, "records")?;
    let decoder_ctor: Function = get(&window, "TextDecoder")?.dyn_into().map_err(|_| "no TextDecoder".to_string())?;
    let decoder = Reflect::construct(&decoder_ctor, &js_sys::Array::new()).map_err(|_| "no TextDecoder".to_string())?;
    let decode: Function = get(&decoder, "decode")?.dyn_into().map_err(|_| "no decode".to_string())?;
    for record in js_sys::Array::from(&records).iter() {
        if get(&record, "recordType")?.as_string().as_deref() == Some("url") {
            let data = get(&record, "data")?;
            if let Some(url) = decode.call1(&decoder, &data).ok().and_then(|v| v.as_string()) {
                return Ok(url);
            }
        }
    }
    Err("this tag carries no link".into())
}
