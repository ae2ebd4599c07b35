// The directory's public pages as rendered for anonymous visitors, kept in each process's memory and
// served again while nothing they show has changed. A page depends on the directory (its version,
// directory_state, moves with every change of a listed organization or of the taxonomy) and on the
// cluster's settings (name, colours, logo in the layout); one statement reads both before each
// request, so a cached page is never stale, in one process or several. Signed-in visitors, API
// tokens and anything but GET always get a fresh rendering; so does a request with
// `Cache-Control: no-cache`.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';

/** The directory list, its map and its embeddable version, and their data for client-side navigation. */
const CACHEABLE = /^\/(?:directory(?:\/map)?|embed\/directory)(?:\/__data\.json)?$/;
const MAX_ENTRIES = 500;
const MAX_BODY_CHARS = 2_000_000;

interface Cached {
	stamp: string;
	status: number;
	headers: [string, string][];
	body: string;
}

const cache = new Map<string, Cached>();

export function pageCacheEnabled(): boolean {
	return process.env.GRAPPE_PAGE_CACHE !== '0';
}

/** Whether this request may be answered from the cache (and its answer kept). */
export function isCacheableRequest(request: Request, url: URL): boolean {
	if (request.method !== 'GET' || !CACHEABLE.test(url.pathname)) return false;
	if (request.headers.get('authorization')) return false;
	// better-auth's session cookie (with or without the __Secure- prefix): a signed-in visitor.
	if (request.headers.get('cookie')?.includes('better-auth.')) return false;
	return true;
}

/** What the cached pages depend on, read in one statement. */
async function stampOf(db: Db): Promise<string> {
	const [r] = await queryRows<{ v: string | number | null; s: string | null }>(
		db,
		sql`select (select version from directory_state where id = 1) as v, (select value::text from settings where key = 'cluster') as s`
	);
	return `${r.v}|${r.s ?? ''}`;
}

/**
 * Answers from the cache when the page was rendered at the current stamp; otherwise renders it and
 * keeps a successful HTML or JSON answer (without its cookies). `key` names what makes two renderings
 * differ besides the URL: the visitor's language.
 */
export async function cachedPage(db: Db, request: Request, url: URL, key: string, render: () => Promise<Response>): Promise<Response> {
	const stamp = await stampOf(db);
	const id = `${key}\u0000${url.pathname}${url.search}`;
	const hit = cache.get(id);
	const fresh = /no-cache/.test(request.headers.get('cache-control') ?? '');
	if (hit && hit.stamp === stamp && !fresh) {
		// Most recently used last: the first key is the one to evict.
		cache.delete(id);
		cache.set(id, hit);
		return new Response(hit.body, { status: hit.status, headers: [...hit.headers, ['x-grappe-cache', 'hit']] });
	}
	const response = await render();
	const type = response.headers.get('content-type') ?? '';
	if (response.status !== 200 || !/^(text\/html|application\/json)/.test(type)) return response;
	const body = await response.text();
	const headers = [...response.headers].filter(([k]) => k !== 'set-cookie');
	if (body.length <= MAX_BODY_CHARS) {
		cache.delete(id);
		cache.set(id, { stamp, status: response.status, headers, body });
		if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	}
	return new Response(body, { status: response.status, headers: response.headers });
}

/** Forgets every cached page (tests). */
export function clearPageCache() {
	cache.clear();
}
