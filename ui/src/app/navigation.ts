import { useLocation } from 'react-router';
import { paths } from '../shared/paths';

// The header's map of the product: a few groups a person can scan at a glance, the same on every
// screen size (dropdowns on wide screens, one menu sheet on phones).

export type NavItem = { to: string; label: string; hint: string; testId: string; team?: true; owner?: true };
export type NavGroup = { label: string; testId: string; items: NavItem[] };

export const NAV_GROUPS: NavGroup[] = [
  {
    label: 'Personas',
    testId: 'nav-personas',
    items: [
      { to: paths.wizard, label: 'Wizard', hint: 'Define a persona by chat', testId: 'nav-wizard' },
      { to: paths.personas, label: 'Library', hint: 'Your saved personas', testId: 'nav-library' },
      { to: paths.personaBuilder, label: 'Builder', hint: 'Generate one from a contact or a description', testId: 'nav-builder' },
      { to: paths.responses, label: 'Responses', hint: 'What real customers answered in surveys', testId: 'nav-responses' },
      { to: paths.analytics, label: 'Analytics', hint: 'How well your personas match real survey answers', testId: 'nav-analytics' },
    ],
  },
  {
    label: 'Journeys',
    testId: 'nav-journeys',
    items: [{ to: paths.buyingProcessMaps, label: 'Buying process', hint: 'How each persona buys, stage by stage', testId: 'nav-buying-process' }],
  },
  {
    label: 'Contacts',
    testId: 'nav-contacts',
    items: [{ to: paths.contacts, label: 'Contacts', hint: 'People you meet, and meeting prep', testId: 'nav-contacts-list' }],
  },
  {
    label: 'Outreach',
    testId: 'nav-outreach',
    items: [
      { to: paths.leads, label: 'Leads', hint: 'Who you write to', testId: 'nav-leads' },
      { to: paths.campaigns, label: 'Campaigns', hint: 'Sequences of emails', testId: 'nav-campaigns' },
      { to: paths.outbox, label: 'Outbox', hint: 'Every email, sent or stored', testId: 'nav-outbox' },
    ],
  },
];

export const SETTINGS_ITEMS: NavItem[] = [
  { to: paths.companySettings, label: 'Company', hint: 'Your company profile', testId: 'nav-company' },
  { to: paths.products, label: 'Products', hint: 'What you sell', testId: 'nav-products' },
  { to: paths.memorySettings, label: 'Memory', hint: 'What personaflow remembers about your business', testId: 'nav-memory' },
  { to: paths.senderSettings, label: 'Sender', hint: 'Who your emails come from', testId: 'nav-sender' },
  { to: paths.surveySettings, label: 'Survey link', hint: 'A public survey for real customers', testId: 'nav-survey' },
  { to: paths.modelSettings, label: 'Model provider', hint: 'Which AI model answers', testId: 'nav-provider' },
  { to: paths.usage, label: 'Usage', hint: 'Model calls and estimated cost', testId: 'nav-usage' },
  { to: paths.teamSettings, label: 'Team', hint: 'Members and invitations', testId: 'nav-team', team: true },
  { to: paths.tokenSettings, label: 'API tokens', hint: 'For scripts and the Genkit client', testId: 'nav-tokens', team: true },
  { to: paths.insights, label: 'Insights', hint: 'What feedback says about the replies', testId: 'nav-insights', owner: true },
  { to: paths.activity, label: 'Activity', hint: 'Who did what in this workspace', testId: 'nav-activity', owner: true },
  { to: paths.dataSettings, label: 'Your data', hint: 'Export every record of this workspace', testId: 'nav-data', owner: true },
];

/** Whether a page belongs to an item: its own address or any page under it ("/leads/123" under Leads). */
export const isUnder = (pathname: string, to: string) => pathname === to || pathname.startsWith(`${to}/`);

/** The item a page belongs to: the most specific address that contains it ("/personas/builder" is Builder, not Library). */
export function activeItem(pathname: string, items: NavItem[]): NavItem | undefined {
  return items.filter((i) => isUnder(pathname, i.to)).sort((a, b) => b.to.length - a.to.length)[0];
}

export const ALL_NAV_ITEMS: NavItem[] = [...NAV_GROUPS.flatMap((g) => g.items), ...SETTINGS_ITEMS];

/** The header item the current page belongs to. */
export function useCurrentNavItem(): NavItem | undefined {
  return activeItem(useLocation().pathname, ALL_NAV_ITEMS);
}
