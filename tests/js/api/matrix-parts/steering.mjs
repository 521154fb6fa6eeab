// Steering (brick steering: steering.reference.read): the indicators, their values, the dashboards and
// the drill-down lists; the activity targets are establishment reference data (establishments.reference.*).
// Scopes name the organisation's first establishment, which every establishment-bound role covers; the
// other organisation's establishment is a 404 for everyone but the platform (which runs no "other" case).
// The drill-down list of persons (ACT-03) also needs persons.administrative.read on the establishment:
// directors and heads of service; the other roles with steering get 403 there.
const steeringRoles = ['platform_admin', 'organisation_admin', 'director', 'head_of_service', 'quality_manager'];
const personReaders = ['director', 'head_of_service'];
const period = 'from=2025-01-01&to=2025-03-31';
const target = 1200;

export function templates(ctx) {
  const { fixtures, other, authed } = ctx;
  const est = (org) => fixtures.establishment[org].id;
  const targets = (org) => `/api/v1/establishments/${est(org)}/activity-targets`;
  // The other organisation's 2025 target, read by its director: unchanged after a refusal.
  const targetOf = async (org) => {
    const r = await authed(ctx.server, fixtures.director[org], `${targets(org)}/2025`);
    return r.status === 200 ? (await r.json()).target_days : null;
  };
  const unchanged = (c) => ({
    verify: async () => {
      const now = await targetOf(other(c.org));
      return now === target ? null : `the other organisation's target is now ${now}`;
    },
  });
  const scopeIs = (code) => (_, body) => (body.scope.code === code ? null : `scope ${body.scope.code}`);
  return {
    'GET /api/v1/indicators': { own: () => ({ path: '/api/v1/indicators', ok: 200 }) },
    'GET /api/v1/indicators/values': {
      own: (c) => ({
        path: `/api/v1/indicators/values?scope=establishment:${est(c.org)}&${period}&ids=ACT-02,RH-01`, ok: 200,
        check: scopeIs(`establishment:${est(c.org)}`),
      }),
      other: (c) => ({ path: `/api/v1/indicators/values?scope=establishment:${est(other(c.org))}&${period}` }),
    },
    'GET /api/v1/dashboards/{scope}': {
      own: (c) => ({
        path: `/api/v1/dashboards/establishment:${est(c.org)}?${period}`, ok: 200,
        check: scopeIs(`establishment:${est(c.org)}`),
      }),
      other: (c) => ({ path: `/api/v1/dashboards/organisation:${other(c.org)}?${period}` }),
    },
    'GET /api/v1/indicators/{id}/details': {
      exception: (c, where) => {
        if (!steeringRoles.includes(c.role)) return 403;
        if (where === 'other') return 404;
        return personReaders.includes(c.role) ? 200 : 403;
      },
      own: (c) => ({ path: `/api/v1/indicators/ACT-03/details?scope=establishment:${est(c.org)}&${period}` }),
      other: (c) => ({ path: `/api/v1/indicators/ACT-03/details?scope=establishment:${est(other(c.org))}&${period}` }),
    },
    'GET /api/v1/establishments/{id}/activity-targets': {
      own: (c) => ({ path: targets(c.org), ok: 200 }),
      other: (c) => ({ path: targets(other(c.org)) }),
    },
    'GET /api/v1/establishments/{id}/activity-targets/{year}': {
      own: (c) => ({ path: `${targets(c.org)}/2025`, ok: 200 }),
      other: (c) => ({ path: `${targets(other(c.org))}/2025` }),
    },
    // The same value again: allowed callers change nothing.
    'PUT /api/v1/establishments/{id}/activity-targets/{year}': {
      own: (c) => ({ path: `${targets(c.org)}/2025`, method: 'PUT', json: { target_days: target }, ok: 200 }),
      other: (c) => ({ path: `${targets(other(c.org))}/2025`, method: 'PUT', json: { target_days: 5 }, ...unchanged(c) }),
    },
    // A target of its own (2031), set by the director before each request.
    'DELETE /api/v1/establishments/{id}/activity-targets/{year}': {
      own: (c) => ({
        prepare: async () => {
          const r = await authed(ctx.server, fixtures.director[c.org], `${targets(c.org)}/2031`, { method: 'PUT', json: { target_days: 7 } });
          if (r.status !== 200) throw new Error(`target 2031: ${r.status} ${await r.text()}`);
        },
        path: `${targets(c.org)}/2031`, method: 'DELETE', ok: 204,
      }),
      other: (c) => ({ path: `${targets(other(c.org))}/2025`, method: 'DELETE', ...unchanged(c) }),
    },
  };
}

export async function setup(ctx, org, session) {
  const r = await ctx.authed(ctx.server, session, `/api/v1/establishments/${ctx.fixtures.establishment[org].id}/activity-targets/2025`,
    { method: 'PUT', json: { target_days: target } });
  if (r.status !== 200) throw new Error(`activity target of organisation ${org}: ${r.status} ${await r.text()}`);
}
