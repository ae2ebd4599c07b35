// GET lists organizations (filters and paging from the query string); POST creates one.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { created, handleApi, queryParams, readJson } from '$lib/server/api/context';
import { createOrganization, listOrganizations } from '$lib/server/crm/service';

export const GET: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => json(await listOrganizations(db, actor, queryParams(event.url))));

export const POST: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const organization = await createOrganization(db, actor, await readJson(event));
		return created(organization, `/api/v1/organizations/${organization.id}`);
	});
