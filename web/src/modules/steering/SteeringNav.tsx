// The pages of the steering brick: the dashboards and the CPOM (contracts with the funders, their action
// sheets), each shown to the accounts whose bricks include it.
import { useSession } from '../../app/SessionContext';

const LINKS = [
  { path: '/pilotage', label: 'Tableaux de bord', brick: 'steering' },
  { path: '/pilotage/cpom', label: 'CPOM', brick: 'cpom' },
];

export function SteeringNav({ current }: { current: string }) {
  const { session } = useSession();
  const links = LINKS.filter((link) => session.bricks.includes(link.brick));
  if (links.length < 2) return null;
  return (
    <nav class="steering-nav" aria-label="Pilotage">
      <ul>
        {links.map((link) => (
          <li key={link.path}>
            <a href={link.path} aria-current={link.path === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
