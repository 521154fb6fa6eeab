// The full demo data set (`make run`): several hundred persons supported with realistic stays,
// orientation decisions, waiting lists, contacts, protection and two years of attendance, all
// consistent with the rules the API enforces on what users type.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
let director;
let secretary;

const json = async (response) => {
  const text = await response.text();
  assert.equal(response.status, 200, text.slice(0, 500));
  return JSON.parse(text);
};

before(async () => {
  server = await startServer({ demo: true, demoPersons: true });
  director = await signInDemo(server, 'directrice@passerelles-rhone.demo');
  secretary = await signInDemo(server, 'secretaire@passerelles-rhone.demo');
});
after(async () => { await server?.stop(); });

async function allPersons(session, query = '') {
  const all = [];
  let cursor = null;
  do {
    const page = await json(await authed(server, session, `/api/v1/persons?limit=200${query}` + (cursor ? `&cursor=${cursor}` : '')));
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

test('several hundred persons, the establishment-1 secretary seeing only those of IME Les Tilleuls', async () => {
  const everyone = await allPersons(director);
  assert.ok(everyone.length >= 400, `${everyone.length} persons`);
  assert.equal(new Set(everyone.map((p) => p.id)).size, everyone.length, 'no person listed twice');
  const mine = await allPersons(secretary);
  assert.ok(mine.length >= 50 && mine.length < everyone.length, `${mine.length} persons for the secretary`);
  // Identity statuses follow the rules: qualified identities carry a NIR and a document.
  for (const p of everyone) {
    if (p.identity_status === 'QUAL') assert.ok(p.nir && p.identity_document, JSON.stringify(p));
    assert.match(p.birth_date, /^\d{4}-\d{2}-\d{2}$/);
  }
});

test('type-ahead on the demo names: accents ignored, sorted by the name matched, paged without repeats', async () => {
  const found = await allPersons(director, '&q=lef');
  assert.ok(found.length >= 2);
  for (const p of found) {
    const names = [p.birth_name, p.used_name ?? '', ...p.first_names].join(' ').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    assert.match(names, /(^|[\s'-])lef/, JSON.stringify(p));
  }
  const page1 = await json(await authed(server, director, '/api/v1/persons?q=ma&limit=5'));
  assert.equal(page1.items.length, 5);
  assert.ok(page1.next_cursor);
  const page2 = await json(await authed(server, director, `/api/v1/persons?q=ma&limit=5&cursor=${page1.next_cursor}`));
  assert.equal(page2.items.filter((p) => page1.items.some((q) => q.id === p.id)).length, 0);
});

test('records hold stays, decisions, contacts; alerts and the waiting list are populated', async () => {
  const [first] = (await json(await authed(server, secretary, '/api/v1/persons?limit=1'))).items;
  const record = await json(await authed(server, secretary, `/api/v1/persons/${first.id}`));
  assert.ok(record.stays.length >= 1);
  assert.ok(record.contacts.length >= 1);
  const alerts = await json(await authed(server, director, '/api/v1/persons/alerts'));
  assert.ok(alerts.expiring_decisions.length + alerts.without_valid_decision.length > 0);
  const waiting = await json(await authed(server, director, '/api/v1/waiting-list'));
  assert.ok(waiting.items.length >= 10);
  for (const item of waiting.items) assert.equal(item.waiting, true);
});

test('two years of attendance: last year\'s grids are filled, only inside stays and on open days', async () => {
  const d = new Date();
  const month = `${d.getUTCFullYear() - 1}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const grid = await json(await authed(server, secretary, `/api/v1/attendance?establishment_id=1&care_mode=13&month=${month}`));
  assert.ok(grid.rows.length >= 20, `${grid.rows.length} rows`);
  let present = 0;
  let absent = 0;
  for (const row of grid.rows)
    row.cells.forEach((cell, i) => {
      if (!cell.status) return;
      assert.ok(cell.in_stay, `attendance outside the stay ${row.stay_id} on ${grid.days[i].date}`);
      assert.ok(grid.days[i].open, `attendance on a closed day ${grid.days[i].date}`);
      if (cell.status === 'present') present++;
      if (cell.status === 'absent') { absent++; assert.ok(cell.reason); }
    });
  assert.ok(present > 100, `${present} days present`);
  const rate = absent / (present + absent);
  assert.ok(rate > 0.02 && rate < 0.2, `absence rate ${rate}`);
  // Weekends are closed for day care.
  assert.ok(grid.days.filter((day) => day.weekday >= 5).every((day) => !day.open));
  // Two years ago, the same month is filled too.
  const older = `${d.getUTCFullYear() - 2}-${String(d.getUTCMonth() + 2 > 12 ? 12 : d.getUTCMonth() + 2).padStart(2, '0')}`;
  const old = await json(await authed(server, secretary, `/api/v1/attendance?establishment_id=1&care_mode=13&month=${older}`));
  assert.ok(old.rows.some((row) => row.cells.some((c) => c.status)), `no attendance in ${older}`);
});

test('movements of last year: admissions and discharges with their FINESS', async () => {
  const y = new Date().getUTCFullYear() - 1;
  const moves = await json(await authed(server, director, `/api/v1/movements?from=${y}-01-01&to=${y}-12-31`));
  assert.ok(moves.items.some((m) => m.kind === 'admission'));
  assert.ok(moves.items.some((m) => m.kind === 'discharge'));
  for (const m of moves.items) assert.match(m.finess, /^69\d{7}$/);
});
