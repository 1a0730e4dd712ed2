//! The developer console: apps, their details, tokens, calls, mail templates, the plugstore and the API reference.

crate::words! {
    /// The developer console: apps, their details, tokens, calls, mail templates, the plugstore and the API reference.
    pub struct ConsoleWords {
        title: "TODO", "TODO";
    }
}
