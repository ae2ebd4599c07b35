// Pooled employment in the browser: the team records an employer group and a shared position whose wrong
// split is named beside its field (what was typed stays), fixed with the keyboard alone; the position's week
// and each company's monthly cost show. A member looks for a profile on secondment, sees the matching offer
// with its reasons and writes to the team about it (the team gets the mail), and signs its own agreement.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, expectAccessible, signIn, parseMail, DEMO_ADMIN, type Harness } from './harness';

let h: Harness;
const MEMBER = { email: 'member@grappe.localhost', password: DEMO_ADMIN.password };
const GROUP = 'GE e2e Menuiseries du Sud';

beforeAll(async () => {
	h = await startHarness();
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

describe('employer groups', () => {
	test('the team records a group and a shared position; a wrong split is named beside it, then fixed with the keyboard', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto('/app/pooling');
		await expect.poll(() => page.getByRole('heading', { name: 'Emploi partagé', level: 1 }).isVisible()).toBe(true);
		// The demo's group is there.
		expect(await page.getByRole('link', { name: 'GE Bois & Habitat Sud-Ouest' }).count()).toBe(1);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Nouveau groupement' }).click();
		await page.waitForURL('**/app/pooling/groups/new');
		await expectAccessible(page);
		await page.getByLabel(/^Nom/).fill(GROUP);
		await page.getByLabel('SIRET').fill('123');
		const boxes = page.locator('input[name="memberIds"]');
		const names = [(await boxes.nth(0).locator('..').textContent())!.trim(), (await boxes.nth(1).locator('..').textContent())!.trim()];
		await boxes.nth(0).check();
		await boxes.nth(1).check();
		await page.getByRole('button', { name: 'Enregistrer le groupement' }).click();
		// A wrong SIRET is named beside its field; the name and the companies stay.
		await expect.poll(() => page.locator('#siret-error').textContent()).toContain('SIRET invalide');
		expect(await page.getByLabel(/^Nom/).inputValue()).toBe(GROUP);
		expect(await boxes.nth(0).isChecked()).toBe(true);
		await page.getByLabel('SIRET').fill('');
		await page.getByRole('button', { name: 'Enregistrer le groupement' }).click();
		await page.waitForURL(/\/app\/pooling\/groups\/[0-9a-f-]{36}$/);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(GROUP);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Ajouter un poste partagé' }).click();
		await page.waitForURL('**/positions/new');
		await expectAccessible(page);
		await page.getByLabel('Intitulé du poste').fill('Responsable QSE partagé');
		await page.getByLabel('Coût mensuel chargé (€)').fill('3 000');
		await page.getByLabel('Début').fill('2026-09-01');
		await page.getByLabel(`Part de temps de ${names[0]}`, { exact: true }).fill('60');
		await page.getByLabel(`Part de temps de ${names[1]}`, { exact: true }).fill('30');
		await page.getByLabel('Lundi matin').selectOption({ label: names[0] });
		await page.getByLabel('Jeudi après-midi').selectOption({ label: names[1] });
		await page.getByRole('button', { name: 'Enregistrer le poste' }).click();
		await expect.poll(() => page.locator('#shares-error').textContent()).toContain('Les parts de temps font 90 %');
		expect(await page.getByLabel(`Part de temps de ${names[0]}`, { exact: true }).inputValue()).toBe('60');
		expect(await page.getByLabel('Intitulé du poste').inputValue()).toBe('Responsable QSE partagé');
		await expectAccessible(page);

		// Keyboard only: from the first company's share, Tab twice (its cost, then the next company's time), type, Enter.
		await page.getByLabel(`Part de temps de ${names[0]}`, { exact: true }).focus();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Part de temps de ${names[1]}`);
		await page.keyboard.press('Control+A');
		await page.keyboard.type('40');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/app\/pooling\/groups\/[0-9a-f-]{36}\?saved=position/);
		expect(await page.locator('.alert.ok').textContent()).toContain('Poste enregistré');
		const costs = page.getByRole('table', { name: /Répartition et coût mensuel par entreprise de Responsable QSE partagé/ });
		expect(await costs.getByRole('row', { name: new RegExp(names[0]) }).textContent()).toMatch(/60\s%.*1\s800,00\s€/);
		expect(await costs.getByRole('row', { name: new RegExp(names[1]) }).textContent()).toMatch(/40\s%.*1\s200,00\s€/);
		const week = page.getByRole('table', { name: 'Semaine type de Responsable QSE partagé' });
		expect(await week.getByRole('row', { name: /Matin/ }).textContent()).toContain(names[0]);
		expect(await week.getByRole('row', { name: /Après-midi/ }).textContent()).toContain(names[1]);
		expect(await page.getByRole('table', { name: /Conventions des entreprises pour Responsable QSE partagé/ }).textContent()).toContain('Proposée');
		await expectAccessible(page);
	});
});

describe('secondments', () => {
	test('a member looks for a profile, sees the matching offer with its reasons, writes to the team, and signs its agreement', async () => {
		const page = await h.newPage();
		await signIn(page, MEMBER.email, MEMBER.password);
		await page.goto('/app/pooling/secondments');
		await expectAccessible(page);
		// Offers are anonymous for the network.
		expect(await page.content()).not.toContain('Bernard Etchegoyen');
		await page.getByRole('link', { name: 'Chercher un profil' }).first().click();
		await page.waitForURL('**/secondments/new?kind=request');
		await expectAccessible(page);
		await page.getByLabel('Profil recherché').fill('Responsable de la ligne de sciage');
		await page.getByLabel('Durée minimale (mois)').fill('12');
		await page.getByLabel('Durée maximale (mois)').fill('18');
		await page.getByLabel('Souhaité à partir du').fill(new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10));
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		// Neither a competency nor a trade: nothing to match on, said beside the list.
		await expect.poll(() => page.locator('#competencies-error').textContent()).toContain('au moins une compétence');
		expect(await page.getByLabel('Profil recherché').inputValue()).toBe('Responsable de la ligne de sciage');
		await page.getByLabel('Sciage', { exact: true }).check();
		await page.getByLabel('Séchage', { exact: true }).check();
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await page.waitForURL(/\/app\/pooling\/secondments\/[0-9a-f-]{36}\?saved=1$/);
		const matches = page.getByRole('region', { name: 'Offres qui correspondent' });
		const first = matches.getByRole('listitem').first();
		expect(await first.getByRole('link').first().textContent()).toBe('Directeur de production senior');
		expect(await first.textContent()).toContain('2 compétences en commun : Sciage, Séchage');
		await expectAccessible(page);

		await first.getByRole('link', { name: 'Directeur de production senior' }).click();
		await page.waitForURL(/\/app\/pooling\/secondments\/[0-9a-f-]{36}$/);
		await expectAccessible(page);
		await page.getByLabel('Message').fill('Ce profil nous intéresse pour la modernisation de notre ligne.');
		await page.getByRole('button', { name: 'Envoyer à l’équipe' }).click();
		await expect.poll(() => page.locator('#contact .alert.ok').textContent()).toContain('Message envoyé');
		const mail = await parseMail(await h.waitForMail('contact@cluster-bois-batiment.example', (m) => m.raw.includes('modernisation de notre ligne')));
		expect(mail.subject).toContain('Directeur de production senior');

		// The member's group: read only, except signing its own agreement.
		await page.goto('/app/pooling');
		await page.getByRole('link', { name: 'GE Bois & Habitat Sud-Ouest' }).click();
		await page.waitForURL(/\/app\/pooling\/groups\//);
		expect(await page.getByRole('link', { name: 'Modifier le groupement' }).count()).toBe(0);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Signer la convention' }).click();
		await expect.poll(() => page.getByText('Convention enregistrée.').count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Signer la convention' }).count()).toBe(0);
	});
});

describe('without JavaScript', () => {
	test('the team edits a position split in hours: the form keeps the hours, and a wrong total is named beside the split', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		context.setDefaultTimeout(60_000);
		const page = await context.newPage();
		await signIn(page);
		await page.goto('/app/pooling');
		await page.getByRole('link', { name: 'GE Bois & Habitat Sud-Ouest' }).click();
		await page.getByRole('link', { name: 'Modifier le poste — Technicien·ne bureau d’études bois' }).click();
		await page.waitForURL(/\/positions\/[0-9a-f-]{36}$/);
		expect(await page.getByRole('radio', { name: 'en heures par semaine' }).isChecked()).toBe(true);
		const hours = page.locator('input[name$=".time"]');
		const filled = [];
		for (let i = 0; i < (await hours.count()); i++) if (await hours.nth(i).inputValue()) filled.push(await hours.nth(i).inputValue());
		expect(filled.sort()).toEqual(['14', '21']);
		await page.locator('input[name$=".time"][value="21"]').fill('20');
		await page.getByRole('button', { name: 'Enregistrer le poste' }).click();
		expect(await page.locator('#shares-error').textContent()).toContain('Les heures réparties font 34 h : elles doivent faire les 35 h du poste.');
		expect(await page.getByRole('radio', { name: 'en heures par semaine' }).isChecked()).toBe(true);
		expect(await page.locator('input[name$=".time"][value="20"]').count()).toBe(1);
		await context.close();
	});
});

