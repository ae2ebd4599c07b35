#!/usr/bin/env node
// Runs after `npm install`/`npm ci`: compiles the i18n messages and lets SvelteKit write its generated
// types, so the CLI (run through tsx) and the tests find them. The production build happens on `npm start`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(cmd, args) {
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

// Installed as a dependency of another package: nothing to prepare.
if (!existsSync(bin('paraglide-js'))) process.exit(0);
run(bin('paraglide-js'), ['compile', '--project', './project.inlang', '--outdir', './src/lib/paraglide']);
if (existsSync(bin('svelte-kit'))) spawnSync(bin('svelte-kit'), ['sync'], { stdio: 'inherit' });
