//! `/docs/api`: the API reference, rendered from `/v1/openapi.json` (the
//! document generated from core's route table and contract types): operations
//! grouped by resource, each with its parameters, request fields and responses,
//! then the schemas they name. No script beyond the app's own.

use leptos::prelude::*;

use crate::api::openapi::{Additional, Document, Operation, Parameter, Response, Schema, Types};
use crate::api::{self};
use crate::components::{ErrorView, TopBar};

#[component]
pub fn ApiReference() -> impl IntoView {
    crate::components::page_title(Some("API reference"));
    let document = LocalResource::new(api::openapi::document);
    view! {
        <TopBar />
        <main class="page api-docs" data-testid="api-docs">
            <h1>"API reference"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Loading the OpenAPI document…"</p> }>
                {move || Suspend::new(async move {
                    match document.await {
                        Ok(doc) => reference(&doc).into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

fn reference(doc: &Document) -> impl IntoView {
    let tags: Vec<String> = doc.tags.iter().map(|t| t.name.clone()).collect();
    let count: usize = doc.paths.values().map(|p| p.operations().count()).sum();
    let intro = format!(
        "{} {} · OpenAPI {} · {count} operations. Authenticated routes take the token as \
         `Authorization: Bearer …`, as `?token=…`, or as the session cookie.",
        doc.info.title, doc.info.version, doc.openapi
    );
    let sections = tags.iter().map(|tag| tag_section(doc, tag)).collect_view();
    let schema_sections = doc
        .components
        .schemas
        .iter()
        .map(|(name, schema)| {
            view! {
                <section class="api-schema" id=format!("schema-{name}")>
                    <h3>{name.clone()}</h3>
                    {schema.description.clone().map(|d| view! { <p class="muted">{d}</p> })}
                    {fields(doc, schema)}
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{intro}</p>
        {doc.info.description.clone().map(|d| view! { <p>{d}</p> })}
        <p>
            <a href="/v1/openapi.json">"The document as JSON"</a>
        </p>
        <nav aria-label="Resources" class="api-docs__nav">
            <ul>
                {tags
                    .iter()
                    .map(|t| view! { <li><a href=format!("#tag-{t}")>{t.clone()}</a></li> })
                    .collect_view()}
                <li><a href="#schemas">"schemas"</a></li>
            </ul>
        </nav>
        {sections}
        <section id="schemas">
            <h2>"Schemas"</h2>
            {schema_sections}
        </section>
    }
}

fn tag_section(doc: &Document, tag: &str) -> impl IntoView {
    let ops = doc
        .paths
        .iter()
        .flat_map(|(path, item)| item.operations().map(move |(method, op)| (method, path, op)))
        .filter(|(_, _, op)| op.tags.iter().any(|t| t == tag))
        .map(|(method, path, op)| operation(doc, method, path, op))
        .collect_view();
    view! {
        <section class="api-tag" id=format!("tag-{tag}")>
            <h2>{tag.to_string()}</h2>
            {ops}
        </section>
    }
}

fn operation(doc: &Document, method: &'static str, path: &str, op: &Operation) -> impl IntoView {
    let id = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
    let auth = if op.security.is_some() { "Needs a token" } else { "Public: no token" };
    let body = op.request_body.as_ref().and_then(|b| b.schema()).map(|schema| {
        view! {
            <h4>"Request body (form or JSON)"</h4>
            {fields(doc, schema)}
        }
    });
    let params = (!op.parameters.is_empty()).then(|| parameters(&op.parameters));
    view! {
        <article class="api-op" id=id data-testid="api-operation">
            <h3>
                <span class=format!("api-method api-method--{}", method.to_ascii_lowercase())>{method}</span>
                " "
                <code>{path.to_string()}</code>
            </h3>
            <p>{op.summary.clone().unwrap_or_default()}</p>
            <p class="muted">{auth}</p>
            {params}
            {body}
            <h4>"Responses"</h4>
            {responses(doc, op)}
        </article>
    }
}

fn parameters(params: &[Parameter]) -> impl IntoView {
    view! {
        <h4>"Parameters"</h4>
        <table class="api-table" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"In"</th>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Description"</th>
                </tr>
            </thead>
            <tbody>
                {params
                    .iter()
                    .map(|p| {
                        let required = if p.required { " (required)" } else { "" };
                        view! {
                            <tr>
                                <td><code>{p.name.clone()}</code>{required}</td>
                                <td>{p.location.clone()}</td>
                                <td>{p.schema.as_ref().map(type_view)}</td>
                                <td>{p.description.clone().unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

fn responses(doc: &Document, op: &Operation) -> impl IntoView {
    let rows = op
        .responses
        .iter()
        .map(|(status, response)| {
            let resolved: &Response = response
                .reference
                .as_deref()
                .and_then(|r| r.rsplit('/').next())
                .and_then(|name| doc.components.responses.get(name))
                .unwrap_or(response);
            let body = resolved.content.iter().next().map(|(media, m)| {
                view! {
                    <code>{media.clone()}</code>
                    " "
                    {m.schema.as_ref().map(type_view)}
                }
            });
            view! {
                <tr>
                    <td><code>{status.clone()}</code></td>
                    <td>{resolved.description.clone().unwrap_or_default()}</td>
                    <td>{body}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="api-table" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Meaning"</th>
                    <th scope="col">"Body"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// An object's fields as a table (a `$ref` is resolved first); any other schema as its type.
fn fields(doc: &Document, schema: &Schema) -> AnyView {
    let resolved = schema.ref_name().and_then(|n| doc.components.schemas.get(n)).unwrap_or(schema);
    if resolved.properties.is_empty() {
        return view! { <p>{type_view(schema)}</p> }.into_any();
    }
    let rows = resolved
        .properties
        .iter()
        .map(|(name, field)| {
            let required = if resolved.required.contains(name) { "yes" } else { "no" };
            view! {
                <tr>
                    <td><code>{name.clone()}</code></td>
                    <td>{type_view(field)}</td>
                    <td>{required}</td>
                    <td>{field.description.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {schema.ref_name().map(|n| view! { <p>"A " <a href=format!("#schema-{n}")>{n.to_string()}</a> ":"</p> })}
        <table class="api-table" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Required"</th>
                    <th scope="col">"Description"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// A schema's type in a few words, with a link to each component it names.
fn type_view(schema: &Schema) -> AnyView {
    if let Some(name) = schema.ref_name() {
        return view! { <a href=format!("#schema-{name}")>{name.to_string()}</a> }.into_any();
    }
    if !schema.one_of.is_empty() {
        let last = schema.one_of.len() - 1;
        return schema
            .one_of
            .iter()
            .enumerate()
            .map(|(i, s)| view! { {type_view(s)} {(i < last).then_some(" or ")} })
            .collect_view()
            .into_any();
    }
    if !schema.values.is_empty() {
        let values: Vec<String> = schema.values.iter().map(|v| v.to_string()).collect();
        return format!("one of {}", values.join(", ")).into_any();
    }
    let names: Vec<&str> = match &schema.types {
        Some(Types::One(t)) => vec![t.as_str()],
        Some(Types::Many(ts)) => ts.iter().map(String::as_str).collect(),
        None => vec!["any"],
    };
    let main = names.iter().copied().find(|t| *t != "null").unwrap_or("null");
    let nullable = names.len() > 1 && names.contains(&"null");
    let or_null = nullable.then_some(" or null");
    match main {
        "array" => match &schema.items {
            Some(Additional::Values(items)) => view! { "array of " {type_view(items)} {or_null} }.into_any(),
            _ if !schema.prefix_items.is_empty() => {
                let last = schema.prefix_items.len() - 1;
                let parts = schema
                    .prefix_items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| view! { {type_view(s)} {(i < last).then_some(", ")} })
                    .collect_view();
                view! { "array [" {parts} "]" {or_null} }.into_any()
            }
            _ => format!("array{}", or_null.unwrap_or_default()).into_any(),
        },
        "object" => match &schema.additional {
            Some(Additional::Values(values)) if schema.properties.is_empty() => {
                view! { "list (keyed \"0\", \"1\", …) of " {type_view(values)} {or_null} }.into_any()
            }
            _ => format!("object{}", or_null.unwrap_or_default()).into_any(),
        },
        other => {
            let mut text = other.to_string();
            if let Some(f) = &schema.format {
                text.push_str(&format!(" ({f})"));
            }
            match (schema.min_length, schema.max_length) {
                (Some(min), Some(max)) => text.push_str(&format!(", {min} to {max} characters")),
                (None, Some(max)) => text.push_str(&format!(", at most {max} characters")),
                _ => {}
            }
            match (schema.minimum, schema.maximum) {
                (Some(min), Some(max)) => text.push_str(&format!(", {min} to {max}")),
                (Some(min), None) => text.push_str(&format!(", at least {min}")),
                _ => {}
            }
            if let Some(p) = &schema.pattern {
                text.push_str(&format!(", matching {p}"));
            }
            text.push_str(or_null.unwrap_or_default());
            text.into_any()
        }
    }
}
