//! The panels several pages share: sharing and insights.

crate::words! {
    /// The sharing panel (objects, groups, applications) and the insights panel.
    pub struct PanelWords {
        sharing: "Sharing", "Partage";
        invite_by_email: "Invite by e-mail", "Inviter par e-mail";
        rights: "Rights", "Droits";
        inviting: "Inviting…", "Invitation…";
        invite: "Invite", "Inviter";
        levels: "1 Reader sees it · 2 User · 3 Manager edits it · 4 Admin shares it · 5 Owner deletes it. People without an account get an e-mail and see it once they sign up.",
            "1 Lecteur le voit · 2 Utilisateur · 3 Gestionnaire le modifie · 4 Administrateur le partage · 5 Propriétaire le supprime. Les personnes sans compte reçoivent un e-mail et le voient une fois inscrites.";
        you: "You", "Vous";
        invited: "Invited", "Invité";
        remove: "Remove", "Retirer";
        withdraw: "Withdraw", "Annuler l'invitation";
        insights: "Insights", "Statistiques";
        from: "From", "Du";
        to: "To", "Au";
        scan_one: " scan", " lecture";
        scan_many: " scans", " lectures";
        view_one: " view", " vue";
        view_many: " views", " vues";
        legend_views: "views", "vues";
        legend_scans: "scans", "lectures";
        countries: "Countries", "Pays";
        browsers: "Browsers", "Navigateurs";
        devices: "Devices", "Appareils";
        platforms: "Platforms", "Plateformes";
    }
}
