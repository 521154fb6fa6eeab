// The person record around the identity, on the real binary with the demo data: contacts and
// their rights (one trusted person at a time, letters need an address), legal protection, the
// waiting list (ANS JDV_J252 statuses, closed by the admission), transfers (linked stays),
// merging a duplicate (director only), and the history of changes.
// Every refused write is checked to have left nothing behind (the record and its history, read
// before and after). The demo holds many persons: each test creates its own, with unique names.
// The tests share one server and run in order (node --test --test-concurrency=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
const sessions = {};
const emails = {
  secretaire: 'secretaire@passerelles-rhone.demo',
  educateur: 'educateur@passerelles-rhone.demo',
  cheffe: 'cheffe.service@passerelles-rhone.demo',
  directrice: 'directrice@passerelles-rhone.demo',
  financeur: 'financeur@ars-ara.demo',
  directeur2: 'directeur@horizon-loire.demo',
};

before(async () => {
  server = await startServer({ demo: true });
  for (const [who, email] of Object.entries(emails)) sessions[who] = await signInDemo(server, email);
});
after(async () => { await server?.stop(); });

// ---------------------------------------------------------------------------------------------
// Helpers

const as = (who, path, init = {}) => authed(server, sessions[who], path, init);

async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 600)}`);
  return text ? JSON.parse(text) : null;
}

// A problem+json answer with this status (or one of these statuses); `fields`, when given, must
// all be named in errors.
async function problem(response, status, fields) {
  const text = await response.text();
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(response.status), `expected ${statuses.join(' or ')}, got ${response.status}: ${text.slice(0, 600)}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  for (const key of ['type', 'title', 'status', 'detail', 'errors']) assert.ok(key in body, `problem has ${key}`);
  assert.equal(body.status, response.status);
  if (fields) {
    const named = body.errors.map((e) => e.field);
    for (const f of fields) assert.ok(named.includes(f), `${f} named in ${text}`);
  }
  return body;
}

// Runs refused requests: each must answer its status naming its fields; failures are collected.
async function refusals(cases) {
  const failures = [];
  for (const [name, send, status, fields] of cases) {
    try { await problem(await send(), status, fields); } catch (e) { failures.push(`${name}: ${e.message}`); }
  }
  assert.deepEqual(failures, []);
}

let serial = 0;
// Names nobody else has (letters only: a serial spelled as letters, and a per-run prefix).
const runTag = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
function uniqueName() {
  let n = ++serial;
  let s = '';
  do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
  return `Dossier${runTag}${s}`;
}

async function newPerson(who = 'secretaire', fields = {}) {
  const name = uniqueName();
  return ok(await as(who, '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: name, first_names: [`Prenom${name.slice(7)}`], sex: 'F', birth_date: '2008-05-17', ...fields,
  } }), 201);
}

async function admit(personId, fields = {}, who = 'directrice') {
  return ok(await as(who, `/api/v1/persons/${personId}/stays`, { json: {
    establishment_id: 1, care_mode: '13', admission_date: '2024-09-02', origin: 'home', ...fields,
  } }), 201);
}

const record = async (id, who = 'directrice') => ok(await as(who, `/api/v1/persons/${id}`));
const historyOf = async (id, who = 'directrice') => (await ok(await as(who, `/api/v1/persons/${id}/history`))).items;
// What a refused write must leave untouched: the record, everything attached to it, its history.
const snapshot = async (id) => ({ record: await record(id), history: await historyOf(id) });

const today = new Date().toISOString().slice(0, 10);
const shift = (days) => new Date(Date.now() + days * 86400e3).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Contacts

const contacts = {};

test('contacts: the secretary adds family, a legal representative and a trusted person; they are read back', async () => {
  const p = await newPerson();
  contacts.person = p;
  const path = `/api/v1/persons/${p.id}/contacts`;
  const mother = await ok(await as('secretaire', path, { json: {
    kind: 'family', relationship: 'mère', civility: 'Mme', last_name: 'Lambert', first_name: 'Sophie',
    phone: '06 12 34 56 78', email: 'sophie.lambert@example.org', address_line: '12 rue des Lilas', postal_code: '69100',
    city: 'Villeurbanne', receives_letters: true, to_be_informed: true, emergency: true,
  } }), 201);
  assert.equal(mother.person_id, p.id);
  assert.equal(mother.kind, 'family');
  assert.equal(mother.civility, 'Mme');
  assert.equal(mother.postal_code, '69100');
  assert.equal(mother.receives_letters, true);
  assert.equal(mother.emergency, true);
  assert.equal(mother.archived, false);
  assert.equal(mother.archived_at, null);
  const tutor = await ok(await as('secretaire', path, { json: {
    kind: 'legal_representative', civility: 'M.', last_name: 'Garnier', email: 'udaf@example.org', receives_letters: true,
  } }), 201);
  const trusted = await ok(await as('secretaire', path, { json: { kind: 'trusted_person', last_name: 'Perrin', phone: '+33 4 78 00 00 00' } }), 201);
  const doctor = await ok(await as('secretaire', path, { json: { kind: 'doctor', last_name: 'Docteur Roux' } }), 201);
  Object.assign(contacts, { mother, tutor, trusted, doctor });
  assert.equal(doctor.receives_letters, false);
  assert.equal(doctor.to_be_informed, false);
  const list = (await ok(await as('secretaire', path))).items;
  assert.deepEqual(list.map((c) => c.id).sort((a, b) => a - b), [mother.id, tutor.id, trusted.id, doctor.id].sort((a, b) => a - b));
  assert.deepEqual(list.find((c) => c.id === mother.id), mother);
  const full = await record(p.id, 'secretaire');
  assert.equal(full.contacts.length, 4);
  // Each addition is in the history.
  const history = await historyOf(p.id);
  assert.ok(history.filter((h) => h.field.startsWith('contact ')).length >= 4, JSON.stringify(history));
});

