// The OpenAPI 3.1 document of /api/v1: request bodies and list filters come from the zod schemas the
// services validate with, responses from the tables' columns, so neither can drift from the code.
import { z } from 'zod';
import { getTableColumns, type Table } from 'drizzle-orm';
import {
	organizationInput,
	organizationFilter,
	personInput,
	membershipInput,
	interactionInput,
	ORGANIZATION_STATUSES,
	PARTNER_KINDS,
	SIZE_BANDS,
	INTERACTION_KINDS
} from '../crm/validation';
import { organizations, people, memberships, interactions } from '../crm/schema';
import { events } from '../events/schema';
import { eventInput, registrationInput, EVENT_AUDIENCES, EVENT_MODES, EVENT_STATUSES } from '../events/validation';
import { NAF_SECTIONS, SENIORITY_BANDS, DIRECTORY_SORTS } from '../directory/search';

type JsonSchema = Record<string, unknown>;

/**
 * What the zod schemas cannot say about their input: the preprocessing steps accept more than the
 * inner schema shows (euros as "1 200,50", French dates, a website without https://) and derive fields.
 */
const FIELD_NOTES: Record<string, JsonSchema> = {
	name: { description: 'Legal or usual name.' },
	siret: { description: '14 digits (spaces and dots allowed), checked with the Luhn key. Unique among organizations.', examples: ['73282932000074'] },
	siren: { description: '9 digits. Derived from the SIRET when omitted; must match it when both are given.' },
	nafCode: { description: 'NAF/APE code of INSEE, "62.01Z" or "6201Z"; stored as "62.01Z".' },
	postalCode: { description: 'French postal code. Fills communeName, communeInsee, departementCode and regionCode.' },
	communeName: { description: 'Needed only when the postal code covers several communes.' },
	website: { description: 'An http(s) URL; "https://" is added when the scheme is missing.' },
	phone: { description: 'A French (assumed without prefix) or international number; stored in E.164 (+33…).' },
	email: { description: 'Stored in lower case.' },
	status: { default: 'prospect' },
	tags: { description: 'A list, or one string separated by commas. Duplicates and blanks are dropped.', default: [] },
	valueChainStageId: { description: 'Id of a stage of the value chain.' },
	teamMemberId: { description: 'Id of a user with the team or admin role: the organization\'s animateur, or who had the interaction.' },
	consentPublicListing: { description: 'Consent to appear in the public directory; the time of consent is recorded.', default: false },
	consentNewsletter: { description: 'Consent to receive the newsletter; the time of consent is recorded.', default: false },
	year: { description: 'One membership per organization and year (409 otherwise).' },
	amount: {
		anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', examples: ['1 200,50', '1200.5 €'] }, { type: 'null' }],
		description:
			'The fee in euros (not cents), at most 2 decimals. Omitted or null: the fee scale of the organization\'s size band. Responses give it as the integer `amountCents`.'
	},
	paid: { description: 'Paid memberships without paidOn are dated today.', default: false },
	paidOn: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }], description: 'YYYY-MM-DD (DD/MM/YYYY accepted).' },
	occurredOn: { type: 'string', format: 'date', description: 'YYYY-MM-DD (DD/MM/YYYY accepted).' },
	personId: { description: 'Id of a contact of the same organization.' }
};

const FILTER_NOTES: Record<string, JsonSchema> = {
	q: { description: 'Searches the name (accents and legal forms ignored, fuzzy), commune, tags and SIRET/SIREN prefixes.' },
	status: { description: 'One or more statuses: repeat the parameter or separate with commas.' },
	departement: { description: 'Département code, e.g. "69" or "2A".' },
	region: { description: 'INSEE region code, e.g. "84".' },
	teamMemberId: { description: 'Id of the animateur, or "none" for organizations without one.' },
	tag: { description: 'Exact tag.' },
	stageId: { description: 'Id of a stage of the value chain.' },
	notRenewedFor: { description: 'A year: members of the previous year without a membership for this one.' },
	sort: { default: 'name' },
	dir: { default: 'asc' },
	page: { default: 1 },
	perPage: { default: 25 }
};

/** Enum values the columns hold, for response schemas. */
const COLUMN_ENUMS: Record<string, readonly string[]> = {
	status: ORGANIZATION_STATUSES,
	partnerKind: PARTNER_KINDS,
	sizeBand: SIZE_BANDS,
	kind: INTERACTION_KINDS
};

const COLUMN_NOTES: Record<string, string> = {
	nameNormalized: 'The name in lower case without accents or legal form: what search and duplicate detection compare.',
	communeInsee: 'INSEE code of the commune, from the postal code.',
	amountCents: 'The fee in cents (integer).'
};

