import { navigationFor, sectionOf } from './routes';

export function MainNav({ path, bricks }: { path: string; bricks: readonly string[] }) {
  const section = sectionOf(path);
  return (
    <nav class="main-nav" aria-label="Navigation principale">
      <ul class="container main-nav__list">
        {navigationFor(bricks).map((route) => (
          <li key={route.path}>
            <a
              class="main-nav__link"
              href={route.path}
              aria-current={route.path === path ? 'page' : route.path === section ? 'true' : undefined}
            >
              {route.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