test('contacts: the educator reads but cannot write (403), the external reader gets 403, organisation 2 gets 404', async () => {
  const { person: p, doctor } = contacts;
  const before = await snapshot(p.id);
  assert.equal((await ok(await as('educateur', `/api/v1/persons/${p.id}/contacts`))).items.length, 4);
  await refusals([
    ['educator adds', () => as('educateur', `/api/v1/persons/${p.id}/contacts`, { json: { kind: 'family', last_name: 'Educ' } }), 403],
    ['educator archives', () => as('educateur', `/api/v1/persons/${p.id}/contacts/${doctor.id}`, { method: 'PATCH', json: { archived: true } }), 403],
    ['external reader lists', () => as('financeur', `/api/v1/persons/${p.id}/contacts`), 403],
    ['external reader adds', () => as('financeur', `/api/v1/persons/${p.id}/contacts`, { json: { kind: 'family', last_name: 'Ext' } }), 403],
    ['organisation 2 lists', () => as('directeur2', `/api/v1/persons/${p.id}/contacts`), 404],
    ['organisation 2 adds', () => as('directeur2', `/api/v1/persons/${p.id}/contacts`, { json: { kind: 'family', last_name: 'Org' } }), 404],
    ['organisation 2 archives', () => as('directeur2', `/api/v1/persons/${p.id}/contacts/${doctor.id}`, { method: 'PATCH', json: { archived: true } }), 404],
    ['unknown contact', () => as('secretaire', `/api/v1/persons/${p.id}/contacts/99999999`, { method: 'PATCH', json: { archived: true } }), 404],
  ]);
  // A contact of another person, through this person's path: 404.
  const other = await newPerson();
  await problem(await as('secretaire', `/api/v1/persons/${other.id}/contacts/${doctor.id}`, { method: 'PATCH', json: { archived: true } }), 404);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
});

test('contacts: one active trusted person (409 naming kind); archiving frees the role, restoring the former one is refused', async () => {
  const { person: p, trusted, doctor } = contacts;
  const path = `/api/v1/persons/${p.id}/contacts`;
  let before = await snapshot(p.id);
  const conflict = await problem(await as('secretaire', path, { json: { kind: 'trusted_person', last_name: 'Second' } }), 409, ['kind']);
  assert.match(conflict.detail, /Perrin/);
  await problem(await as('secretaire', `${path}/${doctor.id}`, { method: 'PATCH', json: { kind: 'trusted_person' } }), 409, ['kind']);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');

  // Archived: no longer listed by default, listed with ?archived=true.
  const archived = await ok(await as('secretaire', `${path}/${trusted.id}`, { method: 'PATCH', json: { archived: true } }));
  assert.equal(archived.archived, true);
  assert.ok(archived.archived_at);
  assert.ok(!(await ok(await as('secretaire', path))).items.some((c) => c.id === trusted.id));
  const all = (await ok(await as('secretaire', `${path}?archived=true`))).items;
  assert.equal(all.find((c) => c.id === trusted.id)?.archived, true);
  // The record lists archived contacts too, flagged.
  assert.equal((await record(p.id)).contacts.find((c) => c.id === trusted.id)?.archived, true);

  const second = await ok(await as('secretaire', path, { json: { kind: 'trusted_person', last_name: 'Second' } }), 201);
  before = await snapshot(p.id);
  await problem(await as('secretaire', `${path}/${trusted.id}`, { method: 'PATCH', json: { archived: false } }), 409, ['kind']);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');

  await ok(await as('secretaire', `${path}/${second.id}`, { method: 'PATCH', json: { archived: true } }));
  const restored = await ok(await as('secretaire', `${path}/${trusted.id}`, { method: 'PATCH', json: { archived: false } }));
  assert.equal(restored.archived, false);
  assert.equal(restored.archived_at, null);
  assert.ok((await ok(await as('secretaire', path))).items.some((c) => c.id === trusted.id));
  const history = await historyOf(p.id);
  assert.ok(history.some((h) => h.field === `contact ${trusted.id} archived` && h.previous_value === 'oui' && h.new_value === 'non'),
    JSON.stringify(history.slice(0, 5)));
});

