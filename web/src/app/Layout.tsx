import type { ComponentChildren } from 'preact';
import type { Session } from '../api/session';
import { AccountBar } from './AccountBar';
import { MainNav } from './MainNav';
import { focusMainHeading } from './focus';

function skipToContent(event: MouseEvent) {
  event.preventDefault();
  focusMainHeading();
}

interface LayoutProps {
  path: string;
  /** The signed-in user: their name and the sign-out button in the header. */
  session?: Session;
  /** The main navigation (not while the second factor has to be enrolled). */
  showNav?: boolean;
  children: ComponentChildren;
}

export function Layout({ path, session, showNav = false, children }: LayoutProps) {
  return (
    <>
      <a class="skip-link" href="#contenu" onClick={skipToContent}>
        Aller au contenu
      </a>
      <header class="site-header">
        <div class="container site-header__inner">
          <a class="brand" href="/">
            <svg class="brand__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" />
              <path d="M5 12h22M8 12v12M24 12v12M8 24a8 8 0 0 1 16 0" />
            </svg>
            <span class="brand__name">Passerelle</span>
          </a>
          <span class="site-header__tagline">Système d'information social et médico-social</span>
          {session && <AccountBar session={session} />}
        </div>
        {session && showNav && <MainNav path={path} bricks={session.bricks} />}
      </header>
      <main id="contenu" class="container site-main">
        {children}
      </main>
      <footer class="site-footer">
        <div class="container">Passerelle — logiciel libre pour les organismes sociaux et médico-sociaux</div>
      </footer>
    </>
  );
}
