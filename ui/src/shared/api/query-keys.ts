// Query keys shared across features, so one feature can refresh another's data
// (e.g. saving a persona in the wizard refreshes the library) without importing it.
export const queryKeys = {
  config: ['config'] as const,
  /** Who is signed in and where (GET /api/me); a 401 on any call refreshes it. */
  me: ['me'] as const,
  /** An invitation, as its link shows it (GET /api/invitations/:id). */
  invitation: (id: string) => ['invitations', id] as const,
  /** The current workspace's members and invitations, API tokens, audit log. */
  members: ['workspace', 'members'] as const,
  tokens: ['workspace', 'tokens'] as const,
  audit: ['workspace', 'audit'] as const,
  personas: ['personas'] as const,
  persona: (id: string) => ['personas', id] as const,
  productFits: (personaId: string) => ['personas', personaId, 'product-fits'] as const,
  /** Persona analytics (source 003): under the persona, so anything that refreshes a persona refreshes them too. */
  personaAnalytics: (personaId: string) => ['personas', personaId, 'analytics'] as const,
  mappingRules: (personaId: string) => ['personas', personaId, 'analytics', 'rules'] as const,
  personaEvolution: (personaId: string, days: number) => ['personas', personaId, 'analytics', 'evolution', days] as const,
  topMatches: (personaId: string, limit: number, offset: number) => ['personas', personaId, 'analytics', 'top-matches', limit, offset] as const,
  analyticsJob: (jobId: string) => ['analytics', 'jobs', jobId] as const,
  /** Workspace-wide analytics: refresh after responses arrive (an import, the survey). */
  analytics: ['analytics'] as const,
  coverage: ['analytics', 'coverage'] as const,
  unmatchedGroups: ['analytics', 'unmatched-groups'] as const,
  sessions: (flow: string) => ['sessions', flow] as const,
  /** The person's feedback on one brief, draft or persona. */
  targetFeedback: (kind: string, id: string) => ['feedback', kind, id] as const,
  /** The signed-in person's feedback on a session and its replies (GET /api/feedback?session=). */
  /** What the workspace's feedback says (GET /api/insights). */
  insights: ['feedback', 'insights'] as const,
  sessionFeedback: (sessionId: string) => ['feedback', 'session', sessionId] as const,
  buyingProcesses: ['buying-processes'] as const,
  buyingProcess: (id: string) => ['buying-processes', id] as const,
  companyProfiles: ['company-profiles'] as const,
  products: ['products'] as const,
  contacts: ['contacts'] as const,
  /** The latest meeting-prep session of a contact ({sessionId} or null). */
  contactPrepSession: (contactId: string) => ['contacts', contactId, 'analysis-session'] as const,
  /** A contact's meeting-prep briefs, newest first. */
  contactAnalyses: (contactId: string) => ['contacts', contactId, 'analyses'] as const,
  /** Model usage over the last N days (GET /api/usage?days=N). */
  usage: (days: number) => ['usage', days] as const,
  /** The active and available model providers (GET /api/settings/provider). */
  providerSettings: ['settings', 'provider'] as const,
  /** Who the workspace's campaign email comes from (GET /api/settings/sender). */
  senderSettings: ['settings', 'sender'] as const,
  /** Leads (GET /api/leads), one lead, a lead's accepted email drafts and its website research. */
  leads: ['leads'] as const,
  lead: (id: string) => ['leads', id] as const,
  leadDrafts: (leadId: string) => ['leads', leadId, 'drafts'] as const,
  /** What a lead's website said when last researched (GET /api/leads/:id/research). */
  leadResearch: (leadId: string) => ['leads', leadId, 'research'] as const,
  /** Campaigns (GET /api/campaigns); one campaign is ['campaigns', id], its pre-flight and runs nest under it. */
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaigns', id] as const,
  campaignPreflight: (id: string) => ['campaigns', id, 'preflight'] as const,
  campaignRuns: (id: string) => ['campaigns', id, 'runs'] as const,
  campaignRun: (id: string, runId: string) => ['campaigns', id, 'runs', runId] as const,
  /** Sent, outboxed and failed emails (GET /api/outbox), optionally of one campaign. */
  outbox: (campaignId: string | null) => ['outbox', campaignId ?? 'all'] as const,
  /** Survey responses (GET /api/responses), page by page under this key. */
  responses: ['responses'] as const,
  /** Unsubscribed and hand-added addresses (GET /api/suppressions). */
  suppressions: ['suppressions'] as const,
  /** The workspace's public survey link (GET /api/survey-link). */
  surveyLink: ['survey-link'] as const,
  /** The workspace's memory: facts about its own business (GET /api/memory); flows that prefill from it read this key too. */
  memory: ['memory'] as const,
  /** What memory fills a new form with (GET /api/memory/prefill/:form): under memory, so a change there refreshes it. */
  memoryPrefill: (form: string) => ['memory', 'prefill', form] as const,
  /** The first-run intake: its questions, current answers (from memory) and whether it was answered or skipped. */
  intake: ['intake'] as const,
};
