import { Link } from 'react-router';
import { SUGGESTED_TONES } from '@schemas/email.js';
import { Button } from '../../../shared/components/Button';
import { products, sortProducts } from '../../../shared/catalog/products';
import { FromMemoryBadge } from '../../../shared/memory/FromMemoryBadge';
import { OTHER_TONE, type DraftOptions } from '../hooks/use-draft-options';
import { paths } from '../../../shared/paths';

/** What to write the draft with (tone, product, instructions) and the Generate / Stop buttons. */
export function DraftControls({
  options,
  streaming,
  hasDraft,
  onGenerate,
  onStop,
}: {
  options: DraftOptions;
  streaming: boolean;
  hasDraft: boolean;
  onGenerate(): void;
  onStop(): void;
}) {
  const productList = products.useList();
  const productItems = sortProducts(productList.data);
  return (
    <form
      className="draft__controls"
      onSubmit={(e) => {
        e.preventDefault();
        onGenerate();
      }}
    >
      <div className="draft__control draft__control--tone">
        <label className="field__label" htmlFor="draft-tone">
          Tone {options.toneFromMemory ? <FromMemoryBadge from={options.toneFromMemory} testId="draft-tone-from-memory" /> : null}
        </label>
        <select
          id="draft-tone"
          className="input"
          data-testid="draft-tone"
          value={options.toneChoice}
          disabled={streaming}
          onChange={(e) => options.setToneChoice(e.target.value)}
        >
          {SUGGESTED_TONES.map((t) => (
            <option key={t} value={t}>
              {t[0]!.toUpperCase() + t.slice(1)}
            </option>
          ))}
          <option value={OTHER_TONE}>Other…</option>
        </select>
        {options.toneChoice === OTHER_TONE ? (
          <input
            className={`input draft__custom-tone${options.toneError ? ' input--invalid' : ''}`}
            aria-label="Your own tone"
            placeholder="e.g. warm but brief"
            value={options.customTone}
            maxLength={40}
            disabled={streaming}
            data-testid="draft-tone-custom"
            onChange={(e) => options.setCustomTone(e.target.value)}
          />
        ) : null}
        {options.toneError ? (
          <p className="field__error" role="alert">
            {options.toneError}
          </p>
        ) : null}
      </div>

      <div className="draft__control">
        <label className="field__label" htmlFor="draft-product">
          Product to pitch
        </label>
        <select
          id="draft-product"
          className="input"
          data-testid="draft-product"
          value={options.productId}
          disabled={streaming || productList.isPending}
          onChange={(e) => options.setProductId(e.target.value)}
        >
          <option value="">{productList.isPending ? 'Loading products…' : 'No particular product'}</option>
          {productItems.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {productList.data && productItems.length === 0 ? (
          <span className="field__hint">
            No products yet. <Link to={paths.newProduct}>Add one</Link> to pitch it.
          </span>
        ) : null}
      </div>

      <div className="draft__control draft__control--wide">
        <label className="field__label" htmlFor="draft-instructions">
          Extra instructions <span className="muted small">(optional)</span>
        </label>
        <input
          id="draft-instructions"
          className="input"
          data-testid="draft-instructions"
          placeholder="e.g. Mention the webinar next Tuesday; keep it under 120 words"
          value={options.instructions}
          maxLength={1000}
          disabled={streaming}
          onChange={(e) => options.setInstructions(e.target.value)}
        />
      </div>

      <div className="draft__control draft__control--button">
        {streaming ? (
          <Button onClick={onStop} data-testid="draft-stop">
            Stop
          </Button>
        ) : null}
        <Button type="submit" variant="primary" busy={streaming} data-testid="draft-generate">
          {streaming ? 'Writing…' : hasDraft ? 'Regenerate' : 'Generate email'}
        </Button>
      </div>
    </form>
  );
}
