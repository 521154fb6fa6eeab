// Steering exports (issue #8): a dashboard's figures as XLSX (one sheet per axis and the definitions,
// read back here) or CSV (BOM, semicolons, formulas neutralised), and the yearly ANAP campaign figures,
// one row per establishment. Both need steering.reference.export_data: directors, organisation
// administrators, quality managers and the platform; heads of service (read only), educators, the DPO
// and the funders are refused (403); a scope or establishment outside the caller's rights is a 404.
// Bad inputs are 400 naming the field. Every export is in the audit trail.
// The tests share one server and run in order (node --test --test-concurrency=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, jsonBody } from '../lib/server.mjs';
import { signInDemo, signIn, authed } from '../lib/session.mjs';
import { finess } from '../lib/finess.mjs';
import { readWorkbook, sheetObjects, serialDate } from '../lib/xlsx.mjs';

let server;
const sessions = {};
const emails = {
  admin: 'admin@passerelles-rhone.demo',
  directrice: 'directrice@passerelles-rhone.demo',
  cheffe: 'cheffe.service@passerelles-rhone.demo',
  educateur: 'educateur@passerelles-rhone.demo',
  qualite: 'qualite@passerelles-rhone.demo',
  financeur: 'financeur@ars-ara.demo',
  dpo: 'dpo@passerelles-rhone.demo',
  plateforme: 'plateforme@passerelle.demo',
  directeur2: 'directeur@horizon-loire.demo',
};

before(async () => {
  server = await startServer({ demo: true });
  for (const [who, email] of Object.entries(emails)) sessions[who] = await signInDemo(server, email);
});
after(async () => { await server?.stop(); });

const as = (who, path, init = {}) => authed(server, sessions[who], path, init);

