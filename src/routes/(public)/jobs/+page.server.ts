import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { boardFilterOptions, searchOffers, type BoardResult } from '$lib/server/employment/service';
import { boardParams, parseBoardParams } from '$lib/server/employment/validation';
import { InvalidError } from '$lib/server/errors';
import { fieldErrors } from '$lib/server/http';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = (await getApp()).database;
	const query = parseBoardParams(url.searchParams);
	let result: BoardResult = { offers: [], total: 0, page: 1, pages: 1, near: null };
	let errors: Record<string, string> = {};
	try {
		result = await searchOffers(db, query);
	} catch (e) {
		if (!(e instanceof InvalidError)) throw e;
		errors = fieldErrors(e.issues, locals.locale);
	}
	const search = boardParams(query).toString();
	return {
		query,
		errors,
		filtered: search !== '',
		feedQuery: search ? `?${search}` : '',
		options: await boardFilterOptions(db),
		near: result.near,
		total: result.total,
		page: result.page,
		pages: result.pages,
		offers: result.offers.map((o) => ({
			id: o.id,
			slug: o.slug,
			title: o.title,
			organizationName: o.organizationName,
			contractKind: o.contractKind,
			durationMonths: o.durationMonths,
			workingTime: o.workingTime,
			communeName: o.communeName,
			departementCode: o.departementCode,
			remote: o.remote,
			salaryMinCents: o.salaryMinCents,
			salaryMaxCents: o.salaryMaxCents,
			salaryPeriod: o.salaryPeriod,
			tradeName: o.tradeName,
			publishedAt: o.publishedAt,
			distanceKm: o.distanceKm ?? null,
			excerpt: o.description.length > 220 ? o.description.slice(0, 217).trimEnd() + '…' : o.description
		}))
	};
};
