import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ProductInputSchema, type Product } from '@schemas/product.js';
import type { ApiError } from '../../../shared/api/errors';
import { queryKeys } from '../../../shared/api/query-keys';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { TextField } from '../../../shared/components/TextField';
import { products } from '../../../shared/catalog/products';
import { focusFirstError, serverFieldErrors, useTextForm, zodFieldErrors } from '../../../shared/forms';
import { safeReturnTo, withParam } from '../../../shared/return-to';
import { paths } from '../../../shared/paths';

const FIELDS = ['name', 'description', 'valueProposition', 'priceRange', 'targetMarket'] as const;
type Field = (typeof FIELDS)[number];

const valuesOf = (p: Product | undefined): Record<Field, string> => ({
  name: p?.name ?? '',
  description: p?.description ?? '',
  valueProposition: p?.valueProposition ?? '',
  priceRange: p?.priceRange ?? '',
  targetMarket: p?.targetMarket ?? '',
});

/**
 * /products/builder (new) and /products/builder/:productId (edit). With ?returnTo=<path> it goes
 * back there after saving, with productId=<id> added, so the page that sent you can pick it.
 */
export function ProductBuilderPage() {
  const { productId } = useParams();
  const product = products.useOne(productId);
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (productId && product.isPending) return <Loading label="Loading product…" />;
  if (productId && product.isError) {
    return <LoadFailure error={product.error} what="product" back={{ to: paths.products, label: 'Back to products' }} onRetry={() => void product.refetch()} />;
  }
  return <ProductForm key={productId ?? 'new'} product={productId ? product.data : undefined} returnTo={returnTo} />;
}

function ProductForm({ product, returnTo }: { product: Product | undefined; returnTo: string | null }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useTextForm<Field>(valuesOf(product));
  const [version, setVersion] = useState(product?.version ?? 0);
  const create = products.useCreate();
  const update = products.useUpdate(product?.id ?? '');
  const remove = products.useDelete();
  const one = products.useOne(product?.id);
  const [confirming, setConfirming] = useState(false);
  const mutation = product ? update : create;
  const back = returnTo ?? paths.products;

  function save() {
    const parsed = ProductInputSchema.safeParse(form.values);
    if (!parsed.success) {
      const errors = zodFieldErrors<Field>(parsed.error);
      form.setErrors(errors);
      focusFirstError(errors, FIELDS, 'product-');
      return;
    }
    const onError = (error: ApiError) => {
      if (error.status === 400) form.setErrors(serverFieldErrors(error, FIELDS));
    };
    const onSuccess = (saved: Product) => {
      setVersion(saved.version);
      if (returnTo) navigate(withParam(returnTo, 'productId', saved.id));
      else navigate(paths.products, { state: { notice: `Saved “${saved.name}”.` } });
    };
    if (product) update.mutate({ data: parsed.data, expectedVersion: version }, { onSuccess, onError });
    else create.mutate(parsed.data, { onSuccess, onError });
  }

  async function loadLatest() {
    const latest = (await one.refetch()).data;
    if (latest) {
      form.reset(valuesOf(latest));
      setVersion(latest.version);
    }
    mutation.reset();
  }

  const field = (f: Field) => ({
    id: `product-${f}`,
    testId: `product-field-${f}`,
    value: form.values[f],
    error: form.errors[f],
    onChange: (v: string) => form.set(f, v),
  });
  const hint = (f: Field) => ProductInputSchema.shape[f].description;

  return (
    <div className="page page--narrow">
      <p className="crumbs">
        <Link to={back}>← {returnTo ? 'Back' : 'Products'}</Link>
      </p>
      <div className="page__head">
        <div>
          <h1 className="page-title">{product ? product.name : 'New product'}</h1>
          <p className="muted">
            {returnTo
              ? 'Save the product and you go straight back, with it picked.'
              : 'What it is and why people buy it: the persona builder uses this to say what a buyer wants from you.'}
          </p>
        </div>
      </div>

      <form
        className="panel editor"
        noValidate
        data-testid="product-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <TextField {...field('name')} label="Name" required placeholder="e.g. Acme Route Planner" maxLength={120} />
        <TextField
          {...field('description')}
          label="Description"
          required
          multiline
          rows={4}
          placeholder="What the product does, for whom, and how"
          maxLength={2000}
        />
        <TextField {...field('valueProposition')} label="Value proposition" multiline rows={2} placeholder={hint('valueProposition')} maxLength={600} />
        <TextField {...field('targetMarket')} label="Target market" placeholder={hint('targetMarket')} maxLength={300} />
        <TextField {...field('priceRange')} label="Price range" placeholder={hint('priceRange')?.replace(/"/g, '')} maxLength={120} />

        {mutation.error?.isConflict ? (
          <ErrorBanner
            tone="warning"
            title="This product was changed elsewhere."
            message={mutation.error.message}
            actions={<Button onClick={() => void loadLatest()}>Load the latest (discards your edits)</Button>}
          />
        ) : mutation.error && !Object.values(form.errors).some(Boolean) ? (
          <ErrorBanner message={mutation.error.message} onDismiss={() => mutation.reset()} />
        ) : null}

        <div className="editor__actions">
          <Button type="submit" variant="primary" busy={mutation.isPending} data-testid="product-save">
            {product ? 'Save changes' : returnTo ? 'Save and go back' : 'Save product'}
          </Button>
          <Link to={back} className="btn btn--ghost">
            Cancel
          </Link>
          {product ? (
            <Button variant="danger" className="editor__end" onClick={() => setConfirming(true)} data-testid="product-delete">
              Delete
            </Button>
          ) : null}
        </div>
      </form>

      {product ? (
        <ConfirmDialog
          open={confirming}
          title={`Delete “${product.name}”?`}
          confirmLabel="Delete product"
          confirmTestId="confirm-delete"
          busy={remove.isPending}
          onCancel={() => {
            setConfirming(false);
            remove.reset();
          }}
          onConfirm={() =>
            remove.mutate(product.id, {
              onSuccess: () => {
                // Its fits go with it.
                void qc.invalidateQueries({ queryKey: queryKeys.personas });
                navigate(paths.products, { replace: true, state: { notice: `Deleted “${product.name}”.` } });
              },
            })
          }
        >
          <p>The product is deleted, and personas no longer show it as a fit. This cannot be undone.</p>
          {remove.isError ? <p className="field__error">{remove.error.message}</p> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
