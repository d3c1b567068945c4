// The business function a job title (or role text) points to. Shared by the persona matching
// rules and the offline model's suggestions, so both read a title the same way.
const FUNCTIONS: Array<[RegExp, string]> = [
  [/\b(market\w*|brand|growth|demand|cmo)\b/i, 'marketing'],
  [/\b(sales|revenue|account exec\w*|account manager|business development|cro|bdr|sdr)\b/i, 'sales'],
  [/\b(engineer\w*|developer|cto|tech\w*|software|devops|data)\b/i, 'engineering'],
  [/\b(financ\w*|cfo|accounting|accountant|controller)\b/i, 'finance'],
  [/\bproduct\b/i, 'product'],
  [/\b(people|hr|human resources|talent|recruit\w*)\b/i, 'people'],
  [/\b(operat\w*|ops|coo|supply|logistic\w*|fulfil\w*)\b/i, 'operations'],
  [/\b(founder|ceo|owner|president|managing director)\b/i, 'leadership'],
];

export function jobFunctionOf(text: string): string | undefined {
  return FUNCTIONS.find(([re]) => re.test(text))?.[1];
}

/**
 * What people in a function are usually responsible for and after: an archetype's outline, which
 * the offline suggestions and the persona generator offer only as a guess to confirm.
 */
export const FUNCTION_OUTLINES: Record<string, { role: string; goal: string }> = {
  marketing: { role: 'Owns brand, demand generation and the marketing budget', goal: "Grow qualified pipeline while proving marketing's return on spend" },
  sales: { role: 'Runs the sales team and owns the revenue number', goal: 'Hit the revenue target with a predictable pipeline' },
  engineering: { role: 'Leads the engineering team and the technical roadmap', goal: 'Ship reliable software faster without growing headcount' },
  finance: { role: 'Owns budgets, reporting and spend approval', goal: 'Keep spend under control and forecasts accurate' },
  product: { role: 'Decides what gets built and measures adoption', goal: 'Ship what customers value and prove adoption' },
  people: { role: 'Owns hiring, onboarding and retention', goal: 'Hire and keep the right people as the company grows' },
  operations: { role: 'Keeps day-to-day operations running as the business scales', goal: 'Run the operation efficiently as volume grows' },
  leadership: { role: 'Sets direction and signs off on significant purchases', goal: 'Grow the company profitably' },
};
