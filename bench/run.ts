// `npm run bench`: organization list and duplicate-detection queries at 10,000 organizations on
// PGlite and PostgreSQL, load time, and cold start on an existing PGlite data directory.
// Writes bench/results/<date>-<engine>.json and bench/results/latest.json; prints a table.
// See docs/benchmarks.md. Options: --orgs N --iterations N --warmup N --cold-runs N --first-runs N
// --engines pglite,postgres --no-analyze --no-cold --keep --no-directory (the directory benchmark,
// bench/directory.ts, runs afterwards unless told not to) --no-registrations (bench/registrations.ts)
// --no-schedule (bench/schedule.ts, the business-meeting scheduler, no database) --no-jobs (bench/jobs.ts, the
// job board's search). PostgreSQL: BENCH_DATABASE_URL or
// DATABASE_URL (a database is created on that server and dropped), else a throwaway cluster when
// /usr/lib/postgresql/*/bin/initdb exists, else PGlite only.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem, arch } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';

// The engines are chosen here, not by the environment: keep DATABASE_URL away from openDatabase().
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
delete process.env.DATABASE_URL;

const { openDatabase, migrateDatabase, queryRows } = await import('../src/lib/server/db/client.ts');
const { projectRoot } = await import('../src/lib/server/db/root.ts');
const { generateDataset } = await import('./lib/generate.ts');
const { loadDataset } = await import('./lib/load.ts');
const { buildShapes } = await import('./lib/shapes.ts');
const { measure, round } = await import('./lib/stats.ts');
const { explainShape } = await import('./lib/explain.ts');
const { coldSeries } = await import('./lib/cold.ts');
const { findPostgresBinaries, startThrowawayCluster, createBenchDatabase } = await import('./lib/postgres.ts');

type Database = Awaited<ReturnType<typeof openDatabase>>;
type Summary = Awaited<ReturnType<typeof measure>>;
type ColdSeries = Awaited<ReturnType<typeof coldSeries>>;
type Explained = Awaited<ReturnType<typeof explainShape>>;

const { values: args } = parseArgs({
	options: {
		orgs: { type: 'string', default: '10000' },
		iterations: { type: 'string', default: '50' },
		warmup: { type: 'string', default: '5' },
		'cold-runs': { type: 'string', default: '5' },
		'first-runs': { type: 'string', default: '2' },
		engines: { type: 'string', default: 'pglite,postgres' },
		'no-analyze': { type: 'boolean', default: false },
		'no-cold': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		seed: { type: 'string', default: '20261123' },
		// The directory benchmark (bench/directory.ts) runs after this one, in its own process.
		'no-directory': { type: 'boolean', default: false },
		// The registration rush (bench/registrations.ts) runs next, against the built server.
		'no-registrations': { type: 'boolean', default: false },
		// The business-meeting scheduler (bench/schedule.ts) runs last; it uses no database.
		'no-schedule': { type: 'boolean', default: false },
		// The job board's search at 20,000 live offers (bench/jobs.ts) runs after the scheduler.
		'no-jobs': { type: 'boolean', default: false }
	}
});
const config = {
	organizations: Number(args.orgs),
	iterations: Number(args.iterations),
	warmup: Number(args.warmup),
	coldRuns: Number(args['cold-runs']),
	firstRuns: Number(args['first-runs']),
	analyze: !args['no-analyze'],
	seed: Number(args.seed),
	slowP95Ms: 100
};
const engines = args.engines.split(',').map((e) => e.trim());

const root = projectRoot();
const resultsDir = join(root, 'bench', 'results');
const runStarted = performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - runStarted) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);

function machineInfo() {
	const c = cpus();
	const version = (pkg: string) =>
		(JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
	return {
		cpuModel: c[0]?.model ?? 'unknown',
		cpuCount: c.length,
		totalMemoryGiB: round(totalmem() / 2 ** 30, 1),
		freeMemoryGiB: round(freemem() / 2 ** 30, 1),
		os: `${platform()} ${release()} ${arch()}`,
		node: process.version,
		pglite: version('@electric-sql/pglite'),
		drizzleOrm: version('drizzle-orm'),
		loadAverageAtStart: loadavg().map((l) => round(l, 2))
	};
}

function dirBytes(dir: string): number {
	let total = 0;
	for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (e.isFile()) total += statSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).size;
	}
	return total;
}

