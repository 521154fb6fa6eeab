// Appointments (rendez-vous): creation, conflicts (same person or same professional, half-open
// intervals, confirmation), day and week views, medical secrecy, cancellation, rights by role and
// establishment, another organisation's ids, bad inputs, audit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
const s = {};      // sessions by short name
const id = {};     // account ids by short name
const p = {};      // persons

// A week far ahead, Monday 2 to Sunday 8 December 2030, so "now" never interferes.
const MONDAY = '2030-12-02';
const day = (n) => `2030-12-0${2 + n}`;  // day(0) Monday … day(6) Sunday
const at = (d, hm) => `${d}T${hm}`;

const as = (who, path, init = {}) => authed(server, s[who], path, init);
async function ok(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return text ? JSON.parse(text) : null;
}
async function problem(response, status, fields) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.match(response.headers.get('content-type'), /application\/problem\+json/);
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort(), JSON.stringify(body));
  return body;
}
const create = (who, json) => as(who, '/api/v1/appointments', { json });
const patch = (who, appointmentId, json) => as(who, `/api/v1/appointments/${appointmentId}`, { method: 'PATCH', json });
const agenda = async (who, query) => (await ok(await as(who, `/api/v1/appointments?${query}`))).items;
// Every appointment of establishment 1 and 2 over the test weeks, as the director sees them.
const everything = async () => (await agenda('director', `from=2030-11-25&to=2030-12-22`)).length;

function appointment(fields = {}) {
  return {
    establishment_id: 1, starts_at: at(day(0), '10:00'), ends_at: at(day(0), '11:00'), kind: 'family',
    title: 'Rencontre avec la famille', ...fields,
  };
}

before(async () => {
  server = await startServer({ demo: true });
  for (const [k, email] of [['secretary', 'secretaire'], ['educator', 'educateur'], ['nurse', 'infirmiere'],
    ['head', 'cheffe.service'], ['director', 'directrice'], ['dpo', 'dpo'], ['quality', 'qualite'], ['admin', 'admin']]) {
    s[k] = await signInDemo(server, `${email}@passerelles-rhone.demo`);
    id[k] = s[k].body.account.id;
  }
  s.funder = await signInDemo(server, 'financeur@ars-ara.demo');
  s.director2 = await signInDemo(server, 'directeur@horizon-loire.demo');
  id.director2 = s.director2.body.account.id;
  const person = async (who, establishment, birth_name, birth_date) => ok(await as(who, '/api/v1/persons', { json: {
    establishment_id: establishment, birth_name, first_names: ['Test'], sex: 'F', birth_date } }), 201);
  p.a = await person('secretary', 1, 'Agendaun', '2012-03-04');
  p.b = await person('secretary', 1, 'Agendadeux', '2013-04-05');
  p.c = await person('secretary', 1, 'Agendatrois', '2014-05-06');
  p.elsewhere = await person('director', 2, 'Agendailleurs', '2009-01-02');  // followed by establishment 2 only
  p.other = await person('director2', 13, 'Agendahorizon', '2008-02-03');
});
after(async () => { await server?.stop(); });

test('a secretary makes an appointment for a person with two professionals', async () => {
  const r = await create('secretary', appointment({
    person_id: p.a.id, professional_ids: [id.educator, id.head], place: 'Salle du conseil', comment: 'Avec les parents',
    title: 'Synthèse avec la famille',
  }));
  const a = await ok(r, 201);
  assert.equal(r.headers.get('location'), `/api/v1/appointments/${a.id}`);
  assert.equal(a.status, 'planned');
  assert.equal(a.status_label, 'Prévu');
  assert.equal(a.kind_label, 'Famille');
  assert.equal(a.starts_at, '2030-12-02T10:00');
  assert.equal(a.ends_at, '2030-12-02T11:00');
  assert.equal(a.person.id, p.a.id);
  assert.equal(a.person.birth_name, 'Agendaun');
  assert.equal(a.person.nir, undefined, 'no identity traits beyond the names');
  assert.deepEqual(a.professionals.map((x) => x.id).sort(), [id.educator, id.head].sort());
  assert.ok(a.professionals.every((x) => x.display_name));
  assert.equal(a.place, 'Salle du conseil');
  assert.equal(a.masked, false);
  assert.deepEqual(a.conflicts, []);
  assert.equal(a.created_by, 'secretaire@passerelles-rhone.demo');
  p.synthesis = a;
  // The educator (a professional of it) and the head of service read it; so does the director.
  for (const who of ['educator', 'head', 'director', 'nurse']) {
    const seen = await ok(await as(who, `/api/v1/appointments/${a.id}`));
    assert.equal(seen.title, 'Synthèse avec la famille', who);
  }
});

