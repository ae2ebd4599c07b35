import type { LayoutServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { getSurvey } from '$lib/server/surveys/service';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const definition = await getSurvey(db, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	return { definition };
};
