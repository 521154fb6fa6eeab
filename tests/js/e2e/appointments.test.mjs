// The agenda in a real browser, against the real passerelle binary with its demo data: the secretary of IME Les
// Tilleuls (establishment 1) makes two meetings for the educator that overlap; the second one is stopped by the
// conflict warning, confirmed with « Confirmer malgré le conflit », and both are then marked « Conflit » in the
// week view (in words, not only by colour). The previous / next / today controls work from the keyboard.
// The page is watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { authed, signInDemo } from '../lib/session.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const SECRETARY = 'secretaire@passerelles-rhone.demo';
const WEEK = '2030-12-02'; // a Monday
const TUESDAY = '2030-12-03';

let server;
let browser;
let educator; // { id, display_name }
let person; // a person with one appointment on the Wednesday
const watchers = [];

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  const session = await signInDemo(server, SECRETARY);
  const educatorSession = await signInDemo(server, 'educateur@passerelles-rhone.demo');
  const r = await authed(server, session, '/api/v1/appointments/professionals?establishment_id=1');
  assert.equal(r.status, 200, await r.clone().text());
  educator = (await r.json()).items.find((p) => p.id === educatorSession.body.account.id);
  assert.ok(educator, 'the educator can be invited');
  const created = await authed(server, session, '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: 'Agendanavigateur', first_names: ['Maëlle'], sex: 'F', birth_date: '2011-02-03', confirm_duplicate: true } });
  assert.equal(created.status, 201, await created.clone().text());
  person = await created.json();
  const appointment = await authed(server, session, '/api/v1/appointments', { json: {
    establishment_id: 1, person_id: person.id, kind: 'family', title: 'Visite des parents',
    starts_at: '2030-12-04T16:00', ends_at: '2030-12-04T17:00' } });
  assert.equal(appointment.status, 201, await appointment.clone().text());
});

