// The REST API through real HTTP: the production build (build/index.js, from `npm run build`) served
// on a free port, on a fresh PGlite data directory or, in the unit-postgres project, a fresh
// PostgreSQL database; a bearer token is made before the server starts (it locks the data directory).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client.ts';
import { createApiToken } from '../../src/lib/server/auth/users.ts';
import { templateDb, withDatabase } from '../setup/global-setup.ts';

const root = join(import.meta.dirname, '..', '..');
const serverEntry = join(root, process.env.GRAPPE_BUILD_DIR ? join(process.env.GRAPPE_BUILD_DIR, 'build') : 'build', 'index.js');
const cliEntry = join(root, 'bin', 'grappe.js');

const SIRET = '73282932000074';
const OTHER_SIRET = '44306184100047';

let server: ChildProcess | undefined;
let serverLog = '';
let base = '';
let token = '';
let dataDir: string | undefined;
let pgDatabase: { adminUrl: string; name: string } | undefined;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

async function adminQuery(url: string, sql: string) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** A team token, from `grappe token create` when the CLI is there, else from the service. */
async function makeToken(env: NodeJS.ProcessEnv): Promise<string> {
	if (existsSync(cliEntry)) {
		const { stdout } = await promisify(execFile)(process.execPath, [cliEntry, 'token', 'create', '--name', 't', '--role', 'team'], { env, cwd: root });
		const found = /grp_[A-Za-z0-9_-]+/.exec(stdout);
		if (!found) throw new Error(`no token in the output of grappe token create:\n${stdout}`);
		return found[0];
	}
	const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 1 } : { dataDir: env.DATA_DIR });
	try {
		await migrateDatabase(database);
		return (await createApiToken(database.db, { name: 't', role: 'team' })).token;
	} finally {
		await database.close();
	}
}

async function waitUntilUp(url: string, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (server?.exitCode !== null) throw new Error(`the server stopped (exit ${server?.exitCode}):\n${serverLog}`);
		const ok = await fetch(url).then((r) => r.ok, () => false);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`the server did not answer ${url} within ${timeoutMs} ms:\n${serverLog}`);
}

