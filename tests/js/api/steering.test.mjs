// Steering (issue #8): the indicator list, values for a scope and a period beside the previous period
// and last year, dashboards (monthly charts, children, drill flags), drill-down lists of persons and
// staff (rights per role, audited), activity targets; every bad input of the issue (unknown indicator,
// end before start, a 50-year period, malformed dates, a scope outside the caller's rights or of another
// organisation → 404); a zero denominator is null; an external reader gets nothing.
// A small establishment of its own, filled through the API (capacity, calendar, a closure, four persons,
// a month of attendance, an admission, a discharge, a waiting request, two staff members), with every
// number computed by hand below.
// The tests share one server and run in order (node --test --test-concurrency=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';
import { finess } from '../lib/finess.mjs';

let server;
const sessions = {};
const emails = {
  platform: 'plateforme@passerelle.demo',
  admin: 'admin@passerelles-rhone.demo',
  director: 'directrice@passerelles-rhone.demo',
  head: 'cheffe.service@passerelles-rhone.demo',
  educator: 'educateur@passerelles-rhone.demo',
  secretary: 'secretaire@passerelles-rhone.demo',
  quality: 'qualite@passerelles-rhone.demo',
  funder: 'financeur@ars-ara.demo',
  foreign: 'directeur@horizon-loire.demo',
  dpo: 'dpo@passerelles-rhone.demo',
};

const as = (who, path, init = {}) => authed(server, sessions[who], path, init);

async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 800)}`);
  return text ? JSON.parse(text) : null;
}

// A problem+json answer with this status; `fields`, when given, are exactly the fields named.
async function problem(response, status, fields) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 800)}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort(), text);
  return body;
}

const runTag = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
let serial = 0;
const letters = (n) => { let s = ''; do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0); return s; };
const newFiness = () => finess('6996' + String(Math.floor(Math.random() * 90) + 10) + String(++serial).padStart(2, '0'));

const d = {};  // the dataset: establishment, persons, stays, staff
const march = 'from=2025-03-01&to=2025-03-31';
const values = async (scope, ids, period = march, who = 'director') =>
  ok(await as(who, `/api/v1/indicators/values?scope=${scope}&${period}${ids ? `&ids=${ids}` : ''}`));
const valueOf = (answer, id) => {
  const v = answer.values.find((x) => x.id === id);
  assert.ok(v, `${id} in ${JSON.stringify(answer.values.map((x) => x.id))}`);
  return v;
};
const close = (actual, expected, message) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${message}: ${actual} ≠ ${expected}`);

async function newPerson(fields = {}) {
  return ok(await as('director', '/api/v1/persons', { json: {
    establishment_id: d.e.id, birth_name: `Pilotage${runTag}${letters(++serial)}`, first_names: ['Camille'], sex: 'F',
    birth_date: '2012-06-15', confirm_duplicate: true, ...fields } }), 201);
}
const admit = async (person, fields = {}) => ok(await as('director', `/api/v1/persons/${person.id}/stays`, { json: {
  establishment_id: d.e.id, care_mode: '14', admission_date: '2025-01-06', origin: 'home', ...fields } }), 201);

// The open days of March 2025 for the externat: weekdays, less the closure of Friday 14 March (20 days).
const openDays = [];
for (let day = 1; day <= 31; day++) {
  const iso = `2025-03-${String(day).padStart(2, '0')}`;
  const weekday = (new Date(iso + 'T00:00:00Z').getUTCDay() + 6) % 7;
  if (weekday < 5 && iso !== '2025-03-14') openDays.push(iso);
}

