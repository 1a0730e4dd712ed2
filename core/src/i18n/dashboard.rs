//! The dashboard's frame and the pages moved to one table so far: the top
//! bar, the navigation, the objects page, files and mails, and the words
//! every page shares (loading, saved, errors).

crate::words! {
    /// The owner's dashboard.
    pub struct DashWords {
        language: "Language", "Langue";
        nav_dashboard: "Dashboard", "Tableau de bord";
        nav_shop: "Shop", "Boutique";
        nav_developers: "Developers", "Développeurs";
        nav_status: "Status", "État du service";
        nav_label: "Dashboard", "Tableau de bord";
        nav_objects: "Objects", "Objets";
        nav_applications: "Applications", "Applications";
        nav_contacts: "Contacts", "Contacts";
        nav_files: "Files", "Fichiers";
        nav_invitations: "Invitations", "Invitations";
        nav_maker: "Maker", "Fabricant";
        nav_provider: "Provider", "Prestataire";
        nav_reseller: "Reseller", "Revendeur";
        nav_pair: "Pair an object", "Associer un objet";
        nav_account: "Account", "Compte";
        sign_out: "Sign out", "Se déconnecter";
        loading: "Loading…", "Chargement…";
        saved: "Saved", "Enregistré";
        went_wrong: "Something went wrong", "Un problème est survenu";
        code: "Code", "Code";
        objects_title: "Your objects", "Vos objets";
        no_object: "No object yet. Tap a Senzu card, ring or pen with your phone, or pair one here.",
            "Aucun objet pour l'instant. Approchez votre téléphone d'une carte, d'une bague ou d'un stylo Senzu, ou associez-en un ici.";
        invitations_waiting: "Invitations waiting for your answer: {n}", "Invitations en attente de votre réponse : {n}";
        badge_lost: "Lost", "Perdu";
        badge_active: "Active", "Actif";
        badge_not_paired: "Not paired", "Non associé";
        badge_shared: "Shared · {level}", "Partagé · {level}";
        files_title: "Files", "Fichiers";
        files_upload: "Upload images", "Envoyer des images";
        files_hint: "PNG, JPEG, GIF or WebP, up to 2 MB each. Use them as your applications' images.",
            "PNG, JPEG, GIF ou WebP, 2 Mo au plus chacune. Utilisez-les comme images de vos applications.";
        files_uploading: "Uploading {name}", "Envoi de {name}";
        files_used_of: "{used} of {max} used", "{used} utilisés sur {max}";
        files_used: "{used} used", "{used} utilisés";
        files_more: "More storage", "Plus de stockage";
        files_storage: "Storage used", "Stockage utilisé";
        files_all: "All files", "Tous les fichiers";
        files_folder: "Folder", "Dossier";
        files_new_folder: "New folder", "Nouveau dossier";
        files_create: "Create", "Créer";
        files_folder_name: "Folder name", "Nom du dossier";
        files_save: "Save", "Enregistrer";
        files_rename: "Rename", "Renommer";
        files_move_to: "Move to…", "Déplacer vers…";
        files_move_label: "Move {name} to", "Déplacer {name} vers";
        files_top: "All files (top)", "Tous les fichiers (racine)";
        files_delete: "Delete", "Supprimer";
        files_delete_folder: "Delete this folder? Only an empty folder can be deleted.",
            "Supprimer ce dossier ? Seul un dossier vide peut être supprimé.";
        files_delete_file: "Delete this image? Applications showing it lose their image.",
            "Supprimer cette image ? Les applications qui l'affichent la perdent.";
        files_count_one: "1 file", "1 fichier";
        files_count: "{n} files", "{n} fichiers";
        files_empty: "No file here yet. Upload images, or move some in.",
            "Aucun fichier ici pour l'instant. Envoyez des images, ou déplacez-en ici.";
        files_pick: "Choose from my files", "Choisir dans mes fichiers";
        files_none_yet: "No image yet: upload one here or in Files.", "Aucune image pour l'instant : envoyez-en une ici ou dans Fichiers.";
        mails_title: "Mails", "Messages";
        mails_intro: "Mails between you and the people you share objects with. Yours and theirs stay private: nobody sees the other's e-mail address.",
            "Les messages entre vous et les personnes avec qui vous partagez des objets. Vos adresses restent privées : personne ne voit l'adresse e-mail de l'autre.";
        mails_nobody: "Share an object or an application with someone to write to them here.",
            "Partagez un objet ou une application avec quelqu'un pour lui écrire ici.";
        mails_to: "To", "À";
        mails_choose: "Choose a person", "Choisir une personne";
        mails_subject: "Subject", "Objet";
        mails_message: "Message", "Message";
        mails_send: "Send", "Envoyer";
        mails_sending: "Sending…", "Envoi…";
        mails_sent: "Sent.", "Envoyé.";
        mails_pick_someone: "Choose who to write to.", "Choisissez à qui écrire.";
        mails_received: "Received", "Reçus";
        mails_received_unread: "Received ({n} unread)", "Reçus ({n} non lus)";
        mails_none: "No mail yet.", "Aucun message pour l'instant.";
        mails_sent_box: "Sent", "Envoyés";
        mails_not_written: "You have not written yet.", "Vous n'avez encore rien écrit.";
        mails_no_subject: "(no subject)", "(sans objet)";
        mails_answer: "Answer", "Répondre";
        mails_to_whom: "to {name} · {date} · {state}", "à {name} · {date} · {state}";
        mails_read: "read", "lu";
        mails_unread: "not read yet", "pas encore lu";
    }
}
