// The pages of the application, one per brick, in the order of the main navigation.
import type { ComponentType } from 'preact';
import { HomePage } from '../home/HomePage';
import { EstablishmentsPage } from '../modules/establishments/EstablishmentsPage';
import { PersonsPage } from '../modules/persons/PersonsPage';
import { SteeringPage } from '../modules/steering/SteeringPage';
import { SurveysPage } from '../modules/surveys/SurveysPage';
import { CollaborationPage } from '../modules/collaboration/CollaborationPage';
import { GdprPage } from '../modules/gdpr/GdprPage';
import { AdminPage } from '../modules/admin/AdminPage';

export interface Route {
  path: string;
  /** Label of the entry in the main navigation. */
  label: string;
  component: ComponentType;
}

export const routes: readonly Route[] = [
  { path: '/', label: 'Accueil', component: HomePage },
  { path: '/etablissements', label: 'Établissements', component: EstablishmentsPage },
  { path: '/usagers', label: 'Usagers', component: PersonsPage },
  { path: '/pilotage', label: 'Pilotage', component: SteeringPage },
  { path: '/enquetes', label: 'Enquêtes', component: SurveysPage },
  { path: '/collaboration', label: 'Collaboration', component: CollaborationPage },
  { path: '/rgpd', label: 'RGPD', component: GdprPage },
  { path: '/administration', label: 'Administration', component: AdminPage },
];

export function findRoute(path: string): Route | undefined {
  return routes.find((route) => route.path === path);
}
