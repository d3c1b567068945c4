import { createBrowserRouter, Navigate } from 'react-router';
import { BuyingProcessWizardPage } from '../features/buying-process/components/BuyingProcessWizardPage';
import { MapsLibraryPage } from '../features/buying-process/components/MapsLibraryPage';
import { PrintPage } from '../features/buying-process/components/PrintPage';
import { StartMap } from '../features/buying-process/components/StartMap';
import { CompanySettingsPage } from '../features/company/components/CompanySettingsPage';
import { ContactPage } from '../features/contacts/components/ContactPage';
import { ContactsPage } from '../features/contacts/components/ContactsPage';
import { NewContactPage } from '../features/contacts/components/NewContactPage';
import { BuilderPage } from '../features/persona-builder/components/BuilderPage';
import { ProductBuilderPage } from '../features/products/components/ProductBuilderPage';
import { ProductsPage } from '../features/products/components/ProductsPage';
import { WizardEntry } from '../features/persona-definition/components/WizardEntry';
import { WizardPage } from '../features/persona-definition/components/WizardPage';
import { DetailPage } from '../features/personas/components/DetailPage';
import { LibraryPage } from '../features/personas/components/LibraryPage';
import { Layout } from './Layout';
import { NotFound, RouteError } from './RouteError';

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
      { path: 'settings/company', element: <CompanySettingsPage /> },
      { path: 'buying-process', element: <MapsLibraryPage /> },
      { path: 'buying-process/new', element: <StartMap key="new" /> },
      { path: 'buying-process/:sessionId', element: <BuyingProcessWizardPage /> },
      { path: 'buying-process/:id/print', element: <PrintPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
