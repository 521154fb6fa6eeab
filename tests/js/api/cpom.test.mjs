// CPOM action sheets (brick cpom): contracts with the funders, objectives, sheets with actions and indicators,
// comments, history. Writers: organisation administrator, directors, quality manager. External readers (the
// funders) see only the contracts naming them, read-only, with live values, and nothing else. Every bad input
// is a 4xx naming the field with nothing written; other organisations' ids are 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, binary, api, jsonBody } from '../lib/server.mjs';
import { signInDemo, signIn, authed } from '../lib/session.mjs';

let server;
const s = {};
const account = {};   // key → account id
let cpom;             // the director's CPOM, naming the funder
let hidden;           // a CPOM of the same organisation that names no reader
let foreign;          // a CPOM of the other organisation
let strategic;
let operational;
let sheet;

async function problem(response, status, fields) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = text ? JSON.parse(text) : null;
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort(), text);
  return body;
}

async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return text ? JSON.parse(text) : null;
}

const get = (who, path) => authed(server, s[who], path);
const post = (who, path, json) => authed(server, s[who], path, { json });
const patch = (who, path, json) => authed(server, s[who], path, { method: 'PATCH', json });

const contract = (extra = {}) => ({
  name: 'CPOM 2024-2028 (test)', funders: ['ars', 'departement'], establishment_ids: [1, 2],
  start_date: '2024-01-01', end_date: '2028-12-31', status: 'signed', ...extra,
});

const action = (extra = {}) => ({
  label: 'Recruter deux éducateurs', owner: 'Cheffe de service', establishment_ids: [2], start_date: '2024-09-01',
  deadline: '2025-03-31', status: 'in_progress', progress: 50, ...extra,
});

const indicator = (extra = {}) => ({
  label: 'Taux d\'occupation de l\'IME', target_value: 0.95, target_year: 2026, initial_value: 0.9,
  values: [{ year: 2024, value: 0.92 }], computed_id: 'ACT-02', computed_scope: 'establishment:1', ...extra,
});

before(async () => {
  server = await startServer({ demo: true });
  for (const [k, email] of [['director', 'directrice@passerelles-rhone.demo'], ['quality', 'qualite@passerelles-rhone.demo'],
    ['admin', 'admin@passerelles-rhone.demo'], ['head', 'cheffe.service@passerelles-rhone.demo'],
    ['educator', 'educateur@passerelles-rhone.demo'], ['funder', 'financeur@ars-ara.demo'],
    ['dpo', 'dpo@passerelles-rhone.demo'], ['foreign', 'directeur@horizon-loire.demo']]) {
    s[k] = await signInDemo(server, email);
    account[k] = s[k].body.account.id;
  }
  cpom = await ok(await post('director', '/api/v1/cpom', contract({ reader_ids: [account.funder] })), 201);
  hidden = await ok(await post('quality', '/api/v1/cpom', contract({ name: 'CPOM sans lecteur (test)', establishment_ids: [3] })), 201);
  foreign = await ok(await post('foreign', '/api/v1/cpom', contract({ name: 'CPOM Horizon (test)', funders: ['ars'], establishment_ids: [13] })), 201);
  strategic = await ok(await post('director', `/api/v1/cpom/${cpom.id}/objectives`, { title: 'Diversifier l\'offre' }), 201);
  operational = await ok(await post('director', `/api/v1/cpom/${cpom.id}/objectives`, { title: 'Créer des places de SESSAD', parent_id: strategic.id }), 201);
  sheet = await ok(await post('director', `/api/v1/cpom/${cpom.id}/sheets`, {
    objective_id: operational.id, title: 'Transformation de l\'offre', owner: 'Claire Dubois',
    actions: [action(), action({ label: 'Étude des besoins', establishment_ids: [1, 2], status: 'done', progress: 100, deadline: '2024-06-30', start_date: null }),
      action({ label: 'Fermer six places d\'internat', establishment_ids: [1], status: 'not_started', progress: 0, deadline: '2026-08-31' }),
      action({ label: 'Logiciel partagé', status: 'abandoned', progress: 10 })],
    indicators: [indicator(), { label: 'Places de SESSAD', unit: 'count', target_value: 50, target_year: 2026, values: [{ year: 2024, value: 35 }, { year: 2025, value: 50 }] }],
  }), 201);
});
after(async () => { await server?.stop(); });

