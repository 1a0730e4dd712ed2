// Starts the app. A file, not an inline script, so that the pages' Content-Security-Policy
// allows no inline script at all; Trunk writes the hashed names of the app's JS and wasm
// into the data attributes of the element that loads this (Trunk.toml, pattern_script).
const boot = document.querySelector("script[data-senzu-js]");
const { default: init } = await import(boot.dataset.senzuJs);
await init({ module_or_path: boot.dataset.senzuWasm });
