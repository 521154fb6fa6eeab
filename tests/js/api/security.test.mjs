// Attacks on accounts, sessions and the audit trail, against the real binary with the demo data:
// each refusal gets the right status, changes nothing (the state is read back), and is in the
// audit trail where the rules say so (read through the API, as the organisation's DPO would).
//
// Sign-in throttling counts failures per address (20 in 15 minutes): tests that fail sign-ins on
// purpose send them from their own loopback address (127.0.0.x, option `from`), so they cannot
// lock each other out. Every sign-in hashes with argon2id (~0.1-0.3 s): sessions are opened once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, jsonBody } from '../lib/server.mjs';
import {
  signIn, signInDemo, authed, bearer, request, demoPassword, demoTotpSecret, freshTotp, totp, totpStep,
  markTotpUsed, setCookie,
} from '../lib/session.mjs';

let server;
const sessions = {};   // demo sessions opened once: admin, educator, dpo, horizon
const accountIds = {}; // email → id
let counter = 0;

// A request id of our own: the audit trail records it, which ties an event to one request.
const rid = (label) => `sec-${label}-${++counter}-${process.pid}`;

const rhone = (local) => `${local}@passerelles-rhone.demo`;
const created = {
  change: { email: rhone('changement.mdp'), name: 'Compte Changement', password: 'Ancien-Secret-Rhone-2026' },
  reset: { email: rhone('reinit.lien'), name: 'Compte Lien', password: 'Ancien-Secret-Loire-2026' },
  totp: { email: rhone('second.facteur'), name: 'Compte Totp', password: 'Ancien-Secret-Saone-2026' },
  formula: { email: '=1+1@passerelles-rhone.demo', name: 'Compte Formule', password: 'Ancien-Secret-Ain-2026' },
};

async function problem(response, status, type) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  const body = JSON.parse(text);
  assert.equal(body.status, status);
  if (type) assert.equal(body.type, `/problems/${type}`);
  return body;
}

async function json(response, status = 200) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const fields = (p) => p.errors.map((e) => e.field).sort();

// Every event of organisation 1's trail matching the filters, as the DPO reads it (all pages).
async function trail(filters = {}) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ ...filters, limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await json(await authed(server, sessions.dpo, `/api/v1/audit?${query}`));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// The event a request wrote (found by its request id), or undefined.
async function eventOf(requestId, filters = {}, read = trail) {
  return (await read(filters)).find((e) => e.request_id === requestId);
}

async function accountOf(id) {
  return json(await api(server, `/api/v1/accounts/${id}`));
}

before(async () => {
  server = await startServer({ demo: true });
  for (const org of [1, 2]) {
    const page = await json(await api(server, `/api/v1/accounts?organisation=${org}&limit=200`));
    for (const a of page.items) accountIds[a.email] = a.id;
  }
  // Accounts that the tests change for good (password, second factor), so the demo ones stay usable.
  for (const a of Object.values(created)) {
    const r = await api(server, '/api/v1/accounts', jsonBody({
      email: a.email, display_name: a.name, organisation_id: 1, password: a.password,
      grants: [{ role: 'educator', establishment_id: 1 }],
    }));
    accountIds[a.email] = (await json(r, 201)).id;
  }
  sessions.admin = await signInDemo(server, rhone('admin'));
  sessions.educator = await signInDemo(server, rhone('educateur'));
  sessions.dpo = await signInDemo(server, rhone('dpo'));
  sessions.horizon = await signInDemo(server, 'admin@horizon-loire.demo');
});
after(async () => { await server?.stop(); });

// ---------------------------------------------------------------------------------------------
// Signing in

test('a wrong password and an unknown email get the same 401, and the failure is in the trail', async () => {
  const from = '127.0.0.11';
  const wrongId = rid('wrong-password');
  const wrong = await signIn(server, rhone('educateur'), 'Pas-Le-Bon-Mot-De-Passe', { from, headers: { 'x-request-id': wrongId } });
  const unknownId = rid('unknown-email');
  const unknown = await signIn(server, rhone('personne.inconnue'), demoPassword, { from, headers: { 'x-request-id': unknownId } });
  for (const s of [wrong, unknown]) {
    assert.equal(s.status, 401);
    assert.equal(s.body.type, '/problems/unauthorized');
    assert.equal(s.cookie, null, 'no session cookie');
  }
  assert.equal(wrong.body.detail, 'Adresse électronique ou mot de passe incorrect.');
  assert.deepEqual(unknown.body, wrong.body, 'nothing tells an unknown email from a wrong password');

  const event = await eventOf(wrongId, { action: 'sign_in' });
  assert.ok(event, 'the failed sign-in is in the trail');
  assert.equal(event.outcome, 'failure');
  assert.equal(event.account_id, accountIds[rhone('educateur')]);
  assert.equal(event.account, rhone('educateur'));
  assert.equal(event.client_address, from);
  // An unknown email belongs to no organisation: the event is written (organisation_id null) but no
  // organisation's DPO can read it; it must at least not land in organisation 1's trail.
  assert.equal(await eventOf(unknownId, { action: 'sign_in' }), undefined);
});

