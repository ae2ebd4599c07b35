import { describe, expect, it } from 'vitest';
import { isForbiddenCrossSiteForm } from './csrf';

const site = 'https://grappe.example.org';
function post(path: string, origin: string | null, type = 'application/x-www-form-urlencoded', method = 'POST') {
	const headers: Record<string, string> = { 'content-type': type };
	if (origin) headers.origin = origin;
	return [new Request(site + path, { method, headers, body: 'a=1' }), new URL(site + path)] as const;
}

describe('cross-site forms', () => {
	it('refuses a form posted from another site or without an Origin, as SvelteKit does', () => {
		expect(isForbiddenCrossSiteForm(...post('/login?/password', 'https://evil.example'))).toBe(true);
		expect(isForbiddenCrossSiteForm(...post('/app/jobs/new', null, 'multipart/form-data; boundary=x'))).toBe(true);
		expect(isForbiddenCrossSiteForm(...post('/app/organizations/1', 'https://evil.example', 'text/plain', 'DELETE'))).toBe(true);
	});

	it('lets the site itself, JSON bodies and reads through', () => {
		expect(isForbiddenCrossSiteForm(...post('/login?/password', site))).toBe(false);
		expect(isForbiddenCrossSiteForm(...post('/api/v1/events', 'https://evil.example', 'application/json'))).toBe(false);
		expect(isForbiddenCrossSiteForm(new Request(site + '/jobs'), new URL(site + '/jobs'))).toBe(false);
	});

	it("lets a mail provider's one-click unsubscribe (RFC 8058) reach only the job alert's address", () => {
		expect(isForbiddenCrossSiteForm(...post('/jobs/alerts/unsubscribe/abc123', null))).toBe(false);
		expect(isForbiddenCrossSiteForm(...post('/jobs/alerts/unsubscribe/abc123/x', null))).toBe(true);
		expect(isForbiddenCrossSiteForm(...post('/jobs/alerts', null))).toBe(true);
	});
});
