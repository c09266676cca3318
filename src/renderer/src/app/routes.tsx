import { createHashRouter, type RouteObject } from 'react-router'
import { AuditPage } from '../features/audit'
import { BackupStatusLine } from '../features/backup'
import { ClientPage, ClientsPage, EditClientPage, NewClientPage } from '../features/clients'
import { IncidentPage, WalkoutStartPage } from '../features/incidents'
import { HomePage } from '../features/dashboard/HomePage'
import { PatternsPage } from '../features/patterns'
import { SearchPage, SearchProvider } from '../features/search'
import {
  ChartCopyPage,
  ClientPrepSheetPage,
  IncidentPrepSheetPage,
  LetterPage,
  LettersPage,
} from '../features/printing'
import { SampleBanner } from '../features/vault'
import { CalmError } from './ErrorBoundary'
import { Layout } from './Layout'
import { NotFound } from './NotFound'
import { SettingsPage } from './SettingsPage'

/**
 * Routes carry random ids at most, never names or other client data: the address of a screen
 * is visible in history and crash reports.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    // The search box (in the layout) and its results screen share what was typed.
    element: (
      <SearchProvider>
        <Layout />
      </SearchProvider>
    ),
    // The layout itself failing: the shell cannot be trusted to show, but the sample vault's
    // banner still says where this is.
    errorElement: (
      <>
        <SampleBanner />
        <CalmError />
      </>
    ),
    children: [
      {
        // A screen failing: its place in the layout says so, and the shell stays (the lock,
        // the navigation, and the sample vault's banner).
        errorElement: <CalmError />,
        children: [
          { index: true, element: <HomePage extra={<BackupStatusLine />} /> },
          { path: 'clients', element: <ClientsPage /> },
          { path: 'clients/new', element: <NewClientPage /> },
          { path: 'clients/:clientId', element: <ClientPage /> },
          { path: 'clients/:clientId/edit', element: <EditClientPage /> },
          { path: 'clients/:clientId/print/prep-sheet', element: <ClientPrepSheetPage /> },
          { path: 'clients/:clientId/letters', element: <LettersPage /> },
          { path: 'clients/:clientId/letters/:kind', element: <LetterPage /> },
          { path: 'walkout/new', element: <WalkoutStartPage /> },
          { path: 'incidents/:incidentId', element: <IncidentPage /> },
          { path: 'incidents/:incidentId/:step', element: <IncidentPage /> },
          { path: 'incidents/:incidentId/print/prep-sheet', element: <IncidentPrepSheetPage /> },
          { path: 'incidents/:incidentId/print/chart', element: <ChartCopyPage /> },
          { path: 'patterns', element: <PatternsPage /> },
          // The query stays in memory (features/search): it is client data, never part of the address.
          { path: 'search', element: <SearchPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]

export function createAppRouter() {
  return createHashRouter(routes)
}