test('SQL injection strings in the email or the password get 401 and change nothing', async () => {
  const from = '127.0.0.12';
  const before = await json(await authed(server, sessions.admin, '/api/v1/accounts?limit=200'));
  const injections = ["' OR '1'='1", "' OR '1'='1' --", `${rhone('admin')}' --`, 'admin@x\' --', '"; DROP TABLE account; --'];
  for (const email of injections) {
    const s = await signIn(server, email, demoPassword, { from });
    assert.equal(s.status, 401, `email ${email}`);
    assert.equal(s.body.detail, 'Adresse électronique ou mot de passe incorrect.');
  }
  for (const password of ["' OR '1'='1", "x' OR 'x'='x' --", '"; DROP TABLE account; --']) {
    const s = await signIn(server, rhone('qualite'), password, { from });
    assert.equal(s.status, 401, `password ${password}`);
  }
  assert.equal((await fetch(server.base + '/healthz')).status, 200);
  const after = await json(await authed(server, sessions.admin, '/api/v1/accounts?limit=200'));
  assert.deepEqual(after.items.map((a) => [a.id, a.email, a.disabled]), before.items.map((a) => [a.id, a.email, a.disabled]),
    'the account table is intact');
  // The server still signs people in.
  assert.equal((await signIn(server, rhone('directrice'), demoPassword, { from })).status, 200);
});

test('malformed sign-in bodies get 400, 415 or 422 naming the field, and no session', async () => {
  const post = (body, type = 'application/json') =>
    request(server, '/api/v1/session', { method: 'POST', headers: { 'content-type': type }, body, from: '127.0.0.13' });
  let p = await problem(await post('{"email": "x@y.fr", '), 400);
  assert.deepEqual(fields(p), ['body']);
  await problem(await post(JSON.stringify({ email: rhone('educateur'), password: demoPassword }), 'text/plain'), 415);
  p = await problem(await post('[]'), 422);
  assert.deepEqual(fields(p), ['body']);
  p = await problem(await post(JSON.stringify({ email: rhone('educateur'), password: demoPassword, role: 'platform_admin' })), 422);
  assert.deepEqual(fields(p), ['role']);
  p = await problem(await post(JSON.stringify({ email: 42, password: true })), 422);
  assert.deepEqual(fields(p), ['email', 'password']);
  p = await problem(await post(JSON.stringify({ email: rhone('educateur') })), 422);
  assert.deepEqual(fields(p), ['password']);
  p = await problem(await post(JSON.stringify({ email: rhone('educateur'), password: demoPassword, totp: 123456 })), 422);
  assert.deepEqual(fields(p), ['totp']);
  p = await problem(await post(JSON.stringify({ email: 'x'.repeat(300) + '@y.fr', password: demoPassword })), 422);
  assert.deepEqual(fields(p), ['email']);
});

test('the session cookie is HttpOnly, SameSite=Strict, Path=/ and Secure only behind TLS', async () => {
  const attributes = (line) => line.split(';').slice(1).map((a) => a.trim().toLowerCase());
  const plain = attributes(sessions.educator.setCookie);
  assert.match(sessions.educator.cookie, /^passerelle_session=pss_[A-Za-z0-9_-]{20,}$/);
  for (const a of ['httponly', 'samesite=strict', 'path=/', 'max-age=43200']) assert.ok(plain.includes(a), `${a} in ${plain}`);
  assert.ok(!plain.includes('secure'), 'no Secure on plain http (the browser would drop the cookie)');
  assert.ok(!plain.some((a) => a.startsWith('domain=')), 'host-only cookie');

  const tls = await signIn(server, rhone('educateur'), demoPassword, { headers: { 'x-forwarded-proto': 'https' } });
  assert.equal(tls.status, 200);
  const behindProxy = attributes(tls.setCookie);
  for (const a of ['httponly', 'samesite=strict', 'path=/', 'secure']) assert.ok(behindProxy.includes(a), `${a} in ${behindProxy}`);
  // The token never appears in the JSON body.
  assert.ok(!JSON.stringify(tls.body).includes(tls.cookie.split('=')[1]));
});

// ---------------------------------------------------------------------------------------------
// Throttling

let throttledRequestId;

test('five failures lock one account (429, even with the right password); other accounts from the address sign in until 20 failures', async () => {
  const from = '127.0.0.20';
  const victim = rhone('secretaire');
  for (let i = 0; i < 5; i++) assert.equal((await signIn(server, victim, `Mauvais-Essai-${i}-xyz`, { from })).status, 401);
  throttledRequestId = rid('throttled');
  const locked = await signIn(server, victim, demoPassword, { from, headers: { 'x-request-id': throttledRequestId } });
  assert.equal(locked.status, 429);
  assert.equal(locked.body.type, '/problems/too-many-requests');
  assert.equal(locked.body.title, 'Trop de tentatives');
  assert.match(locked.body.detail, /Trop de tentatives de connexion échouées\. Réessayez dans 15 minutes/);
  assert.equal(locked.cookie, null);
  // From elsewhere too: the lock is on the account, not only on the address.
  assert.equal((await signIn(server, victim, demoPassword, { from: '127.0.0.21' })).status, 429);

  // Another account from the same address is still let in...
  assert.equal((await signIn(server, rhone('cheffe.service'), demoPassword, { from })).status, 200);
  // ...until the address has 20 failures (5 above, 15 more on made-up emails).
  for (let i = 0; i < 15; i++) assert.equal((await signIn(server, rhone(`devine${i}`), 'Essai-Au-Hasard-2026', { from })).status, 401);
  const addressLocked = await signIn(server, rhone('cheffe.service'), demoPassword, { from });
  assert.equal(addressLocked.status, 429);
  assert.equal(addressLocked.body.type, '/problems/too-many-requests');
  // The same account from another address is fine: that limit is per address.
  assert.equal((await signIn(server, rhone('cheffe.service'), demoPassword, { from: '127.0.0.22' })).status, 200);

  // The five failures are in organisation 1's trail.
  const failures = (await trail({ action: 'sign_in', account: accountIds[victim] }))
    .filter((e) => e.outcome === 'failure' && e.client_address === from);
  assert.equal(failures.length, 5);
});