test('contacts: letters need an address; bad email, phone, postal code, kind, civility or unknown fields → 422 naming the field', async () => {
  const { person: p, doctor, mother } = contacts;
  const path = `/api/v1/persons/${p.id}/contacts`;
  const before = await snapshot(p.id);
  const post = (fields) => () => as('secretaire', path, { json: { kind: 'family', last_name: 'Valide', ...fields } });
  const patch = (id, fields) => () => as('secretaire', `${path}/${id}`, { method: 'PATCH', json: fields });
  await refusals([
    ['letters without any address', post({ receives_letters: true }), 422, ['receives_letters']],
    ['letters with a postal address missing its city', post({ receives_letters: true, address_line: '1 rue X', postal_code: '69001' }), 422, ['receives_letters']],
    ['letters with a phone only', post({ receives_letters: true, phone: '0612345678' }), 422, ['receives_letters']],
    ['email without @', post({ email: 'sophie.example.org' }), 422, ['email']],
    ['email without domain dot', post({ email: 'sophie@example' }), 422, ['email']],
    ['email with a space', post({ email: 'sophie lambert@example.org' }), 422, ['email']],
    ['email with two @', post({ email: 'a@b@example.org' }), 422, ['email']],
    ['phone with letters', post({ phone: '06 12 AB 56 78' }), 422, ['phone']],
    ['phone too short', post({ phone: '06 12 34' }), 422, ['phone']],
    ['phone too long', post({ phone: '0612345678901234567' }), 422, ['phone']],
    ['postal code of 4 digits', post({ postal_code: '6910' }), 422, ['postal_code']],
    ['postal code of 6 digits', post({ postal_code: '691000' }), 422, ['postal_code']],
    ['postal code with a letter', post({ postal_code: '2A004' }), 422, ['postal_code']],
    ['unknown kind', post({ kind: 'neighbour' }), 422, ['kind']],
    ['unknown civility', post({ civility: 'Mlle' }), 422, ['civility']],
    ['missing last name', post({ last_name: undefined }), 422, ['last_name']],
    ['blank last name', post({ last_name: '' }), 422, ['last_name']],
    ['receives_letters not a boolean', post({ receives_letters: 'oui' }), 422, ['receives_letters']],
    ['archived on creation', post({ archived: true }), 422, ['archived']],
    ['unknown field', post({ nickname: 'Sophie' }), 422, ['nickname']],
    ['PATCH: letters for a contact without address', patch(doctor.id, { receives_letters: true }), 422, ['receives_letters']],
    ['PATCH: removing the only address of a letter recipient', patch(mother.id, { email: null, city: null }), 422, ['receives_letters']],
    ['PATCH: bad email', patch(mother.id, { email: 'nope' }), 422, ['email']],
    ['PATCH: bad phone', patch(mother.id, { phone: '12' }), 422, ['phone']],
    ['PATCH: bad postal code', patch(mother.id, { postal_code: 'ABCDE' }), 422, ['postal_code']],
    ['PATCH: unknown field', patch(mother.id, { shoe_size: 42 }), 422, ['shoe_size']],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  // With an email, or a full postal address, letters are fine.
  await ok(await as('secretaire', path, { json: { kind: 'family', last_name: 'Courriel', email: 'x@example.fr', receives_letters: true } }), 201);
  await ok(await as('secretaire', path, { json: {
    kind: 'family', last_name: 'Postal', address_line: '3 place Bellecour', postal_code: '69002', city: 'Lyon', receives_letters: true,
  } }), 201);
});

// ---------------------------------------------------------------------------------------------
// Legal protection

test('protection: a measure is recorded and current; ending before it starts → 422 naming end_date; PATCH ends it', async () => {
  const p = await newPerson();
  const path = `/api/v1/persons/${p.id}/protections`;
  const measure = await ok(await as('secretaire', path, { json: {
    kind: 'curatelle_renforcee', start_date: '2023-03-01', judgement_reference: 'TJ Lyon RG 23/01234',
    protector_kind: 'association', protector_name: 'UDAF du Rhône', protector_phone: '04 72 00 00 00',
    protector_email: 'mjpm@udaf69.example.org', protector_address: '12 rue de la République 69002 Lyon',
  } }), 201);
  assert.equal(measure.person_id, p.id);
  assert.equal(measure.kind, 'curatelle_renforcee');
  assert.equal(measure.end_date, null);
  assert.equal(measure.current, true);
  assert.equal(measure.protector_kind, 'association');
  assert.deepEqual((await record(p.id)).protections, [measure]);

  // Past and future measures are not current.
  const past = await ok(await as('secretaire', path, { json: {
    kind: 'sauvegarde_justice', start_date: '2022-01-01', end_date: '2022-12-31', protector_kind: 'family', protector_name: 'Mère',
  } }), 201);
  assert.equal(past.current, false);
  const future = await ok(await as('secretaire', path, { json: {
    kind: 'tutelle', start_date: shift(30), protector_kind: 'professional', protector_name: 'Mandataire',
  } }), 201);
  assert.equal(future.current, false);

  const before = await snapshot(p.id);
  const post = (fields) => () => as('secretaire', path, { json: {
    kind: 'tutelle', start_date: '2024-01-01', protector_kind: 'family', protector_name: 'Père', ...fields } });
  const patch = (fields) => () => as('secretaire', `${path}/${measure.id}`, { method: 'PATCH', json: fields });
  await refusals([
    ['end before start', post({ end_date: '2023-12-31' }), 422, ['end_date']],
    ['end date 2024-02-30', post({ end_date: '2024-02-30' }), 422, ['end_date']],
    ['unknown kind', post({ kind: 'tutelle_renforcee' }), 422, ['kind']],
    ['unknown protector kind', post({ protector_kind: 'friend' }), 422, ['protector_kind']],
    ['missing protector name', post({ protector_name: undefined }), 422, ['protector_name']],
    ['missing start date', post({ start_date: undefined }), 422, ['start_date']],
    ['bad protector email', post({ protector_email: 'udaf' }), 422, ['protector_email']],
    ['bad protector phone', post({ protector_phone: 'abc' }), 422, ['protector_phone']],
    ['unknown field', post({ judge: 'X' }), 422, ['judge']],
    ['PATCH: end before start', patch({ end_date: '2023-02-28' }), 422, ['end_date']],
    ['PATCH: start after the end of a measure ended', () => as('secretaire', `${path}/${past.id}`, { method: 'PATCH', json: { start_date: '2023-06-01' } }), 422, ['end_date']],
    ['PATCH: unknown field', patch({ current: false }), 422, ['current']],
    ['PATCH: unknown measure', () => as('secretaire', `${path}/99999999`, { method: 'PATCH', json: { end_date: '2024-01-01' } }), 404],
    ['educator', () => as('educateur', path, { json: { kind: 'tutelle', start_date: '2024-01-01', protector_kind: 'family', protector_name: 'Père' } }), 403],
    ['organisation 2', () => as('directeur2', `${path}/${measure.id}`, { method: 'PATCH', json: { end_date: '2024-01-01' } }), 404],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');

  // Ending the measure yesterday: no longer current, and the change is in the history.
  const ended = await ok(await as('secretaire', `${path}/${measure.id}`, { method: 'PATCH', json: { end_date: shift(-1) } }));
  assert.equal(ended.end_date, shift(-1));
  assert.equal(ended.current, false);
  assert.equal(ended.protector_name, 'UDAF du Rhône', 'the other fields are kept');
  const history = await historyOf(p.id);
  const change = history.find((h) => h.field === `protection ${measure.id}` && h.previous_value !== null);
  assert.ok(change, JSON.stringify(history));
  assert.match(change.new_value, new RegExp(shift(-1)));
  // Ending it today keeps it current today.
  assert.equal((await ok(await as('secretaire', `${path}/${measure.id}`, { method: 'PATCH', json: { end_date: today } }))).current, true);
});

// ---------------------------------------------------------------------------------------------
// Waiting list

const waiting = {};

test('waiting list: a request is registered (status 42, waiting) and a second waiting one for the same place → 409', async () => {
  const p = await newPerson();
  waiting.person = p;
  const path = `/api/v1/persons/${p.id}/admission-requests`;
  const r = await ok(await as('secretaire', path, { json: {
    establishment_id: 1, care_mode: '13', received_date: shift(-10), comment: 'dossier MDPH complet' } }), 201);
  assert.equal(r.person_id, p.id);
  assert.equal(r.establishment_id, 1);
  assert.equal(r.care_mode, '13');
  assert.equal(r.status, '42');
  assert.equal(r.waiting, true);
  assert.ok(r.status_label);
  assert.equal(r.waiting_days, 10);
  assert.equal(r.decision_id, null);
  assert.equal(r.comment, 'dossier MDPH complet');
  waiting.request = r;
  const listed = (await ok(await as('secretaire', '/api/v1/waiting-list'))).items.find((x) => x.id === r.id);
  assert.ok(listed, 'in the waiting list');
  assert.equal(listed.person.id, p.id);
  assert.equal(listed.waiting, true);

  const before = await snapshot(p.id);
  await problem(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '13', received_date: shift(-2) } }), 409);
  await problem(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '13', received_date: shift(-2), status: '72' } }), 409);
  await refusals([
    ['received in the future', () => as('secretaire', path, { json: { establishment_id: 1, care_mode: '11', received_date: shift(3) } }), 422, ['received_date']],
    ['unknown status', () => as('secretaire', path, { json: { establishment_id: 1, care_mode: '11', received_date: shift(-3), status: '99' } }), 422, ['status']],
    ['unknown care mode', () => as('secretaire', path, { json: { establishment_id: 1, care_mode: '98', received_date: shift(-3) } }), 422, ['care_mode']],
    ['status date before reception', () => as('secretaire', path, { json: { establishment_id: 1, care_mode: '11', received_date: shift(-3), status_date: shift(-5) } }), 422, ['status_date']],
    ['establishment of organisation 2', () => as('directrice', path, { json: { establishment_id: 13, care_mode: '11', received_date: shift(-3) } }), [404, 422]],
    ['establishment outside the secretary\'s grant', () => as('secretaire', path, { json: { establishment_id: 2, care_mode: '16', received_date: shift(-3) } }), 404],
    ['unknown field', () => as('secretaire', path, { json: { establishment_id: 1, care_mode: '11', received_date: shift(-3), priority: 1 } }), 422, ['priority']],
    ['educator', () => as('educateur', path, { json: { establishment_id: 1, care_mode: '11', received_date: shift(-3) } }), 403],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  // Another kind of care in the same establishment is another request.
  await ok(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '11', received_date: shift(-3), status: '41' } }), 201);
});

