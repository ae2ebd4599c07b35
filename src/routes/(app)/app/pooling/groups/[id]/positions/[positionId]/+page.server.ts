import type { Actions, PageServerLoad } from './$types';
import { loadPositionPage, savePositionAction } from '../position-page';

export const load: PageServerLoad = async ({ locals, url, params }) => loadPositionPage(locals, url, params.id, params.positionId);

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => savePositionAction(request, locals, url, params.id, params.positionId)
};
