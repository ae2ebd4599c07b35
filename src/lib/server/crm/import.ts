// Imports organizations from CSV or XLSX: column mapping, row-by-row validation, duplicates, all-or-nothing commit.
import { getTableColumns, getTableName, inArray, sql } from 'drizzle-orm';
import { refreshStatistics, type Db } from '../db/client';
import { requireStaff, type Actor } from '../auth/actor';
import { InvalidError, type FieldIssue } from '../errors';
import { issuesFromZod } from '../validation';
import { hasMessage, t, type Locale } from '../../i18n/t';
import { normalizeText, organizationNameKey } from '../text';
import { organizations, people, organizationHistory } from './schema';
import {
	organizationInput,
	personInput,
	ORGANIZATION_STATUSES,
	PARTNER_KINDS,
	SIZE_BANDS,
	type OrganizationInput,
	type PersonInput
} from './validation';
import { ORGANIZATION_FIELDS, organizationColumns, listTeamMembers, listValueChainStages, organizationToInput, type Organization } from './service';
import { enumLabelKeys, fieldLabel, fieldLabelKey, type EnumGroup } from './export';
import { readTable, type Table } from './spreadsheet';

/** What a column can feed. Organization fields keep their input names; `contact*` make a first contact. */
export const IMPORT_FIELDS = [
	'name', 'siret', 'siren', 'nafCode', 'addressLine', 'postalCode', 'communeName', 'sizeBand', 'website', 'email',
	'phone', 'description', 'status', 'partnerKind', 'tags', 'valueChainStageId', 'teamMemberId',
	'contactFirstName', 'contactLastName', 'contactTitle', 'contactEmail', 'contactPhone',
	'contactConsentPublicListing', 'contactConsentNewsletter'
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const CONTACT_FIELDS: Record<string, keyof PersonInput> = {
	contactFirstName: 'firstName',
	contactLastName: 'lastName',
	contactTitle: 'title',
	contactEmail: 'email',
	contactPhone: 'phone',
	contactConsentPublicListing: 'consentPublicListing',
	contactConsentNewsletter: 'consentNewsletter'
};

export const MAX_IMPORT_ROWS = 50_000;

/** Same threshold as findSimilarOrganizations: what the forms call "a very similar name". */
const NAME_SIMILARITY = 0.6;

export type OnDuplicate = 'skip' | 'create' | 'update';

/** A file as a form upload (File) or as the CLI reads it. */
export type ImportSource = File | { name: string; type?: string; data: Uint8Array | ArrayBuffer };

/** Which field each column feeds: by column index (an array, as a form posts it) or by header text. */
export type ColumnMapping = (ImportField | null | '')[] | Record<string, ImportField | null | ''>;

export interface ImportColumn {
	index: number;
	header: string;
	field: ImportField | null;
}

export interface ImportDuplicate {
	/** An organization already saved, or an earlier row of the same file. */
	source: 'database' | 'file';
	id: string | null;
	row: number | null;
	name: string;
	siret: string | null;
	communeName: string | null;
	reason: 'siret' | 'name';
	score: number;
}

export interface ImportRow {
	/** The spreadsheet line (the header is line 1). */
	row: number;
	values: Partial<Record<ImportField, string>>;
	issues: FieldIssue[];
	duplicates: ImportDuplicate[];
	/** What a commit with the chosen `onDuplicate` does with the row; null while it has issues. */
	action: 'create' | 'update' | 'skip' | null;
	/** The organization it updates or duplicates, or the earlier row it merges into. */
	target: { organizationId: string | null; row: number | null } | null;
}

export interface ImportPreview {
	format: 'csv' | 'xlsx';
	encoding: string | null;
	delimiter: string | null;
	columns: ImportColumn[];
	/** Problems with the file or the mapping, not with one row. */
	fileIssues: FieldIssue[];
	rows: ImportRow[];
	total: number;
	valid: number;
	invalid: number;
	duplicates: number;
	toCreate: number;
	toUpdate: number;
	toSkip: number;
}

export interface ImportOptions {
	mapping?: ColumnMapping;
	onDuplicate?: OnDuplicate;
}

export interface CommitOptions extends ImportOptions {
	onDuplicate: OnDuplicate;
	/** Called once the file is checked, before anything is written (or the InvalidError thrown). */
	onPlan?: (preview: ImportPreview) => void;
	onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
	created: number;
	updated: number;
	skipped: number;
}

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

// ————— Matching headers and values —————

/** Lower case, no accents, punctuation as spaces: "N° SIRET" → "n siret", "Tranche d'effectif" → "tranche d effectif". */
function key(s: string): string {
	return normalizeText(s).replace(/[^a-z0-9+]+/g, ' ').trim();
}

const HEADER_SYNONYMS: Record<ImportField, string[]> = {
	name: [
		'raison sociale', 'denomination', 'denomination sociale', 'nom de l entreprise', 'nom entreprise', 'entreprise',
		'societe', 'nom de la societe', 'organisation', 'organisme', 'structure', 'nom de la structure', 'name', 'company',
		'company name', 'organization', 'organization name', 'organisation name', 'denominationunitelegale'
	],
	siret: ['siret', 'n siret', 'no siret', 'numero siret', 'num siret', 'siret etablissement', 'siret du siege'],
	siren: ['siren', 'n siren', 'no siren', 'numero siren'],
	nafCode: ['naf', 'code naf', 'ape', 'code ape', 'naf ape', 'code naf ape', 'code ape naf', 'activiteprincipaleetablissement', 'activiteprincipaleunitelegale', 'naf code'],
	addressLine: ['adresse', 'adresse postale', 'adresse 1', 'adresse ligne 1', 'rue', 'address', 'street', 'address line', 'address line 1'],
	postalCode: ['code postal', 'cp', 'postal code', 'postcode', 'zip', 'zip code', 'codepostaletablissement'],
	communeName: ['commune', 'ville', 'localite', 'city', 'town', 'libellecommuneetablissement'],
	sizeBand: [
		'effectif', 'effectifs', 'tranche d effectif', 'tranche d effectifs', 'tranche effectif', 'tranche effectifs', 'taille',
		'nombre de salaries', 'nb salaries', 'nb de salaries', 'salaries', 'size', 'size band', 'headcount', 'employees',
		'trancheeffectifsetablissement', 'trancheeffectifsunitelegale'
	],
	website: ['site web', 'site internet', 'site', 'web', 'url', 'website', 'web site'],
	email: ['email', 'e mail', 'courriel', 'mail', 'adresse email', 'adresse e mail', 'adresse mail', 'email address'],
	phone: ['telephone', 'tel', 'phone', 'telephone fixe', 'standard', 'phone number', 'numero de telephone'],
	description: ['description', 'activite', 'presentation', 'about'],
	status: ['statut', 'status', 'statut adherent', 'statut d adhesion'],
	partnerKind: ['type de partenaire', 'type partenaire', 'categorie de partenaire', 'partner type', 'partner kind'],
	tags: ['etiquettes', 'etiquette', 'tags', 'tag', 'mots cles', 'labels'],
	valueChainStageId: ['maillon', 'maillon de la filiere', 'etape de la filiere', 'etape filiere', 'filiere', 'value chain stage', 'stage'],
	teamMemberId: ['animateur', 'animatrice', 'animateur rice', 'charge de mission', 'charge e de mission', 'referent', 'suivi par', 'team member', 'account manager', 'owner'],
	contactFirstName: ['prenom', 'prenom du contact', 'contact prenom', 'first name', 'contact first name', 'firstname'],
	contactLastName: ['nom du contact', 'contact nom', 'last name', 'contact last name', 'lastname', 'surname'],
	contactTitle: ['fonction', 'fonction du contact', 'poste', 'job title', 'contact job title', 'title'],
	contactEmail: ['email du contact', 'e mail du contact', 'courriel du contact', 'mail du contact', 'email contact', 'contact email'],
	contactPhone: ['telephone du contact', 'tel du contact', 'telephone contact', 'tel contact', 'portable', 'mobile', 'contact phone'],
	contactConsentPublicListing: ['annuaire', 'consentement annuaire', 'accord annuaire', 'annuaire public', 'publication annuaire', 'visible annuaire', 'public listing', 'directory consent', 'consent public listing'],
	contactConsentNewsletter: ['newsletter', 'lettre d information', 'consentement newsletter', 'accord newsletter', 'newsletter consent', 'consent newsletter']
};

let headerIndex: Map<string, ImportField> | undefined;

/** Header synonyms, plus the headers exports write in both languages. */
function headerTable(): Map<string, ImportField> {
	if (headerIndex) return headerIndex;
	const m = new Map<string, ImportField>();
	for (const f of IMPORT_FIELDS) {
		for (const locale of ['fr', 'en'] as const) {
			const label = t(fieldLabelKey(f), {}, locale);
			if (label !== fieldLabelKey(f)) m.set(key(label), f);
		}
	}
	for (const [f, words] of Object.entries(HEADER_SYNONYMS) as [ImportField, string[]][]) for (const w of words) if (!m.has(w)) m.set(w, f);
	return (headerIndex = m);
}

/** The field a header most likely means, from synonyms first, then from the words it contains. */
export function guessField(header: string): ImportField | null {
	const k = key(header);
	if (!k) return null;
	const exact = headerTable().get(k);
	if (exact) return exact;
	const words = new Set(k.split(' '));
	const contact = words.has('contact') || words.has('interlocuteur');
	if (words.has('siret')) return 'siret';
	if (words.has('siren')) return 'siren';
	if (words.has('naf') || words.has('ape')) return 'nafCode';
	if (words.has('email') || words.has('courriel') || words.has('mail')) return contact ? 'contactEmail' : 'email';
	if (words.has('telephone') || words.has('tel') || words.has('phone')) return contact ? 'contactPhone' : 'phone';
	if (words.has('prenom')) return 'contactFirstName';
	if (words.has('postal')) return 'postalCode';
	if (words.has('effectif') || words.has('effectifs')) return 'sizeBand';
	return null;
}

/** Columns mapped to fields: the caller's mapping where given, guesses elsewhere; each field from one column only. */
export function mapColumns(headers: string[], mapping?: ColumnMapping): { columns: ImportColumn[]; issues: FieldIssue[] } {
	const chosen = (i: number): ImportField | null | undefined => {
		if (!mapping) return undefined;
		const v = Array.isArray(mapping) ? mapping[i] : (mapping[String(i)] ?? mapping[headers[i]]);
		if (v === undefined) return Array.isArray(mapping) ? null : undefined;
		return v && (IMPORT_FIELDS as readonly string[]).includes(v) ? (v as ImportField) : null;
	};
	const issues: FieldIssue[] = [];
	const columns: ImportColumn[] = headers.map((header, index) => ({ index, header, field: chosen(index) ?? null }));
	const explicit = headers.map((_, i) => chosen(i) !== undefined);
	const taken = new Map<ImportField, number>();
	for (const c of columns) {
		if (!explicit[c.index] || !c.field) continue;
		const first = taken.get(c.field);
		if (first !== undefined) {
			issues.push({
				path: 'mapping',
				message: 'io_error_column_twice',
				params: { field: c.field, first: headers[first], second: c.header }
			});
		} else taken.set(c.field, c.index);
	}
	// Guesses never override a choice and never repeat a field: the leftmost column wins. A bare "Nom" goes last:
	// beside a "Raison sociale" it is the contact's last name.
	const guessed = columns.filter((c) => !explicit[c.index]);
	const bareNom = (c: ImportColumn) => key(c.header) === 'nom';
	for (const c of [...guessed.filter((c) => !bareNom(c)), ...guessed.filter(bareNom)]) {
		let f = bareNom(c) ? (taken.has('name') ? 'contactLastName' : 'name') : guessField(c.header);
		if (f && taken.has(f)) f = null;
		c.field = f;
		if (f) taken.set(f, c.index);
	}
	if (!columns.some((c) => c.field === 'name')) issues.push({ path: 'mapping', message: 'io_error_no_name_column' });
	return { columns, issues };
}

/** Labels of an enum group, as exports write them and as the UI shows them, in both languages. */
function labelTable(group: EnumGroup, values: readonly string[], extra: Record<string, string[]>): Map<string, string> {
	const m = new Map<string, string>();
	for (const v of values) {
		m.set(key(v), v);
		m.set(key(v.replace(/_/g, ' ')), v);
		for (const locale of ['fr', 'en'] as const) {
			for (const k of enumLabelKeys(group, v)) {
				if (hasMessage(k)) m.set(key(t(k, {}, locale)), v);
			}
		}
		for (const w of extra[v] ?? []) m.set(key(w), v);
	}
	return m;
}

let statusLabels: Map<string, string> | undefined;
let partnerKindLabels: Map<string, string> | undefined;
let sizeBandLabels: Map<string, string> | undefined;

function statusFrom(value: string): string {
	statusLabels ??= labelTable('status', ORGANIZATION_STATUSES, {
		member: ['adherent', 'adherente', 'adherents', 'membre', 'membre actif', 'membres'],
		prospect: ['prospects', 'piste', 'lead'],
		partner: ['partenaire', 'partenaires'],
		former_member: ['ancienne adherente', 'ancien membre', 'ex adherent', 'ex membre', 'radie', 'resilie', 'former']
	});
	return statusLabels.get(key(value)) ?? value;
}

function partnerKindFrom(value: string): string {
	partnerKindLabels ??= labelTable('partner_kind', PARTNER_KINDS, {
		region: ['conseil regional', 'region'],
		state: ['etat', 'prefecture', 'dreets', 'services de l etat'],
		training_centre: ['centre de formation', 'organisme de formation', 'of', 'ecole', 'universite', 'training center'],
		lab: ['labo', 'laboratoire', 'laboratoire de recherche', 'centre de recherche', 'research lab'],
		funder: ['financeur', 'banque', 'bpi', 'bpifrance', 'investisseur'],
		association: ['asso'],
		local_authority: ['collectivite', 'collectivite locale', 'collectivite territoriale', 'commune', 'departement', 'epci', 'agglomeration', 'metropole', 'communaute de communes'],
		chamber: ['chambre consulaire', 'cci', 'cma', 'chambre d agriculture', 'chambre de commerce'],
		other: ['autre', 'autres', 'divers']
	});
	return partnerKindLabels.get(key(value)) ?? value;
}

function bandFor(n: number): string {
	if (n <= 0) return '0';
	if (n < 10) return '1_9';
	if (n < 50) return '10_49';
	if (n < 250) return '50_249';
	return '250_plus';
}

// INSEE "tranche d'effectif salarié" codes, as SIRENE extracts give them.
const INSEE_BANDS: Record<string, string> = {
	nn: '0', '00': '0', '01': '1_9', '02': '1_9', '03': '1_9', '11': '10_49', '12': '10_49', '21': '50_249',
	'22': '50_249', '31': '50_249', '32': '250_plus', '41': '250_plus', '42': '250_plus', '51': '250_plus',
	'52': '250_plus', '53': '250_plus'
};

/** "1-9", "10 à 49", "250+", "plus de 250", "12,5" (a headcount), "Aucun salarié", INSEE codes in a "tranche" column → a size band. */
export function sizeBandFrom(value: string, opts: { inseeCodes?: boolean } = {}): string {
	sizeBandLabels ??= labelTable('size_band', SIZE_BANDS, {
		'0': ['aucun salarie', 'sans salarie', 'pas de salarie', 'aucun', 'none', 'no employees', '0 salaries'],
		'250_plus': ['250+', '250 +', 'plus de 250', 'plus de 250 salaries']
	});
	const k = key(value);
	const label = sizeBandLabels.get(k);
	if (label) return label;
	if (opts.inseeCodes && INSEE_BANDS[k]) return INSEE_BANDS[k];
	const s = normalizeText(value).replace(/(\d)[\s\u00a0\u202f.](?=\d{3}\b)/g, '$1');
	const num = (x: string) => Number(x.replace(',', '.'));
	const N = '(\\d+(?:[.,]\\d+)?)';
	let m: RegExpExecArray | null;
	if ((m = new RegExp(`^${N}\\s*(?:\\+|et plus|ou plus|and more|or more|and over)`).exec(s))) return bandFor(num(m[1]));
	if ((m = new RegExp(`^(?:plus de|>=?|≥|more than|over)\\s*${N}`).exec(s))) return bandFor(num(m[1]) + 1);
	if ((m = new RegExp(`^(?:moins de|<|less than|under)\\s*${N}`).exec(s))) return bandFor(Math.max(1, num(m[1]) - 1));
	if ((m = new RegExp(`^(?:de\\s*)?${N}\\s*(?:-|–|—|a|à|to)\\s*${N}`).exec(s))) {
		const low = num(m[1]);
		return bandFor(low === 0 && num(m[2]) > 0 ? 1 : low);
	}
	if ((m = new RegExp(`^${N}(?:\\s*(?:salaries?|employees?|personnes?|etp|fte))?$`).exec(s))) return bandFor(num(m[1]));
	return value;
}

/** A 4-digit postal code lost its leading zero in Excel (01000 → 1000). */
function postalCodeFrom(value: string): string {
	const v = value.replace(/\s/g, '');
	return /^\d{4}$/.test(v) ? '0' + v : value;
}

/** "1,23457E+13": Excel showed a SIRET as a number and saved what it showed; the digits are lost. */
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

// ————— Rows —————

interface Context {
	stagesByName: Map<string, string>;
	membersByKey: Map<string, string>;
}

async function loadContext(db: Tx): Promise<Context> {
	const [stages, team] = await Promise.all([listValueChainStages(db as Db), listTeamMembers(db as Db)]);
	const membersByKey = new Map<string, string>();
	for (const m of team) {
		membersByKey.set(m.email.toLowerCase(), m.id);
		if (m.name) membersByKey.set(key(m.name), m.id);
	}
	return { stagesByName: new Map(stages.map((s) => [key(s.name), s.id])), membersByKey };
}

interface RowState extends ImportRow {
	/** The organization input before validation, with stage and animateur resolved to ids. */
	raw: Record<string, unknown>;
	input: OrganizationInput | null;
	contact: PersonInput | null;
	norm: string;
}

function buildRow(line: number, cells: string[], columns: ImportColumn[], ctx: Context): RowState {
	const values: Partial<Record<ImportField, string>> = {};
	const raw: Record<string, unknown> = {};
	const contactRaw: Record<string, unknown> = {};
	const issues: FieldIssue[] = [];
	for (const c of columns) {
		if (!c.field) continue;
		const value = cells[c.index] ?? '';
		values[c.field] = value;
		if (c.field in CONTACT_FIELDS) {
			contactRaw[CONTACT_FIELDS[c.field]] = value;
			continue;
		}
		// An empty cell is a missing value: the field's default applies (a status of "prospect").
		if (value === '') continue;
		switch (c.field) {
			case 'siret':
			case 'siren':
				if (SCIENTIFIC.test(value.replace(/\s/g, ''))) {
					issues.push({ path: c.field, message: 'io_error_number_mangled', row: line });
					raw[c.field] = null;
				} else raw[c.field] = value;
				break;
			case 'postalCode':
				raw.postalCode = postalCodeFrom(value);
				break;
			case 'sizeBand':
				raw.sizeBand = sizeBandFrom(value, { inseeCodes: key(c.header).includes('tranche') });
				break;
			case 'status':
				raw.status = statusFrom(value);
				break;
			case 'partnerKind':
				raw.partnerKind = partnerKindFrom(value);
				break;
			case 'valueChainStageId': {
				const id = ctx.stagesByName.get(key(value));
				if (!id) issues.push({ path: c.field, message: 'io_error_unknown_stage', params: { value }, row: line });
				raw.valueChainStageId = id ?? null;
				break;
			}
			case 'teamMemberId': {
				const id = ctx.membersByKey.get(value.trim().toLowerCase()) ?? ctx.membersByKey.get(key(value));
				if (!id) issues.push({ path: c.field, message: 'io_error_unknown_team_member', params: { value }, row: line });
				raw.teamMemberId = id ?? null;
				break;
			}
			default:
				raw[c.field] = value;
		}
	}
	let input: OrganizationInput | null = null;
	const parsed = organizationInput.safeParse(raw);
	if (parsed.success) input = parsed.data;
	else for (const i of issuesFromZod(parsed.error)) if (!issues.some((x) => x.path === i.path)) issues.push({ ...i, row: line });
	let contact: PersonInput | null = null;
	// A contact exists when a cell names or reaches someone, or gives a consent ("non" alone makes no contact).
	const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
	const consents = ['consentPublicListing', 'consentNewsletter'];
	const saysYes = (v: unknown) => typeof v === 'string' && ['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x'].includes(v.trim().toLowerCase());
	if (Object.entries(contactRaw).some(([k, v]) => (consents.includes(k) ? saysYes(v) : filled(v)))) {
		const p = personInput.safeParse(contactRaw);
		if (p.success) contact = p.data;
		else {
			const back = Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([f, p]) => [p, f]));
			for (const i of issuesFromZod(p.error)) issues.push({ ...i, path: back[i.path] ?? i.path, row: line });
		}
	}
	const name = input?.name ?? (typeof raw.name === 'string' ? raw.name : '');
	return {
		row: line,
		values,
		issues,
		duplicates: [],
		action: null,
		target: null,
		raw,
		input: issues.length ? null : input,
		contact,
		norm: organizationNameKey(name)
	};
}

