// The persona builder's state and actions: the inputs a persona is generated from, the persona
// form (see builder-state.ts), generating, importing and the save sequence (product → persona →
// product fits → its page). Builder only renders what this returns.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { PERSONA_FIELDS, PersonaSchema, type PersonaDraft, type PersonaField, type SavedPersona } from '@schemas/persona.js';
import { GeneratePersonaInputSchema, type GeneratePersonaInput, type GeneratePersonaOutput, type PersonaEvidence } from '@schemas/persona-generation.js';
import { ProductInputSchema } from '@schemas/product.js';
import { toApiError, type ApiError } from '../../../shared/api/errors';
import { queryKeys } from '../../../shared/api/query-keys';
import { useCompanyProfile } from '../../../shared/catalog/company';
import { contacts, sortContacts } from '../../../shared/catalog/contacts';
import { products, sortProducts } from '../../../shared/catalog/products';
import { parseJsonObject } from '../../../shared/json';
import { draftFromTexts, FIELD_GROUPS, fieldErrorsFromProblems } from '../../../shared/persona/fields';
import { findProductFits } from '../../../shared/persona/product-fits';
import { surveyDraftFrom } from '../../../shared/persona/survey-draft';
import { createPersona, generatePersona, importLegacyPersona, updatePersona, type ImportResult } from '../api/builder';
import {
  clearStash,
  EMPTY_INPUTS,
  evidenceToSave,
  guessesToConfirm,
  formFrom,
  formFromSurvey,
  hasEdits,
  readStash,
  stashBuilder,
  type FormState,
  type InputErrors,
  type InputField,
  type Inputs,
} from '../builder-state';
import { paths } from '../../../shared/paths';

export type SaveStep = 'product' | 'persona' | 'fits';
const INPUT_IDS: Record<InputField, string> = {
  product: 'builder-product',
  productDescription: 'builder-product-description',
  productName: 'builder-product-name',
  contact: 'builder-contact',
  personDescription: 'builder-person-description',
  enrichment: 'builder-enrichment',
  import: 'builder-import',
};
const INPUT_ORDER: InputField[] = ['product', 'productDescription', 'productName', 'contact', 'personDescription', 'enrichment', 'import'];

function focusInput(errors: InputErrors) {
  const first = INPUT_ORDER.find((f) => errors[f]);
  if (first) document.getElementById(INPUT_IDS[first])?.focus();
}

function focusField(errors: Partial<Record<PersonaField, string>>) {
  const first = FIELD_GROUPS.flatMap((g) => g.fields).find((f) => errors[f]);
  if (first) document.getElementById(`field-${first}`)?.focus();
}

const loadedForm = (p: SavedPersona) => formFrom(p.data, 'loaded', { evidence: (p.evidence as PersonaEvidence | null) ?? null });

