// The role × route matrix: every route the server has (`passerelle routes`), called by every demo
// role and anonymously, on its own organisation and on the other one, checked against the
// permission table the server prints (`passerelle policy`).
//
// Expected status, for a caller and a route:
//   anonymous              → 401 on authenticated routes, else what the template expects (reachable);
//   signed in, no permission needed → what the template expects;
//   permission allowed by the policy → what the template expects (own organisation) or 404 (the other
//                            organisation's ids: never 403, so ids cannot be probed);
//   permission refused     → 403, whatever the organisation (the role can never do it anywhere);
//   business rules beyond the table are listed in `exception` with the reason.
// "What the template expects" is an exact status: 2xx where a valid body is cheap and harmless, or a
// deliberate 4xx from the handler itself (409 conflict, 422 validation) where a 2xx would change
// the state the next requests depend on (a password, a second factor) — still proof that the
// caller got through authentication and the permission check.
//
// Every route needs a template below or in matrix-parts/: a route added to the server without one
// fails this file. A part (matrix-parts/<name>.mjs) exports templates(ctx) → { 'METHOD /path': template }
// and, when its routes need data, async setup(ctx, org, session): run for each organisation at the
// end of `before` with a session of that organisation's director. ctx holds server, fixtures,
// other, api, authed, jsonBody and post(session, path, json, status = 201) → parsed body.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, api, jsonBody, binary } from '../lib/server.mjs';
import { signInDemo, authed, bearer, demoAccounts, demoPassword } from '../lib/session.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'passerelle-matrix-'));
const cli = (...args) => JSON.parse(execFileSync(binary, [...args, '--log-level', 'off'], { encoding: 'utf8' }));
const routes = cli('routes', '--database', join(scratch, 'routes.db'));
const policy = cli('policy', '--database', join(scratch, 'policy.db'));
rmSync(scratch, { recursive: true, force: true });

const routeKey = (r) => `${r.method} ${r.path}`;

// Is `permission` ("brick.category.action") granted to `role` by the policy table?
function allowed(role, permission) {
  const [brick, category, action] = permission.split('.');
  const row = policy.find((p) => p.role === role && p.brick === brick && p.category === category);
  return Boolean(row && row[action]);
}

let server;
const fixtures = {
  establishment: {}, organisation: {}, capacity: {}, archived: {}, person: {}, stay: {},
  duplicate: {}, request: {}, protection: {}, contact: {}, director: {},   // organisation id → fixture
  plan: {}, draft: {},   // a validated support plan (review due in 10 days) and a signed, incomplete draft
  accounts: {},       // organisation id → { email → account }
  secondFactor: {},   // organisation id (or 'platform') → roles that must use TOTP
};
const strongPassword = 'Nouveau-Secret-Tres-Long-2026';

// Callers: anonymous, then every demo account (org: its organisation, null for the platform).
const callers = [
  { name: 'anonyme', role: null, org: 1, session: null },
  ...demoAccounts.map((a) => ({
    name: a.org === 2 ? `${a.role}@org2` : a.role, role: a.role, email: a.email, org: a.org ?? 1,
    platform: a.org === null, establishment: a.establishment, session: null,
  })),
];
const other = (org) => (org === 1 ? 2 : 1);
// An account of an organisation that every test leaves as it is (display name rewritten unchanged).
const targetEmail = { 1: 'educateur@passerelles-rhone.demo', 2: 'directeur@horizon-loire.demo' };
const target = (org) => fixtures.accounts[org][targetEmail[org]];
// The platform names the organisation in the query; an organisation's caller never needs to.
const orgQuery = (c, org = c.org) => (c.platform ? `?organisation=${org}` : '');

async function newToken(org) {
  const r = await api(server, `/api/v1/api-tokens?organisation=${org}`,
    jsonBody({ name: 'matrice', access: 'read', bricks: ['establishments'] }));
  assert.equal(r.status, 201, await r.clone().text());
  return r.json();
}

async function accountNow(id) {
  return (await api(server, `/api/v1/accounts/${id}`)).json();
}

