// French company identifiers (SIREN, SIRET), NAF activity codes and phone numbers.
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const require = createRequire(import.meta.url);

function luhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

/** The digit that makes `payload + digit` pass Luhn (to build valid SIRENs and SIRETs). */
export function luhnCheckDigit(payload: string): string {
	let sum = 0;
	for (let i = 0; i < payload.length; i++) {
		let d = payload.charCodeAt(payload.length - 1 - i) - 48;
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return String((10 - (sum % 10)) % 10);
}

/** The SIREN of La Poste, whose establishments' SIRETs break the Luhn rule. */
export const LA_POSTE_SIREN = '356000000';

export function cleanDigits(s: string): string {
	return s.replace(/[\s.\u00a0-]/g, '');
}

export function isValidSiren(value: string): boolean {
	const v = cleanDigits(value);
	return /^\d{9}$/.test(v) && luhn(v);
}

export function isValidSiret(value: string): boolean {
	const v = cleanDigits(value);
	if (!/^\d{14}$/.test(v)) return false;
	if (v.startsWith(LA_POSTE_SIREN)) {
		// La Poste: the sum of the 14 digits is a multiple of 5 (INSEE rule); the head office follows Luhn.
		const sum = [...v].reduce((s, c) => s + Number(c), 0);
		return sum % 5 === 0 || luhn(v);
	}
	return luhn(v) && luhn(v.slice(0, 9));
}

let nafIndex: Map<string, string> | undefined;

function nafCodes(): Map<string, string> {
	if (!nafIndex) {
		const list = require('@socialgouv/codes-naf/index.json') as { id: string; label: string }[];
		// Only the sub-classes (e.g. 62.01Z) are codes a company carries.
		nafIndex = new Map(list.filter((e) => /^\d{2}\.\d{2}[A-Z]$/.test(e.id)).map((e) => [e.id, e.label]));
	}
	return nafIndex;
}

/** "6201z", "62.01Z", "62 01 Z" → "62.01Z", or null when no such NAF code exists. */
export function normalizeNaf(value: string): string | null {
	const v = value.replace(/[\s.]/g, '').toUpperCase();
	const m = /^(\d{2})(\d{2})([A-Z])$/.exec(v);
	if (!m) return null;
	const code = `${m[1]}.${m[2]}${m[3]}`;
	return nafCodes().has(code) ? code : null;
}

export function nafLabel(code: string | null | undefined): string | undefined {
	return code ? nafCodes().get(code) : undefined;
}

export function allNafCodes(): { code: string; label: string }[] {
	return [...nafCodes()].map(([code, label]) => ({ code, label }));
}

/** NAF section letter (A–U) of a code, from its division number. */
export function nafSection(code: string): string | undefined {
	const div = Number(code.slice(0, 2));
	const sections: [number, number, string][] = [
		[1, 3, 'A'], [5, 9, 'B'], [10, 33, 'C'], [35, 35, 'D'], [36, 39, 'E'], [41, 43, 'F'], [45, 47, 'G'],
		[49, 53, 'H'], [55, 56, 'I'], [58, 63, 'J'], [64, 66, 'K'], [68, 68, 'L'], [69, 75, 'M'], [77, 82, 'N'],
		[84, 84, 'O'], [85, 85, 'P'], [86, 88, 'Q'], [90, 93, 'R'], [94, 96, 'S'], [97, 98, 'T'], [99, 99, 'U']
	];
	return sections.find(([a, b]) => div >= a && div <= b)?.[2];
}

/** A phone number in international format (+33…), French numbers assumed without a prefix; null if invalid. */
export function normalizePhone(value: string): string | null {
	const p = parsePhoneNumberFromString(value, 'FR');
	return p && p.isValid() ? p.number : null;
}

export function formatPhone(e164: string | null | undefined): string {
	if (!e164) return '';
	const p = parsePhoneNumberFromString(e164);
	if (!p) return e164;
	return p.country === 'FR' ? p.formatNational() : p.formatInternational();
}
