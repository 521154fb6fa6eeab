// Documents of a person's record and the identity photo: uploads checked by content (not by name), rights by
// document type (medical documents for care roles only, refusals audited), versions, archiving, a per-route
// body limit of 20 Mo (a 200 Mo upload refused without being read), zip bombs, and bytes encrypted at rest:
// never readable in the database nor in the data directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { deflateRawSync, crc32 } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, backend } from '../lib/server.mjs';
import { signInDemo, authed } from '../lib/session.mjs';

let server;
const s = {};
let person;       // organisation 1, establishment 1
let stranger;     // organisation 2
const MARKER = 'Marqueur-en-clair-' + randomBytes(6).toString('hex');

// ---------------------------------------------------------------------------------------------
// Files built here

const pdf = (text = 'Bonjour') => Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
  `3 0 obj (${text}) endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

// A JPEG whose comment segment carries `text`.
const jpeg = (text = 'photo') => {
  const comment = Buffer.from(text);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(comment.length + 2);
  return Buffer.concat([Buffer.from([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00,
    0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xFE]), length, comment, Buffer.from([0xFF, 0xD9])]);
};

const png = Buffer.from('89504E470D0A1A0A0000000D4948445200000001000000010806000000' +
  '1F15C4890000000D4944415478DA63F8CFC0F01F00050001FF9F6E8A0000000049454E44AE426082', 'hex');

// A Windows program: DOS header pointing at a PE signature.
const windowsProgram = () => {
  const exe = Buffer.alloc(0x100);
  exe.write('MZ', 0, 'latin1');
  exe[0x3C] = 0x40;
  Buffer.from('PE\0\0\x4C\x01', 'latin1').copy(exe, 0x40);
  return exe;
};

// A zip archive; entries { name, data, deflate?, declaredSize? } (declaredSize: a lie about the inflated size).
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.deflate ? 8 : 0;
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const docx = (text) => zip([
  { name: '[Content_Types].xml', data: contentTypes, deflate: true },
  { name: '_rels/.rels', data: Buffer.from('<Relationships/>'), deflate: true },
  { name: 'word/document.xml', data: Buffer.from(`<w:document><w:body><w:p>${text}</w:p></w:body></w:document>`), deflate: true },
]);

// ---------------------------------------------------------------------------------------------
// Requests

const base = (p = person) => `/api/v1/persons/${p.id}/documents`;
function upload(who, query, body, type = 'application/pdf', p = person) {
  return authed(server, s[who], `${base(p)}?${new URLSearchParams(query)}`, { method: 'POST', body, headers: { 'content-type': type } });
}
async function created(who, query, body, type) {
  const r = await upload(who, query, body, type);
  assert.equal(r.status, 201, await r.clone().text());
  return r.json();
}
async function list(who, query = '', p = person) {
  const r = await authed(server, s[who], `${base(p)}${query}`);
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()).items;
}
const download = (who, id, query = '') => authed(server, s[who], `${base()}/${id}/content${query}`);

async function problem(response, status, fields) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = JSON.parse(text);
  assert.match(response.headers.get('content-type'), /problem\+json/);
  if (fields) assert.deepEqual(body.errors.map((e) => e.field).sort(), [...fields].sort(), text);
  return body;
}

// Every file under the server's data directory (documents, keys).
function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}
const storedFiles = () => filesUnder(join(server.dir, 'documents'));

before(async () => {
  server = await startServer({ demo: true });
  for (const [k, email] of [['secretary', 'secretaire@passerelles-rhone.demo'], ['educator', 'educateur@passerelles-rhone.demo'],
    ['nurse', 'infirmiere@passerelles-rhone.demo'], ['head', 'cheffe.service@passerelles-rhone.demo'],
    ['director', 'directrice@passerelles-rhone.demo'], ['dpo', 'dpo@passerelles-rhone.demo'],
    ['quality', 'qualite@passerelles-rhone.demo'], ['otherDirector', 'directeur@horizon-loire.demo']])
    s[k] = await signInDemo(server, email);
  let r = await authed(server, s.secretary, '/api/v1/persons', { json: {
    establishment_id: 1, birth_name: 'Documentée', first_names: ['Léa'], sex: 'F', birth_date: '2009-04-03' } });
  assert.equal(r.status, 201, await r.clone().text());
  person = await r.json();
  r = await authed(server, s.otherDirector, '/api/v1/persons', { json: {
    establishment_id: 13, birth_name: 'Étrangère', first_names: ['Ana'], sex: 'F', birth_date: '2008-02-01' } });
  assert.equal(r.status, 201, await r.clone().text());
  stranger = await r.json();
});
after(async () => { await server?.stop(); });

// ---------------------------------------------------------------------------------------------

test('upload, list, new version and download: the bytes come back identical, with safe headers', async () => {
  const first = pdf(`${MARKER} carte d'identité`);
  const doc = await created('secretary', { type: 'identity', title: "Carte d'identité", filename: 'CNI recto.pdf' }, first);
  assert.equal(doc.type, 'identity');
  assert.equal(doc.retention, 'record');
  assert.equal(doc.version_count, 1);
  assert.equal(doc.current_version.media_type, 'application/pdf');
  assert.equal(doc.current_version.size, first.length);
  assert.equal(doc.current_version.filename, 'CNI recto.pdf');
  assert.equal(doc.establishment_id, 1);

  const second = pdf(`${MARKER} carte renouvelée`);
  const r = await authed(server, s.secretary, `${base()}/${doc.id}/versions?filename=${encodeURIComponent('CNI 2026.pdf')}`,
    { method: 'POST', body: second, headers: { 'content-type': 'application/pdf' } });
  assert.equal(r.status, 201, await r.clone().text());
  const versioned = await r.json();
  assert.equal(versioned.version_count, 2);
  assert.deepEqual(versioned.versions.map((v) => v.version), [2, 1]);

  const items = await list('educator', '?type=identity');
  const listed = items.find((d) => d.id === doc.id);
  assert.equal(listed.version_count, 2);
  assert.equal(listed.current_version.version, 2);
  assert.equal(listed.can_write, false);
  assert.equal((await list('secretary')).find((d) => d.id === doc.id).can_write, true);

  const current = await download('educator', doc.id);
  assert.equal(current.status, 200);
  assert.deepEqual(Buffer.from(await current.arrayBuffer()), second);
  assert.equal(current.headers.get('content-type'), 'application/pdf');
  assert.equal(current.headers.get('x-content-type-options'), 'nosniff');
  assert.match(current.headers.get('content-disposition'), /^attachment; filename="CNI 2026\.pdf"; filename\*=UTF-8''CNI%202026\.pdf$/);
  const old = await download('educator', doc.id, '?version=1');
  assert.deepEqual(Buffer.from(await old.arrayBuffer()), first);

  const detail = await (await authed(server, s.educator, `${base()}/${doc.id}`)).json();
  assert.deepEqual(detail.versions.map((v) => v.filename), ['CNI 2026.pdf', 'CNI recto.pdf']);
});