async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 600)}`);
  return text ? JSON.parse(text) : null;
}

async function file(response, type) {
  if (response.status !== 200) assert.fail(`expected 200, got ${response.status}: ${(await response.text()).slice(0, 600)}`);
  assert.match(response.headers.get('content-type') ?? '', type === 'csv' ? /^text\/csv/ : /spreadsheetml/);
  return Buffer.from(await response.arrayBuffer());
}

// A problem+json answer with this status; `fields`, when given, are exactly the fields named.
async function problem(answer, status, fields) {
  const response = await answer;
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 600)}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort(), text);
  return body;
}

// CSV lines as arrays of cells (the writer quotes cells holding ; , " or line ends).
function csvLines(bytes) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  const lines = [];
  let cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { cells.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
      cells.push(cell); lines.push(cells); cells = []; cell = ''; i++;
    } else cell += ch;
  }
  return lines;
}

const year = '2025-01-01', yearEnd = '2025-12-31';
const dashboardExport = (who, scope, query = `from=${year}&to=${yearEnd}&format=xlsx`) =>
  as(who, `/api/v1/dashboards/${scope}/export?${query}`);

const axisSheets = ['Activité', 'Personnes accompagnées', 'Ressources humaines'];
const figuresHeader = ['Périmètre', 'Du', 'Au', 'Indicateur', 'Libellé', 'Ventilation', 'Valeur', 'Numérateur',
  'Dénominateur', 'Période précédente', "Même période l'an dernier", 'Unité'];
const definitionsHeader = ['Indicateur', 'Axe', 'Libellé', 'Unité', 'Définition', 'Ventilation', 'Sens favorable'];

let finessSerial = 0;
const runTag = String(Math.floor(Math.random() * 90) + 10);
// Names take letters only.
const letterTag = [...runTag].map((d) => String.fromCharCode(97 + Number(d))).join('');
const newFiness = () => finess('6998' + runTag + String(++finessSerial).padStart(2, '0'));

// ---------------------------------------------------------------------------------------------
// Dashboard export

test('dashboard export as XLSX: the three axis sheets then "Définitions", each a table read back from the workbook', async () => {
  const response = await dashboardExport('directrice', 'establishment:1');
  const bytes = await file(response, 'xlsx');
  assert.match(response.headers.get('content-disposition') ?? '',
    /^attachment; filename="pilotage-establishment-1-2025-01-01-2025-12-31\.xlsx"$/);
  const { sheets } = readWorkbook(bytes);
  assert.deepEqual(sheets.map((s) => s.name), [...axisSheets, 'Définitions']);
  const name = (await ok(await as('directrice', '/api/v1/establishments/1'))).name;
  for (const sheet of sheets.slice(0, 3)) {
    assert.deepEqual(sheet.rows[0], figuresHeader, sheet.name);
    for (const row of sheetObjects(sheet)) {
      assert.equal(row['Périmètre'], name);
      // The period as date cells.
      assert.equal(serialDate(row.Du), year);
      assert.equal(serialDate(row.Au), yearEnd);
    }
  }
  assert.deepEqual(sheets[3].rows[0], definitionsHeader);
});

test('dashboard export as CSV: one table with the axis first, BOM, semicolons, CRLF', async () => {
  const response = await dashboardExport('directrice', 'organisation', `from=2025-03-01&to=2025-03-31&format=csv`);
  const bytes = await file(response, 'csv');
  assert.match(response.headers.get('content-disposition') ?? '',
    /^attachment; filename="pilotage-organisation-1-2025-03-01-2025-03-31\.csv"$/);
  const lines = csvLines(bytes);
  assert.deepEqual(lines[0], ['Axe', ...figuresHeader]);
  const organisation = (await ok(await as('directrice', '/api/v1/organisations/1'))).name;
  for (const line of lines.slice(1)) {
    assert.equal(line.length, 13, line.join(';'));
    assert.ok(axisSheets.includes(line[0]), line[0]);
    assert.deepEqual(line.slice(1, 4), [organisation, '2025-03-01', '2025-03-31']);
  }
});

// ---------------------------------------------------------------------------------------------
// Real numbers: an establishment of its own, a hand-checked March 2025

const fx = {};  // the establishment, its persons and stays

// Every weekday of a month, as YYYY-MM-DD.
function weekdays(month) {
  const [y, m] = month.split('-').map(Number);
  const out = [];
  for (let d = 1; d <= new Date(Date.UTC(y, m, 0)).getUTCDate(); d++) {
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

// A value as the exports write it: rates in percent, two decimals, "pas de données" for null.
function written(value, unit, none = 'pas de données') {
  if (value === null || value === undefined) return none;
  const x = Math.round((unit === 'rate' ? value * 100 : value) * 100) / 100;
  return String(x === 0 ? 0 : x);
}

async function ensureFixture() {
  if (fx.e) return fx;
  const e = await ok(await as('admin', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: `IME Export ${runTag}`, category_code: '183' } }), 201);
  for (const status of ['authorised', 'funded'])
    await ok(await as('admin', `/api/v1/establishments/${e.id}/capacities`, {
      json: { care_mode: '13', status, places: 10, effective_from: '2024-01-01' } }), 201);
  await ok(await as('admin', `/api/v1/establishments/${e.id}/calendar`, {
    method: 'PUT', json: { care_mode: '13', year: 2025, weekly_pattern: '1111100' } }));
  const persons = [];
  const stays = [];
  for (const name of ['Alpha', 'Beta']) {
    const p = await ok(await as('directrice', '/api/v1/persons', { json: {
      establishment_id: e.id, birth_name: `Export${name}${letterTag}`, first_names: ['Camille'], sex: 'F',
      birth_date: '2012-06-15', confirm_duplicate: true } }), 201);
    persons.push(p);
    stays.push(await ok(await as('directrice', `/api/v1/persons/${p.id}/stays`, { json: {
      establishment_id: e.id, care_mode: '13', admission_date: '2025-01-06', origin: 'home' } }), 201));
  }
  // March 2025 (21 weekdays): Alpha present every open day, Beta absent for illness on the 18th and 19th.
  const entries = [];
  for (const date of weekdays('2025-03')) {
    entries.push({ stay_id: stays[0].id, date, status: 'present' });
    entries.push(['2025-03-18', '2025-03-19'].includes(date)
      ? { stay_id: stays[1].id, date, status: 'absent', reason: 'illness' }
      : { stay_id: stays[1].id, date, status: 'present' });
  }
  await ok(await as('directrice', '/api/v1/attendance', {
    method: 'PUT', json: { establishment_id: e.id, care_mode: '13', month: '2025-03', entries } }));
  await ok(await as('admin', `/api/v1/establishments/${e.id}/activity-targets/2025`, {
    method: 'PUT', json: { target_days: 2100 } }));
  Object.assign(fx, { e, persons, stays });
  return fx;
}

// The dashboard CSV as objects (one per line), keyed by the header.
async function csvObjects(who, scope, from, to) {
  const [header, ...lines] = csvLines(await file(await dashboardExport(who, scope, `from=${from}&to=${to}&format=csv`), 'csv'));
  return lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i]])));
}

test('hand-checked figures of March 2025 in the export: occupancy, days, absences, target, comparisons', async () => {
  const { e } = await ensureFixture();
  const rows = await csvObjects('directrice', `establishment:${e.id}`, '2025-03-01', '2025-03-31');
  const line = (id, breakdown = '') => {
    const found = rows.find((r) => r.Indicateur === id && r.Ventilation === breakdown);
    assert.ok(found, `${id} ${breakdown} in ${JSON.stringify(rows.map((r) => [r.Indicateur, r.Ventilation]))}`);
    return found;
  };
  const pick = (r) => [r.Valeur, r['Numérateur'], r['Dénominateur'], r['Période précédente'], r["Même période l'an dernier"], r['Unité']];
  // 21 + 19 days present; 10 places × 21 weekdays; the two illness days are the first of their run: counted.
  assert.deepEqual(pick(line('ACT-08')), ['40', '40', '', '0', '0', 'jours']);
  assert.deepEqual(pick(line('ACT-09')).slice(0, 3), ['210', '210', '']);
  // February: 10 places × 20 weekdays, nobody present; March 2024: no calendar, every day open, 10 × 31.
  assert.deepEqual(pick(line('ACT-02')), ['20', '42', '210', '0', '0', '%']);
  assert.equal(line('ACT-02', 'Semi-internat').Valeur, '20');
  assert.deepEqual(pick(line('ACT-13')).slice(0, 2), ['2', '2']);
  assert.equal(line('ACT-13', 'Maladie').Valeur, '2');
  assert.deepEqual(pick(line('ACT-05')).slice(0, 3), ['2', '2', '1']);  // 2 days ÷ 1 stay absent
  assert.deepEqual(pick(line('ACT-03')).slice(0, 2), ['2', '2']);
  assert.equal(line('ACT-10').Valeur, '0');
  // 40 ÷ (2100 × 31 ÷ 365) = 22.43 %.
  assert.deepEqual(pick(line('ACT-01')).slice(0, 3), ['22.43', '40', '178.36']);
  // Nobody left: no average length of completed stays, and it says so.
  assert.equal(line('ACT-04').Valeur, 'pas de données');
  for (const r of rows) assert.equal(r['Périmètre'], e.name);
});

test('every exported value is the dashboard\'s value (values API), with its comparisons and breakdowns; the workbook holds the same lines', async () => {
  const { e } = await ensureFixture();
  const scope = `establishment:${e.id}`;
  for (const [from, to] of [['2025-03-01', '2025-03-31'], ['2025-01-01', '2025-12-31'], ['2025-03-10', '2025-04-20']]) {
    const api = await ok(await as('directrice', `/api/v1/indicators/values?scope=${scope}&from=${from}&to=${to}`));
    const defs = new Map((await ok(await as('directrice', '/api/v1/indicators'))).items.map((d) => [d.id, d]));
    const rows = await csvObjects('directrice', scope, from, to);
    assert.equal(api.values.length, defs.size);
    for (const v of api.values) {
      const unit = defs.get(v.id).unit;
      const own = rows.filter((r) => r.Indicateur === v.id && r.Ventilation === '');
      assert.equal(own.length, 1, v.id);
      assert.equal(own[0].Valeur, written(v.value, unit), `${v.id} ${from}..${to}`);
      assert.equal(own[0]['Période précédente'], written(v.previous, unit), `${v.id} previous`);
      assert.equal(own[0]["Même période l'an dernier"], written(v.last_year, unit), `${v.id} last year`);
      assert.equal(own[0]['Numérateur'], written(v.numerator, 'count'), `${v.id} numerator`);
      for (const b of v.breakdown ?? []) {
        const line = rows.find((r) => r.Indicateur === v.id && r.Ventilation === b.label);
        assert.ok(line, `${v.id} / ${b.label}`);
        assert.equal(line.Valeur, written(b.value, unit), `${v.id} / ${b.label}`);
      }
    }
    // The workbook: the same lines, axis by axis (the axis is the sheet, the dates are date cells).
    const { sheets } = readWorkbook(await file(await dashboardExport('directrice', scope, `from=${from}&to=${to}&format=xlsx`), 'xlsx'));
    const fromSheets = sheets.slice(0, 3).flatMap((sheet) => sheetObjects(sheet).map((r) => ({
      Axe: sheet.name, ...r, Du: serialDate(r.Du), Au: serialDate(r.Au) })));
    assert.deepEqual(fromSheets, rows);
    // Définitions: every indicator, with its French label and definition.
    const definitions = sheetObjects(sheets[3]);
    assert.deepEqual(definitions.map((d) => d.Indicateur), [...defs.keys()]);
    for (const d of definitions) {
      assert.equal(d['Libellé'], defs.get(d.Indicateur).label);
      assert.equal(d['Définition'], defs.get(d.Indicateur).definition);
    }
  }
});

test('an organisation\'s export adds its establishments\' sums before dividing', async () => {
  await ensureFixture();
  const [from, to] = ['2025-03-01', '2025-03-31'];
  const organisation = await csvObjects('directrice', 'organisation', from, to);
  const establishments = await establishmentsOf('directrice');
  let present = 0, theoretical = 0, counted = 0;
  for (const e of establishments) {
    const v = (await ok(await as('directrice', `/api/v1/indicators/values?scope=establishment:${e.id}&from=${from}&to=${to}&ids=ACT-02,ACT-08`))).values;
    present += v.find((x) => x.id === 'ACT-08').value;
    const occupancy = v.find((x) => x.id === 'ACT-02');
    counted += occupancy.numerator;
    theoretical += occupancy.denominator;
  }
  const line = (id) => organisation.find((r) => r.Indicateur === id && r.Ventilation === '');
  assert.equal(line('ACT-08').Valeur, written(present, 'days'));
  assert.equal(line('ACT-02')['Numérateur'], written(counted, 'days'));
  assert.equal(line('ACT-02')['Dénominateur'], written(theoretical, 'days'));
  assert.equal(line('ACT-02').Valeur, written(theoretical ? counted / theoretical : null, 'rate'));
});

test('ANAP campaign 2025 of the establishment: the year\'s figures in the ANAP columns', async () => {
  const { e } = await ensureFixture();
  const [header, row] = csvLines(await file(await as('directrice',
    `/api/v1/indicators/anap?year=2025&format=csv&establishment_id=${e.id}`), 'csv'));
  const cell = (prefix) => {
    const i = header.findIndex((h) => h.startsWith(prefix));
    assert.ok(i >= 0, `${prefix} in ${JSON.stringify(header)}`);
    return row[i];
  };
  assert.deepEqual(row.slice(0, 5), [e.finess_et, e.name, '183', row[3], '2025']);
  assert.match(row[3], /médico-éducatif/i);
  // 40 days provided over the year; 10 places × 261 weekdays of 2025; (40 + 2) ÷ 2610; 40 ÷ 2100.
  assert.equal(cell('Nombre de journées réalisées'), '40');
  assert.equal(cell('Nombre de journées théoriques'), '2610');
  assert.equal(cell("Taux d'occupation des lits ou places financés"), '1.61');
  assert.equal(cell("Taux de réalisation de l'activité"), '1.9');
  assert.equal(cell('File active des personnes accompagnées sur la période'), '2');
  assert.equal(cell("Nombre d'admissions"), '2');
  assert.equal(cell('Durée moyenne de séjour'), '', 'no completed stay: an empty cell, not 0');
  // The same numbers as the values API over the calendar year, for every single-value column.
  const api = await ok(await as('directrice', `/api/v1/indicators/values?scope=establishment:${e.id}&from=2025-01-01&to=2025-12-31`));
  const defs = new Map((await ok(await as('directrice', '/api/v1/indicators'))).items.map((d) => [d.id, d]));
  const { sheets } = readWorkbook(await file(await as('directrice',
    `/api/v1/indicators/anap?year=2025&format=xlsx&establishment_id=${e.id}`), 'xlsx'));
  const mapping = sheetObjects(sheets[1]);
  const [xlsxRow] = sheetObjects(sheets[0]);
  let checked = 0;
  for (const m of mapping) {
    if (m['Indicateur ANAP'].includes('(une colonne par')) continue;
    const column = Object.keys(xlsxRow).find((h) => h === `${m['Indicateur ANAP']} (${m['Unité']})`);
    assert.ok(column, `${m['Indicateur ANAP']} column`);
    const v = api.values.find((x) => x.id === m['Indicateur Passerelle']);
    assert.equal(xlsxRow[column], written(v.value, defs.get(v.id).unit, ''), column);
    checked += 1;
  }
  assert.ok(checked >= 10, `${checked} columns checked`);
});

test('a scope label that looks like a formula is neutralised in the CSV, kept as text in the workbook', async () => {
  const hostile = await ok(await as('admin', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: '=HYPERLINK("http://example.org","x")', category_code: '183' } }), 201);
  const scope = `establishment:${hostile.id}`;
  const lines = csvLines(await file(await dashboardExport('directrice', scope, `from=${year}&to=${yearEnd}&format=csv`), 'csv'));
  for (const line of lines.slice(1)) assert.equal(line[1], `'=HYPERLINK("http://example.org","x")`);
  const { sheets } = readWorkbook(await file(await dashboardExport('directrice', scope), 'xlsx'));
  for (const row of sheets.slice(0, 3).flatMap(sheetObjects)) assert.equal(row['Périmètre'], hostile.name);
  // And in the ANAP campaign (one row: that establishment).
  const anap = csvLines(await file(await as('directrice', `/api/v1/indicators/anap?year=2025&format=csv&establishment_id=${hostile.id}`), 'csv'));
  assert.equal(anap.length, 2);
  assert.equal(anap[1][1], `'=HYPERLINK("http://example.org","x")`);
});

