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
    }
}
