// `grappe export organizations --format csv|xlsx`: the list's export from the command line.
import { Argument, Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withDatabase } from './context';
import { defaultLang } from './import';

interface ExportOptions {
	format: 'csv' | 'xlsx';
	out?: string;
	status?: string;
	departement?: string;
	tag?: string;
	search?: string;
	lang: 'fr' | 'en';
}

export function register(program: Command) {
	program
		.command('export')
		.addArgument(new Argument('<list>', 'what to export').choices(['organizations']))
		.summary('export organizations to a CSV or XLSX file')
		.description(
			'export organizations to a CSV file (UTF-8 with BOM, ";", as French Excel opens it) or an XLSX workbook, ' +
				'with the headers and labels that `grappe import` reads back'
		)
		.addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
		.option('--out <file>', 'where to write ("-" for standard output; default: organisations-YYYY-MM-DD.<format> here)')
		.option('--status <statuses>', 'only these statuses, comma-separated: member, prospect, partner, former_member')
		.option('--departement <code>', 'only this département, e.g. 42')
		.option('--tag <tag>', 'only organizations with this tag')
		.option('--search <text>', 'only organizations matching this text (name, commune, tag, SIRET)')
		.addOption(new Option('--lang <lang>', 'language of headers and labels').choices(['fr', 'en']).default(defaultLang()))
		.action(async (_list: string, opts: ExportOptions) => {
			await withDatabase(async ({ db }) => {
				const { exportOrganizations } = await import('../lib/server/crm/export');
				const { cliActor } = await import('../lib/server/auth/actor');
				const { t } = await import('../lib/i18n/t');
				const filter = { status: opts.status, departement: opts.departement, tag: opts.tag, q: opts.search };
				const file = await exportOrganizations(db, cliActor, filter, opts.format, opts.lang);
				if (opts.out === '-') {
					process.stdout.write(file.body);
					return;
				}
				const path = resolve(opts.out ?? file.filename);
				writeFileSync(path, file.body);
				process.stderr.write(t('io_export_done', { count: file.count, file: path }, opts.lang) + '\n');
			});
		});
}
