// A business-meeting day in the browser: the organizer sets slots and tables, adds registrants, accepts
// requests on their behalf, computes a schedule proven optimal, moves and pins a meeting (refused moves
// named beside the field), publishes; participants join, browse, request meetings, see and download
// their agenda (.ics, PDF) and say afterwards whether it may lead to business. axe-core on every page.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startHarness, expectAccessible, signIn, DEMO_ADMIN, type Harness } from './harness';

let h: Harness;
const TITLE = 'Rendez-vous d’affaires e2e : la forêt et ses métiers';
const MEMBER = 'member@grappe.localhost';
let event: { id: string; slug: string };
let base = '';
/** The people the organizer adds, with what they offer. */
const GUESTS = [
	{ name: 'Léa Dubernet', email: 'lea@scierie-e2e.fr', organization: 'Scierie d’Aquitaine e2e', offers: 'Sciage de pin maritime et de douglas' },
	{ name: 'Marc Lafitte', email: 'marc@charpentes-e2e.fr', organization: 'Charpentes Lafitte', offers: 'Charpente traditionnelle et lamellé-collé' },
	{ name: 'Sophie Arrieta', email: 'sophie@ossature-e2e.fr', organization: 'Ossature Arrieta', offers: 'Maisons à ossature bois' },
	{ name: 'Paul Œuvrard', email: 'paul@menuiserie-e2e.fr', organization: 'Menuiserie Œuvrard', offers: 'Menuiseries extérieures' }
];

