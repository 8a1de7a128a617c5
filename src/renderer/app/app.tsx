import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/bridge';
import { EngineBanner } from '../components/engine-banner';
import type { EngineClient } from '../engine/client';
import { EngineProvider, useEngineStatus } from '../engine/engine-context';
import { NewWorkspaceDialog } from '../features/start/new-workspace-dialog';
import { StartScreen } from '../features/start/start-screen';
import { WorkspaceShell } from '../features/shell/workspace-shell';
import type { Host } from '../host/host';
import { theme } from './theme';
import { useWorkspaceSession } from './use-workspace-session';

/** Tests wait for this instead of sleeping: set once the engine has started. */
function useAppReadyMarker() {
  const status = useEngineStatus();
  useEffect(() => {
    if (status === 'ready') document.body.dataset.appReady = 'true';
  }, [status]);
}

function Root({ host }: { host: Host }) {
  useAppReadyMarker();
  const api = useWorkspaceSession(host);
  const [askName, setAskName] = useState(false);
  const [command, setCommand] = useState<{ name: MenuCommand; seq: number } | null>(null);

  // Desktop File menu. Commands for the open workspace go to the shell; the rest are handled here.
  const { session, openFile, openDemo } = api;
  useEffect(
    () =>
      host.onMenuCommand((name) => {
        if (name === 'new' && !session) setAskName(true);
        else if (name === 'open' && !session) void openFile();
        else if (name === 'demo' && !session) void openDemo();
        else setCommand((c) => ({ name, seq: (c?.seq ?? 0) + 1 }));
      }),
    [host, session, openFile, openDemo],
  );

  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <EngineBanner />
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {session ? (
          <WorkspaceShell key={session.key} host={host} api={api} session={session} command={command} />
        ) : (
          <StartScreen api={api} onNew={() => setAskName(true)} />
        )}
      </Box>
      <NewWorkspaceDialog
        open={askName}
        onCancel={() => setAskName(false)}
        onCreate={(name) => {
          setAskName(false);
          void api.createNew(name);
        }}
      />
    </Box>
  );
}

export function App({ engine, host }: { engine: EngineClient; host: Host }) {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <EngineProvider engine={engine}>
        <Root host={host} />
      </EngineProvider>
    </ThemeProvider>
  );
}
