// The registration rush: the built server (`node build/index.js`) on PGlite and on PostgreSQL, an
// event with a capacity, and hundreds of registrations fired at once through the REST API
// (POST /api/v1/events/{id}/registrations), some addresses twice. Measures the time to absorb the
// rush and each request's latency, then checks what the issue promises: never more confirmed than
// the capacity, every accepted request confirmed or wait-listed in arrival order, a duplicate address
// given the existing registration. Writes bench/results/<date>-registrations.json.
// Run by `npm run bench` (unless --no-registrations) or alone: `npx tsx bench/registrations.ts`.
// Options: --engines pglite,postgres --requests N (600) --capacity N (150) --duplicates N (60)
// --concurrency N (simultaneous connections, 200) --rounds N (3)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
delete process.env.DATABASE_URL;

const { openDatabase, migrateDatabase } = await import('../src/lib/server/db/client.ts');
const { projectRoot } = await import('../src/lib/server/db/root.ts');
const { createApiToken } = await import('../src/lib/server/auth/users.ts');
const { builtServer, startServer } = await import('./lib/directory-http.ts');
const { percentile, round } = await import('./lib/stats.ts');
const { findPostgresBinaries, startThrowawayCluster, createBenchDatabase } = await import('./lib/postgres.ts');

const { values: args } = parseArgs({
	options: {
		engines: { type: 'string', default: 'pglite,postgres' },
		requests: { type: 'string', default: '600' },
		capacity: { type: 'string', default: '150' },
		duplicates: { type: 'string', default: '60' },
		concurrency: { type: 'string', default: '200' },
		rounds: { type: 'string', default: '3' }
	}
});
const config = {
	requests: Number(args.requests),
	capacity: Number(args.capacity),
	duplicates: Number(args.duplicates),
	concurrency: Number(args.concurrency),
	rounds: Number(args.rounds)
};
const root = projectRoot();
const started = performance.now();
const log = (msg: string) => process.stderr.write(`[bench:registrations ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);

interface Reply {
	status: number;
	body: Record<string, unknown>;
	ms: number;
}

function call(agent: http.Agent, base: string, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
	const t = performance.now();
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request(
			base + '/api/v1' + path,
			{ method, agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(data ? { 'content-length': Buffer.byteLength(data) } : {}) } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {}, ms: performance.now() - t }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		if (data) req.write(data);
		req.end();
	});
}

interface RoundResult {
	requests: number;
	distinctAddresses: number;
	capacity: number;
	wallMs: number;
	requestsPerSecond: number;
	latencyP50Ms: number;
	latencyP95Ms: number;
	latencyMaxMs: number;
	statuses: Record<string, number>;
	confirmed: number;
	waitlisted: number;
	overbooked: boolean;
	arrivalOrderKept: boolean;
	duplicatesGotExisting: boolean;
	nothingLost: boolean;
}

async function rush(base: string, token: string, n: number): Promise<RoundResult> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });
	const start = new Date(Date.now() + (30 + n) * 86_400_000);
	const ev = await call(agent, base, token, 'POST', '/events', {
		title: `Forum recrutement ${n + 1}`,
		startsAt: start.toISOString(),
		endsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString(),
		audience: 'public',
		status: 'published',
		capacity: config.capacity
	});
	if (ev.status !== 201) throw new Error(`creating the event: ${ev.status} ${JSON.stringify(ev.body)}`);
	const id = ev.body.id as string;
	const distinct = config.requests - config.duplicates;
	const bodies = Array.from({ length: distinct }, (_, i) => ({ name: `Candidat ${i}`, email: `candidat.${n}.${i}@exemple.fr` }));
	// Duplicates spread through the rush, some in upper case.
	for (let i = 0; i < config.duplicates; i++) {
		const b = bodies[(i * 7) % distinct];
		bodies.splice(Math.floor(((i + 1) * bodies.length) / (config.duplicates + 1)), 0, { ...b, email: i % 2 ? b.email.toUpperCase() : b.email });
	}
	const t = performance.now();
	const replies = await Promise.all(bodies.map((b) => call(agent, base, token, 'POST', `/events/${id}/registrations`, b)));
	const wallMs = performance.now() - t;
	const statuses: Record<string, number> = {};
	for (const r of replies) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
	const list = await call(agent, base, token, 'GET', `/events/${id}/registrations`);
	agent.destroy();
	const rows = list.body as unknown as { id: string; seq: number; status: string; position: number | null; email: string }[];
	const confirmed = rows.filter((r) => r.status === 'confirmed');
	const waitlisted = rows.filter((r) => r.status === 'waitlisted');
	const bySeq = [...rows].sort((a, b) => a.seq - b.seq);
	const arrivalOrderKept =
		bySeq.every((r, i) => r.seq === i + 1) &&
		bySeq.every((r, i) => (i < config.capacity ? r.status === 'confirmed' : r.status === 'waitlisted')) &&
		waitlisted.every((r) => r.position === r.seq - config.capacity);
	// Each address: one row; every reply for it names that row.
	const byEmail = new Map(rows.map((r) => [r.email, r.id]));
	const duplicatesGotExisting = replies.every((r, i) => r.body.id === byEmail.get(bodies[i].email.toLowerCase()));
	const created = replies.filter((r) => r.status === 201).length;
	const latencies = replies.map((r) => r.ms).sort((a, b) => a - b);
	return {
		requests: bodies.length,
		distinctAddresses: distinct,
		capacity: config.capacity,
		wallMs: round(wallMs, 1),
		requestsPerSecond: round(bodies.length / (wallMs / 1000), 1),
		latencyP50Ms: round(percentile(latencies, 0.5)),
		latencyP95Ms: round(percentile(latencies, 0.95)),
		latencyMaxMs: round(latencies.at(-1) ?? 0),
		statuses,
		confirmed: confirmed.length,
		waitlisted: waitlisted.length,
		overbooked: confirmed.length > config.capacity,
		arrivalOrderKept,
		duplicatesGotExisting,
		nothingLost: created === distinct && rows.length === distinct && replies.every((r) => r.status === 200 || r.status === 201)
	};
}

async function benchEngine(engine: 'pglite' | 'postgres', entry: string): Promise<{ engine: string; rounds: RoundResult[] }> {
	const dataDir = mkdtempSync(join(tmpdir(), `grappe-bench-reg-${engine}-`));
	let cluster: Awaited<ReturnType<typeof startThrowawayCluster>> | undefined;
	let database: Awaited<ReturnType<typeof createBenchDatabase>> | undefined;
	const env: Record<string, string> = {};
	try {
		if (engine === 'postgres') {
			let url = serverUrl;
			if (!url) {
				const bin = findPostgresBinaries();
				if (!bin) throw new Error('no PostgreSQL: set BENCH_DATABASE_URL or install the server binaries');
				cluster = await startThrowawayCluster(bin);
				url = cluster.url;
			}
			database = await createBenchDatabase(url);
			env.DATABASE_URL = database.url;
		}
		// The token is made before the server starts: the server then holds the PGlite directory.
		const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 1 } : { dataDir });
		await migrateDatabase(db);
		const { token } = await createApiToken(db.db, { name: 'bench', role: 'team' });
		await db.close();
		const server = await startServer(entry, dataDir, 180_000, { ...env, GRAPPE_JOB_INTERVAL_MS: '60000' });
		try {
			const rounds: RoundResult[] = [];
			for (let r = 0; r < config.rounds; r++) {
				const res = await rush(server.url, token, r);
				log(`${engine} round ${r + 1}: ${res.requests} requests in ${res.wallMs} ms (${res.requestsPerSecond} req/s, p95 ${res.latencyP95Ms} ms), confirmed ${res.confirmed}/${res.capacity}, waitlisted ${res.waitlisted}, order ${res.arrivalOrderKept ? 'kept' : 'BROKEN'}, duplicates ${res.duplicatesGotExisting ? 'ok' : 'WRONG'}`);
				rounds.push(res);
			}
			return { engine, rounds };
		} finally {
			await server.stop();
		}
	} finally {
		await database?.drop();
		cluster?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

const entry = builtServer(root);
if (!entry) throw new Error('build/index.js is missing: run `npm run build` first');
const results = [];
for (const engine of args.engines.split(',').map((e) => e.trim()) as ('pglite' | 'postgres')[]) {
	log(`${engine}: starting the server`);
	results.push(await benchEngine(engine, entry));
}
const c = cpus();
const out = {
	benchmark: 'registrations',
	date: new Date().toISOString(),
	machine: { cpuModel: c[0]?.model ?? 'unknown', cpuCount: c.length, totalMemoryGiB: round(totalmem() / 2 ** 30, 1), os: `${platform()} ${release()} ${arch()}`, node: process.version, pglite: (JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql/pglite', 'package.json'), 'utf8')) as { version: string }).version },
	config,
	results,
	allGood: results.every((r) => r.rounds.every((x) => !x.overbooked && x.arrivalOrderKept && x.duplicatesGotExisting && x.nothingLost))
};
const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = `${out.date.slice(0, 10)}-registrations.json`;
writeFileSync(join(dir, file), JSON.stringify(out, null, 2) + '\n');
log(`written bench/results/${file}; every promise kept: ${out.allGood}`);
if (!out.allGood) process.exitCode = 1;
