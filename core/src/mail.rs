//! Procedure mails (registration, password, e-mail, deletion): a developer
//! app's own Twig-compatible template (MiniJinja) or the built-in default,
//! in French or English. Output is HTML-escaped and the template engine runs
//! on a fuel budget, because templates are written by third parties.

use std::collections::BTreeMap;

use minijinja::{context, AutoEscape, Environment};
use serde::{Deserialize, Serialize};

use crate::plugins::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailType {
    Registration,
    ChangePassword,
    ResetPassword,
    ChangeEmail,
    DeleteAccount,
    /// Someone shared a product or an application with this address.
    Invitation,
    /// A finder wrote about a product its owner marked lost.
    FinderMessage,
    /// A visitor left their details through a contact exchange plugin (to the owner).
    ContactExchange,
    /// What the visitor left, and how to delete it (to the visitor).
    ContactReceipt,
    /// Another Senzu user wrote through `POST /v1/mails` (to the recipient).
    UserMessage,
}

impl MailType {
    pub const ALL: [MailType; 10] = [
        Self::Registration,
        Self::ChangePassword,
        Self::ResetPassword,
        Self::ChangeEmail,
        Self::DeleteAccount,
        Self::Invitation,
        Self::FinderMessage,
        Self::ContactExchange,
        Self::ContactReceipt,
        Self::UserMessage,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The documented types a developer app may write its own template for
    /// (the mails its users' procedures send); Senzu's own mails are not among them.
    pub const APP_TEMPLATES: [MailType; 5] =
        [Self::ChangeEmail, Self::ChangePassword, Self::DeleteAccount, Self::Registration, Self::ResetPassword];

    /// [`MailType::parse`], among [`MailType::APP_TEMPLATES`] only.
    pub fn parse_app_template(s: &str) -> Option<Self> {
        Self::APP_TEMPLATES.into_iter().find(|t| t.as_str() == s)
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::ChangePassword => "change_password",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
            Self::DeleteAccount => "delete_account",
            Self::Invitation => "invitation",
            Self::FinderMessage => "finder_message",
            Self::ContactExchange => "contact_exchange",
            Self::ContactReceipt => "contact_receipt",
            Self::UserMessage => "user_message",
        }
    }

