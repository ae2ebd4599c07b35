// `grappe export-db FILE`: a portable dump of the whole database.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { describeDatabase, withDatabase } from './context';

export function register(program: Command) {
	program
		.command('export-db')
		.argument('<file>', 'the dump to write, e.g. grappe-2026-01-31.jsonl.gz')
		.summary('dump the whole database to a file')
		.description('dump every table to a file that `grappe import-db` loads into PGlite or PostgreSQL (a backup, or a move between engines)')
		.action(async (file: string) => {
			await withDatabase(async (database) => {
				const { exportDatabase } = await import('../lib/server/db/dump');
				const started = Date.now();
				const out = resolve(file);
				const stats = await exportDatabase(database.db, out);
				console.log(`Exported ${stats.rows} rows of ${stats.tables} tables from ${describeDatabase(database)} to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
			});
		});
}