test('a professional shared by two appointments at the same time: 409 naming starts_at, nothing written; confirmed: both flagged', async () => {
  const before = await everything();
  // The head of service is in the synthesis (10:00–11:00); another appointment at 10:30 with her.
  const json = appointment({ starts_at: at(day(0), '10:30'), ends_at: at(day(0), '11:30'), person_id: p.b.id,
    professional_ids: [id.head], kind: 'internal', title: 'Point équipe' });
  const refused = await problem(await create('educator', json), 409, ['starts_at']);
  assert.equal(refused.type, '/problems/appointment-conflict');
  assert.equal(refused.conflicts.length, 1);
  assert.equal(refused.conflicts[0].id, p.synthesis.id);
  assert.deepEqual(refused.conflicts[0].shared, [`professional:${id.head}`]);
  assert.match(refused.errors[0].message, /Synthèse avec la famille/);
  assert.equal(await everything(), before, 'nothing written');
  const confirmed = await ok(await create('educator', { ...json, confirm_conflict: true }), 201);
  assert.deepEqual(confirmed.conflicts, [p.synthesis.id]);
  const first = await ok(await as('director', `/api/v1/appointments/${p.synthesis.id}`));
  assert.deepEqual(first.conflicts, [confirmed.id]);
  p.teamPoint = confirmed;
});

test('the same person twice at the same time conflicts; 10:00–11:00 and 11:00–12:00 do not (half-open)', async () => {
  const same = await problem(await create('secretary', appointment({ starts_at: at(day(0), '10:45'), ends_at: at(day(0), '11:15'),
    person_id: p.a.id, kind: 'paramedical', title: 'Orthophonie' })), 409, ['starts_at']);
  assert.deepEqual(same.conflicts.map((c) => c.shared), [['person']]);
  // Right after the synthesis, for the same person and the same educator: no conflict.
  const after = await ok(await create('secretary', appointment({ starts_at: at(day(0), '11:00'), ends_at: at(day(0), '12:00'),
    person_id: p.a.id, professional_ids: [id.educator], kind: 'other', title: 'Atelier' })), 201);
  assert.deepEqual(after.conflicts, []);
  const beforeIt = await ok(await create('secretary', appointment({ starts_at: at(day(0), '09:00'), ends_at: at(day(0), '10:00'),
    person_id: p.a.id, professional_ids: [id.head], kind: 'other', title: 'Accueil' })), 201);
  assert.deepEqual(beforeIt.conflicts, []);
  p.workshop = after;
});

