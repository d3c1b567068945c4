import { Fragment, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_CHARS, type ChatMessage } from '@schemas/wizard.js';
import type { ApiError } from '../api/errors';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';
import { MessageFeedback } from '../feedback/MessageFeedback';
import { useSessionFeedback } from '../feedback/session-feedback';
import { useEarlierMessages, type ChatHistory } from './earlier-messages';

type Props = {
  /** The latest messages (a turn returns those; with history, earlier ones load on request). */
  messages: ChatMessage[];
  history?: ChatHistory;
  /** The turn in flight: the user's message (if any) and the reply streamed so far. */
  live: { userText?: string; reply: string } | null;
  busy: boolean;
  error: ApiError | null;
  onDismissError: () => void;
  /** Resolves true when the turn succeeded. */
  onSend: (text: string) => Promise<boolean>;
  /** Shown beside the panel title, e.g. "Describe the buyer in your own words". */
  hint?: string;
  /** Shown while the chat has no messages yet. */
  emptyText?: string;
  /** Ready-made questions shown as chips above the message box; a click sends one. */
  suggestions?: readonly string[];
  /** The chat cannot be used yet: the input is disabled and this says why. */
  disabledReason?: string | undefined;
};

export function ChatPanel({
  messages,
  history,
  live,
  busy,
  error,
  onDismissError,
  onSend,
  hint,
  emptyText = 'Say hello to the assistant to begin.',
  suggestions,
  disabledReason,
}: Props) {
  const [text, setText] = useState('');
  const earlier = useEarlierMessages(history, messages);
  const feedback = useSessionFeedback(history?.sessionId);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const refocus = useRef(false);

  // Keep the newest message in view as messages arrive and the reply grows. Where the list does not
  // scroll itself (meeting prep's chat grows with the page), the page scrolls to it, but never on
  // first render: opening a page with an old conversation must not jump down to it.
  const rendered = useRef(false);
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    list.scrollTop = list.scrollHeight;
    const first = !rendered.current;
    rendered.current = true;
    if (!first && list.scrollHeight <= list.clientHeight + 1) list.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [messages.length, live?.reply, live?.userText]);

  // The input is disabled during a turn; give focus back once it is enabled again.
  useEffect(() => {
    if (!busy && refocus.current) {
      refocus.current = false;
      inputRef.current?.focus();
    }
  }, [busy]);

  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const blocked = busy || Boolean(disabledReason);
  const canSend = !blocked && text.trim().length > 0 && !tooLong;

  async function ask(question: string) {
    if (blocked) return;
    refocus.current = true;
    await onSend(question);
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend) return;
    const sent = text;
    setText('');
    refocus.current = true;
    const ok = await onSend(sent.trim());
    // Keep what they typed so they can retry (unless they already started a new message).
    if (!ok) setText((current) => (current ? current : sent));
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <section className="panel chat" aria-label="Chat">
      <div className="panel__head">
        <h2 className="panel__title">Chat</h2>
        {hint ? <span className="panel__hint">{hint}</span> : null}
      </div>
      {/* A chat log (WAI-ARIA role="log"): each new message is announced where focus is, and focus
          stays in the message box, so the next answer is typed without tabbing back. The log itself
          takes focus (Tab from the page, or Shift+Tab from the box) to scroll the history by keyboard. */}
      <div
        className="chat__messages"
        ref={listRef}
        role="log"
        aria-label="Conversation"
        aria-live="polite"
        aria-busy={busy}
        tabIndex={0}
        data-testid="chat-log"
      >
        {earlier.hiddenCount > 0 ? (
          <div className="chat__earlier">
            <Button variant="ghost" busy={earlier.loading} onClick={() => void earlier.loadMore()} data-testid="chat-earlier">
              Show earlier messages ({earlier.hiddenCount})
            </Button>
            {earlier.error ? <span className="chat__earlier-error">Could not load them: {earlier.error.message}</span> : null}
          </div>
        ) : null}
        {messages.length === 0 && !live ? <p className="chat__empty">{emptyText}</p> : null}
        {[...earlier.earlier, ...messages].map((m, i) => (
          <Fragment key={m.id ?? `${i}-${m.at}`}>
            <Bubble role={m.role} text={m.text} testId="chat-message" />
            {m.role === 'assistant' && m.id && history ? <MessageFeedback target={{ kind: 'message', id: m.id }} feedback={feedback} /> : null}
          </Fragment>
        ))}
        {live?.userText ? <Bubble role="user" text={live.userText} testId="chat-message-pending" pending /> : null}
        {live ? <Bubble role="assistant" text={live.reply} testId="chat-streaming" pending /> : null}
      </div>
      {error ? <ErrorBanner title="That message did not go through." message={error.message} onDismiss={onDismissError} testId="chat-error" /> : null}
      {suggestions?.length ? (
        <div className="chat__suggestions" aria-label="Suggested questions" role="group">
          {suggestions.map((q) => (
            <button key={q} type="button" className="chip" data-testid="chat-suggestion" disabled={blocked} onClick={() => void ask(q)}>
              {q}
            </button>
          ))}
        </div>
      ) : null}
      <form className="chat__composer" onSubmit={submit}>
        <label htmlFor="chat-input" className="sr-only">
          Message
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          className="input chat__input"
          data-testid="chat-input"
          rows={2}
          value={text}
          disabled={blocked}
          placeholder={disabledReason ? disabledReason : busy ? 'The assistant is answering…' : 'Type a message. Enter sends, Shift+Enter adds a line.'}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={tooLong || undefined}
        />
        <Button type="submit" variant="primary" data-testid="chat-send" disabled={!canSend} busy={busy && !disabledReason}>
          Send
        </Button>
      </form>
      {tooLong ? (
        <p className="field__error">
          {text.length} / {MAX_MESSAGE_CHARS} characters: shorten the message to send it.
        </p>
      ) : null}
    </section>
  );
}

function Bubble({ role, text, testId, pending }: { role: ChatMessage['role']; text: string; testId: string; pending?: boolean }) {
  return (
    <div className={`bubble bubble--${role}${pending ? ' bubble--pending' : ''}`} data-testid={testId} data-role={role}>
      <span className="sr-only">{role === 'user' ? 'You: ' : 'Assistant: '}</span>
      {text ? text : <TypingDots />}
    </div>
  );
}

function TypingDots() {
  return (
    <span className="typing" aria-label="The assistant is typing">
      <span />
      <span />
      <span />
    </span>
  );
}
