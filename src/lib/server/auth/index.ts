// Accounts with better-auth: email + password, magic link, password reset; sessions stored in the database.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { magicLink } from 'better-auth/plugins';
import type { Db } from '../db/client';
import * as schema from '../db/schema';
import { queueMail, renderMail } from '../mail/service';
import { getClusterSettings } from '../settings/service';
import { t, type Locale } from '../../i18n/t';
import { and, eq } from 'drizzle-orm';
import { accounts, users } from './schema';

export interface AuthOptions {
	db: Db;
	secret: string;
	baseURL: string;
	/** Extra better-auth plugins (the SvelteKit cookie bridge is added by the app). */
	plugins?: ReturnType<typeof magicLink>[];
}

async function userLocale(db: Db, email: string): Promise<Locale> {
	const [u] = await db.select({ locale: users.locale }).from(users).where(eq(users.email, email.toLowerCase()));
	return u?.locale === 'en' ? 'en' : 'fr';
}

async function sendAuthMail(db: Db, to: string, kind: 'reset' | 'magic' | 'invite', url: string) {
	const cluster = await getClusterSettings(db);
	const locale = await userLocale(db, to);
	const { html, text } = renderMail({
		clusterName: cluster.name,
		color: cluster.primaryColor,
		heading: t(`mail_${kind}_heading`, { cluster: cluster.name }, locale),
		paragraphs: [t(`mail_${kind}_body`, { cluster: cluster.name }, locale)],
		action: { label: t(`mail_${kind}_action`, {}, locale), url },
		footer: t('mail_footer_auth', { cluster: cluster.name }, locale)
	});
	await queueMail(db, { to, subject: t(`mail_${kind}_subject`, { cluster: cluster.name }, locale), text, html });
}

export function createAuth(opts: AuthOptions) {
	const { db } = opts;
	return betterAuth({
		appName: 'Grappe',
		secret: opts.secret,
		baseURL: opts.baseURL,
		database: drizzleAdapter(db, { provider: 'pg', schema, usePlural: true }),
		user: {
			additionalFields: {
				role: { type: 'string', required: false, defaultValue: 'member', input: false },
				organizationId: { type: 'string', required: false, input: false },
				locale: { type: 'string', required: false, input: false }
			}
		},
		emailAndPassword: {
			enabled: true,
			// Accounts are created by the team (invitations) or the CLI, never by self sign-up.
			disableSignUp: true,
			minPasswordLength: 10,
			resetPasswordTokenExpiresIn: 60 * 60 * 24 * 3,
			revokeSessionsOnPasswordReset: true,
			sendResetPassword: async ({ user, url, token }) => {
				// An invited person has no password yet: the same link reads as an invitation.
				const [credential] = await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.userId, user.id), eq(accounts.providerId, 'credential')));
				// Our own reset page, so the link works without JavaScript.
				const link = new URL(`/reset-password?token=${encodeURIComponent(token)}`, opts.baseURL).toString();
				void url;
				await sendAuthMail(db, user.email, credential ? 'reset' : 'invite', link);
			}
		},
		session: {
			expiresIn: 60 * 60 * 24 * 30,
			updateAge: 60 * 60 * 24
		},
		rateLimit: {
			enabled: true,
			storage: 'database',
			window: 60,
			max: 100,
			// Per client address; an office behind one address signs in many people, and the sign-in
			// form adds its own per-account limit (routes/(public)/login).
			customRules: {
				'/sign-in/email': { window: 60, max: 60 },
				'/sign-in/magic-link': { window: 60, max: 10 },
				'/request-password-reset': { window: 60, max: 10 }
			}
		},
		advanced: {
			database: { generateId: () => crypto.randomUUID() }
		},
		plugins: [
			magicLink({
				disableSignUp: true,
				expiresIn: 60 * 15,
				sendMagicLink: async ({ email, token }) => {
					const link = new URL(`/api/auth/magic-link/verify?token=${encodeURIComponent(token)}&callbackURL=%2Fapp`, opts.baseURL).toString();
					await sendAuthMail(db, email, 'magic', link);
				}
			}),
			...(opts.plugins ?? [])
		]
	});
}

export type Auth = ReturnType<typeof createAuth>;
