import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Send cookies with Secure; on by default when behind a proxy that reports HTTPS. */
  secureCookies: boolean | 'auto';
  trustProxy: boolean;
  logLevel: string;
  webDir: string | undefined;
  sessionHours: number;
}

export interface ConfigOverrides {
  port?: number | string | undefined;
  host?: string | undefined;
  data?: string | undefined;
}

function bool(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Command-line flags win over environment variables, which win over defaults. */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(overrides.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${String(overrides.port ?? env.PORT)}`);
  const secure = bool(env.KONFORM_SECURE_COOKIES);
  return {
    port,
    host: overrides.host ?? env.HOST ?? 'localhost',
    dataDir: path.resolve(overrides.data ?? env.KONFORM_DATA_DIR ?? 'konform-data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.KONFORM_ADMIN_EMAIL || undefined,
    adminPassword: env.KONFORM_ADMIN_PASSWORD || undefined,
    secureCookies: secure ?? 'auto',
    trustProxy: bool(env.KONFORM_TRUST_PROXY) ?? false,
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: env.KONFORM_WEB_DIR || undefined,
    sessionHours: Number(env.KONFORM_SESSION_HOURS ?? 8),
  };
}
