// Job alerts on a real engine: double opt-in, digests of new matching offers only (through the board's
// search), the one-click unsubscribe link and its RFC 8058 headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { InvalidError, NotFoundError } from '../errors';
import { makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { createOffer } from './service';
import { jobAlerts } from './schema';
import { alertByToken, alertSearchFromParams, confirmAlert, describeSearch, sendAlertDigests, subscribeAlert, unsubscribeAlert } from './alerts';

let database: Database;
let db: Db;
let team: Actor;
let orgId: string;
const ctx = { baseUrl: 'https://grappe.example', locale: 'fr' as const };

async function mails(to: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => m.to === to);
}

async function offer(title: string, commune: string, contractKind = 'permanent') {
	return createOffer(
		db,
		team,
		{ title, tradeId: title.startsWith('Menuisier') ? 'trade-menuisier' : '', description: `${title} : fabrication et pose en atelier et sur chantier, équipe de six personnes.`, commune, contractKind, workingTime: 'full_time', weeklyHours: '35', startAsap: 'on', applyMethod: 'platform', organizationId: orgId, durationMonths: contractKind === 'permanent' ? '' : '12' },
		{ submit: true }
	);
}

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	await db.execute(sql`insert into trades (id, position, name, slug) values ('trade-menuisier', 1, 'Menuisier / menuisière', 'menuisier') on conflict do nothing`);
	team = (await makeTeamUser(db)).actor;
	orgId = (await makeOrganization(db, { name: 'Menuiseries Landaises', status: 'member' })).id;
});
afterAll(() => database?.close());

describe('job alerts', () => {
	let token: string;

	it('reads the board search from the address and needs an address', async () => {
		const search = alertSearchFromParams(new URLSearchParams('q=menuisier&contract=permanent&dep=40&near=Dax&km=20&page=3'));
		expect(search).toEqual({ q: 'menuisier', contract: 'permanent', departement: '40', commune: '40088', radiusKm: 20 });
		expect(describeSearch(search, 'fr')).toBe('« menuisier » · CDI · département 40 · 20 km autour de Dax');
		const e = await subscribeAlert(db, { email: 'pas-une-adresse', search }, ctx).catch((x) => x);
		expect(e).toBeInstanceOf(InvalidError);
		expect((e as InvalidError).issues[0].path).toBe('email');
	});

	it('sends nothing before the confirmation link is followed (double opt-in)', async () => {
		await db.execute(sql`update job_offers set published_at = now() - interval '2 days'`);
		await subscribeAlert(db, { email: 'Lea@Exemple.fr', search: { q: 'menuisier', departement: '40' } }, ctx);
		// Subscribing twice to the same search keeps one alert.
		await subscribeAlert(db, { email: 'lea@exemple.fr', search: { q: 'menuisier', departement: '40' } }, ctx);
		expect(await db.select().from(jobAlerts)).toHaveLength(1);
		const confirmations = await mails('lea@exemple.fr');
		expect(confirmations).toHaveLength(2);
		token = /\/jobs\/alerts\/confirm\/([\w-]+)/.exec(confirmations[0].text)![1];
		await offer('Menuisier agenceur', 'Dax');
		expect(await sendAlertDigests(db, ctx)).toEqual({ alerts: 0, sent: 0 });
		expect((await alertByToken(db, token)).confirmedAt).toBeNull();
	});

	it('after confirmation, mails once the new matching offers only, with one-click unsubscribe', async () => {
		await db.execute(sql`update job_offers set published_at = now() - interval '1 day'`);
		expect((await confirmAlert(db, token)).confirmedAt).toBeInstanceOf(Date);
		await new Promise((r) => setTimeout(r, 20));
		await offer('Menuisier poseur', 'Mont-de-Marsan');
		await offer('Charpentier', 'Mont-de-Marsan');
		await offer('Menuisier de fabrication', 'Pau');
		const before = (await mails('lea@exemple.fr')).length;
		expect(await sendAlertDigests(db, ctx)).toEqual({ alerts: 1, sent: 1 });
		const digests = (await mails('lea@exemple.fr')).slice(before);
		expect(digests).toHaveLength(1);
		const [d] = digests;
		expect(d.text).toContain('Menuisier poseur');
		expect(d.text).not.toContain('Menuisier agenceur');
		expect(d.text).not.toContain('Charpentier');
		expect(d.text).not.toContain('Menuisier de fabrication');
		const url = `https://grappe.example/jobs/alerts/unsubscribe/${token}`;
		expect(d.text).toContain(url);
		expect(d.headers).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
		// Nothing new: nothing sent.
		expect(await sendAlertDigests(db, ctx)).toEqual({ alerts: 1, sent: 0 });
		await offer('Menuisier atelier', 'Dax');
		expect(await sendAlertDigests(db, ctx)).toEqual({ alerts: 1, sent: 1 });
		const last = (await mails('lea@exemple.fr')).at(-1)!;
		expect(last.text).toContain('Menuisier atelier');
		expect(last.text).not.toContain('Menuisier poseur');
	});

	it('unsubscribes in one step and forgets the address', async () => {
		expect(await unsubscribeAlert(db, token)).toBe(true);
		expect(await unsubscribeAlert(db, token)).toBe(false);
		await expect(alertByToken(db, token)).rejects.toBeInstanceOf(NotFoundError);
		expect(await db.select().from(jobAlerts)).toHaveLength(0);
		await offer('Menuisier chef d\'équipe', 'Dax');
		expect(await sendAlertDigests(db, ctx)).toEqual({ alerts: 0, sent: 0 });
	});
});
