// Writing a note (transmission), or correcting one of one's own notes (the original is kept, shown as
// corrected): category, day, confidentiality (the levels the account's role may write), the named readers,
// the text. A correction keeps the level, the establishment and the readers of the note it corrects.
import { useEffect, useState } from 'preact/hooks';
import type { Establishment } from '../../api/establishments';
import { addNote, fetchProfessionals, type Note, type NoteCategory, type NoteLevel, type Professional } from '../../api/notes';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, todayIso } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { NOTE_CATEGORIES, NOTE_LEVELS, label, optionsOf } from './labels';
import { RadioGroup } from './RadioGroup';

// Roles that read team notes: naming anyone else would give them nothing to read.
const NOTE_READER_ROLES = new Set(['director', 'head_of_service', 'educator', 'care_professional']);

interface Values {
  [field: string]: unknown;
  establishment_id: string;
  category: string;
  occurred_on: string;
  confidentiality: string;
  readers: string[];
  body: string;
}

interface Props {
  personId: number;
  /** Where the account may write a note on this person, and at which levels. */
  establishments: Establishment[];
  levels: (establishmentId: number) => NoteLevel[];
  /** The signed-in account (never offered as a reader: the author always reads their note). */
  accountId: number;
  /** The note corrected; absent: a new note. */
  corrects?: Note;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

type Readers = { kind: 'loading' } | { kind: 'ready'; items: Professional[] } | { kind: 'unavailable' };

export function NoteForm({ personId, establishments, levels, accountId, corrects, onDone, onCancel }: Props) {
  const prefix = corrects ? `correction-${corrects.id}` : 'note';
  const ids: Record<keyof Values & string, string> = {
    establishment_id: `${prefix}-etablissement`,
    category: `${prefix}-categorie`,
    occurred_on: `${prefix}-date`,
    confidentiality: `${prefix}-confidentialite`,
    readers: `${prefix}-lecteurs`,
    body: `${prefix}-texte`,
  };
  const firstEstablishment = corrects?.establishment_id ?? establishments[0]?.id ?? 0;
  const initial: Values = {
    establishment_id: String(firstEstablishment),
    category: corrects?.category ?? '',
    occurred_on: corrects?.occurred_on ?? todayIso(),
    confidentiality: corrects?.confidentiality ?? levels(firstEstablishment)[0] ?? 'team',
    readers: (corrects?.readers ?? []).map(String),
    body: corrects?.body ?? '',
  };
  const form = useForm<Values>(initial, ids);
  const { values, set, errors } = form;
  const establishmentId = Number(values.establishment_id);
  const offered = corrects ? [corrects.confidentiality] : levels(establishmentId);
  const [readers, setReaders] = useState<Readers>({ kind: 'loading' });
  const [readersText, setReadersText] = useState('');

  useEffect(() => {
    if (values.confidentiality !== 'named' || corrects) return;
    const controller = new AbortController();
    setReaders({ kind: 'loading' });
    fetchProfessionals(establishmentId, controller.signal).then(
      (items) =>
        setReaders({
          kind: 'ready',
          items: items.filter((p) => p.id !== accountId && p.roles.some((r) => NOTE_READER_ROLES.has(r))),
        }),
      () => !controller.signal.aborted && setReaders({ kind: 'unavailable' }),
    );
    return () => controller.abort();
  }, [values.confidentiality, establishmentId, corrects, accountId]);

  function check(v: Values): Errors<Values> {
    const e: Errors<Values> = {};
    if (!v.category) e.category = 'Choisissez la catégorie.';
    if (!isIsoDate(v.occurred_on)) e.occurred_on = 'Saisissez la date des faits.';
    else if (v.occurred_on > todayIso()) e.occurred_on = 'La date ne peut pas être dans le futur.';
    if (!v.confidentiality) e.confidentiality = 'Choisissez qui peut lire la note.';
    if (v.confidentiality === 'named' && v.readers.length === 0) e.readers = 'Nommez au moins un professionnel.';
    if (!v.body.trim()) e.body = 'Écrivez la note.';
    return e;
  }

  const title = corrects ? `Corriger la note du ${formatDate(corrects.occurred_on)}` : 'Écrire une note';
  const titleId = `${prefix}-titre`;
  return (
    <section class="panel" aria-labelledby={titleId} data-testid={corrects ? 'note-correction-form' : 'note-form'}>
      <h3 id={titleId} class="panel__title">
        {title}
      </h3>
      {corrects && <p class="muted">La note d'origine reste au dossier, marquée comme corrigée.</p>}
      <FormAlert message={form.alert} testId={`${prefix}-alert`} />
      <form
        class="form"
        noValidate
        aria-labelledby={titleId}
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) =>
              addNote(personId, {
                category: v.category as NoteCategory,
                confidentiality: v.confidentiality as NoteLevel,
                occurred_on: v.occurred_on,
                body: v.body.trim(),
                establishment_id: Number(v.establishment_id),
                ...(v.confidentiality === 'named' ? { readers: v.readers.map(Number) } : {}),
                ...(corrects ? { corrects_note_id: corrects.id } : {}),
              }),
            done: (note) => {
              form.reset();
              onDone(
                corrects
                  ? `La note du ${formatDate(corrects.occurred_on)} a été corrigée.`
                  : `Note enregistrée (${label(NOTE_CATEGORIES, note.category).toLowerCase()}, ${label(NOTE_LEVELS, note.confidentiality).toLowerCase()}).`,
              );
            },
            failure: corrects ? "La correction n'a pas été enregistrée." : "La note n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          {!corrects && establishments.length > 1 && (
            <SelectField
              id={ids.establishment_id}
              label="Établissement"
              options={establishments.map((e) => ({ value: String(e.id), label: e.name }))}
              value={values.establishment_id}
              onValue={(value) => {
                set('establishment_id')(value);
                const allowed = levels(Number(value));
                if (!allowed.includes(values.confidentiality as NoteLevel)) set('confidentiality')(allowed[0] ?? '');
              }}
              error={errors.establishment_id}
            />
          )}
          <SelectField
            id={ids.category}
            label="Catégorie"
            emptyLabel="Choisir…"
            options={optionsOf(NOTE_CATEGORIES)}
            value={values.category}
            onValue={set('category')}
            error={errors.category}
          />
          <TextField
            id={ids.occurred_on}
            label="Date des faits"
            type="date"
            value={values.occurred_on}
            onValue={set('occurred_on')}
            error={errors.occurred_on}
          />
        </div>
        {corrects ? (
          <p>
            <strong>Confidentialité :</strong> {label(NOTE_LEVELS, corrects.confidentiality)} (inchangée)
          </p>
        ) : (
          <RadioGroup
            id={ids.confidentiality}
            legend="Qui peut lire la note"
            options={offered.map((level) => ({ value: level, label: label(NOTE_LEVELS, level) }))}
            value={values.confidentiality}
            onValue={set('confidentiality')}
            error={errors.confidentiality}
            hint={
              offered.includes('medical')
                ? 'Secret médical : lue seulement par les soignants.'
                : "Équipe : les professionnels de l'établissement. Professionnels nommés : vous et ceux que vous choisissez."
            }
          />
        )}
        {!corrects && values.confidentiality === 'named' && (
          <>
            {readers.kind === 'loading' && <p class="loading">Chargement des professionnels…</p>}
            {readers.kind === 'ready' && readers.items.length > 0 && (
              <CheckboxGroup
                id={ids.readers}
                legend="Professionnels qui pourront lire la note"
                options={readers.items.map((p) => ({ value: String(p.id), label: p.display_name }))}
                values={values.readers}
                onValues={set('readers')}
                error={errors.readers}
              />
            )}
            {readers.kind === 'ready' && readers.items.length === 0 && (
              <p class="notice">Aucun autre professionnel de l'établissement ne peut être nommé.</p>
            )}
            {readers.kind === 'unavailable' && (
              <TextField
                id={ids.readers}
                label="Numéros des comptes lecteurs"
                hint="La liste des professionnels n'a pas pu être chargée : saisissez les numéros de compte, séparés par des virgules."
                value={readersText}
                onValue={(text) => {
                  setReadersText(text);
                  set('readers')(text.split(/[\s,;]+/).filter((x) => /^\d+$/.test(x)));
                }}
                error={errors.readers}
              />
            )}
          </>
        )}
        <TextAreaField
          id={ids.body}
          label="Note"
          value={values.body}
          onValue={set('body')}
          error={errors.body}
          rows={5}
          maxLength={20000}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : corrects ? 'Enregistrer la correction' : 'Enregistrer la note'}
          </button>
          {onCancel && (
            <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
              Annuler
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
