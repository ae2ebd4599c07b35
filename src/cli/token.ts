// `grappe token create`: makes a bearer token for the REST API.
import { Command, Option } from 'commander';
import { withDatabase } from './context';

export function register(program: Command) {
	const token = program.command('token').description('manage REST API tokens');
	token
		.command('create')
		.description('create an API token; prints it on stdout (only its hash is stored: keep it now)')
		.requiredOption('--name <name>', 'what the token is for, e.g. "website sync"')
		.addOption(new Option('--role <role>', 'the rights of the token').choices(['admin', 'team']).makeOptionMandatory())
		.action(async (opts: { name: string; role: string }) => {
			await withDatabase(async ({ db }) => {
				const { createApiToken } = await import('../lib/server/auth/users');
				const created = await createApiToken(db, { name: opts.name, role: opts.role });
				process.stderr.write(`Token "${opts.name}" (${opts.role}) created; it is shown only once:\n`);
				// Alone on stdout, so that TOKEN=$(grappe token create …) works.
				console.log(created.token);
			});
		});
}
