//! The landing page: what Senzu is and where to go next.

use leptos::prelude::*;

use crate::components::TopBar;

#[component]
pub fn Landing() -> impl IntoView {
    crate::components::page_title(None);
    view! {
        <TopBar />
        <main class="landing">
            <section class="hero">
                <h1>"Your objects, as small apps."</h1>
                <p class="hero__lead">
                    "A card, a ring or a pen carries an NFC chip or a printed code. "
                    "Tap it with a phone and it opens your app: call, text, your vCard, "
                    "your links — whatever you put on it."
                </p>
                <p class="hero__actions">
                    <a class="button" href="/signin?mode=signup" data-testid="landing-sign-up">"Create an account"</a>
                    <a class="button button--ghost" href="/signin" data-testid="landing-sign-in">"Sign in"</a>
                </p>
            </section>
            <section class="features">
                <article class="feature">
                    <h2>"Tap, and it opens"</h2>
                    <p>"No app to install. Every tap of a secure chip is signed, so a copied link cannot be replayed."</p>
                </article>
                <article class="feature">
                    <h2>"Yours to shape"</h2>
                    <p>"Pick a title, colours and plugins. Change them any time; the object stays the same."</p>
                </article>
                <article class="feature">
                    <h2>"Share and find"</h2>
                    <p>"Share an object with people you trust, mark it lost, and see where it is being tapped."</p>
                </article>
            </section>
        </main>
    }
}
