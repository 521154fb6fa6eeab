// Import and export of establishments: round trips, encodings, separators, all-or-nothing,
// formula neutralisation, hostile files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { finess } from '../lib/finess.mjs';
import { startServer, api, jsonBody } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
let educator;

before(async () => {
  server = await startServer({ demo: true });
  educator = await signInDemo(server, 'educateur@passerelles-rhone.demo');
});
after(async () => { await server?.stop(); });

const importFile = (bytes, extra = {}) =>
  api(server, '/api/v1/establishments/import',
    jsonBody({ file_base64: Buffer.from(bytes).toString('base64'), organisation_id: 1, ...extra }));

async function body(response, status) {
  const text = await response.text();
  assert.equal(response.status, status, text.slice(0, 500));
  return JSON.parse(text);
}

async function establishments() {
  const r = await api(server, '/api/v1/establishments?organisation=1&limit=200&include_archived=true');
  return (await r.json()).items;
}


test('the CSV export opens in Excel: BOM, semicolons, authorised places per kind of care', async () => {
  const r = await api(server, '/api/v1/establishments/export?format=csv&organisation=1');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="etablissements-\d{4}-\d{2}-\d{2}\.csv"/);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.match(lines[0], /^N° FINESS ET;Nom;Catégorie;/);
  assert.equal(lines.length, 13);
  const header = lines[0].split(';');
  const ime = lines.find((l) => l.includes('IME Les Tilleuls')).split(';');
  assert.equal(ime[header.indexOf('Places autorisées — Hébergement complet / internat')], '24');
  assert.equal(ime[header.indexOf('Places autorisées — Semi-internat')], '51');
});

test('re-importing the export changes nothing, in CSV and in XLSX', async () => {
  const before = JSON.stringify(await establishments());
  for (const format of ['csv', 'xlsx']) {
    const file = Buffer.from(await (await api(server, `/api/v1/establishments/export?format=${format}&organisation=1`)).arrayBuffer());
    if (format === 'xlsx') assert.equal(file.subarray(0, 2).toString(), 'PK');
    const preview = await body(await importFile(file), 200);
    assert.equal(preview.committed, false);
    assert.deepEqual(preview.errors, []);
    assert.deepEqual(preview.summary, { create: 0, update: 0, unchanged: 12 });
    const commit = await body(await importFile(file, { commit: true }), 200);
    assert.deepEqual(commit.summary, { create: 0, update: 0, unchanged: 12 });
  }
  assert.equal(JSON.stringify(await establishments()), before);
});

test('a Windows-1252 file with commas is previewed, committed once, and changes nothing the second time', async () => {
  const a = finess('69000301'), b = finess('69000302');
  const csv = `Numéro FINESS,Raison sociale,Catégorie,Ville,Code postal,Financeur,Places internat,Places semi-internat\r\n` +
    `${a},Foyer de vie Les Érables,EANM,Lyon,69007,CD,"24",\r\n` +
    `${b},"SESSAD ""L'Envol"", antenne",SESSAD,Vénissieux,69200,ARS,,\r\n`;
  const bytes = Buffer.from(csv, 'latin1');
  const preview = await body(await importFile(bytes), 200);
  assert.equal(preview.mapping.finess_et, 'Numéro FINESS');
  assert.equal(preview.mapping['places:11'], 'Places internat');
  assert.equal(preview.mapping['places:13'], 'Places semi-internat');
  assert.deepEqual(preview.summary, { create: 2, update: 0, unchanged: 0 });
  assert.equal((await establishments()).length, 12, 'a preview writes nothing');
  const done = await body(await importFile(bytes, { commit: true, effective_from: '2026-01-01' }), 200);
  assert.deepEqual(done.summary, { create: 2, update: 0, unchanged: 0 });
  const all = await establishments();
  const foyer = all.find((e) => e.finess_et === a);
  assert.equal(foyer.name, 'Foyer de vie Les Érables');
  assert.equal(foyer.category_code, '449');
  assert.deepEqual(foyer.funders, ['departement']);
  assert.equal(all.find((e) => e.finess_et === b).name, 'SESSAD "L\'Envol", antenne');
  const capacity = await body(await api(server, `/api/v1/establishments/${foyer.id}/capacity?date=2026-06-01`), 200);
  assert.deepEqual(capacity.capacity.map((c) => [c.care_mode, c.status, c.value]), [['11', 'authorised', 24]]);
  const again = await body(await importFile(bytes, { commit: true, effective_from: '2026-01-01' }), 200);
  assert.deepEqual(again.summary, { create: 0, update: 0, unchanged: 2 });

  // A capacity change from a later date closes the running period and opens a new one.
  const changed = Buffer.from(csv.replace('"24"', '"28"'), 'latin1');
  const update = await body(await importFile(changed, { commit: true, effective_from: '2026-09-01' }), 200);
  assert.deepEqual(update.summary, { create: 0, update: 1, unchanged: 1 });
  const august = await body(await api(server, `/api/v1/establishments/${foyer.id}/capacity?date=2026-08-31`), 200);
  const september = await body(await api(server, `/api/v1/establishments/${foyer.id}/capacity?date=2026-09-01`), 200);
  assert.equal(august.capacity[0].value, 24);
  assert.equal(september.capacity[0].value, 28);
  const history = await body(await api(server, `/api/v1/establishments/${foyer.id}/history`), 200);
  assert.ok(history.items.some((h) => h.field === 'capacity' && /28 places du 2026-09-01/.test(h.new_value)));
});

