// The public directory as JSON: no token needed, only publicly listed organizations, CORS open so the
// cluster's own website (or anyone's) can call it from a browser.
import { json, type RequestHandler } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { apiLocale } from '$lib/server/api/context';
import { apiError } from '$lib/server/http';
import { parseDirectoryParams, searchDirectory } from '$lib/server/directory/search';

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' };

export const GET: RequestHandler = async ({ url, request }) => {
	const locale = apiLocale(request);
	try {
		const { db } = (await getApp()).database;
		const query = parseDirectoryParams(url.searchParams);
		const withFacets = url.searchParams.get('facets') !== '0';
		const r = await searchDirectory(db, query, { facets: withFacets });
		const base = url.origin;
		return json(
			{
				items: r.items.map((i) => ({
					id: i.id,
					slug: i.slug,
					name: i.name,
					url: `${base}/members/${i.slug}`,
					commune: i.commune,
					commune_insee: i.communeInsee,
					departement: i.departement,
					departement_name: i.departementName,
					region: i.region,
					region_name: i.regionName,
					naf: i.nafCode ? { code: i.nafCode, label: i.nafLabel } : null,
					size_band: i.sizeBand,
					competencies: i.competencies,
					labels: i.labels,
					member_since: i.memberSince,
					location: i.lat !== null && i.lon !== null ? { lat: i.lat, lon: i.lon, precision: i.geoPrecision } : null,
					distance_km: i.distanceKm,
					logo_url: i.logoKey ? `${base}/files/${i.logoKey}` : null,
					summary: i.summary
				})),
				total: r.total,
				page: r.page,
				per_page: r.perPage,
				sort: r.sort,
				near: r.origin ? { insee: r.origin.insee, name: r.origin.name, lat: r.origin.lat, lon: r.origin.lon, radius_km: query.radius_km } : null,
				facets: withFacets ? r.facets : undefined
			},
			{ headers: { ...CORS, 'cache-control': 'public, max-age=60' } }
		);
	} catch (e) {
		const res = apiError(e, locale);
		for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
		return res;
	}
};

export const OPTIONS: RequestHandler = async () => new Response(null, { status: 204, headers: { ...CORS, 'access-control-allow-headers': 'accept, accept-language' } });
