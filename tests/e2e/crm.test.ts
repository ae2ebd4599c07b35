// The team's daily journeys in the browser: sign in, create and edit a member, import, export, language.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { startHarness, expectAccessible, signIn, submitSignIn, parseMail, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
	h = await startHarness();
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

describe('a cluster team member', () => {
	test('signs in, sees the dashboard, and a wrong password is refused', async () => {
		const page = await h.newPage();
		await page.goto('/login');
		await expectAccessible(page);
		await page.getByLabel('Adresse e-mail').first().fill('admin@grappe.localhost');
		await page.getByLabel('Mot de passe', { exact: true }).fill('not-the-password');
		await page.locator('form[action="?/password"] button[type=submit]').click();
		await expect.poll(() => page.locator('.alert.error').textContent()).toContain('Adresse e-mail ou mot de passe incorrect');

		await signIn(page);
		await expect.poll(() => page.locator('h1').textContent()).toContain('Bonjour');
		expect(await page.locator('.stat').count()).toBeGreaterThanOrEqual(5);
		await expectAccessible(page);
		await page.goto('/app/organizations');
		await expect.poll(() => page.locator('tbody tr').count()).toBe(25);
		await expectAccessible(page);
		await page.context().close();
	});

	test('creates an organization: a bad SIRET is named, then it is saved and edited', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto('/app/organizations/new');
		await expectAccessible(page);
		await page.getByLabel('Raison sociale').fill('Scierie Test des Landes');
		await page.getByLabel('SIRET').fill('123 456 789 00012');
		await page.getByLabel('Code postal').fill('40000');
		await page.getByRole('button', { name: 'Créer' }).click();
		await page.waitForLoadState('networkidle');
		const siretError = page.locator('#siret-error');
		await expect.poll(() => siretError.textContent()).toContain('SIRET invalide');
		expect(await page.getByLabel('Raison sociale').inputValue()).toBe('Scierie Test des Landes');
		await expectAccessible(page);

		// 552 100 554 00013 is a well-formed SIRET (Luhn on SIREN and SIRET).
		await page.getByLabel('SIRET').fill('55210055400013');
		await page.getByLabel('Code NAF (APE)').fill('1610a');
		await page.getByRole('button', { name: 'Créer' }).click();
		await page.waitForURL(/\/app\/organizations\/[0-9a-f-]{36}\?created=1/);
		expect(await page.locator('h1').textContent()).toBe('Scierie Test des Landes');
		const facts = await page.locator('dl.facts').allTextContents();
		expect(facts.join(' ')).toContain('Mont-de-Marsan');
		expect(facts.join(' ')).toContain('16.10A');
		expect(facts.join(' ')).toContain('552100554');
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Modifier' }).first().click();
		await page.getByLabel('Code postal').fill('64100');
		await page.getByLabel('Commune', { exact: true }).fill('');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await page.waitForURL(/saved=1/);
		expect((await page.locator('dl.facts').allTextContents()).join(' ')).toContain('Bayonne');
		// The change is in the history, with who made it.
		const history = await page.locator('section[aria-labelledby="history-title"] tbody').textContent();
		expect(history).toContain('Structure modifiée');
		expect(history).toContain('Mont-de-Marsan → Bayonne');

		// A contact with consent; its date is recorded.
		await page.locator('summary', { hasText: 'Ajouter un contact' }).click();
		await page.locator('#new-firstName').fill('Léa');
		await page.locator('#new-lastName').fill('Dubernet');
		await page.locator('#new-email').fill('lea@scierie-test.fr');
		await page.locator('#new-phone').fill('05 58 00 00 00');
		await page.locator('form[action="?/addPerson"] input[name=consentPublicListing]').check();
		await page.getByRole('button', { name: 'Ajouter un contact' }).click();
		await page.waitForLoadState('networkidle');
		const people = await page.locator('section[aria-labelledby="people-title"] tbody').textContent();
		expect(people).toContain('Léa Dubernet');
		expect(people).toContain('05 58 00 00 00');
		expect(people).toContain('Annuaire');
		await page.context().close();
	});

	test('an import with a bad row imports nothing and names the row; the corrected file imports', async () => {
		const page = await h.newPage();
		await signIn(page);
		const header = 'Raison sociale;SIRET;Code postal;Ville;Effectif;Statut;Date adhésion\r\n';
		const good1 = 'Menuiserie Ézéchiel;;33000;Bordeaux;1 à 9;Adhérent;14/03/2025\r\n';
		const bad = 'Charpente Mauvaise;12345678901234;33000;Bordeaux;10-49;Prospect;\r\n';
		const good2 = 'Charpente Bonne Étoile;;24000;Périgueux;10-49;Prospect;\r\n';
		// As French office software writes it: Windows-1252, ';' separated.
		const badFile = iconv.encode(header + good1 + bad, 'win1252');
		await page.goto('/app/import');
		await expectAccessible(page);
		await page.getByLabel('Fichier à importer').setInputFiles({ name: 'adherents.csv', mimeType: 'text/csv', buffer: badFile });
		await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
		await page.waitForURL(/\/app\/import\/[0-9a-f-]{36}/);
		const alert = await page.locator('.alert.error').first().textContent();
		expect(alert).toContain('1 ligne(s) en erreur');
		const rows = await page.locator('section[aria-labelledby="rows-title"] tbody').textContent();
		expect(rows).toMatch(/Ligne 3.*SIRET/);
		expect(rows).toContain('Menuiserie Ézéchiel');
		expect(await page.getByRole('button', { name: /Importer/ }).isDisabled()).toBe(true);
		await expectAccessible(page);

		// Nothing of the file was saved.
		await page.goto('/app/organizations?q=Ezechiel');
		expect(await page.locator('tbody').textContent()).not.toContain('Ézéchiel');

		await page.goto('/app/import');
		await page.getByLabel('Fichier à importer').setInputFiles({ name: 'adherents.csv', mimeType: 'text/csv', buffer: iconv.encode(header + good1 + good2, 'win1252') });
		await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
		await page.waitForURL(/\/app\/import\/[0-9a-f-]{36}/);
		await page.getByRole('button', { name: /Importer \(2\)/ }).click();
		await page.waitForURL(/\/app\/import\/jobs\//);
		await expect.poll(() => page.locator('.alert.ok').textContent(), { timeout: 30_000 }).toContain('2 créée(s)');
		await expectAccessible(page);
		await page.goto('/app/organizations?q=ezechiel');
		expect(await page.locator('tbody').textContent()).toContain('Menuiserie Ézéchiel');
		await page.context().close();
	});

	test('exports the list as CSV for a French spreadsheet, and as Excel', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto('/app/organizations?status=member');
		const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter (CSV)' }).click()]);
		expect(csv.suggestedFilename()).toMatch(/\.csv$/);
		const body = readFileSync((await csv.path())!);
		expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = body.toString('utf8');
		const lines = text.trim().split(/\r\n/);
		expect(lines[0]).toContain('Raison sociale;');
		const memberCount = Number((await page.locator('.pagination .muted').textContent())!.replace(/\D/g, ''));
		expect(lines.length - 1).toBe(memberCount);
		expect(text).not.toContain('Prospect;');

		const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter (Excel)' }).click()]);
		expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
		const x = readFileSync((await xlsx.path())!);
		expect(x.subarray(0, 2).toString()).toBe('PK');
		await page.context().close();
	});

	test('switches the interface to English and back', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto('/app/organizations');
		expect(await page.locator('h1').textContent()).toBe('Structures');
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForLoadState('networkidle');
		expect(await page.locator('h1').textContent()).toBe('Organizations');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Français' }).click();
		await page.waitForLoadState('networkidle');
		expect(await page.locator('h1').textContent()).toBe('Structures');
		await page.context().close();
	});
});

