//! The maker's workspace: items, products, records, batches and chip programming.

crate::words! {
    /// The maker's workspace (`/maker`) and a batch's page (`/maker/{id}/batches/{id_batch}`).
    pub struct MakerWords {
        // The workspace
        title: "Maker", "Fabricant";
        heading: "Maker workspace", "Espace fabricant";
        loading: "Loading…", "Chargement…";
        no_maker: "You make nothing yet: create your maker below.",
            "Vous ne fabriquez rien pour l'instant : créez votre fabricant ci-dessous.";
        new_maker: "New maker", "Nouveau fabricant";
        name_shown: "Name shown", "Nom affiché";
        contact_email: "Contact e-mail", "E-mail de contact";
        create_maker: "Create the maker", "Créer le fabricant";
        // A maker's items
        items: "Items", "Articles";
        no_item: "No item yet.", "Aucun article pour l'instant.";
        reference: "Reference", "Référence";
        item_name_example: "Black card", "Carte noire";
        price: "Price (€)", "Prix (€)";
        price_example: "25.90", "25,90";
        add_item: "Add the item", "Ajouter l'article";
        // A maker's batches
        batches: "Batches", "Lots";
        no_batch: "No batch yet.", "Aucun lot pour l'instant.";
        item: "Item", "Article";
        choose: "— choose —", "— choisir —";
        quantity: "Quantity", "Quantité";
        records_each: "Records of each product", "Enregistrements de chaque produit";
        template_aes_qr: "NFC chip (AES) + QR code", "Puce NFC (AES) + QR code";
        template_lrp_qr: "NFC chip (LRP) + QR code", "Puce NFC (LRP) + QR code";
        template_aes: "NFC chip (AES)", "Puce NFC (AES)";
        template_plain_qr: "Plain NFC tag + QR code", "Tag NFC simple + QR code";
        template_qr: "QR code only", "QR code seul";
        make_batch: "Make the batch", "Fabriquer le lot";
        made_of: "{made} of {total} made", "Fabriqués : {made} sur {total}";
        products_one: "{n} product", "{n} produit";
        products_many: "{n} products", "{n} produits";
        why_choose_item: "choose an item", "choisissez un article";
        why_number: "a number", "un nombre";
        // Attached groups
        attached_groups: "Attached groups", "Groupes rattachés";
        no_attached_group: "No attached group yet.", "Aucun groupe rattaché pour l'instant.";
        delete_named: "Delete {name}", "Supprimer {name}";
        delete: "Delete", "Supprimer";
        group_reference: "Group reference", "Référence du groupe";
        group_name: "Group name", "Nom du groupe";
        group_name_example: "Paris shop", "Boutique de Paris";
        add_group: "Add the group", "Ajouter le groupe";
        // A batch's page
        batch_title: "Batch", "Lot";
        encoding: "Encoding", "Encodage";
        chips_encoded_one: "{encoded} of {total} chip encoded", "Puces encodées : {encoded} sur {total}";
        chips_encoded_many: "{encoded} of {total} chips encoded", "Puces encodées : {encoded} sur {total}";
        encode_hint: "Encode chips with {command} (a PC/SC reader) — each chip's UID binds its record.",
            "Encodez les puces avec {command} (un lecteur PC/SC) — l'UID de chaque puce la lie à son enregistrement.";
        first_shown: "The first {n} products are shown.", "Seuls les {n} premiers produits sont affichés.";
        product: "Product", "Produit";
        records: "Records", "Enregistrements";
        chip_keys: "chip {uid} · keys v{version}", "puce {uid} · clés v{version}";
        chip_rekey: "chip {uid} · keys v{version} → re-encode with v{next}",
            "puce {uid} · clés v{version} → à réencoder avec v{next}";
        chip_not_encoded: "chip not encoded", "puce non encodée";
        qr_title: "QR codes to print", "QR codes à imprimer";
        print: "Print", "Imprimer";
        // Writing a tag (Web NFC)
        nfc_write: "Write to an NFC tag", "Écrire sur un tag NFC";
        nfc_hold: "Hold the tag to the phone…", "Approchez le tag du téléphone…";
        nfc_written: "Written", "Écrit";
        nfc_failed: "the tag could not be written", "le tag n'a pas pu être écrit";
        nfc_unsupported: "this browser cannot write NFC tags (Chrome on Android can)",
            "ce navigateur ne peut pas écrire sur des tags NFC (Chrome sur Android le peut)";
        nfc_no_write: "this browser's NDEFReader cannot write", "le NDEFReader de ce navigateur ne peut pas écrire";
        // Key rotation
        keys: "Keys", "Clés";
        key_version: "Key version {version}", "Version des clés : {version}";
        chips_wait_one: "{n} chip waits to be re-encoded", "{n} puce attend d'être réencodée";
        chips_wait_many: "{n} chips wait to be re-encoded", "{n} puces attendent d'être réencodées";
        rotation_hint: "A rotation gives every chip of the batch new keys. Re-encode each encoded chip with {command} (its read-back tap confirms it); from then on its old keys are refused.",
            "Une rotation donne de nouvelles clés à chaque puce du lot. Réencodez chaque puce encodée avec {command} (sa lecture de contrôle le confirme) ; dès lors, ses anciennes clés sont refusées.";
        rotate: "Rotate keys", "Renouveler les clés";
        rotate_confirm: "Rotate the keys of this batch to version {version}? Every encoded chip must then be re-encoded; until it is, its current keys keep opening it.",
            "Renouveler les clés de ce lot vers la version {version} ? Chaque puce encodée devra ensuite être réencodée ; d'ici là, ses clés actuelles continuent de l'ouvrir.";
        // Encoded by a factory
        factory_title: "Encoded by a factory", "Encodé par une usine";
        factory_hint: "Paste the UIDs the factory read, one {format} per line: the chips are bound to their records and you get the file of their keys, once.",
            "Collez les UID lus par l'usine, un {format} par ligne : les puces sont liées à leurs enregistrements et vous recevez le fichier de leurs clés, une seule fois.";
        uids: "UIDs", "UID";
        bind_download: "Bind and download the keys", "Lier et télécharger les clés";
    }
}
