// The written draft as the person edits it: subject and body, what still blocks accepting it
// (placeholders), and accepting it for the lead's campaigns.
import { useState } from 'react';
import { unresolvedMergeFields, useAcceptDraft, type AcceptedDraft, type EmailDraft } from '../api/leads';

export function useEmailDraft(leadId: string, tone: string) {
  const [draft, setDraft] = useState<EmailDraft | null>(null);
  const [subject, setSubjectState] = useState('');
  const [body, setBodyState] = useState('');
  const [accepted, setAccepted] = useState<AcceptedDraft | null>(null);
  const accept = useAcceptDraft(leadId);

  const edited = draft !== null && (subject !== draft.subject || body !== draft.body);
  // {{merge fields}} are found as you type; other placeholders the server flagged (e.g. "[Your Name]") count while they remain.
  const unresolved = draft
    ? [...new Set([...unresolvedMergeFields(subject, body), ...draft.unresolvedFields.filter((f) => !f.startsWith('{{') && `${subject}\n${body}`.includes(f))])]
    : [];
  const acceptedCurrent = accepted !== null && accepted.subject === subject.trim() && accepted.body === body.trim();
  const acceptFieldErrors = accept.error?.status === 400 ? accept.error.fields : [];
  const fieldError = (f: 'subject' | 'body') => acceptFieldErrors.find((p) => p.path.split('.').includes(f))?.message;

  /** A newly written draft replaces the text (and any edits). */
  function replaceWith(result: EmailDraft) {
    setDraft(result);
    setSubjectState(result.subject);
    setBodyState(result.body);
    setAccepted(null);
  }

  function setSubject(value: string) {
    setSubjectState(value);
    if (accept.isError) accept.reset();
  }

  function setBody(value: string) {
    setBodyState(value);
    if (accept.isError) accept.reset();
  }

  function undoEdits() {
    if (!draft) return;
    setSubjectState(draft.subject);
    setBodyState(draft.body);
  }

  function acceptDraft() {
    accept.mutate({ subject: subject.trim(), body: body.trim(), tone: draft?.tone || tone }, { onSuccess: (saved) => setAccepted(saved) });
  }

  return {
    draft,
    subject,
    body,
    accepted,
    accept,
    edited,
    unresolved,
    acceptedCurrent,
    acceptFieldErrors,
    fieldError,
    replaceWith,
    setSubject,
    setBody,
    undoEdits,
    acceptDraft,
  };
}

export type EmailDraftEditor = ReturnType<typeof useEmailDraft>;
