// Loads the data set: batched multi-row inserts through drizzle, in one transaction.
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/lib/server/db/client.ts';
import { users } from '../../src/lib/server/auth/schema.ts';
import {
	organizations,
	people,
	memberships,
	organizationHistory,
	valueChainStages,
	feeScales
} from '../../src/lib/server/crm/schema.ts';
import type { Dataset } from './generate.ts';

// PostgreSQL takes at most 65,535 parameters per statement: 25 columns × 1,000 rows stays under it.
const BATCH = 1000;

export interface LoadTimings {
	insertMs: number;
	analyzeMs: number;
	rows: Record<string, number>;
}

async function insertAll(tx: Pick<Db, 'insert'>, table: PgTable, rows: Record<string, unknown>[]) {
	for (let i = 0; i < rows.length; i += BATCH) {
		await tx.insert(table).values(rows.slice(i, i + BATCH) as never);
	}
}

export async function loadDataset(db: Db, data: Dataset, opts: { analyze: boolean }): Promise<LoadTimings> {
	const t0 = performance.now();
	await db.transaction(async (tx) => {
		await insertAll(tx, users, data.users);
		await insertAll(tx, valueChainStages, data.stages);
		await insertAll(tx, feeScales, data.feeScales);
		await insertAll(tx, organizations, data.organizations);
		await insertAll(tx, people, data.people);
		await insertAll(tx, memberships, data.memberships);
		await insertAll(tx, organizationHistory, data.history);
	});
	const insertMs = performance.now() - t0;
	// PGlite runs no autovacuum, so nothing would ever gather planner statistics by itself; on a
	// server autovacuum would, a minute later. ANALYZE now gives both engines the same footing.
	const t1 = performance.now();
	if (opts.analyze) await db.execute(sql`analyze`);
	const analyzeMs = opts.analyze ? performance.now() - t1 : 0;
	return {
		insertMs,
		analyzeMs,
		rows: {
			organizations: data.organizations.length,
			people: data.people.length,
			memberships: data.memberships.length,
			organization_history: data.history.length
		}
	};
}
