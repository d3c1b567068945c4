// A person using the HTTP API in team mode: signs up or in (keeping the session cookie), calls
// routes and flows, or calls with an API token instead.

export type Reply = { status: number; body: Record<string, any> | null; headers: Headers };

export class TeamClient {
  private cookie = '';
  token = '';
  constructor(readonly url: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('personaflow.session_token='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!.endsWith('=') ? '' : setCookie.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: parseBody(text), headers: res.headers };
  }

  signUp(name: string, email: string, opts: { invitationId?: string; password?: string } = {}) {
    return this.call(
      'POST',
      '/api/auth/sign-up/email',
      { name, email, password: opts.password ?? 'a long enough password' },
      opts.invitationId ? { 'x-personaflow-invitation': opts.invitationId } : {},
    );
  }
  signIn(email: string, password = 'a long enough password') {
    return this.call('POST', '/api/auth/sign-in/email', { email, password });
  }
  signOut() {
    return this.call('POST', '/api/auth/sign-out', {});
  }
  flow(name: string, data: unknown) {
    return this.call('POST', `/api/flows/${name}`, { data });
  }
  /** Makes an API token in the current workspace and uses it from now on instead of the cookie. */
  async useToken(name = 'tests'): Promise<string> {
    const made = await this.call('POST', '/api/workspace/tokens', { name });
    if (made.status !== 201) throw new Error(`token: ${made.status} ${JSON.stringify(made.body)}`);
    this.token = made.body!.secret as string;
    return this.token;
  }
}

function parseBody(text: string): Record<string, any> | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return { text };
  }
}