before(async () => {
  server = await startServer({ demo: true });
  for (const [who, email] of Object.entries(emails)) sessions[who] = await signInDemo(server, email);

  // An externat of 10 authorised and funded places, open on weekdays in 2025, closed on 14 March.
  d.e = await ok(await as('admin', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: `IME Pilotage ${runTag}`, category_code: '183' } }), 201);
  for (const status of ['authorised', 'installed', 'funded'])
    await ok(await as('admin', `/api/v1/establishments/${d.e.id}/capacities`, {
      json: { care_mode: '14', status, places: 10, effective_from: '2024-01-01' } }), 201);
  await ok(await as('admin', `/api/v1/establishments/${d.e.id}/calendar`, { method: 'PUT',
    json: { care_mode: '14', year: 2025, weekly_pattern: '1111100' } }));
  await ok(await as('admin', `/api/v1/establishments/${d.e.id}/closures`, {
    json: { date_from: '2025-03-14', date_to: '2025-03-14', reason: 'Pont' } }), 201);
  // An establishment with nothing recorded (zero denominators).
  d.empty = await ok(await as('admin', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: `Foyer Vide ${runTag}`, category_code: '449' } }), 201);

  // Alice and Chloé stay all month; Bruno leaves on 20 March (home); Denis, on the waiting list since
  // 10 February, is admitted on 10 March; Emma waits since 1 February.
  d.alice = await newPerson({ first_names: ['Alice'] });
  d.bruno = await newPerson({ first_names: ['Bruno'], sex: 'M' });
  d.chloe = await newPerson({ first_names: ['Chloé'] });
  d.denis = await newPerson({ first_names: ['Denis'], sex: 'M' });
  d.emma = await newPerson({ first_names: ['Emma'] });
  await ok(await as('director', `/api/v1/persons/${d.denis.id}/admission-requests`, {
    json: { establishment_id: d.e.id, care_mode: '14', received_date: '2025-02-10' } }), 201);
  await ok(await as('director', `/api/v1/persons/${d.emma.id}/admission-requests`, {
    json: { establishment_id: d.e.id, care_mode: '14', received_date: '2025-02-01' } }), 201);
  d.stay = {
    alice: await admit(d.alice),
    bruno: await admit(d.bruno),
    chloe: await admit(d.chloe),
    denis: await admit(d.denis, { admission_date: '2025-03-10' }),
  };
  // Alice holds a valid orientation decision to an IME.
  await ok(await as('director', `/api/v1/persons/${d.alice.id}/decisions`, { json: {
    decision_reference: `CDAPH ${runTag}`, decision_date: '2023-11-15', category_code: '183', valid_from: '2024-01-01',
    valid_to: '2027-12-31' } }), 201);

  // March: Alice hospitalised on 3 and 4 March; Chloé absent for family reasons 24-27 March (4 days, the
  // first 3 counted in occupancy); Bruno present until he leaves on the 20th; Denis present from the 10th.
  const entries = [];
  const mark = (who, day, status, reason) => entries.push({ stay_id: d.stay[who].id, date: day, status, ...(reason ? { reason } : {}) });
  for (const day of openDays) {
    if (day === '2025-03-03' || day === '2025-03-04') mark('alice', day, 'absent', 'hospitalisation');
    else mark('alice', day, 'present');
    if (day <= '2025-03-20') mark('bruno', day, 'present');
    if (day >= '2025-03-24' && day <= '2025-03-27') mark('chloe', day, 'absent', 'family');
    else mark('chloe', day, 'present');
    if (day >= '2025-03-10') mark('denis', day, 'present');
  }
  await ok(await as('director', '/api/v1/attendance', { method: 'PUT',
    json: { establishment_id: d.e.id, care_mode: '14', month: '2025-03', entries } }));
  await ok(await as('director', `/api/v1/persons/${d.bruno.id}/stays/${d.stay.bruno.id}/discharge`, {
    json: { discharge_date: '2025-03-20', destination: 'home' } }), 200);

  // Staff: a full-time permanent educator since 2024 (ill 3-7 March, and a training day that is not
  // absenteeism), and a half-time replacement from 1 to 31 March.
  d.educator = await ok(await as('director', '/api/v1/staff', { json: {
    last_name: `Pilote${runTag}`, first_name: 'Éva', job: 'specialised_educator', sex: 'F', birth_date: '1980-02-02',
    contracts: [{ establishment_id: d.e.id, kind: 'permanent', start_date: '2024-01-01', working_time: 1 }] } }), 201);
  await ok(await as('director', `/api/v1/staff/${d.educator.id}/absences`, {
    json: { kind: 'illness', start_date: '2025-03-03', end_date: '2025-03-07' } }), 201);
  await ok(await as('director', `/api/v1/staff/${d.educator.id}/absences`, {
    json: { kind: 'training', start_date: '2025-03-12', end_date: '2025-03-12' } }), 201);
  d.replacement = await ok(await as('director', '/api/v1/staff', { json: {
    last_name: `Remplacant${runTag}`, first_name: 'Rémi', job: 'specialised_educator', sex: 'M',
    contracts: [{ establishment_id: d.e.id, kind: 'fixed_term', fixed_term_reason: 'replacement', start_date: '2025-03-01',
      end_date: '2025-03-31', working_time: 0.5 }] } }), 201);
});
after(async () => { await server?.stop(); });

// ---------------------------------------------------------------------------------------------
// Definitions