test('office documents and images are accepted by content; names with quotes or paths are made safe', async () => {
  const word = docx(`${MARKER} courrier`);
  const doc = await created('secretary', { type: 'correspondence', title: 'Courrier à la famille', filename: '..\\..\\"lettre".docx' }, word, docxType);
  assert.equal(doc.current_version.media_type, docxType);
  assert.equal(doc.current_version.filename, '_lettre_.docx');
  const r = await download('head', doc.id);
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), word);
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="_lettre_\.docx"/);
  // No extension given: the content names it; a browser that knows nothing sends octet-stream.
  const image = await created('secretary', { type: 'other', title: 'Photo de classe', filename: 'scan' }, png, 'application/octet-stream');
  assert.equal(image.current_version.media_type, 'image/png');
  assert.equal(image.current_version.filename, 'scan.png');
  // A UTF-8 text is served as such.
  const text = Buffer.from('Compte rendu de réunion : « accord » de la famille.\n');
  const note = await created('secretary', { type: 'correspondence', title: 'Notes de réunion', filename: 'réunion.txt' }, text, 'text/plain');
  const r2 = await download('secretary', note.id);
  assert.equal(r2.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.match(r2.headers.get('content-disposition'), /^attachment; filename="r_union\.txt"; filename\*=UTF-8''r%C3%A9union\.txt$/);
  assert.deepEqual(Buffer.from(await r2.arrayBuffer()), text);
});

