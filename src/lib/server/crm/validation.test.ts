// The CRM's input schemas as forms, the API and imports feed them: derived fields, French habits, field-named i18n errors.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { interactionInput, membershipInput, needInput, organizationFilter, organizationInput, personInput } from './validation';
import { issuesFromZod, parseInput } from '../validation';
import { InvalidError, type FieldIssue } from '../errors';
import { validSiret } from '../testing/factories';

/** Every message of a locale, from messages/<locale>.json and messages/<domain>/<locale>.json. */
function messagesOf(locale: 'fr' | 'en'): Record<string, string> {
	const root = join(process.cwd(), 'messages');
	const files = [join(root, `${locale}.json`), ...readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(root, d.name, `${locale}.json`))];
	return Object.assign({}, ...files.map((f) => JSON.parse(readFileSync(f, 'utf8'))));
}
const messages = { fr: messagesOf('fr'), en: messagesOf('en') };

/**
 * The issues of an input the schema refuses. Each must carry a translated i18n key in both
 * languages whose placeholders ({choices}, {max}…) the issue fills.
 */
function issuesOf(schema: z.ZodType, input: unknown): FieldIssue[] {
	const r = schema.safeParse(input);
	if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(r.data)}`);
	const issues = issuesFromZod(r.error);
	for (const issue of issues) {
		for (const locale of ['fr', 'en'] as const) {
			const text = messages[locale][issue.message];
			expect(text, `${issue.path}: "${issue.message}" missing in messages/**/${locale}.json`).toBeTypeOf('string');
			const placeholders = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
			for (const p of placeholders) expect(issue.params?.[p], `${issue.message} in ${locale} needs {${p}}`).toBeDefined();
		}
	}
	return issues;
}

const org = (fields: Record<string, unknown>) => organizationInput.parse({ name: 'Menuiserie Dupont', ...fields });

describe('organizationInput: identifiers', () => {
	it('derives the SIREN from the SIRET and keeps digits only', () => {
		const o = org({ siret: '443 061 841 00047' });
		expect(o.siret).toBe('44306184100047');
		expect(o.siren).toBe('443061841');
	});

	it('accepts a SIREN that matches the SIRET, and a SIREN alone', () => {
		expect(org({ siret: '44306184100047', siren: '443 061 841' }).siren).toBe('443061841');
		expect(org({ siren: '552100554' })).toMatchObject({ siren: '552100554', siret: null });
	});

	it('names the SIREN when it is not the one of the SIRET', () => {
		expect(issuesOf(organizationInput, { name: 'Dupont', siret: '44306184100047', siren: '552100554' })).toEqual([
			{ path: 'siren', message: 'error_siren_mismatch' }
		]);
	});

	it('stores a NAF code in its official form and refuses unknown ones', () => {
		expect(org({ nafCode: '1623z' }).nafCode).toBe('16.23Z');
		expect(issuesOf(organizationInput, { name: 'Dupont', nafCode: '9999Z' })).toEqual([{ path: 'nafCode', message: 'error_naf' }]);
	});

	it('treats empty cells as no value', () => {
		expect(org({ siret: '', siren: ' ', nafCode: '', email: '', phone: '', website: '', postalCode: '' })).toMatchObject({
			siret: null, siren: null, nafCode: null, email: null, phone: null, website: null, postalCode: null, communeName: null
		});
	});
});

describe('organizationInput: postal code and commune', () => {
	it('finds commune, département and région from a postal code', () => {
		expect(org({ postalCode: '33000' })).toMatchObject({
			postalCode: '33000', communeName: 'Bordeaux', communeInsee: '33063', departementCode: '33', regionCode: '75'
		});
		expect(org({ postalCode: '87000' })).toMatchObject({ communeName: 'Limoges', departementCode: '87', regionCode: '75' });
		expect(org({ postalCode: ' 64100 ' })).toMatchObject({ communeName: 'Bayonne', departementCode: '64' });
	});

	it('asks for the commune when several share the postal code, listing them', () => {
		const [issue, ...rest] = issuesOf(organizationInput, { name: 'Dupont', postalCode: '33160' });
		expect(rest).toEqual([]);
		expect(issue).toMatchObject({ path: 'communeName', message: 'error_commune_ambiguous' });
		expect(String(issue.params?.choices).split(', ')).toEqual(['Saint-Aubin-de-Médoc', 'Saint-Médard-en-Jalles', 'Salaunes']);
	});

	it('settles a shared postal code with the commune name however it is written', () => {
		const cases: [string, string, string][] = [
			['33160', 'Saint-Médard-en-Jalles', 'Saint-Médard-en-Jalles'],
			['33160', 'St Medard en Jalles', 'Saint-Médard-en-Jalles'],
			['33160', 'ST-MÉDARD-EN-JALLES', 'Saint-Médard-en-Jalles'],
			['33160', 'salaunes', 'Salaunes'],
			['33127', "St Jean d'Illac", "Saint-Jean-d'Illac"],
			['33127', 'saint jean d’illac', "Saint-Jean-d'Illac"],
			['64500', 'saint-jean-de-luz', 'Saint-Jean-de-Luz'],
			['33220', 'Ste Foy la Grande', 'Sainte-Foy-la-Grande']
		];
		for (const [postalCode, typed, official] of cases) {
			expect([postalCode, typed, org({ postalCode, communeName: typed }).communeName]).toEqual([postalCode, typed, official]);
		}
		expect(org({ postalCode: '33160', communeName: 'St Medard en Jalles' })).toMatchObject({ communeInsee: '33449', departementCode: '33' });
	});

	it('refuses a commune that does not have this postal code', () => {
		const [issue] = issuesOf(organizationInput, { name: 'Dupont', postalCode: '33000', communeName: 'Toulouse' });
		expect(issue).toEqual({ path: 'communeName', message: 'error_commune_mismatch', params: { choices: 'Bordeaux' } });
		const [shared] = issuesOf(organizationInput, { name: 'Dupont', postalCode: '64500', communeName: 'Biarritz' });
		expect(shared).toMatchObject({ path: 'communeName', params: { choices: 'Ciboure, Saint-Jean-de-Luz' } });
	});

	it('names the postal code when it is malformed or unknown', () => {
		expect(issuesOf(organizationInput, { name: 'Dupont', postalCode: '3300' })).toEqual([{ path: 'postalCode', message: 'error_postal_code' }]);
		expect(issuesOf(organizationInput, { name: 'Dupont', postalCode: '99999' })).toEqual([{ path: 'postalCode', message: 'error_postal_code_unknown' }]);
	});

	it('keeps a commune name typed without a postal code, unresolved', () => {
		expect(org({ communeName: 'Anglet' })).toMatchObject({ communeName: 'Anglet', communeInsee: null, departementCode: null });
	});
});

describe('organizationInput: contact fields and tags', () => {
	it('adds https:// to a bare website and keeps an explicit http://', () => {
		expect(org({ website: 'menuiserie-dupont.fr' }).website).toBe('https://menuiserie-dupont.fr');
		expect(org({ website: ' www.dupont.fr ' }).website).toBe('https://www.dupont.fr');
		expect(org({ website: 'http://dupont.fr' }).website).toBe('http://dupont.fr');
		expect(issuesOf(organizationInput, { name: 'Dupont', website: 'pas un site' })).toEqual([{ path: 'website', message: 'error_url' }]);
	});

	it('refuses a website of another scheme rather than storing "https://ftp://…"', () => {
		expect(issuesOf(organizationInput, { name: 'Dupont', website: 'ftp://dupont.fr' })).toEqual([{ path: 'website', message: 'error_url' }]);
	});

	it('lower-cases emails and writes phones in international format', () => {
		expect(org({ email: 'Contact@Dupont.FR', phone: '05 56 00 00 00' })).toMatchObject({ email: 'contact@dupont.fr', phone: '+33556000000' });
	});

	it('splits tags on commas, semicolons and bars, trimmed and without duplicates', () => {
		expect(org({ tags: 'a, b;b' }).tags).toEqual(['a', 'b']);
		expect(org({ tags: ' bois | BTP ;; bois,' }).tags).toEqual(['bois', 'BTP']);
		expect(org({ tags: ['export', ' export '] }).tags).toEqual(['export']);
		expect(org({}).tags).toEqual([]);
	});

	it('defaults a missing status to prospect', () => {
		expect(org({}).status).toBe('prospect');
		expect(org({ status: 'member' }).status).toBe('member');
	});

	it('defaults an empty or null status to prospect', () => {
		expect(org({ status: '' }).status).toBe('prospect');
		expect(org({ status: null }).status).toBe('prospect');
	});

	it('defaults the need status and the list sort and page when they come empty', () => {
		expect(needInput.parse({ category: 'other', text: 'Trouver un local', status: '' }).status).toBe('open');
		expect(organizationFilter.parse({ sort: '', dir: '', page: '', perPage: '' })).toMatchObject({ sort: 'name', dir: 'asc', page: 1, perPage: 25 });
	});
});

describe('organizationInput: errors', () => {
	it('names every bad field with its i18n key', () => {
		const issues = issuesOf(organizationInput, {
			name: '  ', siret: '12345678901234', nafCode: 'zz', email: 'pas-un-email', phone: '12', website: 'pas un site',
			status: 'boss', sizeBand: '7', partnerKind: 'friend', tags: ['x'.repeat(61)], description: 'x'.repeat(5001)
		});
		expect(issues).toEqual(
			expect.arrayContaining([
				{ path: 'name', message: 'error_required' },
				{ path: 'siret', message: 'error_siret' },
				{ path: 'nafCode', message: 'error_naf' },
				{ path: 'email', message: 'error_email' },
				{ path: 'phone', message: 'error_phone' },
				{ path: 'website', message: 'error_url' },
				{ path: 'status', message: 'error_invalid_choice' },
				{ path: 'sizeBand', message: 'error_invalid_choice' },
				{ path: 'partnerKind', message: 'error_invalid_choice' },
				{ path: 'tags.0', message: 'error_too_long', params: { max: 60 } },
				{ path: 'description', message: 'error_too_long', params: { max: 5000 } }
			])
		);
		expect(issues).toHaveLength(11);
	});

	it('asks for the name when it is missing', () => {
		expect(issuesOf(organizationInput, {})).toEqual([{ path: 'name', message: 'error_required' }]);
		expect(issuesOf(organizationInput, { siret: validSiret() })).toEqual([{ path: 'name', message: 'error_required' }]);
	});

	it('throws an InvalidError carrying the issues through parseInput', () => {
		let caught: unknown;
		try {
			parseInput(organizationInput, { name: 'Dupont', siret: '44306184100048' });
		} catch (e) {
			caught = e;
		}
		expect(caught).toBeInstanceOf(InvalidError);
		expect((caught as InvalidError).issues).toEqual([{ path: 'siret', message: 'error_siret' }]);
	});
});

describe('values as a French office writes them', () => {
	it('reads "oui", a French date and euros with a decimal comma', () => {
		expect(membershipInput.parse({ year: '2025', amount: '1 200,50', paid: 'oui', paidOn: '14/03/2025' })).toEqual({
			year: 2025, amount: 120050, paid: true, paidOn: '2025-03-14', invoiceNumber: null
		});
	});

	it('reads amounts with euro signs, non-breaking spaces, points and numbers', () => {
		const cases: [unknown, number][] = [
			['1200', 120000], ['1200.5', 120050], ['1 200 €', 120000], ['1\u00a0200,5', 120050], ['1\u202f200,50 €', 120050], ['0,99', 99], [450, 45000], [12.34, 1234]
		];
		for (const [amount, cents] of cases) expect([amount, membershipInput.parse({ year: 2025, amount }).amount]).toEqual([amount, cents]);
		expect(membershipInput.parse({ year: 2025, amount: '' }).amount).toBeNull();
	});

	it('reads booleans: oui/non, x, vrai/faux, on, 1/0, empty', () => {
		const cases: [unknown, boolean][] = [
			['oui', true], ['Oui', true], ['non', false], ['x', true], ['X', true], ['vrai', true], ['faux', false], ['on', true], ['1', true], ['0', false], ['', false], [true, true]
		];
		for (const [paid, expected] of cases) expect([paid, membershipInput.parse({ year: 2025, amount: 1, paid }).paid]).toEqual([paid, expected]);
		expect(personInput.parse({ firstName: 'Léa', lastName: 'Roux', consentNewsletter: 'oui' })).toMatchObject({ consentNewsletter: true, consentPublicListing: false });
	});

	it('reads dates as 14/03/2025, 1/3/2025, 14.03.2025 or ISO', () => {
		const cases: [string, string][] = [['14/03/2025', '2025-03-14'], ['1/3/2025', '2025-03-01'], ['14.03.2025', '2025-03-14'], ['2025-03-14', '2025-03-14'], ['2025-03-14T09:30:00Z', '2025-03-14']];
		for (const [occurredOn, iso] of cases)
			expect([occurredOn, interactionInput.parse({ kind: 'call', occurredOn, subject: 'Appel' }).occurredOn]).toEqual([occurredOn, iso]);
	});

	it('names the field of each value it cannot read', () => {
		expect(issuesOf(membershipInput, { year: '1900', amount: '12,345', paid: 'peut-être', paidOn: '31/02/2025' })).toEqual([
			{ path: 'year', message: 'error_year' },
			{ path: 'amount', message: 'error_amount' },
			{ path: 'paid', message: 'error_boolean' },
			{ path: 'paidOn', message: 'error_date' }
		]);
		expect(issuesOf(membershipInput, { year: 'deux mille', amount: '-5' })).toEqual([
			{ path: 'year', message: 'error_year' },
			{ path: 'amount', message: 'error_amount' }
		]);
		expect(issuesOf(interactionInput, { kind: 'dîner', occurredOn: 'hier', subject: '' })).toEqual([
			{ path: 'kind', message: 'error_invalid_choice' },
			{ path: 'occurredOn', message: 'error_date' },
			{ path: 'subject', message: 'error_required' }
		]);
		expect(issuesOf(needInput, { category: 'café', text: ' ' })).toEqual([
			{ path: 'category', message: 'error_invalid_choice' },
			{ path: 'text', message: 'error_required' }
		]);
		expect(issuesOf(personInput, { firstName: 'Léa', email: 'lea@', phone: '05 56' })).toEqual([
			{ path: 'lastName', message: 'error_required' },
			{ path: 'email', message: 'error_email' },
			{ path: 'phone', message: 'error_phone' }
		]);
	});
});
