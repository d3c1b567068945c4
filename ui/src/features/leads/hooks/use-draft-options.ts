// What a draft is written with: the tone (a suggested one or the person's own), the product to
// pitch and extra instructions, with the tone checked by the same schema as the server.
import { useState } from 'react';
import { asSuggestedTone, SUGGESTED_TONES, ToneSchema } from '@schemas/email.js';
import { usePrefill } from '../../../shared/memory/prefill';

/** The tone select's value for "type your own". */
export const OTHER_TONE = '__other__';

export function useDraftOptions() {
  // null until the person picks or types a tone: until then it is the one memory knows (and says so), else friendly.
  const [pickedChoice, setPickedChoice] = useState<string | null>(null);
  const [typedTone, setTypedTone] = useState<string | null>(null);
  const [toneError, setToneError] = useState<string | null>(null);
  const [productId, setProductId] = useState('');
  const [instructions, setInstructions] = useState('');
  const remembered = usePrefill('emailDraft').data?.fields.tone ?? null;
  const touched = pickedChoice !== null || typedTone !== null;
  const fromMemory = remembered && !touched ? asSuggestedTone(remembered.value) : null;
  const memoryIsSuggested = fromMemory !== null && (SUGGESTED_TONES as readonly string[]).includes(fromMemory);
  const toneChoice = pickedChoice ?? (fromMemory === null ? 'friendly' : memoryIsSuggested ? fromMemory : OTHER_TONE);
  const customTone = typedTone ?? (fromMemory !== null && !memoryIsSuggested ? fromMemory : '');

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
      setPickedChoice(value);
      setToneError(null);
    },
    customTone,
    setCustomTone: (value: string) => {
      setPickedChoice(toneChoice);
      setTypedTone(value);
      setToneError(null);
    },
    /** Where the tone came from while it is still the one memory filled in; null once the person chose. */
    toneFromMemory: fromMemory !== null ? remembered!.from : null,
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
