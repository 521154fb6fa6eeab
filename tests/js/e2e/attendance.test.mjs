// Attendance, waiting list and movements in a real browser, against the real passerelle binary with its demo
// data (hundreds of persons: rows are found by name, never by position). Set up through the API as the
// secretary of IME Les Tilleuls (establishment 1): a person with a unique name, an admission request, then a stay
// in semi-internat from the 1st of the current month; a second person admitted on the 20th (days before are
// outside the stay). In the browser: the monthly grid is filled with the keyboard (P on five days, A + reason,
// a block of « non attendu » with Shift + arrows), saved with Ctrl+S, read again after a reload and through the
// API; a day outside the stay cannot be marked; a refusal of the server comes back on its cell; the waiting list
// and the movements (preview and CSV download) show the admission. Every page is watched for console errors,
// uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { authed, signInDemo } from '../lib/session.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const SECRETARY = 'secretaire@passerelles-rhone.demo';
const MODE = '13'; // semi-internat: IME Les Tilleuls has places in it

const letters = (n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
const LAST = 'Presence' + letters(8);
const FIRST = 'Capucine';
const NAME = `${LAST} ${FIRST}`;
const LATE_LAST = 'Arrivee' + letters(8);
const LATE_NAME = `${LATE_LAST} Basile`;

const now = new Date();
const pad = (n) => String(n).padStart(2, '0');
const MONTH = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const day = (d) => `${MONTH}-${pad(d)}`;
const lastDay = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
// The days typed: the first Monday after the 1st, present until Friday; absent the next Monday; « non attendu »
// from Wednesday to Friday of that week, the Friday then cleared.
const MONDAY = [2, 3, 4, 5, 6, 7, 8].find((d) => new Date(now.getFullYear(), now.getMonth(), d).getDay() === 1);
const PRESENT = [0, 1, 2, 3, 4].map((i) => MONDAY + i);
const ABSENT = MONDAY + 7;
const NOT_EXPECTED = [ABSENT + 2, ABSENT + 3];
const CLEARED = ABSENT + 4;

let server;
let browser;
let session;
let personId;
let stayId;
const watchers = [];

async function json(response, expected) {
  const text = await response.text();
  assert.equal(response.status, expected, text);
  return text ? JSON.parse(text) : null;
}

async function createPerson(lastName, firstName) {
  const body = { establishment_id: 1, birth_name: lastName, first_names: [firstName], sex: 'F', birth_date: '2012-03-04' };
  let response = await authed(server, session, '/api/v1/persons', { json: body });
  if (response.status === 409) {
    response = await authed(server, session, '/api/v1/persons', { json: { ...body, confirm_duplicate: true } });
  }
  return json(response, 201);
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  session = await signInDemo(server, SECRETARY);

  const person = await createPerson(LAST, FIRST);
  personId = person.id;
  // Waiting first, then admitted: the request is closed by the admission.
  const previous = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  await json(
    await authed(server, session, `/api/v1/persons/${personId}/admission-requests`, {
      json: { establishment_id: 1, care_mode: MODE, received_date: `${previous.getFullYear()}-${pad(previous.getMonth() + 1)}-01` },
    }),
    201,
  );
  const stay = await json(
    await authed(server, session, `/api/v1/persons/${personId}/stays`, {
      json: { establishment_id: 1, care_mode: MODE, admission_date: day(1), origin: 'home' },
    }),
    201,
  );
  stayId = stay.id;

  const late = await createPerson(LATE_LAST, 'Basile');
  await json(
    await authed(server, session, `/api/v1/persons/${late.id}/stays`, {
      json: { establishment_id: 1, care_mode: MODE, admission_date: day(20), origin: 'family' },
    }),
    201,
  );
});

