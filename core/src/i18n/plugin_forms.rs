//! The plugins panel of the application editor: the list, the catalogue, the forms and their field messages.

crate::words! {
    /// The plugins panel of the application editor: the list, the catalogue, the forms and their field messages.
    pub struct PluginFormWords {
        title: "TODO", "TODO";
    }
}
