// Letters and the support plan PDF on the real binary with the demo data: the plan PDF (large type,
// goals, actions, last outcome, signatures; a draft marked as such), letter templates checked against
// the field catalogue (errors naming body with line and column, nothing written), one person's
// letters (only to contacts who receive letters), batches for an establishment, French typography
// and accents in the PDF's text (read back with pdftotext from poppler-utils), text typed into a
// template or a record shown as text, the trace of letters sent, access by role and organisation, and
// the audit. Each test creates its own persons, with unique letters-only names.
// The tests share one server and run in order (node --test --test-concurrency=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
const sessions = {};
const emails = {
  secretaire: 'secretaire@passerelles-rhone.demo',
  educateur: 'educateur@passerelles-rhone.demo',
  infirmiere: 'infirmiere@passerelles-rhone.demo',
  cheffe: 'cheffe.service@passerelles-rhone.demo',
  directrice: 'directrice@passerelles-rhone.demo',
  qualite: 'qualite@passerelles-rhone.demo',
  directeur2: 'directeur@horizon-loire.demo',
  dpo: 'dpo@passerelles-rhone.demo',
};
const runTag = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const scratch = mkdtempSync(join(tmpdir(), 'passerelle-letters-'));

before(async () => {
  server = await startServer({ demo: true });
  for (const [who, email] of Object.entries(emails)) sessions[who] = await signInDemo(server, email);
});
after(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

const as = (who, path, init = {}) => authed(server, sessions[who], path, init);

async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 600)}`);
  return text ? JSON.parse(text) : null;
}

async function problem(response, status, fields) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 600)}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  if (fields) for (const f of fields) assert.ok(body.errors.some((e) => e.field === f), `${f} named in ${text}`);
  return body;
}

// A PDF answer: its bytes checked as a PDF file, and its text as pdftotext reads it (non-breaking
// spaces kept, every other run of spaces and line breaks read as one space).
let pdfCount = 0;
async function pdf(response) {
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(response.status, 200, bytes.toString('utf8').slice(0, 600));
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(bytes.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  const file = join(scratch, `${++pdfCount}.pdf`);
  writeFileSync(file, bytes);
  let raw;
  try {
    raw = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`pdftotext (Debian package poppler-utils, see scripts/install-deps) could not read the PDF: ${error.message}`);
  }
  const pages = raw.split('\f').filter((p) => p.trim() !== '').length;
  const text = raw.replace(/[ \t\r\n]+/g, ' ');
  return { bytes, text, pages, disposition: response.headers.get('content-disposition'), count: response.headers.get('x-letter-count') };
}
// The text with non-breaking spaces read as spaces: for checks on words, not on typography.
const plain = (text) => text.replace(/[\u00A0\u202F]/g, ' ');

let serial = 0;
function uniqueName(prefix) {
  let n = ++serial;
  let s = '';
  do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
  return `${prefix}${runTag}${s}`;
}

async function newPerson(who = 'secretaire', establishment = 1, fields = {}) {
  const name = uniqueName('Courrier');
  const person = await ok(await as(who, '/api/v1/persons', { json: {
    establishment_id: establishment, birth_name: name, first_names: ['Élodie'], sex: 'F', birth_date: '2011-03-01',
    confirm_duplicate: true, ...fields,
  } }), 201);
  await ok(await as(who, `/api/v1/persons/${person.id}/stays`, { json: {
    establishment_id: establishment, care_mode: '13', admission_date: '2024-09-02', origin: 'home' } }), 201);
  return person;
}

async function contact(who, personId, fields) {
  return ok(await as(who, `/api/v1/persons/${personId}/contacts`, { json: {
    kind: 'legal_representative', civility: 'Mme', last_name: 'Dupré', first_name: 'Françoise', relationship: 'mère',
    address_line: '12 rue de l\'Église', postal_code: '69003', city: 'Lyon', receives_letters: true, ...fields,
  } }), 201);
}

async function newTemplate(fields = {}, who = 'secretaire') {
  return ok(await as(who, '/api/v1/letter-templates', { json: {
    name: uniqueName('Modèle '), subject: 'Accueil de {{ person.first_name }}', body: 'Bonjour.', ...fields } }), 201);
}

const templatesList = async (who = 'directrice', query = '') => (await ok(await as(who, `/api/v1/letter-templates${query}`))).items;
const lettersOf = async (personId, who = 'secretaire') => (await ok(await as(who, `/api/v1/persons/${personId}/letters`))).items;

async function auditAll(query) {
  const items = [];
  let cursor = null;
  do {
    const page = await ok(await as('dpo', `/api/v1/audit?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

