// Which products a persona fits (product_fits): read, found by the findProductFits flow,
// added by hand, removed. Shared by the persona detail page and the builder (after a save).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProductFit } from '@schemas/product.js';
import type { ApiError } from '../api/errors';
import { callFlow } from '../api/flows';
import { apiFetch } from '../api/http';
import { queryKeys } from '../api/query-keys';

export type FindFitsResult = { fits: ProductFit[]; productCount: number };

const fitsPath = (personaId: string) => `/api/personas/${encodeURIComponent(personaId)}/product-fits`;

/** Runs the findProductFits flow: finds the fitting products and writes the fits. */
export const findProductFits = (personaId: string) => callFlow<FindFitsResult>('findProductFits', { personaId });

export function useProductFits(personaId: string) {
  return useQuery<ProductFit[], ApiError>({
    queryKey: queryKeys.productFits(personaId),
    queryFn: () => apiFetch<{ fits: ProductFit[] }>(fitsPath(personaId)).then((r) => r.fits),
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}

export function useFindProductFits(personaId: string) {
  const qc = useQueryClient();
  return useMutation<FindFitsResult, ApiError, void>({
    mutationFn: () => findProductFits(personaId),
    onSuccess: (result) => qc.setQueryData(queryKeys.productFits(personaId), result.fits),
  });
}

export type ManualFit = { productId: string; valuePropToThem: string; alignmentReasoning: string };

export function useAddProductFit(personaId: string) {
  const qc = useQueryClient();
  return useMutation<ProductFit[], ApiError, ManualFit>({
    mutationFn: (fit) => apiFetch<{ fits: ProductFit[] }>(fitsPath(personaId), { method: 'POST', json: fit }).then((r) => r.fits),
    onSuccess: (fits) => qc.setQueryData(queryKeys.productFits(personaId), fits),
  });
}

export function useRemoveProductFit(personaId: string) {
  const qc = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (productId) => apiFetch<void>(`${fitsPath(personaId)}/${encodeURIComponent(productId)}`, { method: 'DELETE' }),
    onSuccess: (_d, productId) => qc.setQueryData<ProductFit[]>(queryKeys.productFits(personaId), (fits) => fits?.filter((f) => f.productId !== productId)),
    onError: () => qc.invalidateQueries({ queryKey: queryKeys.productFits(personaId) }),
  });
}
