// The persons brick (identity of the people supported, stays) on the real binary with the demo data:
// creation and its strict validation (names, sex, birth date, NIR and its consistency, identity
// status), likely-duplicate detection, search, stays (admission, overlap, discharge), access by role,
// establishment and organisation, and the audit trail of every read.
// Every refused write is checked to have written nothing (search count or stays unchanged).
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
  dpo: 'dpo@passerelles-rhone.demo',
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

// A problem+json answer with this status; `fields`, when given, must all be named in errors.
async function problem(response, status, fields) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 600)}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  for (const key of ['type', 'title', 'status', 'detail', 'errors']) assert.ok(key in body, `problem has ${key}`);
  assert.equal(body.status, status);
  if (fields) {
    const named = body.errors.map((e) => e.field);
    for (const f of fields) assert.ok(named.includes(f), `${f} named in ${text}`);
  }
  return body;
}

// A NIR from its first 13 characters (2A → 19, 2B → 18 for the key).
function nir(thirteen) {
  const digits = thirteen.replace('2A', '19').replace('2B', '18');
  const key = 97n - (BigInt(digits) % 97n);
  return thirteen + String(key).padStart(2, '0');
}

// Every person organisation 1's director can see (the whole organisation).
async function allPersons(who = 'directrice', query = '') {
  const items = [];
  let cursor = null;
  do {
    const sep = query ? '&' : '';
    const page = await ok(await as(who, `/api/v1/persons?${query}${sep}limit=100` + (cursor ? `&cursor=${cursor}` : '')));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}
const personCount = async () => (await allPersons()).length;
const searchIds = async (who, query) => (await allPersons(who, query)).map((p) => p.id);

let serial = 0;
// A valid identity with names nobody else has (letters only: serial spelled as letters).
function uniqueName() {
  let n = ++serial;
  let s = '';
  do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
  return s;
}
function identity(fields = {}) {
  const u = uniqueName();
  return {
    establishment_id: 1, birth_name: `Testnom${u}`, first_names: [`Prenom${u}`], sex: 'F', birth_date: '1990-04-12',
    ...fields,
  };
}
const create = (json, who = 'secretaire') => as(who, '/api/v1/persons', { json });

const made = {};

// ---------------------------------------------------------------------------------------------
// Creation

test('the secretary creates a person and reads it back', async () => {
  const before = await personCount();
  const json = {
    establishment_id: 1, birth_name: 'Dupont', used_name: 'Durand', first_names: ['Marie', 'Élodie'],
    used_first_name: 'Marie', sex: 'F', birth_date: '1953-07-14', birth_place: '2B073',
    nir: '253072B07300470', identity_status: 'VALI', identity_document: 'carte nationale d\'identité',
  };
  const response = await create(json);
  const p = await ok(response, 201);
  assert.equal(response.headers.get('location'), `/api/v1/persons/${p.id}`);
  made.marie = p;
  const back = await ok(await as('secretaire', `/api/v1/persons/${p.id}`));
  for (const [k, v] of Object.entries(json)) if (k !== 'establishment_id') assert.deepEqual(back[k], v, k);
  assert.equal(back.registered_establishment_id, 1);
  assert.equal(back.organisation_id, 1);
  assert.deepEqual(back.stays, []);
  assert.equal(await personCount(), before + 1);
});

test('a year-only birth date, a 2A birth place and a computed NIR are accepted', async () => {
  const p = await ok(await create(identity({
    birth_name: 'Santoni', first_names: ['Paul'], sex: 'M', birth_date: '1961', birth_place: '2A004',
    nir: nir('161092A004123'),
  })), 201);
  assert.equal(p.birth_date, '1961');
  assert.equal(p.nir, nir('161092A004123'));
  assert.equal(p.identity_status, 'PROV');
  made.santoni = p;
});

test('every bad input is refused naming its field, and nothing is written', async () => {
  const today = new Date();
  const tomorrow = new Date(today.getTime() + 2 * 86400000).toISOString().slice(0, 10);
  const cases = [
    ['invalid NIR key', { sex: 'M', birth_date: '1985-05-01', nir: '185057800608436' }, 422, ['nir']],
    ['NIR of a man for a woman', { sex: 'F', birth_date: '1985-05-01', nir: nir('1850578006084') }, 422, ['nir']],
    ['NIR of a woman for a man', { sex: 'M', birth_date: '1969-05-01', nir: '269054958815780' }, 422, ['nir']],
    ['NIR year ≠ birth year', { sex: 'F', birth_date: '1970-05-01', nir: '269054958815780' }, 422, ['nir']],
    ['NIR month ≠ birth month', { sex: 'F', birth_date: '1969-06-01', nir: '269054958815780' }, 422, ['nir']],
    ['NIR year ≠ year-only birth date', { sex: 'F', birth_date: '1968', nir: '269054958815780' }, 422, ['nir']],
    ['NIR too short', { nir: '26905495881578' }, 422, ['nir']],
    ['NIR with letters', { nir: '2690549588157X0' }, 422, ['nir']],
    ['birth date in the future', { birth_date: tomorrow }, 422, ['birth_date']],
    ['birth year in the future', { birth_date: String(today.getUTCFullYear() + 1) }, 422, ['birth_date']],
    ['2023-02-30', { birth_date: '2023-02-30' }, 422, ['birth_date']],
    ['2023-13-01', { birth_date: '2023-13-01' }, 422, ['birth_date']],
    ['French date format', { birth_date: '12/04/1990' }, 422, ['birth_date']],
    ['before 1900', { birth_date: '1850-01-01' }, 422, ['birth_date']],
    ['birth_name with a control character', { birth_name: 'Dup\u0001ont' }, 422, ['birth_name']],
    ['birth_name with a newline', { birth_name: 'Dup\nont' }, 422, ['birth_name']],
    ['birth_name with a C1 control character (U+0085)', { birth_name: 'Dup\u0085ont' }, 422, ['birth_name']],
    ['birth_name of 10,000 characters', { birth_name: 'a'.repeat(10000) }, 422, ['birth_name']],
    ['birth_name with digits', { birth_name: 'Dupont2' }, 422, ['birth_name']],
    ['birth_name with a non-ASCII digit (U+0663)', { birth_name: 'Dupont\u0663' }, 422, ['birth_name']],
    ['a first name with a C1 control character (U+009B)', { first_names: ['Ma\u009Brie'] }, 422, ['first_names/0']],
    ['birth_name empty', { birth_name: '' }, 422, ['birth_name']],
    ['birth_name blank', { birth_name: '   ' }, 422, ['birth_name']],
    ['birth_name missing', { birth_name: undefined }, 422, ['birth_name']],
    ['birth_name a number', { birth_name: 42 }, 422, ['birth_name']],
    ['used_name with digits', { used_name: 'Durand3' }, 422, ['used_name']],
    ['used_first_name with a control character', { used_first_name: 'Ma\u0007rie' }, 422, ['used_first_name']],
    ['first_names empty', { first_names: [] }, 422, ['first_names']],
    ['first_names missing', { first_names: undefined }, 422, ['first_names']],
    ['first_names not an array', { first_names: 'Marie' }, 422, ['first_names']],
    ['a first name with digits', { first_names: ['Marie', 'Jean2'] }, 422, ['first_names/1']],
    ['a first name of 10,000 characters', { first_names: ['b'.repeat(10000)] }, 422, ['first_names/0']],
    ['a first name with a control character', { first_names: ['Ma\u0000rie'] }, 422, ['first_names/0']],
    ['a first name not a string', { first_names: [7] }, 422, ['first_names/0']],
    ['a blank first name', { first_names: ['  '] }, 422, ['first_names/0']],
    ['eleven first names', { first_names: Array(11).fill('Anne') }, 422, ['first_names']],
    ['unknown sex', { sex: 'X' }, 422, ['sex']],
    ['lower-case sex', { sex: 'f' }, 422, ['sex']],
    ['birth place not INSEE', { birth_place: '2C004' }, 422, ['birth_place']],
    ['birth place too short', { birth_place: '6912' }, 422, ['birth_place']],
    ['unknown identity status', { identity_status: 'VALIDE' }, 422, ['identity_status']],
    ['VALI without identity_document', { identity_status: 'VALI' }, 422, ['identity_document']],
    ['QUAL without NIR', { identity_status: 'QUAL', identity_document: 'passeport' }, 422, ['nir']],
    ['RECUP without NIR', { identity_status: 'RECUP' }, 422, ['nir']],
    ['unknown field', { nickname: 'Mimi' }, 422, ['nickname']],
    ['establishment_id missing', { establishment_id: undefined }, 422, ['establishment_id']],
    ['establishment_id a string', { establishment_id: '1' }, 422, ['establishment_id']],
    ['establishment of organisation 2', { establishment_id: 13 }, 422, ['establishment_id']],
    ['confirm_duplicate not a boolean', { confirm_duplicate: 'yes' }, 422, ['confirm_duplicate']],
  ];
  const before = await personCount();
  const failures = [];
  for (const [name, fields, status, named] of cases) {
    const response = await create(identity(fields));
    try { await problem(response, status, named); } catch (e) { failures.push(`${name}: ${e.message}`); }
  }
  // Malformed JSON, a JSON array, the wrong content type.
  await problem(await as('secretaire', '/api/v1/persons', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"birth_name": "Dupont",',
  }), 400, ['body']);
  await problem(await as('secretaire', '/api/v1/persons', { json: [identity()] }), 422, ['body']);
  const wrongType = await as('secretaire', '/api/v1/persons', {
    method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(identity()),
  });
  assert.equal(wrongType.status, 415);
  assert.deepEqual(failures, []);
  assert.equal(await personCount(), before, 'nothing written');
});

