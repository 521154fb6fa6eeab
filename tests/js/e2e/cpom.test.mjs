// CPOM action sheets in a real browser, against the real passerelle binary: the director creates a CPOM naming
// the demo funder, adds its objectives and an action sheet with an action (refused first with a deadline outside
// the contract, the error shown next to the field), then the funder (external reader) signs in, lands on their
// CPOM list and sees the contract and its sheet read-only with the action's progress — and nothing else.
// The pages are watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { startServer } from '../lib/server.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, submitSignIn, watchPage } from '../lib/browser.mjs';

const DIRECTOR = 'directrice@passerelles-rhone.demo';
const FUNDER = 'financeur@ars-ara.demo';
const NAME = `CPOM test ${Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

const failedLoad = (status, path) =>
  new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} .*${path.replace(/[/?]/g, '\\$&')}`);

let server;
let browser;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  return { context, page, watcher };
}

test('a director creates a CPOM with a sheet and an action; the funder reads it, and nothing else', async () => {
  const { context, page, watcher } = await newPage();
  watcher.ignore(failedLoad(422, '/api/v1/cpom/'));
  await signIn(page, server.base, DIRECTOR, { path: '/pilotage/cpom' });
  await page.locator('main h1', { hasText: 'CPOM' }).waitFor();
  await page.getByRole('link', { name: 'Nouveau CPOM' }).click();
  await page.locator('main h1', { hasText: 'Nouveau CPOM' }).waitFor();

  const form = page.getByTestId('cpom-form');
  await form.getByLabel('Intitulé du contrat').fill(NAME);
  await form.getByLabel('Agence régionale de santé').check();
  await form.getByLabel('IME Les Tilleuls').check();
  await form.getByLabel('SESSAD Les Tilleuls').check();
  await form.getByLabel('Début', { exact: true }).fill('2025-01-01');
  await form.getByLabel('Fin', { exact: true }).fill('2029-12-31');
  await form.getByLabel('Statut', { exact: true }).selectOption({ label: 'Signé, en cours' });
  await form.getByLabel(/Pierre Rousseau \(ARS\)/).check();
  await form.getByRole('button', { name: 'Créer le CPOM' }).click();
  await page.locator('main h1', { hasText: NAME }).waitFor();
  assert.match(await page.getByTestId('cpom-facts').textContent(), /du 01\/01\/2025 au 31\/12\/2029/);

  // Objectives: a strategic one, then an operational one under it.
  const objectives = page.getByTestId('objective-form');
  await objectives.getByLabel("Intitulé de l'objectif").fill('Fluidifier les parcours');
  await objectives.getByRole('button', { name: "Ajouter l'objectif" }).click();
  await page.locator('main h3', { hasText: 'Fluidifier les parcours' }).waitFor();
  await objectives.getByLabel("Intitulé de l'objectif").fill('Ouvrir un accueil de jour');
  await objectives.getByLabel('Objectif stratégique de rattachement').selectOption({ label: 'Fluidifier les parcours' });
  await objectives.getByRole('button', { name: "Ajouter l'objectif" }).click();
  await page.getByTestId('cpom-operational').filter({ hasText: 'Ouvrir un accueil de jour' }).waitFor();

  // The sheet, with one action: a deadline after the contract is refused, the message next to the field.
  await page.getByRole('link', { name: /Nouvelle fiche action/ }).click();
  await page.locator('main h1', { hasText: 'Nouvelle fiche action' }).waitFor();
  const sheet = page.getByTestId('sheet-form');
  assert.equal(await sheet.getByLabel('Objectif opérationnel').inputValue() !== '', true);
  await sheet.getByLabel('Titre de la fiche').fill('Accueil de jour de l\'IME');
  await sheet.getByLabel('Pilote de la fiche').fill('Claire Dubois');
  const row = sheet.getByTestId('action-row').first();
  await row.getByLabel('Action', { exact: true }).fill('Aménager deux salles');
  await row.getByLabel('Responsable').fill('Cheffe de service');
  await row.getByLabel('Échéance').fill('2030-06-30');
  await row.getByLabel('Statut', { exact: true }).selectOption({ label: 'En cours' });
  await row.getByLabel('Avancement (%)').fill('40');
  await row.getByLabel('IME Les Tilleuls').check();
  await sheet.getByRole('button', { name: 'Créer la fiche' }).click();
  await sheet.locator('#action-0-echeance-erreur').waitFor();
  assert.match(await sheet.locator('#action-0-echeance-erreur').textContent(), /période du CPOM/);
  await row.getByLabel('Échéance').fill('2026-06-30');
  await sheet.getByRole('button', { name: 'Créer la fiche' }).click();
  await page.locator('main h1', { hasText: 'Accueil de jour de l\'IME' }).waitFor();
  const actions = page.getByTestId('sheet-actions');
  assert.match(await actions.textContent(), /Aménager deux salles.*Cheffe de service.*IME Les Tilleuls.*30\/06\/2026.*En cours.*40 %/);
  // The sheet's history starts with its creation, by the director.
  await page.getByRole('button', { name: "Afficher l'historique des modifications" }).click();
  assert.match(await page.getByTestId('sheet-history').textContent(), /directrice@passerelles-rhone\.demo.*Création.*Accueil de jour de l'IME/);
  watcher.assertClean();
  await context.close();

  // The funder: lands on the CPOM list after signing in.
  const funder = await newPage();
  await funder.page.goto(server.base + '/');
  await submitSignIn(funder.page, FUNDER);
  await funder.page.waitForURL(server.base + '/pilotage/cpom');
  const table = funder.page.getByTestId('cpom-table');
  await table.waitFor();
  const line = table.locator('tbody tr').filter({ hasText: NAME });
  assert.match(await line.textContent(), /Agence régionale de santé.*du 01\/01\/2025 au 31\/12\/2029.*Signé, en cours.*40 %/);
  assert.equal(await funder.page.getByRole('link', { name: 'Nouveau CPOM' }).count(), 0);
  await line.getByRole('link', { name: NAME }).click();
  await funder.page.locator('main h1', { hasText: NAME }).waitFor();
  await funder.page.getByText('Lecture seule').waitFor();
  assert.equal(await funder.page.getByRole('button', { name: 'Modifier le contrat' }).count(), 0);
  assert.equal(await funder.page.getByTestId('objective-form').count(), 0);
  assert.equal(await funder.page.getByRole('link', { name: /Nouvelle fiche action/ }).count(), 0);
  const card = funder.page.getByTestId('cpom-sheet-card').filter({ hasText: 'Accueil de jour de l\'IME' });
  assert.match(await card.textContent(), /40 %/);
  assert.equal(await card.getByRole('progressbar').getAttribute('aria-valuenow'), '40');
  await card.getByRole('link', { name: 'Accueil de jour de l\'IME' }).click();
  await funder.page.locator('main h1', { hasText: 'Accueil de jour de l\'IME' }).waitFor();
  assert.match(await funder.page.getByTestId('sheet-actions').textContent(), /Aménager deux salles.*40 %/);
  assert.equal(await funder.page.getByRole('link', { name: 'Modifier la fiche' }).count(), 0);
  assert.equal(await funder.page.getByTestId('comment-form').count(), 0);
  assert.equal(await funder.page.getByRole('button', { name: /historique/ }).count(), 0);

  // Nothing else: the navigation offers only the home and steering entries, other pages are refused.
  const nav = funder.page.getByRole('navigation', { name: 'Navigation principale' });
  const entries = await nav.getByRole('link').allTextContents();
  assert.deepEqual(entries.map((e) => e.trim()).filter((e) => e !== 'Accueil'), ['Pilotage']);
  for (const path of ['/usagers', '/etablissements', '/personnel', '/rgpd']) {
    await funder.page.goto(server.base + path);
    await funder.page.getByTestId('forbidden').waitFor();
  }
  funder.watcher.assertClean();
  await funder.context.close();
});
