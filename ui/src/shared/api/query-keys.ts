// Query keys shared across features, so one feature can refresh another's data
// (e.g. saving a persona in the wizard refreshes the library) without importing it.
export const queryKeys = {
  config: ['config'] as const,
  personas: ['personas'] as const,
  persona: (id: string) => ['personas', id] as const,
  productFits: (personaId: string) => ['personas', personaId, 'product-fits'] as const,
  sessions: (flow: string) => ['sessions', flow] as const,
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
};
