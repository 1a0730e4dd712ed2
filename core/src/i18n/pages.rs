//! The landing page, the missing page and the contacts page.

crate::words! {
    /// Pages outside the dashboard's frame, and the contacts page.
    pub struct PageWords {
        hero_title: "Your objects, as small apps.", "Vos objets, en petites applications.";
        hero_lead: "A card, a ring or a pen carries an NFC chip or a printed code. Tap it with a phone and it opens your app: call, text, your vCard, your links — whatever you put on it.",
            "Une carte, une bague ou un stylo porte une puce NFC ou un code imprimé. Approchez un téléphone : votre application s'ouvre — appel, SMS, votre vCard, vos liens, tout ce que vous y mettez.";
        create_account: "Create an account", "Créer un compte";
        sign_in: "Sign in", "Se connecter";
        feature_tap: "Tap, and it opens", "Un geste, et ça s'ouvre";
        feature_tap_text: "No app to install. Every tap of a secure chip is signed, so a copied link cannot be replayed.",
            "Aucune application à installer. Chaque lecture d'une puce sécurisée est signée : un lien copié ne peut pas resservir.";
        feature_shape: "Yours to shape", "À votre image";
        feature_shape_text: "Pick a title, colours and plugins. Change them any time; the object stays the same.",
            "Choisissez un titre, des couleurs et des plugins. Changez-les quand vous voulez : l'objet reste le même.";
        feature_share: "Share and find", "Partager et retrouver";
        feature_share_text: "Share an object with people you trust, mark it lost, and see where it is being tapped.",
            "Partagez un objet avec qui vous voulez, déclarez-le perdu, et voyez où il est lu.";
        not_found_title: "Page not found", "Page introuvable";
        not_found_text: "This address does not lead anywhere.", "Cette adresse ne mène nulle part.";
        back_home: "Back to the start", "Retour à l'accueil";
        contacts_title: "Contacts", "Contacts";
        contacts_intro: "What visitors left for you through an Exchange contacts plugin.",
            "Ce que les visiteurs vous ont laissé via un plugin « Échange de contacts ».";
        contacts_none: "No contacts yet. Add an “Exchange contacts” plugin to one of your applications and visitors can leave you their details at a tap.",
            "Aucun contact pour l'instant. Ajoutez un plugin « Échange de contacts » à l'une de vos applications : les visiteurs pourront vous laisser leurs coordonnées d'un geste.";
        contacts_exchanges: "Exchanges", "Échanges";
        contacts_all: "All", "Tous";
        contacts_7: "Last 7 days", "7 derniers jours";
        contacts_30: "Last 30 days", "30 derniers jours";
        contacts_search: "Search", "Rechercher";
        contacts_tag: "Tag", "Étiquette";
        contacts_any: "Any", "Toutes";
        contacts_csv: "Export CSV", "Exporter en CSV";
        contacts_vcard: "Export vCard", "Exporter en vCard";
        contacts_tags: "Tags", "Étiquettes";
        contacts_note: "Your note", "Votre note";
        contacts_save: "Save", "Enregistrer";
        contacts_delete: "Delete", "Supprimer";
        contacts_confirm: "Delete this contact for good?", "Supprimer définitivement ce contact ?";
        invitations_title: "Invitations", "Invitations";
        invitations_none: "Nothing waiting for you.", "Rien ne vous attend.";
        invitation_object: "object", "objet";
        invitation_group: "group of objects", "groupe d'objets";
        invitation_application: "application", "application";
        invitation_from: "{what} shared by {who} · {level}", "{what} partagé par {who} · {level}";
        invitation_decline: "Decline", "Refuser";
        invitation_accept: "Accept", "Accepter";
        pair_title: "Pair an object", "Associer un objet";
        pair_sign_in: "Sign in to pair this object to your account.", "Connectez-vous pour associer cet objet à votre compte.";
        pair_signed_in_as: "Signed in as {email}", "Connecté en tant que {email}";
        pair_hold: "Hold your phone against the object", "Approchez votre téléphone de l'objet";
        pair_or: "or", "ou";
        pair_how: "Tap the object with your phone (its page offers to pair it), or paste the link it opened — or the link of its printed code:",
            "Approchez votre téléphone de l'objet (sa page propose de l'associer), ou collez le lien qu'il a ouvert — ou celui de son code imprimé :";
        pair_link: "Link of the object", "Lien de l'objet";
        pair_continue: "Continue", "Continuer";
        pair_not_a_link: "This is not the link of a Senzu object (it has no /p/…).", "Ce n'est pas le lien d'un objet Senzu (il n'a pas de /p/…).";
        pair_already: "This object is already paired to an account.", "Cet objet est déjà associé à un compte.";
        pair_expired: "This tap has expired: tap the object again.", "Cette lecture a expiré : approchez à nouveau le téléphone de l'objet.";
        pair_intro: "This object is not paired yet. Give it a name; you become its owner.", "Cet objet n'est pas encore associé. Donnez-lui un nom : vous en devenez propriétaire.";
        pair_name: "Name (optional)", "Nom (facultatif)";
        pair_placeholder: "My card", "Ma carte";
        pairing: "Pairing…", "Association…";
        pair_submit: "Pair to my account", "Associer à mon compte";
        // /forget-contact#{token}: a visitor deletes the details they left.
        forget_title: "Delete my details", "Supprimer mes coordonnées";
        forget_text: "The details you left will be deleted for good: the owner will not see them any more.",
            "Les coordonnées que vous avez laissées seront supprimées pour de bon : le propriétaire ne les verra plus.";
        forget_button: "Delete what I shared", "Supprimer ce que j'ai partagé";
        forget_done: "Done: your details have been deleted.", "C'est fait : vos coordonnées ont été supprimées.";
        forget_no_token: "This link is incomplete. Open the one from your e-mail as it is.",
            "Ce lien est incomplet. Ouvrez celui de votre e-mail tel quel.";
    }
}