test('waiting list: a status change closes the request; it leaves the list (still there with all=true), and a new one may be made', async () => {
  const { person: p, request: r } = waiting;
  const path = `/api/v1/persons/${p.id}/admission-requests`;
  const admissible = await ok(await as('secretaire', `${path}/${r.id}`, { method: 'PATCH', json: { status: '72' } }));
  assert.equal(admissible.status, '72');
  assert.equal(admissible.waiting, true);
  assert.equal(admissible.status_date, today);
  const closed = await ok(await as('secretaire', `${path}/${r.id}`, { method: 'PATCH', json: { status: '45', comment: 'pas de place adaptée' } }));
  assert.equal(closed.status, '45');
  assert.equal(closed.waiting, false);
  assert.equal(closed.comment, 'pas de place adaptée');
  assert.ok(!(await ok(await as('secretaire', '/api/v1/waiting-list'))).items.some((x) => x.id === r.id));
  assert.ok((await ok(await as('secretaire', '/api/v1/waiting-list?all=true'))).items.some((x) => x.id === r.id && x.status === '45'));
  const history = await historyOf(p.id);
  assert.ok(history.some((h) => h.field === 'admission_request_status' && h.previous_value === '72' && h.new_value === '45'));
  // Refused changes leave nothing.
  const before = await snapshot(p.id);
  await refusals([
    ['unknown status', () => as('secretaire', `${path}/${r.id}`, { method: 'PATCH', json: { status: '00' } }), 422, ['status']],
    ['status date in the future', () => as('secretaire', `${path}/${r.id}`, { method: 'PATCH', json: { status_date: shift(2) } }), 422, ['status_date']],
    ['unknown field', () => as('secretaire', `${path}/${r.id}`, { method: 'PATCH', json: { establishment_id: 2 } }), 422, ['establishment_id']],
    ['unknown request', () => as('secretaire', `${path}/99999999`, { method: 'PATCH', json: { status: '49' } }), 404],
    ['educator', () => as('educateur', `${path}/${r.id}`, { method: 'PATCH', json: { status: '49' } }), 403],
    ['organisation 2', () => as('directeur2', `${path}/${r.id}`, { method: 'PATCH', json: { status: '49' } }), 404],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  // The place is free again for a new request.
  await ok(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '13', received_date: today } }), 201);
});