test('scopes: organisation, category and establishment of the caller\'s organisation; the platform for the platform', async () => {
  for (const scope of ['organisation', 'organisation:1', 'category:183', 'establishment:1'])
    await file(await dashboardExport('directrice', scope), 'xlsx');
  await file(await dashboardExport('qualite', 'category:183', `from=${year}&to=${yearEnd}&format=csv`), 'csv');
  await file(await dashboardExport('admin', 'organisation', `from=${year}&to=${yearEnd}&format=csv`), 'csv');
  const platform = await dashboardExport('plateforme', 'platform', `from=${year}&to=${yearEnd}&format=csv`);
  const lines = csvLines(await file(platform, 'csv'));
  for (const line of lines.slice(1)) assert.equal(line[1], 'Plateforme');
  await file(await dashboardExport('plateforme', 'organisation:2'), 'xlsx');
  await file(await dashboardExport('plateforme', 'establishment:13'), 'xlsx');
  // Outside the caller's rights: 404, as if it did not exist.
  await problem(await dashboardExport('directrice', 'platform'), 404);
  await problem(await dashboardExport('directrice', 'organisation:2'), 404);
  await problem(await dashboardExport('directrice', 'establishment:13'), 404);
  await problem(await dashboardExport('directrice', 'establishment:999999'), 404);
  await problem(await dashboardExport('directrice', 'organisation:999999'), 404);
  await problem(await dashboardExport('directeur2', 'establishment:1'), 404);
  // Unknown scopes: 400 naming scope.
  for (const scope of ['foo', 'establishment:abc', 'establishment:0', 'category:999', 'organisation:x', 'platform:1', 'establishment'])
    await problem(await dashboardExport('directrice', scope), 400, ['scope']);
});

