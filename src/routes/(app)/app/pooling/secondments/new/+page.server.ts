import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/actor';
import { listingChoices, saveListingAction } from '../listing-page';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	if (!isStaff(actor) && !(actor.role === 'member' && actor.organizationId)) error(403, 'forbidden');
	const kind = url.searchParams.get('kind') === 'request' ? 'request' : 'offer';
	return { kind: kind as 'offer' | 'request', ...(await listingChoices(actor)) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => saveListingAction(request, locals.locale, requireUser(locals, url), null)
};
