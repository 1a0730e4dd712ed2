fn main() {
    console_error_panic_hook::set_once();
    // The worker's server-rendered first paint gives way to the app.
    if let Some(first_paint) = leptos::prelude::document().get_element_by_id(senzu_core::page::FIRST_PAINT_ID) {
        first_paint.remove();
    }
    leptos::mount::mount_to_body(senzu_app::App);
}
