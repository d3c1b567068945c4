// What a draft is written with: the tone (a suggested one or the person's own), the product to
// pitch and extra instructions, with the tone checked by the same schema as the server.
import { useState } from 'react';
import { ToneSchema } from '@schemas/email.js';

/** The tone select's value for "type your own". */
export const OTHER_TONE = '__other__';

export function useDraftOptions() {
  const [toneChoice, setToneChoiceState] = useState<string>('friendly');
  const [customTone, setCustomToneState] = useState('');
  const [toneError, setToneError] = useState<string | null>(null);
  const [productId, setProductId] = useState('');
  const [instructions, setInstructions] = useState('');

  const tone = toneChoice === OTHER_TONE ? customTone.trim() : toneChoice;

  /** The tone as the flow takes it, or null (and the reason shown) when it is not one. */
  function checkedTone(): string | null {
    const parsed = ToneSchema.safeParse(tone);
    if (!parsed.success) {
      setToneError(parsed.error.issues[0]?.message ?? 'Choose a tone');
      return null;
    }
    setToneError(null);
    return parsed.data;
  }

  return {
    toneChoice,
    setToneChoice: (value: string) => {
      setToneChoiceState(value);
      setToneError(null);
    },
    customTone,
    setCustomTone: (value: string) => {
      setCustomToneState(value);
      setToneError(null);
    },
    toneError,
    tone,
    checkedTone,
    productId,
    setProductId,
    instructions,
    setInstructions,
  };
}

export type DraftOptions = ReturnType<typeof useDraftOptions>;
