import type { Genkit } from 'genkit';
import { z } from 'zod';
import type { ProductFitInput } from '../schemas/product.js';
import { asDataLiteral } from '../lib/untrusted.js';
import type { SavedPersona } from '../schemas/persona.js';
import { ProductFitModelSchema } from '../schemas/persona-generation.js';
import { ProductFitSchema, type Product, type ProductFit } from '../schemas/product.js';
import { withCallContext } from '../lib/call-context.js';
import { aiStep, parseFlowInput, scoped, toUserFacing, type Unscoped } from './flow-steps.js';

export const FIND_PRODUCT_FITS_FLOW = 'findProductFits';

export const FindProductFitsInputSchema = z.object({ personaId: z.string().uuid('personaId must be the id of a persona in your library') }).strict();

export type FindProductFitsDeps = {
  workspaceId: string;
  getPersona(args: { workspaceId: string; id: string }): Promise<SavedPersona>;
  listProducts(args: { workspaceId: string }): Promise<Product[]>;
  upsertFits(args: { workspaceId: string; personaId: string; fits: ProductFitInput[] }): Promise<void>;
  fitsForPersona(args: { workspaceId: string; personaId: string }): Promise<ProductFit[]>;
};

/** Finds which of the workspace's products fit a persona and writes them to product_fits. */
export function defineFindProductFitsFlow(ai: Genkit, wired: Unscoped<FindProductFitsDeps>) {
  return ai.defineFlow(
    {
      name: FIND_PRODUCT_FITS_FLOW,
      inputSchema: FindProductFitsInputSchema,
      outputSchema: z.object({ fits: z.array(ProductFitSchema), productCount: z.number().int() }),
    },
    async (rawInput, { context }) => {
      const { personaId } = parseFlowInput(FindProductFitsInputSchema, rawInput);
      const { deps } = scoped(wired, context);
      const { workspaceId } = deps;
      return withCallContext({ flow: FIND_PRODUCT_FITS_FLOW, workspaceId }, async () => {
        try {
          const [persona, products] = await ai.run('load-context', () =>
            Promise.all([deps.getPersona({ workspaceId, id: personaId }), deps.listProducts({ workspaceId })]),
          );
          if (products.length === 0) return { fits: [], productCount: 0 };
          const { output } = await aiStep('product-fit', () =>
            ai.prompt('persona/product-fit')({
              personaJson: asDataLiteral(persona.data),
              productsJson: asDataLiteral(
                products.map((p) => ({
                  id: p.id,
                  name: p.name,
                  description: p.description,
                  valueProposition: p.valueProposition,
                  targetMarket: p.targetMarket,
                })),
              ),
            }),
          );
          const model = ProductFitModelSchema.safeParse(output ?? {});
          const known = new Set(products.map((p) => p.id));
          // Ids the model made up are dropped; only this workspace's products can be linked.
          const fits = (model.success ? model.data.fits : [])
            .filter((f) => known.has(f.productId) && f.valuePropToThem.trim() && f.alignmentReasoning.trim())
            .map((f) => ({ productId: f.productId, valuePropToThem: f.valuePropToThem.trim(), alignmentReasoning: f.alignmentReasoning.trim() }));
          await ai.run('save-fits', () => deps.upsertFits({ workspaceId, personaId, fits }));
          return { fits: await deps.fitsForPersona({ workspaceId, personaId }), productCount: products.length };
        } catch (err) {
          throw toUserFacing(err);
        }
      });
    },
  );
}
