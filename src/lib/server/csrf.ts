// Cross-site form posts: SvelteKit's own rule, checked in hooks.server.ts so that it can make one
// exemption (SvelteKit's check is turned off in svelte.config.js).

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Addresses a third party may post a form to: the one-click unsubscribe of job alerts, which mail
 * providers post without an Origin header (RFC 8058). Only the secret token in the address acts.
 */
const CROSS_SITE_FORM_ALLOWED = /^\/jobs\/alerts\/unsubscribe\/[^/]+$/;

/** A form posted from another site (or with no Origin), which a browser would let a page forge. */
export function isForbiddenCrossSiteForm(request: Request, url: URL): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !CROSS_SITE_FORM_ALLOWED.test(url.pathname);
}
