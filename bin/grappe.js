#!/usr/bin/env node
// The `grappe` command: loads the TypeScript sources through tsx, then runs src/cli/index.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
