// testDatabase(): an isolated, migrated database for a test, copied from the template that
// tests/setup/global-setup.ts built. The engine follows the vitest project:
//   unit-pglite   -> PGlite loaded from the template dump (in memory, no lock, no initdb)
//   unit-postgres -> CREATE DATABASE grappe_t_<run>_<random> TEMPLATE grappe_test_template, dropped on close()
// Always close() what you open (e.g. in afterAll).
import { inject } from 'vitest';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database, type Engine } from '../../src/lib/server/db/client.ts';
import { templateDb, withDatabase } from './global-setup.ts';

export type { Database, Engine };

/** The engine this test run uses ('pglite' or 'postgres'). */
export function testEngine(): Engine {
	return inject('dbEngine') ?? 'pglite';
}

let templateBlob: Blob | undefined;

export async function testDatabase(): Promise<Database> {
	if (testEngine() === 'postgres') return postgresDatabase();
	const path = inject('pgliteTemplate');
	if (!path) throw new Error('testDatabase(): no PGlite template; is tests/setup/global-setup.ts the globalSetup?');
	templateBlob ??= new Blob([readFileSync(path)]);
	await reusePgliteWasm();
	return openDatabase({ memory: true, loadDataDir: templateBlob, lock: false });
}

// Every PGlite.create() compiles and instantiates the 9 MB postgres wasm and unpacks its 6 MB file
// bundle again: half of the time of opening a copy of the template (~1.1 s -> ~0.6 s here).
// openDatabase() has no option for these, so in the test workers PGlite.create() gets the
// compiled module and the bundle unless the caller passed its own.
let wasmReady: Promise<void> | undefined;
function reusePgliteWasm(): Promise<void> {
	return (wasmReady ??= (async () => {
		const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
		const [wasm, bundle] = await Promise.all([
			readFile(join(dist, 'pglite.wasm')),
			readFile(join(dist, 'pglite.data'))
		]);
		const pgliteWasmModule = await WebAssembly.compile(wasm);
		const fsBundle = new Blob([bundle]);
		const create = PGlite.create.bind(PGlite) as (opts?: Record<string, unknown>) => Promise<PGlite>;
		(PGlite as unknown as { create: typeof create }).create = (opts = {}) =>
			create({ pgliteWasmModule, fsBundle, ...opts });
	})().catch(() => {
		// A PGlite without these files: keep the stock create(), only slower.
	}));
}

async function postgresDatabase(): Promise<Database> {
	const baseUrl = inject('testDatabaseUrl');
	const name = `grappe_t_${inject('runToken')}_${randomBytes(6).toString('hex')}`;
	await adminQuery(baseUrl, `CREATE DATABASE ${name} TEMPLATE ${templateDb(inject('runToken'))}`);
	let database: Database;
	try {
		database = await openDatabase({ databaseUrl: withDatabase(baseUrl, name), poolSize: 5 });
	} catch (e) {
		await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
		throw e;
	}
	const close = database.close;
	let closed = false;
	database.close = async () => {
		if (closed) return;
		closed = true;
		await close();
		await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	};
	return database;
}

async function adminQuery(url: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}