test('a director creates a CPOM with its establishments, funders, period and readers', async () => {
  assert.equal(cpom.name, 'CPOM 2024-2028 (test)');
  assert.deepEqual(cpom.funders.map((f) => f.code), ['ars', 'departement']);
  assert.deepEqual(cpom.establishments.map((e) => e.name), ['IME Les Tilleuls', 'SESSAD Les Tilleuls']);
  assert.deepEqual(cpom.readers, [{ account_id: account.funder, display_name: 'Pierre Rousseau (ARS)', email: 'financeur@ars-ara.demo' }]);
  assert.equal(cpom.status, 'signed');
  assert.equal(cpom.can_write, true);
  const detail = await ok(await get('director', `/api/v1/cpom/${cpom.id}`));
  assert.deepEqual(detail.objectives.map((o) => [o.title, o.level, o.parent_id]),
    [['Diversifier l\'offre', 'strategic', null], ['Créer des places de SESSAD', 'operational', strategic.id]]);
  // The organisation's administrator and the quality manager write too; the list shows the demo CPOM and these.
  const list = await ok(await get('admin', '/api/v1/cpom'));
  assert.ok(list.items.some((c) => c.id === cpom.id) && list.items.some((c) => c.id === hidden.id));
  assert.ok(list.items.every((c) => c.organisation_id === 1));
  assert.ok(!list.items.some((c) => c.id === foreign.id));
  // A head of service and an educator have no CPOM.
  await problem(await get('head', '/api/v1/cpom'), 403);
  await problem(await get('educator', `/api/v1/cpom/${cpom.id}`), 403);
});

test('a sheet\'s actions and indicators give its progress, lateness and linked current values', async () => {
  assert.equal(sheet.actions.length, 4);
  // (50 + 100 + 0) / 3, the abandoned action left out.
  assert.equal(sheet.progress, 50);
  const [recruit, study, close, software] = sheet.actions;
  assert.equal(study.status_label, 'Réalisée');
  assert.equal(recruit.late, true);   // 31 March 2025 is past, still in progress
  assert.equal(study.late, false);    // done
  assert.equal(software.late, false); // abandoned
  assert.equal(close.late, new Date().toISOString().slice(0, 10) > '2026-08-31');
  assert.equal(sheet.late_actions, 1 + (close.late ? 1 : 0));
  assert.deepEqual(study.establishment_ids, [1, 2]);
  const [occupancy, places] = sheet.indicators;
  assert.equal(occupancy.unit, 'rate');          // taken from the computed indicator
  assert.equal(occupancy.higher_is_better, true);
  assert.equal(occupancy.computed_label, 'Taux d\'occupation');
  // Live: computed over the contract's current year (1 January to today).
  const year = new Date().getUTCFullYear();
  assert.equal(occupancy.current.from, `${year}-01-01`);
  const today = [new Date().toISOString().slice(0, 10), new Date(Date.now() - 86400e3).toISOString().slice(0, 10)];
  assert.ok(today.includes(occupancy.current.to), occupancy.current.to);
  assert.ok(occupancy.current.value === null || typeof occupancy.current.value === 'number');
  // The steering engine's own answer for the same scope and period, when its routes exist.
  const engine = await get('director', `/api/v1/indicators/values?scope=establishment:1&from=${occupancy.current.from}&to=${occupancy.current.to}&ids=ACT-02`);
  if (engine.status === 200) {
    const value = (await engine.json()).values.find((v) => v.id === 'ACT-02').value;
    assert.equal(occupancy.current.value, value);
  } else {
    await engine.body?.cancel();
  }
  assert.equal(places.current, null);  // not linked
  assert.equal(places.latest_value, 50);
  assert.equal(places.target_reached, true);
  // The CPOM's progress is the mean of its sheets'.
  assert.equal((await ok(await get('director', `/api/v1/cpom/${cpom.id}`))).progress, 50);
  const listed = await ok(await get('director', `/api/v1/cpom/${cpom.id}/sheets`));
  assert.deepEqual(listed.items.map((x) => x.id), [sheet.id]);
  assert.equal(listed.items[0].indicators[0].current.from, `${year}-01-01`);
});

