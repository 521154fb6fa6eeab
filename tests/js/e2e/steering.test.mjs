// The steering dashboards (« Pilotage ») in a real browser, against the real passerelle binary with its demo data
// (persons, attendance, staff), as the demo director: the organisation's dashboard shows the server's figures in
// French; the period chosen is kept in the address and survives a reload; the table of establishments leads to
// an establishment's dashboard, whose active caseload opens the list of the persons behind it (keyboard, focus
// back to the number on closing); the XLSX export is a real workbook with one sheet per axis; a rate over a zero
// denominator says « Pas de données ». Every page is watched for console errors, uncaught exceptions and CSP
// violations (the charts are drawn by ECharts under the strict policy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { startServer } from '../lib/server.mjs';
import { authed, signInDemo } from '../lib/session.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const DIRECTOR = 'directrice@passerelles-rhone.demo';

let server;
let browser;
let director;

before(async () => {
  server = await startServer({ demo: true, demoPersons: true });
  browser = await launchBrowser();
  director = await signInDemo(server, DIRECTOR);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// What the page must show, from the contract (/work/steering-contract.md): rates are fractions shown as
// "91,2 %", days as "1 234 j", FTE as "12,5 ETP", persons as "12 personnes"; null is "Pas de données".

const fr = (digits, minimum = 0) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: minimum });

function expected(value, unit) {
  if (value === null) return 'Pas de données';
  switch (unit) {
    case 'rate': return `${fr(1, 1).format(value * 100)} %`;
    case 'days': return `${fr(1).format(value)} j`;
    case 'persons': return `${fr(0).format(value)} ${Math.abs(value) >= 2 ? 'personnes' : 'personne'}`;
    case 'fte': return `${fr(1).format(value)} ETP`;
    case 'ratio': return fr(2).format(value);
    default: return fr(1).format(value);
  }
}

// Spaces of any kind (the no-break and narrow no-break spaces of French numbers) as one plain space.
const plain = (text) => text.replace(/\s+/g, ' ').trim();

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

// The last complete month (the page's default period) and last year, from the local calendar.
function lastMonth() {
  const now = new Date();
  const first = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getFullYear(), now.getMonth(), 0));
  return { from: iso(first), to: iso(last), month: `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}` };
}
const lastYear = new Date().getFullYear() - 1;

async function apiJson(path) {
  const response = await authed(server, director, path);
  assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
  return response.json();
}

async function definitions() {
  return new Map((await apiJson('/api/v1/indicators')).items.map((d) => [d.id, d]));
}

async function tileText(page, id) {
  return plain(await page.getByTestId(`tile-${id}-value`).innerText()).split(' Voir les')[0];
}

// The dashboard shown is the one asked for (the heading names the scope and the period) and up to date.
async function waitForDashboard(page, heading) {
  await page.getByTestId('dashboard-heading').filter({ hasText: heading }).waitFor();
  await page.locator('.dashboard__body--stale').waitFor({ state: 'detached' });
}

// ---------------------------------------------------------------------------------------------
// The names of the sheets of an XLSX file (a zip: central directory → xl/workbook.xml).

function zipEntries(bytes) {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory record');
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(offset), 0x02014b50, 'central directory header');
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const local = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    entries.set(name, () => (method === 0 ? data : inflateRawSync(data)).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function sheetNames(bytes) {
  const workbook = zipEntries(bytes).get('xl/workbook.xml');
  assert.ok(workbook, 'xl/workbook.xml in the file');
  const xml = workbook();
  const unescape = (s) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescape(m[1]));
}

// ---------------------------------------------------------------------------------------------

