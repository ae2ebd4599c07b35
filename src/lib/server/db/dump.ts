// A portable dump of every table, loadable into PGlite or PostgreSQL: gzip'd JSON lines.
//   {"format":"grappe-dump","version":1,"createdAt":…,"migrations":<count>,"lastMigration":<hash>}
//   {"table":"users","columns":[…],"rows":<n>}   then n lines, one row each (row_to_json)
//   … one such block per table, parents before children.
// Postgres itself turns rows into JSON and back (row_to_json / json_populate_recordset), so dates,
// arrays, jsonb and big integers keep their exact types on both engines.
import { sql, type SQL } from 'drizzle-orm';
import { createReadStream, createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import type { Db } from './client';

export const DUMP_FORMAT = 'grappe-dump';
/** 2: a closing line `{"end":true,…}` follows the last table, so a dump cut between two tables is refused. */
export const DUMP_VERSION = 2;
const BATCH_ROWS = 1000;
/** Also cut an insert batch at this many characters of JSON, for tables with big rows. */
const BATCH_CHARS = 8_000_000;
/** Drizzle's bookkeeping lives in its own schema; it describes the schema, not the data. */
const MIGRATIONS_TABLE = '__drizzle_migrations';

type Queryable = Pick<Db, 'execute'>;

export class DumpError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DumpError';
	}
}

export interface DumpHeader {
	format: typeof DUMP_FORMAT;
	version: number;
	createdAt: string;
	migrations: number;
	lastMigration: string | null;
}

export interface DumpStats {
	tables: number;
	rows: number;
	perTable: Record<string, number>;
}

interface TableInfo {
	name: string;
	/** Columns a plain INSERT may write (generated columns excluded), in table order. */
	columns: string[];
	/** Columns to set sequences for after an import (serial and identity). */
	sequenced: string[];
	hasIdentity: boolean;
	primaryKey: { name: string; type: string }[];
}

async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
	const res = (await db.execute(query)) as unknown as { rows: T[] };
	return res.rows;
}

const ident = (name: string) => sql.identifier(name);

/**
 * Tables computed from the others or loaded from packages at migration time: never dumped; the target
 * computes them itself (reference data by its migrations, the directory by directory_refresh()).
 */
export const DERIVED_TABLES = new Set(['directory_entries', 'directory_state', 'directory_changes', 'communes_geo', 'naf_codes']);
/** Settings rows written by the migrations themselves, present in every migrated database. */
const MIGRATION_SETTINGS = ['reference-data-version'];
/** Tables a migration fills with defaults (the team edits them): replaced by the dump's rows. */
const MIGRATION_SEEDED_TABLES = ['event_kinds', 'employment_settings'];

