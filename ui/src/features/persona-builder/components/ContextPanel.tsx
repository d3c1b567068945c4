import { Link } from 'react-router';
import type { CompanyProfile } from '@schemas/company.js';
import type { Contact } from '@schemas/contact.js';
import type { Product } from '@schemas/product.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ProgressBar } from '../../../shared/components/ProgressBar';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Fold } from '../../../shared/components/Fold';
import { linkWithReturn } from '../../../shared/return-to';
import type { InputErrors, Inputs } from '../builder-state';
import { paths } from '../../../shared/paths';

type ListState<T> = { data: T[] | undefined; isPending: boolean; error: ApiError | null; refetch: () => unknown };

type Props = {
  company: { profile: CompanyProfile | null | undefined; error: ApiError | null; refetch: () => unknown };
  products: ListState<Product>;
  contacts: ListState<Contact>;
  inputs: Inputs;
  errors: InputErrors;
  onChange: (patch: Partial<Inputs>) => void;
  /** This page with its picks, to come back to from the product and company pages. */
  here: string;
  /** Sets the builder's state aside before leaving for another page. */
  onLeave: () => void;
  generating: boolean;
  generateError: ApiError | null;
  onGenerate: () => void;
  onRetry: () => void;
  onDismissError: () => void;
  importing: boolean;
  onImport: () => void;
};

const fieldError = (id: string, message: string | undefined) =>
  message ? (
    <p className="field__error" id={`${id}-error`} role="alert">
      {message}
    </p>
  ) : null;

const invalid = (id: string, message: string | undefined) => (message ? ({ 'aria-invalid': true, 'aria-describedby': `${id}-error` } as const) : {});

