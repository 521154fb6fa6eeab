// Orientation decisions (CDAPH / MDPH) and the alerts directors see: decisions ending within six
// months, persons admitted without a valid decision.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
let secretary;
let director;
let educator;
let person;

const iso = (d) => d.toISOString().slice(0, 10);
const today = new Date();
const shift = (days) => iso(new Date(today.getTime() + days * 86400e3));

before(async () => {
  server = await startServer({ demo: true });
  secretary = await signInDemo(server, 'secretaire@passerelles-rhone.demo');
  director = await signInDemo(server, 'directrice@passerelles-rhone.demo');
  educator = await signInDemo(server, 'educateur@passerelles-rhone.demo');
  const r = await authed(server, secretary, '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: 'Orientée', first_names: ['Léa'], sex: 'F', birth_date: '2012-03-04' } });
  assert.equal(r.status, 201, await r.clone().text());
  person = await r.json();
});
after(async () => { await server?.stop(); });

async function problem(response, status, fields) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort());
  return body;
}

const decisionsOf = async () => (await (await authed(server, secretary, `/api/v1/persons/${person.id}`)).json()).decisions;

test('a person admitted without a valid decision is flagged, and a decision clears the flag', async () => {
  const stay = await authed(server, secretary, `/api/v1/persons/${person.id}/stays`, { json: {
    establishment_id: 1, care_mode: '13', admission_date: shift(-30), origin: 'home' } });
  assert.equal(stay.status, 201);
  let alerts = await (await authed(server, director, '/api/v1/persons/alerts')).json();
  assert.ok(alerts.without_valid_decision.some((a) => a.person.id === person.id));

  const r = await authed(server, secretary, `/api/v1/persons/${person.id}/decisions`, { json: {
    decision_reference: 'CDAPH 2026-0412', mdph_number: '069-123456', decision_date: shift(-60), category_code: '183',
    valid_from: shift(-40), valid_to: shift(120) } });
  assert.equal(r.status, 201, await r.clone().text());
  const decision = await r.json();
  assert.equal(decision.validity, 'expiring', 'four months left: renewal paperwork is due');
  alerts = await (await authed(server, director, '/api/v1/persons/alerts')).json();
  assert.ok(!alerts.without_valid_decision.some((a) => a.person.id === person.id));
  const expiring = alerts.expiring_decisions.find((a) => a.person.id === person.id);
  assert.ok(expiring);
  assert.equal(expiring.decision.decision_reference, 'CDAPH 2026-0412');
  // The educator of the same establishment sees the alert too (read), and cannot add decisions.
  const seen = await (await authed(server, educator, '/api/v1/persons/alerts')).json();
  assert.ok(seen.expiring_decisions.some((a) => a.person.id === person.id));
  await problem(await authed(server, educator, `/api/v1/persons/${person.id}/decisions`, { json: {
    decision_reference: 'x', decision_date: shift(-1), category_code: '183', valid_from: shift(0), valid_to: shift(10) } }), 403);
});

test('validity: a long decision is valid, an old one expired, a future one not yet valid', async () => {
  const add = async (from, to) => (await authed(server, secretary, `/api/v1/persons/${person.id}/decisions`, { json: {
    decision_reference: `R-${from}`, decision_date: shift(-400), category_code: '182', valid_from: from, valid_to: to } })).json();
  assert.equal((await add(shift(-365), shift(800))).validity, 'valid');
  assert.equal((await add(shift(-900), shift(-400))).validity, 'expired');
  assert.equal((await add(shift(-300 + 400), shift(900))).validity, 'future');
  assert.equal((await decisionsOf()).length, 4);
});

test('a decision ending before it starts, a future decision date, an unknown category or bad dates are refused', async () => {
  const count = (await decisionsOf()).length;
  const post = (json) => authed(server, secretary, `/api/v1/persons/${person.id}/decisions`, { json });
  const valid = { decision_reference: 'CDAPH', decision_date: shift(-10), category_code: '183', valid_from: shift(0), valid_to: shift(365) };
  await problem(await post({ ...valid, valid_to: shift(-1) }), 422, ['valid_to']);
  await problem(await post({ ...valid, decision_date: shift(5) }), 422, ['decision_date']);
  await problem(await post({ ...valid, category_code: '999' }), 422, ['category_code']);
  await problem(await post({ ...valid, valid_from: '2024-02-30' }), 422, ['valid_from']);
  await problem(await post({ ...valid, creton: 'oui' }), 422, ['creton']);
  await problem(await post({ ...valid, extra: 1 }), 422, ['extra']);
  assert.equal((await decisionsOf()).length, count, 'nothing written');
});
