// The job board's review findings, on a real engine: a member's edit of an expired or filled offer goes
// back through moderation, member text in the feeds is text (never markup), CV files go with their
// offer and before their rows in retention, expiry notices are claimed and queued together, and alerts
// name the trade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xml2js } from 'xml-js';
import { parseDocument } from 'htmlparser2';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ConflictError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { createFsStorage, type FileStorage } from '../files/storage';
import { storedFiles } from '../files/schema';
import { jobApplications, jobOffers } from './schema';
import { createOffer, deleteOffer, expireOffers, markOfferFilled, moderateOffer, republishOffer, searchOffers, updateOffer } from './service';
import { organizations } from '../crm/schema';
import { applyToOffer } from './applications';
import { purgeExpiredPersonalData } from './retention';
import { offersFeed } from './feeds';
import { subscribeAlert } from './alerts';

let database: Database;
let db: Db;
let storage: FileStorage;
let dir: string;
let team: Actor;
let member: Actor;
let orgId: string;
const ctx = { baseUrl: 'https://grappe.example' };
const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function offer(overrides: Record<string, unknown> = {}) {
	return {
		title: 'Menuisier poseur',
		tradeId: 'trade-menuisier',
		description: 'Pose de menuiseries extérieures en bois et aluminium sur chantiers de rénovation.',
		commune: 'Mont-de-Marsan',
		contractKind: 'permanent',
		workingTime: 'full_time',
		weeklyHours: '35',
		startAsap: 'on',
		applyMethod: 'platform',
		...overrides
	};
}

async function mails(to: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => m.to === to);
}

async function status(id: string) {
	const [o] = await db.select().from(jobOffers).where(eq(jobOffers.id, id));
	return o;
}

async function apply(slug: string, email: string) {
	await applyToOffer(db, storage, slug, { name: 'Léa Roux', email, phone: '', message: 'Je postule.', consent: 'on' }, { name: 'cv.pdf', data: PDF }, { ...ctx, locale: 'fr' });
	const [a] = await db.select().from(jobApplications).where(eq(jobApplications.email, email));
	return a.cvFileKey!;
}

