// Cluster settings (identity, colours, contact, legal notice) and secrets generated once per installation.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { settings } from './schema';
import { optionalText, requiredText, parseInput } from '../validation';
import { requireAdmin, type Actor } from '../auth/actor';

const colour = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, { error: 'error_colour' });

export const clusterSettingsInput = z.object({
	name: requiredText(120),
	tagline: optionalText(200),
	logoUrl: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(500).regex(/^(https?:\/\/|\/)/, { error: 'error_url' }).nullable().optional()).transform((v) => v ?? null),
	primaryColor: colour,
	accentColor: colour,
	contactEmail: z.preprocess((v) => (v === '' ? null : v), z.email({ error: 'error_email' }).nullable().optional()).transform((v) => v ?? null),
	contactPhone: optionalText(40),
	address: optionalText(300),
	website: optionalText(300),
	legalNotice: optionalText(20000)
});
export type ClusterSettings = z.output<typeof clusterSettingsInput>;

export const DEFAULT_SETTINGS: ClusterSettings = {
	name: 'Grappe',
	tagline: null,
	logoUrl: null,
	primaryColor: '#5b21b6',
	accentColor: '#0f766e',
	contactEmail: null,
	contactPhone: null,
	address: null,
	website: null,
	legalNotice: null
};

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
	const [row] = await db.select().from(settings).where(eq(settings.key, key));
	return row?.value as T | undefined;
}

export async function putSetting(db: Db, key: string, value: unknown): Promise<void> {
	await db
		.insert(settings)
		.values({ key, value })
		.onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

export async function getClusterSettings(db: Db): Promise<ClusterSettings> {
	return { ...DEFAULT_SETTINGS, ...((await getSetting<Partial<ClusterSettings>>(db, 'cluster')) ?? {}) };
}

export async function updateClusterSettings(db: Db, actor: Actor, raw: unknown): Promise<ClusterSettings> {
	requireAdmin(actor);
	const input = parseInput(clusterSettingsInput, raw);
	await putSetting(db, 'cluster', input);
	return input;
}

/** A secret made at first start and kept in the database, so every app instance shares it; an env var wins. */
export async function getOrCreateSecret(db: Db, key: string, envValue?: string): Promise<string> {
	if (envValue) return envValue;
	const existing = await getSetting<string>(db, `secret:${key}`);
	if (existing) return existing;
	const value = randomBytes(32).toString('base64url');
	await db.insert(settings).values({ key: `secret:${key}`, value }).onConflictDoNothing();
	return (await getSetting<string>(db, `secret:${key}`))!;
}