test('day view (from = to) and week view (Monday..Sunday): sorted by start, conflicts flagged', async () => {
  // One on Sunday evening until Monday morning (crosses into the next week), one the next Monday.
  const night = await ok(await create('head', appointment({ starts_at: at(day(6), '20:00'), ends_at: '2030-12-09T08:00',
    person_id: p.c.id, kind: 'external_partner', title: 'Séjour de répit' })), 201);
  const nextWeek = await ok(await create('head', appointment({ starts_at: '2030-12-09T09:00', ends_at: '2030-12-09T10:00',
    person_id: p.c.id, kind: 'other', title: 'Semaine suivante' })), 201);
  const wednesday = await ok(await create('head', appointment({ starts_at: at(day(2), '14:00'), ends_at: at(day(2), '15:00'),
    person_id: p.c.id, professional_ids: [id.educator], kind: 'other', title: 'Mercredi' })), 201);

  const monday = await agenda('director', `from=${MONDAY}&to=${MONDAY}&establishment_id=1`);
  assert.deepEqual(monday.map((a) => a.title), ['Accueil', 'Synthèse avec la famille', 'Point équipe', 'Atelier']);
  const flagged = Object.fromEntries(monday.map((a) => [a.title, a.conflicts]));
  assert.deepEqual(flagged['Synthèse avec la famille'], [p.teamPoint.id]);
  assert.deepEqual(flagged['Point équipe'], [p.synthesis.id]);
  assert.deepEqual(flagged.Atelier, []);
  assert.deepEqual(flagged.Accueil, []);

  const week = await agenda('director', `from=${MONDAY}&to=${day(6)}&establishment_id=1`);
  const titles = week.map((a) => a.title);
  assert.ok(titles.includes('Mercredi') && titles.includes('Séjour de répit'), titles.join(', '));
  assert.ok(!titles.includes('Semaine suivante'));
  const starts = week.map((a) => a.starts_at);
  assert.deepEqual(starts, [...starts].sort());
  // The next week's Monday shows the night that started on Sunday.
  const nextMonday = await agenda('director', 'from=2030-12-09&to=2030-12-09');
  assert.deepEqual(nextMonday.map((a) => a.id), [night.id, nextWeek.id]);

  // One professional's agenda.
  const educator = await agenda('director', `from=${MONDAY}&to=${day(6)}&professional_id=${id.educator}`);
  assert.deepEqual(educator.map((a) => a.title), ['Synthèse avec la famille', 'Atelier', 'Mercredi']);
  assert.ok(educator.every((a) => a.professionals.some((x) => x.id === id.educator)));
  // One person's.
  const personC = await agenda('secretary', `from=${MONDAY}&to=${day(6)}&person_id=${p.c.id}`);
  assert.deepEqual(personC.map((a) => a.id), [wednesday.id, night.id]);
  // A professional sees their own agenda.
  const own = await agenda('educator', `from=${MONDAY}&to=${day(6)}&professional_id=${id.educator}`);
  assert.equal(own.length, 3);
});

