// Hostile or broken HTTP: every case gets the right 4xx or is closed, nothing is written,
// and the server still answers /healthz afterwards. Also graceful shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startServer, api, operatorToken } from '../lib/server.mjs';
import { rawExchange, openIdle } from '../lib/raw.mjs';

let server;

before(async () => {
  server = await startServer({ args: ['--body-limit-mib', '1', '--header-timeout', '2', '--body-timeout', '2'] });
});
after(async () => { await server?.stop(); });

async function healthy() {
  const r = await fetch(server.base + '/healthz');
  assert.equal(r.status, 200, 'the server still answers /healthz');
}

async function organisationCount() {
  const r = await api(server, '/api/v1/organisations?limit=200');
  return (await r.json()).items.length;
}

const auth = `Authorization: Bearer ${operatorToken}\r\n`;

test('a body over the limit is refused with 413 before it is read', async () => {
  const before = await organisationCount();
  const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), legal_status: 'public' });
  const r = await api(server, '/api/v1/organisations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
  assert.equal(r.status, 413);
  assert.match(r.headers.get('content-type'), /problem\+json/);
  // Announced length over the limit, body never sent: answered at once, not after a timeout.
  const announced = await rawExchange(server.port,
    `POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n`,
    { timeoutMs: 1500 });
  assert.equal(announced.status, 413);
  // Chunked body that grows past the limit.
  const chunk = 'a'.repeat(256 * 1024);
  let chunked = `POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
  for (let i = 0; i < 6; i++) chunked += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
  const grown = await rawExchange(server.port, chunked + '0\r\n\r\n', { timeoutMs: 3000 });
  assert.equal(grown.status, 413);
  assert.equal(await organisationCount(), before);
  await healthy();
});

test('a truncated request is dropped and writes nothing', async () => {
  const before = await organisationCount();
  const body = JSON.stringify({ name: 'Truncated', legal_status: 'public' });
  const r = await rawExchange(server.port,
    `POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    { endAfterWrite: true, timeoutMs: 4000 });
  assert.equal(r.timedOut, false, 'the server closed the connection');
  assert.notEqual(r.status, 201);
  // Stalled mid-body: the body timeout closes it.
  const stalled = await rawExchange(server.port,
    `POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    { timeoutMs: 6000 });
  assert.equal(stalled.timedOut, false, 'the body timeout closed the connection');
  // Headers cut in the middle.
  const cut = await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Partial', { endAfterWrite: true });
  assert.equal(cut.timedOut, false);
  assert.equal(await organisationCount(), before);
  await healthy();
});

test('a malformed request line gets 400', async () => {
  for (const line of ['GARBAGE\r\n\r\n', 'GET\r\n\r\n', 'GET /healthz HTTP/9.9\r\n\r\n', 'G@T / HTTP/1.1\r\nHost: x\r\n\r\n']) {
    const r = await rawExchange(server.port, line, { timeoutMs: 3000 });
    assert.equal(r.status, 400, JSON.stringify(line));
  }
  await healthy();
});

test('path traversal attempts never leave the web root', async () => {
  const attempts = ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd',
    '/%252e%252e/%252e%252e/etc/passwd', '/assets/..%5c..%5cetc%5cpasswd', '/.%2e/.%2e/etc/passwd',
    '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%00/etc/passwd', '/..\\..\\etc\\passwd'];
  for (const path of attempts) {
    const r = await rawExchange(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.ok(r.status >= 400 && r.status < 500, `${path} -> ${r.status}`);
    assert.doesNotMatch(r.text, /root:/, `${path} leaked /etc/passwd`);
  }
  await healthy();
});

test('a 100 KB header gets 431 and the connection is closed', async () => {
  const r = await rawExchange(server.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`);
  assert.equal(r.status, 431);
  assert.equal(r.timedOut, false);
  await healthy();
});

test('1,000 concurrent idle connections neither block the server nor stay open forever', async () => {
  const sockets = [];
  for (let i = 0; i < 1000; i++) sockets.push(await openIdle(server.port));
  await healthy();
  // Connections wait in the listen backlog until accepted: poll until all are counted.
  let open = 0;
  for (const until = Date.now() + 10000; open < 1000 && Date.now() < until;) {
    const metrics = await (await fetch(server.base + '/metrics')).text();
    open = Number(metrics.match(/passerelle_http_open_connections (\d+)/)[1]);
    if (open < 1000) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(open >= 1000, `open connections counted: ${open}`);
  // The header timeout (2 s here) closes connections that never send a request.
  const deadline = Date.now() + 15000;
  while (sockets.some((s) => !s.closedByServer) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.equal(sockets.filter((s) => !s.closedByServer).length, 0, 'every idle connection was closed by the server');
  for (const s of sockets) s.destroy();
  await healthy();
});

test('keep-alive serves several requests on one connection', async () => {
  const r = await rawExchange(server.port,
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(r.text.match(/HTTP\/1\.1 200/g)?.length, 2);
});

test('SIGTERM lets an in-flight request finish, refuses new connections and exits cleanly', async () => {
  const own = await startServer();
  try {
    const body = JSON.stringify({ name: 'Written during shutdown', legal_status: 'public' });
    const socket = connect(own.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let answer = '';
    socket.on('data', (d) => { answer += d; });
    const closed = new Promise((r) => socket.on('close', r));
    // Head and half the body, then SIGTERM, then the rest: the request is in flight during shutdown.
    socket.write(`POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${operatorToken}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`);
    await new Promise((r) => setTimeout(r, 200));
    const idle = await openIdle(own.port);
    own.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    socket.write(body.slice(20));
    await closed;
    assert.match(answer, /^HTTP\/1\.1 201/, 'the in-flight request completed');
    assert.match(answer, /Connection: close/i);
    const result = await own.exited;
    assert.equal(result.code, 0, 'clean exit');
    assert.ok(idle.closedByServer, 'idle connections were closed');
    await assert.rejects(fetch(own.base + '/healthz'), 'no new connection accepted');
  } finally {
    await own.stop();
  }
});
