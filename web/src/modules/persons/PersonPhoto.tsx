// The person's photo in the identity tab, shown on demand (reading it is audited; the record says whether
// there is one); replacing it for the accounts that may change the record (JPEG or PNG, 5 Mo).
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { photoUrl, uploadPhoto } from '../../api/documents';
import { problemMessage } from '../../api/problems';
import { FileField } from '../../ui/FileField';
import { FormAlert } from '../../ui/FormAlert';

type Shown = 'hidden' | 'loading' | 'shown' | 'none';

export function PersonPhoto({ personId, canWrite, name, hasPhoto }: { personId: number; canWrite: boolean; name: string; hasPhoto: boolean }) {
  const [shown, setShown] = useState<Shown>(hasPhoto ? 'hidden' : 'none');
  // Changed after an upload, so that the new image is read (the address stays the same).
  const [round, setRound] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function send() {
    setError(undefined);
    setAlert(null);
    setSaved(null);
    if (!file) {
      setError('Choisissez une photo (JPEG ou PNG).');
      return;
    }
    setBusy(true);
    try {
      await uploadPhoto(personId, file);
      setFile(null);
      if (input.current) input.current.value = '';
      setRound((r) => r + 1);
      setShown('loading');
      setSaved('La photo a été enregistrée.');
    } catch (e) {
      const message = e instanceof ApiError ? (e.errors.find((x) => x.field === 'file')?.message ?? problemMessage(e)) : problemMessage(e);
      setError(message.charAt(0).toUpperCase() + message.slice(1));
      setAlert("La photo n'a pas été enregistrée.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="person-photo" aria-labelledby="photo-titre">
      <h3 id="photo-titre" class="section-subtitle">
        Photo
      </h3>
      {shown === 'hidden' && (
        <button type="button" class="button button--secondary button--small" onClick={() => setShown('loading')}>
          Afficher la photo
        </button>
      )}
      {(shown === 'loading' || shown === 'shown') && (
        <img
          key={round}
          class="person-photo__image"
          src={photoUrl(personId)}
          alt={`Photo de ${name}`}
          onLoad={() => setShown('shown')}
          onError={() => setShown('none')}
          hidden={shown === 'loading'}
        />
      )}
      {shown === 'none' && <p class="notice">Aucune photo n'est enregistrée.</p>}
      {canWrite && (
        <>
          <FormAlert message={alert} testId="photo-alert" />
          <div role="status">{saved && <p class="alert alert--success">{saved}</p>}</div>
          <FileField id="photo-fichier" label="Nouvelle photo" hint="JPEG ou PNG, 5 Mo au plus." accept=".jpg,.jpeg,.png" onFile={setFile} error={error} inputRef={input} />
          <button type="button" class="button button--secondary button--small" onClick={() => void send()} disabled={busy}>
            {busy ? 'Envoi…' : 'Enregistrer la photo'}
          </button>
        </>
      )}
    </section>
  );
}
