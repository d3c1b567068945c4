import { Router, urlencoded, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { SurveyOptions } from '../../schemas/survey-link.js';
import { SurveyResponseInputSchema, type SurveyResponseInput } from '../../schemas/survey-response.js';
import { perMinuteLimit } from '../http/rate-limits.js';
import { errorsByField, NO_ANSWERS, readAnswers, responseOf, unstorableText } from '../survey/form-answers.js';
import { closedPage, problemPage, surveyFormPage, thanksPage, unknownPage, type Asker } from '../survey/pages.js';

// The public survey behind a workspace's survey link, for the people the personas are about (not
// app users): plain HTML that works without script. The token is the only key; a closed link
// shows that it is closed and keeps nothing; answers that need a change come back with the form.

export type SurveyDeps = {
  links: {
    byToken(a: { token: string }): Promise<{ workspaceId: string; open: boolean } | null>;
    surveyOptions(a: { workspaceId: string }): Promise<SurveyOptions>;
  };
  responses: { add(a: { workspaceId: string; input: SurveyResponseInput; source: 'survey' }): Promise<unknown> };
  companyProfiles: { list(a: { workspaceId: string }): Promise<Array<{ name: string }>> };
  /** Answers a client address may send a minute (RATE_LIMIT_SURVEY_PER_MINUTE); 0: no limit. */
  answersPerMinute: number;
};

const formAction = (base: string, token: string) => `${base}/${encodeURIComponent(token)}`;

/** One person's answers: the most the schema takes (20 goals and 20 frustrations of 200 characters) fits even as percent-encoded CJK text (9 bytes a character). */
const BODY_LIMIT = '96kb';

export function surveyRoutes(deps: SurveyDeps): Router {
  const router = Router();
  const answerLimit = perMinuteLimit({
    perMinute: deps.answersPerMinute,
    what: 'survey answers',
    setting: 'RATE_LIMIT_SURVEY_PER_MINUTE',
    page: ({ retryAfterSeconds }) =>
      problemPage(
        'Too many answers at once',
        `Many answers were sent from your address in the last minute. Wait ${retryAfterSeconds} seconds, then go back and send yours again.`,
      ),
  });
  const askerOf = async (workspaceId: string): Promise<Asker> => {
    const [profile] = await deps.companyProfiles.list({ workspaceId });
    return { company: profile?.name.trim() || null };
  };
  router.use((_req, res, next) => {
    // The form shown again holds the person's own answers (their email): no cache keeps it.
    res.set('Cache-Control', 'no-store');
    res.set('X-Robots-Tag', 'noindex');
    next();
  });

  router.get('/:token', async (req, res) => {
    const link = await deps.links.byToken({ token: req.params.token });
    if (!link) return void res.status(404).type('html').send(unknownPage());
    const asker = await askerOf(link.workspaceId);
    if (!link.open) return void res.status(410).type('html').send(closedPage(asker));
    const options = await deps.links.surveyOptions({ workspaceId: link.workspaceId });
    res.type('html').send(surveyFormPage({ asker, options, answers: NO_ANSWERS, errors: {}, action: formAction(req.baseUrl, req.params.token) }));
  });

  router.get('/:token/thanks', async (req, res) => {
    const link = await deps.links.byToken({ token: req.params.token });
    if (!link) return void res.status(404).type('html').send(unknownPage());
    res.type('html').send(thanksPage(await askerOf(link.workspaceId)));
  });

  // The form's own encoding only: a JSON body (parsed by the app for /api) would read as no answers at all.
  const formOnly: RequestHandler = (req, res, next) => {
    if (req.is('application/x-www-form-urlencoded')) return next();
    res
      .status(415)
      .type('html')
      .send(
        problemPage(
          'Your answers could not be sent',
          'This address takes the survey form as the survey page sends it. Open the survey link and send the form from there.',
        ),
      );
  };
  router.post<'/:token', { token: string }>(
    '/:token',
    answerLimit,
    formOnly,
    urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 }),
    async (req, res) => {
      const link = await deps.links.byToken({ token: req.params.token });
      if (!link) return void res.status(404).type('html').send(unknownPage());
      const asker = await askerOf(link.workspaceId);
      if (!link.open) return void res.status(410).type('html').send(closedPage(asker));
      const answers = readAnswers(req.body);
      const unstorable = unstorableText(answers);
      const parsed = SurveyResponseInputSchema.safeParse(responseOf(answers));
      if (Object.keys(unstorable).length || !parsed.success) {
        const errors = { ...(parsed.success ? {} : errorsByField(parsed.error)), ...unstorable };
        const options = await deps.links.surveyOptions({ workspaceId: link.workspaceId });
        return void res
          .status(400)
          .type('html')
          .send(surveyFormPage({ asker, options, answers, errors, action: formAction(req.baseUrl, req.params.token) }));
      }
      await deps.responses.add({ workspaceId: link.workspaceId, input: parsed.data, source: 'survey' });
      // Post, then redirect: reloading the thank-you page does not send the answers twice.
      res.redirect(303, `${formAction(req.baseUrl, req.params.token)}/thanks`);
    },
  );

  // A body the form could not have sent (too large, too many fields, an unknown charset): a page, not JSON.
  const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? (err.status as number) : 0;
    if (!status) return next(err);
    const message =
      err.type === 'entity.too.large'
        ? 'Your answers are longer than this survey takes. Shorten the longest ones (the "other" boxes), then send them again.'
        : 'Your answers did not arrive in a form this survey can read. Go back and send them again.';
    res.status(status).type('html').send(problemPage('Your answers could not be sent', message));
  };
  router.use(bodyErrors);
  return router;
}