test('the director reads the organisation dashboard, keeps a period in the address, drills down to an establishment and exports XLSX', async () => {
  const defs = await definitions();
  const month = lastMonth();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  await signIn(page, server.base, DIRECTOR);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Pilotage' }).click();
  await page.locator('main h1', { hasText: 'Pilotage' }).waitFor();

  // The default dashboard (the organisation, the last complete month) is written in the address at once.
  await page.waitForURL((url) => url.searchParams.get('perimetre') === 'organisation' && url.searchParams.get('mois') === month.month);
  const organisation = await apiJson(`/api/v1/dashboards/organisation?from=${month.from}&to=${month.to}`);
  await waitForDashboard(page, organisation.scope.label);
  // The tiles show the server's figures, in French. The demo organisation has persons and attendance.
  for (const id of ['ACT-02', 'ACT-03', 'ACT-08', 'RH-07']) {
    const value = organisation.values.find((v) => v.id === id);
    assert.ok(value, `${id} in the dashboard's values`);
    assert.equal(typeof value.value, 'number', `${id} has a value over the last month`);
    assert.equal(await tileText(page, id), plain(expected(value.value, defs.get(id).unit)), `tile ${id}`);
  }
  assert.match(await tileText(page, 'ACT-02'), /^\d{1,3},\d %$/);
  assert.match(await tileText(page, 'ACT-08'), /^[\d ]+(,\d)? j$/);
  // Every chart has its figures as a table.
  for (const chart of ['occupation', 'mouvements', 'pyramide', 'absenteisme']) {
    await page.getByTestId(`chart-${chart}`).waitFor();
  }
  assert.ok(await page.getByTestId('chart-occupation-table').count() === 1, 'occupancy chart data table');

  // Another period: last year. The address holds it; a reload shows the same dashboard.
  await page.getByLabel('Période', { exact: true }).selectOption('annee');
  await page.getByLabel('Année', { exact: true }).selectOption(String(lastYear));
  await page.waitForURL((url) => url.searchParams.get('periode') === 'annee' && url.searchParams.get('annee') === String(lastYear));
  await waitForDashboard(page, `année ${lastYear}`);
  const yearly = await apiJson(`/api/v1/dashboards/organisation?from=${lastYear}-01-01&to=${lastYear}-12-31`);
  const yearlyCaseload = yearly.values.find((v) => v.id === 'ACT-03').value;
  assert.equal(await tileText(page, 'ACT-03'), plain(expected(yearlyCaseload, 'persons')));
  await page.reload();
  await waitForDashboard(page, `${organisation.scope.label} — année ${lastYear}`);
  assert.equal(await page.getByLabel('Période', { exact: true }).inputValue(), 'annee');
  assert.equal(await page.getByLabel('Année', { exact: true }).inputValue(), String(lastYear));
  assert.equal(await tileText(page, 'ACT-03'), plain(expected(yearlyCaseload, 'persons')));

  // The table of establishments leads to IME Les Tilleuls' dashboard for the same period.
  const ime = yearly.children.find((child) => child.label === 'IME Les Tilleuls');
  assert.ok(ime, 'IME Les Tilleuls among the children');
  const row = page.getByTestId('children-table').locator(`tr[data-scope="${ime.scope}"]`);
  assert.equal(plain(await row.locator('td').nth(0).innerText()), plain(expected(ime.values['ACT-02'] ?? null, 'rate')));
  await row.getByRole('link', { name: 'IME Les Tilleuls' }).click();
  await page.waitForURL((url) => url.searchParams.get('perimetre') === ime.scope && url.searchParams.get('annee') === String(lastYear));
  await waitForDashboard(page, `IME Les Tilleuls — année ${lastYear}`);
  const establishment = await apiJson(`/api/v1/dashboards/${ime.scope}?from=${lastYear}-01-01&to=${lastYear}-12-31`);
  assert.equal(establishment.drill.persons, true, 'the director may open the persons behind the numbers');
  const caseload = establishment.values.find((v) => v.id === 'ACT-03').value;
  assert.equal(await tileText(page, 'ACT-03'), plain(expected(caseload, 'persons')));

  // The active caseload opens, from the keyboard, the list of the persons behind it; closing gives the focus back.
  const details = await apiJson(`/api/v1/indicators/ACT-03/details?scope=${ime.scope}&from=${lastYear}-01-01&to=${lastYear}-12-31`);
  assert.equal(details.kind, 'persons');
  assert.equal(details.items.length, caseload, 'one person listed per person counted');
  await page.getByTestId('tile-ACT-03-value').focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('details-panel');
  await panel.getByTestId('details-count').waitFor();
  assert.equal(plain(await panel.getByTestId('details-count').innerText()), `${plain(fr(0).format(caseload))} personnes.`);
  const first = details.items[0];
  const link = panel.getByRole('link', { name: `${first.last_name.toUpperCase()} ${first.first_name}` }).first();
  assert.equal(await link.getAttribute('href'), `/usagers/${first.id}`);
  await page.waitForURL((url) => url.searchParams.get('liste') === 'ACT-03');
  await panel.getByRole('button', { name: 'Fermer la liste' }).click();
  await panel.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'tile-ACT-03-value');

  // XLSX export of this dashboard: a zip holding a workbook with one sheet per axis and the definitions.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('dashboard-export').getByRole('button', { name: 'XLSX' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const sheets = sheetNames(bytes);
  for (const name of ['Activité', 'Personnes accompagnées', 'Ressources humaines', 'Définitions']) {
    assert.ok(sheets.includes(name), `sheet « ${name} » in ${JSON.stringify(sheets)}`);
  }
  await page.getByTestId('dashboard-export-status').filter({ hasText: 'Fichier enregistré' }).waitFor();

  // The ANAP campaign figures of this establishment for last year, as a workbook too.
  await page.getByLabel('Année de la campagne ANAP').selectOption(String(lastYear));
  const [campaign] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('anap-export').getByRole('button', { name: 'XLSX' }).click(),
  ]);
  assert.match(campaign.suggestedFilename(), new RegExp(`^anap-${lastYear}.*\\.xlsx$`));
  assert.equal(readFileSync(await campaign.path()).subarray(0, 4).toString('latin1'), 'PK\x03\x04');

  // The definitions panel explains each indicator.
  await page.getByRole('button', { name: 'Définitions des indicateurs' }).click();
  const panelDefinitions = page.getByTestId('definitions');
  assert.match(plain(await panelDefinitions.innerText()), new RegExp(defs.get('ACT-02').label));

  watcher.assertClean();
  await context.close();
});

