// The web shell in a real browser, served by the real passerelle binary under its Content-Security-Policy:
// navigation, History API routing, deep links, the health panel, keyboard use, and no console error.
// The application needs a session: the director of the demo organisation signs in first (her role sees every
// brick but RGPD and Administration; the sign-in itself is tested in auth.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const DIRECTOR = 'directrice@passerelles-rhone.demo';

// What the director's navigation shows, in order (RGPD and Administration are not for her role).
const NAV = [
  ['Accueil', '/'],
  ['Établissements', '/etablissements'],
  ['Usagers', '/usagers'],
  ['Personnel', '/personnel'],
  ['Pilotage', '/pilotage'],
  ['Enquêtes', '/enquetes'],
  ['Collaboration', '/collaboration'],
];

let server;
let browser;
let context;
let page;
let watcher;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  watcher = await watchPage(page);
  // Signed out, the start-up session check answers 401: expected, once.
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  await signIn(page, server.base, DIRECTOR);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.base + path;
const nav = () => page.getByRole('navigation', { name: 'Navigation principale' });
const heading = () => page.locator('main h1');

async function headingText() {
  await heading().waitFor();
  return (await heading().textContent()).trim();
}

test('home page: title, strict CSP, navigation, health panel', async () => {
  // Hold /healthz back for a moment so that the loading state can be seen.
  let release;
  const held = new Promise((ok) => { release = ok; });
  let continued;
  await page.route('**/healthz', (route) => { continued = held.then(() => route.continue()); return continued; },
    { times: 1 });

  const response = await page.goto(url('/'));
  assert.equal(response.status(), 200);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/, `index.html is served with the strict CSP (got "${csp}")`);
  assert.doesNotMatch(csp, /unsafe-inline/);

  assert.equal(await page.title(), 'Passerelle');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await headingText(), 'Passerelle');

  // The header names the signed-in person and her role.
  const bar = page.getByTestId('account-bar');
  assert.match(await bar.textContent(), /Claire Dubois/);
  assert.match(await bar.textContent(), /Directeur/);
  await bar.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  await bar.getByRole('link', { name: 'Mon compte' }).waitFor();

  const links = nav().getByRole('link');
  assert.deepEqual((await links.allTextContents()).map((s) => s.trim()), NAV.map(([label]) => label));
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, NAV.map(([, path]) => path));
  assert.equal(await nav().getByRole('link', { name: 'Accueil' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav().getByRole('link', { name: 'RGPD' }).count(), 0);
  assert.equal(await nav().getByRole('link', { name: 'Administration' }).count(), 0);

  const health = page.getByTestId('health');
  await health.getByText('Vérification…').waitFor();
  release();
  await continued;
  await health.getByText('Service : opérationnel').waitFor();
  await health.getByText(/^Base de données : (SQLite|PostgreSQL) — opérationnelle$/).waitFor();
  assert.equal(await health.getAttribute('data-state'), 'ok');

  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true });
});