test('changing a sheet updates its actions and indicators and keeps the history', async () => {
  const [recruit, study, close] = sheet.actions;
  const [occupancy, places] = sheet.indicators;
  const changed = await ok(await patch('director', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`, {
    title: 'Transformation de l\'offre des Tilleuls',
    actions: [{ id: recruit.id, status: 'done' }, { id: study.id }, { id: close.id, status: 'in_progress', progress: 20 },
      action({ label: 'Convention avec trois écoles', status: 'not_started', progress: 0, deadline: '2027-06-30' })],
    indicators: [{ id: occupancy.id, values: [{ year: 2024, value: 0.92 }, { year: 2025, value: 0.94 }] }, { id: places.id }],
  }));
  assert.equal(changed.title, 'Transformation de l\'offre des Tilleuls');
  assert.deepEqual(changed.actions.map((a) => [a.label, a.status, a.progress]), [
    ['Recruter deux éducateurs', 'done', 100],   // done without a percentage: 100
    ['Étude des besoins', 'done', 100],
    ['Fermer six places d\'internat', 'in_progress', 20],
    ['Convention avec trois écoles', 'not_started', 0],
  ]);
  assert.equal(changed.progress, 55);  // (100 + 100 + 20 + 0) / 4
  assert.deepEqual(changed.indicators[0].values, [{ year: 2024, value: 0.92 }, { year: 2025, value: 0.94 }]);
  assert.equal(changed.indicators[0].computed_id, 'ACT-02');
  const history = (await ok(await get('director', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}/history`))).items;
  const field = (f) => history.find((h) => h.field === f);
  assert.deepEqual([field(`actions/${recruit.id}/status`).previous_value, field(`actions/${recruit.id}/status`).new_value], ['in_progress', 'done']);
  assert.equal(field(`actions/${recruit.id}/progress`).new_value, '100');
  assert.equal(field('title').previous_value, 'Transformation de l\'offre');
  assert.equal(field(`indicators/${occupancy.id}/values/2025`).new_value, '0.94');
  assert.equal(field(`actions/${sheet.actions[3].id}`).previous_value, 'Logiciel partagé');   // removed
  assert.equal(field(`actions/${sheet.actions[3].id}`).new_value, null);
  assert.equal(field(`actions/${changed.actions[3].id}`).new_value, 'Convention avec trois écoles');
  assert.equal(field('created').new_value, 'Transformation de l\'offre');
  assert.ok(history.every((h) => h.account === 'directrice@passerelles-rhone.demo'));
  sheet = changed;
  // The change is in the audit trail (fields, never values).
  const events = (await ok(await get('dpo', `/api/v1/audit?account=${account.director}&action=update&limit=200`))).items;
  const event = events.find((e) => e.object_type === 'cpom_sheet' && e.object_id === String(sheet.id));
  assert.ok(event, JSON.stringify(events.slice(0, 3)));
  assert.ok(event.fields.includes('title') && event.fields.includes(`actions/${recruit.id}/status`));
});

test('comments are added by writers, with their author, and never by readers', async () => {
  const comment = await ok(await post('quality', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}/comments`, { text: 'Revue annuelle :\nrecrutements faits.' }), 201);
  assert.equal(comment.author, 'Marc Lefèvre');
  assert.equal(comment.text, 'Revue annuelle :\nrecrutements faits.');
  const read = await ok(await get('funder', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`));
  assert.deepEqual(read.comments.map((c) => c.text), ['Revue annuelle :\nrecrutements faits.']);
  await problem(await post('funder', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}/comments`, { text: 'Lu.' }), 403);
  await problem(await post('director', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}/comments`, { text: '   ' }), 422, ['text']);
  await problem(await post('director', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}/comments`, { text: 'x', author: 'Moi' }), 422, ['author']);
  assert.equal((await ok(await get('director', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`))).comments.length, 1);
});

