//! The groups pages.

crate::words! {
    /// The groups pages.
    pub struct GroupWords {
        title: "TODO", "TODO";
    }
}
