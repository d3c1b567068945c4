import { z } from 'zod';

export const ProductInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the product a name').max(120),
    description: z.string().trim().min(1, 'Describe what the product does').max(2000),
    valueProposition: z.string().trim().max(600).default('').describe('Why a customer buys it'),
    priceRange: z.string().trim().max(120).default('').describe('e.g. "$200-500 / month"'),
    targetMarket: z.string().trim().max(300).default('').describe('Who it is for'),
  })
  .strict();
export type ProductInput = z.infer<typeof ProductInputSchema>;

export const ProductSchema = ProductInputSchema.extend({
  id: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof ProductSchema>;

// A persona fits a product (source document 000's product_fits): one persona can fit many products.
export const ProductFitSchema = z.object({
  id: z.string().uuid(),
  personaId: z.string().uuid(),
  productId: z.string().uuid(),
  productName: z.string(),
  valuePropToThem: z.string(),
  alignmentReasoning: z.string(),
  updatedAt: z.string(),
});
export type ProductFit = z.infer<typeof ProductFitSchema>;

/** A product fit as a flow proposes it for a persona. */
export type ProductFitInput = { productId: string; valuePropToThem: string; alignmentReasoning: string };
