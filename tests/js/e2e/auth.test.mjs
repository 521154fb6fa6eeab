// Accounts and sessions in a real browser, against the real passerelle binary with its demo data:
// sign-in (password, then the second factor), the navigation limited to the role's bricks, "Accès non
// autorisé", sign-out, the TOTP enrolment, "Mon compte", the password-reset link and the DPO's audit trail.
// Every page is watched for console errors, uncaught exceptions and CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonBody, startServer } from '../lib/server.mjs';
import { DEMO_PASSWORD, launchBrowser, submitSignIn, watchPage } from '../lib/browser.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const EDUCATOR = 'educateur@passerelles-rhone.demo';
const DPO = 'dpo@passerelles-rhone.demo';
const DPO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

// Failed API calls that a scenario provokes on purpose: Chromium logs each as a failed resource load.
const failedLoad = (status, path) =>
  new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} .*${path.replace(/[/?]/g, '\\$&')}\\)$`);
const SESSION_401 = failedLoad(401, '/api/v1/session');

// RFC 6238 (TOTP: HMAC-SHA1, 6 digits, 30-second steps) over RFC 4648 Base32.
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not Base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function hotp(key, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

function totp(base32Secret, at = Date.now()) {
  return hotp(base32Decode(base32Secret), Math.floor(at / 1000 / 30));
}

// A code that stays valid for a few seconds more: near the end of a step, wait for the next one.
async function freshTotp(base32Secret) {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 26) await new Promise((ok) => setTimeout(ok, (30 - intoStep + 0.2) * 1000));
  return totp(base32Secret);
}

let server;
let browser;
const watchers = [];

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.base + path;

// A fresh browser context (its own cookie jar) and a watched page in it.
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watcher = await watchPage(page);
  watchers.push(watcher);
  return { context, page, watcher };
}

const nav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
const h1 = (page) => page.locator('main h1');
const alertRegion = (page) => page.locator('main [role="alert"]');
const shot = (page, name) => page.screenshot({ path: join(artifacts, name), fullPage: true });

async function navLabels(page) {
  return (await nav(page).getByRole('link').allTextContents()).map((s) => s.trim());
}

// The organisation administrator through the API (cookie + X-CSRF-Token), for the set-up of a scenario.
async function adminApi() {
  const response = await fetch(url('/api/v1/session'),
    jsonBody({ email: 'admin@passerelles-rhone.demo', password: DEMO_PASSWORD }));
  assert.equal(response.status, 200);
  const cookie = response.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await response.json();
  return async (method, path, body) => {
    const headers = { cookie, 'x-csrf-token': csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path} → ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

test('the TOTP helper follows RFC 6238 (test vector of appendix B, SHA-1)', () => {
  const key = Buffer.from('12345678901234567890');
  assert.equal(hotp(key, Math.floor(59 / 30), 8), '94287082');
  assert.equal(hotp(key, Math.floor(1111111109 / 30), 8), '07081804');
});

test('educator: sign-in by keyboard, then only the bricks of the role, "Accès non autorisé", sign-out', async () => {
  const { context, page, watcher } = await newPage();
  watcher.ignore(SESSION_401);

  // Signed out, a deep link leads to the sign-in page, which remembers it.
  await page.goto(url('/usagers'));
  await page.waitForURL(url('/connexion?retour=%2Fusagers'));
  assert.equal(await h1(page).textContent(), 'Connexion');
  assert.equal(await page.title(), 'Connexion · Passerelle');
  assert.equal(await nav(page).count(), 0, 'no navigation before signing in');
  assert.equal(await page.getByTestId('account-bar').count(), 0);
  const email = page.getByLabel('Adresse électronique');
  const password = page.getByLabel('Mot de passe', { exact: true });
  assert.equal(await email.getAttribute('autocomplete'), 'username');
  assert.equal(await email.getAttribute('type'), 'email');
  assert.equal(await password.getAttribute('autocomplete'), 'current-password');
  assert.equal(await password.getAttribute('type'), 'password');
  await shot(page, 'sign-in.png');

  // Keyboard only: Tab to the address, type, Tab to the password, type, Enter.
  let tabs = 0;
  while (!(await page.evaluate(() => document.activeElement?.id === 'connexion-email'))) {
    assert.ok(++tabs <= 6, 'the address field is reachable with Tab');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type(EDUCATOR);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'connexion-mot-de-passe');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  // Back to the page that was asked for.
  await page.waitForURL(url('/usagers'));
  await page.getByRole('heading', { level: 1, name: 'Usagers' }).waitFor();
  assert.deepEqual(await navLabels(page), ['Accueil', 'Établissements', 'Usagers', 'Enquêtes', 'Collaboration']);
  for (const hidden of ['RGPD', 'Administration', 'Pilotage'])
    assert.equal(await nav(page).getByRole('link', { name: hidden }).count(), 0, `${hidden} is not shown`);
  const bar = page.getByTestId('account-bar');
  assert.match(await bar.textContent(), /Karim Benali/);
  assert.match(await bar.textContent(), /Professionnel éducatif/);
  await nav(page).getByRole('link', { name: 'Accueil' }).click();
  await page.getByRole('heading', { level: 1, name: 'Passerelle' }).waitFor();
  await shot(page, 'educator-home.png');

  // Typed addresses of bricks the role cannot open.
  for (const path of ['/rgpd', '/administration', '/pilotage']) {
    const response = await page.goto(url(path));
    assert.equal(response.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Accès non autorisé' }).waitFor();
    assert.match(await page.locator('main').textContent(), /Votre compte ne donne pas accès à cette page/);
    assert.doesNotMatch(await page.locator('main').textContent(), /en cours de construction|Trace des accès/);
  }
  await shot(page, 'forbidden.png');

  // Sign-out: DELETE /api/v1/session, then the sign-in page; the old cookie no longer works.
  const [oldCookie] = (await context.cookies()).filter((c) => c.name === 'passerelle_session');
  assert.ok(oldCookie, 'the session cookie is set');
  assert.equal(oldCookie.httpOnly, true);
  assert.equal(oldCookie.sameSite, 'Strict');
  const deleted = page.waitForResponse((r) => r.url() === url('/api/v1/session') && r.request().method() === 'DELETE');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  assert.equal((await deleted).status(), 204);
  await page.waitForURL(url('/connexion'));
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  assert.equal(await nav(page).count(), 0);
  assert.equal(await page.getByTestId('account-bar').count(), 0);
  const replay = await fetch(url('/api/v1/session'), { headers: { cookie: `passerelle_session=${oldCookie.value}` } });
  assert.equal(replay.status, 401, 'the revoked session cookie is refused');

  // Back (and back again) never shows the application again.
  for (let i = 0; i < 2; i++) {
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    assert.match(page.url(), /\/connexion(\?|$)/);
    assert.equal(await nav(page).count(), 0);
    assert.equal(await page.getByTestId('account-bar').count(), 0);
    assert.doesNotMatch(await page.locator('main').textContent(), /Karim Benali|Accès non autorisé|Usagers/);
  }
  // A full reload of an application page too.
  await page.goto(url('/usagers'));
  await page.waitForURL(url('/connexion?retour=%2Fusagers'));
  assert.equal(await nav(page).count(), 0);
  watcher.assertClean();
  await context.close();
});

test('wrong password: a French error; inline validation; throttling after 5 failures', async () => {
  const { context, page, watcher } = await newPage();
  watcher.ignore(SESSION_401);
  watcher.ignore(failedLoad(429, '/api/v1/session'));
  await page.goto(url('/connexion'));
  await h1(page).waitFor();

  // Checked in the browser first: nothing is sent.
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Saisissez votre adresse électronique.').waitFor();
  await page.getByText('Saisissez votre mot de passe.').waitFor();
  const email = page.getByLabel('Adresse électronique');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'connexion-email', 'focus on the first error');
  // The message is tied to its field.
  const describedBy = await email.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${describedBy}`).textContent(), /Saisissez votre adresse électronique/);
  await email.fill('infirmiere');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText(/Saisissez une adresse électronique valide/).waitFor();

  // The server's answer, in French, in the alert region.
  await submitSignIn(page, 'infirmiere@passerelles-rhone.demo', 'pas-le-bon-mot-de-passe');
  await alertRegion(page).getByText('Adresse électronique ou mot de passe incorrect.').waitFor();
  assert.equal(await nav(page).count(), 0);
  assert.equal(await page.getByText('Saisissez votre adresse électronique.').count(), 0, 'inline errors cleared');
  await shot(page, 'sign-in-error.png');

  // 5 failures for one address within 15 minutes: refused, even with the right password.
  for (let i = 2; i <= 5; i++) {
    await submitSignIn(page, 'infirmiere@passerelles-rhone.demo', `faux-${i}`);
    await page.waitForResponse((r) => r.url() === url('/api/v1/session') && r.request().method() === 'POST');
  }
  await submitSignIn(page, 'infirmiere@passerelles-rhone.demo', DEMO_PASSWORD);
  await alertRegion(page).getByText(/Trop de tentatives de connexion échouées/).waitFor();
  assert.match(page.url(), /\/connexion$/);
  await shot(page, 'sign-in-throttled.png');
  watcher.assertClean();
  await context.close();
});

