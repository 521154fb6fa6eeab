// Signing in to a test server as a person would: session cookie, CSRF token, TOTP codes.
// Used by the API tests (tests/js/api/security*.test.mjs, matrix*.test.mjs) next to lib/server.mjs.
import http from 'node:http';
import { createHmac } from 'node:crypto';

export const demoPassword = 'Passerelle-Demo-2026';
// The demo DPO's published TOTP secret (Base32, SHA-1, 6 digits, 30 s), see src/app/demo.hpp.
export const demoTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

// The demo accounts (`serve --demo`), by role; org is the organisation, establishment the only one
// the grant covers (null: the whole organisation).
export const demoAccounts = [
  { email: 'plateforme@passerelle.demo', role: 'platform_admin', org: null, establishment: null },
  { email: 'admin@passerelles-rhone.demo', role: 'organisation_admin', org: 1, establishment: null },
  { email: 'directrice@passerelles-rhone.demo', role: 'director', org: 1, establishment: null },
  { email: 'cheffe.service@passerelles-rhone.demo', role: 'head_of_service', org: 1, establishment: 1 },
  { email: 'educateur@passerelles-rhone.demo', role: 'educator', org: 1, establishment: 1 },
  { email: 'infirmiere@passerelles-rhone.demo', role: 'care_professional', org: 1, establishment: 1 },
  { email: 'secretaire@passerelles-rhone.demo', role: 'secretary', org: 1, establishment: 1 },
  { email: 'qualite@passerelles-rhone.demo', role: 'quality_manager', org: 1, establishment: null },
  { email: 'dpo@passerelles-rhone.demo', role: 'data_protection_officer', org: 1, establishment: null, totpSecret: demoTotpSecret },
  { email: 'financeur@ars-ara.demo', role: 'external_reader', org: 1, establishment: null },
  { email: 'admin@horizon-loire.demo', role: 'organisation_admin', org: 2, establishment: null },
  { email: 'directeur@horizon-loire.demo', role: 'director', org: 2, establishment: null },
];

// ---------------------------------------------------------------------------------------------
// HTTP

// fetch(), or, when init.from names a local address (any of 127.0.0.0/8), the same request sent
// from that address with node:http: the server then sees another client address, which keeps the
// per-address sign-in throttling of one test away from the others. Returns a standard Response.
export async function request(server, path, init = {}) {
  const { from, ...rest } = init;
  if (!from) return fetch(server.base + path, rest);
  const headers = {};
  new Headers(rest.headers ?? {}).forEach((value, key) => { headers[key] = value; });
  const body = rest.body == null ? null : Buffer.from(rest.body);
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: server.port, path, method: rest.method ?? 'GET', headers,
      localAddress: from, agent: false,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const nullBody = [101, 204, 205, 304].includes(res.statusCode);
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status: res.statusCode, headers: h }));
      });
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// init.json, when present, becomes the JSON body (with its Content-Type).
function withJson(init) {
  if (!('json' in init)) return init;
  const { json, ...rest } = init;
  return {
    ...rest,
    method: rest.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(rest.headers ?? {}) },
    body: JSON.stringify(json),
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

// Sends a request as a signed-in session: the cookie, and for state-changing methods the
// X-CSRF-Token the session was given (init.csrf overrides it; csrf: null leaves it out).
export function authed(server, session, path, init = {}) {
  const { csrf, ...rest } = withJson(init);
  const method = (rest.method ?? 'GET').toUpperCase();
  const headers = { ...(rest.headers ?? {}) };
  if (session?.cookie) headers.cookie = session.cookie;
  const token = csrf === undefined ? session?.csrf : csrf;
  if (!safeMethods.has(method) && token != null) headers['x-csrf-token'] = token;
  return request(server, path, { ...rest, method, headers });
}

// Sends a request with an Authorization: Bearer token (API token or operator token).
export function bearer(server, token, path, init = {}) {
  const rest = withJson(init);
  return request(server, path, { ...rest, headers: { ...(rest.headers ?? {}), authorization: `Bearer ${token}` } });
}

// The value of one cookie from the Set-Cookie headers of a response (null when absent).
export function setCookie(response, name = 'passerelle_session') {
  for (const line of response.headers.getSetCookie()) {
    if (line.startsWith(name + '=')) return line;
  }
  return null;
}

// POST /api/v1/session. options: totp (a code), recoveryCode, from (client address), headers.
// Returns { status, body, cookie ("passerelle_session=…" or null), csrf, setCookie, response }.
export async function signIn(server, email, password, options = {}) {
  const json = { email, password };
  if (options.totp !== undefined) json.totp = options.totp;
  if (options.recoveryCode !== undefined) json.recovery_code = options.recoveryCode;
  const response = await request(server, '/api/v1/session', withJson({
    json, from: options.from, headers: options.headers ?? {},
  }));
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  const line = setCookie(response);
  const cookie = line ? line.split(';')[0] : null;
  return { status: response.status, body, cookie, csrf: body?.csrf_token ?? null, setCookie: line, response };
}

// Signs a demo account in (the DPO with a fresh TOTP code) and fails loudly when it does not work.
export async function signInDemo(server, email, options = {}) {
  const account = demoAccounts.find((a) => a.email === email);
  const totpCode = account?.totpSecret ? await freshTotp(account.totpSecret) : undefined;
  const s = await signIn(server, email, demoPassword, { ...(totpCode ? { totp: totpCode } : {}), ...options });
  if (s.status !== 200) throw new Error(`sign-in of ${email} answered ${s.status}: ${JSON.stringify(s.body)}`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// TOTP (RFC 6238 over HOTP, RFC 4226), SHA-1, 6 digits, 30 s steps

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = base32Alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not Base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function base32Encode(bytes) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of Buffer.from(bytes)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31];
  return out;
}

export const totpStepSeconds = 30;

export function totpStep(unixTime = Date.now() / 1000) {
  return Math.floor(unixTime / totpStepSeconds);
}

// The HOTP value of one counter (RFC 4226 section 5.3: dynamic truncation).
export function hotp(secretBase32, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// The TOTP code of a Base32 secret at a Unix time (seconds).
export function totp(secretBase32, unixTime = Date.now() / 1000, digits = 6) {
  return hotp(secretBase32, totpStep(unixTime), digits);
}

// Resolves once the clock enters the next 30 s step (and returns that step).
export async function waitNextTotpStep() {
  const next = totpStep() + 1;
  const delay = next * totpStepSeconds * 1000 - Date.now() + 20;
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  return next;
}

// A code the server has not seen yet for this secret: the server refuses a step it already
// accepted, and accepts one step of clock drift either way (RFC 6238 section 5.2). So the current
// step is used, then the next one; only when both are spent does this wait for the clock.
// Steps are remembered per secret in this process (each test file runs in its own process).
const lastUsedStep = new Map();
export async function freshTotp(secretBase32) {
  for (;;) {
    const current = totpStep();
    const candidate = Math.max(current, (lastUsedStep.get(secretBase32) ?? -1) + 1);
    if (candidate <= current + 1) {
      lastUsedStep.set(secretBase32, candidate);
      return hotp(secretBase32, candidate);
    }
    await waitNextTotpStep();
  }
}

// Records that a code of this step was accepted by the server (for codes sent without freshTotp).
export function markTotpUsed(secretBase32, step) {
  lastUsedStep.set(secretBase32, Math.max(step, lastUsedStep.get(secretBase32) ?? -1));
}
