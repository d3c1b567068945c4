import { BUYING_PHASE_LABELS } from '@schemas/buying-process.js';

const STEPS: { phase: keyof typeof BUYING_PHASE_LABELS; text: string }[] = [
  { phase: 'persona', text: 'who you are mapping: a name and their main pain points, or a persona from your library' },
  { phase: 'stages', text: 'the stages they go through, with what they do, how long it takes and who influences them' },
  { phase: 'alignment', text: 'for each stage, what you do, the content that helps and the one message to land' },
  { phase: 'summary', text: 'an AI-written summary of the journey' },
  { phase: 'review', text: 'check the whole map, complete it, export or print it' },
];

/** The introduction: what this wizard maps, and why. */
export function IntroSection() {
  return (
    <section className="group group--current intro" aria-label="Introduction" data-section="intro">
      <p>
        Map how this buyer decides to buy, stage by stage, then line up what you do and say at each stage so your sales and content meet them where they are.
      </p>
      <ol className="intro__steps">
        {STEPS.map((s) => (
          <li key={s.phase}>
            <strong>{BUYING_PHASE_LABELS[s.phase]}</strong>: {s.text}
          </li>
        ))}
      </ol>
      <p className="muted small">Answer in the chat or fill in the map here; both stay in step. Press Next to begin.</p>
    </section>
  );
}