/** Drops what JSON Schema tools do not need: the dialect and Number.MAX_SAFE_INTEGER bounds zod adds to .int(). */
function tidy(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map(tidy);
	if (!schema || typeof schema !== 'object') return schema;
	const out: JsonSchema = {};
	for (const [k, v] of Object.entries(schema)) {
		if (k === '$schema') continue;
		if ((k === 'maximum' && v === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && v === Number.MIN_SAFE_INTEGER)) continue;
		out[k] = tidy(v);
	}
	return out;
}

/** The JSON Schema of what a zod schema accepts, with the notes above merged into its properties. */
function inputSchema(schema: z.ZodType, notes: Record<string, JsonSchema> = FIELD_NOTES): JsonSchema {
	const json = tidy(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })) as JsonSchema;
	const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
	for (const [name, prop] of Object.entries(properties)) {
		const note = notes[name];
		if (!note) continue;
		// A note with its own type replaces the inferred one (what the preprocessing really accepts).
		const replaces = 'type' in note || 'anyOf' in note;
		properties[name] = replaces ? { ...note } : { ...prop, ...note };
	}
	return { ...json, additionalProperties: true };
}

/** The same body for PATCH: every field optional, those left out keep their value. */
function patchSchema(create: JsonSchema): JsonSchema {
	const { required: _required, ...rest } = create;
	return { ...rest, description: 'Only the fields to change; the others keep their value. null or "" clears an optional field.' };
}

/** The JSON Schema of a row as the services return it: camelCase keys, timestamps as ISO strings. */
function rowSchema(table: Table, extra: Record<string, JsonSchema> = {}): JsonSchema {
	const properties: Record<string, JsonSchema> = {};
	const required: string[] = [];
	for (const [name, column] of Object.entries(getTableColumns(table))) {
		let type: JsonSchema;
		if (column.columnType === 'PgTimestamp') type = { type: 'string', format: 'date-time' };
		else if (column.columnType === 'PgDateString' || column.columnType === 'PgDate') type = { type: 'string', format: 'date' };
		else if (column.dataType === 'array') type = { type: 'array', items: { type: 'string' } };
		else if (column.columnType === 'PgInteger') type = { type: 'integer' };
		else if (column.dataType === 'number') type = { type: 'number' };
		else if (column.dataType === 'boolean') type = { type: 'boolean' };
		else if (column.dataType === 'json') type = {};
		else type = { type: 'string' };
		if (COLUMN_ENUMS[name]) type.enum = [...COLUMN_ENUMS[name]];
		if (!column.notNull && 'type' in type) type = { ...type, type: [type.type, 'null'], ...(type.enum ? { enum: [...(type.enum as string[]), null] } : {}) };
		if (COLUMN_NOTES[name]) type.description = COLUMN_NOTES[name];
		properties[name] = type;
		required.push(name);
	}
	for (const [name, s] of Object.entries(extra)) {
		properties[name] = s;
		required.push(name);
	}
	return { type: 'object', properties, required };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: jsonContent(ref('Error')) });

const idParameter = (what: string) => ({ name: 'id', in: 'path', required: true, description: `Id of the ${what}.`, schema: { type: 'string' } });

const commonErrors = {
	'401': { $ref: '#/components/responses/Unauthorized' },
	'403': { $ref: '#/components/responses/Forbidden' }
};

/** GET, PATCH and DELETE of one resource. */
function itemPath(tag: string, what: string, schema: string, patchBody: string, notes: { patch?: string; delete?: string } = {}) {
	return {
		parameters: [idParameter(what)],
		get: {
			tags: [tag],
			summary: `Get a ${what}`,
			operationId: `get${schema}`,
			responses: { '200': { description: `The ${what}.`, content: jsonContent(ref(schema)) }, ...commonErrors, '404': { $ref: '#/components/responses/NotFound' } }
		},
		patch: {
			tags: [tag],
			summary: `Change a ${what}`,
			description: notes.patch,
			operationId: `update${schema}`,
			requestBody: { required: true, content: jsonContent(ref(patchBody)) },
			responses: {
				'200': { description: `The ${what} after the change.`, content: jsonContent(ref(schema)) },
				'400': { $ref: '#/components/responses/Invalid' },
				...commonErrors,
				'404': { $ref: '#/components/responses/NotFound' },
				'409': { $ref: '#/components/responses/Conflict' }
			}
		},
		delete: {
			tags: [tag],
			summary: `Delete a ${what}`,
			description: notes.delete,
			operationId: `delete${schema}`,
			responses: { '204': { description: 'Deleted.' }, ...commonErrors, '404': { $ref: '#/components/responses/NotFound' } }
		}
	};
}