const today = new Date().toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The support plan PDF

test('plan PDF: the validated plan in large type, with goals, actions, last outcome and signatures', async () => {
  const person = await newPerson();
  const plans = `/api/v1/persons/${person.id}/plans`;
  const draft = await ok(await as('educateur', plans, { json: {
    establishment_id: 1,
    needs_assessment: 'Besoins repérés : autonomie dans les déplacements, communication.',
    person_wishes: 'Aller au collège en bus comme son frère.',
    goals: [
      { domain: 'autonomy', description: 'Se déplacer seule entre la maison et l\'IME', expected_outcome: 'Trajet en bus sans aide',
        target_date: '2027-06-30', actions: [{ description: 'Apprentissage du trajet', who: 'Éducateur référent', frequency: 'hebdomadaire' }] },
      { domain: 'communication', description: 'Exprimer ses choix au quotidien', expected_outcome: 'Utilise le classeur de communication',
        actions: [{ description: 'Séances d\'orthophonie', who: 'Orthophoniste', frequency: 'deux fois par mois' }] },
    ],
  } }), 201);

  // The draft prints too, marked on its first page.
  const drafted = await pdf(await as('educateur', `${plans}/${draft.id}/pdf`));
  assert.match(plain(drafted.text), /Projet en cours de rédaction/);

  for (const signatory of ['person', 'referent', 'director'])
    await ok(await as('educateur', `${plans}/${draft.id}/signatures`, { json: { signatory, name: `Signataire ${signatory}`, signed_on: today } }), 201);
  await ok(await as('cheffe', `${plans}/${draft.id}/validate`, { json: {} }));
  await ok(await as('educateur', `${plans}/${draft.id}/reviews`, { json: {
    review_date: today, summary: 'Bilan intermédiaire',
    outcomes: [{ goal_id: draft.goals[0].id, outcome: 'partly_achieved', comment: 'des progrès nets' }] } }), 201);

  const printed = await pdf(await as('infirmiere', `${plans}/${draft.id}/pdf`));
  assert.equal(printed.disposition, `attachment; filename="projet-personnalise-${person.id}-v1.pdf"`);
  const text = plain(printed.text);
  for (const part of ['Projet personnalisé', `Élodie ${person.birth_name.toUpperCase()}`, 'IME Les Tilleuls', 'Vos besoins',
    'Aller au collège en bus', 'Objectif 1', 'autonomie', 'Se déplacer seule', 'Trajet en bus sans aide', '30 juin 2027',
    'Apprentissage du trajet', 'Éducateur référent', 'hebdomadaire', 'Objectif 2', 'Exprimer ses choix', 'Orthophoniste',
    'deux fois par mois', 'objectif en partie atteint', 'des progrès nets', 'Signatures', 'Signataire person', 'Signataire director'])
    assert.ok(text.includes(part), `« ${part} » in the PDF: ${text.slice(0, 3000)}`);
  assert.ok(!text.includes('en cours de rédaction'), 'a validated plan is not marked as a draft');
  assert.ok(printed.pages >= 2, 'large type takes room');

  // Same rights as reading plans; other organisation and unknown ids read as unknown.
  await problem(await as('secretaire', `${plans}/${draft.id}/pdf`), 403);
  await problem(await as('qualite', `${plans}/${draft.id}/pdf`), 403);
  await problem(await as('directeur2', `${plans}/${draft.id}/pdf`), 404);
  await problem(await as('educateur', `${plans}/999999/pdf`), 404);
  const someoneElse = await newPerson();
  await problem(await as('educateur', `/api/v1/persons/${someoneElse.id}/plans/${draft.id}/pdf`), 404);

  // Audited as exports.
  const exports = (await auditAll(`person=${person.id}&action=export`))
    .filter((e) => e.outcome === 'success' && (e.fields ?? []).includes(`support_plan:${draft.id}`));
  assert.equal(exports.length, 2, JSON.stringify(exports));
});

// ---------------------------------------------------------------------------------------------
// Templates

test('templates: the fields list has a name, a French label and an example for each field', async () => {
  const fields = await ok(await as('educateur', '/api/v1/letter-templates/fields'));
  const names = fields.items.map((f) => f.name);
  for (const name of ['addressee.civility', 'addressee.full_name', 'addressee.address_line', 'person.first_name',
    'person.birth_date', 'establishment.name', 'establishment.phone', 'stay.admission_date', 'decision.end_date', 'today',
    'signatory.name'])
    assert.ok(names.includes(name), name);
  for (const f of fields.items) assert.ok(f.label && f.example, JSON.stringify(f));
  assert.ok(fields.filters.some((f) => f.name === 'date_long'));
  await problem(await as('qualite', '/api/v1/letter-templates/fields'), 403);
});

