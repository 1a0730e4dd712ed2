//! The API reference's own words (the operations' summaries and descriptions
//! come from the OpenAPI document as they are).

crate::words! {
    /// The chrome of the API reference page, `/docs/api`.
    pub struct DocsWords {
        title: "API reference", "Référence de l'API";
        loading: "Loading the OpenAPI document…", "Chargement du document OpenAPI…";
        intro: "{title} {version} · OpenAPI {openapi} · {count} operations. Authenticated routes take the token as `Authorization: Bearer …`, as `?token=…`, or as the session cookie.",
            "{title} {version} · OpenAPI {openapi} · {count} opérations. Les routes authentifiées prennent le jeton en `Authorization: Bearer …`, en `?token=…` ou dans le cookie de session.";
        as_json: "The document as JSON", "Le document en JSON";
        resources: "Resources", "Ressources";
        nav_schemas: "schemas", "schémas";
        schemas: "Schemas", "Schémas";

        // An operation
        needs_token: "Needs a token", "Jeton requis";
        public: "Public: no token", "Public : sans jeton";
        request_body: "Request body (form or JSON)", "Corps de la requête (formulaire ou JSON)";
        responses: "Responses", "Réponses";
        parameters: "Parameters", "Paramètres";
        name: "Name", "Nom";
        located_in: "In", "Emplacement";
        type_: "Type", "Type";
        description: "Description", "Description";
        required_mark: " (required)", " (obligatoire)";
        status: "Status", "Statut";
        meaning: "Meaning", "Signification";
        body: "Body", "Corps";
        field: "Field", "Champ";
        required: "Required", "Obligatoire";
        yes: "yes", "oui";
        no: "no", "non";
        schema_is: "A {name}:", "Objet {name} :";

        // Types, in a few words (JSON Schema's type names stay as they are)
        one_of: "one of {values}", "une valeur parmi {values}";
        or: " or ", " ou ";
        or_null: " or null", " ou null";
        any: "any", "tout type";
        array_of: "array of ", "tableau de ";
        keyed_list_of: "list (keyed \"0\", \"1\", …) of ", "liste (clés \"0\", \"1\", …) de ";
        length_between: ", {min} to {max} characters", ", {min} à {max} caractères";
        length_at_most: ", at most {max} characters", ", {max} caractères au plus";
        between: ", {min} to {max}", ", de {min} à {max}";
        at_least: ", at least {min}", ", au moins {min}";
        matching: ", matching {pattern}", ", au format {pattern}";
    }
}
