import { useEffect, useRef, useState } from 'react';

/**
 * A text input that follows the stored value while the person is not editing it, and commits
 * the trimmed text when they leave it (checked first). On a failed commit the draft stays.
 */
export function useDraft(stored: string, commit: (value: string) => Promise<boolean>, check?: (text: string) => string | undefined) {
  const [draft, setDraft] = useState(stored);
  const [error, setError] = useState<string | undefined>();
  // While true the draft is the person's, and new server values do not overwrite it.
  const editing = useRef(false);

  useEffect(() => {
    if (!editing.current) setDraft(stored);
  }, [stored]);

  return {
    draft,
    error,
    onChange: (text: string) => {
      editing.current = true;
      setDraft(text);
      if (error && !check?.(text)) setError(undefined);
    },
    onBlur: async () => {
      if (!editing.current) return;
      if (draft.trim() === stored.trim()) {
        editing.current = false;
        setError(undefined);
        setDraft(stored);
        return;
      }
      const problem = check?.(draft);
      if (problem) {
        setError(problem);
        return;
      }
      setError(undefined);
      if (await commit(draft.trim())) editing.current = false;
    },
  };
}
