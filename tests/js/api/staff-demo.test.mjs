// The demo staff (loaded with the demo persons): every demo establishment has staff, and last year's
// absenteeism (RH-01, paid leave and training excluded) and turnover of permanent staff (RH-02) are at the
// sector's usual rates, computed here from the API as the indicators of issue #8 will.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
let director;
const members = [];
const year = new Date().getUTCFullYear() - 1;
const first = `${year}-01-01`;
const last = `${year}-12-31`;
const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400e3;

before(async () => {
  server = await startServer({ demo: true, demoPersons: true });
  director = await signInDemo(server, 'directrice@passerelles-rhone.demo');
  for (let cursor = null; ;) {
    const r = await authed(server, director, `/api/v1/staff?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    const page = await r.json();
    members.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
});
after(async () => { await server?.stop(); });

test('every demo establishment of the organisation has staff; demo professionals see their own record', async () => {
  const establishments = (await (await authed(server, director, '/api/v1/establishments?limit=200')).json()).items;
  for (const e of establishments)
    assert.ok(members.some((m) => m.contracts.some((c) => c.establishment_id === e.id)), e.name);
  const educator = await signInDemo(server, 'educateur@passerelles-rhone.demo');
  const own = members.find((m) => m.last_name === 'Benali' && m.first_name === 'Karim');
  assert.ok(own);
  assert.equal((await authed(server, educator, `/api/v1/staff/${own.id}`)).status, 200);
});

test('last year: absenteeism around 8-10 %, turnover of permanent staff around 10-15 %', async () => {
  // Absence days within the year (half days counted), outside paid leave and training.
  let absenceDays = 0;
  const details = [];
  for (let i = 0; i < members.length; i += 16)
    details.push(...await Promise.all(members.slice(i, i + 16).map(async (m) =>
      (await authed(server, director, `/api/v1/staff/${m.id}/absences`)).json())));
  for (const { items } of details)
    for (const a of items) {
      if (a.absenteeism_group === 'excluded') continue;
      const from = Math.max(dayNumber(a.start_date), dayNumber(first));
      const to = Math.min(dayNumber(a.end_date), dayNumber(last));
      if (to < from) continue;
      absenceDays += to - from + 1 - (a.start_half_day && from === dayNumber(a.start_date) ? 0.5 : 0)
        - (a.end_half_day && to === dayNumber(a.end_date) ? 0.5 : 0);
    }
  const fte = (await (await authed(server, director, `/api/v1/fte?from=${first}&to=${last}`)).json()).fte;
  const days = dayNumber(last) - dayNumber(first) + 1;
  const absenteeism = absenceDays / (fte * days);
  // Turnover: (hires + departures of permanent staff in the year) / 2 / permanent headcount at 31/12 of the year before.
  const permanent = members.flatMap((m) => m.contracts.filter((c) => c.permanent));
  const headcount = new Set(permanent.filter((c) => c.start_date <= `${year - 1}-12-31` &&
    (!c.end_date || c.end_date >= `${year - 1}-12-31`)).map((c) => c.staff_id)).size;
  const hires = permanent.filter((c) => c.start_date >= first && c.start_date <= last).length;
  const departures = permanent.filter((c) => c.end_date && c.end_date >= first && c.end_date <= last).length;
  const turnover = (hires + departures) / 2 / headcount;
  console.log(`demo staff: ${members.length} members, ${fte.toFixed(1)} FTE in ${year}, absenteeism ${(absenteeism * 100).toFixed(1)} %, ` +
    `turnover ${(turnover * 100).toFixed(1)} % (${hires} hires, ${departures} departures, ${headcount} permanent)`);
  assert.ok(absenteeism >= 0.07 && absenteeism <= 0.11, `absenteeism ${absenteeism}`);
  assert.ok(turnover >= 0.08 && turnover <= 0.17, `turnover ${turnover}`);
  // Fixed-term replacements exist (RH-06) and part-time work.
  assert.ok(members.some((m) => m.contracts.some((c) => c.kind === 'fixed_term' && c.fixed_term_reason === 'replacement')));
  assert.ok(members.some((m) => m.contracts.some((c) => c.working_time < 1)));
});
