// Notes (transmissions / observations) of a person: dated, by category, with a confidentiality level (the
// team of the establishment, named professionals, medical secret); corrected by a new note, never deleted
// (GET/POST /api/v1/persons/{id}/notes).
import { getJson, request } from './client';
import { personPath } from './persons';

export type NoteCategory = 'daily_life' | 'health' | 'education' | 'incident' | 'family' | 'work' | 'other';
export type NoteLevel = 'team' | 'named' | 'medical';

export interface Note {
  id: number;
  person_id: number;
  establishment_id: number;
  category: NoteCategory;
  confidentiality: NoteLevel;
  /** The day the note is about (AAAA-MM-JJ). */
  occurred_on: string;
  body: string;
  /** This note corrects that one (which is kept). */
  corrects_note_id: number | null;
  /** The notes correcting this one. */
  corrected_by: number[];
  /** The author's account (its email). */
  author: string;
  /** Accounts that may read a named note (besides its author). */
  readers: number[];
  created_at: string;
}

export interface NoteInput {
  category: NoteCategory;
  confidentiality: NoteLevel;
  occurred_on: string;
  body: string;
  establishment_id?: number;
  readers?: number[];
  corrects_note_id?: number;
}

const notesPath = (personId: number) => `${personPath(personId)}/notes`;

/** The notes the account may read, newest first; `category` keeps one category. */
export async function fetchNotes(personId: number, category: string, signal?: AbortSignal): Promise<Note[]> {
  const query = category ? `?category=${encodeURIComponent(category)}` : '';
  return (await getJson<{ items: Note[] }>(`${notesPath(personId)}${query}`, signal)).items;
}

/** A new note, or the correction of one of the author's notes (corrects_note_id). */
export function addNote(personId: number, input: NoteInput): Promise<Note> {
  return request<Note>(notesPath(personId), { method: 'POST', body: input });
}

export interface Professional {
  id: number;
  display_name: string;
  roles: string[];
}

/**
 * The professionals who may be named as readers of a note in this establishment: the sign-in accounts of the
 * organisation with a role over persons there (GET /api/v1/appointments/professionals, served by the agenda).
 */
export async function fetchProfessionals(establishmentId: number, signal?: AbortSignal): Promise<Professional[]> {
  const path = `/api/v1/appointments/professionals?establishment_id=${establishmentId}`;
  return (await getJson<{ items: Professional[] }>(path, signal)).items;
}
