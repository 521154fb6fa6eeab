// Attendance and movements, on the real binary with the demo data: the monthly grid of an
// establishment and kind of care (days open from the calendar and closures, one row per stay
// overlapping the month, cells inside or outside the stay), the bulk PUT of a month (all or
// nothing: one bad cell refuses the whole batch and writes nothing), clearing, corrections in the
// history, discharges refused while attendance follows, a large batch in one request, access by
// role and organisation; the movements export (admissions, discharges, transfers) in JSON, CSV
// and XLSX, and its audit trail.
// The grids use establishments this file creates (the demo establishments hold their own
// persons and attendance); every list is filtered by the ids created here.
// The tests share one server and run in order (node --test --test-concurrency=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';
import { finess } from '../lib/finess.mjs';

let server;
const sessions = {};
const emails = {
  admin: 'admin@passerelles-rhone.demo',
  directrice: 'directrice@passerelles-rhone.demo',
  secretaire: 'secretaire@passerelles-rhone.demo',
  cheffe: 'cheffe.service@passerelles-rhone.demo',
  educateur: 'educateur@passerelles-rhone.demo',
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

// A problem+json answer with this status (or one of these); `fields`, when given, must all be named.
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
    for (const f of fields) assert.ok(named.includes(f), `${f} named in ${text.slice(0, 600)}`);
  }
  return body;
}

let serial = 0;
const runTag = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
function letters(n) {
  let s = '';
  do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
  return s;
}
// Names nobody else has: letters only, a per-run tag and a serial spelled as letters.
const uniqueName = () => `Presence${runTag}${letters(++serial)}`;

let finessSerial = 0;
const newFiness = () => finess('6997' + String(Math.floor(Math.random() * 90) + 10) + String(++finessSerial).padStart(2, '0'));

// A fresh establishment of organisation 1, created by its administrator.
async function newEstablishment(name) {
  return ok(await as('admin', '/api/v1/establishments', {
    json: { finess_et: newFiness(), name: `${name} ${runTag}`, category_code: '183' },
  }), 201);
}

async function newPerson(establishmentId, fields = {}, who = 'directrice') {
  const name = uniqueName();
  return ok(await as(who, '/api/v1/persons', { json: {
    establishment_id: establishmentId, birth_name: name, first_names: ['Camille'], sex: 'F', birth_date: '2010-06-15',
    confirm_duplicate: true, ...fields,
  } }), 201);
}

async function admit(personId, establishmentId, fields = {}, who = 'directrice') {
  return ok(await as(who, `/api/v1/persons/${personId}/stays`, { json: {
    establishment_id: establishmentId, care_mode: '13', admission_date: '2025-01-06', origin: 'home', ...fields,
  } }), 201);
}

const grid = async (establishmentId, month, mode = '13', who = 'directrice') =>
  ok(await as(who, `/api/v1/attendance?establishment_id=${establishmentId}&care_mode=${mode}&month=${month}`));
const put = (json, who = 'directrice') => as(who, '/api/v1/attendance', { method: 'PUT', json });
const personMonth = async (personId, month, who = 'directrice') =>
  ok(await as(who, `/api/v1/persons/${personId}/attendance?month=${month}`));
const historyOf = async (id) => (await ok(await as('directrice', `/api/v1/persons/${id}/history`))).items;