test('medical appointments: only the care team makes them; other roles see the slot, not what it is about', async () => {
  const medical = appointment({ starts_at: at(day(1), '09:00'), ends_at: at(day(1), '10:00'), person_id: p.b.id,
    professional_ids: [id.nurse], kind: 'medical', title: 'Consultation cardiologie', place: 'CHU, service 4', comment: 'À jeun' });
  await problem(await create('secretary', medical), 403);
  await problem(await create('educator', medical), 403);
  const a = await ok(await create('nurse', medical), 201);
  assert.equal(a.title, 'Consultation cardiologie');
  const full = await ok(await as('nurse', `/api/v1/appointments/${a.id}`));
  assert.equal(full.place, 'CHU, service 4');
  assert.equal(full.masked, false);
  for (const who of ['secretary', 'educator', 'head', 'director', 'dpo']) {
    const seen = await ok(await as(who, `/api/v1/appointments/${a.id}`));
    assert.equal(seen.title, 'Rendez-vous médical', who);
    assert.equal(seen.place, null, who);
    assert.equal(seen.comment, null, who);
    assert.equal(seen.masked, true, who);
    assert.equal(seen.starts_at, '2030-12-03T09:00', who);
    assert.equal(seen.person.id, p.b.id, who);
    assert.deepEqual(seen.professionals.map((x) => x.id), [id.nurse], who);
    const inAgenda = (await agenda(who, `from=${day(1)}&to=${day(1)}`)).find((x) => x.id === a.id);
    assert.equal(inAgenda.title, 'Rendez-vous médical', who);
    assert.equal(inAgenda.comment, null, who);
    const inRecord = (await ok(await as(who, `/api/v1/persons/${p.b.id}/appointments`))).items.find((x) => x.id === a.id);
    assert.equal(inRecord.place, null, who);
  }
  assert.ok(!JSON.stringify(await (await as('educator', `/api/v1/appointments?from=${day(1)}&to=${day(1)}`)).json()).includes('cardiologie'));
  // Changing or cancelling it is the care team's too; turning another appointment into a medical one also.
  await problem(await patch('secretary', a.id, { starts_at: at(day(1), '09:30'), ends_at: at(day(1), '10:30') }), 403);
  await problem(await as('secretary', `/api/v1/appointments/${a.id}/cancel`, { method: 'POST' }), 403);
  await problem(await patch('secretary', p.workshop.id, { kind: 'medical' }), 403);
  const moved = await ok(await patch('nurse', a.id, { place: 'CHU, service 5' }));
  assert.equal(moved.place, 'CHU, service 5');
  // A conflict with a medical appointment does not tell others what it is.
  const clash = await problem(await create('secretary', appointment({ starts_at: at(day(1), '09:30'), ends_at: at(day(1), '10:30'),
    person_id: p.b.id, kind: 'other', title: 'Sortie' })), 409, ['starts_at']);
  assert.equal(clash.conflicts[0].title, 'Rendez-vous médical');
  assert.ok(!JSON.stringify(clash).includes('cardiologie'));
});

test('cancelling frees the slot; a cancelled appointment is not changed any more', async () => {
  const a = await ok(await create('secretary', appointment({ starts_at: at(day(3), '14:00'), ends_at: at(day(3), '15:00'),
    person_id: p.b.id, professional_ids: [id.educator], kind: 'family', title: 'Visite de la mère' })), 201);
  await problem(await create('secretary', appointment({ starts_at: at(day(3), '14:30'), ends_at: at(day(3), '15:30'),
    professional_ids: [id.educator], kind: 'internal', title: 'Réunion' })), 409, ['starts_at']);
  const cancelled = await ok(await as('secretary', `/api/v1/appointments/${a.id}/cancel`, { json: { reason: 'Mère malade' } }));
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.cancel_reason, 'Mère malade');
  const now = await ok(await create('secretary', appointment({ starts_at: at(day(3), '14:30'), ends_at: at(day(3), '15:30'),
    professional_ids: [id.educator], kind: 'internal', title: 'Réunion' })), 201);
  assert.deepEqual(now.conflicts, []);
  await problem(await as('secretary', `/api/v1/appointments/${a.id}/cancel`, { method: 'POST' }), 409);
  await problem(await patch('secretary', a.id, { title: 'Visite' }), 409);
  const listed = (await agenda('secretary', `from=${day(3)}&to=${day(3)}&status=cancelled`)).map((x) => x.id);
  assert.deepEqual(listed, [a.id]);
});

