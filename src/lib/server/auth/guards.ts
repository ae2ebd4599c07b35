// What routes call to know who is there and whether they may act.
import { error, redirect } from '@sveltejs/kit';
import type { Actor, Role } from './actor';
import { ROLES } from './actor';

export interface SessionUser {
	id: string;
	name: string;
	email: string;
	role: Role;
	organizationId: string | null;
	locale: string | null;
}

export function toSessionUser(u: Record<string, unknown>): SessionUser {
	const role = ROLES.includes(u.role as Role) ? (u.role as Role) : 'member';
	return {
		id: String(u.id),
		name: String(u.name ?? ''),
		email: String(u.email ?? ''),
		role,
		organizationId: (u.organizationId as string | null) ?? null,
		locale: (u.locale as string | null) ?? null
	};
}

export function actorOf(user: SessionUser): Actor {
	return { id: user.id, role: user.role, organizationId: user.organizationId, label: user.name || user.email };
}

/** The signed-in user as an Actor, or a redirect to the sign-in page. */
export function requireUser(locals: App.Locals, url: URL): Actor {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return actorOf(locals.user);
}

export function requireStaffUser(locals: App.Locals, url: URL): Actor {
	const actor = requireUser(locals, url);
	if (actor.role !== 'admin' && actor.role !== 'team') error(403, 'forbidden');
	return actor;
}

export function requireAdminUser(locals: App.Locals, url: URL): Actor {
	const actor = requireUser(locals, url);
	if (actor.role !== 'admin') error(403, 'forbidden');
	return actor;
}
