//! The maker's workspace: items, products, records, batches and chip programming.

crate::words! {
    /// The maker's workspace: items, products, records, batches and chip programming.
    pub struct MakerWords {
        title: "TODO", "TODO";
    }
}
