// Import of the persons supported from a spreadsheet (CSV here; the XLSX reader is the one the staff and
// establishments imports use): columns suggested from French headers, every line checked with the record
// form's rules and named "ligne N/<field>", all or nothing, likely duplicates stopped unless confirmed,
// re-import idempotent, rights by role, establishment and organisation, and the audit trail.
// The tests share one server and run in order (node --test --test-concurrency=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
const s = {};
let tilleuls; // establishment 1 (the secretary's)
let second;   // another establishment of the organisation

async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 800)}`);
  return text ? JSON.parse(text) : null;
}

async function problem(response, status, fields) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 800)}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  if (fields) {
    const named = body.errors.map((e) => e.field);
    for (const f of fields) assert.ok(named.includes(f), `${f} named in ${text.slice(0, 1500)}`);
  }
  return body;
}

const get = (who, path) => authed(server, s[who], path);
const post = (who, path, json) => authed(server, s[who], path, { json });
const csv = (lines) => Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8').toString('base64');
const importFile = (who, lines, extra = {}) => post(who, '/api/v1/persons/import', { file_base64: csv(lines), ...extra });

// A NIR from its first 13 characters.
function nir(thirteen) {
  const key = 97n - (BigInt(thirteen) % 97n);
  return thirteen + String(key).padStart(2, '0');
}

async function search(who, q) {
  const page = await ok(await get(who, `/api/v1/persons?q=${encodeURIComponent(q)}&limit=100`));
  return page.items;
}

const header = 'Nom de naissance;Prénoms;Sexe;Date de naissance;NIR;Établissement;Date d\'admission;Mode d\'accueil;Provenance';

before(async () => {
  server = await startServer({ demo: true });
  for (const [k, email] of [['director', 'directrice@passerelles-rhone.demo'], ['secretary', 'secretaire@passerelles-rhone.demo'],
    ['educator', 'educateur@passerelles-rhone.demo'], ['funder', 'financeur@ars-ara.demo'],
    ['foreign', 'directeur@horizon-loire.demo'], ['dpo', 'dpo@passerelles-rhone.demo']])
    s[k] = await signInDemo(server, email);
  const list = (await ok(await get('director', '/api/v1/establishments?limit=100'))).items;
  tilleuls = list.find((e) => e.id === 1);
  second = list.find((e) => e.id !== 1);
  assert.ok(tilleuls && second);
});
after(async () => { await server?.stop(); });

test('the preview suggests the columns from French headers, shows what a commit does, and writes nothing', async () => {
  const lines = [header,
    `Importnoma;Léa Marie;F;12/04/2008;;${tilleuls.finess_et};2025-09-01;Semi-internat;Domicile`,
    `Importnomb;Hugo;homme;2010-02-03;;${tilleuls.name};;;`];
  const preview = await ok(await importFile('director', lines));
  assert.equal(preview.committed, false);
  assert.deepEqual(preview.mapping, {
    birth_name: 'Nom de naissance', first_names: 'Prénoms', sex: 'Sexe', birth_date: 'Date de naissance', nir: 'NIR',
    establishment: 'Établissement', admission_date: 'Date d\'admission', care_mode: 'Mode d\'accueil', origin: 'Provenance',
  });
  assert.deepEqual(preview.errors, []);
  assert.deepEqual(preview.summary, { lines: 2, persons_created: 2, persons_existing: 0, stays_created: 1, stays_unchanged: 0 });
  assert.deepEqual(preview.rows.map((r) => [r.line, r.person, r.stay, r.person_id]), [[2, 'create', 'create', null], [3, 'create', 'none', null]]);
  assert.equal((await search('director', 'importnoma')).length, 0);
});

test('every bad line is named with its field, and the commit writes nothing at all', async () => {
  const lines = [header,
    `Importgood;Anne;F;1990-04-12;;${tilleuls.finess_et};2025-09-01;13;home`,          // 2: fine
    `Importbadnir;Anne;F;1990-04-12;${nir('2900469123045').slice(0, 13)}00;${tilleuls.finess_et};;;`, // 3: NIR key
    `Importsexnir;Anne;F;1990-04-12;${nir('1900469123045')};${tilleuls.finess_et};;;`, // 4: NIR says a man
    `Importfuture;Anne;F;2090-01-01;;${tilleuls.finess_et};;;`,                        // 5: born in the future
    `Import<b>x</b>;Anne;F;1990-04-12;;${tilleuls.finess_et};;;`,                       // 6: markup in a name
    `${'x'.repeat(5000)};Anne;F;1990-04-12;;${tilleuls.finess_et};;;`,                   // 7: 5,000 characters
    `Importsite;Anne;F;1990-04-12;;999999999;;;`,                                        // 8: unknown establishment
    `Importmode;Anne;F;1990-04-12;;${tilleuls.finess_et};2025-09-01;Téléportation;home`, // 9: unknown kind of care
    `Importnomode;Anne;F;1990-04-12;;${tilleuls.finess_et};2025-09-01;;home`,            // 10: admission without kind
    `Importsex;Anne;Z;1990-04-12;;${tilleuls.finess_et};;;`,                             // 11: unreadable sex
    `Robert'); DROP TABLE person;--;Anne;F;1990-04-12;;${tilleuls.finess_et};;;`,        // 12: injection as a name
    `Importdate;Anne;F;1990-04-12;;${tilleuls.finess_et};31/02/2025;13;home`,            // 13: no such day
    `Importbefore;Anne;F;2012-04-12;;${tilleuls.finess_et};2011-01-01;13;home`,          // 14: admitted before birth
    `Importnoname;;F;1990-04-12;;${tilleuls.finess_et};;;`,                              // 15: no first name
  ];
  const expected = ['ligne 3/nir', 'ligne 4/nir', 'ligne 5/birth_date', 'ligne 6/birth_name', 'ligne 7/birth_name',
    'ligne 9/care_mode', 'ligne 10/care_mode', 'ligne 11/sex', 'ligne 12/birth_name', 'ligne 13/admission_date',
    'ligne 14/admission_date', 'ligne 15/first_names'];
  const preview = await ok(await importFile('director', lines));
  const named = preview.errors.map((e) => e.field);
  for (const f of expected) assert.ok(named.includes(f), `${f} in ${JSON.stringify(preview.errors)}`);
  assert.ok(!named.some((f) => f.startsWith('ligne 2/')), 'the good line has no error');
  assert.equal(preview.error_count, preview.errors.length);
  await problem(await importFile('director', lines, { commit: true }), 422, expected);
  // The line-level checks passed except the establishment: the commit still refuses everything.
  const onlySite = [header, `Importgood;Anne;F;1990-04-12;;${tilleuls.finess_et};2025-09-01;13;home`,
    `Importsite;Anne;F;1990-04-12;;999999999;;;`];
  await problem(await importFile('director', onlySite, { commit: true }), 422, ['ligne 3/establishment']);
  assert.equal((await search('director', 'importgood')).length, 0);
  assert.equal((await search('director', 'importsite')).length, 0);
  // A missing required column: named as mapping/<field> in the preview, a 422 at commit.
  const noSex = await ok(await importFile('director', ['Nom;Prénom;Date de naissance;Établissement', `Importx;Anne;1990-04-12;${tilleuls.finess_et}`]));
  assert.ok(noSex.errors.some((e) => e.field === 'mapping/sex'), JSON.stringify(noSex.errors));
  await problem(await importFile('director', ['Nom;Prénom;Date de naissance;Établissement', `Importx;Anne;1990-04-12;${tilleuls.finess_et}`], { commit: true }), 422, ['mapping/sex']);
  await problem(await post('director', '/api/v1/persons/import', { file_base64: 'not base64 !!' }), 422, ['file_base64']);
  await problem(await post('director', '/api/v1/persons/import', { file_base64: csv(lines), commit: 'yes' }), 422, ['commit']);
});