async function fileExists(key: string) {
	const rows = await db.select({ key: storedFiles.key }).from(storedFiles).where(eq(storedFiles.key, key));
	return rows.length > 0 || (await storage.get(key)) !== null;
}

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	dir = mkdtempSync(join(tmpdir(), 'grappe-review-'));
	storage = createFsStorage(dir);
	await db.execute(sql`insert into trades (id, position, name, slug) values ('trade-menuisier', 1, 'Menuisier / menuisière', 'menuisier') on conflict do nothing`);
	team = (await makeTeamUser(db)).actor;
	orgId = (await makeOrganization(db, { name: 'Menuiseries Landaises', status: 'member', email: 'contact@menuiseries-landaises.fr' })).id;
	member = (await makeMemberUser(db, orgId)).actor;
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('job board review findings', () => {
	it('sends a member’s edit of a filled or expired offer back to moderation, never straight to the board', async () => {
		const { id } = await createOffer(db, member, offer({ title: 'Ébéniste d’art' }), { submit: true });
		expect(await moderateOffer(db, team, id, { decision: 'publish' }, ctx)).toBe('published');
		await markOfferFilled(db, member, id);
		const r = await updateOffer(db, member, id, offer({ title: 'Texte jamais approuvé' }), { submit: false });
		expect(r.status).toBe('pending');
		await expect(republishOffer(db, member, id)).rejects.toBeInstanceOf(ConflictError);
		expect((await status(id)).status).toBe('pending');
		expect((await searchOffers(db, { q: 'jamais approuvé' })).total).toBe(0);

		// Expired, edited through the API (submit true): pending too.
		const b = await createOffer(db, member, offer({ title: 'Charpentier' }), { submit: true });
		await moderateOffer(db, team, b.id, { decision: 'publish' }, ctx);
		await db.update(jobOffers).set({ expiresAt: new Date(Date.now() - DAY) }).where(eq(jobOffers.id, b.id));
		await expireOffers(db, ctx);
		expect((await status(b.id)).status).toBe('expired');
		expect((await updateOffer(db, member, b.id, offer({ title: 'Autre texte non approuvé' }), { submit: true })).status).toBe('pending');
		await expect(republishOffer(db, member, b.id)).rejects.toBeInstanceOf(ConflictError);

		// The team's own edit stays as it was (it moderates).
		await moderateOffer(db, team, b.id, { decision: 'publish' }, ctx);
		await markOfferFilled(db, team, b.id);
		expect((await updateOffer(db, team, b.id, offer({ title: 'Charpentier confirmé' }), { submit: false })).status).toBe('filled');
	});

	it('puts member text in RSS and Atom as text, never as markup', async () => {
		const hostile = 'Poseur <script>alert(1)</script> ]]> <img src=x onerror=alert(2)> ]]> fin';
		await createOffer(db, team, offer({ title: hostile, description: `${hostile}. Pose de menuiseries en bois sur chantier.`, organizationId: orgId }), { submit: true });
		for (const format of ['rss', 'atom'] as const) {
			const xml = await offersFeed(db, { q: 'poseur' }, 'https://grappe.example', format);
			const doc = xml2js(xml, { compact: true }) as Record<string, any>;
			const item = format === 'rss' ? [doc.rss.channel.item].flat()[0] : [doc.feed.entry].flat()[0];
			const title: string = item.title._cdata ?? item.title._text;
			const body: string = format === 'rss' ? item.description._cdata : (item.summary?._cdata ?? item.content?._cdata);
			for (const html of [title, body]) {
				const parsed = parseDocument(html, { decodeEntities: true });
				const tags: string[] = [];
				const walk = (n: any) => {
					if (n.type === 'tag' || n.type === 'script') tags.push(n.name);
					(n.children ?? []).forEach(walk);
				};
				walk(parsed);
				expect(tags.filter((x) => x !== 'p' && x !== 'br')).toEqual([]);
				const text = (function textOf(n: any): string {
					return n.type === 'text' ? n.data : (n.children ?? []).map(textOf).join('');
				})(parsed);
				expect(text).toContain('<script>alert(1)</script> ]]> <img src=x onerror=alert(2)> ]]> fin');
			}
		}
	});

	it('deletes the CV files of an offer’s applications with the offer', async () => {
		const { id, slug } = await createOffer(db, team, offer({ title: 'Agenceur de magasins', organizationId: orgId }), { submit: true });
		const key = await apply(slug, 'agenceur@exemple.fr');
		expect(await fileExists(key)).toBe(true);
		await deleteOffer(db, member, id, storage);
		expect(await fileExists(key)).toBe(false);
	});

	it('retention deletes the CV file before its row, so a failure leaves no unreferenced file', async () => {
		const { slug } = await createOffer(db, team, offer({ title: 'Couvreur zingueur', organizationId: orgId }), { submit: true });
		const key = await apply(slug, 'couvreur@exemple.fr');
		await db.update(jobApplications).set({ deleteAfter: new Date(Date.now() - DAY) }).where(eq(jobApplications.email, 'couvreur@exemple.fr'));
		const failing: FileStorage = { ...storage, delete: async () => Promise.reject(new Error('disk unavailable')) };
		await expect(purgeExpiredPersonalData(db, failing)).rejects.toThrow('disk unavailable');
		// The row (and so the way to find the file again) is still there.
		expect((await db.select().from(jobApplications).where(eq(jobApplications.email, 'couvreur@exemple.fr'))).length).toBe(1);
		expect((await db.select().from(storedFiles).where(eq(storedFiles.key, key))).length).toBe(1);
		expect(await storage.get(key)).not.toBeNull();
		const r = await purgeExpiredPersonalData(db, storage);
		expect(r.applications).toBe(1);
		expect(await fileExists(key)).toBe(false);
	});

	it('retention deletes the CVs sent to an organization deleted since, and nobody else’s files', async () => {
		const other = (await makeOrganization(db, { name: 'Charpentes du Béarn', status: 'member', email: 'contact@charpentes-bearn.fr' })).id;
		const { slug } = await createOffer(db, team, offer({ title: 'Charpentier bois', organizationId: other }), { submit: true });
		const gone = await apply(slug, 'charpentier@exemple.fr');
		const { slug: kept } = await createOffer(db, team, offer({ title: 'Menuisier d’atelier', organizationId: orgId }), { submit: true });
		const stays = await apply(kept, 'atelier@exemple.fr');
		await db.delete(organizations).where(eq(organizations.id, other));
		expect((await db.select().from(jobApplications).where(eq(jobApplications.email, 'charpentier@exemple.fr'))).length).toBe(0);
		expect(await fileExists(gone)).toBe(true);
		const r = await purgeExpiredPersonalData(db, storage);
		expect(r.files).toBeGreaterThanOrEqual(1);
		expect(await fileExists(gone)).toBe(false);
		expect(await fileExists(stays)).toBe(true);
	});

	it('claims an expiry notice and queues its mail in one transaction: a failed mail is sent next run', async () => {
		const { id } = await createOffer(db, team, offer({ title: 'Conducteur de ligne', organizationId: orgId }), { submit: true });
		await db.update(jobOffers).set({ expiresAt: new Date(Date.now() + 2 * DAY), expiryNoticeSentAt: null }).where(eq(jobOffers.id, id));
		await db.execute(sql`create or replace function review_fail_mail() returns trigger language plpgsql as $$ begin raise exception 'mail queue down'; end $$`);
		await db.execute(sql`create trigger review_fail_mail before insert on jobs for each row execute function review_fail_mail()`);
		try {
			await expect(expireOffers(db, ctx)).rejects.toThrow();
		} finally {
			await db.execute(sql`drop trigger review_fail_mail on jobs`);
		}
		expect((await status(id)).expiryNoticeSentAt).toBeNull();
		const before = (await mails('contact@menuiseries-landaises.fr')).length;
		expect((await expireOffers(db, ctx)).noticed).toBe(1);
		expect((await mails('contact@menuiseries-landaises.fr')).length).toBe(before + 1);
		expect((await status(id)).expiryNoticeSentAt).not.toBeNull();
	});

	it('names the trade, not its slug, in the alert mail', async () => {
		await subscribeAlert(db, { email: 'alerte@exemple.fr', search: { trade: 'menuisier' } }, { ...ctx, locale: 'fr' });
		const [m] = await mails('alerte@exemple.fr');
		expect(m.text).toContain('Menuisier / menuisière');
	});
});