// auth::require answers 404 (not 403) for an establishment outside the caller's grant: ids are not probed.
test('the secretary cannot create in an establishment she is not granted on (404), nothing written', async () => {
  const before = await personCount();
  await problem(await create(identity({ establishment_id: 2 })), 404);
  assert.equal(await personCount(), before);
});

test('names whose third byte falls inside a non-folded letter (Kołodziej, Anđela) are created', async () => {
  // The duplicate lookup takes the first 3 *bytes* of the normalised name: on PostgreSQL a cut
  // UTF-8 sequence in a query parameter is an error.
  const p = await ok(await create(identity({ birth_name: 'Kołodziej', first_names: ['Anđela'], birth_date: '1988-08-08' })), 201);
  assert.ok((await searchIds('secretaire', `q=${encodeURIComponent('kołodziej')}`)).includes(p.id));
});

// ---------------------------------------------------------------------------------------------
// Duplicates

test('the same names and birth date are a possible duplicate (409), with accent, case and hyphen variants', async () => {
  const base = await ok(await create({
    establishment_id: 1, birth_name: 'Dupont-Martin', first_names: ['Élodie', 'Anne'], sex: 'F', birth_date: '2001-03-09',
  }), 201);
  made.elodie = base;
  const before = await personCount();
  const variants = [
    ['exact', { birth_name: 'Dupont-Martin', first_names: ['Élodie'] }],
    ['lower case, space, no accent', { birth_name: 'dupont martin', first_names: ['elodie'] }],
    ['upper case', { birth_name: 'DUPONT-MARTIN', first_names: ['ÉLODIE'] }],
    ['apostrophe and double space', { birth_name: "Dupont'Martin", first_names: ['Elodie'] }],
    ['inverted names', { birth_name: 'Élodie', first_names: ['Dupont-Martin'] }],
  ];
  for (const [name, fields] of variants) {
    const body = await problem(await create({ establishment_id: 1, sex: 'F', birth_date: '2001-03-09', ...fields }), 409,
      ['confirm_duplicate']);
    assert.match(body.type, /\/problems\/possible-duplicate$/, name);
  }
  // A birth name shared but another first name and birth year: no duplicate.
  assert.equal(await personCount(), before, 'nothing written');
  const other = await ok(await create({
    establishment_id: 1, birth_name: 'Dupont-Martin', first_names: ['Zoé'], sex: 'F', birth_date: '1975-11-30',
  }), 201);
  assert.ok(other.id > base.id);
});

