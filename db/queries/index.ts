import type { Database } from '../client.js';
import { accountQueries } from './accounts.js';
import { auditQueries } from './audit.js';
import { workspaceExportQueries } from './workspace-export.js';
import { campaignQueries } from './campaigns.js';
import { emailLogQueries } from './email-logs.js';
import { leadQueries } from './leads.js';
import { leadResearchQueries } from './lead-research.js';
import { intakeQueries } from './intake.js';
import { feedbackQueries } from './feedback.js';
import { insightQueries } from './insights.js';
import { memoryQueries } from './memory.js';
import { toneChoiceQueries } from './tone-choices.js';
import { buyingProcessQueries } from './buying-processes.js';
import { companyProfileQueries, contactQueries, productQueries } from './catalog.js';
import { contactAnalysisQueries } from './contact-analyses.js';
import { modelCallQueries } from './model-calls.js';
import { productFitQueries } from './product-fits.js';
import { personaQueries } from './personas.js';
import { personaAnalyticsQueries } from './persona-analytics.js';
import { surveyResponseQueries } from './survey-responses.js';
import { unmatchedGroupQueries } from './unmatched-groups.js';
import { senderProfileQueries } from './sender-profiles.js';
import { surveyLinkQueries } from './survey-links.js';
import { promptVersionQueries } from './prompt-versions.js';
import { transcriptQueries } from './transcripts.js';
import { wizardSessionQueries } from './wizard-sessions.js';
import { workspaceQueries } from './workspaces.js';

/** The only module that touches the database; flows and routes receive this object. */
export function createQueries(db: Database) {
  return {
    workspaces: workspaceQueries(db),
    accounts: accountQueries(db),
    audit: auditQueries(db),
    workspaceExport: workspaceExportQueries(db),
    wizardSessions: wizardSessionQueries(db),
    transcripts: transcriptQueries(db),
    promptVersions: promptVersionQueries(db),
    personas: personaQueries(db),
    buyingProcesses: buyingProcessQueries(db),
    companyProfiles: companyProfileQueries(db),
    senderProfiles: senderProfileQueries(db),
    products: productQueries(db),
    contacts: contactQueries(db),
    productFits: productFitQueries(db),
    contactAnalyses: contactAnalysisQueries(db),
    modelCalls: modelCallQueries(db),
    leads: leadQueries(db),
    leadResearch: leadResearchQueries(db),
    campaigns: campaignQueries(db),
    emailLogs: emailLogQueries(db),
    surveyResponses: surveyResponseQueries(db),
    personaAnalytics: personaAnalyticsQueries(db),
    unmatchedGroups: unmatchedGroupQueries(db),
    surveyLinks: surveyLinkQueries(db),
    memory: memoryQueries(db),
    toneChoices: toneChoiceQueries(db),
    intake: intakeQueries(db),
    feedback: feedbackQueries(db),
    insights: insightQueries(db),
  };
}

export type Queries = ReturnType<typeof createQueries>;
export type { Snapshot, CommitEffect, SessionSummary } from './wizard-sessions.js';
