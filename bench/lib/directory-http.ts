// Server-rendered throughput: the built server (`node build/index.js`, adapter-node) on a data
// directory that already holds the benchmark's members, loaded by keep-alive HTTP clients with a
// fixed concurrency; requests per second of a page compared with /healthz in the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { percentile, round } from './stats.ts';

export interface Server {
	url: string;
	stop(): Promise<void>;
	output(): string;
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

export function builtServer(root: string): string | undefined {
	const entry = join(root, 'build', 'index.js');
	return existsSync(entry) ? entry : undefined;
}

function get(agent: http.Agent, url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number }> {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { agent, headers: { 'accept-language': 'fr', ...headers } }, (res) => {
			let bytes = 0;
			res.on('data', (c: Buffer) => (bytes += c.length));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

/** Starts `node build/index.js` on DATA_DIR = dataDir (PGlite, or the DATABASE_URL of `env`), waits for /healthz. */
export async function startServer(entry: string, dataDir: string, timeoutMs = 180_000, extraEnv: Record<string, string> = {}): Promise<Server> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, GRAPPE_DEMO: '0', NODE_ENV: 'production' };
	delete env.DATABASE_URL;
	Object.assign(env, extraEnv);
	const child: ChildProcess = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout!.on('data', (c) => (out += c));
	child.stderr!.on('data', (c) => (out += c));
	let exited = false;
	const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
	const stop = async () => {
		if (!exited) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exit;
			clearTimeout(timer);
		}
	};
	process.once('exit', () => {
		if (!exited) child.kill('SIGKILL');
	});
	const agent = new http.Agent({ keepAlive: false });
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) throw new Error(`the server stopped during start-up:\n${out.slice(-3000)}`);
		try {
			const r = await get(agent, `${url}/healthz`);
			if (r.status === 200) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s:\n${out.slice(-3000)}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	agent.destroy();
	return { url, stop, output: () => out };
}

export interface LoadResult {
	paths: number;
	concurrency: number;
	seconds: number;
	requests: number;
	rps: number;
	/** Responses by HTTP status. */
	status: Record<string, number>;
	errors: number;
	meanBytes: number;
	latencyP50Ms: number;
	latencyP95Ms: number;
}

/** `concurrency` keep-alive clients request the paths in turn for `seconds` (with these extra request headers). */
export async function loadTest(baseUrl: string, paths: string[], opts: { concurrency: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
	const latencies: number[] = [];
	const status: Record<string, number> = {};
	let errors = 0;
	let bytes = 0;
	let next = 0;
	const started = performance.now();
	const end = started + opts.seconds * 1000;
	const worker = async () => {
		while (performance.now() < end) {
			const path = paths[next++ % paths.length];
			const t = performance.now();
			try {
				const r = await get(agent, baseUrl + path, opts.headers);
				status[r.status] = (status[r.status] ?? 0) + 1;
				bytes += r.bytes;
				latencies.push(performance.now() - t);
			} catch {
				errors++;
			}
		}
	};
	await Promise.all(Array.from({ length: opts.concurrency }, worker));
	const elapsed = (performance.now() - started) / 1000;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return {
		paths: paths.length,
		concurrency: opts.concurrency,
		seconds: round(elapsed, 2),
		requests: latencies.length,
		rps: round(latencies.length / elapsed, 1),
		status,
		errors,
		meanBytes: latencies.length ? Math.round(bytes / latencies.length) : 0,
		latencyP50Ms: round(percentile(latencies, 0.5)),
		latencyP95Ms: round(percentile(latencies, 0.95))
	};
}