test('dashboard export refused by role: heads of service read but do not export; educators, the DPO and funders have no steering', async () => {
  for (const who of ['cheffe', 'educateur', 'dpo', 'financeur'])
    await problem(await dashboardExport(who, 'establishment:1'), 403);
  const anonymous = await fetch(`${server.base}/api/v1/dashboards/establishment:1/export?from=${year}&to=${yearEnd}&format=csv`);
  assert.equal(anonymous.status, 401);
});

test('dashboard export: bad inputs are 400 naming the field', async () => {
  const bad = (query, fields) => problem(dashboardExport('directrice', 'establishment:1', query), 400, fields);
  await bad(`from=${year}&to=${yearEnd}`, ['format']);
  await bad(`from=${year}&to=${yearEnd}&format=pdf`, ['format']);
  await bad(`from=2025-02-30&to=${yearEnd}&format=csv`, ['from']);
  await bad(`from=01/01/2025&to=${yearEnd}&format=csv`, ['from']);
  await bad(`to=${yearEnd}&format=csv`, ['from']);
  await bad(`from=${year}&format=csv`, ['to']);
  await bad(`from=${yearEnd}&to=${year}&format=csv`, ['to']);
  await bad(`from=1975-01-01&to=${yearEnd}&format=csv`, ['to']);  // 50 years
  await bad(`from=2015-01-01&to=2025-01-01&format=csv`, ['to']);  // ten years and a day
  await file(await dashboardExport('directrice', 'establishment:1', 'from=2015-01-01&to=2024-12-31&format=csv'), 'csv');
});

