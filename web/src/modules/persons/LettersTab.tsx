// « Courriers »: a letter for this person from one of the organisation's templates, to the contacts who receive
// letters (the others are shown, disabled, with the reason) and/or to the person, in care of the establishment;
// « Générer le PDF » has the browser save the PDF (one letter per addressee, one per page). The server's refusals
// are shown next to their fields. Then the letters sent to the person or to their contacts (the trace kept by the
// server; the PDF itself is not kept). Templates are written on the « Courriers » page of the persons brick.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import {
  listLetterTemplates,
  lettersSentTo,
  personLetters,
  type LetterSent,
  type LetterTemplate,
  type LettersPdf,
} from '../../api/letters';
import type { Contact } from '../../api/persons';
import { problemMessage } from '../../api/problems';
import { CheckboxGroup, type CheckboxOption } from '../../ui/CheckboxGroup';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { useForm, type Errors } from '../establishments/useForm';
import { formatDateTime } from '../establishments/format';
import { contactName } from './ContactCard';
import { CONTACT_KINDS, label } from './labels';
import { fullName } from './names';
import type { TabProps } from './tabProps';

type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'error'; message: string };

/** The value of the person among the addressees (the others are contact ids). */
const TO_PERSON = 'personne';

interface Values {
  [field: string]: unknown;
  template_id: string;
  contact_ids: string[];
}

const IDS: Record<keyof Values & string, string> = {
  template_id: 'courrier-modele',
  contact_ids: 'courrier-destinataires',
};

function contactOption(c: Contact): CheckboxOption {
  const kind = label(CONTACT_KINDS, c.kind) + (c.relationship ? ` (${c.relationship})` : '');
  const address = [c.address_line, [c.postal_code, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    value: String(c.id),
    label: `${contactName(c)} — ${kind}`,
    disabled: !c.receives_letters,
    hint: c.receives_letters
      ? address || 'Adresse non renseignée (à compléter dans l’onglet Entourage).'
      : 'Ne reçoit pas les courriers : cela se change dans l’onglet Entourage.',
  };
}

/** The person's addressee is named `to_person` by the server: its errors go with the other addressees. */
async function addresseeErrors<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ApiError && error.errors.some((e) => e.field === 'to_person'))
      throw new ApiError(
        error.status,
        {
          title: error.title,
          detail: error.detail,
          errors: error.errors.map((e) => (e.field === 'to_person' ? { ...e, field: 'contact_ids' } : e)),
        },
        error.body,
      );
    throw error;
  }
}

const countLabel = (n: number) => `${n} ${n > 1 ? 'courriers préparés' : 'courrier préparé'}`;

function LetterForm({ person, templates, onChanged }: Pick<TabProps, 'person' | 'onChanged'> & { templates: LetterTemplate[] }) {
  const form = useForm<Values>({ template_id: '', contact_ids: [] }, IDS);
  const { values, set, errors } = form;
  const linked = new Set([person.registered_establishment_id, ...person.stays.map((s) => s.establishment_id)]);
  // A template kept for one establishment is offered only when the person is known there.
  const usable = templates.filter((t) => t.establishment_id === null || linked.has(t.establishment_id));
  const contacts = person.contacts.filter((c) => !c.archived);
  const options: CheckboxOption[] = [
    {
      value: TO_PERSON,
      label: `${fullName(person)} (la personne accompagnée)`,
      hint: 'Adressé aux bons soins de l’établissement, à son adresse.',
    },
    ...contacts.map(contactOption),
  ];

  function check(v: Values): Errors<Values> {
    const e: Errors<Values> = {};
    if (!v.template_id) e.template_id = 'Choisissez un modèle de courrier.';
    if (v.contact_ids.length === 0) e.contact_ids = 'Choisissez au moins un destinataire.';
    return e;
  }

  function send(v: Values): Promise<LettersPdf> {
    const ids = v.contact_ids.filter((id) => id !== TO_PERSON).map(Number);
    return addresseeErrors(() =>
      personLetters(person.id, {
        template_id: Number(v.template_id),
        contact_ids: ids,
        to_person: v.contact_ids.includes(TO_PERSON),
      }),
    );
  }

  return (
    <section class="panel letter-form" aria-labelledby="courrier-titre" data-testid="letter-form">
      <h3 id="courrier-titre" class="panel__title">
        Écrire un courrier
      </h3>
      <FormAlert message={form.alert} testId="letter-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="courrier-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send,
            done: (pdf) => void onChanged(`${countLabel(pdf.count)} dans ${pdf.fileName}.`),
            failure: "Le courrier n'a pas été préparé.",
          });
        }}
      >
        <SelectField
          id={IDS.template_id}
          label="Modèle"
          emptyLabel="Choisir…"
          options={usable.map((t) => ({ value: String(t.id), label: t.name }))}
          value={values.template_id}
          onValue={set('template_id')}
          error={errors.template_id}
          hint={usable.length === 0 ? 'Aucun modèle : ils s’écrivent sur la page Courriers.' : undefined}
          class="letter-form__template"
        />
        <CheckboxGroup
          id={IDS.contact_ids}
          legend="Destinataires"
          hint="Une lettre par destinataire, chacune sur sa page."
          options={options}
          values={values.contact_ids}
          onValues={set('contact_ids')}
          error={errors.contact_ids}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Préparation…' : 'Générer le PDF'}
          </button>
        </div>
      </form>
    </section>
  );
}