after(async () => {
  await browser?.close();
  await server?.stop();
  for (const watcher of watchers) watcher.assertClean();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  watchers.push(watcher);
  return { context, page, watcher };
}

const grid = (page) => page.getByRole('grid');
// The row header is the name, followed by the dates of the stay when it starts or ends within the month.
const rowOf = (page, name) =>
  grid(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}( |$)`) }) });
const cellOf = (page, name, d) => rowOf(page, name).locator(`[data-c="${d - 1}"]`);
const label = (locator) => locator.getAttribute('aria-label');
const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

test('secretary fills the monthly attendance with the keyboard and saves it', async () => {
  const { page, watcher } = await newPage();
  await signIn(page, server.base, SECRETARY, { path: '/usagers/presences' });
  await page.getByRole('heading', { level: 1, name: 'Présences' }).waitFor();

  // Establishment, kind of care, month: only the kinds of care the establishment has places for.
  const establishment = page.getByLabel('Établissement');
  await establishment.selectOption('1');
  const mode = page.getByLabel("Mode d'accueil");
  await page.waitForFunction(() => {
    const select = document.getElementById('presences-mode');
    return select instanceof HTMLSelectElement && !select.disabled && select.options.length > 0;
  });
  const modes = await mode.locator('option').evaluateAll((options) => options.map((o) => o.value));
  assert.ok(modes.includes(MODE), `modes offered: ${modes}`);
  assert.ok(!modes.includes('54'), 'accueil familial is not a kind of care of an IME');
  await mode.selectOption(MODE);
  assert.equal(await page.getByLabel('Mois').inputValue(), MONTH);
  await page.waitForURL((u) => u.searchParams.get('mode') === MODE && u.searchParams.get('etablissement') === '1');
  await grid(page).waitFor();

  // One Tab stop in the grid; headers give the weekday initial and the day number.
  assert.equal(await grid(page).locator('[role="gridcell"][tabindex="0"]').count(), 1);
  const header = grid(page).getByRole('columnheader').nth(1);
  assert.match(await header.textContent(), /^[LMJVSD]1$/);
  assert.match(await header.getAttribute('aria-label'), / 1 /);
  await rowOf(page, NAME).waitFor();

  // A week with the keyboard: P from Monday to Friday (the first Monday after the 1st), the focus moving right
  // each time; then, on the next Monday, A and the reason (M: maladie).
  await cellOf(page, NAME, MONDAY).click();
  assert.match(await focusedLabel(page), new RegExp(`^${NAME}, lundi ${MONDAY} \\S+ : vide`));
  for (let i = 0; i < 5; i++) await page.keyboard.press('p');
  assert.match(await focusedLabel(page), new RegExp(`^${NAME}, samedi ${MONDAY + 5} `));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('a');
  await page.getByTestId('absence-reasons').waitFor();
  await page.keyboard.press('m');
  assert.equal(await page.getByTestId('absence-reasons').count(), 0);
  assert.match(await focusedLabel(page), new RegExp(`^${NAME}, mardi ${ABSENT + 1} \\S+ : vide`));
  for (const d of PRESENT) {
    assert.match(await label(cellOf(page, NAME, d)), /: présent.*modifié non enregistré/, `day ${d}`);
  }
  assert.match(await label(cellOf(page, NAME, ABSENT)), /: absent \(maladie\).*modifié non enregistré/);
  assert.match(await cellOf(page, NAME, ABSENT).getAttribute('class'), /att-cell--modified/);

  // Shift + arrows select a block; N marks it « non attendu » (Wednesday to Friday of the second week).
  await cellOf(page, NAME, NOT_EXPECTED[0]).click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await rowOf(page, NAME).locator('[aria-selected="true"]').count(), 3);
  await page.keyboard.press('n');
  for (const d of [...NOT_EXPECTED, CLEARED]) {
    assert.match(await label(cellOf(page, NAME, d)), /: non attendu/, `day ${d}`);
  }
  // Delete clears a cell again (the Friday back to empty: it is no longer a change).
  await cellOf(page, NAME, CLEARED).click();
  await page.keyboard.press('Delete');
  assert.match(await label(cellOf(page, NAME, CLEARED)), /: vide(, jour fermé)?$/);
  assert.match(await page.getByTestId('attendance-changes').textContent(), /^8 cases modifiées/);

  // Totals of the row follow the changes (5 present, 1 absent).
  const totals = rowOf(page, NAME).locator('.att-total');
  assert.deepEqual((await totals.allTextContents()).map((s) => s.trim()), ['5', '1']);

  // Outside the stay: nothing can be marked, with the keyboard or the toolbar.
  await rowOf(page, LATE_NAME).waitFor();
  const outside = cellOf(page, LATE_NAME, 5);
  assert.equal(await outside.getAttribute('aria-disabled'), 'true');
  assert.match(await label(outside), /: hors séjour/);
  assert.match(await rowOf(page, LATE_NAME).getByRole('rowheader').textContent(), /entrée le 20\//);
  // With the keyboard, from the first day of the stay back to the 5th.
  await cellOf(page, LATE_NAME, 20).click();
  for (let d = 20; d > 5; d--) await page.keyboard.press('ArrowLeft');
  assert.match(await focusedLabel(page), new RegExp(`^${LATE_NAME}, \\S+ 5 \\S+ : hors séjour`));
  await page.keyboard.press('p');
  assert.match(await label(outside), /: hors séjour/);
  // With the mouse (a disabled cell still takes the focus) and the toolbar.
  await outside.click({ force: true });
  await page.getByRole('button', { name: 'Présent (P)' }).click();
  assert.match(await label(outside), /: hors séjour/);
  assert.equal(await rowOf(page, LATE_NAME).locator('.att-cell--modified').count(), 0);
  assert.match(await page.getByTestId('attendance-changes').textContent(), /^8 cases modifiées/);
  await page.screenshot({ path: join(artifacts, 'attendance-grid-modified.png') });

  // Leaving with unsaved changes asks first (declined here: the page stays).
  page.once('dialog', (dialog) => {
    assert.match(dialog.message(), /ne sont pas enregistrées/);
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: "Liste d'attente" }).click();
  assert.match(page.url(), /\/usagers\/presences/);

  // A refusal of the server comes back on its cell (the PUT answered by a canned 422 naming entries/0/date).
  await page.route('**/api/v1/attendance', async (route) => {
    if (route.request().method() !== 'PUT') return route.fallback();
    const sent = route.request().postDataJSON();
    assert.equal(sent.entries.length, 8);
    const first = sent.entries[0];
    const index = Math.max(0, sent.entries.findIndex((e) => e.stay_id === stayId && e.date === day(ABSENT)));
    assert.ok(first.stay_id);
    return route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: '/problems/invalid-attendance',
        title: 'Présences refusées',
        status: 422,
        detail: "Aucune présence n'a été enregistrée : corrigez les cases signalées.",
        errors: [{ field: `entries/${index}/date`, message: `${day(ABSENT)} est hors du séjour` }],
      }),
    });
  });
  watcher.ignore(/status of 422/);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const alert = page.getByTestId('attendance-alert');
  await alert.getByText(/Rien n'a été enregistré/).waitFor();
  assert.match(await alert.textContent(), new RegExp(`${NAME}, lundi ${ABSENT} \\S+ : \\d{2}/\\d{2}/\\d{4} est hors du séjour`));
  assert.equal(await cellOf(page, NAME, ABSENT).getAttribute('aria-invalid'), 'true');
  assert.match(await label(cellOf(page, NAME, ABSENT)), /erreur : /);
  await page.unroute('**/api/v1/attendance');

  // Ctrl+S saves everything in one PUT.
  await cellOf(page, NAME, ABSENT + 1).click();
  await page.keyboard.press('Control+s');
  await alert.getByText(/Présences enregistrées : 8 cases enregistrées/).waitFor();
  await page.getByText('Aucune modification en attente').waitFor();
  assert.equal(await cellOf(page, NAME, ABSENT).getAttribute('aria-invalid'), null);

  // Read again after a reload: the marks are there, no longer marked as changes.
  await page.reload();
  await rowOf(page, NAME).waitFor();
  const closed = '(, jour fermé)?$';
  for (const d of PRESENT) assert.match(await label(cellOf(page, NAME, d)), new RegExp(`: présent${closed}`), `day ${d}`);
  assert.match(await label(cellOf(page, NAME, ABSENT)), new RegExp(`: absent \\(maladie\\)${closed}`));
  for (const d of NOT_EXPECTED) assert.match(await label(cellOf(page, NAME, d)), new RegExp(`: non attendu${closed}`));
  assert.match(await label(cellOf(page, NAME, CLEARED)), new RegExp(`: vide${closed}`));
  await page.screenshot({ path: join(artifacts, 'attendance-grid-saved.png') });

  // And through the API.
  const saved = await json(
    await authed(server, session, `/api/v1/attendance?establishment_id=1&care_mode=${MODE}&month=${MONTH}`),
    200,
  );
  const row = saved.rows.find((r) => r.stay_id === stayId);
  assert.ok(row, 'the stay is a row of the grid');
  const statuses = row.cells.map((c) => (c.status === 'absent' ? `absent:${c.reason}` : c.status));
  const expected = Array.from({ length: lastDay }, () => null);
  for (const d of PRESENT) expected[d - 1] = 'present';
  expected[ABSENT - 1] = 'absent:illness';
  for (const d of NOT_EXPECTED) expected[d - 1] = 'not_expected';
  assert.deepEqual(statuses, expected);
  assert.ok(row.cells.every((c) => c.in_stay));
  const lateRow = saved.rows.find((r) => r.person.birth_name === LATE_LAST);
  assert.ok(lateRow.cells.every((c) => c.status === null), 'nothing recorded for the late admission');
  assert.equal(lateRow.cells.filter((c) => !c.in_stay).length, 19);

  // S fills the week of the focused day with « présent » on the open days of the stay (from the first open day
  // from the 20th on, to Sunday), then the changes are given up. (When the 20th falls on a weekend, the week
  // starts on the Monday after it, so that the week has open days whatever the month.)
  let start = 20;
  while (start < lastDay && !saved.days[start - 1].open) start++;
  await cellOf(page, LATE_NAME, start).click();
  await page.keyboard.press('s');
  const sunday = Math.min(lastDay, start + ((7 - new Date(now.getFullYear(), now.getMonth(), start).getDay()) % 7));
  const filled = await rowOf(page, LATE_NAME).locator('.att-cell--modified').evaluateAll((cells) =>
    cells.map((c) => ({ day: Number(c.getAttribute('data-c')) + 1, closed: c.classList.contains('att-cell--closed') })),
  );
  const open = lateRow.cells.map((_, i) => i + 1).filter((d) => d >= start && d <= sunday && saved.days[d - 1].open);
  assert.deepEqual(filled, open.map((d) => ({ day: d, closed: false })));
  for (const d of open) assert.match(await label(cellOf(page, LATE_NAME, d)), /: présent, modifié non enregistré$/);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Abandonner les modifications' }).click();
  await page.getByText('Aucune modification en attente').waitFor();
  assert.equal(await rowOf(page, LATE_NAME).locator('.att-cell--modified').count(), 0);
});

test('waiting list: the request of the person admitted, closed by the admission', async () => {
  const { page } = await newPage();
  await signIn(page, server.base, SECRETARY, { path: '/usagers/liste-attente' });
  await page.getByRole('heading', { level: 1, name: "Liste d'attente" }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="waiting-status"] .loading'));
  // Admitted: no longer waiting.
  assert.equal(await page.getByRole('link', { name: NAME, exact: true }).count(), 0);
  await page.getByLabel('Toutes les demandes (y compris les demandes closes)').check();
  await page.waitForURL((u) => u.searchParams.get('toutes') === '1');
  const link = page.getByTestId('waiting-table').getByRole('link', { name: NAME, exact: true });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `/usagers/${personId}`);
  const row = page.getByTestId('waiting-table').locator('tr').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
  const text = await row.textContent();
  assert.match(text, /IME Les Tilleuls/);
  assert.match(text, /Semi-internat/);
  assert.match(text, /\d{2}\/\d{2}\/\d{4}/);
  assert.match(text, /Close/);
  // The establishment filter is in the address too.
  await page.getByLabel('Établissement').selectOption('1');
  await page.waitForURL((u) => u.searchParams.get('etablissement') === '1');
  await page.getByTestId('waiting-table').getByRole('link', { name: NAME, exact: true }).waitFor();
});

test('movements: the admission in the preview and in the CSV download', async () => {
  const { page } = await newPage();
  await signIn(page, server.base, SECRETARY, { path: '/usagers/mouvements' });
  await page.getByRole('heading', { level: 1, name: 'Mouvements' }).waitFor();
  // The previous month by default.
  const previous = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  assert.equal(await page.getByLabel('Du').inputValue(), `${previous.getFullYear()}-${pad(previous.getMonth() + 1)}-01`);

  await page.getByLabel('Du').fill(day(1));
  await page.getByLabel('Au').fill(day(lastDay));
  await page.waitForURL((u) => u.searchParams.get('du') === day(1) && u.searchParams.get('au') === day(lastDay));
  const table = page.getByTestId('movements-table');
  const link = table.getByRole('link', { name: NAME, exact: true });
  await link.waitFor();
  const row = table.locator('tr').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
  const text = await row.textContent();
  assert.match(text, /Admission/);
  assert.match(text, new RegExp(`01/${MONTH.slice(5)}/${MONTH.slice(0, 4)}`));
  assert.match(text, /IME Les Tilleuls/);
  assert.match(text, /provenance : domicile/);

  const exports = page.getByRole('group', { name: 'Exporter' });
  const csv = exports.getByRole('link', { name: 'CSV (Excel)' });
  const xlsx = exports.getByRole('link', { name: 'XLSX' });
  for (const [a, format] of [[csv, 'csv'], [xlsx, 'xlsx']]) {
    const href = new URL(await a.getAttribute('href'), server.base);
    assert.equal(href.pathname, '/api/v1/movements');
    assert.equal(href.searchParams.get('format'), format);
    assert.equal(href.searchParams.get('from'), day(1));
    assert.equal(href.searchParams.get('to'), day(lastDay));
    assert.notEqual(await a.getAttribute('download'), null);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const content = readFileSync(await download.path(), 'utf8');
  assert.match(content, /^\uFEFFMouvement;Date;/);
  const line = content.split(/\r?\n/).find((l) => l.includes(LAST));
  assert.ok(line, 'the CSV holds the person admitted');
  assert.match(line, /^Admission;/);
  assert.match(line, new RegExp(`;${FIRST};`));

  // One establishment only: still there.
  await page.getByLabel('Établissement').selectOption('1');
  await page.waitForURL((u) => u.searchParams.get('etablissement') === '1');
  await table.getByRole('link', { name: NAME, exact: true }).waitFor();
  assert.equal(new URL(await csv.getAttribute('href'), server.base).searchParams.get('establishment_id'), '1');
});
