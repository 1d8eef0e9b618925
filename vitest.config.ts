import { defineConfig } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// Tests import @konform/core and @konform/server from TypeScript source via the "source" export condition.
const conditions = ['source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: ['packages/core/src/**/*.test.ts', 'packages/server/src/**/*.test.ts', 'packages/server/test/**/*.test.ts', 'packages/web/src/**/*.test.ts', 'packages/client/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
