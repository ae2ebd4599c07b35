// The job board in the browser: a member posts an offer, the team moderates it (with the keyboard) and
// the member is e-mailed; a visitor without JavaScript finds it by a French search and reads its page,
// whose JobPosting JSON-LD is complete; the board's feeds list it. axe-core on every page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, expectAccessible, signIn, parseMail, type Harness } from './harness';

let h: Harness;
const MEMBER = { email: 'member@grappe.localhost', password: 'grappe-demo-2026' };
const TITLE = 'Charpentière navale (bateaux en bois)';
let offerUrl = '';
let slug = '';

beforeAll(async () => {
	h = await startHarness();
}, 180_000);
afterAll(async () => {
	await h?.stop();
});

describe('job board', () => {
	test('a member posts an offer; wrong fields are named and what was typed stays', async () => {
		const page = await h.newPage();
		await signIn(page, MEMBER.email, MEMBER.password);
		await page.goto('/app/jobs');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Nouvelle offre' }).click();
		await page.waitForURL(/\/app\/jobs\/new/);
		await expectAccessible(page);
		await page.getByLabel('Intitulé du poste').fill(TITLE);
		await page.getByLabel('Description du poste').fill('Trop court');
		await page.getByLabel('Commune du poste').fill('Arcachon');
		await page.getByLabel('Type de contrat').selectOption('permanent');
		await page.getByLabel('Salaire brut minimum (€)').fill('2 400');
		await page.getByLabel('Salaire brut maximum (€)').fill('2 100');
		await page.getByLabel('Période du salaire').selectOption('month');
		await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
		await expect.poll(() => page.locator('#description-error').textContent()).toContain('30 caractères');
		expect(await page.locator('#salaryMax-error').textContent()).toContain('inférieur au minimum');
		expect(await page.getByLabel('Intitulé du poste').inputValue()).toBe(TITLE);
		await expectAccessible(page);

		await page.getByLabel('Description du poste').fill(
			"Construction et restauration de bateaux en bois dans notre chantier naval du bassin d'Arcachon : bordages, membrures, ponts en teck.\n\nCAP charpentier ou charpentier de marine."
		);
		await page.getByLabel('Salaire brut maximum (€)').fill('2 800');
		await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
		await page.waitForURL(/\/app\/jobs\/[0-9a-f-]{36}\?done=pending/);
		expect(await page.locator('.alert.ok').textContent()).toContain('envoyée à la modération');
		offerUrl = new URL(page.url()).pathname;
		await expectAccessible(page);
		// Not on the public board yet.
		const board = await (await fetch(`${h.baseURL}/jobs?q=navale`)).text();
		expect(board).not.toContain(TITLE.replace(/[()]/g, ''));
		await page.context().close();
	}, 180_000);

	test('the team publishes it from the queue with the keyboard; the member is e-mailed', async () => {
		expect(offerUrl).not.toBe('');
		const page = await h.newPage();
		await signIn(page);
		await page.goto('/app/jobs?status=pending');
		await expectAccessible(page);
		await page.getByRole('link', { name: TITLE }).click();
		await page.waitForURL(offerUrl);
		await expectAccessible(page);
		// Keyboard only: from the reason field, Tab to "Publier" and press Enter.
		await page.getByLabel("Motif du refus (envoyé à l'adhérent)").focus();
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Publier');
		await page.keyboard.press('Enter');
		await page.waitForURL(/done=published/);
		expect(await page.locator('.alert.ok').textContent()).toContain('Offre publiée');
		let published: { subject: string; text: string } | undefined;
		for (let i = 0; i < 100 && !published; i++) {
			for (const m of h.mails.filter((x) => x.to.includes(MEMBER.email))) {
				const p = await parseMail(m);
				if (p.subject.includes('est en ligne')) published = p;
			}
			if (!published) await new Promise((r) => setTimeout(r, 200));
		}
		expect(published?.subject).toContain(TITLE);
		expect(published?.text).toContain('visible sur le site emploi');
		await page.context().close();
	}, 180_000);

	test('a visitor without JavaScript finds it by a French search; its page has complete JSON-LD; the feeds list it', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		const page = await context.newPage();
		// (axe needs JavaScript: the same pages are checked with it at the end.)
		await page.goto('/jobs');
		// "charpentier naval" finds "Charpentière navale": French stems, accents and gender ignored.
		await page.getByLabel('Métier, compétence, mot-clé').fill('charpentier naval');
		await page.getByLabel('Près de la commune').fill('La Teste-de-Buch');
		await page.getByRole('button', { name: 'Rechercher' }).click();
		await page.waitForURL(/\/jobs\?q=charpentier\+naval/);
		const searchUrl = new URL(page.url()).pathname + new URL(page.url()).search;
		const link = page.getByRole('link', { name: TITLE });
		expect(await link.count()).toBe(1);
		expect(await page.locator('.jb-org').first().textContent()).toMatch(/à \d+ km/);
		await link.click();
		await page.waitForURL(/\/jobs\/charpentiere-navale/);
		slug = new URL(page.url()).pathname.split('/').pop()!;
		expect(await page.locator('h1').textContent()).toBe(TITLE);
		expect(await page.locator('#apply h2').textContent()).toBe('Postuler');

		const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
		expect(ld['@type']).toBe('JobPosting');
		for (const p of ['title', 'description', 'datePosted', 'validThrough', 'employmentType', 'hiringOrganization', 'jobLocation', 'baseSalary', 'identifier', 'directApply'])
			expect(ld, p).toHaveProperty(p);
		expect(ld.title).toBe(TITLE);
		expect(ld.employmentType).toEqual(['FULL_TIME']);
		expect(ld.jobLocation.address).toMatchObject({ '@type': 'PostalAddress', addressLocality: 'Arcachon', postalCode: '33120', addressRegion: 'Nouvelle-Aquitaine', addressCountry: 'FR' });
		expect(ld.baseSalary).toEqual({ '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: 2400, maxValue: 2800, unitText: 'MONTH' } });
		expect(ld.hiringOrganization['@type']).toBe('Organization');
		expect(new Date(ld.validThrough).getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);

		await context.close();

		// With JavaScript: axe on the same pages, and the feeds the board links parse as XML (the
		// browser's strict parser) and carry the offer.
		const js = await h.newPage();
		await js.goto(searchUrl);
		await expectAccessible(js);
		await js.goto(`/jobs/${slug}`);
		await expectAccessible(js);
		const page2 = js;
		await page2.goto('/jobs?q=naval');
		const feeds = await page2.locator('link[rel="alternate"]').evaluateAll((els) => els.map((e) => [e.getAttribute('type'), e.getAttribute('href')]));
		expect(feeds).toEqual([
			['application/rss+xml', '/jobs/feed.xml?q=naval'],
			['application/atom+xml', '/jobs/atom.xml?q=naval']
		]);
		for (const [type, href] of feeds) {
			const xml = await (await fetch(h.baseURL + href)).text();
			const links = await page2.evaluate(
				([x, t]) => {
					const doc = new DOMParser().parseFromString(x!, 'application/xml');
					if (doc.querySelector('parsererror')) return null;
					return t === 'application/rss+xml'
						? [...doc.querySelectorAll('item > link')].map((l) => l.textContent)
						: [...doc.querySelectorAll('entry > link')].map((l) => l.getAttribute('href'));
				},
				[xml, type]
			);
			expect(links, href!).toEqual([`${h.baseURL}/jobs/${slug}`]);
		}
		// The public API returns it too (the board's search as JSON).
		const api = await (await fetch(`${h.baseURL}/api/v1/jobs?q=charpentier+naval`)).json();
		expect(api.items.map((i: { slug: string }) => i.slug)).toEqual([slug]);
		expect(api.items[0]).toMatchObject({ title: TITLE, contract_kind: 'permanent', salary_min_cents: 240_000, url: `${h.baseURL}/jobs/${slug}` });
		// And the sitemap.
		expect(await (await fetch(`${h.baseURL}/sitemap.xml`)).text()).toContain(`/jobs/${slug}</loc>`);
		await js.context().close();
	}, 180_000);
});