// ————— Duplicates —————
// findSimilarOrganizations asks pg_trgm one row at a time: ~10 ms a row on PGlite, minutes for a big file.
// The same measure (pg_trgm's similarity() over normalized names, same threshold) is computed here in memory.

/** pg_trgm's trigrams of a string: each word padded with two spaces before and one after. */
function trigrams(s: string): string[] {
	const out = new Set<string>();
	for (const w of s.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
		if (!w) continue;
		const p = [...('  ' + w + ' ')];
		for (let i = 0; i + 3 <= p.length; i++) out.add(p[i] + p[i + 1] + p[i + 2]);
	}
	return [...out];
}

/** What pg_trgm's similarity(a, b) returns. */
export function trigramSimilarity(a: string, b: string): number {
	const ta = trigrams(a);
	const tb = new Set(trigrams(b));
	if (ta.length === 0 || tb.size === 0) return 0;
	const shared = ta.filter((x) => tb.has(x)).length;
	return shared / (ta.length + tb.size - shared);
}

/** Names indexed by trigram, to find the very similar ones without comparing every pair. */
export class TrigramIndex {
	private postings = new Map<string, number[]>();
	private sizes: number[] = [];
	/** Shared-trigram counters, kept at zero between searches. */
	private counts = new Int32Array(1024);

