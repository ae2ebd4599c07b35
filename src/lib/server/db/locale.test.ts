import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import { localeWarning } from './client';

describe('the database locale', () => {
	let database: Database;
	beforeAll(async () => {
		database = await testDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('is UTF-8 on the test engines, so French search reads accented letters', async () => {
		expect(await localeWarning(database.db)).toBeNull();
	});

	it('warns, naming the locale, when the database is not UTF-8', async () => {
		const fake = { execute: async () => ({ rows: [{ ctype: 'C' }] }) } as unknown as Parameters<typeof localeWarning>[0];
		expect(await localeWarning(fake)).toMatch(/LC_CTYPE is C, not UTF-8/);
	});
});
