// Support plans (projet personnalisé) on the real binary with the demo data: drafts with needs,
// wishes, goals and their actions (strict nested validation), one draft at a time per person and
// establishment, signatures, validation by the head of service or the director (the previous
// validated version archived), reviews with an outcome per goal of this plan, yearly review
// reminders, access by role, establishment and organisation, the person's history and the audit.
// Every refused write is checked to have left nothing behind (the person's plans and history, read
// before and after). Each test creates its own persons, with unique letters-only names.
// The tests share one server and run in order (node --test --test-concurrency=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, jsonBody } from '../lib/server.mjs';
import { signIn, signInDemo, authed } from '../lib/session.mjs';

let server;
const sessions = {};
const emails = {
  secretaire: 'secretaire@passerelles-rhone.demo',
  educateur: 'educateur@passerelles-rhone.demo',
  infirmiere: 'infirmiere@passerelles-rhone.demo',
  cheffe: 'cheffe.service@passerelles-rhone.demo',
  directrice: 'directrice@passerelles-rhone.demo',
  financeur: 'financeur@ars-ara.demo',
  qualite: 'qualite@passerelles-rhone.demo',
  admin: 'admin@passerelles-rhone.demo',
  directeur2: 'directeur@horizon-loire.demo',
  dpo: 'dpo@passerelles-rhone.demo',
};

// Letters only, per run: names and the extra account's email never collide with another run's.
const runTag = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

before(async () => {
  server = await startServer({ demo: true });
  for (const [who, email] of Object.entries(emails)) sessions[who] = await signInDemo(server, email);
  // A head of service of establishment 2 (the demo has one for establishment 1 only).
  emails.cheffe2 = `cheffe.deux.${runTag}@passerelles-rhone.demo`;
  const password = 'Vingt-Six-Objectifs-Annuels-2026';
  const created = await api(server, '/api/v1/accounts', jsonBody({
    email: emails.cheffe2, display_name: 'Camille Responsable', organisation_id: 1,
    grants: [{ role: 'head_of_service', establishment_id: 2 }], password,
  }));
  assert.equal(created.status, 201, await created.clone().text());
  const s = await signIn(server, emails.cheffe2, password);
  assert.equal(s.status, 200, JSON.stringify(s.body));
  sessions.cheffe2 = s;
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

// A problem+json answer with this status (or one of these statuses); `fields`, when given, must
// all be named in errors.
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
    for (const f of fields) assert.ok(named.includes(f), `${f} named in ${text}`);
  }
  return body;
}

// Runs refused requests: each must answer its status naming its fields; failures are collected.
async function refusals(cases) {
  const failures = [];
  for (const [name, send, status, fields] of cases) {
    try { await problem(await send(), status, fields); } catch (e) { failures.push(`${name}: ${e.message}`); }
  }
  assert.deepEqual(failures, []);
}

let serial = 0;
function uniqueName() {
  let n = ++serial;
  let s = '';
  do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
  return `Projet${runTag}${s}`;
}

async function newPerson(fields = {}) {
  const name = uniqueName();
  return ok(await as('secretaire', '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: name, first_names: [`Prenom${name.slice(6)}`], sex: 'M', birth_date: '2009-03-12', ...fields,
  } }), 201);
}

const utcDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const today = utcDay(Date.now());
const shift = (days) => utcDay(Date.now() + days * 86400e3);
// The same day a year later (29 February → 28 February, as the server's month arithmetic does).
function yearAfter(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const goalA = () => ({
  domain: 'autonomy', description: 'Se déplacer seul entre le domicile et l\'IME',
  expected_outcome: 'Trajet en bus sans accompagnement trois fois par semaine', target_date: '2027-06-30',
  actions: [
    { description: 'Apprentissage du trajet avec l\'éducateur', who: 'Éducateur référent', frequency: 'hebdomadaire' },
    { description: 'Lecture des horaires du réseau TCL', who: 'Éducatrice spécialisée', frequency: 'deux fois par mois' },
  ],
});
const goalB = () => ({
  domain: 'communication', description: 'Exprimer ses choix au quotidien',
  expected_outcome: 'Utilise le classeur de communication pour les repas et les activités',
  actions: [{ description: 'Séances d\'orthophonie', who: 'Orthophoniste', frequency: 'hebdomadaire' }],
});
const planBody = (fields = {}) => ({
  establishment_id: 1,
  needs_assessment: 'Besoins repérés lors de la réunion de synthèse : autonomie dans les déplacements, communication.',
  person_wishes: 'Aller au collège en bus comme son frère.',
  goals: [goalA(), goalB()],
  ...fields,
});

const plansPath = (personId) => `/api/v1/persons/${personId}/plans`;
const plansOf = async (personId, who = 'directrice') => (await ok(await as(who, plansPath(personId)))).items;
const historyOf = async (personId) => (await ok(await as('directrice', `/api/v1/persons/${personId}/history`))).items;
// What a refused write must leave untouched: the person's plans (every version) and history.
const snapshot = async (personId) => ({ plans: await plansOf(personId), history: await historyOf(personId) });

async function draft(personId, fields = {}, who = 'educateur') {
  return ok(await as(who, plansPath(personId), { json: planBody(fields) }), 201);
}
async function sign(personId, planId, signatory, fields = {}, who = 'educateur') {
  return ok(await as(who, `${plansPath(personId)}/${planId}/signatures`, { json: {
    signatory, name: `Signataire ${signatory}`, signed_on: today, ...fields } }), 201);
}
async function signAll(personId, planId) {
  await sign(personId, planId, 'person');
  await sign(personId, planId, 'referent');
  return sign(personId, planId, 'director');
}
async function validate(personId, planId, json = {}, who = 'cheffe') {
  return ok(await as(who, `${plansPath(personId)}/${planId}/validate`, { json }));
}

const missingLabels = {
  signatories: /signature de la personne ou de son représentant légal/,
  referent: /signature du référent/,
  director: /signature de la direction/,
};

// ---------------------------------------------------------------------------------------------
// Drafts

const main = {};   // the person followed through drafting, signatures, validation, versions, reviews

test('draft: the educator drafts a plan with two goals and their actions; it is read back by the team', async () => {
  const p = await newPerson();
  main.person = p;
  const plan = await draft(p.id);
  main.v1 = plan;
  assert.equal(plan.person_id, p.id);
  assert.equal(plan.establishment_id, 1);
  assert.equal(plan.version, 1);
  assert.equal(plan.status, 'draft');
  assert.equal(plan.needs_assessment, planBody().needs_assessment);
  assert.equal(plan.person_wishes, planBody().person_wishes);
  assert.equal(plan.review_due, null);
  assert.equal(plan.review_state, '');
  assert.equal(plan.validated_at, null);
  assert.equal(plan.validated_by, null);
  assert.match(plan.created_by, /educateur/);
  assert.ok(!Number.isNaN(Date.parse(plan.created_at)) && !Number.isNaN(Date.parse(plan.updated_at)));
  assert.deepEqual(plan.signatures, []);
  assert.deepEqual(plan.reviews, []);
  assert.equal(plan.goals.length, 2);
  const [a, b] = plan.goals;
  assert.deepEqual([a.position, b.position], [1, 2]);
  assert.deepEqual([a.domain, b.domain], ['autonomy', 'communication']);
  assert.equal(a.description, goalA().description);
  assert.equal(a.expected_outcome, goalA().expected_outcome);
  assert.equal(a.target_date, '2027-06-30');
  assert.equal(b.target_date, null);
  assert.deepEqual(a.actions.map(({ description, who, frequency }) => ({ description, who, frequency })), goalA().actions);
  assert.deepEqual(b.actions.map(({ description, who, frequency }) => ({ description, who, frequency })), goalB().actions);
  for (const x of [a, b, ...a.actions, ...b.actions]) assert.ok(Number.isInteger(x.id) && x.id > 0);
  // Every goal has an action: only the three signatures are missing.
  assert.equal(plan.missing_for_validation.length, 3, JSON.stringify(plan.missing_for_validation));
  for (const re of Object.values(missingLabels)) assert.ok(plan.missing_for_validation.some((m) => re.test(m)), `${re} missing`);
  // The team of establishment 1 reads it (the care professional too), as created.
  for (const who of ['educateur', 'cheffe', 'infirmiere', 'directrice']) assert.deepEqual(await plansOf(p.id, who), [plan], who);
  // Without wishes: null.
  const q = await newPerson();
  const bare = await draft(q.id, { person_wishes: undefined, goals: [goalB()] }, 'cheffe');
  assert.equal(bare.person_wishes, null);
  assert.match(bare.created_by, /cheffe\.service/);
});

test('plans access: the secretary, DPO, quality manager and external reader get 403; the care professional cannot write; organisation 2 and unknown ids get 404', async () => {
  const p = main.person;
  const plan = main.v1;
  const before = await snapshot(p.id);
  const base = plansPath(p.id);
  await refusals([
    ['secretary lists', () => as('secretaire', base), 403],
    ['secretary drafts', () => as('secretaire', base, { json: planBody() }), 403],
    ['secretary rewrites', () => as('secretaire', `${base}/${plan.id}`, { method: 'PUT', json: planBody({ establishment_id: undefined }) }), 403],
    ['secretary signs', () => as('secretaire', `${base}/${plan.id}/signatures`, { json: { signatory: 'person', name: 'X', signed_on: today } }), 403],
    ['secretary validates', () => as('secretaire', `${base}/${plan.id}/validate`, { json: {} }), 403],
    ['secretary reminders', () => as('secretaire', '/api/v1/support-plans/reminders'), 403],
    ['DPO lists', () => as('dpo', base), 403],
    ['DPO reminders', () => as('dpo', '/api/v1/support-plans/reminders'), 403],
    ['quality manager lists', () => as('qualite', base), 403],
    ['organisation admin lists', () => as('admin', base), 403],
    ['external reader lists', () => as('financeur', base), 403],
    ['external reader reminders', () => as('financeur', '/api/v1/support-plans/reminders'), 403],
    ['care professional drafts', () => as('infirmiere', base, { json: planBody() }), 403],
    ['care professional rewrites', () => as('infirmiere', `${base}/${plan.id}`, { method: 'PUT', json: planBody({ establishment_id: undefined }) }), 403],
    ['care professional signs', () => as('infirmiere', `${base}/${plan.id}/signatures`, { json: { signatory: 'person', name: 'X', signed_on: today } }), 403],
    ['organisation 2 lists', () => as('directeur2', base), 404],
    ['organisation 2 drafts', () => as('directeur2', base, { json: planBody({ establishment_id: 13 }) }), 404],
    ['organisation 2 rewrites', () => as('directeur2', `${base}/${plan.id}`, { method: 'PUT', json: planBody({ establishment_id: undefined }) }), 404],
    ['organisation 2 signs', () => as('directeur2', `${base}/${plan.id}/signatures`, { json: { signatory: 'director', name: 'X', signed_on: today } }), 404],
    ['organisation 2 validates', () => as('directeur2', `${base}/${plan.id}/validate`, { json: {} }), 404],
    ['the head of service of establishment 2 lists', () => as('cheffe2', base), 404],
    ['the head of service of establishment 2 rewrites', () => as('cheffe2', `${base}/${plan.id}`, { method: 'PUT', json: planBody({ establishment_id: undefined }) }), 404],
    ['unknown person', () => as('educateur', plansPath(99999999)), 404],
    ['unknown plan', () => as('educateur', `${base}/99999999`, { method: 'PUT', json: planBody({ establishment_id: undefined }) }), 404],
  ]);
  // A plan of another person, through this person's path: 404.
  const other = await newPerson();
  await problem(await as('educateur', `${plansPath(other.id)}/${plan.id}`, { method: 'PUT', json: planBody({ establishment_id: undefined }) }), 404);
  await problem(await as('educateur', `${plansPath(other.id)}/${plan.id}/signatures`, { json: { signatory: 'person', name: 'X', signed_on: today } }), 404);
  assert.deepEqual(await plansOf(other.id), []);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
});

test('draft refusals: nested fields named (goals/1/actions/0/who), unknown nested fields, > 30 goals, bad domain, missing needs; nothing written', async () => {
  const p = await newPerson();
  const before = await snapshot(p.id);
  const post = (body, who = 'educateur') => () => as(who, plansPath(p.id), { json: body });
  const withGoals = (...goals) => planBody({ goals });
  const goal = (fields) => ({ ...goalA(), ...fields });
  const action = (fields) => ({ description: 'Atelier cuisine', who: 'Éducatrice', frequency: 'hebdomadaire', ...fields });
  const many = (n) => Array.from({ length: n }, (_, i) => ({ ...goalB(), description: `Objectif ${i + 1}` }));
  await refusals([
    ['an action without who', post(withGoals(goalA(), { ...goalB(), actions: [action({ who: undefined })] })), 422, ['goals/1/actions/0/who']],
    ['an action with a blank who', post(withGoals(goalA(), { ...goalB(), actions: [action({ who: '' })] })), 422, ['goals/1/actions/0/who']],
    ['an action without frequency', post(withGoals(goal({ actions: [action(), action({ frequency: undefined })] }))), 422, ['goals/0/actions/1/frequency']],
    ['an action without description', post(withGoals(goalB(), goal({ actions: [action({ description: undefined })] }))), 422, ['goals/1/actions/0/description']],
    ['a goal without description', post(withGoals(goal({ description: undefined }))), 422, ['goals/0/description']],
    ['a goal without expected outcome', post(withGoals(goalB(), goal({ expected_outcome: '' }))), 422, ['goals/1/expected_outcome']],
    ['a goal without domain', post(withGoals(goal({ domain: undefined }))), 422, ['goals/0/domain']],
    ['a bad domain', post(withGoals(goalB(), goal({ domain: 'sport' }))), 422, ['goals/1/domain']],
    ['a domain in French', post(withGoals(goal({ domain: 'autonomie' }))), 422, ['goals/0/domain']],
    ['a bad target date', post(withGoals(goal({ target_date: '2027-02-30' }))), 422, ['goals/0/target_date']],
    ['a target date not a date', post(withGoals(goal({ target_date: 'juin 2027' }))), 422, ['goals/0/target_date']],
    ['an unknown field in a goal', post(withGoals(goalA(), { ...goalB(), colour: 'bleu' })), 422, ['goals/1/colour']],
    ['an unknown field in an action', post(withGoals(goal({ actions: [action(), action({ when: 'lundi' })] }))), 422, ['goals/0/actions/1/when']],
    ['a goal that is not an object', post(withGoals(goalA(), 'communiquer')), 422, ['goals/1']],
    ['an action that is not an object', post(withGoals(goal({ actions: ['accompagner'] }))), 422, ['goals/0/actions/0']],
    ['actions not an array', post(withGoals(goal({ actions: 'aucune' }))), 422, ['goals/0/actions']],
    ['several errors at once, all named', post(withGoals(goal({ domain: 'x' }), { ...goalB(), actions: [action({ who: undefined })] })), 422,
      ['goals/0/domain', 'goals/1/actions/0/who']],
    ['31 goals', post(planBody({ goals: many(31) })), 422, ['goals']],
    ['missing needs_assessment', post(planBody({ needs_assessment: undefined })), 422, ['needs_assessment']],
    ['blank needs_assessment', post(planBody({ needs_assessment: '' })), 422, ['needs_assessment']],
    ['needs_assessment not a string', post(planBody({ needs_assessment: 12 })), 422, ['needs_assessment']],
    ['missing goals', post(planBody({ goals: undefined })), 422, ['goals']],
    ['goals not an array', post(planBody({ goals: goalA() })), 422, ['goals']],
    ['missing establishment', post(planBody({ establishment_id: undefined })), 422, ['establishment_id']],
    ['establishment as a string', post(planBody({ establishment_id: '1' })), 422, ['establishment_id']],
    ['an unknown top-level field', post(planBody({ priority: 'haute' })), 422, ['priority']],
    ['status given on creation', post(planBody({ status: 'validated' })), 422, ['status']],
    ['an establishment of organisation 2 (director)', post(planBody({ establishment_id: 13 }), 'directrice'), 422, ['establishment_id']],
    ['an unknown establishment (director)', post(planBody({ establishment_id: 99999 }), 'directrice'), 422, ['establishment_id']],
    // Outside the educator's grant: the same answer as an unknown id.
    ['establishment 2 (educator of establishment 1)', post(planBody({ establishment_id: 2 })), 404],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  // 30 goals is the limit, and fine.
  const full = await draft(p.id, { goals: many(30) });
  assert.equal(full.goals.length, 30);
  assert.deepEqual(full.goals.map((g) => g.position), Array.from({ length: 30 }, (_, i) => i + 1));
});

test('one draft at a time: a second draft for the same establishment → 409 naming establishment_id; another establishment has its own versions', async () => {
  const p = main.person;
  const before = await snapshot(p.id);
  await refusals([
    ['the educator', () => as('educateur', plansPath(p.id), { json: planBody() }), 409, ['establishment_id']],
    ['the head of service', () => as('cheffe', plansPath(p.id), { json: planBody({ goals: [goalB()] }) }), 409, ['establishment_id']],
    ['the director', () => as('directrice', plansPath(p.id), { json: planBody() }), 409, ['establishment_id']],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  // The director drafts for establishment 2: version 1 of that establishment.
  const elsewhere = await draft(p.id, { establishment_id: 2, goals: [goalB()] }, 'directrice');
  main.elsewhere = elsewhere;
  assert.equal(elsewhere.establishment_id, 2);
  assert.equal(elsewhere.version, 1);
  assert.equal(elsewhere.status, 'draft');
  // Newest first for the director; establishment 1's team sees establishment 1's plan only.
  assert.deepEqual((await plansOf(p.id)).map((x) => x.id), [elsewhere.id, main.v1.id]);
  for (const who of ['educateur', 'cheffe', 'infirmiere']) assert.deepEqual((await plansOf(p.id, who)).map((x) => x.id), [main.v1.id], who);
  // The head of service of establishment 2 does not see the person yet (registered in establishment 1,
  // no stay in 2): 404, like any record outside her establishment.
  await problem(await as('cheffe2', plansPath(p.id)), 404);
});

test('PUT replaces a draft\'s content and keeps its id and version; refused rewrites leave it as it was', async () => {
  const p = main.person;
  const path = `${plansPath(p.id)}/${main.v1.id}`;
  const content = {
    needs_assessment: 'Bilan revu avec la famille : la communication passe en premier.',
    goals: [{ ...goalB(), domain: 'social_life', target_date: '2027-12-31' }],
  };
  const replaced = await ok(await as('educateur', path, { method: 'PUT', json: content }));
  assert.equal(replaced.id, main.v1.id);
  assert.equal(replaced.version, 1);
  assert.equal(replaced.status, 'draft');
  assert.equal(replaced.establishment_id, 1);
  assert.equal(replaced.needs_assessment, content.needs_assessment);
  assert.equal(replaced.person_wishes, null, 'wishes left out: none');
  assert.equal(replaced.created_at, main.v1.created_at);
  assert.equal(replaced.created_by, main.v1.created_by);
  assert.ok(replaced.updated_at >= main.v1.updated_at);
  assert.equal(replaced.goals.length, 1);
  assert.equal(replaced.goals[0].domain, 'social_life');
  assert.equal(replaced.goals[0].position, 1);
  assert.equal(replaced.goals[0].target_date, '2027-12-31');
  assert.deepEqual(replaced.goals[0].actions.map((a) => a.who), ['Orthophoniste']);
  assert.deepEqual((await plansOf(p.id, 'educateur')).find((x) => x.id === main.v1.id), replaced);

  const before = await snapshot(p.id);
  const put = (json, who = 'educateur', to = path) => () => as(who, to, { method: 'PUT', json });
  await refusals([
    ['establishment_id in a PUT', put({ ...content, establishment_id: 2 }), 422, ['establishment_id']],
    ['a nested error', put({ ...content, goals: [goalA(), { ...goalB(), actions: [{ description: 'x', frequency: 'y' }] }] }), 422, ['goals/1/actions/0/who']],
    ['an unknown nested field', put({ ...content, goals: [{ ...goalB(), weight: 3 }] }), 422, ['goals/0/weight']],
    ['31 goals', put({ ...content, goals: Array.from({ length: 31 }, () => goalB()) }), 422, ['goals']],
    ['missing needs', put({ goals: content.goals }), 422, ['needs_assessment']],
    ['missing goals', put({ needs_assessment: 'x' }), 422, ['goals']],
    ['the secretary', put(content, 'secretaire'), 403],
    ['the care professional', put(content, 'infirmiere'), 403],
    ['organisation 2', put(content, 'directeur2'), 404],
    ['the plan of establishment 2 by the educator', put(content, 'educateur', `${plansPath(p.id)}/${main.elsewhere.id}`), 404],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
});

test('validation refused while incomplete: 422 plan-incomplete listing every missing part; nothing changes', async () => {
  const p = main.person;
  const path = `${plansPath(p.id)}/${main.v1.id}`;
  // Goal 2 without any action.
  await ok(await as('educateur', path, { method: 'PUT', json: {
    needs_assessment: planBody().needs_assessment, person_wishes: planBody().person_wishes, goals: [goalA(), { ...goalB(), actions: [] }],
  } }));
  const before = await snapshot(p.id);
  for (const who of ['cheffe', 'directrice']) {
    const refused = await problem(await as(who, `${path}/validate`, { json: {} }), 422);
    assert.match(refused.type, /\/plan-incomplete$/);
    assert.ok(refused.errors.every((e) => e.field === 'plan'), JSON.stringify(refused.errors));
    const messages = refused.errors.map((e) => e.message);
    assert.equal(messages.length, 4, JSON.stringify(messages));
    assert.ok(messages.every((m) => m.startsWith('manque ')), JSON.stringify(messages));
    assert.ok(messages.some((m) => /action pour l'objectif 2/.test(m)), JSON.stringify(messages));
    assert.ok(!messages.some((m) => /objectif 1/.test(m)), 'goal 1 has actions');
    for (const re of Object.values(missingLabels)) assert.ok(messages.some((m) => re.test(m)), `${re} in ${messages}`);
    // The draft says the same.
    const current = (await plansOf(p.id)).find((x) => x.id === main.v1.id);
    assert.deepEqual(current.missing_for_validation.map((m) => `manque ${m}`), messages);
  }
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  // A draft without any goal lacks one.
  const q = await newPerson();
  const empty = await draft(q.id, { goals: [] });
  assert.equal(empty.goals.length, 0);
  const refused = await problem(await as('cheffe', `${plansPath(q.id)}/${empty.id}/validate`, { json: {} }), 422);
  assert.match(refused.type, /\/plan-incomplete$/);
  assert.ok(refused.errors.some((e) => /au moins un objectif/.test(e.message)), JSON.stringify(refused.errors));
  assert.equal((await plansOf(q.id))[0].status, 'draft');
});

test('signatures: recorded with who recorded them; a future date → 422, the same signatory twice → 409, a signed draft no longer changes (409)', async () => {
  const p = main.person;
  const path = `${plansPath(p.id)}/${main.v1.id}`;
  // The final content: two goals, each with its actions.
  await ok(await as('educateur', path, { method: 'PUT', json: {
    needs_assessment: planBody().needs_assessment, person_wishes: planBody().person_wishes, goals: [goalA(), goalB()] } }));
  const signed = await ok(await as('educateur', `${path}/signatures`, { json: { signatory: 'person', name: 'Lucas Martin', signed_on: shift(-2) } }), 201);
  assert.equal(signed.id, main.v1.id);
  assert.equal(signed.status, 'draft');
  assert.deepEqual(signed.signatures.map(({ signatory, name, signed_on }) => ({ signatory, name, signed_on })),
    [{ signatory: 'person', name: 'Lucas Martin', signed_on: shift(-2) }]);
  assert.match(signed.signatures[0].recorded_by, /educateur/);
  assert.equal(signed.missing_for_validation.length, 2, JSON.stringify(signed.missing_for_validation));
  assert.ok(!signed.missing_for_validation.some((m) => missingLabels.signatories.test(m)));

  const before = await snapshot(p.id);
  const signature = (json, who = 'educateur') => () => as(who, `${path}/signatures`, { json });
  await refusals([
    ['signed tomorrow', signature({ signatory: 'referent', name: 'Paul Referent', signed_on: shift(1) }), 422, ['signed_on']],
    ['signed next year', signature({ signatory: 'director', name: 'Directrice', signed_on: shift(365) }), 422, ['signed_on']],
    ['the person again', signature({ signatory: 'person', name: 'Lucas Martin', signed_on: today }), 409, ['signatory']],
    ['the person again, by the director', signature({ signatory: 'person', name: 'Autre', signed_on: today }, 'directrice'), 409, ['signatory']],
    ['an unknown signatory', signature({ signatory: 'mayor', name: 'Maire', signed_on: today }), 422, ['signatory']],
    ['missing signatory', signature({ name: 'Personne', signed_on: today }), 422, ['signatory']],
    ['missing name', signature({ signatory: 'referent', signed_on: today }), 422, ['name']],
    ['blank name', signature({ signatory: 'referent', name: '', signed_on: today }), 422, ['name']],
    ['missing date', signature({ signatory: 'referent', name: 'Paul' }), 422, ['signed_on']],
    ['a malformed date', signature({ signatory: 'referent', name: 'Paul', signed_on: '2025-13-01' }), 422, ['signed_on']],
    ['an unknown field', signature({ signatory: 'referent', name: 'Paul', signed_on: today, place: 'IME' }), 422, ['place']],
    ['the secretary', signature({ signatory: 'referent', name: 'Paul', signed_on: today }, 'secretaire'), 403],
    ['the care professional', signature({ signatory: 'referent', name: 'Paul', signed_on: today }, 'infirmiere'), 403],
    ['organisation 2', signature({ signatory: 'referent', name: 'Paul', signed_on: today }, 'directeur2'), 404],
    // Signed: its content is what was signed.
    ['PUT after a signature', () => as('educateur', path, { method: 'PUT', json: { needs_assessment: 'Changé après signature', goals: [goalA()] } }), 409],
    ['PUT after a signature, by the director', () => as('directrice', path, { method: 'PUT', json: { needs_assessment: 'x', goals: [goalA(), goalB()] } }), 409],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');

  await sign(p.id, main.v1.id, 'referent', { name: 'Paul Referent', signed_on: shift(-1) });
  const complete = await sign(p.id, main.v1.id, 'director', { name: 'Directrice Rhône' }, 'directrice');
  assert.deepEqual(complete.signatures.map((s) => s.signatory), ['person', 'referent', 'director']);
  assert.match(complete.signatures[2].recorded_by, /directrice/);
  assert.deepEqual(complete.missing_for_validation, []);
  main.v1 = complete;
});

// A draft of organisation 2, signed and complete, that nobody from organisation 1 may validate.
async function foreignDraft() {
  const name = uniqueName();
  const foreign = await ok(await as('directeur2', '/api/v1/persons', { json: {
    establishment_id: 13, birth_name: name, first_names: [`Hugo${name.slice(6)}`], sex: 'M', birth_date: `2011-02-${String(serial % 28 + 1).padStart(2, '0')}` } }), 201);
  const foreignPlan = await draft(foreign.id, { establishment_id: 13 }, 'directeur2');
  for (const signatory of ['person', 'referent', 'director']) await sign(foreign.id, foreignPlan.id, signatory, {}, 'directeur2');
  return { foreign, foreignPlan };
}

test('validation: the educator can never validate, so she gets 403 wherever the plan is (even another organisation\'s or an unknown one)', async () => {
  const { foreign, foreignPlan } = await foreignDraft();
  const p = await newPerson();
  const own = await draft(p.id);
  await signAll(p.id, own.id);
  const before = { foreign: await ok(await as('directeur2', plansPath(foreign.id))), own: await snapshot(p.id) };
  await refusals([
    ['her own establishment\'s complete draft', () => as('educateur', `${plansPath(p.id)}/${own.id}/validate`, { json: {} }), 403],
    ['organisation 2\'s draft', () => as('educateur', `${plansPath(foreign.id)}/${foreignPlan.id}/validate`, { json: {} }), 403],
    ['an unknown plan', () => as('educateur', `${plansPath(p.id)}/99999999/validate`, { json: {} }), 403],
    ['an unknown person', () => as('educateur', `${plansPath(99999999)}/${own.id}/validate`, { json: {} }), 403],
  ]);
  assert.deepEqual(await ok(await as('directeur2', plansPath(foreign.id))), before.foreign, 'nothing written in organisation 2');
  assert.deepEqual(await snapshot(p.id), before.own, 'nothing written');
});

test('validation: the educator gets 403, a past review date 422; the head of service validates, review due a year later', async () => {
  const p = main.person;
  const path = `${plansPath(p.id)}/${main.v1.id}`;
  const { foreign, foreignPlan } = await foreignDraft();
  const foreignBefore = await ok(await as('directeur2', plansPath(foreign.id)));
  const before = await snapshot(p.id);
  const validateAs = (who, json = {}, to = `${path}/validate`) => () => as(who, to, { json });
  await refusals([
    ['the educator', validateAs('educateur'), 403],
    ['the head of service, on organisation 2\'s draft', validateAs('cheffe', {}, `${plansPath(foreign.id)}/${foreignPlan.id}/validate`), 404],
    ['the director, on organisation 2\'s draft', validateAs('directrice', {}, `${plansPath(foreign.id)}/${foreignPlan.id}/validate`), 404],
    ['the educator, with a review date', validateAs('educateur', { review_due: shift(100) }), 403],
    ['the care professional', validateAs('infirmiere'), 403],
    ['the secretary', validateAs('secretaire'), 403],
    ['the head of service of establishment 2', validateAs('cheffe2'), 404],
    ['organisation 2', validateAs('directeur2'), 404],
    ['review due yesterday', validateAs('cheffe', { review_due: shift(-1) }), 422, ['review_due']],
    ['review due last year', validateAs('cheffe', { review_due: shift(-400) }), 422, ['review_due']],
    ['review due malformed', validateAs('cheffe', { review_due: '01/02/2027' }), 422, ['review_due']],
    ['an unknown field', validateAs('cheffe', { validated_by: 'moi' }), 422, ['validated_by']],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  assert.deepEqual(await ok(await as('directeur2', plansPath(foreign.id))), foreignBefore, 'nothing written in organisation 2');

  const started = new Date(Date.now() - 5000).toISOString();
  const validated = await validate(p.id, main.v1.id);
  assert.equal(validated.id, main.v1.id);
  assert.equal(validated.status, 'validated');
  assert.equal(validated.version, 1);
  assert.equal(validated.review_due, yearAfter(today));
  assert.equal(validated.review_state, '');
  assert.match(validated.validated_by, /cheffe\.service/);
  assert.ok(validated.validated_at >= started.slice(0, 19), validated.validated_at);
  assert.deepEqual(validated.missing_for_validation, []);
  assert.deepEqual(validated.goals, main.v1.goals);
  assert.deepEqual(validated.signatures, main.v1.signatures);
  assert.deepEqual((await plansOf(p.id)).find((x) => x.id === main.v1.id), validated);
  main.v1 = validated;

  // A validated plan is closed: no more content, signatures or validation.
  const after = await snapshot(p.id);
  await refusals([
    ['PUT', () => as('educateur', path, { method: 'PUT', json: { needs_assessment: 'x', goals: [goalA()] } }), 409],
    ['a signature', () => as('educateur', `${path}/signatures`, { json: { signatory: 'legal_representative', name: 'Tuteur', signed_on: today } }), 409],
    ['validated again', () => as('directrice', `${path}/validate`, { json: {} }), 409],
  ]);
  assert.deepEqual(await snapshot(p.id), after, 'nothing written');
});

test('review_due: a date within the year is kept; never more than a year (the director validates)', async () => {
  const p = await newPerson();
  const plan = await draft(p.id, { goals: [goalB()] });
  await sign(p.id, plan.id, 'legal_representative', { name: 'UDAF du Rhône' });
  await sign(p.id, plan.id, 'referent');
  await sign(p.id, plan.id, 'director');
  const soon = await validate(p.id, plan.id, { review_due: shift(200) }, 'directrice');
  assert.equal(soon.status, 'validated');
  assert.equal(soon.review_due, shift(200));
  assert.equal(soon.review_state, '');
  assert.match(soon.validated_by, /directrice/);
  main.notDue = soon;
  // Asking for more than a year: refused naming review_due, or brought back to one year.
  const q = await newPerson();
  const later = await draft(q.id, { goals: [goalB()] });
  await signAll(q.id, later.id);
  const before = await snapshot(q.id);
  const r = await as('cheffe', `${plansPath(q.id)}/${later.id}/validate`, { json: { review_due: shift(500) } });
  if (r.status === 422) {
    await problem(r, 422, ['review_due']);
    assert.deepEqual(await snapshot(q.id), before, 'nothing written');
  } else {
    const body = await ok(r);
    assert.equal(body.review_due, yearAfter(today), 'at most a year');
  }
});

test('a new version: drafted while one is in force, its validation archives the previous one', async () => {
  const p = main.person;
  const v2 = await draft(p.id, { goals: [goalA(), goalB(), { ...goalB(), domain: 'leisure', description: 'Participer à un club de foot' }] });
  assert.equal(v2.version, 2);
  assert.equal(v2.status, 'draft');
  assert.equal(v2.establishment_id, 1);
  // v1 is still in force while v2 is a draft.
  assert.equal((await plansOf(p.id)).find((x) => x.id === main.v1.id).status, 'validated');
  await signAll(p.id, v2.id);
  // Validated by the director, review in 10 days.
  const validated = await validate(p.id, v2.id, { review_due: shift(10) }, 'directrice');
  assert.equal(validated.status, 'validated');
  assert.equal(validated.review_due, shift(10));
  assert.equal(validated.review_state, 'due_soon');
  main.v2 = validated;
  const plans = await plansOf(p.id);
  assert.deepEqual(plans.map((x) => x.id), [v2.id, main.elsewhere.id, main.v1.id], 'newest first');
  const v1 = plans.find((x) => x.id === main.v1.id);
  assert.equal(v1.status, 'archived');
  assert.equal(v1.review_state, '');
  assert.equal(v1.version, 1);
  assert.deepEqual(v1.goals, main.v1.goals);
  assert.deepEqual(v1.signatures, main.v1.signatures);
  assert.equal(v1.validated_by, main.v1.validated_by);
  // The other establishment's draft is untouched.
  assert.deepEqual(plans.find((x) => x.id === main.elsewhere.id), main.elsewhere);
  main.v1 = v1;
  // An archived plan takes nothing more.
  const before = await snapshot(p.id);
  const base = `${plansPath(p.id)}/${v1.id}`;
  await refusals([
    ['validate the archived plan', () => as('directrice', `${base}/validate`, { json: {} }), 409],
    ['sign the archived plan', () => as('directrice', `${base}/signatures`, { json: { signatory: 'legal_representative', name: 'X', signed_on: today } }), 409],
    ['rewrite the archived plan', () => as('directrice', base, { method: 'PUT', json: { needs_assessment: 'x', goals: [goalA()] } }), 409],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
});

test('reminders: a plan due within 30 days is listed (due_soon) for establishment 1\'s team; not for establishment 2\'s head of service nor organisation 2', async () => {
  const { person: p, v2, v1, notDue, elsewhere } = main;
  const path = '/api/v1/support-plans/reminders';
  for (const who of ['cheffe', 'educateur', 'infirmiere', 'directrice']) {
    const items = (await ok(await as(who, path))).items;
    const item = items.find((x) => x.plan_id === v2.id);
    assert.ok(item, `${who} sees the plan due: ${JSON.stringify(items)}`);
    assert.equal(item.person_id, p.id);
    assert.equal(item.establishment_id, 1);
    assert.equal(item.version, 2);
    assert.equal(item.review_due, shift(10));
    assert.equal(item.review_state, 'due_soon');
    assert.equal(typeof item.person, 'string');
    assert.ok(item.person.includes(p.birth_name), item.person);
    // Not the archived version, the draft elsewhere, nor a plan due in 200 days.
    for (const id of [v1.id, elsewhere.id, notDue.id]) assert.ok(!items.some((x) => x.plan_id === id), `${who}: plan ${id} is not due`);
    for (const x of items) {
      assert.ok(['due_soon', 'overdue'].includes(x.review_state), JSON.stringify(x));
      assert.ok(x.review_due <= shift(30), JSON.stringify(x));
    }
    if (who !== 'directrice') assert.ok(items.every((x) => x.establishment_id === 1), `${who} sees establishment 1 only`);
  }
  for (const who of ['cheffe2', 'directeur2']) {
    const items = (await ok(await as(who, path))).items;
    assert.ok(!items.some((x) => x.plan_id === v2.id || x.person_id === p.id), `${who}: ${JSON.stringify(items)}`);
  }
  assert.ok((await ok(await as('cheffe2', path))).items.every((x) => x.establishment_id === 2));
  await problem(await as('secretaire', path), 403);
});

test('establishment scope: establishment 2\'s head of service sees, validates and is reminded of her establishment\'s plans only', async () => {
  const { person: p, v2, elsewhere } = main;
  // The main person gets a stay in establishment 2: she now sees the record, and its establishment 2 plan only.
  await ok(await as('directrice', `/api/v1/persons/${p.id}/stays`, { json: {
    establishment_id: 2, care_mode: '16', admission_date: '2025-01-06', origin: 'home' } }), 201);
  assert.deepEqual((await plansOf(p.id, 'cheffe2')).map((x) => x.id), [elsewhere.id]);
  const before = await snapshot(p.id);
  await refusals([
    ['she rewrites establishment 1\'s plan', () => as('cheffe2', `${plansPath(p.id)}/${v2.id}`, { method: 'PUT', json: { needs_assessment: 'x', goals: [goalA()] } }), 404],
    ['she reviews establishment 1\'s plan', () => as('cheffe2', `${plansPath(p.id)}/${v2.id}/reviews`, { json: {
      review_date: today, summary: 'x', outcomes: [{ goal_id: v2.goals[0].id, outcome: 'achieved' }] } }), 404],
    ['she drafts for establishment 1', () => as('cheffe2', plansPath(p.id), { json: planBody({ establishment_id: 1 }) }), 404],
    ['establishment 1\'s head of service validates establishment 2\'s draft', () => as('cheffe', `${plansPath(p.id)}/${elsewhere.id}/validate`, { json: {} }), 404],
    ['establishment 1\'s head of service signs establishment 2\'s draft', () => as('cheffe', `${plansPath(p.id)}/${elsewhere.id}/signatures`, { json: {
      signatory: 'referent', name: 'x', signed_on: today } }), 404],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');

  // A person of establishment 2: she drafts, has it signed and validates it, review in 20 days.
  const name = uniqueName();
  const q = await ok(await as('directrice', '/api/v1/persons', { json: {
    establishment_id: 2, birth_name: name, first_names: [`Ines${name.slice(6)}`], sex: 'F', birth_date: '2012-10-01' } }), 201);
  const plan = await draft(q.id, { establishment_id: 2, goals: [goalB()] }, 'cheffe2');
  await sign(q.id, plan.id, 'person', {}, 'cheffe2');
  await sign(q.id, plan.id, 'referent', {}, 'cheffe2');
  await sign(q.id, plan.id, 'director', {}, 'directrice');
  await problem(await as('cheffe', `${plansPath(q.id)}/${plan.id}/validate`, { json: {} }), 404);
  const validated = await validate(q.id, plan.id, { review_due: shift(20) }, 'cheffe2');
  assert.equal(validated.status, 'validated');
  assert.equal(validated.review_state, 'due_soon');
  const reminded = async (who) => (await ok(await as(who, '/api/v1/support-plans/reminders'))).items.map((x) => x.plan_id);
  assert.ok((await reminded('cheffe2')).includes(plan.id));
  assert.ok(!(await reminded('cheffe2')).includes(v2.id));
  assert.ok((await reminded('directrice')).includes(plan.id));
  for (const who of ['cheffe', 'educateur', 'infirmiere', 'directeur2']) assert.ok(!(await reminded(who)).includes(plan.id), who);
});

test('merge: the support plans of a duplicate follow the record kept (and stay in the reminders)', async () => {
  const kept = await newPerson({ birth_date: '2010-04-04' });
  const dup = await ok(await as('secretaire', '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: kept.birth_name, first_names: kept.first_names, sex: 'M', birth_date: '2010-04-04', confirm_duplicate: true } }), 201);
  const plan = await draft(dup.id, { goals: [goalB()] });
  await signAll(dup.id, plan.id);
  await validate(dup.id, plan.id, { review_due: shift(5) });
  await ok(await as('directrice', `/api/v1/persons/${kept.id}/merge`, { json: { duplicate_id: dup.id } }));
  const plans = await plansOf(kept.id);
  assert.deepEqual(plans.map((x) => x.id), [plan.id], 'the plan is on the record kept');
  assert.equal(plans[0].person_id, kept.id);
  const item = (await ok(await as('cheffe', '/api/v1/support-plans/reminders'))).items.find((x) => x.plan_id === plan.id);
  assert.ok(item, 'the plan due in 5 days is still in the reminders');
  assert.equal(item.person_id, kept.id);
});

test('reviews: a goal of another plan → 422 naming outcomes/<i>/goal_id, nothing written; a draft → 409; a review moves review_due to a year after it', async () => {
  const { person: p, v2, v1, elsewhere } = main;
  const path = `${plansPath(p.id)}/${v2.id}/reviews`;
  const [g1, g2, g3] = v2.goals;
  const stranger = await newPerson();
  const strangerPlan = await draft(stranger.id, { goals: [goalB()] });
  const review = (fields = {}) => ({
    review_date: shift(-1), summary: 'Bilan annuel avec la famille.',
    outcomes: [{ goal_id: g1.id, outcome: 'achieved' }, { goal_id: g2.id, outcome: 'partly_achieved', comment: 'À poursuivre' }],
    ...fields,
  });
  const before = await snapshot(p.id);
  const post = (json, who = 'educateur', to = path) => () => as(who, to, { json });
  await refusals([
    ['a goal of the establishment 2 plan', post(review({ outcomes: [{ goal_id: g1.id, outcome: 'achieved' }, { goal_id: elsewhere.goals[0].id, outcome: 'continued' }] })),
      422, ['outcomes/1/goal_id']],
    ['a goal of the archived version', post(review({ outcomes: [{ goal_id: v1.goals[0].id, outcome: 'achieved' }] })), 422, ['outcomes/0/goal_id']],
    ['a goal of another person\'s plan', post(review({ outcomes: [{ goal_id: g1.id, outcome: 'achieved' }, { goal_id: g2.id, outcome: 'achieved' },
      { goal_id: strangerPlan.goals[0].id, outcome: 'achieved' }] })), 422, ['outcomes/2/goal_id']],
    ['an unknown goal', post(review({ outcomes: [{ goal_id: 99999999, outcome: 'achieved' }] })), 422, ['outcomes/0/goal_id']],
    ['the same goal twice', post(review({ outcomes: [{ goal_id: g3.id, outcome: 'achieved' }, { goal_id: g3.id, outcome: 'abandoned' }] })), 422, ['outcomes/1/goal_id']],
    ['a bad outcome', post(review({ outcomes: [{ goal_id: g1.id, outcome: 'failed' }] })), 422, ['outcomes/0/outcome']],
    ['a missing outcome', post(review({ outcomes: [{ goal_id: g1.id }] })), 422, ['outcomes/0/outcome']],
    ['a missing goal_id', post(review({ outcomes: [{ goal_id: g1.id, outcome: 'achieved' }, { outcome: 'achieved' }] })), 422, ['outcomes/1/goal_id']],
    ['an unknown nested field', post(review({ outcomes: [{ goal_id: g1.id, outcome: 'achieved', score: 4 }] })), 422, ['outcomes/0/score']],
    ['an outcome that is not an object', post(review({ outcomes: [g1.id] })), 422, ['outcomes/0']],
    ['a review dated tomorrow', post(review({ review_date: shift(1) })), 422, ['review_date']],
    ['a malformed review date', post(review({ review_date: '2025-02-30' })), 422, ['review_date']],
    ['a missing summary', post(review({ summary: undefined })), 422, ['summary']],
    ['missing outcomes', post(review({ outcomes: undefined })), 422, ['outcomes']],
    ['an unknown field', post(review({ next_review: shift(300) })), 422, ['next_review']],
    ['a review of a draft', post(review({ outcomes: [{ goal_id: elsewhere.goals[0].id, outcome: 'achieved' }] }), 'directrice',
      `${plansPath(p.id)}/${elsewhere.id}/reviews`), 409],
    ['a review of the archived version', post(review({ outcomes: [{ goal_id: v1.goals[0].id, outcome: 'achieved' }] }), 'educateur',
      `${plansPath(p.id)}/${v1.id}/reviews`), 409],
    ['the secretary', post(review(), 'secretaire'), 403],
    ['the care professional', post(review(), 'infirmiere'), 403],
    ['organisation 2', post(review(), 'directeur2'), 404],
    ['establishment 2\'s head of service', post(review(), 'cheffe2'), 404],
    ['an unknown plan', post(review(), 'educateur', `${plansPath(p.id)}/99999999/reviews`), 404],
  ]);
  assert.deepEqual(await snapshot(p.id), before, 'nothing written');
  assert.deepEqual((await plansOf(stranger.id))[0], strangerPlan, 'the stranger\'s plan untouched');

  const reviewDate = shift(-3);
  const reviewed = await ok(await as('educateur', path, { json: review({ review_date: reviewDate }) }), 201);
  assert.equal(reviewed.id, v2.id);
  assert.equal(reviewed.status, 'validated');
  assert.equal(reviewed.review_due, yearAfter(reviewDate));
  assert.equal(reviewed.review_state, '');
  assert.equal(reviewed.reviews.length, 1);
  const [r] = reviewed.reviews;
  assert.ok(Number.isInteger(r.id));
  assert.equal(r.review_date, reviewDate);
  assert.equal(r.summary, 'Bilan annuel avec la famille.');
  assert.match(r.recorded_by, /educateur/);
  const outcomes = [...r.outcomes].sort((a, b) => a.goal_id - b.goal_id);
  assert.deepEqual(outcomes, [
    { goal_id: g1.id, outcome: 'achieved', comment: null },
    { goal_id: g2.id, outcome: 'partly_achieved', comment: 'À poursuivre' },
  ]);
  assert.deepEqual((await plansOf(p.id)).find((x) => x.id === v2.id), reviewed);
  main.v2 = reviewed;
  // No longer due: gone from the reminders.
  const items = (await ok(await as('cheffe', '/api/v1/support-plans/reminders'))).items;
  assert.ok(!items.some((x) => x.plan_id === v2.id), JSON.stringify(items));
  // A second review the same year, of the third goal: review_due follows the latest review.
  const again = await ok(await as('cheffe', path, { json: review({ review_date: today, outcomes: [{ goal_id: g3.id, outcome: 'continued' }] }) }), 201);
  assert.equal(again.reviews.length, 2);
  assert.equal(again.review_due, yearAfter(today));
  main.v2 = again;
});

// ---------------------------------------------------------------------------------------------
// History and audit

test('history: the person\'s history records every change of the plans, by whom', async () => {
  const { person: p, v1, v2, elsewhere } = main;
  const items = await historyOf(p.id);
  const plan = items.filter((h) => h.field.startsWith('support_plan'));
  const by = (field) => plan.filter((h) => h.field === field);
  // Opened: version 1 (establishment 1), version 1 (establishment 2), version 2.
  const opened = by('support_plan');
  assert.equal(opened.length, 3, JSON.stringify(plan));
  assert.ok(opened.every((h) => h.previous_value === null && /^version \d ouverte$/.test(h.new_value)), JSON.stringify(opened));
  assert.deepEqual(opened.map((h) => h.account).sort(), [emails.directrice, emails.educateur, emails.educateur].sort());
  // Version 1: three content rewrites, three signatures, validation, then archived by v2's validation.
  const signatures = by('support_plan 1 signature');
  assert.equal(signatures.length, 3, JSON.stringify(plan));
  assert.ok(signatures.some((h) => h.new_value.includes('person') && h.new_value.includes('Lucas Martin') && h.account === emails.educateur));
  assert.ok(signatures.some((h) => h.new_value.includes('director') && h.account === emails.directrice));
  const v1Changes = by('support_plan 1');
  assert.ok(v1Changes.some((h) => h.previous_value === 'draft' && h.new_value === 'validated' && h.account === emails.cheffe), JSON.stringify(v1Changes));
  assert.ok(v1Changes.some((h) => h.new_value?.startsWith('Bilan revu avec la famille') && h.account === emails.educateur), 'the rewrite');
  const v2Changes = by('support_plan 2');
  assert.ok(v2Changes.some((h) => h.previous_value === 'draft' && h.new_value === 'validated' && h.account === emails.directrice), JSON.stringify(v2Changes));
  assert.equal(by('support_plan 2 signature').length, 3);
  // Reviews move the review date.
  const due = by('support_plan 2 review_due');
  assert.equal(due.length, 2, JSON.stringify(plan));
  assert.ok(due.some((h) => h.previous_value === shift(10) && h.new_value === yearAfter(shift(-3)) && h.account === emails.educateur), JSON.stringify(due));
  assert.ok(due.some((h) => h.new_value === v2.review_due && h.account === emails.cheffe), JSON.stringify(due));
  for (const h of plan) assert.equal(h.person_id, p.id);
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].at >= items[i].at, 'newest first');
  assert.ok(v1.id && elsewhere.id);
});

// Every audit event matching the query, all pages (the DPO reads).
async function auditAll(query) {
  const items = [];
  let cursor = null;
  do {
    const page = await ok(await as('dpo', `/api/v1/audit?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

test('audit: reads and writes of the plans are in the trail (read by the DPO), refusals too', async () => {
  const { person: p, v1, v2, elsewhere } = main;
  const accountId = async (who) => (await ok(await as(who, '/api/v1/session'))).account.id;
  const events = await auditAll(`person=${p.id}`);
  const success = events.filter((e) => e.outcome === 'success' && e.person_id === p.id);
  const onPlan = (id, action) => success.filter((e) => e.action === action && (e.fields ?? []).includes(`support_plan:${id}`));
  // Reads of the list, by each reader.
  const reads = success.filter((e) => e.action === 'read' && (e.fields ?? []).includes('support_plans'));
  const readers = new Set(reads.map((e) => e.account_id));
  for (const who of ['educateur', 'cheffe', 'infirmiere', 'directrice']) assert.ok(readers.has(await accountId(who)), `${who} read the plans`);
  // Writes on version 1: opened, rewritten three times, signed three times, validated.
  assert.equal(onPlan(v1.id, 'update').length, 1 + 3 + 3, JSON.stringify(events.filter((e) => (e.fields ?? []).includes(`support_plan:${v1.id}`))));
  assert.equal(onPlan(v1.id, 'validate').length, 1);
  assert.equal(onPlan(v1.id, 'validate')[0].account_id, await accountId('cheffe'));
  // Version 2: opened, three signatures, two reviews; validated once.
  assert.equal(onPlan(v2.id, 'update').length, 1 + 3 + 2);
  assert.equal(onPlan(v2.id, 'validate').length, 1);
  // The establishment 2 draft: opened, with its establishment.
  const opened = onPlan(elsewhere.id, 'update');
  assert.equal(opened.length, 1);
  assert.equal(opened[0].establishment_id, 2);
  assert.equal(opened[0].account_id, await accountId('directrice'));
  for (const e of [...onPlan(v1.id, 'update'), ...onPlan(v2.id, 'validate')]) assert.equal(e.establishment_id, 1);
  // Refused requests are audited: the educator's validation attempts, the secretary's reads.
  const since = today;
  const denied = (await auditAll(`account=${await accountId('secretaire')}&from=${since}`))
    .filter((e) => e.outcome === 'denied');
  assert.ok(denied.length >= 1, 'the secretary\'s refusals are audited');
  const educatorDenied = (await auditAll(`account=${await accountId('educateur')}&from=${since}`))
    .filter((e) => e.outcome === 'denied');
  assert.ok(educatorDenied.length >= 1, 'the educator\'s refused validation is audited');
  // The reminders list is read, and audited.
  await ok(await as('cheffe', '/api/v1/support-plans/reminders'));
  const reminders = (await auditAll(`account=${await accountId('cheffe')}&action=read&from=${since}`))
    .filter((e) => e.object_type === 'support_plan_reminders');
  assert.ok(reminders.length >= 1, 'reminders read audited');
});