test('a navigation link changes the page without reloading it; back and forward work', async () => {
  await page.evaluate(() => { window.__sameDocument = true; });
  await nav().getByRole('link', { name: 'Établissements' }).click();
  await page.waitForURL(url('/etablissements'));
  assert.equal(await headingText(), 'Établissements');
  assert.equal(await page.title(), 'Établissements · Passerelle');
  assert.match(await page.locator('main').textContent(), /FINESS/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');
  assert.equal(await nav().getByRole('link', { name: 'Établissements' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav().getByRole('link', { name: 'Accueil' }).getAttribute('aria-current'), null);
  // The focus moves to the heading of the new page.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

  await page.goBack();
  await page.waitForURL(url('/'));
  await page.getByRole('heading', { level: 1, name: 'Passerelle' }).waitFor();
  assert.equal(await nav().getByRole('link', { name: 'Accueil' }).getAttribute('aria-current'), 'page');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'back stays in the application');

  await page.goForward();
  await page.waitForURL(url('/etablissements'));
  await page.getByRole('heading', { level: 1, name: 'Établissements' }).waitFor();
});

test('deep link to a brick is served by the SPA fallback', async () => {
  const response = await page.goto(url('/usagers'));
  assert.equal(response.status(), 200);
  assert.equal(await headingText(), 'Usagers');
  assert.equal(await nav().getByRole('link', { name: 'Usagers' }).getAttribute('aria-current'), 'page');
});

test('every brick has its page', async () => {
  for (const [label, path] of NAV.slice(1)) {
    await nav().getByRole('link', { name: label }).click();
    // The dashboards write the scope and period they show in the query string.
    await page.waitForURL((address) => address.pathname === path);
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
    // Bricks already built show their content; the others say they are being built.
    if (path === '/usagers') {
      await page.getByRole('searchbox', { name: 'Rechercher une personne' }).waitFor();
      assert.doesNotMatch(await page.locator('main').textContent(), /en cours de construction/);
    } else if (path === '/pilotage') {
      await page.getByRole('heading', { level: 2, name: 'Périmètre et période' }).waitFor();
      await page.getByTestId('dashboard-heading').waitFor();
      assert.doesNotMatch(await page.locator('main').textContent(), /en cours de construction/);
    } else if (path !== '/etablissements' && path !== '/personnel') assert.match(await page.locator('main').textContent(), /en cours de construction/);
  }
});

test('an unknown path shows "Page introuvable"', async () => {
  // The server may answer an unknown path with its index.html and a 404 status: Chromium logs that 404.
  watcher.ignore(/^console error: Failed to load resource: the server responded with a status of 404 .*\/nimportequoi\)$/);
  const response = await page.goto(url('/nimportequoi'));
  assert.ok([200, 404].includes(response.status()), `status ${response.status()}`);
  assert.equal(await headingText(), 'Page introuvable');
  assert.equal(await nav().locator('[aria-current="page"]').count(), 0);
  await page.getByRole('link', { name: "Revenir à l'accueil" }).click();
  await page.waitForURL(url('/'));
  await page.getByRole('heading', { level: 1, name: 'Passerelle' }).waitFor();
});

test('a brick the role cannot see: "Accès non autorisé", by link or by address', async () => {
  for (const path of ['/rgpd', '/administration', '/rgpd/trace-des-acces']) {
    const response = await page.goto(url(path));
    assert.equal(response.status(), 200);
    assert.equal(await headingText(), 'Accès non autorisé');
    assert.equal(await page.title(), 'Accès non autorisé · Passerelle');
    assert.equal(await nav().locator('[aria-current="page"]').count(), 0);
  }
  await page.getByRole('link', { name: "Revenir à l'accueil" }).click();
  await page.waitForURL(url('/'));
  await page.getByRole('heading', { level: 1, name: 'Passerelle' }).waitFor();
});

test('keyboard only: skip link, then Tab to the first navigation link and Enter', async () => {
  // A page with few controls (the dashboards have dozens of Tab stops after the heading).
  await page.goto(url('/enquetes'));
  assert.equal(await headingText(), 'Enquêtes');

  // The first Tab stop is the skip link; Enter on it brings the focus to the page's heading.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Aller au contenu');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

  // From the top of the page, Tab until the first link of the main navigation has the focus.
  await page.evaluate(() => (document.activeElement instanceof HTMLElement) && document.activeElement.blur());
  const firstNavLinkFocused = () => page.evaluate(() => {
    const first = document.querySelector('nav[aria-label="Navigation principale"] a');
    return first !== null && document.activeElement === first;
  });
  let tabs = 0;
  while (!(await firstNavLinkFocused())) {
    assert.ok(++tabs <= 10, 'the first navigation link is reachable with Tab');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(url('/'));
  await page.getByRole('heading', { level: 1, name: 'Passerelle' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
});

test('the health panel says so in French when the server cannot be reached', async () => {
  const other = await context.newPage();
  const otherWatcher = await watchPage(other);
  await other.route('**/healthz', (route) => route.abort('connectionrefused'));
  await other.goto(url('/'));
  const health = other.getByTestId('health');
  await health.getByText(/Impossible de vérifier l'état du service/).waitFor();
  assert.equal(await health.getAttribute('data-state'), 'error');
  await health.getByRole('button', { name: 'Réessayer' }).waitFor();
  // The aborted request is the only thing the console may report.
  otherWatcher.ignore(/Failed to load resource: net::ERR_CONNECTION_REFUSED/);
  otherWatcher.assertClean();
  await other.close();
});

test('no console error, uncaught exception or CSP violation during the run', () => {
  watcher.assertClean();
});