test('the indicator list: every id of the contract, with axis, unit, label and definition', async () => {
  const { items } = await ok(await as('director', '/api/v1/indicators'));
  const ids = items.map((i) => i.id);
  for (const id of ['ACT-01', 'ACT-02', 'ACT-03', 'ACT-04', 'ACT-05', 'ACT-06', 'ACT-08', 'ACT-09', 'ACT-10', 'ACT-11',
    'ACT-12', 'ACT-13', 'ACT-14', 'ACT-15', 'ACT-16', 'ACT-07-AGE', 'ACT-07-ORIGIN', 'ACT-07-DEST', 'ACT-07-LENGTH',
    'RH-01', 'RH-02', 'RH-04', 'RH-05', 'RH-06', 'RH-07', 'RH-08'])
    assert.ok(ids.includes(id), `${id} listed`);
  assert.equal(new Set(ids).size, ids.length, 'each id once');
  for (const i of items) {
    assert.ok(['activity', 'persons', 'human_resources'].includes(i.axis), `${i.id} axis ${i.axis}`);
    assert.ok(['rate', 'days', 'persons', 'count', 'fte', 'ratio', 'distribution'].includes(i.unit), `${i.id} unit ${i.unit}`);
    assert.ok(i.label.length > 3 && i.definition.length > 10, `${i.id} is described`);
    assert.equal(typeof i.higher_is_better, 'boolean');
  }
  assert.equal(items.find((i) => i.id === 'ACT-02').unit, 'rate');
  assert.equal(items.find((i) => i.id === 'RH-01').axis, 'human_resources');
  assert.equal(items.find((i) => i.id === 'RH-01').higher_is_better, false);
});

// ---------------------------------------------------------------------------------------------
// Values

test('values of the month, computed by hand: occupancy, days, admissions, discharges, caseload, lengths', async () => {
  const answer = await values(`establishment:${d.e.id}`);
  assert.deepEqual(answer.scope, { code: `establishment:${d.e.id}`, label: d.e.name, kind: 'establishment' });
  assert.deepEqual(answer.period, { from: '2025-03-01', to: '2025-03-31' });
  // A whole month: the month before, and March 2024.
  assert.deepEqual(answer.previous_period, { from: '2025-02-01', to: '2025-02-28' });
  assert.deepEqual(answer.last_year, { from: '2024-03-01', to: '2024-03-31' });
  // Days present: Alice 18, Bruno 13 (3-20 March less the closure), Chloé 16, Denis 15.
  assert.equal(valueOf(answer, 'ACT-08').value, 62);
  // Theoretical days: 10 places × 20 days open.
  assert.equal(valueOf(answer, 'ACT-09').value, 200);
  // Occupancy: (62 present + 2 days of hospitalisation + the first 3 of Chloé's 4 days) ÷ 200.
  const occupancy = valueOf(answer, 'ACT-02');
  close(occupancy.value, 67 / 200, 'ACT-02');
  assert.equal(occupancy.numerator, 67);
  assert.equal(occupancy.denominator, 200);
  // Achievement without a target: days provided ÷ funded places × days open.
  close(valueOf(answer, 'ACT-01').value, 62 / 200, 'ACT-01 without a target');
  assert.equal(valueOf(answer, 'ACT-10').value, 1);
  assert.equal(valueOf(answer, 'ACT-11').value, 1);
  const destinations = valueOf(answer, 'ACT-11').breakdown;
  assert.equal(destinations.find((r) => r.key === 'home')?.value, 1, JSON.stringify(destinations));
  // Active caseload: Alice, Chloé and Denis at the end, Bruno discharged in the month.
  assert.equal(valueOf(answer, 'ACT-03').value, 4);
  // Bruno's stay: 6 January → 20 March, 73 days.
  close(valueOf(answer, 'ACT-04').value, 73, 'ACT-04');
  // Absence days ÷ persons absent at least once: (2 + 4) ÷ 2.
  close(valueOf(answer, 'ACT-05').value, 3, 'ACT-05');
  // Admissions ÷ average places.
  close(valueOf(answer, 'ACT-06').value, 0.1, 'ACT-06');
  const reasons = valueOf(answer, 'ACT-13').breakdown;
  assert.equal(reasons.find((r) => r.key === 'hospitalisation')?.value, 2, JSON.stringify(reasons));
  assert.equal(reasons.find((r) => r.key === 'family')?.value, 4, JSON.stringify(reasons));
  assert.equal(valueOf(answer, 'ACT-13').value, 6);
  // Waiting at the end of March: Emma (Denis was admitted).
  assert.equal(valueOf(answer, 'ACT-15').value, 1);
  // Denis waited from 10 February to 10 March.
  close(valueOf(answer, 'ACT-16').value, 28, 'ACT-16');
  // One of the three persons present at the end holds a valid orientation decision.
  close(valueOf(answer, 'ACT-14').value, 1 / 3, 'ACT-14');
  // Nothing in February 2025 but the three stays: no day recorded, no admission.
  assert.equal(valueOf(answer, 'ACT-10').previous, 0);
  assert.equal(valueOf(answer, 'ACT-08').previous, 0);
});