test('waiting list: decision_id must be a decision of this person (422 naming decision_id)', async () => {
  const p = await newPerson();
  const other = await newPerson();
  const decision = (id) => as('secretaire', `/api/v1/persons/${id}/decisions`, { json: {
    decision_reference: `CDAPH ${id}`, decision_date: '2024-05-02', category_code: '183', valid_from: '2024-06-01', valid_to: '2029-05-31' } });
  const own = await ok(await decision(p.id), 201);
  const foreign = await ok(await decision(other.id), 201);
  const path = `/api/v1/persons/${p.id}/admission-requests`;
  const before = await snapshot(p.id);
  await problem(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '13', received_date: '2024-06-03', decision_id: foreign.id } }), 422, ['decision_id']);
  await problem(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '13', received_date: '2024-06-03', decision_id: 99999999 } }), 422, ['decision_id']);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  const r = await ok(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '13', received_date: '2024-06-03', decision_id: own.id } }), 201);
  assert.equal(r.decision_id, own.id);
  const before2 = await snapshot(p.id);
  await problem(await as('secretaire', `${path}/${r.id}`, { method: 'PATCH', json: { decision_id: foreign.id } }), 422, ['decision_id']);
  assert.deepEqual(await snapshot(p.id), before2, 'nothing written');
});

test('waiting list: the admission in that establishment closes the request with status 47 (person entered)', async () => {
  const p = await newPerson();
  const path = `/api/v1/persons/${p.id}/admission-requests`;
  const here = await ok(await as('secretaire', path, { json: { establishment_id: 1, care_mode: '13', received_date: '2024-03-04' } }), 201);
  const elsewhere = await ok(await as('directrice', path, { json: { establishment_id: 2, care_mode: '16', received_date: '2024-03-04' } }), 201);
  await admit(p.id, { admission_date: '2024-09-02' }, 'secretaire');
  const requests = (await record(p.id)).admission_requests;
  const closed = requests.find((r) => r.id === here.id);
  assert.equal(closed.status, '47');
  assert.equal(closed.waiting, false);
  assert.equal(closed.status_date, '2024-09-02');
  assert.equal(requests.find((r) => r.id === elsewhere.id).status, '42', 'the request elsewhere still waits');
  assert.ok(!(await ok(await as('directrice', '/api/v1/waiting-list'))).items.some((x) => x.id === here.id));
  assert.ok((await ok(await as('directrice', '/api/v1/waiting-list'))).items.some((x) => x.id === elsewhere.id));
});

test('waiting list visibility: establishment 1\'s staff do not see establishment 2\'s requests, organisation 2 sees none', async () => {
  const p = await newPerson('directrice', { establishment_id: 2 });
  const r = await ok(await as('directrice', `/api/v1/persons/${p.id}/admission-requests`, { json: {
    establishment_id: 2, care_mode: '16', received_date: shift(-20) } }), 201);
  // A person of establishment 1 waiting for establishment 2, too.
  const q = await newPerson();
  const r2 = await ok(await as('directrice', `/api/v1/persons/${q.id}/admission-requests`, { json: {
    establishment_id: 2, care_mode: '16', received_date: shift(-20) } }), 201);
  const ids = async (who, query = '') => (await ok(await as(who, `/api/v1/waiting-list${query}`))).items.map((x) => x.id);
  const director = await ids('directrice');
  assert.ok(director.includes(r.id) && director.includes(r2.id));
  assert.ok((await ids('directrice', '?establishment_id=2')).includes(r.id));
  assert.ok(!(await ids('directrice', '?establishment_id=1')).includes(r.id));
  for (const who of ['secretaire', 'educateur', 'cheffe']) {
    const seen = (await ok(await as(who, '/api/v1/waiting-list?all=true'))).items;
    assert.ok(!seen.some((x) => x.id === r.id || x.id === r2.id), `${who} sees establishment 2's requests`);
    assert.ok(seen.every((x) => x.establishment_id === 1), `${who} sees other establishments`);
    assert.ok(!(await ids(who, '?establishment_id=2&all=true')).includes(r.id));
  }
  const foreign = (await ok(await as('directeur2', '/api/v1/waiting-list?all=true'))).items;
  assert.ok(foreign.every((x) => x.person.organisation_id === 2), 'organisation 2 sees organisation 1');
  await problem(await as('financeur', '/api/v1/waiting-list'), 403);
});

