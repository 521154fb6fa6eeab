// Staff records (brick hr): professionals, contracts, absences, full-time equivalents. Access: directors,
// heads of service (their establishment) and organisation administrators; a professional sees only their own
// record (linked account). Every bad input of issue #7 is a 422 naming the field, and nothing is written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
const s = {};
let member;        // a part-time fixed-term nurse at establishment 1, with an absence
let other;         // a member with a contract at establishment 2 only
let site;          // an establishment of its own for the FTE figures (no other staff there)

async function problem(response, status, fields) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort(), JSON.stringify(body));
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

before(async () => {
  server = await startServer({ demo: true });
  for (const [k, email] of [['director', 'directrice@passerelles-rhone.demo'], ['head', 'cheffe.service@passerelles-rhone.demo'],
    ['educator', 'educateur@passerelles-rhone.demo'], ['admin', 'admin@passerelles-rhone.demo'],
    ['secretary', 'secretaire@passerelles-rhone.demo'], ['foreign', 'directeur@horizon-loire.demo']])
    s[k] = await signInDemo(server, email);
  member = await ok(await post('director', '/api/v1/staff', {
    last_name: 'Soignante', first_name: 'Inès', job: 'nurse', sex: 'F', birth_date: '1985-04-12',
    contracts: [{ establishment_id: 1, kind: 'fixed_term', fixed_term_reason: 'replacement', start_date: '2025-01-16',
      end_date: '2025-06-30', working_time: 0.5 }] }), 201);
  other = await ok(await post('director', '/api/v1/staff', {
    last_name: 'Ailleurs', first_name: 'Paul', job: 'cook',
    contracts: [{ establishment_id: 2, kind: 'permanent', start_date: '2020-01-01', working_time: 1 }] }), 201);
  site = await ok(await post('director', '/api/v1/establishments', {
    organisation_id: 1, finess_et: '690099981', name: 'Foyer ETP (test)', category_code: '449' }), 201);
});
after(async () => { await server?.stop(); });

test('a staff member with a part-time fixed-term contract and an absence', async () => {
  assert.equal(member.contracts.length, 1);
  const [contract] = member.contracts;
  assert.equal(contract.working_time, 0.5);
  assert.equal(contract.kind, 'fixed_term');
  assert.equal(contract.job_category, 'paramedical');
  assert.equal(contract.permanent, false);
  const absence = await ok(await post('director', `/api/v1/staff/${member.id}/absences`, {
    kind: 'illness', start_date: '2025-03-03', end_date: '2025-03-07', end_half_day: true }), 201);
  assert.equal(absence.calendar_days, 4.5);
  assert.equal(absence.absenteeism_group, 'illness');
  const detail = await ok(await get('director', `/api/v1/staff/${member.id}`));
  assert.equal(detail.absences.length, 1);
  assert.equal(detail.job_label, 'Infirmier');
  assert.equal((await ok(await get('director', `/api/v1/staff/${member.id}/contracts`))).items.length, 1);
  assert.equal((await ok(await get('director', `/api/v1/staff/${member.id}/absences`))).items.length, 1);
  // No free text on an absence: a reason is an unknown field.
  await problem(await post('director', `/api/v1/staff/${member.id}/absences`, {
    kind: 'illness', start_date: '2025-03-10', end_date: '2025-03-10', reason: 'grippe' }), 422, ['reason']);
});

