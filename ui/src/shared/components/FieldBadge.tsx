import { memoryKeyLabel } from '@schemas/memory.js';
import type { FieldOrigin } from '@schemas/wizard.js';

/** Where a field's value came from: typed in the form, taken from the chat, suggested by the model, or filled in from memory. */
export function originLabel(origin: FieldOrigin): { text: string; tone: 'neutral' | 'info' | 'warning' | 'success'; title: string } {
  switch (origin.source) {
    case 'form':
      return { text: 'typed', tone: 'neutral', title: 'You typed this in the form' };
    case 'chat':
      return { text: 'from chat', tone: 'info', title: 'Taken from what you wrote in the chat' };
    case 'model':
      return origin.confirmed
        ? { text: 'suggested, confirmed', tone: 'success', title: 'Suggested by the assistant and confirmed by you' }
        : { text: 'suggested — confirm?', tone: 'warning', title: 'Suggested by the assistant: check it, edit it, or confirm it' };
    case 'memory':
      return origin.confirmed
        ? { text: 'from memory, confirmed', tone: 'success', title: "Filled in from your workspace's memory and confirmed by you" }
        : {
            text: 'from memory — confirm?',
            tone: 'warning',
            title: `Filled in from your workspace's memory${origin.memoryKey ? ` (${memoryKeyLabel(origin.memoryKey)})` : ''}: check it, edit it, or confirm it`,
          };
  }
}

export function FieldBadge({ origin, testId }: { origin: FieldOrigin; testId?: string }) {
  const { text, tone, title } = originLabel(origin);
  return (
    <span className={`badge badge--${tone}`} title={title} data-testid={testId} data-source={origin.source} data-confirmed={String(origin.confirmed)}>
      {text}
    </span>
  );
}
