// `grappe seed --demo`: fills an empty database with the demo cluster.
import type { Command } from 'commander';
import { CliError, EXIT_INVALID, describeDatabase, exitWithError, withDatabase } from './context';

export function register(program: Command) {
	program
		.command('seed')
		.description('fill an empty database with sample data')
		.option('--demo', 'the demo cluster: a fictional wood & building cluster with 60 organizations and 5 accounts')
		.action(async (opts: { demo?: boolean }) => {
			if (!opts.demo) exitWithError(new CliError('say what to seed: --demo', EXIT_INVALID));
			await withDatabase(async (database) => {
				const { seedDemoIfEmpty } = await import('../lib/server/demo/seed');
				const started = Date.now();
				const seeded = await seedDemoIfEmpty(database.db);
				if (!seeded) throw new CliError('the database already has organizations or users (or was seeded before): nothing done');
				console.log(`Demo cluster created in ${describeDatabase(database)}: ${seeded.organizations} organizations, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
				console.log(`Sign in as ${seeded.adminEmail} with password ${seeded.adminPassword}`);
				console.log('(also team@, team2@, member@ and partner@grappe.localhost, same password)');
			});
		});
}
