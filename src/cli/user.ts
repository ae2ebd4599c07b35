// `grappe user create`: makes an account with a password (the first admin, typically).
import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { ROLES } from '../lib/server/auth/actor';
import { InvalidError } from '../lib/server/errors';
import { withDatabase } from './context';

interface CreateOptions {
	email: string;
	role: string;
	name?: string;
	password?: string;
	organization?: string;
}

const OPTION_OF: Record<string, string> = { organizationId: 'organization' };

export function register(program: Command) {
	const user = program.command('user').description('manage accounts');
	user
		.command('create')
		.description('create an account that signs in with a password')
		.requiredOption('--email <email>', 'the sign-in email address')
		.addOption(new Option('--role <role>', 'what the account may do').choices(ROLES).makeOptionMandatory())
		.option('--name <name>', 'the name shown in the app (default: the part of the email before @)')
		.option('--password <password>', 'at least 10 characters (default: a generated one, printed once)')
		.option('--organization <id>', 'the organization of a member or partner account (required for those roles)')
		.action(async (opts: CreateOptions) => {
			await withDatabase(async ({ db }) => {
				const { createUser } = await import('../lib/server/auth/users');
				const password = opts.password ?? randomBytes(12).toString('base64url');
				const u = await createUser(db, {
					email: opts.email,
					name: opts.name ?? opts.email.split('@')[0],
					role: opts.role,
					organizationId: opts.organization,
					password
				}).catch((e) => {
					// Name the fields as the command line spells them.
					if (e instanceof InvalidError) e.issues = e.issues.map((i) => ({ ...i, path: `--${OPTION_OF[i.path] ?? i.path}` }));
					throw e;
				});
				console.log(`Created ${u.role} account ${u.email} (id ${u.id}).`);
				if (!opts.password) console.log(`Password (shown once): ${password}`);
			});
		});
}
