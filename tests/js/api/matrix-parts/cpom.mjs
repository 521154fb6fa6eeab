// CPOM (brick cpom: cpom.reference.*): the organisation's administrator, directors and the quality manager read
// and write; the external reader (the funder) reads the contracts naming them — the fixture of organisation 1
// names the demo funder — and nothing else. Beyond the table: the history of changes is not shown to external
// readers (403 on their own organisation's contract, 404 on the other's).
const readers = ['organisation_admin', 'director', 'quality_manager', 'external_reader'];
const staffOnly = (status) => (c, target) => {
  if (!readers.includes(c.role)) return 403;
  if (target === 'other') return 404;
  return c.role === 'external_reader' ? 403 : status;
};

export function templates(ctx) {
  const { fixtures, other, authed } = ctx;
  const cpom = (org) => `/api/v1/cpom/${fixtures.cpom[org].id}`;
  const sheet = (org) => `${cpom(org)}/sheets/${fixtures.cpomSheet[org].id}`;
  const objective = (org) => `${cpom(org)}/objectives/${fixtures.cpomObjective[org].id}`;
  // What the other organisation's director sees of its fixture: the same after a refused request.
  const snapshot = (c, path, what) => ({
    prepare: async () => JSON.stringify((await (await authed(ctx.server, fixtures.director[other(c.org)], path(other(c.org)))).json())[what]),
    verify: async (before) => {
      const now = (await (await authed(ctx.server, fixtures.director[other(c.org)], path(other(c.org)))).json())[what];
      return JSON.stringify(now) === before ? null : `${what} changed`;
    },
  });
  const contract = (org) => ({
    name: 'CPOM matrice', funders: ['ars'], establishment_ids: [fixtures.establishment[org].id],
    start_date: '2025-01-01', end_date: '2029-12-31',
  });
  return {
    'GET /api/v1/cpom/reference': { own: () => ({ path: '/api/v1/cpom/reference', ok: 200 }) },
    'GET /api/v1/cpom/reader-accounts': {
      own: (c) => ({
        path: '/api/v1/cpom/reader-accounts', ok: 200,
        check: (_, body) => (body.items.every((a) => fixtures.accounts[c.org][a.email]) ? null : 'another organisation\'s account'),
      }),
    },
    'GET /api/v1/cpom': {
      own: (c) => ({
        path: '/api/v1/cpom?limit=200', ok: 200,
        check: (_, body) => {
          if (body.items.some((x) => x.organisation_id !== c.org)) return 'another organisation\'s CPOM listed';
          if (c.role === 'external_reader' && body.items.some((x) => !x.readers.some((r) => r.account_id === c.session.body.account.id)))
            return 'a CPOM not naming the reader listed';
          return null;
        },
      }),
    },
    'POST /api/v1/cpom': { own: (c) => ({ path: '/api/v1/cpom', json: contract(c.org), ok: 201 }) },
    'GET /api/v1/cpom/{id}': {
      own: (c) => ({ path: cpom(c.org), ok: 200 }),
      other: (c) => ({ path: cpom(other(c.org)) }),
    },
    'PATCH /api/v1/cpom/{id}': {
      own: (c) => ({ path: cpom(c.org), method: 'PATCH', json: { name: fixtures.cpom[c.org].name }, ok: 200 }),
      other: (c) => ({ path: cpom(other(c.org)), method: 'PATCH', json: { name: 'Piraté' }, ...snapshot(c, cpom, 'name') }),
    },
    'GET /api/v1/cpom/{id}/history': {
      exception: staffOnly(200),
      own: (c) => ({ path: `${cpom(c.org)}/history`, ok: 200 }),
      other: (c) => ({ path: `${cpom(other(c.org))}/history` }),
    },
    'POST /api/v1/cpom/{id}/objectives': {
      own: (c) => ({ path: `${cpom(c.org)}/objectives`, json: { title: `Objectif ${c.name}` }, ok: 201 }),
      other: (c) => ({ path: `${cpom(other(c.org))}/objectives`, json: { title: 'Piraté' }, ...snapshot(c, cpom, 'objectives') }),
    },
    'PATCH /api/v1/cpom/{id}/objectives/{objective_id}': {
      own: (c) => ({ path: objective(c.org), method: 'PATCH', json: { title: fixtures.cpomObjective[c.org].title }, ok: 200 }),
      other: (c) => ({ path: objective(other(c.org)), method: 'PATCH', json: { title: 'Piraté' }, ...snapshot(c, cpom, 'objectives') }),
    },
    'GET /api/v1/cpom/{id}/sheets': {
      own: (c) => ({ path: `${cpom(c.org)}/sheets`, ok: 200 }),
      other: (c) => ({ path: `${cpom(other(c.org))}/sheets` }),
    },
    'POST /api/v1/cpom/{id}/sheets': {
      own: (c) => ({ path: `${cpom(c.org)}/sheets`, json: { objective_id: fixtures.cpomOperational[c.org].id, title: `Fiche ${c.name}` }, ok: 201 }),
      other: (c) => ({
        path: `${cpom(other(c.org))}/sheets`, json: { objective_id: fixtures.cpomOperational[other(c.org)].id, title: 'Piratée' },
        ...snapshot(c, (org) => `${cpom(org)}/sheets`, 'items'),
      }),
    },
    'GET /api/v1/cpom/{id}/sheets/{sheet_id}': {
      own: (c) => ({ path: sheet(c.org), ok: 200 }),
      other: (c) => ({ path: sheet(other(c.org)) }),
    },
    'PATCH /api/v1/cpom/{id}/sheets/{sheet_id}': {
      own: (c) => ({ path: sheet(c.org), method: 'PATCH', json: { title: fixtures.cpomSheet[c.org].title }, ok: 200 }),
      other: (c) => ({ path: sheet(other(c.org)), method: 'PATCH', json: { title: 'Piratée', actions: [] }, ...snapshot(c, sheet, 'actions') }),
    },
    'GET /api/v1/cpom/{id}/sheets/{sheet_id}/history': {
      exception: staffOnly(200),
      own: (c) => ({ path: `${sheet(c.org)}/history`, ok: 200 }),
      other: (c) => ({ path: `${sheet(other(c.org))}/history` }),
    },
    'POST /api/v1/cpom/{id}/sheets/{sheet_id}/comments': {
      own: (c) => ({ path: `${sheet(c.org)}/comments`, json: { text: `Commentaire ${c.name}` }, ok: 201 }),
      other: (c) => ({ path: `${sheet(other(c.org))}/comments`, json: { text: 'Piraté' }, ...snapshot(c, sheet, 'comments') }),
    },
  };
}

