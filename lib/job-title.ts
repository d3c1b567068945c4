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
