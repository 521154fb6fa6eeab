// The pages of a signed-in user. The main navigation lists, in this order, the entries whose brick the
// session may open (session.bricks); a page of a brick the account cannot see shows "Accès non autorisé".
// A path may hold parameters (/etablissements/:id): the page receives them as props; the first route that
// matches wins, so fixed paths (/etablissements/nouveau) come before the parameterised ones.
import type { ComponentType } from 'preact';
import { HomePage } from '../home/HomePage';
import { EstablishmentsPage } from '../modules/establishments/EstablishmentsPage';
import { EstablishmentCreatePage } from '../modules/establishments/EstablishmentCreatePage';
import { EstablishmentImportPage } from '../modules/establishments/EstablishmentImportPage';
import { EstablishmentDetailPage } from '../modules/establishments/EstablishmentDetailPage';
import { PersonsPage } from '../modules/persons/PersonsPage';
import { PersonCreatePage } from '../modules/persons/PersonCreatePage';
import { PersonRecordPage } from '../modules/persons/PersonRecordPage';
import { PersonsImportPage } from '../modules/persons/PersonsImportPage';
import { AttendancePage } from '../modules/attendance/AttendancePage';
import { WaitingListPage } from '../modules/attendance/WaitingListPage';
import { MovementsPage } from '../modules/attendance/MovementsPage';
import { AgendaPage } from '../modules/appointments/AgendaPage';
import { LettersPage } from '../modules/letters/LettersPage';
import { StaffPage } from '../modules/staff/StaffPage';
import { StaffCreatePage } from '../modules/staff/StaffCreatePage';
import { MyStaffPage } from '../modules/staff/MyStaffPage';
import { StaffImportPage } from '../modules/staff/StaffImportPage';
import { StaffDetailPage } from '../modules/staff/StaffDetailPage';
import { SteeringPage } from '../modules/steering/SteeringPage';
import { CpomListPage } from '../modules/cpom/CpomListPage';
import { CpomCreatePage } from '../modules/cpom/CpomCreatePage';
import { CpomDetailPage } from '../modules/cpom/CpomDetailPage';
import { SheetPage } from '../modules/cpom/SheetPage';
import { SheetCreatePage, SheetEditPage } from '../modules/cpom/SheetEditPages';
import { SurveysPage } from '../modules/surveys/SurveysPage';
import { CollaborationPage } from '../modules/collaboration/CollaborationPage';
import { GdprPage } from '../modules/gdpr/GdprPage';
import { AuditTrailPage } from '../modules/gdpr/AuditTrailPage';
import { AdminPage } from '../modules/admin/AdminPage';
import { AccountPage } from '../modules/session/AccountPage';
import { ACCOUNT_PATH } from './paths';

/** The parameters of the path (":id" → params.id), as typed in the address. */
export interface RouteProps {
  params: Readonly<Record<string, string>>;
}

export interface Route {
  path: string;
  /** Label of the entry in the main navigation; none for the pages reached otherwise. */
  label?: string;
  component: ComponentType<RouteProps>;
  /** The page needs one of these bricks (server codes); none: every signed-in user. */
  bricks?: readonly string[];
}

export const routes: readonly Route[] = [
  { path: '/', label: 'Accueil', component: HomePage },
  { path: '/etablissements', label: 'Établissements', component: EstablishmentsPage, bricks: ['establishments'] },
  { path: '/etablissements/nouveau', component: EstablishmentCreatePage, bricks: ['establishments'] },
  { path: '/etablissements/import', component: EstablishmentImportPage, bricks: ['establishments'] },
  { path: '/etablissements/:id', component: EstablishmentDetailPage, bricks: ['establishments'] },
  { path: '/usagers', label: 'Usagers', component: PersonsPage, bricks: ['persons'] },
  { path: '/usagers/nouveau', component: PersonCreatePage, bricks: ['persons'] },
  { path: '/usagers/import', component: PersonsImportPage, bricks: ['persons'] },
  { path: '/usagers/presences', component: AttendancePage, bricks: ['persons'] },
  { path: '/usagers/liste-attente', component: WaitingListPage, bricks: ['persons'] },
  { path: '/usagers/mouvements', component: MovementsPage, bricks: ['persons'] },
  { path: '/usagers/rendez-vous', component: AgendaPage, bricks: ['persons'] },
  { path: '/usagers/courriers', component: LettersPage, bricks: ['persons'] },
  { path: '/usagers/:id', component: PersonRecordPage, bricks: ['persons'] },
  { path: '/personnel', label: 'Personnel', component: StaffPage, bricks: ['hr'] },
  { path: '/personnel/nouveau', component: StaffCreatePage, bricks: ['hr'] },
  { path: '/personnel/import', component: StaffImportPage, bricks: ['hr'] },
  { path: '/personnel/:id', component: StaffDetailPage, bricks: ['hr'] },
  // The CPOM (contract with the funders) is part of steering.
  { path: '/pilotage', label: 'Pilotage', component: SteeringPage, bricks: ['steering', 'cpom'] },
  { path: '/pilotage/cpom', component: CpomListPage, bricks: ['cpom'] },
  { path: '/pilotage/cpom/nouveau', component: CpomCreatePage, bricks: ['cpom'] },
  { path: '/pilotage/cpom/:id', component: CpomDetailPage, bricks: ['cpom'] },
  { path: '/pilotage/cpom/:id/fiches/nouvelle', component: SheetCreatePage, bricks: ['cpom'] },
  { path: '/pilotage/cpom/:id/fiches/:sheet', component: SheetPage, bricks: ['cpom'] },
  { path: '/pilotage/cpom/:id/fiches/:sheet/modifier', component: SheetEditPage, bricks: ['cpom'] },
  { path: '/enquetes', label: 'Enquêtes', component: SurveysPage, bricks: ['surveys'] },
  { path: '/collaboration', label: 'Collaboration', component: CollaborationPage, bricks: ['collaboration'] },
  { path: '/rgpd', label: 'RGPD', component: GdprPage, bricks: ['gdpr'] },
  { path: '/rgpd/trace-des-acces', component: AuditTrailPage, bricks: ['gdpr'] },
  { path: '/administration', label: 'Administration', component: AdminPage, bricks: ['administration'] },
  { path: ACCOUNT_PATH, component: AccountPage },
  // A professional's own staff record (contracts, absences), whatever the role.
  { path: `${ACCOUNT_PATH}/personnel`, component: MyStaffPage },
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The parameters of `path` if it matches `pattern` ("/etablissements/:id"), else null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/');
  const given = path.split('/');
  if (wanted.length !== given.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < wanted.length; i++) {
    const part = wanted[i] as string;
    const value = given[i] as string;
    if (part.startsWith(':')) {
      if (!value) return null;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
}

export function findRoute(path: string): RouteMatch | undefined {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
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