test('an external reader sees only the contracts naming them, read-only and live', async () => {
  const list = await ok(await get('funder', '/api/v1/cpom'));
  assert.ok(list.items.some((c) => c.id === cpom.id));
  assert.ok(!list.items.some((c) => c.id === hidden.id), 'a CPOM not naming the reader is listed');
  assert.ok(list.items.every((c) => c.readers.some((r) => r.account_id === account.funder)));
  assert.ok(list.items.every((c) => c.can_write === false));
  // Readers' emails are for the organisation's staff.
  assert.ok(list.items.every((c) => c.readers.every((r) => !('email' in r))));
  const detail = await ok(await get('funder', `/api/v1/cpom/${cpom.id}`));
  assert.equal(detail.objectives.length, 2);
  const read = await ok(await get('funder', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`));
  assert.equal(read.progress, sheet.progress);
  assert.equal(read.indicators[0].current.from, sheet.indicators[0].current.from);
  // Live: a change by the director is seen at once.
  await ok(await patch('director', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`, { actions: [...sheet.actions.map((a) => ({ id: a.id })).slice(0, 3), { id: sheet.actions[3].id, status: 'in_progress', progress: 40 }] }));
  assert.equal((await ok(await get('funder', `/api/v1/cpom/${cpom.id}/sheets`))).items[0].progress, 65);
  // Not a CPOM that does not name them: as if it did not exist.
  await problem(await get('funder', `/api/v1/cpom/${hidden.id}`), 404);
  await problem(await get('funder', `/api/v1/cpom/${hidden.id}/sheets`), 404);
  // Read-only: no change, no history.
  await problem(await patch('funder', `/api/v1/cpom/${cpom.id}`, { name: 'Piraté' }), 403);
  await problem(await post('funder', '/api/v1/cpom', contract()), 403);
  await problem(await patch('funder', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`, { title: 'Piraté' }), 403);
  await problem(await post('funder', `/api/v1/cpom/${cpom.id}/sheets`, { objective_id: operational.id, title: 'Piraté' }), 403);
  await problem(await post('funder', `/api/v1/cpom/${cpom.id}/objectives`, { title: 'Piraté' }), 403);
  await problem(await get('funder', `/api/v1/cpom/${cpom.id}/history`), 403);
  await problem(await get('funder', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}/history`), 403);
  await problem(await get('funder', '/api/v1/cpom/reader-accounts'), 403);
  assert.equal((await ok(await get('director', `/api/v1/cpom/${cpom.id}`))).name, cpom.name);
  // The funder's reads are in the audit trail.
  const events = (await ok(await get('dpo', `/api/v1/audit?account=${account.funder}&action=read&limit=200`))).items;
  assert.ok(events.some((e) => e.object_type === 'cpom' && e.object_id === String(cpom.id)));
  assert.ok(events.some((e) => e.object_type === 'cpom_sheet' && e.object_id === String(sheet.id)));
  // Taken off the contract, the reader no longer sees it.
  await ok(await patch('director', `/api/v1/cpom/${hidden.id}`, { reader_ids: [account.funder] }));
  await ok(await get('funder', `/api/v1/cpom/${hidden.id}`));
  await ok(await patch('director', `/api/v1/cpom/${hidden.id}`, { reader_ids: [] }));
  await problem(await get('funder', `/api/v1/cpom/${hidden.id}`), 404);
});

test('an external reader is refused every other route of the server', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'passerelle-cpom-'));
  const routes = JSON.parse(execFileSync(binary, ['routes', '--database', join(scratch, 'r.db'), '--log-level', 'off'], { encoding: 'utf8' }));
  rmSync(scratch, { recursive: true, force: true });
  const own = new Set(['/api/v1/session', '/api/v1/session/password', '/api/v1/session/totp', '/api/v1/session/totp/confirm']);
  const publicPaths = new Set(['/healthz', '/metrics', '/api/v1/openapi.json', '/api/v1/password-reset']);
  const wrong = [];
  let checked = 0;
  for (const r of routes) {
    if (r.path.startsWith('/api/v1/cpom') || own.has(r.path) || publicPaths.has(r.path) || !r.authenticated) continue;
    const path = r.path.replace(/\{[a-z_]+\}/g, '1');
    const init = { method: r.method };
    if (!['GET', 'DELETE'].includes(r.method)) init.json = {};
    const response = await authed(server, s.funder, path, init);
    await response.body?.cancel();
    checked += 1;
    // 403: the role may not; 404: the object is out of reach (never a success, never a validation error
    // that would show the handler ran on data).
    if (![403, 404].includes(response.status)) wrong.push(`${r.method} ${r.path}: ${response.status}`);
  }
  assert.ok(checked > 50, `only ${checked} routes checked`);
  assert.deepEqual(wrong, []);
  // The session still works: the reader was not signed out by the requests above.
  assert.equal((await get('funder', '/api/v1/cpom')).status, 200);
});

