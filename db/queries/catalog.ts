import type { CompanyProfile, CompanyProfileInput } from '../../schemas/company.js';
import type { Contact, ContactInput } from '../../schemas/contact.js';
import type { Product, ProductInput } from '../../schemas/product.js';
import type { Database } from '../client.js';
import { companyProfiles, contacts, products, type CompanyProfileRow, type ContactRow, type ProductRow } from '../schema.js';
import { versionedResource } from './resources.js';

// The context personas are generated in: the user's company, its products, and real contacts.

export const companyProfileQueries = (db: Database) =>
  versionedResource<CompanyProfileRow, CompanyProfileInput, CompanyProfile>(
    db,
    companyProfiles,
    'Company profile',
    (r) => ({ id: r.id, version: r.version, name: r.name, whatItDoes: r.whatItDoes, market: r.market, size: r.size, updatedAt: r.updatedAt.toISOString() }),
    (i) => ({ name: i.name, whatItDoes: i.whatItDoes, market: i.market, size: i.size }),
  );

export const productQueries = (db: Database) =>
  versionedResource<ProductRow, ProductInput, Product>(
    db,
    products,
    'Product',
    (r) => ({
      id: r.id,
      version: r.version,
      name: r.name,
      description: r.description,
      valueProposition: r.valueProposition,
      priceRange: r.priceRange,
      targetMarket: r.targetMarket,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }),
    (i) => ({ name: i.name, description: i.description, valueProposition: i.valueProposition, priceRange: i.priceRange, targetMarket: i.targetMarket }),
  );

export const contactQueries = (db: Database) =>
  versionedResource<ContactRow, ContactInput, Contact>(
    db,
    contacts,
    'Contact',
    (r) => ({
      id: r.id,
      version: r.version,
      name: r.name,
      title: r.title,
      company: r.company,
      email: r.email,
      linkedinText: r.linkedinText,
      websiteText: r.websiteText,
      enrichment: r.enrichment ?? null,
      notes: r.notes,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }),
    (i) => ({
      name: i.name,
      title: i.title,
      company: i.company,
      email: i.email,
      linkedinText: i.linkedinText,
      websiteText: i.websiteText,
      enrichment: i.enrichment,
      notes: i.notes,
    }),
  );
