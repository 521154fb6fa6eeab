// What the database must hold after a crash, given the writes sent (workload.mjs):
// - a write acknowledged with a 2xx is there, whole;
// - a write in flight at the kill is there whole, or not at all — its rows, its history rows and
//   its audit events together (the audit event and history rows carry the write's X-Request-Id);
// - nothing is there that no write asked for, and a write seen after one crash is still seen after
//   the next.
// Read straight from the database, before a server starts on it again.
import { rows, tableText, command } from './database.mjs';
import { backend } from '../../lib/server.mjs';
import { establishmentId, careMode } from './workload.mjs';
import { authed } from '../../lib/session.mjs';

function groupBy(list, key) {
  const map = new Map();
  for (const item of list) {
    const k = key(item);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(item);
  }
  return map;
}

function snapshot(url) {
  const persons = rows(url, "SELECT id, birth_name FROM person WHERE birth_name LIKE 'Crash%'")
    .map(([id, name]) => ({ id: Number(id), name }));
  const ids = persons.map((p) => p.id).join(',') || '0';
  return {
    persons,
    tokens: new Map(rows(url, `SELECT person_id, COUNT(*) FROM person_name_token WHERE person_id IN (${ids}) GROUP BY person_id`)
      .map(([id, n]) => [Number(id), Number(n)])),
    stays: rows(url, `SELECT id, person_id, establishment_id, care_mode, admission_date, origin, discharge_date FROM stay WHERE person_id IN (${ids})`)
      .map(([id, person, establishment, mode, admission, origin, discharge]) => ({
        id: Number(id), person: Number(person), establishment: Number(establishment), mode, admission, origin, discharge })),
    attendance: rows(url, `SELECT stay_id, day, status, absence_reason, person_id FROM attendance WHERE person_id IN (${ids})`)
      .map(([stay, day, status, reason, person]) => ({ stay: Number(stay), day, status, reason: reason || null, person: Number(person) })),
    notes: rows(url, `SELECT id, person_id, category, confidentiality, occurred_on FROM person_note WHERE person_id IN (${ids})`)
      .map(([id, person, category, level, on]) => ({ id: Number(id), person: Number(person), category, level, on })),
    audit: rows(url, "SELECT request_id, action, outcome, person_id, fields FROM audit_event WHERE request_id LIKE 'crash-%'")
      .map(([rid, action, outcome, person, fields]) => ({ rid, action, outcome, person: Number(person), fields })),
    // Every event about these persons, whoever wrote it: a change without its request id is a stray.
    personEvents: rows(url, `SELECT request_id, action FROM audit_event WHERE person_id IN (${ids}) AND outcome = 'success' AND action <> 'read'`)
      .map(([rid, action]) => ({ rid, action })),
    history: rows(url, "SELECT request_id, object_id, field FROM change_history WHERE request_id LIKE 'crash-%'")
      .map(([rid, object, field]) => ({ rid, object: Number(object), field })),
  };
}

const cellKey = (stay, day) => `${stay}|${day}`;
const sameCell = (a, b) => (a === null || b === null ? a === b : a.status === b.status && a.reason === b.reason);

