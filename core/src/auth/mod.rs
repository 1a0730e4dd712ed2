//! Senzu Auth rules shared by the worker (which enforces them) and the app
//! (which explains them): roles, redirects, PKCE, account inputs.

pub mod credentials;
pub mod next;
pub mod oidc;
pub mod origin;
pub mod pkce;
pub mod redirect;
pub mod roles;
pub mod tokens;

pub use credentials::{CredentialError, Email, Gender, NewPassword};
pub use roles::Role;
