// Pooled employment: employer groups and secondments.
export {};
