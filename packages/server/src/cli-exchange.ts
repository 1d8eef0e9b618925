import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { BulkKind, LabRunImportQuery, type BulkPreview, type Permission } from '@konform/core';
import type { DbFlags } from './cli-database.js';
import { cliActor, explain, withServices } from './cli-services.js';
import type { Services } from './app.js';
import type { Actor } from './access/actor.js';
import { HttpProblem } from './http/errors.js';

/**
 * What each exchange command does through the API: the route and the permission it declares. `--as` must hold that
 * permission; a test compares this table with the routes the app declares.
 */
export const EXCHANGE_COMMANDS = {
  'import oscal': { route: 'POST /api/audits/:id/oscal/assessment-results', permission: 'auditing.record' },
  'import cyclonedx': { route: 'POST /api/interchange/cyclonedx', permission: 'model.edit' },
  'import model-card': { route: 'POST /api/models/:id/versions/:versionId/model-card', permission: 'model.edit' },
  'import inspect': { route: 'POST /api/lab/runs', permission: 'lab.run' },
  'import xlsx systems': { route: 'POST /api/bulk/systems/import', permission: 'system.update' },
  'import xlsx risks': { route: 'POST /api/bulk/risks/import', permission: 'risk.edit' },
  'export oscal-component': { route: 'GET /api/systems/:id/oscal/component-definition', permission: 'requirement.read' },
  'export oscal-ar': { route: 'GET /api/audits/:id/oscal/assessment-results', permission: 'auditing.read' },
  'export oscal-ar --gate': { route: 'GET /api/lab/gates/:id/oscal/assessment-results', permission: 'lab.read' },
  'export oscal-poam': { route: 'GET /api/systems/:id/oscal/poam', permission: 'nonconformity.read' },
  'export cyclonedx': { route: 'GET /api/systems/:id/cyclonedx', permission: 'system.read' },
} as const satisfies Record<string, { route: string; permission: Permission }>;
type CommandName = keyof typeof EXCHANGE_COMMANDS;

interface ActorFlags extends DbFlags {
  as?: string;
  json?: boolean;
}

/** Runs one exchange command as the `--as` user; a problem becomes the lines `explain` prints, and exit code 1. */
function asUser<T>(flags: ActorFlags, command: CommandName, work: (services: Services, actor: Actor) => Promise<T>): Promise<T> {
  return withServices(flags, async (services, database) => {
    const actor = await cliActor(database, flags.as, EXCHANGE_COMMANDS[command].permission);
    return work(services, actor).catch(explain);
  });
}