function SentTable({ letters }: { letters: LetterSent[] }) {
  return (
    <div class="table-wrap" role="region" aria-labelledby="courriers-legende" tabIndex={0}>
      <table class="table" data-testid="letters-sent">
        <caption id="courriers-legende">Courriers envoyés, du plus récent au plus ancien</caption>
        <thead>
          <tr>
            <th scope="col">Envoyé le</th>
            <th scope="col">Destinataire</th>
            <th scope="col">Objet</th>
            <th scope="col">Modèle</th>
            <th scope="col">Par</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr key={l.id} data-letter-id={l.id}>
              <td class="nowrap">
                <time dateTime={l.sent_at}>{formatDateTime(l.sent_at)}</time>
              </td>
              <th scope="row">
                {l.addressee}
                {l.contact_id === null && <span class="badge badge--muted">La personne</span>}
              </th>
              <td>{l.subject}</td>
              <td>
                {l.template_name}
                {l.batch && <span class="badge badge--muted">En nombre</span>}
              </td>
              <td>{l.sent_by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LettersTab({ person, onChanged }: TabProps) {
  const [templates, setTemplates] = useState<Loaded<LetterTemplate[]>>({ kind: 'loading' });
  const [sent, setSent] = useState<Loaded<LetterSent[]>>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    listLetterTemplates(false, controller.signal).then(
      (value) => setTemplates({ kind: 'ready', value }),
      (error: unknown) => !controller.signal.aborted && setTemplates({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, []);

  // Read again with the record, after a letter was made.
  useEffect(() => {
    const controller = new AbortController();
    lettersSentTo(person.id, controller.signal).then(
      (value) => setSent({ kind: 'ready', value }),
      (error: unknown) => !controller.signal.aborted && setSent({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [person]);

  return (
    <>
      <h2 class="tab-title">Courriers</h2>
      <p class="muted">
        Un courrier s'écrit à partir d'un modèle de l'organisme ; les modèles se rédigent sur la page{' '}
        <a href="/usagers/courriers">Courriers</a>. Le PDF n'est pas conservé : seule la trace de l'envoi l'est.
      </p>
      {person.merged_into !== null ? (
        <p class="notice">Ce dossier a été fusionné : les courriers s'écrivent depuis le dossier conservé.</p>
      ) : templates.kind === 'loading' ? (
        <p class="loading">Chargement des modèles…</p>
      ) : templates.kind === 'error' ? (
        <p class="alert alert--error" role="alert">
          Impossible de charger les modèles de courrier. {templates.message}
        </p>
      ) : (
        <LetterForm person={person} templates={templates.value} onChanged={onChanged} />
      )}
      <h3 class="section-subtitle">Courriers envoyés</h3>
      <div aria-live="polite" class="results-status">
        {sent.kind === 'loading' && <p class="loading">Chargement des courriers envoyés…</p>}
        {sent.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les courriers envoyés. {sent.message}
          </p>
        )}
        {sent.kind === 'ready' && sent.value.length === 0 && (
          <p class="notice" data-testid="letters-sent-empty">
            Aucun courrier n'a encore été envoyé à cette personne ni à ses contacts.
          </p>
        )}
      </div>
      {sent.kind === 'ready' && sent.value.length > 0 && <SentTable letters={sent.value} />}
    </>
  );
}