test('every bad input of the issue is a 422 naming the field, and nothing is written', async () => {
  const before = await ok(await get('director', `/api/v1/staff/${member.id}`));
  const contracts = `/api/v1/staff/${member.id}/contracts`;
  const absences = `/api/v1/staff/${member.id}/absences`;
  // An absence outside any contract, an absence ending before it starts.
  await problem(await post('director', absences, { kind: 'illness', start_date: '2025-06-25', end_date: '2025-07-05' }), 422, ['start_date']);
  await problem(await post('director', absences, { kind: 'illness', start_date: '2024-01-01', end_date: '2024-01-03' }), 422, ['start_date']);
  await problem(await post('director', absences, { kind: 'training', start_date: '2025-03-20', end_date: '2025-03-19' }), 422, ['end_date']);
  await problem(await post('director', absences, { kind: 'sick', start_date: '2025-03-20', end_date: '2025-03-20' }), 422, ['kind']);
  // An absence over another one (the illness of 3-7 March).
  await problem(await post('director', absences, { kind: 'training', start_date: '2025-03-06', end_date: '2025-03-06' }), 422, ['start_date']);
  // A contract ending before it starts; working time above 1 or below 0; a fixed-term contract without end date.
  const base = { establishment_id: 1, kind: 'permanent', start_date: '2026-01-01', working_time: 0.3 };
  await problem(await post('director', contracts, { ...base, end_date: '2025-12-31' }), 422, ['end_date']);
  await problem(await post('director', contracts, { ...base, working_time: 1.2 }), 422, ['working_time']);
  await problem(await post('director', contracts, { ...base, working_time: -0.2 }), 422, ['working_time']);
  await problem(await post('director', contracts, { ...base, working_time: 0 }), 422, ['working_time']);
  await problem(await post('director', contracts, { ...base, kind: 'fixed_term', fixed_term_reason: 'seasonal' }), 422, ['end_date']);
  await problem(await post('director', contracts, { ...base, kind: 'fixed_term', end_date: '2026-03-31' }), 422, ['fixed_term_reason']);
  // Overlapping contracts on the same establishment above full time (0.5 + 0.6 from March 2025).
  await problem(await post('director', contracts, {
    establishment_id: 1, kind: 'fixed_term', fixed_term_reason: 'temporary_increase', start_date: '2025-03-01',
    end_date: '2025-04-30', working_time: 0.6 }), 422, ['working_time']);
  // Shortening the contract would leave the recorded absence outside it.
  await problem(await patch('director', `${contracts}/${member.contracts[0].id}`, { end_date: '2025-03-04' }), 422, ['end_date']);
  // A creation with a bad contract: no member either.
  const count = async () => (await ok(await get('director', '/api/v1/staff?q=Refusee'))).items.length;
  await problem(await post('director', '/api/v1/staff', {
    last_name: 'Refusée', first_name: 'Anne', job: 'psychologist',
    contracts: [{ establishment_id: 1, kind: 'permanent', start_date: '2025-01-01', working_time: 1 },
      { establishment_id: 1, kind: 'fixed_term', start_date: '2025-02-01', working_time: 0.5 }] }), 422,
  ['contracts/1/end_date', 'contracts/1/fixed_term_reason']);
  await problem(await post('director', '/api/v1/staff', {
    last_name: 'Refusée', first_name: 'Anne', job: 'psychologist',
    contracts: [{ establishment_id: 1, kind: 'permanent', start_date: '2025-01-01', working_time: 0.8 },
      { establishment_id: 1, kind: 'permanent', start_date: '2025-02-01', working_time: 0.5 }] }), 422, ['contracts/1/working_time']);
  await problem(await post('director', '/api/v1/staff', { last_name: 'Refusée', first_name: 'Anne', job: 'jongleur' }), 422, ['job']);
  assert.equal(await count(), 0);
  const after = await ok(await get('director', `/api/v1/staff/${member.id}`));
  assert.deepEqual(after.contracts, before.contracts);
  assert.deepEqual(after.absences, before.absences);
  // The server keeps serving.
  assert.equal((await get('director', '/api/v1/staff')).status, 200);
});

