// `grappe import organizations FILE`: the web import from the command line, all or nothing.
import { Argument, Option, type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CliError, EXIT_INVALID, exitWithError, withDatabase } from './context';
import type { FieldIssue } from '../lib/server/errors';
import type { ImportColumn, ImportPreview } from '../lib/server/crm/import';

interface ImportOptions {
	dryRun?: boolean;
	onDuplicate: 'skip' | 'create' | 'update';
	lang: 'fr' | 'en';
	map?: string[];
}

/** fr unless the environment asks for English. */
export function defaultLang(): 'fr' | 'en' {
	return /^en/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'en' : 'fr';
}

/** The fields a column can feed (IMPORT_FIELDS of crm/import.ts, repeated so that --help loads no database code). */
const FIELDS = [
	'name', 'siret', 'siren', 'nafCode', 'addressLine', 'postalCode', 'communeName', 'sizeBand', 'website', 'email',
	'phone', 'description', 'status', 'partnerKind', 'tags', 'valueChainStageId', 'teamMemberId',
	'contactFirstName', 'contactLastName', 'contactTitle', 'contactEmail', 'contactPhone'
];

/** Long imports show their progress on stderr: one updating line on a terminal, a line per batch otherwise. */
const PROGRESS_FROM = 1000;

export function register(program: Command) {
	program
		.command('import')
		.addArgument(new Argument('<list>', 'what the file holds').choices(['organizations']))
		.argument('<file>', 'a CSV (";" or ",", UTF-8 or Windows-1252) or XLSX file, with a header row')
		.summary('import organizations from a CSV or XLSX file')
		.description(
			'import organizations from a CSV or XLSX file as an office exports it (the first sheet of a workbook). ' +
				'Columns are recognised by their headers, in French or English. Every row is checked first: if one is bad, ' +
				'each bad row and field is listed, nothing is written and the exit code is 2.'
		)
		.option('--dry-run', 'check the file and show what would be done, without writing anything')
		.addOption(
			new Option('--on-duplicate <action>', 'what to do with a row that matches a saved organization or an earlier row (same SIRET or a very similar name)')
				.choices(['skip', 'create', 'update'])
				.default('skip')
		)
		.addOption(new Option('--lang <lang>', 'language of the messages').choices(['fr', 'en']).default(defaultLang()))
		.option('--map <header=field>', 'use this column for this field (repeatable); an empty field ignores the column, e.g. --map "Commentaire=description" --map "Divers="', (v: string, all: string[] = []) => [...all, v])
		.addHelpText('after', () => `\nFields for --map:\n  ${FIELDS.join(', ').replace(/(.{1,76})(, |$)/g, '$1,\n  ').replace(/,\n  $/, '')}`)
		.action(async (_list: string, file: string, opts: ImportOptions) => {
			const path = resolve(file);
			if (!existsSync(path)) exitWithError(new CliError(`no such file: ${path}`, EXIT_INVALID));
			const mapping: Record<string, string | null> = {};
			for (const m of opts.map ?? []) {
				const at = m.lastIndexOf('=');
				const field = m.slice(at + 1).trim();
				if (at < 1 || (field && !FIELDS.includes(field))) {
					exitWithError(new CliError(`--map ${m}: expected "Header=field" with a field among ${FIELDS.join(', ')}`, EXIT_INVALID));
				}
				mapping[m.slice(0, at).trim()] = field || null;
			}
			const source = { name: basename(path), data: readFileSync(path) };
			await withDatabase(async ({ db }) => runImport(db, source, { ...opts, mapping: opts.map?.length ? mapping : undefined }));
		});
}

async function runImport(
	db: import('../lib/server/db/client').Db,
	source: { name: string; data: Uint8Array },
	opts: ImportOptions & { mapping?: Record<string, string | null> }
) {
	const { previewImport, commitImport, describeIssue } = await import('../lib/server/crm/import');
	const { InvalidError } = await import('../lib/server/errors');
	const { fieldLabel } = await import('../lib/server/crm/export');
	const { cliActor } = await import('../lib/server/auth/actor');
	const { t } = await import('../lib/i18n/t');
	const locale = opts.lang;
	const options = { mapping: opts.mapping as never, onDuplicate: opts.onDuplicate };

	let preview: ImportPreview | undefined;
	const report = (p: ImportPreview) => {
		preview = p;
		const out: string[] = [t('io_columns', {}, locale)];
		for (const c of p.columns) {
			const header = c.header || `#${c.index + 1}`;
			out.push(c.field ? t('io_column_mapped', { header, field: fieldLabel(c.field, locale) }, locale) : t('io_column_ignored', { header }, locale));
		}
		out.push(t('io_preview_summary', { rows: p.total, valid: p.valid, invalid: p.invalid, duplicates: p.duplicates }, locale));
		for (const r of p.rows) {
			if (!r.action || !r.duplicates.length) continue;
			const d = r.duplicates[0];
			const name = d.source === 'file' ? t('io_file_row', { name: d.name, row: d.row ?? '' }, locale) : d.name;
			out.push(t('io_duplicate_line', { row: r.row, name, reason: t(`io_reason_${d.reason}`, {}, locale), action: t(`io_action_${r.action}`, {}, locale) }, locale));
		}
		console.log(out.join('\n'));
	};

	if (opts.dryRun) {
		const p = await previewImport(db, cliActor, source, options).catch((e) => {
			if (e instanceof InvalidError) failWith(e.issues, []);
			throw e;
		});
		report(p);
		const issues = [...p.fileIssues, ...p.rows.flatMap((r) => r.issues)];
		if (issues.length) failWith(issues, p.columns);
		console.log(t('io_dry_run', {}, locale));
		return;
	}

	// One pass: the report printed is the plan the commit follows; a bad row stops it before any write.
	const tty = process.stderr.isTTY;
	let progressShown = false;
	const onProgress = (done: number, total: number) => {
		if (total < PROGRESS_FROM) return;
		progressShown = true;
		process.stderr.write(t('io_progress', { done, total }, locale) + (tty ? '\r' : '\n'));
	};
	try {
		const result = await commitImport(db, cliActor, source, { ...options, onPlan: report, onProgress });
		if (progressShown && tty) process.stderr.write('\n');
		console.log(t('io_import_done', { ...result }, locale));
	} catch (e) {
		if (progressShown && tty) process.stderr.write('\n');
		if (e instanceof InvalidError) failWith(e.issues, preview?.columns ?? []);
		throw e;
	}

	function failWith(issues: FieldIssue[], columns: ImportColumn[]): never {
		process.stderr.write(issues.map((i) => describeIssue(i, columns, locale)).join('\n') + '\n');
		throw new CliError(t('io_nothing_written', {}, locale), EXIT_INVALID);
	}
}
