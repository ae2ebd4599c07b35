// Loads the directory data set fast: the directory triggers are switched off while the source tables
// fill (batches of JSON rows through json_populate_recordset, one parameter per statement), then
// directory_entries is computed by the application's own directory_refresh() in chunks, and ANALYZE.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { DirectoryDataset } from './directory-generate.ts';

/** The tables whose statement triggers refresh the directory (migration 0004). */
const TRIGGERED = ['organizations', 'people', 'memberships', 'showcases', 'organization_competencies', 'reference_members', 'competencies', 'showcase_references'];
const BATCH = 2000;
const REFRESH_CHUNK = 5000;

export interface DirectoryLoadTimings {
	/** Source tables (triggers off). */
	insertMs: number;
	/** directory_refresh() over every organization, in chunks. */
	refreshMs: number;
	analyzeMs: number;
	rows: Record<string, number>;
}

async function insertJson(tx: Pick<Db, 'execute'>, table: string, rows: Record<string, unknown>[]) {
	if (!rows.length) return;
	const cols = Object.keys(rows[0]);
	const list = sql.raw(cols.map((c) => `"${c}"`).join(', '));
	for (let i = 0; i < rows.length; i += BATCH) {
		const json = JSON.stringify(rows.slice(i, i + BATCH));
		await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} (${list}) select ${list} from json_populate_recordset(null::${sql.raw(`"${table}"`)}, ${json}::json)`);
	}
}

export async function loadDirectoryDataset(
	db: Db,
	data: DirectoryDataset,
	opts: { analyze: boolean; log?: (msg: string) => void }
): Promise<DirectoryLoadTimings> {
	const t0 = performance.now();
	await db.transaction(async (tx) => {
		for (const t of TRIGGERED) await tx.execute(sql.raw(`alter table "${t}" disable trigger user`));
		await insertJson(tx, 'competencies', data.competencies);
		await insertJson(tx, 'reference_kinds', data.referenceKinds);
		await insertJson(tx, 'organizations', data.organizations);
		opts.log?.(`  organizations in ${Math.round(performance.now() - t0)} ms`);
		await insertJson(tx, 'showcases', data.showcases);
		await insertJson(tx, 'people', data.people);
		await insertJson(tx, 'memberships', data.memberships);
		await insertJson(tx, 'organization_competencies', data.organizationCompetencies);
		await insertJson(tx, 'showcase_references', data.references);
		await insertJson(tx, 'reference_members', data.referenceMembers);
		for (const t of TRIGGERED) await tx.execute(sql.raw(`alter table "${t}" enable trigger user`));
	});
	const insertMs = performance.now() - t0;
	opts.log?.(`  source tables in ${Math.round(insertMs)} ms; refreshing the directory`);

	const t1 = performance.now();
	// Without statistics on the freshly filled tables, directory_refresh()'s lateral look-ups get
	// sequential-scan plans: 13 minutes instead of 1.5 for 100,000 members on PGlite.
	await db.execute(sql.raw(`analyze ${TRIGGERED.join(', ')}`));
	const ids = data.organizations.map((o) => String(o.id));
	for (let i = 0; i < ids.length; i += REFRESH_CHUNK) {
		const chunk = JSON.stringify(ids.slice(i, i + REFRESH_CHUNK));
		await db.execute(sql`select directory_refresh(array(select json_array_elements_text(${chunk}::json)))`);
	}
	const refreshMs = performance.now() - t1;

	const t2 = performance.now();
	if (opts.analyze) await db.execute(sql`analyze`);
	const analyzeMs = opts.analyze ? performance.now() - t2 : 0;
	return {
		insertMs,
		refreshMs,
		analyzeMs,
		rows: {
			organizations: data.organizations.length,
			people: data.people.length,
			memberships: data.memberships.length,
			showcases: data.showcases.length,
			organization_competencies: data.organizationCompetencies.length,
			showcase_references: data.references.length,
			reference_members: data.referenceMembers.length
		}
	};
}
