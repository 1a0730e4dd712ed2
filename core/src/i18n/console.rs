//! The developer console: apps, their details, tokens, calls and mail templates.
//! The plugstore's pages have [`super::plugstore`], the API reference [`super::docs`].

crate::words! {
    /// The developer console: apps, their details, tokens, calls and mail templates.
    /// A word with `` `text` `` in it shows each such part as code.
    pub struct ConsoleWords {
        // The console's bar and frame
        title: "Developer console", "Console développeur";
        api_reference: "API reference", "Référence de l'API";
        sign_out: "Sign out", "Se déconnecter";
        loading: "Loading…", "Chargement…";
        saved: "Saved", "Enregistré";
        add: "Add", "Ajouter";
        remove: "Remove", "Retirer";

        // The list of apps, becoming a developer
        your_apps: "Your apps", "Vos applications";
        signed_in_as: "Signed in as {email}", "Connecté en tant que {email}";
        app_card: "App {id}", "Application {id}";
        build_title: "Build on Senzu", "Développez avec Senzu";
        hello: "Hello.", "Bonjour.";
        hello_name: "Hello {firstname}.", "Bonjour {firstname}.";
        build_intro: "A developer account lets you register apps that sign users in with Senzu Auth and call the API with their consent.",
            "Un compte développeur vous permet d'enregistrer des applications qui connectent les utilisateurs avec Senzu Auth et appellent l'API avec leur consentement.";
        become_developer: "Become a developer", "Devenir développeur";

        // The developer's profile
        profile_title: "Developer profile", "Profil développeur";
        profile_id: "Developer {id} · {reference}", "Développeur {id} · {reference}";
        profile_shown_as: "Shown as", "Nom affiché";
        profile_email: "Contact e-mail", "E-mail de contact";
        profile_website: "Website", "Site web";
        profile_save: "Save the profile", "Enregistrer le profil";

        // The private key, shown once
        key_of_app: "Private key of app {id}", "Clé privée de l'application {id}";
        key_once: " — copy it now: it is stored as a hash and will not be shown again.",
            " — copiez-la maintenant : seule son empreinte est conservée, elle ne sera plus affichée.";
        copy: "Copy", "Copier";
        copied: "Copied", "Copiée";
        copy_refused: "Copy refused: select the key", "Copie refusée : sélectionnez la clé";

        // A new app
        create_title: "Create an app", "Créer une application";
        create_name: "Name", "Nom";
        create_redirect: "Redirect URL", "URL de redirection";
        creating: "Creating…", "Création…";
        create: "Create", "Créer";

        // The sign-in guide
        guide_title: "Signing users in — recommended: authorization code with PKCE",
            "Connecter les utilisateurs — recommandé : code d'autorisation avec PKCE";
        guide_verifier: "Make a random `code_verifier` (43–128 characters) and keep it; its `code_challenge` is BASE64URL(SHA-256(verifier)). Only `S256` is accepted.",
            "Générez un `code_verifier` aléatoire (43 à 128 caractères) et conservez-le ; son `code_challenge` vaut BASE64URL(SHA-256(verifier)). Seul `S256` est accepté.";
        guide_send: "Send the user to the consent screen:", "Envoyez l'utilisateur vers l'écran de consentement :";
        guide_exchange: "Senzu redirects to your registered URL with `?code=…&state=…`. Check `state`, then exchange the code within 10 minutes, once:",
            "Senzu redirige vers votre URL enregistrée avec `?code=…&state=…`. Vérifiez `state`, puis échangez le code une seule fois, dans les 10 minutes :";
        guide_call: "Call the API with `Authorization: Bearer <token>`. A code used twice revokes the token it gave.",
            "Appelez l'API avec `Authorization: Bearer <token>`. Un code utilisé deux fois révoque le jeton qu'il a donné.";
        guide_implicit: "The documented implicit flow (`redirect_url?token=…`) still works, but a token in a URL leaks through history and referrers. Redirect URLs match exactly; only a loopback (127.0.0.1, localhost, [::1]) redirect may change port.",
            "Le flux implicite documenté (`redirect_url?token=…`) fonctionne toujours, mais un jeton dans une URL fuit par l'historique et les en-têtes Referer. Les URL de redirection doivent correspondre exactement ; seule une redirection locale (127.0.0.1, localhost, [::1]) peut changer de port.";

        // OpenID Connect settings
        openid_title: "Sign in with Senzu — OpenID Connect", "Se connecter avec Senzu — OpenID Connect";
        openid_discovery: "Discovery URL (issuer)", "URL de découverte (issuer)";
        openid_secret: "This app's private key (shown once; rotate it above). A public client (SPA, mobile) sends none and uses PKCE.",
            "La clé privée de cette application (affichée une seule fois ; renouvelez-la ci-dessus). Un client public (SPA, mobile) n'en envoie pas et utilise PKCE.";
        openid_scopes: "Scopes", "Scopes";
        openid_scopes_text: "`openid profile email` and any role your app holds (`products`, …), space-separated.",
            "`openid profile email` et tout rôle que détient votre application (`products`, …), séparés par des espaces.";
        openid_libraries: "Any standard library works (openid-client, oauth4webapi, Authlib, AppAuth…): authorization code with PKCE (S256), client_secret_basic or client_secret_post, RS256 ID tokens, userinfo, rotating refresh tokens and RFC 7009 revocation. Register the exact redirect URI below.",
            "Toute bibliothèque standard convient (openid-client, oauth4webapi, Authlib, AppAuth…) : code d'autorisation avec PKCE (S256), client_secret_basic ou client_secret_post, jetons d'identité RS256, userinfo, jetons de rafraîchissement renouvelés et révocation RFC 7009. Enregistrez l'URI de redirection exacte ci-dessous.";

        // One app: its key, URLs, platforms and roles
        app_id: "App id ", "Identifiant de l'application ";
        key_ending: " · private key ending in ", " · clé privée se terminant par ";
        rotate_key: "Rotate key", "Renouveler la clé";
        redirects_title: "Redirect URLs", "URL de redirection";
        domains_title: "Domains", "Domaines";
        platforms_title: "Platforms", "Plateformes";
        roles_title: "Roles", "Rôles";
        role_granted: "granted", "accordé";
        role_requested: "requested — waiting for Senzu", "demandé — en attente de Senzu";
        role_to_add: "Role to add", "Rôle à ajouter";
        role_on_request: " (on request)", " (sur demande)";
        add_role: "Add role", "Ajouter le rôle";

        // The app's details
        details_title: "Details", "Informations";
        details_intro: "What users see on the consent screen, and who answers for their data (GDPR).",
            "Ce que les utilisateurs voient sur l'écran de consentement, et qui répond de leurs données (RGPD).";
        details_display_name: "Name shown on the consent screen", "Nom affiché sur l'écran de consentement";
        details_logo: "Logo (https address)", "Logo (adresse https)";
        details_contact_email: "Contact e-mail", "E-mail de contact";
        details_privacy_url: "Privacy policy URL", "URL de la politique de confidentialité";
        details_tos_url: "Terms of service URL", "URL des conditions d'utilisation";
        details_category: "Category", "Catégorie";
        details_no_category: "— none —", "— aucune —";
        gdpr_title: "Data controller (GDPR)", "Responsable du traitement (RGPD)";
        gdpr_name: "Data controller", "Responsable du traitement";
        gdpr_email: "Data protection e-mail", "E-mail de protection des données";
        gdpr_street: "Street", "Rue";
        gdpr_other: "Address, more", "Complément d'adresse";
        gdpr_zipcode: "Postcode", "Code postal";
        gdpr_city: "City", "Ville";
        gdpr_state: "Region", "Région";
        gdpr_country: "Country", "Pays";
        details_save: "Save details", "Enregistrer les informations";

        // The users' tokens
        tokens_title: "Tokens", "Jetons";
        tokens_intro: "The users' tokens your app holds now (their values are never stored, only their hashes). A user revokes one from their account page.",
            "Les jetons d'utilisateurs que détient votre application (leurs valeurs ne sont jamais conservées, seulement leurs empreintes). Un utilisateur en révoque un depuis la page de son compte.";
        tokens_none: "No live token.", "Aucun jeton actif.";
        tokens_token: "Token", "Jeton";
        tokens_user: "User", "Utilisateur";
        tokens_roles: "Roles", "Rôles";
        tokens_since: "Since", "Depuis";
        tokens_until: "Until", "Jusqu'au";

        // The calls log
        calls_title: "Calls", "Appels";
        calls_from: "From", "Du";
        calls_to: "To", "Au";
        calls_method: "Method", "Méthode";
        calls_any: "Any", "Toutes";
        calls_answer: "Answer", "Réponse";
        calls_success: "Success (2xx)", "Succès (2xx)";
        calls_refused: "Refused (4xx)", "Refusés (4xx)";
        calls_server_error: "Server error (5xx)", "Erreur serveur (5xx)";
        calls_show: "Show", "Afficher";
        calls_count: "{n} calls", "{n} appels";
        calls_none: "No call matches.", "Aucun appel ne correspond.";
        calls_when: "When (UTC)", "Date (UTC)";
        calls_route: "Route", "Route";
        calls_status: "Status", "Statut";

        // Deleting the app
        delete_title: "Delete the app", "Supprimer l'application";
        delete_intro: "Every token users gave it is revoked and its calls log goes with it.",
            "Tous les jetons que les utilisateurs lui ont donnés sont révoqués et son journal d'appels disparaît avec elle.";
        delete_button: "Delete this app", "Supprimer cette application";
        delete_confirm: "Delete {name}? Its users' tokens stop working at once, its sign-ins end, and its settings go. This cannot be undone.",
            "Supprimer {name} ? Les jetons de ses utilisateurs cessent aussitôt de fonctionner, ses connexions prennent fin et ses réglages disparaissent. Cette action est irréversible.";

        // Mail templates
        mails_title: "Mail templates", "Modèles d'e-mails";
        mails_intro: "The mails your users get when they sign up through your app or change their password, e-mail or account. Written in MiniJinja (Twig-like); values are escaped for you.",
            "Les e-mails que reçoivent vos utilisateurs quand ils s'inscrivent via votre application ou modifient leur mot de passe, leur e-mail ou leur compte. Écrits en MiniJinja (proche de Twig) ; les valeurs sont échappées pour vous.";
        mails_none: "No template yet: your users get Senzu's own mails.",
            "Aucun modèle pour l'instant : vos utilisateurs reçoivent les e-mails de Senzu.";
        mails_any_language: "any language", "toutes langues";
        mails_in_use: "in use", "actif";
        mails_off: "off", "désactivé";
        mails_switch_off: "Switch off", "Désactiver";
        mails_switch_on: "Switch on", "Activer";
        mails_delete: "Delete", "Supprimer";
        mails_mail: "Mail", "E-mail";
        mails_language: "Language", "Langue";
        mails_you_can_use: "You can use: ", "Vous pouvez utiliser : ";
        mails_template: "Template", "Modèle";
        mails_preview: "Preview", "Aperçu";
        mails_rendering: "Rendering…", "Rendu en cours…";
        mails_subject: "Subject: {subject}", "Objet : {subject}";
        mails_preview_title: "Mail preview", "Aperçu de l'e-mail";
        mails_save_changes: "Save changes", "Enregistrer les modifications";
        mails_save_template: "Save template", "Enregistrer le modèle";
        mails_saved: "Saved: your users get this mail from now on.",
            "Enregistré : vos utilisateurs reçoivent désormais cet e-mail.";
    }
}
