//! `/docs/api`: the API reference, rendered from `/v1/openapi.json` (the
//! document generated from core's route table and contract types): operations
//! grouped by resource, each with its parameters, request fields and responses,
//! then the schemas they name. No script beyond the app's own.

use leptos::prelude::*;
use senzu_core::i18n::docs::DocsWords;
use senzu_core::i18n::{fill, number};

use crate::api::openapi::{Additional, Document, Operation, Parameter, Response, Schema, Types};
use crate::api::{self};
use crate::components::{ErrorView, TopBar};

#[component]
pub fn ApiReference() -> impl IntoView {
    let w = crate::i18n::tr::<DocsWords>();
    crate::components::page_title(Some(w.title));
    let document = LocalResource::new(api::openapi::document);
    view! {
        <TopBar />
        <main class="page api-docs" data-testid="api-docs">
            <h1>{w.title}</h1>
            <Suspense fallback=move || view! { <p class="muted">{w.loading}</p> }>
                {move || Suspend::new(async move {
                    match document.await {
                        Ok(doc) => reference(w, &doc).into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

fn reference(w: &'static DocsWords, doc: &Document) -> impl IntoView {
    let tags: Vec<String> = doc.tags.iter().map(|t| t.name.clone()).collect();
    let count: usize = doc.paths.values().map(|p| p.operations().count()).sum();
    let intro = fill(
        w.intro,
        &[
            ("title", &doc.info.title),
            ("version", &doc.info.version),
            ("openapi", &doc.openapi),
            ("count", &number(count as i64, w.lang)),
        ],
    );
    let sections = tags.iter().map(|tag| tag_section(w, doc, tag)).collect_view();
    let schema_sections = doc
        .components
        .schemas
        .iter()
        .map(|(name, schema)| {
            view! {
                <section class="api-schema" id=format!("schema-{name}")>
                    <h3>{name.clone()}</h3>
                    {schema.description.clone().map(|d| view! { <p class="muted">{d}</p> })}
                    {fields(w, doc, schema)}
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{intro}</p>
        {doc.info.description.clone().map(|d| view! { <p>{d}</p> })}
        <p>
            <a href="/v1/openapi.json">{w.as_json}</a>
        </p>
        <nav aria-label=w.resources class="api-docs__nav">
            <ul>
                {tags
                    .iter()
                    .map(|t| view! { <li><a href=format!("#tag-{t}")>{t.clone()}</a></li> })
                    .collect_view()}
                <li><a href="#schemas">{w.nav_schemas}</a></li>
            </ul>
        </nav>
        {sections}
        <section id="schemas">
            <h2>{w.schemas}</h2>
            {schema_sections}
        </section>
    }
}

fn tag_section(w: &'static DocsWords, doc: &Document, tag: &str) -> impl IntoView {
    let ops = doc
        .paths
        .iter()
        .flat_map(|(path, item)| item.operations().map(move |(method, op)| (method, path, op)))
        .filter(|(_, _, op)| op.tags.iter().any(|t| t == tag))
        .map(|(method, path, op)| operation(w, doc, method, path, op))
        .collect_view();
    view! {
        <section class="api-tag" id=format!("tag-{tag}")>
            <h2>{tag.to_string()}</h2>
            {ops}
        </section>
    }
}

fn operation(w: &'static DocsWords, doc: &Document, method: &'static str, path: &str, op: &Operation) -> impl IntoView {
    let id = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
    let auth = if op.security.is_some() { w.needs_token } else { w.public };
    let body = op.request_body.as_ref().and_then(|b| b.schema()).map(|schema| {
        view! {
            <h4>{w.request_body}</h4>
            {fields(w, doc, schema)}
        }
    });
    let params = (!op.parameters.is_empty()).then(|| parameters(w, &op.parameters));
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
            <h4>{w.responses}</h4>
            {responses(w, doc, op)}
        </article>
    }
}

fn parameters(w: &'static DocsWords, params: &[Parameter]) -> impl IntoView {
    view! {
        <h4>{w.parameters}</h4>
        <table class="api-table" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">{w.name}</th>
                    <th scope="col">{w.located_in}</th>
                    <th scope="col">{w.type_}</th>
                    <th scope="col">{w.description}</th>
                </tr>
            </thead>
            <tbody>
                {params
                    .iter()
                    .map(|p| {
                        let required = if p.required { w.required_mark } else { "" };
                        view! {
                            <tr>
                                <td><code>{p.name.clone()}</code>{required}</td>
                                <td>{p.location.clone()}</td>
                                <td>{p.schema.as_ref().map(|s| type_view(w, s))}</td>
                                <td>{p.description.clone().unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

fn responses(w: &'static DocsWords, doc: &Document, op: &Operation) -> impl IntoView {
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
                    {m.schema.as_ref().map(|s| type_view(w, s))}
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
                    <th scope="col">{w.status}</th>
                    <th scope="col">{w.meaning}</th>
                    <th scope="col">{w.body}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// An object's fields as a table (a `$ref` is resolved first); any other schema as its type.
fn fields(w: &'static DocsWords, doc: &Document, schema: &Schema) -> AnyView {
    let resolved = schema.ref_name().and_then(|n| doc.components.schemas.get(n)).unwrap_or(schema);
    if resolved.properties.is_empty() {
        return view! { <p>{type_view(w, schema)}</p> }.into_any();
    }
    let rows = resolved
        .properties
        .iter()
        .map(|(name, field)| {
            let required = if resolved.required.contains(name) { w.yes } else { w.no };
            view! {
                <tr>
                    <td><code>{name.clone()}</code></td>
                    <td>{type_view(w, field)}</td>
                    <td>{required}</td>
                    <td>{field.description.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {schema.ref_name().map(|n| {
            // The word around the link: "A {name}:" is "A ", the link, ":".
            let (before, after) = w.schema_is.split_once("{name}").unwrap_or((w.schema_is, ""));
            view! { <p>{before} <a href=format!("#schema-{n}")>{n.to_string()}</a> {after}</p> }
        })}
        <table class="api-table" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">{w.field}</th>
                    <th scope="col">{w.type_}</th>
                    <th scope="col">{w.required}</th>
                    <th scope="col">{w.description}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// A schema's type in a few words, with a link to each component it names.
fn type_view(w: &'static DocsWords, schema: &Schema) -> AnyView {
    if let Some(name) = schema.ref_name() {
        return view! { <a href=format!("#schema-{name}")>{name.to_string()}</a> }.into_any();
    }
    if !schema.one_of.is_empty() {
        let last = schema.one_of.len() - 1;
        return schema
            .one_of
            .iter()
            .enumerate()
            .map(|(i, s)| view! { {type_view(w, s)} {(i < last).then_some(w.or)} })
            .collect_view()
            .into_any();
    }
    if !schema.values.is_empty() {
        let values: Vec<String> = schema.values.iter().map(|v| v.to_string()).collect();
        return fill(w.one_of, &[("values", &values.join(", "))]).into_any();
    }
    let names: Vec<&str> = match &schema.types {
        Some(Types::One(t)) => vec![t.as_str()],
        Some(Types::Many(ts)) => ts.iter().map(String::as_str).collect(),
        None => vec![w.any],
    };
    let main = names.iter().copied().find(|t| *t != "null").unwrap_or("null");
    let nullable = names.len() > 1 && names.contains(&"null");
    let or_null = nullable.then_some(w.or_null);
    match main {
        "array" => match &schema.items {
            Some(Additional::Values(items)) => view! { {w.array_of} {type_view(w, items)} {or_null} }.into_any(),
            _ if !schema.prefix_items.is_empty() => {
                let last = schema.prefix_items.len() - 1;
                let parts = schema
                    .prefix_items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| view! { {type_view(w, s)} {(i < last).then_some(", ")} })
                    .collect_view();
                view! { "array [" {parts} "]" {or_null} }.into_any()
            }
            _ => format!("array{}", or_null.unwrap_or_default()).into_any(),
        },
        "object" => match &schema.additional {
            Some(Additional::Values(values)) if schema.properties.is_empty() => {
                view! { {w.keyed_list_of} {type_view(w, values)} {or_null} }.into_any()
            }
            _ => format!("object{}", or_null.unwrap_or_default()).into_any(),
        },
        other => {
            let mut text = other.to_string();
            if let Some(f) = &schema.format {
                text.push_str(&format!(" ({f})"));
            }
            match (schema.min_length, schema.max_length) {
                (Some(min), Some(max)) => {
                    text.push_str(&fill(w.length_between, &[("min", &min.to_string()), ("max", &max.to_string())]))
                }
                (None, Some(max)) => text.push_str(&fill(w.length_at_most, &[("max", &max.to_string())])),
                _ => {}
            }
            match (schema.minimum, schema.maximum) {
                (Some(min), Some(max)) => {
                    text.push_str(&fill(w.between, &[("min", &min.to_string()), ("max", &max.to_string())]))
                }
                (Some(min), None) => text.push_str(&fill(w.at_least, &[("min", &min.to_string())])),
                _ => {}
            }
            if let Some(p) = &schema.pattern {
                text.push_str(&fill(w.matching, &[("pattern", p)]));
            }
            text.push_str(or_null.unwrap_or_default());
            text.into_any()
        }
    }
}
