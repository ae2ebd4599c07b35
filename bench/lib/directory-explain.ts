// EXPLAIN ANALYZE of what one directory search sends: the search runs once on a drizzle instance that
// records each statement, then the statements are explained in order inside one transaction, so the
// search's transaction-local settings (the trigram threshold) apply as they did.
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from '../../src/lib/server/db/schema.ts';
import type { Database, Db } from '../../src/lib/server/db/client.ts';

export interface ExplainedStatement {
	sql: string;
	params: unknown[];
	plan: string[];
}

export async function explainSearch(database: Database, run: (db: Db) => Promise<unknown>): Promise<ExplainedStatement[]> {
	const captured: { sql: string; params: unknown[] }[] = [];
	const logger = { logQuery: (query: string, params: unknown[]) => captured.push({ sql: query, params }) };
	const db = (database.engine === 'pglite' ? drizzlePglite(database.pglite!, { schema, logger }) : drizzlePg(database.pool!, { schema, logger })) as unknown as Db;
	await run(db);
	const statements = captured.filter((q) => !/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(q.sql));
	const out: ExplainedStatement[] = [];
	const explainAll = async (query: (text: string, params: unknown[]) => Promise<Record<string, string>[]>) => {
		for (const q of statements) {
			// A setting is applied as is, so that the statements after it are planned under it.
			const isSetting = /^\s*select set_config\(/i.test(q.sql);
			const rows = await query(isSetting ? q.sql : `explain (analyze, buffers, costs off) ${q.sql}`, q.params);
			if (!isSetting) out.push({ sql: q.sql, params: q.params, plan: rows.map((r) => r['QUERY PLAN']) });
		}
	};
	if (database.engine === 'pglite') {
		await database.pglite!.transaction(async (tx) => explainAll(async (text, params) => (await tx.query<Record<string, string>>(text, params as never[])).rows));
	} else {
		const client = await database.pool!.connect();
		try {
			await client.query('begin');
			await explainAll(async (text, params) => (await client.query<Record<string, string>>(text, params as never[])).rows);
			await client.query('commit');
		} catch (e) {
			await client.query('rollback').catch(() => {});
			throw e;
		} finally {
			client.release();
		}
	}
	return out;
}
