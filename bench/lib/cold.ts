// Cold starts: a new Node process opens the database, migrates and answers one organization list.
// The figure is measured by the parent, from spawn() to the child's answer on stdout.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { median, round } from './stats.ts';

export interface ColdRun {
	/** spawn() → the answer arrives on the parent's side: what a user waits for. */
	wallMs: number;
	/** The child's own breakdown (ms). */
	nodeBootMs: number;
	importMs: number;
	openMs: number;
	migrateMs: number;
	firstQueryMs: number;
	total: number;
}

export interface ColdSeries {
	runs: ColdRun[];
	medianMs: number;
	minMs: number;
	maxMs: number;
}

export function coldStart(root: string, target: { dataDir?: string; databaseUrl?: string }): Promise<ColdRun> {
	const env = { ...process.env };
	delete env.DATABASE_URL;
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'cold-start.ts'), JSON.stringify(target)], {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		let answer: ColdRun | undefined;
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			out += chunk;
			const nl = out.indexOf('\n');
			if (!answer && nl >= 0) {
				const wallMs = performance.now() - t0;
				try {
					const r = JSON.parse(out.slice(0, nl));
					answer = {
						wallMs: round(wallMs, 1),
						nodeBootMs: round(r.scriptStartMs, 1),
						importMs: round(r.importMs, 1),
						openMs: round(r.openMs, 1),
						migrateMs: round(r.migrateMs, 1),
						firstQueryMs: round(r.firstQueryMs, 1),
						total: r.total
					};
				} catch (e) {
					reject(new Error(`cold start: unreadable answer ${out}: ${e}`));
				}
			}
		});
		child.stderr.on('data', (c) => (err += c));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (code === 0 && answer) resolve(answer);
			else reject(new Error(`cold start child failed (exit ${code}):\n${err}${out}`));
		});
	});
}

export async function coldSeries(
	root: string,
	runs: number,
	target: () => { dataDir?: string; databaseUrl?: string },
	onRun?: (r: ColdRun, i: number) => void
): Promise<ColdSeries> {
	const out: ColdRun[] = [];
	for (let i = 0; i < runs; i++) {
		const r = await coldStart(root, target());
		onRun?.(r, i);
		out.push(r);
	}
	const walls = out.map((r) => r.wallMs);
	return {
		runs: out,
		medianMs: round(median(walls), 1),
		minMs: Math.min(...walls),
		maxMs: Math.max(...walls)
	};
}
