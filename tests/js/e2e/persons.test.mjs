// The person record (« Usagers ») in a real browser, against the real passerelle binary with its demo data
// (persons included): the secretary of IME Les Tilleuls searches (type-ahead, « Charger plus »), creates a record
// (the empty form refused field by field), creates a second one with the same identity and meets the duplicate
// warning, confirms it, opens the record, adds a used name, admits the person (care mode from the reference
// list), adds a legal representative receiving the letters (the missing address refused next to that right),
// reads the history, then declares the discharge. The educator sees the record read-only. Names are unique per
// run (letters only): the demo data holds several hundred persons, so no list is assumed empty.
// Every page is watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const SECRETARY = 'secretaire@passerelles-rhone.demo';
const EDUCATOR = 'educateur@passerelles-rhone.demo';

// Failed API calls that the scenario provokes on purpose: Chromium logs each as a failed resource load.
const failedLoad = (status, path) =>
  new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} .*${path.replace(/[/?]/g, '\\$&')}\\)$`);

// A word of letters only, different on each run: "Testard" + 8 random letters.
const randomWord = (n) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const BIRTH_NAME = `Testard${randomWord(8)}`;
const BIRTH_NAME_UPPER = BIRTH_NAME.toLocaleUpperCase('fr-FR');
const FIRST_NAMES = ['Camille', 'Louise'];
const BIRTH_DATE = '2012-04-15';
const CONTACT_LAST_NAME = `Parent${randomWord(6)}`;
const USED_NAME = `Usage${randomWord(6)}`;

const pad = (n) => String(n).padStart(2, '0');
const isoDaysAgo = (days) => {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const ADMISSION = isoDaysAgo(20);
const DISCHARGE = isoDaysAgo(2);
const fr = (iso) => iso.split('-').reverse().join('/');

let server;
let browser;
let firstId;
let secondId;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ demo: true, demoPersons: true });
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
  return { context, page, watcher };
}

const main = (page) => page.locator('main');
const shot = (page, name) => page.screenshot({ path: join(artifacts, name), fullPage: true });
const tab = (page, name) => page.getByRole('tab', { name, exact: true });
// The focus is moved after the render: wait for it.
const focusOn = (page, id) => page.waitForFunction((wanted) => document.activeElement?.id === wanted, id);
const recordId = (page) => Number(new URL(page.url()).pathname.split('/').pop());
const status = (page) => page.getByTestId('person-status');

async function searchFor(page, text) {
  await page.getByRole('searchbox', { name: 'Rechercher une personne' }).fill(text);
}

async function waitForSearch(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="persons-status"] .loading'));
}

async function fillIdentity(page) {
  await page.getByLabel('Nom de naissance').fill(BIRTH_NAME);
  await page.getByLabel('Premier prénom').fill(FIRST_NAMES[0]);
  await page.getByRole('button', { name: 'Ajouter un prénom' }).click();
  // The focus goes to the new first name.
  await focusOn(page, 'usager-prenom-1');
  await page.getByLabel('Deuxième prénom').fill(FIRST_NAMES[1]);
  await page.getByRole('group', { name: 'Sexe' }).getByLabel('Féminin').check();
  await page.getByLabel('Date de naissance', { exact: true }).fill(BIRTH_DATE);
  await page.getByLabel('Lieu de naissance (code INSEE)').fill('69123');
}

test('secretary: search, create, duplicate warning, admission, contact, history, discharge', async () => {
  const { page, watcher } = await newPage();
  // The second creation with the same identity is refused once (409 possible duplicate) before being confirmed.
  watcher.ignore(failedLoad(409, '/api/v1/persons'));
  await signIn(page, server.base, SECRETARY, { path: '/usagers' });
  await page.getByRole('heading', { level: 1, name: 'Usagers' }).waitFor();
  assert.doesNotMatch(await main(page).textContent(), /en cours de construction/);
  for (const name of ['Présences', "Liste d'attente", 'Mouvements'])
    await main(page).getByRole('link', { name, exact: true }).waitFor();

  // One character: nothing is searched yet. Then the unique name: nobody has it.
  await searchFor(page, 'T');
  await page.getByTestId('persons-prompt').waitFor();
  await searchFor(page, BIRTH_NAME.slice(0, 12));
  await page.waitForURL(url(`/usagers?recherche=${BIRTH_NAME.slice(0, 12)}`));
  await page.getByTestId('persons-empty').waitFor();
  // A birth date alone (several demo persons may share it: only the absence of an error is checked).
  await searchFor(page, '15/04/2012');
  await waitForSearch(page);
  assert.equal(await page.getByTestId('persons-status').getByRole('alert').count(), 0);

  // « Nouveau dossier »: the empty form is refused field by field, the focus on the first field in error.
  await main(page).getByRole('link', { name: 'Nouveau dossier' }).click();
  await page.waitForURL(url('/usagers/nouveau'));
  await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
  // The secretary works in one establishment: it is already chosen.
  assert.equal(await page.getByLabel('Établissement').inputValue(), '1');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await page.getByText('Saisissez le nom de naissance.').waitFor();
  await focusOn(page, 'usager-nom-naissance');
  assert.match(await page.getByTestId('identity-form-alert').textContent(), /Corrigez les erreurs signalées/);
  await page.getByText('Saisissez au moins le premier prénom.').waitFor();
  await page.getByText('Choisissez le sexe.').waitFor();

  // A NIR of the wrong length is refused before sending.
  await fillIdentity(page);
  await page.getByLabel('NIR (numéro de sécurité sociale)').fill('2120469123');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await page.locator('#usager-nir-erreur').getByText(/15 caractères/).waitFor();
  await focusOn(page, 'usager-nir');
  await page.getByLabel('NIR (numéro de sécurité sociale)').fill('');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await page.waitForURL(/\/usagers\/\d+$/);
  firstId = recordId(page);
  await page.getByRole('heading', { level: 1, name: `${BIRTH_NAME_UPPER} ${FIRST_NAMES.join(' ')}` }).waitFor();
  await status(page).getByText(/a été créé/).waitFor();
  const identity = page.getByTestId('identity');
  assert.match(await identity.textContent(), /Camille, Louise/);
  assert.match(await identity.textContent(), /15\/04\/2012/);
  assert.match(await identity.textContent(), /Identité provisoire/);

  // The same identity again: the server warns of a likely duplicate; the existing record is listed.
  await page.goto(url('/usagers/nouveau'));
  await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
  await fillIdentity(page);
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  const warning = page.getByTestId('duplicate-warning');
  await warning.getByRole('heading', { name: 'Doublon probable' }).waitFor();
  assert.match(await warning.textContent(), /très proche existe déjà/);
  assert.doesNotMatch(await warning.textContent(), /confirm_duplicate/);
  await warning.getByRole('link', { name: new RegExp(BIRTH_NAME_UPPER) }).first().waitFor();
  assert.equal(
    await warning.getByRole('link', { name: new RegExp(BIRTH_NAME_UPPER) }).first().getAttribute('href'),
    `/usagers/${firstId}`,
  );
  assert.equal(page.url(), url('/usagers/nouveau'), 'nothing created yet');
  await shot(page, 'person-duplicate.png');
  await warning.getByRole('button', { name: 'Créer quand même' }).click();
  await page.waitForURL(/\/usagers\/\d+$/);
  secondId = recordId(page);
  assert.notEqual(secondId, firstId);
  await status(page).getByText(/a été créé/).waitFor();

  // Both records are found by the search, by the birth name in any case and with the first name.
  await page.goto(url('/usagers'));
  await searchFor(page, `${FIRST_NAMES[0].toLowerCase()} ${BIRTH_NAME.toLowerCase()}`);
  await page.getByTestId('persons-table').waitFor();
  await waitForSearch(page);
  const rows = page.getByTestId('persons-table').locator('tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="persons-table"] tbody tr').length === 2);
  assert.deepEqual(
    (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.personId)))).sort((a, b) => a - b),
    [firstId, secondId].sort((a, b) => a - b),
  );
  assert.match(await rows.first().textContent(), /15\/04\/2012/);
  assert.match(await rows.first().textContent(), /Identité provisoire/);
  await shot(page, 'persons-search.png');

  // A common beginning of names: twenty a page, « Charger plus » appends the next ones.
  await searchFor(page, 'ma');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="persons-table"] tbody tr').length === 20);
  await page.getByRole('button', { name: 'Charger plus' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="persons-table"] tbody tr').length > 20);

  await searchFor(page, BIRTH_NAME);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="persons-table"] tbody tr').length === 2);
  await page.getByTestId('persons-table').locator(`tr[data-person-id="${secondId}"] a`).click();
  await page.waitForURL(url(`/usagers/${secondId}`));

  // « Identité »: the used name added (PATCH of that field only).
  await page.getByRole('button', { name: "Modifier l'identité" }).click();
  await page.getByLabel("Nom d'usage").fill(USED_NAME);
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await status(page).getByText("L'identité a été mise à jour.").waitFor();
  assert.match(await page.getByTestId('person-summary').textContent(), new RegExp(`Nom d'usage : ${USED_NAME.toLocaleUpperCase('fr-FR')}`));
  await focusOn(page, 'identite-modifier');

  // « Séjours »: admission in IME Les Tilleuls, semi-internat (a care mode of the reference list).
  await tab(page, 'Séjours').click();
  await page.waitForURL(url(`/usagers/${secondId}?onglet=sejours`));
  await page.getByText("Aucun séjour n'est enregistré").waitFor();
  const admit = page.getByTestId('admit-form');
  assert.equal(await admit.getByLabel('Établissement').inputValue(), '1');
  await admit.getByLabel("Mode d'accueil").selectOption({ label: 'Semi-internat (13)' });
  await admit.getByLabel("Date d'admission").fill(ADMISSION);
  await admit.getByLabel('Provenance').selectOption({ label: 'Domicile' });
  await admit.getByRole('button', { name: "Enregistrer l'admission" }).click();
  await status(page).getByText(`Admission enregistrée : Semi-internat à partir du ${fr(ADMISSION)}.`).waitFor();
  const stays = page.getByTestId('stays-table');
  assert.equal(await stays.locator('tbody tr').count(), 1);
  assert.match(await stays.locator('tbody tr').textContent(), /IME Les Tilleuls.*Semi-internat.*En cours/);
  assert.equal(await page.getByTestId('person-summary').getByText('Accueilli(e)').count(), 1);

  // « Entourage »: the mother, legal representative, receiving the letters: first without an address.
  await tab(page, 'Entourage').click();
  const contactForm = page.getByTestId('contact-form');
  await contactForm.getByLabel('Type de contact').selectOption({ label: 'Représentant légal' });
  await contactForm.getByLabel('Lien avec la personne').fill('Mère');
  await contactForm.getByLabel('Civilité').selectOption('Mme');
  await contactForm.getByLabel('Nom', { exact: true }).fill(CONTACT_LAST_NAME);
  await contactForm.getByLabel(/^Prénom/).fill('Claire');
  await contactForm.getByLabel('Téléphone').fill('06 01 02 03 04');
  await contactForm.getByLabel('Reçoit les courriers').check();
  await contactForm.getByLabel('À prévenir en cas d’urgence').check();
  await contactForm.getByRole('button', { name: 'Ajouter le contact' }).click();
  await contactForm.locator('#contact-courriers-erreur').getByText(/adresse postale complète/).waitFor();
  await focusOn(page, 'contact-courriers');
  await contactForm.getByLabel('Numéro et voie').fill('3 rue des Lilas');
  await contactForm.getByLabel('Code postal').fill('69100');
  await contactForm.getByLabel('Ville').fill('Villeurbanne');
  await contactForm.getByRole('button', { name: 'Ajouter le contact' }).click();
  await status(page).getByText(`Contact ajouté : Claire ${CONTACT_LAST_NAME}.`).waitFor();
  const card = page.getByTestId('contacts-list').locator('li.contact-card');
  assert.equal(await card.count(), 1);
  assert.match(await card.textContent(), new RegExp(`Mme Claire ${CONTACT_LAST_NAME}`));
  assert.match(await card.textContent(), /Représentant légal — Mère/);
  assert.match(await card.textContent(), /Reçoit les courriers/);
  assert.match(await card.textContent(), /À prévenir en urgence/);
  assert.match(await card.textContent(), /3 rue des Lilas, 69100 Villeurbanne/);
  await shot(page, 'person-circle.png');

  // « Historique »: the creation, the stay and the contact, by the secretary.
  await tab(page, 'Historique').click();
  const history = page.getByTestId('history-table');
  await history.waitFor();
  for (const field of ['created', 'stays', 'used_name']) await history.locator(`tr[data-field="${field}"]`).first().waitFor();
  assert.match(await history.locator('tr[data-field="used_name"]').textContent(), new RegExp(`Nom d'usage—${USED_NAME}$`));
  assert.ok((await history.locator('tr[data-field^="contact "]').count()) >= 1);
  const stayRow = history.locator('tr[data-field="stays"]').first();
  assert.match(await stayRow.textContent(), new RegExp(`Séjour—IME Les Tilleuls, semi-internat, du ${fr(ADMISSION)}$`));
  for (const account of await history.locator('tbody td:nth-child(2)').allTextContents()) assert.equal(account, SECRETARY);
  await shot(page, 'person-history.png');

  // « Présences »: the calendar of the current month, the days of the stay and those outside it.
  await tab(page, 'Présences').click();
  await page.getByTestId('attendance-calendar').waitFor();
  assert.ok((await page.getByTestId('attendance-calendar').locator('td[data-date]').count()) >= 28);

  // Back to « Séjours »: the discharge of the open stay.
  await tab(page, 'Séjours').click();
  await stays.getByRole('button', { name: 'Déclarer la sortie — IME Les Tilleuls' }).click();
  const dischargeForm = page.getByTestId('discharge-form');
  await focusOn(page, 'sortie-date');
  // Before the admission: refused before sending.
  await dischargeForm.getByLabel('Date de sortie').fill(isoDaysAgo(30));
  await dischargeForm.getByLabel('Destination').selectOption({ label: 'Famille' });
  await dischargeForm.getByRole('button', { name: 'Enregistrer la sortie' }).click();
  await dischargeForm.getByText(/La sortie précède l'admission/).waitFor();
  await dischargeForm.getByLabel('Date de sortie').fill(DISCHARGE);
  await dischargeForm.getByLabel('Motif de sortie').fill('Retour en famille');
  await dischargeForm.getByRole('button', { name: 'Enregistrer la sortie' }).click();
  await status(page).getByText(`Sortie enregistrée le ${fr(DISCHARGE)}.`).waitFor();
  assert.equal(await page.getByTestId('discharge-form').count(), 0);
  assert.match(await stays.locator('tbody tr').textContent(), new RegExp(`le ${fr(DISCHARGE)}.*destination : famille — Retour en famille`));
  assert.equal(await stays.getByRole('button', { name: /Déclarer la sortie/ }).count(), 0);
  assert.equal(await page.getByTestId('person-summary').getByText('Aucun séjour en cours').count(), 1);
  await shot(page, 'person-stays.png');

  watcher.assertClean();
});

