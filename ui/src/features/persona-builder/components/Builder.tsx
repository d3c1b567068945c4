import { Link } from 'react-router';
import { PERSONA_FIELDS, type SavedPersona } from '@schemas/persona.js';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { confirmGuesses, formFrom, guessesToConfirm } from '../builder-state';
import { draftFromTexts } from '../../../shared/persona/fields';
import { usePersonaBuilder } from '../hooks/use-persona-builder';
import { ContextPanel } from './ContextPanel';
import { PersonaFormPanel } from './PersonaFormPanel';
import { SaveFooter } from './SaveFooter';
import { paths } from '../../../shared/paths';

type Props = {
  /** The saved persona being edited, or null for a new one. */
  existing: SavedPersona | null;
  onReloadLatest?: () => Promise<SavedPersona | null>;
};

/**
 * The persona builder (source document 000's edit → save pattern): generate from your company,
 * a product and (optionally) a person → check what each field rests on → edit → save → find
 * which products the persona fits → its page.
 */
export function Builder({ existing, onReloadLatest }: Props) {
  const {
    company,
    productList,
    contactList,
    sortedProducts,
    sortedContacts,
    here,
    inputs,
    inputErrors,
    change,
    stashForLeaving,
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
  } = usePersonaBuilder({ existing, onReloadLatest });

  const footer = (
    <SaveFooter
      existing={existing}
      inputs={inputs}
      invalid={PERSONA_FIELDS.filter((f) => fieldErrors[f])}
      guesses={form ? guessesToConfirm(form) : []}
      saving={saving}
      saveError={saveError}
      addedProduct={addedProduct}
      generating={generate.isPending}
      onSave={() => void save()}
      onLoadLatest={() => void loadLatest()}
      onDismissError={() => setSaveError(null)}
      mine={form ? draftFromTexts(form.texts) : null}
      onResolve={(data, version) => void save({ data, version })}
    />
  );

  return (
    <div className="page builder">
      <p className="crumbs">
        <Link to={existing ? paths.persona(existing.id) : paths.personas}>← {existing ? existing.data.personName : 'Library'}</Link>
      </p>
      <div className="page__head">
        <div>
          <h1 className="page-title">{existing ? 'Edit in the builder' : 'Persona builder'}</h1>
          <p className="muted">
            {existing
              ? `Version ${version}. Regenerate from a product and a person, or edit the fields, then save a new version.`
              : 'Generate a persona from your company, a product and a person. Check what each field rests on, edit, then save.'}
          </p>
        </div>
      </div>

      <div className="builder__panels">
        <ContextPanel
          company={{ profile: company.profile, error: company.error, refetch: company.refetch }}
          products={{
            data: productList.data ? sortedProducts : undefined,
            isPending: productList.isPending,
            error: productList.error,
            refetch: productList.refetch,
          }}
          contacts={{
            data: contactList.data ? sortedContacts : undefined,
            isPending: contactList.isPending,
            error: contactList.error,
            refetch: contactList.refetch,
          }}
          inputs={inputs}
          errors={inputErrors}
          onChange={change}
          here={here}
          onLeave={stashForLeaving}
          generating={generate.isPending}
          generateError={generate.error}
          onGenerate={onGenerate}
          onRetry={() => lastInput.current && generate.mutate(lastInput.current)}
          onDismissError={() => generate.reset()}
          importing={importer.isPending}
          onImport={onImport}
        />
        <PersonaFormPanel
          ref={formRef}
          form={form}
          errors={fieldErrors}
          generating={generate.isPending}
          onText={(field, text) => setForm((f) => (f ? { ...f, texts: { ...f.texts, [field]: text } } : f))}
          onError={(field, message) => setFieldErrors((e) => ({ ...e, [field]: message }))}
          onBlank={() => setForm(formFrom({}, 'blank'))}
          onConfirm={(fields) => setForm((f) => (f ? confirmGuesses(f, fields) : f))}
          footer={footer}
        />
      </div>

      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.title ?? ''}
        confirmLabel="Replace"
        confirmTestId="confirm-replace"
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          confirm?.run();
          setConfirm(null);
        }}
      >
        <p>You have edited fields in the form. They are replaced; nothing saved is changed until you press Save.</p>
      </ConfirmDialog>
    </div>
  );
}