// BUG (reported): a throttled attempt is audited with organisation_id and account_id null
// (src/auth/sessions.cpp, sign_in: sign_in_event(r, nullopt, nullopt, "denied", "throttled")), so the
// DPO of the organisation whose account is being attacked never sees the lock in the trail.
test('a throttled sign-in on an account is in the trail of that account\'s organisation', async () => {
  assert.ok(throttledRequestId, 'runs after the throttling test');
  const event = await eventOf(throttledRequestId, { action: 'sign_in' });
  assert.ok(event, 'the throttled attempt on secretaire@ is visible to organisation 1\'s DPO');
  assert.equal(event.outcome, 'denied');
  assert.equal(event.account, rhone('secretaire'));
});

// ---------------------------------------------------------------------------------------------
// Sessions

test('GET /api/v1/session gives the account, its grants and the bricks its roles open', async () => {
  const educator = await json(await authed(server, sessions.educator, '/api/v1/session'));
  assert.deepEqual(educator.account, {
    id: accountIds[rhone('educateur')], email: rhone('educateur'), display_name: 'Karim Benali', organisation_id: 1,
  });
  assert.equal(educator.grants.length, 1);
  assert.deepEqual({ ...educator.grants[0], role_label: undefined },
    { role: 'educator', role_label: undefined, organisation_id: 1, establishment_id: 1 });
  assert.ok(educator.grants[0].role_label.length > 0);
  assert.deepEqual(educator.bricks, ['establishments', 'persons', 'surveys', 'collaboration']);
  assert.equal(educator.csrf_token, sessions.educator.csrf);
  assert.deepEqual(educator.second_factor, { enrolled: false, pending: false });
  assert.doesNotMatch(JSON.stringify(educator), /hash|argon|password|pss_/i, 'no secret in the answer');

  const dpo = await json(await authed(server, sessions.dpo, '/api/v1/session'));
  assert.ok(dpo.bricks.includes('gdpr') && !dpo.bricks.includes('administration'));
  assert.deepEqual(dpo.second_factor, { enrolled: true, pending: false });
  const admin = await json(await authed(server, sessions.admin, '/api/v1/session'));
  assert.ok(admin.bricks.includes('administration') && !admin.bricks.includes('persons') && !admin.bricks.includes('gdpr'));
  await problem(await fetch(server.base + '/api/v1/session'), 401, 'unauthorized');
});

test('a forged, truncated or oversized session cookie is anonymous: 401', async () => {
  const real = sessions.educator.cookie.split('=')[1];
  for (const value of ['pss_forged', 'pss_' + 'A'.repeat(43), real.slice(0, -1), real + 'x', real + 'A'.repeat(200), '', "' OR '1'='1"]) {
    const headers = { cookie: `passerelle_session=${value}` };
    await problem(await fetch(server.base + '/api/v1/session', { headers }), 401, 'unauthorized');
    await problem(await fetch(server.base + '/api/v1/establishments', { headers }), 401, 'unauthorized');
    // A state-changing request with a forged cookie is 401, not a CSRF 403: there is no session.
    await problem(await fetch(server.base + '/api/v1/session/totp',
      { method: 'POST', headers: { ...headers, 'x-csrf-token': sessions.educator.csrf } }), 401);
  }
  // The cookie of another name, or the value in another header, is not a session either.
  await problem(await fetch(server.base + '/api/v1/session', { headers: { cookie: `session=${real}` } }), 401);
  await problem(await fetch(server.base + '/api/v1/session', { headers: { authorization: `Bearer ${real}` } }), 401);
});

test('signing out revokes the session server-side, clears the cookie, and is in the trail', async () => {
  const s = await signInDemo(server, rhone('directrice'), { from: '127.0.0.14' });
  // Signing out is state-changing: without the CSRF token a third-party page cannot do it.
  await problem(await authed(server, s, '/api/v1/session', { method: 'DELETE', csrf: null }), 403);
  assert.equal((await authed(server, s, '/api/v1/session')).status, 200, 'still signed in');
  const id = rid('sign-out');
  const r = await authed(server, s, '/api/v1/session', { method: 'DELETE', headers: { 'x-request-id': id } });
  assert.equal(r.status, 204);
  assert.match(setCookie(r), /^passerelle_session=;.*Max-Age=0/);
  await problem(await authed(server, s, '/api/v1/session'), 401);
  await problem(await authed(server, s, '/api/v1/establishments'), 401);
  const event = await eventOf(id, { action: 'sign_out' });
  assert.ok(event, 'the sign-out is in the trail');
  assert.equal(event.account_id, accountIds[rhone('directrice')]);
});

