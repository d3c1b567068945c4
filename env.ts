import { z } from 'zod';

// The only reader of process.env. Everything else receives a parsed Env.
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: optionalString.pipe(
    z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  ),
  GEMINI_API_KEY: optionalString,
  GOOGLE_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  LLM_BASE_URL: optionalString.pipe(z.string().url('LLM_BASE_URL must be a URL').optional()),
  LLM_API_KEY: optionalString,
  MODEL: optionalString,
  BODY_LIMIT: z.string().default('100kb'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

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