// Every day of a month, as YYYY-MM-DD.
function daysOf(month) {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
const weekday = (iso) => (new Date(iso + 'T00:00:00Z').getUTCDay() + 6) % 7;  // 0 = Monday

// ---------------------------------------------------------------------------------------------
// The grid

const g = {};  // shared fixtures: establishments, persons, stays

test('the grid: days with their open flag, one row per stay of that establishment and care mode overlapping the month', async () => {
  const e = await newEstablishment('IME Présences');
  g.e = e;
  // Weekdays open in 2025 for the semi-internat, a closure the week of 10 March.
  await ok(await as('admin', `/api/v1/establishments/${e.id}/calendar`, { method: 'PUT',
    json: { care_mode: '13', year: 2025, weekly_pattern: '1111100' } }));
  await ok(await as('admin', `/api/v1/establishments/${e.id}/closures`, {
    json: { date_from: '2025-03-10', date_to: '2025-03-14', reason: 'Fermeture de printemps' } }), 201);

  const p = {};
  for (const k of ['open', 'inMonth', 'april', 'internat', 'before', 'elsewhere', 'third']) p[k] = await newPerson(e.id);
  g.p = p;
  g.stays = {
    open: await admit(p.open.id, e.id, { admission_date: '2025-01-06' }),
    inMonth: await admit(p.inMonth.id, e.id, { admission_date: '2025-03-12', discharge_date: '2025-03-20', destination: 'home' }),
    april: await admit(p.april.id, e.id, { admission_date: '2025-04-01' }),
    internat: await admit(p.internat.id, e.id, { care_mode: '11', admission_date: '2025-01-06' }),
    before: await admit(p.before.id, e.id, { admission_date: '2024-09-02', discharge_date: '2025-02-28', destination: 'family' }),
    elsewhere: await admit(p.elsewhere.id, 1, { admission_date: '2025-01-06' }),
    third: await admit(p.third.id, e.id, { admission_date: '2025-02-03' }),
  };

  const march = await grid(e.id, '2025-03');
  assert.equal(march.establishment_id, e.id);
  assert.equal(march.care_mode, '13');
  assert.equal(march.month, '2025-03');
  assert.deepEqual(march.days.map((d) => d.date), daysOf('2025-03'));
  for (const d of march.days) {
    assert.equal(d.weekday, weekday(d.date), d.date);
    const closed = d.weekday >= 5 || (d.date >= '2025-03-10' && d.date <= '2025-03-14');
    assert.equal(d.open, !closed, `${d.date} open`);
  }
  assert.equal(march.days[0].weekday, 5, '1 March 2025 is a Saturday');
  // Only the stays of this establishment, this care mode, overlapping March.
  const rows = new Map(march.rows.map((r) => [r.stay_id, r]));
  assert.deepEqual([...rows.keys()].sort((a, b) => a - b),
    [g.stays.open.id, g.stays.inMonth.id, g.stays.third.id].sort((a, b) => a - b));
  const partial = rows.get(g.stays.inMonth.id);
  assert.equal(partial.person.id, p.inMonth.id);
  assert.equal(partial.person.birth_name, p.inMonth.birth_name);
  assert.deepEqual(partial.person.first_names, ['Camille']);
  assert.equal(partial.admission_date, '2025-03-12');
  assert.equal(partial.discharge_date, '2025-03-20');
  assert.equal(partial.cells.length, 31);
  partial.cells.forEach((c, i) => {
    const day = i + 1;
    assert.equal(c.in_stay, day >= 12 && day <= 20, `day ${day}`);
    assert.equal(c.status, null);
    assert.equal(c.reason, null);
  });
  assert.ok(rows.get(g.stays.open.id).cells.every((c) => c.in_stay));
  assert.deepEqual(march.totals, {});
  // The internat grid holds the other stay; February has the stay that ended on its last day.
  assert.deepEqual((await grid(e.id, '2025-03', '11')).rows.map((r) => r.stay_id), [g.stays.internat.id]);
  const feb = await grid(e.id, '2025-02');
  assert.ok(feb.rows.some((r) => r.stay_id === g.stays.before.id));
  assert.equal(feb.days.length, 28);
  assert.ok(!feb.rows.some((r) => r.stay_id === g.stays.inMonth.id));
  // Establishment 1's grid does not list this establishment's stays (and holds the other one).
  const one = await grid(1, '2025-03');
  assert.ok(one.rows.some((r) => r.stay_id === g.stays.elsewhere.id));
  assert.ok(!one.rows.some((r) => [g.stays.open.id, g.stays.inMonth.id].includes(r.stay_id)));
});

test('bulk PUT of a month for several persons; the grid, the totals and each person\'s month show it', async () => {
  const { e, stays, p } = g;
  const entries = [];
  const expected = new Map();  // `${stay}|${date}` → [status, reason]
  const add = (stay, date, status, reason) => {
    entries.push(reason === undefined ? { stay_id: stay, date, status } : { stay_id: stay, date, status, reason });
    expected.set(`${stay}|${date}`, [status, reason ?? null]);
  };
  for (const date of daysOf('2025-03')) {
    const wd = weekday(date);
    const closed = wd >= 5 || (date >= '2025-03-10' && date <= '2025-03-14');
    if (closed) { add(stays.open.id, date, 'not_expected'); continue; }
    if (date === '2025-03-18' || date === '2025-03-19') add(stays.open.id, date, 'absent', 'illness');
    else add(stays.open.id, date, 'present');
    if (date >= '2025-03-12' && date <= '2025-03-20') add(stays.inMonth.id, date, date === '2025-03-17' ? 'absent' : 'present', date === '2025-03-17' ? 'family' : undefined);
    if (date >= '2025-03-24') add(stays.third.id, date, 'absent', 'hospitalisation');
  }
  const answer = await ok(await put({ establishment_id: e.id, care_mode: '13', month: '2025-03', entries }));
  assert.deepEqual(answer, { written: entries.length, cleared: 0 });

  const march = await grid(e.id, '2025-03');
  for (const row of march.rows) {
    row.cells.forEach((c, i) => {
      const want = expected.get(`${row.stay_id}|${daysOf('2025-03')[i]}`) ?? [null, null];
      assert.deepEqual([c.status, c.reason], want, `${row.stay_id} ${daysOf('2025-03')[i]}`);
    });
  }
  const count = (status, reason = null) => [...expected.values()].filter(([s, r]) => s === status && r === reason).length;
  assert.deepEqual(march.totals, {
    present: count('present'), not_expected: count('not_expected'), 'absent:illness': count('absent', 'illness'),
    'absent:family': count('absent', 'family'), 'absent:hospitalisation': count('absent', 'hospitalisation'),
  });

  const mine = await personMonth(p.inMonth.id, '2025-03');
  assert.equal(mine.month, '2025-03');
  assert.deepEqual(mine.stays.map((s) => s.id), [stays.inMonth.id]);
  // 12 to 20 March: the closure (12–14) and the weekend (15–16) were left empty.
  assert.deepEqual(mine.marks.map((m) => m.date), ['2025-03-17', '2025-03-18', '2025-03-19', '2025-03-20']);
  assert.deepEqual(mine.marks.find((m) => m.date === '2025-03-17'), { stay_id: stays.inMonth.id, date: '2025-03-17', status: 'absent', reason: 'family' });
  assert.deepEqual(mine.totals, { present: 3, 'absent:family': 1 });
  assert.equal((await personMonth(p.open.id, '2025-03')).marks.length, 31);
  assert.deepEqual((await personMonth(p.open.id, '2025-04')).marks, []);
  // First entries are not corrections: nothing about attendance in the history yet.
  assert.ok(!(await historyOf(p.open.id)).some((h) => h.field.startsWith('attendance')));
});

test('all or nothing: one entry outside its stay among 50 valid ones → 422 naming entries/<i>/date, and nothing written', async () => {
  const { e, stays, p } = g;
  const before = { grid: await grid(e.id, '2025-03'), open: await personMonth(p.open.id, '2025-03'), history: await historyOf(p.open.id) };
  const entries = [];
  for (const date of daysOf('2025-03')) entries.push({ stay_id: stays.open.id, date, status: 'absent', reason: 'holiday' });
  for (const date of daysOf('2025-03').slice(0, 19)) entries.push({ stay_id: stays.third.id, date, status: 'present' });
  // stays.third opened on 3 February: all of March is inside. 50 valid entries, then one on 11 March
  // for the stay that opened on the 12th, placed in the middle.
  assert.equal(entries.length, 50);
  const bad = 37;
  entries.splice(bad, 0, { stay_id: stays.inMonth.id, date: '2025-03-11', status: 'present' });
  const body = await problem(await put({ establishment_id: e.id, care_mode: '13', month: '2025-03', entries }), 422, [`entries/${bad}/date`]);
  assert.match(body.type, /invalid-attendance$/);
  assert.equal(body.errors.length, 1, JSON.stringify(body.errors));
  assert.deepEqual(await grid(e.id, '2025-03'), before.grid, 'nothing written');
  assert.deepEqual(await personMonth(p.open.id, '2025-03'), before.open);
  assert.deepEqual(await historyOf(p.open.id), before.history);
  // After the discharge date, too.
  const after = [{ stay_id: stays.open.id, date: '2025-03-03', status: 'absent', reason: 'holiday' },
    { stay_id: stays.inMonth.id, date: '2025-03-21', status: 'present' }];
  await problem(await put({ establishment_id: e.id, care_mode: '13', month: '2025-03', entries: after }), 422, ['entries/1/date']);
  assert.deepEqual(await grid(e.id, '2025-03'), before.grid, 'nothing written');
});

test('every bad entry or parameter is refused naming it, and nothing is written', async () => {
  const { e, stays } = g;
  const good = { stay_id: stays.open.id, date: '2025-03-05', status: 'absent', reason: 'unjustified' };
  const batch = (entries, fields = {}) => ({ establishment_id: e.id, care_mode: '13', month: '2025-03', entries, ...fields });
  const before = await grid(e.id, '2025-03');
  const cases = [
    ['absent without reason', batch([good, { stay_id: stays.open.id, date: '2025-03-06', status: 'absent' }]), ['entries/1/reason']],
    ['absent with a null reason', batch([good, { stay_id: stays.open.id, date: '2025-03-06', status: 'absent', reason: null }]), ['entries/1/reason']],
    ['a reason on a present day', batch([good, { stay_id: stays.open.id, date: '2025-03-06', status: 'present', reason: 'illness' }]), ['entries/1/reason']],
    ['a reason on a day not expected', batch([good, { stay_id: stays.open.id, date: '2025-03-08', status: 'not_expected', reason: 'holiday' }]), ['entries/1/reason']],
    ['a reason when clearing', batch([good, { stay_id: stays.open.id, date: '2025-03-06', status: null, reason: 'illness' }]), ['entries/1/reason']],
    ['an unknown reason', batch([{ ...good, reason: 'strike' }]), ['entries/0/reason']],
    ['an unknown status', batch([good, { stay_id: stays.open.id, date: '2025-03-06', status: 'late' }]), ['entries/1/status']],
    ['the same cell twice', batch([good, { ...good, status: 'present', reason: undefined }]), ['entries/1/date']],
    ['a stay of another establishment', batch([good, { stay_id: stays.elsewhere.id, date: '2025-03-05', status: 'present' }]), ['entries/1/stay_id']],
    ['a stay of another care mode', batch([good, { stay_id: stays.internat.id, date: '2025-03-05', status: 'present' }]), ['entries/1/stay_id']],
    ['a stay not overlapping the month', batch([good, { stay_id: stays.april.id, date: '2025-03-05', status: 'present' }]), ['entries/1/stay_id']],
    ['an unknown stay', batch([good, { stay_id: 99999999, date: '2025-03-05', status: 'present' }]), ['entries/1/stay_id']],
    ['a date outside the month', batch([good, { stay_id: stays.open.id, date: '2025-04-01', status: 'present' }]), ['entries/1/date']],
    ['a date of the month before', batch([good, { stay_id: stays.open.id, date: '2025-02-28', status: 'present' }]), ['entries/1/date']],
    ['a malformed date', batch([good, { stay_id: stays.open.id, date: '2025-03-32', status: 'present' }]), ['entries/1/date']],
    ['a French date', batch([good, { stay_id: stays.open.id, date: '06/03/2025', status: 'present' }]), ['entries/1/date']],
    ['a missing stay_id', batch([good, { date: '2025-03-06', status: 'present' }]), ['entries/1/stay_id']],
    ['an unknown field in an entry', batch([good, { stay_id: stays.open.id, date: '2025-03-06', status: 'present', comment: 'x' }]), ['entries/1/comment']],
    ['an entry not an object', batch([good, 'present']), ['entries/1']],
    ['month 2025-3', batch([good], { month: '2025-3' }), ['month']],
    ['month 2025-13', batch([good], { month: '2025-13' }), ['month']],
    ['month 03-2025', batch([good], { month: '03-2025' }), ['month']],
    ['month as a full date', batch([good], { month: '2025-03-01' }), ['month']],
    ['month missing', batch([good], { month: undefined }), ['month']],
    ['entries missing', batch(undefined), ['entries']],
    ['entries not an array', batch({ 0: good }), ['entries']],
    ['unknown care mode', batch([good], { care_mode: '99' }), ['care_mode']],
    ['unknown top-level field', batch([good], { confirm: true }), ['confirm']],
    ['establishment of organisation 2', batch([good], { establishment_id: 13 }), ['establishment_id']],
    ['unknown establishment', batch([good], { establishment_id: 99999999 }), ['establishment_id']],
  ];
  const failures = [];
  for (const [name, json, fields] of cases) {
    try { await problem(await put(json), 422, fields); } catch (err) { failures.push(`${name}: ${err.message}`); }
  }
  // More than 40000 entries in one request.
  const many = Array.from({ length: 40001 }, () => good);
  try { await problem(await put(batch(many)), [413, 422], []); } catch (err) { failures.push(`40001 entries: ${err.message}`); }
  assert.deepEqual(failures, []);
  assert.deepEqual(await grid(e.id, '2025-03'), before, 'nothing written');

  // The grid's parameters.
  const get = (query) => as('directrice', `/api/v1/attendance?${query}`);
  for (const month of ['2025-3', '2025-13', 'mars', '2025-03-01']) {
    await problem(await get(`establishment_id=${e.id}&care_mode=13&month=${month}`), [400, 422], ['month']);
    await problem(await as('directrice', `/api/v1/persons/${g.p.open.id}/attendance?month=${month}`), [400, 422], ['month']);
  }
  await problem(await get(`establishment_id=${e.id}&care_mode=13`), [400, 422], ['month']);
  await problem(await get(`establishment_id=${e.id}&month=2025-03`), [400, 422], ['care_mode']);
  await problem(await get('care_mode=13&month=2025-03'), [400, 422], ['establishment_id']);
  await problem(await get('establishment_id=99999999&care_mode=13&month=2025-03'), 404);
});

test('status null clears a cell; a correction is in the person\'s history with the previous value, the account and the date', async () => {
  const { e, stays, p } = g;
  const month = { establishment_id: e.id, care_mode: '13', month: '2025-03' };
  const before = await grid(e.id, '2025-03');
  const answer = await ok(await put({ ...month, entries: [
    { stay_id: stays.open.id, date: '2025-03-03', status: 'absent', reason: 'family' },   // was present
    { stay_id: stays.open.id, date: '2025-03-04', status: null },                          // was present
    { stay_id: stays.inMonth.id, date: '2025-03-18', status: null },                       // was present
    { stay_id: stays.inMonth.id, date: '2025-03-15', status: null },                       // nothing there
  ] }));
  assert.deepEqual(answer, { written: 1, cleared: 2 });
  const march = await grid(e.id, '2025-03');
  const row = (id) => march.rows.find((r) => r.stay_id === id);
  assert.deepEqual({ ...row(stays.open.id).cells[2] }, { in_stay: true, status: 'absent', reason: 'family' });
  assert.deepEqual({ ...row(stays.open.id).cells[3] }, { in_stay: true, status: null, reason: null });
  assert.equal(row(stays.inMonth.id).cells[17].status, null);
  assert.equal(march.totals.present, before.totals.present - 3);
  assert.equal(march.totals['absent:family'], before.totals['absent:family'] + 1);

  const history = await historyOf(p.open.id);
  const changed = history.find((h) => h.field === 'attendance 2025-03-03');
  assert.ok(changed, JSON.stringify(history.slice(0, 5)));
  assert.equal(changed.previous_value, 'present');
  assert.match(changed.new_value, /absent/);
  assert.match(changed.new_value, /family/);
  assert.equal(changed.account, emails.directrice);
  assert.ok(Date.now() - Date.parse(changed.at) < 10 * 60e3, `${changed.at} is recent`);
  const cleared = history.find((h) => h.field === 'attendance 2025-03-04');
  assert.equal(cleared.previous_value, 'present');
  assert.equal(cleared.new_value, null);
  assert.ok((await historyOf(p.inMonth.id)).some((h) => h.field === 'attendance 2025-03-18'));
  assert.ok(!(await historyOf(p.inMonth.id)).some((h) => h.field === 'attendance 2025-03-15'), 'clearing an empty cell changes nothing');
  // The same value again is not a change.
  const count = history.length;
  await ok(await put({ ...month, entries: [{ stay_id: stays.open.id, date: '2025-03-03', status: 'absent', reason: 'family' }] }));
  assert.equal((await historyOf(p.open.id)).length, count);
});

test('a discharge (or a transfer) is refused, naming its date, while attendance is recorded after it', async () => {
  const { e, stays, p } = g;
  const path = `/api/v1/persons/${p.open.id}/stays/${stays.open.id}`;
  const before = await ok(await as('directrice', `/api/v1/persons/${p.open.id}`));
  await problem(await as('directrice', `${path}/discharge`, { json: { discharge_date: '2025-03-20', destination: 'home' } }), 422, ['discharge_date']);
  await problem(await as('directrice', `${path}/transfer`, { json: { transfer_date: '2025-03-21', establishment_id: 1, care_mode: '13' } }), 422, ['transfer_date']);
  assert.deepEqual(await ok(await as('directrice', `/api/v1/persons/${p.open.id}`)), before, 'nothing written');
  // Once the later days are cleared, the discharge goes through.
  const later = daysOf('2025-03').filter((d) => d > '2025-03-20').map((date) => ({ stay_id: stays.open.id, date, status: null }));
  await ok(await put({ establishment_id: e.id, care_mode: '13', month: '2025-03', entries: later }));
  const closed = await ok(await as('directrice', `${path}/discharge`, { json: { discharge_date: '2025-03-20', destination: 'home' } }));
  assert.equal(closed.discharge_date, '2025-03-20');
  const row = (await grid(e.id, '2025-03')).rows.find((r) => r.stay_id === stays.open.id);
  assert.equal(row.discharge_date, '2025-03-20');
  assert.equal(row.cells[20].in_stay, false);
  assert.equal(row.cells[19].in_stay, true);
});

test('a large batch: 300 persons × 30 days (9000 entries) in one PUT', { timeout: 300e3 }, async () => {
  const e = await newEstablishment('IME Grande grille');
  const persons = [];
  const queue = Array.from({ length: 300 }, (_, i) => i);
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (queue.length) {
      const i = queue.shift();
      const person = await newPerson(e.id, { birth_date: `20${String(i % 20).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}` });
      const stay = await admit(person.id, e.id, { admission_date: '2025-05-05' });
      persons.push({ person, stay });
    }
  }));
  const entries = [];
  for (const { stay } of persons)
    for (const date of daysOf('2025-06')) {
      const wd = weekday(date);
      entries.push(wd >= 5 ? { stay_id: stay.id, date, status: 'not_expected' }
        : (stay.id + wd) % 7 === 0 ? { stay_id: stay.id, date, status: 'absent', reason: 'illness' }
          : { stay_id: stay.id, date, status: 'present' });
    }
  assert.equal(entries.length, 9000);
  const answer = await ok(await put({ establishment_id: e.id, care_mode: '13', month: '2025-06', entries }));
  assert.deepEqual(answer, { written: 9000, cleared: 0 });
  const june = await grid(e.id, '2025-06');
  assert.equal(june.rows.length, 300);
  assert.ok(june.rows.every((r) => r.cells.length === 30 && r.cells.every((c) => c.status !== null)));
  const sum = Object.values(june.totals).reduce((a, b) => a + b, 0);
  assert.equal(sum, 9000);
  assert.equal(june.totals['absent:illness'], entries.filter((x) => x.status === 'absent').length);
  // One more bad entry at the end of 9000 good ones: refused whole.
  const rewrite = entries.map((x) => ({ ...x, status: 'present', reason: undefined }));
  rewrite.push({ stay_id: persons[0].stay.id, date: '2025-06-30', status: 'present' });
  await problem(await put({ establishment_id: e.id, care_mode: '13', month: '2025-06', entries: rewrite }), 422, ['entries/9000/date']);
  assert.deepEqual((await grid(e.id, '2025-06')).totals, june.totals, 'nothing written');
});

