// Runs once per unit project, before any test file: builds one migrated template database so that
// each test gets a fresh copy in milliseconds instead of running initdb + migrations (~5 s).
//   unit-pglite:   an in-memory PGlite, migrated, dumped to an uncompressed tarball in os.tmpdir().
//   unit-postgres: database `grappe_test_template_<run>` on the TEST_DATABASE_URL server, migrated.
// The results reach the test workers through `provide()` (read back with inject() in db.ts).
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client.ts';

/** The template of one run: grappe_test_template_<runToken>, so that several runs share a server. */
export function templateDb(runToken: string): string {
	return `grappe_test_template_${runToken}`;
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** Which engine testDatabase() uses in this project. */
		dbEngine: 'pglite' | 'postgres';
		/** PGlite: path of the migrated data-directory dump. */
		pgliteTemplate: string;
		/** Postgres: URL of a database on the test server to run CREATE/DROP DATABASE from. */
		testDatabaseUrl: string;
		/** Postgres: databases of this run are named grappe_t_<runToken>_<random>. */
		runToken: string;
	}
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, name: string): string {
	const u = new URL(url);
	u.pathname = '/' + name;
	return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

export default async function setup(project: TestProject) {
	const engine = project.getProvidedContext().dbEngine ?? 'pglite';
	const started = Date.now();

	if (engine === 'pglite') {
		const database = await openDatabase({ memory: true });
		let dir: string | undefined;
		try {
			await migrateDatabase(database);
			const dump = await database.pglite!.dumpDataDir('none');
			dir = mkdtempSync(join(tmpdir(), 'grappe-test-template-'));
			const file = join(dir, 'pgdata.tar');
			writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
			project.provide('pgliteTemplate', file);
		} finally {
			await database.close();
		}
		log(`PGlite template ready in ${Date.now() - started} ms`);
		return () => {
			if (dir) rmSync(dir, { recursive: true, force: true });
		};
	}

	const baseUrl = process.env.TEST_DATABASE_URL;
	if (!baseUrl) throw new Error('unit-postgres needs TEST_DATABASE_URL (a server where this user may CREATE DATABASE)');
	const runToken = randomBytes(4).toString('hex');
	const TEMPLATE_DB = templateDb(runToken);
	await admin(baseUrl, async (c) => {
		await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
		await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
	});
	const database = await openDatabase({ databaseUrl: withDatabase(baseUrl, TEMPLATE_DB), poolSize: 1 });
	try {
		await migrateDatabase(database);
	} finally {
		// CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
		await database.close();
	}
	project.provide('testDatabaseUrl', baseUrl);
	project.provide('runToken', runToken);
	log(`Postgres template ${TEMPLATE_DB} ready in ${Date.now() - started} ms`);

	return async () => {
		// Databases a test forgot to close, then the template.
		await admin(baseUrl, async (c) => {
			const { rows } = await c.query<{ datname: string }>(
				`SELECT datname FROM pg_database WHERE datname LIKE $1`,
				[`grappe\\_t\\_${runToken}\\_%`]
			);
			for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
			await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
		});
	};
}

function log(msg: string) {
	if (process.env.GRAPPE_TEST_QUIET !== '1') console.log(`[global-setup] ${msg}`);
}
