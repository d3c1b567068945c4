import { createBrowserRouter, Navigate } from 'react-router';
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
      { path: 'personas/:id', element: <DetailPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
