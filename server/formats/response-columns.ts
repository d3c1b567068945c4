// Which survey-response field a column (or a flat JSON key) holds, from its header as a real
// export writes it: Google Forms and Typeform put the whole question in the header, SurveyMonkey
// and CRMs use short labels. Matching ignores case, spaces and punctuation.

export type ResponseField =
  | 'email'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'consent'
  | 'age'
  | 'location'
  | 'occupation'
  | 'gender'
  | 'goals'
  | 'frustrations'
  | 'satisfaction'
  | 'nps'
  | 'trust'
  | 'effort'
  | 'submittedAt';

/** Fields several columns may fill together ("Goal 1", "Goal 2", "Other goals"). */
export const LIST_FIELDS = new Set<ResponseField>(['goals', 'frustrations']);

const ALIASES: Record<ResponseField, string[]> = {
  email: ['email', 'emailaddress', 'respondentemail', 'youremail', 'youremailaddress', 'contactemail', 'workemail'],
  name: ['name', 'fullname', 'respondent', 'respondentname', 'yourname', 'contactname'],
  firstName: ['firstname', 'givenname'],
  lastName: ['lastname', 'surname', 'familyname'],
  consent: [
    'consent',
    'respondentconsent',
    'optin',
    'optedin',
    'contactconsent',
    'marketingconsent',
    'emailconsent',
    'permissiontocontact',
    'maywecontactyou',
    'canwecontactyou',
  ],
  age: ['age', 'yourage', 'ageyears', 'howoldareyou'],
  location: ['location', 'city', 'country', 'region', 'yourlocation', 'wheredoyoulive', 'whereareyoubased'],
  occupation: ['occupation', 'jobtitle', 'title', 'role', 'position', 'job', 'profession', 'yourrole', 'youroccupation', 'yourjobtitle'],
  gender: ['gender', 'sex', 'yourgender'],
  goals: ['goals', 'goal', 'yourgoals', 'maingoal', 'primarygoal', 'objectives', 'objective'],
  frustrations: ['frustrations', 'frustration', 'painpoints', 'painpoint', 'pains', 'challenges', 'challenge', 'biggestchallenge', 'biggestfrustration'],
  satisfaction: ['satisfaction', 'csat', 'satisfactionscore', 'overallsatisfaction', 'csatscore'],
  nps: ['nps', 'npsscore', 'netpromoterscore', 'likelihoodtorecommend'],
  trust: ['trust', 'trustscore'],
  effort: ['effort', 'ces', 'customereffort', 'customereffortscore', 'effortscore'],
  submittedAt: ['submittedat', 'submitted', 'submitdate', 'submitdateutc', 'submissiondate', 'timestamp', 'date', 'createdat', 'completedat', 'enddate'],
};

/** Questions as forms word them: a header that starts with one of these is that field ("How likely are you to recommend us to a friend?"). */
const QUESTION_PREFIXES: Array<[string, ResponseField]> = [
  ['howlikelyareyoutorecommend', 'nps'],
  ['likelihoodtorecommend', 'nps'],
  ['maywecontactyou', 'consent'],
  ['canwecontactyou', 'consent'],
  ['howsatisfiedareyou', 'satisfaction'],
  ['howmuchdoyoutrust', 'trust'],
  ['howeasywasitto', 'effort'],
  ['howoldareyou', 'age'],
  ['whatisyourage', 'age'],
  ['whatisyourjobtitle', 'occupation'],
  ['whatisyourrole', 'occupation'],
  ['whatisyouroccupation', 'occupation'],
  ['whatisyourgender', 'gender'],
  ['whatareyourgoals', 'goals'],
  ['whatisyourmaingoal', 'goals'],
  ['whatisyourbiggestchallenge', 'frustrations'],
  ['whatfrustratesyou', 'frustrations'],
  ['whatisyouremail', 'email'],
  ['whatisyourname', 'name'],
  ['wheredoyoulive', 'location'],
];

const BY_KEY = new Map<string, ResponseField>(Object.entries(ALIASES).flatMap(([field, keys]) => keys.map((k) => [k, field as ResponseField] as const)));

/** "E-mail Address" → "emailaddress": what two spellings of one header have in common. */
export const headerKey = (header: string) =>
  header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The field a header names, or undefined for a column that is one of the "other answers". */
export function fieldForHeader(header: string): ResponseField | undefined {
  const key = headerKey(header);
  if (!key) return undefined;
  const exact = BY_KEY.get(key);
  if (exact) return exact;
  // "Goal 1", "Goal 2": numbered columns of a list question.
  const unnumbered = BY_KEY.get(key.replace(/\d+$/, ''));
  if (unnumbered && LIST_FIELDS.has(unnumbered)) return unnumbered;
  return QUESTION_PREFIXES.find(([prefix]) => key.startsWith(prefix))?.[1];
}

/** The field names a person can use in a header, for the message when none is found. */
export const KNOWN_HEADERS = 'email, name, consent, age, location, occupation, gender, goals, frustrations, satisfaction, nps, trust, effort, submitted at';
