import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout, RouteOutlet } from './Layout';
import { NotFound, RouteError } from './RouteError';
import { SessionGate } from './SessionGate';
import { routes } from '../shared/paths';

// Every page is its own chunk (React.lazy), loaded on first visit; Layout shows a loading
// fallback meanwhile (Suspense around the outlet), so the first load only carries the shell.
// Record<string, never>: a page needs no props from the router (each keeps its own, all optional).
function page<K extends string, M extends Record<K, ComponentType<Record<string, never>>>>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const HomePage = page(() => import('../features/home/components/HomePage'), 'HomePage');
const WizardEntry = page(() => import('../features/persona-definition/components/WizardEntry'), 'WizardEntry');
const WizardPage = page(() => import('../features/persona-definition/components/WizardPage'), 'WizardPage');
const LibraryPage = page(() => import('../features/personas/components/LibraryPage'), 'LibraryPage');
const DetailPage = page(() => import('../features/personas/components/DetailPage'), 'DetailPage');
const ResponsesPage = page(() => import('../features/responses/components/ResponsesPage'), 'ResponsesPage');
const BuilderPage = page(() => import('../features/persona-builder/components/BuilderPage'), 'BuilderPage');
const ProductsPage = page(() => import('../features/products/components/ProductsPage'), 'ProductsPage');
const ProductBuilderPage = page(() => import('../features/products/components/ProductBuilderPage'), 'ProductBuilderPage');
const ContactsPage = page(() => import('../features/contacts/components/ContactsPage'), 'ContactsPage');
const NewContactPage = page(() => import('../features/contacts/components/NewContactPage'), 'NewContactPage');
const ContactPage = page(() => import('../features/contacts/components/ContactPage'), 'ContactPage');
const ContactPrepPage = page(() => import('../features/contact-prep/components/ContactPrepPage'), 'ContactPrepPage');
const CompanySettingsPage = page(() => import('../features/company/components/CompanySettingsPage'), 'CompanySettingsPage');
const SenderSettingsPage = page(() => import('../features/sender-settings/components/SenderSettingsPage'), 'SenderSettingsPage');
const MemoryPage = page(() => import('../features/memory/components/MemoryPage'), 'MemoryPage');
const IntakePage = page(() => import('../features/intake/components/IntakePage'), 'IntakePage');
const SurveyLinkPage = page(() => import('../features/survey-link/components/SurveyLinkPage'), 'SurveyLinkPage');
const ProviderSettingsPage = page(() => import('../features/provider-settings/components/ProviderSettingsPage'), 'ProviderSettingsPage');
const UsagePage = page(() => import('../features/usage/components/UsagePage'), 'UsagePage');
const MapsLibraryPage = page(() => import('../features/buying-process/components/MapsLibraryPage'), 'MapsLibraryPage');
const StartMap = page(() => import('../features/buying-process/components/StartMap'), 'StartMap');
const BuyingProcessWizardPage = page(() => import('../features/buying-process/components/BuyingProcessWizardPage'), 'BuyingProcessWizardPage');
const LeadsPage = page(() => import('../features/leads/components/LeadsPage'), 'LeadsPage');
const LeadPage = page(() => import('../features/leads/components/LeadPage'), 'LeadPage');
const CampaignsPage = page(() => import('../features/campaigns/components/CampaignsPage'), 'CampaignsPage');
const CampaignPage = page(() => import('../features/campaigns/components/CampaignPage'), 'CampaignPage');
const OutboxPage = page(() => import('../features/outbox/components/OutboxPage'), 'OutboxPage');
const SignInPage = page(() => import('../features/account/components/SignInPage'), 'SignInPage');
const SignUpPage = page(() => import('../features/account/components/SignUpPage'), 'SignUpPage');
const InvitePage = page(() => import('../features/account/components/InvitePage'), 'InvitePage');
const NewWorkspacePage = page(() => import('../features/account/components/WorkspacePages'), 'NewWorkspacePage');
const TeamPage = page(() => import('../features/team/components/TeamPage'), 'TeamPage');
const TokensPage = page(() => import('../features/team/components/TokensPage'), 'TokensPage');
const InsightsPage = page(() => import('../features/insights/components/InsightsPage'), 'InsightsPage');
const ActivityPage = page(() => import('../features/team/components/ActivityPage'), 'ActivityPage');
const DataPage = page(() => import('../features/team/components/DataPage'), 'DataPage');
const AnalyticsOverviewPage = page(() => import('../features/persona-analytics/components/AnalyticsOverviewPage'), 'AnalyticsOverviewPage');
// The persona page's Analytics tab comes from the persona-analytics feature: the router hands it to
// DetailPage (features never import each other), and it loads only when the tab is opened.
const PersonaAnalyticsTab = lazy(() => import('../features/persona-analytics/components/AnalyticsTab').then((m) => ({ default: m.AnalyticsTab })));
const TranscriptPage = page(() => import('../features/transcript/components/TranscriptPage'), 'TranscriptPage');
const PrintPage = page(() => import('../features/buying-process/components/PrintPage'), 'PrintPage');

