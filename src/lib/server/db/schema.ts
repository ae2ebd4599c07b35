// Every table of Grappe, one import for the database client and drizzle-kit.
export * from '../auth/schema';
export * from '../jobs/schema';
export * from '../settings/schema';
export * from '../crm/schema';
export * from '../files/schema';
export * from '../showcase/schema';
export * from '../directory/schema';
export * from '../events/schema';
export * from '../meetings/schema';
export * from '../tradeshows/schema';
export * from '../employment/schema';
export * from '../surveys/schema';
export * from '../pooling/schema';
export * from '../trainings/schema';