after(async () => {
  await browser?.close();
  await server?.stop();
  for (const watcher of watchers) watcher.assertClean();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watcher.ignore(ANONYMOUS_SESSION_CHECK);
  // The conflict is an answer of the server (409), logged by Chromium as a failed load.
  watcher.ignore(/^console error: Failed to load resource: the server responded with a status of 409 \(Conflict\)/);
  watchers.push(watcher);
  return page;
}

// An appointment of the week by its title (the other chips name it too, in their conflict text).
const chipOf = (page, title) =>
  page.getByTestId('agenda-semaine').locator('.appt').filter({ has: page.locator('.appt__title', { hasText: title }) });

async function fillMeeting(page, title, start, end) {
  const form = page.getByTestId('rdv-formulaire');
  await form.getByRole('heading', { name: 'Nouveau rendez-vous' }).waitFor();
  await form.getByLabel('Établissement').selectOption('1');
  await form.locator('#rdv-debut-date').fill(TUESDAY);
  await form.locator('#rdv-debut-heure').fill(start);
  await form.locator('#rdv-fin-date').fill(TUESDAY);
  await form.locator('#rdv-fin-heure').fill(end);
  await form.getByLabel('Type de rendez-vous').selectOption('internal');
  await form.getByLabel('Objet').fill(title);
  await form.getByRole('checkbox', { name: educator.display_name }).check();
}

test('two overlapping meetings of one educator: the conflict is confirmed, then flagged in the week view', async () => {
  const page = await newPage();
  await signIn(page, server.base, SECRETARY, { path: `/usagers/rendez-vous?vue=semaine&date=${WEEK}&etablissement=1` });
  await page.getByRole('heading', { level: 1, name: 'Rendez-vous' }).waitFor();
  // Reached from the other pages of the persons brick too.
  assert.equal(await page.getByRole('navigation', { name: 'Suivi des usagers' }).getByRole('link', { name: 'Rendez-vous' }).getAttribute('aria-current'), 'page');
  const week = page.getByTestId('agenda-semaine');
  await week.waitFor();
  assert.equal(await week.locator('thead th').count(), 8, 'an hour column and seven days');
  assert.match(await page.getByTestId('agenda-periode').textContent(), /^Semaine du 2 déc\. au 8 déc\. 2030/);

  // The first meeting: no conflict.
  await page.getByRole('button', { name: 'Nouveau rendez-vous' }).click();
  await fillMeeting(page, 'Réunion de projet', '10:00', '11:00');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByTestId('agenda-message').getByText('Le rendez-vous est enregistré.').waitFor();
  const first = chipOf(page, 'Réunion de projet');
  await first.waitFor();
  assert.equal(await first.getAttribute('data-conflict'), null);

  // The second one overlaps it for the same educator: the server stops it and says with what.
  await page.getByRole('button', { name: 'Nouveau rendez-vous' }).click();
  await fillMeeting(page, 'Synthèse Dupont', '10:30', '11:30');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const warning = page.getByTestId('rdv-conflit');
  await warning.waitFor();
  assert.match(await warning.textContent(), /Conflit d'horaire/);
  assert.match(await warning.textContent(), /« Réunion de projet »/);
  assert.match(await warning.textContent(), new RegExp(`même professionnel : ${educator.display_name}`));
  assert.equal(await chipOf(page, 'Synthèse Dupont').count(), 0, 'nothing written yet');
  await warning.getByRole('button', { name: 'Confirmer malgré le conflit' }).click();
  await page.getByTestId('agenda-message').waitFor();

  // Both are flagged, in words (the week also holds the person's Wednesday visit, set up through the API).
  const second = chipOf(page, 'Synthèse Dupont');
  await second.waitFor();
  for (const chip of [first, second]) {
    assert.equal(await chip.getAttribute('data-conflict'), 'true');
    assert.match(await chip.textContent(), /Conflit/);
  }
  assert.match(await first.textContent(), /En conflit avec « Synthèse Dupont »/);
  assert.match(await page.getByTestId('agenda-resume').textContent(), /3 rendez-vous prévus, dont 2 en conflit/);
  // On Tuesday's column, at 10:00.
  const tuesdayColumn = 1 + 1; // the hour header, then Monday
  const tenOClock = week.locator('tbody tr', { has: page.getByRole('rowheader', { name: '10:00' }) });
  assert.equal(await tenOClock.locator(`td:nth-child(${tuesdayColumn + 1}) .appt`).count(), 2);

  // The day view of Tuesday, from the column header.
  await week.getByRole('link', { name: /mardi 3 décembre 2030/ }).click();
  const day = page.getByTestId('agenda-jour');
  await day.waitFor();
  assert.equal(await day.locator('.appt[data-conflict="true"]').count(), 2);

  // Keyboard: Page Down / Page Up move by one day here, T goes back to today.
  await day.locator('.appt').first().focus();
  await page.keyboard.press('PageDown');
  await page.getByTestId('agenda-periode').getByText(/mercredi 4 décembre 2030/i).waitFor();
  await page.keyboard.press('PageUp');
  await page.getByTestId('agenda-periode').getByText(/mardi 3 décembre 2030/i).waitFor();
  await page.keyboard.press('t');
  await page.getByTestId('agenda-periode').getByText(/aujourd'hui/).waitFor();
  await page.getByRole('button', { name: /Jour suivant/ }).click();
  await page.getByRole('button', { name: "Aujourd'hui" }).click();
  await page.getByTestId('agenda-periode').getByText(/aujourd'hui/).waitFor();
});

test("one person's appointments, from an address naming the person (as the record links to it)", async () => {
  const page = await newPage();
  await signIn(page, server.base, SECRETARY, { path: `/usagers/rendez-vous?vue=semaine&date=${WEEK}&personne=${person.id}` });
  await page.getByTestId('agenda-personne').getByText('AGENDANAVIGATEUR Maëlle').waitFor();
  const week = page.getByTestId('agenda-semaine');
  await chipOf(page, 'Visite des parents').waitFor();
  assert.equal(await week.locator('.appt').count(), 1, 'only her appointments');
  // A new appointment is proposed for her.
  await page.getByRole('button', { name: 'Nouveau rendez-vous' }).click();
  assert.equal(await page.getByTestId('rdv-personne').textContent(), 'AGENDANAVIGATEUR Maëlle');
  await page.getByRole('button', { name: 'Fermer' }).click();
  await page.getByRole('button', { name: "Voir tout l'agenda" }).click();
  await chipOf(page, 'Réunion de projet').waitFor();
});
