/**
 * The price catalog the app ships: src/core/pricing/catalog.json, compiled from pricing/ by
 * scripts/pricing-build.mjs and committed, so neither the app nor the CLI needs a build step.
 * It is read through the same checks as the sources, so a hand-edited catalog fails loudly.
 */
import compiled from './catalog.json';
import { readCatalog } from './read-catalog';
import { createPriceBook, type PriceBook } from './resolve';

let book: PriceBook | null = null;

export function priceBook(): PriceBook {
  if (book === null) {
    const { catalog, issues } = readCatalog(compiled);
    if (issues.length > 0) throw new Error(`The bundled price catalog is invalid: ${issues.slice(0, 5).join('; ')}`);
    book = createPriceBook(catalog);
  }
  return book;
}

export { createPriceBook } from './resolve';
export type { Candidate, Coordinate, PriceBook, PriceQuery, Resolution } from './resolve';
export type { Catalog, Meter, PriceRecord, Rates, Scope, Tier, Unit } from './types';
