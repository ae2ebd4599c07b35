// The job board on a real engine: who may write which offer, the moderation flow and its e-mails,
// expiry (query-time and the periodic job), the French search with its filters and "near", the
// JobPosting JSON-LD and the RSS/Atom feeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { xml2js } from 'xml-js';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { jsonLdScript } from '../showcase/jsonld';
import { jobOffers } from './schema';
import {
	createOffer,
	expireOffers,
	getEmploymentSettings,
	getOffer,
	getPublicOffer,
	listOffers,
	markOfferFilled,
	moderateOffer,
	publicOffersOf,
	republishOffer,
	saveEmploymentSettings,
	searchOffers,
	submitOffer,
	updateOffer
} from './service';
import { jobPostingJsonLd } from './jsonld';
import { offersFeed } from './feeds';

let database: Database;
let db: Db;
let team: Actor;
let member: Actor;
let memberEmail: string;
let memberOrg: string;
let other: Actor;
let otherOrg: string;
let partner: Actor;
const ctx = { baseUrl: 'https://grappe.example' };
const DAY = 86_400_000;

function offer(overrides: Record<string, unknown> = {}) {
	return {
		title: 'Menuisier poseur',
		tradeId: 'trade-menuisier',
		competencyIds: [],
		description: 'Pose de menuiseries extérieures en bois et aluminium sur chantiers de rénovation.',
		commune: 'Mont-de-Marsan',
		contractKind: 'permanent',
		workingTime: 'full_time',
		weeklyHours: '35',
		salaryMin: '26 000',
		salaryMax: '32 000',
		salaryPeriod: 'year',
		startAsap: 'on',
		applyMethod: 'platform',
		...overrides
	};
}

async function mails(to: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => m.to === to);
}

function issuePaths(e: unknown): string[] {
	expect(e).toBeInstanceOf(InvalidError);
	return (e as InvalidError).issues.map((i) => i.path);
}

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	await db.execute(sql`insert into trades (id, position, name, slug) values
		('trade-menuisier', 1, 'Menuisier / menuisière', 'menuisier'),
		('trade-charpentier', 2, 'Charpentier / charpentière', 'charpentier')
		on conflict do nothing`);
	await db.execute(sql`insert into competencies (id, name, position) values ('comp-cao', 'Conception assistée par ordinateur', 1) on conflict do nothing`);
	team = (await makeTeamUser(db)).actor;
	const org = await makeOrganization(db, { name: 'Menuiseries Landaises', status: 'member', website: 'https://menuiseries-landaises.fr', email: 'contact@menuiseries-landaises.fr' });
	memberOrg = org.id;
	const m = await makeMemberUser(db, org.id);
	member = m.actor;
	memberEmail = m.user.email;
	otherOrg = (await makeOrganization(db, { name: 'Charpentes du Béarn', status: 'member' })).id;
	other = (await makeMemberUser(db, otherOrg)).actor;
	partner = (await makeMemberUser(db, otherOrg, { role: 'partner' })).actor;
});
afterAll(() => database?.close());