test('full-time equivalents on a date and over a period, by establishment and job category', async () => {
  // At the test's own establishment: an educator full time from 16 January 2025, a psychologist at 0.5 there
  // and 0.3 at establishment 1 (two establishments at once).
  await ok(await post('director', '/api/v1/staff', {
    last_name: 'Plein', first_name: 'Temps', job: 'specialised_educator',
    contracts: [{ establishment_id: site.id, kind: 'permanent', start_date: '2025-01-16', working_time: 1 }] }), 201);
  await ok(await post('director', '/api/v1/staff', {
    last_name: 'Deux', first_name: 'Sites', job: 'psychologist',
    contracts: [{ establishment_id: site.id, kind: 'permanent', start_date: '2024-01-01', working_time: 0.5 },
      { establishment_id: 1, kind: 'civil_servant', start_date: '2024-01-01', working_time: 0.3 }] }), 201);
  const on = await ok(await get('director', `/api/v1/fte?scope=${site.id}&date=2025-02-01`));
  assert.equal(on.fte, 1.5);
  const category = (r, c) => r.by_job_category.find((x) => x.job_category === c).fte;
  assert.equal(category(on, 'educational_social'), 1);
  assert.equal(category(on, 'psychology'), 0.5);
  const january = await ok(await get('director', `/api/v1/fte?scope=${site.id}&from=2025-01-01&to=2025-01-31`));
  assert.ok(Math.abs(january.fte - (16 / 31 + 0.5)) < 1e-9, String(january.fte));
  // The organisation: the psychologist counts 0.8 over both establishments.
  const organisation = await ok(await get('director', '/api/v1/fte?scope=organisation&date=2025-02-01'));
  const siteRow = organisation.by_establishment.find((e) => e.establishment_id === site.id);
  assert.equal(siteRow.fte, 1.5);
  assert.ok(organisation.by_establishment.find((e) => e.establishment_id === 1).fte >= 0.8);
  // Bad parameters.
  await problem(await get('director', '/api/v1/fte?date=2025-02-30'), 400, ['date']);
  await problem(await get('director', '/api/v1/fte?from=2025-02-01'), 400, ['to']);
  await problem(await get('director', '/api/v1/fte?from=2025-02-01&to=2025-01-01'), 400, ['to']);
  await problem(await get('director', '/api/v1/fte?scope=tout'), 400, ['scope']);
  // Another organisation's establishment looks unknown; the head of service sees only establishment 1.
  await problem(await get('director', '/api/v1/fte?scope=13'), 404);
  await problem(await get('head', `/api/v1/fte?scope=${site.id}`), 404);
  assert.equal((await get('head', '/api/v1/fte?scope=1')).status, 200);
});

test('access: hr roles of the establishment; professionals see only their own record; others 403/404', async () => {
  // The educator has no staff permission...
  await problem(await get('educator', '/api/v1/staff'), 403);
  await problem(await get('educator', `/api/v1/staff/${member.id}`), 403);
  await problem(await get('secretary', `/api/v1/staff/${member.id}/absences`), 403);
  // ... until their record is linked to their account: then they see it, and only it, read-only.
  const accounts = await ok(await get('admin', '/api/v1/accounts?limit=200'));
  const educatorAccount = accounts.items.find((a) => a.email === 'educateur@passerelles-rhone.demo');
  const own = await ok(await post('admin', '/api/v1/staff', {
    last_name: 'Éducateur', first_name: 'Démo', job: 'specialised_educator', account_id: educatorAccount.id,
    contracts: [{ establishment_id: 1, kind: 'permanent', start_date: '2019-09-01', working_time: 1 }] }), 201);
  assert.equal(own.account_id, educatorAccount.id);
  await problem(await get('head', '/api/v1/staff/mine'), 404);
  assert.equal((await ok(await get('educator', '/api/v1/staff/mine'))).id, own.id);
  assert.equal((await ok(await get('educator', `/api/v1/staff/${own.id}`))).id, own.id);
  assert.equal((await ok(await get('educator', `/api/v1/staff/${own.id}/contracts`))).items.length, 1);
  assert.equal((await ok(await get('educator', `/api/v1/staff/${own.id}/absences`))).items.length, 0);
  await problem(await post('educator', `/api/v1/staff/${own.id}/absences`, { kind: 'paid_leave', start_date: '2025-08-01', end_date: '2025-08-15' }), 403);
  await problem(await get('educator', `/api/v1/staff/${member.id}`), 403);
  // One account, one record.
  await problem(await post('director', '/api/v1/staff', { last_name: 'Double', first_name: 'Lien', job: 'cook', account_id: educatorAccount.id }), 409, ['account_id']);
  // The head of service (establishment 1) sees establishment 1's staff, not establishment 2's.
  assert.equal((await ok(await get('head', `/api/v1/staff/${member.id}`))).id, member.id);
  await problem(await get('head', `/api/v1/staff/${other.id}`), 404);
  const listed = (await ok(await get('head', '/api/v1/staff?limit=200'))).items.map((m) => m.id);
  assert.ok(listed.includes(member.id) && !listed.includes(other.id));
  // A head of service records staff of their establishment only.
  await problem(await post('head', '/api/v1/staff', { last_name: 'Sans', first_name: 'Contrat', job: 'cook' }), 422, ['contracts']);
  await problem(await post('head', `/api/v1/staff/${member.id}/contracts`, {
    establishment_id: 2, kind: 'permanent', start_date: '2026-01-01', working_time: 0.2 }), 403);
  // Another organisation's director: the same 404 as an unknown id.
  await problem(await get('foreign', `/api/v1/staff/${member.id}`), 404);
  await problem(await get('foreign', '/api/v1/staff/999999'), 404);
  assert.ok(!(await ok(await get('foreign', '/api/v1/staff?limit=200'))).items.some((m) => m.id === member.id));
});

