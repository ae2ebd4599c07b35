// Copies the session cookies better-auth sets on its Response into SvelteKit's cookies (form actions).
import type { Cookies } from '@sveltejs/kit';

export function applyAuthCookies(response: Response, cookies: Cookies) {
	for (const header of response.headers.getSetCookie()) {
		const [pair, ...attrs] = header.split(';').map((s) => s.trim());
		const eq = pair.indexOf('=');
		const name = pair.slice(0, eq);
		const value = decodeURIComponent(pair.slice(eq + 1));
		const opts: Parameters<Cookies['set']>[2] = { path: '/' };
		for (const a of attrs) {
			const [k, v] = a.split('=');
			const key = k.toLowerCase();
			if (key === 'max-age') opts.maxAge = Number(v);
			else if (key === 'path') opts.path = v;
			else if (key === 'httponly') opts.httpOnly = true;
			else if (key === 'secure') opts.secure = true;
			else if (key === 'samesite') opts.sameSite = v.toLowerCase() as 'lax' | 'strict' | 'none';
			else if (key === 'expires') opts.expires = new Date(v);
		}
		if (opts.secure === undefined) opts.secure = false;
		cookies.set(name, value, { ...opts, encode: (s) => encodeURIComponent(s) });
	}
}
