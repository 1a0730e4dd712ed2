//! The plugins panel of the application editor: the list, the catalogue, the forms and their field messages.

crate::words! {
    /// The plugins panel of the application editor: the list, the catalogue, the forms and their field messages.
    pub struct PluginFormWords {
        // The list
        title: "Plugins", "Plugins";
        add: "Add a plugin", "Ajouter un plugin";
        loading: "Loading…", "Chargement…";
        empty: "No plugin yet: add a phone number, your socials, a vCard…",
            "Aucun plugin pour l'instant : ajoutez un numéro de téléphone, vos réseaux sociaux, une vCard…";
        drag_hint: "Drag to reorder", "Faites glisser pour changer l'ordre";
        locked: "Locked", "Verrouillé";
        scheduled: "Scheduled", "Programmé";
        off: "Off", "Désactivé";
        insights: "Insights", "Statistiques";
        insights_of: "Insights of the plugin “{name}”: how often visitors opened it.",
            "Statistiques du plugin « {name} » : combien de fois les visiteurs l'ont ouvert.";
        move_up: "Move up", "Monter";
        move_down: "Move down", "Descendre";
        turn_off: "Turn off", "Désactiver";
        turn_on: "Turn on", "Activer";
        edit: "Edit", "Modifier";
        delete: "Delete", "Supprimer";
        delete_confirm: "Delete this plugin?", "Supprimer ce plugin ?";
        // The catalogue
        search: "Search plugins", "Rechercher un plugin";
        cancel: "Cancel", "Annuler";
        no_match: "No plugin matches your search.", "Aucun plugin ne correspond à votre recherche.";
        // The add/edit form
        tile_name: "Name on the tile", "Nom sur la vignette";
        schedule: "Show only at these times (optional, your time)",
            "Afficher seulement à ces heures (facultatif, votre heure)";
        from: "From", "De";
        to: "To", "À";
        monday: "Mon", "lun.";
        tuesday: "Tue", "mar.";
        wednesday: "Wed", "mer.";
        thursday: "Thu", "jeu.";
        friday: "Fri", "ven.";
        saturday: "Sat", "sam.";
        sunday: "Sun", "dim.";
        password: "Password (optional: locks this plugin)", "Mot de passe (facultatif : verrouille ce plugin)";
        stored: "stored — type to replace", "enregistré — saisissez pour remplacer";
        test_connection: "Test connection", "Tester la connexion";
        saving: "Saving…", "Enregistrement…";
        save: "Save plugin", "Enregistrer le plugin";
        // A field's message (plugin_form::FormError::sentence)
        not_an_object: "These values do not match the plugin's form.",
            "Ces valeurs ne correspondent pas au formulaire du plugin.";
        not_a_field: "This plugin has no such field (its fields: {fields}).",
            "Ce plugin n'a pas ce champ (ses champs : {fields}).";
        not_text: "Enter text.", "Saisissez du texte.";
        too_long: "Keep it to {max} characters or fewer.", "{max} caractères au maximum.";
        phone: "Enter a phone number: digits, spaces and a leading +.",
            "Saisissez un numéro de téléphone : chiffres, espaces et un + au début.";
        email: "Enter an e-mail address, like name@example.com.",
            "Saisissez une adresse e-mail, comme nom@exemple.fr.";
        url: "Enter a web address, like senzu.app (http or https).",
            "Saisissez une adresse web, comme senzu.app (http ou https).";
        whole_number: "Enter a whole number: digits only.", "Saisissez un nombre entier : des chiffres uniquement.";
        one_of: "Choose one of: {options}.", "Choisissez parmi : {options}.";
    }
}