export function usePersonaBuilder({
  existing,
  onReloadLatest,
}: {
  /** The saved persona being edited, or null for a new one. */
  existing: SavedPersona | null;
  onReloadLatest?: () => Promise<SavedPersona | null>;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const company = useCompanyProfile();
  const productList = products.useList();
  const contactList = contacts.useList();
  const createProduct = products.useCreate();

  // What was set aside when the person left to create a product or their company profile.
  const [stash] = useState(() => readStash(location.pathname));
  useEffect(() => {
    if (stash) clearStash();
  }, [stash]);

  const [inputs, setInputs] = useState<Inputs>(() => {
    const base = stash?.inputs ?? EMPTY_INPUTS;
    const productId = params.get('productId');
    const contactId = params.get('contactId');
    return { ...base, ...(productId ? { productId, productMode: 'pick' as const } : {}), ...(contactId ? { contactId } : {}) };
  });
  const [inputErrors, setInputErrors] = useState<InputErrors>({});
  const [form, setForm] = useState<FormState | null>(() => {
    if (stash?.form) return stash.form;
    if (existing) return loadedForm(existing);
    // "Draft a persona from this group" on the analytics page hands its draft over in the location state.
    const survey = surveyDraftFrom(location.state);
    return survey ? formFromSurvey(survey) : null;
  });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<PersonaField, string>>>({});
  const [version, setVersion] = useState(existing?.version ?? 0);
  const [confirm, setConfirm] = useState<null | { title: string; run: () => void }>(null);
  const [saving, setSaving] = useState<SaveStep | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [addedProduct, setAddedProduct] = useState<string | null>(null);
  const lastInput = useRef<GeneratePersonaInput | null>(null);
  const formRef = useRef<HTMLElement>(null);

  const sortedProducts = sortProducts(productList.data);
  const sortedContacts = sortContacts(contactList.data);
  const here = `${location.pathname}${location.search}`;

  /** Changes inputs; a changed product or contact also goes into the URL, so a reload keeps it. */
  function change(patch: Partial<Inputs>) {
    setInputs((i) => ({ ...i, ...patch }));
    const cleared: InputErrors = {};
    if ('productId' in patch || 'productMode' in patch) cleared.product = undefined;
    if ('productDescription' in patch || 'productMode' in patch) cleared.productDescription = undefined;
    if ('productName' in patch || 'saveProduct' in patch) cleared.productName = undefined;
    if ('contactId' in patch) cleared.contact = undefined;
    if ('personDescription' in patch) cleared.personDescription = undefined;
    if ('enrichmentText' in patch) cleared.enrichment = undefined;
    if ('importText' in patch) cleared.import = undefined;
    setInputErrors((e) => ({ ...e, ...cleared }));
    if ('productId' in patch || 'contactId' in patch) {
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          for (const [key, value] of [
            ['productId', patch.productId],
            ['contactId', patch.contactId],
          ] as const) {
            if (value === undefined) continue;
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    }
  }

  // One product and nothing picked yet: pick it.
  const pickTheOnlyProduct = useEffectEvent((productId: string) => change({ productId }));
  useEffect(() => {
    const list = productList.data;
    // The product list arrives from the server; with exactly one product there is nothing to choose.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (list && list.length === 1 && inputs.productMode === 'pick' && !inputs.productId) pickTheOnlyProduct(list[0]!.id);
  }, [productList.data, inputs.productMode, inputs.productId]);

  const showForm = () => {
    if (window.matchMedia('(max-width: 900px)').matches) {
      requestAnimationFrame(() => formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    }
  };

  const generate = useMutation<GeneratePersonaOutput, ApiError, GeneratePersonaInput>({
    mutationFn: generatePersona,
    onSuccess: (out) => {
      setForm(formFrom(out.persona, 'generated', { evidence: out.evidence, warnings: out.warnings, missing: out.missing }));
      setFieldErrors({});
      setSaveError(null);
      showForm();
    },
    onError: (error) => {
      const reason = (error.details as { reason?: string } | undefined)?.reason;
      if (reason === 'company_required' || /^Company context required/.test(error.message)) void company.refetch();
      if (reason === 'product_required') setInputErrors((e) => ({ ...e, product: error.message }));
      if (error.isNotFound) {
        void productList.refetch();
        void contactList.refetch();
      }
    },
  });

  const importer = useMutation<ImportResult, ApiError, Record<string, unknown>>({
    mutationFn: importLegacyPersona,
    onSuccess: (result) => {
      const missing = result.missing.filter((f): f is PersonaField => (PERSONA_FIELDS as readonly string[]).includes(f));
      setForm(formFrom(result.data, 'imported', { missing }));
      setFieldErrors({});
      setSaveError(null);
      showForm();
    },
    onError: (error) => setInputErrors((e) => ({ ...e, import: error.message })),
  });

  /** Runs `run`, after asking first when it would replace edits in the form. */
  function guarded(title: string, run: () => void) {
    if (form && hasEdits(form)) setConfirm({ title, run });
    else run();
  }

  function buildInput(): GeneratePersonaInput | null {
    const errors: InputErrors = {};
    const input: GeneratePersonaInput = { companyId: company.profile?.id };
    const list = productList.data ?? [];
    if (inputs.productMode === 'describe') {
      if (inputs.productDescription.trim()) input.productDescription = inputs.productDescription.trim();
      else errors.productDescription = 'Describe your product in a few sentences (or create a product).';
    } else if (list.some((p) => p.id === inputs.productId)) {
      input.productId = inputs.productId;
    } else {
      errors.product = list.length ? 'Pick a product, or describe one.' : 'Product required: create a product, or describe your product.';
    }
    if (inputs.contactId) {
      if (!contactList.data || contactList.data.some((c) => c.id === inputs.contactId)) input.contactId = inputs.contactId;
      else errors.contact = 'That contact no longer exists: pick another, or none.';
    }
    if (inputs.personDescription.trim()) input.description = inputs.personDescription.trim();
    const enrichment = parseJsonObject(inputs.enrichmentText);
    if (!enrichment.ok) errors.enrichment = enrichment.message;
    else if (enrichment.value) input.enrichment = enrichment.value;

    const parsed = GeneratePersonaInputSchema.safeParse(input);
    if (!parsed.success) {
      const map: Record<string, InputField> = {
        productDescription: 'productDescription',
        description: 'personDescription',
        enrichment: 'enrichment',
        productId: 'product',
        contactId: 'contact',
      };
      for (const issue of parsed.error.issues) {
        const field = map[String(issue.path[0])];
        if (field && !errors[field]) errors[field] = issue.message;
      }
    }
    setInputErrors(errors);
    if (Object.values(errors).some(Boolean)) {
      focusInput(errors);
      return null;
    }
    return input;
  }

  function onGenerate() {
    const input = buildInput();
    if (!input) return;
    guarded('Replace the form with a new persona?', () => {
      lastInput.current = input;
      generate.mutate(input);
    });
  }

  function onImport() {
    const parsed = parseJsonObject(inputs.importText);
    if (!parsed.ok || !parsed.value) {
      const errors = { import: parsed.ok ? 'Paste the old persona JSON first.' : parsed.message };
      setInputErrors((e) => ({ ...e, ...errors }));
      focusInput(errors);
      return;
    }
    const legacy = parsed.value;
    guarded('Replace the form with the imported persona?', () => importer.mutate(legacy));
  }

  /** Saves the form; after a conflict, `resolved` is the copy the person chose and the library version it was chosen against. */
  async function save(resolved?: { data: PersonaDraft; version: number }) {
    if (!form) return;
    const persona = PersonaSchema.safeParse(resolved ? resolved.data : draftFromTexts(form.texts));
    if (resolved) {
      setForm(formFrom(resolved.data, 'loaded', { evidence: null }));
      setVersion(resolved.version);
    }
    const errors: Partial<Record<PersonaField, string>> = {};
    if (!persona.success) {
      for (const issue of persona.error.issues) {
        const field = issue.path[0] as PersonaField;
        if (!errors[field]) errors[field] = issue.message === 'Required' ? 'Required' : issue.message;
      }
    }
    // The model's unconfirmed guesses are never saved as if the person had said them (the wizard refuses that too).
    const guesses = resolved ? [] : guessesToConfirm(form);
    if (guesses.length) {
      document.getElementById(`field-${guesses[0]}`)?.focus();
      return;
    }
    const describing = inputs.productMode === 'describe' && inputs.productDescription.trim();
    const productErrors: InputErrors = {};
    let productInput: { name: string; description: string } | null = null;
    if (describing && inputs.saveProduct) {
      const p = ProductInputSchema.safeParse({ name: inputs.productName, description: inputs.productDescription });
      if (p.success) productInput = p.data;
      for (const issue of p.success ? [] : p.error.issues) {
        const key = issue.path[0] === 'name' ? 'productName' : 'productDescription';
        if (!productErrors[key])
          productErrors[key] = key === 'productName' && issue.code === 'too_small' ? 'Name the product to add it (or untick the box).' : issue.message;
      }
    }
    setFieldErrors(errors);
    setInputErrors((e) => ({ ...e, ...productErrors }));
    if (!persona.success || Object.keys(productErrors).length) {
      if (Object.keys(productErrors).length) focusInput(productErrors);
      else focusField(errors);
      return;
    }

    setSaveError(null);
    let productCount = productList.data?.length ?? 0;
    let notice = '';
    try {
      if (productInput) {
        setSaving('product');
        const created = await createProduct.mutateAsync(productInput);
        productCount += 1;
        notice = `Added “${created.name}” to your products. `;
        setAddedProduct(created.name);
        // From now on the persona is for this product; a retry after a failed save does not add it twice.
        change({ productMode: 'pick', productId: created.id });
      }
      setSaving('persona');
      const evidence = evidenceToSave(form);
      const saved = existing
        ? await updatePersona(existing.id, { data: persona.data, expectedVersion: resolved?.version ?? version, ...(evidence ? { evidence } : {}) })
        : await createPersona({ data: persona.data, ...(evidence ? { evidence } : {}) });
      setVersion(saved.version);
      notice += existing ? `Saved as version ${saved.version}.` : `Saved “${saved.data.personName}”.`;
      let tone: 'success' | 'warning' = 'success';
      if (productCount > 0) {
        setSaving('fits');
        try {
          const result = await findProductFits(saved.id);
          qc.setQueryData(queryKeys.productFits(saved.id), result.fits);
          notice += result.fits.length
            ? ` It fits ${result.fits.length === 1 ? 'one product' : `${result.fits.length} products`}.`
            : ' No product fit was found: add one by hand below.';
        } catch (error) {
          tone = 'warning';
          notice += ` Finding product fits failed (${toApiError(error).message}) — use “Find product fits” below.`;
        }
      }
      await qc.invalidateQueries({ queryKey: queryKeys.personas });
      navigate(paths.persona(saved.id), { state: { notice, tone } });
    } catch (error) {
      const e = toApiError(error);
      setSaveError(e);
      if (e.status === 400) {
        const next = fieldErrorsFromProblems(e.fields);
        setFieldErrors(next);
        focusField(next);
      }
    } finally {
      setSaving(null);
    }
  }

  async function loadLatest() {
    const latest = await onReloadLatest?.();
    if (latest) {
      setForm(loadedForm(latest));
      setVersion(latest.version);
      setFieldErrors({});
    }
    setSaveError(null);
  }

  return {
    company,
    productList,
    contactList,
    sortedProducts,
    sortedContacts,
    here,
    inputs,
    inputErrors,
    change,
    stashForLeaving: () => stashBuilder(location.pathname, inputs, form),
    form,
    setForm,
    fieldErrors,
    setFieldErrors,
    version,
    confirm,
    setConfirm,
    saving,
    saveError,
    setSaveError,
    addedProduct,
    lastInput,
    formRef,
    generate,
    importer,
    onGenerate,
    onImport,
    save,
    loadLatest,
  };
}
