// Untrusted text (chat messages, contact and website text) enters prompts only as JSON literals
// inside marked blocks. Escaping "<" means the text can never close the block it sits in.
export function asDataLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}
