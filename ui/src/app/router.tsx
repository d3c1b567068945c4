import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './Layout';
import { NotFound, RouteError } from './RouteError';

// Every page is its own chunk (React.lazy), loaded on first visit; Layout shows a loading
// fallback meanwhile (Suspense around the outlet), so the first load only carries the shell.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: each page keeps its own
function page<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const WizardEntry = page(() => import('../features/persona-definition/components/WizardEntry'), 'WizardEntry');
const WizardPage = page(() => import('../features/persona-definition/components/WizardPage'), 'WizardPage');
const LibraryPage = page(() => import('../features/personas/components/LibraryPage'), 'LibraryPage');
const DetailPage = page(() => import('../features/personas/components/DetailPage'), 'DetailPage');
const BuilderPage = page(() => import('../features/persona-builder/components/BuilderPage'), 'BuilderPage');
const ProductsPage = page(() => import('../features/products/components/ProductsPage'), 'ProductsPage');
const ProductBuilderPage = page(() => import('../features/products/components/ProductBuilderPage'), 'ProductBuilderPage');
const ContactsPage = page(() => import('../features/contacts/components/ContactsPage'), 'ContactsPage');
const NewContactPage = page(() => import('../features/contacts/components/NewContactPage'), 'NewContactPage');
const ContactPage = page(() => import('../features/contacts/components/ContactPage'), 'ContactPage');
const ContactPrepPage = page(() => import('../features/contact-prep/components/ContactPrepPage'), 'ContactPrepPage');
const CompanySettingsPage = page(() => import('../features/company/components/CompanySettingsPage'), 'CompanySettingsPage');
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
const PrintPage = page(() => import('../features/buying-process/components/PrintPage'), 'PrintPage');

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/wizard" replace /> },
      { path: 'wizard', element: <WizardEntry /> },
      { path: 'wizard/new', element: <WizardEntry key="new" fresh /> },
      { path: 'wizard/:sessionId', element: <WizardPage /> },
      { path: 'personas', element: <LibraryPage /> },
      { path: 'personas/builder', element: <BuilderPage /> },
      { path: 'personas/builder/:personaId', element: <BuilderPage /> },
      { path: 'personas/:id', element: <DetailPage /> },
      { path: 'products', element: <ProductsPage /> },
      { path: 'products/builder', element: <ProductBuilderPage /> },
      { path: 'products/builder/:productId', element: <ProductBuilderPage /> },
      { path: 'contacts', element: <ContactsPage /> },
      { path: 'contacts/new', element: <NewContactPage /> },
      { path: 'contacts/:id', element: <ContactPage /> },
      { path: 'contacts/:id/prep', element: <ContactPrepPage /> },
      { path: 'settings/company', element: <CompanySettingsPage /> },
      { path: 'settings/model', element: <ProviderSettingsPage /> },
      { path: 'usage', element: <UsagePage /> },
      { path: 'buying-process', element: <MapsLibraryPage /> },
      { path: 'buying-process/new', element: <StartMap key="new" /> },
      { path: 'buying-process/:sessionId', element: <BuyingProcessWizardPage /> },
      { path: 'buying-process/:id/print', element: <PrintPage /> },
      { path: 'leads', element: <LeadsPage /> },
      { path: 'leads/:id', element: <LeadPage /> },
      { path: 'campaigns', element: <CampaignsPage /> },
      { path: 'campaigns/:id', element: <CampaignPage /> },
      { path: 'outbox', element: <OutboxPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
