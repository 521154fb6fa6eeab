// Enrolment, step 2: the recovery codes, shown this once.
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  codes: string[];
  busy: boolean;
  onContinue: () => void;
}

export function RecoveryCodes({ codes, busy, onContinue }: Props) {
  const [kept, setKept] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // The form that had the focus is gone: start reading from this step's heading.
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('Les codes ont été copiés dans le presse-papiers.');
    } catch {
      setCopied('La copie automatique est impossible ici : recopiez les codes à la main.');
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    if (kept) onContinue();
  }

  return (
    <section aria-labelledby="codes-titre" class="recovery">
      <h2 id="codes-titre" ref={heading} tabIndex={-1} class="section-title">Vos codes de secours</h2>
      <p class="alert alert--success" role="status">
        La double authentification est activée.
      </p>
      <p>
        Si vous perdez votre téléphone, chacun de ces codes permet <strong>une seule</strong> connexion à la place du
        code de l'application. Conservez-les en lieu sûr (imprimés et rangés, ou dans un gestionnaire de mots de passe),
        jamais avec votre mot de passe. <strong>Ils ne seront plus jamais affichés.</strong>
      </p>
      <ol class="recovery__list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <button type="button" class="button button--secondary" onClick={copy}>
          Copier les codes
        </button>
      </p>
      <p class="form__help" aria-live="polite">
        {copied}
      </p>
      <form class="form" onSubmit={submit}>
        <div class="checkbox">
          <input id="codes-conserves" type="checkbox" checked={kept} onChange={(e) => setKept(e.currentTarget.checked)} />
          <label for="codes-conserves">J'ai conservé mes codes de secours en lieu sûr.</label>
        </div>
        <div class="form__actions">
          <button type="submit" class="button" disabled={!kept || busy}>
            Continuer vers Passerelle
          </button>
        </div>
      </form>
    </section>
  );
}
