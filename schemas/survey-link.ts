import { z } from 'zod';

// The public survey link of a workspace (issue 16): one per workspace, its token unguessable,
// closable and reopenable, and replaceable (the old link then stops working).

/** The link as its owners see it: the address to share, whether it takes answers, when this token was made. */
export type SurveyLink = { url: string; open: boolean; createdAt: string };

/** PUT /api/survey-link: close or reopen the link. */
export const SurveyLinkOpenSchema = z
  .object({
    open: z.boolean({ required_error: 'open is required: true to take answers, false to close the survey', invalid_type_error: 'open must be true or false' }),
  })
  .strict();

/** The choices the survey offers: what the workspace's personas' mapping rules are written in terms of. */
export type SurveyOptions = { locations: string[]; occupations: string[]; genders: string[]; goals: string[]; frustrations: string[] };
