import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ProductFit, ProductFitInput } from '../../schemas/product.js';
import type { Database } from '../client.js';
import { productFits, products } from '../schema.js';

export function productFitQueries(db: Database) {
  return {
    async forPersona({ workspaceId, personaId }: { workspaceId: string; personaId: string }): Promise<ProductFit[]> {
      const rows = await db
        .select({ fit: productFits, productName: products.name })
        .from(productFits)
        .innerJoin(products, eq(products.id, productFits.productId))
        .where(and(eq(productFits.workspaceId, workspaceId), eq(productFits.personaId, personaId)))
        .orderBy(desc(productFits.updatedAt));
      return rows.map(({ fit, productName }) => ({
        id: fit.id,
        personaId: fit.personaId,
        productId: fit.productId,
        productName,
        valuePropToThem: fit.valuePropToThem,
        alignmentReasoning: fit.alignmentReasoning,
        updatedAt: fit.updatedAt.toISOString(),
      }));
    },

    /** Writes the fits found for a persona: existing pairs are updated, new ones added. */
    async upsert({ workspaceId, personaId, fits }: { workspaceId: string; personaId: string; fits: ProductFitInput[] }): Promise<void> {
      if (fits.length === 0) return;
      // Only this workspace's products can be linked.
      const owned = await db
        .select({ id: products.id })
        .from(products)
        .where(
          and(
            eq(products.workspaceId, workspaceId),
            inArray(
              products.id,
              fits.map((f) => f.productId),
            ),
          ),
        );
      const ownedIds = new Set(owned.map((o) => o.id));
      for (const fit of fits.filter((f) => ownedIds.has(f.productId))) {
        await db
          .insert(productFits)
          .values({ workspaceId, personaId, ...fit })
          .onConflictDoUpdate({
            target: [productFits.personaId, productFits.productId],
            set: { valuePropToThem: fit.valuePropToThem, alignmentReasoning: fit.alignmentReasoning, updatedAt: new Date() },
          });
      }
    },

    async remove({ workspaceId, personaId, productId }: { workspaceId: string; personaId: string; productId: string }): Promise<boolean> {
      const rows = await db
        .delete(productFits)
        .where(and(eq(productFits.workspaceId, workspaceId), eq(productFits.personaId, personaId), eq(productFits.productId, productId)))
        .returning({ id: productFits.id });
      return rows.length > 0;
    },
  };
}
