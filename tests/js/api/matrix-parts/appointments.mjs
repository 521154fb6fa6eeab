// Appointments (rendez-vous): every route is declared with persons.administrative.read; making,
// changing and cancelling appointments is further limited to the roles that write persons data
// (director, head_of_service, secretary: administrative; educator: social; care_professional:
// medical). The data protection officer reads but gets 403 on writes, before any id is looked at.
const writers = ['director', 'head_of_service', 'educator', 'care_professional', 'secretary'];
const WEEK = 'from=2031-01-06&to=2031-01-12';

export function templates(ctx) {
  const { fixtures, other, authed } = ctx;  // ctx.server exists once the server runs
  const appointment = (org) => fixtures.appointment[org];
  const cancelled = (org) => fixtures.cancelledAppointment[org];
  const writeStatus = (ok) => (c, target) => (writers.includes(c.role) ? (target === 'own' ? ok : 404) : 403);
  return {
    'GET /api/v1/appointments': {
      own: (c) => ({
        path: `/api/v1/appointments?${WEEK}`, ok: 200,
        check: (_, body) => (body.items.every((a) => a.organisation_id === c.org) ? null : 'appointments of another organisation'),
      }),
      other: (c) => ({ path: `/api/v1/appointments?${WEEK}&establishment_id=${fixtures.establishment[other(c.org)].id}` }),
    },
    'GET /api/v1/appointments/professionals': {
      own: (c) => ({ path: `/api/v1/appointments/professionals?establishment_id=${fixtures.establishment[c.org].id}`, ok: 200 }),
      other: (c) => ({ path: `/api/v1/appointments/professionals?establishment_id=${fixtures.establishment[other(c.org)].id}` }),
    },
    // An appointment ending before it starts: 422 once through the checks. On the other
    // organisation, a valid one in its establishment for its person: 422 naming establishment_id
    // (an establishment of another organisation reads like an unknown one), nothing written.
    'POST /api/v1/appointments': {
      exception: (c) => (writers.includes(c.role) ? 422 : 403),
      own: (c) => ({ path: '/api/v1/appointments', json: {
        establishment_id: fixtures.establishment[c.org].id, person_id: fixtures.person[c.org].id, kind: 'family',
        title: 'Matrice', starts_at: '2031-01-07T10:00', ends_at: '2031-01-07T09:00' } }),
      other: (c) => ({
        path: '/api/v1/appointments', json: {
          establishment_id: fixtures.establishment[other(c.org)].id, person_id: fixtures.person[other(c.org)].id, kind: 'family',
          title: 'Intrus matrice', starts_at: '2031-01-08T10:00', ends_at: '2031-01-08T11:00' },
        verify: async () => {
          const r = await authed(ctx.server, fixtures.director[other(c.org)], `/api/v1/appointments?${WEEK}`);
          return (await r.json()).items.some((a) => a.title === 'Intrus matrice') ? 'an appointment was written' : null;
        },
      }),
    },
    'GET /api/v1/appointments/{id}': {
      own: (c) => ({ path: `/api/v1/appointments/${appointment(c.org).id}`, ok: 200 }),
      other: (c) => ({ path: `/api/v1/appointments/${appointment(other(c.org)).id}` }),
    },
    // Ending before it starts: 422 (nothing changed); the other organisation's: 404.
    'PATCH /api/v1/appointments/{id}': {
      exception: writeStatus(422),
      own: (c) => ({ path: `/api/v1/appointments/${appointment(c.org).id}`, method: 'PATCH', json: { ends_at: '2031-01-07T09:00' } }),
      other: (c) => ({
        path: `/api/v1/appointments/${appointment(other(c.org)).id}`, method: 'PATCH', json: { title: 'Intrus' },
        verify: async () => {
          const r = await authed(ctx.server, fixtures.director[other(c.org)], `/api/v1/appointments/${appointment(other(c.org)).id}`);
          return (await r.json()).title === 'Intrus' ? 'the appointment was changed' : null;
        },
      }),
    },
    // An appointment cancelled already: 409; the other organisation's: 404.
    'POST /api/v1/appointments/{id}/cancel': {
      exception: writeStatus(409),
      own: (c) => ({ path: `/api/v1/appointments/${cancelled(c.org).id}/cancel`, method: 'POST' }),
      other: (c) => ({ path: `/api/v1/appointments/${appointment(other(c.org)).id}/cancel`, method: 'POST',
        verify: async () => {
          const r = await authed(ctx.server, fixtures.director[other(c.org)], `/api/v1/appointments/${appointment(other(c.org)).id}`);
          return (await r.json()).status === 'cancelled' ? 'the appointment was cancelled' : null;
        },
      }),
    },
    'GET /api/v1/persons/{id}/appointments': {
      own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/appointments`, ok: 200 }),
      other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/appointments` }),
    },
  };
}

// An appointment of the fixture person in the organisation's first establishment, and a cancelled one.
export async function setup({ fixtures, post }, org, session) {
  fixtures.appointment ??= {};
  fixtures.cancelledAppointment ??= {};
  const base = { establishment_id: fixtures.establishment[org].id, person_id: fixtures.person[org].id, kind: 'family' };
  fixtures.appointment[org] = await post(session, '/api/v1/appointments', {
    ...base, title: 'Rendez-vous matrice', starts_at: '2031-01-07T10:00', ends_at: '2031-01-07T11:00' });
  const toCancel = await post(session, '/api/v1/appointments', {
    ...base, title: 'Annulé matrice', starts_at: '2031-01-09T10:00', ends_at: '2031-01-09T11:00' });
  fixtures.cancelledAppointment[org] = await post(session, `/api/v1/appointments/${toCancel.id}/cancel`, {}, 200);
}
