import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import { useEffect, useMemo, useState } from 'react';
import type { AllocationPreviewArgs } from '../../../shared/allocation-contract';
import type { TableName } from '../../../shared/contract';
import { AllocationIcon } from '../../components/icons';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { RuleErrorReport } from './rule-error-report';
import { useEngineQuery } from '../../engine/use-engine-query';
import { formatMonth } from '../../format';
import { AllocatedTab } from './allocated-tab';
import { AllocationToolbar } from './allocation-toolbar';
import { FieldCatalogContext, buildCatalog } from './field-catalog';
import { HistoryDialog } from './history-dialog';
import { ProblemSummary } from './problem-summary';
import { SplitRulesTab } from './split-rules-tab';
import { TagRulesTab, type TagSelection } from './tag-rules-tab';
import { useAllocationDraft } from './use-allocation-draft';
import { useLivePreview, useValidation } from './use-live-preview';
import { RULES_FILE_NAME, useRuleFiles } from './use-rule-files';

type TabId = 'tags' | 'splits' | 'allocated';

const DATA: { tables: TableName[] } = { tables: ['charges', 'imports'] };

export function AllocationScreen({ onImport }: { onImport: () => void }) {
  const months = useEngineQuery('summary/totals', { by: ['month'] }, DATA);
  const fields = useEngineQuery('allocation/fields', {}, DATA);
  const d = useAllocationDraft();
  const validation = useValidation(d.saved ? d.draft : null);
  const files = useRuleFiles(d.dirty, d.adopt);
  const [tab, setTab] = useState<TabId>('tags');
  const [period, setPeriod] = useState<string | null>(null);
  const [tagSel, setTagSel] = useState<TagSelection>({ key: null, ruleId: null });
  const [splitSel, setSplitSel] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedNote, setSavedNote] = useState<number | null>(null);

  const { draft } = d;
  const hasKey = (k: string | null | undefined): k is string => !!k && draft.keys.some((x) => x.key === k);
  const selectedKey = hasKey(tagSel.key) ? tagSel.key : (draft.keys[0]?.key ?? null);
  const split = draft.splits.find((s) => s.id === splitSel) ?? null;
  const previewKey = tab === 'splits' ? (hasKey(split?.key) ? split.key : null) : selectedKey;
  const monthList = useMemo(() => (months.data?.groups ?? []).map((g) => g.key.month).filter((m): m is string => !!m).sort(), [months.data]);
  const hasCharges = (months.data?.rows ?? 0) > 0;
  const previewArgs: AllocationPreviewArgs | null =
    d.saved && previewKey && hasCharges && tab !== 'allocated'
      ? { ruleSet: draft, key: previewKey, ruleId: tab === 'tags' ? tagSel.ruleId : null, period }
      : null;
  const live = useLivePreview(previewArgs);
  // While the draft has problems the engine gives no figures; the keys keep the last ones, greyed.
  const [coverage, setCoverage] = useState(new Map<string, number>());
  const coverageStale = live.preview !== null && live.preview.problems.length > 0;
  useEffect(() => {
    if (live.preview && live.preview.problems.length === 0) setCoverage(new Map(live.preview.coverage.map((c) => [c.key, c.share])));
  }, [live.preview]);
  const catalog = useMemo(
    () => buildCatalog(fields.data, draft, tab === 'tags' ? selectedKey : null),
    [fields.data, draft, tab, selectedKey],
  );
  const problems = validation.problems;

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    setSavedNote(null);
    try {
      const stored = await d.save();
      setSavedNote(stored.version);
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  if (d.loadError) return <RuleErrorReport error={d.loadError} />;
  if (d.loading || !months.data) return <LinearProgress aria-label="Loading the rules" />;
  if (!hasCharges && draft.keys.length === 0) {
    return (
      <EmptyState
        icon={<AllocationIcon />}
        title="Nothing to allocate yet"
        action={
          <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'center' }}>
            <Button variant="contained" onClick={onImport}>
              Import files
            </Button>
            <Button variant="outlined" onClick={files.chooseFile}>
              Import rules
            </Button>
            <input ref={files.inputRef} type="file" accept=".json,application/json" hidden aria-label="Rule file to import" onChange={files.onFile} data-testid="allocation-import-input" />
          </Stack>
        }
      >
        Allocation assigns each charge to the team, feature or customer behind it. Import a bill or usage export first, so every rule can be
        previewed on real charges as you write it.
        {files.error && (
          <Box sx={{ mt: 2, textAlign: 'left' }}>
            <RuleErrorReport error={files.error.error} file={files.error.file} onClose={files.clearError} />
          </Box>
        )}
      </EmptyState>
    );
  }

  return (
    <FieldCatalogContext.Provider value={catalog}>
      <Stack spacing={2.5} data-testid="allocation-screen">
        <AllocationToolbar
          dirty={d.dirty}
          version={d.saved?.version ?? 0}
          updatedAt={d.saved?.updatedAt ?? null}
          problemCount={problems.length}
          checked={validation.checked}
          saving={saving}
          importing={files.busy}
          onSave={() => void save()}
          onDiscard={() => setConfirmDiscard(true)}
          onHistory={() => setHistoryOpen(true)}
          onExport={() => void files.exportRules()}
          onImport={files.chooseFile}
        />
        <input ref={files.inputRef} type="file" accept=".json,application/json" hidden aria-label="Rule file to import" onChange={files.onFile} data-testid="allocation-import-input" />
        {saveError !== null && <RuleErrorReport error={saveError} onClose={() => setSaveError(null)} />}
        {files.error && <RuleErrorReport error={files.error.error} file={files.error.file} onClose={files.clearError} />}
        {validation.error && <RuleErrorReport error={validation.error} />}
        {savedNote !== null && savedNote === d.saved?.version && !d.dirty && (
          <Alert severity="success" onClose={() => setSavedNote(null)} data-testid="allocation-saved">
            Saved as version {savedNote}.
          </Alert>
        )}
        {files.imported && files.imported.version === d.saved?.version && (
          <Alert severity="success" onClose={files.clearImported} data-testid="allocation-imported">
            Rules read from {files.imported.file} and saved as version {files.imported.version}.
          </Alert>
        )}
        {!hasCharges && (
          <Alert severity="info" variant="outlined" action={<Button onClick={onImport}>Import files</Button>}>
            This workspace holds no charges, so the rules cannot be previewed.
          </Alert>
        )}
        <ProblemSummary ruleSet={draft} problems={problems} />
        <Stack direction="row" sx={{ alignItems: 'center', gap: 2, borderBottom: 1, borderColor: 'divider' }}>
          <Tabs value={tab} onChange={(_, v: TabId) => setTab(v)} aria-label="Allocation views" sx={{ flex: 1, minHeight: 40 }}>
            <Tab value="tags" label={`Tag rules (${draft.keys.length} ${draft.keys.length === 1 ? 'key' : 'keys'})`} data-testid="tab-tags" sx={{ minHeight: 40 }} />
            <Tab value="splits" label={`Split rules (${draft.splits.length})`} data-testid="tab-splits" sx={{ minHeight: 40 }} />
            <Tab value="allocated" label="Allocated" data-testid="tab-allocated" sx={{ minHeight: 40 }} />
          </Tabs>
          <TextField
            select
            size="small"
            label="Period"
            value={period ?? ''}
            onChange={(e) => setPeriod(e.target.value || null)}
            sx={{ width: 170, mb: 0.75 }}
            slotProps={{ htmlInput: { 'data-testid': 'allocation-period' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          >
            <MenuItem value="">All months</MenuItem>
            {monthList.map((m) => (
              <MenuItem key={m} value={m}>
                {formatMonth(m)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {tab === 'tags' && (
          <TagRulesTab
            ruleSet={draft}
            update={d.update}
            selection={{ key: selectedKey, ruleId: tagSel.ruleId }}
            onSelect={setTagSel}
            preview={live.preview}
            updating={live.updating}
            previewError={live.error}
            problems={problems}
            coverage={coverage}
            coverageStale={coverageStale}
            importRules={files.chooseFile}
          />
        )}
        {tab === 'splits' && (
          <SplitRulesTab
            ruleSet={draft}
            update={d.update}
            selected={split?.id ?? null}
            onSelect={setSplitSel}
            currentKey={selectedKey}
            preview={live.preview}
            updating={live.updating}
            previewError={live.error}
            problems={problems}
          />
        )}
        {tab === 'allocated' && (
          <AllocatedTab
            draft={draft}
            dirty={d.dirty}
            draftValid={validation.checked && problems.length === 0}
            savedVersion={d.saved?.version ?? 0}
            keyName={selectedKey}
            onKey={(key) => setTagSel({ key, ruleId: null })}
            period={period}
          />
        )}
      </Stack>
      <HistoryDialog open={historyOpen} onClose={() => setHistoryOpen(false)} />
      <ConfirmDialog
        open={confirmDiscard}
        title="Discard the unsaved changes?"
        confirmLabel="Discard changes"
        destructive
        onCancel={() => setConfirmDiscard(false)}
        onConfirm={() => {
          setConfirmDiscard(false);
          d.discard();
        }}
      >
        The rules go back to the saved version {d.saved?.version ?? 0}. This cannot be undone.
      </ConfirmDialog>
      <ConfirmDialog
        open={files.confirming}
        title="Import rules over unsaved changes?"
        confirmLabel="Choose a file"
        onCancel={files.cancel}
        onConfirm={files.confirm}
      >
        Importing a rule file ({RULES_FILE_NAME} or another) replaces the saved rules, and your unsaved changes are lost. Save or export them first
        to keep them.
      </ConfirmDialog>
    </FieldCatalogContext.Provider>
  );
}
