// French identifiers as offices type them: SIREN/SIRET keys, La Poste's exception, NAF codes, phone numbers.
import { describe, expect, it } from 'vitest';
import { formatPhone, isValidSiren, isValidSiret, LA_POSTE_SIREN, nafLabel, nafSection, normalizeNaf, normalizePhone } from './identifiers';
import { luhnCheckDigit, validSiren, validSiret } from '../testing/factories';

describe('SIREN', () => {
	it('accepts real SIRENs and refuses a wrong key digit', () => {
		// Google France, Peugeot, and the factory's own.
		for (const s of ['443061841', '552100554', validSiren(7)]) expect([s, isValidSiren(s)]).toEqual([s, true]);
		for (const s of ['443061842', '443061840', '552100555']) expect([s, isValidSiren(s)]).toEqual([s, false]);
	});

	it('reads spaces, dots, dashes and non-breaking spaces, but no letters or wrong lengths', () => {
		expect(isValidSiren('443 061 841')).toBe(true);
		expect(isValidSiren('443.061.841')).toBe(true);
		expect(isValidSiren('443\u00a0061\u00a0841')).toBe(true);
		expect(isValidSiren('44306184')).toBe(false);
		expect(isValidSiren('4430618410')).toBe(false);
		expect(isValidSiren('44306184A')).toBe(false);
		expect(isValidSiren('')).toBe(false);
	});
});

describe('SIRET', () => {
	it('accepts real SIRETs, with the spaces of a letterhead', () => {
		expect(isValidSiret('44306184100047')).toBe(true);
		expect(isValidSiret('443 061 841 00047')).toBe(true);
		expect(isValidSiret('552 100 554 00013')).toBe(true);
		expect(isValidSiret(validSiret(12, 42))).toBe(true);
	});

	it('refuses a wrong key, a wrong length and letters', () => {
		expect(isValidSiret('44306184100048')).toBe(false);
		expect(isValidSiret('4430618410004')).toBe(false);
		expect(isValidSiret('443061841000470')).toBe(false);
		expect(isValidSiret('4430618410004A')).toBe(false);
	});

	it('refuses a SIRET whose 14 digits pass Luhn but whose SIREN does not', () => {
		const badSiren = '443061842';
		const body = badSiren + '0001';
		const siret = body + luhnCheckDigit(body);
		expect(isValidSiren(badSiren)).toBe(false);
		expect(isValidSiret(siret)).toBe(false);
	});

	it('accepts La Poste establishments whose SIRET breaks Luhn (INSEE rule: digits sum to a multiple of 5)', () => {
		expect(LA_POSTE_SIREN).toBe('356000000');
		// A post office: not Luhn-valid, digits sum to 45.
		expect(isValidSiret('35600000049837')).toBe(true);
		expect(isValidSiret('356 000 000 49837')).toBe(true);
		// La Poste's head office follows Luhn.
		expect(isValidSiret('35600000000048')).toBe(true);
		// One digit off: sum 46, not Luhn either.
		expect(isValidSiret('35600000049838')).toBe(false);
		expect(isValidSiret('35600000049836')).toBe(false);
	});
});

describe('NAF codes', () => {
	it('normalises how people type a code to the official 62.01Z form', () => {
		expect(normalizeNaf('6201z')).toBe('62.01Z');
		expect(normalizeNaf('62.01Z')).toBe('62.01Z');
		expect(normalizeNaf('62 01 Z')).toBe('62.01Z');
		expect(normalizeNaf(' 01.11z ')).toBe('01.11Z');
		expect(normalizeNaf('1623z')).toBe('16.23Z');
	});

	it('gives null for a code that does not exist or is incomplete', () => {
		expect(normalizeNaf('9999Z')).toBeNull();
		expect(normalizeNaf('62.01')).toBeNull();
		expect(normalizeNaf('62')).toBeNull();
		expect(normalizeNaf('menuiserie')).toBeNull();
		expect(normalizeNaf('')).toBeNull();
	});

	it('knows the label and section of a code', () => {
		expect(nafLabel('62.01Z')).toMatch(/programmation informatique/i);
		expect(nafLabel('99.99Z')).toBeUndefined();
		expect(nafSection('62.01Z')).toBe('J');
		expect(nafSection('16.23Z')).toBe('C');
		expect(nafSection('01.11Z')).toBe('A');
	});
});

describe('phone numbers', () => {
	it('turns French national numbers, however written, into +33 international format', () => {
		for (const v of ['05 56 00 00 00', '0556000000', '05.56.00.00.00', '05-56-00-00-00', '+33 5 56 00 00 00', '0033 5 56 00 00 00'])
			expect([v, normalizePhone(v)]).toEqual([v, '+33556000000']);
		expect(normalizePhone('06 12 34 56 78')).toBe('+33612345678');
	});

	it('keeps foreign numbers given with their prefix', () => {
		expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
		expect(normalizePhone('+34 912 345 678')).toBe('+34912345678');
	});

	it('gives null for what is not a phone number', () => {
		for (const v of ['12', '05 56 00', 'pas de téléphone', '00 00 00 00 00']) expect([v, normalizePhone(v)]).toEqual([v, null]);
	});

	it('formats French numbers nationally and others internationally', () => {
		expect(formatPhone('+33556000000')).toBe('05 56 00 00 00');
		expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
		expect(formatPhone(null)).toBe('');
	});
});
