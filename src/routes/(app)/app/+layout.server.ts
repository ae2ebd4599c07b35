import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	return {};
};
