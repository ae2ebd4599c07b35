// `grappe schedule --in request.json --out schedule.json`: the business-meeting scheduler on a JSON file,
// without the database (it runs while a server holds the data directory). Bad input: each bad entry
// named on stderr, exit status 2.
import { Option, type Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, EXIT_INVALID, exitWithError } from './context';

interface ScheduleOptions {
	in: string;
	out?: string;
	timeLimit: string;
}

const EXAMPLE = `{
  "slots": [{ "id": "s1", "start": "2026-11-26T09:00:00+01:00", "end": "2026-11-26T09:25:00+01:00" }, …],
  "tables": 40,
  "participants": [{ "id": "p1" }, { "id": "p2", "available": ["s1", "s2"] }, …],
  "requests": [{ "id": "r1", "from": "p1", "to": "p2", "weight": 2 }, …],
  "fixed": [{ "request": "r1", "slot": "s2", "table": 7 }]
}`;

export function register(program: Command) {
	program
		.command('schedule')
		.summary('schedule one-to-one business meetings from a JSON file (no database needed)')
		.description(
			'place requested one-to-one meetings in slots and at tables: both participants available, one meeting per ' +
				'participant and slot, at most "tables" meetings per slot, the greatest total weight; then fewer participants ' +
				'without a meeting, then fewer idle gaps. Two requests between the same two participants are one meeting. Pinned ' +
				'meetings ("fixed") are kept. The result says whether it is proven optimal (stats.optimal, stats.upperBound). ' +
				'Bad input: every bad entry is named and the exit code is 2.'
		)
		.requiredOption('--in <file>', 'the problem, as JSON ("-" reads standard input)')
		.option('--out <file>', 'where to write the schedule, as JSON (default: standard output)')
		.addOption(new Option('--time-limit <seconds>', 'stop searching after this long, with the best schedule found').default('30'))
		.addHelpText(
			'after',
			`\nInput:\n${EXAMPLE.replace(/^/gm, '  ')}\n\nOutput: { "meetings": [{ "request", "slot", "table" }], "unscheduled": [request ids], "stats": { "weight", "upperBound", "optimal", … } }`
		)
		.action(async (opts: ScheduleOptions) => {
			try {
				await run(opts);
			} catch (e) {
				exitWithError(e);
			}
		});
}

async function run(opts: ScheduleOptions) {
	const seconds = Number(opts.timeLimit);
	if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--time-limit ${opts.timeLimit}: expected a number of seconds above 0`, EXIT_INVALID);
	const source = opts.in === '-' ? 'standard input' : resolve(opts.in);
	let text: string;
	try {
		text = readFileSync(opts.in === '-' ? 0 : source, 'utf8');
	} catch (e) {
		throw new CliError(`cannot read ${source}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, EXIT_INVALID);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		throw new CliError(`${source} is not valid JSON: ${(e as Error).message}`, EXIT_INVALID);
	}
	// Loaded here so that --help stays quick.
	const { validateScheduleInput } = await import('../lib/server/meetings/schedule-input');
	const checked = validateScheduleInput(raw);
	if (!checked.ok) {
		const n = checked.issues.length;
		throw new CliError(`${source}: ${n === 1 ? 'one problem' : `${n} problems`}, nothing scheduled\n${checked.issues.map((i) => `  ${i.message}`).join('\n')}`, EXIT_INVALID);
	}
	const { schedule } = await import('../lib/server/meetings/scheduler');
	const result = schedule(checked.value, { timeLimitMs: seconds * 1000 });
	// One meeting per line: a file people can read and diff.
	const json = [
		'{',
		'  "meetings": [',
		result.meetings.map((m) => `    ${JSON.stringify(m)}`).join(',\n'),
		'  ],',
		`  "unscheduled": ${JSON.stringify(result.unscheduled)},`,
		`  "stats": ${JSON.stringify(result.stats, null, 2).replace(/\n/g, '\n  ')}`,
		'}',
		''
	].join('\n');
	if (opts.out) {
		const out = resolve(opts.out);
		try {
			writeFileSync(out, json);
		} catch (e) {
			throw new CliError(`cannot write ${out}: ${(e as Error).message}`);
		}
	} else process.stdout.write(json);
	const s = result.stats;
	const n = (x: number) => x.toLocaleString('en');
	const proof = s.optimal ? 'optimal' : `at most ${n(s.upperBound)} possible${s.stoppedBy === 'time' ? ', stopped by the time limit' : ''}`;
	process.stderr.write(
		`Scheduled ${n(s.scheduled)} of ${n(s.requests)} requests (${n(s.pinned)} pinned), weight ${n(s.weight)} (${proof}); ` +
			`${n(s.participantsWithoutMeeting)} participants without a meeting, ${n(s.idleGaps)} idle gaps; ${(s.ms / 1000).toFixed(1)} s` +
			`${opts.out ? ` → ${resolve(opts.out)}` : ''}\n`
	);
}
