import type { MatrixContext, SampleFactory } from './context.js';

/** A header-only CSV (nothing to write): allowed roles get 200, others 403 from the route's permission. */
function headerOnly() {
  const form = new FormData();
  form.append('file', new Blob(['\uFEFFID;Version\r\n']), 'leer.csv');
  return form;
}

/** XLSX/CSV export and import of the inventory and the risks (#11 point 9). */
export function bulkSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const samples: Record<string, SampleFactory> = {
    'GET /api/bulk/systems/export': async () => ({ method: 'GET', path: '/api/bulk/systems/export?format=csv' }),
    'GET /api/bulk/risks/export': async () => ({ method: 'GET', path: `/api/bulk/risks/export?systemId=${ctx.systemId}&format=csv` }),
  };
  for (const kind of ['systems', 'risks']) {
    samples[`GET /api/bulk/${kind}/template`] = async () => ({ method: 'GET', path: `/api/bulk/${kind}/template?format=xlsx` });
    samples[`POST /api/bulk/${kind}/preview`] = async () => ({ method: 'POST', path: `/api/bulk/${kind}/preview`, body: headerOnly() });
    samples[`POST /api/bulk/${kind}/import`] = async () => ({ method: 'POST', path: `/api/bulk/${kind}/import`, body: headerOnly() });
  }
  return samples;
}
