//! The object (product) page's words.

crate::words! {
    /// `/dashboard/products/{id}`.
    pub struct ProductWords {
        title: "Object", "Objet";
        paired: "Paired. It is yours: give it an application below.", "Associé. Il est à vous : donnez-lui une application ci-dessous.";
        your_rights: "your rights:", "vos droits :";
        lost: "Lost", "Perdu";
        records: "Records", "Enregistrements";
        name: "Name", "Nom";
        saving: "Saving…", "Enregistrement…";
        rename: "Rename", "Renommer";
        group: "Group", "Groupe";
        no_group: "— no group —", "— aucun groupe —";
        group_hint: "Everyone the group is shared with gets this object too.", "Toutes les personnes avec qui le groupe est partagé reçoivent aussi cet objet.";
        lost_mode: "Lost mode", "Mode perdu";
        lost_hint: "When it is lost, a tap shows your message and lets the finder write to you — your address stays private.",
            "Quand il est perdu, une lecture affiche votre message et permet à la personne qui le trouve de vous écrire — votre adresse reste privée.";
        is_lost: "This object is lost", "Cet objet est perdu";
        finder_message: "Message to the finder", "Message à la personne qui le trouve";
        save: "Save", "Enregistrer";
        finder_messages: "Messages from finders ({n} unread)", "Messages de personnes qui l'ont trouvé ({n} non lus)";
        contact: "Contact: {contact}", "Contact : {contact}";
        no_contact: "No contact left", "Aucun contact laissé";
        unread: "Unread", "Non lu";
        reply: "Reply by mail", "Répondre par e-mail";
        mark_unread: "Mark unread", "Marquer non lu";
        mark_read: "Mark read", "Marquer lu";
        open: "Open", "Ouvrir";
        nfc: "NFC chip", "Puce NFC";
        qrcode: "QR code", "QR code";
        signed: "Signed (SUN)", "Signée (SUN)";
        static_record: "Static", "Statique";
        disabled: "Disabled", "Désactivé";
        key: "Key", "Clé";
        since: "since {date}", "depuis le {date}";
        opens_app: "Opens the application", "Ouvre l'application";
        none: "— none —", "— aucune —";
        more: "Insights and share links", "Statistiques et liens de partage";
        share_links_of: "Share links of this record", "Liens de partage de cet enregistrement";
        share_links: "Share links", "Liens de partage";
        no_share_link: "No link made through this record.", "Aucun lien créé à partir de cet enregistrement.";
        link_off: "off", "désactivé";
        link_expired: "expired", "expiré";
        link_live: "live", "actif";
        link_until: " · until {date}", " · jusqu'au {date}";
        confirm_leave: "Remove this object from your account? Others keep it.", "Retirer cet objet de votre compte ? Les autres le gardent.";
        confirm_reset: "Reset it so someone else can pair it? Its applications and shares are removed.",
            "Le réinitialiser pour que quelqu'un d'autre puisse l'associer ? Ses applications et partages sont retirés.";
        confirm_erase: "Erase it for everyone? Nobody will have it any more.", "L'effacer pour tout le monde ? Plus personne ne l'aura.";
        give_away: "Leave or give away", "Quitter ou donner";
        leave: "Remove from my account", "Retirer de mon compte";
        reset: "Reset to give it away", "Réinitialiser pour le donner";
        erase: "Erase for everyone", "Effacer pour tout le monde";
    }
}