// ---------------------------------------------------------------------------------------------
// ANAP campaign

const anapFixed = ['FINESS', 'Établissement', 'Catégorie FINESS', 'Catégorie', 'Année'];

async function establishmentsOf(who, query = '') {
  const items = [];
  let cursor = null;
  do {
    const page = await ok(await as(who, `/api/v1/establishments?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

test('ANAP campaign as XLSX: one row per establishment the caller may export, then the mapping sheet', async () => {
  const response = await as('directrice', '/api/v1/indicators/anap?year=2025&format=xlsx');
  const bytes = await file(response, 'xlsx');
  assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="anap-2025\.xlsx"$/);
  const { sheets } = readWorkbook(bytes);
  assert.deepEqual(sheets.map((s) => s.name), ['Campagne ANAP 2025', 'Correspondance']);
  assert.deepEqual(sheets[0].rows[0].slice(0, 5), anapFixed);
  assert.deepEqual(sheets[1].rows[0], ['Axe ANAP', 'Indicateur ANAP', 'Indicateur Passerelle', 'Libellé Passerelle', 'Unité', 'Définition']);
  const rows = sheetObjects(sheets[0]);
  const mine = await establishmentsOf('directrice');
  assert.deepEqual(rows.map((r) => r.FINESS), mine.map((e) => e.finess_et).sort());
  for (const r of rows) {
    const e = mine.find((x) => x.finess_et === r.FINESS);
    assert.equal(r['Établissement'], e.name);
    assert.equal(r['Catégorie FINESS'], e.category_code);
    assert.equal(r['Année'], '2025');
  }
});

test('ANAP campaign: one establishment, CSV, the other organisation\'s director and the platform see their own', async () => {
  const one = await as('directrice', '/api/v1/indicators/anap?year=2024&format=csv&establishment_id=1');
  const finessOne = (await ok(await as('directrice', '/api/v1/establishments/1'))).finess_et;
  assert.match(one.headers.get('content-disposition') ?? '', new RegExp(`^attachment; filename="anap-2024-${finessOne}\\.csv"$`));
  const lines = csvLines(await file(one, 'csv'));
  assert.deepEqual(lines[0].slice(0, 5), anapFixed);
  assert.equal(lines.length, 2);
  assert.deepEqual(lines[1].slice(0, 1).concat(lines[1][4]), [finessOne, '2024']);
  for (const line of lines) assert.equal(line.length, lines[0].length);

  const theirs = csvLines(await file(await as('directeur2', '/api/v1/indicators/anap?year=2025&format=csv'), 'csv'));
  const org2 = await establishmentsOf('directeur2');
  assert.deepEqual(theirs.slice(1).map((l) => l[0]), org2.map((e) => e.finess_et).sort());
  const all = csvLines(await file(await as('plateforme', '/api/v1/indicators/anap?year=2025&format=csv'), 'csv'));
  const everyone = await establishmentsOf('plateforme');
  for (const e of [...org2, ...(await establishmentsOf('directrice'))])
    assert.ok(all.some((l) => l[0] === e.finess_et), `${e.finess_et} in the platform's campaign`);
  assert.equal(all.length - 1, everyone.length);
});

test('ANAP campaign: an establishment archived before the year is left out, one archived during it is kept', async () => {
  const archived = await ok(await as('admin', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: 'Fermé (export ANAP)', category_code: '183' } }), 201);
  await ok(await as('admin', `/api/v1/establishments/${archived.id}/archive`, { method: 'POST' }));
  const archivedOn = (await ok(await as('admin', `/api/v1/establishments/${archived.id}`))).archived_at.slice(0, 4);
  const during = csvLines(await file(await as('directrice', `/api/v1/indicators/anap?year=${archivedOn}&format=csv`), 'csv'));
  assert.ok(during.some((l) => l[0] === archived.finess_et));
  const after = csvLines(await file(await as('directrice', `/api/v1/indicators/anap?year=${Number(archivedOn) + 1}&format=csv`), 'csv'));
  assert.ok(!after.some((l) => l[0] === archived.finess_et));
  // Named explicitly, it is exported whatever the year.
  const named = csvLines(await file(await as('directrice',
    `/api/v1/indicators/anap?year=${Number(archivedOn) + 1}&format=csv&establishment_id=${archived.id}`), 'csv'));
  assert.equal(named[1][0], archived.finess_et);
});

