import type { PreviewRow } from '../../shared/contract';
import { EngineError, type RowProblem } from '../../shared/errors';
import type { EngineState, Register } from '../engine';
import { ChargeDraft, TEXT_INDEX } from '../imports/charge-writer';
import { readCsv } from '../imports/csv-reader';
import { createMappedMapper, TEXT_FIELDS } from '../imports/formats/mapped';
import { checkMapping, deleteProfile, listProfiles, saveProfile } from '../imports/mapping-profiles';
import { blobSource } from '../imports/sources';
import { formatPico, joinSplit } from '../money/decimal';
import type { ByteSource } from '../../shared/contract';

/** The header and the first `limit` records of a delimited file, as written. */
async function firstRecords(source: ByteSource, limit: number): Promise<{ header: string[]; rows: string[][]; lines: number[] }> {
  const problems: RowProblem[] = [];
  for await (const batch of readCsv(source, {
    onBytes: () => undefined,
    throwIfCancelled: () => undefined,
    onProblem: (p) => problems.push(p),
    onNote: () => undefined,
  })) {
    const [header, ...rest] = batch.rows;
    const keep = rest.map((r, i) => ({ r, line: batch.lines[i + 1] })).filter(({ r }) => !(r.length === 1 && r[0] === ''));
    return { header, rows: keep.slice(0, limit).map((k) => k.r), lines: keep.slice(0, limit).map((k) => k.line) };
  }
  throw new EngineError('import/empty-file', `${source.name} is empty.`, { file: source.name });
}


/** A draft as the analyst will see it stored. */
function previewOf(d: ChargeDraft): PreviewRow {
  const iso = (s: number | null): string | null => (s === null ? null : new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
  const values: PreviewRow['values'] = {
    ChargePeriodStart: iso(d.chargePeriodStart),
    ChargePeriodEnd: iso(d.chargePeriodEnd),
    BilledCost: formatPico(joinSplit(d.billed.hi, d.billed.lo)),
    EffectiveCost: formatPico(joinSplit(d.effective.hi, d.effective.lo)),
    ListCost: formatPico(joinSplit(d.list.hi, d.list.lo)),
    x_Tokens: d.tokens === null ? null : String(d.tokens),
    x_Requests: d.requests === null ? null : String(d.requests),
    Tags: d.tagsJson,
  };
  for (const [field, column] of TEXT_FIELDS) values[field] = d.text[TEXT_INDEX[column]];
  return { line: d.rowNumber, values };
}

export function registerMappingHandlers(register: Register, state: EngineState): void {
  register('mapping/sample', async ({ file, rows = 20 }) => {
    const { header, rows: records } = await firstRecords(blobSource(file), rows);
    return { header, rows: records };
  });

  register('mapping/preview', async ({ file, mapping, rows = 20 }) => {
    const { header, rows: records, lines } = await firstRecords(blobSource(file), rows);
    checkMapping(header, mapping);
    const mapper = createMappedMapper(file.name, header, mapping);
    const draft = new ChargeDraft();
    const out: PreviewRow[] = [];
    const problems: RowProblem[] = [];
    const sink = { next: () => draft.reset(), emit: () => out.push(previewOf(draft)) };
    records.forEach((r, i) => {
      if (r.length !== header.length) {
        problems.push({ file: file.name, row: lines[i], column: null, value: null, expected: `${header.length} fields like the header, found ${r.length}` });
      } else mapper.map(r, lines[i], sink, (p) => problems.push(p));
    });
    return { rows: out, problems };
  });

  register('mapping/save', async ({ name, header, mapping }) => {
    const profile = saveProfile(state.requireWorkspace(), state.host.clock, name, header, mapping);
    state.host.emit('db/changed', { tables: ['mappings'] });
    return profile;
  });

  register('mapping/list', async () => listProfiles(state.requireWorkspace()));

  register('mapping/delete', async ({ id }) => {
    deleteProfile(state.requireWorkspace(), id);
    state.host.emit('db/changed', { tables: ['mappings'] });
    return null;
  });
}
