// Reads back the workbooks the server writes (API tests of the exports): the zip's central directory,
// the sheets in workbook order, and each sheet's cells as text (shared or inline strings, numbers as
// written, dates as their Excel serial). Enough for the files libxlsxwriter produces, nothing more.
import { inflateRawSync } from 'node:zlib';

function entries(zip) {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    files.set(name, () => (method === 0 ? raw : inflateRawSync(raw)).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const decode = (s) => s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name, dec, hex) => {
  if (dec) return String.fromCodePoint(Number(dec));
  if (hex) return String.fromCodePoint(parseInt(hex, 16));
  return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name];
});

const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => decode(m[1] ?? '')).join('');

function columnIndex(ref) {
  const letters = ref.match(/^[A-Z]+/)[0];
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

// { sheets: [{ name, rows: [[cell text…]…] }…] } — rows[0] is the header line; missing cells are ''.
export function readWorkbook(buffer) {
  const files = entries(Buffer.from(buffer));
  const read = (name) => {
    const f = files.get(name);
    if (!f) throw new Error(`missing ${name} in the workbook`);
    return f();
  };
  const shared = files.has('xl/sharedStrings.xml')
    ? [...read('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1])) : [];
  const rels = new Map([...read('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b([^>]*)\/>/g)].map((m) => {
    const id = m[1].match(/Id="([^"]+)"/)[1];
    const target = m[1].match(/Target="([^"]+)"/)[1];
    return [id, target.startsWith('/') ? target.slice(1) : 'xl/' + target];
  }));
  const sheets = [...read('xl/workbook.xml').matchAll(/<sheet\b([^>]*)\/>/g)].map((m) => {
    const name = decode(m[1].match(/name="([^"]*)"/)[1]);
    const rid = m[1].match(/r:id="([^"]+)"/)[1];
    const xml = read(rels.get(rid));
    const rows = [];
    for (const row of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b([^>]*)\/>/g)) {
      const attributes = row[1] ?? row[3];
      const r = Number(attributes.match(/\br="(\d+)"/)[1]) - 1;
      const cells = [];
      for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = c[1].match(/\br="([A-Z]+\d+)"/)[1];
        const type = c[1].match(/\bt="([^"]+)"/)?.[1];
        const body = c[2] ?? '';
        const v = body.match(/<v>([\s\S]*?)<\/v>/)?.[1];
        let text = '';
        if (type === 's') text = shared[Number(v)];
        else if (type === 'inlineStr') text = texts(body);
        else if (v !== undefined) text = decode(v);
        cells[columnIndex(ref)] = text;
      }
      rows[r] = Array.from(cells, (x) => x ?? '');
    }
    return { name, rows: Array.from(rows, (x) => x ?? []) };
  });
  return { sheets };
}

// The rows of one sheet as objects keyed by the header line.
export function sheetObjects(sheet) {
  const [header, ...rows] = sheet.rows;
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

// An Excel date serial (1900 calendar) as YYYY-MM-DD.
export function serialDate(serial) {
  return new Date((Number(serial) - 25569) * 86400000).toISOString().slice(0, 10);
}
