import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	new Response(`User-agent: *\nDisallow: /app/\nDisallow: /api/\nAllow: /api/v1/directory\nSitemap: ${url.origin}/sitemap.xml\n`, {
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
