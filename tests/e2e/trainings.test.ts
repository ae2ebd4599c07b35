// Trainings and trades in the browser: a visitor searches the catalogue in French without JavaScript,
// narrows it by département, opens a training (valid label shown, expired one not) and its trade's page,
// whose video loads only when asked for with the keyboard; a school sends a request without JavaScript
// (a missing consent named beside the box, what was typed kept); the team opens it, a member volunteers,
// the team picks the member and both the school and the member are emailed. axe on each page.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, expectAccessible, signIn, parseMail, DEMO_ADMIN, type Harness } from './harness';

let h: Harness;
const MEMBER = { email: 'member@grappe.localhost', password: DEMO_ADMIN.password };
const SCHOOL = { name: 'Lycée e2e des métiers du bois', email: 'prof.e2e@lycee-bois.example' };

beforeAll(async () => {
	h = await startHarness();
});
afterEach((ctx) => {
	if (ctx.task.result?.state === 'fail') console.error(`--- server output (last lines) ---\n${h.serverLog().slice(-4000)}`);
});
afterAll(async () => {
	await h?.stop();
});

/** The first mail to `to` whose decoded subject starts with `subject`. */
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

describe('a visitor', () => {
	test('searches the catalogue in French without JavaScript, filters by département and opens a training and its trade', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/trainings');
		// "charpentes" (plural) finds the CAP Charpentier and the ossature training through their stems.
		await page.getByLabel('Mots-clés').fill('charpentes');
		await page.getByRole('button', { name: 'Rechercher' }).click();
		await page.waitForURL('**/trainings?q=charpentes**');
		const titles = () => page.locator('.tr-card h3').allTextContents();
		expect(await titles()).toEqual(expect.arrayContaining(['CAP Charpentier bois en apprentissage', 'Ossature bois : concevoir et monter les murs']));
		expect(await titles()).not.toContain('Réussir la vente de matériaux biosourcés');
		// The map's table counts per département; Corrèze (Égletons) holds the centre's trainings.
		await page.getByLabel('Département').selectOption('19');
		await page.getByLabel('Financements').selectOption('cpf');
		await page.getByRole('button', { name: 'Rechercher' }).click();
		await page.waitForURL('**departement=19**');
		expect(await titles()).toEqual(['Ossature bois : concevoir et monter les murs']);
		await page.getByRole('link', { name: 'Ossature bois : concevoir et monter les murs' }).click();
		await page.waitForURL('**/trainings/ossature-bois-**');
		expect(await page.locator('h1').textContent()).toBe('Ossature bois : concevoir et monter les murs');
		expect(await page.locator('#tp-labels + ul').textContent()).toContain('Formation recommandée Bois & Bâtiment');
		const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(jsonLd).toMatchObject({ '@type': 'Course', name: 'Ossature bois : concevoir et monter les murs', provider: { name: 'Centre de formation Bois Avenir' } });
		expect(jsonLd.hasCourseInstance.length).toBeGreaterThan(0);
		await page.getByRole('link', { name: 'Charpentier / charpentière' }).click();
		await page.waitForURL('**/trades/charpentier');
		expect(await page.locator('#td-skills + ul').textContent()).toContain('Monter des murs à ossature bois');
		expect(await page.locator('iframe').count()).toBe(0);
		// The label whose validity ended is shown nowhere.
		await page.goto('/trainings?labelled=1');
		expect(await titles()).toEqual(['Ossature bois : concevoir et monter les murs']);
		await page.goto('/trainings?q=scierie');
		await page.getByRole('link', { name: 'Scierie : classement visuel des bois de structure' }).click();
		expect(await page.locator('#tp-labels').count()).toBe(0);
		await context.close();

		// The same search through the public API (no token), and the trades in the team's order.
		const api = await (await fetch(`${h.baseURL}/api/v1/trainings?q=charpentes&departement=19&funding=cpf`)).json();
		expect(api.items.map((i: { title: string }) => i.title)).toEqual(['Ossature bois : concevoir et monter les murs']);
		expect(api.items[0].labels).toEqual(['Formation recommandée Bois & Bâtiment']);
		const trades = await (await fetch(`${h.baseURL}/api/v1/trades`)).json();
		expect(trades.slice(0, 2).map((t: { slug: string }) => t.slug)).toEqual(['menuisier', 'charpentier']);
		const doc = await (await fetch(`${h.baseURL}/api/v1/openapi.json`)).json();
		expect(doc.paths).toHaveProperty(['/trainings']);
	});

	test('the same pages pass axe, and a video loads only when asked for, with the keyboard', async () => {
		const page = await h.newPage();
		const thirdParty: string[] = [];
		await page.route('https://videos.cluster-bois.example/**', (route) => {
			thirdParty.push(route.request().url());
			return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>vidéo</title>' });
		});
		for (const path of ['/trainings?q=charpentes', '/trades', '/trades/school-request']) {
			await page.goto(path);
			await expectAccessible(page);
		}
		await page.goto('/trades/menuisier');
		await expectAccessible(page);
		expect(thirdParty).toEqual([]);
		const play = page.getByRole('button', { name: 'Lire la vidéo (PeerTube)' });
		await play.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('iframe').count()).toBe(1);
		expect(await page.locator('iframe').getAttribute('src')).toBe('https://videos.cluster-bois.example/videos/embed/menuisier-portrait-atelier');
		await expect.poll(() => thirdParty.length).toBe(1);
		await page.context().close();
	});
});

