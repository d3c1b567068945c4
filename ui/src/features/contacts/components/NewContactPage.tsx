import { Link, useNavigate } from 'react-router';
import { contacts } from '../../../shared/catalog/contacts';
import { ContactForm } from './ContactForm';
import { paths } from '../../../shared/paths';

/** /contacts/new */
export function NewContactPage() {
  const navigate = useNavigate();
  const create = contacts.useCreate();
  return (
    <div className="page page--narrow">
      <p className="crumbs">
        <Link to={paths.contacts}>← Contacts</Link>
      </p>
      <div className="page__head">
        <div>
          <h1 className="page-title">New contact</h1>
          <p className="muted">Only the name is required. The more you paste, the more a generated persona rests on facts.</p>
        </div>
      </div>
      <ContactForm
        initial={undefined}
        busy={create.isPending}
        error={create.error}
        onDismissError={() => create.reset()}
        onSubmit={(data) =>
          create.mutate(data, { onSuccess: (c) => navigate(paths.contact(c.id), { replace: true, state: { notice: `Saved “${c.name}”.` } }) })
        }
        onCancel={() => navigate(paths.contacts)}
        submitLabel="Save contact"
      />
    </div>
  );
}
