// The « Établissements » brick in a real browser, against the real passerelle binary with its demo data:
// the director lists and filters the establishments (filters in the address, cursor paging), creates one
// (the FINESS key checked in the page, then the server's errors next to their fields), adds capacity periods
// (the overlap refused by the server shown next to "Du", the open period closed, the change added), sees them
// in the table and in the SVG chart, reads the history, records an authorisation due for renewal, finds it on
// the home page, and archives the establishment. The educator sees IME Les Tilleuls only, read-only.
// Every page is watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { luhnKey } from '../lib/finess.mjs';
import { startServer } from '../lib/server.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const DIRECTOR = 'directrice@passerelles-rhone.demo';
const EDUCATOR = 'educateur@passerelles-rhone.demo';

// Failed API calls that a scenario provokes on purpose: Chromium logs each as a failed resource load.
const failedLoad = (status, path) =>
  new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} .*${path.replace(/[/?]/g, '\\$&')}\\)$`);


const FINESS_BASE = '69000199';
const FINESS = FINESS_BASE + luhnKey(FINESS_BASE);
const WRONG_FINESS = FINESS_BASE + ((Number(luhnKey(FINESS_BASE)) + 1) % 10);
const NAME = 'MAS Les Cèdres';

const year = new Date().getUTCFullYear();
const FIRST_FROM = `${year - 3}-01-01`;
const FIRST_TO = `${year - 2}-12-31`;
const SECOND_FROM = `${year - 1}-01-01`;
const fr = (iso) => iso.split('-').reverse().join('/');

let server;
let browser;
const watchers = [];

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.base + path;

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  watchers.push(watcher);
  return { context, page, watcher };
}

const main = (page) => page.locator('main');
const nav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
const shot = (page, name) => page.screenshot({ path: join(artifacts, name), fullPage: true });
const rows = (page) => page.getByTestId('establishments-table').locator('tbody tr');
const rowNames = async (page) => (await rows(page).locator('th').allTextContents()).map((s) => s.trim());
// The id of the focused element, once focus has settled on `expected` (the page moves it after a
// render: reading it at once raced with that render on a busy machine).
const activeId = async (page, expected) => {
  if (expected) await page.waitForFunction((id) => document.activeElement?.id === id, expected, { timeout: 5000 }).catch(() => {});
  return page.evaluate(() => document.activeElement?.id ?? null);
};
const tab = (page, name) => page.getByRole('tab', { name, exact: true });

async function waitForRows(page, count) {
  await page.getByTestId('establishments-table').waitFor();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="establishments-table"] tbody tr').length === n &&
      !document.querySelector('[data-testid="establishments-status"] .loading'),
    count,
  );
}

test('director: list, filters in the address, paging', async () => {
  const { page } = await newPage();
  await signIn(page, server.base, DIRECTOR);

  // Home page: the renewals of the demo authorisations due within a year.
  const renewals = page.getByTestId('renewal-alerts');
  await renewals.getByRole('heading', { level: 2, name: 'Autorisations à renouveler' }).waitFor();
  await renewals.getByRole('link', { name: 'IME Les Tilleuls' }).waitFor();
  assert.match(await renewals.textContent(), /\d{2}\/\d{2}\/\d{4}/, 'renewal dates as dd/mm/yyyy');

  await nav(page).getByRole('link', { name: 'Établissements' }).click();
  await page.waitForURL(url('/etablissements'));
  await page.getByRole('heading', { level: 1, name: 'Établissements' }).waitFor();
  await main(page).getByRole('link', { name: 'Nouvel établissement' }).waitFor();

  // 12 establishments in the demo organisation, 10 a page.
  await waitForRows(page, 10);
  const table = page.getByTestId('establishments-table');
  assert.match(await table.locator('caption').textContent(), /page 1, 10 établissements/);
  assert.deepEqual(
    (await table.locator('thead th').allTextContents()).map((s) => s.trim()),
    ['Nom', 'FINESS', 'Catégorie', 'Ville', 'Financeurs'],
  );
  assert.equal(await table.locator('thead th[scope="col"]').count(), 5);
  const first = rows(page).first();
  assert.equal((await first.locator('th[scope="row"]').textContent()).trim(), 'IME Les Tilleuls');
  assert.deepEqual((await first.locator('td').allTextContents()).map((s) => s.trim()), ['690001011', 'IME', 'Villeurbanne', 'ARS']);
  await page.getByRole('button', { name: 'Page suivante' }).click();
  await waitForRows(page, 2);
  assert.match(await table.locator('caption').textContent(), /page 2, 2 établissements/);
  assert.equal(await page.getByRole('button', { name: 'Page suivante' }).count(), 0);
  await page.getByRole('button', { name: 'Page précédente' }).click();
  await waitForRows(page, 10);

  // Text search, after a pause in typing; kept in the address.
  await page.getByLabel('Recherche').fill('TILLEUL');
  await page.waitForURL(url('/etablissements?recherche=TILLEUL'));
  await waitForRows(page, 2);
  assert.deepEqual(await rowNames(page), ['IME Les Tilleuls', 'SESSAD Les Tilleuls']);
  // Accent-insensitive: "cedres" is not there yet, "val d'azergues" finds the ITEP.
  await page.getByLabel('Recherche').fill("val d'azergues");
  await waitForRows(page, 1);
  assert.deepEqual(await rowNames(page), ["ITEP Le Val d'Azergues"]);

  // Category and funder: selects, applied at once.
  await page.getByLabel('Recherche').fill('tilleul');
  await waitForRows(page, 2);
  await page.getByLabel('Catégorie').selectOption('183');
  await page.waitForURL(url('/etablissements?categorie=183&recherche=tilleul'));
  await waitForRows(page, 1);
  assert.deepEqual(await rowNames(page), ['IME Les Tilleuls']);

  // A reload keeps the filters (they are in the address).
  await page.reload();
  await waitForRows(page, 1);
  assert.equal(await page.getByLabel('Recherche').inputValue(), 'tilleul');
  assert.equal(await page.getByLabel('Catégorie').inputValue(), '183');
  await shot(page, 'establishments-list-filtered.png');

  // Nothing found: the empty state.
  await page.getByLabel('Recherche').fill('introuvable');
  await page.getByTestId('establishments-empty').waitFor();
  assert.match(await page.getByTestId('establishments-empty').textContent(), /Aucun établissement ne correspond/);
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await page.waitForURL(url('/etablissements'));
  await waitForRows(page, 10);
  assert.equal(await page.getByLabel('Recherche').inputValue(), '');
  await page.getByLabel('Financeur').selectOption('departement');
  await page.waitForURL(url('/etablissements?financeur=departement'));
  await page.waitForFunction(() => !document.querySelector('[data-testid="establishments-status"] .loading'));
  for (const cells of await rows(page).locator('td:nth-child(5)').allTextContents()) assert.match(cells, /Département/);
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await waitForRows(page, 10);
  await shot(page, 'establishments-list.png');
});

test('director: creation with inline FINESS checks, capacity periods, chart, history, renewal, archive', async () => {
  const { page, watcher } = await newPage();
  // Refusals provoked on purpose below: duplicate FINESS (409), overlapping capacity period (409).
  watcher.ignore(failedLoad(409, '/api/v1/establishments'));
  watcher.ignore(failedLoad(409, '/capacities'));
  await signIn(page, server.base, DIRECTOR, { path: '/etablissements' });
  await main(page).getByRole('link', { name: 'Nouvel établissement' }).click();
  await page.waitForURL(url('/etablissements/nouveau'));
  await page.getByRole('heading', { level: 1, name: 'Nouvel établissement' }).waitFor();

  // Submitting the empty form: every required field says so, the focus goes to the first one.
  await page.getByRole('button', { name: "Créer l'établissement" }).click();
  await page.getByText('Saisissez le numéro FINESS').waitFor();
  assert.equal(await activeId(page, 'etablissement-finess'), 'etablissement-finess');
  assert.match(await page.getByTestId('profile-form-alert').textContent(), /Corrigez les erreurs signalées/);
  const finess = page.getByLabel("Numéro FINESS de l'établissement");
  assert.equal(await finess.getAttribute('aria-invalid'), 'true');

  // A wrong key: said as soon as the field is left, before anything is sent.
  await finess.fill(WRONG_FINESS);
  await page.getByLabel('Nom', { exact: true }).focus();
  await page.locator('#etablissement-finess-erreur').getByText(/clé de contrôle/).waitFor();
  await page.getByLabel('Nom', { exact: true }).fill(NAME);
  await page.getByLabel('Catégorie FINESS').selectOption('255');
  await page.getByRole('button', { name: "Créer l'établissement" }).click();
  assert.equal(await activeId(page, 'etablissement-finess'), 'etablissement-finess');
  await shot(page, 'establishment-create-error.png');

  // A valid number already used (IME Les Tilleuls): the server's 409 next to the field.
  await finess.fill('690001011');
  await page.getByRole('button', { name: "Créer l'établissement" }).click();
  await page.locator('#etablissement-finess-erreur').getByText(/déjà utilisé/).waitFor();
  assert.equal(await activeId(page, 'etablissement-finess'), 'etablissement-finess');

  // The right number, and the rest of the form.
  await finess.fill(FINESS);
  await page.getByRole('group', { name: /Publics accueillis/ }).getByLabel('Adultes').check();
  await page.getByRole('group', { name: /Handicaps/ }).getByLabel('Polyhandicap').check();
  const funders = page.getByRole('group', { name: /Financeurs/ });
  await funders.getByLabel('Agence régionale de santé').check();
  await funders.getByLabel('Conseil départemental').check();
  await page.getByRole('group', { name: /Briques activées/ }).getByLabel('Pilotage').check();
  await page.getByLabel('Numéro et voie').fill('12 rue des Cèdres');
  await page.getByLabel('Code postal').fill('69003');
  await page.getByLabel('Ville').fill('Lyon');
  await page.getByRole('button', { name: "Créer l'établissement" }).click();

  // The establishment's page.
  await page.waitForURL(/\/etablissements\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
  assert.match(await page.getByTestId('establishment-status').textContent(), /a été créé/);
  const summary = await page.getByTestId('establishment-summary').textContent();
  assert.match(summary, new RegExp(`MAS.*FINESS ${FINESS}.*Lyon`));
  const identity = page.getByTestId('identity');
  assert.match(await identity.textContent(), /Adultes/);
  assert.match(await identity.textContent(), /Agence régionale de santé, Conseil départemental/);

  // Tabs: a tablist, arrow keys move the selection, the tab is kept in the address.
  await page.getByRole('tablist', { name: "Fiche de l'établissement" }).waitFor();
  assert.equal(await tab(page, 'Identité').getAttribute('aria-selected'), 'true');
  await tab(page, 'Identité').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(url(`/etablissements/${id}?onglet=capacites`));
  assert.equal(await tab(page, 'Capacités').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Capacités');
  assert.equal(await tab(page, 'Identité').getAttribute('tabindex'), '-1');
  const chart = page.getByTestId('capacity-chart');
  assert.equal(await chart.getAttribute('data-series'), '0');

  // First period: internat, 20 authorised places, open-ended.
  await page.getByLabel("Mode d'accueil").selectOption('11');
  assert.equal(await page.getByLabel('Statut').inputValue(), 'authorised');
  await page.getByLabel('Places', { exact: true }).fill('20');
  await page.getByLabel('Du', { exact: true }).fill(FIRST_FROM);
  await page.getByRole('button', { name: 'Ajouter la période' }).click();
  await page.getByTestId('establishment-status').getByText(/Période ajoutée/).waitFor();
  const periods = page.getByTestId('capacity-table').locator('tbody tr[data-care-mode="11"][data-status="authorised"]');
  await periods.first().waitFor();
  assert.equal(await periods.count(), 1);
  assert.deepEqual((await periods.first().locator('td').allTextContents()).slice(0, 4).map((s) => s.trim()),
    ['Places autorisées', '20', fr(FIRST_FROM), 'sans fin']);
  const series = chart.getByTestId('capacity-chart-svg').locator('g[data-care-mode="11"]');
  await series.waitFor();
  assert.equal(await series.getAttribute('data-points'), '1');
  assert.equal(await series.locator('circle[data-places="20"]').getAttribute('data-date'), FIRST_FROM);
  assert.equal(await chart.getByTestId('capacity-chart-svg').getAttribute('role'), 'img');
  assert.match(await chart.locator('svg desc').textContent(), new RegExp(`Hébergement complet / internat : 20 places à partir du ${fr(FIRST_FROM)}`));

  // A capacity change while the first period is still open: the server refuses (409), said next to "Du".
  await page.getByLabel('Places', { exact: true }).fill('26');
  await page.getByLabel('Du', { exact: true }).fill(SECOND_FROM);
  await page.getByRole('button', { name: 'Ajouter la période' }).click();
  await page.locator('#capacite-du-erreur').getByText(new RegExp(`chevauche la période du ${fr(FIRST_FROM)}`, "i")).waitFor();
  assert.equal(await activeId(page, 'capacite-du'), 'capacite-du');
  assert.match(await page.getByTestId('capacity-form-alert').textContent(), /n'a pas été ajoutée/);

  // Close the first period the day before, then add the change.
  await periods.first().getByRole('button', { name: /^Clore/ }).click();
  // The date field of the row's form gets the focus.
  const endId = `capacite-${await periods.first().getAttribute('data-capacity-id')}-fin`;
  await page.waitForFunction((wanted) => document.activeElement?.id === wanted, endId);
  await page.getByLabel('Dernier jour').fill(FIRST_TO);
  await periods.first().getByRole('button', { name: 'Clore', exact: true }).click();
  await page.getByTestId('establishment-status').getByText(/a été close/).waitFor();
  await page.getByRole('button', { name: 'Ajouter la période' }).click();
  await page.getByTestId('establishment-status').getByText(/Période ajoutée.*26 places/).waitFor();
  await page.waitForFunction(() =>
    document.querySelectorAll('[data-testid="capacity-table"] tbody tr[data-care-mode="11"][data-status="authorised"]').length === 2);
  const texts = await periods.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent.trim())));
  assert.deepEqual(texts, [['26', fr(SECOND_FROM), 'sans fin'], ['20', fr(FIRST_FROM), fr(FIRST_TO)]]);
  assert.equal(await series.getAttribute('data-points'), '2');
  assert.equal(await series.locator('circle[data-places="26"]').getAttribute('data-date'), SECOND_FROM);
  assert.match(await page.getByTestId('capacity-today').textContent(), /26/);
  await chart.scrollIntoViewIfNeeded();
  await shot(page, 'establishment-capacities.png');

  // « Historique »: the three capacity changes, newest first, in French.
  await tab(page, 'Historique').click();
  await page.waitForURL(url(`/etablissements/${id}?onglet=historique`));
  const history = page.getByTestId('history-table');
  await history.waitFor();
  assert.deepEqual(
    (await history.locator('thead th').allTextContents()).map((s) => s.trim()),
    ['Date', 'Compte', 'Champ', 'Ancienne valeur', 'Nouvelle valeur'],
  );
  const allLines = await history.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())));
  // The oldest entry is the creation itself; the three capacity changes come after it.
  assert.equal(allLines.length, 4, JSON.stringify(allLines));
  assert.match(allLines[3].join(" "), new RegExp(FINESS));
  const lines = allLines.slice(0, 3);
  for (const line of lines) {
    assert.match(line[0], /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.equal(line[1], DIRECTOR);
    assert.equal(line[2], 'Capacité');
  }
  assert.equal(lines[0][3], '—');
  assert.equal(lines[0][4], `Hébergement complet / internat, places autorisées : 26 places à partir du ${fr(SECOND_FROM)} (sans fin)`);
  assert.equal(lines[1][3], `Hébergement complet / internat, places autorisées : 20 places à partir du ${fr(FIRST_FROM)} (sans fin)`);
  assert.equal(lines[1][4], `Hébergement complet / internat, places autorisées : 20 places du ${fr(FIRST_FROM)} au ${fr(FIRST_TO)}`);
  await shot(page, 'establishment-history.png');

  // « Autorisations »: an authorisation granted 14 and a half years ago is due for renewal.
  await tab(page, 'Autorisations').click();
  await page.getByText("Aucun arrêté d'autorisation n'est enregistré.").waitFor();
  const decided = new Date();
  decided.setUTCMonth(decided.getUTCMonth() - 174);
  const decisionDate = decided.toISOString().slice(0, 10);
  await page.getByLabel("Référence de l'arrêté").fill('Arrêté ARS n° 2012-TEST');
  await page.getByLabel('Date de la décision').fill(decisionDate);
  await page.getByRole('button', { name: "Enregistrer l'autorisation" }).click();
  const authorisation = page.getByTestId('authorisations-table').locator('tbody tr');
  await authorisation.first().waitFor();
  assert.match(await authorisation.first().textContent(), /Arrêté ARS n° 2012-TEST/);
  assert.match(await authorisation.first().textContent(), /À renouveler/);

  // « Identité »: the edit form sends the changed fields only; the history shows before and after.
  await tab(page, 'Identité').click();
  await page.getByRole('button', { name: "Modifier l'identité" }).click();
  await page.getByLabel('Ville').fill('Lyon 3e');
  await page.getByRole('group', { name: /Publics accueillis/ }).getByLabel('Enfants et adolescents').check();
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await page.getByTestId('establishment-status').getByText('Les modifications ont été enregistrées.').waitFor();
  assert.equal(await activeId(page, 'identite-modifier'), 'identite-modifier', 'the focus goes back to the button that opened the form');
  assert.match(await page.getByTestId('identity').textContent(), /Enfants et adolescents, Adultes/);
  await tab(page, 'Historique').click();
  await page.getByTestId('history-table').waitFor();
  const changes = await page.getByTestId('history-table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].slice(2).map((cell) => cell.textContent.trim())));
  assert.deepEqual(changes.slice(0, 3).sort(), [
    ['Autorisation', '—', `Arrêté ARS n° 2012-TEST du ${fr(decisionDate)}`],
    ['Publics accueillis', 'Adultes', 'Enfants et adolescents, Adultes'],
    ['Ville', 'Lyon', 'Lyon 3e'],
  ]);

  // The home page lists it among the renewals.
  await nav(page).getByRole('link', { name: 'Accueil' }).click();
  const renewal = page.getByTestId('renewal-alerts').locator(`li[data-establishment-id="${id}"]`);
  await renewal.waitFor();
  assert.match(await renewal.textContent(), new RegExp(`${NAME} — renouvellement le ${fr(`${Number(decisionDate.slice(0, 4)) + 15}${decisionDate.slice(4)}`)}`));
  await shot(page, 'home-renewals.png');
  await renewal.getByRole('link', { name: NAME }).click();
  await page.waitForURL(url(`/etablissements/${id}?onglet=autorisations`));
  assert.equal(await tab(page, 'Autorisations').getAttribute('aria-selected'), 'true');

  // « Archiver »: a confirmation first; Escape cancels.
  await page.getByRole('button', { name: 'Archiver', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: "Archiver l'établissement ?" });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Annuler');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Archiver', exact: true }).click();
  await dialog.getByRole('button', { name: "Archiver l'établissement" }).click();
  await page.getByTestId('establishment-status').getByText(/a été archivé/).waitFor();
  await page.getByTestId('establishment-summary').getByText('Archivé').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Archiver', exact: true }).count(), 0);
  assert.equal(await page.getByRole('button', { name: "Enregistrer l'autorisation" }).count(), 0, 'read-only once archived');

  // Archived: out of the list unless asked for.
  await page.goto(url('/etablissements?recherche=cedres'));
  await page.getByTestId('establishments-empty').waitFor();
  await page.getByLabel('Inclure les établissements archivés').check();
  await page.waitForURL(url('/etablissements?recherche=cedres&archives=oui'));
  await waitForRows(page, 1);
  assert.match(await rows(page).first().textContent(), new RegExp(`${NAME}.*Archivé`));
});

test('director: the demo establishment IME Les Tilleuls, capacity chart with two kinds of care', async () => {
  const { page } = await newPage();
  await signIn(page, server.base, DIRECTOR, { path: '/etablissements/1?onglet=capacites' });
  await page.getByRole('heading', { level: 1, name: 'IME Les Tilleuls' }).waitFor();
  const chart = page.getByTestId('capacity-chart');
  await chart.getByTestId('capacity-chart-svg').waitFor();
  assert.equal(await chart.getAttribute('data-series'), '2');
  // Internat 30 → 24 and semi-internat 45 → 51 on 2023-09-01.
  assert.equal(await chart.locator('g[data-care-mode="11"] circle[data-date="2023-09-01"]').getAttribute('data-places'), '24');
  assert.equal(await chart.locator('g[data-care-mode="13"] circle[data-date="2023-09-01"]').getAttribute('data-places'), '51');
  assert.deepEqual((await chart.locator('.chart__legend li').allTextContents()).map((s) => s.trim()),
    ['Hébergement complet / internat (code 11)', 'Semi-internat (code 13)']);
  await chart.getByText('Données du graphique').click();
  await page.getByTestId('capacity-chart-table').waitFor();
  await shot(page, 'establishment-chart.png');

  // Calendar tab: days open per year; a weekly pattern set with the checkboxes.
  await page.getByRole('tab', { name: 'Calendrier' }).click();
  const calendars = page.getByTestId('calendars-table');
  await calendars.waitFor();
  // Weekdays minus the school holidays: a little over 200 days a year.
  assert.match(await calendars.textContent(), /Semi-internat2\d\dlundi, mardi, mercredi, jeudi, vendredi/);
  await page.getByLabel("Mode d'accueil", { exact: true }).first().selectOption('14');
  await page.getByRole('group', { name: /Jours d'ouverture de la semaine/ }).getByLabel('Vendredi').uncheck();
  await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
  await page.getByTestId('establishment-status').getByText(/Calendrier \d{4} enregistré \(Externat\)/).waitFor();
  await calendars.getByText('lundi, mardi, mercredi, jeudi', { exact: true }).waitFor();
});

test('educator: only IME Les Tilleuls, read-only, no renewal panel', async () => {
  const { page } = await newPage();
  await signIn(page, server.base, EDUCATOR);
  await page.getByRole('heading', { level: 1, name: 'Passerelle' }).waitFor();
  assert.equal(await page.getByTestId('renewal-alerts').count(), 0);
  await nav(page).getByRole('link', { name: 'Établissements' }).click();
  await page.waitForURL(url('/etablissements'));
  await waitForRows(page, 1);
  assert.deepEqual(await rowNames(page), ['IME Les Tilleuls']);
  assert.equal(await page.getByRole('link', { name: 'Nouvel établissement' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Page suivante' }).count(), 0);
  await shot(page, 'establishments-educator.png');

  await rows(page).first().getByRole('link', { name: 'IME Les Tilleuls' }).click();
  await page.waitForURL(url('/etablissements/1'));
  await page.getByRole('heading', { level: 1, name: 'IME Les Tilleuls' }).waitFor();
  await page.getByTestId('identity').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Archiver' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: "Modifier l'identité" }).count(), 0);
  await tab(page, 'Capacités').click();
  await page.getByTestId('capacity-chart-svg').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Ajouter la période' }).count(), 0);
  assert.equal(await page.getByTestId('capacity-table').getByRole('button').count(), 0);

  // Another establishment of the organisation is not hers: "introuvable", as the server answers 404.
  const watcher = watchers[watchers.length - 1];
  watcher.ignore(failedLoad(404, '/api/v1/establishments/2'));
  await page.goto(url('/etablissements/2'));
  await page.getByRole('heading', { level: 1, name: 'Établissement introuvable' }).waitFor();
  // And the creation page says she cannot create one.
  await page.goto(url('/etablissements/nouveau'));
  await page.getByText('Votre compte ne permet pas de créer un établissement').waitFor();
});

test('no console error, uncaught exception or CSP violation during the run', () => {
  for (const watcher of watchers) watcher.assertClean();
});
