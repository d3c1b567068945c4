import { asDataLiteral } from '../../lib/untrusted.js';

// Also used by bench/prompt-sizes.ts.
export const samplePersona = {
  personName: 'Scaling Ops Lead',
  title: 'Head of Operations',
  role: 'Runs fulfilment',
  coreGoal: 'Ship on time',
  painPoints: ['Carrier delays', 'Spreadsheets'],
  needForOurProduct: 'One view of shipments',
  industry: 'Retail',
  companySize: '200-500 employees',
};
const stage = {
  stage_name: 'Consideration',
  buyer_actions: 'Shortlists vendors and books demos',
  duration: '3 weeks',
  key_influencers: 'Finance and the COO',
  seller_actions: 'Offer a tailored demo',
  content_type: 'Case study',
  key_message: 'Teams like yours ship on time',
};
// What a lead's website said (flows/lead-evidence.ts researchEvidence), as the lead prompts get it.
const research = {
  fetchedAt: '2026-03-01T09:00:00.000Z',
  pages: [
    {
      kind: 'home',
      url: 'https://acme-robotics.io/',
      title: 'Acme Robotics',
      description: 'Acme Robotics builds picking robots for mid-size warehouses.',
      text: 'Acme Robotics builds picking robots for mid-size warehouses.\n\nOur robots work beside your team from day one.',
    },
    {
      kind: 'customers',
      url: 'https://acme-robotics.io/customers',
      title: 'Customers',
      description: '',
      text: 'Forty 3PLs across Europe run Acme robots today.',
    },
  ],
};

const contact = {
  name: 'Dana Ruiz',
  title: 'Head of Operations',
  company: 'Nordlys Retail',
  linkedinText: 'Head of Operations at Nordlys Retail, a 300-person online retailer. '.repeat(8),
  websiteText: '',
  notes: '',
};

/** A typical input for every prompt in prompts/, as the flows render them (untrusted text fenced). */
export const PROMPT_INPUTS: Record<string, Record<string, string>> = {
  'persona/extract': {
    phase: 'who',
    askingFor: 'title,role,seniority',
    currentJson: asDataLiteral({ personName: 'Scaling Ops Lead' }),
    messageJson: asDataLiteral("She's the Head of Operations at a 300-person online retailer"),
  },
  'persona/suggest': { fields: 'coreGoal,painPoints,needForOurProduct,potentialPitch', currentJson: asDataLiteral(samplePersona) },
  'persona/reply': {
    phase: 'wants',
    event: 'answered',
    filled: 'role',
    askingFor: 'coreGoal,painPoints',
    unconfirmed: '',
    missingRequired: 'coreGoal,painPoints',
    currentJson: asDataLiteral(samplePersona),
  },
  'persona/generate': {
    companyJson: asDataLiteral({ name: 'Shipwise', whatItDoes: 'Shipment tracking software for online retailers' }),
    productJson: asDataLiteral({
      name: 'Shipwise Live',
      description: 'A live view of every shipment and carrier delay',
      valueProposition: 'No more spreadsheets',
    }),
    contactJson: asDataLiteral(contact),
    enrichmentJson: 'null',
    descriptionJson: 'null',
  },
  'persona/product-fit': {
    personaJson: asDataLiteral(samplePersona),
    productsJson: asDataLiteral([
      { id: 'p1', name: 'Shipwise Live', description: 'Live tracking' },
      { id: 'p2', name: 'Payroll', description: 'Payroll' },
    ]),
  },
  'buying-process/extract': {
    phase: 'stages',
    asking: 'buyer_actions,duration',
    stageName: 'Awareness',
    mapJson: asDataLiteral({ buying_stages: [stage, stage, stage] }),
    messageJson: asDataLiteral('They read blogs for two weeks'),
  },
  'buying-process/reply': {
    phase: 'stages',
    event: 'answered',
    filled: 'buyer_actions',
    asking: 'duration',
    stageName: 'Awareness',
    stageNumber: '1',
    stageCount: '3',
    problems: '',
    personaName: 'Scaling Ops Lead',
    library: '',
    mapJson: asDataLiteral({ buying_stages: [stage, stage, stage] }),
  },
  'buying-process/summary': {
    journeyJson: asDataLiteral({ persona_name: 'Scaling Ops Lead', persona_pain_points: 'Carrier delays', buying_stages: [stage, stage, stage] }),
  },
  'contact/brief': {
    contactJson: asDataLiteral(contact),
    productJson: asDataLiteral({ name: 'Shipwise Live' }),
    companyJson: 'null',
    matchesJson: '[]',
    stagesJson: asDataLiteral([stage]),
  },
  'lead/persona': {
    leadJson: asDataLiteral({
      name: 'Jane Doe',
      position: 'VP of Sales',
      requirement: 'A better way to book demos',
      linkedinUrl: '',
      websiteUrl: 'https://acme-robotics.io',
      linkedinText: 'VP of Sales at Acme Robotics. I build sales teams that sell to warehouse operators.',
    }),
    researchJson: asDataLiteral(research),
    companyJson: asDataLiteral({ name: 'Shipwise', whatItDoes: 'Shipment tracking software' }),
    productJson: 'null',
  },
  'email/draft': {
    tone: 'friendly',
    senderName: 'Dana from Shipwise',
    leadJson: asDataLiteral({
      name: 'Jane Doe',
      position: 'VP of Sales',
      requirement: 'A better way to book demos',
      linkedinUrl: '',
      websiteUrl: 'https://acme-robotics.io',
      linkedinText: '',
    }),
    researchJson: asDataLiteral(research),
    personaJson: asDataLiteral({
      title: 'VP of Sales at Acme Robotics',
      industry: 'Robotics',
      painPoints: ['Needs a better way to book demos'],
      priorities: ['Pipeline'],
      icebreakerHooks: ['Their website'],
      openingLines: ['You mentioned you are looking for a better way to book demos.'],
      companyContext: 'Acme Robotics',
      keyTakeaways: 'Be brief',
    }),
    companyJson: asDataLiteral({ name: 'Shipwise', whatItDoes: 'Shipment tracking software' }),
    productJson: asDataLiteral({ name: 'Shipwise Live', description: 'Live tracking', valueProposition: 'No more spreadsheets' }),
    campaignJson: asDataLiteral({ name: 'Q1', goal: 'Book demos', callToAction: 'Open to a call Thursday?', step: 'First touch' }),
    stageJson: asDataLiteral({ name: 'Consideration', keyMessage: 'Teams like yours ship on time', contentType: 'Case study' }),
    instructionsJson: asDataLiteral(''),
  },
  'contact/chat': {
    contactJson: asDataLiteral({ name: 'Dana' }),
    briefJson: asDataLiteral({ openingLine: 'Hi', objections: [{ objection: 'Budget', response: 'ROI' }] }),
    historyJson: '[]',
    questionJson: asDataLiteral('How do I open?'),
  },
};
