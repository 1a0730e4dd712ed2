pub mod account;
pub mod consent;
pub mod console;
pub mod landing;
pub mod not_found;
pub mod play;
pub mod signin;
pub mod status;
