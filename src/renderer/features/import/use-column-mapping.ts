import { useEffect, useMemo, useState } from 'react';
import type { ColumnMapping, MappableField, PreviewRow } from '../../../shared/contract';
import type { EngineErrorPayload, RowProblem } from '../../../shared/errors';
import { toEngineError } from '../../engine/client';
import { useEngine } from '../../engine/engine-context';

/** Header words that usually mean a field, for a first guess the analyst then corrects. */
const GUESSES: [MappableField, RegExp][] = [
  ['ChargePeriodStart', /^(date|day|usage ?date|start ?(date|time)?|period ?start|billing ?date)$/i],
  ['BilledCost', /^(cost|amount|spend|billed ?cost|total ?cost|charge|cost ?\(?usd\)?)$/i],
  ['BillingCurrency', /^(currency|currency ?code)$/i],
  ['ProviderName', /^(provider|vendor|supplier)$/i],
  ['ServiceName', /^(service|product)$/i],
  ['SubAccountId', /^(account|account ?id|project ?id|subscription ?id)$/i],
  ['x_Model', /^(model|model ?name)$/i],
  ['x_Tokens', /^(tokens|total ?tokens)$/i],
  ['x_Requests', /^(requests|calls)$/i],
  ['x_Project', /^(project|team)$/i],
  ['x_ApiKey', /^(api ?key|key)$/i],
  ['x_User', /^(user|email|user ?email)$/i],
  ['Tags', /^(tags|labels)$/i],
];

function firstGuess(header: string[]): ColumnMapping {
  const columns: ColumnMapping['columns'] = {};
  for (const [field, re] of GUESSES) {
    const hit = header.find((h) => re.test(h.trim()) && !Object.values(columns).includes(h));
    if (hit !== undefined) columns[field] = hit;
  }
  return { columns, tagColumns: [], dayOrder: null, currency: 'USD', provider: null, sourceKind: 'invoice' };
}

export type MappingState = {
  header: string[] | null;
  sample: string[][];
  mapping: ColumnMapping;
  setMapping: (m: ColumnMapping) => void;
  preview: PreviewRow[];
  problems: RowProblem[];
  /** Why the preview cannot be shown (e.g. the date or cost column is not chosen yet). */
  previewError: EngineErrorPayload | null;
  loadError: EngineErrorPayload | null;
};

/** Loads a file's header and first rows, and previews the mapping as it changes. */
export function useColumnMapping(file: File | null): MappingState {
  const engine = useEngine();
  const [header, setHeader] = useState<string[] | null>(null);
  const [sample, setSample] = useState<string[][]>([]);
  const [mapping, setMapping] = useState<ColumnMapping>(firstGuess([]));
  const [preview, setPreview] = useState<PreviewRow[]>([]);
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [previewError, setPreviewError] = useState<EngineErrorPayload | null>(null);
  const [loadError, setLoadError] = useState<EngineErrorPayload | null>(null);
  const input = useMemo(() => (file ? { name: file.name, size: file.size, file } : null), [file]);

  useEffect(() => {
    if (!input) return;
    let live = true;
    setHeader(null);
    engine.call('mapping/sample', { file: input, rows: 8 }).then(
      (s) => {
        if (!live) return;
        setHeader(s.header);
        setSample(s.rows);
        setMapping(firstGuess(s.header));
      },
      (e: unknown) => live && setLoadError(toEngineError(e).toPayload()),
    );
    return () => {
      live = false;
    };
  }, [engine, input]);

  useEffect(() => {
    if (!input || !header) return;
    let live = true;
    // Typing in the currency box fires per key; wait for a pause before asking the engine.
    const timer = setTimeout(() => {
      engine.call('mapping/preview', { file: input, mapping, rows: 8 }).then(
        (p) => {
          if (!live) return;
          setPreview(p.rows);
          setProblems(p.problems);
          setPreviewError(null);
        },
        (e: unknown) => {
          if (!live) return;
          setPreview([]);
          setProblems([]);
          setPreviewError(toEngineError(e).toPayload());
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, input, header, mapping]);

  return { header, sample, mapping, setMapping, preview, problems, previewError, loadError };
}
