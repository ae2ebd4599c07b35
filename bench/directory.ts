// The directory benchmark: 100,000 listed members generated deterministically, the public directory's
// search (searchDirectory, as the API and the page call it: items + total + facets) for each query
// shape on PGlite and PostgreSQL, and the directory page's server-rendered throughput against /healthz.
// Run by `npm run bench` after the organization benchmark, or alone: `npx tsx bench/directory.ts`.
// Writes bench/results/<date>-directory-<engine>.json and bench/results/latest-directory.json.
// Options: --orgs N (100000) --iterations N (50) --warmup N (5) --engines pglite,postgres --seed N
// --shapes a,b (a subset) --no-http --http-seconds N (10) --concurrency N (8) --page PATH (/directory)
// --pglite-dir DIR (load into DIR and keep it; reuse it when it already holds the same data set) --keep.
// For before/after figures: --search-module FILE (another copy of search.ts) and --skip-migrations
// (a reused directory as it is).
// See docs/benchmarks.md.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { arch, cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
delete process.env.DATABASE_URL;

const { openDatabase, migrateDatabase, queryRows } = await import('../src/lib/server/db/client.ts');
const { projectRoot } = await import('../src/lib/server/db/root.ts');
const { generateDirectoryDataset } = await import('./lib/directory-generate.ts');
const { loadDirectoryDataset } = await import('./lib/directory-load.ts');
const { buildDirectoryShapes, useSearchModule, FREQUENT_TERMS, RARE_TERMS, TRADE_COMMUNE } = await import('./lib/directory-shapes.ts');
const { directoryIndex, directoryIndexStats } = await import('../src/lib/server/directory/memory-index.ts');
const { builtServer, startServer, loadTest } = await import('./lib/directory-http.ts');
type LoadResult = Awaited<ReturnType<typeof loadTest>>;
const { percentile, round } = await import('./lib/stats.ts');
const { findPostgresBinaries, startThrowawayCluster, createBenchDatabase } = await import('./lib/postgres.ts');

type Database = Awaited<ReturnType<typeof openDatabase>>;
type Shape = ReturnType<typeof buildDirectoryShapes>[number];

