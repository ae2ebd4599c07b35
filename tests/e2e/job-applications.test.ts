// Applications, alerts and the pool in the browser: a visitor applies to a demo offer without JavaScript
// (a program renamed .pdf is refused beside the CV field, then a PDF goes through), the company's mail
// arrives with the CV attached, the member reads it in the workspace with the HTML of the message shown
// as text and changes its status with the keyboard; a candidate subscribes to an alert, confirms by the
// mailed link and unsubscribes in one click; a visitor joins the pool without JavaScript and members, not
// partners, browse it.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { startHarness, expectAccessible, signIn, parseMail, type Harness } from './harness';

let h: Harness;
// The demo member account's company posts this offer (demo/jobs.ts), applications through the platform.
const SLUG = 'menuisier-poseur-menuisiere-poseuse-mont-de-marsan';
const MEMBER = { email: 'member@grappe.localhost', password: 'grappe-demo-2026' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MESSAGE = 'Bonjour, <b>menuisière</b> depuis 8 ans. <script>window.__pwned = 1</script>';

beforeAll(async () => {
	h = await startHarness();
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

describe('applying to an offer', () => {
	test('a visitor applies with a PDF without JavaScript; the company gets the CV by mail', async () => {
		const fill = async (page: Page) => {
			await page.getByLabel('Nom et prénom').fill('Léa Roux');
			await page.getByLabel('Adresse électronique').fill('lea.roux@exemple.fr');
			await page.getByLabel('Votre message').fill(MESSAGE);
			await page.getByLabel(/J'accepte que mes données/).check();
		};
		// A program renamed .pdf: refused, the error beside the CV field, what was typed kept (axe needs scripts).
		const checked = await h.newPage();
		await checked.goto(`/jobs/${SLUG}/apply`);
		expect(await checked.locator('h1').textContent()).toContain('Menuisier poseur');
		expect(await checked.locator('form[enctype="multipart/form-data"]').textContent()).toContain('supprimées au bout de 180 jours');
		await expectAccessible(checked);
		await fill(checked);
		await checked.setInputFiles('#a-cv', { name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]) });
		await checked.waitForTimeout(3200);
		await checked.getByRole('button', { name: 'Envoyer ma candidature' }).click();
		await checked.locator('#a-cv-error').waitFor();
		expect(await checked.locator('#a-cv-error').textContent()).toContain("n'est pas un vrai document");
		expect(await checked.getByLabel('Nom et prénom').inputValue()).toBe('Léa Roux');
		expect(await checked.getByLabel('Votre message').inputValue()).toBe(MESSAGE);
		await expectAccessible(checked);

		// The real application, without JavaScript.
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		context.setDefaultTimeout(60_000);
		const page = await context.newPage();
		await page.goto(`/jobs/${SLUG}/apply`);
		await fill(page);
		await page.setInputFiles('#a-cv', { name: 'CV Léa Roux.pdf', mimeType: 'application/pdf', buffer: PDF });
		await page.waitForTimeout(3200);
		await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
		expect(await page.getByRole('status').textContent()).toContain('Votre candidature a été envoyée');
		await context.close();

		const mail = await h.waitForMail(MEMBER.email, (m) => m.raw.includes('application/pdf'));
		const parsed = await simpleParser(mail.raw);
		expect(parsed.subject).toContain('Menuisier poseur');
		expect(parsed.replyTo?.text).toContain('lea.roux@exemple.fr');
		expect(parsed.attachments).toHaveLength(1);
		expect(parsed.attachments[0].filename).toBe('CV Léa Roux.pdf');
		expect(Buffer.from(parsed.attachments[0].content).equals(PDF)).toBe(true);
		expect((await parseMail(mail)).text).toContain('/app/jobs/applications/');
		const ack = await parseMail(await h.waitForMail('lea.roux@exemple.fr'));
		expect(ack.text).toContain('supprimées au bout de 180 jours');
	});

	test('the member reads it as text, downloads the CV and changes its status with the keyboard', async () => {
		const page = await h.newPage();
		await signIn(page, MEMBER.email, MEMBER.password);
		await page.goto('/app/jobs/applications');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Léa Roux' }).click();
		await page.waitForURL(/\/app\/jobs\/applications\/[\w-]+$/);
		// The HTML and script of the message are shown as typed, never run.
		expect(await page.locator('.message').textContent()).toBe(MESSAGE);
		expect(await page.locator('.message b').count()).toBe(0);
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
		await expectAccessible(page);
		const id = page.url().split('/').pop()!;
		const cv = await page.request.get(`/app/jobs/cv/${id}`);
		expect(cv.status()).toBe(200);
		expect(cv.headers()['content-type']).toBe('application/pdf');
		expect(Buffer.from(await cv.body()).equals(PDF)).toBe(true);

		// Keyboard only: focus the status list (opening marked it read), pick "Retenue", Tab to the button, Enter.
		await page.locator('#app-status-select').focus();
		await page.keyboard.press('ArrowDown');
		expect(await page.locator('#app-status-select').inputValue()).toBe('shortlisted');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.getByText('Statut enregistré.').waitFor();
		expect(await page.locator('.page-head .badge').textContent()).toBe('Retenue');

		// Another account does not get the CV.
		const partner = await h.newPage();
		await signIn(partner, 'partner@grappe.localhost', 'grappe-demo-2026');
		expect((await partner.request.get(`/app/jobs/cv/${id}`)).status()).toBe(403);
		const anonymous = await fetch(`${h.baseURL}/app/jobs/cv/${id}`, { redirect: 'manual' });
		expect(anonymous.status).toBeGreaterThanOrEqual(300);
		expect(anonymous.headers.get('content-type') ?? '').not.toContain('pdf');
	});
});

describe('job alerts', () => {
	test('a candidate subscribes to a search, confirms by the mailed link and unsubscribes in one click', async () => {
		const page = await h.newPage();
		await page.goto('/jobs/alerts?q=menuisier&dep=40');
		expect(await page.locator('main').textContent()).toContain('« menuisier » · département 40');
		await expectAccessible(page);
		await page.getByLabel('Adresse électronique').fill('nina@exemple.fr');
		await page.waitForTimeout(2200);
		await page.keyboard.press('Enter');
		await page.getByText('Presque fini').waitFor();

		const mail = await parseMail(await h.waitForMail('nina@exemple.fr'));
		const link = /https?:\/\/\S+\/jobs\/alerts\/confirm\/[\w-]+/.exec(mail.text)![0];
		await page.goto(link);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Confirmer mon alerte' }).click();
		await page.getByText('Votre alerte est confirmée').waitFor();
		await expectAccessible(page);

		await page.getByRole('link', { name: "Se désabonner de l'alerte emploi" }).click();
		await page.waitForURL(/\/jobs\/alerts\/unsubscribe\//);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Me désabonner' }).click();
		await page.getByText('vous ne recevrez plus cette alerte').waitFor();
		// The link now names no alert.
		await page.goto(page.url());
		await page.getByText('ne correspond à aucune alerte').waitFor();
	});

	test("a mail provider's one-click unsubscribe (RFC 8058, no Origin) works; other cross-site forms are refused", async () => {
		const page = await h.newPage();
		await page.goto('/jobs/alerts?q=charpentier');
		await page.getByLabel('Adresse électronique').fill('remi@exemple.fr');
		await page.waitForTimeout(2200);
		await page.keyboard.press('Enter');
		await page.getByText('Presque fini').waitFor();
		const mail = await parseMail(await h.waitForMail('remi@exemple.fr'));
		await page.goto(/https?:\/\/\S+\/jobs\/alerts\/confirm\/[\w-]+/.exec(mail.text)![0]);
		await page.getByRole('button', { name: 'Confirmer mon alerte' }).click();
		const href = await page.getByRole('link', { name: "Se désabonner de l'alerte emploi" }).getAttribute('href');
		// What Gmail or Outlook send to the List-Unsubscribe address: a form post, from no page at all.
		const oneClick = await page.request.post(href!, { form: { 'List-Unsubscribe': 'One-Click' } });
		expect(oneClick.status()).toBe(200);
		await page.goto(href!);
		await page.getByText('ne correspond à aucune alerte').waitFor();
		// Any other form posted from elsewhere is still refused.
		const forged = await page.request.post('/jobs/alerts', { form: { email: 'x@exemple.fr' }, headers: { origin: 'https://evil.example' } });
		expect(forged.status()).toBe(403);
		await page.context().close();
	});
});

describe('the spontaneous applications pool', () => {
	test('a visitor joins it without JavaScript; members browse it, partners do not', async () => {
		const page = await h.newPage();
		await page.goto('/jobs/pool');
		await expectAccessible(page);
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		context.setDefaultTimeout(60_000);
		const visitor = await context.newPage();
		await visitor.goto('/jobs/pool');
		await visitor.getByLabel('Une alternance (apprentissage)').check();
		await visitor.getByLabel('Nom et prénom').fill('Inès Garat');
		await visitor.getByLabel('Adresse électronique').fill('ines.garat@exemple.fr');
		await visitor.getByLabel('Commune où vous habitez').fill('Dax');
		await visitor.getByLabel('Ébéniste').check();
		await visitor.getByLabel('Votre message').fill('CAP ébéniste en alternance, <i>motivée</i>.');
		await visitor.getByLabel(/J'accepte que ma candidature soit montrée/).check();
		await visitor.waitForTimeout(3200);
		await visitor.getByRole('button', { name: 'Déposer ma candidature' }).click();
		expect(await visitor.getByRole('status').textContent()).toContain('Votre candidature est dans le vivier');
		await context.close();
		const ack = await parseMail(await h.waitForMail('ines.garat@exemple.fr'));
		expect(ack.text).toMatch(/\/jobs\/pool\/withdraw\//);

		await signIn(page, MEMBER.email, MEMBER.password);
		await page.goto('/app/jobs/pool?kind=apprenticeship&dep=40');
		await expectAccessible(page);
		const card = page.locator('.entries li', { hasText: 'Inès Garat' });
		expect(await card.textContent()).toContain('Dax (40)');
		expect(await card.locator('.message').textContent()).toBe('CAP ébéniste en alternance, <i>motivée</i>.');
		const partner = await h.newPage();
		await signIn(partner, 'partner@grappe.localhost', 'grappe-demo-2026');
		expect((await partner.goto('/app/jobs/pool'))?.status()).toBe(403);
	});
});