test('the same NIR is a duplicate whatever the names', async () => {
  const before = await personCount();
  const body = await problem(await create({
    establishment_id: 1, birth_name: 'Autrenom', first_names: ['Autre'], sex: 'F', birth_date: '1953-07-01',
    nir: '253072B07300470',
  }), 409, ['confirm_duplicate']);
  assert.match(body.type, /possible-duplicate/);
  assert.equal(await personCount(), before);
});

test('confirm_duplicate: true creates the duplicate, and /persons/duplicates lists the candidate (score ≥ 60)', async () => {
  const before = await personCount();
  const dup = await ok(await create({
    establishment_id: 1, birth_name: 'dupont martin', first_names: ['elodie'], sex: 'F', birth_date: '2001-03-09',
    confirm_duplicate: true,
  }), 201);
  assert.equal(await personCount(), before + 1);
  made.elodieDuplicate = dup;
  const list = await ok(await as('secretaire', `/api/v1/persons/duplicates?id=${dup.id}`));
  const candidate = list.candidates.find((c) => c.id === made.elodie.id);
  assert.ok(candidate, JSON.stringify(list));
  assert.ok(candidate.score >= 60, `score ${candidate.score}`);
  assert.ok(Array.isArray(candidate.reasons) && candidate.reasons.length > 0);
  assert.ok(!list.candidates.some((c) => c.id === dup.id), 'not its own duplicate');
  // And the other way round.
  const back = await ok(await as('secretaire', `/api/v1/persons/duplicates?id=${made.elodie.id}`));
  assert.ok(back.candidates.some((c) => c.id === dup.id && c.score >= 60), JSON.stringify(back));
  await problem(await as('secretaire', '/api/v1/persons/duplicates'), 400, ['id']);
  await problem(await as('secretaire', '/api/v1/persons/duplicates?id=999999'), 404);
});