beforeAll(async () => {
	if (!existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: run \`npm run build\` first`);
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	dataDir = mkdtempSync(join(tmpdir(), 'grappe-api-test-'));
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, DATA_DIR: dataDir, GRAPPE_DEMO: '0' };
	delete env.DATABASE_URL;
	if (inject('dbEngine') === 'postgres') {
		const adminUrl = inject('testDatabaseUrl');
		const name = `grappe_t_${inject('runToken')}_api_${randomBytes(4).toString('hex')}`;
		await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${templateDb(inject('runToken'))}`);
		pgDatabase = { adminUrl, name };
		env.DATABASE_URL = withDatabase(adminUrl, name);
	}
	token = await makeToken(env);
	server = spawn(process.execPath, [serverEntry], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	server.stdout!.on('data', (d) => (serverLog += d));
	server.stderr!.on('data', (d) => (serverLog += d));
	await waitUntilUp(`${base}/healthz`, 60_000);
}, 120_000);

afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server!.once('exit', r));
		server.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
		if (server.exitCode === null) server.kill('SIGKILL');
	}
	if (pgDatabase) await adminQuery(pgDatabase.adminUrl, `DROP DATABASE IF EXISTS ${pgDatabase.name} WITH (FORCE)`);
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

interface Reply {
	status: number;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

/** One API call with the team token; `body` is sent as JSON unless it is a string. */
async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
	const res = await fetch(base + '/api/v1' + path, {
		method,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** The error names `field` with a message for people, not just the code. */
function expectFieldError(r: Reply, status: number, field: string) {
	expect(r.status, JSON.stringify(r.body)).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/application\/json/);
	const issue = r.body.issues.find((i: { field: string }) => i.field === field);
	expect(issue, JSON.stringify(r.body.issues)).toBeDefined();
	expect(typeof issue.message).toBe('string');
	expect(issue.message.length).toBeGreaterThan(0);
	expect(issue.message).not.toBe(issue.code);
	return issue;
}

describe('REST API /api/v1', () => {
	it('serves its OpenAPI document without a token', async () => {
		const res = await fetch(`${base}/api/v1/openapi.json`);
		expect(res.status).toBe(200);
		const doc = await res.json();
		expect(doc.openapi).toBe('3.1.0');
		for (const path of ['/organizations', '/organizations/{id}', '/organizations/{id}/contacts', '/contacts/{id}', '/organizations/{id}/memberships', '/memberships/{id}', '/organizations/{id}/interactions', '/interactions/{id}', '/events', '/events/{id}', '/events/{id}/registrations', '/events/{id}/registrations/{registrationId}'])
			expect(doc.paths).toHaveProperty([path]);
		expect(doc.components.schemas.EventInput.required).toEqual(expect.arrayContaining(['title', 'startsAt', 'endsAt']));
		expect(doc.components.schemas.RegistrationInput.required).toEqual(expect.arrayContaining(['name', 'email']));
		expect(doc.components.schemas.RegistrationResult.properties.status.enum).toEqual(['confirmed', 'waitlisted']);
		expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
		// Bodies come from the validation schemas, in camelCase, with what the forms require.
		expect(doc.components.schemas.OrganizationInput.required).toEqual(['name']);
		expect(doc.components.schemas.OrganizationInput.properties).toHaveProperty('postalCode');
		expect(doc.components.schemas.InteractionInput.required).toEqual(['kind', 'occurredOn', 'subject']);
		expect(doc.components.schemas.MembershipInput.properties.amount.description).toMatch(/euros/);
		expect(doc.components.schemas.Membership.properties.amountCents.type).toBe('integer');
		const params = doc.paths['/organizations'].get.parameters.map((p: { name: string }) => p.name);
		for (const name of ['q', 'status', 'departement', 'region', 'sizeBand', 'tag', 'page', 'perPage', 'sort', 'dir']) expect(params).toContain(name);
		// The public directory: no token, the parameters of its search.
		expect(doc.paths['/directory'].get.security).toEqual([]);
		const dirParams = doc.paths['/directory'].get.parameters.map((p: { name: string }) => p.name);
		for (const name of ['q', 'competency', 'naf', 'departement', 'region', 'near', 'radius_km', 'page', 'per_page']) expect(dirParams).toContain(name);
		expect(doc.components.schemas.DirectoryItem.required).toEqual(expect.arrayContaining(['id', 'slug', 'name', 'commune', 'departement', 'competencies', 'url']));
		// Every $ref points at something.
		for (const [, kind, name] of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)) expect(doc.components[kind]).toHaveProperty([name]);
	});

	it('answers 401 without a token, or with an unknown one', async () => {
		const none = await fetch(`${base}/api/v1/organizations`);
		expect(none.status).toBe(401);
		expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
		const body = await none.json();
		expect(body.error).toBe('unauthorized');
		expect(body.message).toMatch(/\w+ \w+/);

		const fr = await fetch(`${base}/api/v1/organizations`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
		expect((await fr.json()).message).not.toBe(body.message);

		const unknown = await api('GET', '/organizations', undefined, { authorization: 'Bearer grp_nope' });
		expect(unknown.status).toBe(401);
		expect(unknown.headers.get('www-authenticate')).toMatch(/invalid_token/);

		const write = await fetch(`${base}/api/v1/organizations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"X"}' });
		expect(write.status).toBe(401);
	});

	it('creates, lists, reads, changes and deletes an organization', async () => {
		const created = await api('POST', '/organizations', { name: 'Acme Robotique', siret: '732 829 320 00074', postalCode: '69001', tags: 'robotique, export', sizeBand: '10_49' });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const org = created.body;
		expect(created.headers.get('location')).toBe(`/api/v1/organizations/${org.id}`);
		expect(org).toMatchObject({ name: 'Acme Robotique', siret: SIRET, siren: SIRET.slice(0, 9), communeName: 'Lyon', departementCode: '69', status: 'prospect', tags: ['robotique', 'export'] });
		expect(new Date(org.createdAt).toISOString()).toBe(org.createdAt);

		await api('POST', '/organizations', { name: 'Beta Conseil', status: 'member', postalCode: '75002' });

		const list = await api('GET', '/organizations?q=acme');
		expect(list.status).toBe(200);
		expect(list.body).toMatchObject({ total: 1, page: 1, pages: 1 });
		expect(list.body.items[0]).toMatchObject({ id: org.id, peopleCount: 0, lastMembershipYear: null });

		const members = await api('GET', '/organizations?status=member&departement=75');
		expect(members.body.items.map((o: { name: string }) => o.name)).toEqual(['Beta Conseil']);
		const paged = await api('GET', '/organizations?perPage=1&page=2&sort=name&dir=asc');
		expect(paged.body).toMatchObject({ total: 2, page: 2, perPage: 1, pages: 2 });
		expect(paged.body.items.map((o: { name: string }) => o.name)).toEqual(['Beta Conseil']);
		const tagged = await api('GET', '/organizations?tag=export&sizeBand=10_49&region=84');
		expect(tagged.body.items.map((o: { id: string }) => o.id)).toEqual([org.id]);
		expectFieldError(await api('GET', '/organizations?perPage=0'), 400, 'perPage');

		const read = await api('GET', `/organizations/${org.id}`);
		expect(read.status).toBe(200);
		expect(read.body).toMatchObject({ id: org.id, name: 'Acme Robotique' });

		// PATCH changes only what it names.
		const patched = await api('PATCH', `/organizations/${org.id}`, { status: 'member', website: 'acme.example' });
		expect(patched.status, JSON.stringify(patched.body)).toBe(200);
		expect(patched.body).toMatchObject({ status: 'member', website: 'https://acme.example', siret: SIRET, communeName: 'Lyon', tags: ['robotique', 'export'] });
		expectFieldError(await api('PATCH', `/organizations/${org.id}`, { name: '' }), 400, 'name');

		const taken = await api('POST', '/organizations', { name: 'Acme bis', siret: SIRET });
		expectFieldError(taken, 409, 'siret');
		expect(taken.body.error).toBe('conflict');

		const deleted = await api('DELETE', `/organizations/${org.id}`);
		expect(deleted.status).toBe(204);
		expect((await api('GET', `/organizations/${org.id}`)).status).toBe(404);
		expect((await api('DELETE', `/organizations/${org.id}`)).status).toBe(404);
	});

	it('names the field of a bad SIRET, in the caller\'s language', async () => {
		const r = await api('POST', '/organizations', { name: 'Bad', siret: '12345678901234' });
		const issue = expectFieldError(r, 400, 'siret');
		expect(r.body.error).toBe('invalid');
		expect(r.body.issues[0].field).toBe('siret');
		expect(issue.code).toBe('error_siret');

		const fr = await api('POST', '/organizations', { name: 'Bad', siret: '12345678901234' }, { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
		expect(fr.body.issues[0].field).toBe('siret');
		expect(fr.body.issues[0].message).not.toBe(issue.message);
	});

	it('refuses a body that is not a JSON object, naming `body`', async () => {
		expectFieldError(await api('POST', '/organizations', '{"name": "Acme",'), 400, 'body');
		expectFieldError(await api('POST', '/organizations', '["Acme"]'), 400, 'body');
		expectFieldError(await api('POST', '/organizations', ''), 400, 'body');
	});

	it('manages the contacts of an organization', async () => {
		const org = (await api('POST', '/organizations', { name: 'Gamma Industrie', siret: OTHER_SIRET })).body;
		const created = await api('POST', `/organizations/${org.id}/contacts`, { firstName: 'Jeanne', lastName: 'Martin', email: 'Jeanne.Martin@Example.com', phone: '06 12 34 56 78', consentNewsletter: true });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const contact = created.body;
		expect(created.headers.get('location')).toBe(`/api/v1/contacts/${contact.id}`);
		expect(contact).toMatchObject({ organizationId: org.id, email: 'jeanne.martin@example.com', phone: '+33612345678', consentNewsletter: true });
		expect(contact.consentNewsletterAt).toEqual(expect.any(String));

		expectFieldError(await api('POST', `/organizations/${org.id}/contacts`, { firstName: 'A', lastName: 'B', email: 'nope' }), 400, 'email');
		expect((await api('POST', '/organizations/no-such-org/contacts', { firstName: 'A', lastName: 'B' })).status).toBe(404);

		const list = await api('GET', `/organizations/${org.id}/contacts`);
		expect(list.status).toBe(200);
		expect(list.body.map((p: { id: string }) => p.id)).toEqual([contact.id]);

		const patched = await api('PATCH', `/contacts/${contact.id}`, { title: 'Directrice' });
		expect(patched.body).toMatchObject({ title: 'Directrice', firstName: 'Jeanne', email: 'jeanne.martin@example.com' });
		expect((await api('GET', `/contacts/${contact.id}`)).body.title).toBe('Directrice');

		expect((await api('DELETE', `/contacts/${contact.id}`)).status).toBe(204);
		expect((await api('GET', `/contacts/${contact.id}`)).status).toBe(404);
	});

	it('manages memberships: euros in, cents out, one per year', async () => {
		const org = (await api('POST', '/organizations', { name: 'Delta Énergie' })).body;
		const created = await api('POST', `/organizations/${org.id}/memberships`, { year: 2024, amount: '1 200,50', paid: true, paidOn: '15/02/2024', invoiceNumber: 'F-2024-001' });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const membership = created.body;
		expect(created.headers.get('location')).toBe(`/api/v1/memberships/${membership.id}`);
		expect(membership).toMatchObject({ organizationId: org.id, year: 2024, amountCents: 120050, paid: true, paidOn: '2024-02-15' });

		const duplicate = await api('POST', `/organizations/${org.id}/memberships`, { year: 2024, amount: 100 });
		expect(expectFieldError(duplicate, 409, 'year').code).toBe('error_membership_year_taken');
		expectFieldError(await api('POST', `/organizations/${org.id}/memberships`, { year: 1800, amount: 100 }), 400, 'year');

		const patched = await api('PATCH', `/memberships/${membership.id}`, { amount: 900 });
		expect(patched.status, JSON.stringify(patched.body)).toBe(200);
		expect(patched.body).toMatchObject({ amountCents: 90000, year: 2024, paid: true, paidOn: '2024-02-15' });

		const next = (await api('POST', `/organizations/${org.id}/memberships`, { year: 2025, amount: 950 })).body;
		expectFieldError(await api('PATCH', `/memberships/${next.id}`, { year: 2024 }), 409, 'year');
		const list = await api('GET', `/organizations/${org.id}/memberships`);
		expect(list.body.map((m: { year: number }) => m.year)).toEqual([2025, 2024]);
		expect((await api('GET', `/memberships/${membership.id}`)).body.amountCents).toBe(90000);

		expect((await api('DELETE', `/memberships/${membership.id}`)).status).toBe(204);
		expect((await api('GET', `/memberships/${membership.id}`)).status).toBe(404);
	});

	it('manages interactions', async () => {
		const org = (await api('POST', '/organizations', { name: 'Epsilon Bio' })).body;
		const person = (await api('POST', `/organizations/${org.id}/contacts`, { firstName: 'Paul', lastName: 'Durand' })).body;
		const created = await api('POST', `/organizations/${org.id}/interactions`, { kind: 'meeting', occurredOn: '14/03/2025', subject: 'Premier rendez-vous', personId: person.id });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const interaction = created.body;
		expect(created.headers.get('location')).toBe(`/api/v1/interactions/${interaction.id}`);
		expect(interaction).toMatchObject({ organizationId: org.id, kind: 'meeting', occurredOn: '2025-03-14', personId: person.id, teamMemberId: null });

		const bad = await api('POST', `/organizations/${org.id}/interactions`, { kind: 'lunch', occurredOn: '2025-02-30', subject: '' });
		expect(bad.status).toBe(400);
		expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(['kind', 'occurredOn', 'subject']);

		const patched = await api('PATCH', `/interactions/${interaction.id}`, { subject: 'Visite du site', kind: 'visit' });
		expect(patched.body).toMatchObject({ subject: 'Visite du site', kind: 'visit', occurredOn: '2025-03-14', personId: person.id });
		expect((await api('GET', `/interactions/${interaction.id}`)).body.subject).toBe('Visite du site');
		expect((await api('GET', `/organizations/${org.id}/interactions`)).body.map((i: { id: string }) => i.id)).toEqual([interaction.id]);

		expect((await api('DELETE', `/interactions/${interaction.id}`)).status).toBe(204);
		expect((await api('GET', `/interactions/${interaction.id}`)).status).toBe(404);
	});
});

