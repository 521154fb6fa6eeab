// Letters (mail merge): the organisation's letter templates (GET/POST /api/v1/letter-templates, GET/PUT
// /api/v1/letter-templates/{id}, POST …/{id}/archive), the fields a template may use
// (GET /api/v1/letter-templates/fields), letters rendered to PDF for one person (POST /api/v1/persons/{id}/letters)
// or in a batch for an establishment (POST /api/v1/letters), and the trace of letters sent
// (GET /api/v1/persons/{id}/letters).
import { getJson, request } from './client';
import { downloadFile } from './download';

export interface LetterTemplate {
  id: number;
  /** null: every establishment of the organisation. */
  establishment_id: number | null;
  name: string;
  subject: string;
  body: string;
  archived: boolean;
  archived_at: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface LetterTemplateInput {
  name: string;
  subject: string;
  body: string;
  establishment_id?: number;
}

export interface LetterField {
  name: string;
  label: string;
  example: string;
}

export interface LetterFields {
  items: LetterField[];
  filters: LetterField[];
}

export interface LetterSent {
  id: number;
  template_id: number;
  template_name: string;
  subject: string;
  person_id: number;
  establishment_id: number;
  contact_id: number | null;
  addressee: string;
  sent_by: string;
  batch: boolean;
  sent_at: string;
}

export type ContactKind = 'family' | 'legal_representative' | 'trusted_person' | 'doctor' | 'other';

export interface BatchRequest {
  template_id: number;
  establishment_id: number;
  contact_kind?: ContactKind;
  person_ids?: number[];
}

/** The PDF made by the server, saved by the browser: its name and how many letters it holds. */
export interface LettersPdf {
  fileName: string;
  count: number;
}

export interface PersonLettersRequest {
  template_id: number;
  /** Absent: every active contact who receives letters. */
  contact_ids?: number[];
  /** A letter to the person too, in care of the establishment. */
  to_person?: boolean;
}

export async function listLetterTemplates(archived = false, signal?: AbortSignal): Promise<LetterTemplate[]> {
  return (await getJson<{ items: LetterTemplate[] }>(`/api/v1/letter-templates${archived ? '?archived=true' : ''}`, signal)).items;
}

export function letterFields(signal?: AbortSignal): Promise<LetterFields> {
  return getJson<LetterFields>('/api/v1/letter-templates/fields', signal);
}

export function createLetterTemplate(input: LetterTemplateInput): Promise<LetterTemplate> {
  return request<LetterTemplate>('/api/v1/letter-templates', { method: 'POST', body: input });
}

export function updateLetterTemplate(id: number, input: LetterTemplateInput): Promise<LetterTemplate> {
  return request<LetterTemplate>(`/api/v1/letter-templates/${id}`, { method: 'PUT', body: input });
}

export function archiveLetterTemplate(id: number): Promise<LetterTemplate> {
  return request<LetterTemplate>(`/api/v1/letter-templates/${id}/archive`, { method: 'POST' });
}

export async function lettersSentTo(personId: number, signal?: AbortSignal): Promise<LetterSent[]> {
  return (await getJson<{ items: LetterSent[] }>(`/api/v1/persons/${personId}/letters`, signal)).items;
}

// A POST answered with a PDF, saved by the browser (errors are problem+json as everywhere: ApiError).
async function postForPdf(path: string, body: unknown, fallbackName: string): Promise<LettersPdf> {
  const file = await downloadFile(path, fallbackName, { method: 'POST', body });
  return { fileName: file.name, count: Number(file.headers.get('X-Letter-Count') ?? 0) };
}

/** Letters in a batch for an establishment: one PDF, saved by the browser. */
export function batchLetters(batch: BatchRequest): Promise<LettersPdf> {
  return postForPdf('/api/v1/letters', batch, 'courriers.pdf');
}

/** Letters for one person (one per addressee): one PDF, saved by the browser. */
export function personLetters(personId: number, body: PersonLettersRequest): Promise<LettersPdf> {
  return postForPdf(`/api/v1/persons/${personId}/letters`, body, `courrier-${personId}.pdf`);
}
