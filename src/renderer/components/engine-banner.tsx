import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { describeError } from '../errors/messages';
import { useEngine, useEngineStatus } from '../engine/engine-context';

/** Shown when the engine worker dies: every pending call has already failed with engine/crashed. */
export function EngineBanner() {
  const engine = useEngine();
  const status = useEngineStatus();
  if (status !== 'crashed') return null;
  const msg = describeError(engine.crashError());
  return (
    <Alert
      severity="error"
      square
      data-testid="engine-crashed"
      action={
        <Button color="inherit" size="small" onClick={() => window.location.reload()}>
          Reload
        </Button>
      }
    >
      <AlertTitle>{msg.title}</AlertTitle>
      {msg.detail}
    </Alert>
  );
}