interface ShapeResult extends Summary {
	id: string;
	description: string;
	input: Record<string, unknown>;
	total: number;
	returned: number;
	slow: boolean;
	statements: Explained;
}

interface EngineResult {
	engine: 'pglite' | 'postgres';
	serverVersion: string;
	where: string;
	setup: {
		openMs: number;
		migrateMs: number;
		insertMs: number;
		analyzeMs: number;
		rows: Record<string, number>;
		dataDirBytes?: number;
	};
	shapes: ShapeResult[];
	coldStart?: { existing: ColdSeries; warmupRun: ColdSeries['runs'][number]; firstEver?: ColdSeries };
}

// ————— Data —————

log(`generating ${config.organizations} organizations (seed ${config.seed})`);
const machine = machineInfo();
let t = performance.now();
const data = generateDataset(config.organizations, config.seed);
const generationMs = round(performance.now() - t, 1);
const shapes = buildShapes(data.probes);
log(
	`generated in ${generationMs} ms: ${data.organizations.length} organizations, ${data.people.length} contacts, ` +
		`${data.memberships.length} memberships (redrawn: ${data.redrawn})`
);

async function benchDatabase(engine: 'pglite' | 'postgres', where: string, open: () => Promise<Database>): Promise<EngineResult> {
	log(`${engine}: opening ${where}`);
	let t0 = performance.now();
	const database = await open();
	const openMs = round(performance.now() - t0, 1);
	t0 = performance.now();
	await migrateDatabase(database);
	const migrateMs = round(performance.now() - t0, 1);
	log(`${engine}: open ${openMs} ms, migrations ${migrateMs} ms; loading`);
	const load = await loadDataset(database.db, data, { analyze: config.analyze });
	log(`${engine}: loaded in ${round(load.insertMs, 0)} ms (+ analyze ${round(load.analyzeMs, 0)} ms)`);
	const [{ version }] = await queryRows<{ version: string }>(database.db, sql`select version() as version`);

	const results: ShapeResult[] = [];
	for (const shape of shapes) {
		let counts = { total: 0, returned: 0 };
		const summary = await measure(async () => {
			counts = await shape.run(database.db);
		}, config);
		const statements = await explainShape(database, shape);
		const slow = summary.p95 > config.slowP95Ms;
		results.push({ id: shape.id, description: shape.description, input: shape.input, ...counts, ...summary, slow, statements });
		log(`${engine}: ${shape.id.padEnd(16)} p50 ${summary.p50} ms, p95 ${summary.p95} ms, max ${summary.max} ms (${counts.total} matches)`);
	}
	await database.close();
	return {
		engine,
		serverVersion: engine === 'pglite' ? `${version} (PGlite ${machine.pglite})` : version,
		where,
		setup: { openMs, migrateMs, insertMs: round(load.insertMs, 1), analyzeMs: round(load.analyzeMs, 1), rows: load.rows },
		shapes: results
	};
}

const results: EngineResult[] = [];
const skipped: Record<string, string> = {};
const tempDirs: string[] = [];
const cleanup = () => {
	if (args.keep) {
		for (const d of tempDirs.splice(0)) log(`kept ${d}`);
		return;
	}
	for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(sig === 'SIGINT' ? 130 : 143));

// ————— PGlite —————

