// The team's side of events in the browser: an organizer creates an event, fills it past its capacity,
// cancels someone and the next person is confirmed, exports the registrations, and checks people in at
// the door by typed code, with and without JavaScript; axe-core checks every page.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startHarness, expectAccessible, signIn, parseMail, type Harness } from './harness';

let h: Harness;
const TITLE = 'Atelier e2e : charpente et ossature bois';
let eventPath = '';
/** Ticket codes as the dashboard shows them ("ABCD-2345"), by name. */
const codes: Record<string, string> = {};

beforeAll(async () => {
	h = await startHarness();
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

/** A datetime-local value some days ahead, as the form sends it (France's wall clock). */
const inDays = (days: number, hour: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + `T${String(hour).padStart(2, '0')}:00`;

/** Goes to a page and waits for it to hydrate (hydration would reset what was typed before it). */
async function open(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
}

async function addAttendee(page: Page, name: string, email: string, organization: string, meal: string) {
	await page.locator('#add-name').fill(name);
	await page.locator('#add-email').fill(email);
	await page.locator('#add-organization').fill(organization);
	await page.locator('#add-q1').selectOption(meal);
	await page.getByRole('button', { name: 'Inscrire' }).click();
	const answer = page.locator('#add .alert', { hasText: name });
	await answer.waitFor();
	return (await answer.textContent()) ?? '';
}

const row = (page: Page, name: string) => page.locator('#registrations tbody tr', { hasText: name });

describe('an organizer', () => {
	test('creates an event: a bad field is named beside it and what was typed stays', async () => {
		const page = await h.newPage();
		await signIn(page);
		await open(page, '/app/events');
		expect(await page.locator('h1').textContent()).toBe('Événements');
		expect(await page.locator('nav[aria-label="Navigation principale"] a[aria-current="page"]').textContent()).toBe('Événements');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Nouvel événement' }).click();
		await page.waitForURL('**/app/events/new');
		await page.waitForLoadState('networkidle');
		await expectAccessible(page);

		await page.locator('#title').fill(TITLE);
		await page.locator('#startsAt').fill(inDays(15, 9));
		await page.locator('#endsAt').fill(inDays(15, 8));
		await page.getByLabel('Lieu', { exact: true }).fill('Scierie des Landes');
		await page.getByLabel('Code postal').fill('40000');
		await page.getByLabel('Nombre de places').fill('2');
		await page.getByLabel('Tarif adhérent (€)').fill('15');
		await page.getByLabel('Tarif non-adhérent (€)').fill('35,50');
		await page.getByLabel("Questions posées à l'inscription").fill('Repas | Standard ; Végétarien *\nFonction');
		await page.getByLabel('Statut').selectOption('published');
		await page.getByRole('button', { name: "Créer l'événement" }).click();
		await expect.poll(() => page.locator('#endsAt-error').textContent()).toContain('La fin doit suivre le début');
		expect(await page.locator('#title').inputValue()).toBe(TITLE);
		expect(await page.getByLabel('Tarif non-adhérent (€)').inputValue()).toBe('35,50');
		await expectAccessible(page);

		await page.locator('#endsAt').fill(inDays(15, 12));
		await page.getByRole('button', { name: "Créer l'événement" }).click();
		await page.waitForURL(/\/app\/events\/[0-9a-f-]{36}\?created=1/);
		eventPath = new URL(page.url()).pathname;
		expect(await page.locator('h1').textContent()).toBe(TITLE);
		const facts = (await page.locator('dl.facts').textContent()) ?? '';
		expect(facts).toContain('Scierie des Landes, 40000 Mont-de-Marsan');
		expect(facts).toContain('09:00 – 12:00');
		expect(facts).toMatch(/35,50\s€/);
		await expectAccessible(page);

		await open(page, '/app/events');
		expect(await page.locator('tbody').textContent()).toContain(TITLE);
		await page.context().close();
	});

	test('adds attendees beyond the capacity, cancels one and the first person waiting is confirmed', async () => {
		const page = await h.newPage();
		await signIn(page);
		await open(page, eventPath);
		// The required question is required of the team too.
		await page.locator('#add-name').fill('Sans Réponse');
		await page.locator('#add-email').fill('sans-reponse@example.org');
		await page.getByRole('button', { name: 'Inscrire' }).click();
		await expect.poll(() => page.locator('#add-q1-error').textContent()).toContain('obligatoire');
		await expectAccessible(page);

		expect(await addAttendee(page, 'Léa Dubernet', 'lea@scierie-e2e.fr', 'Scierie e2e', 'Standard')).toContain('place confirmée');
		expect(await addAttendee(page, 'Marc Lafitte', 'marc@charpentes-e2e.fr', 'Charpentes Lafitte', 'Végétarien')).toContain('place confirmée');
		expect(await addAttendee(page, 'Sophie Arrieta', 'sophie@ossature-e2e.fr', 'Ossature Arrieta', 'Standard')).toContain("liste d'attente, position 1");
		expect(await row(page, 'Sophie Arrieta').textContent()).toContain("Liste d'attente · n° 1");
		expect(await page.locator('.stat', { hasText: 'Inscrits confirmés' }).locator('.value').textContent()).toMatch(/^2\s*\/\s*2$/);
		await expectAccessible(page);
		for (const name of ['Léa Dubernet', 'Marc Lafitte', 'Sophie Arrieta']) codes[name] = ((await row(page, name).locator('code').textContent()) ?? '').trim();

		// Cancelling asks first, then tells the person, and the waiting list moves up.
		await row(page, 'Léa Dubernet').getByRole('link', { name: /Annuler/ }).click();
		const confirm = page.locator('#confirm-cancel');
		await confirm.waitFor();
		expect(await confirm.textContent()).toContain("Annuler l'inscription de Léa Dubernet ?");
		await expectAccessible(page);
		await confirm.getByRole('button', { name: "Annuler l'inscription de Léa Dubernet" }).click();
		await expect.poll(() => page.locator('#registrations .alert.ok').textContent()).toContain("1 personne(s) de la liste d'attente confirmée(s)");
		await expect.poll(() => row(page, 'Sophie Arrieta').locator('.badge').textContent()).toBe('Confirmé');
		expect(await row(page, 'Léa Dubernet').locator('.badge').textContent()).toBe('Annulé');
		await expectAccessible(page);
		const subjects = async (to: string) => Promise.all(h.mails.filter((m) => m.to.includes(to)).map(async (m) => (await parseMail(m)).subject));
		await expect.poll(() => subjects('sophie@ossature-e2e.fr'), { timeout: 15_000 }).toContain(`Une place s'est libérée : ${TITLE}`);

		// Search by ticket code, typed as people type it.
		await page.getByLabel('Rechercher').fill(codes['Marc Lafitte'].toLowerCase());
		await page.getByRole('button', { name: 'Filtrer' }).click();
		await page.waitForURL(/q=/);
		await expect.poll(() => page.locator('#registrations tbody tr').count()).toBe(1);
		expect(await page.locator('#registrations tbody').textContent()).toContain('Marc Lafitte');

		// The CSV for French Excel has every registration.
		await open(page, eventPath);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter les inscrits (CSV)' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^inscriptions-.*\.csv$/);
		const body = readFileSync((await download.path())!);
		expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = body.toString('utf8').slice(1).trim().split('\r\n');
		expect(lines[0]).toMatch(/^N°;Nom;Structure;E-mail;Statut;.*;Repas;Fonction;Code du billet;/);
		expect(lines).toHaveLength(4);
		expect(lines[1]).toMatch(/^1;Léa Dubernet;Scierie e2e;lea@scierie-e2e.fr;Annulé;/);
		expect(lines[3]).toMatch(/^3;Sophie Arrieta;Ossature Arrieta;sophie@ossature-e2e.fr;Confirmé;/);
		expect(lines[2]).toContain(';35,50;Végétarien;');
		await page.context().close();
	});

	test('checks people in at the door by typed code, and says why a ticket is refused', async () => {
		const page = await h.newPage();
		await signIn(page);
		await open(page, `${eventPath}/check-in`);
		const counter = page.locator('.counter');
		expect((await counter.textContent())?.replace(/\s+/g, ' ')).toContain('0 / 2');
		expect(await page.locator('#code').evaluate((el) => el === document.activeElement)).toBe(true);
		await expectAccessible(page);

		await page.locator('#code').fill(codes['Sophie Arrieta'].toLowerCase());
		await page.getByRole('button', { name: "Enregistrer l'arrivée", exact: true }).click();
		await expect.poll(() => page.locator('.result.ok').textContent()).toContain('Bienvenue, Sophie Arrieta');
		expect(await page.locator('.result.ok').textContent()).toContain('Ossature Arrieta');
		await expect.poll(async () => (await counter.textContent())?.replace(/\s+/g, ' ')).toContain('1 / 2');
		expect(await page.locator('#code').inputValue()).toBe('');
		await expectAccessible(page);

		await page.locator('#code').fill(codes['Sophie Arrieta']);
		await page.locator('#code').press('Enter');
		await expect.poll(() => page.locator('.result.already').textContent()).toMatch(/Sophie Arrieta est déjà arrivé\(e\), à \d\d:\d\d/);

		await page.locator('#code').fill(codes['Léa Dubernet']);
		await page.locator('#code').press('Enter');
		await expect.poll(() => page.locator('.result.error').textContent()).toContain('Billet annulé (Léa Dubernet)');

		await page.locator('#code').fill('ZZZZ-9999');
		await page.locator('#code').press('Enter');
		await expect.poll(() => page.locator('.result.error').textContent()).toContain('Aucun billet ZZZZ-9999');
		await expectAccessible(page);

		// A ticket's QR code opens the page with ?code=: it shows whose ticket it is; only the button writes.
		await open(page, `${eventPath}/check-in?code=${codes['Marc Lafitte'].replace('-', '')}`);
		expect(await page.locator('.lookup').textContent()).toContain('Marc Lafitte');
		expect((await counter.textContent())?.replace(/\s+/g, ' ')).toContain('1 / 2');
		await expectAccessible(page);
		await page.locator('.lookup').getByRole('button', { name: /Enregistrer l'arrivée/ }).click();
		await expect.poll(() => page.locator('.result.ok').textContent()).toContain('Bienvenue, Marc Lafitte');
		await expect.poll(async () => (await counter.textContent())?.replace(/\s+/g, ' ')).toContain('2 / 2');

		// The dashboard shows who came.
		await open(page, eventPath);
		expect(await page.locator('.stat', { hasText: 'Présents' }).locator('.value').textContent()).toBe('2');
		expect(await row(page, 'Marc Lafitte').textContent()).toMatch(/\d\d:\d\d/);
		await page.context().close();
	});

	test('undoes and redoes a check-in without JavaScript', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		context.setDefaultTimeout(60_000);
		const page = await context.newPage();
		await signIn(page);
		await page.goto(`${eventPath}/check-in?q=Marc`);
		const marc = page.locator('.attendees li', { hasText: 'Marc Lafitte' });
		await Promise.all([page.waitForURL(/\?\/undo$/), marc.getByRole('button', { name: /Annuler l'arrivée/ }).click()]);
		expect(await page.locator('.alert.ok').textContent()).toContain('Arrivée de Marc Lafitte annulée');
		expect((await page.locator('.counter').textContent())?.replace(/\s+/g, ' ')).toContain('1 / 2');
		await page.locator('#code').fill(codes['Marc Lafitte']);
		await Promise.all([page.waitForURL(/\?\/checkIn$/), page.getByRole('button', { name: "Enregistrer l'arrivée", exact: true }).click()]);
		expect(await page.locator('.result.ok').textContent()).toContain('Bienvenue, Marc Lafitte');
		expect((await page.locator('.counter').textContent())?.replace(/\s+/g, ' ')).toContain('2 / 2');
		await context.close();
	});

	test("renames the event kinds, and the organization's page lists its people's events", async () => {
		const page = await h.newPage();
		await signIn(page);
		await open(page, '/app/events/kinds');
		await expectAccessible(page);
		const blank = page.locator('input[name=name][placeholder="Nouveau type"]').first();
		await blank.fill('Webinaire e2e');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => page.locator('.alert.ok').textContent()).toContain('Modifications enregistrées');
		expect(await page.locator('input[name=name]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain('Webinaire e2e');

		// A contact of a demo member registers: the organization's page shows it.
		await open(page, '/app/organizations?status=member');
		await page.locator('tbody a').first().click();
		await page.waitForURL(/\/app\/organizations\/[0-9a-f-]{36}$/);
		const orgUrl = page.url();
		const contact = page.locator('section[aria-labelledby="people-title"] tbody tr').first();
		const email = ((await contact.locator('a[href^="mailto:"]').textContent()) ?? '').trim();
		const name = ((await contact.locator('td').first().textContent()) ?? '').trim();
		await open(page, eventPath);
		expect(await addAttendee(page, name, email, '', 'Standard')).toContain("liste d'attente");
		await open(page, orgUrl);
		const events = page.locator('section[aria-labelledby="events-title"]');
		expect(await events.textContent()).toContain(TITLE);
		expect(await events.locator('tr', { hasText: TITLE }).textContent()).toContain("Liste d'attente");
		await expectAccessible(page);
		await page.context().close();
	});
});
