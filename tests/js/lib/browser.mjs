// Browser tests drive the system's Chromium (Debian's /usr/bin/chromium) through playwright-core:
// no browser is downloaded. PASSERELLE_CHROMIUM overrides the executable.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.PASSERELLE_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox', // needed when running as root (containers, CI)
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--metrics-recording-only',
      '--password-store=basic',
      ...(options.args ?? []),
    ],
    ...(options.launch ?? {}),
  });
}

// Collects what must not happen on a page: console errors (CSP violations are reported there as
// "Refused to ..."), uncaught exceptions, and securitypolicyviolation events seen by the document.
// ignore(re) tolerates the problems that match re (e.g. the 404 of a page that is expected not to exist).
export async function watchPage(page) {
  const problems = [];
  const ignored = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()} (${message.location().url || page.url()})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message} (${page.url()})`));
  page.on('crash', () => problems.push(`page crashed (${page.url()})`));
  // Reported by the page itself too, so a violation that the console would not show is still caught.
  await page.exposeBinding('__passerelleCspViolation', (_source, text) => problems.push(`CSP violation: ${text}`));
  // Playwright injects init scripts through the DevTools protocol: the page's CSP does not block them.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile || document.URL}:${event.lineNumber}`;
      if (typeof window.__passerelleCspViolation === 'function') window.__passerelleCspViolation(report);
    });
  });
  const unexpected = () => problems.filter((p) => !ignored.some((re) => re.test(p)));
  return {
    problems,
    ignore(re) { ignored.push(re); },
    unexpected,
    /** Throws if anything that is not ignored was collected, listing it. */
    assertClean() {
      const found = unexpected();
      if (found.length > 0) throw new Error(`the page reported ${found.length} problem(s):\n${found.join('\n')}`);
    },
  };
}

// Demo accounts (server started with startServer({ demo: true })): one password for all of them.
export const DEMO_PASSWORD = 'Passerelle-Demo-2026';

// A 401 is how GET /api/v1/session says "nobody is signed in": Chromium logs it as a failed resource load.
export const ANONYMOUS_SESSION_CHECK = /^console error: Failed to load resource: the server responded with a status of 401 \(Unauthorized\) \(.*\/api\/v1\/session\)$/;

// Fills the sign-in page (the page must show it) and submits; resolves once the sign-in page is gone,
// unless options.expectSecondStep (the code step is then expected instead).
export async function submitSignIn(page, email, password = DEMO_PASSWORD) {
  const main = page.locator('main');
  await main.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  await main.getByLabel('Adresse électronique').fill(email);
  await main.getByLabel('Mot de passe', { exact: true }).fill(password);
  await main.getByRole('button', { name: 'Se connecter' }).click();
}

// Opens `path` signed out, signs in with a password only account and waits for `path` to be shown.
export async function signIn(page, base, email, { path = '/', password = DEMO_PASSWORD } = {}) {
  await page.goto(base + path);
  await submitSignIn(page, email, password);
  await page.waitForURL(base + path);
  await page.getByTestId('account-bar').waitFor();
}
