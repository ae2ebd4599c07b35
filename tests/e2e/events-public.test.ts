// The public side of events in the browser: a visitor finds an event on the agenda, registers with and
// without JavaScript, the event fills and the next person waits, the ticket (QR code, .ics), a cancellation
// that confirms the person waiting, the calendar feeds, a members' event, and a member's "My events".
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startHarness, expectAccessible, signIn, parseMail, DEMO_ADMIN, type Harness } from './harness';

let h: Harness;
const TITLE = 'Atelier e2e : le bois dans la rénovation';
let event: { id: string; slug: string };
let membersEvent: { slug: string };
/** Ticket pages, by who registered. */
const tickets: Record<string, string> = {};

/** Creates an event through the REST API with the demo admin's session. */
async function createEvent(cookie: string, body: Record<string, unknown>) {
	const res = await fetch(`${h.baseURL}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
	expect(res.status).toBe(201);
	return (await res.json()) as { id: string; slug: string };
}

beforeAll(async () => {
	h = await startHarness();
	const signedIn = await fetch(`${h.baseURL}/api/auth/sign-in/email`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: h.baseURL },
		body: JSON.stringify(DEMO_ADMIN)
	});
	const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	const inDays = (days: number, hour: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + `T${String(hour).padStart(2, '0')}:00`;
	event = await createEvent(cookie, {
		title: TITLE,
		kindId: 'workshop',
		summary: 'Isolation biosourcée et menuiseries : retours de chantiers.',
		description: 'Premier paragraphe.\n\nSecond paragraphe avec <b>du texte</b> qui reste du texte.',
		startsAt: inDays(12, 9),
		endsAt: inDays(12, 12),
		venue: 'Scierie des Landes',
		addressLine: '3 route des Pins',
		postalCode: '40000',
		communeName: 'Mont-de-Marsan',
		capacity: 2,
		priceMember: '0',
		priceNonMember: '30',
		audience: 'public',
		status: 'published',
		questions: 'Votre métier | Charpentier ; Menuisier ; Architecte *'
	});
	membersEvent = await createEvent(cookie, { title: 'Visite réservée e2e', startsAt: inDays(20, 14), endsAt: inDays(20, 16), communeName: 'Bordeaux', audience: 'members', status: 'published' });
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

/** Fills the registration form like a person (who takes more than the spam guard's couple of seconds). */
async function fillRegistration(page: Page, name: string, email: string, trade?: string) {
	await page.getByLabel('Nom et prénom').fill(name);
	await page.getByLabel('Adresse e-mail').fill(email);
	if (trade) await page.getByLabel(trade).check();
	await page.waitForTimeout(2600);
}

describe('a visitor', () => {
	test('finds the event on the agenda and registers without JavaScript; a missing answer is named beside its field', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/events');
		await page.getByLabel('Rechercher un événement').fill('rénovation');
		await page.getByRole('button', { name: 'Filtrer' }).click();
		await page.waitForURL(/q=r%C3%A9novation|q=rénovation/);
		const card = page.locator('.ev-card', { hasText: TITLE });
		expect(await card.locator('.ev-avail').textContent()).toContain('Places restantes : 2');
		expect(await card.textContent()).toMatch(/de 09:00 à 12:00/);
		await card.getByRole('link', { name: TITLE }).click();
		await page.waitForURL(`**/events/${event.slug}`);

		// Search engines get a schema.org Event; the description stays text.
		const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
		expect(jsonLd).toMatchObject({ '@type': 'Event', name: TITLE, eventStatus: 'https://schema.org/EventScheduled', location: { '@type': 'Place' } });
		expect(jsonLd.startDate).toMatch(/T09:00:00\+0[12]:00$/);
		expect(await page.locator('.ev-para').nth(1).textContent()).toContain('<b>du texte</b>');

		await fillRegistration(page, 'Paul Mercier', 'paul@promoteur.example');
		await page.getByRole('button', { name: "M'inscrire" }).click();
		expect(await page.locator('#r-q-q1-error').textContent()).toContain('obligatoire');
		expect(await page.getByLabel('Nom et prénom').inputValue()).toBe('Paul Mercier');
		await page.getByLabel('Charpentier').check();
		await page.waitForTimeout(2600);
		await page.getByRole('button', { name: "M'inscrire" }).click();
		expect(await page.locator('.ev-result').textContent()).toContain('Votre inscription est confirmée');
		tickets.paul = (await page.locator('.ev-result a').getAttribute('href'))!;
		expect(tickets.paul).toMatch(/^\/events\/registration\/[\w-]{20,}$/);
		const mail = await parseMail(await h.waitForMail('paul@promoteur.example'));
		expect(mail.subject).toBe(`Inscription confirmée : ${TITLE}`);
		await context.close();
	});

	test('with JavaScript: the next person takes the last place, the one after is wait-listed, and a second try is recognised', async () => {
		const page = await h.newPage();
		await page.goto(`/events/${event.slug}`);
		// Let the page hydrate first: hydration would reset a field typed into before it.
		await page.waitForLoadState('networkidle');
		await expectAccessible(page);
		await fillRegistration(page, 'Léa Dubernet', 'lea@menuiserie.example', 'Menuisier');
		await page.getByRole('button', { name: "M'inscrire" }).click();
		await expect.poll(() => page.locator('.ev-result').textContent()).toContain('Votre inscription est confirmée');
		await expect.poll(() => page.locator('.ev-avail').textContent()).toContain("Complet — liste d'attente");
		await expectAccessible(page);
		await page.context().close();

		const next = await h.newPage();
		await next.goto(`/events/${event.slug}`);
		await next.waitForLoadState('networkidle');
		await fillRegistration(next, 'Marc Etcheverry', 'marc@charpente.example', 'Architecte');
		await next.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).first().click();
		await expect.poll(() => next.locator('.ev-result').textContent()).toContain("vous êtes en position 1 sur la liste d'attente");
		tickets.marc = (await next.locator('.ev-result a').getAttribute('href'))!;
		await next.reload();
		await next.waitForLoadState('networkidle');
		await fillRegistration(next, 'Marc Etcheverry', 'MARC@charpente.example', 'Architecte');
		await next.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).first().click();
		await expect.poll(() => next.locator('.ev-result').textContent()).toContain('Vous étiez déjà inscrit(e)');
		// Whoever typed the address may not own it: the ticket link stays in the owner's emails.
		expect(await next.locator('.ev-result a').count()).toBe(0);
		await next.context().close();
	});

	test('opens the ticket (QR code, .ics), cancels, and the person waiting gets the place', async () => {
		const page = await h.newPage();
		const response = await page.goto(tickets.paul);
		expect(response!.headers()['cache-control']).toBe('private, no-store');
		expect(await page.locator('meta[name=robots]').getAttribute('content')).toContain('noindex');
		await page.waitForLoadState('networkidle');
		await expectAccessible(page);
		expect(await page.locator('.tk-code').textContent()).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		expect(await page.locator('.tk-qr svg path').count()).toBeGreaterThan(0);
		expect(await page.locator('.tk-qr').getAttribute('aria-label')).toContain('QR code');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).click()]);
		expect(download.suggestedFilename()).toBe(`${event.slug}.ics`);
		const ics = readFileSync((await download.path())!, 'utf8');
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toMatch(new RegExp(`UID:${event.id}@`));
		expect(ics.replace(/\r\n[ \t]/g, '')).toContain(`SUMMARY:${TITLE}`);
		const eventIcs = await page.request.get(`/events/${event.slug}/calendar.ics`);
		expect(eventIcs.headers()['content-type']).toContain('text/calendar');
		expect(await eventIcs.text()).toMatch(new RegExp(`UID:${event.id}@`));

		await page.getByRole('link', { name: 'Annuler mon inscription' }).click();
		await page.waitForURL(/cancel=1/);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Oui, annuler mon inscription' }).click();
		await expect.poll(() => page.locator('.alert.ok').textContent()).toContain('Votre inscription est annulée');
		expect(await page.locator('.alert.ok').textContent()).toContain('personne suivante sur la liste d');
		expect(await page.locator('.tk-dl').textContent()).toContain('Inscription annulée');
		expect(await page.locator('.tk-qr').count()).toBe(0);
		await page.context().close();

		const marc = await h.newPage();
		await marc.goto(tickets.marc);
		expect(await marc.locator('.tk-dl').textContent()).toContain('Inscription confirmée');
		expect(await marc.locator('.tk-qr svg').count()).toBe(1);
		await expect
			.poll(async () => {
				const subjects = await Promise.all(h.mails.filter((m) => m.to.includes('marc@charpente.example')).map(async (m) => (await parseMail(m)).subject));
				return subjects;
			}, { timeout: 15_000 })
			.toContain(`Une place s'est libérée : ${TITLE}`);
		await marc.context().close();
	});

	test('subscribes to the public calendar, and is asked to sign in for a members’ event', async () => {
		const feed = await fetch(`${h.baseURL}/calendar.ics`);
		expect(feed.headers.get('content-type')).toContain('text/calendar');
		const text = (await feed.text()).replace(/\r\n[ \t]/g, '');
		expect(text).toContain(`SUMMARY:${TITLE}`);
		expect(text).not.toContain('Visite réservée e2e');
		expect(await (await fetch(`${h.baseURL}/sitemap.xml`)).text()).toContain(`/events/${event.slug}</loc>`);

		const page = await h.newPage();
		await page.goto('/events');
		await page.waitForLoadState('networkidle');
		await expectAccessible(page);
		expect(await page.getByRole('link', { name: "S'abonner à l'agenda" }).last().getAttribute('href')).toMatch(/^webcal:\/\/.+\/calendar\.ics$/);
		expect(await page.locator('.ev-card', { hasText: 'Visite réservée e2e' }).count()).toBe(0);
		await page.goto(`/events/${membersEvent.slug}`);
		expect(await page.locator('h1').textContent()).toBe('Réservé aux adhérents');
		expect(await page.getByRole('link', { name: 'Se connecter' }).last().getAttribute('href')).toBe(`/login?redirectTo=${encodeURIComponent(`/events/${membersEvent.slug}`)}`);
		await expectAccessible(page);
		await page.context().close();
	});
});

