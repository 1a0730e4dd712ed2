//! The consent screen's words.

crate::words! {
    /// What the Senzu Auth consent screen says.
    pub struct ConsentWords {
        page_title: "Sign in with Senzu",
            "Se connecter avec Senzu";
        wants: "wants to access your Senzu account to:",
            "souhaite accéder à votre compte Senzu pour :";
        signed_in_as: "Signed in as",
            "Connecté en tant que";
        not_you: "Not you?",
            "Ce n'est pas vous ?";
        allow: "Allow",
            "Autoriser";
        cancel: "Cancel",
            "Annuler";
        invalid: "This sign-in request is not valid",
            "Cette demande de connexion n'est pas valide";
        invalid_text: "You were not redirected. You can close this window.",
            "Vous n'avez pas été redirigé. Vous pouvez fermer cette fenêtre.";
        cancelled: "Request cancelled. You can close this window.",
            "Demande annulée. Vous pouvez fermer cette fenêtre.";
        sign_in_first: "Sign in to continue",
            "Connectez-vous pour continuer";
        never_expires: "This access does not expire; you can revoke it at any time.",
            "Cet accès n'expire pas ; vous pouvez le révoquer à tout moment.";
        expires_days: "This access expires in (days):",
            "Cet accès expire dans (jours) :";
        loading: "Loading…",
            "Chargement…";
    }
}