describe("the directory's public pages, cached for anonymous visitors", () => {
	it('serves a page again from memory, and never a stale one', async () => {
		const org = await api('POST', '/organizations', { name: 'Tonnellerie Mémoire', status: 'member', postalCode: '33000' });
		expect(org.status).toBe(201);
		expect((await api('POST', `/organizations/${org.body.id}/contacts`, { firstName: 'Ana', lastName: 'Cache', consentPublicListing: true })).status).toBe(201);
		const page = () => fetch(`${base}/directory?q=tonnellerie`, { headers: { 'accept-language': 'fr' } });
		const first = await page();
		expect(await first.text()).toContain('Tonnellerie Mémoire');
		const again = await page();
		expect(again.headers.get('x-grappe-cache')).toBe('hit');
		expect(again.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		expect(await again.text()).toContain('Tonnellerie Mémoire');
		// Another language is another page.
		const en = await fetch(`${base}/directory?q=tonnellerie`, { headers: { 'accept-language': 'en' } });
		expect(en.headers.get('x-grappe-cache')).toBeNull();
		expect(await en.text()).toContain('Member directory');
		// A change to a listed member: the next visitor sees it.
		expect((await api('PATCH', `/organizations/${org.body.id}`, { name: 'Tonnellerie Renommée' })).status).toBe(200);
		const after = await page();
		expect(after.headers.get('x-grappe-cache')).toBeNull();
		const html = await after.text();
		expect(html).toContain('Tonnellerie Renommée');
		expect(html).not.toContain('Tonnellerie Mémoire');
		// A signed-in visitor always gets a fresh rendering.
		const signedIn = await fetch(`${base}/directory?q=tonnellerie`, { headers: { cookie: 'better-auth.session_token=unknown' } });
		expect(signedIn.headers.get('x-grappe-cache')).toBeNull();
		await signedIn.text();
	});
});

describe('events through the API', () => {
	const soon = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

	it('creates an event, names each bad field, lists and changes it', async () => {
		const bad = await api('POST', '/events', { title: '', startsAt: 'demain', endsAt: soon(3), audience: 'everyone' }, { 'accept-language': 'fr' });
		for (const field of ['title', 'startsAt', 'audience']) expectFieldError(bad, 400, field);

		const created = await api('POST', '/events', { title: 'Petit-déjeuner RH', kindId: 'hr_breakfast', startsAt: '2031-03-05T08:30', endsAt: '2031-03-05T10:00', postalCode: '33000', audience: 'public', status: 'published', capacity: 40, priceNonMember: '12,50' });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.headers.get('location')).toBe(`/api/v1/events/${created.body.id}`);
		expect(created.body).toMatchObject({ title: 'Petit-déjeuner RH', kindName: 'Petit-déjeuner RH', startsAt: '2031-03-05T07:30:00.000Z', communeName: 'Bordeaux', priceNonMemberCents: 1250, confirmed: 0, remaining: 40, icsSequence: 0 });
		expect(created.body).not.toHaveProperty('registrationSeq');

		const list = await api('GET', '/events?q=déjeuner');
		expect(list.body.map((e: { id: string }) => e.id)).toContain(created.body.id);

		const moved = await api('PATCH', `/events/${created.body.id}`, { startsAt: '2031-03-06T08:30', endsAt: '2031-03-06T10:00' });
		expect(moved.status, JSON.stringify(moved.body)).toBe(200);
		expect(moved.body).toMatchObject({ startsAt: '2031-03-06T07:30:00.000Z', icsSequence: 1, priceNonMemberCents: 1250, capacity: 40 });
		expectFieldError(await api('PATCH', `/events/${created.body.id}`, { endsAt: '2031-03-01T10:00' }), 400, 'endsAt');
		expect((await api('DELETE', `/events/${created.body.id}`)).status).toBe(204);
		expect((await api('GET', `/events/${created.body.id}`)).status).toBe(404);
	});

	it('never confirms more than the capacity when hundreds register at once, and keeps arrival order', async () => {
		const ev = await api('POST', '/events', { title: 'Forum emploi', startsAt: soon(20), endsAt: soon(20, 4), audience: 'public', status: 'published', capacity: 30 });
		expect(ev.status).toBe(201);
		const emails = Array.from({ length: 200 }, (_, i) => `rush.${i}@exemple.fr`);
		// 200 people, 40 of them twice, all at once.
		const bodies = [...emails, ...emails.slice(0, 40)].map((email) => ({ name: email.split('@')[0], email }));
		const replies = await Promise.all(bodies.map((b) => api('POST', `/events/${ev.body.id}/registrations`, b)));
		for (const r of replies) expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
		const firsts = replies.filter((r) => r.status === 201);
		expect(firsts).toHaveLength(200);
		expect(firsts.filter((r) => r.body.status === 'confirmed')).toHaveLength(30);
		const positions = firsts.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.position).sort((a: number, b: number) => a - b);
		expect(positions).toEqual(Array.from({ length: 170 }, (_, i) => i + 1));
		// A second request for an address returns the first one's registration.
		for (let i = 200; i < 240; i++) {
			const same = replies.find((r) => r.status === 201 && r.body.id === replies[i].body.id);
			expect(same, `duplicate ${bodies[i].email}`).toBeDefined();
			expect(replies[i].body.existing).toBe(true);
		}
		const regs = await api('GET', `/events/${ev.body.id}/registrations`);
		expect(regs.body).toHaveLength(200);
		const bySeq = regs.body.map((r: { seq: number; status: string }) => r);
		expect(bySeq.slice(0, 30).every((r: { status: string }) => r.status === 'confirmed')).toBe(true);
		expect(bySeq.slice(30).every((r: { status: string }) => r.status === 'waitlisted')).toBe(true);

		// Cancelling a confirmed place confirms the first of the waiting list.
		const firstWaiting = bySeq[30];
		expect((await api('DELETE', `/events/${ev.body.id}/registrations/${bySeq[0].id}`)).status).toBe(204);
		const after = await api('GET', `/events/${ev.body.id}/registrations?status=confirmed`);
		expect(after.body).toHaveLength(30);
		expect(after.body.map((r: { id: string }) => r.id)).toContain(firstWaiting.id);
		const event = await api('GET', `/events/${ev.body.id}`);
		expect(event.body).toMatchObject({ confirmed: 30, waitlisted: 169, remaining: 0 });
	});

	it('refuses registrations outside the window and to unknown events, with a message', async () => {
		const closed = await api('POST', '/events', { title: 'Visite passée', startsAt: soon(-2), endsAt: soon(-2, 2), audience: 'public', status: 'published' });
		const r = await api('POST', `/events/${closed.body.id}/registrations`, { name: 'Tard', email: 'tard@exemple.fr' });
		expect(r.status).toBe(409);
		expect(r.body.message).toMatch(/\w+ \w+/);
		expect((await api('POST', '/events/nope/registrations', { name: 'X', email: 'x@exemple.fr' })).status).toBe(404);
		expectFieldError(await api('POST', `/events/${closed.body.id}/registrations`, { name: 'X', email: 'pas une adresse' }), 400, 'email');
		expect((await fetch(`${base}/api/v1/events/${closed.body.id}/registrations`)).status).toBe(401);
	});
});