describe('writing offers', () => {
	it('names each wrong field', async () => {
		const e = await createOffer(
			db,
			member,
			offer({ title: '', description: 'court', commune: 'Nullepart-sur-Mer', contractKind: 'cdi', salaryMin: '40000', salaryMax: '30000', startAsap: '', applyMethod: 'email', applyEmail: 'pas-une-adresse' }),
			{ submit: true }
		).catch((x) => x);
		expect(issuePaths(e).sort()).toEqual(['applyEmail', 'commune', 'contractKind', 'description', 'salaryMax', 'startDate', 'title']);
		const e2 = await createOffer(db, member, offer({ salaryMin: '40000', salaryMax: '30000', startAsap: '', workingTime: 'part_time', weeklyHours: '' }), { submit: true }).catch((x) => x);
		expect(issuePaths(e2).sort()).toEqual(['salaryMax', 'startDate', 'weeklyHours']);
	});

	it('lets a member post only for its own organization, and partners not at all', async () => {
		const mine = await createOffer(db, member, offer({ organizationId: otherOrg }), { submit: false }).catch((x) => x);
		expect(mine).toBeInstanceOf(ForbiddenError);
		await expect(createOffer(db, partner, offer(), { submit: false })).rejects.toBeInstanceOf(ForbiddenError);
		const draft = await createOffer(db, member, offer({ title: 'Agenceur de magasins' }), { submit: false });
		expect(draft.status).toBe('draft');
		const [row] = await db.select().from(jobOffers).where(eq(jobOffers.id, draft.id));
		expect(row.organizationId).toBe(memberOrg);
		expect(row.salaryMinCents).toBe(2_600_000);
		expect(row.communeInsee).toBe('40192');
		expect(row.departementCode).toBe('40');
		expect(row.lat).not.toBeNull();
		// Another organization's member neither reads nor changes it.
		await expect(getOffer(db, other, draft.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateOffer(db, other, draft.id, offer({ title: 'Piraté' }), { submit: false })).rejects.toBeInstanceOf(NotFoundError);
		await expect(markOfferFilled(db, other, draft.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(submitOffer(db, other, draft.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listOffers(db, other)).map((o) => o.id)).not.toContain(draft.id);
		expect((await listOffers(db, member)).map((o) => o.id)).toContain(draft.id);
		// The team may, and a member may not moderate.
		await expect(moderateOffer(db, member, draft.id, { decision: 'publish' }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(saveEmploymentSettings(db, member, { retentionDays: 30, moderation: '' })).rejects.toBeInstanceOf(ForbiddenError);
	});
});

describe('moderation', () => {
	it('sends a member offer to the queue; the team rejects it with a reason, then publishes it; the member is e-mailed', async () => {
		expect((await getEmploymentSettings(db)).moderation).toBe(true);
		const o = await createOffer(db, member, offer({ title: 'Technicienne bureau d’études' }), { submit: true });
		expect(o.status).toBe('pending');
		await expect(getPublicOffer(db, o.slug)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listOffers(db, team, { status: 'pending' })).map((x) => x.id)).toContain(o.id);

		const noReason = await moderateOffer(db, team, o.id, { decision: 'reject', reason: '' }, ctx).catch((x) => x);
		expect(issuePaths(noReason)).toEqual(['reason']);
		expect(await moderateOffer(db, team, o.id, { decision: 'reject', reason: 'Indiquez le salaire.' }, ctx)).toBe('rejected');
		const rejected = (await mails(memberEmail)).find((m) => m.subject.includes('n’a pas été publiée') || m.subject.includes("n'a pas été publiée"));
		expect(rejected?.text).toContain('Indiquez le salaire.');
		expect((await getOffer(db, member, o.id)).rejectionReason).toBe('Indiquez le salaire.');

		const back = await updateOffer(db, member, o.id, offer({ title: 'Technicienne bureau d’études' }), { submit: true });
		expect(back.status).toBe('pending');
		expect(await moderateOffer(db, team, o.id, { decision: 'publish' }, ctx)).toBe('published');
		expect((await mails(memberEmail)).some((m) => m.subject.includes('est en ligne'))).toBe(true);
		const live = await getPublicOffer(db, o.slug);
		expect(live.expiresAt!.getTime() - live.publishedAt!.getTime()).toBe(60 * DAY);

		// A member's change to a published offer goes back to the queue while moderation is on.
		expect((await updateOffer(db, member, o.id, offer({ title: 'Technicienne bureau d’études', description: 'Nouvelle description du poste avec des détails différents.' }), { submit: false })).status).toBe('pending');
		await moderateOffer(db, team, o.id, { decision: 'publish' }, ctx);
	});

	it('publishes at once without moderation, and the team always', async () => {
		await saveEmploymentSettings(db, team, { retentionDays: '365', moderation: '' });
		expect(await getEmploymentSettings(db)).toEqual({ retentionDays: 365, moderation: false });
		expect((await createOffer(db, member, offer({ title: 'Couvreur zingueur' }), { submit: true })).status).toBe('published');
		await saveEmploymentSettings(db, team, { retentionDays: '180', moderation: 'on' });
		expect((await createOffer(db, team, offer({ title: 'Commercial matériaux', organizationId: otherOrg }), { submit: true })).status).toBe('published');
		const noOrg = await createOffer(db, team, offer(), { submit: true }).catch((x) => x);
		expect(issuePaths(noOrg)).toEqual(['organizationId']);
	});
});

describe('expiry', () => {
	it('hides an offer past its date at once, marks it expired, warns before, and republishes it', async () => {
		const o = await createOffer(db, team, offer({ title: 'Ébéniste restauration', organizationId: memberOrg }), { submit: true });
		const soon = await createOffer(db, team, offer({ title: 'Conducteur de ligne de sciage', organizationId: memberOrg }), { submit: true });
		await db.update(jobOffers).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(jobOffers.id, o.id));
		await db.update(jobOffers).set({ expiresAt: new Date(Date.now() + 3 * DAY) }).where(eq(jobOffers.id, soon.id));
		// Gone from the board before the job runs.
		await expect(getPublicOffer(db, o.slug)).rejects.toBeInstanceOf(NotFoundError);
		expect((await searchOffers(db, { q: 'ébéniste' })).offers).toHaveLength(0);
		expect((await publicOffersOf(db, memberOrg)).map((x) => x.slug)).not.toContain(o.slug);
		// Still readable by its organization (preview).
		expect((await getPublicOffer(db, o.slug, member)).live).toBe(false);

		// Offers the team wrote: the organization's address is told.
		const before = (await mails('contact@menuiseries-landaises.fr')).length;
		const r = await expireOffers(db, ctx);
		expect(r.expired).toBeGreaterThanOrEqual(1);
		expect(r.noticed).toBe(1);
		expect((await getOffer(db, member, o.id)).status).toBe('expired');
		const notices = (await mails('contact@menuiseries-landaises.fr')).slice(before);
		expect(notices.map((m) => m.subject)).toEqual([expect.stringContaining('Conducteur de ligne de sciage')]);
		// Once per expiry date.
		expect((await expireOffers(db, ctx)).noticed).toBe(0);

		await expect(republishOffer(db, member, o.id, 120)).rejects.toBeInstanceOf(InvalidError);
		const { expiresAt } = await republishOffer(db, member, o.id, 30);
		expect(Math.round((expiresAt.getTime() - Date.now()) / DAY)).toBe(30);
		expect((await getPublicOffer(db, o.slug)).status).toBe('published');
		await markOfferFilled(db, member, o.id);
		await expect(getPublicOffer(db, o.slug)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('the public board', () => {
	let nearId: string;
	beforeAll(async () => {
		await createOffer(db, team, offer({ organizationId: memberOrg }), { submit: true });
		await createOffer(db, team, offer({ title: 'Menuisière agenceuse', organizationId: otherOrg, tradeId: 'trade-menuisier', commune: 'Bayonne', contractKind: 'fixed_term', durationMonths: '12', description: 'Fabrication et pose d’agencements intérieurs pour boutiques et hôtels.' }), { submit: true });
		nearId = (await createOffer(db, team, offer({ title: 'Charpentier bois', organizationId: otherOrg, tradeId: 'trade-charpentier', commune: 'Anglet', contractKind: 'apprenticeship', competencyIds: ['comp-cao'], description: 'Taille et levage de charpentes traditionnelles en chêne et douglas.' }), { submit: true })).id;
		await createOffer(db, team, offer({ title: 'Dessinateur projeteur', organizationId: otherOrg, tradeId: null, commune: '', remote: 'full', contractKind: 'freelance', description: 'Plans d’exécution de maisons à ossature bois, à distance.' }), { submit: true });
	});

	it('finds French words by their stems, accents ignored', async () => {
		const titles = async (q: string) => (await searchOffers(db, { q })).offers.map((o) => o.title);
		expect(await titles('menuisière')).toContain('Menuisier poseur');
		expect(await titles('MENUISIER')).toContain('Menuisière agenceuse');
		expect(await titles('charpente chene')).toEqual(['Charpentier bois']);
		expect(await titles('conception assistee')).toEqual(['Charpentier bois']);
		expect(await titles('ossature')).toEqual(['Dessinateur projeteur']);
		expect(await titles('plombier')).toEqual([]);
		// Stop words alone filter nothing out.
		expect((await searchOffers(db, { q: 'de la' })).total).toBe((await searchOffers(db, {})).total);
	});

	it('filters by trade, contract, département and distance', async () => {
		const titles = async (q: Record<string, unknown>) => (await searchOffers(db, q)).offers.map((o) => o.title).sort();
		expect(await titles({ trade: 'charpentier' })).toEqual(['Charpentier bois']);
		expect(await titles({ contract: 'fixed_term' })).toEqual(['Menuisière agenceuse']);
		expect(await titles({ dep: '64' })).toEqual(['Charpentier bois', 'Menuisière agenceuse']);
		expect(await titles({ q: 'menuisier', dep: '64' })).toEqual(['Menuisière agenceuse']);
		// Anglet is ~4 km from Biarritz, Bayonne ~6 km; Mont-de-Marsan ~90 km.
		const near = await searchOffers(db, { near: 'Biarritz', km: 10 });
		expect(near.offers.map((o) => o.title)).toEqual(['Charpentier bois', 'Menuisière agenceuse']);
		expect(near.offers[0].id).toBe(nearId);
		expect(near.offers[0].distanceKm).toBeGreaterThan(1);
		expect(near.offers[0].distanceKm).toBeLessThan(10);
		expect(near.near?.name).toBe('Biarritz');
		expect((await searchOffers(db, { near: 'Biarritz', km: 150 })).offers.map((o) => o.title)).toContain('Menuisier poseur');
		await expect(searchOffers(db, { near: 'Xyzville' })).rejects.toBeInstanceOf(InvalidError);
	});

	it('pages through the results', async () => {
		const all = await searchOffers(db, {});
		expect(all.total).toBeGreaterThanOrEqual(5);
		const p1 = await searchOffers(db, { page: 1 }, { pageSize: 2 });
		const p2 = await searchOffers(db, { page: 2 }, { pageSize: 2 });
		expect(p1.pages).toBe(Math.ceil(all.total / 2));
		expect(p1.offers).toHaveLength(2);
		expect(p2.offers.map((o) => o.id)).not.toContain(p1.offers[0].id);
	});

	it('describes an offer in schema.org JobPosting with every required and recommended property', async () => {
		const o = (await searchOffers(db, { q: 'menuisière agenceuse' })).offers[0];
		const doc = jobPostingJsonLd({ ...o, description: o.description + '\n\n<script>alert(1)</script>' }, 'https://grappe.example');
		for (const p of ['title', 'description', 'datePosted', 'hiringOrganization', 'jobLocation', 'validThrough', 'employmentType', 'baseSalary', 'identifier', 'directApply'])
			expect(doc, p).toHaveProperty(p);
		expect(doc['@type']).toBe('JobPosting');
		expect(doc.employmentType).toEqual(['FULL_TIME', 'TEMPORARY']);
		expect(doc.hiringOrganization).toMatchObject({ '@type': 'Organization', name: 'Charpentes du Béarn' });
		expect(doc.jobLocation).toMatchObject({ '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Bayonne', postalCode: '64100', addressRegion: 'Nouvelle-Aquitaine', addressCountry: 'FR' } });
		expect(doc.baseSalary).toEqual({ '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: 26000, maxValue: 32000, unitText: 'YEAR' } });
		expect(doc.directApply).toBe(true);
		expect(doc.validThrough).toBe(o.expiresAt!.toISOString());
		// User text is escaped in the HTML description, and nothing can close the script tag.
		expect(doc.description).toContain('&lt;script&gt;');
		const script = jsonLdScript(doc);
		expect(script).not.toContain('<');
		expect(JSON.parse(script).title).toBe('Menuisière agenceuse');

		const remote = (await searchOffers(db, { q: 'ossature' })).offers[0];
		const rd = jobPostingJsonLd(remote, 'https://grappe.example');
		expect(rd.jobLocationType).toBe('TELECOMMUTE');
		expect(rd.applicantLocationRequirements).toEqual({ '@type': 'Country', name: 'FR' });
		expect(rd.employmentType).toEqual(['CONTRACTOR']);
		const own = (await searchOffers(db, { q: 'menuisier poseur' })).offers.find((x) => x.organizationId === memberOrg)!;
		expect((jobPostingJsonLd(own, 'https://grappe.example').hiringOrganization as Record<string, unknown>).sameAs).toContain('https://menuiseries-landaises.fr');
	});

	it('publishes RSS and Atom feeds of the live offers, with the board’s filters', async () => {
		const rss = await offersFeed(db, { dep: '64' }, 'https://grappe.example', 'rss');
		const doc = xml2js(rss, { compact: true }) as { rss: { channel: { item: { link: { _text: string } }[] | { link: { _text: string } } } } };
		const items = [doc.rss.channel.item].flat();
		expect(items.map((i) => i.link._text).sort()).toEqual(
			(await searchOffers(db, { dep: '64' })).offers.map((o) => `https://grappe.example/jobs/${o.slug}`).sort()
		);
		const atom = await offersFeed(db, {}, 'https://grappe.example', 'atom');
		const a = xml2js(atom, { compact: true }) as { feed: { entry: unknown[] } };
		expect([a.feed.entry].flat().length).toBe((await searchOffers(db, {})).total);
		expect(atom).not.toContain('Ébéniste restauration');
	});
});
