import { useEffect } from 'preact/hooks';
import { navigate } from './router';

/** Replaces the current address (no history entry) once rendered. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
