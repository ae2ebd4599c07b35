// What every REST API handler needs: who is calling (bearer token or session), in which language, the JSON body.
import { json, type RequestEvent } from '@sveltejs/kit';
import { getApp } from '../app';
import { actorFromApiToken } from '../auth/users';
import { actorOf } from '../auth/guards';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/client';
import { InvalidError } from '../errors';
import { apiError } from '../http';
import { t, type Locale } from '../../i18n/t';

export interface ApiContext {
	db: Db;
	actor: Actor;
	locale: Locale;
}

/**
 * The caller's language for messages: the best of fr/en in Accept-Language, English otherwise
 * (an integration has no cookie, and the API speaks English unless asked).
 */
export function apiLocale(request: Request): Locale {
	const header = request.headers.get('accept-language');
	if (!header) return 'en';
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, index };
		})
		.filter((r) => r.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const r of ranked) if (r.lang === 'fr' || r.lang === 'en') return r.lang;
	return 'en';
}

function unauthorized(locale: Locale, badToken: boolean): Response {
	return json(
		{ error: 'unauthorized', message: t('error_unauthorized', {}, locale) },
		{
			status: 401,
			// RFC 6750: say which scheme to use, and that a token was sent but refused.
			headers: { 'www-authenticate': badToken ? 'Bearer realm="grappe", error="invalid_token"' : 'Bearer realm="grappe"' }
		}
	);
}

/**
 * The actor behind the request: a bearer token from `grappe token create`, else the signed-in
 * session (hooks.server.ts reads the cookie only when there is no Authorization header).
 * Throws a 401 Response when there is neither, or the token is unknown or revoked.
 */
export async function apiActor(event: RequestEvent, db?: Db): Promise<Actor> {
	const locale = apiLocale(event.request);
	const header = event.request.headers.get('authorization');
	if (header) {
		const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
		const actor = bearer ? await actorFromApiToken(db ?? (await getApp()).database.db, bearer[1]) : null;
		if (!actor) throw unauthorized(locale, true);
		return actor;
	}
	if (event.locals.user) return actorOf(event.locals.user);
	throw unauthorized(locale, false);
}

/** Runs an API handler for an authenticated caller; domain errors become JSON naming the field. */
export async function handleApi(event: RequestEvent, fn: (ctx: ApiContext) => Promise<Response>): Promise<Response> {
	const locale = apiLocale(event.request);
	try {
		const db = (await getApp()).database.db;
		const actor = await apiActor(event, db);
		return await fn({ db, actor, locale });
	} catch (e) {
		if (e instanceof Response) return e;
		return apiError(e, locale);
	}
}

/** The request body as a JSON object; malformed JSON or a non-object is an invalid `body` (400 in handleApi). */
export async function readJson(event: RequestEvent): Promise<Record<string, unknown>> {
	const text = await event.request.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new InvalidError([{ path: 'body', message: 'error_body' }]);
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InvalidError([{ path: 'body', message: 'error_body' }]);
	return body as Record<string, unknown>;
}

/** The query string as an object; a repeated key (`status=member&status=partner`) becomes an array. */
export function queryParams(url: URL): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		out[key] = values.length === 1 ? values[0] : values;
	}
	return out;
}

/** 201 with the created resource and its address. */
export function created(body: { id: string }, location: string): Response {
	return json(body, { status: 201, headers: { location } });
}

export function noContent(): Response {
	return new Response(null, { status: 204 });
}
