import { routes } from './routes';

export function MainNav({ path }: { path: string }) {
  return (
    <nav class="main-nav" aria-label="Navigation principale">
      <ul class="container main-nav__list">
        {routes.map((route) => (
          <li key={route.path}>
            <a
              class="main-nav__link"
              href={route.path}
              aria-current={route.path === path ? 'page' : undefined}
            >
              {route.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
