// A person using the HTTP API: in local mode with `callApi` (no session), in team mode with a
// TeamClient that signs up or in (keeping the session cookie), calls routes and flows, or calls
// with an API token instead.

export type Reply = { status: number; body: Record<string, any> | null; headers: Headers };
/** A reply whose body a test reads as there (a local-mode route answers with one unless it is a 204). */
export type LocalReply = Reply & { body: Record<string, any> };

/** One call with a JSON body (when there is one): the reply's body parsed as JSON, other text as `{ text }`, none as null. */
export async function callApi(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: parseBody(await res.text()), headers: res.headers };
}

/** `callApi` on a server started later (in a beforeAll): `url` is read at each call. */
export const localCaller =
  (url: () => string) =>
  (method: string, path: string, body?: unknown): Promise<LocalReply> =>
    callApi(url(), method, path, body) as Promise<LocalReply>;

export class TeamClient {
  private cookie = '';
  token = '';
  constructor(readonly url: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const reply = await callApi(this.url, method, path, body, {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : this.cookie ? { cookie: this.cookie } : {}),
      ...headers,
    });
    const setCookie = reply.headers.getSetCookie().find((c) => c.startsWith('personaflow.session_token='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!.endsWith('=') ? '' : setCookie.split(';')[0]!;
    return reply;
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

/** Ann in the workspace her sign-up made and Bob in a second one he made, each calling with an API token of it. */
export async function twoWorkspaces(url: string): Promise<{ a: TeamClient; b: TeamClient }> {
  const a = new TeamClient(url);
  const b = new TeamClient(url);
  await a.signUp('Ann A', 'ann@a.test');
  await a.useToken('a');
  await b.signUp('Bob B', 'bob@b.test');
  await b.call('POST', '/api/workspaces', { name: 'B corp' });
  await b.useToken('b');
  return { a, b };
}

function parseBody(text: string): Record<string, any> | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return { text };
  }
}
