import { describe, expect, test } from 'vitest';
import { resolveMergeFields, type MergeValues } from '../../lib/merge-fields.js';

describe('merge fields', () => {
  const values: MergeValues = {
    name: 'Dana Ruiz',
    position: '',
    websiteUrl: 'https://nordlys.example',
    linkedinUrl: '',
    senderName: 'Sam',
    senderCompany: 'Shipwise',
  };

  test('{{firstName}} and friends are filled from the lead', () => {
    expect(resolveMergeFields('Hi {{firstName}}, {{ name }} at {{website}}. {{senderName}} from {{ senderCompany }}', values)).toEqual({
      text: 'Hi Dana, Dana Ruiz at https://nordlys.example. Sam from Shipwise',
      unresolved: [],
    });
  });

  test('a known field with no value ({{ position }} empty) stays in the text and is unresolved', () => {
    expect(resolveMergeFields('As {{ position }} you know', values)).toEqual({ text: 'As {{ position }} you know', unresolved: ['{{position}}'] });
  });

  test('an unknown field such as {{company}} is unresolved', () => {
    expect(resolveMergeFields('How is {{company}} doing, {{firstName}}?', values)).toEqual({
      text: 'How is {{company}} doing, Dana?',
      unresolved: ['{{company}}'],
    });
  });

  test('bracket placeholders a model leaves ([Your Name], [Company Name]) are unresolved; ordinary brackets are not', () => {
    const { unresolved } = resolveMergeFields('Best,\n[Your Name]\nP.S. [Company Name] rocks [sic] [1]', values);
    expect(unresolved).toEqual(['[Your Name]', '[Company Name]']);
  });
});