// ---------------------------------------------------------------------------------------------
// Search

test('search: every word starts a name, in either order, accent- and case-insensitive; by birth date and NIR', async () => {
  const id = made.marie.id;
  for (const q of ['mar dup', 'dup mar', 'Dupont', 'DUPONT marie', 'élo', 'elodie dup', 'durand']) {
    const ids = await searchIds('secretaire', `q=${encodeURIComponent(q)}`);
    assert.ok(ids.includes(id), `"${q}" finds Marie Dupont`);
  }
  // A word must start a name: "pont" does not find Dupont; "dupontx" neither.
  for (const q of ['pont', 'dupontx', 'mar zzz']) {
    const ids = await searchIds('secretaire', `q=${encodeURIComponent(q)}`);
    assert.ok(!ids.includes(id), `"${q}" does not find Marie Dupont`);
  }
  // Accent-insensitive both ways: "Élodie" typed with its accent finds "elodie" written without.
  const elodies = await searchIds('secretaire', `q=${encodeURIComponent('ÉLODIE dupont-martin')}`);
  assert.ok(elodies.includes(made.elodie.id) && elodies.includes(made.elodieDuplicate.id), JSON.stringify(elodies));
  assert.ok(!elodies.includes(id));
  // By birth year, full date, NIR.
  assert.ok((await searchIds('secretaire', 'birth_date=1953')).includes(id));
  assert.ok((await searchIds('secretaire', 'birth_date=1953-07-14')).includes(id));
  assert.ok(!(await searchIds('secretaire', 'birth_date=1953-07-15')).includes(id));
  assert.ok((await searchIds('secretaire', 'q=dup&birth_date=1953')).includes(id));
  assert.ok(!(await searchIds('secretaire', 'q=dup&birth_date=1954')).includes(id));
  assert.deepEqual(await searchIds('secretaire', 'nir=253072B07300470'), [id]);
  assert.deepEqual(await searchIds('secretaire', 'nir=253072A07300443'), []);
  // The year-only person is found by its year.
  assert.ok((await searchIds('secretaire', 'birth_date=1961&q=santoni')).includes(made.santoni.id));
  // LIKE wildcards typed are not wildcards.
  assert.deepEqual(await searchIds('secretaire', `q=${encodeURIComponent('d_pont')}`), []);
  // Bad search parameters.
  await problem(await as('secretaire', '/api/v1/persons?birth_date=1953-02-30'), 400, ['birth_date']);
  await problem(await as('secretaire', '/api/v1/persons?nir=123'), 400, ['nir']);
  await problem(await as('secretaire', `/api/v1/persons?q=${'a'.repeat(101)}`), 400, ['q']);
});

// ---------------------------------------------------------------------------------------------
// Stays