test('templates: an unknown field or broken syntax is refused naming body with its line and column, nothing written', async () => {
  const before = await templatesList();
  const unknown = await problem(await as('secretaire', '/api/v1/letter-templates', { json: {
    name: 'Faute de frappe', subject: 'Objet', body: 'Madame,\n\nNous accueillerons {{ person.prenom }} lundi.' } }), 422, ['body']);
  const message = unknown.errors.find((e) => e.field === 'body').message;
  assert.match(message, /^ligne 3, colonne 23 : champ inconnu « person\.prenom »/);
  assert.match(message, /person\.first_name/);
  const broken = await problem(await as('secretaire', '/api/v1/letter-templates', { json: {
    name: 'Section ouverte', subject: 'Objet {{ today', body: 'Bonjour\n{% if person.first_name %}oui' } }), 422, ['body', 'subject']);
  assert.ok(broken.errors.filter((e) => e.field === 'body').every((e) => /^ligne \d+, colonne \d+/.test(e.message)), JSON.stringify(broken));
  await problem(await as('secretaire', '/api/v1/letter-templates', { json: { name: '', subject: 'x', body: 'x', colour: 'red' } }), 422, ['name', 'colour']);
  await problem(await as('secretaire', '/api/v1/letter-templates', { json: { name: 'Sans corps', subject: 'x' } }), 422, ['body']);
  assert.deepEqual(await templatesList(), before, 'nothing written');
});

test('templates: written by secretaries, heads of service and directors, read by the team, per organisation', async () => {
  const created = await newTemplate({ body: 'Madame,\n\nPremière version.' });
  assert.equal(created.establishment_id, null);
  assert.equal((await ok(await as('educateur', `/api/v1/letter-templates/${created.id}`))).body, 'Madame,\n\nPremière version.');
  await problem(await as('educateur', '/api/v1/letter-templates', { json: { name: 'x', subject: 'x', body: 'x' } }), 403);
  await problem(await as('infirmiere', `/api/v1/letter-templates/${created.id}`, { method: 'PUT', json: { name: 'x', subject: 'x', body: 'x' } }), 403);
  await problem(await as('qualite', '/api/v1/letter-templates'), 403);

  const renamed = await ok(await as('cheffe', `/api/v1/letter-templates/${created.id}`, { method: 'PUT', json: {
    name: created.name, subject: 'Nouvel objet', body: 'Madame,\n\nSeconde version.' } }));
  assert.equal(renamed.subject, 'Nouvel objet');
  await problem(await as('cheffe', `/api/v1/letter-templates/${created.id}`, { method: 'PUT', json: {
    name: created.name, subject: 'Objet', body: '{% endif %}' } }), 422, ['body']);
  assert.equal((await ok(await as('cheffe', `/api/v1/letter-templates/${created.id}`))).body, 'Madame,\n\nSeconde version.');

  // Another organisation: unknown.
  await problem(await as('directeur2', `/api/v1/letter-templates/${created.id}`), 404);
  await problem(await as('directeur2', `/api/v1/letter-templates/${created.id}`, { method: 'PUT', json: { name: 'x', subject: 'x', body: 'x' } }), 404);
  await problem(await as('directeur2', `/api/v1/letter-templates/${created.id}/archive`, { method: 'POST' }), 404);
  assert.ok(!(await templatesList('directeur2')).some((t) => t.id === created.id));
  assert.ok((await templatesList('directeur2')).length === 0, 'the demo templates belong to the first organisation');

  // Restricted to one establishment: only writers of that establishment, only readers who see it.
  await problem(await as('secretaire', '/api/v1/letter-templates', { json: { name: 'x', subject: 'x', body: 'x', establishment_id: 2 } }), 422, ['establishment_id']);
  const elsewhere = await newTemplate({ establishment_id: 2 }, 'directrice');
  assert.equal(elsewhere.establishment_id, 2);
  assert.ok(!(await templatesList('secretaire')).some((t) => t.id === elsewhere.id));
  await problem(await as('secretaire', `/api/v1/letter-templates/${elsewhere.id}`), 404);

  // Archived: out of the list, no longer changed or used.
  const archived = await ok(await as('secretaire', `/api/v1/letter-templates/${created.id}/archive`, { method: 'POST' }));
  assert.equal(archived.archived, true);
  assert.ok(!(await templatesList()).some((t) => t.id === created.id));
  assert.ok((await templatesList('directrice', '?archived=true')).some((t) => t.id === created.id));
  await problem(await as('secretaire', `/api/v1/letter-templates/${created.id}`, { method: 'PUT', json: { name: 'x', subject: 'x', body: 'x' } }), 409);
  const person = await newPerson();
  await contact('secretaire', person.id, {});
  await problem(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: created.id } }), 422, ['template_id']);
});

