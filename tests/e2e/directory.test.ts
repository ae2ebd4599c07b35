// The public face of the cluster in the browser: the directory (with and without JavaScript), a
// member's page and its contact form, the map, the supply chain, and a member editing its own page.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, expectAccessible, signIn, parseMail, type Harness } from './harness';

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

describe('someone looking for a company', () => {
	test('searches in French without JavaScript, refines by a facet, and opens a page', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		const page = await context.newPage();
		// (axe needs JavaScript: the same pages are checked with it in the next tests.)
		await page.goto('/directory');
		// Plural, no accent: "charpentes" finds the carpenters.
		await page.getByLabel('Rechercher', { exact: true }).fill('charpentes');
		await page.getByRole('button', { name: 'Rechercher' }).click();
		await page.waitForURL(/q=charpentes/);
		const names = await page.locator('.dir-card h3').allTextContents();
		expect(names.length).toBeGreaterThan(2);
		expect(names.some((n) => /Charpent/i.test(n))).toBe(true);
		// Tick a département facet and apply: the URL carries the state.
		const facet = page.locator('fieldset.dir-facet', { hasText: 'Département' }).locator('input[type=checkbox]').first();
		const code = await facet.getAttribute('value');
		await facet.check();
		await page.getByRole('button', { name: 'Appliquer' }).first().click();
		await page.waitForURL(new RegExp(`departement=${code}`));
		const total = await page.locator('#dir-results-title').textContent();
		expect(total).toMatch(/\d+ résultat/);
		// A trade near a town.
		await page.goto('/directory?q=bois&commune=Bordeaux&radius_km=50');
		expect(await page.locator('#dir-results-title').textContent()).toContain('autour de Bordeaux');
		await page.locator('.dir-card h3 a').first().click();
		await page.waitForURL(/\/members\//);
		const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
		expect(jsonLd['@type']).toBe('Organization');
		expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(jsonLd.name);
		await context.close();
	});

	test('writes to a company through its page, and the company gets the email', async () => {
		const page = await h.newPage();
		const api = await (await fetch(`${h.baseURL}/api/v1/directory?q=scierie&per_page=1`)).json();
		expect(api.total).toBeGreaterThan(0);
		expect(api.items[0]).toMatchObject({ slug: expect.any(String), url: expect.stringContaining('/members/') });
		await page.goto(`/members/${api.items[0].slug}`);
		await expectAccessible(page);
		await page.getByLabel('Votre nom').fill('Paul Mercier');
		await page.getByLabel('Votre adresse e-mail').fill('paul@promoteur.example');
		await page.getByLabel('Votre message').fill('court');
		// Spam guard: a human spends a few seconds on the form.
		await page.waitForTimeout(2600);
		await page.getByRole('button', { name: 'Envoyer' }).click();
		await expect.poll(() => page.locator('#c-message-error').textContent()).toContain('trop court');
		await page.getByLabel('Votre message').fill('Bonjour, nous cherchons du pin maritime pour un chantier de 40 logements à Pessac.');
		await page.getByRole('button', { name: 'Envoyer' }).click();
		await expect.poll(() => page.locator('.alert.success').textContent()).toContain('transmis');
		let text = '';
		await expect
			.poll(async () => {
				for (const m of h.mails) {
					const parsed = await parseMail(m);
					if (parsed.text.includes('40 logements')) text = parsed.text;
				}
				return text;
			}, { timeout: 15_000 })
			.toContain('Paul Mercier');
		await expectAccessible(page);
		await page.context().close();
	});

	test('sees the map and the supply chain, and a map area leads to its members', async () => {
		const page = await h.newPage();
		await page.goto('/directory?q=charpentes&departement=40');
		await expectAccessible(page);
		await page.goto('/directory/map');
		await expectAccessible(page);
		const area = page.locator('svg a[href^="/directory?"]').first();
		const href = await area.getAttribute('href');
		expect(href).toMatch(/departement=/);
		await page.goto(href!);
		expect(Number((await page.locator('#dir-results-title').textContent())!.match(/\d+/)![0])).toBeGreaterThan(0);
		await page.goto('/directory/map?level=region&points=1');
		expect(await page.locator('svg a[href^="/directory?"]').count()).toBeGreaterThan(0);
		await page.goto('/supply-chain');
		await expectAccessible(page);
		expect(await page.locator('svg path').count()).toBeGreaterThan(0);
		await page.goto('/embed/directory?q=bois');
		await expectAccessible(page);
		await page.context().close();
	});
});

describe('a member company', () => {
	test('edits its own page, which goes public at once', async () => {
		const page = await h.newPage();
		await signIn(page, 'member@grappe.localhost', 'grappe-demo-2026');
		await page.goto('/app/showcase');
		await page.waitForURL(/\/app\/organizations\/[0-9a-f-]{36}\/showcase/);
		// Let the page hydrate first: hydration would reset a field typed into before it.
		await page.waitForLoadState('networkidle');
		await expectAccessible(page);
		const portrait = page.getByLabel("Portrait de l'entreprise");
		await portrait.fill('Nous débardons au cheval de trait dans les forêts du Médoc.');
		await expect.poll(() => portrait.inputValue()).toContain('cheval de trait');
		await page.getByRole('button', { name: 'Enregistrer et publier' }).click();
		// The form posts in the background (enhanced): wait for the directory to have it.
		let found = { total: 0, items: [] as { url: string }[] };
		await expect
			.poll(async () => {
				found = await (await fetch(`${h.baseURL}/api/v1/directory?q=debardage+cheval`)).json();
				return found.total;
			}, { timeout: 15_000 })
			.toBe(1);
		await page.goto(new URL(found.items[0].url).pathname);
		expect(await page.locator('.showcase').textContent()).toContain('cheval de trait');
		await page.context().close();
	});
});
