// Links between the pages of the persons brick that work on several persons at once.
const LINKS = [
  { path: '/usagers/presences', label: 'Présences' },
  { path: '/usagers/liste-attente', label: "Liste d'attente" },
  { path: '/usagers/mouvements', label: 'Mouvements' },
  { path: '/usagers/rendez-vous', label: 'Rendez-vous' },
  { path: '/usagers/courriers', label: 'Courriers' },
];

export function UsagersLinks({ current }: { current: string }) {
  return (
    <nav class="usagers-links" aria-label="Suivi des usagers">
      <ul>
        {LINKS.map((link) => (
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
