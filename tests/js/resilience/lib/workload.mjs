// The writes the crash test drives: concurrent writers, each opening records (POST /persons),
// admitting them (POST /persons/{id}/stays), filling whole months of attendance in one bulk
// request and correcting them later (PUT /attendance), and writing notes
// (POST /persons/{id}/notes), one request at a time, until the server is killed. Every write is
// remembered with the X-Request-Id it was sent with (the server writes it in the audit events and
// the history rows of the change), and whether a 2xx acknowledged it. Each writer owns its persons
// and stays, so what the database must hold follows from the list of writes, in order, alone.
import { authed } from '../../lib/session.mjs';

// A small seeded generator (mulberry32), so that a failing run can be replayed from its seed.
export class Random {
  constructor(seed) { this.state = seed >>> 0; }
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) { return Math.floor(this.next() * n); }
  chance(p) { return this.next() < p; }
  pick(items) { return items[this.int(items.length)]; }
}

// A seed for one part of the run (cycle, writer), derived from the run's seed.
export function derivedSeed(...parts) {
  let h = 2166136261;
  for (const part of parts.join('/')) h = Math.imul(h ^ part.charCodeAt(0), 16777619);
  return h >>> 0;
}

// The demo's IME Les Tilleuls: the educator's establishment, empty with --demo-without-persons.
export const establishmentId = 1;
export const careMode = '13';
// Months a writer fills, in order; every stay is admitted in January 2025, so every day is in it.
export const months = [];
for (let m = new Date(Date.UTC(2025, 1, 1)); m < new Date(Date.UTC(2026, 10, 1)); m.setUTCMonth(m.getUTCMonth() + 1))
  months.push(m.toISOString().slice(0, 7));
const reasons = ['illness', 'hospitalisation', 'holiday', 'family', 'unjustified', 'other'];
const personsPerWriter = 5;

export function daysOf(month) {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

function letters(n) {
  let s = '';
  do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
  return s;
}

// Sends one write and records its fate. Returns the parsed 2xx body, or null once the server is
// gone (the write is then "in flight": acknowledged only if its 2xx status arrived first).
// Any other answer while the server lives is an error of the server and ends the writer.
async function send(ctx, write, session, path, init) {
  ctx.writes.push(write);
  let response;
  try {
    response = await authed(ctx.server, session, path, { ...init, headers: { 'x-request-id': write.rid } });
  } catch (error) {
    if (ctx.killed) return null;
    throw new Error(`${write.rid} (${write.kind}): ${error.message}`);
  }
  write.status = response.status;
  let text = null;
  try { text = await response.text(); } catch (error) { if (!ctx.killed) throw error; }
  if (response.status < 200 || response.status > 299)
    throw new Error(`${write.rid} (${write.kind}) answered ${response.status}: ${(text ?? '').slice(0, 400)}`);
  write.acked = true;
  return text ? JSON.parse(text) : null;
}

// One writer, until ctx.killed: its own persons, each admitted once, then months of attendance
// for all its stays (one bulk request per month) and notes.
export async function runWriter(ctx, index, random) {
  const persons = [];  // { id, stayId }
  let serial = 0;
  let monthIndex = 0;
  const rid = () => `crash-${ctx.seed}-${ctx.cycle}-${index}-${++serial}`;
  const base = { cycle: ctx.cycle, writer: index, acked: false };
  while (!ctx.killed) {
    const waiting = persons.find((p) => p.stayId === undefined);
    const admitted = persons.filter((p) => p.stayId !== undefined);
    if (waiting) {
      const write = { ...base, rid: rid(), kind: 'admission', personId: waiting.id,
        admissionDate: `2025-01-${String(1 + random.int(28)).padStart(2, '0')}` };
      const stay = await send(ctx, write, ctx.sessions.directrice, `/api/v1/persons/${waiting.id}/stays`, { json: {
        establishment_id: establishmentId, care_mode: careMode, admission_date: write.admissionDate, origin: 'home' } });
      if (!stay) return;
      write.stayId = stay.id;
      waiting.stayId = stay.id;
    } else if (persons.length < personsPerWriter && (persons.length === 0 || random.chance(0.3))) {
      const write = { ...base, rid: rid(), kind: 'person',
        name: `Crash${letters(ctx.seed % 100000)}x${letters(ctx.cycle)}x${letters(index)}x${letters(serial)}` };
      const person = await send(ctx, write, ctx.sessions.directrice, '/api/v1/persons', { json: {
        establishment_id: establishmentId, birth_name: write.name, first_names: [random.pick(['Alix', 'Camille', 'Sacha'])],
        sex: random.pick(['F', 'M']), birth_date: `20${String(5 + random.int(10)).padStart(2, '0')}-03-14`,
        confirm_duplicate: true } });
      if (!person) return;
      write.id = person.id;
      persons.push({ id: person.id });
    } else if (admitted.length && random.chance(0.5)) {
      // A new month for every stay, or corrections of a month already filled: other values, cells
      // cleared (status null), cells added — the corrections go to the history.
      const correction = monthIndex === months.length || (monthIndex > 0 && random.chance(0.4));
      const month = correction ? months[random.int(monthIndex)] : months[monthIndex++];
      const entries = [];
      const cell = (stay, date) => {
        const roll = random.next();
        if (correction && roll < 0.15) return { stay_id: stay, date, status: null };
        if (roll < 0.7) return { stay_id: stay, date, status: 'present' };
        if (roll < 0.9) return { stay_id: stay, date, status: 'absent', reason: random.pick(reasons) };
        return { stay_id: stay, date, status: 'not_expected' };
      };
      if (correction) {
        const picked = new Set();
        for (let i = 0; i < 12; i++) {
          const stay = random.pick(admitted).stayId;
          const date = random.pick(daysOf(month));
          if (picked.has(`${stay}|${date}`)) continue;  // a cell twice in one request is refused
          picked.add(`${stay}|${date}`);
          entries.push(cell(stay, date));
        }
      } else {
        for (const p of admitted)
          for (const date of daysOf(month)) if (!random.chance(0.1)) entries.push(cell(p.stayId, date));  // a few days left empty
      }
      if (!entries.length) continue;
      const write = { ...base, rid: rid(), kind: 'attendance', correction, month, entries,
        personIds: admitted.filter((p) => entries.some((e) => e.stay_id === p.stayId)).map((p) => p.id) };
      const answer = await send(ctx, write, ctx.sessions.directrice, '/api/v1/attendance', { method: 'PUT', json: {
        establishment_id: establishmentId, care_mode: careMode, month, entries } });
      if (!answer) return;
      const written = entries.filter((e) => e.status !== null).length;
      if (answer.written !== written) throw new Error(`${write.rid}: ${answer.written} cells written of ${written}`);
    } else {
      const p = random.pick(persons);
      const write = { ...base, rid: rid(), kind: 'note', personId: p.id,
        occurredOn: new Date(Date.now() - (1 + random.int(27)) * 86400000).toISOString().slice(0, 10) };
      write.body = `Transmission ${write.rid} ${random.int(1e9)}`;
      const note = await send(ctx, write, ctx.sessions.educateur, `/api/v1/persons/${p.id}/notes`, { json: {
        category: 'daily_life', confidentiality: 'team', occurred_on: write.occurredOn, body: write.body } });
      if (!note) return;
      write.noteId = note.id;
    }
  }
}