test('every bad input of a CPOM is a 4xx naming the field, and nothing is written', async () => {
  const count = async () => (await ok(await get('director', '/api/v1/cpom?limit=200'))).items.length;
  const before = await count();
  const bad = async (json, fields) => problem(await post('director', '/api/v1/cpom', json), 422, fields);
  await bad(contract({ end_date: '2030-01-01' }), ['end_date']);            // more than six years
  await bad(contract({ end_date: '2023-12-31' }), ['end_date']);            // end before start
  await bad(contract({ start_date: '2024-02-30' }), ['start_date']);
  await bad(contract({ funders: ['cnsa'] }), ['funders/0']);
  await bad(contract({ funders: [] }), ['funders']);
  await bad(contract({ establishment_ids: [] }), ['establishment_ids']);
  await bad(contract({ establishment_ids: [1, 13] }), ['establishment_ids/1']);   // the other organisation's
  await bad(contract({ establishment_ids: [1, 'x'] }), ['establishment_ids/1']);
  await bad(contract({ reader_ids: [account.educator] }), ['reader_ids/0']);      // not an external reader
  await bad(contract({ status: 'negotiated' }), ['status']);
  await bad(contract({ name: '' }), ['name']);
  await bad(contract({ budget: 100 }), ['budget']);
  const { name, ...noName } = contract();
  await bad(noName, ['name']);
  await problem(await authed(server, s.director, '/api/v1/cpom', { method: 'POST', body: 'name=x', headers: { 'content-type': 'text/plain' } }), 415);
  await problem(await authed(server, s.director, '/api/v1/cpom', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } }), 400, ['body']);
  assert.equal(await count(), before);
  // A change: the same rules, and a new period must keep the sheets' actions inside it.
  await problem(await patch('director', `/api/v1/cpom/${cpom.id}`, { end_date: '2030-06-30' }), 422, ['end_date']);
  await problem(await patch('director', `/api/v1/cpom/${cpom.id}`, { end_date: '2025-12-31' }), 422, ['end_date']);
  await problem(await patch('director', `/api/v1/cpom/${cpom.id}`, { establishment_ids: [1] }), 422, ['establishment_ids']);
  await problem(await patch('director', `/api/v1/cpom/${cpom.id}`, { name: null }), 422, ['name']);
  const after = await ok(await get('director', `/api/v1/cpom/${cpom.id}`));
  assert.equal(after.end_date, '2028-12-31');
  assert.deepEqual(after.establishments.map((e) => e.id), [1, 2]);
  // Objectives: a parent must be a strategic objective of the same CPOM.
  await problem(await post('director', `/api/v1/cpom/${cpom.id}/objectives`, { title: 'X', parent_id: operational.id }), 422, ['parent_id']);
  await problem(await post('director', `/api/v1/cpom/${cpom.id}/objectives`, { title: 'X', parent_id: 999999 }), 422, ['parent_id']);
  await problem(await post('director', `/api/v1/cpom/${cpom.id}/objectives`, { title: '' }), 422, ['title']);
  await problem(await patch('director', `/api/v1/cpom/${cpom.id}/objectives/${operational.id}`, { parent_id: null }), 422, ['parent_id']);
  assert.equal((await ok(await get('director', `/api/v1/cpom/${cpom.id}`))).objectives.length, 2);
  // A change and its history.
  await ok(await patch('director', `/api/v1/cpom/${cpom.id}`, { status: 'ended' }));
  const history = (await ok(await get('director', `/api/v1/cpom/${cpom.id}/history`))).items;
  assert.ok(history.some((h) => h.field === 'status' && h.previous_value === 'signed' && h.new_value === 'ended'));
  await ok(await patch('director', `/api/v1/cpom/${cpom.id}`, { status: 'signed' }));
});

