import type { Genkit } from 'genkit';
import { asDataLiteral } from '../lib/untrusted.js';
import { JourneySummaryInputSchema, JourneySummaryOutputSchema } from '../schemas/buying-process.js';

export const SUMMARIZE_JOURNEY_TOOL = 'summarizeBuyingJourney';

/** The AI summary of a buying-process map (source document 002, phase 5), as a Genkit tool. */
export function defineSummarizeJourneyTool(ai: Genkit) {
  return ai.defineTool(
    {
      name: SUMMARIZE_JOURNEY_TOOL,
      description: "Writes a coherent Markdown summary of a buyer persona's buying journey from its stages.",
      inputSchema: JourneySummaryInputSchema,
      outputSchema: JourneySummaryOutputSchema,
    },
    async (journey) => {
      if (journey.buying_stages.length === 0) {
        throw new Error('There are no buying stages to summarize yet: add at least one stage first.');
      }
      const response = await ai.prompt('buying-process/summary')({ journeyJson: asDataLiteral(journey) });
      const summary = response.text.trim();
      if (!summary) throw new Error('The model returned an empty summary.');
      return { summary };
    },
  );
}