test('a file whose content does not match its name or type is refused naming file, nothing written', async () => {
  const before = (await list('director')).length;
  const files = storedFiles().length;
  const text = Buffer.from('Ceci est un simple texte, pas un PDF.\n');
  let body = await problem(await upload('secretary', { type: 'identity', title: 'Faux PDF', filename: 'faux.pdf' }, text), 422, ['file']);
  assert.match(body.detail, /Texte/);
  await problem(await upload('secretary', { type: 'identity', title: 'Faux', filename: 'faux.txt' }, text, 'application/pdf'), 422, ['file']);
  body = await problem(await upload('secretary', { type: 'identity', title: 'Photo', filename: 'photo.jpg' }, windowsProgram(), 'image/jpeg'), 422, ['file']);
  await problem(await upload('secretary', { type: 'identity', title: 'Programme', filename: 'setup.exe' }, windowsProgram(), 'application/octet-stream'), 422, ['file']);
  await problem(await upload('secretary', { type: 'identity', title: 'Vide', filename: 'vide.pdf' }, Buffer.alloc(0)), 422, ['file']);
  // A PDF that runs a script.
  const script = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await problem(await upload('secretary', { type: 'identity', title: 'Script', filename: 'script.pdf' }, script), 422, ['file']);
  assert.equal((await list('director')).length, before);
  assert.equal(storedFiles().length, files, 'no file left in the documents directory');
});

test('a zip bomb disguised as a .docx is refused without being inflated, nothing written', async () => {
  const before = (await list('director')).length;
  const files = storedFiles().length;
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const bomb = zip([
    { name: '[Content_Types].xml', data: contentTypes, deflate: true },
    { name: 'word/document.xml', data: Buffer.from('<w:document/>'), deflate: true },
    { name: 'word/media/image1.png', data: zeros, deflate: true },
  ]);
  assert.ok(bomb.length < 1024 * 1024, `the bomb weighs ${bomb.length} bytes`);
  await problem(await upload('secretary', { type: 'correspondence', title: 'Courrier', filename: 'courrier.docx' }, bomb, docxType), 422, ['file']);
  // The same, lying about its inflated size in the archive's directory.
  const liar = zip([
    { name: '[Content_Types].xml', data: contentTypes, deflate: true },
    { name: 'word/document.xml', data: zeros, deflate: true, declaredSize: 1000 },
  ]);
  await problem(await upload('secretary', { type: 'correspondence', title: 'Courrier', filename: 'courrier.docx' }, liar, docxType), 422, ['file']);
  assert.equal((await list('director')).length, before);
  assert.equal(storedFiles().length, files);
});

// Sends `total` bytes to `path`, generated as they go (never held whole), and stops at the first answer.
function hugeUpload(path, session, total, { chunked }) {
  return new Promise((resolve, reject) => {
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/pdf' };
    if (!chunked) headers['content-length'] = String(total);
    const req = http.request({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers, agent: false });
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    pdf().copy(chunk);
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => { resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts).toString(), sent }); req.destroy(); });
      res.on('error', reject);
    });
    req.on('error', (e) => { if (!answered) reject(e); });
    // One chunk at a time, each after a turn of the event loop, so that an answer already in the socket is
    // read before the next chunk goes (a loop of writes on 'drain' alone could send everything first on a
    // busy machine, as seen once in CI).
    const pump = () => {
      if (answered) return;
      if (sent >= total) { req.end(); return; }
      sent += chunk.length;
      if (req.write(chunk)) setImmediate(pump);
      else req.once('drain', () => setImmediate(pump));
    };
    pump();
  });
}

test('a 200 Mo upload is refused with 413 before it is read, nothing written, and the server keeps serving', async () => {
  const before = (await list('director')).length;
  const files = storedFiles().length;
  const path = `${base()}?type=identity&title=Enorme&filename=enorme.pdf`;
  const total = 200 * 1024 * 1024;
  for (const chunked of [false, true]) {
    const r = await hugeUpload(path, s.secretary, total, { chunked });
    assert.equal(r.status, 413, r.body);
    assert.match(r.headers['content-type'], /problem\+json/);
    assert.deepEqual(JSON.parse(r.body).errors.map((e) => e.field), ['file']);
    assert.ok(r.sent < total / 2, `${chunked ? 'chunked' : 'announced'}: ${r.sent} bytes sent before the answer`);
  }
  assert.equal((await list('director')).length, before);
  assert.equal(storedFiles().length, files);
  assert.equal((await fetch(server.base + '/healthz')).status, 200);
  // Over 10 Mio (the JSON limit) but under 20 Mo: accepted on this route.
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(15 * 1024 * 1024, 0x42), Buffer.from('\n'), pdf().subarray(9)]);
  const doc = await created('secretary', { type: 'administrative', title: 'Gros scan', filename: 'scan.pdf' }, big);
  assert.equal(doc.current_version.size, big.length);
  // The rest of the API keeps its limit.
  const json = await authed(server, s.secretary, '/api/v1/persons', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ birth_name: 'x'.repeat(11 * 1024 * 1024) }) });
  assert.equal(json.status, 413);
});