describe('a signed-in person', () => {
	test('registers with the account prefilled, finds the ticket in My events, and subscribes to a personal feed', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto(`/events/${membersEvent.slug}`);
		await page.waitForLoadState('networkidle');
		expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(DEMO_ADMIN.email);
		await page.getByRole('button', { name: "M'inscrire" }).last().click();
		await expect.poll(() => page.locator('.ev-result').textContent()).toContain('Votre inscription est confirmée');

		await page.goto('/app/my-events');
		expect(await page.locator('.sidenav a[aria-current=page]').textContent()).toBe('Mes événements');
		await expectAccessible(page);
		expect(await page.locator('tbody').textContent()).toContain('Visite réservée e2e');
		const address = page.getByLabel('Adresse de votre agenda');
		const first = await address.inputValue();
		expect(first).toMatch(/\/calendar\/[\w-]+\.ics$/);
		const mine = (await (await fetch(first)).text()).replace(/\r\n[ \t]/g, '');
		expect(mine).toContain('SUMMARY:Visite réservée e2e');

		await page.getByRole('button', { name: 'Générer une nouvelle adresse' }).click();
		await expect.poll(() => address.inputValue()).not.toBe(first);
		expect((await fetch(first)).status).toBe(404);
		expect((await fetch(await address.inputValue())).status).toBe(200);
		await page.context().close();
	});
});