test('ANAP campaign: refusals by role and organisation, bad inputs 400 naming the field', async () => {
  for (const who of ['cheffe', 'educateur', 'dpo', 'financeur'])
    await problem(await as(who, '/api/v1/indicators/anap?year=2025&format=csv'), 403);
  await problem(await as('directrice', '/api/v1/indicators/anap?year=2025&format=csv&establishment_id=13'), 404);
  await problem(await as('directeur2', '/api/v1/indicators/anap?year=2025&format=csv&establishment_id=1'), 404);
  await problem(await as('directrice', '/api/v1/indicators/anap?year=2025&format=csv&establishment_id=999999'), 404);
  const bad = (query, fields) => problem(as('directrice', `/api/v1/indicators/anap?${query}`), 400, fields);
  await bad('format=csv', ['year']);
  await bad('year=1999&format=csv', ['year']);
  await bad('year=25&format=csv', ['year']);
  await bad('year=2025.5&format=csv', ['year']);
  await bad('year=2025', ['format']);
  await bad('year=2025&format=ods', ['format']);
  await bad('year=2025&format=csv&establishment_id=abc', ['establishment_id']);
  await bad('year=2025&format=csv&establishment_id=-1', ['establishment_id']);
  await bad('year=x&format=y&establishment_id=z', ['year', 'format', 'establishment_id']);
});