test('rights by type: medical documents for care roles only; an educator\'s download is refused and audited', async () => {
  const refusedWrite = await upload('secretary', { type: 'medical', title: 'Ordonnance', filename: 'ordo.pdf' }, pdf());
  await problem(refusedWrite, 403);
  await problem(await upload('educator', { type: 'identity', title: 'CNI', filename: 'cni.pdf' }, pdf()), 403);
  const medical = await created('nurse', { type: 'medical', title: 'Compte rendu de consultation', filename: 'cr.pdf' }, pdf(`${MARKER} diagnostic`));
  assert.equal(medical.retention, 'health');
  const plan = await created('educator', { type: 'plan', title: 'Bilan éducatif', filename: 'bilan.pdf' }, pdf());

  assert.ok((await list('nurse')).some((d) => d.id === medical.id));
  for (const who of ['educator', 'secretary', 'head', 'director', 'dpo']) {
    const items = await list(who);
    assert.ok(!items.some((d) => d.type === 'medical'), `${who} sees a medical document`);
  }
  assert.deepEqual(await list('educator', '?type=medical'), []);
  assert.ok(!(await list('secretary')).some((d) => d.id === plan.id), 'the secretary sees an educational document');
  assert.ok((await list('nurse')).some((d) => d.id === plan.id));

  await problem(await download('educator', medical.id), 403);
  await problem(await authed(server, s.educator, `${base()}/${medical.id}`), 403);
  await problem(await download('secretary', plan.id), 403);
  const ok = await download('nurse', medical.id);
  assert.equal(ok.status, 200);
  await ok.arrayBuffer();

  const events = [];
  for (const action of ['download', 'create']) {
    const audit = await authed(server, s.dpo, `/api/v1/audit?person=${person.id}&action=${action}&limit=100`);
    assert.equal(audit.status, 200, await audit.clone().text());
    events.push(...(await audit.json()).items);
  }
  const refusal = events.find((e) => e.action === 'download' && e.outcome === 'denied' && e.object_id === String(medical.id));
  assert.ok(refusal, 'the refused download is in the audit trail');
  assert.equal(refusal.account, 'educateur@passerelles-rhone.demo');
  assert.equal(refusal.person_id, person.id);
  assert.ok(events.some((e) => e.action === 'create' && e.outcome === 'denied' && e.account === 'secretaire@passerelles-rhone.demo'),
    'the refused upload is audited');
  assert.ok(events.some((e) => e.action === 'download' && e.outcome === 'success' && e.account === 'infirmiere@passerelles-rhone.demo'));
  assert.ok(events.some((e) => e.action === 'create' && e.object_type === 'person_document' && e.object_id === String(medical.id)));
  // Roles without any access to persons.
  await problem(await authed(server, s.quality, base()), 403);
});

test('archiving keeps the document (retention), hides it from the default list and closes it to new versions', async () => {
  const doc = await created('secretary', { type: 'administrative', title: 'Contrat de séjour 2024', filename: 'contrat.pdf' }, pdf('contrat'));
  await problem(await authed(server, s.educator, `${base()}/${doc.id}/archive`, { method: 'POST' }), 403);
  const r = await authed(server, s.secretary, `${base()}/${doc.id}/archive`, { method: 'POST' });
  assert.equal(r.status, 200, await r.clone().text());
  const archived = await r.json();
  assert.equal(archived.archived, true);
  assert.equal(archived.archived_by, 'secretaire@passerelles-rhone.demo');
  assert.ok(!(await list('secretary')).some((d) => d.id === doc.id));
  assert.ok((await list('secretary', '?archived=true')).some((d) => d.id === doc.id && d.archived));
  await problem(await authed(server, s.secretary, `${base()}/${doc.id}/archive`, { method: 'POST' }), 409);
  await problem(await authed(server, s.secretary, `${base()}/${doc.id}/versions?filename=v2.pdf`,
    { method: 'POST', body: pdf(), headers: { 'content-type': 'application/pdf' } }), 409);
  const kept = await download('educator', doc.id);
  assert.equal(kept.status, 200);
  assert.deepEqual(Buffer.from(await kept.arrayBuffer()), pdf('contrat'));
});

