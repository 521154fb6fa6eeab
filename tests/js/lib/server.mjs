// Starts the real passerelle binary on a free port against a fresh database, for API and browser tests.
// The backend comes from PASSERELLE_TEST_BACKEND (sqlite, the default, or postgresql); for PostgreSQL,
// PASSERELLE_TEST_PG_ADMIN is a URL to a maintenance database on the server that scripts/test started.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const binary = process.env.PASSERELLE_BIN || join(root, 'build/release/passerelle');
export const backend = process.env.PASSERELLE_TEST_BACKEND || 'sqlite';
export const operatorToken = 'test-operator-token-' + randomBytes(8).toString('hex');

export async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

function psql(adminUrl, sql) {
  execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { stdio: 'pipe' });
}

// A fresh database URL, and a function that drops it.
export function freshDatabase(dir) {
  if (backend === 'sqlite') {
    return { url: join(dir, 'passerelle.db'), drop() {} };
  }
  const admin = process.env.PASSERELLE_TEST_PG_ADMIN;
  if (!admin) throw new Error('PASSERELLE_TEST_PG_ADMIN is not set: run the tests through scripts/test');
  const name = 'passerelle_test_' + randomBytes(6).toString('hex');
  psql(admin, `CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    drop() {
      try { psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); }
      catch (e) { console.error(`could not drop ${name}: ${e.message}`); }
    },
  };
}

// Starts a server; options.args are extra command-line arguments, options.env extra environment.
export async function startServer(options = {}) {
  if (!existsSync(binary)) throw new Error(`${binary} does not exist: build first (make build)`);
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-test-'));
  const db = options.database ?? freshDatabase(dir);
  const port = options.port ?? await freePort();
  const args = ['serve', '--bind', '127.0.0.1', '--port', String(port), '--database', db.url,
    '--data-dir', dir, '--web-root', options.webRoot ?? process.env.PASSERELLE_TEST_WEB_ROOT ?? join(root, 'web/dist'),
    '--log-level', 'warn', ...(options.demo ? ['--demo'] : []),
    // The demo persons (several hundred, two years of attendance) take seconds to load: only on request.
    ...(options.demo && !options.demoPersons ? ['--demo-without-persons'] : []), ...(options.args ?? [])];
  const env = { ...process.env, PASSERELLE_OPERATOR_TOKEN: operatorToken, ...(options.env ?? {}) };
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  // The full demo (several hundred persons, two years of attendance) takes a while on PostgreSQL.
  const deadline = Date.now() + (options.demoPersons ? 180000 : 30000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`passerelle exited early (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(base + '/healthz');
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`passerelle did not start:\n${output}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, port, dir, child, database: db, exited,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const result = await exited;
      if (!options.keep) { db.drop(); rmSync(dir, { recursive: true, force: true }); }
      // A clean stop exits 0; anything else (a sanitizer report, a crash at shutdown) fails the test.
      if (signal === 'SIGTERM' && result.code !== 0)
        throw new Error(`passerelle exited with ${result.code ?? result.signal} on SIGTERM:\n${output.slice(-4000)}`);
      return result;
    },
  };
}

// fetch with the operator token (the interim credential until accounts exist).
export function api(server, path, init = {}) {
  const headers = { authorization: `Bearer ${operatorToken}`, ...(init.headers ?? {}) };
  return fetch(server.base + path, { ...init, headers });
}

export function jsonBody(value) {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
