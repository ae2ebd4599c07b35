// The CRM's enumerations, shared by server validation and the pages' selects.
export const ORGANIZATION_STATUSES = ['member', 'prospect', 'partner', 'former_member'] as const;
export const PARTNER_KINDS = ['region', 'state', 'training_centre', 'lab', 'funder', 'association', 'local_authority', 'chamber', 'other'] as const;
export const SIZE_BANDS = ['0', '1_9', '10_49', '50_249', '250_plus'] as const;
export const INTERACTION_KINDS = ['meeting', 'call', 'email', 'visit'] as const;
export const NEED_CATEGORIES = ['recruitment', 'training', 'funding', 'export', 'innovation', 'partnership', 'premises', 'purchasing', 'visibility', 'other'] as const;
export const NEED_STATUSES = ['open', 'in_progress', 'addressed', 'dropped'] as const;
