import type { LeadInput } from '../../schemas/lead.js';
import type { SurveyResponse } from '../../schemas/survey-response.js';

/** A respondent as a lead: their name (or, without one, their address), occupation, and their answers as what they are looking for. */
export function leadFromResponse(r: SurveyResponse): LeadInput {
  const said = [r.goals.length ? `Goals: ${r.goals.join('; ')}` : '', r.frustrations.length ? `Frustrations: ${r.frustrations.join('; ')}` : ''].filter(
    Boolean,
  );
  return {
    name: r.respondent.name ?? r.respondent.email!,
    position: r.occupation ?? '',
    requirement: said.length ? `In a survey — ${said.join('. ')}` : '',
    linkedinUrl: '',
    websiteUrl: '',
    email: r.respondent.email!,
    linkedinText: '',
  };
}
