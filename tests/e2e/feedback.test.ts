import { expect, test } from 'vitest';
import { e2eSetup, type E2e } from '../helpers/e2e.js';

// Feedback as a person gives it (issue 18): "not helpful" on a reply with what was wrong and what
// would help, kept across a reload and changeable; after a persona is saved, the "How did this
// go?" card takes a rating and can be dismissed; Settings → Insights lists the reply that did not help.

let s: E2e;
e2eSetup((started) => (s = started));

type Out = { sessionId: string; version: number; phase: string; state: { messages: { id?: string; role: string }[] } };
const turn = async (data: unknown): Promise<Out> => {
  const res = await fetch(`${s.server.url}/api/flows/personaDefinition`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data }),
  });
  return ((await res.json()) as { result: Out }).result;
};
const mine = async (target: string) => ((await (await fetch(`${s.server.url}/api/feedback?target=${target}`)).json()) as { feedback: any }).feedback;

test('"not helpful" on a reply: reasons, need-more and words are stored, shown after a reload, and can be changed', async () => {
  let out = await turn({});
  out = await turn({ sessionId: out.sessionId, message: 'She runs a courier firm', expectedVersion: out.version });
  const reply = out.state.messages.findLast((m) => m.role === 'assistant')!;
  const { page } = s;
  await page.goto(`${s.server.url}/wizard/${out.sessionId}`);
  const row = page.locator(`[data-testid="message-feedback"][data-message-id="${reply.id}"]`);
  await row.waitFor();
  // Only replies get the buttons: two assistant messages, two rows.
  expect(await page.getByTestId('message-feedback').count()).toBe(2);

  const notHelpful = row.getByTestId('feedback-not-helpful');
  expect(await notHelpful.getAttribute('aria-pressed')).toBe('false');
  await notHelpful.click();
  await row.getByLabel('Too vague').check();
  await row.getByLabel('Invented facts').check();
  await row.getByLabel('A script to use').check();
  const words = 'It guessed\nher team size.';
  await row.getByLabel('Anything else (optional)').fill(words);
  await row.getByTestId('feedback-save').click();
  await expect.poll(() => row.getByTestId('feedback-chosen').textContent()).toBe('Marked not helpful: Too vague, Invented facts, wants a script to use');
  expect(await notHelpful.getAttribute('aria-pressed')).toBe('true');
  expect(await mine(`message:${reply.id}`)).toMatchObject({ helpful: false, reasons: ['too_vague', 'invented_facts'], needMore: ['script'], text: words });

  await page.reload();
  await row.getByTestId('feedback-chosen').waitFor();
  expect(await row.getByTestId('feedback-not-helpful').getAttribute('aria-pressed')).toBe('true');
  // Changing it opens the form with what was chosen; "helpful" replaces it.
  await row.getByTestId('feedback-not-helpful').click();
  expect(await row.getByLabel('Too vague').isChecked()).toBe(true);
  expect(await row.getByLabel('Anything else (optional)').inputValue()).toBe(words);
  await row.getByTestId('feedback-helpful').click();
  await expect.poll(() => row.getByTestId('feedback-chosen').textContent()).toBe('Thanks: marked helpful');
  expect(await row.getByTestId('feedback-helpful').getAttribute('aria-pressed')).toBe('true');
  expect(await mine(`message:${reply.id}`)).toMatchObject({ helpful: true, reasons: [], text: null });
});

