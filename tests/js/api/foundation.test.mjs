// The foundation's conventions, on the real binary: health, metrics, OpenAPI, problem+json,
// strict JSON, pagination, security headers, static files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, api, jsonBody, binary, backend } from '../lib/server.mjs';

let server;
let webRoot;

before(async () => {
  // A small fixture web root, so static-file rules are tested independently of the real build.
  webRoot = mkdtempSync(join(tmpdir(), 'passerelle-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html lang="fr"><title>Passerelle</title></html>');
  writeFileSync(join(webRoot, 'assets', 'app-1234abcd.js'), 'console.log("ok")');
  server = await startServer({ webRoot });
});
after(async () => { await server?.stop(); });

async function problem(response, status) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  const body = await response.json();
  for (const key of ['type', 'title', 'status', 'detail', 'errors']) assert.ok(key in body, `problem has ${key}`);
  assert.equal(body.status, status);
  return body;
}

async function organisationCount() {
  let count = 0;
  let cursor = null;
  do {
    const r = await api(server, '/api/v1/organisations?limit=200' + (cursor ? `&cursor=${cursor}` : ''));
    const page = await r.json();
    count += page.items.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

test('healthz reports the service and its database', async () => {
  const r = await fetch(server.base + '/healthz');
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database, 'ok');
  assert.equal(body.backend, backend);
});

test('every response carries the security headers and a request id', async () => {
  for (const path of ['/healthz', '/api/v1/nothing', '/']) {
    const r = await fetch(server.base + path);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
    assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
  }
  const echoed = await fetch(server.base + '/healthz', { headers: { 'x-request-id': 'trace-42' } });
  assert.equal(echoed.headers.get('x-request-id'), 'trace-42');
  const refused = await fetch(server.base + '/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
  assert.notEqual(refused.headers.get('x-request-id'), 'bad id <script>');
});

test('metrics are in the Prometheus text format with requests, latency, connections and pool', async () => {
  await fetch(server.base + '/healthz');
  const r = await fetch(server.base + '/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await r.text();
  assert.match(text, /# TYPE passerelle_http_requests_total counter/);
  assert.match(text, /passerelle_http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/);
  assert.match(text, /passerelle_http_request_duration_seconds_bucket\{route="\/healthz",le="\+Inf"\} \d+/);
  assert.match(text, /passerelle_http_open_connections \d+/);
  assert.match(text, /passerelle_db_pool_connections\{backend="\w+",state="in_use"\} \d+/);
  // Raw paths never become labels: the series stay bounded.
  await fetch(server.base + '/api/v1/organisations/123456');
  const again = await (await fetch(server.base + '/metrics')).text();
  assert.doesNotMatch(again, /route="\/api\/v1\/organisations\/123456"/);
});

test('the OpenAPI document describes every route the server has', async () => {
  const r = await fetch(server.base + '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  const doc = await r.json();
  assert.equal(doc.openapi, '3.1.0');
  const routes = JSON.parse(execFileSync(binary, ['routes', '--database', join(server.dir, 'routes.db'), '--log-level', 'off']));
  assert.ok(routes.length >= 6);
  for (const { method, path } of routes) {
    assert.ok(doc.paths[path], `${path} is in the OpenAPI document`);
    assert.ok(doc.paths[path][method.toLowerCase()], `${method} ${path} is in the OpenAPI document`);
    assert.ok(doc.paths[path][method.toLowerCase()].summary, `${method} ${path} has a summary`);
  }
});

test('unknown routes, missing credentials and wrong methods answer problem+json', async () => {
  await problem(await fetch(server.base + '/api/v1/nothing-here'), 404);
  await problem(await fetch(server.base + '/api/v1/organisations'), 401);
  await problem(await fetch(server.base + '/api/v1/organisations', { headers: { authorization: 'Bearer forged' } }), 401);
  const r = await api(server, '/api/v1/organisations', { method: 'DELETE' });
  await problem(r, 405);
  assert.match(r.headers.get('allow'), /GET/);
});

test('API responses are never cached', async () => {
  const r = await api(server, '/api/v1/organisations');
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('an organisation is created, read back and listed with cursor pagination', async () => {
  const created = await api(server, '/api/v1/organisations',
    jsonBody({ name: 'Association Test', legal_status: 'private_non_profit', finess_ej: '690781810' }));
  assert.equal(created.status, 201);
  const org = await created.json();
  assert.equal(org.name, 'Association Test');
  assert.equal(created.headers.get('location'), `/api/v1/organisations/${org.id}`);
  const read = await api(server, `/api/v1/organisations/${org.id}`);
  assert.deepEqual(await read.json(), org);

  for (let i = 0; i < 4; i++)
    assert.equal((await api(server, '/api/v1/organisations', jsonBody({ name: `Org ${i}`, legal_status: 'public' }))).status, 201);
  const seen = new Set();
  let cursor = null;
  let pages = 0;
  do {
    const page = await (await api(server, '/api/v1/organisations?limit=2' + (cursor ? `&cursor=${cursor}` : ''))).json();
    assert.ok(page.items.length <= 2);
    for (const item of page.items) { assert.ok(!seen.has(item.id), 'no item twice'); seen.add(item.id); }
    cursor = page.next_cursor;
    pages++;
  } while (cursor);
  assert.equal(seen.size, 5);
  assert.equal(pages, 3);
  await problem(await api(server, '/api/v1/organisations?cursor=forged'), 400);
  await problem(await api(server, '/api/v1/organisations?limit=0'), 400);
});

test('bad JSON bodies get a 4xx naming the field and write nothing', async () => {
  const before = await organisationCount();
  const post = (body, type = 'application/json') =>
    api(server, '/api/v1/organisations', { method: 'POST', headers: { 'content-type': type }, body });

  let p = await problem(await post('{"name": "x", '), 400);
  assert.equal(p.errors[0].field, 'body');
  await problem(await post('{"name":"x","legal_status":"public"}', 'text/plain'), 415);
  await problem(await post('name=x', 'application/x-www-form-urlencoded'), 415);
  p = await problem(await post('[]'), 422);
  assert.equal(p.errors[0].field, 'body');
  p = await problem(await post(JSON.stringify({ name: 'x', legal_status: 'public', admin: true })), 422);
  assert.deepEqual(p.errors.map((e) => e.field), ['admin']);
  p = await problem(await post(JSON.stringify({ name: 42, legal_status: 'unknown' })), 422);
  assert.deepEqual(p.errors.map((e) => e.field).sort(), ['legal_status', 'name']);
  p = await problem(await post(JSON.stringify({ name: 'x', legal_status: 'public', finess_ej: '010001262' })), 422);
  assert.deepEqual(p.errors.map((e) => e.field), ['finess_ej']);
  p = await problem(await post(JSON.stringify({ name: 'x', legal_status: 'public', finess_ej: '01000126A' })), 422);
  assert.deepEqual(p.errors.map((e) => e.field), ['finess_ej']);
  p = await problem(await post(JSON.stringify({ name: 'a\u0007b', legal_status: 'public' })), 422);
  assert.deepEqual(p.errors.map((e) => e.field), ['name']);
  p = await problem(await post(JSON.stringify({ name: 'x'.repeat(10000), legal_status: 'public' })), 422);
  assert.deepEqual(p.errors.map((e) => e.field), ['name']);
  await problem(await post('{"a":' + '['.repeat(100) + ']'.repeat(100) + '}'), 400);
  assert.equal(await organisationCount(), before, 'nothing was written');

  const first = await post(JSON.stringify({ name: 'Dup', legal_status: 'public', finess_ej: '130786049' }));
  assert.equal(first.status, 201);
  p = await problem(await post(JSON.stringify({ name: 'Dup 2', legal_status: 'public', finess_ej: '130786049' })), 409);
  assert.equal(p.errors[0].field, 'finess_ej');
  assert.equal(await organisationCount(), before + 1);
});

test('injection strings are stored as plain text', async () => {
  const name = "x'); DROP TABLE organisation; -- <script>alert(1)</script>";
  const r = await api(server, '/api/v1/organisations', jsonBody({ name, legal_status: 'public' }));
  assert.equal(r.status, 201);
  const org = await r.json();
  assert.equal((await (await api(server, `/api/v1/organisations/${org.id}`)).json()).name, name);
  assert.equal((await fetch(server.base + '/healthz')).status, 200);
});

test('ids that are not positive integers, or unknown, are 404', async () => {
  for (const id of ['0', '-1', 'abc', '1%20OR%201=1', '99999999', '9'.repeat(30)])
    await problem(await api(server, `/api/v1/organisations/${id}`), 404);
});

test('the web application is served with caching headers and a fallback for deep links', async () => {
  const index = await fetch(server.base + '/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(await index.text(), /Passerelle/);
  const asset = await fetch(server.base + '/assets/app-1234abcd.js');
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type'), /^text\/javascript/);
  assert.match(asset.headers.get('cache-control'), /immutable/);
  const etag = asset.headers.get('etag');
  const cached = await fetch(server.base + '/assets/app-1234abcd.js', { headers: { 'if-none-match': etag } });
  assert.equal(cached.status, 304);
  const deep = await fetch(server.base + '/usagers/42');
  assert.equal(deep.status, 200);
  assert.match(await deep.text(), /Passerelle/);
  await problem(await fetch(server.base + '/assets/missing.js'), 404);
});
