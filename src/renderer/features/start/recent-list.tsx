import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { FileIcon } from '../../components/icons';
import { formatDateTime } from '../../format';
import type { WorkspaceRef } from '../../host/host';

export function RecentList({ recent, disabled, onOpen }: { recent: WorkspaceRef[]; disabled: boolean; onOpen: (ref: WorkspaceRef) => void }) {
  if (recent.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
        Workspaces you create or open appear here.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Recent workspaces">
      {recent.map((ref) => (
        <ListItemButton key={ref.id} disabled={disabled} onClick={() => onOpen(ref)} data-testid="recent-workspace" sx={{ borderRadius: 1 }}>
          <ListItemIcon sx={{ minWidth: 36 }}>
            <FileIcon fontSize="small" color="action" />
          </ListItemIcon>
          <ListItemText
            primary={ref.name}
            secondary={ref.location ? `${ref.location} · opened ${formatDateTime(ref.openedAt)}` : `Opened ${formatDateTime(ref.openedAt)}`}
            slotProps={{
              primary: { noWrap: true, sx: { fontWeight: 500 } },
              secondary: { noWrap: true },
            }}
          />
        </ListItemButton>
      ))}
    </List>
  );
}