test('staff values of the month: average FTE, replacements, absenteeism without training', async () => {
  const answer = await values(`establishment:${d.e.id}`, 'RH-01,RH-04,RH-06,RH-07,RH-08');
  assert.deepEqual(answer.values.map((v) => v.id), ['RH-01', 'RH-04', 'RH-06', 'RH-07', 'RH-08']);
  // 1 full time + 0.5 all month.
  close(valueOf(answer, 'RH-07').value, 1.5, 'RH-07');
  close(valueOf(answer, 'RH-04').value, 0.15, 'RH-04 (FTE per place)');
  assert.equal(valueOf(answer, 'RH-06').value, 1);
  // Fixed-term share of FTE: 0.5 of 1.5.
  close(valueOf(answer, 'RH-08').value, 0.5 / 1.5, 'RH-08');
  // 5 days of illness (working time 1) ÷ (1.5 FTE × 31 days); the training day is not counted.
  close(valueOf(answer, 'RH-01').value, 5 / (1.5 * 31), 'RH-01');
});

test('a zero denominator is null, never 0 or infinity; a count with nothing recorded is 0', async () => {
  const answer = await values(`establishment:${d.empty.id}`, 'ACT-01,ACT-02,ACT-04,ACT-05,ACT-10,RH-01');
  for (const id of ['ACT-01', 'ACT-02', 'ACT-04', 'ACT-05', 'RH-01']) {
    assert.equal(valueOf(answer, id).value, null, `${id} has no data`);
    assert.equal(valueOf(answer, id).previous, null);
    assert.equal(valueOf(answer, id).last_year, null);
  }
  assert.equal(valueOf(answer, 'ACT-10').value, 0);
  // The same for our establishment in 1990.
  const old = await values(`establishment:${d.e.id}`, 'ACT-02', 'from=1990-01-01&to=1990-12-31');
  assert.equal(valueOf(old, 'ACT-02').value, null);
  assert.deepEqual(old.previous_period, { from: '1989-01-01', to: '1989-12-31' });
});

test('comparisons: a period of days is compared with as many days just before, and the same dates a year earlier', async () => {
  const answer = await values(`establishment:${d.e.id}`, 'ACT-08', 'from=2025-04-01&to=2025-04-10');
  assert.deepEqual(answer.previous_period, { from: '2025-03-22', to: '2025-03-31' });
  assert.deepEqual(answer.last_year, { from: '2024-04-01', to: '2024-04-10' });
  // 22-31 March: open days 24-28 and 31; Alice 6, Chloé 2 (24-27 absent), Denis 6.
  assert.equal(valueOf(answer, 'ACT-08').previous, 14);
  assert.equal(valueOf(answer, 'ACT-08').value, 0);
  // A month's values seen from the following month.
  const april = await values(`establishment:${d.e.id}`, 'ACT-02,ACT-08', 'from=2025-04-01&to=2025-04-30');
  close(valueOf(april, 'ACT-02').previous, 67 / 200, 'March as the previous period of April');
  assert.equal(valueOf(april, 'ACT-08').previous, 62);
  const nextYear = await values(`establishment:${d.e.id}`, 'ACT-08', 'from=2026-03-01&to=2026-03-31');
  assert.equal(valueOf(nextYear, 'ACT-08').last_year, 62);
});