test('bad metadata is refused naming each field; injection strings are stored as text', async () => {
  await problem(await upload('secretary', {}, pdf()), 422, ['type', 'title', 'filename']);
  await problem(await upload('secretary', { type: 'secret', title: 'a\u0001b', filename: 'x.pdf', retention: 'forever', colour: 'red' }, pdf()),
    422, ['type', 'title', 'retention', 'colour']);
  await problem(await upload('secretary', { type: 'identity', title: 'CNI', filename: 'x.pdf', retention: 'legal_archive' }, pdf()), 422, ['retention_reason']);
  await problem(await upload('secretary', { type: 'identity', title: 'CNI', filename: 'x.pdf', establishment_id: '999999' }, pdf()), 422, ['establishment_id']);
  await problem(await upload('secretary', { type: 'identity', title: 'CNI', filename: 'x.pdf', establishment_id: '13' }, pdf()), 422, ['establishment_id']);
  await problem(await upload('secretary', { type: 'identity', title: 'x'.repeat(201), filename: 'x.pdf' }, pdf()), 422, ['title']);
  const title = "Robert'); DROP TABLE person_document;-- <script>alert(1)</script> ${7*7} {{7*7}}";
  const doc = await created('secretary', { type: 'identity', title, filename: "x'); DELETE FROM person;--.pdf" }, pdf());
  assert.equal(doc.title, title);
  assert.ok((await list('secretary')).some((d) => d.id === doc.id && d.title === title));
  const legal = await created('secretary', { type: 'decision', title: 'Jugement', filename: 'j.pdf', retention: 'legal_archive',
    retention_reason: 'Contentieux en cours devant le tribunal' }, pdf());
  assert.equal(legal.retention_reason, 'Contentieux en cours devant le tribunal');
  await problem(await authed(server, s.secretary, `${base()}?type=secret`), 400, ['type']);
});

test('unknown ids and another organisation\'s person or document answer 404, nothing written', async () => {
  const mine = await created('secretary', { type: 'identity', title: 'CNI', filename: 'cni.pdf' }, pdf());
  await problem(await authed(server, s.secretary, `/api/v1/persons/999999/documents`), 404);
  await problem(await authed(server, s.secretary, `${base()}/999999`), 404);
  await problem(await download('secretary', 999999), 404);
  await problem(await download('secretary', mine.id, '?version=9'), 404);
  await problem(await download('secretary', mine.id, '?version=abc'), 400, ['version']);
  await problem(await authed(server, s.secretary, `${base()}/abc`), 404);

  const theirs = await (async () => {
    const r = await upload('otherDirector', { type: 'identity', title: 'Passeport', filename: 'p.pdf' }, pdf(), 'application/pdf', stranger);
    assert.equal(r.status, 201, await r.clone().text());
    return r.json();
  })();
  await problem(await authed(server, s.director, base(stranger)), 404);
  await problem(await upload('director', { type: 'identity', title: 'Intrus', filename: 'i.pdf' }, pdf(), 'application/pdf', stranger), 404);
  // Their document under our person's path, and ours under theirs.
  await problem(await download('director', theirs.id), 404);
  await problem(await authed(server, s.otherDirector, `${base(stranger)}/${mine.id}/content`), 404);
  await problem(await authed(server, s.director, `${base()}/${theirs.id}/archive`, { method: 'POST' }), 404);
  const r = await authed(server, s.otherDirector, base(stranger));
  assert.deepEqual((await r.json()).items.map((d) => d.id), [theirs.id]);
});

