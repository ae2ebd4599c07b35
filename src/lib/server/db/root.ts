// Finds the project's root (where drizzle/ and messages live), from the source tree or a build.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function projectRoot(): string {
	if (cached) return cached;
	const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
	for (const start of starts) {
		let dir = resolve(start);
		for (;;) {
			if (existsSync(join(dir, 'drizzle', 'meta', '_journal.json'))) return (cached = dir);
			const parent = dirname(dir);
			if (parent === dir) break;
			dir = parent;
		}
	}
	throw new Error('Grappe: cannot find the drizzle/ migrations folder above ' + starts.join(' or '));
}