test('templates: the demo organisation has its everyday letters', async () => {
  const names = (await templatesList()).map((t) => t.name);
  for (const name of ['Invitation au bilan annuel du projet personnalisé', 'Attestation de présence', 'Jours de fermeture de l\'établissement'])
    assert.ok(names.includes(name), name);
});

// ---------------------------------------------------------------------------------------------
// Letters to one person's contacts

test('letters: one letter per addressee who receives letters, French typography, text shown as typed', async () => {
  const person = await newPerson();
  const mother = await contact('secretaire', person.id, {});
  const father = await contact('secretaire', person.id, { kind: 'family', civility: 'M.', first_name: 'Jérôme', relationship: 'père',
    receives_letters: false });
  const template = await newTemplate({
    subject: 'Accueil de {{ person.first_name }} : rentrée',
    body: [
      '{{ addressee.salutation }},',
      '',
      'Nous avons le plaisir d\'accueillir {{ person.first_name }} à {{ establishment.name }} depuis le {{ stay.admission_date | date_long }}: bienvenue!',
      '',
      'Le «livret d\'accueil» vous sera remis. Une question? Appelez-nous.',
      '',
      '<script>alert(1)</script> \'); DROP TABLE person; -- &amp; %PDF <b>gras</b>',
    ].join('\n'),
  });

  const one = await pdf(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id, contact_ids: [mother.id] } }));
  assert.equal(one.count, '1');
  assert.match(one.disposition, /^attachment; filename="courrier-\d+-\d{4}-\d{2}-\d{2}\.pdf"$/);
  const text = plain(one.text);
  for (const part of ['IME Les Tilleuls', 'Mme Françoise DUPRÉ', '12 rue de l', '69003 Lyon', 'Madame,', 'Élodie',
    '2 septembre 2024', 'Nathalie Petit', '<script>alert(1)</script>', 'DROP TABLE person', '%PDF <b>gras</b>', '&amp'])
    assert.ok(text.includes(part), `« ${part} » in ${text}`);
  // Typography: ’ inside words, the (non-breaking) spaces before « : ! ? » and inside « » added where the
  // template left them out. A PDF reader gives them back as ordinary spaces: that they are non-breaking is
  // checked by the unit tests (tests/unit/letters_test.cpp).
  for (const part of ['d’accueillir', '2024 : bienvenue !', 'Une question ? Appelez', '« livret d’accueil »', 'Objet : Accueil',
    'Élodie : rentrée'])
    assert.ok(text.includes(part), `« ${part} » in ${text}`);

  // What a contact's name holds is shown as text, never read as a field or as markup.
  const odd = await contact('secretaire', person.id, { kind: 'family', last_name: 'O\'Brien {{ today }} <i>', first_name: 'Ann' });
  const oddLetter = plain((await pdf(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id, contact_ids: [odd.id] } }))).text);
  assert.ok(oddLetter.includes('Mme Ann O’BRIEN {{ TODAY }} <I>'), oddLetter);

  // Contacts who do not receive letters are refused, and nothing is traced.
  await problem(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id, contact_ids: [mother.id, father.id] } }), 422, ['contact_ids']);
  const other = await newPerson();
  const stranger = await contact('secretaire', other.id, {});
  await problem(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id, contact_ids: [stranger.id] } }), 422, ['contact_ids']);
  await problem(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id, contact_ids: ['x'] } }), 422, ['contact_ids/0']);
  await problem(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: 999999 } }), 422, ['template_id']);
  assert.equal((await lettersOf(person.id)).length, 2);

  // Without contact_ids: every contact who receives letters; to_person: the person, at the establishment.
  assert.equal((await pdf(await as('educateur', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id } }))).count, '2');
  const toPerson = await pdf(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id, to_person: true } }));
  assert.equal(toPerson.count, '1');
  assert.ok(plain(toPerson.text).includes(`Mme Élodie ${person.birth_name.toUpperCase()}`), toPerson.text);
  assert.ok(plain(toPerson.text).includes('aux bons soins de IME Les Tilleuls'));

  // The trace, newest first.
  const trace = await lettersOf(person.id, 'infirmiere');
  assert.equal(trace.length, 5);
  assert.deepEqual(trace.map((l) => l.contact_id), [null, odd.id, mother.id, odd.id, mother.id]);
  const first = trace[4];
  assert.equal(first.template_id, template.id);
  assert.equal(first.template_name, template.name);
  assert.equal(first.addressee, 'Mme Françoise DUPRÉ');
  assert.equal(first.sent_by, emails.secretaire);
  assert.equal(first.batch, false);

  // Rights: another organisation reads unknown ids; roles without the record's administrative part: 403.
  await problem(await as('directeur2', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id } }), 404);
  await problem(await as('directeur2', `/api/v1/persons/${person.id}/letters`), 404);
  await problem(await as('qualite', `/api/v1/persons/${person.id}/letters`, { json: { template_id: template.id } }), 403);
  // A template of another organisation cannot be used.
  const foreign = await newTemplate({}, 'directeur2');
  await problem(await as('secretaire', `/api/v1/persons/${person.id}/letters`, { json: { template_id: foreign.id } }), 422, ['template_id']);
  assert.equal((await lettersOf(person.id)).length, 5);

  // Audited: one export per letter request, naming the contacts.
  const events = (await auditAll(`person=${person.id}&action=export`)).filter((e) => e.outcome === 'success');
  assert.equal(events.length, 4, JSON.stringify(events));
  assert.ok(events.some((e) => (e.fields ?? []).includes(`contact:${mother.id}`)));
});

