// Staff records (brick hr: hr.administrative.*): directors and organisation administrators (rwx), heads of
// service of the establishment (rw). The record's reads (GET /staff/{id}, its contracts and absences) enter
// without a permission because a professional reads their own record (linked account, tested in
// staff.test.mjs); for anyone else they answer as the table says: 403 for a role without hr in its own
// organisation, 404 for another organisation's record (never 403 there, ids cannot be probed), 403 for the
// platform (it has no hr permission anywhere).
const hrRoles = ['organisation_admin', 'director', 'head_of_service'];
const recordRead = (status) => (c, target) => {
  if (c.platform) return 403;
  if (hrRoles.includes(c.role)) return target === 'own' ? status : 404;
  return target === 'own' ? 403 : 404;
};

// A day of its own for every absence the matrix records (absences of a member may not overlap).
let days = 0;
const nextDay = () => new Date(Date.UTC(2021, 0, 4) + 86400e3 * days++).toISOString().slice(0, 10);

export function templates(ctx) {
  const { fixtures, other, authed } = ctx;
  const staff = (org) => `/api/v1/staff/${fixtures.staffMember[org].id}`;
  const contract = (org) => `${staff(org)}/contracts/${fixtures.staffMember[org].contracts[0].id}`;
  // What the other organisation's director sees of its fixture member.
  const theirs = async (c) => {
    const r = await authed(ctx.server, fixtures.director[other(c.org)], staff(other(c.org)));
    return r.json();
  };
  // A request on the other organisation's record: what it was before, the same after a refusal.
  const snapshot = (c, what) => ({
    prepare: async () => JSON.stringify((await theirs(c))[what]),
    verify: async (before) => (JSON.stringify((await theirs(c))[what]) === before ? null : `${what} changed`),
  });
  return {
    // No demo account is linked to a staff record in the matrix's data: 404 for everyone signed in.
    'GET /api/v1/staff/mine': { own: () => ({ path: '/api/v1/staff/mine', ok: 404 }) },
    'GET /api/v1/staff/reference': { own: () => ({ path: '/api/v1/staff/reference', ok: 200 }) },
    'GET /api/v1/staff': {
      own: (c) => ({
        path: '/api/v1/staff?limit=200', ok: 200,
        check: (_, body) => (body.items.some((m) => m.organisation_id !== c.org) ? 'another organisation\'s staff listed' : null),
      }),
    },
    'POST /api/v1/staff': {
      own: (c) => ({
        path: '/api/v1/staff', ok: 201,
        json: { last_name: 'Matrice', first_name: c.name, job: 'cook',
          contracts: [{ establishment_id: fixtures.establishment[c.org].id, kind: 'permanent', start_date: '2025-01-01', working_time: 0.1 }] },
      }),
    },
    // A preview (nothing written); the export needs hr.administrative.export (not heads of service).
    'POST /api/v1/staff/import': {
      own: (c) => ({
        path: '/api/v1/staff/import', ok: 200,
        json: { file_base64: Buffer.from(`Nom;Prénom;Métier;Établissement;Type de contrat;Date début;Quotité\r\n` +
          `Matrice;Import;Cuisinier;${fixtures.establishment[c.org].finess_et};CDI;2025-01-01;1`).toString('base64') },
      }),
    },
    'GET /api/v1/staff/export': { own: () => ({ path: '/api/v1/staff/export?format=xlsx', ok: 200 }) },
    'GET /api/v1/fte': { own: () => ({ path: '/api/v1/fte?scope=organisation&date=2025-06-01', ok: 200 }) },
    'GET /api/v1/staff/{id}': {
      exception: recordRead(200),
      own: (c) => ({ path: staff(c.org), ok: 200 }),
      other: (c) => ({ path: staff(other(c.org)) }),
    },
    'PATCH /api/v1/staff/{id}': {
      own: (c) => ({ path: staff(c.org), method: 'PATCH', json: { first_name: fixtures.staffMember[c.org].first_name }, ok: 200 }),
      other: (c) => ({ path: staff(other(c.org)), method: 'PATCH', json: { first_name: 'Changé' }, ...snapshot(c, 'first_name') }),
    },
    'GET /api/v1/staff/{id}/contracts': {
      exception: recordRead(200),
      own: (c) => ({ path: `${staff(c.org)}/contracts`, ok: 200 }),
      other: (c) => ({ path: `${staff(other(c.org))}/contracts` }),
    },
    'POST /api/v1/staff/{id}/contracts': {
      own: (c) => ({
        path: `${staff(c.org)}/contracts`, ok: 201,
        json: { establishment_id: fixtures.establishment[c.org].id, kind: 'fixed_term', fixed_term_reason: 'replacement',
          start_date: '2026-01-05', end_date: '2026-01-09', working_time: 0.05 },
      }),
      other: (c) => ({
        path: `${staff(other(c.org))}/contracts`, ...snapshot(c, 'contracts'),
        json: { establishment_id: fixtures.establishment[other(c.org)].id, kind: 'permanent', start_date: '2026-01-05', working_time: 0.05 },
      }),
    },
    'PATCH /api/v1/staff/{id}/contracts/{contract_id}': {
      own: (c) => ({ path: contract(c.org), method: 'PATCH', json: { working_time: 0.5 }, ok: 200 }),
      other: (c) => ({ path: contract(other(c.org)), method: 'PATCH', json: { working_time: 0.2 }, ...snapshot(c, 'contracts') }),
    },
    'GET /api/v1/staff/{id}/absences': {
      exception: recordRead(200),
      own: (c) => ({ path: `${staff(c.org)}/absences`, ok: 200 }),
      other: (c) => ({ path: `${staff(other(c.org))}/absences` }),
    },
    'POST /api/v1/staff/{id}/absences': {
      own: (c) => {
        const day = nextDay();
        return { path: `${staff(c.org)}/absences`, json: { kind: 'training', start_date: day, end_date: day }, ok: 201 };
      },
      other: (c) => ({
        path: `${staff(other(c.org))}/absences`, json: { kind: 'training', start_date: '2025-02-03', end_date: '2025-02-03' },
        ...snapshot(c, 'absences'),
      }),
    },
    // An absence of its own, created by the director before each request.
    'DELETE /api/v1/staff/{id}/absences/{absence_id}': {
      own: (c) => ({
        prepare: () => {
          const day = nextDay();
          return ctx.post(fixtures.director[c.org], `${staff(c.org)}/absences`, { kind: 'paid_leave', start_date: day, end_date: day });
        },
        path: (absence) => `${staff(c.org)}/absences/${absence.id}`, method: 'DELETE', ok: 204,
      }),
      other: (c) => ({
        path: `${staff(other(c.org))}/absences/${fixtures.staffMember[other(c.org)].absences[0].id}`, method: 'DELETE',
        ...snapshot(c, 'absences'),
      }),
    },
  };
}

export async function setup(ctx, org, session) {
  const { fixtures } = ctx;
  fixtures.staffMember ??= {};
  const member = await ctx.post(session, '/api/v1/staff', {
    last_name: org === 1 ? 'Matricepersonnelun' : 'Matricepersonneldeux', first_name: 'Test', job: 'nurse',
    contracts: [{ establishment_id: fixtures.establishment[org].id, kind: 'permanent', start_date: '2020-01-01', working_time: 0.5 }] });
  await ctx.post(session, `/api/v1/staff/${member.id}/absences`, { kind: 'illness', start_date: '2024-03-04', end_date: '2024-03-08' });
  fixtures.staffMember[org] = await (await ctx.authed(ctx.server, session, `/api/v1/staff/${member.id}`)).json();
}
