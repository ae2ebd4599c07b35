import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { listEventKinds, listEvents } from '$lib/server/events/service';

const TABS = ['upcoming', 'past', 'drafts'] as const;
type Tab = (typeof TABS)[number];

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const tab: Tab = (TABS as readonly string[]).includes(url.searchParams.get('tab') ?? '') ? (url.searchParams.get('tab') as Tab) : 'upcoming';
	const q = url.searchParams.get('q') ?? '';
	const kindId = url.searchParams.get('kind') ?? '';
	const filter = { q, kindId: kindId || undefined, includeDrafts: true };
	// Upcoming shows drafts too (the team plans them); the drafts tab gathers every draft, dated or past.
	const events =
		tab === 'drafts'
			? (await listEvents(db, actor, { ...filter, when: 'all' })).filter((e) => e.status === 'draft')
			: await listEvents(db, actor, { ...filter, when: tab });
	return { tab, q, kindId, events, kinds: await listEventKinds(db) };
};
