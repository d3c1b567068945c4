import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import { personaWithRules } from '../helpers/persona-rules.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TeamClient } from '../helpers/team-client.js';

// The public survey link over HTTP: owners make, close, reopen and replace it; anyone holding it
// answers a plain HTML form whose answers land as responses of that workspace only, and whose
// mistakes come back beside their fields with the answers kept.

type Page = { status: number; html: string; headers: Headers };

const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
const GOOD: Array<[string, string]> = [
  ['name', 'Rosa Díaz'],
  ['email', 'Rosa@Example.test'],
  ['consent', 'yes'],
  ['age', '41'],
  ['location', 'Lisbon'],
  ['occupation', 'Head of Operations'],
  ['gender', 'Woman'],
  ['goals', 'Fewer delays'],
  ['goalsOther', 'Know where every parcel is\r\n\r\n  Fewer phone calls  '],
  ['frustrations', 'Spreadsheets'],
  ['frustrationsOther', ''],
  ['satisfaction', '4'],
  ['nps', '9'],
  ['trust', '5'],
  ['effort', '2'],
];

describe.each(drivers)('the survey link and page on %s', (driver) => {
  let server: TestServer;
  let url: string;
  let path: string;
  beforeAll(async () => {
    server = await startTestServer(driver);
    await personaWithRules(server.db, server.db.workspaceId, 'Ops Olivia', {
      locations: ['Lisbon', 'Berlin'],
      occupations: ['Head of Operations'],
      goals: ['Fewer delays', '"><script>alert(1)</script>'],
      frustrations: ['Spreadsheets', 'Carrier portals'],
    });
    await server.db.queries.companyProfiles.create({
      workspaceId: server.db.workspaceId,
      input: { name: 'Shipwise & <Sons>', whatItDoes: 'Shipment tracking', market: '', size: '' },
    });
  });
  afterAll(() => server?.close());

  const api = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${server.url}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const open = async (route: string, init: RequestInit = {}): Promise<Page> => {
    const res = await fetch(`${server.url}${route}`, { redirect: 'manual', ...init });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  const send = (route: string, body: string, headers: Record<string, string> = {}) =>
    open(route, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  const stored = async () => (await server.db.queries.surveyResponses.list({ workspaceId: server.db.workspaceId, limit: 100, offset: 0 })).responses;

  test('no link at first; closing one that does not exist is a 404; bad bodies are 400s with the field', async () => {
    expect(await api('GET', '/api/survey-link')).toEqual({ status: 200, body: { link: null } });
    const none = await api('PUT', '/api/survey-link', { open: false });
    expect(none.status).toBe(404);
    expect(none.body.message).toMatch(/no survey link yet: create it first/);
    const bad = await api('PUT', '/api/survey-link', { open: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields).toEqual([{ path: 'open', message: expect.stringMatching(/open must be true or false/) }]);
    expect((await api('PUT', '/api/survey-link', {})).status).toBe(400);
    expect((await api('PUT', '/api/survey-link', { open: true, extra: 1 })).status).toBe(400);
  });

  test('creating the link: 201 with the PUBLIC_URL address and an unguessable token, open; GET gives it back', async () => {
    const made = await api('POST', '/api/survey-link');
    expect(made.status).toBe(201);
    expect(made.body.link).toEqual({
      url: expect.stringMatching(/^http:\/\/personaflow\.test\/survey\/[A-Za-z0-9_-]{43}$/),
      open: true,
      createdAt: expect.any(String),
    });
    url = made.body.link.url;
    path = new URL(url).pathname;
    expect((await api('GET', '/api/survey-link')).body.link).toEqual(made.body.link);
  });

  test('the form: the company named, every question labelled, the rules as choices, everything escaped, no script allowed', async () => {
    const page = await open(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'none'/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('Shipwise &#38; &#60;Sons&#62;');
    expect(page.html).not.toContain('<Sons>');
    expect(page.html).toMatch(/What your answers are for/);
    for (const field of ['name', 'email', 'consent', 'age', 'location', 'occupation', 'gender', 'goalsOther', 'frustrationsOther'])
      expect(page.html, field).toMatch(new RegExp(`<label[^>]* for="survey-${field}"`));
    expect(page.html).toContain('You may contact me about this');
    expect(page.html).toContain('<datalist id="survey-location-options"><option value="Lisbon"></option><option value="Berlin"></option></datalist>');
    expect(page.html).toContain('<option value="Head of Operations">');
    expect(page.html).toContain('name="goals" value="Fewer delays"');
    expect(page.html).toContain('name="frustrations" value="Carrier portals"');
    // A rule value cannot break out of the attribute or the page.
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
    const radios = (name: string) =>
      [...page.html.matchAll(new RegExp(`type="radio" id="survey-${name}-(\\d+)" name="${name}"`, 'g'))].map((m) => Number(m[1]));
    expect(radios('satisfaction')).toEqual([1, 2, 3, 4, 5]);
    expect(radios('nps')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(radios('trust')).toEqual([1, 2, 3, 4, 5]);
    expect(radios('effort')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(page.html).toContain('Not at all likely');
    expect(page.html).toContain('Extremely likely');
  });

  test('valid answers: stored as a survey response (scored), then a thank-you page after a redirect', async () => {
    const sent = await send(path, form(GOOD));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`${path}/thanks`);
    const thanks = await open(sent.headers.get('location')!);
    expect(thanks.status).toBe(200);
    expect(thanks.html).toMatch(/<h1>Thank you<\/h1>/);
    expect(thanks.html).toContain('Shipwise &#38; &#60;Sons&#62;');

    const [response, ...more] = await stored();
    expect(more).toEqual([]);
    expect(response).toMatchObject({
      source: 'survey',
      respondent: { name: 'Rosa Díaz', email: 'rosa@example.test', consent: true },
      age: 41,
      location: 'Lisbon',
      occupation: 'Head of Operations',
      gender: 'Woman',
      goals: ['Fewer delays', 'Know where every parcel is', 'Fewer phone calls'],
      frustrations: ['Spreadsheets'],
      satisfaction: 4,
      nps: 9,
      trust: 5,
      effort: 2,
    });
    const persona = (await server.db.queries.personas.list({ workspaceId: server.db.workspaceId }))[0]!;
    const top = await server.db.queries.personaAnalytics.topMatches({ workspaceId: server.db.workspaceId, personaId: persona.id, limit: 10, offset: 0 });
    expect(top.matches.map((m) => [m.response.id, m.score])).toEqual([[response!.id, 100]]);
  });

  test('nothing answered is a valid response too: no respondent, no metrics', async () => {
    expect((await send(path, '')).status).toBe(303);
    const [latest] = await stored();
    expect(latest).toMatchObject({ respondent: { name: null, email: null, consent: false }, age: null, goals: [], nps: null });
  });

  test('invalid answers: 400, the form again with every answer kept and each message beside its field; nothing stored', async () => {
    const before = (await stored()).length;
    const long = 'x'.repeat(201);
    const page = await send(
      path,
      form([
        ['name', 'Rosa <b>Díaz</b>'],
        ['email', 'not an address'],
        ['consent', 'yes'],
        ['age', 'forty'],
        ['location', 'Lisbon'],
        ['goals', 'Fewer delays'],
        ['goals', 'A goal no persona has'],
        ['goalsOther', `Fewer phone calls\n${long}`],
        ['frustrationsOther', 'Carrier portals'],
        ['nps', '11'],
        ['trust', '3'],
      ]),
    );
    expect(page.status).toBe(400);
    expect(page.html).toContain('4 answers need a change before they can be sent');
    expect(page.html).toContain('value="Rosa &#60;b&#62;Díaz&#60;/b&#62;"');
    expect(page.html).toContain('value="not an address"');
    expect(page.html).toContain('value="forty"');
    expect(page.html).toMatch(/id="survey-consent" name="consent" value="yes" checked/);
    expect(page.html).toContain('name="goals" value="Fewer delays" checked');
    expect(page.html).toContain('name="goals" value="A goal no persona has" checked');
    expect(page.html).toContain(`>Fewer phone calls\n${long}</textarea>`);
    expect(page.html).toContain('>Carrier portals</textarea>');
    expect(page.html).toMatch(/id="survey-trust-3" name="trust" value="3" checked/);
    // Each message sits at its field and the field points to it.
    expect(page.html).toMatch(
      /<p class="error" id="survey-email-error">Not a valid email address<\/p><input type="email" id="survey-email"[^>]*aria-invalid="true" aria-describedby="survey-email-error/,
    );
    expect(page.html).toMatch(/<p class="error" id="survey-age-error">age must be a number of years<\/p><input type="text" id="survey-age"/);
    expect(page.html).toMatch(/<p class="error" id="survey-goals-error">Each of goals: at most 200 characters<\/p>/);
    expect(page.html).toMatch(/<p class="error" id="survey-nps-error">Choose one of the numbers from 0 to 10\.<\/p>/);
    expect(page.html).toContain('<a href="#survey-email">');
    expect((await stored()).length).toBe(before);
  });

  test('text that cannot be stored (a NUL) is a 400 at its field, not a 500', async () => {
    const before = (await stored()).length;
    const page = await send(path, 'name=Rosa%00&occupation=Ops');
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/id="survey-name-error">This contains a NUL character/);
    expect(page.html).toContain('value="Ops"');
    expect((await stored()).length).toBe(before);
  });

  test('a body larger than a form could send is a 413 page; a JSON body is a 415 page; another site may send the form', async () => {
    const big = await send(path, form([['goalsOther', 'y'.repeat(100_000)]]));
    expect(big.status).toBe(413);
    expect(big.html).toMatch(/Your answers could not be sent/);
    const json = await open(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nps":1}' });
    expect(json.status).toBe(415);
    expect(json.html).toMatch(/send the form from there/);
    const cross = await send(path, form([['nps', '7']]), { origin: 'https://newsletter.example', 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(303);
  });

  test('unknown token: 404 page on GET, POST and the thank-you page', async () => {
    for (const page of [await open('/survey/not-a-real-token'), await send('/survey/not-a-real-token', form(GOOD)), await open('/survey/nope/thanks')]) {
      expect(page.status).toBe(404);
      expect(page.html).toMatch(/This survey link is not recognised/);
    }
  });

  test('closed: 410 says so and keeps nothing; reopened it takes answers again', async () => {
    const closed = await api('PUT', '/api/survey-link', { open: false });
    expect(closed).toEqual({ status: 200, body: { link: expect.objectContaining({ url, open: false }) } });
    const before = (await stored()).length;
    const page = await open(path);
    expect(page.status).toBe(410);
    expect(page.html).toMatch(/This survey is closed/);
    expect(page.html).not.toContain('<form');
    expect((await send(path, form(GOOD))).status).toBe(410);
    expect((await stored()).length).toBe(before);

    expect((await api('PUT', '/api/survey-link', { open: true })).body.link).toMatchObject({ url, open: true });
    expect((await open(path)).status).toBe(200);
  });

  test('regenerating: a new address, the old one is a 404 at once; every change is in the audit log', async () => {
    const again = await api('POST', '/api/survey-link');
    expect(again.status).toBe(201);
    expect(again.body.link.url).not.toBe(url);
    expect(again.body.link.open).toBe(true);
    expect((await open(path)).status).toBe(404);
    expect((await send(path, form(GOOD))).status).toBe(404);
    const fresh = new URL(again.body.link.url).pathname;
    expect((await open(fresh)).status).toBe(200);
    url = again.body.link.url;
    path = fresh;

    const actions = (await server.db.queries.audit.list({ workspaceId: server.db.workspaceId, limit: 20 })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('survey_link.')).reverse()).toEqual([
      'survey_link.created',
      'survey_link.closed',
      'survey_link.reopened',
      'survey_link.regenerated',
    ]);
  });

  test("workspace isolation: another workspace's link shows its own choices and its answers land there only", async () => {
    const { queries } = server.db;
    const other = await queries.workspaces.create({ slug: 'survey-other', name: 'Other' });
    await personaWithRules(server.db, other, 'Finance Finn', { goals: ['Predictable costs'], locations: ['Oslo'] });
    const theirs = await queries.surveyLinks.create({ workspaceId: other });
    const page = await open(`/survey/${theirs.token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="Predictable costs"');
    expect(page.html).not.toContain('Fewer delays');
    expect(page.html).not.toContain('Shipwise');
    expect(page.html).toContain('<h1>Tell us about you</h1>');

    const mine = (await stored()).length;
    expect((await send(`/survey/${theirs.token}`, form([['goals', 'Predictable costs']]))).status).toBe(303);
    expect((await stored()).length).toBe(mine);
    const theirResponses = (await queries.surveyResponses.list({ workspaceId: other, limit: 10, offset: 0 })).responses;
    expect(theirResponses.map((r) => r.goals)).toEqual([['Predictable costs']]);
    // Our link's API does not see theirs, and theirs is unchanged by ours.
    expect((await api('GET', '/api/survey-link')).body.link.url).toBe(url);
    expect(await queries.surveyLinks.byToken({ token: theirs.token })).toEqual({ workspaceId: other, open: true });
  });
});

test('answers are limited per client address: 429 as a page that says how long to wait', async () => {
  const server = await startTestServer('pglite', {
    http: { rateLimits: { flowsPerMinute: 0, importsPerMinute: 0, signInsPerMinute: 0, surveyAnswersPerMinute: 2 } },
  });
  try {
    const link = await server.db.queries.surveyLinks.create({ workspaceId: server.db.workspaceId });
    const post = () =>
      fetch(`${server.url}/survey/${link.token}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'nps=8',
      });
    expect([(await post()).status, (await post()).status]).toEqual([303, 303]);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/Wait \d+ seconds, then go back and send yours again/);
    // Opening the form is not limited.
    expect((await fetch(`${server.url}/survey/${link.token}`)).status).toBe(200);
  } finally {
    await server.close();
  }
});

test("behind a reverse proxy (TRUST_PROXY=1) each respondent is counted by the address the proxy forwards, not the proxy's", async () => {
  const limits = { flowsPerMinute: 0, importsPerMinute: 0, signInsPerMinute: 0, surveyAnswersPerMinute: 1 };
  for (const [trustProxy, second] of [
    [1, 303],
    [undefined, 429],
  ] as const) {
    const server = await startTestServer('pglite', { http: { rateLimits: limits, ...(trustProxy ? { trustProxy } : {}) } });
    try {
      const link = await server.db.queries.surveyLinks.create({ workspaceId: server.db.workspaceId });
      const post = (client: string) =>
        fetch(`${server.url}/survey/${link.token}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
          body: 'nps=8',
        });
      expect((await post('203.0.113.7')).status).toBe(303);
      // Another respondent through the same proxy: their own allowance only when the proxy is trusted.
      expect((await post('198.51.100.9')).status, `trustProxy ${trustProxy}`).toBe(second);
    } finally {
      await server.close();
    }
  }
});

test('team mode: owners make and change the link, members see it, signed-out callers get 401; the public page needs no sign-in', async () => {
  const server = await startTestServer('pglite', { team: {} });
  try {
    const owner = new TeamClient(server.url);
    expect((await owner.signUp('Dana Owner', 'dana@team.test')).status).toBe(200);
    expect((await new TeamClient(server.url).call('GET', '/api/survey-link')).status).toBe(401);
    const made = await owner.call('POST', '/api/survey-link', {});
    expect(made.status).toBe(201);
    const link = made.body!.link as { url: string };

    const inv = await owner.call('POST', '/api/workspace/invitations', { email: 'sam@team.test' });
    const sam = new TeamClient(server.url);
    expect((await sam.signUp('Sam Member', 'sam@team.test', { invitationId: inv.body!.invitation.id })).status).toBe(200);
    expect((await sam.call('POST', `/api/invitations/${inv.body!.invitation.id}/accept`, {})).status).toBe(200);

    expect((await sam.call('GET', '/api/survey-link')).body!.link).toEqual(made.body!.link);
    for (const [method, body] of [
      ['POST', {}],
      ['PUT', { open: false }],
    ] as const) {
      const denied = await sam.call(method, '/api/survey-link', body);
      expect(denied.status, method).toBe(403);
      expect(denied.body!.message).toMatch(/Only an owner/);
    }
    expect((await owner.call('GET', '/api/survey-link')).body!.link).toMatchObject({ url: link.url, open: true });

    const path = new URL(link.url).pathname;
    const page = await fetch(`${server.url}${path}`);
    expect(page.status).toBe(200);
    const sent = await fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'trust=4',
    });
    expect(sent.status).toBe(303);
    expect((await owner.call('PUT', '/api/survey-link', { open: false })).body!.link.open).toBe(false);
    expect((await fetch(`${server.url}${path}`)).status).toBe(410);
  } finally {
    await server.close();
  }
});
