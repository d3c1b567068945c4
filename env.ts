import { z } from 'zod';
import { PriceTableSchema } from './lib/model-prices.js';

/** Requests a minute per client address (RATE_LIMIT_*_PER_MINUTE). */
export const DEFAULT_RATE_LIMITS = { flowsPerMinute: 300, importsPerMinute: 60, signInsPerMinute: 10, surveyAnswersPerMinute: 20 } as const;

// The only reader of process.env. Everything else receives a parsed Env.
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const EnvSchema = z.object({
  PORT: z.coerce.number({ invalid_type_error: 'must be a port number, e.g. 3000' }).int().min(0).max(65535).default(3000),
  // Local mode listens on loopback only; HOST=0.0.0.0 (or an address) exposes it on the network.
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .refine(
      (hosts) => hosts.every((h) => /^\.?[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(h)),
      'must be host names separated by commas, e.g. pf.example.com,.internal.example',
    ),
  // Lead research (docs/research.md) never fetches private, loopback or link-local addresses;
  // these hosts (an intranet, a test's local site) are the exception.
  FETCH_ALLOW_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine(
      (hosts) => hosts.every((h) => /^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/.test(h)),
      'must be host or host:port entries separated by commas, e.g. wiki.intranet,10.0.0.5:8080',
    )
    .describe('Hosts lead research may fetch although they are private addresses (host or host:port, comma-separated; default none)'),
  RATE_LIMIT_FLOWS_PER_MINUTE: z.coerce
    .number({ invalid_type_error: 'must be a whole number (0 turns the limit off)' })
    .int()
    .min(0)
    .max(1_000_000)
    .default(DEFAULT_RATE_LIMITS.flowsPerMinute),
  RATE_LIMIT_IMPORTS_PER_MINUTE: z.coerce
    .number({ invalid_type_error: 'must be a whole number (0 turns the limit off)' })
    .int()
    .min(0)
    .max(1_000_000)
    .default(DEFAULT_RATE_LIMITS.importsPerMinute),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_DB: optionalString
    .pipe(z.enum(['postgres', 'pglite'], { errorMap: () => ({ message: 'must be postgres or pglite' }) }).default('postgres'))
    .describe(
      'The embedded database in DATA_DIR when DATABASE_URL is unset: postgres (a PostgreSQL process in DATA_DIR/postgres) or pglite (PGlite on the server thread in DATA_DIR/pglite)',
    ),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL, e.g. postgres://user@127.0.0.1:5432/personaflow')
      .optional(),
  ),
  GEMINI_API_KEY: optionalString,
  GOOGLE_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  LLM_BASE_URL: optionalString.pipe(z.string().url('must be a URL, e.g. http://127.0.0.1:11434/v1').optional()),
  LLM_API_KEY: optionalString,
  LLM_JSON_SCHEMA: optionalString
    .pipe(z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) }).default('on'))
    .describe(
      'on: JSON prompts send an OpenAI-compatible server their schema as response_format (a server that refuses it is asked without it); off: the schema in the prompt only',
    ),
  MODEL: optionalString,
  MODEL_PROVIDER: optionalString.pipe(
    z.enum(['gemini', 'openai', 'compatible', 'offline'], { errorMap: () => ({ message: 'must be gemini, openai, compatible or offline' }) }).optional(),
  ),
  MODEL_FALLBACK: optionalString.describe('A second model of the same provider, used when MODEL keeps failing'),
  MODEL_TIMEOUT_MS: z.coerce.number({ invalid_type_error: 'must be a number of milliseconds' }).int().min(1000).max(600_000).default(60_000),
  MODEL_MAX_RETRIES: z.coerce.number({ invalid_type_error: 'must be a whole number' }).int().min(0).max(6).default(2),
  MODEL_PRICES: optionalString.pipe(
    z
      .string()
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON, e.g. {"gemini-2.5-flash": {"input": 0.3, "output": 2.5}}' });
          return z.NEVER;
        }
      })
      .pipe(PriceTableSchema)
      .optional(),
  ),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465')
      .optional(),
  ),
  MAIL_FROM: optionalString.describe('The From of campaign email, e.g. "Dana from Shipwise <dana@shipwise.io>"'),
  PUBLIC_URL: optionalString.pipe(z.string().url('must be the URL people reach this server at, e.g. https://personaflow.example.com').optional()),
  ENABLE_PERSONA_SYNC: optionalString
    .pipe(z.enum(['true', 'false'], { errorMap: () => ({ message: 'must be true or false' }) }).default('true'))
    .describe('false switches off the daily persona snapshot schedule (Sync now still works)'),
  PERSONA_SYNC_CRON: optionalString
    .pipe(
      z
        .string()
        .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 fields (6 with seconds), e.g. "0 2 * * *" for 02:00 every day')
        .default('0 2 * * *'),
    )
    .describe('When the daily persona snapshots run, in UTC (cron)'),
  SEND_CONCURRENCY: z.coerce.number({ invalid_type_error: 'must be a whole number' }).int().min(1).max(200).default(20),
  // Server processes on this machine (node:cluster), sharing the port and the database: docs/deployment.md.
  WORKERS: z.coerce.number({ invalid_type_error: 'must be a whole number of server processes, e.g. 2' }).int().min(1).max(64).default(1),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb')
    .default('100kb'),
  // Team mode (accounts, workspaces, API tokens). Unset: on when HOST is not a loopback address.
  AUTH: optionalString.pipe(z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) }).optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional()),
  AUTH_OPEN_SIGNUP: z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) }).default('off'),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce
    .number({ invalid_type_error: 'must be a whole number (0 turns the limit off)' })
    .int()
    .min(0)
    .max(1_000_000)
    .default(DEFAULT_RATE_LIMITS.signInsPerMinute),
  // Answers sent through the public survey page, per client address.
  RATE_LIMIT_SURVEY_PER_MINUTE: z.coerce
    .number({ invalid_type_error: 'must be a whole number (0 turns the limit off)' })
    .int()
    .min(0)
    .max(1_000_000)
    .default(DEFAULT_RATE_LIMITS.surveyAnswersPerMinute),
  // Behind a reverse proxy every request comes from the proxy's address: the per-address limits
  // would count all clients as one. Express's "trust proxy": how many proxies, or which addresses.
  TRUST_PROXY: optionalString
    .pipe(
      z
        .string()
        .regex(
          /^(\d{1,2}|loopback|linklocal|uniquelocal|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/,
          "must be how many proxies are in front (e.g. 1), loopback, or the proxies' addresses, e.g. 10.0.0.2,10.0.0.3",
        )
        .transform((v) => (/^\d+$/.test(v) ? Number(v) : v))
        .optional(),
    )
    .describe('The reverse proxies in front of the server, whose X-Forwarded-For is believed (unset: none)'),
});

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];
export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.includes(host) || /^127\./.test(host);

/** Team mode is on when AUTH=on, or when AUTH is unset and the server listens beyond this machine. */
export const teamModeOn = (env: Pick<Env, 'AUTH' | 'HOST'>) => (env.AUTH ? env.AUTH === 'on' : !isLoopbackHost(env.HOST));

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`personaflow: invalid environment\n${lines.join('\n')}`);
  }
  return result.data;
}

export function loadEnv(): Env {
  return parseEnv(process.env);
}
