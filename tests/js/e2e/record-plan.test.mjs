// The person record, part 2, in a real browser against the real passerelle binary with its demo accounts: the
// head of service of IME Les Tilleuls opens the record of a person created through the API, writes a support
// plan with two goals (the empty form refused first, field by field), gathers the three signatures (the
// person, the referent, the director), validates it, writes a note (listed with its category, level and
// author) and corrects it (the original kept, shown as corrected). The educator sees the plan without the
// « Valider » action and records its review (an outcome per goal); the nurse writes a note under medical
// secret, which the head of service does not see. The head of service prints the plan (the
// PDF download starts with %PDF) and adds a document: a text file named .pdf is refused by the server, its
// message shown next to the file, then a small real PDF made here is accepted, listed and downloaded.
// Every page is watched for console errors, uncaught exceptions and CSP violations.
//
// The print step needs GET /api/v1/persons/{id}/plans/{plan_id}/pdf (branch h-letters) and the document step
// the documents API (branch h-documents): each is its own test, so that the others pass without them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';
import { ANONYMOUS_SESSION_CHECK, launchBrowser, signIn, watchPage } from '../lib/browser.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const HEAD = 'cheffe.service@passerelles-rhone.demo';
const EDUCATOR = 'educateur@passerelles-rhone.demo';
const NURSE = 'infirmiere@passerelles-rhone.demo';

const randomWord = (n) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const BIRTH_NAME = `Projetard${randomWord(8)}`;
const DOCUMENT_TITLE = `Compte rendu de synthèse ${randomWord(5)}`;
const MEDICAL_TEXT = `Traitement adapté par le médecin ${randomWord(6)}.`;
const NOTE_TEXT = `Bonne participation à l'atelier cuisine ${randomWord(6)}.`;

const pad = (n) => String(n).padStart(2, '0');
const isoDaysFromNow = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

// A small but complete PDF (one page, one line of text), its cross-reference table computed here.
function smallPdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let server;
let browser;
let person;
let page;
let watcher;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  // The person, made through the API by the secretary (the head of service could as well).
  const secretary = await signInDemo(server, 'secretaire@passerelles-rhone.demo');
  const created = await authed(server, secretary, '/api/v1/persons', {
    json: { establishment_id: 1, birth_name: BIRTH_NAME, first_names: ['Élise'], sex: 'F', birth_date: '2010-03-14' },
  });
  assert.equal(created.status, 201, await created.clone().text());
  person = await created.json();
  ({ page, watcher } = await newPage());
  await signIn(page, server.base, HEAD, { path: `/usagers/${person.id}?onglet=projet` });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const p = await context.newPage();
  const w = await watchPage(p);
  w.ignore(ANONYMOUS_SESSION_CHECK);
  return { context, page: p, watcher: w };
}

// Failed API calls that the scenario provokes on purpose: Chromium logs each as a failed resource load.
const failedLoad = (code, path) =>
  new RegExp(`^console error: Failed to load resource: the server responded with a status of ${code} .*${path.replace(/[/?]/g, '\\$&')}.*\\)$`);
