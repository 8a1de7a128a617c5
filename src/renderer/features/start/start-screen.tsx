import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SessionApi } from '../../app/use-workspace-session';
import { ErrorReport } from '../../components/error-report';
import { AddIcon, FolderOpenIcon, SparkIcon } from '../../components/icons';
import { formatCount } from '../../format';
import { RecentList } from './recent-list';

function BusyLine({ busy }: { busy: NonNullable<SessionApi['busy']> }) {
  const p = busy.progress;
  const detail = p ? `${p.file} · ${formatCount(p.rows)} rows` : null;
  return (
    <Box data-testid="start-busy" role="status" sx={{ mt: 2 }}>
      <Typography variant="body2" sx={{ mb: 0.75 }}>
        {busy.label}
      </Typography>
      <LinearProgress
        variant={p && p.totalBytes > 0 ? 'determinate' : 'indeterminate'}
        value={p && p.totalBytes > 0 ? ((p.fileIndex + p.bytesRead / p.totalBytes) / Math.max(1, p.fileCount)) * 100 : undefined}
      />
      {detail && (
        <Typography variant="caption" color="text.secondary" noWrap component="div" sx={{ mt: 0.5 }}>
          {detail}
        </Typography>
      )}
    </Box>
  );
}

/** No workspace open: create one, open one, reopen a recent one, or look around in the demo. */
export function StartScreen({ api, onNew }: { api: SessionApi; onNew: () => void }) {
  const busy = api.busy !== null;
  return (
    <Box data-testid="start-screen" sx={{ minHeight: '100%', display: 'flex', justifyContent: 'center', px: 3, py: { xs: 4, md: 8 } }}>
      <Box sx={{ width: '100%', maxWidth: 880 }}>
        <Typography variant="h1" component="h1">
          Costbook
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 0.5, mb: 4, maxWidth: 620 }}>
          Import AI and cloud bills, see where the money goes, and explain it to finance. Everything stays on this computer.
        </Typography>

        {api.error && (
          <Box sx={{ mb: 3 }}>
            <ErrorReport error={api.error.error} file={api.error.file} onClose={api.clearError} />
          </Box>
        )}

        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'stretch' }}>
          <Paper variant="outlined" sx={{ p: 3, flex: 1, display: 'flex', flexDirection: 'column' }}>
            <Typography variant="h3" component="h2">
              See Costbook with sample data
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1, mb: 3, flex: 1 }}>
              The demo workspace imports three months of generated bills from four providers through the normal import path, so every
              screen has something to show. It is saved like any other workspace.
            </Typography>
            <Box>
              <Button
                variant="contained"
                size="large"
                startIcon={<SparkIcon />}
                onClick={() => void api.openDemo()}
                disabled={busy}
                data-testid="demo-button"
              >
                Open the demo workspace
              </Button>
            </Box>
            {api.busy && <BusyLine busy={api.busy} />}
          </Paper>

          <Paper variant="outlined" sx={{ p: 3, flex: 1, minWidth: 0 }}>
            <Stack direction="row" sx={{ mb: 2, gap: 1.5, flexWrap: 'wrap', '& .MuiButton-root': { whiteSpace: 'nowrap' } }}>
              <Button variant="outlined" startIcon={<AddIcon />} onClick={onNew} disabled={busy} data-testid="new-workspace-button">
                New workspace
              </Button>
              <Button variant="outlined" startIcon={<FolderOpenIcon />} onClick={() => void api.openFile()} disabled={busy} data-testid="open-workspace-button">
                Open workspace…
              </Button>
            </Stack>
            <Typography variant="overline" color="text.secondary" component="h2">
              Recent workspaces
            </Typography>
            <Box data-testid="recent-workspaces">
              <RecentList recent={api.recent} disabled={busy} onOpen={(ref) => void api.openRecent(ref)} />
            </Box>
          </Paper>
        </Stack>
      </Box>
    </Box>
  );
}