// The request templates, one per route. own(c) / other(c) give { method?, path, json?, ok, check?,
// verify? } for caller c on its own organisation / on the other one (other is absent where the
// route names no organisation: lists are scoped to the caller, checked by `check`).
//   ok:      the status when access is granted (a number, or a function of the caller);
//   check:   (c, body) → a message when the answer shows something it should not;
//   verify:  async () → a message when a refused request changed something anyway;
//   prepare: async (c) → data the request needs (a fresh API token to revoke).
// `last` routes run after the others (signing out ends the caller's session).
const templates = {
  'GET /healthz': { own: () => ({ path: '/healthz', ok: 200 }) },
  'GET /metrics': { own: () => ({ path: '/metrics', ok: 200 }) },
  'GET /api/v1/openapi.json': { own: () => ({ path: '/api/v1/openapi.json', ok: 200 }) },

  // Signing in is public; a valid sign-in of another demo account (a new session, nothing else).
  'POST /api/v1/session': {
    own: () => ({ path: '/api/v1/session', json: { email: 'secretaire@passerelles-rhone.demo', password: demoPassword }, ok: 200 }),
  },
  'GET /api/v1/session': {
    own: (c) => ({
      path: '/api/v1/session', ok: 200,
      check: (_, body) => (body.account.email === c.email ? null : `session of ${body.account.email}`),
    }),
  },
  'DELETE /api/v1/session': { last: true, own: () => ({ path: '/api/v1/session', method: 'DELETE', ok: 204 }) },
  // 422 naming current_password: the handler ran; a 204 would close the caller's sessions.
  'POST /api/v1/session/password': {
    own: () => ({ path: '/api/v1/session/password', json: { current_password: 'Pas-Le-Mot-Actuel-2026', new_password: strongPassword }, ok: 422 }),
  },
  // Starts an enrolment (harmless until confirmed); the DPO is enrolled already: 409.
  'POST /api/v1/session/totp': {
    own: () => ({ path: '/api/v1/session/totp', method: 'POST', ok: (c) => (c.role === 'data_protection_officer' ? 409 : 200) }),
  },
  // A code that cannot be right: 422 naming code (409 for the DPO, who has no enrolment under way).
  'POST /api/v1/session/totp/confirm': {
    own: () => ({ path: '/api/v1/session/totp/confirm', json: { code: 'abcdef' }, ok: (c) => (c.role === 'data_protection_officer' ? 409 : 422) }),
  },

  'GET /api/v1/accounts': {
    own: (c) => ({
      path: `/api/v1/accounts${orgQuery(c)}`, ok: 200,
      check: (_, body) => (body.items.length > 0 && body.items.every((a) => a.organisation_id === c.org) ? null : 'accounts of another organisation'),
    }),
  },
  // A valid account whose email is taken: 409, nothing written. On the other organisation, a new
  // email, so that a wrongful success would show (201) and be seen by verify.
  'POST /api/v1/accounts': {
    own: (c) => ({
      path: '/api/v1/accounts', ok: 409,
      json: { email: targetEmail[c.org], display_name: 'Doublon', grants: [{ role: 'educator' }], ...(c.platform ? { organisation_id: c.org } : {}) },
    }),
    other: (c) => {
      const email = `intrus.${c.name.replace(/[^a-z]/g, '')}@example.org`;
      return {
        path: '/api/v1/accounts', json: { email, display_name: 'Intrus', grants: [{ role: 'organisation_admin' }], organisation_id: other(c.org) },
        verify: async () => ((await (await api(server, '/api/v1/accounts?organisation=1&limit=200')).json()).items
          .concat((await (await api(server, '/api/v1/accounts?organisation=2&limit=200')).json()).items)
          .some((a) => a.email === email) ? `${email} was created` : null),
      };
    },
  },
  'GET /api/v1/accounts/{id}': {
    own: (c) => ({ path: `/api/v1/accounts/${target(c.org).id}`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/accounts/${target(other(c.org)).id}` }),
  },
  // The display name rewritten as it is; on the other organisation a new one, which must not stick.
  'PATCH /api/v1/accounts/{id}': {
    own: (c) => ({ path: `/api/v1/accounts/${target(c.org).id}`, method: 'PATCH', json: { display_name: target(c.org).display_name }, ok: 200 }),
    other: (c) => {
      const victim = target(other(c.org));
      return {
        path: `/api/v1/accounts/${victim.id}`, method: 'PATCH', json: { display_name: 'Piraté', disabled: true },
        verify: async () => {
          const now = await accountNow(victim.id);
          return now.display_name === victim.display_name && !now.disabled ? null : `${victim.email} was changed`;
        },
      };
    },
  },
  // A reset link is harmless until used.
  'POST /api/v1/accounts/{id}/password-reset': {
    own: (c) => ({ path: `/api/v1/accounts/${target(c.org).id}/password-reset`, method: 'POST', ok: 201 }),
    other: (c) => ({ path: `/api/v1/accounts/${target(other(c.org)).id}/password-reset`, method: 'POST' }),
  },
  // Public: a forged token gets 422 naming token.
  'POST /api/v1/password-reset': {
    own: () => ({ path: '/api/v1/password-reset', json: { token: 'prt_forged', new_password: strongPassword }, ok: 422 }),
  },

  // Without ?organisation the platform reads and writes the platform-wide rule.
  'GET /api/v1/second-factor-rules': { own: () => ({ path: '/api/v1/second-factor-rules', ok: 200 }) },
  'PUT /api/v1/second-factor-rules': {
    own: (c) => ({
      path: '/api/v1/second-factor-rules', method: 'PUT', ok: 200,
      json: { roles: fixtures.secondFactor[c.platform ? 'platform' : c.org] },
    }),
  },
  'GET /api/v1/api-tokens': {
    own: (c) => ({
      path: `/api/v1/api-tokens${orgQuery(c)}`, ok: 200,
      check: (_, body) => (body.items.every((t) => t.organisation_id === c.org) ? null : 'tokens of another organisation'),
    }),
  },
  'POST /api/v1/api-tokens': {
    own: (c) => ({ path: `/api/v1/api-tokens${orgQuery(c)}`, json: { name: 'matrice', access: 'read', bricks: ['establishments'] }, ok: 201 }),
  },
  // A fresh token per request: revoked (204) in the caller's organisation; in the other one it
  // must survive (404, and it still works).
  'DELETE /api/v1/api-tokens/{id}': {
    own: (c) => ({ prepare: () => newToken(c.org), path: (t) => `/api/v1/api-tokens/${t.id}${orgQuery(c)}`, method: 'DELETE', ok: 204 }),
    other: (c) => ({
      prepare: () => newToken(other(c.org)), path: (t) => `/api/v1/api-tokens/${t.id}`, method: 'DELETE',
      verify: async (t) => ((await bearer(server, t.token, '/api/v1/establishments')).status === 200 ? null : `token ${t.id} was revoked`),
    }),
  },

  'GET /api/v1/organisations': {
    own: (c) => ({
      path: '/api/v1/organisations', ok: 200,
      check: (_, body) => {
        const ids = body.items.map((o) => o.id);
        return c.platform ? (ids.includes(1) && ids.includes(2) ? null : `platform sees ${ids}`)
          : (JSON.stringify(ids) === JSON.stringify([c.org]) ? null : `sees organisations ${ids}`);
      },
    }),
  },
  'POST /api/v1/organisations': {
    // Business rule beyond the table: only the platform creates organisations, although
    // organisation_admin and director hold establishments.reference.write (for their own data).
    exception: (c) => (c.platform ? 201 : 403),
    own: (c) => ({ path: '/api/v1/organisations', json: { name: `Organisme créé par ${c.name}`, legal_status: 'public' }, ok: 201 }),
  },
  'GET /api/v1/organisations/{id}': {
    own: (c) => ({ path: `/api/v1/organisations/${c.org}`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/organisations/${other(c.org)}` }),
  },
  // The establishment dimension: a role granted on one establishment lists that one only.
  'GET /api/v1/establishments': {
    own: (c) => ({
      path: '/api/v1/establishments?limit=200', ok: 200,
      check: (_, body) => {
        const ids = body.items.map((e) => e.id).join(',');
        const expected = c.platform ? '1,2,3,4,5,6,7,8,9,10,11,12,13,14'
          : c.establishment ? String(c.establishment)
            : c.org === 1 ? '1,2,3,4,5,6,7,8,9,10,11,12' : '13,14';
        return ids === expected ? null : `lists establishments ${ids}, expected ${expected}`;
      },
    }),
  },

  // Establishments: own organisation's establishment (the caller's own for establishment roles),
  // other organisation's for 'other'. Writes are harmless: the same values again, a conflict
  // that proves the handler ran, or small additions (a site, a closure).
  'PATCH /api/v1/organisations/{id}': {
    own: (c) => ({ path: `/api/v1/organisations/${c.org}`, method: 'PATCH', json: { city: fixtures.organisation[c.org].city }, ok: 200 }),
    other: (c) => ({
      path: `/api/v1/organisations/${other(c.org)}`, method: 'PATCH', json: { city: 'Piratée' },
      verify: async () => ((await (await api(server, `/api/v1/organisations/${other(c.org)}`)).json()).city === 'Piratée' ? 'organisation changed' : null),
    }),
  },
  'GET /api/v1/establishments/reference': { own: () => ({ path: '/api/v1/establishments/reference', ok: 200 }) },
  'GET /api/v1/establishments/alerts': { own: () => ({ path: '/api/v1/establishments/alerts', ok: 200 }) },
  // A FINESS already used: 409 once the handler runs. On the other organisation: 404.
  'POST /api/v1/establishments': {
    own: (c) => ({ path: '/api/v1/establishments', ok: 409,
      json: { finess_et: fixtures.establishment[c.org].finess_et, name: 'Doublon', category_code: '183', ...(c.platform ? { organisation_id: c.org } : {}) } }),
    other: (c) => ({ path: '/api/v1/establishments', json: { organisation_id: other(c.org), finess_et: '690088885', name: 'Intrus', category_code: '183' } }),
  },
  // A preview of a file holding only a header: nothing to do, nothing written.
  'POST /api/v1/establishments/import': {
    own: (c) => ({ path: '/api/v1/establishments/import', ok: 200,
      json: { file_base64: Buffer.from('N° FINESS;Nom;Catégorie\n').toString('base64'), ...(c.platform ? { organisation_id: c.org } : {}) } }),
    other: (c) => ({ path: '/api/v1/establishments/import',
      json: { file_base64: Buffer.from('N° FINESS;Nom;Catégorie\n').toString('base64'), organisation_id: other(c.org) } }),
  },
  'GET /api/v1/establishments/export': { own: (c) => ({ path: `/api/v1/establishments/export?format=csv${c.platform ? `&organisation=${c.org}` : ''}`, ok: 200 }) },
  'GET /api/v1/establishments/{id}': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}` }),
  },
  'PATCH /api/v1/establishments/{id}': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}`, method: 'PATCH', json: { name: fixtures.establishment[c.org].name }, ok: 200 }),
    other: (c) => ({
      path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}`, method: 'PATCH', json: { name: 'Piraté' },
      verify: async () => ((await (await api(server, `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}`)).json()).name === 'Piraté' ? 'renamed' : null),
    }),
  },
  // Archiving the archived establishment again: 409 once the handler runs.
  'POST /api/v1/establishments/{id}/archive': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.archived[c.org]}/archive`, method: 'POST',
      ok: (c2) => (c2.establishment ? 404 : 409) }),
    other: (c) => ({
      path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/archive`, method: 'POST',
      verify: async () => ((await (await api(server, `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}`)).json()).archived_at ? 'archived' : null),
    }),
  },
  'GET /api/v1/establishments/{id}/history': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/history`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/history` }),
  },
  'POST /api/v1/establishments/{id}/sites': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/sites`, json: { name: `Site ${c.name}` }, ok: 201 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/sites`, json: { name: 'Intrus' } }),
  },
  'POST /api/v1/establishments/{id}/authorisations': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/authorisations`,
      json: { decision_reference: `Arrêté ${c.name}`, decision_date: '2020-01-01' }, ok: 201 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/authorisations`,
      json: { decision_reference: 'Intrus', decision_date: '2020-01-01' } }),
  },
  'PUT /api/v1/establishments/{id}/calendar': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/calendar`, method: 'PUT',
      json: { care_mode: '13', year: 2030, days_open: 210 }, ok: 200 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/calendar`, method: 'PUT',
      json: { care_mode: '13', year: 2030, days_open: 1 } }),
  },
  'POST /api/v1/establishments/{id}/closures': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/closures`,
      json: { date_from: '2030-08-01', date_to: '2030-08-02', reason: 'matrice' }, ok: 201 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/closures`,
      json: { date_from: '2030-08-01', date_to: '2030-08-02', reason: 'intrus' } }),
  },
  'GET /api/v1/establishments/{id}/capacity': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/capacity?date=2025-01-01`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/capacity` }),
  },
  'GET /api/v1/establishments/{id}/place-days': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/place-days?from=2025-01-01&to=2025-12-31`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/place-days?from=2025-01-01&to=2025-12-31` }),
  },
  // An overlapping period: 409 once the handler runs.
  'POST /api/v1/establishments/{id}/capacities': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/capacities`, ok: 409,
      json: { care_mode: fixtures.capacity[c.org].care_mode, status: 'authorised', places: 1, effective_from: '2019-01-01' } }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/capacities`,
      json: { care_mode: '54', status: 'funded', places: 1, effective_from: '2019-01-01' } }),
  },
  // Reopening an open period: no change.
  'PATCH /api/v1/establishments/{id}/capacities/{capacity_id}': {
    own: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[c.org].id}/capacities/${fixtures.capacity[c.org].id}`,
      method: 'PATCH', json: { effective_to: null }, ok: 200 }),
    other: (c) => ({ path: `/api/v1/establishments/${fixtures.establishment[other(c.org)].id}/capacities/${fixtures.capacity[other(c.org)].id}`,
      method: 'PATCH', json: { effective_to: '2020-01-01' } }),
  },

  // Persons (administrative part). The platform has no persons permission (403 from the table).
  // Writes: a likely duplicate (409, nothing written), the identity rewritten as it is, an
  // overlapping stay (409), discharging before the admission (422).
  'GET /api/v1/persons': {
    own: (c) => ({
      path: '/api/v1/persons?q=matrice', ok: 200,
      check: (_, body) => (body.items.every((p) => p.organisation_id === c.org) ? null : 'persons of another organisation'),
    }),
  },
  'POST /api/v1/persons': {
    own: (c) => ({ path: '/api/v1/persons', ok: 409, json: {
      establishment_id: fixtures.establishment[c.org].id, birth_name: fixtures.person[c.org].birth_name,
      first_names: ['Test'], sex: 'F', birth_date: fixtures.person[c.org].birth_date } }),
    // An establishment of another organisation named in the body reads like an unknown one: 422
    // naming establishment_id, the same answer for both, and nothing written.
    other: (c) => ({ path: '/api/v1/persons', otherStatus: 422, json: {
      establishment_id: fixtures.establishment[other(c.org)].id, birth_name: 'Intrus', first_names: ['Test'], sex: 'M', birth_date: '2000-01-01' } }),
  },
  // The import's preview (rolled back, nothing written) of one line into the caller's establishment;
  // a commit naming the other organisation's establishment reads like an unknown one: 422, nothing written.
  'POST /api/v1/persons/import': {
    own: (c) => ({ path: '/api/v1/persons/import', ok: 200, json: { file_base64: Buffer.from(
      `Nom;Prénoms;Sexe;Date de naissance;Établissement\r\nMatriceimport;Test;F;2001-02-03;${fixtures.establishment[c.org].finess_et}`).toString('base64') } }),
    other: (c) => ({ path: '/api/v1/persons/import', otherStatus: 422, json: { commit: true, file_base64: Buffer.from(
      `Nom;Prénoms;Sexe;Date de naissance;Établissement\r\nIntrus;Test;F;2001-02-03;${fixtures.establishment[other(c.org)].finess_et}`).toString('base64') } }),
  },
  'GET /api/v1/persons/alerts': {
    own: (c) => ({
      path: '/api/v1/persons/alerts', ok: 200,
      check: (_, body) => ([...body.expiring_decisions, ...body.without_valid_decision].every((a) => a.person.organisation_id === c.org)
        ? null : 'alerts about another organisation'),
    }),
  },
  // A decision ending before it starts: 422 once the handler runs, nothing written.
  'POST /api/v1/persons/{id}/decisions': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/decisions`, ok: 422, json: {
      decision_reference: 'CDAPH-1', decision_date: '2024-01-10', category_code: '183', valid_from: '2024-02-01', valid_to: '2024-01-01' } }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/decisions`, json: {
      decision_reference: 'Intrus', decision_date: '2024-01-10', category_code: '183', valid_from: '2024-02-01', valid_to: '2029-01-31' } }),
  },
  'GET /api/v1/persons/duplicates': {
    own: (c) => ({ path: `/api/v1/persons/duplicates?id=${fixtures.person[c.org].id}`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/duplicates?id=${fixtures.person[other(c.org)].id}` }),
  },
  'GET /api/v1/persons/{id}': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}` }),
  },
  'PATCH /api/v1/persons/{id}': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}`, method: 'PATCH', json: { birth_name: fixtures.person[c.org].birth_name }, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}`, method: 'PATCH', json: { birth_name: 'Pirate' } }),
  },
  'POST /api/v1/persons/{id}/stays': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/stays`, ok: 409, json: {
      establishment_id: fixtures.establishment[c.org].id, care_mode: '13', admission_date: '2025-01-01', origin: 'home' } }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/stays`, json: {
      establishment_id: fixtures.establishment[other(c.org)].id, care_mode: '14', admission_date: '2025-01-01', origin: 'home' } }),
  },
  'POST /api/v1/persons/{id}/stays/{stay_id}/discharge': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/stays/${fixtures.stay[c.org].id}/discharge`, ok: 422,
      json: { discharge_date: '2020-01-01', destination: 'home' } }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/stays/${fixtures.stay[other(c.org)].id}/discharge`,
      json: { discharge_date: '2025-06-30', destination: 'home' } }),
  },

  // The person record around the identity: history, decisions, merge, transfer, waiting list,
  // protection, contacts, attendance, movements.
  'GET /api/v1/persons/{id}/history': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/history`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/history` }),
  },
  // Business rule beyond the table: merging records is the director's decision (identity
  // vigilance); head_of_service and secretary hold persons.administrative.write but get 403,
  // wherever the record is. A self-merge: 422 naming duplicate_id once the handler runs.
  'POST /api/v1/persons/{id}/merge': {
    exception: (c, target) => (c.role === 'director' ? (target === 'own' ? 422 : 404) : 403),
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/merge`, json: { duplicate_id: fixtures.person[c.org].id }, ok: 422 }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/merge`, json: { duplicate_id: fixtures.duplicate[other(c.org)].id },
      verify: async () => {
        const d = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.duplicate[other(c.org)].id}`)).json();
        return d.merged_into == null ? null : `${d.id} was merged`;
      },
    }),
  },
  // Notes (persons.social to enter; the level decides the write permission inside). An invalid
  // note: 422 before any write; on the other organisation a valid one, which must not be written.
  'GET /api/v1/persons/{id}/notes': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/notes`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/notes` }),
  },
  'POST /api/v1/persons/{id}/notes': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/notes`, ok: 422,
      json: { category: 'gossip', confidentiality: 'team', occurred_on: '2026-01-05', body: 'x' } }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/notes`,
      json: { category: 'daily_life', confidentiality: 'team', occurred_on: '2026-01-05', body: 'Intrus' } }),
  },
  'GET /api/v1/persons/{id}/decisions': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/decisions`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/decisions` }),
  },
  // A transfer dated on the admission day: 422 naming transfer_date, nothing written. On the
  // other organisation a valid transfer, which must not happen.
  'POST /api/v1/persons/{id}/stays/{stay_id}/transfer': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/stays/${fixtures.stay[c.org].id}/transfer`, ok: 422,
      json: { transfer_date: fixtures.stay[c.org].admission_date, establishment_id: fixtures.establishment[c.org].id, care_mode: '14' } }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/stays/${fixtures.stay[other(c.org)].id}/transfer`,
      json: { transfer_date: '2025-03-01', establishment_id: fixtures.establishment[other(c.org)].id, care_mode: '14' },
      verify: async () => {
        const p = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}`)).json();
        return p.stays.length === 1 && p.stays[0].discharge_date === null ? null : 'the stay was transferred';
      },
    }),
  },
  // A request already waiting for that establishment and kind of care: 409 once the handler ran.
  'POST /api/v1/persons/{id}/admission-requests': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/admission-requests`, ok: 409, json: {
      establishment_id: fixtures.establishment[c.org].id, care_mode: fixtures.request[c.org].care_mode, received_date: '2025-01-06' } }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/admission-requests`,
      json: { establishment_id: fixtures.establishment[other(c.org)].id, care_mode: '16', received_date: '2025-01-06' },
      verify: async () => {
        const p = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}`)).json();
        return p.admission_requests.length === 1 ? null : 'a request was added';
      },
    }),
  },
  // The comment rewritten as it is; on the other organisation a cancellation, which must not stick.
  'PATCH /api/v1/persons/{id}/admission-requests/{request_id}': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/admission-requests/${fixtures.request[c.org].id}`,
      method: 'PATCH', json: { comment: fixtures.request[c.org].comment }, ok: 200 }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/admission-requests/${fixtures.request[other(c.org)].id}`,
      method: 'PATCH', json: { status: '49' },
      verify: async () => {
        const p = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}`)).json();
        return p.admission_requests.every((r) => r.status !== '49') ? null : 'the request was cancelled';
      },
    }),
  },
  // The waiting list of the caller's organisation, of the caller's establishment for establishment roles.
  'GET /api/v1/waiting-list': {
    own: (c) => ({
      path: '/api/v1/waiting-list?all=true', ok: 200,
      check: (_, body) => {
        if (!body.items.every((r) => r.person.organisation_id === c.org)) return 'requests of another organisation';
        if (c.establishment && !body.items.every((r) => r.establishment_id === c.establishment)) return 'requests of another establishment';
        return body.items.some((r) => r.id === fixtures.request[c.org].id) ? null : 'the fixture request is missing';
      },
    }),
  },
  'GET /api/v1/movements': {
    own: (c) => ({
      path: '/api/v1/movements?from=2024-01-01&to=2024-12-31', ok: 200,
      check: (_, body) => {
        if (!body.items.every((m) => m.person.organisation_id === c.org)) return 'movements of another organisation';
        return body.items.some((m) => m.stay.id === fixtures.stay[c.org].id) ? null : 'the fixture admission is missing';
      },
    }),
  },
  // A measure ending before it starts: 422 once the handler runs, nothing written.
  'POST /api/v1/persons/{id}/protections': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/protections`, ok: 422, json: {
      kind: 'curatelle_simple', start_date: '2024-02-01', end_date: '2024-01-01', protector_kind: 'family', protector_name: 'Matrice' } }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/protections`,
      json: { kind: 'tutelle', start_date: '2024-02-01', protector_kind: 'association', protector_name: 'Intrus' },
      verify: async () => {
        const p = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}`)).json();
        return p.protections.length === 1 ? null : 'a measure was added';
      },
    }),
  },
  'PATCH /api/v1/persons/{id}/protections/{protection_id}': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/protections/${fixtures.protection[c.org].id}`,
      method: 'PATCH', json: { protector_name: fixtures.protection[c.org].protector_name }, ok: 200 }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/protections/${fixtures.protection[other(c.org)].id}`,
      method: 'PATCH', json: { end_date: '2024-06-30' },
      verify: async () => {
        const p = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}`)).json();
        return p.protections.every((m) => m.end_date === null) ? null : 'the measure was ended';
      },
    }),
  },
  'GET /api/v1/persons/{id}/contacts': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/contacts`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/contacts` }),
  },
  // A second trusted person: 409 naming kind once the handler ran.
  'POST /api/v1/persons/{id}/contacts': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/contacts`, ok: 409,
      json: { kind: 'trusted_person', last_name: 'Deuxieme' } }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/contacts`, json: { kind: 'family', last_name: 'Intrus' },
      verify: async () => {
        const p = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}`)).json();
        return p.contacts.length === 1 ? null : 'a contact was added';
      },
    }),
  },
  'PATCH /api/v1/persons/{id}/contacts/{contact_id}': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/contacts/${fixtures.contact[c.org].id}`,
      method: 'PATCH', json: { last_name: fixtures.contact[c.org].last_name }, ok: 200 }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/contacts/${fixtures.contact[other(c.org)].id}`,
      method: 'PATCH', json: { archived: true },
      verify: async () => {
        const p = await (await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}`)).json();
        return p.contacts.every((x) => !x.archived) ? null : 'the contact was archived';
      },
    }),
  },
  'GET /api/v1/attendance': {
    own: (c) => ({
      path: `/api/v1/attendance?establishment_id=${fixtures.establishment[c.org].id}&care_mode=13&month=2024-09`, ok: 200,
      check: (_, body) => (body.rows.some((r) => r.stay_id === fixtures.stay[c.org].id) ? null : 'the fixture stay is missing'),
    }),
    other: (c) => ({ path: `/api/v1/attendance?establishment_id=${fixtures.establishment[other(c.org)].id}&care_mode=13&month=2024-09` }),
  },
  // The fixture's first day written again as it is. On the other organisation the establishment
  // named in the body reads like an unknown one: 422 naming establishment_id for organisation-wide
  // roles, 404 for a role granted on one establishment (outside its grant); nothing written.
  'PUT /api/v1/attendance': {
    own: (c) => ({ path: '/api/v1/attendance', method: 'PUT', ok: 200, json: {
      establishment_id: fixtures.establishment[c.org].id, care_mode: '13', month: '2024-09',
      entries: [{ stay_id: fixtures.stay[c.org].id, date: '2024-09-02', status: 'present' }] } }),
    other: (c) => ({
      path: '/api/v1/attendance', method: 'PUT', otherStatus: c.establishment ? 404 : 422, json: {
        establishment_id: fixtures.establishment[other(c.org)].id, care_mode: '13', month: '2024-09',
        entries: [{ stay_id: fixtures.stay[other(c.org)].id, date: '2024-09-03', status: 'absent', reason: 'illness' }] },
      verify: async () => {
        const a = await (await authed(server, fixtures.director[other(c.org)],
          `/api/v1/persons/${fixtures.person[other(c.org)].id}/attendance?month=2024-09`)).json();
        return a.marks.some((m) => m.date === '2024-09-03') ? 'attendance was written' : null;
      },
    }),
  },
  'GET /api/v1/persons/{id}/attendance': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/attendance?month=2024-09`, ok: 200 }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/attendance?month=2024-09` }),
  },

  // Support plans (persons.educational). The fixture person has a validated plan (review due in 10
  // days) and a draft signed by the person only. Writes: a second draft (409), a signed draft
  // rewritten (409), the same signatory again (409), validating the incomplete draft (422), a
  // review naming a goal of the draft (422): nothing written. On the other organisation, requests
  // that would succeed, checked to have written nothing.
  'GET /api/v1/support-plans/reminders': {
    own: (c) => ({
      path: '/api/v1/support-plans/reminders', ok: 200,
      check: (_, body) => {
        if (body.items.some((x) => x.plan_id === fixtures.plan[other(c.org)].id)) return 'plans of another organisation';
        if (c.establishment && !body.items.every((x) => x.establishment_id === c.establishment)) return 'plans of another establishment';
        return body.items.some((x) => x.plan_id === fixtures.plan[c.org].id) ? null : 'the fixture plan due in 10 days is missing';
      },
    }),
  },
  'GET /api/v1/persons/{id}/plans': {
    own: (c) => ({
      path: `/api/v1/persons/${fixtures.person[c.org].id}/plans`, ok: 200,
      check: (_, body) => (JSON.stringify(body.items.map((x) => x.id)) === JSON.stringify([fixtures.draft[c.org].id, fixtures.plan[c.org].id])
        ? null : `plans ${body.items.map((x) => x.id)}`),
    }),
    other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans` }),
  },
  'POST /api/v1/persons/{id}/plans': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/plans`, ok: 409, json: planContent(fixtures.establishment[c.org].id) }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans`, json: planContent(fixtures.establishment[other(c.org)].id, 'Intrus'),
      verify: async () => ((await plansOfOther(c)).length === 2 ? null : 'a plan was added'),
    }),
  },
  'PUT /api/v1/persons/{id}/plans/{plan_id}': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/plans/${fixtures.draft[c.org].id}`, method: 'PUT', ok: 409,
      json: planContent(undefined) }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans/${fixtures.draft[other(c.org)].id}`, method: 'PUT',
      json: planContent(undefined, 'Piraté'),
      verify: async () => ((await plansOfOther(c)).some((x) => x.needs_assessment === 'Piraté') ? 'the draft was rewritten' : null),
    }),
  },
  'POST /api/v1/persons/{id}/plans/{plan_id}/signatures': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/plans/${fixtures.draft[c.org].id}/signatures`, ok: 409,
      json: { signatory: 'person', name: 'Matrice', signed_on: '2025-01-06' } }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans/${fixtures.draft[other(c.org)].id}/signatures`,
      json: { signatory: 'referent', name: 'Intrus', signed_on: '2025-01-06' },
      verify: async () => ((await plansOfOther(c)).find((x) => x.id === fixtures.draft[other(c.org)].id).signatures.length === 1
        ? null : 'a signature was added'),
    }),
  },
  // Business rule beyond the table: validation engages the establishment, it is the head of
  // service's or the director's; the educator holds persons.educational.write but gets 403,
  // wherever the plan is. The fixture draft is incomplete: 422 once the handler ran.
  'POST /api/v1/persons/{id}/plans/{plan_id}/validate': {
    exception: (c, target) => (['director', 'head_of_service'].includes(c.role) ? (target === 'own' ? 422 : 404) : 403),
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/plans/${fixtures.draft[c.org].id}/validate`, json: {}, ok: 422 }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans/${fixtures.draft[other(c.org)].id}/validate`, json: {},
      verify: async () => ((await plansOfOther(c)).find((x) => x.id === fixtures.draft[other(c.org)].id).status === 'draft'
        ? null : 'the draft was validated'),
    }),
  },
  'POST /api/v1/persons/{id}/plans/{plan_id}/reviews': {
    own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/plans/${fixtures.plan[c.org].id}/reviews`, ok: 422, json: {
      review_date: '2025-01-06', summary: 'Matrice', outcomes: [{ goal_id: fixtures.draft[c.org].goals[0].id, outcome: 'achieved' }] } }),
    other: (c) => ({
      path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans/${fixtures.plan[other(c.org)].id}/reviews`, json: {
        review_date: '2025-01-06', summary: 'Intrus', outcomes: [{ goal_id: fixtures.plan[other(c.org)].goals[0].id, outcome: 'abandoned' }] },
      verify: async () => ((await plansOfOther(c)).find((x) => x.id === fixtures.plan[other(c.org)].id).reviews.length === 0
        ? null : 'a review was added'),
    }),
  },

  // gdpr.audit.*: the DPO only (the platform has no gdpr permission). GET /api/v1/audit/verify
  // checks the whole chain but needs gdpr.audit.read in the caller's own organisation.
  'GET /api/v1/audit': {
    own: (c) => ({
      path: '/api/v1/audit?limit=100&organisation=2', ok: 200,
      check: (_, body) => (body.items.length > 0 && body.items.every((e) => e.organisation_id === c.org) ? null : 'events of another organisation'),
    }),
  },
  'GET /api/v1/audit/export': { own: () => ({ path: '/api/v1/audit/export?organisation=2', ok: 200 }) },
  'GET /api/v1/audit/verify': {
    own: () => ({ path: '/api/v1/audit/verify', ok: 200, check: (_, body) => (body.intact ? null : 'chain broken') }),
  },
};

// The parts' templates, and the context they are given.
const context = {
  get server() { return server; }, fixtures, other, api, authed, jsonBody,
  async post(session, path, json, status = 201) {
    const r = await authed(server, session, path, { json });
    assert.equal(r.status, status, `${path}: ${await r.clone().text()}`);
    return r.json();
  },
};
const partsFolder = new URL('./matrix-parts/', import.meta.url);
const parts = await Promise.all(readdirSync(partsFolder).filter((f) => f.endsWith('.mjs')).sort()
  .map((f) => import(new URL(f, partsFolder))));
for (const part of parts)
  for (const [key, template] of Object.entries(part.templates(context))) {
    assert.ok(!templates[key], `${key}: two templates`);
    templates[key] = template;
  }

// A support plan's content (establishment_id left out for a PUT).
function planContent(establishmentId, needs = 'Besoins repérés (matrice)') {
  return {
    ...(establishmentId === undefined ? {} : { establishment_id: establishmentId }),
    needs_assessment: needs,
    goals: [{ domain: 'autonomy', description: 'Objectif matrice', expected_outcome: 'Résultat attendu',
      actions: [{ description: 'Action matrice', who: 'Référent', frequency: 'hebdomadaire' }] }],
  };
}

// The other organisation's fixture person's plans, read by its director.
async function plansOfOther(c) {
  const r = await authed(server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans`);
  return (await r.json()).items;
}

