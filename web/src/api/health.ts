// GET /healthz: the state of the server and of its database.
import { ApiError, getJson } from './client';

export interface Health {
  status: string;
  database: string;
  backend: string;
  version?: string;
  uptime_seconds?: number;
}

function isHealth(value: unknown): value is Health {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'string' && typeof v.database === 'string' && typeof v.backend === 'string';
}

/** The health report; a degraded server (503 with a health body) still yields its report. */
export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  try {
    const body = await getJson<unknown>('/healthz', signal);
    if (!isHealth(body)) throw new ApiError(200, { title: 'Réponse inattendue du serveur' });
    return body;
  } catch (e) {
    if (e instanceof ApiError && isHealth(e.body)) return e.body;
    throw e;
  }
}

export function backendLabel(backend: string): string {
  switch (backend.toLowerCase()) {
    case 'sqlite':
      return 'SQLite';
    case 'postgresql':
    case 'postgres':
      return 'PostgreSQL';
    default:
      return backend;
  }
}
