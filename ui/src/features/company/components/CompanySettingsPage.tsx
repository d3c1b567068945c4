import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CompanyProfileInputSchema, type CompanyProfile } from '@schemas/company.js';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { companyProfiles, useCompanyProfile } from '../../../shared/catalog/company';
import { focusFirstError, serverFieldErrors, useTextForm, zodFieldErrors } from '../../../shared/forms';
import { formatDateTime } from '../../../shared/format';
import { safeReturnTo } from '../../../shared/return-to';

const FIELDS = ['name', 'whatItDoes', 'market', 'size'] as const;
type Field = (typeof FIELDS)[number];
const ID: Record<Field, string> = { name: 'company-name', whatItDoes: 'company-what', market: 'company-market', size: 'company-size' };

const valuesOf = (p: CompanyProfile | null): Record<Field, string> => ({
  name: p?.name ?? '',
  whatItDoes: p?.whatItDoes ?? '',
  market: p?.market ?? '',
  size: p?.size ?? '',
});

/** /settings/company — your own company: every persona is generated in its context. */
export function CompanySettingsPage() {
  const company = useCompanyProfile();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  // Lives here: creating the profile re-keys the form below.
  const [savedAt, setSavedAt] = useState<string | null>(null);

  return (
    <div className="page page--narrow">
      {returnTo ? (
        <p className="crumbs">
          <Link to={returnTo}>← Back</Link>
        </p>
      ) : null}
      <div className="page__head">
        <div>
          <h1 className="page-title">Your company</h1>
          <p className="muted">What you sell and to whom. Every persona is generated in the context of your company.</p>
        </div>
      </div>
      {company.isPending ? <Loading label="Loading your company…" /> : null}
      {company.isError ? (
        <ErrorBanner
          title="Could not load your company profile."
          message={company.error.message}
          actions={<Button onClick={() => void company.refetch()}>Try again</Button>}
        />
      ) : null}
      {company.profile !== undefined ? (
        <CompanyForm key={company.profile?.id ?? 'new'} profile={company.profile} returnTo={returnTo} savedAt={savedAt} setSavedAt={setSavedAt} />
      ) : null}
    </div>
  );
}

type FormProps = {
  profile: CompanyProfile | null;
  returnTo: string | null;
  savedAt: string | null;
  setSavedAt: (at: string | null) => void;
};

function CompanyForm({ profile, returnTo, savedAt, setSavedAt }: FormProps) {
  const navigate = useNavigate();
  const form = useTextForm<Field>(valuesOf(profile));
  const create = companyProfiles.useCreate();
  const update = companyProfiles.useUpdate(profile?.id ?? '');
  const list = companyProfiles.useList();
  // The version this form's values start from (a save moves it on; "load the latest" resets it).
  const [version, setVersion] = useState(profile?.version ?? 0);
  const mutation = profile ? update : create;

  function save() {
    const parsed = CompanyProfileInputSchema.safeParse(form.values);
    if (!parsed.success) {
      const errors = zodFieldErrors<Field>(parsed.error);
      form.setErrors(errors);
      focusFirstError(errors, FIELDS, 'company-field-');
      return;
    }
    const onError = (error: ApiError) => {
      if (error.status === 400) form.setErrors(serverFieldErrors(error, FIELDS));
    };
    const onSuccess = (saved: CompanyProfile) => {
      setVersion(saved.version);
      if (returnTo) navigate(returnTo);
      else setSavedAt(saved.updatedAt);
    };
    if (profile) update.mutate({ data: parsed.data, expectedVersion: version }, { onSuccess, onError });
    else create.mutate(parsed.data, { onSuccess, onError });
  }

  async function loadLatest() {
    const latest = (await list.refetch()).data?.find((p) => p.id === profile?.id);
    if (latest) {
      form.reset(valuesOf(latest));
      setVersion(latest.version);
    }
    mutation.reset();
  }

  const field = (f: Field) => ({
    id: `company-field-${f}`,
    testId: ID[f],
    value: form.values[f],
    error: form.errors[f],
    onChange: (v: string) => {
      setSavedAt(null);
      form.set(f, v);
    },
  });

  return (
    <form
      className="panel editor"
      data-testid="company-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {profile ? null : <ErrorBanner tone="info" message="No company profile yet. Fill this in once; the persona builder uses it for every persona." />}
      <TextField {...field('name')} label="Company name" required placeholder="e.g. Acme Logistics" maxLength={120} />
      <TextField
        {...field('whatItDoes')}
        label="What it does"
        required
        multiline
        rows={3}
        placeholder="In a sentence or two: what you make and the problem it solves"
        maxLength={1000}
      />
      <TextField {...field('market')} label="Market" placeholder="e.g. Mid-market logistics companies in Europe" hint="Who you sell to." maxLength={300} />
      <TextField {...field('size')} label="Size" placeholder="e.g. 12 people" maxLength={60} />

      {mutation.error?.isConflict ? (
        <ErrorBanner
          tone="warning"
          title="Your company profile was changed elsewhere."
          message={mutation.error.message}
          actions={<Button onClick={() => void loadLatest()}>Load the latest (discards your edits)</Button>}
        />
      ) : mutation.error && !Object.values(form.errors).some(Boolean) ? (
        <ErrorBanner message={mutation.error.message} onDismiss={() => mutation.reset()} />
      ) : null}
      {savedAt ? <ErrorBanner tone="success" message={`Saved · ${formatDateTime(savedAt)}`} onDismiss={() => setSavedAt(null)} testId="company-saved" /> : null}

      <div className="editor__actions">
        <Button type="submit" variant="primary" busy={mutation.isPending} data-testid="company-save">
          {profile ? 'Save changes' : 'Save company'}
        </Button>
        {returnTo ? (
          <Link to={returnTo} className="btn btn--ghost">
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
