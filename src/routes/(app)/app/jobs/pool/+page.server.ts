import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { canBrowsePool, listPool } from '$lib/server/employment/pool';
import { listTradeOptions } from '$lib/server/employment/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	// Partners do not see the pool: candidates consented to be shown to the cluster's members.
	if (!canBrowsePool(actor)) error(403, 'forbidden');
	const { db } = (await getApp()).database;
	const filter = { kind: url.searchParams.get('kind') ?? '', trade: url.searchParams.get('trade') ?? '', dep: (url.searchParams.get('dep') ?? '').trim() };
	return { filter, trades: await listTradeOptions(db), entries: await listPool(db, actor, filter) };
};
