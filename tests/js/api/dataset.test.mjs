// The benchmark dataset generator (`passerelle generate-dataset`, issue #9) on the real binary and on
// the test backend: the `s` size lands near the counts (one organisation, ten establishments,
// about 500 persons over two years) and its data look real and hold together — occupancy near 95 %,
// stays that never overlap for a person, ages inside each kind of establishment's range, temporary
// stays of a few weeks received by returning persons, attendance only inside stays, staff under
// contract at the sector's ratio; the same seed gives the same data and another seed other data, and
// organisations generated at once (--jobs) the same as one after the other; a non-empty database and
// an unknown size are refused without writing anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { binary, backend, freshDatabase } from '../lib/server.mjs';

let work;
const databases = [];
let main;  // the dataset every test reads

function run(args) {
  return new Promise((resolve) => {
    execFile(binary, [...args, '--log-level', 'warn'], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
function database() {
  const db = freshDatabase(mkdtempSync(join(work, 'db-')));
  databases.push(db);
  return db;
}
async function generate(db, ...extra) {
  const r = await run(['generate-dataset', '--size', 's', '--database', db.url, ...extra]);
  assert.equal(r.code, 0, `generate-dataset failed:\n${r.stderr}${r.stdout}`);
  return r;
}
// Rows of a query, as arrays of strings (sqlite3 and psql print the same '|'-separated lines).
function rows(db, query) {
  const out = db.url.startsWith('postgres')
    ? execFileSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-qAtc', query], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : execFileSync('sqlite3', ['-readonly', db.url, query], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}
const number = (db, query) => Number(rows(db, query)[0][0]);

const day = 86400000;
const today = new Date().toISOString().slice(0, 10);
const years = (from, to) => (Date.parse(to) - Date.parse(from)) / (365.25 * day);

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'passerelle-dataset-'));
  main = database();
  const r = await generate(main);
  assert.match(r.stdout, /« s » : 1 organisme\(s\)/);
});
after(() => {
  for (const d of databases) d.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test(`the s size has the issue's counts (${backend})`, () => {
  assert.equal(number(main, 'SELECT COUNT(*) FROM organisation'), 1);
  assert.equal(number(main, 'SELECT COUNT(*) FROM establishment'), 10);
  const persons = number(main, 'SELECT COUNT(*) FROM person');
  assert.ok(persons >= 400 && persons <= 650, `about 500 persons, got ${persons}`);
  const places = number(main, "SELECT SUM(places) FROM capacity WHERE status = 'funded' AND effective_to IS NULL");
  const current = number(main, 'SELECT COUNT(*) FROM stay WHERE discharge_date IS NULL');
  const occupancy = current / places;
  assert.ok(occupancy >= 0.85 && occupancy <= 1, `occupancy near 95 %, got ${current} / ${places}`);
  // Two years of history: the stays that ended did so in the last two years; the persons' first
  // admissions go further back (the current persons of long stays).
  const [[firstEnd]] = rows(main, 'SELECT MIN(discharge_date) FROM stay');
  assert.ok(years(firstEnd, today) <= 2.01, `first discharge ${firstEnd}`);
  const [[firstAdmission]] = rows(main, 'SELECT MIN(admission_date) FROM stay');
  assert.ok(years(firstAdmission, today) > 3, `first admission ${firstAdmission}`);
});

test(`stays hold together: no overlap for a person, ages inside each establishment's range (${backend})`, () => {
  const stays = rows(main, `SELECT s.person_id, s.admission_date, COALESCE(CAST(s.discharge_date AS TEXT), ''), e.category_code,
                                   s.care_mode, p.birth_date
                              FROM stay s JOIN person p ON p.id = s.person_id JOIN establishment e ON e.id = s.establishment_id
                             ORDER BY s.person_id, s.admission_date`);
  assert.ok(stays.length > 400);
  // Ages at admission by category (as the generator draws them) and the age a person leaves at the latest.
  const range = (c) => c === '190' ? [0, 5] : ['183', '186', '188'].includes(c) ? [6, 19] : c === '182' ? [3, 18]
    : c === '500' ? [75, 95] : [20, 58];
  const limit = (c) => c === '190' ? 6 : ['183', '186', '188', '182'].includes(c) ? 20 : c === '246' ? 62 : 200;
  let previous = null;
  let temporary = 0;
  const temporaryPersons = new Map();
  for (const [person, admission, discharge, category, mode, birth] of stays) {
    const end = discharge || today;
    assert.ok(admission <= end, `stay of ${person}: ${admission} > ${end}`);
    assert.ok(admission <= today && end <= today);
    if (previous && previous.person === person)
      assert.ok(previous.end < admission, `person ${person}: stays overlap (${previous.end} >= ${admission})`);
    previous = { person, end };
    const [lo, hi] = range(category);
    const atAdmission = years(birth, admission);
    assert.ok(atAdmission >= lo - 0.01 && atAdmission < hi + 1.01, `person ${person} admitted at ${atAdmission.toFixed(1)} in ${category}`);
    assert.ok(years(birth, end) < limit(category) + 0.01, `person ${person} still in ${category} at ${years(birth, end).toFixed(1)}`);
    if (mode === '40') {
      ++temporary;
      assert.ok(years(admission, end) * 365.25 <= 85, `temporary stay of ${person}: ${admission} to ${end}`);
      temporaryPersons.set(person, (temporaryPersons.get(person) ?? 0) + 1);
    }
  }
  // Temporary accommodation mostly receives the same persons again.
  if (temporary > 10) assert.ok(temporaryPersons.size < temporary, 'some persons come back for temporary stays');
  // Lengths of the stays that ended: neither all short nor all the same.
  const lengths = stays.filter((s) => s[2] && s[4] !== '40').map((s) => years(s[1], s[2])).sort((a, b) => a - b);
  assert.ok(lengths.length > 50);
  const median = lengths[lengths.length >> 1];
  assert.ok(median > 0.5 && median < 10, `median length of stay ${median.toFixed(2)} years`);
  assert.ok(lengths.at(-1) > 3 * lengths[lengths.length >> 2], 'lengths of stay are spread');
});

test(`attendance only inside stays, one row a day, absences at a realistic rate (${backend})`, () => {
  assert.equal(number(main, `SELECT COUNT(*) FROM attendance a JOIN stay s ON s.id = a.stay_id
                              WHERE a.day < s.admission_date OR (s.discharge_date IS NOT NULL AND a.day > s.discharge_date)
                                 OR a.person_id <> s.person_id OR a.establishment_id <> s.establishment_id`), 0);
  assert.equal(number(main, 'SELECT COUNT(*) FROM (SELECT stay_id, day FROM attendance GROUP BY stay_id, day HAVING COUNT(*) > 1) x'), 0);
  const total = number(main, 'SELECT COUNT(*) FROM attendance');
  const absent = number(main, "SELECT COUNT(*) FROM attendance WHERE status = 'absent'");
  assert.ok(total > 10000, `attendance rows: ${total}`);
  const rate = absent / total;
  assert.ok(rate > 0.03 && rate < 0.2, `absence rate ${rate.toFixed(3)}`);
});

test(`staff under contract today at the sector's ratio, contracts in order (${backend})`, () => {
  const places = number(main, "SELECT SUM(places) FROM capacity WHERE status = 'funded' AND effective_to IS NULL");
  const employed = number(main, `SELECT COUNT(DISTINCT staff_id) FROM staff_contract
                                  WHERE start_date <= '${today}' AND (end_date IS NULL OR end_date >= '${today}')`);
  assert.ok(employed >= places * 0.3 && employed <= places * 1.1, `${employed} employed for ${places} places`);
  assert.equal(number(main, 'SELECT COUNT(*) FROM staff_contract WHERE end_date IS NOT NULL AND end_date < start_date'), 0);
  // Turnover: some left, more were hired over five years than are employed today.
  const members = number(main, 'SELECT COUNT(*) FROM staff_member');
  assert.ok(members > employed * 1.2, `${members} staff members over five years, ${employed} today`);
});

test(`the steering aggregates are those a rebuild from the facts gives (${backend})`, async () => {
  const tables = {
    steering_activity_month: 'establishment_id, month, care_mode', steering_activity_year: 'establishment_id, year, care_mode',
    steering_hr_month: 'establishment_id, month, job_category', steering_hr_year: 'establishment_id, year, job_category',
  };
  const dump = () => Object.entries(tables).map(([t, order]) => rows(main, `SELECT * FROM ${t} ORDER BY ${order}`).join('\n'));
  const before = dump();
  assert.ok(before.every((t) => t.length > 0), 'every aggregate table has rows (staff included)');
  const r = await run(['rebuild-aggregates', '--database', main.url]);
  assert.equal(r.code, 0, r.stderr);
  const after = dump();
  Object.keys(tables).forEach((t, i) => assert.equal(before[i], after[i], `${t} as a rebuild writes it`));
});

test(`the same seed gives the same data, another seed other data (${backend})`, async () => {
  const same = database();
  await generate(same);
  const other = database();
  await generate(other, '--seed', '7');
  const persons = (db) => rows(db, 'SELECT birth_name, first_names, birth_date, sex FROM person ORDER BY id').join('\n');
  const stays = (db) => rows(db, 'SELECT person_id, establishment_id, care_mode, admission_date, discharge_date FROM stay ORDER BY id').join('\n');
  assert.equal(persons(same), persons(main));
  assert.equal(stays(same), stays(main));
  assert.notEqual(persons(other), persons(main));
});

test(`organisations generated at once hold what one after the other gives them (${backend})`, async () => {
  // Two organisations of the s shape, one job then two (PostgreSQL runs them at once; SQLite writes one
  // at a time and says so). An organisation's content depends on the seed and its rank, never on the
  // ids the database hands out: compared by organisation name, ids left out.
  const one = database();
  await generate(one, '--organisations', '2');
  const two = database();
  const r = await generate(two, '--organisations', '2', '--jobs', '2');
  assert.match(r.stdout, /« s » : 2 organisme\(s\)/);
  if (backend === 'sqlite') assert.match(r.stderr, /--jobs 2 ignoré/);
  const content = (db) => [
    `SELECT o.name, o.finess_ej, COUNT(*) FROM establishment e JOIN organisation o ON o.id = e.organisation_id
       GROUP BY o.name, o.finess_ej ORDER BY o.name`,
    `SELECT o.name, p.birth_name, p.first_names, p.birth_date, p.sex, p.nir FROM person p
       JOIN organisation o ON o.id = p.organisation_id ORDER BY 1, 2, 3, 4, 5, 6`,
    `SELECT o.name, e.finess_et, s.care_mode, s.admission_date, s.discharge_date FROM stay s
       JOIN organisation o ON o.id = s.organisation_id JOIN establishment e ON e.id = s.establishment_id ORDER BY 1, 2, 3, 4, 5`,
    `SELECT o.name, m.last_name, m.first_name, m.birth_date, c.kind, c.start_date, c.end_date FROM staff_contract c
       JOIN staff_member m ON m.id = c.staff_id JOIN organisation o ON o.id = c.organisation_id ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    `SELECT o.name, a.status, COUNT(*) FROM attendance a JOIN organisation o ON o.id = a.organisation_id
       GROUP BY o.name, a.status ORDER BY 1, 2`,
    `SELECT e.finess_et, y.year, y.care_mode, y.present, y.absent, y.places_funded, y.admissions FROM steering_activity_year y
       JOIN establishment e ON e.id = y.establishment_id ORDER BY 1, 2, 3`,
  ].map((q) => rows(db, q).join('\n'));
  const a = content(one);
  const b = content(two);
  assert.equal(rows(one, 'SELECT COUNT(*) FROM organisation')[0][0], '2');
  assert.ok(a.every((t) => t.length > 0));
  a.forEach((t, i) => assert.equal(b[i], t, `query ${i}`));
});

test(`a database that holds organisations, an unknown size: refused, nothing written (${backend})`, async () => {
  const before = number(main, 'SELECT COUNT(*) FROM person');
  const refused = await run(['generate-dataset', '--size', 's', '--database', main.url]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /base vide/);
  assert.equal(number(main, 'SELECT COUNT(*) FROM person'), before);
  assert.equal(number(main, 'SELECT COUNT(*) FROM organisation'), 1);
  const empty = database();
  const unknown = await run(['generate-dataset', '--size', 'xl', '--database', empty.url]);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /size/);
});
