// First contentful paint of a play page, and when its tiles become interactive
// (the play bundle mounted: the server's first paint is gone), in Chromium with
// 4x CPU throttling and DevTools' "Fast 3G" profile. Run by `cargo xtask bench`;
// prints one JSON line.
// Usage: node e2e/bench/fcp.mjs URL[,URL…] [runs] — run i opens URL i (mod their count):
// a dynamic tap opens once per browser, so each run needs its own.
import { chromium } from '@playwright/test';

const [urlArg, runsArg] = process.argv.slice(2);
const urls = urlArg.split(',');
const runs = Number(runsArg || 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
const results = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // DevTools "Fast 3G": 562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(urls[i % urls.length], { waitUntil: 'load' });
  await page.locator('.tile, .state').first().waitFor();
  await page.waitForFunction(() => !document.getElementById('senzu-first-paint'), null, { timeout: 60_000 });
  const interactive = await page.evaluate(() => performance.now());
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const nav = performance.getEntriesByType('navigation')[0];
    return { fcp: fcp ? fcp.startTime : null, load: nav.loadEventEnd, transfer: performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, nav.transferSize) };
  });
  results.push({ ...timing, interactive });
  await context.close();
}
await browser.close();
const sorted = (key) => results.map((r) => r[key]).sort((a, b) => a - b);
const median = (xs) => xs[Math.floor(xs.length / 2)];
const [fcps, interactives] = [sorted('fcp'), sorted('interactive')];
console.log(JSON.stringify({
  runs, fcp_ms_median: median(fcps), fcp_ms_all: fcps,
  interactive_ms_median: Math.round(median(interactives)), interactive_ms_all: interactives.map(Math.round),
  transfer_bytes: results[0].transfer,
}));
