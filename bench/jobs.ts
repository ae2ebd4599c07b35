// The public job board at a large region's size: 20,000 live offers (plus expired and filled ones the
// board must skip) from 1,000 organizations, on PGlite and on PostgreSQL, through the employment
// service's searchOffers() — the function behind /jobs, its feeds and GET /api/v1/jobs. Measures a
// page of results for the board's usual searches, and checks each answer (every offer live, within the
// distance asked, of the trade and contract asked). Writes bench/results/<date>-jobs.json.
// Run by `npm run bench` (unless --no-jobs) or alone: `npx tsx bench/jobs.ts`.
// Options: --engines pglite,postgres --offers N (20000) --orgs N (1000) --iterations N (30) --warmup N (3)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
delete process.env.DATABASE_URL;

const { openDatabase, migrateDatabase, queryRows } = await import('../src/lib/server/db/client.ts');
const { projectRoot } = await import('../src/lib/server/db/root.ts');
const { ensureReferenceData } = await import('../src/lib/server/directory/reference-data.ts');
const { searchOffers } = await import('../src/lib/server/employment/service.ts');
const { distanceKm } = await import('../src/lib/server/directory/memory-index.ts');
const { measure, round } = await import('./lib/stats.ts');
const { findPostgresBinaries, startThrowawayCluster, createBenchDatabase } = await import('./lib/postgres.ts');