test('a commit creates the records (identity « provisoire ») and their admissions; a second run changes nothing', async () => {
  const nirValue = nir('2080869123045');
  const lines = [header,
    `Importlea;Léa Marie;F;12/08/2008;${nirValue};${tilleuls.finess_et};2025-09-01;Semi-internat;Domicile`,
    `Importlea;Léa, Marie;F;2008-08-12;;${tilleuls.finess_et};2025-09-01;11;famille`, // same person, a second kind of care
    `Importhugo;Hugo;M;2010-02-03;;${second.name};;;`,
    `Importsansdate;Amadou;M;1975;;${second.finess_et};2024-03-04;14;hôpital`]; // born abroad: the year only
  const done = await ok(await importFile('director', lines, { commit: true }));
  assert.equal(done.committed, true);
  assert.deepEqual(done.summary, { lines: 4, persons_created: 3, persons_existing: 1, stays_created: 3, stays_unchanged: 0 });
  const [lea] = await search('director', 'importlea');
  assert.ok(lea);
  assert.equal(done.rows[0].person_id, lea.id);
  assert.equal(done.rows[1].person_id, lea.id);
  const record = await ok(await get('director', `/api/v1/persons/${lea.id}`));
  assert.deepEqual(record.first_names, ['Léa', 'Marie']);
  assert.equal(record.birth_date, '2008-08-12');
  assert.equal(record.nir, nirValue);
  assert.equal(record.identity_status, 'PROV');
  assert.deepEqual(record.stays.map((x) => [x.establishment_id, x.care_mode, x.admission_date, x.origin]).sort(),
    [[1, '11', '2025-09-01', 'family'], [1, '13', '2025-09-01', 'home']]);
  const [amadou] = await search('director', 'importsansdate');
  assert.equal((await ok(await get('director', `/api/v1/persons/${amadou.id}`))).birth_date, '1975');
  const history = await ok(await get('director', `/api/v1/persons/${lea.id}/history`));
  assert.ok(history.items.some((h) => h.field === 'stays'), JSON.stringify(history.items.slice(0, 3)));
  // Again: everything is recognised, nothing is added.
  const again = await ok(await importFile('director', lines, { commit: true }));
  assert.deepEqual(again.summary, { lines: 4, persons_created: 0, persons_existing: 4, stays_created: 0, stays_unchanged: 3 });
  assert.equal((await search('director', 'importlea')).length, 1);
  // The audit trail has the import and one creation per record.
  const events = async (query) => (await ok(await get('dpo', `/api/v1/audit?${query}&limit=200`))).items;
  assert.ok((await events('action=import')).some((e) => e.object_type === 'person'));
  const creates = (await events('action=create')).filter((e) => e.object_type === 'person' && e.person_id === lea.id);
  assert.equal(creates.length, 1);
});