/** Pages outside the app shell (sign-in, sign-up, an invitation): no header, no sign-in needed. */
function Bare() {
  return <RouteOutlet />;
}

export const router = createBrowserRouter([
  {
    element: <Bare />,
    errorElement: <RouteError />,
    children: [
      { path: routes.signIn, element: <SignInPage /> },
      { path: routes.signUp, element: <SignUpPage /> },
      { path: routes.invitation, element: <InvitePage /> },
    ],
  },
  {
    path: '/',
    element: (
      <SessionGate>
        <Layout />
      </SessionGate>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: routes.wizard, element: <WizardEntry /> },
      { path: routes.newWizard, element: <WizardEntry key="new" fresh /> },
      { path: routes.wizardSession, element: <WizardPage /> },
      { path: routes.personas, element: <LibraryPage /> },
      { path: routes.personaBuilder, element: <BuilderPage /> },
      { path: routes.personaInBuilder, element: <BuilderPage /> },
      { path: routes.responses, element: <ResponsesPage /> },
      { path: routes.persona, element: <DetailPage analyticsTab={PersonaAnalyticsTab} /> },
      { path: routes.products, element: <ProductsPage /> },
      { path: routes.newProduct, element: <ProductBuilderPage /> },
      { path: routes.product, element: <ProductBuilderPage /> },
      { path: routes.contacts, element: <ContactsPage /> },
      { path: routes.newContact, element: <NewContactPage /> },
      { path: routes.contact, element: <ContactPage /> },
      { path: routes.contactPrep, element: <ContactPrepPage /> },
      { path: routes.companySettings, element: <CompanySettingsPage /> },
      { path: routes.modelSettings, element: <ProviderSettingsPage /> },
      { path: routes.senderSettings, element: <SenderSettingsPage /> },
      { path: routes.surveySettings, element: <SurveyLinkPage /> },
      { path: routes.memorySettings, element: <MemoryPage /> },
      { path: routes.intakeSettings, element: <IntakePage /> },
      { path: routes.usage, element: <UsagePage /> },
      { path: routes.teamSettings, element: <TeamPage /> },
      { path: routes.tokenSettings, element: <TokensPage /> },
      { path: routes.activity, element: <ActivityPage /> },
      { path: routes.insights, element: <InsightsPage /> },
      { path: routes.dataSettings, element: <DataPage /> },
      { path: routes.newWorkspace, element: <NewWorkspacePage /> },
      { path: routes.buyingProcessMaps, element: <MapsLibraryPage /> },
      { path: routes.newBuyingProcessMap, element: <StartMap key="new" /> },
      { path: routes.buyingProcessSession, element: <BuyingProcessWizardPage /> },
      { path: routes.buyingProcessPrint, element: <PrintPage /> },
      { path: routes.leads, element: <LeadsPage /> },
      { path: routes.lead, element: <LeadPage /> },
      { path: routes.campaigns, element: <CampaignsPage /> },
      { path: routes.campaign, element: <CampaignPage /> },
      { path: routes.outbox, element: <OutboxPage /> },
      { path: routes.analytics, element: <AnalyticsOverviewPage /> },
      { path: routes.sessionTranscript, element: <TranscriptPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
