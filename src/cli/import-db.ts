// `grappe import-db FILE`: loads a dump made by `grappe export-db` into a new, empty database.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, EXIT_INVALID, describeDatabase, exitWithError, withDatabase } from './context';

export function register(program: Command) {
	program
		.command('import-db')
		.argument('<file>', 'a dump written by `grappe export-db`')
		.summary('load a dump into an empty database')
		.description('load a dump into an empty database (all or nothing); refuses a non-empty database or a dump from a newer Grappe')
		.action(async (file: string) => {
			const path = resolve(file);
			if (!existsSync(path)) exitWithError(new CliError(`no such file: ${path}`, EXIT_INVALID));
			await withDatabase(async (database) => {
				const { importDatabase } = await import('../lib/server/db/dump');
				const started = Date.now();
				const stats = await importDatabase(database.db, path);
				console.log(`Imported ${stats.rows} rows of ${stats.tables} tables into ${describeDatabase(database)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
			});
		});
}