// ---------------------------------------------------------------------------------------------
// Transfers

test('transfer: the stay closes the day before and a linked stay opens in the other establishment', async () => {
  const p = await newPerson();
  const stay = await admit(p.id, { admission_date: '2024-09-02' });
  const t = await ok(await as('directrice', `/api/v1/persons/${p.id}/stays/${stay.id}/transfer`, { json: {
    transfer_date: '2025-02-03', establishment_id: 2, care_mode: '16', discharge_reason: 'orientation SESSAD' } }), 201);
  assert.equal(t.discharged.id, stay.id);
  assert.equal(t.discharged.discharge_date, '2025-02-02');
  assert.equal(t.discharged.destination, 'establishment');
  assert.equal(t.discharged.discharge_reason, 'orientation SESSAD');
  assert.equal(t.admitted.establishment_id, 2);
  assert.equal(t.admitted.care_mode, '16');
  assert.equal(t.admitted.admission_date, '2025-02-03');
  assert.equal(t.admitted.origin, 'establishment');
  assert.equal(t.admitted.discharge_date, null);
  assert.equal(t.admitted.transfer_from_stay_id, stay.id);
  assert.equal(t.discharged.transferred_to_stay_id, t.admitted.id);
  const stays = (await record(p.id)).stays;
  assert.equal(stays.length, 2);
  assert.deepEqual(stays.find((s) => s.id === stay.id), t.discharged);
  assert.deepEqual(stays.find((s) => s.id === t.admitted.id), t.admitted);
  // A transfer within the establishment, to another kind of care, with no reason given.
  const again = await ok(await as('directrice', `/api/v1/persons/${p.id}/stays/${t.admitted.id}/transfer`, { json: {
    transfer_date: '2025-09-01', establishment_id: 2, care_mode: '13' } }), 201);
  assert.equal(again.discharged.discharge_date, '2025-08-31');
  assert.equal(again.admitted.transfer_from_stay_id, t.admitted.id);
  const history = await historyOf(p.id);
  assert.ok(history.filter((h) => h.field === 'stays').length >= 5, JSON.stringify(history));
});