test('a likely duplicate of an existing record stops the import unless confirmed; a NIR of another record never passes', async () => {
  const existing = await ok(await post('director', '/api/v1/persons', {
    establishment_id: 1, birth_name: 'Importdoublon', first_names: ['Jeanne'], sex: 'F', birth_date: '1961-05-06' }), 201);
  const near = [header, `Importdoublon;Jeane;F;1961-05-06;;${tilleuls.finess_et};;;`];
  const refused = await problem(await importFile('director', near, { commit: true }), 422, ['ligne 2/birth_name']);
  assert.match(refused.errors[0].message, /doublon probable/);
  assert.equal((await search('director', 'importdoublon')).length, 1);
  const confirmed = await ok(await importFile('director', near, { commit: true, confirm_duplicates: true }));
  assert.equal(confirmed.summary.persons_created, 1);
  assert.equal((await search('director', 'importdoublon')).length, 2);
  // The same person exactly is recognised (not a duplicate): admitted, not created again.
  const same = [header, `IMPORTDOUBLON;jeanne;F;06/05/1961;;${tilleuls.finess_et};2025-01-06;13;domicile`];
  const admitted = await ok(await importFile('director', same, { commit: true }));
  assert.deepEqual([admitted.summary.persons_existing, admitted.summary.stays_created], [1, 1]);
  assert.equal(admitted.rows[0].person_id, existing.id);
  // Likely duplicates inside the file itself are caught the same way.
  const inFile = [header, `Importjumeau;Paul;M;2001-01-01;;${tilleuls.finess_et};;;`, `Importjumeaux;Paul;M;2001-01-01;;${tilleuls.finess_et};;;`];
  await problem(await importFile('director', inFile, { commit: true }), 422, ['ligne 3/birth_name']);
  // A NIR already carried by another record, with another identity.
  const taken = nir('2080869123045');
  await problem(await importFile('director', [header, `Importautre;Zoé;F;2008-08-12;${taken};${tilleuls.finess_et};;;`],
    { commit: true, confirm_duplicates: true }), 422, ['ligne 2/nir']);
});