describe('accounts', () => {
	test('an invited member receives a real email, chooses a password and edits only its own organization', async () => {
		const admin = await h.newPage();
		await signIn(admin);
		await admin.goto('/app/organizations?q=Scierie%20Test');
		await admin.getByRole('link', { name: 'Scierie Test des Landes' }).click();
		await admin.waitForURL(/\/app\/organizations\/[0-9a-f-]{36}$/);
		const orgUrl = admin.url();
		await admin.goto('/app/admin/users');
		await expectAccessible(admin);
		await admin.locator('#inv-name').fill('Léa Dubernet');
		await admin.locator('#inv-email').fill('lea@scierie-test.fr');
		await admin.locator('#inv-role').selectOption('member');
		await admin.locator('#inv-organizationId').selectOption({ label: 'Scierie Test des Landes' });
		await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
		await expect.poll(() => admin.locator('.alert.ok').textContent()).toContain('lea@scierie-test.fr');

		const mail = await parseMail(await h.waitForMail('lea@scierie-test.fr'));
		expect(mail.subject).toBe('Cluster Bois & Bâtiment Nouvelle-Aquitaine vous invite sur son espace');
		expect(mail.text).toContain('vous a ouvert un compte');
		const link = /https?:\/\/[^\s"<>]+\/reset-password\?token=[^\s"<>]+/.exec(mail.text)?.[0];
		expect(link).toBeTruthy();

		const member = await h.newPage();
		await member.goto(link!.replace(/&amp;/g, '&'));
		await expectAccessible(member);
		await member.getByLabel('Nouveau mot de passe').fill('un-mot-de-passe-solide');
		await member.getByLabel('Confirmez le mot de passe').fill('un-mot-de-passe-solide');
		await member.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
		await member.waitForURL(/\/login\?reset=1/);
		await signIn(member, 'lea@scierie-test.fr', 'un-mot-de-passe-solide');

		// The member's space shows its organization, not the CRM.
		expect(await member.locator('nav.sidenav').textContent()).toContain('Ma structure');
		const res = await member.goto('/app/organizations');
		expect(res?.status()).toBe(403);
		await member.goto(orgUrl);
		await member.getByRole('link', { name: 'Modifier' }).first().click();
		await member.getByLabel('Description').fill('Scierie de pin maritime.');
		await member.getByRole('button', { name: 'Enregistrer' }).click();
		await member.waitForURL(/saved=1/);
		expect(await member.locator('main').textContent()).toContain('Scierie de pin maritime.');
		// Another organization is out of reach.
		await admin.goto('/app/organizations?q=Ezechiel');
		const otherUrl = await admin.getByRole('link', { name: 'Menuiserie Ézéchiel' }).getAttribute('href');
		expect((await member.goto(otherUrl!))?.status()).toBe(403);
		await admin.context().close();
		await member.context().close();
	});
});

