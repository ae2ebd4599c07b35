// Barometers and HR diagnostics in the browser: the team starts a barometer from the template (in
// English) and the next edition with the keyboard, and reads the demo's 2025 vs 2026 comparison; runs an
// HR diagnostic for a member company, is told which answers are missing, sees the scores and builds the
// action plan; the demo member account finds its own plan from the menu, changes the status of its own
// action and cannot open another company's plan. axe on each page.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, expectAccessible, signIn, DEMO_ADMIN, type Harness } from './harness';

let h: Harness;
const TEAM = { email: 'team@grappe.localhost', password: DEMO_ADMIN.password };
const MEMBER = { email: 'member@grappe.localhost', password: DEMO_ADMIN.password };
const REQUIRED = 'Cette question demande une réponse.';

beforeAll(async () => {
	h = await startHarness();
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

describe('the team', () => {
	test('creates a barometer from the template, starts the next edition with the keyboard and reads the demo’s 2025 vs 2026 comparison', async () => {
		const page = await h.newPage();
		await signIn(page, TEAM.email, TEAM.password);
		await page.goto('/app/surveys/templates');
		await expectAccessible(page);
		const card = page.locator('section', { has: page.getByRole('heading', { name: /^Baromètre des besoins en recrutement/ }) });
		await card.getByLabel('Titre').fill('Baromètre e2e');
		await card.getByLabel("Année de l'édition").fill('2030');
		await card.getByLabel('Langue des questions').selectOption('en');
		await card.getByRole('button', { name: 'Lancer le baromètre' }).click();
		await page.waitForURL(/\/app\/surveys\/barometers\/[^/]+$/);
		const seriesUrl = page.url();
		expect(await page.locator('h1').textContent()).toBe('Baromètre e2e');
		expect(await page.locator('#editions + .table-wrap tbody tr').count()).toBe(1);
		await expectAccessible(page);
		// The next edition with the keyboard only: focus the year, type, Enter.
		const year = page.getByLabel("Année de l'édition");
		await year.focus();
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.type('2031');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/app\/surveys\/[0-9a-f-]{36}$/);
		await page.goto(seriesUrl);
		expect(await page.locator('#editions + .table-wrap tbody th').allTextContents()).toEqual([expect.stringContaining('2030'), expect.stringContaining('2031')]);

		// The demo barometer: two editions, 25 responses each.
		await page.goto('/app/surveys/barometers');
		await page.getByRole('link', { name: 'Baromètre des besoins en recrutement' }).click();
		await page.getByRole('button', { name: 'Comparer' }).click();
		await page.waitForURL(/\/compare\?a=/);
		expect(await page.locator('h1').textContent()).toContain('2025 et 2026 comparés');
		expect(await page.locator('.page-head').textContent()).toContain('25 en 2025, 25 en 2026');
		// Carpenters top the hard-to-fill trades in 2026.
		const first = page.locator('#ranking ~ .table-wrap tbody tr').first();
		expect(await first.locator('th').textContent()).toBe('Charpentier / charpentière');
		expect(await first.locator('td').first().textContent()).toBe('1');
		const intent = page.locator('section', { has: page.getByRole('heading', { name: 'Prévoyez-vous de recruter dans les 12 prochains mois ?' }) });
		expect(await intent.locator('svg').count()).toBe(1);
		expect(await intent.locator('tbody tr').count()).toBe(4);
		expect(await intent.locator('tbody tr').first().textContent()).toMatch(/pt/);
		await expectAccessible(page);
		const csv = await page.request.get(new URL((await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href'))!, h.baseURL).toString());
		expect(csv.status()).toBe(200);
		expect(await csv.text()).toContain('Charpentier / charpentière');
		await page.context().close();
	});

	test('runs an HR diagnostic for a member company and builds its action plan', async () => {
		const page = await h.newPage();
		await signIn(page, TEAM.email, TEAM.password);
		await page.getByRole('link', { name: 'Diagnostics RH' }).click();
		await page.waitForURL('**/app/diagnostics');
		await expectAccessible(page);
		// The demo's diagnostic is the member account's company: diagnose another one.
		const demoOrg = (await page.locator('#diags ~ .table-wrap tbody tr td a').first().textContent())!.trim();
		const options = await page.getByLabel('Entreprise adhérente').locator('option').allTextContents();
		const other = options.find((o) => o && o !== demoOrg && o !== 'Choisir…')!;
		await page.getByLabel('Entreprise adhérente').selectOption({ label: other });
		await page.getByRole('button', { name: 'Commencer le diagnostic' }).click();
		await page.waitForURL(/\/answer$/);
		await expectAccessible(page);
		// Finishing with nothing answered names the questions missing.
		await page.getByRole('button', { name: 'Terminer et voir les résultats' }).click();
		await page.waitForURL(/\/answer/);
		expect(await page.locator('.alert.error').textContent()).toBeTruthy();
		expect(await page.locator('.question .error').first().textContent()).toBe(REQUIRED);
		expect(await page.locator('.question .error').count()).toBeGreaterThan(10);
		// "No, not at all" (or the lowest point) everywhere: every dimension weak.
		for (const fs of await page.locator('.question fieldset').all()) {
			const radio = fs.locator('input[type=radio]').first();
			if (await radio.count()) await radio.check();
		}
		await page.getByRole('button', { name: 'Terminer et voir les résultats' }).click();
		await page.waitForURL(/\/app\/diagnostics\/[0-9a-f-]{36}$/);
		expect(await page.locator('h1').textContent()).toBe(`Diagnostic RH — ${other}`);
		const rows = page.locator('#scores ~ .pair tbody tr, #scores + .pair tbody tr');
		expect(await rows.count()).toBe(7);
		expect(await rows.filter({ hasText: 'À renforcer' }).count()).toBe(7);
		expect(await page.locator('#scores').locator('..').locator('svg').count()).toBe(1);
		await expectAccessible(page);
		await page.getByRole('button', { name: "Créer le plan d'actions" }).click();
		await page.waitForURL(/\/app\/diagnostics\/plans\//);
		expect(await page.locator('.item').count()).toBeGreaterThanOrEqual(7);
		await expectAccessible(page);
		// An action with a past due date is flagged overdue; the title is required.
		const add = page.locator('section', { has: page.getByRole('heading', { name: 'Ajouter une action' }) });
		await add.getByLabel('Échéance').fill('2024-01-31');
		await add.locator('#new-title').fill('   ');
		await add.getByRole('button', { name: 'Ajouter une action' }).click();
		expect(await add.locator('#new-title-error').textContent()).toBe('Ce champ est obligatoire.');
		await add.locator('#new-title').fill('Relancer le recrutement du chef d’atelier');
		await add.getByRole('button', { name: 'Ajouter une action' }).click();
		await page.waitForURL(/#item-/);
		const item = page.locator('.item', { hasText: 'Relancer le recrutement du chef d’atelier' });
		expect(await item.locator('.badge.overdue').textContent()).toBe('En retard');
		expect(await page.locator('.page-head').textContent()).toContain('1 en retard');
		await page.context().close();
	});
});

describe('the member company', () => {
	test('finds its plan from the menu, updates its own action, and cannot open another company’s plan', async () => {
		const page = await h.newPage();
		await signIn(page, MEMBER.email, MEMBER.password);
		await page.getByRole('link', { name: 'Diagnostics RH' }).click();
		await page.waitForURL('**/app/diagnostics');
		await expectAccessible(page);
		expect(await page.locator('#plans ~ .table-wrap tbody tr').count()).toBe(1);
		const planLinks = 'a[href^="/app/diagnostics/plans/"]';
		const mine = await page.locator(`#plans ~ .table-wrap tbody ${planLinks}`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		// Another company's plan: one the team lists that the member does not.
		const staff = await h.newPage();
		await signIn(staff, TEAM.email, TEAM.password);
		await staff.goto('/app/diagnostics');
		const every = await staff.locator(`#plans ~ .table-wrap tbody ${planLinks}`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		await staff.context().close();
		const otherPlanUrl = every.find((u) => u && !mine.includes(u));
		expect(otherPlanUrl).toBeTruthy();
		await page.getByRole('link', { name: 'Plan d’actions RH 2026' }).click();
		await page.waitForURL(/\/app\/diagnostics\/plans\//);
		expect(await page.locator('.item.overdue').count()).toBe(1);
		expect(await page.getByRole('button', { name: /^Ajouter une action/ }).count()).toBe(0);
		await expectAccessible(page);
		// The overdue action is the member's own: it may mark it done.
		const overdue = page.locator('.item.overdue');
		const title = (await overdue.locator('h2').textContent())!;
		await overdue.locator('select').selectOption('done');
		await overdue.getByRole('button', { name: /^Changer l'état/ }).click();
		await page.waitForURL(/#item-/);
		expect(await page.locator('.item', { hasText: title }).locator('.badge.status-done').count()).toBe(1);
		expect(await page.locator('.item.overdue').count()).toBe(0);
		// Actions owned by the team show no status form to the member.
		expect(await page.locator('.item select').count()).toBeLessThan(await page.locator('.item').count());
		const res = await page.goto(otherPlanUrl!);
		expect(res?.status()).toBe(404);
		await page.context().close();
	});
});
