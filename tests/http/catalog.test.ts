import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';

describe.each(drivers)('products, contacts, company profile and generation over HTTP on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server.close());
  const call = localCaller(() => server.url);

  test('CRUD with validation, stale-version conflicts and 404s', async () => {
    const created = await call('POST', '/api/products', { data: { name: 'Shipwise Live', description: 'Live shipment tracking' } });
    expect(created.status).toBe(201);
    const product = created.body!.product;
    expect(product).toMatchObject({ version: 1, valueProposition: '', priceRange: '' });
    expect((await call('PUT', `/api/products/${product.id}`, { data: { ...product, id: undefined }, expectedVersion: 1 })).status).toBe(400);
    const input = { name: 'Shipwise Live', description: 'Live tracking', valueProposition: 'See every delay', priceRange: '€300', targetMarket: 'Retail ops' };
    expect((await call('PUT', `/api/products/${product.id}`, { data: input, expectedVersion: 1 })).body!.product.version).toBe(2);
    expect((await call('PUT', `/api/products/${product.id}`, { data: input, expectedVersion: 1 })).status).toBe(409);
    expect(await call('POST', '/api/products', { data: { name: '' } })).toMatchObject({
      status: 400,
      body: {
        details: {
          fields: [
            { path: 'data.name', message: 'Give the product a name' },
            { path: 'data.description', message: 'description is required' },
          ],
        },
      },
    });

    const contact = await call('POST', '/api/contacts', { data: { name: 'Dana', email: 'nope', enrichment: { organization: { industry: 'Retail' } } } });
    expect(contact.body!.details.fields).toEqual([{ path: 'data.email', message: 'Not a valid email address' }]);
    const ok = await call('POST', '/api/contacts', {
      data: { name: 'Dana', linkedinText: 'Head of Ops', enrichment: { organization: { industry: 'Retail' } } },
    });
    expect(ok.body!.contact.enrichment).toEqual({ organization: { industry: 'Retail' } });
    expect((await call('GET', '/api/contacts')).body!.contacts).toHaveLength(1);
    expect((await call('DELETE', `/api/contacts/${ok.body!.contact.id}`)).status).toBe(204);
    expect((await call('GET', `/api/contacts/${ok.body!.contact.id}`)).status).toBe(404);
    expect((await call('GET', '/api/products/not-a-uuid')).status).toBe(404);
  });

  test('generation errors carry their HTTP status and a message with the way out', async () => {
    const gen = (data: unknown) => call('POST', '/api/flows/generatePersona', { data });
    expect(await gen({})).toMatchObject({ status: 400, body: { status: 'FAILED_PRECONDITION', message: expect.stringMatching(/^Company context required/) } });
    const company = (await call('POST', '/api/company-profiles', { data: { name: 'Shipwise', whatItDoes: 'Shipment tracking' } })).body!.companyProfile;
    expect(await gen({ companyId: company.id })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^Product required/), details: { options: ['create_product', 'describe_product'] } },
    });
    expect((await gen({ companyId: company.id, productId: crypto.randomUUID() })).status).toBe(404);
    expect(await gen({ companyId: company.id, productId: 'nope' })).toMatchObject({ status: 400, body: { details: { fields: [{ path: 'productId' }] } } });

    const hydrated = await gen({
      companyId: company.id,
      productDescription: 'Live shipment tracking for online retailers',
      description: 'Head of Operations at a 300-person online retailer who struggles with carrier delays',
    });
    expect(hydrated.status).toBe(200);
    const { persona, evidence } = hydrated.body!.result;
    expect(evidence.title).toMatchObject({ source: 'description' });

    // A model's guess is not saved as if the person had said it: confirmed, or edited (the wizard's rule too).
    const guessed = await call('POST', '/api/personas', { data: persona, evidence: { ...evidence, coreGoal: { source: 'inference' } } });
    expect(guessed).toMatchObject({
      status: 400,
      body: {
        details: {
          fields: expect.arrayContaining([{ path: 'evidence.coreGoal', message: expect.stringMatching(/^Core goal is the model's guess: confirm it/) }]),
        },
      },
    });
    expect((await call('GET', '/api/personas')).body!.personas).toEqual([]);
    const confirmed = Object.fromEntries(
      Object.entries(evidence as Record<string, { source: string }>).map(([f, e]) => [f, e.source === 'inference' ? { ...e, confirmed: true } : e]),
    );

    // Edit → save (the builder's pattern), then a product and the fits.
    const saved = await call('POST', '/api/personas', { data: { ...persona, title: 'VP Operations' }, evidence: { ...confirmed, title: undefined } });
    expect(saved.status).toBe(201);
    const personaId = saved.body!.persona.id;
    expect(saved.body!.persona.data.title).toBe('VP Operations');
    expect((await call('GET', `/api/personas/${personaId}/product-fits`)).body!.fits).toEqual([]);
    const product = (
      await call('POST', '/api/products', {
        data: { name: 'Shipwise Live', description: 'Live shipment tracking: see every carrier delay', targetMarket: 'Operations at online retailers' },
      })
    ).body!.product;
    const fits = await call('POST', '/api/flows/findProductFits', { data: { personaId } });
    expect(fits.body!.result.fits.map((f: { productId: string }) => f.productId)).toContain(product.id);
    expect((await call('GET', `/api/personas/${personaId}/product-fits`)).body!.fits.length).toBeGreaterThan(0);
    expect((await call('DELETE', `/api/personas/${personaId}/product-fits/${product.id}`)).status).toBe(204);
    expect(
      await call('POST', `/api/personas/${personaId}/product-fits`, {
        productId: product.id,
        valuePropToThem: 'See delays',
        alignmentReasoning: 'Carrier delays',
      }),
    ).toMatchObject({ status: 201 });

    // Editing a generated field drops its evidence; the others keep theirs.
    const current = (await call('GET', `/api/personas/${personaId}`)).body!.persona;
    const edited = await call('PUT', `/api/personas/${personaId}`, { data: { ...current.data, industry: 'Logistics' }, expectedVersion: current.version });
    expect(edited.body!.persona.evidence.industry).toBeUndefined();
    expect(Object.keys(edited.body!.persona.evidence).length).toBeGreaterThan(3);
  });

  test('old-format persona JSON maps onto the current fields and names what it lacks', async () => {
    const res = await call('POST', '/api/personas/import', {
      persona_name: 'Budget Guardian',
      ideal_roles: ['CFO', 'Finance Director'],
      core_goals: ['Cut costs', 'Forecast well'],
      pain_points: ['Surprise invoices'],
      value_prop: 'Spend visibility',
      impact_statement: 'Close the books two days sooner',
    });
    expect(res.body).toEqual({
      data: {
        personName: 'Budget Guardian',
        title: 'CFO',
        role: 'Also seen as: Finance Director',
        coreGoal: 'Cut costs; Forecast well',
        painPoints: ['Surprise invoices'],
        needForOurProduct: 'Spend visibility',
        potentialPitch: 'Close the books two days sooner',
      },
      missing: ['industry', 'companySize'],
    });
    expect((await call('POST', '/api/personas/import', { ideal_roles: [] })).status).toBe(400);
  });
});
