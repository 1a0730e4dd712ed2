fn main() {
    senzu_app::start(senzu_app::App);
}
