import { runFlow, streamFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ContactAnalysisOutput } from '../../schemas/contact-analysis.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.each(drivers)('contact analysis over HTTP on %s', (driver) => {
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer(driver);
    url = `${server.url}/api/flows/analyzeContact`;
  });
  afterAll(() => server.close());

  test('brief, streamed follow-up, history and the session of a contact', async () => {
    const res = await fetch(`${server.url}/api/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { name: 'Dana Ruiz', title: 'Head of Operations', linkedinText: 'I struggle with carrier delays.' } }),
    });
    const { contact } = (await res.json()) as { contact: { id: string } };
    const out = await runFlow<ContactAnalysisOutput>({ url, input: { patch: { contactId: contact.id } } });
    expect(out.state.analysis!.brief.openingLine).toMatch(/carrier delays/);

    const { stream, output } = streamFlow<ContactAnalysisOutput, string>({
      url,
      input: { sessionId: out.sessionId, message: 'What if the budget is frozen?' },
    });
    const chunks: string[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.join('')).toBe((await output).reply);

    const history = (await (await fetch(`${server.url}/api/contacts/${contact.id}/analyses`)).json()) as { analyses: { version: number }[] };
    expect(history.analyses.map((a) => a.version)).toEqual([1]);
    expect(await (await fetch(`${server.url}/api/contacts/${contact.id}/analysis-session`)).json()).toEqual({ sessionId: out.sessionId });
    expect((await fetch(`${server.url}/api/contacts/${crypto.randomUUID()}/analyses`)).status).toBe(404);
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { patch: { contactId: crypto.randomUUID() } } }),
    });
    expect(bad.status).toBe(404);
  });
});
