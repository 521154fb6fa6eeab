// Matrix templates of the plan PDF and of letters (templates, one person's letters, batches, the trace).
// setup: per organisation, a letter template, an archived one, and a person of its own (the matrix's fixture
// person keeps its contacts as they are) admitted in the fixture establishment, with a family contact who
// receives letters.

const letters = {};  // organisation id → { template, archived, person, contact }

const templateBody = (name) => ({
  name, subject: 'Objet {{ person.first_name }}', body: '{{ addressee.salutation }},\n\nCourrier de la matrice.',
});

export async function setup(ctx, org, session) {
  const { fixtures, post } = ctx;
  const template = await post(session, '/api/v1/letter-templates', templateBody(`Matrice ${org}`));
  const archived = await post(session, '/api/v1/letter-templates', templateBody(`Matrice archivé ${org}`));
  await post(session, `/api/v1/letter-templates/${archived.id}/archive`, {}, 200);
  const person = await post(session, '/api/v1/persons', {
    establishment_id: fixtures.establishment[org].id, birth_name: org === 1 ? 'Courrierun' : 'Courrierdeux',
    first_names: ['Lettre'], sex: 'M', birth_date: `2012-02-0${org}`, confirm_duplicate: true,
  });
  await post(session, `/api/v1/persons/${person.id}/stays`, {
    establishment_id: fixtures.establishment[org].id, care_mode: '13', admission_date: '2024-09-01', origin: 'home' });
  const contact = await post(session, `/api/v1/persons/${person.id}/contacts`, {
    kind: 'family', relationship: 'mère', civility: 'Mme', last_name: 'Matrice', first_name: 'Courrier',
    address_line: '1 rue de la Matrice', postal_code: '69003', city: 'Lyon', receives_letters: true,
  });
  letters[org] = { template, archived, person, contact };
}

export function templates(ctx) {
  const { fixtures, other, authed } = ctx;
  const person = (org) => letters[org].person.id;
  const templateNow = async (org) =>
    (await authed(ctx.server, fixtures.director[org], `/api/v1/letter-templates/${letters[org].template.id}`)).json();
  return {
    'GET /api/v1/persons/{id}/plans/{plan_id}/pdf': {
      own: (c) => ({ path: `/api/v1/persons/${fixtures.person[c.org].id}/plans/${fixtures.plan[c.org].id}/pdf`, ok: 200 }),
      other: (c) => ({ path: `/api/v1/persons/${fixtures.person[other(c.org)].id}/plans/${fixtures.plan[other(c.org)].id}/pdf` }),
    },
    'GET /api/v1/letter-templates/fields': {
      own: () => ({ path: '/api/v1/letter-templates/fields', ok: 200,
        check: (_, body) => (body.items.some((f) => f.name === 'addressee.full_name') ? null : 'fields missing') }),
    },
    'GET /api/v1/letter-templates': {
      own: (c) => ({ path: '/api/v1/letter-templates', ok: 200,
        check: (_, body) => {
          const ids = body.items.map((t) => t.id);
          if (!ids.includes(letters[c.org].template.id)) return 'own template missing';
          return ids.includes(letters[other(c.org)].template.id) ? 'template of another organisation listed' : null;
        } }),
    },
    // An unknown field: 422 naming body, nothing written (a 201 would add a template per caller).
    'POST /api/v1/letter-templates': {
      own: () => ({ path: '/api/v1/letter-templates', ok: 422, json: { ...templateBody('Refusé'), body: '{{ inconnu }}' } }),
    },
    'GET /api/v1/letter-templates/{id}': {
      own: (c) => ({ path: `/api/v1/letter-templates/${letters[c.org].template.id}`, ok: 200 }),
      other: (c) => ({ path: `/api/v1/letter-templates/${letters[other(c.org)].template.id}` }),
    },
    'PUT /api/v1/letter-templates/{id}': {
      own: (c) => ({ path: `/api/v1/letter-templates/${letters[c.org].template.id}`, method: 'PUT', ok: 200,
        json: templateBody(`Matrice ${c.org}`) }),
      other: (c) => ({
        path: `/api/v1/letter-templates/${letters[other(c.org)].template.id}`, method: 'PUT', json: templateBody('Piraté'),
        verify: async () => ((await templateNow(other(c.org))).name === 'Piraté' ? 'the template was rewritten' : null),
      }),
    },
    // Archiving the archived one: 409 (archiving the live one would break the next callers).
    'POST /api/v1/letter-templates/{id}/archive': {
      own: (c) => ({ path: `/api/v1/letter-templates/${letters[c.org].archived.id}/archive`, method: 'POST', ok: 409 }),
      other: (c) => ({
        path: `/api/v1/letter-templates/${letters[other(c.org)].template.id}/archive`, method: 'POST',
        verify: async () => ((await templateNow(other(c.org))).archived ? 'the template was archived' : null),
      }),
    },
    'POST /api/v1/persons/{id}/letters': {
      own: (c) => ({ path: `/api/v1/persons/${person(c.org)}/letters`, ok: 200,
        json: { template_id: letters[c.org].template.id, contact_ids: [letters[c.org].contact.id] } }),
      other: (c) => ({ path: `/api/v1/persons/${person(other(c.org))}/letters`,
        json: { template_id: letters[other(c.org)].template.id, contact_ids: [letters[other(c.org)].contact.id] } }),
    },
    'POST /api/v1/letters': {
      own: (c) => ({ path: '/api/v1/letters', ok: 200,
        json: { template_id: letters[c.org].template.id, establishment_id: fixtures.establishment[c.org].id, contact_kind: 'family' } }),
      // An establishment of another organisation in the body: unknown, 422 naming establishment_id.
      other: (c) => ({ path: '/api/v1/letters', otherStatus: 422,
        json: { template_id: letters[other(c.org)].template.id, establishment_id: fixtures.establishment[other(c.org)].id,
          contact_kind: 'family' } }),
    },
    'GET /api/v1/persons/{id}/letters': {
      own: (c) => ({ path: `/api/v1/persons/${person(c.org)}/letters`, ok: 200 }),
      other: (c) => ({ path: `/api/v1/persons/${person(other(c.org))}/letters` }),
    },
  };
}