test('access: the educator reads her establishment\'s grid but cannot write (403); other establishments and organisation 2 → 404', async () => {
  const { e, stays, p } = g;
  const before = await grid(e.id, '2025-03');
  const one = { establishment_id: 1, care_mode: '13', month: '2025-03', entries: [{ stay_id: stays.elsewhere.id, date: '2025-03-05', status: 'present' }] };
  const ofE = { establishment_id: e.id, care_mode: '13', month: '2025-03', entries: [{ stay_id: stays.third.id, date: '2025-03-05', status: 'absent', reason: 'other' }] };
  await grid(1, '2025-03', '13', 'educateur');
  await problem(await put(one, 'educateur'), 403);
  await problem(await put(ofE, 'educateur'), 403);
  await problem(await put(one, 'financeur'), 403);
  await problem(await put(one, 'dpo'), 403);
  await problem(await as('financeur', `/api/v1/attendance?establishment_id=1&care_mode=13&month=2025-03`), 403);
  // Establishment 1's staff do not see the establishment created here.
  for (const who of ['educateur', 'secretaire', 'cheffe'])
    await problem(await as(who, `/api/v1/attendance?establishment_id=${e.id}&care_mode=13&month=2025-03`), 404);
  await problem(await put(ofE, 'secretaire'), 404);
  await problem(await as('secretaire', `/api/v1/persons/${p.third.id}/attendance?month=2025-03`), 404);
  // Organisation 2's director: 404 on organisation 1's grid and person, the same as an unknown id.
  const foreign = await problem(await as('directeur2', `/api/v1/attendance?establishment_id=${e.id}&care_mode=13&month=2025-03`), 404);
  const unknown = await problem(await as('directeur2', '/api/v1/attendance?establishment_id=99999999&care_mode=13&month=2025-03'), 404);
  assert.equal(foreign.detail, unknown.detail);
  await problem(await as('directeur2', '/api/v1/attendance?establishment_id=1&care_mode=13&month=2025-03'), 404);
  await problem(await as('directeur2', `/api/v1/persons/${p.third.id}/attendance?month=2025-03`), 404);
  await problem(await put(ofE, 'directeur2'), [404, 422]);
  // The DPO reads (administrative data: read and export).
  await grid(e.id, '2025-03', '13', 'dpo');
  assert.deepEqual(await grid(e.id, '2025-03'), before, 'nothing written');
  // A person's month and the grid are audited reads.
  await personMonth(p.third.id, '2025-03');
  const events = (await ok(await as('dpo', `/api/v1/audit?person=${p.third.id}&action=read&limit=200`))).items;
  assert.ok(events.some((ev) => ev.action === 'read' && ev.fields?.includes('attendance')), JSON.stringify(events.slice(0, 3)));
  const reads = (await ok(await as('dpo', '/api/v1/audit?action=read&limit=200'))).items;
  assert.ok(reads.some((ev) => ev.object_type === 'attendance' && ev.establishment_id === e.id && ev.object_id.includes(String(p.third.id))),
    JSON.stringify(reads.filter((ev) => ev.object_type === 'attendance').slice(0, 3)));
});