test('DPO: password then TOTP code, RGPD → trace des accès with their sign-in, export, integrity', async () => {
  const { context, page, watcher } = await newPage();
  watcher.ignore(SESSION_401);
  await page.goto(url('/'));
  await page.waitForURL(url('/connexion'));
  await submitSignIn(page, DPO);

  // Second step: the 6-digit code, or a recovery code instead.
  const code = page.getByLabel('Code de vérification');
  await code.waitFor();
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  assert.equal(await code.getAttribute('inputmode'), 'numeric');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'connexion-code', 'the focus is on the code');
  assert.equal(await page.getByLabel('Mot de passe', { exact: true }).count(), 0);
  assert.match(await page.locator('main').textContent(), /Compte : dpo@passerelles-rhone\.demo/);
  await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
  await page.getByLabel('Code de secours').waitFor();
  await page.getByRole('button', { name: "Utiliser le code de l'application" }).click();
  await code.waitFor();
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByText('Saisissez le code à 6 chiffres.').waitFor();
  await shot(page, 'second-factor.png');

  await code.fill(await freshTotp(DPO_TOTP_SECRET));
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL(url('/'));
  await page.getByRole('heading', { level: 1, name: 'Passerelle' }).waitFor();
  assert.deepEqual(await navLabels(page), ['Accueil', 'Établissements', 'Usagers', 'RGPD']);
  assert.match(await page.getByTestId('account-bar').textContent(), /Délégué à la protection des données/);

  await nav(page).getByRole('link', { name: 'RGPD' }).click();
  await page.getByRole('heading', { level: 1, name: 'RGPD' }).waitFor();
  await page.getByRole('link', { name: 'Trace des accès' }).click();
  await page.waitForURL(url('/rgpd/trace-des-acces'));
  await page.getByRole('heading', { level: 1, name: 'Trace des accès' }).waitFor();
  assert.equal(await nav(page).getByRole('link', { name: 'RGPD' }).getAttribute('aria-current'), 'true');

  // The table: caption, column headers, and the DPO's own successful sign-in.
  const table = page.getByTestId('audit-table');
  await table.waitFor();
  assert.match(await table.locator('caption').textContent(), /Événements de la trace des accès/);
  assert.deepEqual((await table.locator('thead th').allTextContents()).map((s) => s.trim()),
    ['Date', 'Compte', 'Rôle', 'Action', 'Résultat', 'Objet']);
  assert.deepEqual(await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('scope'))),
    Array(6).fill('col'));
  const ownSignIn = table.locator('tbody tr')
    .filter({ hasText: DPO }).filter({ hasText: 'Connexion' }).filter({ hasText: 'Réussite' });
  assert.ok(await ownSignIn.count() >= 1, 'the DPO sees their own sign-in');
  assert.match(await ownSignIn.first().textContent(), /Délégué à la protection des données/);
  // The educator's sign-in and the refused attempts of the other tests are there too.
  assert.ok(await table.locator('tbody tr').filter({ hasText: 'Échec' }).count() >= 1);

  // Filters: the DPO's account, sign-ins only.
  const account = (await ownSignIn.first().textContent()).match(/\(n° (\d+)\)/)[1];
  await page.getByLabel('Compte (identifiant)').fill(account);
  await page.getByLabel('Action').selectOption({ label: 'Connexion' });
  const filtered = page.waitForResponse((r) => r.url().startsWith(url('/api/v1/audit?')));
  await page.getByRole('button', { name: 'Rechercher' }).click();
  assert.match((await filtered).url(), new RegExp(`account=${account}&action=sign_in`));
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid="audit-table"] tbody tr')];
    return rows.length > 0 && rows.every((row) => row.textContent.includes('dpo@passerelles-rhone.demo'));
  });
  assert.ok(await table.locator('tbody tr').filter({ hasText: 'Code de vérification incorrect' }).count() === 0);

  // The CSV export carries the same filters.
  const exportLink = page.getByRole('link', { name: 'Exporter (CSV)' });
  assert.equal(await exportLink.getAttribute('href'), `/api/v1/audit/export?account=${account}&action=sign_in`);
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  assert.equal(download.suggestedFilename(), 'trace-des-acces.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFid;horodatage;compte;'), csv.slice(0, 80));
  const lines = csv.trim().split('\r\n').slice(1);
  assert.ok(lines.length >= 1);
  for (const line of lines) assert.match(line, /"dpo@passerelles-rhone\.demo";"[a-z_]*";1;;"sign_in"/);

  // Dates: an inverted period is caught before anything is sent.
  await page.getByLabel('Du').fill('2026-03-10');
  await page.getByLabel('Au (inclus)').fill('2026-03-01');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByText('La date de fin précède la date de début.').waitFor();
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  assert.equal(await page.getByLabel('Compte (identifiant)').inputValue(), '');

  // Integrity of the hash chain.
  await page.getByRole('button', { name: "Vérifier l'intégrité" }).click();
  await page.getByTestId('audit-integrity').getByText(/La trace est intacte : \d+ événements vérifiés/).waitFor();
  await shot(page, 'audit-trail.png');

  // More events than a page (each reading of the trail is itself an event): "Page suivante" uses the cursor.
  for (let i = 0; i < 55; i++) assert.equal((await page.request.get(url('/api/v1/audit?limit=1'))).status(), 200);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('button', { name: 'Page suivante' }).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 50);
  const firstId = await table.locator('tbody tr').first().getAttribute('data-event-id');
  const next = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('cursor='));
  await page.getByRole('button', { name: 'Page suivante' }).click();
  await next;
  await page.locator('caption', { hasText: 'page 2' }).waitFor();
  assert.ok(Number(await table.locator('tbody tr').first().getAttribute('data-event-id')) > Number(firstId));
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'region', 'focus on the table');
  await page.getByRole('button', { name: 'Page précédente' }).click();
  await page.locator('caption', { hasText: 'page 1' }).waitFor();
  assert.equal(await table.locator('tbody tr').first().getAttribute('data-event-id'), firstId);

  // The session ends behind the page's back (here: the cookie is gone): the next call gets a 401 and the
  // sign-in page comes back, remembering the page, with the reason.
  watcher.ignore(failedLoad(401, '/api/v1/audit?limit=50'));
  await context.clearCookies();
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL(url('/connexion?retour=%2Frgpd%2Ftrace-des-acces'));
  await page.getByRole('status').getByText('Votre session a pris fin. Reconnectez-vous pour continuer.').waitFor();
  assert.equal(await nav(page).count(), 0);
  assert.equal(await page.getByTestId('audit-table').count(), 0);
  watcher.assertClean();
  await context.close();
});

