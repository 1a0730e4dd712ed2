//! The play page's words (and the pages a visitor reaches from it).

crate::words! {
    /// What a visitor reads on a play, its lost, locked and pairing pages.
    pub struct PlayWords {
        password_title: "This app is private",
            "Cette application est privée";
        password_hint: "Enter the password its owner gave you.",
            "Saisissez le mot de passe que son propriétaire vous a donné.";
        password_label: "Password",
            "Mot de passe";
        unlock: "Unlock",
            "Déverrouiller";
        unlocking: "Checking…",
            "Vérification…";
        wrong_password: "Wrong password. Try again.",
            "Mot de passe incorrect. Réessayez.";
        not_activated_title: "Not activated yet",
            "Pas encore activé";
        not_activated_text: "This object has not been paired to an account yet. Its owner pairs it from the Senzu dashboard.",
            "Cet objet n'est encore associé à aucun compte. Son propriétaire l'associe depuis le tableau de bord Senzu.";
        pair_it: "It's mine: pair it to my account",
            "C'est le mien : l'associer à mon compte";
        disabled_title: "This tag is switched off",
            "Ce tag est désactivé";
        disabled_text: "Its owner has disabled this tag for now.",
            "Son propriétaire l'a désactivé pour le moment.";
        expired_title: "Tap again",
            "Scannez à nouveau";
        expired_text: "This link has expired. Hold your phone against the object again to open it.",
            "Ce lien a expiré. Approchez de nouveau votre téléphone de l'objet pour l'ouvrir.";
        no_app_title: "Nothing here yet",
            "Rien pour le moment";
        no_app_text: "The owner has not put an app on this object yet.",
            "Le propriétaire n'a pas encore mis d'application sur cet objet.";
        lost_title: "This object is lost",
            "Cet objet est perdu";
        lost_text: "Its owner is looking for it. Leave a message: it goes straight to them, and their address stays private.",
            "Son propriétaire le recherche. Laissez-lui un message : il lui parvient directement, et son adresse reste privée.";
        lost_message_label: "Your message",
            "Votre message";
        lost_contact_label: "How to reach you (optional)",
            "Comment vous joindre (facultatif)";
        lost_send: "Send to the owner",
            "Envoyer au propriétaire";
        lost_sent: "Thank you! Your message has been sent to the owner.",
            "Merci ! Votre message a été envoyé au propriétaire.";
        forged_title: "This tag could not be verified",
            "Ce tag n'a pas pu être vérifié";
        forged_text: "The link does not carry a valid signature. Tap the object itself rather than a copied link.",
            "Le lien ne porte pas de signature valide. Scannez l'objet lui-même plutôt qu'un lien copié.";
        missing_title: "Nothing at this address",
            "Rien à cette adresse";
        missing_text: "This link does not lead to any object.",
            "Ce lien ne mène à aucun objet.";
        wifi_network: "Network",
            "Réseau";
        wifi_password: "Password",
            "Mot de passe";
        wifi_security: "Security",
            "Sécurité";
        close: "Close",
            "Fermer";
        locked_plugin: "Protected",
            "Protégé";
        powered_by: "Made with Senzu",
            "Créé avec Senzu";
        quote_send: "Send my request",
            "Envoyer ma demande";
        quote_sent: "Thank you! Your request has been sent.",
            "Merci ! Votre demande a été envoyée.";
        quote_failed: "The request could not be sent right now. Please try again later.",
            "La demande n'a pas pu être envoyée pour le moment. Réessayez plus tard.";
        contact_name: "Your name",
            "Votre nom";
        contact_email: "Your e-mail",
            "Votre e-mail";
        contact_phone: "Your phone",
            "Votre téléphone";
        contact_company: "Company",
            "Entreprise";
        contact_note: "A note",
            "Un mot";
        contact_hint: "Leave an e-mail or a phone number so they can reach you.",
            "Laissez un e-mail ou un numéro de téléphone pour qu'on puisse vous joindre.";
        contact_consent: "I agree to share these details with the owner of this page.",
            "J'accepte de partager ces coordonnées avec le propriétaire de cette page.";
        contact_save_card: "Also save their card to my contacts",
            "Enregistrer aussi sa carte dans mes contacts";
        contact_send: "Send my details",
            "Envoyer mes coordonnées";
        contact_sent: "Thank you! Your details have been sent. A copy is on its way to your e-mail, with a link to delete them.",
            "Merci ! Vos coordonnées ont été envoyées. Une copie part vers votre e-mail, avec un lien pour les supprimer.";
        contact_card: "Save their card",
            "Enregistrer sa carte";
        // A visitor's form refused: which field, in the form's own words.
        fill_field: "Fill in “{field}”.",
            "Remplissez « {field} ».";
        check_field: "Check “{field}”: it is not valid.",
            "Vérifiez « {field} » : la valeur n'est pas valide.";
        too_many: "Too many tries. Wait a little and try again.",
            "Trop d'essais. Patientez un peu avant de réessayer.";
        not_sent: "This could not be sent right now. Please try again later.",
            "L'envoi n'a pas pu se faire pour le moment. Réessayez plus tard.";
    }
}

impl PlayWords {
    /// A refusal of a visitor's form as a sentence: the field it names by its
    /// label in the form, too many tries, or could not be sent.
    pub fn refusal(&self, error: &crate::ApiError) -> String {
        use crate::ErrorCode;
        let label = match error.field() {
            Some("email") => self.contact_email,
            Some("phone") => self.contact_phone,
            Some("name" | "firstname" | "lastname") => self.contact_name,
            Some("company") => self.contact_company,
            Some("note") => self.contact_note,
            Some("consent") => self.contact_consent,
            Some("message") => self.lost_message_label,
            Some("contact") => self.lost_contact_label,
            Some(other) => other,
            None => "",
        };
        match error.kind() {
            Some(ErrorCode::MissingArgument) if !label.is_empty() => {
                crate::i18n::fill(self.fill_field, &[("field", label)])
            }
            Some(ErrorCode::BadArgument) if !label.is_empty() => {
                crate::i18n::fill(self.check_field, &[("field", label)])
            }
            Some(ErrorCode::TooManyRequests) => self.too_many.to_string(),
            _ => self.not_sent.to_string(),
        }
    }
}
