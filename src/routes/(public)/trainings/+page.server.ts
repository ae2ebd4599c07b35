import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { listTrades, parseTrainingFilter, searchTrainings } from '$lib/server/trainings/service';
import { FUNDINGS } from '$lib/server/trainings/validation';
import { franceMap } from '$lib/server/geo/map';
import { allDepartements, departementName } from '$lib/server/geo/communes';

export const load: PageServerLoad = async ({ url }) => {
	const { db } = (await getApp()).database;
	const filter = parseTrainingFilter(url.searchParams);
	const [result, trades] = await Promise.all([searchTrainings(db, { ...filter, limit: 100 }), listTrades(db)]);
	const map = franceMap({ level: 'departement', counts: result.byDepartement, width: 560 });
	// Each area leads to the list filtered on it, keeping the other filters.
	const hrefs: Record<string, string> = {};
	for (const area of map.areas) {
		if (!area.count) continue;
		const p = new URLSearchParams(url.searchParams);
		p.set('departement', area.code);
		hrefs[area.code] = `/trainings?${p}#results`;
	}
	const departements = allDepartements()
		.filter((d) => result.byDepartement.has(d.code) || d.code === filter.departement)
		.map((d) => ({ code: d.code, name: d.nom }));
	return {
		query: {
			q: filter.q ?? '',
			trade: filter.trade ?? '',
			kind: filter.kind ?? '',
			departement: filter.departement ?? '',
			funding: filter.funding ?? '',
			labelled: !!filter.labelled
		},
		filtered: !!(filter.q || filter.trade || filter.kind || filter.departement || filter.funding || filter.labelled),
		departementName: departementName(filter.departement) ?? null,
		items: result.items,
		total: result.total,
		trades: trades.map((t) => ({ slug: t.slug, name: t.name })),
		fundings: [...FUNDINGS],
		departements,
		map,
		hrefs
	};
};
