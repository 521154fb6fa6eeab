// Staff records (« Personnel ») in a real browser, against the real passerelle binary: the director adds a
// professional with a part-time fixed-term contract (the form refused first without the end date of the CDD,
// the error shown next to the field), then records an absence on the record, which lists it with its days.
// The page is watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { startServer } from '../lib/server.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

const DIRECTOR = 'directrice@passerelles-rhone.demo';
const NURSE = 'infirmiere@passerelles-rhone.demo';
const LAST_NAME = `Remplacante${Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

// Failed API calls that the scenario provokes on purpose: Chromium logs each as a failed resource load.
const failedLoad = (status, path) =>
  new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} .*${path.replace(/[/?]/g, '\\$&')}\\)$`);

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

test('the director adds a staff member with a part-time fixed-term contract and an absence', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  watcher.ignore(failedLoad(422, '/api/v1/staff'));
  await signIn(page, server.base, DIRECTOR, { path: '/personnel' });
  await page.locator('main h1', { hasText: 'Personnel' }).waitFor();
  await page.getByRole('link', { name: 'Ajouter un professionnel' }).click();
  await page.locator('main h1', { hasText: 'Ajouter un professionnel' }).waitFor();

  const form = page.getByTestId('staff-create-form');
  await form.getByLabel('Nom', { exact: true }).fill(LAST_NAME);
  await form.getByLabel('Prénom').fill('Agathe');
  await form.getByLabel('Métier').selectOption({ label: 'Moniteur-éducateur' });
  await form.getByLabel('Établissement').selectOption({ label: 'IME Les Tilleuls' });
  await form.getByLabel('Type de contrat').selectOption({ label: 'CDD' });
  await form.getByLabel('Motif du CDD').selectOption({ label: "Remplacement d'un salarié absent" });
  await form.getByLabel('Date de début').fill('2025-09-01');
  await form.getByLabel("Temps de travail (% d'un temps plein)").fill('60');
  // Without the end date of the CDD: refused, the message next to the field, nothing created.
  await form.getByRole('button', { name: 'Créer la fiche' }).click();
  await form.locator('#contrat-fin-erreur').waitFor();
  assert.match(await form.locator('#contrat-fin-erreur').textContent(), /CDD a une date de fin/);
  await form.getByLabel(/Date de fin/).fill('2026-06-30');
  await form.getByRole('button', { name: 'Créer la fiche' }).click();

  await page.locator('main h1', { hasText: LAST_NAME.toUpperCase() }).waitFor();
  const contracts = page.getByTestId('staff-contracts');
  assert.match(await contracts.textContent(), /CDD \(remplacement\) — Moniteur-éducateur, 60 % — IME Les Tilleuls — du 01\/09\/2025 au 30\/06\/2026/);

  const absence = page.getByTestId('absence-form');
  await absence.getByLabel("Type d'absence").selectOption({ label: 'Maladie ordinaire' });
  await absence.getByLabel('Premier jour').fill('2025-11-03');
  await absence.getByLabel('Dernier jour').fill('2025-11-05');
  await absence.getByLabel('Se termine à midi').check();
  await absence.getByRole('button', { name: "Enregistrer l'absence" }).click();
  const absences = page.getByTestId('staff-absences');
  await absences.waitFor();
  const row = absences.locator('tbody tr').first();
  assert.match(await row.textContent(), /Maladie ordinaire.*03\/11\/2025.*05\/11\/2025 \(matin\).*2,5/);

  // The list finds the new professional by name.
  await page.goto(server.base + '/personnel');
  await page.getByLabel('En poste le').fill('');  // the contract has ended: the whole staff
  await page.getByLabel('Nom').fill(LAST_NAME);
  await page.getByTestId('staff-table').getByRole('link', { name: new RegExp(LAST_NAME.toUpperCase()) }).waitFor();
  watcher.assertClean();
  await context.close();
});

test('the import screen lists an unknown job title by line, then imports the corrected file', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  await signIn(page, server.base, DIRECTOR, { path: '/personnel/import' });
  await page.locator('main h1', { hasText: 'Importer un tableur du personnel' }).waitFor();
  const name = `Importe${Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;
  const file = (job) => ({
    name: 'personnel.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`Nom;Prénom;Métier;Établissement;Type de contrat;Date début;Quotité\r\n` +
      `${name};Lou;${job};IME Les Tilleuls;CDI;01/02/2024;80 %\r\n`),
  });
  await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles(file('Jongleur'));
  const errors = page.getByTestId('import-errors');
  await errors.waitFor();
  assert.match(await errors.textContent(), /Ligne 2 — Métier : Métier inconnu : « Jongleur »/);
  await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles(file('Aide-soignante'));
  await page.getByRole('button', { name: "Valider l'import" }).click();
  assert.match(await page.getByTestId('import-done').textContent(), /1 fiche\(s\) créée\(s\), 1 contrat\(s\) créé\(s\)/);
  watcher.assertClean();
  await context.close();
});

test('a professional reads their own record from « Mon compte », without the forms', async () => {
  const admin = await signInDemo(server, 'admin@passerelles-rhone.demo');
  const accounts = await (await authed(server, admin, '/api/v1/accounts?limit=200')).json();
  const nurse = accounts.items.find((a) => a.email === NURSE);
  const created = await authed(server, admin, '/api/v1/staff', { json: {
    last_name: 'Moreau', first_name: 'Julie', job: 'nurse', account_id: nurse.id,
    contracts: [{ establishment_id: 1, kind: 'permanent', start_date: '2018-03-01', working_time: 0.8 }] } });
  assert.equal(created.status, 201, await created.clone().text());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  await signIn(page, server.base, NURSE, { path: '/mon-compte' });
  await page.getByRole('link', { name: 'Ma fiche du personnel' }).click();
  await page.locator('main h1', { hasText: 'MOREAU Julie' }).waitFor();
  assert.match(await page.getByTestId('staff-contracts').textContent(), /CDI — Infirmier, 80 % — IME Les Tilleuls — depuis le 01\/03\/2018/);
  assert.equal(await page.getByTestId('absence-form').count(), 0);
  assert.equal(await page.getByTestId('contract-form').count(), 0);
  watcher.assertClean();
  await context.close();
});
