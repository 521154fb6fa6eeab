// Backup and restore on the real binary: `passerelle backup` while the server serves writes (persons,
// stays, documents), `passerelle restore` into an empty database, then every table compared with the
// archive (rows and content digests, `passerelle table-digests` / `verify-backup`), the audit chain
// verified, the copy served by a second server; a quiet database restored on the same backend and on
// the other one (the archive is backend-neutral) compared with the original table by table; and the
// refusals: wrong key, truncated or altered archive, key file readable by others, a non-empty target,
// an existing output — each with a clear error and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, binary, backend } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
let secretary;
let work;
const databases = [];  // dropped at the end

before(async () => {
  server = await startServer({ demo: true });
  secretary = await signInDemo(server, 'secretaire@passerelles-rhone.demo');
  work = mkdtempSync(join(tmpdir(), 'passerelle-backup-'));
});
after(async () => {
  await server?.stop();
  for (const d of databases) d.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

// Runs the binary; resolves with its exit code and output (never rejects on a non-zero exit).
function run(args) {
  return new Promise((resolve) => {
    execFile(binary, [...args, '--log-level', 'warn'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
async function succeed(args) {
  const r = await run(args);
  assert.equal(r.code, 0, `passerelle ${args[0]} failed:\n${r.stderr}${r.stdout}`);
  return r;
}

const pgAdmin = process.env.PASSERELLE_TEST_PG_ADMIN;
// An empty database on `kind` (sqlite or postgresql), and the data folder beside it.
function emptyDatabase(kind = backend) {
  const dir = mkdtempSync(join(work, 'target-'));
  if (kind === 'sqlite') return { url: join(dir, 'restored.db'), dir, drop() {} };
  const name = 'passerelle_restore_' + randomBytes(6).toString('hex');
  execFileSync('psql', [pgAdmin, '-v', 'ON_ERROR_STOP=1', '-qAtc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const u = new URL(pgAdmin);
  u.pathname = '/' + name;
  const db = {
    url: u.toString(), dir,
    drop() { execFileSync('psql', [pgAdmin, '-qAtc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' }); },
  };
  databases.push(db);
  return db;
}

// One number from a query on a database (sqlite3 or psql: both ship with the test environment).
function count(db, query) {
  const out = db.url.startsWith('postgres')
    ? execFileSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-qAtc', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', ['-readonly', db.url, query], { encoding: 'utf8' });
  return Number(out.trim());
}

const sourceKey = () => join(server.dir, 'keys', 'backup.key');
const masterKey = () => join(server.dir, 'keys', 'master.key');

async function backupTo(file) {
  return succeed(['backup', '--database', server.database.url, '--data-dir', server.dir, '--output', file]);
}
async function summaryOfArchive(file, key = sourceKey()) {
  return JSON.parse((await succeed(['verify-backup', '--input', file, '--key-file', key])).stdout);
}
async function summaryOfDatabase(db) {
  return JSON.parse((await succeed(['table-digests', '--database', db.url, '--data-dir', db.dir])).stdout);
}
async function restoreInto(db, file, key = sourceKey()) {
  return run(['restore', '--database', db.url, '--data-dir', db.dir, '--input', file, '--key-file', key]);
}

// Every table (rows and digest) and the documents, named in the message when they differ.
function assertSameContent(actual, expected, what) {
  assert.deepEqual(Object.keys(actual.tables).sort(), Object.keys(expected.tables).sort(), `${what}: the same tables`);
  for (const [table, t] of Object.entries(expected.tables))
    assert.deepEqual(actual.tables[table], t, `${what}: table ${table}`);
  assert.deepEqual(actual.documents, expected.documents, `${what}: documents`);
  assert.equal(actual.schema_version, expected.schema_version);
}

async function auditIntact(db) {
  const r = await succeed(['verify-audit', '--database', db.url]);
  assert.match(r.stdout, /Trace intacte : (\d+)/);
  return Number(/Trace intacte : (\d+)/.exec(r.stdout)[1]);
}

const pdf = (text) => Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
  `3 0 obj (${text}) endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

// Each person and the audit event of their creation, each stay and its admission event, were committed
// together: a copy that mixed two instants (audit_event is read before person and stay) would hold one
// without the other.
function assertOneInstant(db) {
  const writtenPersons = "FROM person p WHERE p.birth_name LIKE 'Sauvegarde%'";
  const creation = "a.object_type = 'person' AND a.action = 'create'";
  assert.ok(count(db, `SELECT COUNT(*) ${writtenPersons}`) > 0, 'persons written during the run are restored');
  assert.equal(count(db, `SELECT COUNT(*) ${writtenPersons} AND NOT EXISTS ` +
    `(SELECT 1 FROM audit_event a WHERE ${creation} AND a.object_id = CAST(p.id AS TEXT))`), 0, 'no person without their audit event');
  assert.equal(count(db, `SELECT COUNT(*) FROM audit_event a WHERE ${creation} AND NOT EXISTS ` +
    '(SELECT 1 FROM person p WHERE CAST(p.id AS TEXT) = a.object_id)'), 0, 'no audit event without its person');
  const admission = "a.object_type = 'person' AND a.action = 'admission'";
  assert.equal(count(db, "SELECT COUNT(*) FROM stay s JOIN person p ON p.id = s.person_id WHERE p.birth_name LIKE " +
    `'Sauvegarde%' AND NOT EXISTS (SELECT 1 FROM audit_event a WHERE ${admission} AND a.object_id = CAST(p.id AS TEXT))`),
    0, 'no stay without its audit event');
  assert.equal(count(db, `SELECT COUNT(*) FROM audit_event a WHERE ${admission} AND NOT EXISTS ` +
    '(SELECT 1 FROM stay s WHERE CAST(s.person_id AS TEXT) = a.object_id)'), 0, 'no admission event without its stay');
}

// One writer: a person, their admission, and every other time a document, until told to stop. Each
// acknowledged write is recorded with the moment it was acknowledged.
let sequence = 0;
async function writer(name, state) {
  let i = 0;
  while (!state.stop) {
    i += 1;
    const u = `${name}${i}x${randomBytes(3).toString('hex')}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
    const r = await authed(server, secretary, '/api/v1/persons', {
      json: { establishment_id: 1, birth_name: `Sauvegarde${u}`, first_names: [`Prenom${u}`], sex: 'F', birth_date: '1990-04-12' },
    });
    assert.equal(r.status, 201, await r.clone().text());
    const person = await r.json();
    const entry = { id: person.id, acknowledged: ++sequence };
    const stay = await authed(server, secretary, `/api/v1/persons/${person.id}/stays`, {
      json: { establishment_id: 1, care_mode: '11', admission_date: '2025-09-01', origin: 'home' },
    });
    assert.equal(stay.status, 201, await stay.clone().text());
    if (i % 2 === 0) {
      const content = pdf(`document ${u}`);
      const d = await authed(server, secretary, `/api/v1/persons/${person.id}/documents?` +
        new URLSearchParams({ type: 'other', title: `Pièce ${u}`, filename: 'piece.pdf' }), {
        method: 'POST', body: content, headers: { 'content-type': 'application/pdf' },
      });
      assert.equal(d.status, 201, await d.clone().text());
      entry.document = { id: (await d.json()).id, content };
    }
    entry.complete = ++sequence;
    state.done.push(entry);
  }
}

// ---------------------------------------------------------------------------------------------

let liveArchive;
let liveRestored;

test('a backup taken while the server serves writes restores to a consistent copy of one instant', async () => {
  const state = { stop: false, done: [] };
  const writers = ['a', 'b', 'c', 'd', 'e'].map((name) => writer(name, state));
  try {
    while (state.done.length < 6) await new Promise((r) => setTimeout(r, 20));
    const startedAt = ++sequence;
    liveArchive = join(work, 'live.pbk');
    const made = await backupTo(liveArchive);
    const endedAt = ++sequence;
    assert.match(made.stdout, /Sauvegarde écrite/);
    let writesBefore = state.done.length;
    while (state.done.length < writesBefore + 3) await new Promise((r) => setTimeout(r, 20));
    // A second archive in the middle of the writes: two chances for a mixed copy to show.
    const second = join(work, 'live-2.pbk');
    await backupTo(second);
    writesBefore = state.done.length;
    while (state.done.length < writesBefore + 2) await new Promise((r) => setTimeout(r, 20));
    state.stop = true;
    await Promise.all(writers);

    const archive = await summaryOfArchive(liveArchive);
    liveRestored = emptyDatabase();
    const restored = await restoreInto(liveRestored, liveArchive);
    assert.equal(restored.code, 0, restored.stderr);
    assertSameContent(await summaryOfDatabase(liveRestored), archive, 'restored database against its archive');
    assertOneInstant(liveRestored);
    const secondCopy = emptyDatabase();
    assert.equal((await restoreInto(secondCopy, second)).code, 0);
    assertOneInstant(secondCopy);
    assert.ok(await auditIntact(secondCopy) > 0);
    // A snapshot that mixed two instants would leave the chain's head or a link pointing at a missing event.
    assert.ok(await auditIntact(liveRestored) > 0, 'the restored audit trail has events and its chain holds');

    // Whatever was complete before the backup began is in it; what began after it ended is not.
    const copy = await startServer({ database: { url: liveRestored.url, drop() {} }, args: ['--master-key', masterKey()] });
    try {
      // The copy serves its own data folder: put the restored documents where it reads them.
      const restoredDocuments = join(liveRestored.dir, 'documents');
      if (existsSync(restoredDocuments)) execFileSync('cp', ['-a', restoredDocuments, copy.dir]);
      const s = await signInDemo(copy, 'secretaire@passerelles-rhone.demo');
      for (const entry of state.done) {
        const r = await authed(copy, s, `/api/v1/persons/${entry.id}`);
        if (entry.complete < startedAt) {
          assert.equal(r.status, 200, `person ${entry.id}, written before the backup, is restored`);
          const record = await r.json();
          assert.equal(record.stays.length, 1, `person ${entry.id} has their stay`);
          if (entry.document) {
            const d = await authed(copy, s, `/api/v1/persons/${entry.id}/documents/${entry.document.id}/content`);
            assert.equal(d.status, 200, `document of person ${entry.id}`);
            assert.deepEqual(Buffer.from(await d.arrayBuffer()), entry.document.content);
          }
        } else if (entry.acknowledged > endedAt) {
          assert.equal(r.status, 404, `person ${entry.id}, written after the backup, is not in it`);
        }
      }
    } finally {
      await copy.stop();
    }
    // The run had writes on both sides of the backup, or it proved nothing.
    assert.ok(state.done.some((e) => e.complete < startedAt), 'writes completed before the backup');
    assert.ok(state.done.some((e) => e.acknowledged > endedAt), 'writes made after the backup');
  } finally {
    state.stop = true;
    await Promise.allSettled(writers);
  }
});

test('a quiet database restored on the same backend and on the other one is identical table by table', async () => {
  const original = await summaryOfDatabase({ url: server.database.url, dir: server.dir });
  const file = join(work, 'quiet.pbk');
  await backupTo(file);
  const archive = await summaryOfArchive(file);
  assertSameContent(archive, original, 'archive against the database it was taken from');
  assert.ok(archive.documents.files > 0, 'the documents are in the archive');
  const sourceEvents = await auditIntact({ url: server.database.url });

  const kinds = [backend, ...(pgAdmin ? [backend === 'sqlite' ? 'postgresql' : 'sqlite'] : [])];
  for (const kind of kinds) {
    const target = emptyDatabase(kind);
    const r = await restoreInto(target, file);
    assert.equal(r.code, 0, `restore into ${kind}: ${r.stderr}`);
    assertSameContent(await summaryOfDatabase(target), original, `restored into ${kind}`);
    assert.equal(await auditIntact(target), sourceEvents, `the audit chain restored into ${kind} holds every event`);
  }
});

test('refusals: wrong key, truncated or altered archive, open key file, non-empty target, existing output', async () => {
  const file = join(work, 'quiet.pbk');
  const bytes = readFileSync(file);
  const refused = async (args, pattern, target) => {
    const r = await run(args);
    assert.notEqual(r.code, 0, `refused: ${args.join(' ')}`);
    assert.match(r.stderr, pattern);
    if (target) {
      // Nothing written: no SQLite file created, no table in PostgreSQL, no documents.
      if (backend === 'sqlite') assert.equal(existsSync(target.url), false, 'no database file created');
      else assert.deepEqual((await summaryOfDatabase(target)).tables, {}, 'no table created');
      assert.equal(existsSync(join(target.dir, 'documents')), false, 'no documents written');
    }
    return r;
  };

  const otherKey = join(work, 'other.key');
  writeFileSync(otherKey, randomBytes(32), { mode: 0o600 });
  let target = emptyDatabase();
  await refused(['restore', '--database', target.url, '--data-dir', target.dir, '--input', file, '--key-file', otherKey],
    /another backup key/, target);

  const truncated = join(work, 'truncated.pbk');
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  target = emptyDatabase();
  await refused(['restore', '--database', target.url, '--data-dir', target.dir, '--input', truncated, '--key-file', sourceKey()],
    /truncated/, target);
  await refused(['verify-backup', '--input', truncated, '--key-file', sourceKey()], /truncated/);

  const altered = join(work, 'altered.pbk');
  const changed = Buffer.from(bytes);
  changed[Math.floor(changed.length / 2)] ^= 0x01;
  writeFileSync(altered, changed);
  target = emptyDatabase();
  await refused(['restore', '--database', target.url, '--data-dir', target.dir, '--input', altered, '--key-file', sourceKey()],
    /damaged or was altered|is damaged|truncated/, target);

  const extended = join(work, 'extended.pbk');
  writeFileSync(extended, Buffer.concat([bytes, Buffer.from('extra')]));
  await refused(['verify-backup', '--input', extended, '--key-file', sourceKey()], /unexpected bytes after its end/);

  // Chunk by chunk (magic 8 + key id 8 + stream header 24, then [length u32 LE][sealed bytes]): cut at
  // a chunk boundary, a chunk removed, two chunks swapped.
  const chunks = [];
  for (let at = 40; at < bytes.length;) {
    const end = at + 4 + bytes.readUInt32LE(at);
    chunks.push(bytes.subarray(at, end));
    at = end;
  }
  assert.ok(chunks.length >= 3, `the archive has several chunks (${chunks.length})`);
  const head = bytes.subarray(0, 40);
  const variant = async (name, parts, pattern) => {
    const f = join(work, `${name}.pbk`);
    writeFileSync(f, Buffer.concat([head, ...parts]));
    await refused(['verify-backup', '--input', f, '--key-file', sourceKey()], pattern);
  };
  await variant('boundary', chunks.slice(0, -1), /truncated: its last part is missing/);
  await variant('removed', [chunks[0], ...chunks.slice(2)], /chunk 2 does not authenticate/);
  await variant('swapped', [chunks[1], chunks[0], ...chunks.slice(2)], /chunk 1 does not authenticate/);

  const openKey = join(work, 'open.key');
  copyFileSync(sourceKey(), openKey);
  chmodSync(openKey, 0o644);
  target = emptyDatabase();
  await refused(['restore', '--database', target.url, '--data-dir', target.dir, '--input', file, '--key-file', openKey],
    /chmod 600/, target);

  // The database restored by the first test holds rows: a second restore into it is refused, and changes nothing.
  const before = await summaryOfDatabase(liveRestored);
  await refused(['restore', '--database', liveRestored.url, '--data-dir', mkdtempSync(join(work, 'x-')), '--input', file,
    '--key-file', sourceKey()], /not empty/);
  assertSameContent(await summaryOfDatabase(liveRestored), before, 'the non-empty target is unchanged');

  await refused(['backup', '--database', server.database.url, '--data-dir', server.dir, '--output', file], /already exists/);
  assert.deepEqual(readFileSync(file), bytes, 'the existing archive is untouched');
});
