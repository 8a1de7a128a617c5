import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { DownloadIcon, UploadIcon } from '../../components/icons';
import { formatDateTime } from '../../format';
import { HistoryIcon } from './allocation-icons';

type Props = {
  dirty: boolean;
  version: number;
  updatedAt: string | null;
  problemCount: number;
  checked: boolean;
  saving: boolean;
  importing: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onHistory: () => void;
  onExport: () => void;
  onImport: () => void;
};

function saveBlocker({ dirty, problemCount, checked }: Pick<Props, 'dirty' | 'problemCount' | 'checked'>): string | null {
  if (!dirty) return 'No changes to save.';
  if (problemCount > 0) return problemCount === 1 ? 'Fix the problem marked in the rules first.' : `Fix the ${problemCount} problems marked in the rules first.`;
  if (!checked) return 'Checking the rules…';
  return null;
}

/** Title, save state and the rule-set actions: save, discard, history, export and import. */
export function AllocationToolbar(props: Props) {
  const { dirty, version, updatedAt, saving, importing, onSave, onDiscard, onHistory, onExport, onImport } = props;
  const blocker = saveBlocker(props);
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
      <Box sx={{ minWidth: 0 }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5 }}>
          <Typography variant="h2" component="h1">
            Allocation
          </Typography>
          {dirty && <Chip size="small" color="warning" variant="outlined" label="Unsaved rule changes" data-testid="allocation-unsaved" />}
        </Stack>
        <Typography color="text.secondary" sx={{ mt: 0.5 }} data-testid="allocation-version">
          {version === 0 ? 'Rules not saved yet' : `Saved rules: version ${version}${updatedAt ? `, ${formatDateTime(updatedAt)}` : ''}`}
        </Typography>
      </Box>
      <Box sx={{ flex: 1 }} />
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button size="small" color="inherit" startIcon={<HistoryIcon />} onClick={onHistory} data-testid="allocation-history">
          History
        </Button>
        <Tooltip title="Downloads the saved rules as costbook-rules.json">
          <Button size="small" color="inherit" startIcon={<DownloadIcon />} onClick={onExport} data-testid="allocation-export">
            Export
          </Button>
        </Tooltip>
        <Button
          size="small"
          color="inherit"
          startIcon={importing ? <CircularProgress size={14} color="inherit" /> : <UploadIcon />}
          onClick={onImport}
          disabled={importing}
          data-testid="allocation-import"
        >
          Import
        </Button>
        <Button size="small" variant="outlined" onClick={onDiscard} disabled={!dirty || saving} data-testid="allocation-discard">
          Discard changes
        </Button>
        <Tooltip title={blocker ?? ''}>
          <span>
            <Button
              variant="contained"
              onClick={onSave}
              disabled={blocker !== null || saving}
              data-testid="allocation-save"
              startIcon={saving ? <CircularProgress size={14} color="inherit" /> : undefined}
            >
              {saving ? 'Saving…' : 'Save rules'}
            </Button>
          </span>
        </Tooltip>
      </Stack>
    </Stack>
  );
}