test('educator: the record read-only, no creation', async () => {
  assert.ok(secondId, 'the secretary scenario created the record');
  const { page, watcher } = await newPage();
  await signIn(page, server.base, EDUCATOR, { path: '/usagers' });
  await page.getByRole('heading', { level: 1, name: 'Usagers' }).waitFor();
  await main(page).getByRole('link', { name: 'Présences', exact: true }).waitFor();
  assert.equal(await main(page).getByRole('link', { name: 'Nouveau dossier' }).count(), 0);
  assert.equal(await main(page).getByRole('link', { name: 'Mouvements' }).count(), 0, 'no export permission');

  await searchFor(page, BIRTH_NAME);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="persons-table"] tbody tr').length === 2);
  await page.getByTestId('persons-table').locator(`tr[data-person-id="${secondId}"] a`).click();
  await page.waitForURL(url(`/usagers/${secondId}`));
  await page.getByTestId('identity').waitFor();
  assert.equal(await page.getByRole('button', { name: "Modifier l'identité" }).count(), 0);

  await tab(page, 'Séjours').click();
  await page.getByTestId('stays-table').waitFor();
  assert.equal(await page.getByTestId('stays-table').getByRole('button').count(), 0);
  assert.equal(await page.getByTestId('admit-form').count(), 0);
  assert.equal(await page.getByTestId('request-form').count(), 0);

  await tab(page, 'Décisions').click();
  await page.getByText("Aucune décision d'orientation n'est enregistrée.").waitFor();
  assert.equal(await page.getByTestId('decision-form').count(), 0);

  await tab(page, 'Entourage').click();
  await page.getByTestId('contacts-list').waitFor();
  assert.equal(await page.getByTestId('contacts-list').getByRole('button').count(), 0);
  assert.equal(await page.getByTestId('contact-form').count(), 0);
  assert.equal(await page.getByTestId('protection-form').count(), 0);

  await tab(page, 'Historique').click();
  await page.getByTestId('history-table').waitFor();
  assert.equal(await main(page).locator('.tabs__panel').getByRole('button').count(), 0);
  await shot(page, 'person-educator.png');

  // Creation by address: the page says the account cannot create.
  await page.goto(url('/usagers/nouveau'));
  await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
  await page.getByText('Votre compte ne permet pas de créer un dossier').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Créer le dossier' }).count(), 0);

  watcher.assertClean();
});