test('transfer refusals: same place, date on or before the admission, another organisation, a closed stay; nothing written', async () => {
  const p = await newPerson();
  const stay = await admit(p.id, { admission_date: '2024-09-02' });
  const closed = await admit(p.id, { care_mode: '11', admission_date: '2023-01-02', discharge_date: '2023-06-30', destination: 'home' });
  const path = `/api/v1/persons/${p.id}/stays/${stay.id}/transfer`;
  const body = (fields) => ({ json: { transfer_date: '2025-01-06', establishment_id: 2, care_mode: '16', ...fields } });
  const before = await snapshot(p.id);
  await refusals([
    ['same establishment and care mode', () => as('directrice', path, body({ establishment_id: 1, care_mode: '13' })), 422],
    ['on the admission day', () => as('directrice', path, body({ transfer_date: '2024-09-02' })), 422, ['transfer_date']],
    ['before the admission', () => as('directrice', path, body({ transfer_date: '2024-08-01' })), 422, ['transfer_date']],
    ['transfer date 2025-02-30', () => as('directrice', path, body({ transfer_date: '2025-02-30' })), 422, ['transfer_date']],
    ['establishment of organisation 2', () => as('directrice', path, body({ establishment_id: 13 })), [404, 422]],
    ['unknown establishment', () => as('directrice', path, body({ establishment_id: 99999 })), [404, 422]],
    ['unknown care mode', () => as('directrice', path, body({ care_mode: '99' })), 422, ['care_mode']],
    ['missing establishment', () => as('directrice', path, body({ establishment_id: undefined })), 422, ['establishment_id']],
    ['unknown field', () => as('directrice', path, body({ room: 12 })), 422, ['room']],
    ['a closed stay', () => as('directrice', `/api/v1/persons/${p.id}/stays/${closed.id}/transfer`, body({ transfer_date: '2023-03-01' })), 409],
    ['an unknown stay', () => as('directrice', `/api/v1/persons/${p.id}/stays/99999999/transfer`, body({})), 404],
    // The discharge part is allowed to her (establishment 1), the admission is not (establishment 2):
    // the whole transfer is refused, the stay stays open.
    ['the secretary, to an establishment outside her grant', () => as('secretaire', path, body({})), 404],
    ['the educator', () => as('educateur', path, body({})), 403],
    ['organisation 2', () => as('directeur2', path, body({ establishment_id: 13 })), 404],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  // The same establishment in another kind of care is a transfer.
  await ok(await as('secretaire', path, body({ establishment_id: 1, care_mode: '11' })), 201);
});

// ---------------------------------------------------------------------------------------------
// Merge

test('merge: the director merges a duplicate; its stays, decisions, contacts, requests and history move to the record kept', async () => {
  const kept = await newPerson('secretaire', { birth_date: '2009-11-23' });
  const dup = await ok(await as('secretaire', '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: kept.birth_name.toUpperCase(), first_names: kept.first_names, sex: 'F',
    birth_date: '2009-11-23', confirm_duplicate: true } }), 201);
  const keptStay = await admit(kept.id, { care_mode: '13', admission_date: '2020-09-01', discharge_date: '2021-07-06', destination: 'home' });
  const dupStay = await admit(dup.id, { care_mode: '13', admission_date: '2022-09-01' });
  const decision = await ok(await as('secretaire', `/api/v1/persons/${dup.id}/decisions`, { json: {
    decision_reference: 'CDAPH dup', decision_date: '2022-06-01', category_code: '183', valid_from: '2022-09-01', valid_to: '2027-08-31' } }), 201);
  const contact = await ok(await as('secretaire', `/api/v1/persons/${dup.id}/contacts`, { json: { kind: 'family', last_name: 'Famille' } }), 201);
  const protection = await ok(await as('secretaire', `/api/v1/persons/${dup.id}/protections`, { json: {
    kind: 'tutelle', start_date: '2021-01-01', protector_kind: 'family', protector_name: 'Père' } }), 201);
  const request = await ok(await as('secretaire', `/api/v1/persons/${dup.id}/admission-requests`, { json: {
    establishment_id: 1, care_mode: '11', received_date: '2024-01-08' } }), 201);
  await ok(await as('secretaire', '/api/v1/attendance', { method: 'PUT', json: { establishment_id: 1, care_mode: '13', month: '2024-10',
    entries: [{ stay_id: dupStay.id, date: '2024-10-01', status: 'present' }, { stay_id: dupStay.id, date: '2024-10-02', status: 'absent', reason: 'illness' }] } }));
  await ok(await as('secretaire', `/api/v1/persons/${dup.id}`, { method: 'PATCH', json: { used_name: 'Nomdusage' } }));
  const dupHistory = await historyOf(dup.id);
  assert.ok(dupHistory.some((h) => h.field === 'used_name'));

  const merged = await ok(await as('directrice', `/api/v1/persons/${kept.id}/merge`, { json: { duplicate_id: dup.id } }));
  assert.equal(merged.id, kept.id);
  assert.equal(merged.merged_into, null);
  const now = await record(kept.id);
  assert.deepEqual(now.stays.map((s) => s.id).sort((a, b) => a - b), [keptStay.id, dupStay.id].sort((a, b) => a - b));
  assert.ok(now.stays.every((s) => s.person_id === kept.id));
  assert.deepEqual(now.decisions.map((d) => d.id), [decision.id]);
  assert.deepEqual(now.contacts.map((c) => c.id), [contact.id]);
  assert.deepEqual(now.protections.map((x) => x.id), [protection.id]);
  assert.deepEqual(now.admission_requests.map((x) => x.id), [request.id]);
  assert.deepEqual(now.merged_from, [dup.id]);
  assert.deepEqual((await ok(await as('secretaire', `/api/v1/persons/${kept.id}/decisions`))).items.map((d) => d.id), [decision.id]);
  const attendance = await ok(await as('secretaire', `/api/v1/persons/${kept.id}/attendance?month=2024-10`));
  assert.deepEqual(attendance.marks.map((m) => [m.stay_id, m.date, m.status]), [[dupStay.id, '2024-10-01', 'present'], [dupStay.id, '2024-10-02', 'absent']]);
  const row = (await ok(await as('secretaire', '/api/v1/attendance?establishment_id=1&care_mode=13&month=2024-10'))).rows.find((r) => r.stay_id === dupStay.id);
  assert.equal(row.person.id, kept.id, 'the grid row names the record kept');

  const gone = await record(dup.id);
  assert.equal(gone.merged_into, kept.id);
  assert.deepEqual(gone.stays, []);
  assert.deepEqual(gone.contacts, []);
  // The duplicate no longer turns up in searches.
  const found = (await ok(await as('directrice', `/api/v1/persons?q=${kept.birth_name}&limit=100`))).items.map((x) => x.id);
  assert.ok(found.includes(kept.id) && !found.includes(dup.id), JSON.stringify(found));

  // The kept record's history tells the merge and includes the duplicate's own history.
  const history = await historyOf(kept.id);
  assert.ok(history.some((h) => h.person_id === kept.id && h.field === 'merged' && h.new_value.includes(String(dup.id))), JSON.stringify(history));
  for (const h of dupHistory) assert.ok(history.some((x) => x.id === h.id && x.person_id === dup.id), `history entry ${h.field} of the duplicate`);
  for (let i = 1; i < history.length; i++) assert.ok(history[i - 1].at >= history[i].at, 'newest first');

  // Writes on the merged record: 409, nothing written.
  const before = await snapshot(dup.id);
  await refusals([
    ['PATCH', () => as('secretaire', `/api/v1/persons/${dup.id}`, { method: 'PATCH', json: { used_name: 'Autre' } }), 409],
    ['a contact', () => as('secretaire', `/api/v1/persons/${dup.id}/contacts`, { json: { kind: 'family', last_name: 'Apres' } }), 409],
    ['a stay', () => as('secretaire', `/api/v1/persons/${dup.id}/stays`, { json: { establishment_id: 1, care_mode: '16', admission_date: '2025-01-06', origin: 'home' } }), 409],
    ['a decision', () => as('secretaire', `/api/v1/persons/${dup.id}/decisions`, { json: {
      decision_reference: 'X', decision_date: '2024-01-01', category_code: '183', valid_from: '2024-01-01', valid_to: '2025-01-01' } }), 409],
    ['merged again', () => as('directrice', `/api/v1/persons/${kept.id}/merge`, { json: { duplicate_id: dup.id } }), 422, ['duplicate_id']],
    ['merging into the merged record', () => as('directrice', `/api/v1/persons/${dup.id}/merge`, { json: { duplicate_id: kept.id } }), 409],
  ]);
  assert.deepEqual(await snapshot(dup.id), before, 'nothing written');
});

