// The test-database helper itself: each testDatabase() is migrated, isolated and has the extensions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { testDatabase, testEngine, type Database } from './db.ts';

// drizzle's execute() result is typed per driver; both drivers return { rows }.
async function rows(d: Database, query: SQL): Promise<Record<string, unknown>[]> {
	return ((await d.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

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
		// Typically 0.6-1 s on PGlite and 0.1-0.3 s on Postgres; the bound only catches an initdb per
		// call (5 s+ idle) while tolerating a loaded CI machine.
		expect(ms).toBeLessThan(10_000);
	});

	it('is fully migrated', async () => {
		const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8'));
		const r = await rows(a, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
		expect(r[0]).toEqual({ n: journal.entries.length });
	});

	it('isolates databases from each other', async () => {
		await a.db.execute(sql`CREATE TABLE isolation_probe (v text)`);
		await a.db.execute(sql`INSERT INTO isolation_probe VALUES ('only in a')`);
		expect(await rows(a, sql`SELECT v FROM isolation_probe`)).toEqual([{ v: 'only in a' }]);
		expect(await rows(b, sql`SELECT to_regclass('isolation_probe') AS t`)).toEqual([{ t: null }]);
		// And a fresh one does not see it either (the template was not touched).
		const c = await testDatabase();
		try {
			expect(await rows(c, sql`SELECT to_regclass('isolation_probe') AS t`)).toEqual([{ t: null }]);
		} finally {
			await c.close();
		}
	});

	it('has pg_trgm and unaccent', async () => {
		const [row] = await rows(
			b,
			sql`SELECT similarity('Bordeaux', 'Bordaux') AS s, unaccent('Évry-Courcouronnes à Noël') AS u`
		);
		expect(Number(row.s)).toBeGreaterThan(0.4);
		expect(row.u).toBe('Evry-Courcouronnes a Noel');
	});
});