describe('sign-in by email link', () => {
	test('a team member asks for a link, receives it by email and is signed in by it', async () => {
		const page = await h.newPage();
		// On a slow connection the visitor types before the page's scripts have run: what was
		// typed must survive hydration (it used to be reset to the empty value the server rendered).
		let releaseScripts!: () => void;
		const scriptsHeld = new Promise<void>((r) => (releaseScripts = r));
		await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
			await scriptsHeld;
			await route.continue();
		});
		await page.goto('/login', { waitUntil: 'commit' });
		await page.locator('#magicEmail').fill('team@grappe.localhost');
		releaseScripts();
		await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
		expect(await page.locator('#magicEmail').inputValue()).toBe('team@grappe.localhost');
		await page.unrouteAll();
		await page.getByRole('button', { name: 'Envoyer le lien' }).click();
		await expect.poll(() => page.locator('.alert.ok').textContent()).toContain('team@grappe.localhost');
		const mail = await parseMail(await h.waitForMail('team@grappe.localhost', (m) => m.raw.includes('magic-link')));
		expect(mail.subject).toContain('votre lien de connexion');
		const link = /https?:\/\/[^\s"<>]+\/api\/auth\/magic-link\/verify\?[^\s"<>]+/.exec(mail.text)?.[0];
		expect(link).toBeTruthy();
		await page.goto(link!);
		await page.waitForURL(/\/app$/);
		expect(await page.locator('.topbar .user').textContent()).toContain("Équipe d'animation");
		// A link works once.
		const again = await h.newPage();
		await again.goto(link!);
		expect(again.url()).not.toMatch(/\/app$/);
		await page.context().close();
		await again.context().close();
	});
});

describe('sign-in protection', () => {
	test('repeated wrong passwords for one address are slowed down', async () => {
		const page = await h.newPage();
		let message = '';
		for (let i = 0; i < 7; i++) {
			const r = await submitSignIn(page, 'team@grappe.localhost', `wrong-password-${i}`);
			expect(r.signedIn).toBe(false);
			message = r.message;
			if (i < 5) expect(message).toContain('incorrect');
		}
		expect(message).toContain('Trop de tentatives');
		await page.context().close();
	});
});

describe('every page of the workspace', () => {
	test('passes axe-core and answers in French and English', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto('/app/organizations');
		const orgHref = await page.locator('tbody a').first().getAttribute('href');
		const paths = ['/', '/legal', '/forgot-password', '/app/memberships', '/app/needs', '/app/admin/value-chain', '/app/admin/settings', '/app/admin/outbox', orgHref!, `${orgHref}/edit`, '/app/page-that-does-not-exist'];
		for (const locale of ['fr', 'en']) {
			await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: h.baseURL }]);
			for (const p of paths) {
				await page.goto(p);
				expect(await page.locator('html').getAttribute('lang')).toBe(locale);
				expect(await page.locator('main').count(), p).toBe(1);
				await expectAccessible(page);
			}
		}
		await page.context().close();
	});
});
