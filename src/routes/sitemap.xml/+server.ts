// The sitemap of public pages: home, directory, map, supply chain, agenda, every listed member's page and public event.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { listPublicSlugs } from '$lib/server/showcase/service';
import { listEvents } from '$lib/server/events/service';
import { sitemapOffers } from '$lib/server/employment/service';
import { publicTrainingSlugs } from '$lib/server/trainings/service';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const GET: RequestHandler = async ({ url }) => {
	const { db } = (await getApp()).database;
	const [pages, events, offers] = await Promise.all([listPublicSlugs(db), listEvents(db, null, { when: 'all', limit: 1000 }), sitemapOffers(db)]);
	const origin = url.origin;
	const fixed = ['/', '/directory', '/directory/map', '/supply-chain', '/events'].map((p) => `<url><loc>${escapeXml(origin + p)}</loc><changefreq>daily</changefreq></url>`);
	const members = pages.map(
		(p) => `<url><loc>${escapeXml(`${origin}/members/${p.slug}`)}</loc><lastmod>${new Date(p.updatedAt).toISOString().slice(0, 10)}</lastmod></url>`
	);
	const agenda = events
		.filter((e) => e.status === 'published')
		.map((e) => `<url><loc>${escapeXml(`${origin}/events/${e.slug}`)}</loc><lastmod>${e.updatedAt.toISOString().slice(0, 10)}</lastmod></url>`);
	const jobs = [`<url><loc>${escapeXml(origin + '/jobs')}</loc><changefreq>daily</changefreq></url>`].concat(
		offers.map((o) => `<url><loc>${escapeXml(`${origin}/jobs/${o.slug}`)}</loc><lastmod>${o.updatedAt.toISOString().slice(0, 10)}</lastmod></url>`)
	);
	const catalogue = await publicTrainingSlugs(db);
	const trainings = ['/trainings', '/trades', ...catalogue.trades.map((s) => `/trades/${s}`), ...catalogue.trainings.map((s) => `/trainings/${s}`)].map(
		(p) => `<url><loc>${escapeXml(origin + p)}</loc></url>`
	);
	const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[...fixed, ...members, ...agenda, ...jobs, ...trainings].join('\n')}\n</urlset>\n`;
	return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
};
