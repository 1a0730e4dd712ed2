//! Sign-in and sign-up words.

crate::words! {
    /// The sign-in and sign-up forms.
    pub struct AuthWords {
        sign_in: "Sign in",
            "Se connecter";
        signing_in: "Signing in…",
            "Connexion…";
        sign_up: "Create an account",
            "Créer un compte";
        signing_up: "Creating…",
            "Création…";
        email: "E-mail address",
            "Adresse e-mail";
        password: "Password",
            "Mot de passe";
        firstname: "First name",
            "Prénom";
        lastname: "Last name",
            "Nom";
        gender: "Gender",
            "Genre";
        choose: "Choose…",
            "Choisir…";
        birthdate: "Birthdate",
            "Date de naissance";
        no_account: "No account yet?",
            "Pas encore de compte ?";
        have_account: "Already have an account?",
            "Déjà un compte ?";
        check_mail: "Account created. Open the link we e-mailed you to activate it, then sign in.",
            "Compte créé. Ouvrez le lien reçu par e-mail pour l'activer, puis connectez-vous.";
        policy: "More than 12 characters, with a lowercase and an uppercase letter, a digit and a special character.",
            "Plus de 12 caractères, avec une minuscule, une majuscule, un chiffre et un caractère spécial.";
        forgot: "Forgot password?",
            "Mot de passe oublié ?";
        gender_male: "Male",
            "Homme";
        gender_female: "Female",
            "Femme";
        gender_other: "Non-binary",
            "Non binaire";
        // Sign-in refused: why, and what to do.
        wrong_credentials: "Wrong e-mail address or password.",
            "Adresse e-mail ou mot de passe incorrect.";
        not_activated: "Your account is not activated yet: open the link we e-mailed you when you signed up.",
            "Votre compte n'est pas encore activé : ouvrez le lien reçu par e-mail à l'inscription.";
        resend: "Send the activation mail again",
            "Renvoyer l'e-mail d'activation";
        resending: "Sending…",
            "Envoi…";
        resent: "If this account waits for activation, its mail is on its way. Open its link, then sign in.",
            "Si ce compte attend son activation, l'e-mail est en route. Ouvrez son lien, puis connectez-vous.";
    }
}
