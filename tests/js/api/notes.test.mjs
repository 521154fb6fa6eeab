// Notes (transmissions): confidentiality levels (team, named professionals, medical secret), corrections
// that keep the original, no deletion, bodies encrypted at rest (never readable in the database).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, backend } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
const s = {};
let person;
const MARKER = 'Observation-confidentielle-' + Math.random().toString(36).slice(2);

const today = new Date().toISOString().slice(0, 10);
const post = (who, json) => authed(server, s[who], `/api/v1/persons/${person.id}/notes`, { json });
const list = async (who) => {
  const r = await authed(server, s[who], `/api/v1/persons/${person.id}/notes`);
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()).items;
};

async function problem(response, status, fields) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort());
  return body;
}

before(async () => {
  server = await startServer({ demo: true });
  for (const [k, email] of [['secretary', 'secretaire'], ['educator', 'educateur'], ['nurse', 'infirmiere'],
    ['head', 'cheffe.service'], ['director', 'directrice']])
    s[k] = await signInDemo(server, `${email}@passerelles-rhone.demo`);
  const r = await authed(server, s.secretary, '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: 'Transmise', first_names: ['Zoé'], sex: 'F', birth_date: '2011-05-06' } });
  assert.equal(r.status, 201, await r.clone().text());
  person = await r.json();
});
after(async () => { await server?.stop(); });

test('team notes: written by the educator, read by the team and the nurse, never by the secretary', async () => {
  const r = await post('educator', { category: 'daily_life', confidentiality: 'team', occurred_on: today, body: `${MARKER} : bonne journée.` });
  assert.equal(r.status, 201, await r.clone().text());
  const note = await r.json();
  assert.equal(note.author, 'educateur@passerelles-rhone.demo');
  for (const who of ['educator', 'head', 'director', 'nurse'])
    assert.ok((await list(who)).some((n) => n.id === note.id && n.body.startsWith(MARKER)), who);
  await problem(await authed(server, s.secretary, `/api/v1/persons/${person.id}/notes`), 403);
});

test('medical notes: written by the nurse only; the educator gets 403 (audited) and never reads them', async () => {
  const refused = await post('educator', { category: 'health', confidentiality: 'medical', occurred_on: today, body: 'Traitement modifié' });
  await problem(refused, 403);
  const r = await post('nurse', { category: 'health', confidentiality: 'medical', occurred_on: today, body: `${MARKER} traitement` });
  assert.equal(r.status, 201, await r.clone().text());
  const note = await r.json();
  assert.ok((await list('nurse')).some((n) => n.id === note.id));
  for (const who of ['educator', 'head', 'director']) assert.ok(!(await list(who)).some((n) => n.id === note.id), who);
  // The nurse cannot write team notes (social data is read-only for care roles).
  await problem(await post('nurse', { category: 'daily_life', confidentiality: 'team', occurred_on: today, body: 'x' }), 403);
});

test('named notes: only the author and the readers named', async () => {
  const session = await (await authed(server, s.head, '/api/v1/session')).json();
  const headId = session.account.id;
  const r = await post('educator', { category: 'family', confidentiality: 'named', occurred_on: today, body: 'Entretien familial', readers: [headId] });
  assert.equal(r.status, 201, await r.clone().text());
  const note = await r.json();
  assert.deepEqual(note.readers, [headId]);
  assert.ok((await list('educator')).some((n) => n.id === note.id));
  assert.ok((await list('head')).some((n) => n.id === note.id));
  assert.ok(!(await list('director')).some((n) => n.id === note.id));
  await problem(await post('educator', { category: 'family', confidentiality: 'named', occurred_on: today, body: 'x' }), 422, ['readers']);
  await problem(await post('educator', { category: 'family', confidentiality: 'team', occurred_on: today, body: 'x', readers: [headId] }), 422, ['readers']);
  await problem(await post('educator', { category: 'family', confidentiality: 'named', occurred_on: today, body: 'x', readers: [999999] }), 422, ['readers']);
});

test('bad notes are refused naming their fields, nothing written', async () => {
  const before = (await list('director')).length;
  await problem(await post('educator', { category: 'gossip', confidentiality: 'secret', occurred_on: '2999-01-01', body: '' }), 422,
    ['category', 'confidentiality', 'occurred_on', 'body']);
  await problem(await post('educator', { category: 'daily_life', confidentiality: 'team', occurred_on: today, body: 'x', extra: 1 }), 422, ['extra']);
  await problem(await post('educator', { category: 'daily_life', confidentiality: 'team', occurred_on: today, body: 'a\u0000b' }), 422, ['body']);
  assert.equal((await list('director')).length, before);
});

test('corrections keep the original; only the author corrects, at the same level; no deletion', async () => {
  const original = await (await post('educator', { category: 'incident', confidentiality: 'team', occurred_on: today, body: 'Chute dans la cour' })).json();
  const byOther = await post('head', { category: 'incident', confidentiality: 'team', occurred_on: today, body: 'Correction', corrects_note_id: original.id });
  await problem(byOther, 422, ['corrects_note_id']);
  const levelChange = await post('educator', { category: 'incident', confidentiality: 'medical', occurred_on: today, body: 'x', corrects_note_id: original.id });
  assert.equal(levelChange.status, 403);  // a medical note needs the medical permission first
  const fixed = await post('educator', { category: 'incident', confidentiality: 'team', occurred_on: today, body: 'Chute dans la cour, sans blessure', corrects_note_id: original.id });
  assert.equal(fixed.status, 201, await fixed.clone().text());
  const correction = await fixed.json();
  const notes = await list('director');
  const kept = notes.find((n) => n.id === original.id);
  assert.equal(kept.body, 'Chute dans la cour');
  assert.deepEqual(kept.corrected_by, [correction.id]);
  assert.equal(notes.find((n) => n.id === correction.id).corrects_note_id, original.id);
  const del = await authed(server, s.director, `/api/v1/persons/${person.id}/notes/${original.id}`, { method: 'DELETE' });
  assert.ok([404, 405].includes(del.status), `DELETE answered ${del.status}`);
});

test('note bodies are not readable plaintext in the database nor in any file the server writes', async () => {
  if (backend === 'postgresql') {
    const url = server.database.url;
    const dump = execFileSync('pg_dump', ['--data-only', '--table=person_note', url], { encoding: 'utf8' });
    assert.ok(dump.includes('person_note'), 'the dump holds the notes table');
    assert.ok(!dump.includes(MARKER), 'a note body is readable in the PostgreSQL dump');
  } else {
    const files = readdirSync(server.dir).filter((f) => f.startsWith('passerelle.db'));
    assert.ok(files.length >= 1);
    for (const f of files) assert.ok(!readFileSync(join(server.dir, f)).includes(MARKER), `${f} holds a note body in clear`);
  }
  // The key is outside the database, in the data directory's keys/ folder, readable by the owner only.
  const key = join(server.dir, 'keys', 'master.key');
  assert.equal(readFileSync(key).length, 32);
});

test('notes follow the history and the audit trail without their content', async () => {
  const history = await (await authed(server, s.director, `/api/v1/persons/${person.id}/history`)).json();
  const noteEntries = history.items.filter((h) => h.field.startsWith('note '));
  assert.ok(noteEntries.length >= 3);
  for (const h of noteEntries) assert.ok(!String(h.new_value).includes(MARKER));
});