/** Every table of the public schema (derived ones excluded), parents before children (by foreign keys), then by name. */
export async function listTables(db: Queryable): Promise<TableInfo[]> {
	const names = (
		await rows<{ name: string }>(
			db,
			sql`select table_name as name from information_schema.tables
				where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> ${MIGRATIONS_TABLE}
				order by table_name`
		)
	)
		.map((r) => r.name)
		.filter((n) => !DERIVED_TABLES.has(n));
	const edges = await rows<{ child: string; parent: string }>(
		db,
		sql`select c.relname as child, p.relname as parent
			from pg_constraint k
			join pg_class c on c.oid = k.conrelid
			join pg_class p on p.oid = k.confrelid
			join pg_namespace n on n.oid = c.relnamespace
			where k.contype = 'f' and n.nspname = 'public'`
	);
	const columns = await rows<{ table: string; name: string; generated: string; identity: string | null; default: string | null }>(
		db,
		sql`select table_name as "table", column_name as name, is_generated as generated,
				identity_generation as identity, column_default as "default"
			from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`
	);
	const keys = await rows<{ table: string; name: string; type: string }>(
		db,
		sql`select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type
			from pg_index i
			join pg_class c on c.oid = i.indrelid
			join pg_namespace n on n.oid = c.relnamespace
			join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
			join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
			where i.indisprimary and n.nspname = 'public'
			order by c.relname, k.ord`
	);

	// Kahn's algorithm; a table's reference to itself does not order it.
	const parents = new Map(names.map((n) => [n, new Set<string>()]));
	for (const e of edges) if (e.child !== e.parent && parents.has(e.child) && parents.has(e.parent)) parents.get(e.child)!.add(e.parent);
	const ordered: string[] = [];
	const done = new Set<string>();
	while (ordered.length < names.length) {
		const ready = names.filter((n) => !done.has(n) && [...parents.get(n)!].every((p) => done.has(p)));
		if (ready.length === 0) {
			const left = names.filter((n) => !done.has(n));
			throw new DumpError(`Foreign keys form a cycle between tables ${left.join(', ')}: no load order exists.`);
		}
		for (const n of ready) {
			ordered.push(n);
			done.add(n);
		}
	}

	return ordered.map((name) => {
		const cols = columns.filter((c) => c.table === name);
		return {
			name,
			columns: cols.filter((c) => c.generated !== 'ALWAYS').map((c) => c.name),
			sequenced: cols.filter((c) => c.identity || (c.default ?? '').startsWith('nextval(')).map((c) => c.name),
			hasIdentity: cols.some((c) => c.identity === 'ALWAYS'),
			primaryKey: keys.filter((k) => k.table === name).map((k) => ({ name: k.name, type: k.type }))
		};
	});
}

/** How many migrations the database has applied, and the hash of the last one. */
export async function migrationState(db: Queryable): Promise<{ count: number; last: string | null }> {
	const [exists] = await rows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
	if (!exists?.t) return { count: 0, last: null };
	const [r] = await rows<{ count: number; last: string | null }>(
		db,
		sql`select count(*)::int as count, (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as last
			from drizzle.__drizzle_migrations`
	);
	return { count: Number(r.count), last: r.last };
}

