// Steering exports (steering.reference.export_data: organisation administrators, directors, quality
// managers, the platform): a dashboard export of the caller's own first establishment, the ANAP campaign
// of that establishment (CSV, the cheapest); the other organisation's establishment is a 404.
export function templates(ctx) {
  const { fixtures, other } = ctx;
  const dashboard = (org) =>
    `/api/v1/dashboards/establishment:${fixtures.establishment[org].id}/export?from=2025-01-01&to=2025-12-31&format=csv`;
  const anap = (org) => `/api/v1/indicators/anap?year=2025&format=csv&establishment_id=${fixtures.establishment[org].id}`;
  return {
    'GET /api/v1/dashboards/{scope}/export': {
      own: (c) => ({ path: dashboard(c.org), ok: 200 }),
      other: (c) => ({ path: dashboard(other(c.org)) }),
    },
    'GET /api/v1/indicators/anap': {
      own: (c) => ({ path: anap(c.org), ok: 200 }),
      other: (c) => ({ path: anap(other(c.org)) }),
    },
  };
}