test('a rate over a zero denominator says « Pas de données », never 0 %', async () => {
  const defs = await definitions();
  // In 2000 the demo establishments had no places: the occupancy rate has no denominator.
  const from = '2000-01-01';
  const to = '2000-01-31';
  const values = await apiJson(`/api/v1/indicators/values?scope=establishment:1&from=${from}&to=${to}&ids=ACT-02,ACT-03`);
  const occupancy = values.values.find((v) => v.id === 'ACT-02');
  assert.equal(occupancy.value, null, 'no occupancy rate without places');
  assert.equal(defs.get('ACT-02').unit, 'rate');

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  const path = `/pilotage?perimetre=establishment:1&periode=personnalisee&du=${from}&au=${to}`;
  await signIn(page, server.base, DIRECTOR, { path });
  await waitForDashboard(page, 'IME Les Tilleuls — du 01/01/2000 au 31/01/2000');
  assert.equal(await tileText(page, 'ACT-02'), 'Pas de données');
  assert.doesNotMatch(await page.getByTestId('tile-ACT-02').innerText(), /%|∞|NaN/);
  // The custom dates are in the fields, and a period that ends before it starts is refused next to the field.
  assert.equal(await page.getByLabel('Du', { exact: true }).inputValue(), from);
  await page.getByLabel('Au', { exact: true }).fill('1999-12-01');
  await page.locator('#pilotage-au-erreur').waitFor();
  assert.match(await page.locator('#pilotage-au-erreur').innerText(), /dernier jour doit être le premier jour ou après/);
  watcher.assertClean();
  await context.close();
});
