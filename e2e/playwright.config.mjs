// Browser tests against the wrangler dev that `cargo xtask test` started.
// Debian's Chromium only: Playwright's own browser download never runs here.
import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.SENZU_BASE_URL;
if (!baseURL) throw new Error('SENZU_BASE_URL is not set: run the browser tests through `cargo xtask test`');

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
};

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  outputDir: 'artifacts/results',
  timeout: 30_000,
  workers: 2,
  reporter: [['list']],
  use: { baseURL, launchOptions, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
      userAgent: devices['Pixel 7'].userAgent } },
  ],
});
