export function register(_program: import('commander').Command) {}
