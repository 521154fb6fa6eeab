// Letters in a batch: a template, an establishment and a kind of contact (all the legal representatives of the
// persons admitted there, who receive letters); the server answers one PDF with every letter.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { batchLetters, type ContactKind, type LetterTemplate } from '../../api/letters';
import { capitalise, problemMessage } from '../../api/problems';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField, type SelectOption } from '../../ui/SelectField';

const KINDS: { value: ContactKind; label: string }[] = [
  { value: 'legal_representative', label: 'Représentants légaux' },
  { value: 'family', label: 'Famille' },
  { value: 'trusted_person', label: 'Personnes de confiance' },
  { value: 'doctor', label: 'Médecins' },
  { value: 'other', label: 'Autres contacts' },
];

interface Props {
  templates: LetterTemplate[];
  establishments: SelectOption[];
}

export function BatchForm({ templates, establishments }: Props) {
  const [templateId, setTemplateId] = useState('');
  const [establishment, setEstablishment] = useState(establishments.length === 1 ? establishments[0].value : '');
  const [kind, setKind] = useState<string>('legal_representative');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A template for one establishment is offered for that establishment only.
  const usable = templates.filter((t) => t.establishment_id === null || String(t.establishment_id) === establishment);

  async function send(event: Event) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!templateId) missing.template_id = 'Choisissez un modèle.';
    if (!establishment) missing.establishment_id = 'Choisissez un établissement.';
    setErrors(missing);
    setDone(null);
    setAlert(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const pdf = await batchLetters({
        template_id: Number(templateId),
        establishment_id: Number(establishment),
        contact_kind: kind as ContactKind,
      });
      setDone(`${pdf.count} ${pdf.count > 1 ? 'courriers préparés' : 'courrier préparé'} dans ${pdf.fileName}.`);
    } catch (error) {
      const byField: Record<string, string> = {};
      if (error instanceof ApiError) for (const e of error.errors) byField[e.field] ||= capitalise(e.message);
      setErrors(byField);
      setAlert(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" aria-labelledby="envoi-nombre-titre" noValidate onSubmit={send} data-testid="letters-batch">
      <h2 id="envoi-nombre-titre">Courrier en nombre</h2>
      <p class="lead">
        Une lettre pour chaque contact du type choisi qui reçoit les courriers, pour toutes les personnes accueillies
        aujourd’hui dans l’établissement ; un seul PDF, une lettre par page.
      </p>
      <FormAlert message={alert} testId="letters-batch-alert" />
      <div class="filters__grid">
        <SelectField id="envoi-etablissement" label="Établissement" emptyLabel="Choisir…" value={establishment}
          onValue={setEstablishment} options={establishments} error={errors.establishment_id} />
        <SelectField id="envoi-modele" label="Modèle" emptyLabel="Choisir…" value={templateId} onValue={setTemplateId}
          options={usable.map((t) => ({ value: String(t.id), label: t.name }))} error={errors.template_id} />
        <SelectField id="envoi-destinataires" label="Destinataires" value={kind} onValue={setKind} options={KINDS}
          error={errors.contact_kind} />
      </div>
      <div class="form__actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Préparation…' : 'Préparer les courriers (PDF)'}
        </button>
      </div>
      <div aria-live="polite" data-testid="letters-batch-status">
        {done && <p class="alert alert--success">{done}</p>}
      </div>
    </form>
  );
}