if (engines.includes('pglite')) {
	const dir = mkdtempSync(join(tmpdir(), 'grappe-bench-pglite-'));
	tempDirs.push(dir);
	const dataDir = join(dir, 'data');
	const r = await benchDatabase('pglite', 'a temporary data directory', () => openDatabase({ dataDir }));
	r.setup.dataDirBytes = dirBytes(dataDir);
	if (!args['no-cold']) {
		log(`pglite: cold starts on the existing data directory (1 warm-up + ${config.coldRuns})`);
		const warm = await coldSeries(root, 1, () => ({ dataDir }));
		const existing = await coldSeries(root, config.coldRuns, () => ({ dataDir }), (c, i) =>
			log(`pglite: cold start ${i + 1}: ${c.wallMs} ms (boot ${c.nodeBootMs}, import ${c.importMs}, open ${c.openMs}, migrate ${c.migrateMs}, query ${c.firstQueryMs})`)
		);
		log(`pglite: first-ever starts on empty directories (${config.firstRuns})`);
		const firstEver = config.firstRuns
			? await coldSeries(root, config.firstRuns, () => {
					const d = mkdtempSync(join(tmpdir(), 'grappe-bench-first-'));
					tempDirs.push(d);
					return { dataDir: join(d, 'data') };
				}, (c, i) => log(`pglite: first start ${i + 1}: ${c.wallMs} ms (open/initdb ${c.openMs}, migrate ${c.migrateMs})`))
			: undefined;
		r.coldStart = { existing, warmupRun: warm.runs[0], firstEver };
	}
	results.push(r);
	cleanup();
}

// ————— PostgreSQL —————

if (engines.includes('postgres')) {
	let cluster: Awaited<ReturnType<typeof startThrowawayCluster>> | undefined;
	let base = serverUrl;
	let where = 'the server of BENCH_DATABASE_URL / DATABASE_URL';
	if (!base) {
		const bin = findPostgresBinaries();
		if (bin) {
			log(`postgres: starting a throwaway cluster from ${bin}`);
			cluster = await startThrowawayCluster(bin);
			base = cluster.url;
			where = `a throwaway cluster (${bin}, default settings, 127.0.0.1)`;
		} else {
			skipped.postgres = 'no BENCH_DATABASE_URL / DATABASE_URL and no /usr/lib/postgresql/*/bin/initdb';
			log(`postgres: skipped (${skipped.postgres})`);
		}
	}
	if (base) {
		const benchDb = await createBenchDatabase(base);
		try {
			const r = await benchDatabase('postgres', where, () => openDatabase({ databaseUrl: benchDb.url }));
			if (!args['no-cold']) {
				log(`postgres: cold starts (1 warm-up + ${config.coldRuns})`);
				const warm = await coldSeries(root, 1, () => ({ databaseUrl: benchDb.url }));
				const existing = await coldSeries(root, config.coldRuns, () => ({ databaseUrl: benchDb.url }), (c, i) =>
					log(`postgres: cold start ${i + 1}: ${c.wallMs} ms (boot ${c.nodeBootMs}, import ${c.importMs}, connect ${c.openMs}, migrate ${c.migrateMs}, query ${c.firstQueryMs})`)
				);
				r.coldStart = { existing, warmupRun: warm.runs[0] };
			}
			results.push(r);
		} finally {
			await benchDb.drop().catch((e) => log(`postgres: could not drop the benchmark database: ${e}`));
			cluster?.stop();
		}
	}
}

// ————— Output —————

const date = new Date();
const day = date.toISOString().slice(0, 10);
const common = {
	benchmark: 'grappe-organizations',
	formatVersion: 1,
	date: date.toISOString(),
	machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
	config,
	dataset: {
		generationMs,
		redrawn: data.redrawn,
		probes: data.probes,
		rows: {
			organizations: data.organizations.length,
			people: data.people.length,
			memberships: data.memberships.length,
			organization_history: data.history.length
		}
	},
	durationS: round((performance.now() - runStarted) / 1000, 1)
};
// A run without ANALYZE is a variant: its files are suffixed, the standard ones stay.
const suffix = config.analyze ? '' : '-no-analyze';
const written = [`latest${suffix}.json`, ...results.map((r) => `${day}-${r.engine}${suffix}.json`)];
mkdirSync(resultsDir, { recursive: true });
for (const r of results) writeFileSync(join(resultsDir, `${day}-${r.engine}${suffix}.json`), JSON.stringify({ ...common, ...r }, null, '\t') + '\n');
writeFileSync(join(resultsDir, `latest${suffix}.json`), JSON.stringify({ ...common, skipped, engines: results }, null, '\t') + '\n');

