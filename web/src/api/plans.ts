// Support plans (projet personnalisé) of a person: versions (draft, validated, archived), needs, goals and
// their actions, signatures, validation, reviews with an outcome per goal, the PDF of a plan, and the
// reminders of the reviews due (GET/POST/PUT /api/v1/persons/{id}/plans…, /api/v1/support-plans/reminders).
import { getJson, request } from './client';
import { downloadFile, type DownloadedFile } from './download';
import { personPath } from './persons';

export type PlanStatus = 'draft' | 'validated' | 'archived';
/** '' (nothing to do yet), due within 30 days, or overdue. */
export type ReviewState = '' | 'due_soon' | 'overdue';
export type GoalDomain =
  | 'autonomy'
  | 'health'
  | 'communication'
  | 'social_life'
  | 'education'
  | 'work'
  | 'housing'
  | 'leisure'
  | 'family'
  | 'rights'
  | 'other';
export type Signatory = 'person' | 'legal_representative' | 'referent' | 'director';
export type Outcome = 'achieved' | 'partly_achieved' | 'not_achieved' | 'abandoned' | 'continued';

export interface PlanAction {
  id: number;
  description: string;
  /** Who carries the action out ("l'éducatrice référente", "la famille"). */
  who: string;
  /** How often ("chaque semaine"). */
  frequency: string;
}

export interface PlanGoal {
  id: number;
  /** 1, 2, … in the order of the plan. */
  position: number;
  domain: GoalDomain;
  description: string;
  expected_outcome: string;
  target_date: string | null;
  actions: PlanAction[];
}

export interface PlanSignature {
  signatory: Signatory;
  name: string;
  signed_on: string;
  recorded_by: string;
}

export interface PlanReview {
  id: number;
  review_date: string;
  summary: string;
  recorded_by: string;
  outcomes: { goal_id: number; outcome: Outcome; comment: string | null }[];
}

export interface SupportPlan {
  id: number;
  person_id: number;
  establishment_id: number;
  version: number;
  status: PlanStatus;
  needs_assessment: string;
  person_wishes: string | null;
  review_due: string | null;
  review_state: ReviewState;
  validated_at: string | null;
  validated_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** What a draft still lacks to be validated, in French ("la signature du référent"). */
  missing_for_validation: string[];
  goals: PlanGoal[];
  signatures: PlanSignature[];
  reviews: PlanReview[];
}

export interface PlanReminder {
  plan_id: number;
  person_id: number;
  /** "BIRTH_NAME First name". */
  person: string;
  establishment_id: number;
  version: number;
  review_due: string;
  review_state: ReviewState;
}

export interface PlanContentInput {
  needs_assessment: string;
  person_wishes?: string;
  goals: {
    domain: GoalDomain;
    description: string;
    expected_outcome: string;
    target_date?: string;
    actions: { description: string; who: string; frequency: string }[];
  }[];
}

export interface SignatureInput {
  signatory: Signatory;
  name: string;
  signed_on: string;
}

export interface ReviewInput {
  review_date: string;
  summary: string;
  outcomes: { goal_id: number; outcome: Outcome; comment?: string }[];
}

const plansPath = (personId: number) => `${personPath(personId)}/plans`;
const planPath = (personId: number, planId: number) => `${plansPath(personId)}/${planId}`;

/** Every version the account may see, newest first. */
export async function fetchPlans(personId: number, signal?: AbortSignal): Promise<SupportPlan[]> {
  return (await getJson<{ items: SupportPlan[] }>(plansPath(personId), signal)).items;
}

export function createPlan(personId: number, input: PlanContentInput & { establishment_id: number }): Promise<SupportPlan> {
  return request<SupportPlan>(plansPath(personId), { method: 'POST', body: input });
}

/** Replaces the content of a draft (refused once it is signed or validated). */
export function updatePlan(personId: number, planId: number, input: PlanContentInput): Promise<SupportPlan> {
  return request<SupportPlan>(planPath(personId, planId), { method: 'PUT', body: input });
}

export function signPlan(personId: number, planId: number, input: SignatureInput): Promise<SupportPlan> {
  return request<SupportPlan>(`${planPath(personId, planId)}/signatures`, { method: 'POST', body: input });
}

/** Heads of service and directors of the plan's establishment only (403 for the others). */
export function validatePlan(personId: number, planId: number, reviewDue?: string): Promise<SupportPlan> {
  return request<SupportPlan>(`${planPath(personId, planId)}/validate`, {
    method: 'POST',
    body: reviewDue ? { review_due: reviewDue } : {},
  });
}

export function reviewPlan(personId: number, planId: number, input: ReviewInput): Promise<SupportPlan> {
  return request<SupportPlan>(`${planPath(personId, planId)}/reviews`, { method: 'POST', body: input });
}

/** The plan in plain French and large type, as a PDF for the person. */
export function downloadPlanPdf(personId: number, planId: number): Promise<DownloadedFile> {
  return downloadFile(`${planPath(personId, planId)}/pdf`, `projet-personnalise-${planId}.pdf`);
}

/** Validated plans whose review is due within 30 days or overdue, in the account's establishments. */
export async function fetchPlanReminders(signal?: AbortSignal): Promise<PlanReminder[]> {
  return (await getJson<{ items: PlanReminder[] }>('/api/v1/support-plans/reminders', signal)).items;
}
