// `grappe serve`: runs the SvelteKit production build (building it first when there is none).
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../lib/server/db/root';
import { CliError, exitWithError } from './context';

export function register(program: Command) {
	program
		.command('serve')
		.summary('start the web server')
		.description('start the web server (the production build in build/; runs `vite build` first if it is missing)')
		.option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
		.option('-H, --host <host>', 'address to listen on (default: $HOST or 0.0.0.0)')
		.addHelpText(
			'after',
			'\nThe server opens the database itself: DATA_DIR (default ./data) or DATABASE_URL, migrates it and,\n' +
				'on a new empty database, creates the demo cluster unless GRAPPE_DEMO=0.'
		)
		.action(async (opts: { port?: string; host?: string }) => {
			try {
				if (opts.port) process.env.PORT = opts.port;
				if (opts.host) process.env.HOST = opts.host;
				const root = projectRoot();
				const entry = join(root, 'build', 'index.js');
				if (!existsSync(entry)) {
					process.stderr.write('grappe: no production build (build/index.js): running `vite build` first, this takes a minute…\n');
					await viteBuild(root);
					if (!existsSync(entry)) throw new CliError('vite build finished but build/index.js is still missing');
				}
				// Uploads (imports up to 20 MB, showcase videos up to 100 MB) exceed adapter-node's 512 KB default.
				process.env.BODY_SIZE_LIMIT ??= '110M';
				// The database is opened by the server at start-up, not here: it holds the data-directory lock.
				await import(pathToFileURL(entry).href);
			} catch (e) {
				exitWithError(e);
			}
		});
}

async function viteBuild(root: string): Promise<void> {
	const vitePackage = createRequire(join(root, 'package.json')).resolve('vite/package.json');
	const viteBin = join(dirname(vitePackage), 'bin', 'vite.js');
	const code = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit', env: process.env });
		child.on('error', reject);
		child.on('exit', resolve);
	});
	if (code !== 0) throw new CliError(`vite build failed (exit code ${code})`);
}