const shot = (p, name) => p.screenshot({ path: join(artifacts, name), fullPage: true });
const tab = (p, name) => p.getByRole('tab', { name, exact: true });
const status = (p) => p.getByTestId('person-status');
const focusOn = (p, id) => p.waitForFunction((wanted) => document.activeElement?.id === wanted, id);
// The lists are read again after the record (which carries the status message): wait for them.
async function countOf(locator, n) {
  const deadline = Date.now() + 10_000;
  while ((await locator.count()) !== n) {
    if (Date.now() > deadline) assert.equal(await locator.count(), n);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const goal = (p, n) => p.getByRole('group', { name: `Objectif ${n}`, exact: true });
const action = (p, n, g) => p.getByRole('group', { name: `Action ${n} de l'objectif ${g}`, exact: true });

async function fillGoal(p, n, { domain, description, outcome, target, act }) {
  const g = goal(p, n);
  await g.getByLabel('Domaine').selectOption({ label: domain });
  await g.getByLabel('Objectif', { exact: true }).fill(description);
  await g.getByLabel('Résultat attendu').fill(outcome);
  if (target) await g.getByLabel(/Échéance visée/).fill(target);
  const a = action(p, 1, n);
  await a.getByLabel('Action', { exact: true }).fill(act.description);
  await a.getByLabel('Qui', { exact: true }).fill(act.who);
  await a.getByLabel('Fréquence', { exact: true }).fill(act.frequency);
}

// Clicks and waits for the download; fails at once with the page's message if the server refuses instead.
async function download(p, alertTestId, click) {
  const refused = p.getByTestId(alertTestId).locator('.alert');
  const started = p.waitForEvent('download');
  await click();
  const file = await Promise.race([
    started,
    refused.waitFor().then(async () => {
      throw new Error(`no download: ${await refused.textContent()}`);
    }),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test('head of service: writes a plan with two goals, gathers three signatures, validates it', async () => {
  await page.getByRole('heading', { level: 2, name: 'Projet personnalisé' }).waitFor();
  await page.getByText("Aucun projet personnalisé n'est encore écrit pour cette personne.").waitFor();
  for (const name of ['Projet personnalisé', 'Notes', 'Documents']) await tab(page, name).waitFor();

  await page.getByRole('button', { name: 'Écrire un projet personnalisé' }).click();
  await focusOn(page, 'projet-needs_assessment');
  // Empty: refused before sending, the focus on the first field in error.
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByText("Décrivez l'évaluation des besoins.").waitFor();
  await page.getByText('Ajoutez au moins un objectif.').waitFor();
  await focusOn(page, 'projet-needs_assessment');
  assert.match(await page.getByTestId('plan-form-alert').textContent(), /Corrigez les erreurs signalées/);

  await page.getByLabel('Évaluation des besoins').fill("Élise a besoin d'aide pour les repas et pour se repérer dans le temps.");
  await page.getByLabel(/Attentes de la personne/).fill('Préparer un repas seule ; aller au club de judo.');
  await page.getByRole('button', { name: 'Ajouter un objectif' }).click();
  await focusOn(page, 'projet-goals-0-domain');
  await fillGoal(page, 1, {
    domain: 'Autonomie',
    description: 'Préparer un repas simple sans aide.',
    outcome: 'Un repas par semaine préparé seule.',
    target: isoDaysFromNow(180),
    act: { description: 'Atelier cuisine', who: "L'éducatrice référente", frequency: 'Chaque mercredi' },
  });
  await page.getByRole('button', { name: 'Ajouter un objectif' }).click();
  await focusOn(page, 'projet-goals-1-domain');
  await fillGoal(page, 2, {
    domain: 'Loisirs',
    description: 'Pratiquer le judo dans un club ordinaire.',
    outcome: 'Inscription au club et participation régulière.',
    act: { description: 'Accompagnement au club', who: 'La famille', frequency: 'Chaque samedi' },
  });
  await shot(page, 'plan-form.png');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await status(page).getByText('Le brouillon du projet personnalisé (version 1) a été enregistré.').waitFor();

  const view = page.getByTestId('plan-view');
  await view.waitFor();
  assert.equal(await view.getAttribute('data-status'), 'draft');
  await countOf(page.getByTestId('plan-goals').locator(':scope > li'), 2);
  assert.match(await view.textContent(), /Atelier cuisine — qui : L'éducatrice référente ; fréquence : Chaque mercredi/);
  assert.match(await page.getByTestId('plan-missing').textContent(), /la signature du référent/);
  const row = page.getByTestId('plans-table').locator('tbody tr');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /Version 1.*Brouillon/);

  // The three signatures.
  const signatures = [
    ['La personne accompagnée', `Élise ${BIRTH_NAME}`],
    ['Le professionnel référent', 'Nadia Référente'],
    ['La direction', 'Claire Directrice'],
  ];
  for (const [signatory, name] of signatures) {
    const form = page.getByTestId('signature-form');
    await form.getByLabel('Signataire').selectOption({ label: signatory });
    await form.getByLabel('Nom et prénom').fill(name);
    await form.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await status(page).getByText(`Signature enregistrée : ${signatory.toLowerCase()}, ${name}.`).waitFor();
    // The form is rebuilt once the plan is read again (without the signatory who has signed): wait for it, or
    // the next signature could be typed into the old form and wiped by the rebuild.
    await page.waitForFunction(
      (label) =>
        ![...document.querySelectorAll('[data-testid="signature-form"] option')].some((o) => o.textContent === label),
      signatory,
    );
  }
  await countOf(page.getByTestId('plan-signatures').locator('li'), 3);
  // The legal representative may still sign (both may, one of the two is needed).
  assert.deepEqual(
    await page.getByTestId('signature-form').getByLabel('Signataire').locator('option').allTextContents(),
    ['Son représentant légal'],
  );
  // Signed: the content no longer changes before the validation.
  assert.equal(await page.getByRole('button', { name: 'Modifier le brouillon' }).count(), 0);

  await page.getByTestId('validate-form').getByRole('button', { name: 'Valider', exact: true }).click();
  await status(page).getByText(/Le projet personnalisé \(version 1\) est validé ; révision prévue le \d\d\/\d\d\/\d{4}\./).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-view"]')?.dataset.status === 'validated');
  assert.match(await page.getByTestId('plans-table').textContent(), /Validé/);
  await page.getByRole('button', { name: 'Faire le bilan' }).waitFor();
  await shot(page, 'plan-validated.png');
  watcher.assertClean();
});

test('head of service: writes a note, corrects it; the original is kept and shown as corrected', async () => {
  await tab(page, 'Notes').click();
  await page.getByRole('heading', { level: 2, name: 'Notes' }).waitFor();
  await page.getByTestId('notes-empty').waitFor();
  const form = page.getByTestId('note-form');
  await form.getByLabel('Catégorie').selectOption({ label: 'Vie quotidienne' });
  // The head of service writes for the team or named professionals, never at the medical level.
  const levels = form.getByRole('group', { name: 'Qui peut lire la note' });
  assert.equal(await levels.getByLabel('Secret médical').count(), 0);
  await levels.getByLabel("Équipe de l'établissement").check();
  await form.getByLabel('Note', { exact: true }).fill(NOTE_TEXT);
  await form.getByRole('button', { name: 'Enregistrer la note' }).click();
  await status(page).getByText('Note enregistrée (vie quotidienne, équipe de l\'établissement).').waitFor();
  const notes = page.getByTestId('notes-list').locator(':scope > li');
  await countOf(notes, 1);
  const text = await notes.first().textContent();
  assert.match(text, /Vie quotidienne/);
  assert.match(text, /Équipe de l'établissement/);
  assert.match(text, new RegExp(`Par ${HEAD.replace(/\./g, '\\.')}`));
  assert.ok(text.includes(NOTE_TEXT));

  await notes.first().getByRole('button', { name: /^Corriger la note du/ }).click();
  const correction = page.getByTestId('note-correction-form');
  await correction.getByLabel('Note', { exact: true }).fill(`${NOTE_TEXT} Elle a aussi fait la vaisselle.`);
  await correction.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await status(page).getByText(/a été corrigée\./).waitFor();
  await countOf(notes, 2);
  const original = page.getByTestId('notes-list').locator('li.note--corrected');
  await countOf(original, 1);
  assert.match(await original.textContent(), /Corrigée/);
  assert.ok((await original.textContent()).includes(NOTE_TEXT));
  // The filter by category.
  await page.getByLabel('Catégorie affichée').selectOption({ label: 'Incident' });
  await page.getByTestId('notes-empty').waitFor();
  await page.getByLabel('Catégorie affichée').selectOption({ label: 'Toutes les catégories' });
  await page.getByTestId('notes-list').waitFor();
  await shot(page, 'notes.png');
  watcher.assertClean();
});

test('educator: reads the validated plan, without « Valider », and records its review', async () => {
  const { page: other, watcher: w, context } = await newPage();
  await signIn(other, server.base, EDUCATOR, { path: `/usagers/${person.id}?onglet=projet` });
  await other.getByTestId('plan-view').waitFor();
  assert.equal(await other.getByTestId('plan-view').getAttribute('data-status'), 'validated');
  assert.equal(await other.getByRole('button', { name: 'Valider', exact: true }).count(), 0);
  // The educator records a review: an outcome per goal.
  await other.getByRole('button', { name: 'Faire le bilan' }).click();
  await focusOn(other, 'bilan-review_date');
  const review = other.getByTestId('review-form');
  await review.getByRole('button', { name: 'Enregistrer le bilan' }).click();
  await review.getByText('Résumez le bilan.').waitFor();
  await review.getByLabel('Synthèse du bilan').fill('Premiers repas préparés ; inscription au judo faite.');
  await review.getByLabel("Résultat de l'objectif 1").selectOption({ label: 'Partiellement atteint' });
  await review.getByLabel("Commentaire sur l'objectif 1").fill('Avec un peu d’aide pour la cuisson.');
  await review.getByLabel("Résultat de l'objectif 2").selectOption({ label: 'Atteint' });
  await review.getByRole('button', { name: 'Enregistrer le bilan' }).click();
  await status(other).getByText(/^Bilan du \d\d\/\d\d\/\d{4} enregistré ; prochaine révision le/).waitFor();
  const reviewed = other.getByTestId('plan-view').locator('.plan-review');
  await reviewed.waitFor();
  const text = await reviewed.textContent();
  assert.match(text, /Objectif 1 : Partiellement atteint — Avec un peu d’aide pour la cuisson\./);
  assert.match(text, /Objectif 2 : Atteint/);
  w.assertClean();
  await context.close();
});

test('nurse: writes a note under medical secret, which the head of service does not see', async () => {
  const { page: nurse, watcher: w, context } = await newPage();
  await signIn(nurse, server.base, NURSE, { path: `/usagers/${person.id}?onglet=notes` });
  const form = nurse.getByTestId('note-form');
  await form.waitFor();
  // Care roles write at the medical level only (team notes are read-only for them).
  const levels = form.getByRole('group', { name: 'Qui peut lire la note' });
  assert.deepEqual(await levels.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.labels[0].textContent)), ['Secret médical']);
  assert.ok(await levels.getByLabel('Secret médical').isChecked());
  await form.getByLabel('Catégorie').selectOption({ label: 'Santé' });
  await form.getByLabel('Note', { exact: true }).fill(MEDICAL_TEXT);
  await form.getByRole('button', { name: 'Enregistrer la note' }).click();
  await status(nurse).getByText('Note enregistrée (santé, secret médical).').waitFor();
  // The nurse reads the team notes too.
  await countOf(nurse.getByTestId('notes-list').locator(':scope > li'), 3);
  w.assertClean();
  await context.close();

  await tab(page, 'Projet personnalisé').click();
  await tab(page, 'Notes').click();
  await countOf(page.getByTestId('notes-list').locator(':scope > li'), 2);
  assert.ok(!(await page.getByTestId('notes-list').textContent()).includes(MEDICAL_TEXT));
});

// Needs the PDF route (branch h-letters).
test('head of service: prints the validated plan (the PDF is downloaded)', async () => {
  await tab(page, 'Projet personnalisé').click();
  await page.getByTestId('plan-view').waitFor();
  const file = await download(page, 'plan-alert', () => page.getByRole('button', { name: 'Imprimer (PDF)' }).click());
  assert.equal(file.bytes.subarray(0, 4).toString('latin1'), '%PDF');
  assert.match(file.name, /^projet-personnalise-\d+-v1\.pdf$/);
  await status(page).getByText(/a été téléchargé/).waitFor();
  watcher.assertClean();
});

// Needs the documents API (branch h-documents).
test('head of service: uploads a PDF document, sees it listed and downloads it', async () => {
  await tab(page, 'Documents').click();
  await page.getByRole('heading', { level: 2, name: 'Documents' }).waitFor();
  const failed = page.getByRole('alert').filter({ hasText: "Impossible d'afficher les documents" });
  await page.getByTestId('documents-empty').or(failed).waitFor();
  if (await failed.count()) throw new Error(await failed.textContent());
  const form = page.getByTestId('document-form');
  await form.getByLabel('Type de document').selectOption('other');
  await form.getByLabel('Titre').fill(DOCUMENT_TITLE);
  // Text named .pdf: the server checks the content and refuses it; its message is shown next to the file.
  watcher.ignore(failedLoad(422, `/api/v1/persons/${person.id}/documents`));
  await form.getByLabel('Fichier').setInputFiles({ name: 'faux.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Ceci n’est pas un PDF.\n') });
  await form.getByRole('button', { name: 'Ajouter le document' }).click();
  await page.locator('#document-fichier-erreur').waitFor();
  await focusOn(page, 'document-fichier');
  assert.match(await page.getByTestId('document-alert').textContent(), /Le document n'a pas été enregistré/);
  assert.equal(await page.getByTestId('documents-table').count(), 0);

  const pdf = smallPdf('Compte rendu de la reunion de synthese');
  await form.getByLabel('Fichier').setInputFiles({ name: 'synthese.pdf', mimeType: 'application/pdf', buffer: pdf });
  await form.getByRole('button', { name: 'Ajouter le document' }).click();
  await status(page).getByText(`Document « ${DOCUMENT_TITLE} » enregistré`, { exact: false }).waitFor();
  const rows = page.getByTestId('documents-table').locator('tbody tr');
  await countOf(rows, 1);
  const row = await rows.first().textContent();
  assert.ok(row.includes(DOCUMENT_TITLE));
  assert.match(row, new RegExp(HEAD.replace(/\./g, '\\.')));
  const file = await download(page, 'documents-alert', () => rows.first().getByRole('button', { name: `Télécharger — ${DOCUMENT_TITLE}` }).click());
  assert.deepEqual(file.bytes, pdf);
  await shot(page, 'documents.png');
  watcher.assertClean();
});
