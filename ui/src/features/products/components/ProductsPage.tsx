import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Product } from '@schemas/product.js';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { products, sortProducts } from '../../../shared/catalog/products';
import { formatDate } from '../../../shared/format';
import { paths } from '../../../shared/paths';

/** /products — what you sell; the persona builder generates personas for one of these. */
export function ProductsPage() {
  const list = products.useList();
  const location = useLocation();
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const items = sortProducts(list.data);

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Products</h1>
          <p className="muted">What you sell. Personas are generated for a product, and matched to the products they fit.</p>
        </div>
        <Link to={paths.newProduct} className="btn btn--primary" data-testid="product-new">
          + New product
        </Link>
      </div>
      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} /> : null}
      {list.isPending ? <Loading label="Loading products…" /> : null}
      {list.isError ? (
        <ErrorBanner
          title="Could not load your products."
          message={list.error.message}
          actions={<Button onClick={() => void list.refetch()}>Try again</Button>}
        />
      ) : null}
      {list.data && items.length === 0 ? (
        <EmptyState
          title="No products yet"
          action={
            <Link to={paths.newProduct} className="btn btn--primary">
              Create your first product
            </Link>
          }
        >
          <p>Describe what you sell: the persona builder needs a product to say what a buyer wants from you.</p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <ul className="cards">
          {items.map((p) => (
            <li key={p.id}>
              <ProductCard product={p} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ProductCard({ product }: { product: Product }) {
  return (
    <Link to={paths.product(product.id)} className="card" data-testid="product-card" data-product-id={product.id}>
      <span className="card__avatar card__avatar--square" aria-hidden="true">
        {product.name.trim().charAt(0).toUpperCase() || '?'}
      </span>
      <span className="card__main">
        <span className="card__title">{product.name}</span>
        <span className="card__subtitle clamp-2">{product.valueProposition || product.description}</span>
        {product.priceRange || product.targetMarket ? (
          <span className="card__tags">
            {product.targetMarket ? <span className="tag">{product.targetMarket}</span> : null}
            {product.priceRange ? <span className="tag">{product.priceRange}</span> : null}
          </span>
        ) : null}
        <span className="card__meta">
          Updated {formatDate(product.updatedAt)} · v{product.version}
        </span>
      </span>
    </Link>
  );
}
