// Surveys in the browser: the team builds a survey (a wrong field named beside it), previews and sends it
// to a segment; a respondent answers through the e-mailed link, the answers are saved as typed and are
// still there after closing the page; the keyboard alone moves through a section; the form works without
// JavaScript; the team sees the results with their chart, HTML typed by a respondent shown as text, and
// exports CSV and XLSX.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { startHarness, expectAccessible, signIn, parseMail, DEMO_ADMIN, type Harness } from './harness';

let h: Harness;
let cookie = '';
const TITLE = 'Besoins en compétences e2e';
const EMAIL = 'lea.respondante@exemple.fr';
const EMAIL2 = 'paul.sansjs@exemple.fr';
const HTML = '<script>window.pwned=1</script><b>gras</b>';
let surveyUrl = '';
let link = '';
let link2 = '';

async function api(path: string, body: unknown) {
	const res = await fetch(`${h.baseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
	expect(res.status, await res.clone().text()).toBe(201);
	return res.json();
}

beforeAll(async () => {
	h = await startHarness();
	const signedIn = await fetch(`${h.baseURL}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: h.baseURL }, body: JSON.stringify(DEMO_ADMIN) });
	cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	// Two companies tagged for this test, one contact each, and a saved segment of them.
	for (const [name, email, first] of [['Menuiserie Enquête', EMAIL, 'Léa'], ['Charpente Enquête', EMAIL2, 'Paul']]) {
		const org = await api('/api/v1/organizations', { name, postalCode: '40000', communeName: 'Mont-de-Marsan', sizeBand: '10_49', status: 'member', tags: ['e2e-enquete'] });
		await api(`/api/v1/organizations/${org.id}/contacts`, { firstName: first, lastName: 'Test', email });
	}
	const seg = await fetch(`${h.baseURL}/app/organizations?/saveSegment`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: h.baseURL },
		body: new URLSearchParams({ name: 'Segment e2e enquête', query: 'tag=e2e-enquete', shared: 'on' }),
		redirect: 'manual'
	});
	expect([200, 303]).toContain(seg.status);
});

afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

async function linkFor(to: string): Promise<string> {
	const mail = await parseMail(await h.waitForMail(to, () => true, 30_000));
	expect(mail.subject).toContain(TITLE);
	const m = /https?:\/\/\S+\/survey\/[A-Za-z0-9_-]+/.exec(mail.text);
	expect(m).not.toBeNull();
	return new URL(m![0]).pathname;
}

