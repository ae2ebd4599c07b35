// The measured query shapes: what the organization list and duplicate detection ask the database.
import type { Db } from '../../src/lib/server/db/client.ts';
import { listOrganizations, findSimilarOrganizations } from '../../src/lib/server/crm/service.ts';
import { cliActor } from '../../src/lib/server/auth/actor.ts';
import type { Probes } from './generate.ts';

export interface Shape {
	id: string;
	description: string;
	/** The filter given to listOrganizations (or the probe of findSimilarOrganizations). */
	input: Record<string, unknown>;
	/** Runs the shape once; says how many rows matched and how many came back. */
	run(db: Db): Promise<{ total: number; returned: number }>;
}

function list(id: string, description: string, filter: Record<string, unknown>): Shape {
	return {
		id,
		description,
		input: filter,
		async run(db) {
			const page = await listOrganizations(db, cliActor, filter);
			return { total: page.total, returned: page.items.length };
		}
	};
}

export function buildShapes(p: Probes): Shape[] {
	return [
		list('list_page1', 'All organizations, page 1 (25 rows), sorted by name', {}),
		list('list_page200', 'All organizations, page 200 (offset 4,975), sorted by name', { page: 200 }),
		list('status_member', 'Status = member', { status: 'member' }),
		list('departement', `Département ${p.departement}`, { departement: p.departement }),
		list('search_frequent', `Text search, frequent term "${p.frequentTerm}"`, { q: p.frequentTerm }),
		list('search_rare', `Text search, rare term "${p.rareTerm}"`, { q: p.rareTerm }),
		list('search_misspelt', `Text search, misspelt name "${p.misspelt}" (for "${p.misspeltOf}")`, { q: p.misspelt }),
		list('tag', `Tag "${p.tag}"`, { tag: p.tag }),
		list('not_renewed', `Members of ${p.notRenewedFor - 1} not renewed for ${p.notRenewedFor}`, { notRenewedFor: p.notRenewedFor }),
		list('combined', `Member + région ${p.region} + size ${p.sizeBand} + tag "${p.tag}", sorted by commune`, {
			status: 'member',
			region: p.region,
			sizeBand: p.sizeBand,
			tag: p.tag,
			sort: 'commune'
		}),
		list('combined_search', `Search "${p.frequentTerm}" + member or partner + département ${p.departement}`, {
			q: p.frequentTerm,
			status: 'member,partner',
			departement: p.departement
		}),
		list('sort_updated', 'All organizations sorted by last update, newest first', { sort: 'updated', dir: 'desc' }),
		{
			id: 'similar',
			description: `Duplicate detection (findSimilarOrganizations) for "${p.similarName}"`,
			input: { name: p.similarName },
			async run(db) {
				const rows = await findSimilarOrganizations(db, { name: p.similarName });
				return { total: rows.length, returned: rows.length };
			}
		}
	];
}
