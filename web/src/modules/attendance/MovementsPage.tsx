import type { RouteProps } from '../../app/routes';
import { BrickPage } from '../../ui/BrickPage';

export function MovementsPage(_props: RouteProps) {
  return <BrickPage title="Usagers" summary="Page en préparation." />;
}
