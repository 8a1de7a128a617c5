import { useMemo, useState } from 'react';
import type { MoneyTotals, Summary, SummaryGroup, TableName } from '../../../shared/contract';
import type { EngineError } from '../../../shared/errors';
import { useEngineQuery } from '../../engine/use-engine-query';
import { decimalToNumber } from '../../format';

export type ExploreData = {
  currencies: string[];
  currency: string | null;
  totals: MoneyTotals | null;
  rows: number;
  months: string[];
  providers: string[];
  /** Billed cost (decimal string) per `cellKey(month, provider)`. */
  cells: Map<string, string>;
  monthTotals: Map<string, string>;
  providerTotals: Map<string, string>;
};

export const cellKey = (month: string, provider: string) => `${month}\u0000${provider}`;

const TABLES: TableName[] = ['charges', 'imports', 'workspace'];

/** Null dimension values (a charge without a provider) still need a row; '' stands for them. */
const k = (v: string | null | undefined) => v ?? '';

function inCurrency(summary: Summary | undefined, currency: string | null): SummaryGroup[] {
  return (summary?.groups ?? []).filter((g) => g.currency === currency);
}

/**
 * Month × provider billed cost for one currency. Every total comes from the engine (three
 * groupings of the same query), so the UI never adds money; numbers are parsed only to size bars
 * and to order providers.
 */
export function useExploreData(): { data: ExploreData | null; error: EngineError | null; loading: boolean; setCurrency: (c: string) => void } {
  const tables = TABLES;
  const cells = useEngineQuery('summary/totals', { by: ['month', 'provider', 'currency'] }, { tables });
  const byMonth = useEngineQuery('summary/totals', { by: ['month', 'currency'] }, { tables });
  const byProvider = useEngineQuery('summary/totals', { by: ['provider', 'currency'] }, { tables });
  const [chosen, setCurrency] = useState<string | null>(null);

  const data = useMemo((): ExploreData | null => {
    const summary = byMonth.data;
    if (!summary || !cells.data || !byProvider.data) return null;
    const byCurrency = [...summary.totalsByCurrency].sort((a, b) => decimalToNumber(b.billedCost) - decimalToNumber(a.billedCost));
    const currencies = byCurrency.map((t) => t.currency);
    const currency = chosen && currencies.includes(chosen) ? chosen : (currencies[0] ?? null);
    const totals = byCurrency.find((t) => t.currency === currency) ?? null;

    const monthGroups = inCurrency(summary, currency);
    const providerGroups = inCurrency(byProvider.data, currency).sort(
      (a, b) => decimalToNumber(b.billedCost) - decimalToNumber(a.billedCost),
    );
    return {
      currencies,
      currency,
      totals,
      rows: monthGroups.reduce((n, g) => n + g.rows, 0),
      months: monthGroups.map((g) => k(g.key.month)).sort(),
      providers: providerGroups.map((g) => k(g.key.provider)),
      cells: new Map(inCurrency(cells.data, currency).map((g) => [cellKey(k(g.key.month), k(g.key.provider)), g.billedCost])),
      monthTotals: new Map(monthGroups.map((g) => [k(g.key.month), g.billedCost])),
      providerTotals: new Map(providerGroups.map((g) => [k(g.key.provider), g.billedCost])),
    };
  }, [cells.data, byMonth.data, byProvider.data, chosen]);

  return {
    data,
    error: cells.error ?? byMonth.error ?? byProvider.error,
    loading: cells.loading || byMonth.loading || byProvider.loading,
    setCurrency,
  };
}