// Results: caller name → route label → status (for the summary), and the mismatches.
const results = new Map();
const mismatches = [];

function expectedStatus(c, route, template, target, request) {
  if (!c.role) return route.authenticated ? 401 : resolveOk(request.ok, c);
  if (template.exception) return template.exception(c, target);
  if (!route.permission) return resolveOk(request.ok, c);
  if (!allowed(c.role, route.permission)) return 403;
  return target === 'own' ? resolveOk(request.ok, c) : (request.otherStatus ?? 404);
}

function resolveOk(ok, c) {
  return typeof ok === 'function' ? ok(c) : ok;
}

async function run(c, route, template, target) {
  const request = template[target](c);
  const data = request.prepare ? await request.prepare() : undefined;
  const path = typeof request.path === 'function' ? request.path(data) : request.path;
  const init = { method: request.method ?? (request.json ? 'POST' : 'GET') };
  if (request.json) init.json = request.json;
  const response = await authed(server, c.session, path, init);
  const text = await response.text();
  const expected = expectedStatus(c, route, template, target, request);
  const label = routeKey(route) + (target === 'other' ? ' [autre org]' : '');
  const problems = [];
  if (response.status !== expected) problems.push(`expected ${expected}, got ${response.status}: ${text.slice(0, 200)}`);
  if (response.status >= 200 && response.status < 300 && request.check && response.headers.get('content-type')?.startsWith('application/json')) {
    const wrong = request.check(c, JSON.parse(text));
    if (wrong) problems.push(wrong);
  }
  if (request.verify && (response.status < 200 || response.status >= 300)) {
    const changed = await request.verify(data);
    if (changed) problems.push(changed);
  }
  if (!results.has(c.name)) results.set(c.name, new Map());
  results.get(c.name).set(label, response.status + (problems.length ? '!' : ''));
  for (const p of problems) mismatches.push(`${c.name} × ${label} (${path}): ${p}`);
  return problems;
}

