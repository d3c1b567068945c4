import { expect, test } from 'vitest';
import { libraryPersonaIn } from '../../flows/library-persona.js';
import type { SavedPersona } from '../../schemas/persona.js';

const saved = (personName: string) => ({ id: personName, data: { personName } }) as unknown as SavedPersona;
const library = [saved('Hands-On Hector'), saved('Budget Owner Beth'), saved('Budget Hawk Hank')];
const picked = (message: string, personas = library) => libraryPersonaIn(message, personas)?.data.personName;

test('a word only one saved name has links that persona when the library is mentioned', () => {
  expect(picked('go with hector from my library')).toBe('Hands-On Hector');
  expect(picked('the hands-on one in our library')).toBe('Hands-On Hector');
});

test('a word is not enough without a mention of the library, nor when it fits several personas or none', () => {
  expect(picked('go with hector')).toBeUndefined();
  expect(picked('the budget one from my library')).toBeUndefined();
  expect(picked('beth or hank from my library')).toBeUndefined();
  expect(picked('the first one from my library')).toBeUndefined();
});

test('a whole name still wins, as the answer or with the library mentioned', () => {
  expect(picked('Budget Hawk Hank')).toBe('Budget Hawk Hank');
  expect(picked('use Budget Owner Beth from the library')).toBe('Budget Owner Beth');
});

test('with the library mentioned, a persona named by its industry or title links when only that persona fits', () => {
  const full = (personName: string, title: string, industry: string) => ({ id: personName, data: { personName, title, industry } }) as unknown as SavedPersona;
  const personas = [
    full('Night-Shift Nia', 'SOC Manager', 'Cybersecurity'),
    full('Fleet Fred', 'Fleet Manager', 'Logistics'),
    full('Route Rita', 'Dispatcher', 'Logistics'),
  ];
  expect(picked('the security one from my library, the SOC manager', personas)).toBe('Night-Shift Nia');
  expect(picked('the cyber one in our saved personas', personas)).toBe('Night-Shift Nia');
  expect(picked('the logistics one from my library', personas)).toBeUndefined();
  expect(picked('the manager one from my library', personas)).toBeUndefined();
  expect(picked('the cyber one', personas)).toBeUndefined();
});
