// Lists the team names and orders (competencies, reference kinds, event kinds): one rule to replace them.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './db/client';
import { InvalidError, type FieldIssue } from './errors';
import { taxonomyEntry } from './showcase/validation';
import { competencies, referenceKinds } from './showcase/schema';
import { eventKinds } from './events/schema';

export type TaxonomyTable = typeof competencies | typeof referenceKinds | typeof eventKinds;

/**
 * Replaces a taxonomy by the list given: kept ids renamed and reordered, missing ones removed, new
 * ones added. Each entry is checked (a name, no name twice); the caller checks who may do it.
 */
export async function replaceTaxonomy(db: Db, table: TaxonomyTable, raw: unknown[]): Promise<void> {
	const issues: FieldIssue[] = [];
	const entries = raw.map((e, i) => {
		const r = taxonomyEntry.safeParse(e);
		if (!r.success) issues.push({ path: `entries.${i}.name`, message: 'error_required' });
		return r.success ? r.data : { name: '' };
	});
	const seen = new Map<string, number>();
	entries.forEach((e, i) => {
		const k = e.name.toLowerCase();
		if (k && seen.has(k)) issues.push({ path: `entries.${i}.name`, message: 'error_duplicate_name', params: { name: e.name } });
		seen.set(k, i);
	});
	if (issues.length) throw new InvalidError(issues);
	// The three tables share these columns; drizzle cannot type a union of tables.
	const t = table as typeof competencies;
	await db.transaction(async (tx) => {
		const existing = await tx.select({ id: t.id }).from(t);
		const keep = new Set(entries.filter((e) => e.id).map((e) => e.id));
		const gone = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
		if (gone.length) await tx.delete(t).where(inArray(t.id, gone));
		for (const [position, e] of entries.entries()) {
			if (e.id && existing.some((x) => x.id === e.id)) await tx.update(t).set({ name: e.name, position }).where(eq(t.id, e.id));
			else await tx.insert(t).values({ id: crypto.randomUUID(), name: e.name, position });
		}
	});
}
