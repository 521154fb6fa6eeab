// Writing a letter template: name, establishment (optional), subject and body in the mail-merge syntax, with
// the list of fields beside it (a button inserts a field at the caret). The server checks the template when it
// is saved; each error it finds is listed with its line and column, and a button puts the caret there.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import {
  createLetterTemplate,
  updateLetterTemplate,
  type LetterField,
  type LetterTemplate,
  type LetterTemplateInput,
} from '../../api/letters';
import { capitalise, problemMessage } from '../../api/problems';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField, type SelectOption } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { insertField, offsetOf, templateError, type TemplateError } from './templateErrors';

interface Props {
  /** The template changed; none: a new one. */
  template: LetterTemplate | null;
  fields: LetterField[];
  filters: LetterField[];
  establishments: SelectOption[];
  onSaved: (template: LetterTemplate) => void;
  onCancel: () => void;
}

export function TemplateEditor({ template, fields, filters, establishments, onSaved, onCancel }: Props) {
  const [name, setName] = useState(template?.name ?? '');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [establishment, setEstablishment] = useState(template?.establishment_id ? String(template.establishment_id) : '');
  const [errors, setErrors] = useState<TemplateError[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);

  const errorOf = (field: string) => errors.find((e) => e.field === field);
  const bodyErrors = errors.filter((e) => e.field === 'body');

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    setAlert(null);
    const input: LetterTemplateInput = { name, subject, body, ...(establishment ? { establishment_id: Number(establishment) } : {}) };
    try {
      const saved = template ? await updateLetterTemplate(template.id, input) : await createLetterTemplate(input);
      setErrors([]);
      onSaved(saved);
    } catch (error) {
      const found = error instanceof ApiError ? error.errors.map((e) => templateError(e.field, e.message)) : [];
      setErrors(found);
      setAlert(found.length > 0 ? 'Le modèle n’est pas enregistré : corrigez les erreurs signalées.' : problemMessage(error));
    } finally {
      setSaving(false);
    }
  }

  function goTo(error: TemplateError) {
    const target = error.field === 'subject' ? subjectRef.current : bodyRef.current;
    if (!target || error.line === null || error.column === null) return;
    const offset = offsetOf(target.value, error.line, error.column);
    target.focus();
    target.setSelectionRange(offset, offset);
  }

  function insert(field: string) {
    const area = bodyRef.current;
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    const next = insertField(body, start, end, field);
    setBody(next.text);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(next.caret, next.caret);
    });
  }

  const subjectError = errorOf('subject');
  return (
    <form class="form letter-editor" aria-labelledby="modele-titre" noValidate onSubmit={save} data-testid="letter-template-editor">
      <h2 id="modele-titre">{template ? `Modifier « ${template.name} »` : 'Nouveau modèle'}</h2>
      <FormAlert message={alert} testId="letter-template-alert" />
      <div class="letter-editor__grid">
        <div class="letter-editor__main">
          <TextField id="modele-nom" label="Nom du modèle" value={name} onValue={setName} error={errorOf('name') && capitalise(errorOf('name')!.message)} />
          <SelectField
            id="modele-etablissement"
            label="Établissement"
            emptyLabel="Tous les établissements de l’organisme"
            required={false}
            value={establishment}
            onValue={setEstablishment}
            options={establishments}
            error={errorOf('establishment_id') && capitalise(errorOf('establishment_id')!.message)}
          />
          <TextField
            id="modele-objet"
            label="Objet"
            value={subject}
            onValue={setSubject}
            inputRef={subjectRef}
            hint="Une ligne ; elle peut contenir des champs, par exemple {{ person.first_name }}."
            error={subjectError && positioned(subjectError)}
          />
          <div class={['field', bodyErrors.length ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
            <label class="field__label" for="modele-corps">
              Texte du courrier
            </label>
            <p class="field__hint" id="modele-corps-aide">
              Une ligne vide sépare deux paragraphes. Champs : {'{{ champ }}'} ; filtres : {'{{ champ | date_long }}'} ;
              partie conditionnelle : {'{% if champ %}…{% else %}…{% endif %}'}.
            </p>
            {bodyErrors.length > 0 && (
              <ul class="field__error letter-editor__errors" id="modele-corps-erreur" data-testid="letter-template-body-errors">
                {bodyErrors.map((error, i) => (
                  <li key={i}>
                    <span class="visually-hidden">Erreur : </span>
                    {positioned(error)}{' '}
                    {error.line !== null && (
                      <button type="button" class="button button--link" onClick={() => goTo(error)}>
                        Aller à la ligne {error.line}, colonne {error.column}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <textarea
              id="modele-corps"
              name="modele-corps"
              class="field__input letter-editor__body"
              ref={bodyRef}
              rows={18}
              spellcheck
              value={body}
              onInput={(event) => setBody(event.currentTarget.value)}
              aria-invalid={bodyErrors.length ? 'true' : undefined}
              aria-describedby={[bodyErrors.length ? 'modele-corps-erreur' : '', 'modele-corps-aide'].filter(Boolean).join(' ')}
            />
          </div>
          <div class="form__actions">
            <button type="submit" class="button" disabled={saving}>
              {saving ? 'Enregistrement…' : 'Enregistrer le modèle'}
            </button>
            <button type="button" class="button button--secondary" onClick={onCancel}>
              Annuler
            </button>
          </div>
        </div>
        <aside class="letter-editor__fields" aria-labelledby="modele-champs-titre">
          <h3 id="modele-champs-titre">Champs disponibles</h3>
          <table class="table table--compact" data-testid="letter-fields">
            <thead>
              <tr>
                <th scope="col">Champ</th>
                <th scope="col">Exemple</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field.name}>
                  <th scope="row">
                    <button type="button" class="button button--link" onClick={() => insert(field.name)} title={`Insérer {{ ${field.name} }}`}>
                      <code>{field.name}</code>
                    </button>
                    <span class="letter-editor__label">{field.label}</span>
                  </th>
                  <td>{field.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Filtres</h3>
          <ul class="letter-editor__filters">
            {filters.map((filter) => (
              <li key={filter.name}>
                <code>{filter.name}</code> : {filter.label} ({filter.example})
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </form>
  );
}

function positioned(error: TemplateError): string {
  const text = capitalise(error.message);
  return error.line === null ? text : `Ligne ${error.line}, colonne ${error.column} : ${text}`;
}