test('an activity target replaces the funded days in the achievement rate; its changes are in the history', async () => {
  const base = `/api/v1/establishments/${d.e.id}/activity-targets`;
  assert.deepEqual((await ok(await as('director', base))).items, []);
  await problem(await as('director', `${base}/2025`), 404);
  // 2,190 days in 2025: 6 a day, prorated to March's 31 days (186).
  assert.deepEqual(await ok(await as('director', `${base}/2025`, { method: 'PUT', json: { target_days: 2000 } })),
    { establishment_id: d.e.id, year: 2025, target_days: 2000 });
  assert.deepEqual(await ok(await as('director', `${base}/2025`, { method: 'PUT', json: { target_days: 2190 } })),
    { establishment_id: d.e.id, year: 2025, target_days: 2190 });
  assert.deepEqual((await ok(await as('head', `/api/v1/establishments/1/activity-targets`))).items, []);
  assert.deepEqual((await ok(await as('director', base))).items, [{ year: 2025, target_days: 2190 }]);
  assert.deepEqual(await ok(await as('quality', `${base}/2025`)), { establishment_id: d.e.id, year: 2025, target_days: 2190 });
  close(valueOf(await values(`establishment:${d.e.id}`, 'ACT-01'), 'ACT-01').value, 62 / (2190 * 31 / 365), 'ACT-01 with a target');
  const history = (await ok(await as('director', `/api/v1/establishments/${d.e.id}/history`))).items
    .filter((h) => h.field === 'activity_target 2025');
  assert.deepEqual(history.map((h) => [h.previous_value, h.new_value]).sort(),
    [[null, '2000 journées'], ['2000 journées', '2190 journées']].sort());
  // Bad input: 422 naming the field, nothing written.
  await problem(await as('director', `${base}/2025`, { method: 'PUT', json: { target_days: -3 } }), 422, ['target_days']);
  await problem(await as('director', `${base}/2025`, { method: 'PUT', json: { target_days: 1.5 } }), 422, ['target_days']);
  await problem(await as('director', `${base}/2025`, { method: 'PUT', json: {} }), 422, ['target_days']);
  await problem(await as('director', `${base}/2025`, { method: 'PUT', json: { target_days: 10, days: 3 } }), 422, ['days']);
  await problem(await as('director', `${base}/20x5`, { method: 'PUT', json: { target_days: 10 } }), 400, ['year']);
  await problem(await as('director', `${base}/1492`), 400, ['year']);
  assert.deepEqual((await ok(await as('director', base))).items, [{ year: 2025, target_days: 2190 }]);
  // Rights: heads of service and quality managers read establishments but do not write them; another
  // organisation's director and the funder do not see them.
  await problem(await as('head', `/api/v1/establishments/1/activity-targets/2025`, { method: 'PUT', json: { target_days: 10 } }), 403);
  await problem(await as('quality', `${base}/2025`, { method: 'PUT', json: { target_days: 10 } }), 403);
  await problem(await as('head', base), 404);
  await problem(await as('foreign', base), 404);
  await problem(await as('foreign', `${base}/2025`, { method: 'PUT', json: { target_days: 10 } }), 404);
  await problem(await as('funder', base), 403);
  assert.deepEqual((await ok(await as('director', base))).items, [{ year: 2025, target_days: 2190 }]);
  // Removing it brings back the funded days.
  await problem(await as('director', `${base}/2024`, { method: 'DELETE' }), 404);
  assert.equal((await as('director', `${base}/2025`, { method: 'DELETE' })).status, 204);
  assert.deepEqual((await ok(await as('director', base))).items, []);
  close(valueOf(await values(`establishment:${d.e.id}`, 'ACT-01'), 'ACT-01').value, 62 / 200, 'ACT-01 without the target');
});

// ---------------------------------------------------------------------------------------------
// Scopes: sums, rights

test('category and organisation scopes cover their establishments; children sum up to the parent', async () => {
  const category = await values('category:183', 'ACT-03,ACT-08,ACT-10', march);
  assert.deepEqual(category.scope, { code: 'category:183', label: 'IME (183)', kind: 'category' });
  const organisation = await values('organisation', 'ACT-03,ACT-08,ACT-10', march);
  assert.equal(organisation.scope.code, 'organisation:1');
  assert.equal(organisation.scope.kind, 'organisation');
  assert.deepEqual((await values('organisation:1', 'ACT-08')).scope, { ...organisation.scope });
  // Our establishment is part of both.
  assert.ok(valueOf(category, 'ACT-08').value >= 62);
  assert.ok(valueOf(organisation, 'ACT-08').value >= valueOf(category, 'ACT-08').value);
  const dashboard = await ok(await as('director', `/api/v1/dashboards/category:183?${march}`));
  const ours = dashboard.children.find((c) => c.scope === `establishment:${d.e.id}`);
  assert.ok(ours, 'our establishment is a child of its category');
  assert.equal(ours.kind, 'establishment');
  assert.equal(ours.label, d.e.name);
  assert.equal(ours.values['ACT-08'], 62);
  close(ours.values['ACT-02'], 67 / 200, 'child ACT-02');
  assert.ok(dashboard.children.every((c) => c.category === '183'), 'only IMEs');
  // ACT-08 and ACT-03 are sums: the category's value is the sum of its establishments'.
  const sum = dashboard.children.reduce((s, c) => s + (c.values['ACT-08'] ?? 0), 0);
  assert.equal(valueOf(category, 'ACT-08').value, sum);
  const org = await ok(await as('director', `/api/v1/dashboards/organisation?${march}`));
  assert.ok(org.children.some((c) => c.scope === `establishment:${d.empty.id}` && c.category === '449'));
  assert.equal(org.children.reduce((s, c) => s + (c.values['ACT-08'] ?? 0), 0), valueOf(organisation, 'ACT-08').value);
  // The platform sees organisations.
  const platform = await ok(await as('platform', `/api/v1/dashboards/platform?${march}`));
  assert.deepEqual(platform.scope, { code: 'platform', label: 'Plateforme', kind: 'platform' });
  assert.deepEqual(platform.children.map((c) => c.kind), platform.children.map(() => 'organisation'));
  const one = platform.children.find((c) => c.scope === 'organisation:1');
  assert.equal(one.values['ACT-08'], valueOf(organisation, 'ACT-08').value);
  assert.deepEqual(platform.drill, { persons: false, staff: false });
});

