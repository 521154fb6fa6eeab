// The browser session: sign-in (password, then the second factor when the account needs one), the current
// session, sign-out, password change and enrolment of the second factor (TOTP).
import { request } from './client';

export interface SessionAccount {
  id: number;
  email: string;
  display_name: string;
  organisation_id: number | null;
}

export interface Grant {
  role: string;
  role_label: string;
  organisation_id: number | null;
  establishment_id: number | null;
}

export interface Session {
  account: SessionAccount;
  grants: Grant[];
  /** Codes of the bricks the account can open (establishments, persons, steering, cpom, …). */
  bricks: string[];
  csrf_token: string;
  second_factor: { enrolled: boolean; pending: boolean };
}

export interface Credentials {
  email: string;
  password: string;
  /** The 6-digit code of the authenticator application. */
  totp?: string;
  /** One of the recovery codes given at enrolment, instead of the 6-digit code. */
  recovery_code?: string;
}

export interface TotpEnrolment {
  secret: string;
  otpauth_uri: string;
  /** An SVG document: shown as an image, never inserted into the page as markup. */
  qr_svg: string;
}

/** Problem types the sign-in page reacts to. */
export const SECOND_FACTOR_REQUIRED = '/problems/second-factor-required';
export const SECOND_FACTOR_INVALID = '/problems/second-factor-invalid';

/** The current session; rejects with a 401 ApiError when nobody is signed in. */
export function fetchSession(): Promise<Session> {
  return request<Session>('/api/v1/session', { signOutOn401: false });
}

export function signIn(credentials: Credentials): Promise<Session> {
  return request<Session>('/api/v1/session', { method: 'POST', body: credentials, signOutOn401: false });
}

export function signOut(): Promise<void> {
  return request<void>('/api/v1/session', { method: 'DELETE', signOutOn401: false });
}

/** Every session of the account is closed when the password changes: the user signs in again. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('/api/v1/session/password', {
    method: 'POST',
    body: { current_password: currentPassword, new_password: newPassword },
  });
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return request<TotpEnrolment>('/api/v1/session/totp', { method: 'POST' });
}

export function confirmTotpEnrolment(code: string): Promise<{ recovery_codes: string[] }> {
  return request<{ recovery_codes: string[] }>('/api/v1/session/totp/confirm', { method: 'POST', body: { code } });
}

/** Public: the token comes from the link an administrator gave (/reinitialiser-mot-de-passe?jeton=…). */
export function resetPassword(token: string, newPassword: string): Promise<void> {
  return request<void>('/api/v1/password-reset', {
    method: 'POST',
    body: { token, new_password: newPassword },
    signOutOn401: false,
  });
}
