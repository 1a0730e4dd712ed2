//! The pages the procedure mails' links open (`/account/{action}`): each
//! action's title, button and what it says once done.

crate::words! {
    /// `/account/activate`, `/account/reset-password`, `/account/change-password`,
    /// `/account/change-email` (both links), `/account/forgot-password`, `/account/delete-account`.
    pub struct ProcedureWords {
        activate_title: "Account activation", "Activation du compte";
        activate_button: "Activate", "Activer";
        activate_done: "Your account is active. You can sign in.", "Votre compte est actif. Vous pouvez vous connecter.";
        reset_title: "Choose a new password", "Nouveau mot de passe";
        reset_button: "Save", "Enregistrer";
        reset_done: "Password changed. Sign in with it.", "Mot de passe changé. Connectez-vous.";
        change_password_title: "Change your password", "Changer de mot de passe";
        change_password_button: "Change", "Changer";
        change_password_done: "Password changed. Sign in with it.", "Mot de passe changé. Connectez-vous.";
        current_password: "Current password", "Mot de passe actuel";
        new_password: "New password", "Nouveau mot de passe";
        change_email_title: "Change your e-mail address", "Changer d'adresse e-mail";
        change_email_button: "Change", "Changer";
        change_email_done: "Open the link we sent to the new address to confirm the change.",
            "Ouvrez le lien envoyé à la nouvelle adresse pour confirmer le changement.";
        confirm_email_title: "Confirm your new e-mail address", "Confirmer la nouvelle adresse";
        confirm_email_button: "Confirm", "Confirmer";
        confirm_email_done: "E-mail address changed.", "Adresse e-mail changée.";
        forgot_title: "Forgot your password?", "Mot de passe oublié";
        forgot_button: "Send me a link", "Recevoir un lien";
        forgot_done: "If an account uses this address, we just sent it a link to choose a new password.",
            "Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe vient d'y être envoyé.";
        delete_title: "Delete your account", "Supprimer le compte";
        delete_button: "Delete for good", "Supprimer définitivement";
        delete_done: "Your account is deleted.", "Votre compte est supprimé.";
        unknown_title: "Unknown link", "Lien inconnu";
        // A link opened a second time, or too late.
        link_spent: "This link was already used, or it has expired: each link works once, within an hour.",
            "Ce lien a déjà servi, ou il a expiré : chaque lien ne sert qu'une fois, dans l'heure.";
        activated_already: "If you already activated your account, sign in.",
            "Si vous avez déjà activé votre compte, connectez-vous.";
        ask_again: "Ask for a new link", "Demander un nouveau lien";
    }
}

impl ProcedureWords {
    /// (title, button, done) of an action; an unknown action has a title only.
    pub fn of_action(&self, action: &str) -> (&'static str, &'static str, &'static str) {
        match action {
            "activate" => (self.activate_title, self.activate_button, self.activate_done),
            "reset-password" => (self.reset_title, self.reset_button, self.reset_done),
            "change-password" => (self.change_password_title, self.change_password_button, self.change_password_done),
            "change-email" => (self.change_email_title, self.change_email_button, self.change_email_done),
            "confirm-email" => (self.confirm_email_title, self.confirm_email_button, self.confirm_email_done),
            "forgot-password" => (self.forgot_title, self.forgot_button, self.forgot_done),
            "delete-account" => (self.delete_title, self.delete_button, self.delete_done),
            _ => (self.unknown_title, "", ""),
        }
    }
}