test('a password change refuses weak passwords naming new_password, then closes every session of the account', async () => {
  const a = created.change;
  const from = '127.0.0.15';
  const first = await signIn(server, a.email, a.password, { from });
  const second = await signIn(server, a.email, a.password, { from });
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  const change = (current, next, session = first) =>
    authed(server, session, '/api/v1/session/password', { json: { current_password: current, new_password: next } });

  let p = await problem(await change('Pas-Le-Mot-Actuel-2026', 'Nouveau-Secret-Tres-Long-2026'), 422, 'validation');
  assert.deepEqual(fields(p), ['current_password']);
  for (const weak of ['motdepasse123', 'azertyuiop12', 'Court-9x', 'MOTDEPASSE123!', 'changement-2026-rhone', 'Compte-Secret-Long-2026']) {
    p = await problem(await change(a.password, weak), 422, 'validation');
    assert.deepEqual(fields(p), ['new_password'], `"${weak}" is refused`);
  }
  p = await problem(await change(a.password, 'Nouveau-Secret-Tres-Long-2026', { ...first, csrf: null }), 403);
  // None of the refusals changed anything.
  assert.equal((await authed(server, first, '/api/v1/session')).status, 200);
  assert.equal((await authed(server, second, '/api/v1/session')).status, 200);

  const id = rid('password-change');
  const next = 'Nouveau-Secret-Tres-Long-2026';
  const r = await authed(server, first, '/api/v1/session/password',
    { json: { current_password: a.password, new_password: next }, headers: { 'x-request-id': id } });
  assert.equal(r.status, 204);
  assert.match(setCookie(r), /Max-Age=0/);
  await problem(await authed(server, first, '/api/v1/session'), 401);
  await problem(await authed(server, second, '/api/v1/session'), 401, undefined);
  assert.equal((await signIn(server, a.email, a.password, { from })).status, 401, 'the old password no longer works');
  assert.equal((await signIn(server, a.email, next, { from })).status, 200, 'the new one does');
  const event = await eventOf(id, { action: 'update', account: accountIds[a.email] });
  assert.ok(event, 'the change is in the trail');
  assert.deepEqual(event.fields, ['password']);
  assert.ok(!JSON.stringify(event).includes(next), 'the password itself is never logged');
});

// ---------------------------------------------------------------------------------------------
// CSRF

