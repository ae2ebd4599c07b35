// The OpenAPI document of the REST API; public, so tools can read it before they have a token.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApiDocument } from '$lib/server/api/openapi';
import { VERSION } from '$lib/server/app';

export const GET: RequestHandler = () => json(openApiDocument(VERSION), { headers: { 'access-control-allow-origin': '*' } });
