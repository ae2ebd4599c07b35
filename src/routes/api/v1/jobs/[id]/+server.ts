// One offer of the caller's organization (team: any): read, replace (the whole form, sent unless `draft`), delete.
import { json, type RequestHandler } from '@sveltejs/kit';
import { handleApi, noContent, readJson } from '$lib/server/api/context';
import { deleteOffer, getOffer, updateOffer } from '$lib/server/employment/service';
import { offerJson } from '$lib/server/employment/api';

export const GET: RequestHandler = (event) => handleApi(event, async ({ db, actor }) => json(offerJson(await getOffer(db, actor, event.params.id!), event.url.origin)));

export const PUT: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		const body = await readJson(event);
		await updateOffer(db, actor, event.params.id!, body, { submit: body.draft !== true });
		return json(offerJson(await getOffer(db, actor, event.params.id!), event.url.origin));
	});

export const DELETE: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		await deleteOffer(db, actor, event.params.id!);
		return noContent();
	});