test('merge refusals: overlapping stays (409), secretary and head of service (403), self, unknown, other organisation (422); nothing written', async () => {
  const a = await newPerson('secretaire', { birth_date: '2007-02-14' });
  const b = await ok(await as('secretaire', '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: a.birth_name, first_names: a.first_names, sex: 'F', birth_date: '2007-02-14', confirm_duplicate: true } }), 201);
  await admit(a.id, { care_mode: '13', admission_date: '2024-09-02' });
  await admit(b.id, { care_mode: '13', admission_date: '2025-01-06' });
  const foreign = await ok(await as('directeur2', '/api/v1/persons', { json: {
    establishment_id: 13, birth_name: uniqueName(), first_names: ['Autre'], sex: 'M', birth_date: '2007-02-14' } }), 201);
  const before = { a: await snapshot(a.id), b: await snapshot(b.id) };
  const merge = (who, id, json) => () => as(who, `/api/v1/persons/${id}/merge`, { json });
  await refusals([
    ['overlapping stays', merge('directrice', a.id, { duplicate_id: b.id }), 409],
    ['the secretary', merge('secretaire', a.id, { duplicate_id: b.id }), 403],
    ['the head of service', merge('cheffe', a.id, { duplicate_id: b.id }), 403],
    // Refused for her role before anything about the body is said.
    ['the secretary, on itself', merge('secretaire', a.id, { duplicate_id: a.id }), 403],
    ['the secretary, an unknown record', merge('secretaire', a.id, { duplicate_id: 99999999 }), 403],
    ['the educator', merge('educateur', a.id, { duplicate_id: b.id }), 403],
    ['the external reader', merge('financeur', a.id, { duplicate_id: b.id }), 403],
    ['itself', merge('directrice', a.id, { duplicate_id: a.id }), 422, ['duplicate_id']],
    ['an unknown record', merge('directrice', a.id, { duplicate_id: 99999999 }), 422, ['duplicate_id']],
    ['a record of organisation 2', merge('directrice', a.id, { duplicate_id: foreign.id }), 422, ['duplicate_id']],
    ['missing duplicate_id', merge('directrice', a.id, {}), 422, ['duplicate_id']],
    ['duplicate_id a string', merge('directrice', a.id, { duplicate_id: String(b.id) }), 422, ['duplicate_id']],
    ['unknown field', merge('directrice', a.id, { duplicate_id: b.id, force: true }), 422, ['force']],
    ['organisation 2\'s director', merge('directeur2', a.id, { duplicate_id: b.id }), 404],
  ]);
  assert.deepEqual(await snapshot(a.id), before.a, 'nothing written on the kept record');
  assert.deepEqual(await snapshot(b.id), before.b, 'nothing written on the duplicate');
  assert.equal((await ok(await as('directeur2', `/api/v1/persons/${foreign.id}`))).merged_into, null);
});

// ---------------------------------------------------------------------------------------------
// History

test('history: an identity change shows the previous value, the account and the date, newest first; read rights', async () => {
  const p = await newPerson();
  const start = new Date(Date.now() - 5000).toISOString();
  await ok(await as('secretaire', `/api/v1/persons/${p.id}`, { method: 'PATCH', json: { used_name: 'Premierusage' } }));
  await ok(await as('cheffe', `/api/v1/persons/${p.id}`, { method: 'PATCH', json: { used_name: 'Secondusage', birth_date: '2008-05-18' } }));
  const items = await historyOf(p.id, 'secretaire');
  const used = items.filter((h) => h.field === 'used_name');
  assert.equal(used.length, 2, JSON.stringify(items));
  assert.equal(used[0].previous_value, 'Premierusage');
  assert.equal(used[0].new_value, 'Secondusage');
  assert.equal(used[0].account, emails.cheffe);
  assert.equal(used[1].previous_value, null);
  assert.equal(used[1].new_value, 'Premierusage');
  assert.equal(used[1].account, emails.secretaire);
  const birth = items.find((h) => h.field === 'birth_date');
  assert.equal(birth.previous_value, '2008-05-17');
  assert.equal(birth.new_value, '2008-05-18');
  for (const h of items) {
    assert.equal(h.person_id, p.id);
    assert.ok(h.at >= start.slice(0, 19), `${h.at} is recent`);
    assert.ok(!Number.isNaN(Date.parse(h.at)), `${h.at} is a date`);
  }
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].at >= items[i].at, 'newest first');
  assert.ok(items.indexOf(used[0]) < items.indexOf(used[1]));
  // A PATCH with the same value adds nothing; a refused PATCH adds nothing.
  await ok(await as('secretaire', `/api/v1/persons/${p.id}`, { method: 'PATCH', json: { used_name: 'Secondusage' } }));
  await problem(await as('secretaire', `/api/v1/persons/${p.id}`, { method: 'PATCH', json: { sex: 'Z' } }), 422, ['sex']);
  assert.deepEqual(await historyOf(p.id, 'secretaire'), items);
  // Read rights: the educator reads it; the external reader 403; organisation 2 and unknown ids 404.
  assert.deepEqual(await historyOf(p.id, 'educateur'), items);
  await problem(await as('financeur', `/api/v1/persons/${p.id}/history`), 403);
  await problem(await as('directeur2', `/api/v1/persons/${p.id}/history`), 404);
  await problem(await as('secretaire', '/api/v1/persons/99999999/history'), 404);
});