test('a director granted one establishment exports that establishment only', async () => {
  const email = `directeur.export.${letterTag}@passerelles-rhone.demo`;
  const password = 'Riviere-Des-Monts-Fideles-2026';
  const created = await api(server, '/api/v1/accounts', jsonBody({
    email, display_name: 'Directeur ITEP (export)', organisation_id: 1, password,
    grants: [{ role: 'director', establishment_id: 3 }] }));
  assert.equal(created.status, 201, await created.clone().text());
  const session = await signIn(server, email, password);
  assert.equal(session.status, 200);
  sessions.itep = session;
  await file(await dashboardExport('itep', 'establishment:3', `from=${year}&to=${yearEnd}&format=csv`), 'csv');
  for (const scope of ['establishment:1', 'organisation', 'organisation:1', 'category:183', 'platform'])
    await problem(await dashboardExport('itep', scope), 404);
  const lines = csvLines(await file(await as('itep', '/api/v1/indicators/anap?year=2025&format=csv'), 'csv'));
  const three = (await ok(await as('directrice', '/api/v1/establishments/3'))).finess_et;
  assert.deepEqual(lines.slice(1).map((l) => l[0]), [three]);
  await problem(await as('itep', '/api/v1/indicators/anap?year=2025&format=csv&establishment_id=1'), 404);
});

test('every export is in the audit trail with its scope, period or year and format', async () => {
  const events = [];
  let cursor = null;
  do {
    const page = await ok(await as('dpo', '/api/v1/audit?action=export&limit=200' + (cursor ? `&cursor=${cursor}` : '')));
    events.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  const director = events.filter((e) => e.account === emails.directrice);
  assert.ok(director.some((e) => e.object_type === 'dashboard' && e.object_id === 'establishment:1 2025-01-01..2025-12-31 xlsx'),
    JSON.stringify(director.map((e) => [e.object_type, e.object_id])));
  assert.ok(director.some((e) => e.object_type === 'dashboard' && e.object_id === 'organisation:1 2025-03-01..2025-03-31 csv'));
  assert.ok(director.some((e) => e.object_type === 'anap_campaign' && e.object_id.startsWith('2024 csv 1 ')));
  // Refused exports are recorded as refusals, not as exports.
  assert.ok(!events.some((e) => e.account === emails.cheffe && e.outcome === 'success'));
});
