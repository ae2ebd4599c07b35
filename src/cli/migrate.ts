// `grappe migrate`: brings the database schema up to date.
import type { Command } from 'commander';
import { describeDatabase, withDatabase } from './context';

export function register(program: Command) {
	program
		.command('migrate')
		.summary('apply the pending database migrations')
		.description('apply the pending database migrations (the server also does this at start-up)')
		.action(async () => {
			await withDatabase(async (database) => {
				const { migrationState } = await import('../lib/server/db/dump');
				const { count } = await migrationState(database.db);
				console.log(`Database up to date: ${count} migrations applied (${describeDatabase(database)}).`);
			});
		});
}