test('secretary: a spreadsheet import stops on a likely duplicate, then goes through once it is confirmed', async () => {
  assert.ok(secondId, 'the secretary scenario created the record');
  const { context, page, watcher } = await newPage();
  await signIn(page, server.base, SECRETARY, { path: '/usagers' });
  await main(page).getByRole('link', { name: 'Importer un tableur' }).click();
  await page.getByRole('heading', { level: 1, name: 'Importer un tableur des personnes accompagnées' }).waitFor();
  const other = `Importe${randomWord(8)}`;
  await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({
    name: 'usagers.csv', mimeType: 'text/csv',
    buffer: Buffer.from('Nom;Prénoms;Sexe;Date de naissance;Établissement;Date d\'admission;Mode d\'accueil;Provenance\r\n' +
      `${BIRTH_NAME};Camile;F;${fr(BIRTH_DATE)};IME Les Tilleuls;;;\r\n` +
      `${other};Jade;F;03/05/2011;IME Les Tilleuls;${ADMISSION};Semi-internat;Domicile\r\n`),
  });
  const errors = page.getByTestId('import-errors');
  await errors.waitFor();
  assert.match(await errors.textContent(), /Ligne 2 — Nom de naissance : Doublon probable/);
  assert.equal(await page.getByRole('button', { name: "Valider l'import" }).count(), 0);
  await page.getByLabel("J'ai vérifié les doublons probables signalés : les importer quand même").check();
  await page.getByText('2 dossier(s) à créer, 0 personne(s) déjà connue(s), 1 admission(s) à enregistrer').waitFor();
  await page.getByRole('button', { name: "Valider l'import" }).click();
  assert.match(await page.getByTestId('import-done').textContent(), /2 dossier\(s\) créé\(s\).*1 admission\(s\) enregistrée\(s\)/);
  await page.goto(url('/usagers'));
  await searchFor(page, other);
  await page.getByTestId('persons-table').getByRole('link', { name: new RegExp(other, 'i') }).waitFor();
  watcher.assertClean();
  await context.close();
});
