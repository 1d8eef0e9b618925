// Builds a CycloneDX 1.6 SBOM of Konform itself from package-lock.json: every installed npm package with its purl,
// the registry's integrity hash, its declared licence and the dependency graph, resolved the way Node resolves it.
import { createHash } from 'node:crypto';

export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

interface Component {
  type: 'library' | 'application';
  'bom-ref': string;
  name: string;
  group?: string;
  version: string;
  scope: 'required' | 'optional' | 'excluded';
  purl?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: { expression: string }[];
  externalReferences?: { type: 'distribution'; url: string }[];
}

export interface Sbom {
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber: string;
  version: 1;
  metadata: Record<string, unknown>;
  components: Component[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

const HASH_ALGS: Record<string, string> = { sha512: 'SHA-512', sha384: 'SHA-384', sha256: 'SHA-256', sha1: 'SHA-1' };

/** `sha512-<base64>` (npm's Subresource Integrity form) as CycloneDX hashes in hex. */
export function integrityHashes(integrity: string | undefined): { alg: string; content: string }[] {
  if (!integrity) return [];
  return integrity.split(/\s+/).flatMap((part) => {
    const dash = part.indexOf('-');
    const alg = HASH_ALGS[part.slice(0, dash)];
    return alg ? [{ alg, content: Buffer.from(part.slice(dash + 1), 'base64').toString('hex') }] : [];
  });
}

/** The package URL of an npm package: the scope's `@` percent-encoded, as the purl specification wants. */
export function npmPurl(name: string, version: string): string {
  const [scope, bare] = name.startsWith('@') ? [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)] : [null, name];
  return `pkg:npm/${scope ? `${encodeURIComponent(scope)}/` : ''}${encodeURIComponent(bare)}@${encodeURIComponent(version)}`;
}

/** The package name of a lockfile path: what follows its last `node_modules/`. */
function nameOfPath(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  return at === -1 ? path : path.slice(at + 'node_modules/'.length);
}

/** Node's lookup: `<dir>/node_modules/<name>`, then each parent directory's, up to the root. */
function resolveDependency(packages: Record<string, LockEntry>, fromPath: string, name: string): string | undefined {
  let dir = fromPath;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const parent = dir.lastIndexOf('/node_modules/');
    // `node_modules/a` and a workspace folder such as `packages/server` continue in the root.
    dir = parent === -1 ? '' : dir.slice(0, parent);
  }
}

function scopeOf(entry: LockEntry): Component['scope'] {
  if (entry.dev || entry.devOptional) return 'excluded';
  return entry.optional ? 'optional' : 'required';
}

function licenceOf(entry: LockEntry): { expression: string }[] | undefined {
  const text = entry.license?.trim();
  return text ? [{ expression: text }] : undefined;
}

/** The serial number is derived from the lockfile, so the same install always describes itself the same way. */
function serialFor(lockText: string): string {
  const hex = createHash('sha256').update(lockText).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function buildSbom(lockText: string, timestamp: Date): Sbom {
  const lock = JSON.parse(lockText) as Lockfile;
  const packages = lock.packages;
  const rootRef = npmPurl(lock.name, lock.version);
  const refOfPath = new Map<string, string>([['', rootRef]]);
  const components = new Map<string, Component>();

  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || entry.link) continue;
    const isWorkspace = !path.includes('node_modules/');
    const name = entry.name ?? nameOfPath(path);
    const version = entry.version ?? '0.0.0';
    const purl = npmPurl(name, version);
    refOfPath.set(path, purl);
    const existing = components.get(purl);
    if (existing) {
      // The same name and version installed twice: one component, required if any copy is.
      if (existing.scope !== 'required' && scopeOf(entry) === 'required') existing.scope = 'required';
      continue;
    }
    const slash = name.startsWith('@') ? name.indexOf('/') : -1;
    components.set(purl, {
      type: isWorkspace ? 'application' : 'library',
      'bom-ref': purl,
      ...(slash > 0 ? { group: name.slice(0, slash), name: name.slice(slash + 1) } : { name }),
      version,
      // Workspaces under packages/ ship; e2e and bench are tooling.
      scope: isWorkspace ? (path.startsWith('packages/') ? 'required' : 'excluded') : scopeOf(entry),
      purl,
      ...(integrityHashes(entry.integrity).length > 0 ? { hashes: integrityHashes(entry.integrity) } : {}),
      ...(licenceOf(entry) ? { licenses: licenceOf(entry) } : {}),
      ...(entry.resolved?.startsWith('http') ? { externalReferences: [{ type: 'distribution' as const, url: entry.resolved }] } : {}),
    });
  }
  // Workspace links (`node_modules/@konform/core` → `packages/core`) resolve to the workspace's own entry.
  for (const [path, entry] of Object.entries(packages)) {
    if (entry.link && entry.resolved && refOfPath.has(entry.resolved)) refOfPath.set(path, refOfPath.get(entry.resolved)!);
  }

  const graph = new Map<string, Set<string>>();
  for (const [path, entry] of Object.entries(packages)) {
    const ref = refOfPath.get(path);
    if (!ref || entry.link) continue;
    const names = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {})];
    const targets = graph.get(ref) ?? new Set<string>();
    for (const dep of names) {
      const resolved = resolveDependency(packages, path, dep);
      const target = resolved === undefined ? undefined : refOfPath.get(resolved);
      if (target && target !== ref) targets.add(target);
    }
    graph.set(ref, targets);
  }
  const root = packages[''] ?? {};
  const rootNames = Object.keys({ ...root.dependencies, ...(root as { devDependencies?: Record<string, string> }).devDependencies });
  const rootTargets = graph.get(rootRef) ?? new Set<string>();
  for (const dep of rootNames) {
    const target = refOfPath.get(resolveDependency(packages, '', dep) ?? '\0');
    if (target) rootTargets.add(target);
  }
  for (const [path, entry] of Object.entries(packages)) {
    if (!path.includes('node_modules/') && path !== '' && !entry.link) rootTargets.add(refOfPath.get(path)!);
  }
  graph.set(rootRef, rootTargets);

  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialFor(lockText),
    version: 1,
    metadata: {
      timestamp: timestamp.toISOString(),
      lifecycles: [{ phase: 'build' }],
      tools: { components: [{ type: 'application', name: 'konform scripts/sbom', version: lock.version }] },
      component: { type: 'application', 'bom-ref': rootRef, name: lock.name, version: lock.version, purl: rootRef, licenses: licenceOf(root) ?? [] },
    },
    components: [...components.values()].sort((a, b) => a['bom-ref'].localeCompare(b['bom-ref'])),
    dependencies: [...graph.entries()].map(([ref, deps]) => ({ ref, dependsOn: [...deps].sort() })).sort((a, b) => a.ref.localeCompare(b.ref)),
  };
}