test('every bad input of a sheet is a 422 naming the field, and nothing is written', async () => {
  const sheets = `/api/v1/cpom/${cpom.id}/sheets`;
  const count = async () => (await ok(await get('director', sheets))).items.length;
  const before = await count();
  const bad = async (json, fields) => problem(await post('director', sheets, { objective_id: operational.id, title: 'Refusée', ...json }), 422, fields);
  await bad({ objective_id: strategic.id }, ['objective_id']);
  await bad({ objective_id: 999999 }, ['objective_id']);
  await bad({ title: undefined }, ['title']);
  await bad({ actions: [action({ status: 'done', progress: 50 })] }, ['actions/0/progress']);
  await bad({ actions: [action({ status: 'not_started', progress: 10 })] }, ['actions/0/progress']);
  await bad({ actions: [action({ progress: 120 })] }, ['actions/0/progress']);
  await bad({ actions: [action({ status: 'paused' })] }, ['actions/0/status']);
  await bad({ actions: [action({ deadline: '2029-01-01' })] }, ['actions/0/deadline']);
  await bad({ actions: [action({ start_date: '2025-06-01', deadline: '2025-05-31' })] }, ['actions/0/deadline']);
  await bad({ actions: [action(), action({ establishment_ids: [3] })] }, ['actions/1/establishment_ids/0']);
  await bad({ actions: [action({ label: '' })] }, ['actions/0/label']);
  await bad({ actions: [action({ deadline: undefined })] }, ['actions/0/deadline']);
  await bad({ actions: [action({ id: 999999 })] }, ['actions/0/id']);
  await bad({ actions: [action({ colour: 'red' })] }, ['actions/0/colour']);
  await bad({ indicators: [indicator({ target_year: 2029 })] }, ['indicators/0/target_year']);
  await bad({ indicators: [indicator({ values: [{ year: 2024, value: 1 }, { year: 2024, value: 2 }] })] }, ['indicators/0/values/1/year']);
  await bad({ indicators: [indicator({ values: [{ year: 2025 }] })] }, ['indicators/0/values/0/value']);
  await bad({ indicators: [indicator({ computed_id: 'ACT-99' })] }, ['indicators/0/computed_id']);
  await bad({ indicators: [indicator({ computed_id: 'ACT-07-AGE' })] }, ['indicators/0/computed_id']);   // a distribution
  await bad({ indicators: [indicator({ computed_scope: null })] }, ['indicators/0/computed_scope']);
  await bad({ indicators: [indicator({ computed_scope: 'platform' })] }, ['indicators/0/computed_scope']);
  await bad({ indicators: [indicator({ computed_scope: 'establishment:13' })] }, ['indicators/0/computed_scope']);  // other organisation
  await bad({ indicators: [indicator({ computed_scope: 'category:999' })] }, ['indicators/0/computed_scope']);
  await bad({ indicators: [indicator({ unit: 'days' })] }, ['indicators/0/unit']);
  await bad({ indicators: [indicator({ higher_is_better: false })] }, ['indicators/0/higher_is_better']);
  await bad({ indicators: [{ label: 'Libre', target_value: 3, target_year: 2025, unit: 'litres' }] }, ['indicators/0/unit']);
  await bad({ indicators: [{ label: 'Libre', target_year: 2025 }] }, ['indicators/0/target_value']);
  await bad({ indicators: [{ label: 'Libre', target_value: 1, target_year: 2025, computed_scope: 'organisation' }] }, ['indicators/0/computed_scope']);
  assert.equal(await count(), before);
  // A change refused leaves the sheet as it was.
  const current = await ok(await get('director', `${sheets}/${sheet.id}`));
  await problem(await patch('director', `${sheets}/${sheet.id}`, { title: 'Changé', actions: [{ id: sheet.actions[0].id, progress: 50 }] }), 422, ['actions/0/progress']);
  await problem(await patch('director', `${sheets}/${sheet.id}`, { actions: [{ id: sheet.actions[0].id }, { id: sheet.actions[0].id }] }), 422, ['actions/1/id']);
  await problem(await patch('director', `${sheets}/${sheet.id}`, { objective_id: strategic.id }), 422, ['objective_id']);
  const after = await ok(await get('director', `${sheets}/${sheet.id}`));
  assert.deepEqual(after.actions, current.actions);
  assert.equal(after.title, current.title);
  // A category of the organisation is a valid scope (IME: 183).
  const free = await ok(await post('director', sheets, { objective_id: operational.id, title: 'Par catégorie',
    indicators: [indicator({ computed_scope: 'category:183' })] }), 201);
  assert.equal(free.indicators[0].computed_scope, 'category:183');
});

