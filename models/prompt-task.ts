// Every prompt names itself in a "[task:<name>]" line (e.g. [task:persona/extract]), so code that
// sees only the rendered messages (the offline model, the model-call log, test fakes) knows which it is.

/** The task a prompt's text names, if any. */
export function promptTask(text: string): string | undefined {
  return /\[task:([\w/-]+)\]/.exec(text)?.[1];
}