test('changes: moving into a conflict is refused unless confirmed; conflicts already confirmed do not block other changes', async () => {
  // The workshop (11:00–12:00, educator) moved to 10:30 meets the synthesis (educator, person A).
  const refused = await problem(await patch('secretary', p.workshop.id, { starts_at: at(day(0), '10:30') }), 409, ['starts_at']);
  assert.deepEqual(refused.conflicts.map((c) => c.id), [p.synthesis.id]);
  assert.equal((await ok(await as('secretary', `/api/v1/appointments/${p.workshop.id}`))).starts_at, '2030-12-02T11:00');
  const moved = await ok(await patch('secretary', p.workshop.id, { starts_at: at(day(0), '10:30'), confirm_conflict: true }));
  assert.deepEqual(moved.conflicts, [p.synthesis.id]);
  const renamed = await ok(await patch('secretary', p.workshop.id, { title: 'Atelier cuisine', comment: null }));
  assert.equal(renamed.title, 'Atelier cuisine');
  // Back to 11:00: the conflict is gone.
  const back = await ok(await patch('secretary', p.workshop.id, { starts_at: at(day(0), '11:00') }));
  assert.deepEqual(back.conflicts, []);
  // Done or missed only once it has started; a past appointment can be marked.
  await problem(await patch('secretary', p.workshop.id, { status: 'done' }), 422, ['status']);
  await problem(await patch('secretary', p.workshop.id, { status: 'cancelled' }), 422, ['status']);
  const past = await ok(await create('secretary', appointment({ starts_at: '2024-05-06T10:00', ends_at: '2024-05-06T11:00',
    person_id: p.a.id, kind: 'other', title: 'Passé' })), 201);
  const done = await ok(await patch('secretary', past.id, { status: 'missed' }));
  assert.equal(done.status_label, 'Manqué');
  // The person's appointments, past and future, sorted by start.
  const all = (await ok(await as('educator', `/api/v1/persons/${p.a.id}/appointments`))).items;
  assert.equal(all[0].id, past.id);
  assert.ok(all.some((x) => x.id === p.synthesis.id));
  assert.deepEqual(all.map((x) => x.starts_at), all.map((x) => x.starts_at).sort());
});

test('rights: the DPO reads but makes no appointment; roles without persons access get 403', async () => {
  await problem(await create('dpo', appointment({ person_id: p.a.id, starts_at: at(day(4), '10:00'), ends_at: at(day(4), '11:00') })), 403);
  await problem(await patch('dpo', p.synthesis.id, { title: 'x' }), 403);
  assert.ok((await agenda('dpo', `from=${MONDAY}&to=${MONDAY}`)).length >= 4);
  for (const who of ['quality', 'admin', 'funder']) {
    await problem(await as(who, `/api/v1/appointments?from=${MONDAY}&to=${MONDAY}`), 403);
    await problem(await as(who, `/api/v1/appointments/${p.synthesis.id}`), 403);
    await problem(await create(who, appointment({ person_id: p.a.id })), 403);
  }
});

test('establishment-scoped roles only see their establishment', async () => {
  // The director sets an appointment in establishment 2 for a person followed there.
  const there = await ok(await create('director', appointment({ establishment_id: 2, starts_at: at(day(4), '10:00'),
    ends_at: at(day(4), '11:00'), person_id: p.elsewhere.id, professional_ids: [id.director], kind: 'family', title: 'Ailleurs' })), 201);
  for (const who of ['educator', 'secretary', 'nurse', 'head']) {
    await problem(await as(who, `/api/v1/appointments/${there.id}`), 404);
    assert.ok(!(await agenda(who, `from=${day(4)}&to=${day(4)}`)).some((x) => x.id === there.id), who);
    await problem(await patch(who, there.id, { title: 'x' }), 404);
  }
  // A scoped secretary cannot write in establishment 2, nor name a person she cannot see.
  await problem(await create('secretary', appointment({ establishment_id: 2, professional_ids: [id.director] })), 404);
  await problem(await create('secretary', appointment({ person_id: p.elsewhere.id })), 422, ['person_id']);
  const professionals = (await ok(await as('secretary', '/api/v1/appointments/professionals?establishment_id=1'))).items;
  const ids = professionals.map((x) => x.id);
  for (const who of ['educator', 'nurse', 'head', 'secretary', 'director']) assert.ok(ids.includes(id[who]), who);
  for (const who of ['quality', 'admin', 'dpo']) assert.ok(!ids.includes(id[who]), who);
  await problem(await as('secretary', '/api/v1/appointments/professionals?establishment_id=2'), 404);
  await problem(await as('secretary', `/api/v1/appointments?from=${day(4)}&to=${day(4)}&establishment_id=2`), 404);
  assert.ok((await agenda('director', `from=${day(4)}&to=${day(4)}&establishment_id=2`)).some((x) => x.id === there.id));
});