	add(name: string): number {
		const id = this.sizes.length;
		const grams = trigrams(name);
		this.sizes.push(grams.length);
		if (id >= this.counts.length) {
			const bigger = new Int32Array(this.counts.length * 2);
			bigger.set(this.counts);
			this.counts = bigger;
		}
		for (const g of grams) {
			const list = this.postings.get(g);
			if (list) list.push(id);
			else this.postings.set(g, [id]);
		}
		return id;
	}

	/** Indexed names at least `threshold` similar to `name`, most similar first. */
	search(name: string, threshold: number): { id: number; score: number }[] {
		const grams = trigrams(name);
		if (grams.length === 0) return [];
		const counts = this.counts;
		const touched: number[] = [];
		for (const g of grams) {
			const list = this.postings.get(g);
			if (!list) continue;
			for (let k = 0; k < list.length; k++) if (counts[list[k]]++ === 0) touched.push(list[k]);
		}
		const found: { id: number; score: number }[] = [];
		for (const id of touched) {
			const shared = counts[id];
			counts[id] = 0;
			const score = shared / (grams.length + this.sizes[id] - shared);
			if (score >= threshold) found.push({ id, score });
		}
		return found.sort((x, y) => y.score - x.score || x.id - y.id);
	}
}

/** A name match only counts when one side has no SIRET: two SIRETs that differ are two establishments. */
function namesMayMatch(a: string | null | undefined, b: string | null | undefined) {
	return !a || !b || a === b;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Earlier rows of the file with the same SIRET or a very similar name. */
function findFileDuplicates(rows: RowState[]) {
	const bySiret = new Map<string, RowState>();
	const index = new TrigramIndex();
	for (const r of rows) {
		const siret = r.input?.siret ?? null;
		const found: ImportDuplicate[] = [];
		if (siret) {
			const first = bySiret.get(siret);
			if (first) found.push(fileDuplicate(first, 'siret', 1));
			else bySiret.set(siret, r);
		}
		for (const { id, score } of index.search(r.norm, NAME_SIMILARITY)) {
			const other = rows[id];
			if (found.length >= 5) break;
			if (!namesMayMatch(siret, other.input?.siret) || found.some((d) => d.row === other.row)) continue;
			found.push(fileDuplicate(other, 'name', score));
		}
		r.duplicates.push(...found);
		index.add(r.norm);
	}
}

function fileDuplicate(r: RowState, reason: 'siret' | 'name', score: number): ImportDuplicate {
	return {
		source: 'file',
		id: null,
		row: r.row,
		name: r.input?.name ?? String(r.raw.name ?? ''),
		siret: r.input?.siret ?? null,
		communeName: r.input?.communeName ?? null,
		reason,
		score: round(score)
	};
}

/** Saved organizations with the same SIRET or a very similar name, as findSimilarOrganizations finds them. */
async function findDatabaseDuplicates(db: Tx, rows: RowState[]) {
	const saved = await db
		.select({ id: organizations.id, name: organizations.name, siret: organizations.siret, communeName: organizations.communeName, norm: organizations.nameNormalized })
		.from(organizations);
	const bySiret = new Map<string, (typeof saved)[number]>();
	const index = new TrigramIndex();
	for (const o of saved) {
		if (o.siret) bySiret.set(o.siret, o);
		index.add(o.norm);
	}
	const duplicate = (o: (typeof saved)[number], reason: 'siret' | 'name', score: number): ImportDuplicate => ({
		source: 'database', id: o.id, row: null, name: o.name, siret: o.siret, communeName: o.communeName, reason, score: round(score)
	});
	for (const r of rows) {
		const siret = r.input?.siret ?? null;
		const same = siret ? bySiret.get(siret) : undefined;
		const found = same ? [duplicate(same, 'siret', trigramSimilarity(same.norm, r.norm))] : [];
		for (const { id, score } of index.search(r.norm, NAME_SIMILARITY)) {
			const o = saved[id];
			if (found.length >= 5) break;
			if (o === same || !namesMayMatch(siret, o.siret)) continue;
			found.push(duplicate(o, 'name', score));
		}
		r.duplicates.push(...found);
	}
}

/** The duplicate a row is taken for: same SIRET before similar name, a saved organization before an earlier row. */
function bestDuplicate(r: RowState): ImportDuplicate | null {
	const rank = (d: ImportDuplicate) => (d.reason === 'siret' ? 0 : 2) + (d.source === 'database' ? 0 : 1);
	return [...r.duplicates].sort((a, b) => rank(a) - rank(b) || b.score - a.score)[0] ?? null;
}

// ————— Planning —————

interface Group {
	/** The organization a group updates, or null for a new one. */
	organizationId: string | null;
	existing: Organization | null;
	rows: RowState[];
	raw: Record<string, unknown>;
	input: OrganizationInput | null;
	contacts: PersonInput[];
}

interface Plan {
	table: Table;
	columns: ImportColumn[];
	fileIssues: FieldIssue[];
	rows: RowState[];
	groups: Group[];
	skipped: RowState[];
}

/** Non-empty cells only: an update never blanks a field the file leaves empty. */
function nonEmpty(raw: Record<string, unknown>) {
	return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

function mergeInto(g: Group, r: RowState) {
	const changes = nonEmpty(r.raw);
	const merged: Record<string, unknown> = { ...g.raw, ...changes };
	// The commune follows a new postal code, and the SIREN a new SIRET, unless the row gives them too.
	if ('postalCode' in changes && !('communeName' in changes)) merged.communeName = null;
	if ('siret' in changes && !('siren' in changes)) merged.siren = null;
	const parsed = organizationInput.safeParse(merged);
	if (parsed.success) {
		g.raw = merged;
		g.input = parsed.data;
	} else {
		r.issues.push(...issuesFromZod(parsed.error).map((i) => ({ ...i, row: r.row })));
		r.action = null;
	}
}

async function planImport(db: Tx, actor: Actor, source: ImportSource, opts: ImportOptions): Promise<Plan> {
	requireStaff(actor);
	const onDuplicate = opts.onDuplicate ?? 'skip';
	const { name, type, data } =
		'arrayBuffer' in source ? { name: source.name, type: source.type, data: new Uint8Array(await source.arrayBuffer()) } : source;
	const table = await readTable(data, name || type || '');
	if (table.rows.length > MAX_IMPORT_ROWS) {
		throw new InvalidError([{ path: 'file', message: 'io_error_too_many_rows', params: { max: MAX_IMPORT_ROWS } }]);
	}
	const { columns, issues: fileIssues } = mapColumns(table.headers, opts.mapping);
	const plan: Plan = { table, columns, fileIssues, rows: [], groups: [], skipped: [] };
	if (fileIssues.length) return plan;
	const ctx = await loadContext(db);
	plan.rows = table.rows.map((cells, i) => buildRow(table.lineNumbers[i], cells, columns, ctx));
	const valid = plan.rows.filter((r) => r.issues.length === 0);
	await findDatabaseDuplicates(db, valid);
	findFileDuplicates(valid);

	const existingIds = new Set<string>();
	for (const r of valid) for (const d of r.duplicates) if (d.id) existingIds.add(d.id);
	const existing = new Map<string, Organization>();
	if (onDuplicate === 'update') {
		const ids = [...existingIds];
		for (let i = 0; i < ids.length; i += 1000) {
			for (const o of await db.select().from(organizations).where(inArray(organizations.id, ids.slice(i, i + 1000)))) existing.set(o.id, o);
		}
	}

	const groupOf = new Map<RowState, Group>();
	const groupOfOrg = new Map<string, Group>();
	for (const r of valid) {
		const dup = bestDuplicate(r);
		if (dup && onDuplicate === 'skip') {
			r.action = 'skip';
			r.target = { organizationId: dup.id, row: dup.row };
			plan.skipped.push(r);
			continue;
		}
		if (dup && onDuplicate === 'update') {
			let g: Group | undefined;
			if (dup.id) {
				g = groupOfOrg.get(dup.id);
				const org = existing.get(dup.id);
				if (!g && org) {
					g = { organizationId: org.id, existing: org, rows: [], raw: organizationToInput(org), input: null, contacts: [] };
					groupOfOrg.set(org.id, g);
					plan.groups.push(g);
				}
			} else g = groupOf.get(valid.find((x) => x.row === dup.row)!);
			if (g) {
				r.action = 'update';
				r.target = { organizationId: g.organizationId, row: g.organizationId ? null : g.rows[0].row };
				g.rows.push(r);
				groupOf.set(r, g);
				mergeInto(g, r);
				if (r.contact) g.contacts.push(r.contact);
				continue;
			}
		}
		r.action = 'create';
		r.target = dup ? { organizationId: dup.id, row: dup.row } : null;
		const g: Group = { organizationId: null, existing: null, rows: [r], raw: r.raw, input: r.input, contacts: r.contact ? [r.contact] : [] };
		groupOf.set(r, g);
		plan.groups.push(g);
	}

	// A SIRET is unique: two groups cannot end with the same one, nor take one another organization has.
	const bySiret = new Map<string, Group>();
	for (const g of plan.groups) {
		const siret = g.input?.siret;
		if (!siret) continue;
		const first = bySiret.get(siret);
		if (first) {
			const last = g.rows[g.rows.length - 1];
			last.issues.push({ path: 'siret', message: 'io_error_siret_repeated', params: { row: first.rows[0].row }, row: last.row });
		} else bySiret.set(siret, g);
	}
	const sirets = [...bySiret.keys()];
	for (let i = 0; i < sirets.length; i += 1000) {
		const taken = await db
			.select({ id: organizations.id, name: organizations.name, siret: organizations.siret })
			.from(organizations)
			.where(inArray(organizations.siret, sirets.slice(i, i + 1000)));
		for (const o of taken) {
			const g = bySiret.get(o.siret!)!;
			if (g.organizationId === o.id) continue;
			const last = g.rows[g.rows.length - 1];
			last.issues.push({ path: 'siret', message: 'io_error_siret_taken', params: { name: o.name }, row: last.row });
		}
	}
	for (const r of plan.rows) if (r.issues.length) r.action = null;
	return plan;
}

function previewOf(plan: Plan): ImportPreview {
	const rows: ImportRow[] = plan.rows.map((r) => ({
		row: r.row,
		values: r.values,
		issues: r.issues,
		duplicates: r.duplicates,
		action: r.action,
		target: r.target
	}));
	const invalid = rows.filter((r) => r.issues.length).length;
	return {
		format: plan.table.format,
		encoding: plan.table.encoding ?? null,
		delimiter: plan.table.delimiter ?? null,
		columns: plan.columns,
		fileIssues: plan.fileIssues,
		rows,
		total: plan.table.rows.length,
		valid: plan.fileIssues.length ? 0 : rows.length - invalid,
		invalid,
		duplicates: rows.filter((r) => r.duplicates.length).length,
		toCreate: rows.filter((r) => r.action === 'create').length,
		toUpdate: rows.filter((r) => r.action === 'update').length,
		toSkip: rows.filter((r) => r.action === 'skip').length
	};
}

/** What an import would do, row by row, without writing anything: mapping, issues, duplicates, actions. */
export async function previewImport(db: Db, actor: Actor, source: ImportSource, opts: ImportOptions = {}): Promise<ImportPreview> {
	return previewOf(await planImport(db, actor, source, opts));
}

/** Every issue of a plan, file issues first, then by row. */
function planIssues(plan: Plan): FieldIssue[] {
	return [...plan.fileIssues, ...plan.rows.flatMap((r) => r.issues)];
}

// ————— Writing —————

const newId = () => crypto.randomUUID();
const CHUNK = 500;

function organizationRow(input: OrganizationInput) {
	return organizationColumns(input);
}

function changesOf(before: Organization, after: Record<string, unknown>) {
	const changes: Record<string, [unknown, unknown]> = {};
	for (const f of ORGANIZATION_FIELDS) {
		const a = before[f] ?? null;
		const b = after[f] ?? null;
		if (JSON.stringify(a) !== JSON.stringify(b)) changes[f] = [a, b];
	}
	return changes;
}

/**
 * Inserts many rows with one JSON parameter per batch: on PGlite, ten times fewer bound parameters make a
 * 10,000-row import take seconds instead of a minute. Columns left out take their defaults.
 */
async function insertMany(tx: Tx, table: typeof organizations | typeof people | typeof organizationHistory, rows: Record<string, unknown>[]) {
	if (rows.length === 0) return;
	const columns = getTableColumns(table) as Record<string, { name: string }>;
	const keys = Object.keys(rows[0]);
	const list = sql.raw(keys.map((k) => `"${columns[k].name}"`).join(', '));
	const name = sql.raw(`"${getTableName(table)}"`);
	for (let i = 0; i < rows.length; i += 2000) {
		const json = JSON.stringify(rows.slice(i, i + 2000).map((r) => Object.fromEntries(keys.map((k) => [columns[k].name, r[k] ?? null]))));
		await tx.execute(sql`insert into ${name} (${list}) select ${list} from jsonb_populate_recordset(null::${name}, ${json}::jsonb)`);
	}
}

/**
 * Imports a file: validates every row first and, if any is bad, throws InvalidError naming each row and field
 * and writes nothing; otherwise creates, updates or skips each row in one transaction.
 */
export async function commitImport(db: Db, actor: Actor, source: ImportSource, opts: CommitOptions): Promise<ImportResult> {
	const result = await writeImport(db, actor, source, opts);
	// A large import changes the tables' shape: give the planner fresh statistics (PGlite has no autovacuum).
	if (result.created + result.updated > 0) await refreshStatistics(db, ['organizations', 'people', 'organization_history']);
	return result;
}

async function writeImport(db: Db, actor: Actor, source: ImportSource, opts: CommitOptions): Promise<ImportResult> {
	return db.transaction(async (tx) => {
		const plan = await planImport(tx, actor, source, opts);
		opts.onPlan?.(previewOf(plan));
		const issues = planIssues(plan);
		if (issues.length) throw new InvalidError(issues);
		const total = plan.rows.length;
		let done = plan.skipped.length;
		opts.onProgress?.(done, total);
		const history: (typeof organizationHistory.$inferInsert)[] = [];
		const contacts: (typeof people.$inferInsert)[] = [];
		const addContacts = (organizationId: string, list: PersonInput[], known: { email: string | null; name: string }[] = []) => {
			for (const p of list) {
				const name = key(`${p.firstName} ${p.lastName}`);
				if (known.some((k) => (p.email && k.email === p.email) || k.name === name)) continue;
				known.push({ email: p.email, name });
				const id = newId();
				// A consent stated in the file is dated by the import.
				contacts.push({ id, organizationId, ...p, consentPublicListingAt: p.consentPublicListing ? new Date() : null, consentNewsletterAt: p.consentNewsletter ? new Date() : null });
				history.push({
					id: newId(), organizationId, actorId: actor.id, actorLabel: actor.label, entity: 'person', entityId: id,
					action: 'created', changes: { fullName: [null, `${p.firstName} ${p.lastName}`] }
				});
			}
		};

		const creates = plan.groups.filter((g) => !g.organizationId);
		for (let i = 0; i < creates.length; i += CHUNK) {
			const chunk = creates.slice(i, i + CHUNK);
			const rows = chunk.map((g) => ({ id: newId(), ...organizationRow(g.input!) }));
			await insertMany(tx, organizations, rows);
			chunk.forEach((g, k) => {
				const organizationId = rows[k].id;
				history.push({ id: newId(), organizationId, actorId: actor.id, actorLabel: actor.label, entity: 'organization', entityId: organizationId, action: 'created', changes: {} });
				addContacts(organizationId, g.contacts);
			});
			done += chunk.reduce((n, g) => n + g.rows.length, 0);
			opts.onProgress?.(done, total);
		}

		const updates = plan.groups.filter((g) => g.organizationId);
		const knownPeople = new Map<string, { email: string | null; name: string }[]>();
		const withContacts = updates.filter((g) => g.contacts.length).map((g) => g.organizationId!);
		for (let i = 0; i < withContacts.length; i += 1000) {
			const list = await tx
				.select({ organizationId: people.organizationId, email: people.email, firstName: people.firstName, lastName: people.lastName })
				.from(people)
				.where(inArray(people.organizationId, withContacts.slice(i, i + 1000)));
			for (const p of list) {
				const known = knownPeople.get(p.organizationId) ?? [];
				known.push({ email: p.email, name: key(`${p.firstName} ${p.lastName}`) });
				knownPeople.set(p.organizationId, known);
			}
		}
		for (let i = 0; i < updates.length; i += CHUNK) {
			const chunk = updates.slice(i, i + CHUNK);
			const changed: { id: string; row: ReturnType<typeof organizationRow> }[] = [];
			for (const g of chunk) {
				const row = organizationRow(g.input!);
				const changes = changesOf(g.existing!, row);
				addContacts(g.organizationId!, g.contacts, knownPeople.get(g.organizationId!) ?? []);
				if (Object.keys(changes).length === 0) continue;
				changed.push({ id: g.organizationId!, row });
				history.push({ id: newId(), organizationId: g.organizationId!, actorId: actor.id, actorLabel: actor.label, entity: 'organization', entityId: g.organizationId!, action: 'updated', changes });
			}
			await updateOrganizations(tx, changed);
			done += chunk.reduce((n, g) => n + g.rows.length, 0);
			opts.onProgress?.(done, total);
		}
		await insertMany(tx, people, contacts);
		await insertMany(tx, organizationHistory, history);
		return {
			created: plan.rows.filter((r) => r.action === 'create').length,
			updated: plan.rows.filter((r) => r.action === 'update').length,
			skipped: plan.skipped.length
		};
	});
}

/** One UPDATE … FROM for a batch of organizations, rather than one statement each. */
async function updateOrganizations(tx: Tx, changed: { id: string; row: Record<string, unknown> }[]) {
	if (changed.length === 0) return;
	const json = JSON.stringify(changed.map((c) => ({ id: c.id, ...c.row })));
	await tx.execute(sql`
		update organizations o set
			name = v.name, name_normalized = v."nameNormalized", search_text = v."searchText", siret = v.siret, siren = v.siren, naf_code = v."nafCode",
			address_line = v."addressLine", postal_code = v."postalCode", commune_name = v."communeName",
			commune_insee = v."communeInsee", departement_code = v."departementCode", region_code = v."regionCode",
			size_band = v."sizeBand", website = v.website, email = v.email, phone = v.phone, description = v.description,
			status = v.status, partner_kind = v."partnerKind", tags = v.tags, value_chain_stage_id = v."valueChainStageId",
			team_member_id = v."teamMemberId", updated_at = now()
		from jsonb_to_recordset(${json}::jsonb) as v(
			id text, name text, "nameNormalized" text, "searchText" text, siret text, siren text, "nafCode" text, "addressLine" text,
			"postalCode" text, "communeName" text, "communeInsee" text, "departementCode" text, "regionCode" text,
			"sizeBand" text, website text, email text, phone text, description text, status text, "partnerKind" text,
			tags text[], "valueChainStageId" text, "teamMemberId" text)
		where o.id = v.id`);
}

// ————— Messages for people —————

/** The label of the column an issue is about: the file's own header when the field was mapped. */
export function issueFieldLabel(issue: FieldIssue, columns: ImportColumn[], locale: Locale): string {
	const column = columns.find((c) => c.field === issue.path);
	if (column) return column.header;
	return hasMessage(fieldLabelKey(issue.path)) ? fieldLabel(issue.path, locale) : issue.path;
}

/** "Ligne 7, SIRET : numéro SIRET invalide", or "Colonnes : …" for an issue with the file. */
export function describeIssue(issue: FieldIssue, columns: ImportColumn[], locale: Locale): string {
	const params = { ...(issue.params ?? {}) };
	if (issue.message === 'io_error_column_twice' && typeof params.field === 'string') params.field = fieldLabel(params.field, locale);
	const message = t(issue.message, params, locale);
	const field = issueFieldLabel(issue, columns, locale);
	return issue.row ? t('io_row_issue', { row: issue.row, field, message }, locale) : t('io_file_issue', { field, message }, locale);
}
