// Import and export of establishments in a real browser, against the real passerelle binary with its demo
// data: the director finds the export links (carrying the list's filters) and the « Importer » link, sends a
// CSV with a wrong FINESS key (the error names the line, « Valider l'import » stays disabled), then a correct
// file: the suggested correspondence of the columns, « 2 à créer », the validation, and both establishments
// in the list. Every page is watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finess, luhnKey } from '../lib/finess.mjs';
import { startServer } from '../lib/server.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const DIRECTOR = 'directrice@passerelles-rhone.demo';


const FIRST = finess('69000301');
const SECOND = finess('69000302');
const WRONG = '69000303' + ((Number(luhnKey('69000303')) + 1) % 10);
const HEADER = 'N° FINESS ET;Nom;Catégorie;Ville;Places internat';

const csv = (lines) => ({ name: 'etablissements.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8') });

let server;
let browser;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('director: export links with the filters, import preview with errors, then a valid import', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  const url = (path) => server.base + path;
  const main = page.locator('main');

  await signIn(page, server.base, DIRECTOR, { path: '/etablissements?categorie=183&recherche=tilleul' });
  await page.getByRole('heading', { level: 1, name: 'Établissements' }).waitFor();

  // Export: two downloads carrying the filters of the list.
  const exports = main.getByRole('group', { name: 'Exporter' });
  const csvLink = exports.getByRole('link', { name: 'CSV (Excel)' });
  const xlsxLink = exports.getByRole('link', { name: 'XLSX' });
  for (const [link, format] of [[csvLink, 'csv'], [xlsxLink, 'xlsx']]) {
    const href = new URL(await link.getAttribute('href'), server.base);
    assert.equal(href.pathname, '/api/v1/establishments/export');
    assert.equal(href.searchParams.get('format'), format);
    assert.equal(href.searchParams.get('category'), '183');
    assert.equal(href.searchParams.get('q'), 'tilleul');
    assert.notEqual(await link.getAttribute('download'), null);
  }
  // The download itself works with the session cookie.
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);

  // Import page.
  await main.getByRole('link', { name: 'Importer', exact: true }).click();
  await page.waitForURL(url('/etablissements/import'));
  await page.getByRole('heading', { level: 1, name: 'Importer des établissements' }).waitFor();
  const date = page.getByLabel("Date d'effet des capacités");
  assert.match(await date.inputValue(), /^\d{4}-\d{2}-\d{2}$/);

  // Nothing chosen: said next to the field.
  await page.getByRole('button', { name: "Prévisualiser l'import" }).click();
  await page.getByText('Choisissez un fichier CSV ou XLSX.').waitFor();

  // A file with a wrong FINESS key on line 3: the error names the line, nothing can be validated.
  await page.getByLabel('Fichier à importer').setInputFiles(csv([
    HEADER,
    `${FIRST};MAS Les Glycines;255;Lyon;40`,
    `${WRONG};IME Les Mimosas;183;Villeurbanne;30`,
  ]));
  await page.getByRole('button', { name: "Prévisualiser l'import" }).click();
  await page.getByRole('heading', { level: 2, name: '2. Correspondance des colonnes' }).waitFor();
  const alert = page.getByTestId('import-errors');
  await alert.locator('li').first().waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  const errors = await alert.locator('li').allTextContents();
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^Ligne 3 — .*FINESS.* : /);
  assert.equal(await page.getByRole('button', { name: "Valider l'import" }).isDisabled(), true);

  // The corrected file: the suggested correspondence, 2 to create.
  await page.getByLabel('Fichier à importer').setInputFiles(csv([
    HEADER,
    `${FIRST};MAS Les Glycines;255;Lyon;40`,
    `${SECOND};IME Les Mimosas;183;Villeurbanne;30`,
  ]));
  await page.getByRole('button', { name: "Prévisualiser l'import" }).click();
  const summary = page.getByTestId('import-summary');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-rows"] tbody tr').length === 2);
  assert.equal(await alert.locator('li').count(), 0);
  const mapping = {
    'correspondance-finess_et': 'N° FINESS ET',
    'correspondance-name': 'Nom',
    'correspondance-category_code': 'Catégorie',
    'correspondance-city': 'Ville',
    'correspondance-places-11': 'Places internat',
    'correspondance-postal_code': '',
  };
  for (const [id, column] of Object.entries(mapping)) {
    assert.equal(await page.locator(`#${id}`).inputValue(), column, id);
  }
  assert.match(await page.locator('label[for="correspondance-postal_code"]').textContent(), /facultatif/);
  assert.doesNotMatch(await page.locator('label[for="correspondance-finess_et"]').textContent(), /facultatif/);
  assert.match((await summary.textContent()).replace(/\s+/g, ' '), /2 à créer/);
  const cells = await page.getByTestId('import-rows').locator('tbody tr').first().locator('th, td').allTextContents();
  assert.deepEqual(cells.map((s) => s.trim()), ['2', FIRST, 'MAS Les Glycines', 'Création']);

  // Unmapping a required field runs the preview again and says so; mapping it back clears it.
  await page.locator('#correspondance-name').selectOption('');
  await page.locator('#correspondance-name-erreur').waitFor();
  await alert.getByText(/Correspondance des colonnes — /).waitFor();
  assert.equal(await page.getByRole('button', { name: "Valider l'import" }).isDisabled(), true);
  await page.locator('#correspondance-name').selectOption('Nom');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-rows"] tbody tr').length === 2);
  await page.waitForFunction(() => !document.querySelector('[data-testid="import-errors"] li'));
  await page.screenshot({ path: join(artifacts, 'establishments-import-preview.png'), fullPage: true });

  // Validation: the confirmation with the counts, the way back to the list.
  const validate = page.getByRole('button', { name: "Valider l'import" });
  assert.equal(await validate.isDisabled(), false);
  await validate.click();
  await page.getByRole('heading', { level: 2, name: 'Import terminé' }).waitFor();
  assert.match(await page.getByTestId('import-done').textContent(), /2 établissements créés/);
  await main.getByRole('link', { name: 'Retour à la liste des établissements' }).click();
  await page.waitForURL(url('/etablissements'));
  await page.getByLabel('Recherche').fill('Glycines');
  await page.getByTestId('establishments-table').getByRole('link', { name: 'MAS Les Glycines' }).waitFor();
  await page.getByLabel('Recherche').fill('Mimosas');
  await page.getByTestId('establishments-table').getByRole('link', { name: 'IME Les Mimosas' }).waitFor();
  const row = page.getByTestId('establishments-table').locator('tbody tr', { hasText: 'IME Les Mimosas' });
  assert.match(await row.textContent(), new RegExp(SECOND));

  watcher.assertClean();
  await context.close();
});