test("another organisation's appointments, persons, establishments and professionals: 404 / 422, nothing written", async () => {
  const before = await everything();
  await problem(await as('director2', `/api/v1/appointments/${p.synthesis.id}`), 404);
  await problem(await patch('director2', p.synthesis.id, { title: 'Intrus' }), 404);
  await problem(await as('director2', `/api/v1/appointments/${p.synthesis.id}/cancel`, { method: 'POST' }), 404);
  await problem(await as('director2', `/api/v1/persons/${p.a.id}/appointments`), 404);
  await problem(await as('director2', `/api/v1/appointments?from=${MONDAY}&to=${MONDAY}&establishment_id=1`), 404);
  await problem(await as('director2', `/api/v1/appointments?from=${MONDAY}&to=${MONDAY}&person_id=${p.a.id}`), 404);
  await problem(await as('director2', `/api/v1/appointments?from=${MONDAY}&to=${MONDAY}&professional_id=${id.educator}`), 404);
  await problem(await as('director2', '/api/v1/appointments/professionals?establishment_id=1'), 404);
  assert.deepEqual(await agenda('director2', `from=${MONDAY}&to=${day(6)}`), []);
  await problem(await create('director2', appointment({ establishment_id: 13, person_id: p.a.id })), 422, ['person_id']);
  await problem(await create('director2', appointment({ establishment_id: 1, person_id: p.other.id })), 422, ['establishment_id']);
  await problem(await create('director2', appointment({ establishment_id: 13, professional_ids: [id.educator] })), 422, ['professional_ids/0']);
  await problem(await create('director', appointment({ person_id: p.other.id })), 422, ['person_id']);
  await problem(await as('director', `/api/v1/persons/${p.other.id}/appointments`), 404);
  const theirs = await ok(await create('director2', appointment({ establishment_id: 13, person_id: p.other.id,
    professional_ids: [id.director2], starts_at: at(day(0), '10:00'), ends_at: at(day(0), '11:00') })), 201);
  assert.deepEqual(theirs.conflicts, []);
  await problem(await as('director', `/api/v1/appointments/${theirs.id}`), 404);
  assert.equal(await everything(), before, 'nothing written in organisation 1');
});