test('scopes outside the caller\'s rights are 404, other organisations included; an external reader gets nothing', async () => {
  const path = (scope) => `/api/v1/indicators/values?scope=${scope}&${march}&ids=ACT-08`;
  // The head of service of establishment 1: that establishment only.
  assert.equal((await ok(await as('head', path('establishment:1')))).scope.code, 'establishment:1');
  for (const scope of [`establishment:${d.e.id}`, 'organisation', 'organisation:1', 'category:183', 'platform'])
    await problem(await as('head', path(scope)), 404);
  // Another organisation's director: nothing of organisation 1, by any scope.
  for (const scope of [`establishment:${d.e.id}`, 'establishment:1', 'organisation:1', 'platform', 'establishment:999999'])
    await problem(await as('foreign', path(scope)), 404);
  assert.equal((await ok(await as('foreign', path('organisation')))).scope.code, 'organisation:2');
  assert.equal((await ok(await as('foreign', path('organisation:2')))).scope.code, 'organisation:2');
  // The director of organisation 1 neither sees organisation 2 nor the platform.
  for (const scope of ['organisation:2', 'establishment:13', 'platform', 'organisation:999'])
    await problem(await as('director', path(scope)), 404);
  await problem(await as('director', `/api/v1/dashboards/organisation:2?${march}`), 404);
  await problem(await as('foreign', `/api/v1/dashboards/establishment:${d.e.id}?${march}`), 404);
  // The platform administrator: every organisation and establishment, not "organisation" alone.
  assert.equal((await ok(await as('platform', path('organisation:2')))).scope.code, 'organisation:2');
  assert.equal((await ok(await as('platform', path(`establishment:${d.e.id}`)))).scope.code, `establishment:${d.e.id}`);
  await problem(await as('platform', path('organisation')), 400, ['scope']);
  // Roles without steering: 403 whatever the scope, and nothing at all for the funder.
  for (const who of ['funder', 'educator', 'secretary']) {
    await problem(await as(who, '/api/v1/indicators'), 403);
    await problem(await as(who, path('organisation')), 403);
    await problem(await as(who, `/api/v1/dashboards/organisation?${march}`), 403);
    await problem(await as(who, `/api/v1/indicators/ACT-03/details?scope=establishment:1&${march}`), 403);
  }
  // Anonymous: 401.
  assert.equal((await fetch(`${server.base}/api/v1/indicators`)).status, 401);
});

test('every bad input of the issue is a 400 naming the field', async () => {
  const scope = `establishment:${d.e.id}`;
  const bad = async (query, fields, path = '/api/v1/indicators/values') =>
    problem(await as('director', `${path}?${query}`), 400, fields);
  await bad(`scope=${scope}&${march}&ids=ACT-99`, ['ids']);
  await bad(`scope=${scope}&${march}&ids=ACT-02,nope`, ['ids']);
  await bad(`scope=${scope}&${march}&ids=,`, ['ids']);
  await bad(`scope=${scope}&from=2025-03-31&to=2025-03-01`, ['to']);
  await bad(`scope=${scope}&from=1980-01-01&to=2029-12-31`, ['to']);
  await bad(`scope=${scope}&from=2015-01-01&to=2025-01-01`, ['to']);
  const far = new Date().getUTCFullYear() + 2;
  await bad(`scope=${scope}&from=${far}-01-01&to=${far}-01-31`, ['to']);
  await bad(`scope=${scope}&from=2025-02-30&to=2025-03-31`, ['from']);
  await bad(`scope=${scope}&from=2025-03-01&to=31/03/2025`, ['to']);
  await bad(`scope=${scope}&from=20250301&to=2025-03-31`, ['from']);
  await bad(`scope=${scope}&to=2025-03-31`, ['from']);
  await bad(`scope=${scope}&from=2025-03-01`, ['to']);
  await bad(march, ['scope']);
  await bad(`scope=galaxy:3&${march}`, ['scope']);
  await bad(`scope=establishment:abc&${march}`, ['scope']);
  await bad(`scope=establishment:-4&${march}`, ['scope']);
  await bad(`scope=category:999&${march}`, ['scope']);
  await bad(`scope=organisation:x&${march}`, ['scope']);
  // Exactly ten years is accepted.
  await ok(await as('director', `/api/v1/indicators/values?scope=${scope}&from=2015-01-01&to=2024-12-31&ids=ACT-10`));
  // The same checks on the dashboard and the lists.
  await bad('from=2025-03-31&to=2025-03-01', ['to'], `/api/v1/dashboards/${scope}`);
  await bad('from=1975-01-01&to=2025-01-01', ['to'], `/api/v1/dashboards/${scope}`);
  await bad('from=2025-3-1&to=2025-03-31', ['from'], `/api/v1/dashboards/${scope}`);
  await problem(await as('director', `/api/v1/dashboards/nowhere?${march}`), 400, ['scope']);
  await bad(`scope=organisation&${march}`, ['scope'], '/api/v1/indicators/ACT-03/details');
  await bad(`scope=${scope}&from=2025-03-31&to=2025-03-01`, ['to'], '/api/v1/indicators/ACT-03/details');
  await problem(await as('director', `/api/v1/indicators/ACT-99/details?scope=${scope}&${march}`), 404);
  await problem(await as('director', `/api/v1/indicators/ACT-02/details?scope=${scope}&${march}`), 404);
});