/** A file's text; a file that cannot be read is a problem naming the file. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** JSON as the API reads a request body: a syntax error is a problem at `$` with line and column. */
function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      where = ` (line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw new Error(['The file is not JSON', `  at $: ${message}${where}`].join('\n'));
  }
}

function report(flags: ActorFlags, summary: string, result: unknown) {
  console.log(flags.json ? JSON.stringify(result, null, 2) : summary);
}

function write(out: string | undefined, fileName: string, body: Buffer | string) {
  if (out) {
    writeFileSync(out, body);
    console.error(`Wrote ${out} (${Buffer.byteLength(body)} bytes; served as ${fileName})`);
  } else {
    process.stdout.write(body);
  }
}

function formatBulk(preview: BulkPreview): string {
  const s = preview.summary;
  const lines = [`${preview.fileName} (${preview.kind}): create ${s.create}, update ${s.update}, unchanged ${s.unchanged}, errors ${s.error}`];
  for (const e of preview.fileErrors) lines.push(`  at file.${e.column}: ${e.message}`);
  for (const r of preview.rows) for (const e of r.errors) lines.push(`  at rows.${r.row}.${e.column}: ${e.message}`);
  return lines.join('\n');
}

const dataOption = ['-d, --data <dir>', 'data directory'] as const;
const asOption = ['--as <email>', 'the user who acts: must exist and hold the permission of the matching API route; the audit trail names them "… via CLI"'] as const;
const jsonOption = ['--json', 'print the full result as JSON'] as const;

/** `konform import …` and `konform export …`: the exchange formats with the same checks and errors as the API. */
export function exchangeCommands(program: Command) {
  const imports = program.command('import').description('Import exchange formats (OSCAL, CycloneDX, model cards, Inspect logs, XLSX) as a named user; nothing is stored on any error');

  imports
    .command('oscal')
    .description("Another tool's OSCAL assessment results as findings of an audit")
    .argument('<file>', 'OSCAL assessment-results JSON')
    .requiredOption('--audit <id>', 'the audit that receives the findings')
    .requiredOption(...asOption).option(...dataOption).option(...jsonOption)
    .action(async (file: string, flags: ActorFlags & { audit: string }) => {
      const body = readJson(file);
      const result = await asUser(flags, 'import oscal', (services, actor) => services.oscal.importAssessmentResults(actor, flags.audit, body));
      report(flags, `Imported "${result.documentTitle}": ${result.created} finding(s) created, ${result.skipped.length} imported before and skipped`, result);
    });

  imports
    .command('cyclonedx')
    .description('The models and datasets of a CycloneDX 1.5–1.7 BOM into an organisational unit (create or update)')
    .argument('<file>', 'CycloneDX BOM (JSON)')
    .requiredOption('--unit <id>', 'the organisational unit')
    .requiredOption(...asOption).option(...dataOption).option(...jsonOption)
    .action(async (file: string, flags: ActorFlags & { unit: string }) => {
      const text = readText(file);
      const result = await asUser(flags, 'import cyclonedx', (services, actor) => services.cycloneDx.import(actor, flags.unit, text));
      const lines = [`CycloneDX ${result.specVersion}: ${result.items.length} item(s) recorded, ${result.ignored.length} ignored`, ...result.ignored.map((i) => `  ignored ${i.path}: ${i.reason}`)];
      report(flags, lines.join('\n'), result);
    });

  imports
    .command('model-card')
    .description('A Hugging Face model card (README.md with YAML front matter) into a model version')
    .argument('<file>', 'the model card (Markdown)')
    .requiredOption('--model <id>', 'the model')
    .requiredOption('--model-version <id>', 'the model version (`--version` prints the version of Konform)')
    .requiredOption(...asOption).option(...dataOption).option(...jsonOption)
    .action(async (file: string, flags: ActorFlags & { model: string; modelVersion: string }) => {
      const text = readText(file);
      const result = await asUser(flags, 'import model-card', (services, actor) => services.modelCards.import(actor, flags.model, flags.modelVersion, text));
      const lines = [`Took ${result.taken.length} field(s) and ${result.results.length} evaluation result(s), ignored ${result.ignored.length}`, ...result.ignored.map((i) => `  ignored ${i.field}: ${i.reason}`)];
      report(flags, lines.join('\n'), result);
    });

  imports
    .command('inspect')
    .description('A UK AISI Inspect evaluation log as a lab run of a fixed test plan')
    .argument('<file>', 'the Inspect log (JSON)')
    .requiredOption('--plan <id>', 'the test plan (fixed)')
    .requiredOption('--method <id>', 'the test method whose cases the metrics fill')
    .requiredOption('--environment <id>', 'the test environment')
    .option('--item <item>', 'a tested item as model:<versionId>:<manifest sha256> (repeat for each)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--seed <seed>', 'the seed (overrides the file)')
    .requiredOption(...asOption).option(...dataOption).option(...jsonOption)
    .action(async (file: string, flags: ActorFlags & { plan: string; method: string; environment: string; item?: string[]; seed?: string }) => {
      const text = readText(file);
      const query = LabRunImportQuery.safeParse({ format: 'inspect', planId: flags.plan, methodId: flags.method, environmentId: flags.environment, item: flags.item, seed: flags.seed });
      if (!query.success) explain(new HttpProblem(400, 'validation', 'The options are invalid', query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))));
      const run = await asUser(flags, 'import inspect', (services, actor) => services.labRuns.record(actor, { text, xml: false }, query.data));
      report(flags, `Recorded lab run ${run.id}: verdict ${run.verdict}`, run);
    });

  imports
    .command('xlsx')
    .description('An XLSX or CSV file of AI systems or risks: every row through the normal checks, all or nothing')
    .argument('<file>', 'the file (as the export or template writes it)')
    .requiredOption('--kind <kind>', `what the file holds: ${BulkKind.options.join(' or ')}`)
    .option('--dry-run', 'only check every row and show what the import would do')
    .requiredOption(...asOption).option(...dataOption).option(...jsonOption)
    .action(async (file: string, flags: ActorFlags & { kind: string; dryRun?: boolean }) => {
      const kind = BulkKind.safeParse(flags.kind);
      if (!kind.success) throw new Error(`--kind must be ${BulkKind.options.join(' or ')}`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      const result = await asUser(flags, `import xlsx ${kind.data}`, (services, actor) =>
        flags.dryRun ? services.bulk.previewImport(actor, kind.data, bytes, path.basename(file)) : services.bulk.runImport(actor, kind.data, bytes, path.basename(file)));
      report(flags, `${formatBulk(result)}\n${flags.dryRun ? (result.ready ? 'Ready to import (dry run: nothing stored)' : 'The file cannot be imported') : 'Imported'}`, result);
      if (!result.ready) process.exitCode = 1;
    });

  const exports = program.command('export').description('Export exchange formats (OSCAL, CycloneDX) as a named user, checked against their schema before they are written');
  const outOption = ['-o, --out <file>', 'write to this file (default: standard output)'] as const;

  exports
    .command('oscal-component')
    .description('A system as an OSCAL 1.2.2 component definition: its applicable requirements of one catalogue')
    .argument('<system-id>', 'the AI system')
    .option('--catalog <id>', 'the catalogue', 'eu-ai-act')
    .option(...outOption).requiredOption(...asOption).option(...dataOption)
    .action(async (systemId: string, flags: ActorFlags & { catalog: string; out?: string }) => {
      const file = await asUser(flags, 'export oscal-component', (services, actor) => services.oscal.componentDefinition(actor, systemId, flags.catalog));
      write(flags.out, file.fileName, file.body);
    });

  exports
    .command('oscal-ar')
    .description('An audit (or with --gate a lab release gate) as OSCAL 1.2.2 assessment results')
    .argument('[audit-id]', 'the audit')
    .option('--gate <id>', 'a release gate instead of an audit')
    .option(...outOption).requiredOption(...asOption).option(...dataOption)
    .action(async (auditId: string | undefined, flags: ActorFlags & { gate?: string; out?: string }) => {
      if (!auditId === !flags.gate) throw new Error('Name either an audit id or --gate GATE_ID');
      const file = flags.gate
        ? await asUser(flags, 'export oscal-ar --gate', (services, actor) => services.oscal.gateAssessmentResults(actor, flags.gate!))
        : await asUser(flags, 'export oscal-ar', (services, actor) => services.oscal.auditAssessmentResults(actor, auditId!));
      write(flags.out, file.fileName, file.body);
    });

  const systemExport = (name: 'oscal-poam' | 'cyclonedx', description: string, produce: (services: Services, actor: Actor, systemId: string) => Promise<{ fileName: string; body: Buffer | string }>) =>
    exports
      .command(name)
      .description(description)
      .argument('<system-id>', 'the AI system')
      .option(...outOption).requiredOption(...asOption).option(...dataOption)
      .action(async (systemId: string, flags: ActorFlags & { out?: string }) => {
        const file = await asUser(flags, `export ${name}`, (services, actor) => produce(services, actor, systemId));
        write(flags.out, file.fileName, file.body);
      });
  systemExport('oscal-poam', "A system's open non-conformities and audit findings as an OSCAL 1.2.2 plan of action and milestones", (services, actor, systemId) =>
    services.oscal.poam(actor, systemId));
  systemExport('cyclonedx', "A system's models and datasets as a CycloneDX 1.6 ML-BOM", async (services, actor, systemId) => {
    const { filename, bom } = await services.cycloneDx.export(actor, systemId);
    return { fileName: filename, body: `${JSON.stringify(bom, null, 2)}\n` };
  });
}