/** A France wall-clock date and time `days` from today, as the API reads it. */
const inDays = (days: number, hour: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + `T${String(hour).padStart(2, '0')}:00`;

async function api(cookie: string, method: string, path: string, body?: unknown) {
	const res = await fetch(`${h.baseURL}${path}`, { method, headers: { 'content-type': 'application/json', cookie, origin: h.baseURL }, body: body ? JSON.stringify(body) : undefined });
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
	return res.json();
}

beforeAll(async () => {
	h = await startHarness();
	const signedIn = await fetch(`${h.baseURL}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: h.baseURL }, body: JSON.stringify(DEMO_ADMIN) });
	const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	event = await api(cookie, 'POST', '/api/v1/events', {
		title: TITLE,
		kindId: 'business_meetings',
		startsAt: inDays(3, 8),
		endsAt: inDays(3, 18),
		venue: 'Parc des expositions',
		postalCode: '33300',
		communeName: 'Bordeaux',
		audience: 'members',
		status: 'published',
		hasBusinessMeetings: true
	});
	base = `/app/events/${event.id}/meetings`;
	for (const p of [{ name: 'Compte adhérent (démo)', email: MEMBER }, { name: 'Hélène Marsac', email: DEMO_ADMIN.email }, ...GUESTS])
		await api(cookie, 'POST', `/api/v1/events/${event.id}/registrations`, { name: p.name, email: p.email, organization: 'organization' in p ? p.organization : undefined });
	// The day took place yesterday (registrations close when an event starts): the meetings are over by the
	// time the schedule is published, so the participants can say how they went.
	await api(cookie, 'PATCH', `/api/v1/events/${event.id}`, { startsAt: inDays(-1, 8), endsAt: inDays(-1, 18) });
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

/** Goes to a page and waits for it to hydrate (hydration would reset what was typed before it). */
async function open(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
}

const card = (page: Page, name: string) => page.locator('.person-card', { hasText: name });
const meetingRow = (page: Page, name: string) => page.locator('table.meetings tbody tr', { hasText: name });

async function requestMeeting(page: Page, name: string, priority: string, message = '') {
	const c = card(page, name);
	await c.getByText('Demander un rendez-vous').click();
	if (message) await c.getByLabel('Message (facultatif)').fill(message);
	await c.getByLabel('Priorité').selectOption({ label: priority });
	await c.getByRole('button', { name: 'Envoyer la demande' }).click();
	await c.locator('.badge').waitFor();
	return (await c.locator('.badge').textContent()) ?? '';
}

describe('a business-meeting day', () => {
	test('the organizer sets the slots and tables, a bad break named beside its field, and adds registrants', async () => {
		const page = await h.newPage();
		await signIn(page);
		await open(page, `/app/events/${event.id}`);
		await page.getByRole('link', { name: "Rendez-vous d'affaires" }).click();
		await page.waitForURL(`**${base}`);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('h1').textContent()).toBe("Rendez-vous d'affaires");
		await expectAccessible(page);

		await page.getByLabel('Nombre de tables').fill('3');
		await page.getByLabel('Début du premier rendez-vous').fill('09:00');
		await page.getByLabel("Durée d'un rendez-vous (minutes)").fill('20');
		await page.getByLabel('Battement entre deux rendez-vous (minutes)').fill('5');
		await page.getByLabel('Nombre de créneaux').fill('6');
		await page.getByLabel('Pause déjeuner : début').fill('10:40');
		await page.getByLabel('Pause déjeuner : fin').fill('10:00');
		await page.getByRole('button', { name: 'Enregistrer les créneaux' }).click();
		await expect.poll(() => page.locator('#cfg-breakEnd-error').textContent()).toContain('La fin doit suivre le début');
		expect(await page.getByLabel('Nombre de tables').inputValue()).toBe('3');
		await expectAccessible(page);

		await page.getByLabel('Pause déjeuner : fin').fill('11:00');
		await page.getByRole('button', { name: 'Enregistrer les créneaux' }).click();
		await expect.poll(() => page.locator('#settings .alert.ok').textContent()).toContain('6 créneau(x)');
		const slots = (await page.locator('ol.slots li').allTextContents()).map((s) => s.trim());
		expect(slots).toEqual(['09:00 – 09:20', '09:25 – 09:45', '09:50 – 10:10', '10:15 – 10:35', 'Pause · 10:35 – 11:00', '11:00 – 11:20', '11:25 – 11:45']);

		// The organizer adds the four guests, with what they offer (the member and the admin join themselves).
		for (const g of GUESTS) {
			if (!(await page.locator('details.add').evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText('Ajouter un inscrit aux rendez-vous').click();
			await page.getByLabel('Personne inscrite').selectOption({ label: `${g.name} (${g.organization})` });
			await page.locator('#add-offers').fill(g.offers);
			await page.getByRole('button', { name: 'Ajouter aux rendez-vous' }).click();
			await expect.poll(() => page.locator('#participants tbody').textContent()).toContain(g.name);
		}
		const options = await page.getByLabel('Personne inscrite').locator('option').allTextContents();
		expect(options.some((o) => o.includes('Léa Dubernet'))).toBe(false);
		expect(await page.locator('#participants tbody tr').count()).toBe(4);
		await expectAccessible(page);
		await page.context().close();
	});

	test('participants join with their availability, search the catalogue and request meetings', async () => {
		const member = await h.newPage();
		await signIn(member, MEMBER, DEMO_ADMIN.password);
		await open(member, `/app/meetings/${event.id}`);
		expect(await member.locator('#profile h2').textContent()).toBe('Participer aux rendez-vous');
		await expectAccessible(member);
		await member.getByLabel('Ce que je propose').fill('Bureau d’études bois : calepinage, notes de calcul');
		await member.getByLabel('Ce que je recherche').fill('Scieries locales, charpentiers');
		const boxes = member.getByRole('group', { name: 'Mes disponibilités' }).getByRole('checkbox');
		expect(await boxes.count()).toBe(6);
		for (const box of await boxes.all()) expect(await box.isChecked()).toBe(true);
		await member.getByLabel('11:25 – 11:45').uncheck();
		await member.getByRole('button', { name: 'Participer aux rendez-vous' }).click();
		await expect.poll(() => member.locator('#profile .alert.ok').textContent()).toContain('Profil enregistré');
		expect(await member.getByLabel('11:25 – 11:45').isChecked()).toBe(false);
		await expectAccessible(member);

		const admin = await h.newPage();
		await signIn(admin);
		await open(admin, `/app/meetings/${event.id}`);
		await admin.getByLabel('Ce que je propose').fill('Animation de la filière');
		await admin.getByRole('button', { name: 'Participer aux rendez-vous' }).click();
		await expect.poll(() => admin.locator('#profile .alert.ok').textContent()).toContain('Profil enregistré');

		// Search, then request with a priority.
		await open(member, `/app/meetings/${event.id}`);
		await member.getByLabel('Rechercher un participant').fill('charpente');
		await member.getByRole('button', { name: 'Rechercher', exact: true }).click();
		await member.waitForURL(/q=charpente/);
		await expect.poll(() => member.locator('.person-card').count()).toBe(1);
		expect(await member.locator('.person-card h3').textContent()).toBe('Marc Lafitte');
		expect(await requestMeeting(member, 'Marc Lafitte', 'Indispensable', 'Parlons lamellé-collé <b>et</b> délais')).toContain('Demande envoyée');
		await open(member, `/app/meetings/${event.id}`);
		expect(await card(member, 'Marc Lafitte').locator('.badge').textContent()).toContain('en attente');
		for (const [name, priority] of [['Léa Dubernet', 'Important'], ['Sophie Arrieta', 'Souhaitable'], ['Paul Œuvrard', 'Important'], ['Hélène Marsac', 'Important']])
			await requestMeeting(member, name, priority);
		expect(await member.locator('#my-requests').textContent()).toContain('Envoyées (5)');
		// Messages are text, never markup.
		expect(await member.locator('#my-requests .message').first().textContent()).toContain('<b>et</b>');
		await expectAccessible(member);

		// Hélène was asked: she accepts; she asks Léa, who will answer through the organizer.
		await open(admin, `/app/meetings/${event.id}`);
		expect(await card(admin, 'Compte adhérent (démo)').textContent()).toContain('Vous demande un rendez-vous');
		await card(admin, 'Compte adhérent (démo)').getByRole('button', { name: /^Accepter/ }).click();
		await expect.poll(() => card(admin, 'Compte adhérent (démo)').textContent()).toContain('Rendez-vous accepté');
		await requestMeeting(admin, 'Léa Dubernet', 'Indispensable');
		await expectAccessible(admin);
		await member.context().close();
		await admin.context().close();
	});

	test('the organizer accepts on behalf, computes an optimal schedule, moves and pins meetings, publishes', async () => {
		const page = await h.newPage();
		await signIn(page);
		await open(page, `${base}?requests=pending#requests`);
		const pending = page.locator('#requests tbody tr');
		expect(await pending.count()).toBe(5);
		await pending.filter({ hasText: 'Paul Œuvrard' }).getByRole('button', { name: /^Décliner/ }).click();
		await expect.poll(() => page.locator('#requests .alert.ok').textContent()).toContain('Demande déclinée');
		while ((await page.locator('#requests tbody button', { hasText: 'Accepter' }).count()) > 0) {
			const before = await page.locator('#requests tbody button', { hasText: 'Accepter' }).count();
			await page.locator('#requests tbody button', { hasText: 'Accepter' }).first().click();
			await expect.poll(() => page.locator('#requests tbody button', { hasText: 'Accepter' }).count()).toBe(before - 1);
		}

		await page.getByRole('button', { name: 'Calculer le planning' }).click();
		await expect.poll(() => page.locator('.run-stats').textContent(), { timeout: 30_000 }).toContain('Planning optimal (prouvé)');
		const stats = (await page.locator('.run-stats').textContent()) ?? '';
		expect(stats).toContain('5 rendez-vous placé(s) sur 5 accepté(s)');
		expect(stats).toContain('0 participant(s) avec au moins une demande acceptée mais aucun rendez-vous');
		const grid = page.locator('table.grid');
		expect(await grid.locator('caption').textContent()).toContain('5 rendez-vous');
		expect(await grid.locator('thead th').allTextContents()).toEqual(['Créneau', 'Table 1', 'Table 2', 'Table 3']);
		expect(await grid.locator('tbody th[scope=row]').count()).toBe(6);
		await expectAccessible(page);

		// Moving the member's meeting with Marc: refused where the member is busy or away, then done.
		const marc = meetingRow(page, 'Marc Lafitte');
		const memberSlots = (await meetingRow(page, 'Compte adhérent').locator('td:first-child').allTextContents()).map((s) => s.trim());
		const marcSlot = ((await marc.locator('td').first().textContent()) ?? '').trim();
		const busy = memberSlots.find((s) => s !== marcSlot)!;
		await marc.getByLabel(/^Créneau pour/).selectOption({ label: busy });
		await marc.getByRole('button', { name: /^Déplacer/ }).click();
		await expect.poll(() => marc.locator('.error').textContent()).toContain('a déjà un rendez-vous sur ce créneau');
		await marc.getByLabel(/^Créneau pour/).selectOption({ label: '11:25 – 11:45' });
		await marc.getByRole('button', { name: /^Déplacer/ }).click();
		await expect.poll(() => marc.locator('.error').textContent()).toContain("n'est pas disponible sur ce créneau");
		// What was chosen stays chosen beside its error.
		expect(await marc.getByLabel(/^Créneau pour/).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('11:25 – 11:45');
		await expectAccessible(page);
		const free = ['09:00 – 09:20', '09:25 – 09:45', '09:50 – 10:10', '10:15 – 10:35', '11:00 – 11:20'].find((s) => !memberSlots.includes(s))!;
		await marc.getByLabel(/^Créneau pour/).selectOption({ label: free });
		await marc.getByLabel(/^Table pour/).fill('3');
		await marc.getByRole('button', { name: /^Déplacer/ }).click();
		await expect.poll(() => page.locator('#schedule .alert.ok').textContent()).toContain('Rendez-vous placé table 3 et épinglé');
		expect(await meetingRow(page, 'Marc Lafitte').locator('td').first().textContent()).toBe(free);
		expect(await meetingRow(page, 'Marc Lafitte').getByRole('button', { name: /^Désépingler/ }).count()).toBe(1);

		// Pin another one; computing again keeps both where they are.
		const sophie = meetingRow(page, 'Sophie Arrieta');
		const sophieAt = await sophie.locator('td').first().textContent();
		await sophie.getByRole('button', { name: /^Épingler/ }).click();
		await expect.poll(() => meetingRow(page, 'Sophie Arrieta').getByRole('button', { name: /^Désépingler/ }).count()).toBe(1);
		await page.getByRole('button', { name: 'Calculer le planning' }).click();
		await expect.poll(() => page.locator('.run-stats').textContent(), { timeout: 30_000 }).toContain('2 rendez-vous épinglé(s)');
		expect(await meetingRow(page, 'Marc Lafitte').locator('td').first().textContent()).toBe(free);
		expect(await meetingRow(page, 'Sophie Arrieta').locator('td').first().textContent()).toBe(sophieAt);

		await page.getByRole('button', { name: 'Publier le planning' }).click();
		await expect.poll(() => page.locator('#schedule .alert.ok').textContent()).toContain('Planning publié');
		expect(await page.locator('.page-head .badge').first().textContent()).toBe('Planning publié');
		await expectAccessible(page);

		// The member's agenda as the organizer sees it, the table signs and their PDF.
		await page.locator('#participants tr', { hasText: 'Marc Lafitte' }).getByRole('link', { name: /Agenda/ }).click();
		await page.waitForURL(/\/agenda\//);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('h1').textContent()).toBe('Agenda de Marc Lafitte');
		expect(await page.locator('.agenda li').count()).toBe(1);
		expect(await page.locator('.agenda').textContent()).toContain('Table 3');
		await expectAccessible(page);
		await open(page, `${base}/tables`);
		expect(await page.locator('.sign h2').allTextContents()).toContain('Table 3');
		expect(await page.locator('.sign', { hasText: 'Table 3' }).textContent()).toContain('Marc Lafitte · Charpentes Lafitte');
		await expectAccessible(page);
		const pdf = await page.request.get(`${base}/tables.pdf`);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		const body = await pdf.body();
		expect(body.subarray(0, 5).toString()).toBe('%PDF-');
		expect(body.toString('latin1').match(/\/Type \/Page\n/g)?.length).toBe(new Set((await page.locator('.sign h2').allTextContents())).size);
		await page.context().close();
	});

	test('a participant sees and downloads the agenda, and says afterwards how each meeting went', async () => {
		const page = await h.newPage();
		await signIn(page, MEMBER, DEMO_ADMIN.password);
		await open(page, `/app/meetings/${event.id}`);
		const items = page.locator('#agenda .agenda > li');
		expect(await items.count()).toBe(4);
		const agendaText = (await page.locator('#agenda').textContent()) ?? '';
		for (const who of ['Charpentes Lafitte', 'Scierie d’Aquitaine e2e', 'Ossature Arrieta', 'Hélène Marsac']) expect(agendaText).toContain(who);
		expect(agendaText).not.toContain('Menuiserie Œuvrard');
		// Requests close with the published schedule.
		expect(await page.getByText('Demander un rendez-vous').count()).toBe(0);
		await expectAccessible(page);

		const [ics] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).click()]);
		const icsText = readFileSync((await ics.path())!, 'utf8');
		expect(icsText.startsWith('BEGIN:VCALENDAR')).toBe(true);
		expect(icsText.match(/BEGIN:VEVENT/g)).toHaveLength(4);
		expect(icsText.replace(/\r\n /g, '')).toContain('SUMMARY:Rendez-vous d\'affaires avec Marc Lafitte (Charpentes Lafitte)');
		expect(icsText).toMatch(/DTSTART:\d{8}T\d{6}Z/);
		const icsAnswer = await page.request.get(`/app/meetings/${event.id}/agenda.ics`);
		expect(icsAnswer.headers()['content-type']).toContain('text/calendar');
		const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en PDF' }).click()]);
		expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
		expect((await page.request.get(`/app/meetings/${event.id}/agenda.pdf`)).headers()['content-type']).toBe('application/pdf');

		// The meetings are over: one feedback form each. A missing answer is named in its form.
		const withMarc = items.filter({ hasText: 'Charpentes Lafitte' });
		await withMarc.getByText('Donner mon avis sur ce rendez-vous').click();
		await withMarc.getByRole('button', { name: /^Enregistrer mon avis/ }).click();
		await expect.poll(() => withMarc.locator('fieldset .error').first().textContent()).toContain('Ce champ est obligatoire');
		await expectAccessible(page);
		await withMarc.getByRole('group', { name: 'Le rendez-vous a-t-il eu lieu ?' }).getByLabel('Oui').check();
		await withMarc.getByRole('group', { name: 'Peut-il déboucher sur du business ?' }).getByLabel('Peut-être').check();
		await withMarc.getByLabel('Commentaire (facultatif)').fill('Devis de charpente à suivre');
		await withMarc.getByRole('button', { name: /^Enregistrer mon avis/ }).click();
		await expect.poll(() => withMarc.locator('.alert.ok').textContent()).toContain('votre avis est enregistré');
		expect(await withMarc.locator('.fb-summary').textContent()).toContain('A eu lieu · business : Peut-être');

		// On a phone too.
		await page.setViewportSize({ width: 390, height: 844 });
		await open(page, `/app/meetings/${event.id}`);
		await expectAccessible(page);
		await page.context().close();

		const admin = await h.newPage();
		await signIn(admin);
		await open(admin, base);
		const figure = (label: string) => admin.locator('#report dl > div', { hasText: label }).locator('dd').textContent();
		expect(await figure('Rendez-vous tenus')).toBe('1');
		expect(await figure('Rendez-vous avec un avis')).toBe('1');
		expect((await figure('Peut déboucher sur du business'))?.replace(/\s+/g, ' ')).toContain('Peut-être 1');
		await admin.context().close();
	});

	test('someone not registered is told how to take part instead of being refused', async () => {
		const page = await h.newPage();
		await signIn(page, MEMBER, DEMO_ADMIN.password);
		await open(page, '/events');
		// The demo's business-meeting day: the member account is not among its registrants.
		const demo = page.locator('a', { hasText: 'Rencontres d’affaires de la filière bois' }).first();
		const slug = ((await demo.getAttribute('href')) ?? '').split('/').pop()!;
		const res = await page.goto(`/app/meetings/${slug}`);
		await page.waitForLoadState('networkidle');
		expect(res?.status()).toBe(200);
		expect(await page.locator('main h2').first().textContent()).toBe('Réservé aux inscrits');
		expect(await page.getByRole('link', { name: "Voir l'événement et s'inscrire" }).getAttribute('href')).toBe(`/events/${slug}`);
		await expectAccessible(page);
		await page.context().close();
	});
});