test('stays: admission, overlap refused (409 naming admission_date), other care mode or establishment accepted', async () => {
  const p = await ok(await create(identity({ birth_name: 'Sejour', first_names: ['Lucas'], sex: 'M', birth_date: '2012-02-02' })), 201);
  made.sejour = p;
  const path = `/api/v1/persons/${p.id}/stays`;
  const stays = async () => (await ok(await as('secretaire', `/api/v1/persons/${p.id}`))).stays;

  const a = await ok(await as('secretaire', path, {
    json: { establishment_id: 1, care_mode: '11', admission_date: '2024-01-08', origin: 'home' },
  }), 201);
  assert.equal(a.person_id, p.id);
  assert.equal(a.discharge_date, null);
  made.stayA = a;

  const overlap = await problem(await as('secretaire', path, {
    json: { establishment_id: 1, care_mode: '11', admission_date: '2024-06-01', origin: 'family' },
  }), 409, ['admission_date']);
  assert.match(overlap.errors.find((e) => e.field === 'admission_date').message, /2024-01-08/);
  // An earlier stay still open would overlap too, and a closed one ending after the admission.
  await problem(await as('secretaire', path, {
    json: { establishment_id: 1, care_mode: '11', admission_date: '2023-01-01', origin: 'home', discharge_date: '2024-01-08' },
  }), 409, ['admission_date']);
  assert.equal((await stays()).length, 1, 'nothing written');

  // Same dates, another care mode: accepted.
  await ok(await as('secretaire', path, {
    json: { establishment_id: 1, care_mode: '13', admission_date: '2024-01-08', origin: 'home' },
  }), 201);
  // Same dates, another establishment (by the director, granted organisation-wide): accepted.
  await ok(await as('directrice', path, {
    json: { establishment_id: 2, care_mode: '11', admission_date: '2024-01-08', origin: 'establishment' },
  }), 201);
  // The secretary may not admit to establishment 2 (404: outside her grant).
  await problem(await as('secretaire', path, {
    json: { establishment_id: 2, care_mode: '13', admission_date: '2024-01-08', origin: 'home' },
  }), 404);
  // A closed stay before the open one does not overlap.
  await ok(await as('secretaire', path, {
    json: { establishment_id: 1, care_mode: '11', admission_date: '2023-01-01', origin: 'home', discharge_date: '2024-01-07' },
  }), 201);
  assert.equal((await stays()).length, 4);
});

test('stays: bad inputs are refused naming their field, nothing written', async () => {
  const path = `/api/v1/persons/${made.sejour.id}/stays`;
  const count = async () => (await ok(await as('secretaire', `/api/v1/persons/${made.sejour.id}`))).stays.length;
  const before = await count();
  const good = { establishment_id: 1, care_mode: '11', admission_date: '2030-01-01', origin: 'home' };
  const cases = [
    ['discharge before admission in the body', { admission_date: '2025-05-10', discharge_date: '2025-05-09' }, 422, ['discharge_date']],
    ['admission 2023-02-30', { admission_date: '2023-02-30' }, 422, ['admission_date']],
    ['unknown care mode', { care_mode: '99' }, 422, ['care_mode']],
    ['unknown origin', { origin: 'moon' }, 422, ['origin']],
    ['missing origin', { origin: undefined }, 422, ['origin']],
    ['unknown field', { room: '12' }, 422, ['room']],
    ['establishment of organisation 2', { establishment_id: 13 }, 422, ['establishment_id']],
  ];
  for (const [name, fields, status, named] of cases) {
    await problem(await as('directrice', path, { json: { ...good, ...fields } }), status, named).catch((e) => {
      throw new Error(`${name}: ${e.message}`);
    });
  }
  await problem(await as('secretaire', '/api/v1/persons/999999/stays', { json: good }), 404);
  assert.equal(await count(), before);
});