// ---------------------------------------------------------------------------------------------
// Batches

test('batch: every legal representative of an establishment who receives letters, one PDF', async () => {
  const first = await newPerson('directrice', 2);
  const second = await newPerson('directrice', 2, { first_names: ['Noël'], sex: 'M' });
  const firstRep = await contact('directrice', first.id, {});
  await contact('directrice', first.id, { kind: 'family', first_name: 'Zoé', relationship: 'sœur' });
  await contact('directrice', second.id, { civility: 'M.', last_name: 'Lefèvre', first_name: 'Hervé', relationship: 'père' });
  await contact('directrice', second.id, { last_name: 'Sansletre', receives_letters: false });
  const template = await newTemplate({ subject: 'Fermeture de {{ establishment.name }}',
    body: '{{ addressee.salutation }},\n\nL\'établissement fermera du 24 au 31 décembre; {{ person.first_name }} sera accueilli(e) à nouveau ensuite.' }, 'directrice');

  const batch = await pdf(await as('directrice', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2, contact_kind: 'legal_representative' } }));
  assert.equal(batch.count, '2');
  assert.equal(batch.pages, 2, 'each letter on its own page');
  const text = plain(batch.text);
  for (const part of ['Mme Françoise DUPRÉ', 'M. Hervé LEFÈVRE', 'Monsieur,', 'Noël', 'Élodie', 'SESSAD Les Tilleuls'])
    assert.ok(text.includes(part), `« ${part} » in ${text}`);
  assert.ok(!text.includes('SANSLETRE') && !text.includes('Zoé'), 'only legal representatives who receive letters');
  assert.ok(text.includes('décembre ; Élodie') || text.includes('décembre ; Noël'), text);
  assert.ok(text.includes('L’établissement fermera'), text);

  // A selection of persons: all their contacts who receive letters.
  assert.equal((await pdf(await as('directrice', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2, person_ids: [first.id] } }))).count, '2');

  // Nobody matches, nothing asked, an establishment out of reach.
  await problem(await as('directrice', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2, contact_kind: 'doctor' } }), 422, ['contact_kind']);
  await problem(await as('directrice', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2 } }), 422, ['contact_kind']);
  await problem(await as('directrice', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2, contact_kind: 'cousin' } }), 422, ['contact_kind']);
  await problem(await as('secretaire', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2, contact_kind: 'legal_representative' } }), 404);
  // An establishment of another organisation reads as unknown (422 naming it, as for any establishment in a body).
  await problem(await as('directeur2', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2, contact_kind: 'legal_representative' } }), 422, ['establishment_id']);
  await problem(await as('qualite', '/api/v1/letters', { json: { template_id: template.id, establishment_id: 2, contact_kind: 'legal_representative' } }), 403);

  // Traced per letter and audited once per person concerned.
  const trace = await lettersOf(first.id, 'directrice');
  assert.equal(trace.length, 3);
  assert.ok(trace.every((l) => l.batch));
  assert.ok(trace.some((l) => l.contact_id === firstRep.id));
  for (const p of [first, second]) {
    const events = (await auditAll(`person=${p.id}&action=export`)).filter((e) => e.outcome === 'success');
    assert.equal(events.length, p === first ? 2 : 1, JSON.stringify(events));
  }
});
