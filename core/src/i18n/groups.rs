//! The groups pages.

crate::words! {
    /// The groups section of the objects page and a group's page (`/dashboard/groups/{id}`).
    pub struct GroupWords {
        // The objects page's section
        groups: "Groups", "Groupes";
        intro: "Gather objects to share them all at once or give them one application.",
            "Rassemblez des objets pour les partager d'un coup ou leur donner une même application.";
        objects_one: "{n} object", "{n} objet";
        objects_many: "{n} objects", "{n} objets";
        new_group: "New group", "Nouveau groupe";
        name_example: "Family", "Famille";
        create: "Create", "Créer";
        // A group's page
        title: "Group", "Groupe";
        loading: "Loading…", "Chargement…";
        your_rights: "your rights:", "vos droits :";
        objects_title: "Objects in this group", "Objets de ce groupe";
        no_object: "None yet: open an object and choose this group.",
            "Aucun pour l'instant : ouvrez un objet et choisissez ce groupe.";
        for_all: "For every object of the group", "Pour tous les objets du groupe";
        application_all: "Application on all their records", "Application sur tous leurs enregistrements";
        choose: "— choose —", "— choisir —";
        turn_all_on: "Turn all on", "Tout activer";
        turn_all_off: "Turn all off", "Tout désactiver";
        delete: "Delete this group", "Supprimer ce groupe";
        delete_confirm: "Delete this group? Its objects stay yours.",
            "Supprimer ce groupe ? Ses objets restent à vous.";
    }
}
