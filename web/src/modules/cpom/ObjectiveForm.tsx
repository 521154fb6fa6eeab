// Adds a strategic objective, or an operational objective under a strategic one.
import { useState } from 'preact/hooks';
import { addObjective, type Objective } from '../../api/cpom';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

export function ObjectiveForm({ cpomId, objectives, done }: { cpomId: number; objectives: Objective[]; done: () => void }) {
  const [title, setTitle] = useState('');
  const [parent, setParent] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await addObjective(cpomId, { title, ...(parent ? { parent_id: Number(parent) } : {}) });
      setTitle('');
      setErrors({});
      setAlert(null);
      done();
    } catch (e) {
      setErrors(fieldMessages(e));
      setAlert(`L'objectif n'a pas été ajouté. ${problemMessage(e)}`);
    }
  }
  const strategic = objectives.filter((o) => o.level === 'strategic');
  return (
    <form class="cpom-form" onSubmit={(e) => void submit(e)} data-testid="objective-form" noValidate>
      <h3>Ajouter un objectif</h3>
      <FormAlert message={alert} />
      <div class="cpom-fields">
        <TextField id="objectif-intitule" label="Intitulé de l'objectif" value={title} onValue={setTitle} error={errors.title} />
        <SelectField
          id="objectif-parent"
          label="Objectif stratégique de rattachement"
          value={parent}
          onValue={setParent}
          options={strategic.map((o) => ({ value: String(o.id), label: o.title }))}
          emptyLabel="Aucun : c'est un objectif stratégique"
          required={false}
          hint="Un objectif opérationnel se rattache à un objectif stratégique ; les fiches action suivent les objectifs opérationnels."
          error={errors.parent_id}
        />
      </div>
      <button type="submit" class="button">
        Ajouter l'objectif
      </button>
    </form>
  );
}
