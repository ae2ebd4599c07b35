// A trade show in the browser: the team sets the shared stand, a member applies to exhibit and the team
// accepts it (the member is emailed), badges are requested, approved and exported for the organizer, the
// public event page lists the exhibitor, and two registrants share a car (one of them without JavaScript):
// contact details appear only once the seat is booked, and withdrawing the offer emails the passenger.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { startHarness, expectAccessible, signIn, parseMail, DEMO_ADMIN, type Harness } from './harness';

let h: Harness;
const TITLE = 'Salon e2e de la construction bois';
const MEMBER = { email: 'member@grappe.localhost', password: DEMO_ADMIN.password };
const PARTNER = { email: 'partner@grappe.localhost', password: DEMO_ADMIN.password };
const PRODUCTS = 'Charpentes en douglas et maisons à ossature bois';
let event: { id: string; slug: string };
let day: string;

beforeAll(async () => {
	h = await startHarness();
	const signedIn = await fetch(`${h.baseURL}/api/auth/sign-in/email`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: h.baseURL },
		body: JSON.stringify(DEMO_ADMIN)
	});
	const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
	const res = await fetch(`${h.baseURL}/api/v1/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ title: TITLE, kindId: 'trade_show', startsAt: `${day}T09:00`, endsAt: `${day}T18:00`, venue: 'Parc des expositions', postalCode: '64000', communeName: 'Pau', audience: 'public', status: 'published' })
	});
	expect(res.status).toBe(201);
	event = await res.json();
});
/** The first mail to `to` whose decoded subject starts with `subject` (subjects travel encoded). */
async function mailTo(to: string, subject: string) {
	const end = Date.now() + 15_000;
	for (;;) {
		for (const m of h.mails.filter((x) => x.to.includes(to))) {
			const parsed = await parseMail(m);
			if (parsed.subject.startsWith(subject)) return parsed;
		}
		if (Date.now() > end) {
			const got = await Promise.all(h.mails.filter((x) => x.to.includes(to)).map(async (x) => (await parseMail(x)).subject));
			throw new Error(`no mail "${subject}…" for ${to} (got: ${got.join(' | ')})`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

describe('the shared stand', () => {
	test('the team sets the stand from the event dashboard, naming a wrong field beside it', async () => {
		const page = await h.newPage();
		await signIn(page);
		await page.goto(`/app/events/${event.id}`);
		await page.getByRole('link', { name: 'Salon : stand et badges' }).click();
		await page.waitForURL(`**/app/events/${event.id}/trade-show`);
		expect(await page.locator('.alert.warn').textContent()).toContain("n'a pas encore de stand collectif");
		await expectAccessible(page);
		await page.getByLabel('Nom ou numéro du stand').fill('Stand collectif C7');
		await page.getByLabel('Hall', { exact: true }).fill('3');
		await page.getByLabel("Places d'exposants").fill('0');
		await page.getByLabel("Prix d'une place (€ HT)").fill('450');
		await page.getByLabel('Badges exposant par entreprise').fill('2');
		await page.getByRole('button', { name: 'Enregistrer le stand' }).click();
		await expect.poll(() => page.locator('#stand-places-error').textContent()).toBe('Indiquez entre 1 et 1 000 places.');
		expect(await page.getByLabel('Nom ou numéro du stand').inputValue()).toBe('Stand collectif C7');
		await page.getByLabel("Places d'exposants").fill('2');
		await page.getByRole('button', { name: 'Enregistrer le stand' }).click();
		await expect.poll(() => page.locator('#stand .alert.ok').textContent()).toBe('Stand enregistré.');
		expect(await page.locator('.stat').first().textContent()).toContain('0\u00a0/ 2');
		await expectAccessible(page);
		await page.context().close();
	});

	test('a member applies to exhibit, the team accepts, the member is emailed and requests badges within the limit', async () => {
		const member = await h.newPage();
		await signIn(member, MEMBER.email, MEMBER.password);
		await member.goto('/app/my-events');
		await member.getByRole('link', { name: 'Salons : stand collectif, badges et covoiturage' }).click();
		await member.getByRole('link', { name: TITLE, exact: true }).click();
		await member.waitForURL(`**/app/trade-shows/${event.id}`);
		expect(await member.locator('dl.facts').textContent()).toContain('2 libres sur 2');
		await expectAccessible(member);
		await member.getByRole('button', { name: 'Envoyer ma candidature' }).click();
		await expect.poll(() => member.locator('#apply-products-error').textContent()).toBe('Ce champ est obligatoire.');
		await member.getByLabel('Produits ou savoir-faire présentés').fill(PRODUCTS);
		await member.getByLabel('Électricité').check();
		await member.getByRole('button', { name: 'Envoyer ma candidature' }).click();
		await expect.poll(() => member.locator('#apply .alert.ok').textContent()).toContain('Candidature envoyée');
		expect(await member.locator('#apply .application').textContent()).toMatch(/Votre candidature\s*En attente/);

		const team = await h.newPage();
		await signIn(team);
		await team.goto(`/app/events/${event.id}/trade-show`);
		const row = team.locator('#applications tbody tr', { hasText: PRODUCTS });
		expect(await row.textContent()).toContain('Électricité');
		const organization = (await row.locator('td').first().locator('strong').textContent())!.trim();
		await row.getByLabel(/Message à l'entreprise/).fill('Montage la veille à 14 h');
		await row.getByRole('button', { name: `Accepter la candidature de ${organization}` }).click();
		await expect.poll(() => team.locator('#applications .alert.ok').textContent()).toBe(`Candidature de ${organization} acceptée.`);
		await expectAccessible(team);
		const mail = await mailTo(MEMBER.email, `Candidature acceptée : ${TITLE}`);
		expect(mail.text).toContain('Montage la veille à 14 h');

		await member.reload();
		expect(await member.locator('#apply').textContent()).toContain('Votre entreprise expose sur le stand');
		for (const [first, last] of [['Jeanne', 'Exposante'], ['Marc', 'Monteur'], ['Trop', 'Nombreux']]) {
			await member.locator('#badge-firstName').fill(first);
			await member.locator('#badge-lastName').fill(last);
			await member.locator('#badge-email').fill(`${first}.${last}@exemple.fr`.toLowerCase());
			await member.getByLabel('Type de badge').selectOption('exhibitor');
			await member.getByRole('button', { name: 'Demander le badge' }).click();
			if (first === 'Trop') await expect.poll(() => member.locator('#badges .alert.error').textContent()).toBe('Limite atteinte : 2 badges exposant par entreprise.');
			else await expect.poll(() => member.locator('#badges .alert.ok').textContent()).toBe(`Badge demandé pour ${first} ${last}.`);
		}
		expect(await member.locator('#badges tbody tr').count()).toBe(2);
		await expectAccessible(member);

		await team.reload();
		await team.getByRole('button', { name: 'Approuver le badge de Jeanne Exposante' }).click();
		await expect.poll(() => team.locator('#badges .alert.ok').textContent()).toBe('Badge de Jeanne Exposante approuvé.');
		const [download] = await Promise.all([team.waitForEvent('download'), team.getByRole('link', { name: 'Exporter les badges approuvés (CSV)' }).click()]);
		expect(download.suggestedFilename()).toBe(`badges-${event.slug}.csv`);
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.slice(1).split('\r\n').filter(Boolean)).toEqual(['Nom;Prénom;Organisation;E-mail;Type de badge;Stand', `Exposante;Jeanne;${organization};jeanne.exposante@exemple.fr;Exposant;Stand collectif C7 (3)`]);

		const visitor = await h.newPage();
		await visitor.goto(`/events/${event.slug}`);
		const exhibitors = visitor.getByRole('region', { name: 'Exposants du stand collectif' });
		expect(await exhibitors.textContent()).toContain(organization);
		expect(await exhibitors.textContent()).toContain(PRODUCTS);
		await expectAccessible(visitor);
		for (const p of [member, team, visitor]) await p.context().close();
	});
});

describe('the carpooling board', () => {
	test('a driver offers seats, a passenger books without JavaScript and sees the driver’s contact, the withdrawal is emailed', async () => {
		const driver = await h.newPage();
		await signIn(driver, MEMBER.email, MEMBER.password);
		await driver.goto(`/app/trade-shows/${event.id}/carpooling`);
		expect(await driver.locator('main').textContent()).toContain('réservé aux personnes inscrites');
		await driver.getByRole('link', { name: "S'inscrire à l'événement" }).click();
		await driver.waitForLoadState('networkidle');
		await driver.getByRole('button', { name: "M'inscrire" }).last().click();
		await expect.poll(() => driver.locator('.ev-result').textContent()).toContain('Votre inscription est confirmée');
		await driver.goto(`/app/trade-shows/${event.id}/carpooling`);
		await driver.getByLabel('Commune de départ').first().fill('Atlantide');
		await driver.locator('#offer-seats').fill('2');
		await driver.getByLabel('Être contacté par').selectOption('phone');
		await driver.getByRole('button', { name: 'Proposer ces places' }).click();
		await expect.poll(() => driver.locator('#offer-fromCommune-error').textContent()).toBe("Commune inconnue : vérifiez l'orthographe ou ajoutez le code postal.");
		expect(await driver.locator('#offer-phone-error').textContent()).toBe('Indiquez un téléphone pour être contacté par téléphone.');
		await driver.getByLabel('Commune de départ').first().fill('mont de marsan');
		await driver.getByLabel('Téléphone', { exact: true }).fill('06 39 98 00 01');
		await driver.getByLabel('Remarque (facultatif)').first().fill('Départ parking de la gare');
		await driver.getByRole('button', { name: 'Proposer ces places' }).click();
		await expect.poll(() => driver.locator('#board-messages .alert.ok').textContent()).toBe('Places proposées.');
		expect(await driver.locator('#my-rides').textContent()).toContain('Vous conduisez depuis Mont-de-Marsan');
		await expectAccessible(driver);

		// The passenger has no JavaScript: every form still works.
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		context.setDefaultTimeout(60_000);
		const passenger = await context.newPage();
		await signIn(passenger, PARTNER.email, PARTNER.password);
		await passenger.goto(`/events/${event.slug}`);
		await passenger.getByRole('button', { name: "M'inscrire" }).last().click();
		expect(await passenger.locator('.ev-result').textContent()).toContain('Votre inscription est confirmée');
		await passenger.goto(`/app/trade-shows/${event.id}/carpooling`);
		const offer = passenger.locator('#offers li', { hasText: 'Depuis Mont-de-Marsan' });
		expect(await offer.textContent()).toContain('Au volant : Compte');
		expect(await offer.textContent()).toContain('Places libres : 2 sur 2');
		expect(await passenger.locator('main').textContent()).not.toContain(MEMBER.email);
		expect(await passenger.locator('main').textContent()).not.toContain('06 39 98 00 01');
		await offer.getByLabel('Votre téléphone (facultatif)').fill('06 39 98 00 02');
		await offer.getByRole('button', { name: 'Réserver une place avec Compte depuis Mont-de-Marsan' }).click();
		expect(await passenger.locator('#board-messages .alert.ok').textContent()).toContain('Place réservée');
		const ride = await passenger.locator('#my-rides').textContent();
		expect(ride).toContain(MEMBER.email);
		expect(ride).toContain('06 39 98 00 01');
		const booked = await mailTo(MEMBER.email, `Compte partenaire (démo) a réservé une place : ${TITLE}`);
		expect(booked.text).toContain(PARTNER.email);
		expect(booked.text).toContain('06 39 98 00 02');

		await driver.reload();
		expect(await driver.locator('#my-rides').textContent()).toContain(PARTNER.email);
		await driver.getByRole('button', { name: 'Retirer mon annonce' }).click();
		await expect.poll(() => driver.locator('#board-messages .alert.ok').textContent()).toContain('Annonce retirée');
		const withdrawn = await mailTo(PARTNER.email, `Covoiturage annulé : ${TITLE}`);
		expect(withdrawn.text).toContain('Compte a retiré son trajet depuis Mont-de-Marsan');
		// (A reload would send the last form again: this page was the answer to a POST.)
		await passenger.goto(`/app/trade-shows/${event.id}/carpooling`);
		expect(await passenger.locator('#offers').textContent()).toContain('Aucune place proposée');
		await context.close();
		await driver.context().close();
	});
});
