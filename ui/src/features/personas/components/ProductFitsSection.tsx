import { useState } from 'react';
import { Link } from 'react-router';
import type { ProductFit } from '@schemas/product.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { TrashIcon } from '../../../shared/components/TrashIcon';
import { products, sortProducts } from '../../../shared/catalog/products';
import { useAddProductFit, useFindProductFits, useProductFits, useRemoveProductFit } from '../../../shared/persona/product-fits';
import { linkWithReturn } from '../../../shared/return-to';
import { paths } from '../../../shared/paths';

/**
 * Which of your products this persona fits (product_fits): found by analysis, or added by hand.
 * A persona with none is not an error, just unfinished: it says so gently and offers both ways.
 */
export function ProductFitsSection({ personaId }: { personaId: string }) {
  const fits = useProductFits(personaId);
  const find = useFindProductFits(personaId);
  const remove = useRemoveProductFit(personaId);
  const productList = products.useList();
  const [adding, setAdding] = useState(false);
  const here = paths.persona(personaId);
  const noProducts = productList.data?.length === 0 || find.data?.productCount === 0;
  const list = fits.data ?? [];

  const findButton = (
    <Button
      variant={list.length || noProducts ? 'secondary' : 'primary'}
      size="sm"
      onClick={() => find.mutate()}
      busy={find.isPending}
      data-testid="find-product-fits"
    >
      {find.isPending ? 'Finding…' : list.length ? 'Find again' : 'Find product fits'}
    </Button>
  );
  const addButton = (
    <Button size="sm" onClick={() => setAdding((a) => !a)} aria-expanded={adding} data-testid="add-product-fit">
      {adding ? 'Close' : 'Add one by hand'}
    </Button>
  );
  const createLink = (
    <Link to={linkWithReturn(paths.newProduct, here)} className="btn btn--primary btn--sm" data-testid="fits-create-product">
      Create a product
    </Link>
  );

  return (
    <section className="fits" aria-labelledby="fits-title" data-testid="product-fits">
      <div className="fits__head">
        <h2 id="fits-title" className="section-title">
          Product fits
        </h2>
        {list.length ? (
          <div className="toolbar">
            {findButton}
            {addButton}
          </div>
        ) : null}
      </div>

      {fits.isError ? (
        <ErrorBanner
          message={`Could not load the product fits: ${fits.error.message}`}
          actions={
            <Button size="sm" onClick={() => void fits.refetch()}>
              Try again
            </Button>
          }
        />
      ) : null}
      {find.isError ? (
        <ErrorBanner
          message={find.error.message}
          onDismiss={() => find.reset()}
          actions={
            <Button size="sm" onClick={() => find.mutate()}>
              Retry
            </Button>
          }
        />
      ) : null}
      {remove.isError ? <ErrorBanner message={remove.error.message} onDismiss={() => remove.reset()} /> : null}

      {fits.data && list.length === 0 ? (
        <div className="callout callout--amber" data-testid="no-product-fit-warning" role="status">
          <p>
            <strong>This persona isn't linked to a product yet.</strong>{' '}
            {noProducts ? (
              <>No products yet — create one, then find which it fits.</>
            ) : find.isSuccess ? (
              <>
                {find.data.productCount === 1 ? 'Your product did not seem to fit.' : `None of your ${find.data.productCount} products seemed to fit.`} Add a
                fit by hand if you see one.
              </>
            ) : (
              <>Find which of your products fit them, or add one by hand.</>
            )}
          </p>
          <div className="callout__actions">
            {noProducts ? createLink : null}
            {findButton}
            {noProducts ? null : addButton}
          </div>
        </div>
      ) : null}

      {list.length ? (
        <ul className="fits__list">
          {list.map((fit) => (
            <FitCard key={fit.id} fit={fit} busy={remove.isPending && remove.variables === fit.productId} onRemove={() => remove.mutate(fit.productId)} />
          ))}
        </ul>
      ) : null}

      {adding ? (
        <AddFitForm
          personaId={personaId}
          taken={list.map((f) => f.productId)}
          options={sortProducts(productList.data)}
          onDone={() => setAdding(false)}
          createLink={linkWithReturn(paths.newProduct, here)}
        />
      ) : null}
    </section>
  );
}

