// Every page's address, in one place: links and navigation build them here, and the router
// matches the same shapes (routes, below). Ids are URL-encoded.
const seg = encodeURIComponent;

export const paths = {
  wizard: '/wizard',
  newWizard: '/wizard/new',
  wizardSession: (sessionId: string) => `/wizard/${seg(sessionId)}`,
  personas: '/personas',
  persona: (id: string) => `/personas/${seg(id)}`,
  /** The persona page's Analytics tab (the tab is kept in the address so it survives a reload). */
  personaAnalytics: (id: string) => `/personas/${seg(id)}?tab=analytics`,
  personaBuilder: '/personas/builder',
  responses: '/responses',
  personaBuilderForContact: (contactId: string) => `/personas/builder?contactId=${seg(contactId)}`,
  personaInBuilder: (personaId: string) => `/personas/builder/${seg(personaId)}`,
  products: '/products',
  newProduct: '/products/builder',
  product: (id: string) => `/products/builder/${seg(id)}`,
  contacts: '/contacts',
  newContact: '/contacts/new',
  contact: (id: string) => `/contacts/${seg(id)}`,
  contactPrep: (id: string) => `/contacts/${seg(id)}/prep`,
  companySettings: '/settings/company',
  modelSettings: '/settings/model',
  senderSettings: '/settings/sender',
  surveySettings: '/settings/survey',
  memorySettings: '/settings/memory',
  intakeSettings: '/settings/intake',
  usage: '/usage',
  insights: '/settings/insights',
  /** What a wizard session said and did, turn by turn, with the prompt and model behind each reply. */
  sessionTranscript: (sessionId: string) => `/sessions/${seg(sessionId)}/transcript`,
  buyingProcessMaps: '/buying-process',
  newBuyingProcessMap: '/buying-process/new',
  buyingProcessSession: (sessionId: string) => `/buying-process/${seg(sessionId)}`,
  buyingProcessPrint: (id: string) => `/buying-process/${seg(id)}/print`,
  leads: '/leads',
  lead: (id: string) => `/leads/${seg(id)}`,
  campaigns: '/campaigns',
  campaign: (id: string) => `/campaigns/${seg(id)}`,
  outbox: '/outbox',
  /** Persona analytics across the workspace: coverage and the responses no persona matches. */
  analytics: '/analytics',
  campaignOutbox: (campaignId: string) => `/outbox?campaignId=${seg(campaignId)}`,
  // Team mode: signing in, invitations, workspaces and their settings.
  signIn: '/sign-in',
  signUp: '/sign-up',
  invitation: (id: string) => `/invite/${seg(id)}`,
  newWorkspace: '/workspaces/new',
  teamSettings: '/settings/team',
  tokenSettings: '/settings/tokens',
  activity: '/settings/activity',
  dataSettings: '/settings/data',
  workspaceExport: '/api/workspace/export',
} as const;

/** The sign-in page, coming back to `returnTo` afterwards. */
export const signInPath = (returnTo?: string, email?: string) => {
  const q = new URLSearchParams();
  if (returnTo && returnTo !== '/') q.set('returnTo', returnTo);
  if (email) q.set('email', email);
  const s = q.toString();
  return s ? `${paths.signIn}?${s}` : paths.signIn;
};

/** The router's patterns for the pages above (children of '/'). */
export const routes = {
  wizard: 'wizard',
  newWizard: 'wizard/new',
  wizardSession: 'wizard/:sessionId',
  personas: 'personas',
  personaBuilder: 'personas/builder',
  personaInBuilder: 'personas/builder/:personaId',
  responses: 'responses',
  persona: 'personas/:id',
  products: 'products',
  newProduct: 'products/builder',
  product: 'products/builder/:productId',
  contacts: 'contacts',
  newContact: 'contacts/new',
  contact: 'contacts/:id',
  contactPrep: 'contacts/:id/prep',
  companySettings: 'settings/company',
  modelSettings: 'settings/model',
  senderSettings: 'settings/sender',
  surveySettings: 'settings/survey',
  memorySettings: 'settings/memory',
  intakeSettings: 'settings/intake',
  usage: 'usage',
  insights: 'settings/insights',
  buyingProcessMaps: 'buying-process',
  newBuyingProcessMap: 'buying-process/new',
  buyingProcessSession: 'buying-process/:sessionId',
  buyingProcessPrint: 'buying-process/:id/print',
  leads: 'leads',
  lead: 'leads/:id',
  campaigns: 'campaigns',
  campaign: 'campaigns/:id',
  outbox: 'outbox',
  analytics: 'analytics',
  sessionTranscript: 'sessions/:sessionId/transcript',
  signIn: 'sign-in',
  signUp: 'sign-up',
  invitation: 'invite/:id',
  newWorkspace: 'workspaces/new',
  teamSettings: 'settings/team',
  tokenSettings: 'settings/tokens',
  activity: 'settings/activity',
  dataSettings: 'settings/data',
} as const;
