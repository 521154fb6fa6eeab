// Crash safety (issue #9): concurrent writers open records, admit persons, fill and correct months
// of attendance in bulk and write notes against a real `passerelle serve`, which is killed with
// SIGKILL at a random moment, several times, on one database. After each kill, on the database
// as the crash left it: every write acknowledged with a 2xx is there; a write in flight is there
// whole or not at all (rows, history and audit events together); nothing else is there; the
// steering aggregates equal `passerelle rebuild-aggregates`. Then the server restarts on the same
// database: it shows the same cells and notes, and `passerelle verify-audit` finds the chain intact.
// Runs on the backend PASSERELLE_TEST_BACKEND names. The randomness (what each writer does, when
// the kill comes) follows one seed, printed first: PASSERELLE_CRASH_SEED=<seed> replays it
// (the interleaving of the writers still depends on timing). PASSERELLE_CRASH_CYCLES: kills (5).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { startServer, freshDatabase, backend } from '../lib/server.mjs';
import { signInDemo } from '../lib/session.mjs';
import { Random, derivedSeed, runWriter } from './lib/workload.mjs';
import { checkWrites, checkAggregates, checkThroughApi } from './lib/checks.mjs';
import { command } from './lib/database.mjs';

const seed = Number(process.env.PASSERELLE_CRASH_SEED ?? randomInt(1, 2 ** 31 - 1));
const cycles = Number(process.env.PASSERELLE_CRASH_CYCLES ?? 5);
const writerCount = 6;
const replay = `PASSERELLE_CRASH_SEED=${seed} PASSERELLE_TEST_BACKEND=${backend}`;
console.log(`crash test on ${backend}: seed ${seed}, ${cycles} kills (replay: ${replay} npm --prefix tests/js run resilience)`);

let work;
let db;
let keyFile;
let server = null;
const sessions = {};
const writes = [];  // every write of every cycle (workload.mjs)
const reported = new Set();

// The data directory is new at each start (lib/server.mjs), the database and the master key are not.
const start = (demo) => startServer({ database: db, demo, keep: true, env: { PASSERELLE_MASTER_KEY: keyFile } });

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'passerelle-crash-'));
  db = freshDatabase(work);
  mkdirSync(join(work, 'keys'), { mode: 0o700 });
  keyFile = join(work, 'keys', 'master.key');
  server = await start(true);
  sessions.directrice = await signInDemo(server, 'directrice@passerelles-rhone.demo');
  sessions.educateur = await signInDemo(server, 'educateur@passerelles-rhone.demo');
});

after(async () => {
  try {
    if (server) {
      await server.stop();  // SIGTERM: exits 0, or throws
      rmSync(server.dir, { recursive: true, force: true });
    }
  } finally {
    db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  }
});

const count = (list, kind) => list.filter((w) => w.kind === kind).length;

for (let cycle = 1; cycle <= cycles; cycle++) {
  test(`kill ${cycle} of ${cycles}: acknowledged writes survive, none half-written, aggregates and audit chain intact`, async (t) => {
    assert.ok(server, 'the server runs (an earlier cycle could not restart it)');
    const random = new Random(derivedSeed(seed, cycle));
    const killAfter = random.int(1500);
    const ctx = { server, sessions, seed, cycle, killed: false, writes };
    const first = writes.length;
    const started = Date.now();
    const writers = Array.from({ length: writerCount },
      (_, i) => runWriter(ctx, i + 1, new Random(derivedSeed(seed, cycle, i + 1))));
    // Every kind of write in play (the first bulk attendance comes after records and admissions),
    // then the kill at a random moment.
    let settled = false;  // every writer stopped (by an error, before the kill)
    const failed = Promise.allSettled(writers).then((results) => { settled = true; return results; });
    while (!settled && !writes.slice(first).some((w) => w.kind === 'attendance' && w.acked) && Date.now() - started < 10000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    const killedAt = Date.now() - started;
    ctx.killed = true;
    const dead = server;
    server = null;
    const exit = await dead.stop('SIGKILL');
    rmSync(dead.dir, { recursive: true, force: true });
    const errors = (await failed).filter((r) => r.status === 'rejected').map((r) => r.reason.message);

    // The database as the crash left it.
    const clock = [Date.now()];
    const problems = checkWrites(db.url, writes);
    clock.push(Date.now());
    problems.push(...checkAggregates(db.url, work));
    clock.push(Date.now());

    // The same database under a new server.
    server = await start(false);
    clock.push(Date.now());
    problems.push(...await checkThroughApi(server, sessions, writes, cycle));
    clock.push(Date.now());
    const verify = command(db.url, work, 'verify-audit');
    clock.push(Date.now());
    const took = clock.slice(1).map((at, i) => at - clock[i]);
    if (verify.status !== 0 || !/Trace intacte/.test(verify.output))
      problems.push(`verify-audit exited ${verify.status}: ${verify.output}${verify.errors}`);

    const mine = writes.slice(first);
    const acked = mine.filter((w) => w.acked);
    const inFlight = mine.filter((w) => !w.acked);
    t.diagnostic(`killed after ${killedAt} ms (${exit.signal}); ${acked.length} writes acknowledged ` +
      `(${count(acked, 'person')} records, ${count(acked, 'admission')} admissions, ` +
      `${acked.filter((w) => w.kind === 'attendance' && !w.correction).length} months of attendance and ` +
      `${acked.filter((w) => w.kind === 'attendance' && w.correction).length} corrections, ` +
      `${acked.filter((w) => w.kind === 'attendance').reduce((n, w) => n + w.entries.length, 0)} cells, ${count(acked, 'note')} notes), ` +
      `${inFlight.length} in flight (${inFlight.map((w) => `${w.kind} ${w.applied ? 'committed whole' : 'absent'}`).join(', ')}); ` +
      `${verify.output.trim()} ` +
      `[ms: database checks ${took[0]}, aggregates ${took[1]}, restart ${took[2]}, API checks ${took[3]}, verify-audit ${took[4]}]`);
    assert.equal(exit.signal, 'SIGKILL');
    assert.deepEqual(errors, [], `writers failed while the server ran (seed ${seed}; ${replay})`);
    assert.ok(mine.some((w) => w.acked), 'some writes were acknowledged before the kill');
    // A damage found once stays in the database: reported by the cycle that found it, not again.
    const fresh = problems.filter((p) => !reported.has(p));
    for (const p of fresh) reported.add(p);
    assert.deepEqual(fresh, [], `after kill ${cycle} (seed ${seed}; ${replay})`);
  });
}