const { values: args } = parseArgs({
	options: {
		orgs: { type: 'string', default: '100000' },
		iterations: { type: 'string', default: '50' },
		warmup: { type: 'string', default: '5' },
		engines: { type: 'string', default: 'pglite,postgres' },
		seed: { type: 'string', default: '20261124' },
		shapes: { type: 'string', default: '' },
		'no-http': { type: 'boolean', default: false },
		'http-seconds': { type: 'string', default: '10' },
		concurrency: { type: 'string', default: '8' },
		page: { type: 'string', default: '/directory' },
		'pglite-dir': { type: 'string' },
		'search-module': { type: 'string' },
		'skip-migrations': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false }
	}
});
const config = {
	organizations: Number(args.orgs),
	iterations: Number(args.iterations),
	warmup: Number(args.warmup),
	seed: Number(args.seed),
	goalP95Ms: 30,
	http: !args['no-http'],
	httpSeconds: Number(args['http-seconds']),
	concurrency: Number(args.concurrency),
	page: args.page,
	goalThroughputRatio: 0.5
};
if (args['search-module']) useSearchModule(await import(resolve(args['search-module'])));
const engines = args.engines.split(',').map((e) => e.trim());
const root = projectRoot();
const resultsDir = join(root, 'bench', 'results');
const runStarted = performance.now();
const log = (msg: string) => process.stderr.write(`[bench:directory ${((performance.now() - runStarted) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);

function machineInfo() {
	const c = cpus();
	const version = (pkg: string) => (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
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

// ————— Data —————

log(`generating ${config.organizations} listed members (seed ${config.seed})`);
const machine = machineInfo();
let t = performance.now();
const data = generateDirectoryDataset(config.organizations, config.seed);
const generationMs = round(performance.now() - t, 1);
let shapes = buildDirectoryShapes(data);
if (args.shapes) {
	const only = new Set(args.shapes.split(','));
	shapes = shapes.filter((s) => only.has(s.id));
}
const misspelt = data.misspelt.slice();
const datasetRows = {
	organizations: data.organizations.length,
	people: data.people.length,
	memberships: data.memberships.length,
	showcases: data.showcases.length,
	organization_competencies: data.organizationCompetencies.length,
	showcase_references: data.references.length,
	reference_members: data.referenceMembers.length,
	competencies: data.competencies.length,
	reference_kinds: data.referenceKinds.length
};
log(`generated in ${generationMs} ms: ${Object.entries(datasetRows).map(([k, v]) => `${v} ${k}`).join(', ')}`);
/** Frees the generated rows once the last engine that loads them has them (PostgreSQL comes last). */
let loadsLeft = ['pglite', 'postgres'].filter((e) => args.engines.split(',').map((x) => x.trim()).includes(e)).length;
function releaseRows() {
	if (--loadsLeft > 0) return;
	for (const k of ['organizations', 'people', 'memberships', 'showcases', 'organizationCompetencies', 'references', 'referenceMembers'] as const) data[k] = [];
	globalThis.gc?.();
}

interface ShapeResult {
	id: string;
	description: string;
	firstMs: number;
	iterations: number;
	p50: number;
	p95: number;
	max: number;
	min: number;
	mean: number;
	overGoal: boolean;
	/** Each query of the shape and what it found (total matches, rows on the page). */
	queries: { query: string; total: number; returned: number }[];
}

async function measureShape(db: Database['db'], shape: Shape): Promise<Omit<ShapeResult, 'id' | 'description' | 'overGoal'>> {
	const queries: ShapeResult['queries'] = [];
	let i = 0;
	const run = async (k: number) => {
		if (shape.prepare) await shape.prepare(db, k);
		t0 = performance.now();
		return shape.run(db, k);
	};
	let t0 = performance.now();
	const first = await run(i++);
	const firstMs = performance.now() - t0;
	queries.push({ query: shape.queries[0], ...first });
	for (let k = 0; k < config.warmup; k++) {
		const r = await run(i);
		if (i < shape.queries.length && !queries[i]) queries[i] = { query: shape.queries[i], ...r };
		i++;
	}
	const samples: number[] = [];
	for (let k = 0; k < config.iterations; k++) {
		const r = await run(i);
		samples.push(performance.now() - t0);
		if (i < shape.queries.length && !queries[i]) queries[i] = { query: shape.queries[i], ...r };
		i++;
	}
	samples.sort((a, b) => a - b);
	return {
		firstMs: round(firstMs),
		iterations: samples.length,
		p50: round(percentile(samples, 0.5)),
		p95: round(percentile(samples, 0.95)),
		max: round(samples[samples.length - 1]),
		min: round(samples[0]),
		mean: round(samples.reduce((s, x) => s + x, 0) / samples.length),
		queries: queries.filter(Boolean)
	};
}

interface EngineResult {
	engine: 'pglite' | 'postgres';
	serverVersion: string;
	where: string;
	setup: {
		openMs: number;
		migrateMs: number;
		reused: boolean;
		insertMs?: number;
		refreshMs?: number;
		analyzeMs?: number;
		directoryEntries: number;
		directoryBytes: number;
		/** Building the in-memory search index (memory-index.ts) from directory_entries, and the heap it takes. */
		indexBuildMs: number;
		indexHeapMiB: number;
		indexLexemes: number;
	};
	shapes: ShapeResult[];
	quality: { misspelt: number; misspeltFoundFirst: number; misspeltFoundOnFirstPage: number };
	http?: Record<string, unknown>;
}

const MARKER = 'bench-directory.json';
const markerOf = () => JSON.stringify({ seed: config.seed, organizations: config.organizations, generator: 1 });

async function benchEngine(engine: 'pglite' | 'postgres', where: string, open: () => Promise<Database>, reuseDir?: string): Promise<EngineResult> {
	log(`${engine}: opening ${where}`);
	let t0 = performance.now();
	const database = await open();
	const openMs = round(performance.now() - t0, 1);
	t0 = performance.now();
	if (!args['skip-migrations']) await migrateDatabase(database);
	const migrateMs = round(performance.now() - t0, 1);
	const reused = !!reuseDir && existsSync(join(reuseDir, MARKER)) && readFileSync(join(reuseDir, MARKER), 'utf8') === markerOf();
	let load: Awaited<ReturnType<typeof loadDirectoryDataset>> | undefined;
	if (reused) {
		log(`${engine}: reusing the data set already in ${reuseDir}`);
	} else {
		log(`${engine}: open ${openMs} ms, migrations ${migrateMs} ms; loading`);
		load = await loadDirectoryDataset(database.db, data, { analyze: true, log: (m) => log(`${engine}: ${m}`) });
		log(`${engine}: sources ${round(load.insertMs, 0)} ms, directory_refresh ${round(load.refreshMs, 0)} ms, analyze ${round(load.analyzeMs, 0)} ms`);
		if (reuseDir) writeFileSync(join(reuseDir, MARKER), markerOf());
	}
	// The generated rows are no longer needed: let them go, so that garbage collection of a large heap
	// does not land in the measured calls (the shapes only keep their query strings).
	releaseRows();
	const [{ version }] = await queryRows<{ version: string }>(database.db, sql`select version() as version`);
	const [size] = await queryRows<{ n: number; bytes: number }>(
		database.db,
		sql`select (select count(*)::int from directory_entries) as n, pg_total_relation_size('directory_entries')::float8 as bytes`
	);

	globalThis.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	t0 = performance.now();
	await directoryIndex(database.db);
	const indexBuildMs = round(performance.now() - t0, 1);
	globalThis.gc?.();
	const indexHeapMiB = round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, 1);
	const indexStats = directoryIndexStats(database.db)!;
	log(`${engine}: search index built in ${indexBuildMs} ms (${indexStats.entries} entries, ${indexStats.lexemes} lexemes, heap +${indexHeapMiB} MiB)`);

	const results: ShapeResult[] = [];
	for (const shape of shapes) {
		const m = await measureShape(database.db, shape);
		const overGoal = m.p95 > config.goalP95Ms;
		results.push({ id: shape.id, description: shape.description, ...m, overGoal });
		const totals = m.queries.map((q) => q.total);
		log(
			`${engine}: ${shape.id.padEnd(20)} p50 ${String(m.p50).padStart(7)} ms, p95 ${String(m.p95).padStart(7)} ms, max ${String(m.max).padStart(7)} ms ` +
				`(matches ${Math.min(...totals)}–${Math.max(...totals)})`
		);
	}
	// Do misspelt names find the company they were made from? (first on the page, or anywhere on it;
	// the same name with another legal form — "Informatique Daniel" and "Informatique Daniel SAS" — counts)
	const { searchDirectory, parseDirectoryParams } = await import('../src/lib/server/directory/search.ts');
	const { organizationNameKey } = await import('../src/lib/server/text.ts');
	let first = 0;
	let onPage = 0;
	for (const m of misspelt) {
		const r = await searchDirectory(database.db, parseDirectoryParams(new URLSearchParams({ q: m.typed })));
		const at = r.items.findIndex((i) => organizationNameKey(i.name) === organizationNameKey(m.of));
		if (at === 0) first++;
		if (at >= 0) onPage++;
	}
	const quality = { misspelt: misspelt.length, misspeltFoundFirst: first, misspeltFoundOnFirstPage: onPage };
	log(`${engine}: misspelt names: ${first}/${misspelt.length} found first, ${onPage}/${misspelt.length} on the first page`);
	await database.close();
	return {
		engine,
		quality,
		serverVersion: engine === 'pglite' ? `${version} (PGlite ${machine.pglite})` : version,
		where,
		setup: {
			openMs,
			migrateMs,
			reused,
			insertMs: load && round(load.insertMs, 1),
			refreshMs: load && round(load.refreshMs, 1),
			analyzeMs: load && round(load.analyzeMs, 1),
			directoryEntries: size.n,
			directoryBytes: size.bytes,
			indexBuildMs,
			indexHeapMiB,
			indexLexemes: indexStats.lexemes
		},
		shapes: results
	};
}

const tempDirs: string[] = [];
const cleanup = () => {
	for (const d of tempDirs.splice(0)) {
		if (args.keep) log(`kept ${d}`);
		else rmSync(d, { recursive: true, force: true });
	}
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(sig === 'SIGINT' ? 130 : 143));

const results: EngineResult[] = [];
const skipped: Record<string, string> = {};

// ————— PGlite (and the server's throughput on the same data directory) —————

if (engines.includes('pglite')) {
	let dataDir: string;
	if (args['pglite-dir']) {
		dataDir = resolve(args['pglite-dir']);
	} else {
		const dir = mkdtempSync(join(tmpdir(), 'grappe-bench-directory-'));
		tempDirs.push(dir);
		dataDir = join(dir, 'data');
	}
	const r = await benchEngine('pglite', args['pglite-dir'] ? dataDir : 'a temporary data directory', () => openDatabase({ dataDir }), dataDir);
	if (config.http) {
		const entry = builtServer(root);
		if (!entry) {
			r.http = { skipped: 'no build/index.js: run `npm run build` first' };
			log('http: skipped (no build/index.js; run `npm run build`)');
		} else {
			log(`http: starting ${entry} on the PGlite data directory`);
			const server = await startServer(entry, dataDir);
			try {
				const page = config.page;
				const pageQueries = ['', ...FREQUENT_TERMS, ...RARE_TERMS.slice(0, 4), ...TRADE_COMMUNE.slice(0, 4)].map((q) => (q ? `${page}?${new URLSearchParams({ q })}` : page));
				const probe = await loadTest(server.url, [page], { concurrency: 1, seconds: 0.001 });
				const pageStatus = Object.keys(probe.status)[0];
				if (pageStatus !== '200') {
					r.http = { skipped: `${page} answered ${pageStatus ?? 'nothing'}: the directory page is not there yet`, page };
					log(`http: ${page} answered ${pageStatus}: skipped`);
				} else {
					const opts = { concurrency: config.concurrency, seconds: config.httpSeconds };
					const warm = { concurrency: config.concurrency, seconds: 2 };
					const landing = [page];
					const searches = pageQueries.slice(1);
					await loadTest(server.url, ['/healthz'], warm);
					await loadTest(server.url, landing, warm);
					await loadTest(server.url, searches, warm);
					// Alternated twice, so a change in the machine's load touches every side. The directory's
					// pages are cached for anonymous visitors (page-cache.ts); `Cache-Control: no-cache` asks
					// for a fresh rendering each time, which measures the rendering itself.
					const fresh = { ...opts, headers: { 'cache-control': 'no-cache' } };
					const runs = {
						healthz: [] as LoadResult[],
						landing: [] as LoadResult[],
						searches: [] as LoadResult[],
						landingRendered: [] as LoadResult[],
						searchesRendered: [] as LoadResult[]
					};
					for (let k = 0; k < 2; k++) {
						runs.healthz.push(await loadTest(server.url, ['/healthz'], opts));
						runs.landing.push(await loadTest(server.url, landing, opts));
						runs.searches.push(await loadTest(server.url, searches, opts));
						runs.landingRendered.push(await loadTest(server.url, landing, fresh));
						runs.searchesRendered.push(await loadTest(server.url, searches, fresh));
					}
					const rps = (l: LoadResult[]) => l.reduce((s, x) => s + x.requests, 0) / l.reduce((s, x) => s + x.seconds, 0);
					const healthRps = rps(runs.healthz);
					const pageRps = rps(runs.landing);
					const searchRps = rps(runs.searches);
					const renderedRps = rps(runs.landingRendered);
					const renderedSearchRps = rps(runs.searchesRendered);
					r.http = {
						page,
						searchQueries: searches,
						...runs,
						healthzRps: round(healthRps, 1),
						directoryRps: round(pageRps, 1),
						ratio: round(pageRps / healthRps, 3),
						searchRps: round(searchRps, 1),
						searchRatio: round(searchRps / healthRps, 3),
						renderedRps: round(renderedRps, 1),
						renderedRatio: round(renderedRps / healthRps, 3),
						renderedSearchRps: round(renderedSearchRps, 1),
						renderedSearchRatio: round(renderedSearchRps / healthRps, 3)
					};
					log(
						`http: /healthz ${round(healthRps, 1)} req/s, ${page} ${round(pageRps, 1)} req/s (ratio ${round(pageRps / healthRps, 3)}), ${page}?q=… ${round(searchRps, 1)} req/s (ratio ${round(searchRps / healthRps, 3)}); ` +
							`rendered each time: ${round(renderedRps, 1)} req/s (ratio ${round(renderedRps / healthRps, 3)}), ?q=… ${round(renderedSearchRps, 1)} req/s (ratio ${round(renderedSearchRps / healthRps, 3)})`
					);
				}
			} finally {
				await server.stop();
			}
		}
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
			results.push(await benchEngine('postgres', where, () => openDatabase({ databaseUrl: benchDb.url })));
		} finally {
			await benchDb.drop().catch((e) => log(`postgres: could not drop the benchmark database: ${e}`));
			cluster?.stop();
		}
	}
}

// Both engines must find exactly the same things.
const disagreements: string[] = [];
if (results.length === 2) {
	for (const s of results[0].shapes) {
		const other = results[1].shapes.find((x) => x.id === s.id);
		for (const q of s.queries) {
			const o = other?.queries.find((x) => x.query === q.query);
			if (o && (o.total !== q.total || o.returned !== q.returned)) disagreements.push(`${s.id} ${q.query}: ${q.total} vs ${o.total}`);
		}
	}
}

// ————— Output —————

const date = new Date();
const day = date.toISOString().slice(0, 10);
const common = {
	benchmark: 'grappe-directory',
	formatVersion: 1,
	date: date.toISOString(),
	machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
	config: { ...config, searchModule: args['search-module'] ?? null, skipMigrations: args['skip-migrations'] },
	dataset: { generationMs, rows: datasetRows, misspelt: data.misspelt.slice(0, 10) },
	durationS: round((performance.now() - runStarted) / 1000, 1)
};
const partial = !!args.shapes || config.organizations !== 100000 || !!args['search-module'] || args['skip-migrations'];
const suffix = partial ? '-partial' : '';
mkdirSync(resultsDir, { recursive: true });
const written = [`latest-directory${suffix}.json`];
for (const r of results) {
	const f = `${day}-directory-${r.engine}${suffix}.json`;
	written.push(f);
	writeFileSync(join(resultsDir, f), JSON.stringify({ ...common, ...r }, null, '\t') + '\n');
}
writeFileSync(join(resultsDir, `latest-directory${suffix}.json`), JSON.stringify({ ...common, skipped, disagreements, engines: results }, null, '\t') + '\n');

const fmt = (n: number | undefined) => (n === undefined ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const out: string[] = [''];
out.push(`Grappe directory benchmark — ${date.toISOString()} — ${config.organizations} listed members, ${config.iterations} iterations after ${config.warmup} warm-up`);
out.push(`${machine.cpuModel} × ${machine.cpuCount}, ${machine.totalMemoryGiB} GiB, ${machine.os}, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')} → ${common.machine.loadAverageAtEnd.join(' ')}`);
out.push('');
const header = ['shape', ...results.flatMap((r) => [`${r.engine} p50`, 'p95', 'max']), 'matches'];
const rows = shapes.map((s) => {
	const cells = results.flatMap((r) => {
		const x = r.shapes.find((y) => y.id === s.id)!;
		return [fmt(x.p50), fmt(x.p95) + (x.overGoal && r.engine === 'pglite' ? ' !' : ''), fmt(x.max)];
	});
	const totals = results[0]?.shapes.find((y) => y.id === s.id)?.queries.map((q) => q.total) ?? [];
	return [s.id, ...cells, totals.length ? `${Math.min(...totals)}–${Math.max(...totals)}` : ''];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
out.push(`(ms; "!" marks a PGlite p95 above the ${config.goalP95Ms} ms goal)`, '');
for (const r of results) {
	const s = r.setup;
	out.push(
		`${r.engine}: ${r.serverVersion.split(' on ')[0]} — open ${s.openMs} ms, migrate ${s.migrateMs} ms, ` +
			(s.reused ? 'data set reused' : `sources ${fmt(s.insertMs)} ms, directory_refresh ${fmt(s.refreshMs)} ms, analyze ${fmt(s.analyzeMs)} ms`) +
			`; ${s.directoryEntries} directory entries, ${round(s.directoryBytes / 2 ** 20, 1)} MiB; search index built in ${fmt(s.indexBuildMs)} ms, heap +${s.indexHeapMiB} MiB`
	);
	out.push(`  misspelt names: ${r.quality.misspeltFoundFirst}/${r.quality.misspelt} found first, ${r.quality.misspeltFoundOnFirstPage}/${r.quality.misspelt} on the first page`);
	if (r.http) {
		const h = r.http as Record<string, number | string | undefined>;
		out.push(
			h.skipped
				? `  throughput: skipped — ${h.skipped}`
				: `  throughput (${config.concurrency} keep-alive clients): /healthz ${h.healthzRps} req/s, ${h.page} ${h.directoryRps} req/s — ratio ${h.ratio} (goal ≥ ${config.goalThroughputRatio}); ${h.page}?q=… ${h.searchRps} req/s — ratio ${h.searchRatio}\n` +
					`  rendered each time (Cache-Control: no-cache): ${h.page} ${h.renderedRps} req/s — ratio ${h.renderedRatio}; ${h.page}?q=… ${h.renderedSearchRps} req/s — ratio ${h.renderedSearchRatio}`
		);
	}
}
for (const [engine, why] of Object.entries(skipped)) out.push(`${engine}: skipped — ${why}`);
if (disagreements.length) out.push('', 'The engines found different totals (PostgreSQL versions stem some French words differently):', ...disagreements.map((d) => '  ' + d));
for (const r of results) {
	for (const s of r.shapes.filter((x) => x.overGoal && r.engine === 'pglite')) out.push(`OVER THE GOAL on ${r.engine}: ${s.id} (p95 ${s.p95} ms)`);
}
out.push('', `Written: ${written.map((f) => 'bench/results/' + f).join(', ')} (${common.durationS} s)`);
process.stdout.write(out.join('\n') + '\n');
