import type { z } from 'zod';
import type { Product, ProductInputSchema } from '@schemas/product.js';
import { queryKeys } from '../api/query-keys';
import { defineResource } from '../api/resource';

export type ProductInput = z.input<typeof ProductInputSchema>;

export const products = defineResource<Product, ProductInput>({
  base: '/api/products',
  one: 'product',
  many: 'products',
  key: queryKeys.products,
});

/** Products by name, for selects. */
export function sortProducts(list: Product[] | undefined): Product[] {
  return [...(list ?? [])].sort((a, b) => a.name.localeCompare(b.name));
}
