// Documents of a person (identity papers, decisions, reports, plans, medical documents…): typed, checked by
// their content, stored encrypted, versioned, readable by the roles allowed for their type; and the photo of
// the person. Files are sent as the raw request body, their description in the query string
// (/api/v1/persons/{id}/documents…, /api/v1/document-types, /api/v1/persons/{id}/photo).
import { getJson, request, send } from './client';
import { downloadFile, type DownloadedFile } from './download';
import { personPath } from './persons';

export interface DocumentVersion {
  version: number;
  filename: string;
  media_type: string;
  /** "Document PDF", "Image JPEG"… */
  kind_label: string;
  size: number;
  embeds_files: boolean;
  uploaded_by: string;
  uploaded_at: string;
}

export interface PersonDocument {
  id: number;
  person_id: number;
  establishment_id: number;
  type: string;
  type_label: string;
  title: string;
  retention: string;
  retention_label: string;
  retention_reason: string | null;
  archived: boolean;
  archived_at: string | null;
  archived_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version_count: number;
  current_version: DocumentVersion;
  /** The account may add versions and archive it. */
  can_write: boolean;
  /** In the detail only, newest first. */
  versions?: DocumentVersion[];
}

export interface DocumentType {
  code: string;
  label: string;
  category: string;
  default_retention: string;
  can_read: boolean;
  can_write: boolean;
}

export interface DocumentTypes {
  types: DocumentType[];
  /** needs_reason: a written legal reason is required (retention_reason). */
  retentions: { code: string; label: string; needs_reason?: boolean }[];
  /** The largest file accepted, in bytes. */
  max_bytes: number;
  /** The extensions accepted (offered by the browser's file picker), when the server lists them. */
  accepted?: { extension: string; label: string }[];
}

export interface UploadInput {
  type: string;
  title: string;
  retention?: string;
  retention_reason?: string;
  establishment_id?: number;
}

export interface PhotoInfo {
  person_id: number;
  media_type: string;
  size: number;
  updated_at: string;
  updated_by: string;
}

const documentsPath = (personId: number) => `${personPath(personId)}/documents`;
const documentPath = (personId: number, documentId: number) => `${documentsPath(personId)}/${documentId}`;

function query(fields: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** The file as the request body, with its media type as the browser knows it. */
async function sendFile<T>(path: string, method: 'POST' | 'PUT', file: File): Promise<T> {
  const response = await send(path, { method, raw: file, contentType: file.type || 'application/octet-stream' });
  return (await response.json()) as T;
}

export function fetchDocumentTypes(signal?: AbortSignal): Promise<DocumentTypes> {
  return getJson<DocumentTypes>('/api/v1/document-types', signal);
}

/** The documents of the types the account may read, newest first; archived ones too when asked. */
export async function fetchDocuments(personId: number, archived: boolean, signal?: AbortSignal): Promise<PersonDocument[]> {
  const path = `${documentsPath(personId)}${archived ? '?archived=true' : ''}`;
  return (await getJson<{ items: PersonDocument[] }>(path, signal)).items;
}

export function fetchDocument(personId: number, documentId: number, signal?: AbortSignal): Promise<PersonDocument> {
  return getJson<PersonDocument>(documentPath(personId, documentId), signal);
}

/** A new document (its first version). The server checks the content: 422 naming `file`, 413 when too large. */
export function uploadDocument(personId: number, file: File, input: UploadInput): Promise<PersonDocument> {
  return sendFile(`${documentsPath(personId)}?${query({ ...input, filename: file.name })}`, 'POST', file);
}

/** A new version of a document (it becomes the current one). */
export function uploadDocumentVersion(personId: number, documentId: number, file: File): Promise<PersonDocument> {
  return sendFile(`${documentPath(personId, documentId)}/versions?${query({ filename: file.name })}`, 'POST', file);
}

export function downloadDocument(personId: number, doc: PersonDocument, version?: number): Promise<DownloadedFile> {
  const path = `${documentPath(personId, doc.id)}/content${version ? `?version=${version}` : ''}`;
  return downloadFile(path, doc.current_version.filename);
}

export function archiveDocument(personId: number, documentId: number): Promise<PersonDocument> {
  return request<PersonDocument>(`${documentPath(personId, documentId)}/archive`, { method: 'POST' });
}

/** The address of the person's photo (an image; 404 when there is none). */
export const photoUrl = (personId: number) => `${personPath(personId)}/photo`;

/** Replaces the photo (JPEG or PNG, 5 Mo at most): 422 naming `file` otherwise, 413 when too large. */
export function uploadPhoto(personId: number, file: File): Promise<PhotoInfo> {
  return sendFile<PhotoInfo>(photoUrl(personId), 'PUT', file);
}

export async function deletePhoto(personId: number): Promise<void> {
  await send(photoUrl(personId), { method: 'DELETE' });
}
