import { DEFAULT_RATE_LIMITS, type Env } from '../../env.js';

export { DEFAULT_RATE_LIMITS };

/** What the HTTP surface needs to know about where it is reached and how hard it may be driven. */
export type HttpSettings = {
  /** The address the server listens on (HOST). A specific address is one of the server's host names. */
  bindHost: string;
  /** PUBLIC_URL: its host name is accepted, and HSTS is sent when it is https. */
  publicUrl?: string;
  /** ALLOWED_HOSTS: more host names this server answers to (".example.com" allows every subdomain). */
  allowedHosts: string[];
  /** Requests a minute per client address; 0 turns a limit off (an absent survey limit: the default). */
  rateLimits: { flowsPerMinute: number; importsPerMinute: number; signInsPerMinute: number; surveyAnswersPerMinute?: number };
  /** TRUST_PROXY: the reverse proxies whose X-Forwarded-For names the client (Express's "trust proxy"); none by default. */
  trustProxy?: number | string;
};

export function httpSettingsFromEnv(env: Env): HttpSettings {
  return {
    bindHost: env.HOST,
    publicUrl: env.PUBLIC_URL,
    allowedHosts: env.ALLOWED_HOSTS,
    ...(env.TRUST_PROXY !== undefined ? { trustProxy: env.TRUST_PROXY } : {}),
    rateLimits: {
      flowsPerMinute: env.RATE_LIMIT_FLOWS_PER_MINUTE,
      importsPerMinute: env.RATE_LIMIT_IMPORTS_PER_MINUTE,
      signInsPerMinute: env.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      surveyAnswersPerMinute: env.RATE_LIMIT_SURVEY_PER_MINUTE,
    },
  };
}
