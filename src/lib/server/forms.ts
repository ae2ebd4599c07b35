// Reads a submitted form into a plain object for a service's schema (empty strings kept: schemas treat them as "no value").
export async function formValues(request: Request): Promise<Record<string, string>> {
	const form = await request.formData();
	const out: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string') out[k] = v;
	return out;
}
