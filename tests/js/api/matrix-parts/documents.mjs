// Documents of a person's record and the identity photo. Routes enter with persons.administrative.read; the
// document's type then decides (documents.hpp): identity documents are written by directors, heads of service
// and secretaries, read by every role that reads the record. Uploads here carry a JSON body, which is no
// accepted file: 422 naming file once the handler has let the caller through, nothing written.
import { signInDemo } from '../../lib/session.mjs';

const writers = ['director', 'head_of_service', 'secretary'];
const forWriters = (status) => (c) => (writers.includes(c.role) ? status : 403);

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
  '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = Buffer.from('89504E470D0A1A0A0000000D4948445200000001000000010806000000' +
  '1F15C4890000000D4944415478DA63F8CFC0F01F00050001FF9F6E8A0000000049454E44AE426082', 'hex');

export function templates(ctx) {
  const { fixtures, other, authed } = ctx;
  const documents = (org) => `/api/v1/persons/${fixtures.person[org].id}/documents`;
  const document = (org, which = 'document') => `${documents(org)}/${fixtures[which][org].id}`;
  const uploadQuery = '?type=identity&title=Matrice&filename=matrice.pdf';
  // What the other organisation's director sees of its fixture document.
  const theirs = async (c) => {
    const r = await authed(ctx.server, fixtures.director[other(c.org)], document(other(c.org)));
    return r.json();
  };
  const theirCount = async (c) => {
    const r = await authed(ctx.server, fixtures.director[other(c.org)], documents(other(c.org)));
    return (await r.json()).items.length;
  };
  return {
    'GET /api/v1/document-types': { own: () => ({ path: '/api/v1/document-types', ok: 200 }) },
    'GET /api/v1/persons/{id}/documents': {
      own: (c) => ({
        path: documents(c.org), ok: 200,
        check: (_, body) => (c.role !== 'care_professional' && body.items.some((d) => d.type === 'medical') ? 'medical documents listed' : null),
      }),
      other: (c) => ({ path: documents(other(c.org)) }),
    },
    'POST /api/v1/persons/{id}/documents': {
      own: (c) => ({ path: documents(c.org) + uploadQuery, json: { not: 'a file' }, ok: forWriters(422) }),
      other: (c) => {
        let before;
        return {
          prepare: async () => { before = await theirCount(c); },
          path: documents(other(c.org)) + uploadQuery, json: { not: 'a file' },
          verify: async () => ((await theirCount(c)) === before ? null : 'a document was added'),
        };
      },
    },
    'GET /api/v1/persons/{id}/documents/{document_id}': {
      own: (c) => ({ path: document(c.org), ok: 200 }),
      other: (c) => ({ path: document(other(c.org)) }),
    },
    'GET /api/v1/persons/{id}/documents/{document_id}/content': {
      own: (c) => ({ path: `${document(c.org)}/content`, ok: 200 }),
      other: (c) => ({ path: `${document(other(c.org))}/content` }),
    },
    'POST /api/v1/persons/{id}/documents/{document_id}/versions': {
      own: (c) => ({ path: `${document(c.org)}/versions?filename=v.pdf`, json: { not: 'a file' }, ok: forWriters(422) }),
      other: (c) => ({
        path: `${document(other(c.org))}/versions?filename=v.pdf`, json: { not: 'a file' },
        verify: async () => ((await theirs(c)).version_count === 1 ? null : 'a version was added'),
      }),
    },
    // An archived document: 409 once the handler lets the caller through; on the other organisation an
    // active one, which must stay active.
    'POST /api/v1/persons/{id}/documents/{document_id}/archive': {
      own: (c) => ({ path: `${document(c.org, 'archivedDocument')}/archive`, method: 'POST', ok: forWriters(409) }),
      other: (c) => ({
        path: `${document(other(c.org))}/archive`, method: 'POST',
        verify: async () => ((await theirs(c)).archived ? 'the document was archived' : null),
      }),
    },
    // The photo: a JSON body is no image (422); the fixture person has a photo (200); deletion on a
    // record of its own, given a photo before each request (204).
    'PUT /api/v1/persons/{id}/photo': {
      own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/photo`, method: 'PUT', json: { not: 'an image' }, ok: 422 }),
      other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/photo`, method: 'PUT', json: { not: 'an image' } }),
    },
    'GET /api/v1/persons/{id}/photo': {
      own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/photo`, ok: 200 }),
      other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/photo` }),
    },
    'DELETE /api/v1/persons/{id}/photo': {
      own: (c) => ({
        prepare: () => putPhoto(ctx, c.org, fixtures.photoPerson[c.org]),
        path: `/api/v1/persons/${fixtures.photoPerson[c.org].id}/photo`, method: 'DELETE', ok: 204,
      }),
      other: (c) => ({
        path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/photo`, method: 'DELETE',
        verify: async () => {
          const r = await authed(ctx.server, fixtures.director[other(c.org)], `/api/v1/persons/${fixtures.person[other(c.org)].id}/photo`);
          return r.status === 200 ? null : 'the photo was deleted';
        },
      }),
    },
  };
}

async function putPhoto(ctx, org, person) {
  const r = await ctx.authed(ctx.server, ctx.fixtures.director[org], `/api/v1/persons/${person.id}/photo`,
    { method: 'PUT', body: png, headers: { 'content-type': 'image/png' } });
  if (r.status !== 200) throw new Error(`photo: ${r.status} ${await r.text()}`);
}

async function uploadAs(ctx, session, org, type, title) {
  const r = await ctx.authed(ctx.server, session,
    `/api/v1/persons/${ctx.fixtures.person[org].id}/documents?type=${type}&title=${encodeURIComponent(title)}&filename=matrice.pdf`,
    { method: 'POST', body: pdf, headers: { 'content-type': 'application/pdf' } });
  if (r.status !== 201) throw new Error(`upload ${type}: ${r.status} ${await r.text()}`);
  return r.json();
}

export async function setup(ctx, org, session) {
  const { fixtures } = ctx;
  for (const key of ['document', 'archivedDocument', 'photoPerson']) fixtures[key] ??= {};
  fixtures.document[org] = await uploadAs(ctx, session, org, 'identity', 'Carte d\'identité (matrice)');
  const archived = await uploadAs(ctx, session, org, 'administrative', 'Ancien contrat (matrice)');
  fixtures.archivedDocument[org] = await ctx.post(session,
    `/api/v1/persons/${fixtures.person[org].id}/documents/${archived.id}/archive`, undefined, 200);
  await putPhoto(ctx, org, fixtures.person[org]);
  fixtures.photoPerson[org] = await ctx.post(session, '/api/v1/persons', {
    establishment_id: fixtures.establishment[org].id, birth_name: org === 1 ? 'Photomatriceun' : 'Photomatricedeux',
    first_names: ['Image'], sex: 'M', birth_date: `2012-03-0${org}` });
  // A medical document, which only care roles may list (organisation 1 has the demo nurse).
  if (org === 1) await uploadAs(ctx, await signInDemo(ctx.server, 'infirmiere@passerelles-rhone.demo'), org, 'medical', 'Ordonnance (matrice)');
}