// A CPOM per organisation with an objective, an operational objective and a sheet; organisation 1's names the
// demo funder (external reader).
export async function setup(ctx, org, session) {
  const { fixtures } = ctx;
  for (const key of ['cpom', 'cpomObjective', 'cpomOperational', 'cpomSheet']) fixtures[key] ??= {};
  const funder = fixtures.accounts[org]['financeur@ars-ara.demo'];
  fixtures.cpom[org] = await ctx.post(session, '/api/v1/cpom', {
    name: `CPOM matrice ${org}`, funders: ['ars'], establishment_ids: [fixtures.establishment[org].id],
    start_date: '2025-01-01', end_date: '2029-12-31', status: 'signed', ...(funder ? { reader_ids: [funder.id] } : {}),
  });
  const base = `/api/v1/cpom/${fixtures.cpom[org].id}`;
  fixtures.cpomObjective[org] = await ctx.post(session, `${base}/objectives`, { title: 'Objectif stratégique matrice' });
  fixtures.cpomOperational[org] = await ctx.post(session, `${base}/objectives`, { title: 'Objectif opérationnel matrice', parent_id: fixtures.cpomObjective[org].id });
  fixtures.cpomSheet[org] = await ctx.post(session, `${base}/sheets`, {
    objective_id: fixtures.cpomOperational[org].id, title: 'Fiche matrice',
    actions: [{ label: 'Action matrice', deadline: '2026-06-30', status: 'in_progress', progress: 30, establishment_ids: [fixtures.establishment[org].id] }],
    indicators: [{ label: 'Taux d\'occupation', target_value: 0.95, target_year: 2027, computed_id: 'ACT-02', computed_scope: 'organisation' }],
  });
}
