// The demo cluster's pooled employment: the member account sees its group and the position it takes part
// in, with its own agreement to sign, and the secondment board has an offer that answers a request fully.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { seedDemoIfEmpty } from '../demo/seed';
import { getGroup, listGroups, listListings, listSecondments, matchesFor } from './service';

describe('demo pooled employment', () => {
	let d: Database;
	let member: Actor;
	beforeAll(async () => {
		d = await testDatabase();
		await seedDemoIfEmpty(d.db);
		const [u] = await queryRows<{ id: string; organization_id: string }>(d.db, sql`select id, organization_id from users where email = 'member@grappe.localhost'`);
		member = { id: u.id, role: 'member', organizationId: u.organization_id, label: 'demo member' };
	}, 180_000);
	afterAll(async () => d?.close());

	it('shows the member its group and the position it takes part in, a split that adds up, and its own agreement to sign', async () => {
		const groups = await listGroups(d.db, member);
		expect(groups.map((g) => g.name)).toEqual(['GE Bois & Habitat Sud-Ouest']);
		const g = await getGroup(d.db, member, groups[0].id);
		// Only the position its organization takes part in; the team sees both.
		expect(g.positions.map((p) => p.title)).toEqual(['Responsable qualité, sécurité, environnement']);
		expect((await getGroup(d.db, { id: null, role: 'admin', label: 'CLI' }, groups[0].id)).positions).toHaveLength(2);
		for (const p of g.positions) expect(p.shares.reduce((a, s) => a + s.monthlyCostCents, 0)).toBe(p.monthlyCostCents);
		const mine = g.positions.flatMap((p) => p.agreements).filter((a) => a.organizationId === member.organizationId);
		expect(mine.map((a) => [a.status, a.canEdit])).toEqual([['proposed', true]]);
	});

	it('has offers and requests that match partly, one fully, and a draft agreement', async () => {
		const listings = await listListings(d.db, member);
		expect(listings.filter((l) => l.kind === 'offer')).toHaveLength(3);
		expect(listings.filter((l) => l.kind === 'request')).toHaveLength(2);
		const offer = listings.find((l) => l.title === 'Directeur de production senior')!;
		expect(offer.personName).toBeNull();
		const matches = await matchesFor(d.db, member, offer.id);
		expect(matches[0].listing.title).toBe('Pilote de la modernisation de la scierie');
		expect(matches[0].score).toBeGreaterThanOrEqual(85);
		const cltRequest = listings.find((l) => l.title === 'Renfort bureau d’études pour un projet CLT')!;
		const forClt = await matchesFor(d.db, member, cltRequest.id);
		expect(forClt[0].listing.title).toBe('Ingénieure structure bois confirmée');
		expect(forClt[0].score).toBeLessThan(100);
		expect(await listSecondments(d.db, member)).toEqual([]);
	});
});
