// The `grappe` command line: one file per subcommand, each exporting register(program).
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../lib/server/db/root';
import { EXIT_INVALID } from './context';
import { register as serve } from './serve';
import { register as migrate } from './migrate';
import { register as seed } from './seed';
import { register as user } from './user';
import { register as token } from './token';
import { register as importData } from './import';
import { register as exportData } from './export';
import { register as exportDb } from './export-db';
import { register as importDb } from './import-db';
import { register as scheduleMeetings } from './schedule';

const { version } = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };

const program = new Command()
	.name('grappe')
	.description('Grappe, the open-source platform a business cluster runs on.')
	.addHelpText(
		'after',
		`
Environment:
  DATA_DIR      directory of the embedded database (PGlite), default ./data
  DATABASE_URL  use this PostgreSQL server instead of the embedded database
  PORT, HOST    where \`grappe serve\` listens (default 3000, 0.0.0.0)
  GRAPPE_DEMO   0: no demo cluster on the first start of an empty database

Each command has its own help: grappe <command> --help`
	)
	.version(version)
	.showHelpAfterError('(run with --help for usage)')
	// Usage errors exit with 2, like invalid input; help and --version with 0. Subcommands inherit this.
	.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_INVALID));

for (const registerCommand of [serve, migrate, seed, user, token, importData, exportData, exportDb, importDb, scheduleMeetings]) registerCommand(program);

await program.parseAsync(process.argv);
