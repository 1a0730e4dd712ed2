//! The account page's frame.

crate::words! {
    /// `/account`: its title and its sections.
    pub struct AccountWords {
        title: "Your account", "Votre compte";
        sections: "Account sections", "Sections du compte";
        profile: "Profile", "Profil";
        addresses: "Addresses", "Adresses";
        sign_in: "E-mail and password", "E-mail et mot de passe";
        sessions: "Sessions and apps", "Sessions et applications";
        mails: "Mails", "Messages";
        activity: "Activity", "Activité";
        delete: "Delete the account", "Supprimer le compte";
    }
}
