//! The service status page.

crate::words! {
    /// The service status page (`/status`): the worker's health.
    pub struct StatusWords {
        title: "Status", "État du service";
        heading: "Service status", "État du service";
        checking: "Checking…", "Vérification…";
        api: "API", "API";
        database: "Database", "Base de données";
        reachable: "reachable", "accessible";
        unreachable: "unreachable", "inaccessible";
        version: "Version", "Version";
        check_again: "Check again", "Vérifier à nouveau";
    }
}