test('second factor required but not enrolled: only the enrolment page, QR code, recovery codes', async () => {
  // The organisation requires the second factor for secretaries too.
  const admin = await adminApi();
  await admin('PUT', '/api/v1/second-factor-rules', { roles: ['data_protection_officer', 'secretary'] });

  const { context, page, watcher } = await newPage();
  watcher.ignore(SESSION_401);
  watcher.ignore(failedLoad(422, '/api/v1/session/totp/confirm'));
  await page.goto(url('/usagers'));
  await submitSignIn(page, 'secretaire@passerelles-rhone.demo');
  await page.getByRole('heading', { level: 1, name: 'Activez la double authentification' }).waitFor();
  assert.equal(await nav(page).count(), 0, 'nothing else until the second factor is enrolled');
  await page.getByTestId('account-bar').getByRole('button', { name: 'Se déconnecter' }).waitFor();

  // The QR code is an image (a data: URL of the SVG document), never markup of the page.
  const qr = page.getByRole('img', { name: "Code QR à scanner avec votre application d'authentification" });
  await qr.waitFor();
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml;base64,/);
  await page.waitForFunction(() => document.querySelector('img.qr-code')?.naturalWidth > 0);
  assert.equal(await page.locator('main svg').count(), 0);
  const secret = (await page.getByTestId('totp-secret').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await shot(page, 'enrolment.png');

  const code = page.getByLabel('Code de vérification');
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  const wrong = String((Number(totp(secret)) + 500000) % 1000000).padStart(6, '0');
  await code.fill(wrong);
  await page.getByRole('button', { name: 'Activer' }).click();
  await alertRegion(page).getByText(/Le champ « code » est invalide/).waitFor();
  await page.locator('.field__error', { hasText: 'Code incorrect ou expiré' }).waitFor();

  await code.fill(await freshTotp(secret));
  await page.getByRole('button', { name: 'Activer' }).click();
  await page.getByRole('heading', { level: 2, name: 'Vos codes de secours' }).waitFor();
  const codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((s) => s.trim());
  assert.equal(codes.length, 10);
  for (const c of codes) assert.match(c, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.match(await page.locator('main').textContent(), /Ils ne seront plus jamais affichés/);
  const proceed = page.getByRole('button', { name: 'Continuer vers Passerelle' });
  assert.equal(await proceed.isDisabled(), true, 'the codes must be acknowledged first');
  await shot(page, 'recovery-codes.png');
  await page.getByLabel("J'ai conservé mes codes de secours en lieu sûr.").check();
  await proceed.click();

  // The application, with the secretary's bricks.
  await nav(page).waitFor();
  assert.deepEqual(await navLabels(page), ['Accueil', 'Établissements', 'Usagers', 'Collaboration']);
  await page.getByRole('heading', { level: 1, name: 'Usagers' }).waitFor();

  // Next time: password, then a recovery code instead of the application's code.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(url('/connexion'));
  await submitSignIn(page, 'secretaire@passerelles-rhone.demo');
  await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
  await page.getByLabel('Code de secours').fill(codes[0].toLowerCase());
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL(url('/'));
  await nav(page).getByRole('link', { name: 'Usagers' }).waitFor();
  watcher.assertClean();
  await context.close();
});

test('"Mon compte": password change with errors by field, then sign-in with the new password', async () => {
  const { context, page, watcher } = await newPage();
  watcher.ignore(SESSION_401);
  watcher.ignore(failedLoad(422, '/api/v1/session/password'));
  const email = 'cheffe.service@passerelles-rhone.demo';
  const newPassword = 'Nouvelle-Phrase-Secrete-2026';
  await page.goto(url('/'));
  await submitSignIn(page, email);
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await page.waitForURL(url('/mon-compte'));
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
  assert.match(await page.locator('main').textContent(), /Sophie Laurent/);
  assert.equal(await page.getByLabel('Mot de passe actuel').getAttribute('autocomplete'), 'current-password');
  assert.equal(await page.getByLabel('Nouveau mot de passe', { exact: true }).getAttribute('autocomplete'), 'new-password');

  const submit = page.getByRole('button', { name: 'Changer le mot de passe' });
  await submit.click();
  await page.getByText('Saisissez votre mot de passe actuel.').waitFor();
  await page.getByText('Saisissez le nouveau mot de passe.').waitFor();
  await page.getByText('Saisissez à nouveau le nouveau mot de passe.').waitFor();

  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('trop-court');
  await page.getByLabel('Confirmation du nouveau mot de passe').fill('autre-chose');
  await submit.click();
  await page.getByText('Le mot de passe doit contenir au moins 12 caractères.').waitFor();
  await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();

  // The server's errors, shown on their fields.
  await page.getByLabel('Mot de passe actuel').fill('pas-le-mot-de-passe-actuel');
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirmation du nouveau mot de passe').fill(newPassword);
  await submit.click();
  const current = page.locator('.field', { has: page.getByLabel('Mot de passe actuel') });
  await current.getByText('Mot de passe actuel incorrect').waitFor();
  await alertRegion(page).getByText(/Le mot de passe n'a pas été modifié/).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'compte-mot-de-passe-actuel');

  await page.getByLabel('Mot de passe actuel').fill(DEMO_PASSWORD);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('cheffe.service-2026-bis');
  await page.getByLabel('Confirmation du nouveau mot de passe').fill('cheffe.service-2026-bis');
  await submit.click();
  const next = page.locator('.field', { has: page.getByLabel('Nouveau mot de passe', { exact: true }) });
  await next.locator('.field__error').waitFor();
  assert.equal(await current.locator('.field__error').count(), 0);
  await shot(page, 'account.png');

  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirmation du nouveau mot de passe').fill(newPassword);
  await submit.click();
  // Every session is closed: sign in again, with the new password.
  await page.waitForURL(url('/connexion'));
  await page.getByRole('status').getByText(/Votre mot de passe a été modifié/).waitFor();
  await submitSignIn(page, email, newPassword);
  await page.waitForURL(url('/'));
  await page.getByTestId('account-bar').getByText('Sophie Laurent').waitFor();
  watcher.assertClean();
  await context.close();
});

test('password-reset link: new password, then sign-in; the link works once', async () => {
  const admin = await adminApi();
  const { items } = await admin('GET', '/api/v1/accounts?limit=100');
  const quality = items.find((a) => a.email === 'qualite@passerelles-rhone.demo');
  const reset = await admin('POST', `/api/v1/accounts/${quality.id}/password-reset`);
  assert.match(reset.path, /^\/reinitialiser-mot-de-passe\?jeton=/);

  const { context, page, watcher } = await newPage();
  watcher.ignore(SESSION_401);
  watcher.ignore(failedLoad(422, '/api/v1/password-reset'));
  await page.goto(url(reset.path));
  await page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' }).waitFor();
  assert.equal(await nav(page).count(), 0);
  const password = page.getByLabel('Nouveau mot de passe', { exact: true });
  const confirmation = page.getByLabel('Confirmation du nouveau mot de passe');
  assert.equal(await password.getAttribute('autocomplete'), 'new-password');
  await password.fill('Trois-Pommes-Avril-2026');
  await confirmation.fill('Trois-Pommes-Avril-2025');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
  await shot(page, 'password-reset.png');
  await confirmation.fill('Trois-Pommes-Avril-2026');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mot de passe enregistré' }).waitFor();
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await page.waitForURL(url('/connexion'));
  await submitSignIn(page, 'qualite@passerelles-rhone.demo', 'Trois-Pommes-Avril-2026');
  await page.waitForURL(url('/'));
  await page.getByTestId('account-bar').getByText('Marc Lefèvre').waitFor();

  // The same link again: refused, in French.
  await page.goto(url(reset.path));
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Encore-Une-Autre-Phrase-2026');
  await page.getByLabel('Confirmation du nouveau mot de passe').fill('Encore-Une-Autre-Phrase-2026');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await alertRegion(page).getByText(/invalide, expiré ou déjà utilisé/).waitFor();
  // Without a token at all.
  await page.goto(url('/reinitialiser-mot-de-passe'));
  await alertRegion(page).getByText(/invalide, expiré ou déjà utilisé/).waitFor();
  watcher.assertClean();
  await context.close();
});

test('no console error, uncaught exception or CSP violation in any of the scenarios', () => {
  assert.ok(watchers.length >= 5);
  for (const watcher of watchers) watcher.assertClean();
});
