// The `grappe` command as a user runs it: a separate node process on a temporary data directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { lockDataDir } from '../lib/server/db/lock';
import { openDatabase } from '../lib/server/db/client';
import { testEngine } from '../../tests/setup/db';

const bin = fileURLToPath(new URL('../../bin/grappe.js', import.meta.url));

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function grappe(dataDir: string, ...args: string[]): Promise<Run> {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, GRAPPE_DEMO: '0' };
	// These tests are about the embedded database; a PostgreSQL URL in the environment must not win.
	delete env.DATABASE_URL;
	return new Promise((resolve) => {
		execFile(process.execPath, [bin, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({ code, stdout, stderr });
		});
	});
}

// The command runs on the embedded database whatever the project: run it once, in unit-pglite.
describe.skipIf(testEngine() === 'postgres')('grappe command', { timeout: 120_000 }, () => {
	let root: string;
	let a: string;
	let b: string;

	beforeAll(() => {
		root = mkdtempSync(join(tmpdir(), 'grappe-cli-test-'));
		a = join(root, 'a');
		b = join(root, 'b');
	});
	afterAll(() => {
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('describes itself and its subcommands', async () => {
		const r = await grappe(a, '--help');
		expect(r.code).toBe(0);
		for (const cmd of ['serve', 'migrate', 'seed', 'user', 'token', 'export-db', 'import-db']) expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
		const sub = await grappe(a, 'user', 'create', '--help');
		expect(sub.code).toBe(0);
		expect(sub.stdout).toContain('--email');
		expect(sub.stdout).toContain('--organization');
		expect(existsSync(a)).toBe(false); // help opens no database
	});

	it('creates a user, then an API token', async () => {
		const user = await grappe(a, 'user', 'create', '--email', 'Boss@Example.org', '--role', 'admin', '--name', 'La Patronne');
		expect(user.stderr).toBe('');
		expect(user.code).toBe(0);
		expect(user.stdout).toContain('boss@example.org');
		expect(user.stdout).toMatch(/Password \(shown once\): \S{10,}/);

		const token = await grappe(a, 'token', 'create', '--name', 'site web', '--role', 'team');
		expect(token.code).toBe(0);
		expect(token.stdout.trim()).toMatch(/^grp_[A-Za-z0-9_-]+$/);
	});

	it('names the field and exits with 2 on invalid input, 1 on a conflict', async () => {
		const invalid = await grappe(a, 'user', 'create', '--email', 'not-an-email', '--role', 'team');
		expect(invalid.code).toBe(2);
		expect(invalid.stderr).toMatch(/email/);
		const taken = await grappe(a, 'user', 'create', '--email', 'boss@example.org', '--role', 'team');
		expect(taken.code).toBe(1);
		expect(taken.stderr).toMatch(/email/);
		const usage = await grappe(a, 'token', 'create', '--name', 'x', '--role', 'member');
		expect(usage.code).toBe(2);
	});

	it('refuses a data directory another process holds, with the lock message', async () => {
		const release = lockDataDir(a);
		try {
			const r = await grappe(a, 'migrate');
			expect(r.code).toBe(1);
			expect(r.stderr).toContain(`already in use by another Grappe process (pid ${process.pid})`);
		} finally {
			release();
		}
	});

	it('moves a database between data directories with export-db and import-db', async () => {
		const file = join(root, 'dump.jsonl.gz');
		const exported = await grappe(a, 'export-db', file);
		expect(exported.stderr).toBe('');
		expect(exported.code).toBe(0);
		expect(existsSync(file)).toBe(true);

		const imported = await grappe(b, 'import-db', file);
		expect(imported.stderr).toBe('');
		expect(imported.code).toBe(0);
		expect(imported.stdout).toMatch(/Imported \d+ rows/);

		const again = await grappe(b, 'import-db', file);
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/not empty/);

		const database = await openDatabase({ dataDir: b });
		try {
			const res = (await database.db.execute(
				sql`select (select email from users) as email, (select name from api_tokens) as token`
			)) as unknown as { rows: { email: string; token: string }[] };
			expect(res.rows[0]).toEqual({ email: 'boss@example.org', token: 'site web' });
		} finally {
			await database.close();
		}
	});
});