test('a director of one establishment sees the CPOM concerning it, and changes those they cover entirely', async () => {
  const email = 'directeur.itep@passerelles-rhone.demo';
  const password = 'Vallee-Des-Monts-Dores-2026';
  const created = await api(server, '/api/v1/accounts', jsonBody({
    email, display_name: 'Directeur ITEP', organisation_id: 1, password, grants: [{ role: 'director', establishment_id: 3 }] }));
  assert.equal(created.status, 201, await created.clone().text());
  const itep = await signIn(server, email, password);
  assert.equal(itep.status, 200);
  s.itep = itep;
  // hidden concerns establishment 3 only: seen and changed; cpom concerns 1 and 2: as if it did not exist.
  const seen = await ok(await get('itep', `/api/v1/cpom/${hidden.id}`));
  assert.equal(seen.can_write, true);
  await problem(await get('itep', `/api/v1/cpom/${cpom.id}`), 404);
  await problem(await get('itep', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`), 404);
  // A CPOM concerning 3 and 5: read, not changed.
  const shared = await ok(await post('director', '/api/v1/cpom', contract({ name: 'CPOM partagé (test)', establishment_ids: [3, 5] })), 201);
  const read = await ok(await get('itep', `/api/v1/cpom/${shared.id}`));
  assert.equal(read.can_write, false);
  await problem(await patch('itep', `/api/v1/cpom/${shared.id}`, { name: 'Changé' }), 403);
  await problem(await post('itep', `/api/v1/cpom/${shared.id}/objectives`, { title: 'Changé' }), 403);
  const list = (await ok(await get('itep', '/api/v1/cpom'))).items.map((c) => c.id);
  assert.ok(list.includes(hidden.id) && list.includes(shared.id) && !list.includes(cpom.id), JSON.stringify(list));
  // Creating a CPOM needs every establishment in the grant.
  await problem(await post('itep', '/api/v1/cpom', contract({ establishment_ids: [3, 4] })), 403);
  const own = await ok(await post('itep', '/api/v1/cpom', contract({ name: 'CPOM ITEP (test)', establishment_ids: [3] })), 201);
  assert.equal(own.can_write, true);
  assert.equal((await ok(await get('director', `/api/v1/cpom/${shared.id}`))).name, 'CPOM partagé (test)');
});

test('other organisations\' contracts and sheets are unknown ids', async () => {
  for (const path of [`/api/v1/cpom/${cpom.id}`, `/api/v1/cpom/${cpom.id}/sheets`, `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`,
    `/api/v1/cpom/${cpom.id}/history`, `/api/v1/cpom/${foreign.id}/sheets/${sheet.id}`])
    await problem(await get('foreign', path), 404);
  await problem(await patch('foreign', `/api/v1/cpom/${cpom.id}`, { name: 'Piraté' }), 404);
  await problem(await patch('foreign', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}`, { title: 'Piraté' }), 404);
  await problem(await post('foreign', `/api/v1/cpom/${cpom.id}/sheets/${sheet.id}/comments`, { text: 'Piraté' }), 404);
  await problem(await post('foreign', `/api/v1/cpom/${cpom.id}/objectives`, { title: 'Piraté' }), 404);
  await problem(await get('director', `/api/v1/cpom/${foreign.id}`), 404);
  await problem(await get('director', '/api/v1/cpom/abc'), 404);
  // A sheet of one CPOM is not reached through another.
  await problem(await get('director', `/api/v1/cpom/${hidden.id}/sheets/${sheet.id}`), 404);
  assert.equal((await ok(await get('director', `/api/v1/cpom/${cpom.id}`))).name, cpom.name);
  const theirs = await ok(await get('foreign', '/api/v1/cpom'));
  assert.deepEqual(theirs.items.map((c) => c.id), [foreign.id]);
});

test('the demo CPOM names the demo funder, with sheets at every stage', async () => {
  const list = await ok(await get('funder', '/api/v1/cpom'));
  const demo = list.items.find((c) => c.name.includes('ARS Auvergne-Rhône-Alpes'));
  assert.ok(demo, JSON.stringify(list.items.map((c) => c.name)));
  assert.equal(demo.establishments.length, 12);
  const sheets = (await ok(await get('funder', `/api/v1/cpom/${demo.id}/sheets`))).items;
  assert.equal(sheets.length, 3);
  const statuses = new Set(sheets.flatMap((x) => x.actions.map((a) => a.status)));
  assert.deepEqual([...statuses].sort(), ['abandoned', 'done', 'in_progress', 'not_started']);
  assert.ok(sheets.some((x) => x.indicators.some((i) => i.computed_id === 'RH-01')));
});
