// Files sent by the API (a plan's PDF, a document, letters): read with the session, then saved by the browser
// under the name the server gives (Content-Disposition), so that a refusal is shown in the page, not saved as a
// file. A file made from a request (letters: POST with a JSON body) goes the same way.
import { send, type RequestOptions } from './client';

export interface DownloadedFile {
  name: string;
  size: number;
  /** The headers of the answer (X-Letter-Count…). */
  headers: Headers;
}

/** The file name of a Content-Disposition header (filename* in UTF-8 first), or null. */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Badly encoded: try the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || null;
}

/**
 * Downloads `path` (GET, or the method and JSON body given) and has the browser save it; throws ApiError when
 * the server refuses (its problem+json read as for any other request).
 */
export async function downloadFile(
  path: string,
  fallbackName: string,
  options: Pick<RequestOptions, 'method' | 'body'> = {},
): Promise<DownloadedFile> {
  const response = await send(path, { ...options, accept: '*/*' });
  const blob = await response.blob();
  const name = dispositionName(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the browser reads the object URL after the click has returned.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, size: blob.size, headers: response.headers };
}
