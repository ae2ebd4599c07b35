// `grappe schedule` as an organiser runs it: a separate node process, a JSON file in, a JSON file out,
// no database — it works while a server holds the data directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockDataDir } from '../lib/server/db/lock';
import { generateInstance } from '../lib/server/meetings/generate';
import type { ScheduleInput, ScheduleOutput } from '../lib/server/meetings/scheduler';
import { testEngine } from '../../tests/setup/db';

const bin = fileURLToPath(new URL('../../bin/grappe.js', import.meta.url));

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function grappe(dataDir: string, args: string[], stdin?: string): Promise<Run> {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, GRAPPE_DEMO: '0' };
	delete env.DATABASE_URL;
	return new Promise((resolve) => {
		const child = execFile(process.execPath, [bin, ...args], { env, timeout: 60_000, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({ code, stdout, stderr });
		});
		if (stdin !== undefined) child.stdin!.end(stdin);
	});
}

// The command uses no database: run it once, in unit-pglite.
describe.skipIf(testEngine() === 'postgres')('grappe schedule', { timeout: 120_000 }, () => {
	let root: string;
	let dataDir: string;
	const input = (name: string, value: unknown) => {
		const file = join(root, name);
		writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
		return file;
	};
	const small = (): ScheduleInput => ({
		slots: [
			{ id: 's1', start: '2026-11-26T09:00:00+01:00', end: '2026-11-26T09:25:00+01:00' },
			{ id: 's2', start: '2026-11-26T09:30:00+01:00', end: '2026-11-26T09:55:00+01:00' }
		],
		tables: 2,
		participants: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3', available: ['s2'] }],
		requests: [
			{ id: 'r1', from: 'p1', to: 'p2' },
			{ id: 'r2', from: 'p1', to: 'p3', weight: 2 }
		]
	});

	beforeAll(() => {
		root = mkdtempSync(join(tmpdir(), 'grappe-schedule-test-'));
		dataDir = join(root, 'data');
	});
	afterAll(() => {
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('writes a schedule that keeps every rule, without touching the data directory', async () => {
		const problem = generateInstance({ participants: 120, requests: 600, slots: 10, seed: 5, pins: 12 });
		const out = join(root, 'schedule.json');
		const r = await grappe(dataDir, ['schedule', '--in', input('problem.json', problem), '--out', out]);
		expect(r.code).toBe(0);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^Scheduled \d+ of 600 requests \(12 pinned\), weight \d+ \(optimal\)/);
		const result = JSON.parse(readFileSync(out, 'utf8')) as ScheduleOutput;
		expect(result.stats.optimal).toBe(true);
		expect(result.meetings.length).toBeGreaterThan(0);
		const requests = new Map(problem.requests.map((x) => [x.id, x]));
		const available = new Map(problem.participants.map((p) => [p.id, p.available]));
		const busy = new Set<string>();
		const tables = new Set<string>();
		for (const m of result.meetings) {
			const req = requests.get(m.request)!;
			expect(m.table).toBeGreaterThanOrEqual(1);
			expect(m.table).toBeLessThanOrEqual(problem.tables);
			expect(tables.has(`${m.slot}/${m.table}`)).toBe(false);
			tables.add(`${m.slot}/${m.table}`);
			for (const p of [req.from, req.to]) {
				expect(available.get(p)?.includes(m.slot) ?? true).toBe(true);
				expect(busy.has(`${p}/${m.slot}`)).toBe(false);
				busy.add(`${p}/${m.slot}`);
			}
		}
		for (const f of problem.fixed!) expect(result.meetings).toContainEqual(f.table ? f : { ...f, table: expect.any(Number) });
		expect(result.meetings.length + result.unscheduled.length).toBe(problem.requests.length);
		expect(existsSync(dataDir)).toBe(false);
	});

	it('reads standard input and writes standard output, while a server holds the data directory', async () => {
		const release = lockDataDir(dataDir);
		try {
			const r = await grappe(dataDir, ['schedule', '--in', '-'], JSON.stringify(small()));
			expect(r.code).toBe(0);
			const result = JSON.parse(r.stdout) as ScheduleOutput;
			expect(result.meetings).toEqual([
				{ request: 'r1', slot: 's1', table: 1 },
				{ request: 'r2', slot: 's2', table: 1 }
			]);
			expect(result.stats).toMatchObject({ weight: 3, upperBound: 3, optimal: true, participantsWithoutMeeting: 0, idleGaps: 0 });
		} finally {
			release();
		}
	});

	it('names the request with an unknown participant, and exits with 2', async () => {
		const bad = small();
		bad.requests.push({ id: 'r3', from: 'p2', to: 'p999' });
		const out = join(root, 'unwritten.json');
		const r = await grappe(dataDir, ['schedule', '--in', input('unknown.json', bad), '--out', out]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('requests[2] (id "r3"): unknown participant "p999" in "to"');
		expect(existsSync(out)).toBe(false);
	});

	it('names a duplicate id, and exits with 2', async () => {
		const bad = small();
		bad.participants.push({ id: 'p2' });
		bad.slots.push({ ...bad.slots[0], start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T10:25:00+01:00' });
		const r = await grappe(dataDir, ['schedule', '--in', input('duplicate.json', bad)]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('2 problems, nothing scheduled');
		expect(r.stderr).toContain('slots[2] (id "s1"): duplicate id, already used by slots[0]');
		expect(r.stderr).toContain('participants[3] (id "p2"): duplicate id, already used by participants[1]');
		expect(r.stdout).toBe('');
	});

	it('names a request to oneself, and exits with 2', async () => {
		const bad = small();
		bad.requests[0].to = 'p1';
		const r = await grappe(dataDir, ['schedule', '--in', input('self.json', bad)]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('requests[0] (id "r1"): a participant cannot meet itself ("from" and "to" are both "p1")');
	});

	it('refuses a file that is not JSON, or missing, with 2', async () => {
		const r = await grappe(dataDir, ['schedule', '--in', input('broken.json', '{"slots": [')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/broken\.json is not valid JSON/);
		const missing = await grappe(dataDir, ['schedule', '--in', join(root, 'nowhere.json')]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/cannot read .*nowhere\.json: no such file/);
	});
});
