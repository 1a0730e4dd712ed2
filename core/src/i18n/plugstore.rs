//! The developer console's plugstore: a developer's plugins, their forms, versions and texts.

crate::words! {
    /// The console's plugstore panel and a plugin's page.
    pub struct PlugstoreWords {
        // Statuses
        status_published: "Published", "Publié";
        status_in_review: "In review", "En cours de vérification";
        status_withdrawn: "Withdrawn by Senzu", "Retiré par Senzu";
        status_draft: "Draft", "Brouillon";

        // The console's panel
        panel_title: "Your plugstore plugins", "Vos plugins du plugstore";
        new_plugin: "New plugin", "Nouveau plugin";
        panel_intro: "Owners add published plugins to their objects' applications. A plugin is a form owners fill and what a tap does with it: open a link on your site, or show a text. Senzu reviews each version before it is published.",
            "Les propriétaires ajoutent les plugins publiés aux applications de leurs objets. Un plugin, c'est un formulaire que remplissent les propriétaires et ce qu'en fait un geste : ouvrir un lien vers votre site ou afficher un texte. Senzu vérifie chaque version avant sa publication.";
        no_plugin: "No plugin yet.", "Aucun plugin pour l'instant.";
        loading: "Loading…", "Chargement…";

        // The form editor
        inputs_text: "Text", "Texte";
        inputs_tel: "Phone number", "Numéro de téléphone";
        inputs_email: "E-mail", "E-mail";
        inputs_url: "Web address", "Adresse web";
        inputs_number: "Whole number", "Nombre entier";
        inputs_textarea: "Long text", "Texte long";
        what_owners_fill: "What owners fill", "Ce que remplissent les propriétaires";
        field_key: "Key", "Clé";
        field_input: "Input", "Saisie";
        field_label_fr: "Label (French)", "Libellé (français)";
        field_label_en: "Label (English)", "Libellé (anglais)";
        field_required: "Required", "Obligatoire";
        field_remove: "Remove", "Retirer";
        add_field: "Add a field", "Ajouter un champ";
        what_tap_does: "What a tap does", "Ce que fait un geste";
        open_link: "Open a link", "Ouvrir un lien";
        show_text: "Show a text", "Afficher un texte";
        link_hint: "Link (https://, {key} is the owner's value)", "Lien (https://, {key} est la valeur du propriétaire)";
        text_hint: "Text ({key} is the owner's value)", "Texte ({key} est la valeur du propriétaire)";
        icon: "Icon", "Icône";

        // A new plugin
        new_title: "Plugin title (French page)", "Titre du plugin (page en français)";
        new_catchphrase: "Catchphrase (French page)", "Accroche (page en français)";
        cancel: "Cancel", "Annuler";
        create_plugin: "Create the plugin", "Créer le plugin";

        // A plugin's page
        page_title: "Plugstore plugin", "Plugin du plugstore";
        back_to_console: "← Developer console", "← Console développeur";
        plugstore_id: "Plugstore id {id}", "Identifiant plugstore {id}";
        in_catalogue: "Owners can add it from the plugstore.", "Les propriétaires peuvent l'ajouter depuis le plugstore.";
        out_of_catalogue: "Out of the catalogue: owners who have it keep it.",
            "Hors du catalogue : les propriétaires qui l'ont le gardent.";
        take_out: "Take it out of the catalogue", "Le retirer du catalogue";
        put_back: "Put it back in the catalogue", "Le remettre au catalogue";
        new_version_title: "A new version", "Une nouvelle version";
        new_version: "New version", "Nouvelle version";
        frozen_versions: "A version in review or published cannot change: the next one starts from the newest.",
            "Une version en cours de vérification ou publiée ne peut plus changer : la suivante part de la plus récente.";
        version_number: "Version number", "Numéro de version";
        create_version: "Create the version", "Créer la version";

        // A version
        version: "Version {name}", "Version {name}";
        fields: "Fields: {fields}", "Champs : {fields}";
        no_fields: "none", "aucun";
        opens: "Opens {url}", "Ouvre {url}";
        shows: "Shows: {text}", "Affiche : {text}";
        submit_for_review: "Submit for review", "Soumettre à vérification";
        waiting_review: "Waiting for Senzu's review. ", "En attente de la vérification de Senzu. ";
        withdraw_to_edit: "Withdraw to edit", "Retirer pour modifier";

        // A version's texts in one language
        french: "French", "Français";
        english: "English", "Anglais";
        french_inline: "French", "français";
        english_inline: "English", "anglais";
        not_written: " (not written yet)", " (pas encore rédigé)";
        lang_title: "Title ({language})", "Titre ({language})";
        lang_catchphrase: "Catchphrase ({language})", "Accroche ({language})";
        lang_description: "Description ({language})", "Description ({language})";
        lang_save: "Save the {language} texts", "Enregistrer les textes en {language}";
        saved: "Saved", "Enregistré";
    }
}