before(async () => {
  server = await startServer({ demo: true });
  for (const org of [1, 2]) {
    const page = await (await api(server, `/api/v1/accounts?organisation=${org}&limit=200`)).json();
    fixtures.accounts[org] = Object.fromEntries(page.items.map((a) => [a.email, a]));
    fixtures.secondFactor[org] = (await (await api(server, `/api/v1/second-factor-rules?organisation=${org}`)).json()).roles;
  }
  fixtures.secondFactor.platform = (await (await api(server, '/api/v1/second-factor-rules')).json()).roles;
  // Establishments: each organisation's first one, an archived one, an open capacity period.
  for (const [org, id] of [[1, 1], [2, 13]]) {
    const detail = await (await api(server, `/api/v1/establishments/${id}`)).json();
    fixtures.establishment[org] = detail;
    fixtures.organisation[org] = await (await api(server, `/api/v1/organisations/${org}`)).json();
    let open = detail.capacities.find((p) => p.status === 'authorised' && p.effective_to === null);
    if (!open) {
      const r = await api(server, `/api/v1/establishments/${id}/capacities`,
        jsonBody({ care_mode: '14', status: 'authorised', places: 10, effective_from: '2020-01-01' }));
      open = await r.json();
    }
    fixtures.capacity[org] = open;
    const created = await api(server, '/api/v1/establishments', jsonBody({
      organisation_id: org, finess_et: org === 1 ? '690099999' : '420099996', name: `Archivé ${org}`, category_code: '183' }));
    assert.equal(created.status, 201, await created.clone().text());
    const archived = await created.json();
    assert.equal((await api(server, `/api/v1/establishments/${archived.id}/archive`, { method: 'POST' })).status, 200);
    fixtures.archived[org] = archived.id;
  }
  for (const c of callers) if (c.email) c.session = await signInDemo(server, c.email);
  // A person in each organisation's first establishment, admitted there (by its director).
  for (const org of [1, 2]) {
    const director = callers.find((c) => c.role === 'director' && c.org === org);
    const created = await authed(server, director.session, '/api/v1/persons', { json: {
      establishment_id: fixtures.establishment[org].id, birth_name: org === 1 ? 'Matriceun' : 'Matricedeux',
      first_names: ['Test'], sex: 'F', birth_date: `2010-01-0${org}` } });
    assert.equal(created.status, 201, await created.clone().text());
    fixtures.person[org] = await created.json();
    const stay = await authed(server, director.session, `/api/v1/persons/${fixtures.person[org].id}/stays`, { json: {
      establishment_id: fixtures.establishment[org].id, care_mode: '13', admission_date: '2024-09-01', origin: 'home' } });
    assert.equal(stay.status, 201, await stay.clone().text());
    fixtures.stay[org] = await stay.json();
    // A session of its own for the checks (the callers' sessions end with DELETE /api/v1/session).
    fixtures.director[org] = await signInDemo(server, director.email);
    // A second record (the merge a foreign director must not make), a waiting request, a legal
    // protection measure, a trusted person, and one day of attendance.
    const post = async (path, json, status = 201) => {
      const r = await authed(server, director.session, path, { json });
      assert.equal(r.status, status, `${path}: ${await r.clone().text()}`);
      return r.json();
    };
    const base = `/api/v1/persons/${fixtures.person[org].id}`;
    fixtures.duplicate[org] = await post('/api/v1/persons', {
      establishment_id: fixtures.establishment[org].id, birth_name: org === 1 ? 'Matriceundouble' : 'Matricedeuxdouble',
      first_names: ['Test'], sex: 'F', birth_date: `2011-01-0${org}` });
    fixtures.request[org] = await post(`${base}/admission-requests`, {
      establishment_id: fixtures.establishment[org].id, care_mode: '11', received_date: '2025-01-06', comment: 'matrice' });
    fixtures.protection[org] = await post(`${base}/protections`, {
      kind: 'curatelle_simple', start_date: '2024-01-01', protector_kind: 'family', protector_name: 'Matrice Protecteur' });
    fixtures.contact[org] = await post(`${base}/contacts`, { kind: 'trusted_person', last_name: 'Confiance', first_name: 'Test' });
    const put = await authed(server, director.session, '/api/v1/attendance', { method: 'PUT', json: {
      establishment_id: fixtures.establishment[org].id, care_mode: '13', month: '2024-09',
      entries: [{ stay_id: fixtures.stay[org].id, date: '2024-09-02', status: 'present' }] } });
    assert.equal(put.status, 200, await put.clone().text());
    // A validated support plan, review due in 10 days; then a new version, signed by the person only.
    const plans = `${base}/plans`;
    const first = await post(plans, planContent(fixtures.establishment[org].id));
    for (const signatory of ['person', 'referent', 'director'])
      await post(`${plans}/${first.id}/signatures`, { signatory, name: `Signature ${signatory}`, signed_on: '2025-01-06' });
    const inTenDays = new Date(Date.now() + 10 * 86400e3).toISOString().slice(0, 10);
    fixtures.plan[org] = await post(`${plans}/${first.id}/validate`, { review_due: inTenDays }, 200);
    const second = await post(plans, planContent(fixtures.establishment[org].id));
    fixtures.draft[org] = await post(`${plans}/${second.id}/signatures`, { signatory: 'person', name: 'Signature person', signed_on: '2025-01-06' });
  }
  for (const part of parts) if (part.setup) for (const org of [1, 2]) await part.setup(context, org, fixtures.director[org]);
});
after(async () => { await server?.stop(); });

