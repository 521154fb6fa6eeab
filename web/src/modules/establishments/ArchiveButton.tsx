// « Archiver »: after a confirmation, the establishment leaves the lists (it is never deleted).
import { useState } from 'preact/hooks';
import { archiveEstablishment, type Establishment } from '../../api/establishments';
import { problemMessage } from '../../api/problems';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

export function ArchiveButton({ establishment, onArchived }: { establishment: Establishment; onArchived: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await archiveEstablishment(establishment.id);
      setBusy(false);
      setOpen(false);
      onArchived(`L'établissement « ${establishment.name} » a été archivé.`);
    } catch (e) {
      setBusy(false);
      setError(`L'archivage a échoué. ${problemMessage(e)}`);
    }
  }

  return (
    <>
      <button
        type="button"
        class="button button--danger-outline"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Archiver
      </button>
      <ConfirmDialog
        id="archivage"
        open={open}
        title="Archiver l'établissement ?"
        confirmLabel="Archiver l'établissement"
        busy={busy}
        error={error}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>
          « {establishment.name} » n'apparaîtra plus dans la liste des établissements (sauf en incluant les archivés) et
          sa fiche ne pourra plus être modifiée. Rien n'est supprimé : son historique est conservé.
        </p>
      </ConfirmDialog>
    </>
  );
}
