// The data-directory lock: one Grappe process per PGlite directory, stale locks of dead processes taken over.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './lock';

let dirs: string[] = [];
const dataDir = () => {
	const d = mkdtempSync(join(tmpdir(), 'grappe-lock-'));
	dirs.push(d);
	return join(d, 'data');
};
afterEach(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
	dirs = [];
});

const lockFile = (dir: string) => join(dir, 'grappe.lock');
const holder = (dir: string) => JSON.parse(readFileSync(lockFile(dir), 'utf8')) as { pid: number; host: string; at: string };

/** The pid of a process that has already exited. */
function deadPid(): number {
	const r = spawnSync(process.execPath, ['-e', '0']);
	expect(r.status).toBe(0);
	return r.pid!;
}

function lockError(fn: () => unknown): DataDirLockedError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(DataDirLockedError);
		return e as DataDirLockedError;
	}
	throw new Error('expected DataDirLockedError');
}

describe('lockDataDir', () => {
	it('creates the directory and writes who holds it', () => {
		const dir = dataDir();
		const release = lockDataDir(dir);
		try {
			expect(holder(dir)).toMatchObject({ pid: process.pid });
			expect(new Date(holder(dir).at).getTime()).not.toBeNaN();
		} finally {
			release();
		}
	});

	it('refuses a second lock on the same directory, naming the pid that holds it', () => {
		const dir = dataDir();
		const release = lockDataDir(dir);
		try {
			const e = lockError(() => lockDataDir(dir));
			expect(e.holderPid).toBe(process.pid);
			expect(e.dataDir).toBe(dir);
			expect(e.message).toContain(`pid ${process.pid}`);
			// The refused attempt left the holder's lock alone.
			expect(holder(dir).pid).toBe(process.pid);
		} finally {
			release();
		}
	});

	it('refuses a lock held by another live process', () => {
		const dir = dataDir();
		lockDataDir(dir)();
		// The test runner's parent process: alive, and not this one.
		writeFileSync(lockFile(dir), JSON.stringify({ pid: process.ppid, host: 'ailleurs', at: new Date().toISOString() }));
		expect(lockError(() => lockDataDir(dir)).holderPid).toBe(process.ppid);
	});

	it('takes over the lock of a process that died', () => {
		const dir = dataDir();
		const dead = deadPid();
		lockDataDir(dir)();
		writeFileSync(lockFile(dir), JSON.stringify({ pid: dead, host: 'ici', at: '2025-01-01T00:00:00Z' }));
		const release = lockDataDir(dir);
		try {
			expect(holder(dir).pid).toBe(process.pid);
		} finally {
			release();
		}
	});

	it('takes over an unreadable lock file', () => {
		const dir = dataDir();
		lockDataDir(dir)();
		writeFileSync(lockFile(dir), 'not json');
		const release = lockDataDir(dir);
		expect(holder(dir).pid).toBe(process.pid);
		release();
	});

	it('removes the file on release, so the directory can be locked again', () => {
		const dir = dataDir();
		const release = lockDataDir(dir);
		release();
		expect(existsSync(lockFile(dir))).toBe(false);
		release();
		const again = lockDataDir(dir);
		expect(existsSync(lockFile(dir))).toBe(true);
		again();
		expect(existsSync(lockFile(dir))).toBe(false);
	});

	it('does not remove on release a lock that another process has taken since', () => {
		const dir = dataDir();
		const release = lockDataDir(dir);
		writeFileSync(lockFile(dir), JSON.stringify({ pid: process.ppid, host: 'ailleurs', at: new Date().toISOString() }));
		release();
		expect(holder(dir).pid).toBe(process.ppid);
	});
});
