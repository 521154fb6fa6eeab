// The pages of a signed-in user. The main navigation lists, in this order, the entries whose brick the
// session may open (session.bricks); a page of a brick the account cannot see shows "Accès non autorisé".
import type { ComponentType } from 'preact';
import { HomePage } from '../home/HomePage';
import { EstablishmentsPage } from '../modules/establishments/EstablishmentsPage';
import { PersonsPage } from '../modules/persons/PersonsPage';
import { SteeringPage } from '../modules/steering/SteeringPage';
import { SurveysPage } from '../modules/surveys/SurveysPage';
import { CollaborationPage } from '../modules/collaboration/CollaborationPage';
import { GdprPage } from '../modules/gdpr/GdprPage';
import { AuditTrailPage } from '../modules/gdpr/AuditTrailPage';
import { AdminPage } from '../modules/admin/AdminPage';
import { AccountPage } from '../modules/session/AccountPage';
import { ACCOUNT_PATH } from './paths';

export interface Route {
  path: string;
  /** Label of the entry in the main navigation; none for the pages reached otherwise. */
  label?: string;
  component: ComponentType;
  /** The page needs one of these bricks (server codes); none: every signed-in user. */
  bricks?: readonly string[];
}

export const routes: readonly Route[] = [
  { path: '/', label: 'Accueil', component: HomePage },
  { path: '/etablissements', label: 'Établissements', component: EstablishmentsPage, bricks: ['establishments'] },
  { path: '/usagers', label: 'Usagers', component: PersonsPage, bricks: ['persons'] },
  // The CPOM (contract with the funders) is part of steering.
  { path: '/pilotage', label: 'Pilotage', component: SteeringPage, bricks: ['steering', 'cpom'] },
  { path: '/enquetes', label: 'Enquêtes', component: SurveysPage, bricks: ['surveys'] },
  { path: '/collaboration', label: 'Collaboration', component: CollaborationPage, bricks: ['collaboration'] },
  { path: '/rgpd', label: 'RGPD', component: GdprPage, bricks: ['gdpr'] },
  { path: '/rgpd/trace-des-acces', component: AuditTrailPage, bricks: ['gdpr'] },
  { path: '/administration', label: 'Administration', component: AdminPage, bricks: ['administration'] },
  { path: ACCOUNT_PATH, component: AccountPage },
];

export function findRoute(path: string): Route | undefined {
  return routes.find((route) => route.path === path);
}

export function isAllowed(route: Route, bricks: readonly string[]): boolean {
  return !route.bricks || route.bricks.some((brick) => bricks.includes(brick));
}

/** The entries of the main navigation for a session. */
export function navigationFor(bricks: readonly string[]): Route[] {
  return routes.filter((route) => route.label && isAllowed(route, bricks));
}

/** The navigation entry a page belongs to ('/rgpd/trace-des-acces' → '/rgpd'). */
export function sectionOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return '/' + first;
}