    /// The `data.…` variable holding the confirmation link (docs: "Template Data usable").
    pub const fn url_variable(self) -> &'static str {
        match self {
            Self::Registration => "activation_url",
            Self::ChangePassword => "change_password_url",
            Self::ResetPassword => "reset_password_url",
            Self::ChangeEmail => "change_email_url",
            Self::DeleteAccount => "delete_account_url",
            Self::Invitation => "invitation_url",
            Self::FinderMessage => "product_url",
            Self::ContactExchange => "contacts_url",
            Self::ContactReceipt => "forget_url",
            Self::UserMessage => "mails_url",
        }
    }

    fn subject(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Registration, Lang::En) => "Activate your Senzu account",
            (Self::Registration, Lang::Fr) => "Activez votre compte Senzu",
            (Self::ChangePassword, Lang::En) => "Confirm your new Senzu password",
            (Self::ChangePassword, Lang::Fr) => "Confirmez votre nouveau mot de passe Senzu",
            (Self::ResetPassword, Lang::En) => "Reset your Senzu password",
            (Self::ResetPassword, Lang::Fr) => "Réinitialisez votre mot de passe Senzu",
            (Self::ChangeEmail, Lang::En) => "Confirm the change of your Senzu e-mail",
            (Self::ChangeEmail, Lang::Fr) => "Confirmez le changement de votre e-mail Senzu",
            (Self::DeleteAccount, Lang::En) => "Confirm the deletion of your Senzu account",
            (Self::DeleteAccount, Lang::Fr) => "Confirmez la suppression de votre compte Senzu",
            (Self::Invitation, Lang::En) => "Something was shared with you on Senzu",
            (Self::Invitation, Lang::Fr) => "Un objet a été partagé avec vous sur Senzu",
            (Self::FinderMessage, Lang::En) => "Someone found your lost object",
            (Self::FinderMessage, Lang::Fr) => "Quelqu'un a trouvé votre objet perdu",
            (Self::UserMessage, Lang::En) => "A new message on Senzu",
            (Self::UserMessage, Lang::Fr) => "Un nouveau message sur Senzu",
            (Self::ContactExchange, Lang::En) => "Someone left you their contact details",
            (Self::ContactExchange, Lang::Fr) => "Quelqu'un vous a laissé ses coordonnées",
            (Self::ContactReceipt, Lang::En) => "The contact details you shared",
            (Self::ContactReceipt, Lang::Fr) => "Les coordonnées que vous avez partagées",
        }
    }

    fn default_body(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Registration, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Welcome to Senzu. Activate your account within one hour:</p><p><a href=\"{{ data.activation_url }}\">Activate my account</a></p>",
            (Self::Registration, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Bienvenue sur Senzu. Activez votre compte dans l'heure :</p><p><a href=\"{{ data.activation_url }}\">Activer mon compte</a></p>",
            (Self::ChangePassword, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Confirm your new password within one hour:</p><p><a href=\"{{ data.change_password_url }}\">Confirm my new password</a></p><p>If you did not ask for this, ignore this mail.</p>",
            (Self::ChangePassword, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Confirmez votre nouveau mot de passe dans l'heure :</p><p><a href=\"{{ data.change_password_url }}\">Confirmer mon nouveau mot de passe</a></p><p>Si vous n'avez rien demandé, ignorez ce message.</p>",
            (Self::ResetPassword, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Choose a new password within one hour:</p><p><a href=\"{{ data.reset_password_url }}\">Reset my password</a></p><p>If you did not ask for this, ignore this mail.</p>",
            (Self::ResetPassword, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Choisissez un nouveau mot de passe dans l'heure :</p><p><a href=\"{{ data.reset_password_url }}\">Réinitialiser mon mot de passe</a></p><p>Si vous n'avez rien demandé, ignorez ce message.</p>",
            (Self::ChangeEmail, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Confirm the change of your e-mail address within one hour:</p><p><a href=\"{{ data.change_email_url }}\">Change my e-mail</a></p>",
            (Self::ChangeEmail, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Confirmez le changement de votre adresse e-mail dans l'heure :</p><p><a href=\"{{ data.change_email_url }}\">Changer mon e-mail</a></p>",
            (Self::DeleteAccount, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Confirm the deletion of your account within one hour. This cannot be undone.</p><p><a href=\"{{ data.delete_account_url }}\">Delete my account</a></p>",
            (Self::DeleteAccount, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Confirmez la suppression de votre compte dans l'heure. C'est définitif.</p><p><a href=\"{{ data.delete_account_url }}\">Supprimer mon compte</a></p>",
            (Self::Invitation, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>{{ data.issuer }} shared “{{ data.object }}” with you on Senzu.</p><p><a href=\"{{ data.invitation_url }}\">See the invitation</a></p><p>Sign in (or create your account with this address) to accept or decline it.</p>",
            (Self::FinderMessage, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Someone found “{{ data.object }}”, which you marked lost, and wrote to you:</p><blockquote>{{ data.message }}</blockquote>{% if data.contact %}<p>They left this to reach them: {{ data.contact }}</p>{% else %}<p>They left no way to reach them.</p>{% endif %}<p><a href=\"{{ data.product_url }}\">See it on Senzu</a></p><p>Your own address was not shown to them.</p>",
            (Self::UserMessage, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>{{ data.sender }} wrote to you on Senzu:</p>{% if data.subject %}<p><strong>{{ data.subject }}</strong></p>{% endif %}<blockquote style=\"white-space: pre-wrap\">{{ data.content }}</blockquote><p><a href=\"{{ data.mails_url }}\">Read and answer it on Senzu</a></p><p>Your address is not shown to them.</p>",
            (Self::UserMessage, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>{{ data.sender }} vous a écrit sur Senzu :</p>{% if data.subject %}<p><strong>{{ data.subject }}</strong></p>{% endif %}<blockquote style=\"white-space: pre-wrap\">{{ data.content }}</blockquote><p><a href=\"{{ data.mails_url }}\">Le lire et répondre sur Senzu</a></p><p>Votre adresse ne lui est pas montrée.</p>",
            (Self::FinderMessage, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Quelqu'un a trouvé « {{ data.object }} », que vous avez déclaré perdu, et vous a écrit :</p><blockquote>{{ data.message }}</blockquote>{% if data.contact %}<p>Pour le joindre : {{ data.contact }}</p>{% else %}<p>Il n'a laissé aucun moyen de le joindre.</p>{% endif %}<p><a href=\"{{ data.product_url }}\">Voir sur Senzu</a></p><p>Votre adresse ne lui a pas été montrée.</p>",
            (Self::ContactExchange, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Someone who opened “{{ data.object }}” left you their contact details:</p><ul>{% if data.name %}<li>Name: {{ data.name }}</li>{% endif %}{% if data.email %}<li>E-mail: {{ data.email }}</li>{% endif %}{% if data.phone %}<li>Phone: {{ data.phone }}</li>{% endif %}{% if data.company %}<li>Company: {{ data.company }}</li>{% endif %}</ul>{% if data.note %}<blockquote>{{ data.note }}</blockquote>{% endif %}<p><a href=\"{{ data.contacts_url }}\">See your contacts on Senzu</a></p>",
            (Self::ContactExchange, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Quelqu'un qui a ouvert « {{ data.object }} » vous a laissé ses coordonnées :</p><ul>{% if data.name %}<li>Nom : {{ data.name }}</li>{% endif %}{% if data.email %}<li>E-mail : {{ data.email }}</li>{% endif %}{% if data.phone %}<li>Téléphone : {{ data.phone }}</li>{% endif %}{% if data.company %}<li>Entreprise : {{ data.company }}</li>{% endif %}</ul>{% if data.note %}<blockquote>{{ data.note }}</blockquote>{% endif %}<p><a href=\"{{ data.contacts_url }}\">Voir vos contacts sur Senzu</a></p>",
            (Self::ContactReceipt, Lang::En) => "<p>Hello{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>You shared these details with the owner of “{{ data.object }}”:</p><ul>{% if data.name %}<li>Name: {{ data.name }}</li>{% endif %}{% if data.email %}<li>E-mail: {{ data.email }}</li>{% endif %}{% if data.phone %}<li>Phone: {{ data.phone }}</li>{% endif %}{% if data.company %}<li>Company: {{ data.company }}</li>{% endif %}</ul>{% if data.note %}<blockquote>{{ data.note }}</blockquote>{% endif %}<p>Changed your mind? <a href=\"{{ data.forget_url }}\">Delete what I shared</a></p><p>If this was not you, use the same link: nothing else is kept about you.</p>",
            (Self::ContactReceipt, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>Vous avez partagé ces coordonnées avec le propriétaire de « {{ data.object }} » :</p><ul>{% if data.name %}<li>Nom : {{ data.name }}</li>{% endif %}{% if data.email %}<li>E-mail : {{ data.email }}</li>{% endif %}{% if data.phone %}<li>Téléphone : {{ data.phone }}</li>{% endif %}{% if data.company %}<li>Entreprise : {{ data.company }}</li>{% endif %}</ul>{% if data.note %}<blockquote>{{ data.note }}</blockquote>{% endif %}<p>Vous avez changé d'avis ? <a href=\"{{ data.forget_url }}\">Supprimer ce que j'ai partagé</a></p><p>Si ce n'était pas vous, utilisez le même lien : rien d'autre n'est gardé sur vous.</p>",
            (Self::Invitation, Lang::Fr) => "<p>Bonjour{% if data.firstname %} {{ data.firstname }}{% endif %},</p><p>{{ data.issuer }} a partagé « {{ data.object }} » avec vous sur Senzu.</p><p><a href=\"{{ data.invitation_url }}\">Voir l'invitation</a></p><p>Connectez-vous (ou créez votre compte avec cette adresse) pour l'accepter ou la refuser.</p>",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mail {
    pub subject: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("code is not a valid template: {0}")]
    Template(String),
}

/// Units of work a template may spend; enough for any mail, not for a loop bomb.
const FUEL: u64 = 20_000;

/// Renders a mail. `custom` is the app's template for this type and language, if any.
pub fn render(
    mail_type: MailType,
    lang: Lang,
    custom: Option<&str>,
    data: &BTreeMap<&str, String>,
) -> Result<Mail, MailError> {
    let code = custom.unwrap_or_else(|| mail_type.default_body(lang));
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_fuel(Some(FUEL));
    env.set_formatter(html_formatter);
    let html = env.render_str(code, context! { data => data }).map_err(|e| MailError::Template(e.to_string()))?;
    Ok(Mail { subject: mail_type.subject(lang).to_string(), html })
}

/// Escapes `& < > " '` only: MiniJinja's default also escapes `/`, which turns
/// every link of a mail into `https:&#x2f;&#x2f;…` in plain-text views.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if value.is_undefined() || value.is_none() {
        return Ok(());
    }
    if state.auto_escape() == AutoEscape::None || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    for c in value.to_string().chars() {
        let escaped = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#x27;",
            _ => {
                write!(out, "{c}")
                    .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))?;
                continue;
            }
        };
        out.write_str(escaped).map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))?;
    }
    Ok(())
}

/// Checks a template before it is stored, with placeholder data.
pub fn check_template(mail_type: MailType, code: &str) -> Result<(), MailError> {
    preview(mail_type, Lang::En, code).map(|_| ())
}

/// A template rendered as the mailer renders it, with placeholder data (the
/// developer console's live preview; the same check a save goes through).
pub fn preview(mail_type: MailType, lang: Lang, code: &str) -> Result<Mail, MailError> {
    let mut data = BTreeMap::new();
    data.insert("firstname", "Ada".to_string());
    data.insert("lastname", "Lovelace".to_string());
    data.insert("email", "ada@example.com".to_string());
    data.insert(mail_type.url_variable(), "https://senzu.example/confirm".to_string());
    render(mail_type, lang, Some(code), &data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apps_template_only_the_documented_procedure_mails() {
        assert_eq!(MailType::parse_app_template("registration"), Some(MailType::Registration));
        for own in ["invitation", "finder_message", "contact_exchange", "contact_receipt", "user_message"] {
            assert!(MailType::parse(own).is_some());
            assert_eq!(MailType::parse_app_template(own), None, "{own}");
        }
    }

    #[test]
    fn a_preview_is_the_mail_the_mailer_sends() {
        let code = "<p>Bonjour {{ data.firstname }}</p><a href=\"{{ data.reset_password_url }}\">lien</a>";
        let shown = preview(MailType::ResetPassword, Lang::Fr, code).unwrap();
        assert!(
            shown.html.contains("Bonjour Ada") && shown.html.contains("https://senzu.example/confirm"),
            "{}",
            shown.html
        );
        assert_eq!(shown.subject, MailType::ResetPassword.subject(Lang::Fr));
        assert!(preview(MailType::ResetPassword, Lang::En, "{% for %}").is_err());
    }

    fn data(url_var: &str) -> BTreeMap<&str, String> {
        let mut d = BTreeMap::new();
        d.insert("firstname", "<b>Ada</b>".to_string());
        d.insert(url_var, "https://senzu.test/v1/activate?code=abc&x=1".to_string());
        d
    }

    #[test]
    fn defaults_exist_for_every_type_and_language_and_carry_the_link() {
        for t in MailType::ALL {
            for lang in [Lang::Fr, Lang::En] {
                let mail = render(t, lang, None, &data(t.url_variable())).unwrap();
                assert!(mail.html.contains("https://senzu.test/v1/activate?code=abc&amp;x=1"), "{t:?} {lang:?}");
                assert!(mail.html.contains("&lt;b&gt;Ada&lt;/b&gt;"), "names are escaped");
                assert!(!mail.subject.is_empty());
            }
        }
    }

    #[test]
    fn custom_twig_templates_render_with_the_documented_variables() {
        let code = "<a href=\"{{data.activation_url}}\">{{ data.firstname|upper }}</a>{% if data.lastname is defined %}x{% endif %}";
        let mail = render(MailType::Registration, Lang::Fr, Some(code), &data("activation_url")).unwrap();
        assert_eq!(mail.html, "<a href=\"https://senzu.test/v1/activate?code=abc&amp;x=1\">&lt;B&gt;ADA&lt;/B&gt;</a>");
        assert_eq!(mail.subject, "Activez votre compte Senzu");
    }

    #[test]
    fn a_finder_message_carries_the_message_escaped_and_the_contact_only_when_given() {
        let mut d = data("product_url");
        d.insert("object", "Keys".to_string());
        d.insert("message", "<script>x</script> found at the station".to_string());
        let without = render(MailType::FinderMessage, Lang::En, None, &d).unwrap();
        assert!(without.html.contains("&lt;script&gt;x&lt;/script&gt; found at the station"));
        assert!(without.html.contains("no way to reach them"));
        d.insert("contact", "+33 6 00 00 00 00".to_string());
        let with = render(MailType::FinderMessage, Lang::Fr, None, &d).unwrap();
        assert!(with.html.contains("Pour le joindre : +33 6 00 00 00 00"));
        assert_eq!(with.subject, "Quelqu'un a trouvé votre objet perdu");
    }

    #[test]
    fn a_mail_to_someone_without_a_first_name_greets_without_a_gap() {
        for lang in [Lang::En, Lang::Fr] {
            let mut d = data("invitation_url");
            d.insert("firstname", String::new());
            let mail = render(MailType::Invitation, lang, None, &d).unwrap();
            assert!(
                mail.html.starts_with("<p>Hello,</p>") || mail.html.starts_with("<p>Bonjour,</p>"),
                "{}",
                mail.html
            );
        }
    }

    #[test]
    fn broken_or_runaway_templates_are_refused() {
        assert!(check_template(MailType::Registration, "{% if %}").is_err());
        assert!(check_template(
            MailType::Registration,
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
        )
        .is_err());
        assert!(check_template(MailType::ResetPassword, "<a href=\"{{ data.reset_password_url }}\">go</a>").is_ok());
        assert_eq!(MailType::parse("change_email"), Some(MailType::ChangeEmail));
        assert_eq!(MailType::parse("welcome"), None);
    }

    #[test]
    fn a_contact_exchange_mails_the_details_escaped_and_the_visitor_a_way_to_delete_them() {
        let mut d = data("contacts_url");
        d.insert("object", "Ada Lovelace".to_string());
        d.insert("name", "Grace <i>Hopper</i>".to_string());
        d.insert("phone", "+15550100".to_string());
        let owner = render(MailType::ContactExchange, Lang::En, None, &d).unwrap();
        assert!(owner.html.contains("<li>Name: Grace &lt;i&gt;Hopper&lt;/i&gt;</li>"), "{}", owner.html);
        assert!(owner.html.contains("<li>Phone: +15550100</li>") && !owner.html.contains("E-mail:"));
        d.insert("forget_url", "https://senzu.test/forget-contact#t0k3n".to_string());
        let visitor = render(MailType::ContactReceipt, Lang::Fr, None, &d).unwrap();
        assert!(visitor.html.contains("href=\"https://senzu.test/forget-contact#t0k3n\""), "{}", visitor.html);
        assert_eq!(visitor.subject, "Les coordonnées que vous avez partagées");
    }
}
