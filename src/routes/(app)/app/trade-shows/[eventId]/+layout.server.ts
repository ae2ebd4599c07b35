import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { getTradeShow } from '$lib/server/tradeshows/service';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	const show = await getTradeShow(db, actor, params.eventId).catch((e) => {
		throw pageError(e);
	});
	if (!show.stand) error(404, 'not_found');
	return { show: { ...show, stand: show.stand } };
};
