import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { listOrganizations, membershipSummary } from '$lib/server/crm/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const thisYear = new Date().getFullYear();
	const requested = Number(url.searchParams.get('year'));
	const year = Number.isInteger(requested) && requested >= 1990 && requested <= 2100 ? requested : thisYear;
	const years = [year - 2, year - 1, year];
	const [summaries, notRenewed] = await Promise.all([
		Promise.all(years.map((y) => membershipSummary(db, actor, y))),
		listOrganizations(db, actor, { notRenewedFor: year, perPage: 200 })
	]);
	return { year, thisYear, summaries, notRenewed };
};
