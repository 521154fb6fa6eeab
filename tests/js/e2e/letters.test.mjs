// The « Courriers » page in a real browser, against the real passerelle binary with its demo data, as the
// secretary of IME Les Tilleuls: the demo templates are listed; a new template with a misspelt field is refused by
// the server, its error shown with its line and column and a button that puts the caret there; once corrected it
// is saved and listed; a batch for the establishment's legal representatives downloads one PDF. Every page is
// watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { authed, signInDemo } from '../lib/session.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const SECRETARY = 'secretaire@passerelles-rhone.demo';
const letters = (n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
const LAST = 'Courrier' + letters(8);
const TEMPLATE = `Réunion de rentrée ${letters(5)}`;

let server;
let browser;
const watchers = [];

async function json(response, expected) {
  const text = await response.text();
  assert.equal(response.status, expected, text);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  const session = await signInDemo(server, SECRETARY);
  const person = await json(await authed(server, session, '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: LAST, first_names: ['Léon'], sex: 'M', birth_date: '2013-04-05', confirm_duplicate: true } }), 201);
  await json(await authed(server, session, `/api/v1/persons/${person.id}/stays`, { json: {
    establishment_id: 1, care_mode: '13', admission_date: '2024-09-02', origin: 'home' } }), 201);
  await json(await authed(server, session, `/api/v1/persons/${person.id}/contacts`, { json: {
    kind: 'legal_representative', civility: 'Mme', last_name: LAST, first_name: 'Agnès', address_line: '3 rue Garibaldi',
    postal_code: '69006', city: 'Lyon', receives_letters: true } }), 201);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  for (const watcher of watchers) watcher.assertClean();
});

test('secretary writes a letter template, corrects the error the server points at, and prepares a batch', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  // The refused save: the browser logs the 422 answer as a failed resource.
  watcher.ignore(/^console error: Failed to load resource: the server responded with a status of 422/);
  watchers.push(watcher);

  await signIn(page, server.base, SECRETARY, { path: '/usagers/courriers' });
  await page.getByRole('heading', { level: 1, name: 'Courriers' }).waitFor();
  const list = page.getByTestId('letter-templates');
  await list.getByRole('rowheader', { name: 'Attestation de présence' }).waitFor();

  await page.getByRole('button', { name: 'Nouveau modèle' }).click();
  const editor = page.getByTestId('letter-template-editor');
  await editor.getByLabel('Nom du modèle').fill(TEMPLATE);
  await editor.getByLabel('Objet', { exact: true }).fill('Réunion de rentrée de {{ person.first_name }}');
  const body = editor.getByLabel('Texte du courrier');
  await body.fill('{{ addressee.salutation }},\n\nNous invitons {{ person.prenom }} à la réunion de rentrée.');
  // The fields list is beside the text; a field is inserted at the caret.
  await editor.getByTestId('letter-fields').getByRole('button', { name: 'establishment.name' }).waitFor();
  await editor.getByRole('button', { name: 'Enregistrer le modèle' }).click();

  const errors = editor.getByTestId('letter-template-body-errors');
  await errors.waitFor();
  assert.match(await errors.innerText(), /Ligne 3, colonne 18 : Champ inconnu « person\.prenom »/);
  assert.ok(!(await errors.innerText()).includes('champs possibles'), 'the fields are listed beside the text, not in the error');
  await errors.getByRole('button', { name: 'Aller à la ligne 3, colonne 18' }).click();
  const caret = await body.evaluate((area) => [document.activeElement === area, area.selectionStart]);
  assert.deepEqual(caret, [true, '{{ addressee.salutation }},\n\nNous invitons '.length + 3]);

  await body.fill('{{ addressee.salutation }},\n\nNous invitons {{ person.first_name }} à la réunion de rentrée.');
  await editor.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await page.getByText(`Le modèle « ${TEMPLATE} » est enregistré.`).waitFor();
  await list.getByRole('rowheader', { name: TEMPLATE }).waitFor();

  const batch = page.getByTestId('letters-batch');
  await batch.getByLabel('Établissement').selectOption('1');
  await batch.getByLabel('Modèle').selectOption({ label: TEMPLATE });
  await batch.getByLabel('Destinataires').selectOption('legal_representative');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    batch.getByRole('button', { name: 'Préparer les courriers (PDF)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^courriers-1-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(await page.getByTestId('letters-batch-status').innerText(), /courriers? préparés? dans courriers-1-/);
  await context.close();
});
