//! The shop's, the plan page's, the provider's and the reseller's words.

crate::words! {
    /// The shop and its consoles.
    pub struct ShopWords {
        shop: "Shop",
            "Boutique";
        intro: "Senzu objects made for you: each one arrives paired to your account and opens your application at the first tap.",
            "Des objets Senzu fabriqués pour vous : chacun arrive associé à votre compte et ouvre votre application dès le premier contact.";
        nothing_on_sale: "Nothing is on sale right now.",
            "Rien n'est en vente pour le moment.";
        by: "by",
            "par";
        in_stock: "in stock",
            "en stock";
        quantity: "Quantity",
            "Quantité";
        add: "Add to cart",
            "Ajouter au panier";
        cart: "Your cart",
            "Votre panier";
        cart_empty: "Your cart is empty.",
            "Votre panier est vide.";
        remove: "Remove",
            "Retirer";
        estimate: "Estimated total (the order's price is confirmed at checkout)",
            "Total estimé (le prix de la commande est confirmé au paiement)";
        shipping: "Shipping address",
            "Adresse de livraison";
        billing: "Billing address",
            "Adresse de facturation";
        same_address: "Bill to the shipping address",
            "Facturer à l'adresse de livraison";
        no_address: "Add an address to order.",
            "Ajoutez une adresse pour commander.";
        new_address: "New address",
            "Nouvelle adresse";
        firstname: "First name",
            "Prénom";
        lastname: "Last name",
            "Nom";
        street: "Street",
            "Rue";
        zipcode: "Postcode",
            "Code postal";
        city: "City",
            "Ville";
        region: "Region",
            "Région";
        country: "Country (2 letters)",
            "Pays (2 lettres)";
        save_address: "Save the address",
            "Enregistrer l'adresse";
        checkout: "Check out",
            "Commander et payer";
        checking_out: "Opening the payment page…",
            "Ouverture de la page de paiement…";
        orders: "Your orders",
            "Vos commandes";
        no_orders: "You have not ordered anything yet.",
            "Vous n'avez encore rien commandé.";
        order: "Order",
            "Commande";
        total: "Total",
            "Total";
        pay: "Pay now",
            "Payer maintenant";
        new_checkout: "Pay (new payment page)",
            "Payer (nouvelle page de paiement)";
        cancel: "Cancel the order",
            "Annuler la commande";
        thanks: "Thank you: your payment was received.",
            "Merci : votre paiement est bien reçu.";
        waiting_payment: "Waiting for the payment service to confirm your payment…",
            "En attente de la confirmation du service de paiement…";
        delivery_number: "Tracking number",
            "Numéro de suivi";
        objects_ready: "Your objects are made: find them among your objects.",
            "Vos objets sont fabriqués : retrouvez-les parmi vos objets.";
        provider: "Provider console",
            "Console fournisseur";
        provider_intro: "Providers make and ship the paid orders. Senzu verifies a provider before it can take orders.",
            "Les fournisseurs fabriquent et expédient les commandes payées. Senzu vérifie un fournisseur avant qu'il ne prenne des commandes.";
        not_verified: "Your provider account waits for Senzu's verification: paid orders will show here once it is done.",
            "Votre compte fournisseur attend la vérification de Senzu : les commandes payées s'afficheront ici ensuite.";
        company_name: "Company name",
            "Nom de l'entreprise";
        company_email: "Company e-mail",
            "E-mail de l'entreprise";
        become_provider: "Create my provider account",
            "Créer mon compte fournisseur";
        waiting_orders: "Orders",
            "Commandes";
        no_provider_orders: "No order to make right now.",
            "Aucune commande à fabriquer pour le moment.";
        ship_to: "Ship to",
            "Livrer à";
        returned: "Returned",
            "Retournés";
        refunded: "Refunded",
            "Remboursés";
        record: "Save",
            "Enregistrer";
        plans: "Plans",
            "Abonnements";
        plans_intro: "A plan is an annual subscription: it raises what your account may hold.",
            "Un abonnement annuel augmente ce que votre compte peut contenir.";
        your_plan: "Your plan",
            "Votre abonnement";
        no_plan: "No plan: the free allowance.",
            "Sans abonnement : l'offre gratuite.";
        until: "until",
            "jusqu'au";
        no_limit: "no limit",
            "illimité";
        months: "Months",
            "Mois";
        subscribe: "Subscribe and pay",
            "S'abonner et payer";
        per_period: "per",
            "pour";
        subscribed: "Thank you: your plan is active.",
            "Merci : votre abonnement est actif.";
        res_objects: "Objects",
            "Objets";
        res_applications: "Applications",
            "Applications";
        res_plugins: "Plugins on one application",
            "Plugins par application";
        res_storage: "Storage for your files",
            "Stockage de vos fichiers";
        reseller: "Reseller",
            "Revendeur";
        reseller_intro: "Resellers sell the Senzu objects makers put in their hands.",
            "Les revendeurs vendent les objets Senzu que les fabricants leur confient.";
        become_reseller: "Create my reseller account",
            "Créer mon compte revendeur";
        reseller_not_verified: "Your reseller account waits for Senzu's verification: makers can hand you products once it is done.",
            "Votre compte revendeur attend la vérification de Senzu : les fabricants pourront vous confier des produits ensuite.";
        reseller_products: "Your products",
            "Vos produits";
        no_reseller_products: "No product in your hands yet.",
            "Aucun produit ne vous est encore confié.";
        sold: "Paired by its buyer",
            "Associé par son acheteur";
        unsold: "Not paired yet",
            "Pas encore associé";
        // An order's stages, and the provider's buttons that reach them.
        stage_created: "Waiting for payment", "En attente de paiement";
        stage_paid: "Paid", "Payée";
        stage_in_production: "In production", "En production";
        stage_dispatched: "Dispatched", "Expédiée";
        stage_delivered: "Delivered", "Livrée";
        stage_cancelled: "Cancelled", "Annulée";
        stage_returned: "Returned", "Retournée";
        stage_refunded: "Refunded", "Remboursée";
        to_production: "Take and produce", "Prendre et produire";
        to_dispatched: "Mark dispatched", "Marquer expédiée";
        to_delivered: "Mark delivered", "Marquer livrée";
        to_returned: "Mark returned", "Marquer retournée";
        to_refunded: "Mark refunded", "Marquer remboursée";
    }
}

impl ShopWords {
    /// What an order's stage is called for people.
    pub fn status(&self, stage: crate::order::OrderStatus) -> &'static str {
        use crate::order::OrderStatus::*;
        match stage {
            Created => self.stage_created,
            Paid => self.stage_paid,
            InProduction => self.stage_in_production,
            Dispatched => self.stage_dispatched,
            Delivered => self.stage_delivered,
            Cancelled => self.stage_cancelled,
            Returned => self.stage_returned,
            Refunded => self.stage_refunded,
        }
    }

    /// What a provider's button that moves an order to `stage` says.
    pub fn action(&self, stage: crate::order::OrderStatus) -> &'static str {
        use crate::order::OrderStatus::*;
        match stage {
            InProduction => self.to_production,
            Dispatched => self.to_dispatched,
            Delivered => self.to_delivered,
            Returned => self.to_returned,
            Refunded => self.to_refunded,
            other => self.status(other),
        }
    }
}
