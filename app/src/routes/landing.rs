//! The landing page: what Senzu is and where to go next.

use leptos::prelude::*;

use crate::components::TopBar;

#[component]
pub fn Landing() -> impl IntoView {
    crate::components::page_title(None);
    let w = crate::i18n::pages();
    view! {
        <TopBar />
        <main class="landing">
            <section class="hero">
                <h1>{w.hero_title}</h1>
                <p class="hero__lead">
                    {w.hero_lead}
                </p>
                <p class="hero__actions">
                    <a class="button" href="/signin?mode=signup" data-testid="landing-sign-up">{w.create_account}</a>
                    <a class="button button--ghost" href="/signin" data-testid="landing-sign-in">{w.sign_in}</a>
                </p>
            </section>
            <section class="features">
                <article class="feature">
                    <h2>{w.feature_tap}</h2>
                    <p>{w.feature_tap_text}</p>
                </article>
                <article class="feature">
                    <h2>{w.feature_shape}</h2>
                    <p>{w.feature_shape_text}</p>
                </article>
                <article class="feature">
                    <h2>{w.feature_share}</h2>
                    <p>{w.feature_share_text}</p>
                </article>
            </section>
        </main>
    }
}