/** GET (list) and POST (create) of an organization's contacts, memberships or interactions. */
function childrenPath(tag: string, what: string, plural: string, schema: string, createBody: string, location: string, notes: { list?: string; create?: string } = {}) {
	return {
		parameters: [idParameter('organization')],
		get: {
			tags: [tag],
			summary: `List the ${plural} of an organization`,
			description: notes.list,
			operationId: `list${schema}s`,
			responses: {
				'200': { description: `The ${plural}.`, content: jsonContent({ type: 'array', items: ref(schema) }) },
				...commonErrors
			}
		},
		post: {
			tags: [tag],
			summary: `Add a ${what} to an organization`,
			description: notes.create,
			operationId: `create${schema}`,
			requestBody: { required: true, content: jsonContent(ref(createBody)) },
			responses: {
				'201': { description: `The ${what} created.`, headers: { Location: { description: `/api/v1/${location}/{id}`, schema: { type: 'string' } } }, content: jsonContent(ref(schema)) },
				'400': { $ref: '#/components/responses/Invalid' },
				...commonErrors,
				'404': { $ref: '#/components/responses/NotFound' },
				'409': { $ref: '#/components/responses/Conflict' }
			}
		}
	};
}

/** The list filters as query parameters, from organizationFilter. */
function filterParameters(): JsonSchema[] {
	const schema = inputSchema(organizationFilter, FILTER_NOTES);
	return Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, s]) => {
		const { description, ...rest } = s;
		// A query string has no null: "optional" says it.
		const options = rest.anyOf as JsonSchema[] | undefined;
		const nonNull = options?.filter((o) => o.type !== 'null');
		const schema = nonNull?.length === 1 ? { ...nonNull[0], ...(rest.default !== undefined ? { default: rest.default } : {}) } : rest;
		return {
			name,
			in: 'query',
			required: false,
			...(description ? { description } : {}),
			...(name === 'status' ? { style: 'form', explode: true } : {}),
			schema
		};
	});
}

const EVENT_NOTES: Record<string, JsonSchema> = {
	startsAt: { type: 'string', description: 'ISO 8601 with an offset ("2026-12-03T09:00:00+01:00"), or a wall-clock time in France ("2026-12-03T09:00").', examples: ['2026-12-03T09:00'] },
	endsAt: { type: 'string', description: 'After startsAt; same formats.' },
	registrationOpensAt: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'Registrations open at (none: at once).' },
	registrationClosesAt: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'Registrations close at (none: when the event starts).' },
	capacity: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }], description: 'Places; null for no limit. Registrations beyond it are wait-listed.' },
	priceMember: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', examples: ['35,50'] }, { type: 'null' }], description: 'Member price in euros (recorded, not charged); returned in cents.' },
	priceNonMember: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string' }, { type: 'null' }], description: 'Non-member price in euros; returned in cents.' },
	kindId: { description: 'Id of an event kind (workshop, hr_breakfast, company_visit, trade_show, recruitment_fair, general_assembly, business_meetings… as the team configured them).' },
	audience: { description: 'members: member accounts; network: members and partners; public: anyone, with a name and email.' },
	questions: { description: 'Custom registration questions: [{ id, label, type: text|long|choice|checkbox, options?, required }].' },
	onlineUrl: { description: 'Required when mode is online or hybrid.' }
};

function eventSchemas() {
	const row = rowSchema(events, {
		kindName: { type: ['string', 'null'], description: 'Name of the kind.' },
		confirmed: { type: 'integer', description: 'Confirmed registrations.' },
		waitlisted: { type: 'integer', description: 'Registrations on the waiting list.' },
		checkedIn: { type: 'integer', description: 'Confirmed people checked in at the door.' },
		remaining: { type: ['integer', 'null'], description: 'Places left; null without a capacity.' }
	});
	const props = row.properties as Record<string, JsonSchema>;
	delete props.registrationSeq;
	delete props.createdBy;
	row.required = (row.required as string[]).filter((n) => n !== 'registrationSeq' && n !== 'createdBy');
	props.status = { type: 'string', enum: [...EVENT_STATUSES] };
	props.mode = { type: 'string', enum: [...EVENT_MODES] };
	props.audience = { type: 'string', enum: [...EVENT_AUDIENCES] };
	props.icsSequence = { type: 'integer', description: 'iCalendar SEQUENCE, raised when the date, place, title or status changes.' };
	props.questions = { type: 'array', items: { type: 'object' } };
	const input = inputSchema(eventInput, EVENT_NOTES);
	const registration = {
		type: 'object',
		properties: {
			id: { type: 'string' },
			seq: { type: 'integer', description: 'Arrival order within the event, from 1.' },
			status: { type: 'string', enum: ['confirmed', 'waitlisted', 'cancelled'] },
			position: { type: ['integer', 'null'], description: 'Place on the waiting list, from 1.' },
			name: { type: 'string' },
			email: { type: 'string' },
			organizationName: { type: ['string', 'null'] },
			organizationId: { type: ['string', 'null'], description: 'The CRM organization, when the address is a known contact’s.' },
			personId: { type: ['string', 'null'] },
			isMember: { type: 'boolean', description: 'The member price applied.' },
			priceCents: { type: ['integer', 'null'] },
			answers: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'boolean' }] } },
			ticketCode: { type: 'string', description: '8 characters, shown as ABCD-2345 and in the ticket QR code.' },
			source: { type: 'string', enum: ['self', 'staff', 'api'] },
			checkedInAt: { type: ['string', 'null'], format: 'date-time' },
			createdAt: { type: 'string', format: 'date-time' },
			cancelledAt: { type: ['string', 'null'], format: 'date-time' }
		},
		required: ['id', 'seq', 'status', 'name', 'email', 'ticketCode']
	};
	const result = {
		type: 'object',
		properties: {
			id: { type: 'string' },
			status: { type: 'string', enum: ['confirmed', 'waitlisted'] },
			position: { type: 'integer', description: 'Only when waitlisted: place on the waiting list, from 1.' },
			ticketCode: { type: 'string' },
			existing: { type: 'boolean', description: 'True (and status 200) when the address was already registered: its registration is returned.' }
		},
		required: ['id', 'status', 'ticketCode', 'existing']
	};
	const registrationBody = inputSchema(registrationInput, {
		email: { description: 'One live registration per address and event (case ignored).' },
		organization: { description: 'Company name, when the address is not a known contact’s.' },
		answers: { description: 'Answers to the custom questions, by question id.' }
	});
	(registrationBody.properties as Record<string, JsonSchema>).locale = { type: 'string', enum: ['fr', 'en'], description: 'Language of the emails sent (default: Accept-Language, else French).' };
	return { Event: row, EventInput: input, EventPatch: patchSchema(input), Registration: registration, RegistrationInput: registrationBody, RegistrationResult: result };
}

