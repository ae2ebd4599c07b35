import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { actorOf } from '$lib/server/auth/guards';
import { hitRateLimit } from '$lib/server/auth/rate-limit';
import { ForbiddenError } from '$lib/server/errors';
import { failed, formAction, pageError } from '$lib/server/http';
import { getClusterSettings } from '$lib/server/settings/service';
import { getOrganization } from '$lib/server/crm/service';
import { getEvent, inAudience, myRegistrations, registerForEvent, registrationWindow } from '$lib/server/events/service';
import { eventJsonLd } from '$lib/server/events/jsonld';
import { publicExhibitors } from '$lib/server/tradeshows/service';
import { jsonLdScript } from '$lib/server/showcase/jsonld';
import { t } from '$lib/i18n/t';

/** A human takes more than a couple of seconds to fill the form; a bot posts at once. */
const MIN_FILL_MS = 2500;

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const app = await getApp();
	const { db } = app.database;
	const actor = locals.user ? actorOf(locals.user) : null;
	let ev;
	try {
		ev = await getEvent(db, actor, params.slug);
	} catch (e) {
		// A members' event for a visitor: the page asks them to sign in (nothing of the event is shown).
		if (e instanceof ForbiddenError && e.message === 'sign_in') return { signIn: true as const, loginUrl: `/login?redirectTo=${encodeURIComponent(url.pathname)}` };
		throw pageError(e);
	}
	const cluster = await getClusterSettings(db);
	const window = registrationWindow(ev);
	const mine = actor ? (await myRegistrations(db, actor)).find((r) => r.event.id === ev.id) : undefined;
	let organization = '';
	if (locals.user?.organizationId && actor)
		organization = await getOrganization(db, actor, locals.user.organizationId).then(
			(o) => o.name,
			() => ''
		);
	const jsonLd = jsonLdScript(
		eventJsonLd(ev, app.baseURL, cluster, {
			memberPrice: t('events_public_price_member', {}, locals.locale),
			nonMemberPrice: t('events_public_price_non_member', {}, locals.locale)
		})
	);
	// What the page shows; the meeting link is given to registrants on their ticket and in their emails.
	const event = {
		id: ev.id,
		slug: ev.slug,
		title: ev.title,
		kindName: ev.kindName,
		summary: ev.summary,
		description: ev.description,
		startsAt: ev.startsAt,
		endsAt: ev.endsAt,
		mode: ev.mode,
		venue: ev.venue,
		addressLine: ev.addressLine,
		postalCode: ev.postalCode,
		communeName: ev.communeName,
		capacity: ev.capacity,
		remaining: ev.remaining,
		registrationOpensAt: ev.registrationOpensAt,
		registrationClosesAt: ev.registrationClosesAt,
		priceMemberCents: ev.priceMemberCents,
		priceNonMemberCents: ev.priceNonMemberCents,
		audience: ev.audience,
		status: ev.status,
		questions: ev.questions
	};
	return {
		signIn: false as const,
		event,
		window,
		canRegister: inAudience(actor, ev.audience),
		mine: mine ? { status: mine.status, token: mine.token } : null,
		prefill: locals.user ? { name: locals.user.name, email: locals.user.email, organization } : null,
		baseUrl: app.baseURL,
		shownAt: Date.now(),
		jsonLd,
		// The shared stand's accepted exhibitors, when the event has a trade-show part.
		exhibitors: await publicExhibitors(db, ev.id)
	};
};

export const actions: Actions = {
	register: async ({ request, params, locals, getClientAddress }) => {
		const app = await getApp();
		const { db } = app.database;
		const actor = locals.user ? actorOf(locals.user) : null;
		const form = await request.formData();
		const answers: Record<string, string | boolean> = {};
		for (const [key, value] of form) if (key.startsWith('answers.') && typeof value === 'string') answers[key.slice(8)] = value;
		const values = {
			name: String(form.get('name') ?? ''),
			email: String(form.get('email') ?? ''),
			organization: String(form.get('organization') ?? ''),
			answers
		};
		const fields = { name: values.name, email: values.email, organization: values.organization, ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answers.${k}`, v])) };
		const refuse = (status: number, key: string) => fail(status, { form: 'register', errors: {}, values: fields, message: t(key, {}, locals.locale) });
		// Spam guards for visitors (as the members' contact form): a field people never see, and a minimum time.
		if (!actor) {
			if (String(form.get('website_url') ?? '')) return { form: 'register', dropped: true };
			const shownAt = Number(form.get('shown_at')) || 0;
			if (Date.now() - shownAt < MIN_FILL_MS) return refuse(400, 'events_public_too_fast');
		}
		const client = actor?.id ? `user:${actor.id}` : `client:${getClientAddress()}`;
		if (!(await hitRateLimit(db, `events:register:${client}`, 20, 3600))) return refuse(429, 'events_public_rate_limited');
		let ev;
		try {
			ev = await getEvent(db, actor, params.slug);
		} catch (e) {
			throw pageError(e);
		}
		const r = await formAction(
			locals.locale,
			fields,
			() => registerForEvent(db, actor, ev.id, values, { baseUrl: app.baseURL, locale: locals.locale, source: 'self' }),
			'register'
		);
		if (failed(r)) return r;
		// An address already registered gets no link here: whoever typed it may not be its owner (the link is in their emails).
		const own = !r.existing || (!!locals.user && locals.user.email.toLowerCase() === values.email.trim().toLowerCase());
		return { form: 'register', result: { status: own ? r.status : null, position: own ? (r.position ?? null) : null, existing: r.existing, ticketCode: own ? r.ticketCode : null, token: own ? r.token : null } };
	}
};