describe('a school request', () => {
	test('a school asks without JavaScript; the team opens it, a member volunteers, the team picks it and both are emailed', async () => {
		const context = await h.browser.newContext({ baseURL: h.baseURL, locale: 'fr-FR', javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/trades/charpentier');
		await page.getByRole('link', { name: 'Faire une demande' }).last().click();
		await page.waitForURL('**/trades/school-request**');
		// The trade the visitor came from is already ticked.
		expect(await page.getByLabel('Charpentier / charpentière').isChecked()).toBe(true);
		await page.getByLabel('Visite d’entreprise').check();
		await page.getByLabel('Établissement').fill(SCHOOL.name);
		await page.getByLabel('Commune').fill('Pau');
		await page.getByLabel('Votre nom').fill('Mme Duval');
		await page.getByLabel('Adresse e-mail').fill(SCHOOL.email);
		await page.getByLabel('Niveau de la classe').fill('Seconde bac pro');
		await page.getByLabel('Nombre d’élèves').fill('22');
		await page.getByLabel('Message').fill('<b>Visite</b> de l’atelier de taille, si possible.');
		// A person takes a few seconds; the form refuses what a bot posts at once.
		await page.waitForTimeout(3200);
		await page.getByRole('button', { name: 'Envoyer la demande' }).click();
		expect(await page.locator('#consent-error').textContent()).toBe('Cochez la case pour que nous puissions traiter votre demande.');
		expect(await page.getByLabel('Établissement').inputValue()).toBe(SCHOOL.name);
		await page.getByRole('checkbox', { name: /J’accepte que/ }).check();
		await page.getByRole('button', { name: 'Envoyer la demande' }).click();
		expect(await page.getByRole('heading', { name: 'Demande envoyée' }).count()).toBe(1);
		await mailTo(SCHOOL.email, 'Votre demande a bien été reçue');
		await context.close();

		// The team opens it to volunteers.
		const team = await h.newPage();
		await signIn(team);
		await team.goto('/app/trainings?status=new');
		await expectAccessible(team);
		await team.getByRole('link', { name: SCHOOL.name }).click();
		await team.waitForURL('**/app/trainings/requests/**');
		const requestUrl = team.url();
		expect(await team.locator('.rq-text').first().textContent()).toBe('<b>Visite</b> de l’atelier de taille, si possible.');
		await expectAccessible(team);
		await team.getByRole('button', { name: 'Ouvrir aux volontaires' }).click();
		await expect.poll(() => team.locator('.page-head .badge').textContent()).toBe('Ouverte aux volontaires');

		// The member sees it without the teacher's details and volunteers.
		const member = await h.newPage();
		await signIn(member, MEMBER.email, MEMBER.password);
		await member.goto('/app/trainings');
		await expectAccessible(member);
		await member.getByRole('link', { name: SCHOOL.name }).click();
		await member.waitForURL(requestUrl);
		expect(await member.content()).not.toContain(SCHOOL.email);
		await member.getByLabel('Personne à contacter').fill('Paul Lefort');
		await member.getByLabel('Téléphone').fill('06 11 22 33 44');
		await member.getByRole('button', { name: 'Je me propose' }).click();
		await expect.poll(() => member.locator('.alert.ok').textContent()).toBe('Merci ! Votre proposition est transmise à l’équipe.');
		await expectAccessible(member);

		// The team picks the member: the school gets the member's contact, the member the school's.
		await team.reload();
		await team.getByRole('button', { name: /^Choisir/ }).click();
		await expect.poll(() => team.locator('.alert.ok').textContent()).toBe('Volontaire choisi : l’établissement et l’entreprise ont reçu un e-mail.');
		const toSchool = await mailTo(SCHOOL.email, 'Une entreprise vous accueille');
		expect(toSchool.text).toContain('Paul Lefort');
		expect(toSchool.text).toContain('06 11 22 33 44');
		const toMember = await mailTo(MEMBER.email, `Vous êtes retenu pour ${SCHOOL.name}`);
		expect(toMember.text).toContain(SCHOOL.email);
		await member.reload();
		expect(await member.locator('.rq-facts').textContent()).toContain(SCHOOL.email);

		// The team's other pages: trades, a trade's page content, labels, the training form.
		for (const path of ['/app/trainings/trades', '/app/trainings/labels', '/app/trainings/new']) {
			await team.goto(path);
			await expectAccessible(team);
		}
		await team.goto('/app/trainings/trades');
		await team.getByRole('link', { name: 'Charpentier / charpentière' }).click();
		await team.waitForURL('**/app/trainings/trades/**');
		await expectAccessible(team);
		await team.context().close();
		await member.context().close();
	});
});
