// The member's business card as a vCard 4.0 file, for an address book.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { getPublicShowcase } from '$lib/server/showcase/service';
import { pageError } from '$lib/server/http';
import { showcaseVCard } from '$lib/server/showcase/vcard';

export const GET: RequestHandler = async ({ params, url }) => {
	const { db } = (await getApp()).database;
	try {
		const page = await getPublicShowcase(db, params.slug);
		return new Response(showcaseVCard(page, url.origin), {
			headers: {
				'content-type': 'text/vcard; charset=utf-8',
				'content-disposition': `attachment; filename="${page.slug}.vcf"`,
				'cache-control': 'public, max-age=300'
			}
		});
	} catch (e) {
		throw pageError(e);
	}
};