// ---------------------------------------------------------------------------------------------
// Dashboards

test('the dashboard of an establishment: every indicator, monthly charts, age pyramid, no children, drill flags', async () => {
  const dash = await ok(await as('director', `/api/v1/dashboards/establishment:${d.e.id}?from=2025-01-01&to=2025-03-31`));
  const { items } = await ok(await as('director', '/api/v1/indicators'));
  assert.deepEqual(dash.values.map((v) => v.id), items.map((i) => i.id));
  assert.deepEqual(dash.previous_period, { from: '2024-10-01', to: '2024-12-31' });
  assert.deepEqual(dash.children, []);
  assert.deepEqual(dash.drill, { persons: true, staff: true });
  assert.deepEqual(dash.charts.occupancy_by_month.map((p) => p.month), ['2025-01', '2025-02', '2025-03']);
  const marchPoint = dash.charts.occupancy_by_month[2];
  close(marchPoint.value, 67 / 200, 'March in the occupancy chart');
  assert.equal(marchPoint.numerator, 67);
  assert.equal(dash.charts.occupancy_by_month[0].numerator, 0);
  assert.deepEqual(dash.charts.movements_by_month,
    [{ month: '2025-01', admissions: 3, discharges: 0 }, { month: '2025-02', admissions: 0, discharges: 0 },
      { month: '2025-03', admissions: 1, discharges: 1 }]);
  assert.deepEqual(dash.charts.absenteeism_by_month.map((p) => p.month), ['2025-01', '2025-02', '2025-03']);
  close(dash.charts.absenteeism_by_month[2].value, 5 / (1.5 * 31), 'March absenteeism');
  // Present at 31 March: Alice and Chloé (F, 12), Denis (M, 12).
  const pyramid = dash.charts.age_pyramid;
  const band = pyramid.find((b) => b.F + b.M + b.unknown > 0 && b.key === '11-15');
  assert.ok(band, JSON.stringify(pyramid));
  assert.deepEqual([band.F, band.M, band.unknown], [2, 1, 0]);
  assert.equal(pyramid.reduce((s, b) => s + b.F + b.M + b.unknown, 0), 3);
  // A period cut inside months: the first and last months are cut to the period.
  const cut = await ok(await as('director', `/api/v1/dashboards/establishment:${d.e.id}?from=2025-02-20&to=2025-03-05`));
  assert.deepEqual(cut.charts.movements_by_month.map((p) => p.month), ['2025-02', '2025-03']);
  // 3 and 4 March: Alice in hospital (counted), Bruno and Chloé present; 5 March: the three present.
  assert.equal(cut.charts.occupancy_by_month[1].numerator, 2 * 2 + 2 + 3);
  assert.equal(cut.charts.occupancy_by_month[1].denominator, 10 * 3);
});

test('drill flags follow the caller\'s rights on the establishment', async () => {
  const flags = async (who, scope) => (await ok(await as(who, `/api/v1/dashboards/${scope}?${march}`))).drill;
  assert.deepEqual(await flags('head', 'establishment:1'), { persons: true, staff: true });
  assert.deepEqual(await flags('quality', `establishment:${d.e.id}`), { persons: false, staff: false });
  assert.deepEqual(await flags('admin', `establishment:${d.e.id}`), { persons: false, staff: true });
  assert.deepEqual(await flags('director', 'organisation'), { persons: false, staff: false });
});

// ---------------------------------------------------------------------------------------------
// Drill-down lists

const details = async (id, who = 'director', period = march, scope = `establishment:${d.e.id}`) =>
  ok(await as(who, `/api/v1/indicators/${id}/details?scope=${scope}&${period}`));