test('discharge: before admission → 422, then closed, then discharging twice → 409', async () => {
  const path = `/api/v1/persons/${made.sejour.id}/stays/${made.stayA.id}/discharge`;
  await problem(await as('secretaire', path, { json: { discharge_date: '2024-01-07', destination: 'home' } }), 422, ['discharge_date']);
  await problem(await as('secretaire', path, { json: { discharge_date: '2024-02-30', destination: 'home' } }), 422, ['discharge_date']);
  await problem(await as('secretaire', path, { json: { discharge_date: '2024-03-01', destination: 'mars' } }), 422, ['destination']);
  await problem(await as('secretaire', path, { json: { destination: 'home' } }), 422, ['discharge_date']);
  let stay = (await ok(await as('secretaire', `/api/v1/persons/${made.sejour.id}`))).stays.find((s) => s.id === made.stayA.id);
  assert.equal(stay.discharge_date, null, 'nothing written');

  const closed = await ok(await as('secretaire', path, {
    json: { discharge_date: '2024-03-01', destination: 'family', discharge_reason: 'retour en famille' },
  }));
  assert.equal(closed.discharge_date, '2024-03-01');
  assert.equal(closed.destination, 'family');
  assert.equal(closed.discharge_reason, 'retour en famille');
  await problem(await as('secretaire', path, { json: { discharge_date: '2024-04-01', destination: 'home' } }), 409);
  stay = (await ok(await as('secretaire', `/api/v1/persons/${made.sejour.id}`))).stays.find((s) => s.id === made.stayA.id);
  assert.equal(stay.discharge_date, '2024-03-01');
  // Now a new stay of the same kind after the discharge is accepted.
  await ok(await as('secretaire', `/api/v1/persons/${made.sejour.id}/stays`, {
    json: { establishment_id: 1, care_mode: '11', admission_date: '2024-03-02', origin: 'home' },
  }), 201);
  // An unknown stay id, and a stay of another person: 404.
  await problem(await as('secretaire', `/api/v1/persons/${made.sejour.id}/stays/999999/discharge`, {
    json: { discharge_date: '2024-04-01', destination: 'home' },
  }), 404);
  await problem(await as('secretaire', `/api/v1/persons/${made.marie.id}/stays/${made.stayA.id}/discharge`, {
    json: { discharge_date: '2024-04-01', destination: 'home' },
  }), 404);
});

// ---------------------------------------------------------------------------------------------
// Access

test('the educator can read and search but not create, admit or correct (403)', async () => {
  await ok(await as('educateur', `/api/v1/persons/${made.marie.id}`));
  assert.ok((await searchIds('educateur', 'q=dup')).includes(made.marie.id));
  const before = await personCount();
  await problem(await create(identity(), 'educateur'), 403);
  await problem(await as('educateur', `/api/v1/persons/${made.sejour.id}/stays`, {
    json: { establishment_id: 1, care_mode: '13', admission_date: '2031-01-01', origin: 'home' },
  }), 403);
  await problem(await as('educateur', `/api/v1/persons/${made.marie.id}`, { method: 'PATCH', json: { used_name: 'Autre' } }), 403);
  assert.equal(await personCount(), before);
  assert.equal((await ok(await as('secretaire', `/api/v1/persons/${made.marie.id}`))).used_name, 'Durand');
});

test('the external reader gets 403 on every persons route', async () => {
  await problem(await as('financeur', '/api/v1/persons'), 403);
  await problem(await as('financeur', `/api/v1/persons/${made.marie.id}`), 403);
  await problem(await as('financeur', `/api/v1/persons/duplicates?id=${made.marie.id}`), 403);
  await problem(await create(identity(), 'financeur'), 403);
});

test("organisation 2's director gets the same 404 on organisation 1's person as on an unknown id", async () => {
  const foreign = await problem(await as('directeur2', `/api/v1/persons/${made.marie.id}`), 404);
  const unknown = await problem(await as('directeur2', '/api/v1/persons/99999999'), 404);
  for (const k of ['type', 'title', 'detail', 'errors']) assert.deepEqual(foreign[k], unknown[k], k);
  await problem(await as('directeur2', `/api/v1/persons/duplicates?id=${made.marie.id}`), 404);
  await problem(await as('directeur2', `/api/v1/persons/${made.marie.id}`, { method: 'PATCH', json: { used_name: 'X' } }), 404);
  await problem(await as('directeur2', `/api/v1/persons/${made.sejour.id}/stays`, {
    json: { establishment_id: 13, care_mode: '11', admission_date: '2031-01-01', origin: 'home' },
  }), 404);
  assert.ok(!(await searchIds('directeur2', 'q=dup')).includes(made.marie.id));
  assert.ok(!(await searchIds('directeur2', 'nir=253072B07300470')).length);
});