test('one bad row refuses the whole file, naming the line and the field; nothing is written', async () => {
  const count = (await establishments()).length;
  const good = finess('69000401');
  const csv = [
    'N° FINESS ET;Nom;Catégorie;Places internat',
    `${good};Nouvel IME;IME;12`,
    '010001262;Clé fausse;IME;10',
    `${finess('69000402')};Catégorie inconnue;XYZ;10`,
    `${finess('69000403')};Places négatives;MAS;-3`,
    `${good};Doublon dans le fichier;IME;12`,
    `${finess('69000404')};;IME;1`,
  ].join('\n');
  const preview = await body(await importFile(csv), 200);
  const fields = preview.errors.map((e) => e.field);
  for (const f of ['ligne 3/finess_et', 'ligne 4/category_code', 'ligne 5/places:11', 'ligne 6/finess_et', 'ligne 7/name'])
    assert.ok(fields.includes(f), `${f} in ${fields}`);
  const refused = await body(await importFile(csv, { commit: true }), 422);
  assert.equal(refused.type, '/problems/import-rejected');
  assert.ok(refused.errors.length >= 5);
  assert.equal((await establishments()).length, count, 'nothing was written');
});

test('a missing column, a FINESS of another organisation, broken files and oversized uploads are refused', async () => {
  const count = (await establishments()).length;
  let p = await body(await importFile('Nom;Catégorie\nIME X;IME', { commit: true }), 422);
  assert.ok(p.errors.some((e) => e.field === 'mapping/finess_et'));
  p = await body(await importFile('N° FINESS;Nom;Catégorie\nx;y;z', { commit: true, mapping: { finess_et: 'Absente', name: 'Nom', category_code: 'Catégorie' } }), 422);
  assert.ok(p.errors.some((e) => e.field === 'mapping/finess_et'));
  // Organisation 2's establishments: same FINESS, other tenant.
  const foreign = (await (await api(server, '/api/v1/establishments?organisation=2')).json()).items[0];
  p = await body(await importFile(`N° FINESS;Nom;Catégorie\n${foreign.finess_et};Intrus;IME`, { commit: true }), 422);
  assert.equal(p.errors[0].field, 'ligne 2/finess_et');
  // A short row (missing column) in CSV.
  p = await body(await importFile(`N° FINESS;Nom;Catégorie\n${finess('69000501')};Court`, { commit: true }), 422);
  assert.match(JSON.stringify(p.errors), /ligne 2/);
  // A truncated XLSX.
  const xlsx = Buffer.from(await (await api(server, '/api/v1/establishments/export?format=xlsx&organisation=1')).arrayBuffer());
  p = await body(await importFile(xlsx.subarray(0, Math.floor(xlsx.length / 2)), { commit: true }), 422);
  // Not base64, not a table.
  await body(await api(server, '/api/v1/establishments/import', jsonBody({ file_base64: '***', organisation_id: 1 })), 422);
  const binary = Buffer.alloc(2000, 0);
  const r = await importFile(binary, { commit: true });
  assert.ok(r.status === 415 || r.status === 422, `binary file -> ${r.status}`);
  // 50 MB: over the request body limit.
  const huge = await api(server, '/api/v1/establishments/import', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ file_base64: 'A'.repeat(50 * 1024 * 1024), organisation_id: 1 }),
  });
  assert.equal(huge.status, 413);
  assert.equal((await establishments()).length, count);
  assert.equal((await fetch(server.base + '/healthz')).status, 200);
});

test('a formula typed into a name is stored as text and neutralised in the CSV export', async () => {
  const name = '=HYPERLINK("http://example.invalid","clic")';
  const created = await body(await api(server, '/api/v1/establishments',
    jsonBody({ organisation_id: 1, finess_et: finess('69000601'), name, category_code: '183' })), 201);
  assert.equal(created.name, name);
  const csv = Buffer.from(await (await api(server, '/api/v1/establishments/export?format=csv&organisation=1')).arrayBuffer()).toString('utf8');
  assert.ok(csv.includes(`'=HYPERLINK(""http://example.invalid"",""clic"")`) || csv.includes(`"'=HYPERLINK(""http://example.invalid"",""clic"")"`),
    'the formula is prefixed with an apostrophe');
  assert.ok(!/;=HYPERLINK/.test(csv) && !/;"=HYPERLINK/.test(csv));
});

test('export and import follow the access policy', async () => {
  assert.equal((await authed(server, educator, '/api/v1/establishments/export?format=csv')).status, 403);
  assert.equal((await authed(server, educator, '/api/v1/establishments/import',
    { json: { file_base64: Buffer.from('a;b').toString('base64') } })).status, 403);
  assert.equal((await api(server, '/api/v1/establishments/export?format=pdf&organisation=1')).status, 400);
});