// ---------------------------------------------------------------------------------------------
// Movements

const mv = {};

test('movements: admissions, discharges and transfers of the period in JSON; a transfer is one row', async () => {
  const from = await newEstablishment('IME Mouvements');
  const to = await newEstablishment('SESSAD Mouvements');
  Object.assign(mv, { from, to });
  const a = await newPerson(from.id, { birth_name: `Entree${runTag}`, first_names: ['Alice'] });
  const b = await newPerson(from.id, { birth_name: `Sortie${runTag}`, first_names: ['Bruno'], sex: 'M' });
  const c = await newPerson(from.id, { birth_name: `Transfert${runTag}`, first_names: ['Chloe'] });
  const d = await newPerson(from.id, { birth_name: `Plustard${runTag}`, first_names: ['David'], sex: 'M' });
  Object.assign(mv, { a, b, c, d });
  const sa = await admit(a.id, from.id, { admission_date: '2025-02-03', origin: 'hospital' });
  const sb = await admit(b.id, from.id, { admission_date: '2024-05-06' });
  await ok(await as('directrice', `/api/v1/persons/${b.id}/stays/${sb.id}/discharge`, { json: {
    discharge_date: '2025-04-30', destination: 'ordinary_work', discharge_reason: 'insertion' } }));
  const sc = await admit(c.id, from.id, { admission_date: '2025-01-06', origin: 'school' });
  const t = await ok(await as('directrice', `/api/v1/persons/${c.id}/stays/${sc.id}/transfer`, { json: {
    transfer_date: '2025-05-05', establishment_id: to.id, care_mode: '16' } }), 201);
  await admit(d.id, from.id, { admission_date: '2025-08-04' });
  Object.assign(mv, { sa, sb, sc, t });

  const mine = new Set([a.id, b.id, c.id, d.id]);
  const items = (await ok(await as('directrice', '/api/v1/movements?from=2025-01-01&to=2025-06-30'))).items.filter((m) => mine.has(m.person.id));
  const rows = items.map((m) => [m.kind, m.date, m.person.id, m.stay.id]);
  assert.deepEqual(rows, [
    ['admission', '2025-01-06', c.id, sc.id],
    ['admission', '2025-02-03', a.id, sa.id],
    ['discharge', '2025-04-30', b.id, sb.id],
    ['transfer', '2025-05-05', c.id, t.admitted.id],
  ]);
  const admission = items[1];
  assert.equal(admission.finess, from.finess_et);
  assert.equal(admission.person.birth_name, a.birth_name);
  assert.equal(admission.stay.origin, 'hospital');
  const transfer = items[3];
  assert.equal(transfer.finess, to.finess_et);
  assert.equal(transfer.from_finess, from.finess_et);
  assert.equal(transfer.from_stay.id, sc.id);
  assert.equal(transfer.from_stay.discharge_date, '2025-05-04');
  assert.ok(!items.some((m) => m.kind === 'discharge' && m.stay.id === sc.id), 'the discharge of a transfer is not repeated');

  // One establishment: the destination lists the transfer; so does the establishment left.
  const of = async (id) => (await ok(await as('directrice', `/api/v1/movements?from=2025-01-01&to=2025-06-30&establishment_id=${id}`)))
    .items.filter((m) => mine.has(m.person.id)).map((m) => [m.kind, m.person.id]);
  // A period without any of them; a period of one day.
  assert.deepEqual((await ok(await as('directrice', '/api/v1/movements?from=2025-07-01&to=2025-07-31'))).items.filter((m) => mine.has(m.person.id)), []);
  assert.deepEqual((await ok(await as('directrice', '/api/v1/movements?from=2025-04-30&to=2025-04-30'))).items
    .filter((m) => mine.has(m.person.id)).map((m) => m.kind), ['discharge']);
  assert.deepEqual(await of(to.id), [['transfer', c.id]]);
  assert.deepEqual(await of(from.id), [['admission', c.id], ['admission', a.id], ['discharge', b.id], ['transfer', c.id]],
    'a transfer out of an establishment is one of its movements');
});

