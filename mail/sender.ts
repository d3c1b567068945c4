// Who campaign email comes from and who signs it.

/** Who signs campaign email: MAIL_FROM's name when one was configured, else the company ("The Shipwise team"). */
export const signOff = (senderName: string | null | undefined, companyName: string | null | undefined) =>
  senderName || (companyName ? `The ${companyName} team` : 'The team');

/** The display name of a From address: "Dana from Shipwise <dana@shipwise.io>" → "Dana from Shipwise". */
export const senderNameOf = (from: string) =>
  from
    .replace(/<[^>]*>/, '')
    .replace(/"/g, '')
    .trim() || from.replace(/[<>]/g, '');