const { values: args } = parseArgs({
	options: {
		engines: { type: 'string', default: 'pglite,postgres' },
		offers: { type: 'string', default: '20000' },
		orgs: { type: 'string', default: '1000' },
		iterations: { type: 'string', default: '30' },
		warmup: { type: 'string', default: '3' }
	}
});
const config = { offers: Number(args.offers), orgs: Number(args.orgs), iterations: Number(args.iterations), warmup: Number(args.warmup) };
const root = projectRoot();
const started = performance.now();
const log = (msg: string) => process.stderr.write(`[bench:jobs ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);

// A small deterministic generator (mulberry32), so both engines get the same offers.
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TRADES = [
	['menuisier', 'Menuisier / menuisière', ['Menuisier poseur', 'Menuisière d’atelier', 'Menuisier agenceur', 'Chef d’équipe menuiserie']],
	['charpentier', 'Charpentier / charpentière', ['Charpentier bois', 'Charpentière bois', 'Compagnon charpentier', 'Charpentier couvreur']],
	['conducteur-ligne-sciage', 'Conducteur / conductrice de ligne de sciage', ['Conducteur de ligne de sciage', 'Opératrice de scierie', 'Affûteur scieur']],
	['technicien-bureau-etudes', 'Technicien / technicienne de bureau d’études bois', ['Technicien bureau d’études bois', 'Dessinatrice projeteuse', 'Chargé d’études structure bois']],
	['agenceur', 'Agenceur / agenceuse', ['Agenceur de magasins', 'Poseuse agencement', 'Agenceur menuisier']],
	['ebeniste', 'Ébéniste', ['Ébéniste', 'Ébéniste restauratrice', 'Vernisseur ébéniste']],
	['commercial-materiaux', 'Commercial / commerciale en matériaux', ['Commercial sédentaire matériaux', 'Attachée commerciale bois', 'Technico-commercial négoce']],
	['couvreur', 'Couvreur / couvreuse', ['Couvreur zingueur', 'Couvreuse', 'Chef d’équipe couverture']]
] as const;
const CONTRACTS = ['permanent', 'fixed_term', 'apprenticeship', 'internship', 'freelance'];
const PHRASES = [
	'Vous rejoignez une PME familiale reconnue pour la qualité de ses ouvrages.',
	'Fabrication et pose de menuiseries extérieures en bois et mixtes bois-aluminium.',
	'Lecture de plans, débit, usinage sur commande numérique et assemblage.',
	'Travail en équipe sur des chantiers de maisons à ossature bois et d’extensions.',
	'Vous suivez les commandes des clients professionnels et préparez les devis.',
	'Formation assurée en interne, véhicule de service, mutuelle prise en charge à 80 %.',
	'Horaires de journée, pas de grands déplacements, chantiers en Gironde et Landes.',
	'Une première expérience est un plus ; débutants motivés acceptés.'
];

async function load(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
	const random = rng(2026);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	await ensureReferenceData(db);
	for (const [i, [slug, name]] of TRADES.entries())
		await db.execute(sql`insert into trades (id, position, name, slug) values (${'t-' + slug}, ${i}, ${name}, ${slug}) on conflict (slug) do nothing`);
	// Communes: Nouvelle-Aquitaine weighed three times, the rest of France once.
	const communes = await queryRows<{ insee: string; name: string; departement_code: string; lat: number; lon: number }>(
		db,
		sql`select insee, name, departement_code, lat, lon from communes_geo where source = 'geonames' order by insee`
	);
	const na = new Set(['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87']);
	const weighted = [...communes, ...communes.filter((c) => na.has(c.departement_code)), ...communes.filter((c) => na.has(c.departement_code))];
	for (let start = 0; start < config.orgs; start += 500) {
		const rows = [];
		for (let i = start; i < Math.min(config.orgs, start + 500); i++) rows.push(sql`(${'org-' + i}, ${'Entreprise ' + i}, ${'entreprise ' + i}, 'member')`);
		await db.execute(sql`insert into organizations (id, name, name_normalized, status) values ${sql.join(rows, sql`, `)}`);
	}
	const now = Date.now();
	const day = 86_400_000;
	let live = 0;
	for (let start = 0; start < config.offers * 1.25; start += 500) {
		const rows = [];
		for (let i = start; i < Math.min(config.offers * 1.25, start + 500); i++) {
			const [tradeSlug, , titles] = pick(TRADES);
			const c = pick(weighted);
			// One offer in five is past: expired or filled, which the board must not show.
			const past = i % 5 === 4;
			const status = past ? (i % 10 === 9 ? 'filled' : 'expired') : 'published';
			if (!past) live++;
			const publishedAt = new Date(now - Math.floor(random() * 55) * day - Math.floor(random() * day));
			const expiresAt = past ? new Date(now - day) : new Date(publishedAt.getTime() + 60 * day);
			const description = Array.from({ length: 4 }, () => pick(PHRASES)).join(' ');
			rows.push(
				sql`(${'offer-' + i}, ${'org-' + Math.floor(random() * config.orgs)}, ${pick(titles)}, ${'offre-' + i}, ${'t-' + tradeSlug}, ${description},
					${c.insee}, ${c.name}, ${c.departement_code}, ${c.lat}, ${c.lon}, ${pick(CONTRACTS)}, ${status}, ${publishedAt}, ${expiresAt})`
			);
		}
		await db.execute(sql`insert into job_offers (id, organization_id, title, slug, trade_id, description, commune_insee, commune_name,
			departement_code, lat, lon, contract_kind, status, published_at, expires_at) values ${sql.join(rows, sql`, `)}`);
	}
	await db.execute(sql`analyze`);
	return live;
}

interface Shape {
	name: string;
	query: Record<string, string | number>;
}
const SHAPES: Shape[] = [
	{ name: 'first page, newest first', query: {} },
	{ name: 'q=menuisière (stem of menuisier)', query: { q: 'menuisière' } },
	{ name: 'q=technicien bureau études', query: { q: 'technicien bureau études' } },
	{ name: 'q=charpentier, département 33', query: { q: 'charpentier', dep: '33' } },
	{ name: 'near Bordeaux, 30 km', query: { near: '33063', km: 30 } },
	{ name: 'q=couvreur near Pau, 50 km', query: { q: 'couvreur', near: '64445', km: 50 } },
	{ name: 'trade ébéniste, apprenticeship', query: { trade: 'ebeniste', contract: 'apprenticeship' } },
	{ name: 'page 40 of the whole board', query: { page: 40 } }
];

async function benchEngine(engine: 'pglite' | 'postgres') {
	const dataDir = mkdtempSync(join(tmpdir(), `grappe-bench-jobs-${engine}-`));
	let cluster: Awaited<ReturnType<typeof startThrowawayCluster>> | undefined;
	let database: Awaited<ReturnType<typeof createBenchDatabase>> | undefined;
	try {
		let url: string | undefined;
		if (engine === 'postgres') {
			url = serverUrl;
			if (!url) {
				const bin = findPostgresBinaries();
				if (!bin) throw new Error('no PostgreSQL: set BENCH_DATABASE_URL or install the server binaries');
				cluster = await startThrowawayCluster(bin);
				url = cluster.url;
			}
			database = await createBenchDatabase(url);
		}
		const opened = await openDatabase(database ? { databaseUrl: database.url, poolSize: 4 } : { dataDir });
		try {
			await migrateDatabase(opened);
			const t0 = performance.now();
			const live = await load(opened.db);
			const loadMs = performance.now() - t0;
			log(`${engine}: ${live} live offers of ${Math.round(config.offers * 1.25)} loaded in ${(loadMs / 1000).toFixed(1)} s`);
			const shapes = [];
			for (const shape of SHAPES) {
				const result = await searchOffers(opened.db, shape.query);
				const q = shape.query;
				const now = Date.now();
				const checks = {
					found: result.total > 0,
					allLive: result.offers.every((o) => o.status === 'published' && o.expiresAt !== null && new Date(o.expiresAt).getTime() > now),
					withinDistance: !q.near || result.offers.every((o) => o.lat !== null && o.lon !== null && result.near !== null && distanceKm(result.near.lat, result.near.lon, o.lat, o.lon) <= Number(q.km) + 0.01),
					filtersKept: result.offers.every((o) => (!q.dep || o.departementCode === q.dep) && (!q.contract || o.contractKind === q.contract) && (!q.trade || o.tradeSlug === q.trade))
				};
				const summary = await measure(() => searchOffers(opened.db, shape.query), { warmup: config.warmup, iterations: config.iterations });
				log(`${engine}: ${shape.name.padEnd(34)} ${String(result.total).padStart(6)} found, p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms${Object.values(checks).every(Boolean) ? '' : ' CHECK FAILED ' + JSON.stringify(checks)}`);
				shapes.push({ ...shape, total: result.total, checks, ms: summary });
			}
			return { engine, liveOffers: live, loadMs: round(loadMs, 0), shapes };
		} finally {
			await opened.close();
		}
	} finally {
		await database?.drop();
		cluster?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

const results = [];
for (const engine of args.engines.split(',').map((e) => e.trim()) as ('pglite' | 'postgres')[]) results.push(await benchEngine(engine));
const c = cpus();
const out = {
	benchmark: 'jobs',
	date: new Date().toISOString(),
	machine: { cpuModel: c[0]?.model ?? 'unknown', cpuCount: c.length, totalMemoryGiB: round(totalmem() / 2 ** 30, 1), os: `${platform()} ${release()} ${arch()}`, node: process.version, pglite: (JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql/pglite', 'package.json'), 'utf8')) as { version: string }).version },
	config,
	results,
	allChecksPassed: results.every((r) => r.shapes.every((s) => Object.values(s.checks).every(Boolean)))
};
const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = `${out.date.slice(0, 10)}-jobs.json`;
writeFileSync(join(dir, file), JSON.stringify(out, null, 2) + '\n');
log(`written bench/results/${file}; every answer checked: ${out.allChecksPassed}`);
if (!out.allChecksPassed) process.exitCode = 1;
