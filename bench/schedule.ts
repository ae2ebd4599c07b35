// The business-meeting scheduler at full size: 1,000 participants, 6,000 requests, 16 slots (skewed
// popularity, 30 % partly available, tables for about a third of the requests), several seeds, some with
// pinned meetings. Measures schedule()'s time (a first call in a fresh process, then repeated calls), and
// compares its weight with the exact optimum HiGHS proves for the same instance, and with a greedy
// first-fit. Writes bench/results/<date>-schedule.json.
// Run by `npm run bench` (unless --no-schedule) or alone: `npx tsx bench/schedule.ts`.
// Options: --participants N (1000) --requests N (6000) --slots N (16) --seeds a,b,… (101,…,108)
// --pinned-seeds a,b,… (201,202,203: 100 meetings pinned) --runs N (timed calls per instance, 5)
// --exact-time-limit S (HiGHS's limit per instance, 600) --no-exact. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { projectRoot } = await import('../src/lib/server/db/root.ts');
const { schedule } = await import('../src/lib/server/meetings/scheduler.ts');
const { generateInstance, greedyFirstFit } = await import('../src/lib/server/meetings/generate.ts');
const { percentile, round } = await import('./lib/stats.ts');

const { values: args } = parseArgs({
	options: {
		participants: { type: 'string', default: '1000' },
		requests: { type: 'string', default: '6000' },
		slots: { type: 'string', default: '16' },
		seeds: { type: 'string', default: '101,102,103,104,105,106,107,108' },
		'pinned-seeds': { type: 'string', default: '201,202,203' },
		pins: { type: 'string', default: '100' },
		runs: { type: 'string', default: '5' },
		'exact-time-limit': { type: 'string', default: '600' },
		'no-exact': { type: 'boolean', default: false },
		// Internal: time one call in this (fresh) process and print it.
		'first-call': { type: 'string' }
	}
});
const size = { participants: Number(args.participants), requests: Number(args.requests), slots: Number(args.slots) };

if (args['first-call']) {
	const [seed, pins] = args['first-call'].split(':').map(Number);
	const input = generateInstance({ ...size, seed, pins });
	const t = performance.now();
	schedule(input);
	process.stdout.write(JSON.stringify({ ms: performance.now() - t }));
	process.exit(0);
}