// Checks every write against the database; returns the list of what is wrong (empty: all good).
// Sets write.applied (whether the write is in the database) the first time it is decided.
export function checkWrites(url, writes) {
  const s = snapshot(url);
  const problems = [];
  const audit = groupBy(s.audit, (e) => e.rid);
  const history = groupBy(s.history, (h) => h.rid);
  const personByName = new Map(s.persons.map((p) => [p.name, p.id]));
  const staysByPerson = groupBy(s.stays, (x) => x.person);
  const cells = new Map(s.attendance.map((a) => [cellKey(a.stay, a.day), { status: a.status, reason: a.reason }]));
  const expectedCells = new Map();  // the cells the applied requests leave, replayed in order
  const notes = new Map(s.notes.map((n) => [n.id, n]));
  const seen = { persons: new Set(), stays: new Set(), notes: new Set() };

  for (const w of writes) {
    const events = (audit.get(w.rid) ?? []).filter((e) => e.outcome === 'success');
    const changes = history.get(w.rid) ?? [];
    const what = `${w.kind} ${w.rid}${w.acked ? ` (acknowledged ${w.status})` : ' (in flight at the kill)'}`;
    const wrong = (text) => problems.push(`${what}: ${text}`);
    // events: [action, person, fields] expected, in any order.
    const expectEvents = (expected) => {
      const got = events.map((e) => `${e.action} ${e.person} ${e.fields}`).sort();
      const want = expected.map(([a, p, f]) => `${a} ${p} ${f}`).sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong(`audit events ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    };
    const expectNothingElse = () => {
      if (events.length) wrong(`${events.length} audit event(s) for a change that is not there`);
      if (changes.length) wrong(`${changes.length} history row(s) for a change that is not there`);
    };
    let applied;
    if (w.kind === 'person') {
      const id = personByName.get(w.name);
      applied = id !== undefined;
      if (applied) {
        seen.persons.add(id);
        if (w.id !== undefined && w.id !== id) wrong(`answered id ${w.id}, the database has ${id}`);
        w.id = id;
        if (!s.tokens.get(id)) wrong('the person has no search tokens');
        expectEvents([['create', id, '["identity"]']]);
        if (changes.length !== 1 || changes[0].field !== 'created' || changes[0].object !== id)
          wrong(`history ${JSON.stringify(changes)}, expected one "created" row`);
      } else expectNothingElse();
    } else if (w.kind === 'admission') {
      const stays = staysByPerson.get(w.personId) ?? [];
      applied = stays.length > 0;
      if (applied) {
        const stay = stays[0];
        seen.stays.add(stay.id);
        if (stays.length !== 1) wrong(`${stays.length} stays for one admission`);
        if (w.stayId !== undefined && w.stayId !== stay.id) wrong(`answered stay ${w.stayId}, the database has ${stay.id}`);
        w.stayId = stay.id;
        const got = [stay.establishment, stay.mode, stay.admission, stay.origin, stay.discharge];
        const want = [establishmentId, careMode, w.admissionDate, 'home', ''];
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong(`stay ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
        expectEvents([['admission', w.personId, '["stay"]']]);
        if (changes.length !== 1 || changes[0].field !== 'stays' || changes[0].object !== w.personId)
          wrong(`history ${JSON.stringify(changes)}, expected one "stays" row`);
      } else expectNothingElse();
    } else if (w.kind === 'attendance') {
      // The cells as they were before this request (earlier applied requests, replayed in order).
      const before = w.entries.map((e) => expectedCells.get(cellKey(e.stay_id, e.date)) ?? null);
      const after = w.entries.map((e) => (e.status === null ? null : { status: e.status, reason: e.reason ?? null }));
      applied = events.length > 0;
      const corrections = w.entries.filter((e, i) => before[i] && !sameCell(before[i], after[i])).length;
      if (applied) {
        expectEvents(w.personIds.map((p) => ['update', p, '["attendance"]']));
        if (changes.length !== corrections) wrong(`${changes.length} history row(s), expected ${corrections} (cells corrected)`);
        w.entries.forEach((e, i) => {
          if (after[i]) expectedCells.set(cellKey(e.stay_id, e.date), after[i]);
          else expectedCells.delete(cellKey(e.stay_id, e.date));
        });
      } else expectNothingElse();
      if (!w.acked) {
        // In flight, and so the last request on its cells: the database shows it all, or none of it.
        const inDatabase = w.entries.map((e) => cells.get(cellKey(e.stay_id, e.date)) ?? null);
        const changed = w.entries.map((e, i) => i).filter((i) => !sameCell(before[i], after[i]));
        const written = changed.filter((i) => sameCell(inDatabase[i], after[i])).length;
        if (applied && written !== changed.length) wrong(`half written: ${written} of ${changed.length} cells changed`);
        if (!applied && written > 0) wrong(`${written} of ${changed.length} cells changed without the request's audit event`);
      }
    } else if (w.kind === 'note') {
      const ids = changes.filter((h) => h.field.startsWith('note ')).map((h) => Number(h.field.slice(5)));
      applied = changes.length > 0 || events.length > 0;
      if (applied) {
        if (changes.length !== 1 || ids.length !== 1 || changes[0].object !== w.personId)
          wrong(`history ${JSON.stringify(changes)}, expected one "note …" row`);
        const note = notes.get(ids[0]);
        if (!note) wrong(`note ${ids[0]} named by the history is missing`);
        else {
          seen.notes.add(note.id);
          if (w.noteId !== undefined && w.noteId !== note.id) wrong(`answered note ${w.noteId}, the history names ${note.id}`);
          w.noteId = note.id;
          const got = [note.person, note.category, note.level, note.on];
          const want = [w.personId, 'daily_life', 'team', w.occurredOn];
          if (JSON.stringify(got) !== JSON.stringify(want)) wrong(`note ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
        }
        expectEvents([['create', w.personId, '["note:team"]']]);
      } else expectNothingElse();
    }
    if (w.acked && !applied) wrong('acknowledged, but not in the database');
    if (w.applied !== undefined && w.applied !== applied)
      wrong(`was ${w.applied ? '' : 'not '}in the database after an earlier crash, and now is${applied ? '' : ' not'}`);
    w.applied = applied;
  }

  // Nothing nobody asked for.
  const rids = new Set(writes.map((w) => w.rid));
  for (const p of s.persons) if (!seen.persons.has(p.id)) problems.push(`person ${p.id} (${p.name}) belongs to no write`);
  for (const x of s.stays) if (!seen.stays.has(x.id)) problems.push(`stay ${x.id} belongs to no applied admission`);
  // Every cell as the applied requests left it, and no other.
  const cellProblems = [];
  for (const [key, cell] of cells) {
    const want = expectedCells.get(key) ?? null;
    if (!sameCell(cell, want)) cellProblems.push(`attendance ${key} is ${JSON.stringify(cell)}, the applied requests leave ${JSON.stringify(want)}`);
  }
  for (const [key, want] of expectedCells)
    if (!cells.has(key)) cellProblems.push(`attendance ${key} is missing, the applied requests leave ${JSON.stringify(want)}`);
  problems.push(...cellProblems.slice(0, 10));
  if (cellProblems.length > 10) problems.push(`… and ${cellProblems.length - 10} other cells`);
  for (const n of s.notes) if (!seen.notes.has(n.id)) problems.push(`note ${n.id} belongs to no applied write`);
  for (const e of s.audit) if (!rids.has(e.rid)) problems.push(`audit event of unknown request ${e.rid}`);
  for (const e of s.personEvents)
    if (!rids.has(e.rid)) problems.push(`audit event "${e.action}" about a test person from request ${e.rid}, not a write of the test`);
  return problems;
}

// The steering aggregates as left by the crash, against `passerelle rebuild-aggregates` from the
// facts: every steering_* table (days, months, years, roll-ups — whatever the migrations made of
// them) but steering_state, its rows sorted. Returns the list of differences (empty: identical).
function aggregateTables(url) {
  const sql = backend === 'sqlite'
    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'steering%'"
    : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'steering%'";
  return rows(url, sql).map(([name]) => name).filter((name) => name.startsWith('steering_') && name !== 'steering_state').sort();
}
const sortedRows = (url, table) => tableText(url, table).split('\n').filter((line) => line !== '').sort();

export function checkAggregates(url, dataDir) {
  const tables = aggregateTables(url);
  if (!tables.includes('steering_activity_day')) return [`no steering aggregate tables found (${tables.join(', ')})`];
  const before = tables.map((table) => sortedRows(url, table));
  const rebuild = command(url, dataDir, 'rebuild-aggregates');
  if (rebuild.status !== 0) return [`rebuild-aggregates exited ${rebuild.status}: ${rebuild.output}${rebuild.errors}`];
  const problems = [];
  tables.forEach((table, i) => {
    const kept = before[i];
    const rebuilt = sortedRows(url, table);
    const k = new Set(kept);
    const r = new Set(rebuilt);
    const onlyKept = kept.filter((line) => !r.has(line));
    const onlyRebuilt = rebuilt.filter((line) => !k.has(line));
    if (!onlyKept.length && !onlyRebuilt.length && kept.length === rebuilt.length) return;
    problems.push(`${table} differs from a rebuild (${kept.length} rows kept, ${rebuilt.length} rebuilt; ` +
      `${onlyKept.length} only kept, ${onlyRebuilt.length} only rebuilt); first of each:\n` +
      `  kept:    ${onlyKept[0] ?? '(none)'}\n  rebuilt: ${onlyRebuilt[0] ?? '(none)'}`);
  });
  return problems;
}

// Through the restarted server: each month's grid shows exactly the cells of the applied requests,
// and each person's notes of this cycle read back with their text (the master key survived too).
export async function checkThroughApi(server, sessions, writes, cycle) {
  const problems = [];
  const expected = new Map();  // cell → [status, reason], the applied requests replayed in order
  const stays = new Set(writes.filter((w) => w.kind === 'admission' && w.applied).map((w) => w.stayId));
  const monthsUsed = new Set();
  for (const w of writes) {
    if (w.kind !== 'attendance' || !w.applied) continue;
    monthsUsed.add(w.month);
    for (const e of w.entries) {
      if (e.status === null) expected.delete(cellKey(e.stay_id, e.date));
      else expected.set(cellKey(e.stay_id, e.date), [e.status, e.reason ?? null]);
    }
  }
  for (const month of [...monthsUsed].sort()) {
    const r = await authed(server, sessions.directrice,
      `/api/v1/attendance?establishment_id=${establishmentId}&care_mode=${careMode}&month=${month}`);
    if (r.status !== 200) { problems.push(`grid ${month}: ${r.status} ${await r.text()}`); continue; }
    const grid = await r.json();
    const listed = new Set();
    for (const row of grid.rows) {
      if (!stays.has(row.stay_id)) continue;
      listed.add(row.stay_id);
      row.cells.forEach((cell, i) => {
        const day = `${month}-${String(i + 1).padStart(2, '0')}`;
        const want = expected.get(cellKey(row.stay_id, day)) ?? [null, null];
        if (cell.status !== want[0] || cell.reason !== want[1])
          problems.push(`grid ${month}, stay ${row.stay_id}, ${day}: ${cell.status}/${cell.reason}, expected ${want.join('/')}`);
      });
    }
    for (const stay of stays) if (!listed.has(stay)) problems.push(`grid ${month} does not list stay ${stay}`);
  }
  const notesOf = groupBy(writes.filter((w) => w.kind === 'note' && w.applied && w.cycle === cycle), (w) => w.personId);
  for (const [person, written] of notesOf) {
    const r = await authed(server, sessions.educateur, `/api/v1/persons/${person}/notes`);
    if (r.status !== 200) { problems.push(`notes of ${person}: ${r.status} ${await r.text()}`); continue; }
    const items = new Map((await r.json()).items.map((n) => [n.id, n]));
    if (items.size !== written.length) problems.push(`person ${person} has ${items.size} notes, ${written.length} written`);
    for (const w of written) {
      if (items.get(w.noteId)?.body !== w.body) problems.push(`note ${w.noteId} of ${person} reads ${JSON.stringify(items.get(w.noteId)?.body)}`);
    }
  }
  return problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more`] : problems;
}
