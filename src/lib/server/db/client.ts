// Opens the database: embedded PGlite in DATA_DIR by default, a PostgreSQL server when DATABASE_URL is set.
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import * as schema from './schema';
import { lockDataDir } from './lock';
import { projectRoot } from './root';
import { ensureReferenceData } from '../directory/reference-data';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
	db: Db;
	engine: Engine;
	/** The data directory (PGlite only). */
	dataDir?: string;
	close(): Promise<void>;
	/** PGlite only: the underlying instance (for dumps of the data directory). */
	pglite?: PGlite;
	/** Postgres only: the connection pool. */
	pool?: pg.Pool;
}

export interface OpenOptions {
	databaseUrl?: string;
	dataDir?: string;
	/** Take the data-directory lock (default true). Tests on a private copy pass false. */
	lock?: boolean;
	/** Load a PGlite data directory dump (a migrated template) instead of initdb. */
	loadDataDir?: Blob | File;
	/** Keep the PGlite database in memory. */
	memory?: boolean;
	poolSize?: number;
}

export function defaultDataDir(): string {
	return resolve(process.env.DATA_DIR || 'data');
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
	const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
	if (databaseUrl) {
		const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10 });
		// An idle connection the server ends (restart, failover, a dropped database) must not crash the
		// process: the pool replaces it on the next query.
		pool.on('error', (e) => console.warn(`[db] idle PostgreSQL connection lost: ${e.message}`));
		// Fail now, with the server's own message, rather than on the first request.
		const client = await pool.connect();
		client.release();
		const db = drizzlePg(pool, { schema }) as unknown as Db;
		return { db, engine: 'postgres', pool, close: () => pool.end() };
	}
	const dataDir = opts.memory ? undefined : resolve(opts.dataDir ?? defaultDataDir());
	let release = () => {};
	if (dataDir && opts.lock !== false) release = lockDataDir(dataDir);
	try {
		if (dataDir) mkdirSync(dataDir, { recursive: true });
		const pglite = await PGlite.create({
			dataDir: dataDir ? join(dataDir, 'pgdata') : undefined,
			extensions: { pg_trgm, unaccent },
			loadDataDir: opts.loadDataDir
		});
		const db = drizzlePglite(pglite, { schema }) as unknown as Db;
		return {
			db,
			engine: 'pglite',
			dataDir,
			pglite,
			close: async () => {
				await pglite.close();
				release();
			}
		};
	} catch (e) {
		release();
		throw e;
	}
}

export async function migrateDatabase(database: Database): Promise<void> {
	const migrationsFolder = join(projectRoot(), 'drizzle');
	if (database.engine === 'pglite') {
		await migratePglite(database.db as never, { migrationsFolder });
		await ensureReferenceData(database.db);
	} else {
		// Several instances may start at once on one server: serialise their migrations.
		const client = await database.pool!.connect();
		try {
			await client.query('SELECT pg_advisory_lock(727274)');
			const db = drizzlePg(client, { schema });
			await migratePg(db as never, { migrationsFolder });
			await ensureReferenceData(db as unknown as Db);
		} finally {
			await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
			client.release();
		}
	}
}

/** Runs raw SQL and returns its rows, typed by the caller (both drivers answer with `.rows`). */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
	const res = (await db.execute(query)) as unknown as { rows: T[] };
	return res.rows;
}

/**
 * Refreshes the planner's statistics. PGlite runs no autovacuum, so without this the planner guesses
 * row counts and picks slow plans after a large import; PostgreSQL's autovacuum does it by itself.
 */
/**
 * A warning when the database's character classification is not UTF-8 (a PostgreSQL server created with
 * `--locale=C`): its text search parser then does not take é for a letter, and French search misses
 * accented words ("études" does not find "bureau d’études"). Null when all is well.
 */
export async function localeWarning(db: Pick<Db, 'execute'>): Promise<string | null> {
	const [row] = await queryRows<{ ctype: string }>(db, sql`select datctype as ctype from pg_database where datname = current_database()`);
	const ctype = row?.ctype ?? '';
	return /utf-?8/i.test(ctype) ? null : `the database's LC_CTYPE is ${ctype || 'unknown'}, not UTF-8: French search will miss accented words; create the database with a UTF-8 locale (e.g. C.UTF-8 or fr_FR.UTF-8)`;
}

export async function refreshStatistics(db: Pick<Db, 'execute'>, tables?: string[]): Promise<void> {
	const list = tables?.filter((t) => /^[a-z_]+$/.test(t)).join(', ');
	await db.execute(sql.raw(list ? `analyze ${list}` : 'analyze'));
}
