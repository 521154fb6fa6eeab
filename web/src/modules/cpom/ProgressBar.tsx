// A progress bar with its percentage written beside it (the bar alone says nothing to a screen reader).
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  if (value === null) return <span class="cpom-progress cpom-progress--none">Pas d'action suivie</span>;
  const rounded = Math.round(value);
  return (
    <span class="cpom-progress">
      <span
        class="cpom-progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rounded}
      >
        <span class="cpom-progress__fill" style={{ width: `${Math.min(100, Math.max(0, value))}%` }} />
      </span>
      <span class="cpom-progress__text">{rounded} %</span>
    </span>
  );
}
