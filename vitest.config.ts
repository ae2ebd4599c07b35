// Test projects. `unit-pglite` always runs; `unit-postgres` runs the same files again against a
// PostgreSQL server when TEST_DATABASE_URL is set (see tests/setup/db.ts); `e2e` drives the built app.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

// tsconfig.json extends .svelte-kit/tsconfig.json, and the TS transform fails without it (fresh clone).
const kitTsconfig = fileURLToPath(new URL('./.svelte-kit/tsconfig.json', import.meta.url));
if (!existsSync(kitTsconfig)) {
	const kit = createRequire(import.meta.url).resolve('@sveltejs/kit/package.json').replace(/package\.json$/, 'svelte-kit.js');
	try {
		execFileSync(process.execPath, [kit, 'sync'], { stdio: 'pipe' });
	} catch (e) {
		// sync writes tsconfig.json before it can fail (e.g. on routes); only that file matters here.
		if (!existsSync(kitTsconfig)) console.warn(`svelte-kit sync failed: ${(e as { stderr?: Buffer }).stderr ?? e}`);
	}
}

const unitInclude = ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/setup/**/*.test.ts'];

function unitProject(engine: 'pglite' | 'postgres') {
	return {
		extends: true as const,
		test: {
			name: `unit-${engine}`,
			include: unitInclude,
			environment: 'node' as const,
			globalSetup: ['tests/setup/global-setup.ts'],
			provide: { dbEngine: engine },
			testTimeout: 30_000,
			hookTimeout: 30_000
		}
	};
}

export default defineConfig({
	resolve: {
		alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) }
	},
	test: {
		pool: 'forks',
		projects: [
			unitProject('pglite'),
			...(process.env.TEST_DATABASE_URL ? [unitProject('postgres')] : []),
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					testTimeout: 240_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