/** The job board (employment/): the public list and an organization's offers. */
function jobPaths() {
	const q = (name: string, description: string, schema: JsonSchema = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
	const offer: JsonSchema = { type: 'object', description: 'An offer: id, slug, url, title, status, live, organization, trade, competencies, description, commune, commune_insee, postal_code, departement, remote, contract_kind, duration_months, working_time, weekly_hours, salary_min_cents, salary_max_cents, salary_period, start_date, start_asap, apply_method, apply_value, published_at, expires_at (and distance_km with near).' };
	const body: JsonSchema = {
		type: 'object',
		description:
			'The offer form: title, description (30 characters at least), contractKind (permanent | fixed_term | apprenticeship | internship | freelance), commune (name, "name postcode" or INSEE code; optional when remote is full), remote (none | partial | full), tradeId, competencyIds, durationMonths, workingTime (full_time | part_time), weeklyHours (required part time), salaryMin / salaryMax in euros with salaryPeriod (year | month | hour), startAsap or startDate, applyMethod (platform | email | url) with applyEmail or applyUrl, publicationDays (60 by default, 90 at most), organizationId (team only), draft (true: keep as a draft; else published, or pending when the team moderates members’ offers).',
		required: ['title', 'description', 'contractKind']
	};
	const id = idParameter('offer');
	const notFound = { '404': { $ref: '#/components/responses/NotFound' } };
	return {
		'/jobs': {
			get: {
				tags: ['jobs'],
				summary: 'Search the public job board',
				description: 'Live offers (published, not expired), best match first, 20 a page. French full-text search: stems, accents ignored.',
				operationId: 'searchJobs',
				security: [],
				parameters: [
					q('q', 'Words (French stems: "menuisière" finds "menuisier").'),
					q('trade', 'Slug of a trade.'),
					q('contract', 'Kind of contract.', { type: 'string', enum: ['permanent', 'fixed_term', 'apprenticeship', 'internship', 'freelance'] }),
					q('dep', 'Code of a département.'),
					q('near', 'A commune (name, postcode or INSEE code): offers within km of it, nearest first.'),
					q('km', 'Radius for near, in km (default 30, at most 200).', { type: 'integer', default: 30 }),
					q('page', 'Page, from 1.', { type: 'integer', default: 1 })
				],
				responses: {
					'200': { description: 'A page of offers.', content: jsonContent({ type: 'object', properties: { items: { type: 'array', items: offer }, total: { type: 'integer' }, page: { type: 'integer' }, pages: { type: 'integer' } }, required: ['items', 'total', 'page', 'pages'] }) },
					'400': { $ref: '#/components/responses/Invalid' }
				}
			},
			post: {
				tags: ['jobs'],
				summary: 'Post an offer',
				description: 'A member posts for its own organization; the team for any (organizationId).',
				operationId: 'createJob',
				requestBody: { required: true, content: jsonContent(body) },
				responses: {
					'201': { description: 'The offer created.', headers: { Location: { description: '/api/v1/jobs/{id}', schema: { type: 'string' } } }, content: jsonContent(offer) },
					'400': { $ref: '#/components/responses/Invalid' },
					...commonErrors
				}
			}
		},
		'/jobs/{id}': {
			get: { tags: ['jobs'], summary: 'Get an offer', operationId: 'getJob', parameters: [id], responses: { '200': { description: 'The offer.', content: jsonContent(offer) }, ...notFound, ...commonErrors } },
			put: {
				tags: ['jobs'],
				summary: 'Replace an offer',
				description: 'The whole form again. While the team moderates, a member’s change to a published offer sends it back to moderation.',
				operationId: 'replaceJob',
				parameters: [id],
				requestBody: { required: true, content: jsonContent(body) },
				responses: { '200': { description: 'The offer.', content: jsonContent(offer) }, '400': { $ref: '#/components/responses/Invalid' }, ...notFound, ...commonErrors }
			},
			delete: { tags: ['jobs'], summary: 'Delete an offer', operationId: 'deleteJob', parameters: [id], responses: { '204': { description: 'Deleted.' }, ...notFound, ...commonErrors } }
		}
	};
}

function eventPaths() {
	const notFound = { '404': { $ref: '#/components/responses/NotFound' } };
	const eventId = idParameter('event');
	return {
		'/events': {
			get: {
				tags: ['events'],
				summary: 'List events',
				description: 'Events the caller may see, soonest first. A team token sees every audience.',
				operationId: 'listEvents',
				parameters: [
					{ name: 'when', in: 'query', required: false, schema: { type: 'string', enum: ['upcoming', 'past', 'all'], default: 'upcoming' } },
					{ name: 'kind', in: 'query', required: false, description: 'Id of an event kind.', schema: { type: 'string' } },
					{ name: 'q', in: 'query', required: false, description: 'Words of the title, summary or commune.', schema: { type: 'string' } },
					{ name: 'drafts', in: 'query', required: false, description: 'true: include drafts (team only).', schema: { type: 'boolean' } },
					{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', default: 200, maximum: 1000 } }
				],
				responses: { '200': { description: 'The events.', content: jsonContent({ type: 'array', items: ref('Event') }) }, ...commonErrors }
			},
			post: {
				tags: ['events'],
				summary: 'Create an event',
				operationId: 'createEvent',
				requestBody: { required: true, content: jsonContent(ref('EventInput')) },
				responses: {
					'201': { description: 'The event created.', headers: { Location: { description: '/api/v1/events/{id}', schema: { type: 'string' } } }, content: jsonContent(ref('Event')) },
					'400': { $ref: '#/components/responses/Invalid' },
					...commonErrors
				}
			}
		},
		'/events/{id}': {
			...itemPath('events', 'event', 'Event', 'EventPatch', {
				patch: 'A new date, place or status raises icsSequence; more places confirm the first of the waiting list (`promoted` in the answer); cancelling emails every registrant.',
				delete: 'Only an event without registrations (409 otherwise): cancel it instead.'
			})
		},
		'/events/{id}/registrations': {
			parameters: [eventId],
			get: {
				tags: ['events'],
				summary: 'List the registrations of an event',
				description: 'In arrival order, with the waiting-list positions. Team only.',
				operationId: 'listRegistrations',
				parameters: [
					{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['confirmed', 'waitlisted', 'cancelled'] } },
					{ name: 'q', in: 'query', required: false, description: 'Name, email, organization or ticket code.', schema: { type: 'string' } }
				],
				responses: { '200': { description: 'The registrations.', content: jsonContent({ type: 'array', items: ref('Registration') }) }, ...commonErrors, ...notFound }
			},
			post: {
				tags: ['events'],
				summary: 'Register someone',
				description:
					'Confirmed while places are left, else wait-listed in arrival order: concurrent requests never confirm more than the capacity. The person receives a confirmation (with the .ics) or waiting-list email. The team may register after registrations closed, never to a past or cancelled event (409).',
				operationId: 'register',
				requestBody: { required: true, content: jsonContent(ref('RegistrationInput')) },
				responses: {
					'201': { description: 'Registered.', content: jsonContent(ref('RegistrationResult')) },
					'200': { description: 'The address was already registered: its registration.', content: jsonContent(ref('RegistrationResult')) },
					'400': { $ref: '#/components/responses/Invalid' },
					...commonErrors,
					...notFound,
					'409': { $ref: '#/components/responses/Conflict' }
				}
			}
		},
		'/events/{id}/registrations/{registrationId}': {
			parameters: [eventId, { name: 'registrationId', in: 'path', required: true, schema: { type: 'string' } }],
			delete: {
				tags: ['events'],
				summary: 'Cancel a registration',
				description: 'The first of the waiting list is confirmed and emailed. Cancelling twice changes nothing.',
				operationId: 'cancelRegistration',
				responses: { '204': { description: 'Cancelled.' }, ...commonErrors, ...notFound }
			}
		}
	};
}

export interface OpenApiOptions {
	version: string;
}

function directoryParameters() {
	const q = (name: string, description: string, schema: Record<string, unknown>, repeated = false) => ({
		name,
		in: 'query',
		required: false,
		description,
		schema: repeated ? { type: 'array', items: schema } : schema,
		...(repeated ? { style: 'form', explode: true } : {})
	});
	return [
		q('q', 'Words to find (at most 200 characters): names, competencies, activity, labels, materials, products, portrait.', { type: 'string', maxLength: 200 }),
		q('competency', 'Competency id (from the facets).', { type: 'string' }, true),
		q('naf', 'NAF section letter.', { type: 'string', enum: NAF_SECTIONS }, true),
		q('departement', 'Département code (33, 2A, 974…).', { type: 'string', pattern: '^(\\d{2}|2A|2B|97\\d)$' }, true),
		q('region', 'Région code (INSEE, e.g. 75).', { type: 'string', pattern: '^\\d{2}$' }, true),
		q('label', 'Label or certification, as written in the facets.', { type: 'string' }, true),
		q('size', 'Headcount band.', { type: 'string', enum: [...SIZE_BANDS] }, true),
		q('seniority', 'Years of membership.', { type: 'string', enum: [...SENIORITY_BANDS] }, true),
		q('kind', 'Reference kind id (from the facets).', { type: 'string' }, true),
		q('material', 'Material, as written in the facets.', { type: 'string' }, true),
		q('near', 'INSEE code of a commune: only organizations within radius_km of it.', { type: 'string', pattern: '^[0-9][0-9AB][0-9]{3}$' }),
		q('radius_km', 'Radius around `near`, in km.', { type: 'integer', minimum: 1, maximum: 500, default: 30 }),
		q('sort', 'relevance (with words), name, or distance (with near). Default: relevance with words, else distance with near, else name.', { type: 'string', enum: [...DIRECTORY_SORTS] }),
		q('page', 'Page number, from 1.', { type: 'integer', minimum: 1, maximum: 10000, default: 1 }),
		q('per_page', 'Items per page.', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
		q('facets', '0 to leave the facet counts out.', { type: 'string', enum: ['0', '1'] })
	];
}

function directoryItemSchema() {
	const str = { type: ['string', 'null'] };
	return {
		type: 'object',
		properties: {
			id: { type: 'string' },
			slug: { type: 'string' },
			name: { type: 'string' },
			url: { type: 'string', format: 'uri', description: 'The public page.' },
			commune: str,
			commune_insee: str,
			departement: str,
			departement_name: str,
			region: str,
			region_name: str,
			naf: { type: ['object', 'null'], properties: { code: { type: 'string' }, label: str } },
			size_band: str,
			competencies: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'] } },
			labels: { type: 'array', items: { type: 'string' } },
			member_since: { type: ['integer', 'null'], description: 'Year of the first paid membership.' },
			location: {
				type: ['object', 'null'],
				properties: { lat: { type: 'number' }, lon: { type: 'number' }, precision: { type: 'string', enum: ['commune', 'departement'] } }
			},
			distance_km: { type: ['number', 'null'], description: 'From `near`, when given.' },
			logo_url: { type: ['string', 'null'], format: 'uri' },
			summary: str
		},
		required: ['id', 'slug', 'name', 'url', 'commune', 'departement', 'competencies']
	};
}

function directoryPageSchema() {
	const facet = { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' } }, required: ['value', 'label', 'count'] } };
	return {
		type: 'object',
		properties: {
			items: { type: 'array', items: ref('DirectoryItem') },
			total: { type: 'integer', description: 'Organizations matching.' },
			page: { type: 'integer' },
			per_page: { type: 'integer' },
			sort: { type: 'string', enum: [...DIRECTORY_SORTS] },
			near: {
				type: ['object', 'null'],
				properties: { insee: { type: 'string' }, name: { type: 'string' }, lat: { type: 'number' }, lon: { type: 'number' }, radius_km: { type: 'integer' } }
			},
			facets: {
				type: 'object',
				description: 'Counts over the matching organizations (absent with facets=0).',
				properties: Object.fromEntries(['competency', 'naf', 'departement', 'region', 'label', 'size', 'seniority', 'kind', 'material'].map((f) => [f, facet]))
			}
		},
		required: ['items', 'total', 'page', 'per_page', 'sort']
	};
}

export function buildOpenApiDocument({ version }: OpenApiOptions) {
	const organizationCreate = inputSchema(organizationInput);
	const contactCreate = inputSchema(personInput);
	const membershipCreate = inputSchema(membershipInput);
	const interactionCreate = inputSchema(interactionInput);
	const organization = rowSchema(organizations);

	return {
		openapi: '3.1.0',
		info: {
			title: 'Grappe API',
			version,
			description: [
				'The REST API of Grappe: organizations (companies and partners of the cluster), their contacts, memberships and interactions; events and their registrations.',
				'',
				'Authenticate with a bearer token made by `grappe token create --name <name> --role team` (`Authorization: Bearer grp_…`); a signed-in browser session works too.',
				'Bodies are JSON objects with camelCase fields, validated by the same rules as the forms. Errors are JSON: `{ error, message, issues: [{ field, code, message }] }`, with messages in the language of `Accept-Language` (en or fr, English by default).',
				'Timestamps are ISO 8601; dates are YYYY-MM-DD. Amounts are sent in euros (`amount`) and returned in cents (`amountCents`).'
			].join('\n')
		},
		servers: [{ url: '/api/v1' }],
		security: [{ bearerAuth: [] }],
		tags: [
			{ name: 'organizations', description: 'Companies, labs, funders… the cluster works with.' },
			{ name: 'contacts', description: 'People working for an organization.' },
			{ name: 'memberships', description: 'Yearly memberships and their fees.' },
			{ name: 'interactions', description: 'Meetings, calls, emails and visits with an organization.' },
			{ name: 'events', description: 'Events, their registrations and waiting lists.' },
			{ name: 'directory', description: 'The public directory of members: no token, CORS open, only publicly listed organizations.' },
			{ name: 'trainings', description: 'The public training catalogue and the trades: no token, CORS open.' },
			{ name: 'jobs', description: 'Job offers of member organizations: the public board (no token, CORS open) and the offers a member or the team writes.' }
		],
		paths: {
			'/openapi.json': {
				get: {
					summary: 'This document',
					operationId: 'getOpenApiDocument',
					security: [],
					responses: { '200': { description: 'The OpenAPI document.', content: jsonContent({ type: 'object' }) } }
				}
			},
			'/organizations': {
				get: {
					tags: ['organizations'],
					summary: 'List organizations',
					operationId: 'listOrganizations',
					parameters: filterParameters(),
					responses: {
						'200': { description: 'A page of organizations.', content: jsonContent(ref('OrganizationPage')) },
						'400': { $ref: '#/components/responses/Invalid' },
						...commonErrors
					}
				},
				post: {
					tags: ['organizations'],
					summary: 'Create an organization',
					operationId: 'createOrganization',
					requestBody: { required: true, content: jsonContent(ref('OrganizationInput')) },
					responses: {
						'201': {
							description: 'The organization created.',
							headers: { Location: { description: '/api/v1/organizations/{id}', schema: { type: 'string' } } },
							content: jsonContent(ref('Organization'))
						},
						'400': { $ref: '#/components/responses/Invalid' },
						...commonErrors,
						'409': { $ref: '#/components/responses/Conflict' }
					}
				}
			},
			'/organizations/{id}': itemPath('organizations', 'organization', 'Organization', 'OrganizationPatch', {
				patch: 'A new postal code without communeName resolves the commune again. Members may change their own organization, except its status, tags and animateur.',
				delete: 'Deletes its contacts, memberships, interactions and history too.'
			}),
			'/organizations/{id}/contacts': childrenPath('contacts', 'contact', 'contacts', 'Contact', 'ContactInput', 'contacts'),
			'/organizations/{id}/memberships': childrenPath('memberships', 'membership', 'memberships', 'Membership', 'MembershipInput', 'memberships', {
				list: 'Newest year first.',
				create: 'A membership of the current year or later makes a prospect or former member a member. 409 if the organization already has one for that year.'
			}),
			'/organizations/{id}/interactions': childrenPath('interactions', 'interaction', 'interactions', 'Interaction', 'InteractionInput', 'interactions', {
				list: 'Most recent first.'
			}),
			'/contacts/{id}': itemPath('contacts', 'contact', 'Contact', 'ContactPatch'),
			'/memberships/{id}': itemPath('memberships', 'membership', 'Membership', 'MembershipPatch'),
			'/interactions/{id}': itemPath('interactions', 'interaction', 'Interaction', 'InteractionPatch'),
			...eventPaths(),
			...jobPaths(),
			'/directory': {
				get: {
					tags: ['directory'],
					summary: 'Search the public directory',
					description:
						'French full text (accents ignored, plurals and inflections matched, the last word as a prefix, a misspelt company name tolerated), filters and facet counts, "near a commune". Repeat a filter to accept several values (`departement=33&departement=40`). Only organizations that are members, with a contact who consented to public listing, appear. No token needed; `Access-Control-Allow-Origin: *`.',
					operationId: 'searchDirectory',
					security: [],
					parameters: directoryParameters(),
					responses: {
						'200': { description: 'A page of listed organizations, the total and the facets.', content: jsonContent(ref('DirectoryPage')) },
						'400': { $ref: '#/components/responses/Invalid' }
					}
				}
			},
			'/trainings': {
				get: {
					tags: ['trainings'],
					summary: 'Search the training catalogue',
					description: 'Published trainings of the providers among the cluster\'s partners and members, with their valid labels, the next session and the count per département under the other filters. No token needed; `Access-Control-Allow-Origin: *`.',
					operationId: 'searchTrainings',
					security: [],
					parameters: [
						{ name: 'q', in: 'query', required: false, description: 'French words; every word must match (stems, accents ignored), the last as a prefix.', schema: { type: 'string' } },
						{ name: 'trade', in: 'query', required: false, description: 'A trade slug (see /trades).', schema: { type: 'string' } },
						{ name: 'kind', in: 'query', required: false, description: 'Initial or continuing training.', schema: { type: 'string', enum: ['initial', 'continuing'] } },
						{ name: 'departement', in: 'query', required: false, description: 'INSEE code of a département.', schema: { type: 'string' } },
						{ name: 'funding', in: 'query', required: false, description: 'A funding hint.', schema: { type: 'string', enum: ['opco', 'cpf', 'apprenticeship', 'region', 'france_travail', 'employer'] } },
						{ name: 'labelled', in: 'query', required: false, description: '1: only trainings (or providers) holding a valid label of the cluster.', schema: { type: 'string' } },
						{ name: 'limit', in: 'query', required: false, description: 'At most 200 (50 by default).', schema: { type: 'string' } },
						{ name: 'offset', in: 'query', required: false, description: 'Skip this many results.', schema: { type: 'string' } }
					],
					responses: { '200': { description: 'The total, a page of trainings (id, slug, title, kind, mode, providerName, communeName, departementCode, durationHours, fundings, nextSession, labels, url) and by_departement.', content: jsonContent({ type: 'object' }) } }
				}
			},
			'/trades': {
				get: {
					tags: ['trainings'],
					summary: 'List the trades (métiers)',
					description: 'The trades of the sector in the team\'s order, with the number of published trainings and the public page. No token needed.',
					operationId: 'listTrades',
					security: [],
					responses: { '200': { description: 'The trades (id, slug, name, description, trainings, url).', content: jsonContent({ type: 'array', items: { type: 'object' } }) } }
				}
			}
		},
		components: {
			securitySchemes: {
				bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token from `grappe token create` (starts with grp_).' }
			},
			schemas: {
				Organization: organization,
				OrganizationListItem: {
					allOf: [
						ref('Organization'),
						{
							type: 'object',
							properties: {
								teamMemberName: { type: ['string', 'null'], description: 'Name of the animateur.' },
								lastMembershipYear: { type: ['integer', 'null'], description: 'Latest year with a membership.' },
								peopleCount: { type: 'integer', description: 'Number of contacts.' }
							},
							required: ['teamMemberName', 'lastMembershipYear', 'peopleCount']
						}
					]
				},
				OrganizationPage: {
					type: 'object',
					properties: {
						items: { type: 'array', items: ref('OrganizationListItem') },
						total: { type: 'integer', description: 'Organizations matching the filters.' },
						page: { type: 'integer' },
						perPage: { type: 'integer' },
						pages: { type: 'integer', description: 'Number of pages (at least 1).' }
					},
					required: ['items', 'total', 'page', 'perPage', 'pages']
				},
				OrganizationInput: organizationCreate,
				OrganizationPatch: patchSchema(organizationCreate),
				Contact: rowSchema(people),
				ContactInput: contactCreate,
				ContactPatch: patchSchema(contactCreate),
				Membership: rowSchema(memberships),
				MembershipInput: membershipCreate,
				MembershipPatch: patchSchema(membershipCreate),
				Interaction: rowSchema(interactions),
				InteractionInput: interactionCreate,
				InteractionPatch: patchSchema(interactionCreate),
				...eventSchemas(),
				DirectoryItem: directoryItemSchema(),
				DirectoryPage: directoryPageSchema(),
				Error: {
					type: 'object',
					properties: {
						error: { type: 'string', enum: ['unauthorized', 'invalid', 'forbidden', 'not_found', 'conflict', 'error', 'internal'] },
						message: { type: 'string', description: 'For people, in the language of Accept-Language.' },
						issues: {
							type: 'array',
							description: 'One entry per bad field (400), or the conflicting field (409).',
							items: {
								type: 'object',
								properties: {
									field: { type: 'string', description: 'The field, as named in the body ("body" when the body is not a JSON object; dotted for nested fields).' },
									code: { type: 'string', description: 'A stable code, e.g. error_siret, error_required.' },
									message: { type: 'string', description: 'For people, in the language of Accept-Language.' }
								},
								required: ['field', 'code', 'message']
							}
						}
					},
					required: ['error', 'message']
				}
			},
			responses: {
				Invalid: errorResponse('Invalid input: `issues` names each bad field.'),
				Unauthorized: errorResponse('No token or session, or the token is unknown or revoked.'),
				Forbidden: errorResponse('The caller may not do this.'),
				NotFound: errorResponse('No such resource.'),
				Conflict: errorResponse('Conflicts with existing data (a SIRET already used, a second membership for a year).')
			}
		}
	};
}

let cached: { version: string; document: ReturnType<typeof buildOpenApiDocument> } | undefined;

/** The document, built once per version. */
export function openApiDocument(version: string) {
	if (cached?.version !== version) cached = { version, document: buildOpenApiDocument({ version }) };
	return cached.document;
}
