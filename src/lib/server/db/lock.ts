// An exclusive lock on a data directory: PGlite has none of its own, and two writers lose data.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';

export class DataDirLockedError extends Error {
	constructor(
		public dataDir: string,
		public holderPid: number
	) {
		super(
			`The data directory ${dataDir} is already in use by another Grappe process (pid ${holderPid}). ` +
				`Stop it first, or use another DATA_DIR.`
		);
		this.name = 'DataDirLockedError';
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock or throws DataDirLockedError; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const file = join(dataDir, 'grappe.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					const held = JSON.parse(readFileSync(file, 'utf8'));
					if (held.pid === process.pid) rmSync(file, { force: true });
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = JSON.parse(readFileSync(file, 'utf8')).pid ?? 0;
			} catch {
				/* unreadable: treat as stale */
			}
			if (pid && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
			// Stale lock left by a process that died: remove it and try once more.
			rmSync(file, { force: true });
		}
	}
	throw new Error(`Cannot lock ${dataDir}`);
}