test('every route the server has has a request template, and every template a route', () => {
  const keys = routes.map(routeKey);
  const missing = keys.filter((k) => !templates[k]);
  const stale = Object.keys(templates).filter((k) => !keys.includes(k));
  assert.deepEqual(missing, [], 'routes without a template in tests/js/api/matrix.test.mjs');
  assert.deepEqual(stale, [], 'templates of routes the server no longer has');
  for (const r of routes) if (r.permission) {
    const [brick, category, action] = r.permission.split('.');
    assert.ok(['read', 'write', 'export'].includes(action), `${routeKey(r)}: action ${action}`);
    assert.ok(policy.some((p) => p.brick === brick && p.category === category), `${routeKey(r)}: ${r.permission} is granted to some role`);
  }
});

for (const c of callers) {
  const who = c.role ? `${c.name} (${c.email})` : 'an anonymous caller';
  test(`${who} gets what the policy says on every route`, async () => {
    const ordered = [...routes.filter((r) => !templates[routeKey(r)]?.last), ...routes.filter((r) => templates[routeKey(r)]?.last)];
    const problems = [];
    for (const route of ordered) {
      const template = templates[routeKey(route)];
      if (!template) continue; // reported by the first test
      problems.push(...(await run(c, route, template, 'own')).map((p) => `${routeKey(route)}: ${p}`));
      // The other organisation: for routes that name one, for signed-in callers of an organisation
      // (the platform has no other organisation; an anonymous caller is refused before any lookup).
      if (template.other && c.role && !c.platform)
        problems.push(...(await run(c, route, template, 'other')).map((p) => `${routeKey(route)} [autre org]: ${p}`));
    }
    assert.deepEqual(problems, []);
  });
}

test('summary: role × route → status', (t) => {
  const names = callers.map((c) => c.name);
  const short = (n) => n.replace('organisation_admin', 'org_admin').replace('data_protection_officer', 'dpo')
    .replace('head_of_service', 'head_serv').replace('care_professional', 'care_pro').replace('quality_manager', 'quality')
    .replace('external_reader', 'ext_read').replace('platform_admin', 'platform');
  const labels = [];
  for (const r of routes) {
    labels.push(routeKey(r));
    if (templates[routeKey(r)]?.other) labels.push(routeKey(r) + ' [autre org]');
  }
  const width = Math.max(...labels.map((l) => l.length));
  const columns = names.map((n) => Math.max(short(n).length, 4));
  t.diagnostic(`${'route'.padEnd(width)} | ${names.map((n, i) => short(n).padEnd(columns[i])).join(' ')}`);
  for (const label of labels) {
    const cells = names.map((n, i) => (results.get(n)?.get(label) ?? '—').padEnd(columns[i]));
    t.diagnostic(`${label.padEnd(width)} | ${cells.join(' ')}`);
  }
  t.diagnostic(`(! marks a status or an answer that is not what the policy says; — not applicable)`);
  assert.deepEqual(mismatches, []);
});
