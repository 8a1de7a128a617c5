import { describe, expect, it } from 'vitest';
import { flexibleKey, foldCase } from '../../../../src/core/allocation/rules';

describe('foldCase', () => {
  it('folds German sharp s, including the capital ẞ, to ss', () => {
    expect(foldCase('Straße')).toBe('strasse');
    expect(foldCase('STRASSE')).toBe('strasse');
    expect(foldCase('STRAẞE')).toBe('strasse');
    expect(foldCase('strasse')).toBe(foldCase('Straße'));
  });

  it('folds every Greek sigma to one form, wherever it stands in a word', () => {
    expect(foldCase('ΟΔΟΣ')).toBe('οδοσ');
    expect(foldCase('οδος')).toBe('οδοσ');
    expect(foldCase('ΟΔΌΣ Σ')).toBe(foldCase('οδόσ σ'));
    expect(foldCase('ς')).toBe(foldCase('Σ'));
  });

  it('treats the Turkish dotted capital I as plain i', () => {
    expect(foldCase('İstanbul')).toBe('istanbul');
    expect(foldCase('ISTANBUL')).toBe('istanbul');
    expect(foldCase('İSTANBUL')).toBe(foldCase('istanbul'));
    expect(foldCase('ıstanbul')).toBe('istanbul');
  });

  it('composes accents (NFC) and folds accented and titlecase letters', () => {
    expect(foldCase('Ä')).toBe('ä');
    expect(foldCase('A\u0308')).toBe('ä');
    expect(foldCase('Ǆ')).toBe('ǆ');
    expect(foldCase('ǅ')).toBe('ǆ');
    expect(foldCase('ǰ')).toBe('ǰ');
    expect(foldCase('ﬀ')).toBe('ff');
    expect(foldCase('ÉCOLE')).toBe(foldCase('école'));
  });

  it('leaves scripts without case untouched', () => {
    expect(foldCase('東京チーム')).toBe('東京チーム');
    expect(foldCase('검색')).toBe('검색');
    expect(foldCase('Search-東京')).toBe('search-東京');
  });
});

describe('flexibleKey', () => {
  it('ignores case, whitespace, underscores and hyphens', () => {
    expect(flexibleKey('Prod_Team')).toBe('prodteam');
    expect(flexibleKey('prod team')).toBe('prodteam');
    expect(flexibleKey('PROD-TEAM')).toBe('prodteam');
    expect(flexibleKey(' prod\u00a0\tteam ')).toBe('prodteam');
    expect(flexibleKey('prod.team')).toBe('prod.team');
  });

  it('folds non-ASCII text the way foldCase does', () => {
    expect(flexibleKey('Straße_Nord')).toBe(flexibleKey('STRASSE NORD'));
  });
});