test('bad inputs name their field, nothing written', async () => {
  const before = await everything();
  const bad = async (fields, expected, who = 'secretary') =>
    problem(await create(who, appointment({ person_id: p.a.id, starts_at: at(day(5), '10:00'), ends_at: at(day(5), '11:00'), ...fields })), 422, expected);
  await bad({ ends_at: at(day(5), '09:00') }, ['ends_at']);
  await bad({ ends_at: at(day(5), '10:00') }, ['ends_at']);
  await bad({ ends_at: '2030-12-12T10:00' }, ['ends_at']);  // more than 3 days
  await bad({ starts_at: '2030-02-30T10:00' }, ['starts_at']);
  await bad({ starts_at: '07/12/2030 10:00' }, ['starts_at']);
  await bad({ starts_at: '2030-12-07T25:00' }, ['starts_at']);
  await bad({ starts_at: '2031-03-30T02:30', ends_at: '2031-03-30T04:00' }, ['starts_at']);  // skipped at summer time
  await bad({ kind: 'dentiste' }, ['kind']);
  await bad({ title: '' }, ['title']);
  await bad({ title: 'x'.repeat(201) }, ['title']);
  await bad({ colour: 'rouge' }, ['colour']);
  await bad({ person_id: "1 OR 1=1" }, ['person_id']);
  await bad({ person_id: 99999999 }, ['person_id']);
  await bad({ person_id: null }, ['person_id']);  // nobody at all
  await bad({ establishment_id: "1; DROP TABLE appointment" }, ['establishment_id']);
  await bad({ establishment_id: 99999 }, ['establishment_id']);
  await bad({ professional_ids: [999999] }, ['professional_ids/0']);
  await bad({ professional_ids: [id.educator, id.educator] }, ['professional_ids/1']);
  await bad({ professional_ids: [id.quality] }, ['professional_ids/0']);  // no access to persons
  await bad({ professional_ids: "1,2" }, ['professional_ids']);
  await bad({ person_id: p.elsewhere.id }, ['person_id'], 'director');  // not followed by establishment 1
  await bad({ confirm_conflict: 'oui' }, ['confirm_conflict']);
  await bad({ status: 'done' }, ['status']);  // not started yet
  const notJson = await as('secretary', '/api/v1/appointments', { method: 'POST', body: 'title=x', headers: { 'Content-Type': 'text/plain' } });
  assert.equal(notJson.status, 415);
  // A title that looks like SQL is a title: stored and read back as typed.
  const sqlish = "Robert'); DROP TABLE appointment;-- <script>alert(1)</script>";
  const stored = await ok(await create('secretary', appointment({ person_id: p.a.id, starts_at: at(day(5), '14:00'),
    ends_at: at(day(5), '15:00'), title: sqlish })), 201);
  assert.equal((await ok(await as('secretary', `/api/v1/appointments/${stored.id}`))).title, sqlish);
  assert.equal(await everything(), before + 1);
  // Query parameters.
  const query = async (q, field) => problem(await as('secretary', `/api/v1/appointments?${q}`), 400, [field]);
  await query(`to=${MONDAY}`, 'from');
  await query(`from=${MONDAY}`, 'to');
  await query(`from=${encodeURIComponent("2030-12-02' OR '1'='1")}&to=${MONDAY}`, 'from');
  await query(`from=${day(3)}&to=${MONDAY}`, 'to');
  await query('from=2030-01-01&to=2030-03-04', 'to');  // 63 days
  await query(`from=${MONDAY}&to=${MONDAY}&establishment_id=abc`, 'establishment_id');
  await query(`from=${MONDAY}&to=${MONDAY}&professional_id=${encodeURIComponent('1 OR 1=1')}`, 'professional_id');
  await query(`from=${MONDAY}&to=${MONDAY}&status=late`, 'status');
  assert.equal((await agenda('secretary', 'from=2030-01-01&to=2030-03-03')).length, 0);  // 62 days is fine
  await problem(await as('secretary', '/api/v1/appointments/abc'), 404);
  await problem(await as('secretary', '/api/v1/appointments/99999999'), 404);
  await problem(await patch('secretary', p.workshop.id, { ends_at: at(day(0), '10:00') }), 422, ['ends_at']);
  await problem(await patch('secretary', p.workshop.id, { professional_ids: [id.admin] }), 422, ['professional_ids/0']);
  await problem(await patch('secretary', p.workshop.id, { person_id: null, professional_ids: [] }), 422, ['person_id']);
  await problem(await as('secretary', `/api/v1/appointments/${p.workshop.id}/cancel`, { json: { reason: 'x', why: 1 } }), 422, ['why']);
  assert.equal((await ok(await as('secretary', `/api/v1/appointments/${p.workshop.id}`))).status, 'planned');
  assert.equal(await everything(), before + 1);
});