test('a person opened in establishment 2 is invisible to the secretary of establishment 1 until admitted there', async () => {
  const p = await ok(await create({
    establishment_id: 2, birth_name: 'Ailleurs', first_names: ['Hugo'], sex: 'M', birth_date: '2010-10-10',
  }, 'directrice'), 201);
  const hidden = await problem(await as('secretaire', `/api/v1/persons/${p.id}`), 404);
  const unknown = await problem(await as('secretaire', '/api/v1/persons/99999999'), 404);
  assert.equal(hidden.detail, unknown.detail);
  assert.ok(!(await searchIds('secretaire', 'q=ailleurs')).includes(p.id));
  assert.ok(!(await searchIds('secretaire', 'birth_date=2010-10-10')).includes(p.id));
  assert.ok(!(await searchIds('educateur', 'q=ailleurs')).includes(p.id));
  await problem(await as('secretaire', `/api/v1/persons/duplicates?id=${p.id}`), 404);
  // She cannot admit it either (she does not see it).
  await problem(await as('secretaire', `/api/v1/persons/${p.id}/stays`, {
    json: { establishment_id: 1, care_mode: '11', admission_date: '2024-09-01', origin: 'establishment' },
  }), 404);
  // A duplicate she tries to create is refused without showing the hidden record.
  const dup = await problem(await create({
    establishment_id: 1, birth_name: 'Ailleurs', first_names: ['Hugo'], sex: 'M', birth_date: '2010-10-10',
  }), 409);
  assert.ok(!JSON.stringify(dup).includes('Hugo'), 'no detail of the hidden record');
  // The director admits the person to establishment 1: now the secretary sees it.
  await ok(await as('directrice', `/api/v1/persons/${p.id}/stays`, {
    json: { establishment_id: 1, care_mode: '11', admission_date: '2024-09-01', origin: 'establishment' },
  }), 201);
  const seen = await ok(await as('secretaire', `/api/v1/persons/${p.id}`));
  assert.equal(seen.registered_establishment_id, 2);
  assert.ok((await searchIds('secretaire', 'q=ailleurs')).includes(p.id));
});

test('PATCH corrects the identity with the same validation', async () => {
  const path = `/api/v1/persons/${made.santoni.id}`;
  await problem(await as('secretaire', path, { method: 'PATCH', json: { birth_name: 'Sant0ni' } }), 422, ['birth_name']);
  await problem(await as('secretaire', path, { method: 'PATCH', json: { sex: 'F' } }), 422, ['nir']);
  await problem(await as('secretaire', path, { method: 'PATCH', json: { shoe_size: 42 } }), 422, ['shoe_size']);
  assert.equal((await ok(await as('secretaire', path))).birth_name, 'Santoni');
  const patched = await ok(await as('secretaire', path, { method: 'PATCH', json: { used_name: 'Santoni-Rossi' } }));
  assert.equal(patched.used_name, 'Santoni-Rossi');
  assert.ok((await searchIds('secretaire', 'q=rossi')).includes(made.santoni.id));
});

// ---------------------------------------------------------------------------------------------
// Audit

test('every GET of a person is in the audit trail (read by the DPO)', async () => {
  const p = await ok(await create(identity({ birth_name: 'Audite', first_names: ['Lea'], birth_date: '1999-09-09' })), 201);
  const readers = ['secretaire', 'educateur', 'cheffe', 'directrice', 'secretaire'];
  for (const who of readers) await ok(await as(who, `/api/v1/persons/${p.id}`));
  const events = (await ok(await as('dpo', `/api/v1/audit?person=${p.id}&action=read&limit=200`))).items;
  const reads = events.filter((e) => e.action === 'read' && e.person_id === p.id);
  assert.equal(reads.length, readers.length, JSON.stringify(events));
  for (const e of reads) assert.equal(e.object_type, 'person');
  const accounts = new Set(reads.map((e) => e.account_id));
  assert.equal(accounts.size, 4);
  // A refused read (another organisation) is audited too, but not as a successful read of this person.
  await problem(await as('directeur2', `/api/v1/persons/${p.id}`), 404);
  const after = (await ok(await as('dpo', `/api/v1/audit?person=${p.id}&action=read&limit=200`))).items
    .filter((e) => e.outcome === 'success' || e.outcome === undefined);
  assert.ok(after.length >= readers.length);
});
