// Accounts the team manages: creation by the CLI, invitations by email, roles; and API tokens.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import type { Db } from '../db/client';
import { accounts, apiTokens, users } from './schema';
import { organizations } from '../crm/schema';
import { ROLES, requireAdmin, type Actor, type Role } from './actor';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { parseInput, optionalText, requiredText } from '../validation';

export type User = typeof users.$inferSelect;

export const userInput = z.object({
	email: z.email({ error: 'error_email' }).max(254).transform((v) => v.toLowerCase()),
	name: requiredText(120),
	role: z.enum(ROLES, { error: 'error_invalid_choice' }),
	organizationId: optionalText(64),
	locale: z.enum(['fr', 'en']).optional().default('fr'),
	password: z.string().min(10, { error: 'error_password_short' }).max(200).optional()
});

async function assertOrganizationRole(db: Db, role: Role, organizationId: string | null) {
	if (role === 'member' || role === 'partner') {
		if (!organizationId) throw new InvalidError([{ path: 'organizationId', message: 'error_required' }]);
		const [o] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
		if (!o) throw new InvalidError([{ path: 'organizationId', message: 'error_invalid_choice' }]);
	}
}

/** Creates an account (with a password when given: the CLI's first admin, the demo). */
export async function createUser(db: Db, raw: unknown): Promise<User> {
	const input = parseInput(userInput, raw);
	await assertOrganizationRole(db, input.role, input.organizationId);
	const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
	if (existing) throw new ConflictError('error_email_taken', { email: input.email }, 'email');
	const id = crypto.randomUUID();
	const passwordHash = input.password ? await hashPassword(input.password) : null;
	return db.transaction(async (tx) => {
		const [u] = await tx
			.insert(users)
			.values({
				id,
				email: input.email,
				name: input.name,
				role: input.role,
				organizationId: input.role === 'member' || input.role === 'partner' ? input.organizationId : null,
				locale: input.locale,
				emailVerified: !!input.password
			})
			.returning();
		if (passwordHash) {
			await tx.insert(accounts).values({ id: crypto.randomUUID(), accountId: id, providerId: 'credential', userId: id, password: passwordHash });
		}
		return u;
	});
}

export async function setPassword(db: Db, email: string, password: string): Promise<void> {
	if (password.length < 10) throw new InvalidError([{ path: 'password', message: 'error_password_short' }]);
	const [u] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
	if (!u) throw new NotFoundError('user', email);
	const hash = await hashPassword(password);
	const [acc] = await db.select().from(accounts).where(and(eq(accounts.userId, u.id), eq(accounts.providerId, 'credential')));
	if (acc) await db.update(accounts).set({ password: hash, updatedAt: new Date() }).where(eq(accounts.id, acc.id));
	else await db.insert(accounts).values({ id: crypto.randomUUID(), accountId: u.id, providerId: 'credential', userId: u.id, password: hash });
	await db.update(users).set({ emailVerified: true }).where(eq(users.id, u.id));
}

export async function listUsers(db: Db, actor: Actor) {
	requireAdmin(actor);
	return db
		.select({ user: users, organizationName: organizations.name })
		.from(users)
		.leftJoin(organizations, eq(organizations.id, users.organizationId))
		.orderBy(asc(users.name));
}

export async function updateUser(db: Db, actor: Actor, id: string, raw: { role?: string; organizationId?: string | null; name?: string }) {
	requireAdmin(actor);
	const [before] = await db.select().from(users).where(eq(users.id, id));
	if (!before) throw new NotFoundError('user', id);
	const input = parseInput(userInput.pick({ role: true, organizationId: true, name: true }), {
		role: raw.role ?? before.role,
		organizationId: raw.organizationId === undefined ? before.organizationId : raw.organizationId,
		name: raw.name ?? before.name
	});
	if (id === actor.id && input.role !== 'admin') throw new InvalidError([{ path: 'role', message: 'error_cannot_demote_self' }]);
	await assertOrganizationRole(db, input.role, input.organizationId);
	const [after] = await db
		.update(users)
		.set({ role: input.role, name: input.name, organizationId: input.role === 'member' || input.role === 'partner' ? input.organizationId : null, updatedAt: new Date() })
		.where(eq(users.id, id))
		.returning();
	return after;
}

export async function deleteUser(db: Db, actor: Actor, id: string) {
	requireAdmin(actor);
	if (id === actor.id) throw new InvalidError([{ path: 'id', message: 'error_cannot_delete_self' }]);
	const r = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
	if (!r.length) throw new NotFoundError('user', id);
}

export async function setUserLocale(db: Db, userId: string, locale: 'fr' | 'en') {
	await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function countUsers(db: Db): Promise<number> {
	const rows = await db.select({ id: users.id }).from(users).limit(1);
	return rows.length;
}

// ————— API tokens —————

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes a token and returns it in clear, once; only its hash is stored. */
export async function createApiToken(db: Db, raw: { name: string; role: string }): Promise<{ id: string; token: string }> {
	const input = parseInput(z.object({ name: requiredText(100), role: z.enum(ROLES, { error: 'error_invalid_choice' }) }), raw);
	if (input.role === 'member' || input.role === 'partner') throw new InvalidError([{ path: 'role', message: 'error_token_role' }]);
	const token = `grp_${randomBytes(24).toString('base64url')}`;
	const id = crypto.randomUUID();
	await db.insert(apiTokens).values({ id, name: input.name, role: input.role, tokenHash: hashToken(token), prefix: token.slice(0, 8) });
	return { id, token };
}

/** The actor behind a bearer token, or null if it is unknown or revoked. */
export async function actorFromApiToken(db: Db, token: string): Promise<Actor | null> {
	if (!token.startsWith('grp_')) return null;
	const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
	if (!row) return null;
	// Touch at most once a minute: a busy integration should not write on every call.
	if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
		await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
	}
	return { id: null, role: row.role as Role, organizationId: null, label: `API: ${row.name}` };
}

export async function listApiTokens(db: Db, actor: Actor) {
	requireAdmin(actor);
	return db
		.select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
		.from(apiTokens)
		.orderBy(asc(apiTokens.name));
}

export async function revokeApiToken(db: Db, actor: Actor, id: string) {
	requireAdmin(actor);
	const r = await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id)).returning({ id: apiTokens.id });
	if (!r.length) throw new NotFoundError('token', id);
}

/** Creates an account without a password and sends its owner a link to choose one. */
export async function inviteUser(db: Db, actor: Actor, raw: unknown, sendLink: (email: string) => Promise<void>): Promise<User> {
	requireAdmin(actor);
	const input = parseInput(userInput.omit({ password: true }), raw);
	const user = await createUser(db, input);
	await sendLink(user.email);
	return user;
}