test("a merge of records moves the duplicate's appointments (and their conflicts) to the record kept", async () => {
  const kept = await ok(await as('director', '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: 'Agendafusion', first_names: ['Jeanne'], sex: 'F', birth_date: '2010-10-10' } }), 201);
  const dupResponse = await as('director', '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: 'Agendafusion', first_names: ['Jeanne'], sex: 'F', birth_date: '2010-10-11', confirm_duplicate: true } });
  const duplicate = await ok(dupResponse, 201);
  const slot = { starts_at: at(day(4), '14:00'), ends_at: at(day(4), '15:00') };
  const moved = await ok(await create('director', appointment({ ...slot, person_id: duplicate.id, title: 'Avant fusion' })), 201);
  await ok(await as('director', `/api/v1/persons/${kept.id}/merge`, { json: { duplicate_id: duplicate.id } }));
  const items = (await ok(await as('director', `/api/v1/persons/${kept.id}/appointments`))).items;
  assert.deepEqual(items.map((x) => x.id), [moved.id]);
  assert.equal(items[0].person.id, kept.id);
  // The slot is the kept record's now.
  const clash = await problem(await create('director', appointment({ ...slot, person_id: kept.id, title: 'Après fusion' })), 409, ['starts_at']);
  assert.deepEqual(clash.conflicts.map((c) => c.id), [moved.id]);
});

test('a crowded day (many persons and professionals at once): conflicts are still found', async () => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const ids = [];
  for (let i = 0; i < 32; i++) {
    const name = `Foule${letters[i % 26]}${letters[Math.floor(i / 26)]}x`;
    const person = await ok(await as('secretary', '/api/v1/persons', { json: {
      establishment_id: 1, birth_name: name, first_names: ['Test'], sex: 'M', birth_date: `2001-01-${String(i % 28 + 1).padStart(2, '0')}`,
      confirm_duplicate: true } }), 201);
    const a = await ok(await create('secretary', appointment({ starts_at: at(day(6), '08:00'), ends_at: at(day(6), '09:00'),
      person_id: person.id, title: `Foule ${i}` })), 201);
    ids.push({ person: person.id, appointment: a.id });
  }
  const late = await ok(await create('secretary', appointment({ starts_at: at(day(6), '08:30'), ends_at: at(day(6), '09:30'),
    person_id: ids[31].person, title: 'En retard', confirm_conflict: true })), 201);
  const sunday = await agenda('secretary', `from=${day(6)}&to=${day(6)}&establishment_id=1`);
  assert.ok(sunday.length >= 33);
  const byId = new Map(sunday.map((a) => [a.id, a]));
  assert.deepEqual(byId.get(late.id).conflicts, [ids[31].appointment]);
  assert.deepEqual(byId.get(ids[31].appointment).conflicts, [late.id]);
  assert.deepEqual(byId.get(ids[0].appointment).conflicts, []);
});

test('two requests racing for the same free slot: one is written, the other gets the conflict', async () => {
  for (let round = 0; round < 3; round++) {
    const slot = { starts_at: at(day(5), `1${7 + round}:00`), ends_at: at(day(5), `1${7 + round}:45`), professional_ids: [id.head] };
    const answers = await Promise.all([
      create('secretary', appointment({ ...slot, kind: 'internal', title: `Course A ${round}` })),
      create('head', appointment({ ...slot, kind: 'internal', title: `Course B ${round}` })),
    ]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409], `round ${round}`);
  }
});

test('reads and writes are audited, on the person', async () => {
  const events = (await ok(await as('dpo', `/api/v1/audit?person=${p.a.id}&limit=200`))).items;
  const fields = (e) => (e.fields ?? []).join(' ');
  assert.ok(events.some((e) => e.action === 'create' && fields(e).includes(`appointment:${p.synthesis.id}`)), 'creation');
  assert.ok(events.some((e) => e.action === 'update' && fields(e).includes(`appointment:${p.workshop.id}`)), 'change');
  assert.ok(events.some((e) => e.action === 'read' && fields(e).includes('appointments')), 'person view');
  assert.ok(events.some((e) => e.action === 'read' && fields(e).includes(`appointment:${p.synthesis.id}`)), 'one appointment');
  const agendaReads = (await ok(await as('dpo', '/api/v1/audit?action=read&limit=200'))).items
    .filter((e) => e.object_type === 'appointments');
  assert.ok(agendaReads.some((e) => String(e.object_id).split(',').includes(String(p.a.id))), 'agenda read names the persons shown');
  const refusals = (await ok(await as('dpo', '/api/v1/audit?limit=200'))).items.filter((e) => e.outcome === 'denied');
  assert.ok(refusals.length > 0);
});
