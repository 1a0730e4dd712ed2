//! The play bundle: what the worker serves at a tap (see `senzu_app::PlayApp`).
fn main() {
    senzu_app::start(senzu_app::PlayApp);
}
