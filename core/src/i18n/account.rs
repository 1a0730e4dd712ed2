//! The account page: its frame and every section (profile, addresses, e-mail
//! and password, sessions and apps, activity, deletion of the account).

crate::words! {
    /// `/account`: its title, its sections and their forms.
    pub struct AccountWords {
        // The frame.
        title: "Your account", "Votre compte";
        sections: "Account sections", "Sections du compte";
        profile: "Profile", "Profil";
        addresses: "Addresses", "Adresses";
        sign_in: "E-mail and password", "E-mail et mot de passe";
        sessions: "Sessions and apps", "Sessions et applications";
        mails: "Mails", "Messages";
        activity: "Activity", "Activité";
        delete: "Delete the account", "Supprimer le compte";
        // A date with its time, as the page shows it.
        when: "{date} {time} UTC", "{date} à {time} UTC";

        // Profile.
        first_name: "First name", "Prénom";
        last_name: "Last name", "Nom";
        username: "Username", "Nom d'utilisateur";
        gender: "Gender", "Genre";
        gender_unsaid: "Not said", "Non précisé";
        gender_male: "Male", "Homme";
        gender_female: "Female", "Femme";
        gender_non_binary: "Non-binary", "Non binaire";
        birthdate: "Birthdate", "Date de naissance";
        language: "Language", "Langue";
        country: "Country (two letters, e.g. FR)", "Pays (deux lettres, p. ex. FR)";
        saving: "Saving…", "Enregistrement…";
        save_profile: "Save profile", "Enregistrer le profil";

        // Addresses.
        no_address: "No address yet.", "Aucune adresse pour l'instant.";
        edit: "Edit", "Modifier";
        edit_named: "Edit {alias}", "Modifier {alias}";
        remove: "Delete", "Supprimer";
        remove_named: "Delete {alias}", "Supprimer {alias}";
        address_add: "Add an address", "Ajouter une adresse";
        address_edit_title: "Edit the address", "Modifier l'adresse";
        address_new_title: "New address", "Nouvelle adresse";
        address_alias: "Name of the address (e.g. Home)", "Nom de l'adresse (p. ex. Domicile)";
        street: "Street", "Rue";
        address_more: "Address line 2 (optional)", "Complément d'adresse (facultatif)";
        postcode: "Postcode", "Code postal";
        city: "City", "Ville";
        state: "State or region", "État ou région";
        country_code: "Country (two letters)", "Pays (deux lettres)";
        phone: "Phone (optional)", "Téléphone (facultatif)";
        save_address: "Save address", "Enregistrer l'adresse";
        cancel: "Cancel", "Annuler";

        // E-mail and password.
        your_email: "Your e-mail address:", "Votre adresse e-mail :";
        by_mail: "Both changes are confirmed by mail: we send a link to {email}, and the change happens when you open it.",
            "Les deux changements se confirment par e-mail : nous envoyons un lien à {email}, et le changement a lieu quand vous l'ouvrez.";
        change_email: "Change my e-mail address", "Changer mon adresse e-mail";
        change_email_sent: "We sent a mail to {email}. Open its link to choose your new address; a second mail to the new address confirms it.",
            "Nous avons envoyé un e-mail à {email}. Ouvrez son lien pour choisir votre nouvelle adresse ; un second e-mail, envoyé à la nouvelle adresse, la confirme.";
        change_password: "Change my password", "Changer mon mot de passe";
        change_password_sent: "We sent a mail to {email}. Open its link to choose a new password.",
            "Nous avons envoyé un e-mail à {email}. Ouvrez son lien pour choisir un nouveau mot de passe.";

        // Sessions and apps.
        browsers_title: "Signed-in browsers", "Navigateurs connectés";
        apps_title: "Apps you authorized", "Applications que vous avez autorisées";
        col_signed_in: "Signed in", "Connexion";
        col_expires: "Expires", "Expiration";
        col_browser: "Browser", "Navigateur";
        col_action: "Action", "Action";
        this_browser: "This browser", "Ce navigateur";
        another_browser: "Another browser", "Un autre navigateur";
        sign_out: "Sign out", "Déconnecter";
        sign_out_session: "Sign out session {id}", "Déconnecter la session {id}";
        sign_out_this_session: "Sign out session {id} (this browser)", "Déconnecter la session {id} (ce navigateur)";
        no_app: "No app holds a token of your account.", "Aucune application ne détient de jeton de votre compte.";
        app_token: "Roles: {roles} · since {date}", "Rôles : {roles} · depuis le {date}";
        revoke: "Revoke", "Révoquer";
        revoke_token: "Revoke the token {id} of {name}", "Révoquer le jeton {id} de {name}";

        // Activity.
        activity_intro: "The API calls made on your account, newest first.",
            "Les appels à l'API faits sur votre compte, du plus récent au plus ancien.";
        col_date: "Date", "Date";
        col_method: "Method", "Méthode";
        col_path: "Path", "Chemin";
        col_status: "Status", "Statut";
        col_app: "App", "Application";
        newest_calls: "Newest calls", "Appels les plus récents";
        older_calls: "Older calls", "Appels plus anciens";

        // Deleting the account: what goes, and the mail that confirms it.
        delete_intro: "Deleting the account cannot be undone. When you confirm it from the mail:",
            "La suppression du compte est définitive. Quand vous la confirmez depuis l'e-mail :";
        delete_objects: "your objects are unpaired: they go back to \"not activated\" and lose their names;",
            "vos objets sont dissociés : ils redeviennent « non activés » et perdent leur nom ;";
        delete_applications: "your applications are deleted, and the records that showed them show nothing;",
            "vos applications sont supprimées, et les enregistrements qui les affichaient n'affichent plus rien ;";
        delete_data: "your files and folders, the share links you made, your addresses, your sessions and app tokens, and the log of your API calls are deleted;",
            "vos fichiers et dossiers, les liens de partage que vous avez créés, vos adresses, vos sessions et jetons d'application, ainsi que le journal de vos appels à l'API sont supprimés ;";
        delete_mails: "the mails you exchanged stay with the other person, without your name;",
            "les messages que vous avez échangés restent chez l'autre personne, sans votre nom ;";
        delete_published: "plugins and maker profiles you published stay, without your name;",
            "les plugins et profils de fabricant que vous avez publiés restent, sans votre nom ;";
        delete_last: "then the account itself is deleted, and you are signed out everywhere.",
            "puis le compte lui-même est supprimé, et vous êtes déconnecté partout.";
        delete_mine: "Delete my account", "Supprimer mon compte";
        delete_sent: "We sent a mail to {email}. Open its link to delete the account for good; nothing is deleted until then.",
            "Nous avons envoyé un e-mail à {email}. Ouvrez son lien pour supprimer définitivement le compte ; rien n'est supprimé d'ici là.";
    }
}
