//! What an API refusal means, as a sentence for people in their language.
//! The API's own message (written for developers, naming the argument) and
//! the code stay below it as the detail.

use crate::error::ErrorCode;

crate::words! {
    /// One sentence per Senzu error code.
    pub struct ErrorWords {
        token_expired: "Your session has ended. Sign in again.", "Votre session a pris fin. Reconnectez-vous.";
        bad_request: "This request could not be read.", "Cette demande n'a pas pu être lue.";
        unauthorized: "Sign in to continue.", "Connectez-vous pour continuer.";
        payment_required: "Your plan does not allow more. A bigger plan does.", "Votre offre ne permet pas davantage. Une offre supérieure le permet.";
        forbidden: "You are not allowed to do this.", "Vous n'avez pas le droit de faire cela.";
        not_found: "This was not found, or it is not yours to see.", "Introuvable, ou vous n'y avez pas accès.";
        method_not_allowed: "This action is not possible here.", "Cette action n'est pas possible ici.";
        conflict: "This clashes with how things are now.", "Cela entre en conflit avec l'état actuel.";
        payload_too_large: "This is too large.", "C'est trop volumineux.";
        missing_argument: "Something required is missing.", "Il manque une information obligatoire.";
        bad_argument: "Something you entered is not valid.", "Une information saisie n'est pas valide.";
        too_many_requests: "Too many tries. Wait a little and try again.", "Trop d'essais. Patientez un peu avant de réessayer.";
        bad_filter: "This filter is not valid.", "Ce filtre n'est pas valide.";
        wrong_password: "Wrong password.", "Mot de passe incorrect.";
        not_activated: "This is not activated yet.", "Ce n'est pas encore activé.";
        record_disabled: "This record is switched off.", "Cet enregistrement est désactivé.";
        delay_expired: "This link has expired.", "Ce lien a expiré.";
        missing_application: "There is no application here yet.", "Il n'y a pas encore d'application ici.";
        product_lost: "This object has been reported lost.", "Cet objet a été déclaré perdu.";
        internal: "Something went wrong on our side. Try again in a moment.", "Un problème est survenu de notre côté. Réessayez dans un instant.";
        unavailable: "This service is unavailable for now. Try again later.", "Ce service est indisponible pour le moment. Réessayez plus tard.";
        // Under a form's field: what is wrong with this value.
        field_required: "Required.", "Obligatoire.";
        field_too_long: "At most {max} characters.", "{max} caractères au plus.";
        field_in_future: "This date is in the future.", "Cette date est dans le futur.";
        field_invalid: "Not valid: {why}", "Valeur non valide : {why}";
    }
}

impl ErrorWords {
    /// What is wrong with one field, for under it: a sentence in the language
    /// for the reasons people meet most, else the generic one with the API's
    /// reason (without its `bad argument: name:` prefix, which is for developers).
    pub fn field_message(&self, error: &crate::ApiError) -> String {
        if error.kind() == Some(ErrorCode::MissingArgument) {
            return self.field_required.to_string();
        }
        let field = error.field().unwrap_or("");
        let why = error
            .message
            .strip_prefix("bad argument: ")
            .and_then(|rest| rest.strip_prefix(field))
            .map(|rest| rest.trim_start_matches(':').trim())
            .filter(|rest| !rest.is_empty())
            .unwrap_or(&error.message);
        self.reason(why)
    }

    /// A value's problem as the API words it (`longer than 100 characters`), for
    /// people: a sentence for the common ones, else the generic one with it.
    pub fn reason(&self, why: &str) -> String {
        let max = why.strip_prefix("longer than ").and_then(|r| r.strip_suffix(" characters"));
        if let Some(max) = max.filter(|m| m.bytes().all(|b| b.is_ascii_digit())) {
            return crate::i18n::fill(self.field_too_long, &[("max", max)]);
        }
        if why == "is in the future" {
            return self.field_in_future.to_string();
        }
        crate::i18n::fill(self.field_invalid, &[("why", why)])
    }

    /// The sentence for an error's code.
    pub fn sentence(&self, code: ErrorCode) -> &'static str {
        match code {
            ErrorCode::TokenExpired => self.token_expired,
            ErrorCode::BadRequest => self.bad_request,
            ErrorCode::Unauthorized => self.unauthorized,
            ErrorCode::PaymentRequired => self.payment_required,
            ErrorCode::Forbidden => self.forbidden,
            ErrorCode::NotFound => self.not_found,
            ErrorCode::MethodNotAllowed => self.method_not_allowed,
            ErrorCode::Conflict => self.conflict,
            ErrorCode::PayloadTooLarge => self.payload_too_large,
            ErrorCode::MissingArgument => self.missing_argument,
            ErrorCode::BadArgument => self.bad_argument,
            ErrorCode::TooManyRequests => self.too_many_requests,
            ErrorCode::BadFilter => self.bad_filter,
            ErrorCode::WrongPassword => self.wrong_password,
            ErrorCode::NotActivated => self.not_activated,
            ErrorCode::RecordDisabled => self.record_disabled,
            ErrorCode::DelayExpired => self.delay_expired,
            ErrorCode::MissingApplication => self.missing_application,
            ErrorCode::ProductLost => self.product_lost,
            ErrorCode::Internal => self.internal,
            ErrorCode::Unavailable => self.unavailable,
        }
    }
}