test('a state-changing request with the session cookie needs the right X-CSRF-Token; the refusal is audited', async () => {
  const target = accountIds['financeur@ars-ara.demo'];
  const path = `/api/v1/accounts/${target}`;
  const name = (await accountOf(target)).display_name;
  const tokensBefore = (await json(await authed(server, sessions.admin, '/api/v1/api-tokens'))).items.length;

  const missing = rid('csrf-missing');
  let p = await problem(await authed(server, sessions.admin, path,
    { method: 'PATCH', json: { display_name: 'Piraté' }, csrf: null, headers: { 'x-request-id': missing } }), 403, 'forbidden');
  assert.match(p.detail, /X-CSRF-Token/);
  const wrong = rid('csrf-wrong');
  await problem(await authed(server, sessions.admin, path,
    { method: 'PATCH', json: { display_name: 'Piraté' }, csrf: 'forged-token', headers: { 'x-request-id': wrong } }), 403);
  // Another session's token is not this session's token.
  await problem(await authed(server, sessions.admin, path,
    { method: 'PATCH', json: { display_name: 'Piraté' }, csrf: sessions.educator.csrf }), 403);
  await problem(await authed(server, sessions.admin, path,
    { method: 'PATCH', json: { display_name: 'Piraté' }, csrf: '' }), 403);
  await problem(await authed(server, sessions.admin, '/api/v1/api-tokens',
    { json: { name: 'csrf', access: 'read', bricks: ['establishments'] }, csrf: null }), 403);
  assert.equal((await accountOf(target)).display_name, name, 'nothing changed');
  assert.equal((await json(await authed(server, sessions.admin, '/api/v1/api-tokens'))).items.length, tokensBefore);

  // With the token it works.
  const changed = await json(await authed(server, sessions.admin, path, { method: 'PATCH', json: { display_name: 'Pierre Rousseau' } }));
  assert.equal(changed.display_name, 'Pierre Rousseau');
  await json(await authed(server, sessions.admin, path, { method: 'PATCH', json: { display_name: name } }));

  for (const id of [missing, wrong]) {
    const event = await eventOf(id, { action: 'access' });
    assert.ok(event, `the CSRF refusal ${id} is in the trail`);
    assert.equal(event.outcome, 'denied');
    assert.equal(event.account_id, accountIds[rhone('admin')]);
    assert.equal(event.object_id, `PATCH ${path}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Second factor

test('the DPO signs in with a TOTP code: none → required, wrong → invalid, right → 200, replayed → invalid', async () => {
  const from = '127.0.0.30';
  const dpo = rhone('dpo');
  const none = await signIn(server, dpo, demoPassword, { from });
  assert.equal(none.status, 401);
  assert.equal(none.body.type, '/problems/second-factor-required');
  assert.deepEqual(fields(none.body), ['totp']);
  assert.equal(none.cookie, null);

  const now = Date.now() / 1000;
  const valid = new Set([-1, 0, 1].map((d) => totp(demoTotpSecret, now + 30 * d)));
  const wrongCode = ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c));
  const wrongId = rid('totp-wrong');
  const wrong = await signIn(server, dpo, demoPassword, { from, totp: wrongCode, headers: { 'x-request-id': wrongId } });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.type, '/problems/second-factor-invalid');
  assert.deepEqual(fields(wrong.body), ['totp']);
  assert.equal(wrong.cookie, null);
  // Five failures lock the account (see the throttling test): this test spends exactly five.
  assert.equal((await signIn(server, dpo, demoPassword, { from, totp: '12345' })).body.type, '/problems/second-factor-invalid');
  // A wrong password with a right code is still a wrong password.
  assert.equal((await signIn(server, dpo, 'Pas-Le-Bon-2026-x', { from, totp: totp(demoTotpSecret) })).body.type, '/problems/unauthorized');

  const code = await freshTotp(demoTotpSecret);
  const right = await signIn(server, dpo, demoPassword, { from, totp: code });
  assert.equal(right.status, 200);
  assert.deepEqual(right.body.second_factor, { enrolled: true, pending: false });
  const replayId = rid('totp-replay');
  const replay = await signIn(server, dpo, demoPassword, { from, totp: code, headers: { 'x-request-id': replayId } });
  assert.equal(replay.status, 401, 'a code works once');
  assert.equal(replay.body.type, '/problems/second-factor-invalid');
  // The DPO has no recovery codes (enrolled by the demo loader): any code is wrong.
  const recovery = await signIn(server, dpo, demoPassword, { from, recoveryCode: '7KQ2-M9XD-4TPA' });
  assert.equal(recovery.body.type, '/problems/second-factor-invalid');
  assert.deepEqual(fields(recovery.body), ['recovery_code']);

  for (const id of [wrongId, replayId]) {
    const event = await eventOf(id, { action: 'sign_in', account: accountIds[dpo] });
    assert.ok(event, 'the refused code is in the trail');
    assert.equal(event.outcome, 'failure');
  }
});

test('a role made mandatory must enrol before anything else; recovery codes work once', async (t) => {
  const a = created.totp;
  const from = '127.0.0.31';
  const rules = '/api/v1/second-factor-rules';
  const original = await json(await authed(server, sessions.admin, rules));
  assert.deepEqual(original.roles, ['data_protection_officer']);
  await problem(await authed(server, sessions.educator, rules, { method: 'PUT', json: { roles: [] } }), 403);
  let p = await problem(await authed(server, sessions.admin, rules, { method: 'PUT', json: { roles: ['educator', 'roi'] } }), 422);
  assert.deepEqual(fields(p), ['roles/1']);
  const put = await json(await authed(server, sessions.admin, rules,
    { method: 'PUT', json: { roles: ['data_protection_officer', 'educator'] } }));
  assert.deepEqual(put.roles.sort(), ['data_protection_officer', 'educator']);
  // Open sessions of educators who have not enrolled end at once: they must enrol at their next sign-in.
  await problem(await authed(server, sessions.educator, '/api/v1/session'), 401, 'unauthorized');
  t.after(async () => {
    await json(await authed(server, sessions.admin, rules, { method: 'PUT', json: { roles: original.roles } }));
    sessions.educator = await signInDemo(server, rhone('educateur'));
  });

  const pending = await signIn(server, a.email, a.password, { from });
  assert.equal(pending.status, 200);
  assert.deepEqual(pending.body.second_factor, { enrolled: false, pending: true });
  const deniedId = rid('pending');
  await problem(await authed(server, pending, '/api/v1/establishments', { headers: { 'x-request-id': deniedId } }), 403, 'forbidden');
  await problem(await authed(server, pending, '/api/v1/organisations/1'), 403, 'forbidden');
  assert.equal((await authed(server, pending, '/api/v1/session')).status, 200, 'the session routes stay open');
  const denied = await eventOf(deniedId, { action: 'access', account: accountIds[a.email] });
  assert.ok(denied, 'the refusal is in the trail');

  const enrolment = await json(await authed(server, pending, '/api/v1/session/totp', { method: 'POST' }));
  assert.match(enrolment.secret, /^[A-Z2-7]{32}$/);
  assert.ok(enrolment.otpauth_uri.startsWith('otpauth://totp/Passerelle:'));
  assert.ok(enrolment.otpauth_uri.includes(`secret=${enrolment.secret}`));
  assert.match(enrolment.qr_svg, /<svg[\s\S]*<\/svg>/);
  p = await problem(await authed(server, pending, '/api/v1/session/totp/confirm', { json: { code: 'abcdef' } }), 422);
  assert.deepEqual(fields(p), ['code']);
  assert.equal((await authed(server, pending, '/api/v1/establishments')).status, 403, 'still pending after a wrong code');
  const step = totpStep();
  const confirmed = await json(await authed(server, pending, '/api/v1/session/totp/confirm',
    { json: { code: totp(enrolment.secret, step * 30) } }));
  markTotpUsed(enrolment.secret, step);
  assert.equal(confirmed.recovery_codes.length, 10);
  for (const c of confirmed.recovery_codes) assert.match(c, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  assert.equal(new Set(confirmed.recovery_codes).size, 10);
  // The same session now counts as having done its second factor.
  const establishments = await json(await authed(server, pending, '/api/v1/establishments'));
  assert.deepEqual(establishments.items.map((e) => e.id), [1]);
  await problem(await authed(server, pending, '/api/v1/session/totp', { method: 'POST' }), 409);

  const none = await signIn(server, a.email, a.password, { from });
  assert.equal(none.body.type, '/problems/second-factor-required');
  const [code1, code2] = confirmed.recovery_codes;
  const withRecovery = await signIn(server, a.email, a.password, { from, recoveryCode: code1 });
  assert.equal(withRecovery.status, 200);
  assert.deepEqual(withRecovery.body.second_factor, { enrolled: true, pending: false });
  assert.equal((await authed(server, withRecovery, '/api/v1/establishments')).status, 200);
  const again = await signIn(server, a.email, a.password, { from, recoveryCode: code1 });
  assert.equal(again.status, 401, 'a recovery code works once');
  assert.equal(again.body.type, '/problems/second-factor-invalid');
  // Typed in lower case without dashes, another code still works.
  const typed = await signIn(server, a.email, a.password, { from, recoveryCode: code2.replaceAll('-', '').toLowerCase() });
  assert.equal(typed.status, 200);
  const withCode = await signIn(server, a.email, a.password, { from, totp: await freshTotp(enrolment.secret) });
  assert.equal(withCode.status, 200);
});

// ---------------------------------------------------------------------------------------------
// Password reset links

test('an administrator\'s reset link sets a new password once; a reused or forged token is refused naming token', async () => {
  const a = created.reset;
  const from = '127.0.0.32';
  const id = accountIds[a.email];
  const open = await signIn(server, a.email, a.password, { from });
  assert.equal(open.status, 200);
  await problem(await authed(server, sessions.educator, `/api/v1/accounts/${id}/password-reset`, { method: 'POST' }), 403);
  const link = await json(await authed(server, sessions.admin, `/api/v1/accounts/${id}/password-reset`, { method: 'POST' }), 201);
  assert.match(link.token, /^prt_[A-Za-z0-9_-]{20,}$/);
  assert.ok(link.path.endsWith(link.token));
  const hours = (Date.parse(link.expires_at) - Date.now()) / 3600e3;
  assert.ok(hours > 23.9 && hours <= 24, `expires in 24 h (${hours})`);

  const reset = (token, password) =>
    request(server, '/api/v1/password-reset', { ...jsonBody({ token, new_password: password }), from });
  let p = await problem(await reset(link.token, 'motdepasse123'), 422);
  assert.deepEqual(fields(p), ['new_password']);
  // The refused attempt did not use the link up.
  const next = 'Printemps-Sur-La-Saone-77';
  const changeId = rid('reset');
  const r = await request(server, '/api/v1/password-reset',
    { ...jsonBody({ token: link.token, new_password: next }), from, headers: { 'content-type': 'application/json', 'x-request-id': changeId } });
  assert.equal(r.status, 204);
  await problem(await authed(server, open, '/api/v1/session'), 401, 'unauthorized');
  assert.equal((await signIn(server, a.email, a.password, { from })).status, 401);
  assert.equal((await signIn(server, a.email, next, { from })).status, 200);

  p = await problem(await reset(link.token, 'Encore-Un-Autre-Secret-2026'), 422);
  assert.deepEqual(fields(p), ['token']);
  for (const forged of ['prt_forged', link.token.slice(0, -1) + (link.token.endsWith('A') ? 'B' : 'A'), "' OR '1'='1"]) {
    p = await problem(await reset(forged, 'Encore-Un-Autre-Secret-2026'), 422);
    assert.deepEqual(fields(p), ['token']);
  }
  assert.equal((await signIn(server, a.email, next, { from })).status, 200, 'the password is still the one set by the link');
  const event = await eventOf(changeId, { action: 'update', account: id });
  assert.ok(event, 'the reset is in the trail');
  assert.deepEqual(event.fields, ['password']);
});

// ---------------------------------------------------------------------------------------------
// API tokens

test('a read-only API token reads its bricks only, never accounts or the trail, and stops at revocation', async () => {
  let p = await problem(await authed(server, sessions.admin, '/api/v1/api-tokens',
    { json: { name: 'x', access: 'read', bricks: ['administration'] } }), 422);
  assert.deepEqual(fields(p), ['bricks/0']);
  await problem(await authed(server, sessions.educator, '/api/v1/api-tokens',
    { json: { name: 'x', access: 'read', bricks: ['establishments'] } }), 403);
  const issued = await json(await authed(server, sessions.admin, '/api/v1/api-tokens',
    { json: { name: 'Entrepôt de données', access: 'read', bricks: ['establishments'] } }), 201);
  assert.match(issued.token, /^pst_/);
  assert.equal(issued.organisation_id, 1);
  const listed = await json(await authed(server, sessions.admin, '/api/v1/api-tokens'));
  assert.ok(listed.items.some((t) => t.id === issued.id));
  assert.ok(!JSON.stringify(listed).includes(issued.token), 'the token is shown once only');

  const token = issued.token;
  const establishments = await json(await bearer(server, token, '/api/v1/establishments?limit=200'));
  assert.deepEqual(establishments.items.map((e) => e.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal((await json(await bearer(server, token, '/api/v1/organisations/1'))).id, 1);
  const organisations = (await json(await api(server, '/api/v1/organisations?limit=200'))).items.length;
  await problem(await bearer(server, token, '/api/v1/organisations', { json: { name: 'Par jeton', legal_status: 'public' } }), 403);
  assert.equal((await json(await api(server, '/api/v1/organisations?limit=200'))).items.length, organisations, 'nothing created');
  await problem(await bearer(server, token, '/api/v1/accounts'), 403);
  await problem(await bearer(server, token, `/api/v1/accounts/${accountIds[rhone('admin')]}`), 403);
  await problem(await bearer(server, token, '/api/v1/api-tokens'), 403);
  await problem(await bearer(server, token, '/api/v1/audit'), 403);
  await problem(await bearer(server, token, '/api/v1/audit/export'), 403);
  await problem(await bearer(server, token, '/api/v1/second-factor-rules'), 403);
  await problem(await bearer(server, token, '/api/v1/session/totp', { method: 'POST' }), 403);

  // Revoked, it is refused.
  await problem(await authed(server, sessions.horizon, `/api/v1/api-tokens/${issued.id}`, { method: 'DELETE' }), 404);
  assert.equal((await bearer(server, token, '/api/v1/establishments')).status, 200, 'another organisation cannot revoke it');
  assert.equal((await authed(server, sessions.admin, `/api/v1/api-tokens/${issued.id}`, { method: 'DELETE' })).status, 204);
  await problem(await bearer(server, token, '/api/v1/establishments'), 401, 'unauthorized');
  await problem(await bearer(server, token, '/api/v1/session'), 401);
  await problem(await authed(server, sessions.admin, `/api/v1/api-tokens/${issued.id}`, { method: 'DELETE' }), 404);
  await problem(await bearer(server, 'pst_forged', '/api/v1/establishments'), 401);
  await problem(await bearer(server, 'pst_' + 'x'.repeat(500), '/api/v1/establishments'), 401);
  await problem(await fetch(server.base + '/api/v1/establishments', { headers: { authorization: `Basic ${token}` } }), 401);
});

test('an API token of organisation 2 sees organisation 2 only: organisation 1 is 404', async () => {
  const issued = await json(await authed(server, sessions.horizon, '/api/v1/api-tokens',
    { json: { name: 'Horizon', access: 'read_write', bricks: ['establishments'] } }), 201);
  assert.equal(issued.organisation_id, 2);
  const token = issued.token;
  await problem(await bearer(server, token, '/api/v1/organisations/1'), 404, 'not-found');
  assert.equal((await json(await bearer(server, token, '/api/v1/organisations/2'))).id, 2);
  assert.deepEqual((await json(await bearer(server, token, '/api/v1/organisations'))).items.map((o) => o.id), [2]);
  assert.deepEqual((await json(await bearer(server, token, '/api/v1/establishments'))).items.map((e) => e.id), [13, 14]);
  // Even read_write, an organisation's token does not create organisations (platform only).
  await problem(await bearer(server, token, '/api/v1/organisations', { json: { name: 'Par jeton', legal_status: 'public' } }), 403);
});

// ---------------------------------------------------------------------------------------------
// Organisations keep to themselves

test('another organisation\'s ids are 404, never 403, change nothing, and the refusal is in the caller\'s trail', async () => {
  const horizon = sessions.horizon;
  const educator = accountIds[rhone('educateur')];
  const ids = [];
  const send = async (path, init = {}) => {
    const id = rid('cross');
    ids.push([id, `${init.method ?? (init.json ? 'POST' : 'GET')} ${path}`]);
    return authed(server, horizon, path, { ...init, headers: { 'x-request-id': id } });
  };
  await problem(await send('/api/v1/organisations/1'), 404, 'not-found');
  await problem(await send(`/api/v1/accounts/${educator}`), 404, 'not-found');
  await problem(await send(`/api/v1/accounts/${educator}`, { method: 'PATCH', json: { display_name: 'Piraté', disabled: true } }), 404);
  await problem(await send(`/api/v1/accounts/${educator}/password-reset`, { method: 'POST' }), 404);
  await problem(await send('/api/v1/accounts', { json: {
    email: rhone('intrus'), display_name: 'Intrus', organisation_id: 1, grants: [{ role: 'organisation_admin' }] } }), 404);
  const account = await accountOf(educator);
  assert.equal(account.display_name, 'Karim Benali');
  assert.equal(account.disabled, false);
  assert.equal((await authed(server, sessions.educator, '/api/v1/session')).status, 200, 'the educator is still signed in');
  assert.ok(!(await json(await api(server, '/api/v1/accounts?organisation=1&limit=200'))).items.some((a) => a.email === rhone('intrus')));
  // Query parameters naming organisation 1 are ignored for an organisation's account: its own data only.
  assert.ok((await json(await authed(server, horizon, '/api/v1/accounts?organisation=1&limit=200'))).items.every((a) => a.organisation_id === 2));
  assert.deepEqual((await json(await authed(server, horizon, '/api/v1/establishments?limit=200'))).items.map((e) => e.id), [13, 14]);
  // A grant on organisation 1's establishment cannot be given to an organisation 2 account.
  const p = await problem(await authed(server, horizon, '/api/v1/accounts', { json: {
    email: 'espion@horizon-loire.demo', display_name: 'Espion', grants: [{ role: 'director', establishment_id: 1 }] } }), 422);
  assert.deepEqual(fields(p), ['grants/0/establishment_id']);

  // What can be observed: the refusals belong to the caller's organisation (2), whose trail only an
  // organisation-2 DPO reads, and organisation 2 has none in the demo. Its administrator makes one
  // (no second factor is required in organisation 2) and reads the events; organisation 1's trail
  // does not hold them.
  const dpo2 = { email: 'dpo@horizon-loire.demo', password: 'Registre-Des-Traitements-42' };
  await json(await authed(server, horizon, '/api/v1/accounts', { json: {
    email: dpo2.email, display_name: 'Déléguée Loire', password: dpo2.password, grants: [{ role: 'data_protection_officer' }] } }), 201);
  const dpoSession = await signIn(server, dpo2.email, dpo2.password);
  assert.equal(dpoSession.status, 200);
  const trail2 = [];
  let cursor = null;
  do {
    const page = await json(await authed(server, dpoSession, `/api/v1/audit?action=access&limit=100${cursor ? `&cursor=${cursor}` : ''}`));
    trail2.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  const trail1 = await trail({ action: 'access' });
  for (const [id, what] of ids) {
    const event = trail2.find((e) => e.request_id === id);
    assert.ok(event, `${what} is in organisation 2's trail`);
    assert.equal(event.outcome, 'denied');
    assert.equal(event.organisation_id, 2);
    assert.equal(event.account, 'admin@horizon-loire.demo');
    assert.equal(event.object_id, what);
    assert.ok(!trail1.some((e) => e.request_id === id), `${what} is not in organisation 1's trail`);
  }
  assert.ok(trail2.every((e) => e.organisation_id === 2));
});

// BUG (reported): GET/PATCH /api/v1/accounts/{id} and POST /api/v1/accounts/{id}/password-reset
// answer an id of another organisation with the detail "Cette ressource n'existe pas ou ne vous est
// pas accessible." (auth::require) but an unknown id with "Ce compte n'existe pas ou ne vous est pas
// accessible." (load_in_scope): the 404s differ, so account ids of other organisations can be probed.
test('an id of another organisation and an unknown id get the very same 404', async () => {
  const other = accountIds[rhone('educateur')];
  const cases = [
    ['GET', `/api/v1/accounts/${other}`, '/api/v1/accounts/987654', undefined],
    ['PATCH', `/api/v1/accounts/${other}`, '/api/v1/accounts/987654', { display_name: 'x' }],
    ['POST', `/api/v1/accounts/${other}/password-reset`, '/api/v1/accounts/987654/password-reset', undefined],
    ['GET', '/api/v1/organisations/1', '/api/v1/organisations/987654', undefined],
  ];
  const differences = [];
  for (const [method, existing, unknown, body] of cases) {
    const init = { method, ...(body ? { json: body } : {}) };
    const a = await problem(await authed(server, sessions.horizon, existing, init), 404);
    const b = await problem(await authed(server, sessions.horizon, unknown, init), 404);
    if (JSON.stringify(a) !== JSON.stringify(b))
      differences.push(`${method} ${existing}: "${a.detail}" but ${unknown}: "${b.detail}"`);
  }
  assert.deepEqual(differences, [], 'the answers tell another organisation\'s ids from unknown ones');
});

// ---------------------------------------------------------------------------------------------
// The audit trail

test('the DPO searches the trail by account and by period, only within the organisation', async () => {
  const educator = accountIds[rhone('educateur')];
  const byAccount = await trail({ account: educator });
  assert.ok(byAccount.length > 0);
  assert.ok(byAccount.every((e) => e.account_id === educator));
  assert.ok(byAccount.some((e) => e.action === 'sign_in' && e.outcome === 'success'));
  for (const key of ['id', 'at', 'account_id', 'account', 'role', 'organisation_id', 'establishment_id', 'action',
    'outcome', 'object_type', 'object_id', 'person_id', 'fields', 'client_address', 'request_id'])
    assert.ok(key in byAccount[0], `an event has ${key}`);

  const day = (offset) => new Date(Date.now() + offset * 86400e3).toISOString().slice(0, 10);
  const today = await trail({ from: day(0), to: day(1) });
  assert.ok(today.length > 0);
  assert.ok(today.every((e) => e.at >= day(0) && e.at < day(1)));
  assert.equal((await trail({ from: day(1) })).length, 0);
  assert.equal((await trail({ to: day(0), from: day(-3) })).length, 0);
  assert.equal((await trail({ from: '2000-01-01', to: '2000-01-02' })).length, 0);
  // Organisation 2 (a platform-only parameter) is ignored: the DPO sees organisation 1 only.
  const all = await trail({ organisation: '2' });
  assert.ok(all.length > 0 && all.every((e) => e.organisation_id === 1));
  assert.ok((await trail({ account: accountIds['admin@horizon-loire.demo'] })).length === 0);

  for (const bad of ['from=2026-13', 'from=hier', 'to=2026-01-01&from=2026-02-01', 'account=abc', 'account=-1', 'action=' + 'x'.repeat(50), 'cursor=forged', 'limit=0']) {
    await problem(await authed(server, sessions.dpo, `/api/v1/audit?${bad}`), 400, 'bad-request');
  }
  // Reading the trail is itself audited.
  const id = rid('read-trail');
  await json(await authed(server, sessions.dpo, '/api/v1/audit?limit=1', { headers: { 'x-request-id': id } }));
  const read = await eventOf(id, { action: 'read', account: accountIds[rhone('dpo')] });
  assert.ok(read);
  assert.equal(read.object_type, 'audit_trail');
});

test('the CSV export has a BOM and semicolons, neutralises formulas, and is audited', async () => {
  // An account whose email starts with "=": its failed sign-in puts that text in the trail.
  const formula = created.formula.email;
  assert.equal((await signIn(server, formula, 'Pas-Le-Bon-Mot-2026', { from: '127.0.0.40' })).status, 401);
  const id = rid('export');
  const r = await authed(server, sessions.dpo, '/api/v1/audit/export', { headers: { 'x-request-id': id } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="[^"]+\.csv"/);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.split('\r\n').filter(Boolean);
  assert.equal(lines[0].split(';').length, 14);
  assert.match(lines[0], /^id;horodatage;compte;/);
  assert.ok(lines.length > 10);
  assert.ok(text.includes(`"'${formula}"`), 'the formula is prefixed with an apostrophe');
  assert.ok(!text.includes(`"${formula}"`), 'never as it is');
  assert.ok(!/(^|;)"?[=+\-@]/m.test(text.split('\r\n').map((l) => l.replace(/^\d+;/, '')).join('\n')), 'no cell starts a formula');
  // Only organisation 1's events.
  assert.ok(!text.includes('admin@horizon-loire.demo'));
  const event = await eventOf(id, { action: 'export', account: accountIds[rhone('dpo')] });
  assert.ok(event, 'the export is in the trail');
  assert.equal(event.object_type, 'audit_trail');
});

test('the chain verifies intact; roles other than the DPO get 403 on the trail', async () => {
  const v = await json(await authed(server, sessions.dpo, '/api/v1/audit/verify'));
  assert.equal(v.intact, true);
  assert.ok(v.events_checked > 50);
  assert.equal(v.first_broken_id, null);
  for (const path of ['/api/v1/audit', '/api/v1/audit/export', '/api/v1/audit/verify']) {
    for (const s of [sessions.educator, sessions.admin, sessions.horizon])
      await problem(await authed(server, s, path), 403, 'forbidden');
    await problem(await api(server, path), 403);
    await problem(await fetch(server.base + path), 401);
  }
});