/** The left side of the builder: what the persona is generated from, and Generate. */
export function ContextPanel(props: Props) {
  const { company, products, contacts, inputs, errors, onChange, here, onLeave } = props;
  const productList = products.data ?? [];
  const noProducts = products.data !== undefined && productList.length === 0;
  const selectedProduct = productList.find((p) => p.id === inputs.productId);
  const contactList = contacts.data ?? [];
  const selectedContact = contactList.find((c) => c.id === inputs.contactId);
  const describing = inputs.productMode === 'describe';
  const retryable = props.generateError && (props.generateError.status >= 500 || props.generateError.status === 0);

  return (
    <section className="panel builder__context" aria-label="What to generate from">
      <div className="panel__head">
        <h2 className="panel__title">1 · Context</h2>
        <span className="panel__hint">Generating saves nothing: you check and edit first.</span>
      </div>

      {/* Company: required context. */}
      {company.profile === null ? (
        <ErrorBanner
          tone="warning"
          testId="builder-company-required"
          title="Company context required."
          message="Personas are generated in the context of your company: say what it does first."
          actions={
            <Link to={linkWithReturn(paths.companySettings, here)} className="btn btn--primary btn--sm" onClick={onLeave} data-testid="builder-company-link">
              Set up your company
            </Link>
          }
        />
      ) : company.profile ? (
        <p className="builder__company small">
          <span className="muted">Your company:</span> <strong>{company.profile.name}</strong>
          <span className="muted"> · </span>
          <Link to={linkWithReturn(paths.companySettings, here)} onClick={onLeave}>
            edit
          </Link>
        </p>
      ) : company.error ? (
        <ErrorBanner
          message={`Could not load your company profile: ${company.error.message}`}
          actions={
            <Button size="sm" onClick={() => void company.refetch()}>
              Try again
            </Button>
          }
        />
      ) : (
        <p className="muted small">Loading your company…</p>
      )}

      {/* Product: required, picked or described. */}
      <fieldset className="group">
        <legend className="group__legend">The product</legend>
        {products.error ? (
          <ErrorBanner
            message={`Could not load your products: ${products.error.message}`}
            actions={
              <Button size="sm" onClick={() => void products.refetch()}>
                Try again
              </Button>
            }
          />
        ) : null}
        {!describing && noProducts ? (
          <div className="callout" data-testid="builder-no-products" id="builder-product">
            <p>
              <strong>No products yet.</strong> A persona says what a buyer wants from <em>your product</em>: create one, or describe it here.
            </p>
            <div className="callout__actions">
              <Link to={linkWithReturn(paths.newProduct, here)} className="btn btn--primary btn--sm" data-testid="builder-create-product" onClick={onLeave}>
                Create product
              </Link>
              <Button size="sm" data-testid="builder-describe-product" onClick={() => onChange({ productMode: 'describe' })}>
                Describe your product
              </Button>
            </div>
            {fieldError('builder-product', errors.product)}
          </div>
        ) : null}
        {!describing && !noProducts ? (
          <div className="field">
            <div className="field__head">
              <label className="field__label" htmlFor="builder-product">
                Product<span className="field__required"> *</span>
              </label>
              <Link to={linkWithReturn(paths.newProduct, here)} className="small" onClick={onLeave} data-testid="builder-create-product">
                + New product
              </Link>
            </div>
            <select
              id="builder-product"
              className="input"
              data-testid="builder-product-select"
              value={inputs.productId}
              disabled={products.isPending}
              onChange={(e) => onChange({ productId: e.target.value })}
              {...invalid('builder-product', errors.product)}
            >
              <option value="">{products.isPending ? 'Loading products…' : '— Pick a product —'}</option>
              {inputs.productId && !selectedProduct && products.data ? <option value={inputs.productId}>(a product that no longer exists)</option> : null}
              {productList.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {fieldError('builder-product', errors.product)}
            {selectedProduct ? <p className="field__hint clamp-2">{selectedProduct.valueProposition || selectedProduct.description}</p> : null}
            <button type="button" className="linkish small" data-testid="builder-describe-product" onClick={() => onChange({ productMode: 'describe' })}>
              or describe a product instead
            </button>
          </div>
        ) : null}
        {describing ? (
          <>
            <div className="field">
              <div className="field__head">
                <label className="field__label" htmlFor="builder-product-description">
                  Describe your product<span className="field__required"> *</span>
                </label>
                {!noProducts ? (
                  <button type="button" className="linkish small" onClick={() => onChange({ productMode: 'pick' })}>
                    pick one of my products
                  </button>
                ) : (
                  <Link to={linkWithReturn(paths.newProduct, here)} className="small" onClick={onLeave} data-testid="builder-create-product">
                    create a product instead
                  </Link>
                )}
              </div>
              <textarea
                id="builder-product-description"
                className="input"
                data-testid="builder-product-description"
                rows={4}
                value={inputs.productDescription}
                placeholder="What it does, who it is for, why they buy it. A few sentences are enough."
                onChange={(e) => onChange({ productDescription: e.target.value })}
                {...invalid('builder-product-description', errors.productDescription)}
              />
              {fieldError('builder-product-description', errors.productDescription)}
            </div>
            <div className="save-product">
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="builder-save-product"
                  checked={inputs.saveProduct}
                  onChange={(e) => onChange({ saveProduct: e.target.checked })}
                />
                Also add this product to my products
              </label>
              {inputs.saveProduct ? (
                <div className="field">
                  <label className="field__label" htmlFor="builder-product-name">
                    Product name<span className="field__required"> *</span>
                  </label>
                  <input
                    id="builder-product-name"
                    className="input"
                    data-testid="builder-product-name"
                    value={inputs.productName}
                    placeholder="e.g. Acme Route Planner"
                    maxLength={120}
                    onChange={(e) => onChange({ productName: e.target.value })}
                    {...invalid('builder-product-name', errors.productName)}
                  />
                  {fieldError('builder-product-name', errors.productName)}
                  <p className="field__hint">Added when you save the persona, and matched to it as a product fit.</p>
                </div>
              ) : null}
            </div>
          </>
        ) : null}
      </fieldset>

      {/* The person: optional. */}
      <fieldset className="group">
        <legend className="group__legend">The person (optional)</legend>
        <div className="field">
          <div className="field__head">
            <label className="field__label" htmlFor="builder-contact">
              A contact
            </label>
            {selectedContact ? (
              <Link to={paths.contact(selectedContact.id)} className="small">
                view
              </Link>
            ) : (
              <Link to={paths.newContact} className="small">
                + New contact
              </Link>
            )}
          </div>
          <select
            id="builder-contact"
            className="input"
            data-testid="builder-contact-select"
            value={inputs.contactId}
            disabled={contacts.isPending}
            onChange={(e) => onChange({ contactId: e.target.value })}
            {...invalid('builder-contact', errors.contact)}
          >
            <option value="">{contacts.isPending ? 'Loading contacts…' : contactList.length ? '— No contact —' : 'No contacts yet'}</option>
            {inputs.contactId && !selectedContact && contacts.data ? <option value={inputs.contactId}>(a contact that no longer exists)</option> : null}
            {contactList.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.title || c.company ? ` — ${[c.title, c.company].filter(Boolean).join(', ')}` : ''}
              </option>
            ))}
          </select>
          {fieldError('builder-contact', errors.contact)}
          {contacts.error ? <p className="field__error">Could not load your contacts: {contacts.error.message}</p> : null}
          {selectedContact?.enrichment ? <p className="field__hint">Their enrichment record is used too, unless you paste another below.</p> : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="builder-person-description">
            {inputs.contactId ? 'Anything to add about them' : 'Or describe the person'}
          </label>
          <textarea
            id="builder-person-description"
            className="input"
            data-testid="builder-person-description"
            rows={3}
            value={inputs.personDescription}
            placeholder="e.g. Head of operations at a 300-person freight forwarder, drowning in spreadsheets"
            onChange={(e) => onChange({ personDescription: e.target.value })}
            {...invalid('builder-person-description', errors.personDescription)}
          />
          {fieldError('builder-person-description', errors.personDescription)}
        </div>
        <Fold summary="Paste an enrichment record (JSON)" initiallyOpen={Boolean(inputs.enrichmentText)} openWhen={Boolean(errors.enrichment)}>
          <div className="field">
            <label className="sr-only" htmlFor="builder-enrichment">
              Enrichment record (JSON)
            </label>
            <textarea
              id="builder-enrichment"
              className="input input--mono"
              data-testid="builder-enrichment"
              rows={5}
              value={inputs.enrichmentText}
              placeholder={'{ "title": "VP Operations", "seniority": "vp", "organization": { "industry": "logistics" } }'}
              onChange={(e) => onChange({ enrichmentText: e.target.value })}
              {...invalid('builder-enrichment', errors.enrichment)}
            />
            {fieldError('builder-enrichment', errors.enrichment)}
            <p className="field__hint">An Apollo-style record or any JSON object. Used for this generation only.</p>
          </div>
        </Fold>
        {!inputs.contactId && !inputs.personDescription.trim() && !inputs.enrichmentText.trim() ? (
          <p className="field__hint">Leave this empty and you get the best-fit buyer for the product.</p>
        ) : null}
      </fieldset>

      {props.generateError ? (
        <ErrorBanner
          testId="builder-error"
          title="Generation failed."
          message={`${props.generateError.message}${retryable ? ' Your inputs and the form are kept.' : ''}`}
          onDismiss={props.onDismissError}
          actions={
            retryable ? (
              <Button size="sm" variant="primary" onClick={props.onRetry} data-testid="builder-retry" busy={props.generating}>
                Retry
              </Button>
            ) : undefined
          }
        />
      ) : null}

      <div className="builder__generate">
        <Button
          variant="primary"
          onClick={props.onGenerate}
          busy={props.generating}
          disabled={!company.profile}
          data-testid="builder-generate"
          title={company.profile ? undefined : 'Set up your company first'}
        >
          {props.generating ? 'Generating…' : 'Generate persona'}
        </Button>
      </div>
      {props.generating ? (
        <ProgressBar label="Writing the persona…" name="Generating the persona" testId="builder-progress">
          <p className="muted small">The fields fill in on the right as the model writes them.</p>
        </ProgressBar>
      ) : null}

      <Fold summary="Import old persona JSON" initiallyOpen={Boolean(inputs.importText)} openWhen={Boolean(errors.import)}>
        <div className="field">
          <label className="field__hint" htmlFor="builder-import">
            The old format: persona_name, ideal_roles, core_goals, pain_points, value_prop, impact_statement. It fills the form; fields the old format never had
            are highlighted for you to complete.
          </label>
          <textarea
            id="builder-import"
            className="input input--mono"
            data-testid="builder-import"
            rows={5}
            value={inputs.importText}
            placeholder={'{ "persona_name": "Enterprise CMO", "ideal_roles": ["CMO"], "core_goals": [...], ... }'}
            onChange={(e) => onChange({ importText: e.target.value })}
            {...invalid('builder-import', errors.import)}
          />
          {fieldError('builder-import', errors.import)}
          <div>
            <Button size="sm" onClick={props.onImport} busy={props.importing} data-testid="builder-import-run" disabled={!inputs.importText.trim()}>
              Import into the form
            </Button>
          </div>
        </div>
      </Fold>
    </section>
  );
}