test('movements: CSV (UTF-8 BOM, semicolons, FINESS and names) and XLSX (a zip)', async () => {
  const { from, to, a, b, c } = mv;
  const r = await as('directrice', `/api/v1/movements?from=2025-01-01&to=2025-06-30&format=csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="mouvements-2025-01-01-2025-06-30\.csv"/);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.split(/\r?\n/).filter(Boolean);
  assert.equal(lines[0], "Mouvement;Date;FINESS;Établissement;Mode d'accueil;Nom de naissance;Nom d'usage;Prénoms;Sexe;"
    + "Date de naissance;Lieu de naissance;NIR;Provenance;Destination;Motif de sortie;FINESS d'origine (transfert)");
  const cells = (name) => lines.filter((l) => l.includes(name)).map((l) => l.split(';'));
  const [admission] = cells(a.birth_name);
  assert.equal(admission[0], 'Admission');
  assert.equal(admission[1], '2025-02-03');
  assert.equal(admission[2], from.finess_et);
  assert.equal(admission[5], a.birth_name);
  assert.equal(admission[7], 'Alice');
  const [discharge] = cells(b.birth_name);
  assert.equal(discharge[0], 'Sortie');
  assert.equal(discharge[2], from.finess_et);
  assert.equal(discharge[14], 'insertion');
  const transfer = cells(c.birth_name).find((l) => l[0] === 'Transfert');
  assert.ok(transfer, text);
  assert.equal(transfer[2], to.finess_et);
  assert.equal(transfer[15], from.finess_et);
  assert.equal(cells(c.birth_name).length, 2, 'an admission and the transfer, no separate discharge');
  for (const l of lines) assert.equal(l.split(';').length, 16, l);

  const x = await as('directrice', `/api/v1/movements?from=2025-01-01&to=2025-06-30&format=xlsx`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type') ?? '', /spreadsheetml|officedocument/);
  const zip = Buffer.from(await x.arrayBuffer());
  assert.equal(zip.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
});

test('movements: bad periods → 400 naming the field; the educator and the external reader → 403; scoped to the caller', async () => {
  const get = (who, query) => as(who, `/api/v1/movements?${query}`);
  await problem(await get('directrice', 'from=2025-06-30&to=2025-01-01'), 400, ['to']);
  await problem(await get('directrice', 'to=2025-01-01'), 400, ['from']);
  await problem(await get('directrice', 'from=2025-01-01'), 400, ['to']);
  await problem(await get('directrice', 'from=2025-02-30&to=2025-03-01'), 400, ['from']);
  await problem(await get('directrice', 'from=2025-01-01&to=2025-12-31&format=pdf'), 400, ['format']);
  await problem(await get('educateur', 'from=2025-01-01&to=2025-12-31'), 403);
  await problem(await get('educateur', 'from=2025-01-01&to=2025-12-31&format=csv'), 403);
  await problem(await get('financeur', 'from=2025-01-01&to=2025-12-31'), 403);
  // The secretary of establishment 1 does not see the movements of the establishments created here.
  const mine = new Set([mv.a.id, mv.b.id, mv.c.id]);
  const seen = (await ok(await get('secretaire', 'from=2025-01-01&to=2025-06-30'))).items;
  assert.ok(!seen.some((m) => mine.has(m.person.id)));
  assert.ok(seen.every((m) => m.stay.establishment_id === 1));
  assert.deepEqual((await ok(await get('secretaire', `from=2025-01-01&to=2025-06-30&establishment_id=${mv.from.id}`))).items, []);
  assert.ok(!(await ok(await get('directeur2', 'from=2025-01-01&to=2025-06-30'))).items.some((m) => m.person.organisation_id !== 2));
  // The DPO may export.
  assert.ok((await ok(await get('dpo', 'from=2025-01-01&to=2025-06-30'))).items.some((m) => mine.has(m.person.id)));
});

test('every movements export is in the audit trail (read by the DPO), with its period and format', async () => {
  const events = [];
  let cursor = null;
  do {
    const page = await ok(await as('dpo', '/api/v1/audit?action=export&limit=200' + (cursor ? `&cursor=${cursor}` : '')));
    events.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  const movements = events.filter((ev) => ev.object_type === 'movements');
  const director = movements.filter((ev) => ev.account === emails.directrice || ev.account_id === sessions.directrice.body.account.id);
  for (const format of ['json', 'csv', 'xlsx'])
    assert.ok(director.some((ev) => ev.object_id.includes('2025-01-01..2025-06-30') && ev.object_id.includes(format)),
      `${format} export audited: ${JSON.stringify(director.map((ev) => ev.object_id))}`);
  // An export names the persons it holds (one establishment's export: a short list).
  assert.ok(director.some((ev) => ev.object_id.includes('2025-01-01..2025-06-30 json') && ev.object_id.includes(String(mv.a.id))),
    JSON.stringify(director.map((ev) => ev.object_id)));
  assert.ok(movements.some((ev) => ev.account_id === sessions.secretaire.body.account.id));
  assert.ok(movements.some((ev) => ev.account_id === sessions.dpo.body.account.id));
  assert.ok(movements.every((ev) => ev.organisation_id === 1));
  // The educator's refused export is audited as a refusal.
  const refused = [];
  cursor = null;
  do {
    const page = await ok(await as('dpo', `/api/v1/audit?account=${sessions.educateur.body.account.id}&limit=200` + (cursor ? `&cursor=${cursor}` : '')));
    refused.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  assert.ok(refused.some((ev) => ev.outcome !== 'success' && /movements/.test(JSON.stringify(ev))), JSON.stringify(refused.slice(0, 5)));
});
