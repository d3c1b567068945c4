/** Who signs campaign email: MAIL_FROM's name when one was configured, else the company ("The Shipwise team"). */
export const signOff = (senderName: string | null | undefined, companyName: string | null | undefined) =>
  senderName || (companyName ? `The ${companyName} team` : 'The team');
