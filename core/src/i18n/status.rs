//! The service status page.

crate::words! {
    /// The service status page.
    pub struct StatusWords {
        title: "TODO", "TODO";
    }
}