describe('surveys', () => {
	test('the team builds a survey, previews it and sends it to a segment', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto('/app/surveys');
		await expectAccessible(page);
		await page.getByLabel('Titre').fill(TITLE);
		await page.getByRole('button', { name: "Créer l'enquête" }).click();
		await page.waitForURL(/\/app\/surveys\/[0-9a-f-]+$/);
		surveyUrl = new URL(page.url()).pathname;
		await page.locator('#new-title').fill('Vos besoins');
		await page.getByRole('button', { name: 'Ajouter la section' }).click();
		// A choice question with one choice: the field is named beside it, what was typed stays.
		const add = page.locator('details.add form');
		await add.getByRole('textbox', { name: /^Question/ }).fill('Recrutez-vous cette année ?');
		await add.getByLabel('Choix, un par ligne').fill('Oui');
		await add.getByLabel('Réponse obligatoire').check();
		await add.getByRole('button', { name: 'Ajouter une question' }).click();
		await expect.poll(() => page.locator('details.add form .error').first().textContent()).toBe('Indiquez au moins deux choix, un par ligne.');
		expect(await page.locator('details.add form').getByRole('textbox', { name: /^Question/ }).inputValue()).toBe('Recrutez-vous cette année ?');
		await page.locator('details.add form').getByLabel('Choix, un par ligne').fill('Oui\nNon');
		await page.locator('details.add form').getByRole('button', { name: 'Ajouter une question' }).click();
		await expect.poll(() => page.locator('ol.questions li').count()).toBe(1);
		// A long text question, then a scale.
		await page.locator('details.add summary').click();
		const add2 = page.locator('details.add form');
		await add2.getByLabel('Type de question').selectOption('long_text');
		await add2.getByRole('textbox', { name: /^Question/ }).fill('Quels métiers peinez-vous à recruter ?');
		await add2.getByRole('button', { name: 'Ajouter une question' }).click();
		await expect.poll(() => page.locator('ol.questions li').count()).toBe(2);
		await page.locator('details.add summary').click();
		const add3 = page.locator('details.add form');
		await add3.getByLabel('Type de question').selectOption('scale');
		await add3.getByRole('textbox', { name: /^Question/ }).fill('Difficulté à recruter');
		await add3.getByLabel('Minimum', { exact: true }).fill('1');
		await add3.getByLabel('Maximum', { exact: true }).fill('5');
		await add3.getByRole('button', { name: 'Ajouter une question' }).click();
		await expect.poll(() => page.locator('ol.questions li').count()).toBe(3);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Aperçu' }).click();
		await page.waitForURL(`**${surveyUrl}/preview`);
		expect(await page.getByRole('radio', { name: 'Oui' }).count()).toBe(1);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Envoi et relances' }).click();
		await page.getByLabel('Segment').selectOption({ label: 'Segment e2e enquête' });
		await page.getByRole('button', { name: 'Compter les destinataires' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('2 destinataires');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
		await expect.poll(() => page.locator('.alert.ok').textContent()).toBe('Enquête envoyée à 2 destinataires.');
		await expectAccessible(page);
		await page.context().close();
		link = await linkFor(EMAIL);
		link2 = await linkFor(EMAIL2);
	});

	test('a respondent answers through the link: saved as typed, still there after closing the tab, then submitted', async () => {
		const page = await h.newPage();
		await page.goto(link);
		expect(await page.locator('h1').textContent()).toBe(TITLE);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Commencer' }).click();
		await page.waitForURL(/\?s=0$/);
		await page.waitForFunction(() => document.querySelector('form[action$="/save"]') !== null);
		await page.getByRole('radio', { name: 'Oui' }).check();
		await page.getByLabel('Quels métiers peinez-vous à recruter ?').fill(HTML);
		await expect.poll(() => page.getByRole('status').textContent()).toContain('Enregistré');
		await expectAccessible(page);
		// Close the tab without moving on, open the link again: the answers are there.
		const context = page.context();
		await page.close();
		const again = await context.newPage();
		await again.goto(`${link}?s=0`);
		expect(await again.getByRole('radio', { name: 'Oui' }).isChecked()).toBe(true);
		expect(await again.getByLabel('Quels métiers peinez-vous à recruter ?').inputValue()).toBe(HTML);
		// Keyboard only: pick 4 on the scale with the arrow keys, then Enter moves on.
		await again.getByRole('radio', { name: '1', exact: true }).focus();
		for (let i = 0; i < 3; i++) await again.keyboard.press('ArrowRight');
		expect(await again.getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(true);
		await again.getByRole('button', { name: 'Enregistrer et relire' }).focus();
		await again.keyboard.press('Enter');
		await again.waitForURL(/\?s=review$/);
		// The review shows the HTML as text, and nothing ran.
		expect(await again.locator('.review dd').nth(1).textContent()).toBe(HTML);
		expect(await again.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
		await expectAccessible(again);
		await again.getByRole('button', { name: 'Envoyer mes réponses' }).click();
		await again.waitForURL(/\?done$/);
		expect(await again.locator('.card p[role=status]').textContent()).toContain('Merci, vos réponses ont été envoyées.');
		await expectAccessible(again);
		await context.close();
	});

	test('without JavaScript the form saves each section and names a missing required answer', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${link2}?s=0`);
		await page.getByLabel('Quels métiers peinez-vous à recruter ?').fill('Charpentiers');
		await page.getByRole('button', { name: 'Enregistrer et relire' }).click();
		await page.waitForURL(/s=0/);
		expect(await page.locator('.alert.error').textContent()).toContain('Recrutez-vous cette année ?');
		expect(await page.locator('[id$="-error"]').first().textContent()).toBe('Cette question demande une réponse.');
		expect(await page.getByLabel('Quels métiers peinez-vous à recruter ?').inputValue()).toBe('Charpentiers');
		// (axe needs scripts: it ran on this same page with JavaScript in the previous journey)
		await page.getByRole('radio', { name: 'Non' }).check();
		await page.getByRole('button', { name: 'Enregistrer et relire' }).click();
		await page.waitForURL(/\?s=review$/);
		await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
		await page.waitForURL(/\?done$/);
		expect(await page.locator('.review dd').first().textContent()).toBe('Non');
		await context.close();
	});

	test('the team sees the results with a chart and its table, HTML as text, and exports CSV and XLSX', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto(`${surveyUrl}/results`);
		expect(await page.locator('.head-row').textContent()).toMatch(/Réponses envoyées\s?: 2/);
		const first = page.locator('section.result').first();
		expect(await first.locator('figure.chart svg').count()).toBe(1);
		expect(await first.locator('table tbody tr').first().textContent()).toContain('Oui');
		const texts = page.locator('section.result').nth(1).locator('ul.texts li');
		expect(await texts.allTextContents()).toContain(HTML);
		expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
		await expectAccessible(page);
		const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
		const body = readFileSync((await csv.path())!, 'utf8');
		expect(body.charCodeAt(0)).toBe(0xfeff);
		expect(body).toContain('Recrutez-vous cette année ?');
		expect(body).toContain(HTML);
		const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en Excel (XLSX)' }).click()]);
		expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');
		await page.context().close();
	});
});