test('rights: professionals and funders may not import; the secretary only into her establishment; no other organisation', async () => {
  const lines = [header, `Importdroits;Anne;F;1990-04-12;;${second.finess_et};;;`];
  await problem(await importFile('educator', lines), 403);
  await problem(await importFile('funder', lines), 403);
  await problem(await importFile('secretary', lines, { commit: true }), 422, ['ligne 2/establishment']);
  const mine = await ok(await importFile('secretary', [header, `Importdroits;Anne;F;1990-04-12;;${tilleuls.finess_et};2025-02-03;13;home`], { commit: true }));
  assert.equal(mine.summary.persons_created, 1);
  // Another organisation's director cannot reach this organisation's establishments, by FINESS or by name.
  await problem(await importFile('foreign', [header, `Importailleurs;Anne;F;1990-04-12;;${tilleuls.finess_et};;;`], { commit: true }), 422, ['ligne 2/establishment']);
  await problem(await importFile('foreign', [header, `Importailleurs;Anne;F;1990-04-12;;${tilleuls.name};;;`], { commit: true }), 422, ['ligne 2/establishment']);
  assert.equal((await search('director', 'importailleurs')).length, 0);
});

test('a thousand lines in one commit, then the server keeps serving', async () => {
  const lines = [header];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < 1000; i++) {
    const tag = letters[i % 26] + letters[Math.floor(i / 26) % 26] + letters[Math.floor(i / 676) % 26];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(`Importmasse${tag};Prenom${tag};${i % 2 ? 'M' : 'F'};${1950 + (i % 60)}-${month}-${day};;${i % 3 ? tilleuls.finess_et : second.finess_et};2024-0${1 + (i % 9)}-02;${i % 2 ? '13' : '11'};home`);
  }
  const done = await ok(await importFile('director', lines, { commit: true }));
  assert.deepEqual(done.summary, { lines: 1000, persons_created: 1000, persons_existing: 0, stays_created: 1000, stays_unchanged: 0 });
  assert.equal(done.rows.length, 500);
  const found = await search('director', 'importmasseaaa');
  assert.equal(found.length, 1);
  // Records are written 500 at a time: lines on both sides of the boundaries are whole (record,
  // names searchable, admission, history, audit event).
  for (const i of [0, 1, 498, 499, 500, 501, 998, 999]) {
    const tag = letters[i % 26] + letters[Math.floor(i / 26) % 26] + letters[Math.floor(i / 676) % 26];
    const [person] = await search('director', `importmasse${tag}`);
    assert.ok(person, `line ${i + 1} searchable`);
    assert.equal(done.rows[i]?.person_id ?? person.id, person.id);
    const record = await ok(await get('director', `/api/v1/persons/${person.id}`));
    assert.deepEqual(record.first_names, [`Prenom${tag}`]);
    assert.deepEqual(record.stays.map((x) => [x.establishment_id, x.care_mode, x.admission_date]),
      [[i % 3 ? tilleuls.id : second.id, i % 2 ? '13' : '11', `2024-0${1 + (i % 9)}-02`]]);
    const history = (await ok(await get('director', `/api/v1/persons/${person.id}/history`))).items.map((h) => h.field).sort();
    assert.deepEqual(history, ['created', 'stays']);
    const audit = (await ok(await get('dpo', `/api/v1/audit?person=${person.id}&limit=50`))).items;
    assert.ok(audit.every((e) => e.person_id === person.id));
    assert.deepEqual(audit.map((e) => e.action).filter((a) => a === 'create' || a === 'admission').sort(), ['admission', 'create']);
  }
  assert.equal((await ok(await get('director', '/healthz'))).status, 'ok');
});
