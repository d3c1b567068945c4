import { describe, expect, test } from 'vitest';
import { parseEnv, teamModeOn } from '../../env.js';
import { GenkitError } from 'genkit';
import { createAi } from '../../genkit.config.js';
import { configuredProviders, describeProvider, jsonDelivery } from '../../models/providers.js';
import { aiStep } from '../../flows/flow-steps.js';

/** The provider the server starts with: the first one the environment configures. */
const chosen = (env: ReturnType<typeof parseEnv>) => configuredProviders(env)[0]!;

describe('parseEnv', () => {
  test('defaults: port 3000, data in .data (the embedded PostgreSQL), no database URL', () => {
    expect(parseEnv({})).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      ALLOWED_HOSTS: [],
      FETCH_ALLOW_HOSTS: [],
      RATE_LIMIT_FLOWS_PER_MINUTE: 300,
      RATE_LIMIT_IMPORTS_PER_MINUTE: 60,
      DATA_DIR: '.data',
      EMBEDDED_DB: 'postgres',
      ENABLE_PERSONA_SYNC: 'true',
      PERSONA_SYNC_CRON: '0 2 * * *',
      LLM_JSON_SCHEMA: 'on',
      BODY_LIMIT: '100kb',
      MODEL_TIMEOUT_MS: 60_000,
      MODEL_MAX_RETRIES: 2,
      SEND_CONCURRENCY: 20,
      WORKERS: 1,
      AUTH_OPEN_SIGNUP: 'off',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: 10,
      RATE_LIMIT_SURVEY_PER_MINUTE: 20,
    });
  });

  test('team mode: on by default beyond loopback, AUTH decides when set', () => {
    expect(teamModeOn(parseEnv({}))).toBe(false);
    expect(teamModeOn(parseEnv({ HOST: '0.0.0.0' }))).toBe(true);
    expect(teamModeOn(parseEnv({ HOST: '10.0.0.5' }))).toBe(true);
    expect(teamModeOn(parseEnv({ HOST: '0.0.0.0', AUTH: 'off' }))).toBe(false);
    expect(teamModeOn(parseEnv({ AUTH: 'on' }))).toBe(true);
    expect(teamModeOn(parseEnv({ HOST: '::1' }))).toBe(false);
    expect(() => parseEnv({ AUTH: 'yes' })).toThrow(/AUTH: must be on or off/);
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
  });

  test('WORKERS: a whole number of server processes', () => {
    expect(parseEnv({ WORKERS: '4' }).WORKERS).toBe(4);
    expect(() => parseEnv({ WORKERS: 'two' })).toThrow(/WORKERS: must be a whole number of server processes/);
    expect(() => parseEnv({ WORKERS: '0' })).toThrow(/WORKERS/);
  });

  test('the persona sync: daily at 02:00 UTC unless PERSONA_SYNC_CRON says otherwise; ENABLE_PERSONA_SYNC=false turns it off', () => {
    expect(parseEnv({ PERSONA_SYNC_CRON: '30 4 * * 1-5' }).PERSONA_SYNC_CRON).toBe('30 4 * * 1-5');
    expect(parseEnv({ ENABLE_PERSONA_SYNC: 'false' }).ENABLE_PERSONA_SYNC).toBe('false');
    expect(() => parseEnv({ PERSONA_SYNC_CRON: 'daily' })).toThrow(/PERSONA_SYNC_CRON.*cron expression/);
    expect(() => parseEnv({ ENABLE_PERSONA_SYNC: 'no' })).toThrow(/ENABLE_PERSONA_SYNC.*true or false/);
  });

  test('TRUST_PROXY: a number of proxies, a keyword or their addresses; unset trusts none', () => {
    expect(parseEnv({}).TRUST_PROXY).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toBe('loopback');
    expect(parseEnv({ TRUST_PROXY: '10.0.0.2, 10.0.0.0/8' }).TRUST_PROXY).toBe('10.0.0.2, 10.0.0.0/8');
    expect(() => parseEnv({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });

  test('a bad value stops with a message naming the variable', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/invalid environment\n {2}PORT: must be a port number/);
    expect(() => parseEnv({ DATABASE_URL: 'localhost:5432' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => parseEnv({ BODY_LIMIT: 'lots' })).toThrow(/BODY_LIMIT: must be a size/);
    expect(() => parseEnv({ LLM_BASE_URL: 'ollama' })).toThrow(/LLM_BASE_URL: must be a URL/);
    expect(() => parseEnv({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ PUBLIC_URL: 'example' })).toThrow(/PUBLIC_URL: must be the URL people reach this server at/);
    expect(() => parseEnv({ EMBEDDED_DB: 'sqlite' })).toThrow(/EMBEDDED_DB: must be postgres or pglite/);
    expect(() => parseEnv({ LLM_JSON_SCHEMA: 'yes' })).toThrow(/LLM_JSON_SCHEMA: must be on or off/);
  });

  test('EMBEDDED_DB picks the embedded database: postgres (the default, also when empty) or pglite', () => {
    expect(parseEnv({ EMBEDDED_DB: 'pglite' }).EMBEDDED_DB).toBe('pglite');
    expect(parseEnv({ EMBEDDED_DB: ' postgres ' }).EMBEDDED_DB).toBe('postgres');
    expect(parseEnv({ EMBEDDED_DB: '' }).EMBEDDED_DB).toBe('postgres');
  });

  test('ALLOWED_HOSTS is a comma-separated list of host names', () => {
    expect(parseEnv({ ALLOWED_HOSTS: ' pf.example.com, .internal.example ,' }).ALLOWED_HOSTS).toEqual(['pf.example.com', '.internal.example']);
    expect(() => parseEnv({ ALLOWED_HOSTS: 'http://pf.example.com/' })).toThrow(/ALLOWED_HOSTS: must be host names/);
    expect(() => parseEnv({ RATE_LIMIT_FLOWS_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_FLOWS_PER_MINUTE: must be a whole number/);
  });

  test('FETCH_ALLOW_HOSTS is a comma-separated list of host or host:port entries (default none)', () => {
    expect(parseEnv({ FETCH_ALLOW_HOSTS: ' Wiki.Intranet, 127.0.0.1:4321 ,[::1]:8080' }).FETCH_ALLOW_HOSTS).toEqual([
      'wiki.intranet',
      '127.0.0.1:4321',
      '[::1]:8080',
    ]);
    expect(() => parseEnv({ FETCH_ALLOW_HOSTS: 'http://wiki.intranet/' })).toThrow(/FETCH_ALLOW_HOSTS: must be host or host:port entries/);
  });

  test('empty strings count as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', OPENAI_API_KEY: '  ' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });
});

describe('the preferred provider', () => {
  const env = (vars: Record<string, string>) => parseEnv(vars);
  test('offline when nothing is configured', () => {
    expect(chosen(env({}))).toEqual({ kind: 'offline', model: 'personaflow' });
    expect(describeProvider(chosen(env({})))).toMatchObject({ offline: true, label: expect.stringMatching(/^Offline generator/) });
  });
  test('Gemini first, then OpenAI, then an OpenAI-compatible server; MODEL picks the model', () => {
    expect(chosen(env({ GEMINI_API_KEY: 'g', OPENAI_API_KEY: 'o' }))).toMatchObject({ kind: 'gemini', model: 'gemini-2.5-flash', apiKey: 'g' });
    expect(chosen(env({ GOOGLE_API_KEY: 'g' }))).toMatchObject({ kind: 'gemini' });
    expect(chosen(env({ OPENAI_API_KEY: 'o', MODEL: 'gpt-4.1' }))).toMatchObject({ kind: 'openai', model: 'gpt-4.1' });
    expect(chosen(env({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', MODEL: 'qwen3' }))).toMatchObject({
      kind: 'compatible',
      model: 'qwen3',
      baseUrl: 'http://127.0.0.1:11434/v1',
      jsonSchema: true,
    });
    // LLM_JSON_SCHEMA=off: the compatible server gets JSON prompts' schema in the prompt only.
    const off = chosen(env({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_JSON_SCHEMA: 'off' }));
    expect(off).toMatchObject({ kind: 'compatible', jsonSchema: false });
    expect(jsonDelivery(off)).toBe('prompt');
    expect(jsonDelivery(chosen(env({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })))).toBe('response_format+prompt');
    expect(jsonDelivery(chosen(env({ OPENAI_API_KEY: 'o' })))).toBe('response_format');
    expect(jsonDelivery(chosen(env({ GEMINI_API_KEY: 'g' })))).toBe('native');
  });
  test('the description shown to the browser never carries the key', () => {
    expect(JSON.stringify(describeProvider(chosen(env({ OPENAI_API_KEY: 'sk-secret' }))))).not.toContain('sk-secret');
  });
});

describe('MODEL_PROVIDER', () => {
  test('picks among the configured providers', () => {
    const env = parseEnv({ GEMINI_API_KEY: 'g', OPENAI_API_KEY: 'o', MODEL_PROVIDER: 'openai' });
    expect(chosen(env)).toMatchObject({ kind: 'openai', apiKey: 'o' });
    expect(() => parseEnv({ MODEL_PROVIDER: 'claude' })).toThrow(/MODEL_PROVIDER: must be gemini, openai, compatible or offline/);
  });

  test('a chosen provider without its key: the server starts, every AI step says what to set', async () => {
    const provider = chosen(parseEnv({ MODEL_PROVIDER: 'openai' }));
    expect(provider).toEqual({ kind: 'openai', model: 'gpt-4o-mini', missingKey: 'OPENAI_API_KEY' });
    expect(describeProvider(provider)).toMatchObject({ label: 'OpenAI · gpt-4o-mini (API key not configured)', missingKey: 'OPENAI_API_KEY' });
    const ai = createAi({ provider });
    const err = await ai
      .prompt('lead/persona')({ leadJson: '{}', companyJson: 'null', productJson: 'null' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenkitError);
    expect((err as GenkitError).originalMessage).toBe(
      `OpenAI API key not configured: set OPENAI_API_KEY in the server's environment and restart (README, "On a real model"), or choose another provider in Settings › Model.`,
    );
    await expect(aiStep('lead persona', () => Promise.reject(err))).rejects.toMatchObject({
      code: 'model_unavailable',
      details: { reason: 'api_key_missing' },
    });
  });
});
