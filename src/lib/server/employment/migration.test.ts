// The job board's migration: the offers' French search column follows the offer and the names it shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { makeOrganization } from '../testing/factories';

let database: Database;
let db: Db;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
});
afterAll(() => database?.close());

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
	const r = await db.execute(q);
	return ((r as { rows?: T[] }).rows ?? (r as unknown as T[])) as T[];
}

describe('job_offers.search', () => {
	it('is kept from the title, the trade, the organization and the description, and follows renames', async () => {
		const org = await makeOrganization(db, { name: 'Scierie Durand' });
		await db.execute(sql`insert into trades (id, position, name, slug) values ('t-mig', 99, 'Menuisier / menuisière', 'menuisier-mig')`);
		await db.execute(sql`insert into job_offers (id, organization_id, title, slug, trade_id, description, contract_kind)
			values ('o-mig', ${org.id}, 'Poseur en atelier', 'poseur-mig', 't-mig', 'Fabrication d''escaliers en chêne', 'permanent')`);
		const match = async (q: string) =>
			(await rows<{ id: string }>(sql`select id from job_offers where search @@ plainto_tsquery('grappe_french', ${q})`)).length;
		expect(await match('menuisière')).toBe(1);
		expect(await match('MENUISIER')).toBe(1);
		expect(await match('escalier chene')).toBe(1);
		expect(await match('durand')).toBe(1);
		expect(await match('charpentier')).toBe(0);
		await db.execute(sql`update trades set name = 'Charpentier' where id = 't-mig'`);
		expect(await match('charpentier')).toBe(1);
		await db.execute(sql`update organizations set name = 'Bois Martin' where id = ${org.id}`);
		expect(await match('martin')).toBe(1);
		expect(await match('durand')).toBe(0);
		const [s] = await rows<{ retention_days: number; moderation: boolean }>(sql`select retention_days, moderation from employment_settings`);
		expect(s).toEqual({ retention_days: 180, moderation: true });
	});
});
