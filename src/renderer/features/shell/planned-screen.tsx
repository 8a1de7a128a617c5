import Typography from '@mui/material/Typography';
import { EmptyState } from '../../components/empty-state';
import type { ScreenDef } from './screens';

/** An honest placeholder: what the screen is for, and that it is not built yet. No sample numbers. */
export function PlannedScreen({ screen }: { screen: ScreenDef }) {
  return (
    <EmptyState icon={screen.icon} title={`${screen.label} is not available yet`}>
      <Typography component="p" sx={{ mb: 1.5 }}>
        {screen.planned}
      </Typography>
      <Typography component="p" variant="body2">
        Until then, Import and Explore work on this workspace&apos;s data.
      </Typography>
    </EmptyState>
  );
}