const root = projectRoot();
const started = performance.now();
const log = (msg: string) => process.stderr.write(`[bench:schedule ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
const cases = [...list(args.seeds).map((seed) => ({ seed, pins: 0 })), ...list(args['pinned-seeds']).map((seed) => ({ seed, pins: Number(args.pins) }))];
const runs = Number(args.runs);
const version = (pkg: string) => (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const machine = {
	cpuModel: cpus()[0]?.model ?? 'unknown',
	cpuCount: cpus().length,
	totalMemoryGiB: round(totalmem() / 2 ** 30, 1),
	os: `${platform()} ${release()} ${arch()}`,
	node: process.version,
	highs: version('highs'),
	loadAverageAtStart: loadavg().map((l) => round(l, 2))
};
const exact = args['no-exact'] ? undefined : await import('../src/lib/server/meetings/exact.ts');

interface Row {
	seed: number;
	pinned: number;
	tables: number;
	requests: number;
	/** One call in a fresh process (code not yet optimised by the JIT), then `runs` calls here. */
	firstCallMs: number;
	p50Ms: number;
	maxMs: number;
	samplesMs: number[];
	weight: number;
	upperBound: number;
	optimal: boolean;
	bound: string;
	iterations: number;
	scheduled: number;
	participantsWithoutMeeting: number;
	idleGaps: number;
	exact?: { status: string; weight: number; bound: number; ms: number; variables: number; constraints: number };
	percentOfOptimum?: number;
	firstFit: { weight: number; percentOfOptimum?: number };
}

const rows: Row[] = [];
for (const c of cases) {
	const input = generateInstance({ ...size, seed: c.seed, pins: c.pins });
	log(`seed ${c.seed}${c.pins ? `, ${c.pins} pinned` : ''}: ${input.requests.length} requests, ${input.tables} tables per slot`);
	const first = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'schedule.ts'), '--first-call', `${c.seed}:${c.pins}`, ...['--participants', args.participants, '--requests', args.requests, '--slots', args.slots]], { cwd: root, encoding: 'utf8' });
	if (first.status !== 0) throw new Error(`first call failed: ${first.stderr}`);
	const firstCallMs = (JSON.parse(first.stdout) as { ms: number }).ms;
	const samples: number[] = [];
	let out: ReturnType<typeof schedule> | undefined;
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		out = schedule(input);
		samples.push(performance.now() - t);
	}
	const s = out!.stats;
	const sorted = [...samples].sort((a, b) => a - b);
	const ff = greedyFirstFit(input).weight;
	const row: Row = {
		seed: c.seed,
		pinned: c.pins,
		tables: input.tables,
		requests: input.requests.length,
		firstCallMs: round(firstCallMs, 1),
		p50Ms: round(percentile(sorted, 0.5), 1),
		maxMs: round(sorted[sorted.length - 1], 1),
		samplesMs: samples.map((x) => round(x, 1)),
		weight: s.weight,
		upperBound: s.upperBound,
		optimal: s.optimal,
		bound: s.bound,
		iterations: s.iterations,
		scheduled: s.scheduled,
		participantsWithoutMeeting: s.participantsWithoutMeeting,
		idleGaps: s.idleGaps,
		firstFit: { weight: ff }
	};
	log(`  schedule(): first call ${row.firstCallMs} ms, then p50 ${row.p50Ms} ms, max ${row.maxMs} ms; weight ${s.weight}, bound ${s.upperBound} (${s.optimal ? 'optimal' : `gap ${s.gap}`}); first-fit ${ff}`);
	if (exact) {
		const e = await exact.solveExact(input, { timeLimit: Number(args['exact-time-limit']) });
		row.exact = { status: e.status, weight: e.weight, bound: round(e.bound, 3), ms: round(e.ms, 0), variables: e.variables, constraints: e.constraints };
		if (e.status === 'optimal') {
			row.percentOfOptimum = round((100 * s.weight) / e.weight, 3);
			row.firstFit.percentOfOptimum = round((100 * ff) / e.weight, 2);
		}
		log(`  HiGHS: ${e.status} ${e.weight} in ${(e.ms / 1000).toFixed(1)} s (${e.variables} variables, ${e.constraints} constraints)`);
	}
	rows.push(row);
}

const all = rows.flatMap((r) => r.samplesMs).sort((a, b) => a - b);
const solved = rows.filter((r) => r.exact?.status === 'optimal');
const summary = {
	instances: rows.length,
	p50Ms: round(percentile(all, 0.5), 1),
	maxMs: round(all[all.length - 1], 1),
	firstCallMaxMs: round(Math.max(...rows.map((r) => r.firstCallMs)), 1),
	provenOptimal: rows.filter((r) => r.optimal).length,
	exactSolved: solved.length,
	equalToExactOptimum: solved.filter((r) => r.weight === r.exact!.weight).length,
	minPercentOfOptimum: solved.length ? Math.min(...solved.map((r) => r.percentOfOptimum!)) : undefined,
	firstFitPercentOfOptimum: solved.length
		? { min: Math.min(...solved.map((r) => r.firstFit.percentOfOptimum!)), max: Math.max(...solved.map((r) => r.firstFit.percentOfOptimum!)) }
		: undefined,
	goalMs: 2000
};
const date = new Date();
const result = {
	benchmark: 'grappe-schedule',
	formatVersion: 1,
	date: date.toISOString(),
	machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
	config: { ...size, runs, cases, exactTimeLimitS: args['no-exact'] ? null : Number(args['exact-time-limit']) },
	summary,
	instances: rows,
	durationS: round((performance.now() - started) / 1000, 1)
};
const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = `${date.toISOString().slice(0, 10)}-schedule.json`;
writeFileSync(join(dir, file), JSON.stringify(result, null, 2) + '\n');

const out: string[] = ['', `Scheduler benchmark — ${date.toISOString()} — ${size.participants} participants, ${size.requests} requests, ${size.slots} slots`];
out.push(`${machine.cpuModel} × ${machine.cpuCount}, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')} → ${result.machine.loadAverageAtEnd.join(' ')}`, '');
out.push('seed  pins  first ms  p50 ms  max ms  weight  bound  optimal  HiGHS (s)  % of opt.  first-fit %');
for (const r of rows) {
	out.push(
		[
			String(r.seed).padEnd(4), String(r.pinned).padStart(4), r.firstCallMs.toFixed(0).padStart(9), r.p50Ms.toFixed(0).padStart(7), r.maxMs.toFixed(0).padStart(7),
			String(r.weight).padStart(7), String(r.upperBound).padStart(6), (r.optimal ? 'yes' : 'no').padStart(8),
			(r.exact ? `${r.exact.status === 'optimal' ? r.exact.weight : '?'} (${(r.exact.ms / 1000).toFixed(0)})` : '—').padStart(11),
			(r.percentOfOptimum?.toFixed(2) ?? '—').padStart(10), (r.firstFit.percentOfOptimum?.toFixed(2) ?? '—').padStart(12)
		].join('  ')
	);
}
out.push('', `schedule(): p50 ${summary.p50Ms} ms, max ${summary.maxMs} ms (first call in a fresh process: at most ${summary.firstCallMaxMs} ms); goal ${summary.goalMs} ms`);
out.push(`proven optimal: ${summary.provenOptimal}/${rows.length}; equal to HiGHS's optimum: ${summary.equalToExactOptimum}/${summary.exactSolved}`);
if (summary.firstFitPercentOfOptimum) out.push(`greedy first-fit: ${summary.firstFitPercentOfOptimum.min}–${summary.firstFitPercentOfOptimum.max} % of the optimum`);
out.push(`Written: bench/results/${file} (${result.durationS} s)`);
process.stdout.write(out.join('\n') + '\n');
