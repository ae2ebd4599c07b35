import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { verifyPassword } from 'better-auth/crypto';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import { seedDemoIfEmpty, DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './seed';
import { accounts, users } from '../auth/schema';
import { organizations, people, memberships, interactions, needs, feeScales, valueChainStages } from '../crm/schema';
import { isValidSiret, normalizeNaf, normalizePhone } from '../crm/identifiers';
import { communeByCode, resolveCommune } from '../geo/communes';
import { NEED_CATEGORIES, PARTNER_KINDS } from '../crm/validation';
import { createUser } from '../auth/users';
import { getClusterSettings } from '../settings/service';

async function count(d: Database, query: SQL): Promise<number> {
	const res = (await d.db.execute(query)) as unknown as { rows: { n: number }[] };
	return Number(res.rows[0].n);
}

describe('demo seed', () => {
	let d: Database;
	let summary: Awaited<ReturnType<typeof seedDemoIfEmpty>>;
	const year = new Date().getUTCFullYear();

	beforeAll(async () => {
		d = await testDatabase();
		summary = await seedDemoIfEmpty(d.db);
	}, 120_000);
	afterAll(async () => {
		await d?.close();
	});

	it('makes the cluster: settings, value chain, fee scales', async () => {
		expect(summary).toEqual({ organizations: 60, adminEmail: DEMO_ADMIN_EMAIL, adminPassword: DEMO_PASSWORD });
		expect((await getClusterSettings(d.db)).name).toBe('Cluster Bois & Bâtiment Nouvelle-Aquitaine');
		const stages = await d.db.select().from(valueChainStages).orderBy(valueChainStages.position);
		expect(stages.map((s) => s.name)).toEqual([
			'Ressource forestière', 'Première transformation', 'Seconde transformation', 'Conception', 'Construction', 'Maintenance et recyclage'
		]);
		expect((await d.db.select().from(feeScales)).map((f) => f.sizeBand).sort()).toEqual(['0', '10_49', '1_9', '250_plus', '50_249']);
	});

	it('makes about 60 organizations with valid SIRETs, real NAF codes and a mix of statuses', async () => {
		const orgs = await d.db.select().from(organizations);
		expect(orgs).toHaveLength(60);
		for (const o of orgs) {
			expect(isValidSiret(o.siret!), `${o.name} ${o.siret}`).toBe(true);
			expect(o.siret!.startsWith('356000000')).toBe(false);
			expect(o.siren).toBe(o.siret!.slice(0, 9));
			expect(normalizeNaf(o.nafCode!)).toBe(o.nafCode);
			expect(o.description).toBeTruthy();
			expect(o.website).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example$/);
			if (o.status !== 'partner') expect(o.valueChainStageId).toBeTruthy();
		}
		expect(new Set(orgs.map((o) => o.siret)).size).toBe(60);
		expect(new Set(orgs.map((o) => o.name)).size).toBe(60);
		const byStatus = (s: string) => orgs.filter((o) => o.status === s);
		expect(byStatus('member').length).toBeGreaterThan(30);
		expect(byStatus('prospect').length).toBeGreaterThan(3);
		expect(byStatus('former_member').length).toBeGreaterThanOrEqual(2);
		const partners = byStatus('partner');
		expect(partners.length).toBeGreaterThanOrEqual(3);
		for (const p of partners) expect(PARTNER_KINDS).toContain(p.partnerKind);
		expect(orgs.filter((o) => o.tags.length > 0).length).toBe(60);
	});

	it('places every organization in a real commune of Nouvelle-Aquitaine (région 75) with its postal code', async () => {
		const orgs = await d.db.select().from(organizations);
		for (const o of orgs) {
			expect(o.regionCode).toBe('75');
			expect(communeByCode(o.communeInsee!)?.region).toBe('75');
			const match = resolveCommune(o.postalCode!, o.communeName);
			expect(match.ok && match.commune.code === o.communeInsee, `${o.communeName} ${o.postalCode}`).toBe(true);
		}
	});

	it('gives each organization 1 to 3 contacts with emails at its domain and valid phone numbers', async () => {
		const orgs = await d.db.select().from(organizations);
		const ppl = await d.db.select().from(people);
		for (const o of orgs) {
			const mine = ppl.filter((p) => p.organizationId === o.id);
			expect(mine.length).toBeGreaterThanOrEqual(1);
			expect(mine.length).toBeLessThanOrEqual(3);
			const domain = new URL(o.website!).hostname.replace(/^www\./, '');
			for (const p of mine) {
				expect(p.email!.endsWith(`@${domain}`)).toBe(true);
				expect(normalizePhone(p.phone!)).toBe(p.phone);
			}
		}
		const consenting = ppl.filter((p) => p.consentPublicListing);
		expect(consenting.length).toBeGreaterThan(0);
		expect(ppl.some((p) => !p.consentPublicListing)).toBe(true);
		for (const p of consenting) expect(p.consentPublicListingAt).toBeInstanceOf(Date);
		for (const p of ppl.filter((x) => !x.consentNewsletter)) expect(p.consentNewsletterAt).toBeNull();
	});

	it('has three years of memberships at the fee scale, paid and unpaid, some not renewed', async () => {
		const rows = await d.db
			.select({ m: memberships, sizeBand: organizations.sizeBand, status: organizations.status, amount: feeScales.amountCents })
			.from(memberships)
			.innerJoin(organizations, eq(organizations.id, memberships.organizationId))
			.leftJoin(feeScales, eq(feeScales.sizeBand, organizations.sizeBand));
		expect([...new Set(rows.map((r) => r.m.year))].sort()).toEqual([year - 2, year - 1, year]);
		for (const r of rows) {
			expect(r.m.amountCents).toBe(r.amount);
			expect(r.m.invoiceNumber).toMatch(new RegExp(`^FA-${r.m.year}-\\d{4}$`));
			if (r.m.paid) expect(r.m.paidOn! <= new Date().toISOString().slice(0, 10)).toBe(true);
			expect(r.status === 'member' || r.status === 'former_member').toBe(true);
		}
		expect(new Set(rows.map((r) => r.m.invoiceNumber)).size).toBe(rows.length);
		const thisYear = rows.filter((r) => r.m.year === year);
		expect(thisYear.some((r) => r.m.paid)).toBe(true);
		expect(thisYear.some((r) => !r.m.paid)).toBe(true);
		const notRenewed = await count(
			d,
			sql`select count(*)::int as n from organizations o where o.status = 'member'
				and exists (select 1 from memberships m where m.organization_id = o.id and m.year = ${year - 1})
				and not exists (select 1 from memberships m where m.organization_id = o.id and m.year = ${year})`
		);
		expect(notRenewed).toBeGreaterThan(0);
	});

	it('has interactions over the last three years and needs of every kind of status', async () => {
		const ints = await d.db.select().from(interactions);
		const today = new Date().toISOString().slice(0, 10);
		expect(ints.length).toBeGreaterThan(100);
		for (const i of ints) {
			expect(i.occurredOn >= `${year - 2}-01-01` && i.occurredOn <= today).toBe(true);
			expect(['meeting', 'call', 'email', 'visit']).toContain(i.kind);
		}
		expect(new Set(ints.map((i) => i.occurredOn.slice(0, 4))).size).toBe(3);
		const nds = await d.db.select().from(needs);
		expect(nds.length).toBeGreaterThan(20);
		for (const n of nds) expect(NEED_CATEGORIES).toContain(n.category);
		expect(new Set(nds.map((n) => n.status)).size).toBeGreaterThanOrEqual(3);
	});

	it('makes accounts that sign in with the demo password', async () => {
		const all = await d.db.select().from(users);
		expect(all.map((u) => u.email).sort()).toEqual([
			'admin@grappe.localhost', 'member@grappe.localhost', 'partner@grappe.localhost', 'team2@grappe.localhost', 'team@grappe.localhost'
		]);
		const member = all.find((u) => u.role === 'member')!;
		const partner = all.find((u) => u.role === 'partner')!;
		const [memberOrg] = await d.db.select().from(organizations).where(eq(organizations.id, member.organizationId!));
		const [partnerOrg] = await d.db.select().from(organizations).where(eq(organizations.id, partner.organizationId!));
		expect(memberOrg.status).toBe('member');
		expect(partnerOrg.status).toBe('partner');

		const [admin] = all.filter((u) => u.email === DEMO_ADMIN_EMAIL);
		expect(admin.role).toBe('admin');
		const [account] = await d.db
			.select()
			.from(accounts)
			.where(and(eq(accounts.userId, admin.id), eq(accounts.providerId, 'credential')));
		expect(await verifyPassword({ hash: account.password!, password: DEMO_PASSWORD })).toBe(true);
		expect(await verifyPassword({ hash: account.password!, password: 'wrong-password' })).toBe(false);
	});

	it('has an agenda: upcoming events, one full with a waiting list, a past assembly with its attendance, no mail to fictional people', async () => {
		const rows = await queryRows<{ title: string; past: boolean; capacity: number | null; confirmed: number; waitlisted: number; attended: number }>(
			d.db,
			sql`select e.title, e.ends_at < now() as past, e.capacity,
				(select count(*)::int from event_registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed,
				(select count(*)::int from event_registrations r where r.event_id = e.id and r.status = 'waitlisted') as waitlisted,
				(select count(*)::int from event_registrations r where r.event_id = e.id and r.checked_in_at is not null) as attended
				from events e order by e.starts_at`
		);
		expect(rows.length).toBeGreaterThanOrEqual(6);
		expect(rows.filter((r) => !r.past).length).toBeGreaterThanOrEqual(5);
		for (const r of rows) if (r.capacity != null) expect(r.confirmed).toBeLessThanOrEqual(r.capacity);
		expect(rows.some((r) => r.waitlisted > 0 && r.confirmed === r.capacity)).toBe(true);
		const past = rows.find((r) => r.past)!;
		expect(past.attended).toBeGreaterThan(0);
		expect(await count(d, sql`select count(*)::int as n from jobs where kind = 'mail.send'`)).toBe(0);
	});

	it('does nothing the second time', async () => {
		const before = await count(d, sql`select count(*)::int as n from organization_history`);
		expect(await seedDemoIfEmpty(d.db)).toBeNull();
		expect(await count(d, sql`select count(*)::int as n from organizations`)).toBe(60);
		expect(await count(d, sql`select count(*)::int as n from organization_history`)).toBe(before);
	});
});

describe('demo seed on another database', () => {
	let d: Database;
	afterAll(async () => {
		await d?.close();
	});

	it('does nothing when an account already exists', async () => {
		d = await testDatabase();
		await createUser(d.db, { email: 'first@example.org', name: 'First', role: 'admin', password: 'a-long-password' });
		expect(await seedDemoIfEmpty(d.db)).toBeNull();
		expect(await count(d, sql`select count(*)::int as n from organizations`)).toBe(0);
		expect(await count(d, sql`select count(*)::int as n from settings where key = 'demo'`)).toBe(0);
	});
});
