//! The applications list's and editor's words.

crate::words! {
    /// `/dashboard/applications` and `/dashboard/applications/{id}`.
    pub struct AppWords {
        list_title: "Applications", "Applications";
        list_intro: "An application is what a tap shows: a title, a theme and plugins. Put one on any of your objects.",
            "Une application, c'est ce qu'affiche une lecture : un titre, un thème et des plugins. Mettez-en une sur n'importe lequel de vos objets.";
        new_app: "New application", "Nouvelle application";
        new_placeholder: "My business card", "Ma carte de visite";
        creating: "Creating…", "Création…";
        create: "Create", "Créer";
        plugins_count: "{n} plugin(s)", "{n} plugin(s)";
        locked: " · locked", " · verrouillée";
        shared: " · shared ({level})", " · partagée ({level})";
        title: "Application", "Application";
        your_rights: "your rights:", "vos droits :";
        read_only: "You can see this application; its settings are for its admins.",
            "Vous pouvez voir cette application ; ses réglages sont réservés à ses administrateurs.";
        preview: "Preview", "Aperçu";
        preview_hint: "Live preview: what a tap shows.", "Aperçu en direct : ce qu'affiche une lecture.";
        light: "Light", "Clair";
        dark: "Dark", "Sombre";
        auto: "Auto (dark at night)", "Auto (sombre la nuit)";
        settings: "Settings", "Réglages";
        name: "Name", "Nom";
        alias: "Title shown (alias)", "Titre affiché (alias)";
        subtitle: "Subtitle", "Sous-titre";
        image_upload: "Image: upload (PNG, JPEG, GIF, WebP, 2 MB)", "Image : envoyer (PNG, JPEG, GIF, WebP, 2 Mo)";
        uploading: "Uploading…", "Envoi…";
        image_files: "…or one of your files", "…ou l'un de vos fichiers";
        image_url: "…or an https address", "…ou une adresse https";
        colour: "Colour", "Couleur";
        background: "Background", "Fond";
        new_password: "New password (the app is locked)", "Nouveau mot de passe (l'application est verrouillée)";
        password: "Password (locks the app)", "Mot de passe (verrouille l'application)";
        remove_password: "Remove the password", "Retirer le mot de passe";
        saving: "Saving…", "Enregistrement…";
        save: "Save", "Enregistrer";
        share_links: "Share links", "Liens de partage";
        share_intro: "A link that opens this application without the object, until it expires or you turn it off.",
            "Un lien qui ouvre cette application sans l'objet, jusqu'à son expiration ou jusqu'à ce que vous le désactiviez.";
        valid_for: "Valid for", "Valable";
        one_hour: "1 hour", "1 heure";
        one_day: "1 day", "1 jour";
        seven_days: "7 days", "7 jours";
        thirty_days: "30 days", "30 jours";
        no_end: "No end", "Sans fin";
        create_link: "Create a link", "Créer un lien";
        until: "until {date} UTC", "jusqu'au {date} UTC";
        no_end_short: "no end", "sans fin";
        expired: "Expired", "Expiré";
        off: "Off", "Désactivé";
        turn_off: "Turn off", "Désactiver";
        turn_on: "Turn on", "Activer";
        delete: "Delete", "Supprimer";
        delete_confirm: "Delete this application and its plugins for everyone?",
            "Supprimer cette application et ses plugins, pour tout le monde ?";
        delete_app: "Delete this application", "Supprimer cette application";
    }
}
