import { readFileSync } from 'node:fs';
import type { MatrixContext, SampleFactory } from './context.js';
import { testItemVersionPath } from './helpers.js';

const BOM = readFileSync(new URL('../../fixtures/interchange/ml-bom-1.7-sample.json', import.meta.url), 'utf8');
const CARD = readFileSync(new URL('../../fixtures/interchange/whisper-model-card.md', import.meta.url), 'utf8');

/** CycloneDX ML-BOMs and Hugging Face model cards (#11 points 6 and 7); each card sample brings its own version. */
export function interchangeSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  return {
    'GET /api/systems/:id/cyclonedx': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/cyclonedx` }),
    'POST /api/interchange/cyclonedx': async () => ({ method: 'POST', path: `/api/interchange/cyclonedx?orgUnitId=${ctx.unit}`, body: BOM }),
    'GET /api/models/:id/versions/:versionId/model-card': async () => ({ method: 'GET', path: `${await testItemVersionPath(ctx, 'model')}/model-card` }),
    'POST /api/models/:id/versions/:versionId/model-card': async () => ({ method: 'POST', path: `${await testItemVersionPath(ctx, 'model')}/model-card`, body: CARD }),
  };
}
