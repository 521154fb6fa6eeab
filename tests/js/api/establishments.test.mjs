// The establishments brick (Gestetab) on the real binary with the demo data: creation and its
// validation, dated capacity (capacity on a date, place-days), opening calendars and closures,
// authorisations and their renewal alerts, history and audit trail, list filters and pagination,
// archiving, access by role and organisation, and the organisation's own record.
// Every refused write is checked to have written nothing (list count, detail and history unchanged).
// The tests share one server and run in order (node --test --test-concurrency=1): later tests rely
// on establishments created by earlier ones only through the module-level variables below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { finess } from '../lib/finess.mjs';
import { startServer, operatorToken } from '../lib/server.mjs';
import { signInDemo, authed, bearer } from '../lib/session.mjs';

let server;
const sessions = {};
const emails = {
  admin: 'admin@passerelles-rhone.demo',
  directrice: 'directrice@passerelles-rhone.demo',
  educateur: 'educateur@passerelles-rhone.demo',
  qualite: 'qualite@passerelles-rhone.demo',
  financeur: 'financeur@ars-ara.demo',
  directeur2: 'directeur@horizon-loire.demo',
  dpo: 'dpo@passerelles-rhone.demo',
};

before(async () => {
  server = await startServer({ demo: true });
  // Each account signs in once; the DPO with a fresh TOTP code (signInDemo computes it).
  for (const [who, email] of Object.entries(emails)) sessions[who] = await signInDemo(server, email);
});
after(async () => { await server?.stop(); });

// ---------------------------------------------------------------------------------------------
// Helpers

// As a signed-in demo account (cookie + CSRF token), or as the platform (operator token).
const as = (who, path, init = {}) => authed(server, sessions[who], path, init);
const op = (path, init = {}) => bearer(server, operatorToken, path, init);

async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// A problem+json answer with this status; `fields`, when given, are exactly the fields named.
async function problem(response, status, fields) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 600)}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  for (const key of ['type', 'title', 'status', 'detail', 'errors']) assert.ok(key in body, `problem has ${key}`);
  assert.equal(body.status, status);
  if (fields) assert.deepEqual([...new Set(body.errors.map((e) => e.field))].sort(), [...fields].sort(), text);
  return body;
}

let serial = 0;
const newFiness = () => finess('6980' + String(++serial).padStart(4, '0'));

// Every establishment of every organisation, archived ones included (the platform sees them all).
async function allEstablishments() {
  const items = [];
  let cursor = null;
  do {
    const page = await ok(await op('/api/v1/establishments?include_archived=true&limit=200' + (cursor ? `&cursor=${cursor}` : '')));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}
const establishmentCount = async () => (await allEstablishments()).length;

const detail = async (id, who = 'admin') => ok(await as(who, `/api/v1/establishments/${id}`));
// The changes after creation (the history's first entry, field "created", is checked on its own).
const fullHistory = async (id, who = 'admin') => (await ok(await as(who, `/api/v1/establishments/${id}/history`))).items;
const history = async (id, who = 'admin') => (await fullHistory(id, who)).filter((h) => h.field !== 'created');

// Creates an establishment of organisation 1 as its administrator.
async function create(fields = {}) {
  return ok(await as('admin', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: `Établissement de test ${serial}`, category_code: '183', ...fields },
  }), 201);
}

async function addCapacity(id, json, who = 'admin') {
  return as(who, `/api/v1/establishments/${id}/capacities`, { json });
}

