// EXPLAIN ANALYZE of what a shape sends: the shape runs once on a drizzle instance whose logger
// records each statement and its parameters, then each statement is explained on the same connection.
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from '../../src/lib/server/db/schema.ts';
import type { Database, Db } from '../../src/lib/server/db/client.ts';
import type { Shape } from './shapes.ts';

export interface ExplainedStatement {
	sql: string;
	params: unknown[];
	plan: string[];
}

export async function explainShape(database: Database, shape: Shape): Promise<ExplainedStatement[]> {
	const captured: { sql: string; params: unknown[] }[] = [];
	const logger = { logQuery: (query: string, params: unknown[]) => captured.push({ sql: query, params }) };
	const db = (
		database.engine === 'pglite'
			? drizzlePglite(database.pglite!, { schema, logger })
			: drizzlePg(database.pool!, { schema, logger })
	) as unknown as Db;
	await shape.run(db);
	const out: ExplainedStatement[] = [];
	for (const q of captured) {
		// Transaction control (a shape that runs in a transaction) has no plan.
		if (/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(q.sql)) continue;
		const text = `explain (analyze, buffers, costs off) ${q.sql}`;
		const rows =
			database.engine === 'pglite'
				? (await database.pglite!.query<Record<string, string>>(text, q.params as never[])).rows
				: (await database.pool!.query<Record<string, string>>(text, q.params as never[])).rows;
		out.push({ sql: q.sql, params: q.params, plan: rows.map((r) => r['QUERY PLAN']) });
	}
	return out;
}