test('list filters, end of a contract (departure) and deletion of an absence', async () => {
  const byJob = await ok(await get('director', '/api/v1/staff?job_category=paramedical&limit=200'));
  assert.ok(byJob.items.some((m) => m.id === member.id) && !byJob.items.some((m) => m.id === other.id));
  const active = await ok(await get('director', '/api/v1/staff?active_on=2025-08-01&establishment=1&limit=200'));
  assert.ok(!active.items.some((m) => m.id === member.id));
  assert.ok((await ok(await get('director', '/api/v1/staff?q=ailleurs'))).items.some((m) => m.id === other.id));
  await problem(await get('director', '/api/v1/staff?job_category=cirque'), 400, ['job_category']);
  const ended = await ok(await patch('director', `/api/v1/staff/${other.id}/contracts/${other.contracts[0].id}`, {
    end_date: '2025-09-30', end_reason: 'resignation' }));
  assert.equal(ended.end_date, '2025-09-30');
  assert.equal(ended.end_reason, 'resignation');
  const absence = await ok(await post('director', `/api/v1/staff/${other.id}/absences`, {
    kind: 'work_accident', start_date: '2025-09-01', end_date: '2025-09-10' }), 201);
  assert.equal((await authed(server, s.director, `/api/v1/staff/${other.id}/absences/${absence.id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await ok(await get('director', `/api/v1/staff/${other.id}/absences`))).items.length, 0);
  const reference = await ok(await get('educator', '/api/v1/staff/reference'));
  assert.ok(reference.jobs.some((j) => j.code === 'aes_amp' && j.category === 'educational_social'));
  assert.ok(reference.absence_kinds.some((k) => k.code === 'paid_leave' && k.absenteeism_group === 'excluded'));
});

test('import of a staff spreadsheet: unknown job titles listed by line, all or nothing; export and re-import', async () => {
  const finess = (await ok(await get('director', '/api/v1/establishments/1'))).finess_et;
  const csv = (lines) => Buffer.from('\ufeff' + lines.join('\r\n')).toString('base64');
  const header = 'Nom;Prénom;Métier;Établissement;Type de contrat;Motif CDD;Date début;Date fin;Quotité;Sexe;Date de naissance';
  const bad = csv([header,
    `Importée;Léa;Éducatrice spécialisée;${finess};CDI;;01/09/2021;;80 %;F;12/03/1990`,
    `Importée;Léa;Éducatrice spécialisée;${site.name};CDD;Remplacement;2025-01-06;2025-03-31;0,2;F;12/03/1990`,
    `Importé;Marc;Jongleur;${finess};CDI;;2022-01-01;;1;M;`,
    `Importé;Jean;AES/AMP;${finess};CDD;;2022-01-01;;1,5;M;`,
    `Importé;Paul;Infirmier;Inconnu;CDI;;2022-01-01;;1;M;`]);
  const preview = await ok(await post('director', '/api/v1/staff/import', { file_base64: bad }));
  assert.equal(preview.mapping.job, 'Métier');
  assert.equal(preview.mapping.working_time, 'Quotité');
  const fields = preview.errors.map((e) => e.field);
  assert.ok(fields.includes('ligne 4/job'), JSON.stringify(preview.errors));
  assert.ok(preview.errors.find((e) => e.field === 'ligne 4/job').message.includes('Jongleur'));
  assert.ok(fields.includes('ligne 5/end_date') && fields.includes('ligne 5/fixed_term_reason') && fields.includes('ligne 5/working_time'));
  await problem(await post('director', '/api/v1/staff/import', { file_base64: bad, commit: true }), 422);
  assert.equal((await ok(await get('director', '/api/v1/staff?q=importe'))).items.length, 0);
  // The unknown establishment is found when the other lines are right (resolved against the organisation).
  const unknownSite = csv([header, `Importé;Paul;Infirmier;Inconnu;CDI;;2022-01-01;;1;M;`]);
  await problem(await post('director', '/api/v1/staff/import', { file_base64: unknownSite, commit: true }), 422, ['ligne 2/establishment']);
  const good = csv([header,
    `Importée;Léa;Éducatrice spécialisée;${finess};CDI;;01/09/2021;;80 %;F;12/03/1990`,
    `Importée;Léa;Éducatrice spécialisée;${site.name};CDD;Remplacement;2025-01-06;2025-03-31;0,2;F;12/03/1990`,
    `Importé;Marc;AES/AMP;${finess};CDI;;2022-01-01;;1;M;`]);
  const done = await ok(await post('director', '/api/v1/staff/import', { file_base64: good, commit: true }));
  assert.deepEqual(done.summary, { members_created: 2, contracts_created: 3, unchanged: 0 });
  const lea = (await ok(await get('director', '/api/v1/staff?q=importee%20lea'))).items;
  assert.equal(lea.length, 1);
  assert.equal(lea[0].contracts.length, 2);
  assert.equal(lea[0].job, 'specialised_educator');
  const again = await ok(await post('director', '/api/v1/staff/import', { file_base64: good, commit: true }));
  assert.deepEqual(again.summary, { members_created: 0, contracts_created: 0, unchanged: 3 });
  // Export (XLSX, the head of service may not export), then the export imports back unchanged.
  await problem(await get('head', '/api/v1/staff/export?format=xlsx'), 403);
  const exported = await get('director', '/api/v1/staff/export?format=xlsx');
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get('content-type'), /spreadsheetml/);
  const bytes = Buffer.from(await exported.arrayBuffer());
  const back = await ok(await post('director', '/api/v1/staff/import', { file_base64: bytes.toString('base64') }));
  assert.deepEqual(back.errors, []);
  assert.equal(back.summary.members_created, 0);
  assert.equal(back.summary.contracts_created, 0);
});

test('reads, writes, refusals and exports of staff records are in the audit trail (names of fields, never values)', async () => {
  const dpo = await signInDemo(server, 'dpo@passerelles-rhone.demo');
  const events = async (query) => {
    const r = await authed(server, dpo, `/api/v1/audit?${query}&limit=200`);
    assert.equal(r.status, 200, await r.clone().text());
    return (await r.json()).items;
  };
  const mine = (items) => items.filter((e) => e.object_type === 'staff_member' && e.object_id === String(member.id));
  const reads = mine(await events('action=read'));
  assert.ok(reads.some((e) => e.account === 'directrice@passerelles-rhone.demo' && e.outcome === 'success'));
  assert.ok(reads.some((e) => e.account === 'cheffe.service@passerelles-rhone.demo'));
  const creates = mine(await events('action=create'));
  assert.ok(creates.some((e) => e.fields.includes('absence')));
  assert.ok(!JSON.stringify(creates).includes('Soignante'), 'no value in the trail');
  const refused = (await events('action=access')).filter((e) => e.account === 'educateur@passerelles-rhone.demo' &&
    e.outcome === 'denied' && e.object_id === `GET /api/v1/staff/${member.id}`);
  assert.ok(refused.length > 0, 'the educator\'s refusals are audited');
  assert.ok((await events('action=export')).some((e) => e.object_type === 'staff_member'));
  assert.ok((await events('action=import')).some((e) => e.object_type === 'staff_member'));
});
