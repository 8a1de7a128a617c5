import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { MenuCommand } from '../../../shared/bridge';
import type { Session, SessionApi } from '../../app/use-workspace-session';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorReport } from '../../components/error-report';
import { DownloadIcon } from '../../components/icons';
import { SaveStatus } from '../../components/save-status';
import { useImport } from '../../engine/use-import';
import type { Host } from '../../host/host';
import { useAutosave } from '../../host/use-autosave';
import { DropOverlay } from '../import/drop-overlay';
import { ImportContext } from '../import/import-context';
import { ImportScreen } from '../import/import-screen';
import { useWindowDrop } from '../import/use-window-drop';
import { AllocationScreen } from '../allocation/allocation-screen';
import { ExploreScreen } from '../explore/explore-screen';
import { PricingScreen } from '../pricing/pricing-screen';
import { PlannedScreen } from './planned-screen';
import { SCREENS, type ScreenId } from './screens';
import { NAV_WIDTH, SideNav } from './side-nav';
import { useShellActions } from './use-shell-actions';

type Props = { host: Host; api: SessionApi; session: Session; command: { name: MenuCommand; seq: number } | null };

export function WorkspaceShell({ host, api, session, command }: Props) {
  const autosave = useAutosave(host, session.ref);
  const imports = useImport();
  const actions = useShellActions(host, api, session.ref, autosave);
  const [screen, setScreen] = useState<ScreenId>(session.info.chargeRows > 0 ? 'explore' : 'import');

  // A drop anywhere in the window imports, and shows the Import screen where progress appears.
  const dragging = useWindowDrop((files) => {
    setScreen('import');
    void imports.start(files, { stage: true });
  });

  // Desktop File menu commands that concern the open workspace.
  const { saveAs, close } = actions;
  useEffect(() => {
    if (command?.name === 'save-as') void saveAs();
    if (command?.name === 'close') void close();
    if (command?.name === 'import') setScreen('import');
  }, [command, saveAs, close]);

  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0];

  return (
    <ImportContext.Provider value={imports}>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="workspace-shell">
        <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Toolbar variant="dense" sx={{ gap: 2, minHeight: 52 }}>
            <Typography variant="body2" sx={{ color: 'primary.main', fontWeight: 700, letterSpacing: '0.02em' }}>
              Costbook
            </Typography>
            <Divider orientation="vertical" flexItem sx={{ my: 1.5 }} />
            <Typography variant="h4" component="div" noWrap sx={{ minWidth: 0 }} data-testid="workspace-name" title={session.ref.location ?? undefined}>
              {session.info.name}
            </Typography>
            <SaveStatus state={autosave.state} />
            <Box sx={{ flex: 1 }} />
            <Button size="small" color="inherit" startIcon={<DownloadIcon />} onClick={() => void actions.saveAs()} data-testid="save-as">
              {host.saveAsLabel}
            </Button>
            <Button size="small" variant="outlined" onClick={() => void actions.close()} data-testid="close-workspace">
              Close workspace
            </Button>
          </Toolbar>
        </AppBar>
        <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <Box sx={{ width: NAV_WIDTH, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper', overflowY: 'auto' }}>
            <SideNav current={screen} onSelect={setScreen} />
          </Box>
          <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto' }} data-testid={`screen-${screen}`}>
            <Box sx={{ maxWidth: 1280, mx: 'auto', p: { xs: 2, md: 4 } }}>
              {actions.actionError !== null && (
                <Box sx={{ mb: 2 }}>
                  <ErrorReport error={actions.actionError} onClose={actions.clearActionError} />
                </Box>
              )}
              {screen === 'import' && <ImportScreen />}
              {screen === 'explore' && <ExploreScreen onImport={() => setScreen('import')} />}
              {screen === 'allocation' && <AllocationScreen onImport={() => setScreen('import')} />}
              {screen === 'pricing' && <PricingScreen />}
              {current.planned && <PlannedScreen screen={current} />}
            </Box>
          </Box>
        </Box>
      </Box>
      <DropOverlay active={dragging} />
      <ConfirmDialog
        open={actions.confirmClose}
        title="Close without saving?"
        confirmLabel="Close without saving"
        destructive
        onCancel={actions.cancelClose}
        onConfirm={() => void actions.close(true)}
      >
        The latest changes could not be saved. The last good copy of the workspace file is intact, but it does not include them.
      </ConfirmDialog>
    </ImportContext.Provider>
  );
}
