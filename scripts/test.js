#!/usr/bin/env node
// `npm test`: compile the i18n messages, sync SvelteKit, build the app when there are end-to-end
// tests to run against it, then `vitest run` with any extra arguments (npm test -- --project unit-pglite).
// Exits with vitest's code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(title) {
	console.log(`\n\x1b[1m── ${title}\x1b[0m`);
}

/** Runs a local binary through npx (never downloads); returns its exit code. */
function run(cmd, cmdArgs, { quiet = false } = {}) {
	const t0 = Date.now();
	const r = spawnSync(npx, ['--no', cmd, ...cmdArgs], { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
	if (r.error) throw r.error;
	const code = r.status ?? 1;
	if (quiet && code !== 0) process.stderr.write((r.stdout ?? '') + (r.stderr ?? ''));
	console.log(`   ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return code;
}

function hasBin(name) {
	return existsSync(join(root, 'node_modules', '.bin', name));
}

function e2eTestFiles(dir = join(root, 'tests', 'e2e')) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
		.map((e) => e.name);
}

/** Does this vitest invocation include the e2e project? (no --project means all projects) */
function runsE2e() {
	const projects = [];
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--project') projects.push(args[i + 1] ?? '');
		else if (args[i].startsWith('--project=')) projects.push(args[i].slice('--project='.length));
	}
	return projects.length === 0 || projects.some((p) => p === 'e2e' || p.includes('*'));
}

step('i18n: paraglide-js compile');
if (run('paraglide-js', ['compile', '--project', './project.inlang', '--outdir', './src/lib/paraglide'], { quiet: true }) !== 0) process.exit(1);

if (hasBin('svelte-kit')) {
	step('svelte-kit sync');
	// Non-fatal: tests that do not touch SvelteKit can still run.
	run('svelte-kit', ['sync'], { quiet: true });
}

const e2e = e2eTestFiles();
if (e2e.length > 0 && runsE2e()) {
	step(`vite build (for ${e2e.length} end-to-end test file${e2e.length > 1 ? 's' : ''})`);
	if (run('vite', ['build', '--logLevel', 'warn']) !== 0) process.exit(1);
} else {
	step('vite build: skipped (no end-to-end tests to run)');
}

function vitest(vitestArgs) {
	step(`vitest run ${vitestArgs.join(' ')}`.trimEnd());
	const r = spawnSync(npx, ['--no', 'vitest', 'run', ...vitestArgs], { stdio: 'inherit' });
	return r.status ?? 1;
}

if (process.env.TEST_DATABASE_URL) console.log('\n   TEST_DATABASE_URL is set: unit tests run on PGlite and on PostgreSQL');
const chosen = args.some((a) => a === '--project' || a.startsWith('--project='));
if (chosen) process.exit(vitest(args));
// Unit tests first, then the browser journeys on their own: on a 2-core machine the server under test
// must not share the CPU with the database-heavy unit tests, or its pages time out.
const units = ['--project', 'unit-pglite', ...(process.env.TEST_DATABASE_URL ? ['--project', 'unit-postgres'] : [])];
const unitCode = vitest([...units, ...args]);
const e2eCode = e2e.length > 0 ? vitest(['--project', 'e2e', ...args]) : 0;
process.exit(unitCode || e2eCode);
