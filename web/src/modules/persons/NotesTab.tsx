// « Notes »: the transmissions the account may read, newest first, with their category, confidentiality and
// author; a filter by category; writing a note at the levels the account's role may write; correcting one's
// own note (the original stays, shown as corrected). Notes are never deleted.
import { useEffect, useState } from 'preact/hooks';
import { fetchNotes, type Note, type NoteLevel } from '../../api/notes';
import { problemMessage } from '../../api/problems';
import { useSession } from '../../app/SessionContext';
import { focusField } from '../../ui/focusField';
import { SelectField } from '../../ui/SelectField';
import { formatDate, formatDateTime } from '../establishments/format';
import { NOTE_CATEGORIES, NOTE_LEVELS, label, optionsOf } from './labels';
import { NoteForm } from './NoteForm';
import { canWriteMedical, canWriteTeamRecord } from './recordAccess';
import type { TabProps } from './tabProps';
import { establishmentName } from './useEstablishments';

type State = { kind: 'loading' } | { kind: 'ready'; notes: Note[] } | { kind: 'error'; message: string };

const LEVEL_CLASS: Record<NoteLevel, string> = {
  team: 'badge badge--muted',
  named: 'badge badge--warning',
  medical: 'badge person-badge--expired',
};

export function NotesTab({ person, establishments, onChanged }: TabProps) {
  const { session } = useSession();
  const [category, setCategory] = useState('');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [correcting, setCorrecting] = useState<Note | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    fetchNotes(person.id, category, controller.signal).then(
      (notes) => setState({ kind: 'ready', notes }),
      (error: unknown) => !controller.signal.aborted && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [person, category]);

  const levels = (establishmentId: number): NoteLevel[] => [
    ...(canWriteTeamRecord(session, establishmentId) ? (['team', 'named'] as const) : []),
    ...(canWriteMedical(session, establishmentId) ? (['medical'] as const) : []),
  ];
  const linked = new Set([person.registered_establishment_id, ...person.stays.map((s) => s.establishment_id)]);
  // The establishment that opened the record first: a note belongs to it unless another one is chosen.
  const writable = establishments
    .filter((e) => linked.has(e.id) && levels(e.id).length > 0)
    .sort((a, b) => Number(b.id === person.registered_establishment_id) - Number(a.id === person.registered_establishment_id));
  const open = person.merged_into === null;
  const notes = state.kind === 'ready' ? state.notes : [];
  const byId = new Map(notes.map((n) => [n.id, n]));

  function finished(message: string) {
    setCorrecting(null);
    void onChanged(message);
  }

  return (
    <>
      <h2 class="tab-title">Notes</h2>
      <p class="muted">
        Les transmissions ne se suppriment pas : une erreur se corrige par une nouvelle note, l'originale restant au
        dossier.
      </p>
      <SelectField
        id="notes-filtre"
        label="Catégorie affichée"
        emptyLabel="Toutes les catégories"
        options={optionsOf(NOTE_CATEGORIES)}
        value={category}
        onValue={setCategory}
        class="field--medium"
      />
      <div aria-live="polite" class="results-status">
        {state.kind === 'loading' && <p class="loading">Chargement des notes…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les notes. {state.message}
          </p>
        )}
        {state.kind === 'ready' && notes.length === 0 && (
          <p class="notice" data-testid="notes-empty">
            {category ? 'Aucune note de cette catégorie.' : "Aucune note que vous puissiez lire n'est enregistrée."}
          </p>
        )}
      </div>
      {notes.length > 0 && (
        <ol class="note-list" data-testid="notes-list" aria-label="Notes, de la plus récente à la plus ancienne">
          {notes.map((n) => {
            const corrected = n.corrected_by.length > 0;
            const original = n.corrects_note_id !== null ? byId.get(n.corrects_note_id) : undefined;
            const mine = n.author === session.account.email;
            return (
              <li
                key={n.id}
                id={`note-${n.id}`}
                tabIndex={-1}
                class={['card', 'note', corrected ? 'note--corrected' : ''].filter(Boolean).join(' ')}
                data-note-id={n.id}
                data-category={n.category}
                data-level={n.confidentiality}
              >
                <h3 class="card__title note__title">
                  <time dateTime={n.occurred_on}>{formatDate(n.occurred_on)}</time> — {label(NOTE_CATEGORIES, n.category)}
                  <span class={LEVEL_CLASS[n.confidentiality] ?? 'badge'}>{label(NOTE_LEVELS, n.confidentiality)}</span>
                  {corrected && <span class="badge badge--muted">Corrigée</span>}
                </h3>
                <p class="note__body">{n.body}</p>
                <p class="muted note__meta">
                  Par {n.author || 'un compte supprimé'}, le {formatDateTime(n.created_at)} ·{' '}
                  {establishmentName(establishments, n.establishment_id)}
                  {n.confidentiality === 'named' && n.readers.length > 0 && (
                    <>
                      {' '}
                      · {n.readers.length} lecteur{n.readers.length > 1 ? 's' : ''} nommé{n.readers.length > 1 ? 's' : ''}
                    </>
                  )}
                </p>
                {n.corrects_note_id !== null && (
                  <p class="note__link">
                    Correction de la note{' '}
                    {original ? (
                      <>
                        du <a href={`#note-${original.id}`}>{formatDate(original.occurred_on)}</a>
                      </>
                    ) : (
                      `n° ${n.corrects_note_id}`
                    )}
                    .
                  </p>
                )}
                {corrected && (
                  <p class="note__link">
                    Corrigée par{' '}
                    {n.corrected_by.map((id, i) => {
                      const by = byId.get(id);
                      return (
                        <span key={id}>
                          {i > 0 && ', '}
                          <a href={`#note-${id}`}>
                            {by ? `la correction du ${formatDateTime(by.created_at)}` : `la note n° ${id}`}
                          </a>
                        </span>
                      );
                    })}
                    .
                  </p>
                )}
                {open && mine && !corrected && levels(n.establishment_id).includes(n.confidentiality) && correcting?.id !== n.id && (
                  <div class="row-actions">
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      aria-label={`Corriger la note du ${formatDate(n.occurred_on)} (${label(NOTE_CATEGORIES, n.category)})`}
                      onClick={() => {
                        setCorrecting(n);
                        focusField(`correction-${n.id}-categorie`);
                      }}
                    >
                      Corriger
                    </button>
                  </div>
                )}
                {correcting?.id === n.id && (
                  <NoteForm
                    personId={person.id}
                    establishments={writable}
                    levels={levels}
                    accountId={session.account.id}
                    corrects={n}
                    onDone={finished}
                    onCancel={() => setCorrecting(null)}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {open && writable.length > 0 && !correcting && (
        <NoteForm
          personId={person.id}
          establishments={writable}
          levels={levels}
          accountId={session.account.id}
          onDone={finished}
        />
      )}
    </>
  );
}