test('the identity photo: JPEG or PNG by content, 5 Mo at most, read by the team, changed by the office, in the history', async () => {
  const photo = `/api/v1/persons/${person.id}/photo`;
  await problem(await authed(server, s.secretary, photo), 404);
  const put = (who, body, type) => authed(server, s[who], photo, { method: 'PUT', body, headers: { 'content-type': type } });
  const image = jpeg(`${MARKER} photo`);
  let r = await put('secretary', image, 'image/jpeg');
  assert.equal(r.status, 200, await r.clone().text());
  assert.equal((await r.json()).media_type, 'image/jpeg');
  // The record says a photo exists (and when it changed), so a page need not ask for a missing one.
  const record = async () => (await authed(server, s.educator, `/api/v1/persons/${person.id}`)).json();
  assert.ok((await record()).photo_updated_at);
  r = await authed(server, s.educator, photo);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), image);
  await problem(await put('educator', png, 'image/png'), 403);
  await problem(await put('secretary', pdf(), 'application/pdf'), 422, ['file']);
  await problem(await put('secretary', windowsProgram(), 'image/jpeg'), 422, ['file']);
  const tooBig = await put('secretary', Buffer.concat([image, Buffer.alloc(6 * 1024 * 1024)]), 'image/jpeg');
  await problem(tooBig, 413, ['file']);
  r = await put('secretary', png, 'image/png');
  assert.equal(r.status, 200, await r.clone().text());
  r = await authed(server, s.nurse, photo);
  assert.equal(r.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), png);
  await problem(await authed(server, s.otherDirector, photo), 404);
  await problem(await authed(server, s.otherDirector, photo, { method: 'DELETE' }), 404);
  assert.equal((await authed(server, s.secretary, photo, { method: 'DELETE' })).status, 204);
  assert.equal((await record()).photo_updated_at, null);
  await problem(await authed(server, s.secretary, photo), 404);
  await problem(await authed(server, s.secretary, photo, { method: 'DELETE' }), 404);
  const history = (await (await authed(server, s.director, `/api/v1/persons/${person.id}/history`)).json()).items;
  const lines = history.filter((h) => h.field === 'photo');
  assert.equal(lines.length, 3, JSON.stringify(lines));
  assert.equal(lines[0].new_value, null);
});

test('a merge moves the duplicate\'s documents to the record kept, and its photo when the kept record has none', async () => {
  const make = async (name, birth) => {
    const r = await authed(server, s.secretary, '/api/v1/persons', { json: {
      establishment_id: 1, birth_name: name, first_names: ['Marc'], sex: 'M', birth_date: birth, confirm_duplicate: true } });
    assert.equal(r.status, 201, await r.clone().text());
    return r.json();
  };
  const kept = await make('Fusionné', '2001-01-01');
  const dup = await make('Fusionne', '2001-01-01');
  const r = await upload('secretary', { type: 'identity', title: 'CNI du doublon', filename: 'cni.pdf' }, pdf('doublon'), 'application/pdf', dup);
  assert.equal(r.status, 201, await r.clone().text());
  const doc = await r.json();
  const photo = await authed(server, s.secretary, `/api/v1/persons/${dup.id}/photo`, { method: 'PUT', body: png, headers: { 'content-type': 'image/png' } });
  assert.equal(photo.status, 200, await photo.clone().text());
  const merged = await authed(server, s.director, `/api/v1/persons/${kept.id}/merge`, { json: { duplicate_id: dup.id } });
  assert.equal(merged.status, 200, await merged.clone().text());
  assert.deepEqual((await list('secretary', '', kept)).map((d) => d.id), [doc.id]);
  const moved = await authed(server, s.secretary, `/api/v1/persons/${kept.id}/documents/${doc.id}/content`);
  assert.deepEqual(Buffer.from(await moved.arrayBuffer()), pdf('doublon'));
  const image = await authed(server, s.secretary, `/api/v1/persons/${kept.id}/photo`);
  assert.deepEqual(Buffer.from(await image.arrayBuffer()), png);
});

test('stored bytes are not readable plaintext in the database nor anywhere in the data directory', async () => {
  // Every upload above carrying the marker is stored; the last photo was deleted with its file.
  const files = storedFiles();
  assert.ok(files.length >= 4, `${files.length} stored files`);
  for (const f of filesUnder(server.dir)) {
    if (f.includes('passerelle.db')) continue;
    assert.ok(!readFileSync(f).includes(MARKER), `${f} holds a document in clear`);
  }
  if (backend === 'postgresql') {
    const dump = execFileSync('pg_dump', ['--data-only', server.database.url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.ok(dump.includes('person_document_version'), 'the dump holds the versions table');
    assert.ok(!dump.includes(MARKER), 'a document is readable in the PostgreSQL dump');
  } else {
    const dbFiles = readdirSync(server.dir).filter((f) => f.startsWith('passerelle.db'));
    assert.ok(dbFiles.length >= 1);
    for (const f of dbFiles) assert.ok(!readFileSync(join(server.dir, f)).includes(MARKER), `${f} holds a document in clear`);
  }
});
