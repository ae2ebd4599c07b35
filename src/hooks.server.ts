// Every request: the language, the signed-in user (session cookie or API bearer token), and the auth endpoints.
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { svelteKitHandler } from 'better-auth/svelte-kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { getApp } from '$lib/server/app';
import { toSessionUser } from '$lib/server/auth/guards';
import { cachedPage, isCacheableRequest, pageCacheEnabled } from '$lib/server/directory/page-cache';
import { isForbiddenCrossSiteForm } from '$lib/server/csrf';

export const init: ServerInit = async () => {
	if (!building) await getApp();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale === 'en' ? 'en' : 'fr';
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleAuth: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	event.locals.user = null;
	if (!event.request.headers.get('authorization')) {
		const session = await app.auth.api.getSession({ headers: event.request.headers }).catch(() => null);
		if (session?.user) event.locals.user = toSessionUser(session.user as unknown as Record<string, unknown>);
	}
	return svelteKitHandler({ auth: app.auth, event, resolve, building });
};

export const handle: Handle = async ({ event, resolve }) => {
	if (isForbiddenCrossSiteForm(event.request, event.url)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		return event.request.headers.get('accept') === 'application/json'
			? new Response(JSON.stringify({ message }), { status: 403, headers: { 'content-type': 'application/json' } })
			: new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
	}
	// Health checks and public files need neither a locale nor a session: no database round trip for them.
	if (event.url.pathname === '/healthz' || event.url.pathname.startsWith('/files/')) return resolve(event);
	let response: Response;
	if (pageCacheEnabled() && isCacheableRequest(event.request, event.url)) {
		// The directory's public pages, for anonymous visitors: from the cache of page-cache.ts while
		// nothing they show changed. The key is the language the page would be rendered in.
		const { db } = (await getApp()).database;
		const locale = extractLocaleFromRequest(event.request) === 'en' ? 'en' : 'fr';
		response = await cachedPage(db, event.request, event.url, locale, async () =>
			handleLocale({
				event,
				resolve: (e, opts) => {
					e.locals.user = null;
					return resolve(e, opts);
				}
			})
		);
	} else {
		response = await handleLocale({ event, resolve: (e, opts) => handleAuth({ event: e, resolve: (ev) => resolve(ev, opts) }) });
	}
	// Only the embeddable directory may be shown inside another site's frame (no clickjacking of the rest).
	if (!event.url.pathname.startsWith('/embed/') && !response.headers.has('x-frame-options')) {
		try {
			response.headers.set('x-frame-options', 'SAMEORIGIN');
		} catch {
			// Some responses (redirects from fetch) have immutable headers: nothing to protect there.
		}
	}
	return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status >= 500) console.error(error);
	return { message: status === 404 ? 'not_found' : 'internal_error' };
};
