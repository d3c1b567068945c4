import type { SurveyOptions } from '../../schemas/survey-link.js';
import { METRICS, type MetricName } from '../../schemas/survey-response.js';
import type { AnswerErrors, SurveyAnswers } from './form-answers.js';

// The public survey's pages: plain HTML, one inline stylesheet, no script (the CSP for /survey/
// allows none). Everything shown that the workspace or the respondent wrote is escaped.

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2937;background:#f9fafb}
main{max-width:40rem;margin:0 auto;padding:2rem 1rem 4rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .75rem}
h2{font-size:1.15rem;margin:0}
a{color:#4338ca}
.from{color:#4b5563;font-size:.875rem;font-weight:600;margin:0}
.lead{margin:0 0 .5rem}
.note{color:#4b5563;font-size:.9rem;margin:0}
.section{border:0;border-top:1px solid #e5e7eb;padding:1.25rem 0 0;margin:1.75rem 0 0;min-width:0}
.section>legend{font-size:1.15rem;font-weight:700;padding:0;float:left;width:100%;margin-bottom:.75rem}
.section>legend+*{clear:left}
.field{margin:0 0 1.1rem;border:0;padding:0;min-width:0}
.field>legend,.label{display:block;font-weight:600;margin:0 0 .3rem;padding:0}
.hint{display:block;color:#6b7280;font-size:.875rem;font-weight:400;margin:-.15rem 0 .4rem}
input[type=text],input[type=email],textarea{display:block;width:100%;font:inherit;padding:.55rem .7rem;border:1px solid #9ca3af;border-radius:.4rem;background:#fff;color:inherit}
input[type=text].short{max-width:8rem}
textarea{min-height:5.5rem;resize:vertical}
input:focus,textarea:focus{outline:3px solid #a5b4fc;outline-offset:1px;border-color:#4338ca}
[aria-invalid=true]{border:2px solid #b91c1c}
.check{display:flex;gap:.6rem;align-items:flex-start;padding:.3rem 0;cursor:pointer}
.check input{width:1.2rem;height:1.2rem;margin:.17rem 0 0;flex:none;accent-color:#4338ca}
.other{margin-top:.5rem}
.other .label{font-weight:400}
.scale{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(0,1fr);gap:.3rem}
.scale label{position:relative;display:block;cursor:pointer}
.scale input{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer}
.scale span{display:flex;align-items:center;justify-content:center;height:2.75rem;border:1px solid #9ca3af;border-radius:.4rem;background:#fff;font-weight:600;font-variant-numeric:tabular-nums}
.scale input:checked+span{background:#4338ca;border-color:#4338ca;color:#fff}
.scale input:focus-visible+span{outline:3px solid #a5b4fc;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;color:#4b5563;font-size:.85rem;margin-top:.3rem}
.ends span:last-child{text-align:right}
.error{color:#b91c1c;font-weight:600;margin:0 0 .4rem}
.summary{border:2px solid #b91c1c;border-radius:.5rem;background:#fff;padding:1rem 1.25rem;margin:1.25rem 0 0}
.summary ul{margin:.5rem 0 0;padding-left:1.25rem}
.summary a{color:#b91c1c;font-weight:600}
.send{margin-top:2rem}
button{font:inherit;font-weight:600;padding:.75rem 1.5rem;border:0;border-radius:.4rem;background:#4338ca;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (max-width:30rem){main{padding-top:1.25rem}h1{font-size:1.4rem}button{width:100%}}`;

/** A whole page; `title` and `body` are HTML (escape what goes in). */
export const surveyPage = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

/** Who is asking, as the respondent knows them (the company profile's name); null: the page says "us". */
export type Asker = { company: string | null };
const them = (a: Asker) => (a.company ? escapeHtml(a.company) : 'us');

/** Each metric as a question with its scale's end labels (effort: more is worse, as source 003 reads it). */
const QUESTIONS: Record<MetricName, { question: (who: string) => string; low: string; high: string }> = {
  satisfaction: { question: (who) => `Overall, how satisfied are you with ${who}?`, low: 'Very dissatisfied', high: 'Very satisfied' },
  nps: { question: (who) => `How likely are you to recommend ${who} to a friend or colleague?`, low: 'Not at all likely', high: 'Extremely likely' },
  trust: { question: (who) => `How much do you trust ${who}?`, low: 'Not at all', high: 'Completely' },
  effort: { question: (who) => `How much effort did it take to get what you needed from ${who}?`, low: 'Very little effort', high: 'A great deal of effort' },
};

/** `action`: the form's own address (without it the browser posts to the page's, #fragment and all). */
type FormView = { asker: Asker; options: SurveyOptions; answers: SurveyAnswers; errors: AnswerErrors; action: string };

const LABELS: Record<keyof SurveyAnswers, string> = {
  name: 'Your name',
  email: 'Your email',
  consent: 'Contact',
  age: 'Your age',
  location: 'Where you are based',
  occupation: 'What you do',
  gender: 'Your gender',
  goals: 'What you want to achieve',
  goalsOther: 'Other goals',
  frustrations: 'What gets in your way',
  frustrationsOther: 'Other frustrations',
  satisfaction: 'Satisfaction',
  nps: 'Likelihood to recommend',
  trust: 'Trust',
  effort: 'Effort',
};

/** The id of the control an error links to: the field itself, or the first choice of a group. */
const targetOf = (field: keyof SurveyAnswers, v: FormView): string => {
  if (field === 'goals' || field === 'frustrations') return choicesOf(v, field).length ? `survey-${field}-0` : `survey-${field}Other`;
  if (field in METRICS) return `survey-${field}-${METRICS[field as MetricName].min}`;
  return `survey-${field}`;
};

const errorLine = (id: string, message: string | undefined) => (message ? `<p class="error" id="${id}-error">${escapeHtml(message)}</p>` : '');
const invalid = (id: string, message: string | undefined) => (message ? ` aria-invalid="true" aria-describedby="${id}-error"` : '');

function textField(
  v: FormView,
  field: 'name' | 'email' | 'age' | 'location' | 'occupation' | 'gender',
  opts: { hint?: string; type?: string; max: number; list?: string[]; autocomplete?: string; short?: boolean; inputmode?: string },
) {
  const id = `survey-${field}`;
  const error = v.errors[field];
  const hintId = opts.hint ? `${id}-hint` : '';
  const described = [error ? `${id}-error` : '', hintId].filter(Boolean).join(' ');
  const list = opts.list?.length
    ? `<datalist id="${id}-options">${opts.list.map((o) => `<option value="${escapeHtml(o)}"></option>`).join('')}</datalist>`
    : '';
  return (
    `<div class="field"><label class="label" for="${id}">${LABELS[field]}</label>` +
    (opts.hint ? `<span class="hint" id="${hintId}">${opts.hint}</span>` : '') +
    errorLine(id, error) +
    `<input type="${opts.type ?? 'text'}" id="${id}" name="${field}" value="${escapeHtml(v.answers[field])}" maxlength="${opts.max}"` +
    (opts.short ? ' class="short"' : '') +
    (opts.inputmode ? ` inputmode="${opts.inputmode}"` : '') +
    (opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : '') +
    (list ? ` list="${id}-options"` : '') +
    (error ? ' aria-invalid="true"' : '') +
    (described ? ` aria-describedby="${described}"` : '') +
    `>${list}</div>`
  );
}

/** The workspace's choices, plus any ticked answer that is no longer one of them (kept, not dropped). */
function choicesOf(v: FormView, field: 'goals' | 'frustrations'): string[] {
  const offered = v.options[field];
  const known = new Set(offered.map((o) => o.toLowerCase()));
  return [...offered, ...v.answers[field].filter((a) => !known.has(a.toLowerCase()))];
}

function choiceGroup(v: FormView, field: 'goals' | 'frustrations', legend: string, otherLabel: string) {
  const choices = choicesOf(v, field);
  const ticked = new Set(v.answers[field].map((a) => a.toLowerCase()));
  const error = v.errors[field];
  const other = `${field}Other` as const;
  const otherId = `survey-${other}`;
  const boxes = choices
    .map(
      (c, i) =>
        `<label class="check"><input type="checkbox" id="survey-${field}-${i}" name="${field}" value="${escapeHtml(c)}"${ticked.has(c.toLowerCase()) ? ' checked' : ''}><span>${escapeHtml(c)}</span></label>`,
    )
    .join('');
  return (
    `<fieldset class="field" id="survey-${field}"${invalid(`survey-${field}`, error)}><legend>${legend}</legend>` +
    (choices.length ? '<span class="hint">Tick all that apply.</span>' : '') +
    errorLine(`survey-${field}`, error) +
    boxes +
    `<div class="other"><label class="label" for="${otherId}">${choices.length ? otherLabel : `${LABELS[field]}`}</label><span class="hint" id="${otherId}-hint">One per line.</span>` +
    errorLine(otherId, v.errors[other]) +
    `<textarea id="${otherId}" name="${other}" rows="3" maxlength="4000" aria-describedby="${v.errors[other] ? `${otherId}-error ` : ''}${otherId}-hint"${v.errors[other] ? ' aria-invalid="true"' : ''}>${escapeHtml(v.answers[other])}</textarea></div>` +
    `</fieldset>`
  );
}

function scale(v: FormView, metric: MetricName) {
  const { min, max }: { min: number; max: number } = METRICS[metric];
  const q = QUESTIONS[metric];
  const id = `survey-${metric}`;
  const error = v.errors[metric];
  const options = [];
  for (let n = min; n <= max; n++) {
    const end = n === min ? q.low : n === max ? q.high : '';
    options.push(
      `<label><input type="radio" id="${id}-${n}" name="${metric}" value="${n}"${v.answers[metric] === String(n) ? ' checked' : ''}><span>${n}${end ? `<span class="sr"> (${end})</span>` : ''}</span></label>`,
    );
  }
  return (
    `<fieldset class="field" id="${id}"${invalid(id, error)}><legend>${q.question(them(v.asker))}</legend>` +
    `<span class="hint">From ${min} (${q.low.toLowerCase()}) to ${max} (${q.high.toLowerCase()}).</span>` +
    errorLine(id, error) +
    `<div class="scale">${options.join('')}</div><div class="ends" aria-hidden="true"><span>${min} · ${q.low}</span><span>${max} · ${q.high}</span></div></fieldset>`
  );
}

export function surveyFormPage(v: FormView): string {
  const who = them(v.asker);
  const title = v.asker.company ? `A short survey from ${escapeHtml(v.asker.company)}` : 'A short survey';
  const wrong = (Object.keys(v.errors) as Array<keyof SurveyAnswers>).filter((f) => v.errors[f]);
  const summary = wrong.length
    ? `<div class="summary" role="alert" aria-labelledby="survey-problems"><h2 id="survey-problems">${wrong.length === 1 ? 'One answer needs' : `${wrong.length} answers need`} a change before they can be sent</h2><ul>` +
      wrong.map((f) => `<li><a href="#${targetOf(f, v)}">${LABELS[f]}: ${escapeHtml(v.errors[f]!)}</a></li>`).join('') +
      `</ul></div>`
    : '';
  const body =
    (v.asker.company ? `<p class="from">${escapeHtml(v.asker.company)}</p>` : '') +
    `<h1>${wrong.length ? 'Check your answers' : 'Tell us about you'}</h1>` +
    `<p class="lead">A few questions about who you are, what you want to achieve, what gets in your way, and how you find working with ${who}. It takes about two minutes, and every question is optional.</p>` +
    `<p class="note">What your answers are for: ${v.asker.company ? `${who} keeps them` : 'we keep them'} with the other answers to this survey and compares them with the profiles of typical customers ${v.asker.company ? 'they have' : 'we have'} written, to see how well those fit real people. Your name and email are kept only if you give them, and used to contact you only if you tick the box.</p>` +
    summary +
    `<form method="post" action="${escapeHtml(v.action)}" novalidate>` +
    `<fieldset class="section"><legend>About you</legend>` +
    textField(v, 'name', { max: 160, autocomplete: 'name', hint: 'Optional.' }) +
    textField(v, 'email', { type: 'email', max: 254, autocomplete: 'email', hint: 'Optional.' }) +
    `<div class="field">${errorLine('survey-consent', v.errors.consent)}<label class="check" for="survey-consent"><input type="checkbox" id="survey-consent" name="consent" value="yes"${v.answers.consent ? ' checked' : ''}${invalid('survey-consent', v.errors.consent)}><span>You may contact me about this</span></label></div>` +
    textField(v, 'age', { max: 3, inputmode: 'numeric', short: true, hint: 'In years.' }) +
    textField(v, 'location', { max: 160, list: v.options.locations, hint: 'A city, region or country.' }) +
    textField(v, 'occupation', { max: 160, list: v.options.occupations, autocomplete: 'organization-title', hint: 'Your job title or role.' }) +
    textField(v, 'gender', { max: 60, list: v.options.genders, hint: 'In your own words.' }) +
    `</fieldset>` +
    `<fieldset class="section"><legend>What matters to you</legend>` +
    choiceGroup(v, 'goals', 'What do you want to achieve?', 'Other goals') +
    choiceGroup(v, 'frustrations', 'What gets in your way?', 'Other frustrations') +
    `</fieldset>` +
    `<fieldset class="section"><legend>How it is going</legend>` +
    (['satisfaction', 'nps', 'trust', 'effort'] as const).map((m) => scale(v, m)).join('') +
    `</fieldset>` +
    `<div class="send"><button type="submit">Send my answers</button></div></form>`;
  return surveyPage(wrong.length ? `Check your answers – ${title}` : title, body);
}

export const thanksPage = (asker: Asker) =>
  surveyPage(
    'Thank you',
    (asker.company ? `<p class="from">${escapeHtml(asker.company)}</p>` : '') +
      `<h1>Thank you</h1><p class="lead">Your answers were sent to ${them(asker)}.</p><p class="note">You can close this page.</p>`,
  );

export const closedPage = (asker: Asker) =>
  surveyPage(
    'This survey is closed',
    (asker.company ? `<p class="from">${escapeHtml(asker.company)}</p>` : '') +
      `<h1>This survey is closed</h1><p class="lead">${asker.company ? `${escapeHtml(asker.company)} is` : 'We are'} not taking answers to it at the moment, so nothing you send here would be kept.</p>`,
  );

export const unknownPage = () =>
  surveyPage(
    'Survey not found',
    '<h1>This survey link is not recognised</h1><p class="lead">It may have been copied incompletely, or replaced by a newer link. Ask whoever sent it to you for the current one.</p>',
  );

export const problemPage = (title: string, message: string) =>
  surveyPage(escapeHtml(title), `<h1>${escapeHtml(title)}</h1><p class="lead">${escapeHtml(message)}</p>`);