function FitCard({ fit, busy, onRemove }: { fit: ProductFit; busy: boolean; onRemove: () => void }) {
  return (
    <li className="fit" data-testid="product-fit" data-product-id={fit.productId}>
      <div className="fit__head">
        <Link to={paths.product(fit.productId)} className="fit__name">
          {fit.productName}
        </Link>
        <button
          type="button"
          className="icon-btn"
          onClick={onRemove}
          disabled={busy}
          aria-label={`Remove the fit with ${fit.productName}`}
          title="Remove this fit"
        >
          <TrashIcon />
        </button>
      </div>
      <p className="fit__value">{fit.valuePropToThem}</p>
      <p className="fit__why">
        <span className="fit__label">Why it fits</span> {fit.alignmentReasoning}
      </p>
    </li>
  );
}

type AddProps = {
  personaId: string;
  taken: string[];
  options: { id: string; name: string }[];
  onDone: () => void;
  createLink: string;
};

function AddFitForm({ personaId, taken, options, onDone, createLink }: AddProps) {
  const add = useAddProductFit(personaId);
  const free = options.filter((p) => !taken.includes(p.id));
  const [productId, setProductId] = useState(free[0]?.id ?? '');
  const [valuePropToThem, setValue] = useState('');
  const [alignmentReasoning, setWhy] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'productId' | 'valuePropToThem' | 'alignmentReasoning', string>>>({});

  if (options.length === 0) {
    return (
      <div className="fit-form">
        <p className="muted">
          No products yet. <Link to={createLink}>Create one</Link> first.
        </p>
      </div>
    );
  }

  function submit() {
    const next: typeof errors = {};
    if (!productId) next.productId = 'Pick a product';
    if (!valuePropToThem.trim()) next.valuePropToThem = 'Say what the product does for them';
    if (!alignmentReasoning.trim()) next.alignmentReasoning = 'Say why it fits';
    setErrors(next);
    if (Object.keys(next).length) return;
    add.mutate(
      { productId, valuePropToThem: valuePropToThem.trim(), alignmentReasoning: alignmentReasoning.trim() },
      {
        onSuccess: onDone,
        onError: (error) => {
          const fields: typeof errors = {};
          for (const f of error.fields) {
            const key = (['productId', 'valuePropToThem', 'alignmentReasoning'] as const).find((k) => f.path.includes(k));
            if (key) fields[key] = f.message;
          }
          setErrors(fields);
        },
      },
    );
  }

  return (
    <form
      className="fit-form"
      noValidate
      data-testid="add-fit-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor="fit-product">
          Product
        </label>
        <select
          id="fit-product"
          className="input"
          data-testid="fit-add-product"
          value={productId}
          onChange={(e) => setProductId(e.target.value)}
          aria-invalid={errors.productId ? true : undefined}
        >
          <option value="">— Pick a product —</option>
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {taken.includes(p.id) ? ' (already a fit: replaces it)' : ''}
            </option>
          ))}
        </select>
        {errors.productId ? <p className="field__error">{errors.productId}</p> : null}
      </div>
      <TextField
        id="fit-value"
        testId="fit-add-value"
        label="What it does for them"
        multiline
        rows={2}
        value={valuePropToThem}
        onChange={(v) => {
          setValue(v);
          setErrors((e) => ({ ...e, valuePropToThem: undefined }));
        }}
        error={errors.valuePropToThem}
        placeholder="In their terms: what changes for them"
        maxLength={600}
      />
      <TextField
        id="fit-why"
        testId="fit-add-reasoning"
        label="Why it fits"
        multiline
        rows={2}
        value={alignmentReasoning}
        onChange={(v) => {
          setWhy(v);
          setErrors((e) => ({ ...e, alignmentReasoning: undefined }));
        }}
        error={errors.alignmentReasoning}
        placeholder="Which of their pains or needs it meets"
        maxLength={1000}
      />
      {add.isError && !Object.values(errors).some(Boolean) ? <ErrorBanner message={add.error.message} onDismiss={() => add.reset()} /> : null}
      <div className="editor__actions">
        <Button type="submit" variant="primary" size="sm" busy={add.isPending} data-testid="fit-add-save">
          Add fit
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