test('a saved persona asks "How did this go?": the rating is stored and shown; dismissing hides the card', async () => {
  let out = await turn({});
  out = await turn({
    sessionId: out.sessionId,
    patch: {
      personName: 'Scaling Ops Lead',
      title: 'Head of Operations',
      role: 'Keeps fulfilment running',
      coreGoal: 'Scale without chaos',
      painPoints: ['Spreadsheets everywhere'],
      needForOurProduct: 'One dashboard',
      industry: 'E-commerce',
      companySize: '50-200 employees',
    },
  });
  out = await turn({ sessionId: out.sessionId, action: 'finalize' });
  expect(out.phase).toBe('saved');
  const { page } = s;
  await page.goto(`${s.server.url}/wizard/${out.sessionId}`);
  const card = page.getByTestId('session-rating');
  await card.waitFor();
  await card.getByTestId('session-rating-4').click();
  expect(await card.getByTestId('session-rating-4').getAttribute('aria-pressed')).toBe('true');
  await card.getByTestId('session-goal-partly').click();
  await card.getByLabel('What do you still need? (optional)').fill('A first-call script');
  await card.getByTestId('session-rating-save').click();
  await expect.poll(() => card.getByTestId('session-rating-done').textContent()).toMatch(/you rated this 4\/5, goal met: partly/);
  expect(await mine(`session:${out.sessionId}`)).toMatchObject({ rating: 4, goalAchieved: 'partly', stillNeed: 'A first-call script' });

  await card.getByTestId('session-rating-dismiss').click();
  expect(await page.getByTestId('session-rating').count()).toBe(0);
  await page.reload();
  await page.getByTestId('chat-message').first().waitFor();
  expect(await page.getByTestId('session-rating').count()).toBe(0);
});

test('a reply marked not helpful is listed in Settings → Insights with its reason and the words written', async () => {
  let out = await turn({});
  out = await turn({ sessionId: out.sessionId, message: 'He buys software for a chain of bakeries', expectedVersion: out.version });
  const reply = out.state.messages.findLast((m) => m.role === 'assistant')!;
  const { page } = s;
  await page.goto(`${s.server.url}/wizard/${out.sessionId}`);
  const row = page.locator(`[data-testid="message-feedback"][data-message-id="${reply.id}"]`);
  await row.getByTestId('feedback-not-helpful').click();
  await row.getByLabel('Confusing').check();
  await row.getByLabel('Examples', { exact: true }).check();
  await row.getByLabel('Anything else (optional)').fill('Show me a bakery example');
  await row.getByTestId('feedback-save').click();
  await row.getByTestId('feedback-chosen').waitFor();

  await page.goto(`${s.server.url}/settings/insights`);
  const listed = page.getByTestId('insights-not-helpful').filter({ hasText: 'Show me a bakery example' });
  await listed.waitFor();
  const replyText = (await (await fetch(`${s.server.url}/api/sessions/${out.sessionId}/messages`)).json()) as { messages: { id: string; text: string }[] };
  expect(await listed.locator('blockquote').first().textContent()).toBe(replyText.messages.find((m) => m.id === reply.id)!.text);
  expect(await listed.textContent()).toContain('Confusing 1');
  expect(await listed.textContent()).toContain('Examples 1');
  expect(await page.getByTestId('insights-need-more').textContent()).toContain('Examples');
  expect(await page.getByTestId('insights-unmet').textContent()).toContain('Show me a bakery example');
});

test('a library persona: "is it accurate?" answered on its page, stored as the person\'s feedback on that persona', async () => {
  const created = await fetch(`${s.server.url}/api/personas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      data: {
        personName: 'Overwhelmed Ops Lead',
        title: 'Head of Operations',
        role: 'Runs dispatch',
        seniority: 'Head of department',
        coreGoal: 'On-time deliveries',
        painPoints: ['Manual dispatch'],
        needForOurProduct: 'Live tracking',
        potentialPitch: 'Stop answering where-is-my-truck calls',
        industry: 'Logistics',
        companySize: '200–1000 employees',
        company: 'Regional carrier',
      },
    }),
  });
  const personaId = ((await created.json()) as { persona: { id: string } }).persona.id;
  const { page } = s;
  await page.goto(`${s.server.url}/personas/${personaId}`);
  const row = page.locator('[data-testid="message-feedback"][data-target-kind="persona"]');
  await row.waitFor();
  expect(await row.getByRole('group').getAttribute('aria-label')).toBe('Is this persona accurate and useful?');
  await row.getByTestId('feedback-not-helpful').click();
  await row.getByLabel('Wrong').check();
  await row.getByTestId('feedback-save').click();
  await row.getByTestId('feedback-chosen').waitFor();
  expect(await mine(`persona:${personaId}`)).toMatchObject({ target: { kind: 'persona', id: personaId }, helpful: false, reasons: ['wrong'] });
  await page.reload();
  await row.getByTestId('feedback-chosen').waitFor();
  expect(await row.getByTestId('feedback-not-helpful').getAttribute('aria-pressed')).toBe('true');
});
