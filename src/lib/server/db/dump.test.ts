import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, getTableName, is, sql, type SQL } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase, testEngine, type Database } from '../../../../tests/setup/db';
import { exportDatabase, importDatabase, listTables, DERIVED_TABLES } from './dump';
import * as schema from './schema';
import { seedDemo } from '../demo/seed';
import { createApiToken } from '../auth/users';
import { organizations, people } from '../crm/schema';

async function rows<T = Record<string, unknown>>(d: Database, query: SQL): Promise<T[]> {
	return ((await d.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Every row of a table as Postgres prints it to JSON, in primary-key order. */
async function tableText(d: Database, table: string, orderBy: string): Promise<string[]> {
	const r = await rows<{ j: string }>(d, sql`select row_to_json(t)::text as j from ${sql.identifier(table)} t order by ${sql.raw(orderBy)}`);
	return r.map((x) => x.j);
}

describe(`database dump on ${testEngine()}`, () => {
	let source: Database;
	let target: Database;
	let dir: string;
	let file: string;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'grappe-dump-test-'));
		file = join(dir, 'dump.jsonl.gz');
		[source, target] = await Promise.all([testDatabase(), testDatabase()]);
		await seedDemo(source.db);
		await createApiToken(source.db, { name: 'sync', role: 'team' });
	}, 120_000);
	afterAll(async () => {
		await source?.close();
		await target?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('lists every table of the schema, parents before children, without drizzle’s bookkeeping', async () => {
		const names = (await listTables(source.db)).map((t) => t.name);
		const declared = Object.values(schema)
			.filter((v) => is(v, PgTable))
			.map((t) => getTableName(t as PgTable))
			.filter((t) => !DERIVED_TABLES.has(t));
		for (const t of declared) expect(names).toContain(t);
		// Derived tables are recomputed by the target, never dumped.
		for (const t of DERIVED_TABLES) expect(names).not.toContain(t);
		expect(names).not.toContain('__drizzle_migrations');
		const before = (a: string, b: string) => expect(names.indexOf(a)).toBeLessThan(names.indexOf(b));
		before('users', 'accounts');
		before('organizations', 'people');
		before('value_chain_stages', 'organizations');
		before('people', 'interactions');
		before('interactions', 'needs');
	});

	it('exports, then imports into a fresh database with identical rows in every table', async () => {
		const exported = await exportDatabase(source.db, file);
		expect(exported.perTable.organizations).toBe(60);
		const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
		expect(JSON.parse(lines[0])).toMatchObject({ format: 'grappe-dump', version: 2 });

		const imported = await importDatabase(target.db, file);
		expect(imported).toEqual(exported);

		for (const table of await listTables(source.db)) {
			const order = table.primaryKey.length ? table.primaryKey.map((k) => `"${k.name}"`).join(', ') : 't::text';
			const [a, b] = await Promise.all([tableText(source, table.name, order), tableText(target, table.name, order)]);
			expect(b.length, table.name).toBe(a.length);
			expect(b, table.name).toEqual(a);
		}
		// The directory is recomputed on the target: same listed organizations, same slugs and search text.
		const directory = (d: Database) => rows<{ j: string }>(d, sql`select organization_id, slug, search::text, competency_ids, lat from directory_entries order by 1`);
		const [da, db2] = await Promise.all([directory(source), directory(target)]);
		expect(da.length).toBeGreaterThan(20);
		expect(db2).toEqual(da);
	});

	it('keeps the types of a sample of rows, as the app reads them', async () => {
		const sample = await source.db.select().from(organizations).orderBy(organizations.id).limit(5);
		for (const org of sample) {
			const [copy] = await target.db.select().from(organizations).where(eq(organizations.id, org.id));
			expect(copy).toEqual(org);
			expect(copy.createdAt).toBeInstanceOf(Date);
			expect(Array.isArray(copy.tags)).toBe(true);
		}
		const [person] = await source.db.select().from(people).limit(1);
		const [personCopy] = await target.db.select().from(people).where(eq(people.id, person.id));
		expect(personCopy).toEqual(person);
	});

	it('refuses to load into a database that is not empty', async () => {
		await expect(importDatabase(target.db, file)).rejects.toThrow(/not empty/);
		await expect(importDatabase(source.db, file)).rejects.toThrow(/not empty/);
	});

	describe('into an empty database', () => {
		let empty: Database;
		beforeAll(async () => {
			empty = await testDatabase();
		});
		afterAll(async () => {
			await empty?.close();
		});

		const rewrite = (name: string, edit: (lines: string[]) => string[]) => {
			const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
			const out = join(dir, name);
			writeFileSync(out, gzipSync(edit(lines).join('\n') + '\n'));
			return out;
		};

		it('refuses a dump from a newer schema', async () => {
			const newer = rewrite('newer.jsonl.gz', ([header, ...rest]) => [JSON.stringify({ ...JSON.parse(header), migrations: 9999 }), ...rest]);
			await expect(importDatabase(empty.db, newer)).rejects.toThrow(/newer Grappe/);
		});

		it('refuses a file that is not a dump', async () => {
			const other = join(dir, 'other.gz');
			writeFileSync(other, gzipSync('{"hello":"world"}\n'));
			await expect(importDatabase(empty.db, other)).rejects.toThrow(/not a Grappe dump/);
			const plain = join(dir, 'plain.txt');
			writeFileSync(plain, 'not gzip');
			await expect(importDatabase(empty.db, plain)).rejects.toThrow(/not a Grappe dump/);
		});

		it('refuses a dump cut between two tables', async () => {
			const cut = rewrite('cut.jsonl.gz', (lines) => lines.slice(0, -1));
			await expect(importDatabase(empty.db, cut)).rejects.toThrow(/truncated/);
		});

		it('loads nothing from a truncated dump', async () => {
			const truncated = rewrite('truncated.jsonl.gz', (lines) => lines.slice(0, lines.length - 3));
			await expect(importDatabase(empty.db, truncated)).rejects.toThrow(/ends (in table|before its closing line)/);
			const [{ n }] = await rows<{ n: number }>(empty, sql`select (select count(*) from users) + (select count(*) from organizations) as n`);
			expect(Number(n)).toBe(0);
		});
	});
});
