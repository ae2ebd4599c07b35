// The test-database helper itself: each testDatabase() is migrated, isolated and has the extensions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { testDatabase, testEngine, type Database } from './db.ts';

describe(`testDatabase() on ${testEngine()}`, () => {
	let a: Database;
	let b: Database;
	let openMs: number;

	beforeAll(async () => {
		const t0 = performance.now();
		a = await testDatabase();
		openMs = performance.now() - t0;
		b = await testDatabase();
	});
	afterAll(async () => {
		await a?.close();
		await b?.close();
	});

	it('runs on the engine of its project', () => {
		expect(a.engine).toBe(testEngine());
		expect(b.engine).toBe(testEngine());
	});

	it('opens a copy of the template quickly', async () => {
		const t0 = performance.now();
		const c = await testDatabase();
		const ms = performance.now() - t0;
		await c.close();
		console.log(`[db.test] ${testEngine()}: first open ${openMs.toFixed(0)} ms, another open ${ms.toFixed(0)} ms`);
		expect(ms).toBeLessThan(1000);
	});

	it('is fully migrated', async () => {
		const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8'));
		const r = await a.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
		expect(r.rows[0]).toEqual({ n: journal.entries.length });
	});

	it('isolates databases from each other', async () => {
		await a.db.execute(sql`CREATE TABLE isolation_probe (v text)`);
		await a.db.execute(sql`INSERT INTO isolation_probe VALUES ('only in a')`);
		const inA = await a.db.execute(sql`SELECT v FROM isolation_probe`);
		expect(inA.rows).toEqual([{ v: 'only in a' }]);
		const inB = await b.db.execute(sql`SELECT to_regclass('isolation_probe') AS t`);
		expect(inB.rows).toEqual([{ t: null }]);
		// And a fresh one does not see it either (the template was not touched).
		const c = await testDatabase();
		try {
			const inC = await c.db.execute(sql`SELECT to_regclass('isolation_probe') AS t`);
			expect(inC.rows).toEqual([{ t: null }]);
		} finally {
			await c.close();
		}
	});

	it('has pg_trgm and unaccent', async () => {
		const r = await b.db.execute(
			sql`SELECT similarity('Bordeaux', 'Bordaux') AS s, unaccent('Évry-Courcouronnes à Noël') AS u`
		);
		const row = r.rows[0] as { s: number; u: string };
		expect(Number(row.s)).toBeGreaterThan(0.4);
		expect(row.u).toBe('Evry-Courcouronnes a Noel');
	});
});