// The list as one account sees it (ids only), with a query string.
async function listIds(who, query = '', limit = 200) {
  const ids = [];
  let cursor = null;
  do {
    const sep = query ? '&' : '';
    const page = await ok(await as(who, `/api/v1/establishments?${query}${sep}limit=${limit}` + (cursor ? `&cursor=${cursor}` : '')));
    ids.push(...page.items.map((e) => e.id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}
const demoOnly = (ids) => ids.filter((id) => id <= 14).sort((a, b) => a - b);

// The value of one (care mode, status) line of a capacity or place-days answer (undefined: none).
const line = (lines, careMode, status) => lines.find((l) => l.care_mode === careMode && l.status === status)?.value;

// Dates relative to today (UTC, as the server), months added as the server does (end of month kept).
function isoToday() { return new Date().toISOString().slice(0, 10); }
function plusMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// Audit events of organisation 1 as the demo DPO reads them (GET /api/v1/audit), for one action.
async function auditEvents(action) {
  const items = [];
  let cursor = null;
  do {
    const page = await ok(await as('dpo', `/api/v1/audit?action=${action}&limit=200` + (cursor ? `&cursor=${cursor}` : '')));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// Establishments the tests create, shared by later tests.
const made = {};

// ---------------------------------------------------------------------------------------------
// Reference, demo data, pagination (before any establishment is created)

test('the reference lists FINESS categories (closed ones dated), care modes, statuses and vocabularies', async () => {
  const ref = await ok(await as('educateur', '/api/v1/establishments/reference'));
  const ime = ref.categories.find((c) => c.code === '183');
  assert.equal(ime.short_label, 'IME');
  assert.equal(ime.valid_to, null);
  for (const closed of ['252', '382', '253'])
    assert.match(ref.categories.find((c) => c.code === closed).valid_to, /^2018-/);
  const modes = ref.care_modes.map((m) => m.code);
  for (const code of ['11', '13', '14', '16', '17', '21', '40', '44', '45']) assert.ok(modes.includes(code), code);
  assert.deepEqual(ref.capacity_statuses.map((s) => s.code).sort(), ['authorised', 'funded', 'installed']);
  assert.deepEqual(ref.funders.map((f) => f.code).sort(), ['ars', 'departement']);
  for (const key of ['publics', 'disabilities', 'bricks']) assert.ok(ref[key].length > 0, key);
});

test('the 12 demo establishments of organisation 1 are listed page by page with a cursor', async () => {
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await ok(await as('admin', '/api/v1/establishments?limit=5' + (cursor ? `&cursor=${cursor}` : '')));
    assert.ok(page.items.length <= 5);
    for (const item of page.items) {
      assert.ok(!seen.includes(item.id), `establishment ${item.id} only once`);
      assert.equal(item.organisation_id, 1);
      seen.push(item.id);
    }
    cursor = page.next_cursor;
    pages++;
  } while (cursor);
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal(pages, 3);
  const first = await ok(await as('admin', '/api/v1/establishments?limit=12'));
  assert.equal(first.next_cursor, null, 'no next page when everything fits');
  await problem(await as('admin', '/api/v1/establishments?cursor=forged'), 400, ['cursor']);
  await problem(await as('admin', '/api/v1/establishments?limit=0'), 400, ['limit']);
  await problem(await as('admin', '/api/v1/establishments?limit=abc'), 400, ['limit']);
  // The platform sees both organisations, or one when it names it.
  assert.deepEqual(demoOnly((await allEstablishments()).map((e) => e.id)), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  const org2 = await ok(await op('/api/v1/establishments?organisation=2'));
  assert.deepEqual(org2.items.map((e) => e.id), [13, 14]);
});

test('the demo IME has 24 internat and 51 semi-internat places authorised today, 30 and 45 before September 2023', async () => {
  const ime = await detail(1);
  assert.equal(ime.name, 'IME Les Tilleuls');
  assert.equal(ime.category, 'IME');
  assert.equal(line(ime.capacity_today, '11', 'authorised'), 24);
  assert.equal(line(ime.capacity_today, '13', 'authorised'), 51);
  assert.equal(line(ime.capacity_today, '11', 'installed'), 24);
  assert.equal(line(ime.capacity_today, '13', 'installed'), 51);
  assert.equal(line(ime.capacity_today, '13', 'funded'), 50, 'an increase is funded one place less');
  const today = await ok(await as('educateur', '/api/v1/establishments/1/capacity'));
  assert.equal(today.establishment_id, 1);
  assert.equal(today.date, isoToday());
  assert.equal(line(today.capacity, '11', 'authorised'), 24);
  assert.equal(line(today.capacity, '13', 'authorised'), 51);
  const before = await ok(await as('educateur', '/api/v1/establishments/1/capacity?date=2023-08-31'));
  assert.equal(line(before.capacity, '11', 'authorised'), 30);
  assert.equal(line(before.capacity, '13', 'authorised'), 45);
  // The demo history starts five years ago.
  const start = plusMonths(isoToday(), -60);
  const dayBefore = new Date(Date.parse(start + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10);
  assert.equal(line((await ok(await as('educateur', `/api/v1/establishments/1/capacity?date=${start}`))).capacity, '11', 'authorised'), 30);
  assert.deepEqual((await ok(await as('educateur', `/api/v1/establishments/1/capacity?date=${dayBefore}`))).capacity, []);
  const label = ime.capacity_today.find((l) => l.care_mode === '11').care_mode_label;
  assert.match(label, /internat/i);
});

// ---------------------------------------------------------------------------------------------
// Creation

test('an organisation administrator creates an establishment through a session and reads it back', async () => {
  const count = await establishmentCount();
  const fields = {
    finess_et: newFiness(), name: 'SESSAD Les Saules', category_code: '182', publics: ['children'],
    disabilities: ['autism', 'intellectual'], funders: ['ars'], bricks: ['steering', 'surveys'], parent_id: 1,
    address_line: '12 rue des Saules', postal_code: '69100', city: 'Villeurbanne',
  };
  const r = await as('admin', '/api/v1/establishments', { json: fields });
  const created = await ok(r, 201);
  assert.equal(r.headers.get('location'), `/api/v1/establishments/${created.id}`);
  for (const [key, value] of Object.entries(fields)) assert.deepEqual(created[key], value, key);
  assert.equal(created.organisation_id, 1);
  assert.equal(created.category, 'SESSAD');
  assert.match(created.category_label, /éducation spéciale/);
  assert.equal(created.archived_at, null);
  assert.ok(created.created_at && created.updated_at);
  const read = await detail(created.id);
  for (const key of Object.keys(created)) assert.deepEqual(read[key], created[key], key);
  for (const key of ['sites', 'capacities', 'capacity_today', 'authorisations', 'calendars', 'closures'])
    assert.deepEqual(read[key], [], key);
  assert.equal(await establishmentCount(), count + 1);
  assert.ok((await listIds('admin')).includes(created.id));
  made.sessad = created;
});

test('the platform creates establishments in a named organisation with the operator token', async () => {
  const count = await establishmentCount();
  const inOrg2 = await ok(await op('/api/v1/establishments', {
    json: { organisation_id: 2, finess_et: newFiness(), name: 'MAS Horizon (plateforme)', category_code: '255' },
  }), 201);
  assert.equal(inOrg2.organisation_id, 2);
  assert.deepEqual(await ok(await op(`/api/v1/establishments/${inOrg2.id}`)).then((d) => d.name), 'MAS Horizon (plateforme)');
  assert.equal((await detail(inOrg2.id, 'directeur2')).organisation_id, 2);
  await problem(await as('admin', `/api/v1/establishments/${inOrg2.id}`), 404);
  const inOrg1 = await ok(await op('/api/v1/establishments', {
    json: { organisation_id: 1, finess_et: newFiness(), name: 'SAVS créé par la plateforme', category_code: '446' },
  }), 201);
  assert.equal(inOrg1.organisation_id, 1);
  assert.equal((await detail(inOrg1.id)).name, 'SAVS créé par la plateforme');
  made.byPlatform = inOrg1;
  made.platformOrg2 = inOrg2;
  assert.equal(await establishmentCount(), count + 2);

  // The platform must name the organisation; an unknown one is refused; an organisation's
  // administrator cannot create in another organisation.
  await problem(await op('/api/v1/establishments', {
    json: { finess_et: newFiness(), name: 'Sans organisme', category_code: '183' },
  }), 422, ['organisation_id']);
  await problem(await op('/api/v1/establishments', {
    json: { organisation_id: 999999, finess_et: newFiness(), name: 'Organisme inconnu', category_code: '183' },
  }), 422, ['organisation_id']);
  await problem(await as('admin', '/api/v1/establishments', {
    json: { organisation_id: 2, finess_et: newFiness(), name: 'Chez les autres', category_code: '183' },
  }), 404);
  assert.equal(await establishmentCount(), count + 2, 'refused creations wrote nothing');
});

test('invalid establishments are refused with the field named, and nothing is written', async () => {
  const count = await establishmentCount();
  const valid = () => ({ finess_et: newFiness(), name: 'Établissement refusé', category_code: '183' });
  const cases = [
    [{ finess_et: '010001262' }, 422, ['finess_et'], 'wrong FINESS key'],
    [{ finess_et: '01000126' }, 422, ['finess_et'], 'FINESS too short'],
    [{ finess_et: '0100012620' }, 422, ['finess_et'], 'FINESS too long'],
    [{ finess_et: '01000126A' }, 422, ['finess_et'], 'letter in the FINESS'],
    [{ finess_et: 690001012 }, 422, ['finess_et'], 'FINESS as a number'],
    [{ category_code: '999' }, 422, ['category_code'], 'unknown category'],
    [{ category_code: '252' }, 422, ['category_code'], 'foyer d\'hébergement, closed in 2018'],
    [{ category_code: '382' }, 422, ['category_code'], 'foyer de vie, closed in 2018'],
    [{ category_code: '253' }, 422, ['category_code'], 'foyer polyvalent, closed in 2018'],
    [{ name: '' }, 422, ['name'], 'empty name'],
    [{ name: 'x'.repeat(201) }, 422, ['name'], 'name too long'],
    [{ publics: ['martians'] }, 422, ['publics/0'], 'unknown public'],
    [{ disabilities: 'autism' }, 422, ['disabilities'], 'a string instead of a list'],
    [{ funders: ['cpam'] }, 422, ['funders/0'], 'unknown funder'],
    [{ bricks: ['persons'] }, 422, ['bricks/0'], 'unknown brick'],
    [{ postal_code: '6910' }, 422, ['postal_code'], 'postal code of 4 digits'],
    [{ postal_code: '69A00' }, 422, ['postal_code'], 'letter in the postal code'],
    [{ parent_id: 999999 }, 422, ['parent_id'], 'unknown parent'],
    [{ parent_id: 13 }, 422, ['parent_id'], 'parent in another organisation'],
    [{ capacity: 40 }, 422, ['capacity'], 'unknown field'],
    [{ finess_et: '010001262', category_code: '999', admin: true }, 422, ['admin', 'category_code', 'finess_et'], 'every bad field at once'],
  ];
  for (const [change, status, fields, why] of cases) {
    const body = { ...valid(), ...change };
    const p = await problem(await as('admin', '/api/v1/establishments', { json: body }), status, fields);
    assert.ok(p.errors.every((e) => typeof e.message === 'string' && e.message), why);
  }
  const missing = { ...valid() };
  delete missing.category_code;
  await problem(await as('admin', '/api/v1/establishments', { json: missing }), 422, ['category_code']);

  const raw = (body, type = 'application/json') =>
    as('admin', '/api/v1/establishments', { method: 'POST', headers: { 'content-type': type }, body });
  await problem(await raw('{"finess_et": "690001012", "name": '), 400, ['body']);
  await problem(await raw('[]'), 422, ['body']);
  await problem(await raw(JSON.stringify(valid()), 'text/plain'), 415);
  // A state-changing request without the CSRF token is refused before anything happens.
  await problem(await as('admin', '/api/v1/establishments', { json: valid(), csrf: null }), 403);
  assert.equal(await establishmentCount(), count, 'nothing was written');
});

test('a FINESS already used is a 409 naming finess_et, on creation and on change', async () => {
  const count = await establishmentCount();
  const ime = await detail(1);
  const other = await ok(await op('/api/v1/establishments/13'));
  for (const used of [ime.finess_et, other.finess_et]) {
    await problem(await as('admin', '/api/v1/establishments', {
      json: { finess_et: used, name: 'Doublon', category_code: '183' },
    }), 409, ['finess_et']);
  }
  assert.equal(await establishmentCount(), count);
  const before = await detail(made.sessad.id);
  await problem(await as('admin', `/api/v1/establishments/${made.sessad.id}`, {
    method: 'PATCH', json: { finess_et: ime.finess_et },
  }), 409, ['finess_et']);
  assert.deepEqual(await detail(made.sessad.id), before, 'the refused change wrote nothing');
  // Keeping one's own FINESS is not a duplicate.
  await ok(await as('admin', `/api/v1/establishments/${made.sessad.id}`, {
    method: 'PATCH', json: { finess_et: made.sessad.finess_et },
  }));
});

test('injection strings in the name are stored and returned verbatim', async () => {
  const name = "IME l'Étoile\"); DROP TABLE establishment; -- <script>alert(1)</script> %_\\ 🌟";
  const created = await create({ name });
  assert.equal(created.name, name);
  assert.equal((await detail(created.id)).name, name);
  const listed = await ok(await as('admin', `/api/v1/establishments?limit=200&q=${encodeURIComponent("l'étoile")}`));
  assert.deepEqual(listed.items.map((e) => e.id), [created.id]);
  assert.equal(listed.items[0].name, name);
  assert.equal((await fetch(server.base + '/healthz')).status, 200);
  assert.ok((await establishmentCount()) >= 14, 'the table is still there');
});

// ---------------------------------------------------------------------------------------------
// Changes, history, archive

test('a change of name is in the history with previous value, new value and account', async () => {
  const e = await create({ name: 'Foyer Les Lilas' });
  made.lilas = e;
  const r = await as('admin', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { name: 'Foyer Les Lilas Blancs' } });
  const updated = await ok(r);
  assert.equal(updated.name, 'Foyer Les Lilas Blancs');
  assert.equal(updated.finess_et, e.finess_et, 'fields not sent are kept');
  const created = (await fullHistory(e.id)).find((h) => h.field === 'created');
  assert.ok(created, 'the history starts with the creation');
  assert.equal(created.previous_value, null);
  assert.match(created.new_value, new RegExp(`^${e.finess_et} — Foyer Les Lilas — catégorie`));
  const items = await history(e.id);
  const entry = items.find((h) => h.field === 'name');
  assert.ok(entry, JSON.stringify(items));
  assert.equal(entry.previous_value, 'Foyer Les Lilas');
  assert.equal(entry.new_value, 'Foyer Les Lilas Blancs');
  assert.equal(entry.account, emails.admin);
  assert.match(entry.at, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal(items.filter((h) => h.field !== 'name').length, 0, 'only the field that changed');

  // The same value again changes nothing; a bad value is refused and leaves the record as it was.
  await ok(await as('admin', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { name: 'Foyer Les Lilas Blancs' } }));
  assert.equal((await history(e.id)).length, items.length);
  const before = await detail(e.id);
  await problem(await as('admin', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { postal_code: '690' } }), 422, ['postal_code']);
  await problem(await as('admin', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { category_code: 'IME' } }), 422, ['category_code']);
  await problem(await as('admin', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { id: 99 } }), 422, ['id']);
  await problem(await as('admin', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { parent_id: e.id } }), 422, ['parent_id']);
  await problem(await as('admin', `/api/v1/establishments/${e.id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"name":',
  }), 400, ['body']);
  assert.deepEqual(await detail(e.id), before);
  assert.equal((await history(e.id)).length, items.length);

  // The director changes the city: a second entry, newest first, with the director's account.
  await ok(await as('directrice', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { city: 'Écully', postal_code: '69130' } }));
  const after = await history(e.id);
  assert.ok(after[0].id > after[after.length - 1].id, 'newest first');
  const city = after.find((h) => h.field === 'city');
  assert.equal(city.previous_value, null);
  assert.equal(city.new_value, 'Écully');
  assert.equal(city.account, emails.directrice);
});

test('an archived establishment leaves the lists, stays readable by id, and no longer changes', async () => {
  const e = await create({ name: 'Service à archiver', city: 'Tarare', postal_code: '69170' });
  const decision = plusMonths(isoToday(), -15 * 12 + 3);  // renewal due in 3 months
  const authorisation = await ok(await as('admin', `/api/v1/establishments/${e.id}/authorisations`, {
    json: { decision_reference: 'Arrêté à archiver', decision_date: decision },
  }), 201);
  const dueIds = async () => (await ok(await as('directrice', '/api/v1/establishments/alerts'))).items.map((a) => a.id);
  assert.ok((await dueIds()).includes(authorisation.id));

  const archived = await ok(await as('admin', `/api/v1/establishments/${e.id}/archive`, { method: 'POST' }));
  assert.match(archived.archived_at, /^\d{4}-\d{2}-\d{2}T/);
  assert.ok(!(await listIds('admin')).includes(e.id), 'hidden from the default list');
  assert.ok(!(await listIds('admin', 'q=tarare')).includes(e.id), 'hidden from searches too');
  assert.ok((await listIds('admin', 'include_archived=true')).includes(e.id));
  assert.ok((await listIds('admin', 'include_archived=false')).every((id) => id !== e.id));
  const read = await detail(e.id);
  assert.equal(read.archived_at, archived.archived_at);
  assert.equal(read.name, 'Service à archiver');
  assert.ok(!(await dueIds()).includes(authorisation.id), 'no renewal alert for an archived establishment');

  await problem(await as('admin', `/api/v1/establishments/${e.id}/archive`, { method: 'POST' }), 409);
  await problem(await as('admin', `/api/v1/establishments/${e.id}`, { method: 'PATCH', json: { name: 'Renommé' } }), 409);
  const after = await detail(e.id);
  assert.equal(after.name, 'Service à archiver');
  assert.equal(after.archived_at, archived.archived_at, 'archived once');
  const items = await history(e.id);
  assert.equal(items.filter((h) => h.field === 'archived_at').length, 1);
  assert.equal(items.filter((h) => h.field === 'name').length, 0);
  made.archived = e;
});

// ---------------------------------------------------------------------------------------------
// Capacity

test('capacity periods with bad places or dates are refused with the field named, and nothing is written', async () => {
  const e = await create({ name: 'IME Capacités' });
  made.capacity = e;
  const valid = { care_mode: '11', status: 'authorised', places: 20, effective_from: '2024-01-01', effective_to: '2024-06-30' };
  const cases = [
    [{ places: -1 }, ['places']],
    [{ places: 2.5 }, ['places']],
    [{ places: '20' }, ['places']],
    [{ places: 100001 }, ['places']],
    [{ places: null }, ['places']],
    [{ effective_to: '2023-12-31' }, ['effective_to']],
    [{ effective_from: '2024-02-30' }, ['effective_from']],
    [{ effective_from: '01/01/2024' }, ['effective_from']],
    [{ care_mode: '99' }, ['care_mode']],
    [{ status: 'promised' }, ['status']],
    [{ organisation_id: 2 }, ['organisation_id']],
  ];
  for (const [change, fields] of cases)
    await problem(await addCapacity(e.id, { ...valid, ...change }), 422, fields);
  const read = await detail(e.id);
  assert.deepEqual(read.capacities, []);
  assert.deepEqual(await history(e.id), []);
  // The limits themselves are allowed.
  const zero = await ok(await addCapacity(e.id, { care_mode: '21', status: 'funded', places: 0, effective_from: '2020-01-01', effective_to: '2020-12-31' }), 201);
  assert.equal(zero.places, 0);
});

test('capacity on a date and place-days follow the dated periods (hand-computed)', async () => {
  const id = made.capacity.id;
  const first = await ok(await addCapacity(id, { care_mode: '11', status: 'authorised', places: 20, effective_from: '2024-01-01', effective_to: '2024-06-30' }), 201);
  assert.deepEqual({ ...first, id: 0 }, {
    id: 0, care_mode: '11', care_mode_label: first.care_mode_label, status: 'authorised', places: 20,
    effective_from: '2024-01-01', effective_to: '2024-06-30',
  });
  const second = await ok(await addCapacity(id, { care_mode: '11', status: 'authorised', places: 25, effective_from: '2024-07-01' }), 201);
  assert.equal(second.effective_to, null);
  made.capacityPeriods = { first, second };

  const on = async (date) => ok(await as('admin', `/api/v1/establishments/${id}/capacity?date=${date}`));
  const june30 = await on('2024-06-30');
  assert.equal(june30.date, '2024-06-30');
  assert.equal(june30.establishment_id, id);
  assert.equal(line(june30.capacity, '11', 'authorised'), 20);
  assert.equal(line((await on('2024-07-01')).capacity, '11', 'authorised'), 25);
  assert.equal(line((await on('2030-01-01')).capacity, '11', 'authorised'), 25, 'an open period has no end');
  assert.deepEqual((await on('2023-12-31')).capacity, [], 'nothing before the first period');

  const placeDays = async (from, to) => ok(await as('admin', `/api/v1/establishments/${id}/place-days?from=${from}&to=${to}`));
  const summer = await placeDays('2024-06-01', '2024-07-31');
  assert.equal(summer.days, 61);
  assert.equal(summer.from, '2024-06-01');
  assert.equal(summer.to, '2024-07-31');
  assert.equal(line(summer.place_days, '11', 'authorised'), 20 * 30 + 25 * 31);
  assert.equal(line(summer.place_days, '11', 'authorised'), 1375);
  const year = await placeDays('2024-01-01', '2024-12-31');
  assert.equal(year.days, 366, '2024 is a leap year');
  assert.equal(line(year.place_days, '11', 'authorised'), 20 * 182 + 25 * 184);
  assert.equal(line(year.place_days, '11', 'authorised'), 8240);
  const oneDay = await placeDays('2024-06-30', '2024-06-30');
  assert.equal(oneDay.days, 1);
  assert.equal(line(oneDay.place_days, '11', 'authorised'), 20, 'both ends included');
  assert.deepEqual((await placeDays('2023-01-01', '2023-12-31')).place_days, []);

  // The detail shows the periods in order, with labels.
  const read = await detail(id);
  const periods = read.capacities.filter((c) => c.care_mode === '11');
  assert.deepEqual(periods.map((c) => [c.places, c.effective_from, c.effective_to]),
    [[20, '2024-01-01', '2024-06-30'], [25, '2024-07-01', null]]);
  assert.equal(line(read.capacity_today, '11', 'authorised'), 25);
  const additions = (await history(id)).filter((h) => h.field === 'capacity');
  assert.equal(additions.length, 3, 'every capacity addition is in the history');
  assert.ok(additions.some((h) => h.previous_value === null && /20/.test(h.new_value) && /2024-01-01/.test(h.new_value) && /2024-06-30/.test(h.new_value)),
    JSON.stringify(additions));
  assert.ok(additions.every((h) => h.account === emails.admin));
});

test('an overlapping period of the same care mode and status is a 409 naming effective_from; another status is accepted', async () => {
  const id = made.capacity.id;
  const before = await detail(id);
  const historyBefore = await history(id);
  for (const [from, to] of [['2024-06-30', '2024-06-30'], ['2023-01-01', '2024-01-01'], ['2025-01-01', undefined], ['2023-01-01', undefined]]) {
    const json = { care_mode: '11', status: 'authorised', places: 5, effective_from: from, ...(to ? { effective_to: to } : {}) };
    await problem(await addCapacity(id, json), 409, ['effective_from']);
  }
  assert.deepEqual(await detail(id), before, 'nothing written');
  assert.deepEqual(await history(id), historyBefore);

  // The same dates under another status, or another care mode, are independent periods.
  await ok(await addCapacity(id, { care_mode: '11', status: 'installed', places: 20, effective_from: '2024-01-01', effective_to: '2024-06-30' }), 201);
  await ok(await addCapacity(id, { care_mode: '13', status: 'authorised', places: 8, effective_from: '2024-01-01', effective_to: '2024-06-30' }), 201);
  const june = await ok(await as('admin', `/api/v1/establishments/${id}/capacity?date=2024-06-15`));
  assert.equal(line(june.capacity, '11', 'authorised'), 20);
  assert.equal(line(june.capacity, '11', 'installed'), 20);
  assert.equal(line(june.capacity, '13', 'authorised'), 8);
  // A period starting the day after another ends does not overlap it.
  await ok(await addCapacity(id, { care_mode: '11', status: 'installed', places: 22, effective_from: '2024-07-01', effective_to: '2024-12-31' }), 201);
});

test('closing an open period ends its capacity; reopening over another period is a 409', async () => {
  const id = made.capacity.id;
  const { second } = made.capacityPeriods;
  const path = `/api/v1/establishments/${id}/capacities/${second.id}`;
  const closed = await ok(await as('admin', path, { method: 'PATCH', json: { effective_to: '2024-12-31' } }));
  assert.equal(closed.id, second.id);
  assert.equal(closed.effective_to, '2024-12-31');
  assert.equal(closed.places, 25);
  const in2025 = await ok(await as('admin', `/api/v1/establishments/${id}/place-days?from=2025-01-01&to=2025-12-31`));
  assert.equal(in2025.days, 365);
  assert.equal(line(in2025.place_days, '11', 'authorised'), undefined, 'no authorised internat place in 2025');
  const cap2025 = await ok(await as('admin', `/api/v1/establishments/${id}/capacity?date=2025-01-01`));
  assert.equal(line(cap2025.capacity, '11', 'authorised'), undefined);
  const h = (await history(id)).find((x) => x.field === 'capacity' && x.previous_value !== null);
  assert.ok(h && /sans fin/.test(h.previous_value) && /2024-12-31/.test(h.new_value), JSON.stringify(h));

  // A new period from 2025: reopening the closed one (or extending it into 2025) would overlap it.
  const third = await ok(await addCapacity(id, { care_mode: '11', status: 'authorised', places: 30, effective_from: '2025-01-01' }), 201);
  const before = await detail(id);
  await problem(await as('admin', path, { method: 'PATCH', json: { effective_to: null } }), 409, ['effective_from']);
  await problem(await as('admin', path, { method: 'PATCH', json: { effective_to: '2025-03-31' } }), 409, ['effective_from']);
  await problem(await as('admin', path, { method: 'PATCH', json: { effective_to: '2024-06-30' } }), 422, ['effective_to']);
  await problem(await as('admin', path, { method: 'PATCH', json: { effective_to: '31/12/2024' } }), 422, ['effective_to']);
  await problem(await as('admin', path, { method: 'PATCH', json: {} }), 422, ['effective_to']);
  await problem(await as('admin', path, { method: 'PATCH', json: { effective_to: '2024-12-31', places: 40 } }), 422, ['places']);
  assert.deepEqual(await detail(id), before, 'nothing written');

  // Closing the new period lets the old one be extended up to it, then reopened periods count again.
  await ok(await as('admin', `/api/v1/establishments/${id}/capacities/${third.id}`, { method: 'PATCH', json: { effective_to: '2025-06-30' } }));
  await problem(await as('admin', path, { method: 'PATCH', json: { effective_to: null } }), 409, ['effective_from']);
  const year2025 = await ok(await as('admin', `/api/v1/establishments/${id}/place-days?from=2025-01-01&to=2025-12-31`));
  assert.equal(line(year2025.place_days, '11', 'authorised'), 30 * 181);

  // A capacity id of another establishment, or unknown, is a 404.
  await problem(await as('admin', `/api/v1/establishments/1/capacities/${second.id}`, { method: 'PATCH', json: { effective_to: null } }), 404);
  await problem(await as('admin', `/api/v1/establishments/${id}/capacities/99999999`, { method: 'PATCH', json: { effective_to: null } }), 404);
});

test('place-days and capacity refuse bad periods and dates with the parameter named', async () => {
  const id = made.capacity.id;
  const get = (query) => as('admin', `/api/v1/establishments/${id}/${query}`);
  await problem(await get('place-days?from=2024-12-31&to=2024-01-01'), 400, ['to']);
  await problem(await get('place-days?from=2000-01-01&to=2030-12-31'), 400, ['to']);
  await problem(await get('place-days?from=2024-13-01&to=2024-12-31'), 400, ['from']);
  await problem(await get('place-days?from=2024-01-01&to=demain'), 400, ['to']);
  await problem(await get('place-days?from=2024-01-01'), 400, ['to']);
  await problem(await get('place-days?to=2024-01-01'), 400, ['from']);
  await problem(await get('capacity?date=2024-02-30'), 400, ['date']);
  await problem(await get('capacity?date=yesterday'), 400, ['date']);
  const twenty = await ok(await get('place-days?from=2004-01-01&to=2023-12-31'));
  assert.equal(twenty.days, 7305, 'twenty years exactly are accepted');
});

test('place-days refuses a period even a few days longer than 20 years', async () => {
  // 2004-01-01..2024-01-10 is twenty years and ten days: more than the 20 years allowed.
  await problem(await as('admin', `/api/v1/establishments/${made.capacity.id}/place-days?from=2004-01-01&to=2024-01-10`), 400, ['to']);
});

test('concurrent additions of overlapping periods leave exactly one period', async () => {
  // Sixteen requests at once for the same kind of care and status, all open-ended: whatever the
  // interleaving, one is created and the others are refused (the check and the insert are one step).
  for (let round = 0; round < 3; round++) {
    const e = await create({ name: `IME Concurrence ${round}` });
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => addCapacity(e.id, {
      care_mode: '11', status: 'authorised', places: 10 + i, effective_from: `2024-01-${String(i + 1).padStart(2, '0')}`,
    })));
    const statuses = answers.map((r) => r.status);
    await Promise.all(answers.map((r) => r.arrayBuffer()));
    const periods = (await detail(e.id)).capacities;
    assert.equal(periods.length, 1, `round ${round}: ${periods.length} overlapping periods stored (answers ${statuses.join(',')})`);
    assert.deepEqual(statuses.filter((x) => x === 201).length, 1, statuses.join(','));
    assert.ok(statuses.every((x) => x === 201 || x === 409), statuses.join(','));
  }
});

test('concurrent creations with one FINESS give one establishment and 409s naming finess_et', async () => {
  const count = await establishmentCount();
  const number = newFiness();
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => as('admin', '/api/v1/establishments', {
    json: { finess_et: number, name: `Course ${i}`, category_code: '183' },
  })));
  const statuses = answers.map((r) => r.status);
  assert.deepEqual(statuses.filter((x) => x !== 201 && x !== 409), [], `answers ${statuses.join(',')}`);
  assert.equal(statuses.filter((x) => x === 201).length, 1);
  for (const r of answers) if (r.status === 409) await problem(r, 409, ['finess_et']);
  else await r.arrayBuffer();
  assert.equal(await establishmentCount(), count + 1);
});

// ---------------------------------------------------------------------------------------------
// Calendar and closures

test('a weekly pattern gives the days open in a year, minus closures; a number of days is kept as given', async () => {
  const e = await create({ name: 'IME Calendrier' });
  const put = (json) => as('admin', `/api/v1/establishments/${e.id}/calendar`, { method: 'PUT', json });
  const weekdays = await ok(await put({ care_mode: '13', year: 2024, weekly_pattern: '1111100' }));
  assert.deepEqual(weekdays, { care_mode: '13', year: 2024, days_open: 262 });
  const everyDay = await ok(await put({ care_mode: '11', year: 2024, weekly_pattern: '1111111' }));
  assert.equal(everyDay.days_open, 366);

  // Two working weeks closed in August, for every kind of care.
  const closure = await ok(await as('admin', `/api/v1/establishments/${e.id}/closures`, {
    json: { date_from: '2024-08-05', date_to: '2024-08-16', reason: 'Fermeture estivale' },
  }), 201);
  assert.equal(closure.care_mode, null);
  assert.equal(closure.date_from, '2024-08-05');
  let read = await detail(e.id);
  const cal = (mode) => read.calendars.find((c) => c.care_mode === mode && c.year === 2024);
  assert.equal(cal('13').days_open, 252);
  assert.equal(cal('13').weekly_pattern, '1111100');
  assert.equal(cal('11').days_open, 366 - 12);
  assert.equal(read.closures.length, 1);
  assert.equal(read.closures[0].reason, 'Fermeture estivale');

  // A closure of one kind of care leaves the others alone.
  await ok(await as('admin', `/api/v1/establishments/${e.id}/closures`, {
    json: { date_from: '2024-12-23', date_to: '2024-12-27', reason: 'Noël (internat)', care_mode: '11' },
  }), 201);
  read = await detail(e.id);
  assert.equal(cal('13').days_open, 252);
  assert.equal(cal('11').days_open, 366 - 12 - 5);
  // PUT again replaces the year's calendar (the closures still apply).
  assert.equal((await ok(await put({ care_mode: '13', year: 2024, weekly_pattern: '1111110' }))).days_open, 314 - 11);

  // The number form.
  const number = await ok(await put({ care_mode: '14', year: 2025, days_open: 210 }));
  assert.deepEqual(number, { care_mode: '14', year: 2025, days_open: 210 });
  read = await detail(e.id);
  const externat = read.calendars.find((c) => c.care_mode === '14' && c.year === 2025);
  assert.equal(externat.days_open, 210);
  assert.equal(externat.weekly_pattern, null);
  assert.equal(read.calendars.filter((c) => c.year === 2024 && c.care_mode === '13').length, 1, 'replaced, not added');

  // Both forms, or neither, or malformed values: 422 naming the field; nothing written.
  const before = await detail(e.id);
  const historyBefore = await history(e.id);
  await problem(await put({ care_mode: '13', year: 2024, days_open: 200, weekly_pattern: '1111100' }), 422, ['days_open']);
  await problem(await put({ care_mode: '13', year: 2024 }), 422, ['days_open']);
  await problem(await put({ care_mode: '13', year: 2024, weekly_pattern: '11111' }), 422, ['weekly_pattern']);
  await problem(await put({ care_mode: '13', year: 2024, weekly_pattern: '1111102' }), 422, ['weekly_pattern']);
  await problem(await put({ care_mode: '13', year: 2024, days_open: 367 }), 422, ['days_open']);
  await problem(await put({ care_mode: '99', year: 2024, days_open: 200 }), 422, ['care_mode']);
  await problem(await put({ care_mode: '13', year: 1800, days_open: 200 }), 422, ['year']);
  await problem(await as('admin', `/api/v1/establishments/${e.id}/closures`, {
    json: { date_from: '2024-08-16', date_to: '2024-08-05', reason: 'À l\'envers' },
  }), 422, ['date_to']);
  await problem(await as('admin', `/api/v1/establishments/${e.id}/closures`, {
    json: { date_from: '2024-08-05', date_to: '2024-08-16' },
  }), 422, ['reason']);
  assert.deepEqual(await detail(e.id), before);
  assert.deepEqual(await history(e.id), historyBefore);
  assert.ok(historyBefore.some((h) => h.field === 'closures' && /Fermeture estivale/.test(h.new_value)));
  assert.ok(historyBefore.some((h) => h.field === 'calendar 13 2024'));
});

test('concurrent replacements of one year\'s calendar keep one calendar and never fail', async () => {
  const e = await create({ name: 'IME Calendrier concurrent' });
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => as('admin', `/api/v1/establishments/${e.id}/calendar`, {
    method: 'PUT', json: { care_mode: '13', year: 2025, days_open: 200 + i },
  })));
  const statuses = answers.map((r) => r.status);
  await Promise.all(answers.map((r) => r.arrayBuffer()));
  assert.deepEqual(statuses.filter((x) => x !== 200 && x !== 409), [], `answers ${statuses.join(',')}`);
  const calendars = (await detail(e.id)).calendars.filter((c) => c.care_mode === '13' && c.year === 2025);
  assert.equal(calendars.length, 1);
  assert.ok(calendars[0].days_open >= 200 && calendars[0].days_open < 212);
});

test('sites are added to an establishment and shown on its detail', async () => {
  const id = made.lilas.id;
  const site = await ok(await as('admin', `/api/v1/establishments/${id}/sites`, {
    json: { name: 'Antenne de Bron', address_line: '3 avenue Franklin Roosevelt', postal_code: '69500', city: 'Bron' },
  }), 201);
  assert.equal(site.name, 'Antenne de Bron');
  await problem(await as('admin', `/api/v1/establishments/${id}/sites`, { json: { name: 'Sans code', postal_code: '695' } }), 422, ['postal_code']);
  await problem(await as('admin', `/api/v1/establishments/${id}/sites`, { json: { city: 'Bron' } }), 422, ['name']);
  const read = await detail(id);
  assert.deepEqual(read.sites.map((s) => s.name), ['Antenne de Bron']);
  assert.ok((await history(id)).some((h) => h.field === 'sites' && h.new_value === 'Antenne de Bron'));
});

// ---------------------------------------------------------------------------------------------
// Authorisations and alerts

test('an authorisation is renewed 15 years (or its duration) after the decision, and is due within 12 months', async () => {
  const e = await create({ name: 'ESAT Autorisations', category_code: '246' });
  made.authorisations = e;
  const post = (json) => as('admin', `/api/v1/establishments/${e.id}/authorisations`, { json });
  const today = isoToday();

  const old = await ok(await post({ decision_reference: 'Arrêté 2020-15', decision_date: '2020-03-15', notes: 'Création' }), 201);
  assert.equal(old.duration_years, 15);
  assert.equal(old.renewal_date, '2035-03-15');
  assert.equal(old.renewal_due, false);
  assert.equal(old.notes, 'Création');
  const leap = await ok(await post({ decision_reference: 'Arrêté bissextile', decision_date: '2012-02-29', duration_years: 15 }), 201);
  assert.equal(leap.renewal_date, '2027-02-28', '29 February + 15 years: end of February');
  const short = await ok(await post({ decision_reference: 'Arrêté 10 ans', decision_date: '2017-06-01', duration_years: 10 }), 201);
  assert.equal(short.renewal_date, '2027-06-01');

  const dueSoon = await ok(await post({ decision_reference: 'Arrêté bientôt', decision_date: plusMonths(today, -15 * 12 + 6) }), 201);
  assert.equal(dueSoon.renewal_date, plusMonths(dueSoon.decision_date, 15 * 12));
  assert.equal(dueSoon.renewal_due, true);
  const dueIn5 = await ok(await post({ decision_reference: 'Arrêté 5 ans', decision_date: plusMonths(today, -5 * 12 + 2), duration_years: 5 }), 201);
  assert.equal(dueIn5.renewal_due, true);
  const later = await ok(await post({ decision_reference: 'Arrêté plus tard', decision_date: plusMonths(today, -15 * 12 + 13) }), 201);
  assert.equal(later.renewal_due, false, 'renewal in 13 months is not yet due');
  const overdue = await ok(await post({ decision_reference: 'Arrêté échu', decision_date: plusMonths(today, -15 * 12 - 1) }), 201);
  assert.equal(overdue.renewal_due, true, 'a renewal date already past is due');
  made.due = { dueSoon, dueIn5, later, overdue, old };

  const read = await detail(e.id);
  assert.equal(read.authorisations.length, 7);
  const shown = read.authorisations.find((a) => a.id === dueSoon.id);
  assert.deepEqual(shown, dueSoon);

  const before = await detail(e.id);
  await problem(await post({ decision_reference: 'Zéro', decision_date: '2020-01-01', duration_years: 0 }), 422, ['duration_years']);
  await problem(await post({ decision_reference: 'Trop long', decision_date: '2020-01-01', duration_years: 31 }), 422, ['duration_years']);
  await problem(await post({ decision_reference: 'Date', decision_date: '2020-02-30' }), 422, ['decision_date']);
  await problem(await post({ decision_date: '2020-01-01' }), 422, ['decision_reference']);
  await problem(await post({ decision_reference: 'Champ', decision_date: '2020-01-01', renewal_date: '2021-01-01' }), 422, ['renewal_date']);
  assert.deepEqual(await detail(e.id), before, 'nothing written');
});

test('the alerts list the renewals due within 12 months for the director\'s organisation only', async () => {
  const today = isoToday();
  const inOneYear = plusMonths(today, 12);
  // One due on the IME (establishment 1), one due in organisation 2.
  const ime = await ok(await as('admin', '/api/v1/establishments/1/authorisations', {
    json: { decision_reference: 'Arrêté IME renouvellement', decision_date: plusMonths(today, -15 * 12 + 4) },
  }), 201);
  made.imeAlert = ime;
  const org2 = await ok(await as('directeur2', '/api/v1/establishments/13/authorisations', {
    json: { decision_reference: 'Arrêté Horizon', decision_date: plusMonths(today, -15 * 12 + 5) },
  }), 201);
  made.org2Alert = org2;

  const mine = (await ok(await as('directrice', '/api/v1/establishments/alerts'))).items;
  const ids = mine.map((a) => a.id);
  for (const a of [ime, made.due.dueSoon, made.due.dueIn5, made.due.overdue]) assert.ok(ids.includes(a.id), a.decision_reference);
  for (const a of [made.due.later, made.due.old, org2]) assert.ok(!ids.includes(a.id), a.decision_reference);
  for (const a of mine) {
    assert.equal(a.renewal_due, true);
    assert.ok(a.renewal_date <= inOneYear, `${a.renewal_date} within 12 months`);
    assert.ok(a.establishment_id >= 1 && a.establishment_name);
    assert.ok(![13, 14, made.platformOrg2.id].includes(a.establishment_id), 'only organisation 1');
  }
  const imeItem = mine.find((a) => a.id === ime.id);
  assert.equal(imeItem.establishment_id, 1);
  assert.equal(imeItem.establishment_name, 'IME Les Tilleuls');

  const theirs = (await ok(await as('directeur2', '/api/v1/establishments/alerts'))).items;
  assert.ok(theirs.some((a) => a.id === org2.id));
  assert.ok(theirs.every((a) => a.establishment_id === 13 || a.establishment_id === 14 || a.establishment_id === made.platformOrg2.id));
  assert.ok(!theirs.some((a) => a.id === ime.id));
  await problem(await as('financeur', '/api/v1/establishments/alerts'), 403);
});

test('an establishment-scoped educator sees the alerts of establishment 1 only', async () => {
  const items = (await ok(await as('educateur', '/api/v1/establishments/alerts'))).items;
  assert.ok(items.some((a) => a.id === made.imeAlert.id),
    `the educator of IME Les Tilleuls sees its renewal alert; got ${JSON.stringify(items.map((a) => [a.id, a.establishment_id]))}`);
  assert.ok(items.every((a) => a.establishment_id === 1), 'nothing from the other establishments');
});

test('the quality manager, who reads the whole organisation, sees the same alerts as the director', async () => {
  const director = (await ok(await as('directrice', '/api/v1/establishments/alerts'))).items.map((a) => a.id);
  const quality = (await ok(await as('qualite', '/api/v1/establishments/alerts'))).items.map((a) => a.id);
  assert.ok(director.length > 0);
  assert.deepEqual(quality, director);
});

// ---------------------------------------------------------------------------------------------
// List filters

test('the list filters by category, funder, brick and text (accents and case ignored)', async () => {
  const noBricks = await create({ name: 'IME Sans Brique', bricks: [], funders: ['departement'], city: 'Oullins', postal_code: '69600' });
  const ime = await ok(await as('admin', '/api/v1/establishments?category=183&limit=200'));
  assert.ok(ime.items.every((e) => e.category_code === '183'));
  assert.deepEqual(demoOnly(ime.items.map((e) => e.id)), [1]);
  assert.ok(ime.items.some((e) => e.id === noBricks.id));

  const departement = await ok(await as('admin', '/api/v1/establishments?funder=departement&limit=200'));
  assert.ok(departement.items.every((e) => e.funders.includes('departement')));
  assert.deepEqual(demoOnly(departement.items.map((e) => e.id)), [5, 7, 8, 9, 11, 12]);
  assert.deepEqual(demoOnly(await listIds('admin', 'funder=ars')), [1, 2, 3, 4, 6, 7, 9, 10, 11, 12]);

  const steering = await listIds('admin', 'brick=steering');
  assert.deepEqual(demoOnly(steering), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.ok(!steering.includes(noBricks.id), 'an establishment without the brick is left out');
  assert.ok((await listIds('admin', 'brick=steering&funder=departement&category=500')).length === 1, 'filters combine');

  const villeurbanne = await listIds('admin', 'q=VILLEURBANNE');
  assert.deepEqual(demoOnly(villeurbanne), [1, 2, 8]);
  assert.ok(villeurbanne.includes(made.sessad.id));
  assert.deepEqual(await listIds('admin', 'q=VILLEURBANNE', 1), villeurbanne, 'the cursor keeps the filter');
  assert.deepEqual(demoOnly(await listIds('admin', 'q=tilleul')), [1, 2]);
  const accented = await listIds('admin', `q=${encodeURIComponent('Écully')}`);
  assert.deepEqual(demoOnly(accented), [10]);
  assert.deepEqual(await listIds('admin', 'q=ecully'), accented);
  assert.deepEqual(await listIds('admin', 'q=ECULLY'), accented);
  assert.ok(accented.includes(made.lilas.id), 'the city changed by PATCH is searched');
  assert.deepEqual(demoOnly(await listIds('admin', `q=${encodeURIComponent('vénissieux')}`)), [4]);
  assert.deepEqual(demoOnly(await listIds('admin', `q=${encodeURIComponent('  Venissieux ')}`)), [4]);
  const finessIme = (await detail(1)).finess_et;
  assert.deepEqual(await listIds('admin', `q=${finessIme}`), [1]);
  assert.deepEqual(await listIds('admin', 'q=introuvable-nulle-part'), []);
  // The organisation filter is the platform's; an organisation's caller stays in its own.
  assert.deepEqual(demoOnly(await listIds('admin', 'organisation=2')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
});

test('bad filter values are a 400 naming the parameter', async () => {
  await problem(await as('admin', '/api/v1/establishments?category=999'), 400, ['category']);
  await problem(await as('admin', '/api/v1/establishments?funder=cpam'), 400, ['funder']);
  await problem(await as('admin', '/api/v1/establishments?brick=persons'), 400, ['brick']);
  await problem(await as('admin', `/api/v1/establishments?q=${'x'.repeat(101)}`), 400, ['q']);
  await problem(await as('admin', '/api/v1/establishments?category=999&funder=cpam'), 400, ['category', 'funder']);
});

test('an include_archived value other than true or false is a 400 naming it', async () => {
  await problem(await as('admin', '/api/v1/establishments?include_archived=oui'), 400, ['include_archived']);
});

// ---------------------------------------------------------------------------------------------
// Access

test('an educator of establishment 1 lists and reads only establishment 1, and cannot change it', async () => {
  assert.deepEqual(await listIds('educateur'), [1]);
  assert.deepEqual(await listIds('educateur', 'include_archived=true'), [1]);
  assert.deepEqual(await listIds('educateur', 'q=tilleul'), [1]);
  assert.equal((await detail(1, 'educateur')).name, 'IME Les Tilleuls');
  const unknown = await problem(await as('educateur', '/api/v1/establishments/99999999'), 404);
  for (const path of ['/api/v1/establishments/2', '/api/v1/establishments/2/history', '/api/v1/establishments/2/capacity',
    '/api/v1/establishments/13']) {
    const p = await problem(await as('educateur', path), 404);
    assert.equal(p.detail, unknown.detail);
  }
  const before = await detail(1);
  await problem(await as('educateur', '/api/v1/establishments/1', { method: 'PATCH', json: { name: 'Piraté' } }), 403);
  await problem(await addCapacity(1, { care_mode: '11', status: 'authorised', places: 99, effective_from: '2040-01-01' }, 'educateur'), 403);
  await problem(await as('educateur', '/api/v1/establishments/1/archive', { method: 'POST' }), 403);
  await problem(await as('educateur', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: 'Par un éducateur', category_code: '183' },
  }), 403);
  assert.deepEqual(await detail(1), before, 'nothing written');
});

test('an external reader has no access to the establishments brick', async () => {
  await problem(await as('financeur', '/api/v1/establishments'), 403);
  await problem(await as('financeur', '/api/v1/establishments/1'), 403);
});

test('another organisation\'s establishment is a 404 identical to an unknown id, for every route', async () => {
  const routes = (id) => [
    ['GET', `/api/v1/establishments/${id}`],
    ['PATCH', `/api/v1/establishments/${id}`, { name: 'Autre' }],
    ['GET', `/api/v1/establishments/${id}/history`],
    ['GET', `/api/v1/establishments/${id}/capacity?date=2024-01-01`],
    ['GET', `/api/v1/establishments/${id}/place-days?from=2024-01-01&to=2024-12-31`],
    ['POST', `/api/v1/establishments/${id}/capacities`, { care_mode: '11', status: 'authorised', places: 5, effective_from: '2040-01-01' }],
    ['PATCH', `/api/v1/establishments/${id}/capacities/1`, { effective_to: '2040-01-01' }],
    ['POST', `/api/v1/establishments/${id}/authorisations`, { decision_reference: 'X', decision_date: '2020-01-01' }],
    ['PUT', `/api/v1/establishments/${id}/calendar`, { care_mode: '11', year: 2024, days_open: 200 }],
    ['POST', `/api/v1/establishments/${id}/closures`, { date_from: '2024-01-01', date_to: '2024-01-02', reason: 'X' }],
    ['POST', `/api/v1/establishments/${id}/sites`, { name: 'X' }],
    ['POST', `/api/v1/establishments/${id}/archive`, {}],
  ];
  const same = (p) => ({ type: p.type, title: p.title, status: p.status, detail: p.detail, errors: p.errors });
  const beforeIme = await detail(1);
  const beforeOther = await ok(await op('/api/v1/establishments/13'));
  for (const [who, foreign] of [['directeur2', 1], ['admin', 13], ['directrice', 14]]) {
    const unknown = routes(99999999);
    const theirs = routes(foreign);
    for (let i = 0; i < theirs.length; i++) {
      const [method, path, json] = theirs[i];
      const init = json ? { method, json } : { method };
      const a = same(await problem(await as(who, path, init), 404));
      const b = same(await problem(await as(who, unknown[i][1], init), 404));
      assert.deepEqual(a, b, `${who} ${method} ${path} looks like an unknown id`);
    }
  }
  assert.deepEqual(await detail(1), beforeIme, 'nothing written on establishment 1');
  assert.deepEqual(await ok(await op('/api/v1/establishments/13')), beforeOther, 'nothing written on establishment 13');
  for (const id of ['0', '-1', 'abc', '1%20OR%201=1', '9'.repeat(30)])
    await problem(await as('admin', `/api/v1/establishments/${id}`), 404);
});

// ---------------------------------------------------------------------------------------------
// The organisation's record

test('the organisation administrator changes the address and DPO contact; bad values are refused', async () => {
  const before = await ok(await as('admin', '/api/v1/organisations/1'));
  const change = {
    address_line: '5 place Bellecour', postal_code: '69002', city: 'Lyon 2e',
    dpo_name: 'Hélène Garnier', dpo_email: 'dpo@passerelles-rhone.demo', dpo_phone: '04 72 00 00 00',
  };
  const updated = await ok(await as('admin', '/api/v1/organisations/1', { method: 'PATCH', json: change }));
  for (const [key, value] of Object.entries(change)) assert.equal(updated[key], value, key);
  assert.equal(updated.name, before.name, 'fields not sent are kept');
  const read = await ok(await as('directrice', '/api/v1/organisations/1'));
  assert.deepEqual(read, updated);

  const patch = (json, who = 'admin', id = 1) => as(who, `/api/v1/organisations/${id}`, { method: 'PATCH', json });
  await problem(await patch({ postal_code: '6900' }), 422, ['postal_code']);
  await problem(await patch({ postal_code: '69OO2' }), 422, ['postal_code']);
  await problem(await patch({ dpo_email: 'pas-une-adresse' }), 422, ['dpo_email']);
  await problem(await patch({ finess_ej: '010001262' }), 422, ['finess_ej']);
  await problem(await patch({ legal_status: 'association' }), 422, ['legal_status']);
  await problem(await patch({ website: 'https://exemple.fr' }), 422, ['website']);
  await problem(await as('admin', '/api/v1/organisations/1', {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"city":',
  }), 400, ['body']);
  await problem(await patch({ city: 'Ailleurs' }, 'admin', 2), 404);
  await problem(await patch({ city: 'Ailleurs' }, 'directeur2', 1), 404);
  await problem(await patch({ city: 'Ailleurs' }, 'educateur', 1), 403);
  assert.deepEqual(await ok(await as('admin', '/api/v1/organisations/1')), updated, 'nothing written');
  const other = await ok(await op('/api/v1/organisations/2'));
  assert.notEqual(other.city, 'Ailleurs');
  made.organisationChange = change;
});

// ---------------------------------------------------------------------------------------------
// Audit trail (read last, as the demo DPO, after every write above)

test('every write of the brick is in the audit trail, with the account and the fields changed', async () => {
  const creates = (await auditEvents('create')).filter((e) => e.object_type === 'establishment');
  const created = (id) => creates.find((e) => e.object_id === String(id));
  for (const e of [made.sessad, made.lilas, made.capacity, made.archived, made.authorisations]) {
    const event = created(e.id);
    assert.ok(event, `creation of ${e.id} is audited`);
    assert.equal(event.account, emails.admin);
    assert.equal(event.outcome, 'success');
    assert.equal(event.organisation_id, 1);
    assert.equal(event.establishment_id, e.id);
  }
  assert.equal(created(made.byPlatform.id)?.account, 'operator', 'the platform\'s creation is audited');
  assert.equal(created(made.platformOrg2.id), undefined, 'the DPO of organisation 1 does not see organisation 2');

  const updates = await auditEvents('update');
  const of = (type, id) => updates.filter((e) => e.object_type === type && e.object_id === String(id));
  const lilas = of('establishment', made.lilas.id);
  assert.ok(lilas.some((e) => e.fields.includes('name') && e.account === emails.admin));
  assert.ok(lilas.some((e) => e.fields.includes('city') && e.account === emails.directrice));
  assert.ok(lilas.some((e) => e.fields.includes('sites')));
  const capacity = of('establishment', made.capacity.id);
  assert.ok(capacity.filter((e) => e.fields.includes('capacity')).length >= 7, 'capacity additions and closings');
  assert.ok(of('establishment', made.authorisations.id).filter((e) => e.fields.includes('authorisations')).length >= 7);
  assert.ok(of('establishment', 1).some((e) => e.fields.includes('authorisations')));
  const organisation = of('organisation', 1);
  assert.ok(organisation.some((e) => ['address_line', 'postal_code', 'city', 'dpo_name', 'dpo_email', 'dpo_phone']
    .every((f) => e.fields.includes(f)) && e.account === emails.admin), JSON.stringify(organisation));
  // Audit events name fields, never values.
  assert.ok(!JSON.stringify(organisation).includes(made.organisationChange.dpo_phone));

  const archives = (await auditEvents('archive')).filter((e) => e.object_type === 'establishment');
  assert.deepEqual(archives.map((e) => e.object_id), [String(made.archived.id)], 'archived once');
  // A calendar or closure of the calendar establishment is audited too.
  assert.ok(updates.some((e) => e.fields.some((f) => f.startsWith('calendar '))));
  assert.ok(updates.some((e) => e.fields.includes('closures')));

  const verify = await ok(await as('dpo', '/api/v1/audit/verify'));
  assert.equal(verify.intact, true);
});
