// PostgreSQL for the benchmark: a throwaway cluster on a loopback port when the server binaries are
// installed (same pattern as .ci/run), and a private database created for the run and dropped after it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Cluster {
	url: string;
	binDir: string;
	stop(): void;
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, or PG_BIN. */
export function findPostgresBinaries(): string | undefined {
	if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

function check(r: ReturnType<typeof spawnSync>, what: string, log?: string) {
	if (r.error) throw r.error;
	if (r.status !== 0) {
		const extra = log && existsSync(log) ? '\n' + readFileSync(log, 'utf8').split('\n').slice(-30).join('\n') : '';
		throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout ?? ''}${r.stderr ?? ''}${extra}`);
	}
}

/** initdb + pg_ctl start on 127.0.0.1; stop() (also run at exit) stops it and removes every file. */
export async function startThrowawayCluster(binDir: string): Promise<Cluster> {
	const dir = mkdtempSync(join(tmpdir(), 'grappe-bench-pg-'));
	const data = join(dir, 'data');
	const sock = join(dir, 'sock');
	const log = join(dir, 'postgres.log');
	mkdirSync(sock);
	// postgres refuses to run as root: run the cluster as an unprivileged system user.
	let asUser: string[] = [];
	if (process.getuid?.() === 0) {
		const user = spawnSync('id', ['postgres']).status === 0 ? 'postgres' : 'nobody';
		check(spawnSync('chown', ['-R', user, dir]), 'chown');
		check(spawnSync('chmod', ['700', dir]), 'chmod');
		asUser = existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser') ? ['runuser', '-u', user, '--'] : ['setpriv', `--reuid=${user}`, '--clear-groups', '--'];
	}
	const run = (bin: string, args: string[]) =>
		asUser.length
			? spawnSync(asUser[0], [...asUser.slice(1), join(binDir, bin), ...args], { encoding: 'utf8' })
			: spawnSync(join(binDir, bin), args, { encoding: 'utf8' });

	let started = false;
	const stop = () => {
		if (started) {
			started = false;
			run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
		}
		rmSync(dir, { recursive: true, force: true });
		process.off('exit', stop);
	};
	process.on('exit', stop);
	try {
		// C.UTF-8 like CI and a usual server: under plain C the text search parser does not take é for a
		// letter, and "bureau d’études" is not found by "études" (the job board benchmark caught it).
		check(run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']), 'initdb');
		const port = await freePort();
		// Default durability and memory settings: the figures should be what a stock server gives.
		check(
			run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${sock}`]),
			'pg_ctl start',
			log
		);
		started = true;
		return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, binDir, stop };
	} catch (e) {
		stop();
		throw e;
	}
}

/** A fresh database on the server of `url`, so that the run never touches existing data. */
export async function createBenchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `grappe_bench_${process.pid}_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	try {
		await admin.query(`create database "${name}"`);
	} finally {
		await admin.end();
	}
	const u = new URL(url);
	u.pathname = '/' + name;
	return {
		url: u.toString(),
		async drop() {
			const c = new pg.Client({ connectionString: url });
			await c.connect();
			try {
				await c.query(`drop database if exists "${name}" with (force)`).catch(() => c.query(`drop database if exists "${name}"`));
			} finally {
				await c.end();
			}
		}
	};
}