const fmt = (n: number | undefined) => (n === undefined ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const out: string[] = [];
out.push('');
out.push(`Grappe benchmark — ${date.toISOString()} — ${config.organizations} organizations, ${config.iterations} iterations after ${config.warmup} warm-up`);
out.push(`${machine.cpuModel} × ${machine.cpuCount}, ${machine.totalMemoryGiB} GiB, ${machine.os}, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')} → ${common.machine.loadAverageAtEnd.join(' ')}`);
out.push('');
const header = ['shape', ...results.flatMap((r) => [`${r.engine} p50`, 'p95', 'max']), 'matches'];
const rows: string[][] = shapes.map((s) => {
	const cells = results.flatMap((r) => {
		const x = r.shapes.find((y) => y.id === s.id)!;
		return [fmt(x.p50), fmt(x.p95) + (x.slow ? ' !' : ''), fmt(x.max)];
	});
	return [s.id, ...cells, String(results[0]?.shapes.find((y) => y.id === s.id)?.total ?? '')];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
out.push(line(header));
out.push(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) out.push(line(r));
out.push('(ms; "!" marks p95 above ' + config.slowP95Ms + ' ms)');
out.push('');
for (const r of results) {
	out.push(
		`${r.engine}: ${r.serverVersion.split(' on ')[0]} — open ${r.setup.openMs} ms, migrate ${r.setup.migrateMs} ms, ` +
			`load ${fmt(r.setup.insertMs)} ms (${Object.entries(r.setup.rows).map(([k, v]) => `${v} ${k}`).join(', ')}), analyze ${fmt(r.setup.analyzeMs)} ms` +
			(r.setup.dataDirBytes ? `, data directory ${round(r.setup.dataDirBytes / 2 ** 20, 1)} MiB` : '')
	);
	if (r.coldStart) {
		const c = r.coldStart;
		out.push(`  cold start → first answered list: median ${c.existing.medianMs} ms (runs: ${c.existing.runs.map((x) => x.wallMs).join(', ')})`);
		if (c.firstEver) out.push(`  first-ever start (initdb + migrations + list): median ${c.firstEver.medianMs} ms (runs: ${c.firstEver.runs.map((x) => x.wallMs).join(', ')})`);
	}
}
for (const [engine, why] of Object.entries(skipped)) out.push(`${engine}: skipped — ${why}`);
for (const r of results) {
	for (const s of r.shapes.filter((x) => x.slow)) {
		out.push('', `SLOW on ${r.engine}: ${s.id} (p95 ${s.p95} ms) — plans:`);
		for (const st of s.statements) out.push(...st.plan.map((l) => '    ' + l), '');
	}
}
out.push('', `Written: ${written.map((f) => 'bench/results/' + f).join(', ')} (${common.durationS} s)`);
process.stdout.write(out.join('\n') + '\n');

// ————— Then the directory benchmark (100,000 listed members), on the same engines —————

if (!args['no-directory']) {
	const { spawnSync } = await import('node:child_process');
	const pass = ['--engines', args.engines, '--iterations', args.iterations, '--warmup', args.warmup, ...(args.keep ? ['--keep'] : [])];
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'directory.ts'), ...pass], { stdio: 'inherit', cwd: root });
	process.exitCode = r.status ?? 1;
}

// ————— Then the registration rush against a running server, on the same engines —————

if (!args['no-registrations']) {
	const { spawnSync } = await import('node:child_process');
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'registrations.ts'), '--engines', args.engines], { stdio: 'inherit', cwd: root });
	if (r.status) process.exitCode = r.status;
}

// ————— Then the business-meeting scheduler at 1,000 participants (no database) —————

if (!args['no-schedule']) {
	const { spawnSync } = await import('node:child_process');
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'schedule.ts')], { stdio: 'inherit', cwd: root });
	if (r.status) process.exitCode = r.status;
}

// ————— Then the job board's search at 20,000 live offers, on the same engines —————

if (!args['no-jobs']) {
	const { spawnSync } = await import('node:child_process');
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'jobs.ts'), '--engines', args.engines], { stdio: 'inherit', cwd: root });
	if (r.status) process.exitCode = r.status;
}
