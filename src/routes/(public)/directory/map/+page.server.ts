import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { loadDirectoryPage } from '$lib/server/directory/page';
import { franceMap } from '$lib/server/geo/map';
import { directoryParams } from '$lib/server/directory/search';

// The map is plain SVG drawn on the server: no JavaScript needed, and none sent (the paths would travel twice).
export const csr = false;

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = (await getApp()).database;
	const level = url.searchParams.get('level') === 'region' ? 'region' : 'departement';
	const data = await loadDirectoryPage(db, url, locals.locale, { points: true, perPage: 1 });
	const facet = level === 'region' ? data.result.facets.region : data.result.facets.departement;
	const counts = new Map(facet.map((f) => [f.value, f.count]));
	// The level radio comes with every submission of the map's form: then an unticked box means "no points".
	const showPoints = url.searchParams.has('level') ? url.searchParams.get('points') === '1' : true;
	const map = franceMap({
		level,
		counts,
		points: showPoints ? (data.result.points ?? []).map((p) => ({ lon: p.lon, lat: p.lat, count: p.count, label: p.name })) : [],
		width: 720
	});
	// Clicking an area lists its members: the current search plus that area.
	const hrefs = Object.fromEntries(
		map.areas.map((a) => {
			const q = { ...data.query, page: 1, [level]: [a.code] };
			return [a.code, a.count > 0 ? `/directory?${directoryParams(q).toString()}` : null];
		})
	);
	return { ...data, level, map, hrefs, showPoints, points: data.result.points ?? [] };
};