/** Writes every table of `db` to `outPath` (gzip'd JSON lines), from one consistent snapshot. */
export async function exportDatabase(db: Db, outPath: string): Promise<DumpStats> {
	const partial = `${outPath}.partial`;
	const gzip = createGzip();
	// Opened now, so that a bad path fails before any reading.
	const file = createWriteStream('', { fd: openSync(partial, 'w') });
	const written = pipeline(gzip, file);
	written.catch(() => {}); // awaited below; a write error also rejects the pending 'drain' wait
	const write = async (line: string) => {
		if (!gzip.write(line + '\n')) await once(gzip, 'drain');
	};
	const stats: DumpStats = { tables: 0, rows: 0, perTable: {} };
	try {
		await db.transaction(
			async (tx) => {
				const t = tx as unknown as Queryable;
				const migrations = await migrationState(t);
				const header: DumpHeader = {
					format: DUMP_FORMAT,
					version: DUMP_VERSION,
					createdAt: new Date().toISOString(),
					migrations: migrations.count,
					lastMigration: migrations.last
				};
				await write(JSON.stringify(header));
				for (const table of await listTables(t)) {
					const [{ n }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from ${ident(table.name)}`);
					await write(JSON.stringify({ table: table.name, columns: table.columns, rows: Number(n) }));
					let count = 0;
					for await (const line of readTable(t, table)) {
						await write(line);
						count++;
					}
					if (count !== Number(n)) throw new DumpError(`Table ${table.name} changed while it was read (${n} rows counted, ${count} read).`);
					stats.tables++;
					stats.rows += count;
					stats.perTable[table.name] = count;
				}
				await write(JSON.stringify({ end: true, tables: stats.tables, rows: stats.rows }));
			},
			{ isolationLevel: 'repeatable read', accessMode: 'read only' }
		);
		gzip.end();
		await written;
		renameSync(partial, outPath);
		return stats;
	} catch (e) {
		gzip.destroy();
		file.destroy();
		rmSync(partial, { force: true });
		throw e;
	}
}

/** The rows of a table as JSON text, in primary-key order, a batch at a time (keyset pagination). */
async function* readTable(db: Queryable, table: TableInfo): AsyncGenerator<string> {
	const pk = table.primaryKey;
	if (pk.length === 0) {
		// No key to page on: order by the whole row so that the dump is still deterministic.
		for (let offset = 0; ; offset += BATCH_ROWS) {
			const batch = await rows<{ j: string }>(
				db,
				sql`select row_to_json(t)::text as j from ${ident(table.name)} t order by t::text limit ${BATCH_ROWS} offset ${offset}`
			);
			for (const r of batch) yield r.j;
			if (batch.length < BATCH_ROWS) return;
		}
	}
	const keyCols = sql.join(pk.map((k) => sql`t.${ident(k.name)}`), sql`, `);
	const keyText = sql.join(pk.map((k, i) => sql`t.${ident(k.name)}::text as ${ident(`k${i}`)}`), sql`, `);
	let last: string[] | null = null;
	for (;;) {
		const after: SQL = last
			? sql`where (${keyCols}) > (${sql.join(last.map((v, i) => sql`${v}::${sql.raw(pk[i].type)}`), sql`, `)})`
			: sql``;
		const batch = await rows<Record<string, string>>(
			db,
			sql`select row_to_json(t)::text as j, ${keyText} from ${ident(table.name)} t ${after} order by ${keyCols} limit ${BATCH_ROWS}`
		);
		for (const r of batch) yield r.j;
		if (batch.length < BATCH_ROWS) return;
		const end = batch[batch.length - 1];
		last = pk.map((_, i) => end[`k${i}`]);
	}
}

/**
 * Loads a dump into `db`, which must be migrated and empty, in one transaction: either every row
 * is loaded or none. Refuses a dump made by a newer schema than the target's.
 */
export async function importDatabase(db: Db, inPath: string): Promise<DumpStats> {
	const input = createReadStream(inPath);
	const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
	const next = async (): Promise<string | null> => {
		const r = await lines.next();
		return r.done ? null : r.value;
	};
	try {
		let first: string | null;
		try {
			first = await next();
		} catch (e) {
			throw new DumpError(`${inPath} is not a Grappe dump (gzip'd JSON lines): ${(e as Error).message}`);
		}
		const header = parseLine<Partial<DumpHeader>>(first, 1);
		if (header?.format !== DUMP_FORMAT) throw new DumpError(`${inPath} is not a Grappe dump (no "${DUMP_FORMAT}" header).`);
		if (header.version !== 1 && header.version !== DUMP_VERSION)
			throw new DumpError(`Dump format version ${header.version} is not supported (this Grappe reads versions 1 and ${DUMP_VERSION}).`);
		const needsEnd = header.version >= 2;

		const stats: DumpStats = { tables: 0, rows: 0, perTable: {} };
		await db.transaction(async (tx) => {
			const t = tx as unknown as Queryable;
			const target = await migrationState(t);
			if (target.count === 0) throw new DumpError('The target database is not migrated: run `grappe migrate` first.');
			const dumped = Number(header.migrations ?? 0);
			if (dumped > target.count)
				throw new DumpError(
					`This dump comes from a newer Grappe (${dumped} migrations; this database has ${target.count}). Upgrade Grappe, then import again.`
				);
			const tables = new Map((await listTables(t)).map((x) => [x.name, x]));
			for (const table of tables.values()) {
				if (MIGRATION_SEEDED_TABLES.includes(table.name)) continue;
				const skip = table.name === 'settings' ? sql`where key not in (${sql.join(MIGRATION_SETTINGS.map((k) => sql`${k}`), sql`, `)})` : sql``;
				const [any] = await rows<{ one: number }>(t, sql`select 1 as one from ${ident(table.name)} ${skip} limit 1`);
				if (any)
					throw new DumpError(
						`The target database is not empty (table ${table.name} has rows). A dump is only loaded into a new, empty database.`
					);
			}

			// The dump's own settings rows come in below; the triggers that keep showcases and the directory
			// would insert rows the dump also holds: off while loading (owner's right), then recomputed.
			await t.execute(sql`delete from settings where key in (${sql.join(MIGRATION_SETTINGS.map((k) => sql`${k}`), sql`, `)})`);
			for (const name of MIGRATION_SEEDED_TABLES) if (tables.has(name)) await t.execute(sql`delete from ${ident(name)}`);
			for (const table of tables.values()) await t.execute(sql`alter table ${ident(table.name)} disable trigger user`);

			let lineNo = 1;
			let ended = false;
			for (;;) {
				const line = await next();
				lineNo++;
				if (line === null) break;
				if (line.trim() === '') continue;
				const block = parseLine<{ table?: string; columns?: string[]; rows?: number; end?: boolean; tables?: number }>(line, lineNo);
				if (block?.end === true) {
					if (block.tables !== stats.tables || block.rows !== stats.rows)
						throw new DumpError(`The dump's closing line announces ${block.tables} tables and ${block.rows} rows; ${stats.tables} and ${stats.rows} were read.`);
					ended = true;
					break;
				}
				if (!block?.table || !Array.isArray(block.columns) || typeof block.rows !== 'number')
					throw new DumpError(`Line ${lineNo}: a table header ({"table":…,"columns":…,"rows":…}) was expected.`);
				const table = tables.get(block.table);
				if (!table) throw new DumpError(`Table ${block.table} of the dump does not exist in this database.`);
				const unknown = block.columns.filter((c) => !table.columns.includes(c));
				if (unknown.length) throw new DumpError(`Table ${block.table}: columns ${unknown.join(', ')} of the dump do not exist in this database.`);

				let batch: string[] = [];
				let chars = 0;
				const flush = async () => {
					if (!batch.length) return;
					await insertBatch(t, table, block.columns!, `[${batch.join(',')}]`);
					batch = [];
					chars = 0;
				};
				for (let i = 0; i < block.rows; i++) {
					const row = await next();
					lineNo++;
					if (row === null) throw new DumpError(`The dump ends in table ${block.table}: ${block.rows} rows announced, ${i} found.`);
					batch.push(row);
					chars += row.length;
					if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
				}
				await flush();
				await resetSequences(t, table);
				stats.tables++;
				stats.rows += block.rows;
				stats.perTable[block.table] = block.rows;
			}
			if (needsEnd && !ended) throw new DumpError('The dump ends before its closing line: the file is truncated.');
			for (const table of tables.values()) await t.execute(sql`alter table ${ident(table.name)} enable trigger user`);
			await t.execute(sql`select directory_refresh(array(select id from organizations))`);
			// Every process's in-memory directory index reloads everything, taxonomy included.
			await t.execute(sql`select directory_bump(null, true)`);
		});
		return stats;
	} finally {
		input.destroy();
	}
}

function parseLine<T>(line: string | null, lineNo: number): T {
	if (line === null) throw new DumpError('The dump is empty.');
	try {
		return JSON.parse(line) as T;
	} catch {
		throw new DumpError(`Line ${lineNo} of the dump is not valid JSON.`);
	}
}

async function insertBatch(db: Queryable, table: TableInfo, columns: string[], json: string) {
	const cols = sql.join(columns.map((c) => ident(c)), sql`, `);
	const override = table.hasIdentity ? sql`overriding system value` : sql``;
	await db.execute(
		sql`insert into ${ident(table.name)} (${cols}) ${override}
			select ${cols} from json_populate_recordset(null::${ident(table.name)}, ${json}::json)`
	);
}

/** After rows came in with their own ids, serial and identity sequences continue after the largest. */
async function resetSequences(db: Queryable, table: TableInfo) {
	for (const col of table.sequenced) {
		await db.execute(
			sql`select setval(s.seq, coalesce(m.max, 1), m.max is not null)
				from (select pg_get_serial_sequence(${`"${table.name}"`}, ${col}) as seq) s,
					(select max(${ident(col)})::bigint as max from ${ident(table.name)}) m
				where s.seq is not null`
		);
	}
}