// Every audit event matching `query`, oldest first (the DPO's search, page after page).
async function auditEvents(query) {
  const events = [];
  let cursor = '';
  do {
    const page = await ok(await as('dpo', `/api/v1/audit?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`));
    events.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return events;
}
const names = (list) => list.items.map((i) => i.first_name).sort();

test('the persons behind a number: one line per person counted, as many as the value', async () => {
  const caseload = await details('ACT-03');
  assert.equal(caseload.kind, 'persons');
  assert.deepEqual(names(caseload), ['Alice', 'Bruno', 'Chloé', 'Denis']);
  const bruno = caseload.items.find((i) => i.id === d.bruno.id);
  assert.deepEqual({ ...bruno, detail: undefined }, {
    id: d.bruno.id, last_name: d.bruno.birth_name, first_name: 'Bruno', establishment_id: d.e.id, care_mode: '14',
    from: '2025-01-06', to: '2025-03-20', detail: undefined });
  assert.match(bruno.detail, /20/);
  assert.deepEqual(names(await details('ACT-10')), ['Denis']);
  assert.deepEqual(names(await details('ACT-11')), ['Bruno']);
  assert.deepEqual(names(await details('ACT-05')), ['Alice', 'Chloé']);
  assert.deepEqual(names(await details('ACT-13')), ['Alice', 'Chloé']);
  assert.match((await details('ACT-13')).items.find((i) => i.first_name === 'Alice').detail, /hospitalisation : 2 jours/);
  assert.deepEqual(names(await details('ACT-15')), ['Emma']);
  // In February Denis was still waiting.
  assert.deepEqual(names(await details('ACT-15', 'director', 'from=2025-02-01&to=2025-02-28')), ['Denis', 'Emma']);
  // The lists hold what the engine counts.
  const answer = await values(`establishment:${d.e.id}`, 'ACT-03,ACT-10,ACT-11,ACT-15');
  for (const id of ['ACT-03', 'ACT-10', 'ACT-11', 'ACT-15'])
    assert.equal((await details(id)).items.length, valueOf(answer, id).value, `${id}: list length = value`);
});

test('the staff behind a number: absences counted in absenteeism, replacements, contracts', async () => {
  const absences = await details('RH-01');
  assert.equal(absences.kind, 'staff');
  assert.deepEqual(absences.items.map((i) => [i.id, i.from, i.to]), [[d.educator.id, '2025-03-03', '2025-03-07']]);
  assert.equal(absences.items[0].job_code, 'specialised_educator');
  assert.match(absences.items[0].detail, /5 jours/);
  assert.deepEqual((await details('RH-06')).items.map((i) => i.id), [d.replacement.id]);
  assert.deepEqual((await details('RH-07')).items.map((i) => i.id).sort(), [d.educator.id, d.replacement.id].sort());
  assert.equal((await details('RH-06')).items.length, valueOf(await values(`establishment:${d.e.id}`, 'RH-06'), 'RH-06').value);
});

test('drill-down rights: persons need the administrative record, staff the staff records; refusals and reads audited', async () => {
  const url = (id, scope = `establishment:${d.e.id}`) => `/api/v1/indicators/${id}/details?scope=${scope}&${march}`;
  // The organisation administrator reads staff, not persons; the quality manager neither.
  assert.equal((await ok(await as('admin', url('RH-07')))).items.length, 2);
  await problem(await as('admin', url('ACT-03')), 403);
  await problem(await as('quality', url('ACT-03')), 403);
  await problem(await as('quality', url('RH-07')), 403);
  // The platform administrator reads the figures of any establishment, never the persons or staff behind them.
  await problem(await as('platform', url('ACT-03')), 403);
  await problem(await as('platform', url('RH-01')), 403);
  // The head of service of establishment 1: that one only.
  await ok(await as('head', url('ACT-03', 'establishment:1')));
  await problem(await as('head', url('ACT-03')), 404);
  await problem(await as('foreign', url('ACT-03')), 404);
  await problem(await as('foreign', url('RH-07')), 404);
  // The director's read of the caseload is one audited list read naming each person.
  await details('ACT-03');
  const reads = (await auditEvents('action=read'))
    .filter((e) => e.object_type === 'person_list' && e.establishment_id === d.e.id && e.object_id.startsWith('ACT-03 '));
  assert.ok(reads.length > 0, 'the list read is audited');
  for (const p of [d.alice, d.bruno, d.chloe, d.denis]) assert.ok(reads.at(-1).object_id.includes(String(p.id)), reads.at(-1).object_id);
  const staffReads = (await auditEvents('action=read'))
    .filter((e) => e.object_type === 'staff_list' && e.establishment_id === d.e.id);
  assert.ok(staffReads.some((e) => e.object_id.includes(String(d.replacement.id))), 'the staff list read is audited');
  const denied = (await auditEvents('action=access'))
    .filter((e) => e.outcome === 'denied' && e.account === emails.quality && e.object_id.includes('/details'));
  assert.ok(denied.length > 0, 'the refusals are audited');
});