describe('someone using only the keyboard', () => {
	test('reaches the registration form with Tab, answers the question with the arrow keys and registers with Enter', async () => {
		const page = await h.newPage();
		await page.goto(`/events/${event.slug}`);
		await page.waitForLoadState('networkidle');
		// Tab from the top of the page until the name field has the focus.
		let reached = false;
		for (let i = 0; i < 80 && !reached; i++) {
			await page.keyboard.press('Tab');
			reached = await page.evaluate(() => document.activeElement?.getAttribute('name') === 'name');
		}
		expect(reached).toBe(true);
		await page.keyboard.type('Inès Garat');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
		await page.keyboard.type('ines@isolation.example');
		// On to the radio group of the required question: the arrow keys choose within it.
		let onRadio = false;
		for (let i = 0; i < 10 && !onRadio; i++) {
			await page.keyboard.press('Tab');
			onRadio = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio');
		}
		expect(onRadio).toBe(true);
		await page.keyboard.press('Space');
		await page.keyboard.press('ArrowDown');
		const chosen = await page.evaluate(() => (document.querySelector('input[type=radio]:checked') as HTMLInputElement | null)?.value);
		expect(chosen).toBe('Menuisier');
		await page.waitForTimeout(2600);
		await page.getByLabel('Nom et prénom').press('Enter');
		await expect.poll(() => page.locator('.ev-result').textContent()).toMatch(/liste d'attente|confirmée/);
		await page.context().close();
	});
});
