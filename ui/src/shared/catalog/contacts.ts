import type { z } from 'zod';
import type { Contact, ContactInputSchema } from '@schemas/contact.js';
import { queryKeys } from '../api/query-keys';
import { defineResource } from '../api/resource';

export type ContactInput = z.input<typeof ContactInputSchema>;

export const contacts = defineResource<Contact, ContactInput>({
  base: '/api/contacts',
  one: 'contact',
  many: 'contacts',
  key: queryKeys.contacts,
});

export function sortContacts(list: Contact[] | undefined): Contact[] {
  return [...(list ?? [])].sort((a, b) => a.name.localeCompare(b.name));
}
