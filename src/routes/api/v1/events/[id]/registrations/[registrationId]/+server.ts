// DELETE cancels a registration (team, or the account that registered); the waiting list moves up.
import type { RequestHandler } from './$types';
import { handleApi, noContent } from '$lib/server/api/context';
import { getApp } from '$lib/server/app';
import { cancelRegistration } from '$lib/server/events/service';

export const DELETE: RequestHandler = (event) =>
	handleApi(event, async ({ db, actor }) => {
		await cancelRegistration(db, actor, event.params.id, event.params.registrationId, { baseUrl: (await getApp()).baseURL });
		return noContent();
	});
