//! Prints the OpenAPI document (`cargo xtask openapi` writes it into dist/).
//! Host-only: the worker compiles core without the `openapi` feature.

fn main() {
    print!("{}", senzu_core::api::openapi::json());
}
