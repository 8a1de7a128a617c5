import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { SCREENS, type ScreenId } from './screens';

export const NAV_WIDTH = 240;

export function SideNav({ current, onSelect }: { current: ScreenId; onSelect: (id: ScreenId) => void }) {
  return (
    <List component="nav" aria-label="Workspace sections" sx={{ px: 1, py: 1.5 }}>
      {SCREENS.map((s) => (
        <ListItemButton
          key={s.id}
          selected={s.id === current}
          onClick={() => onSelect(s.id)}
          aria-current={s.id === current ? 'page' : undefined}
          data-testid={`nav-${s.id}`}
          sx={{
            borderRadius: 1,
            mb: 0.25,
            '&.Mui-selected': { bgcolor: 'rgba(31, 79, 122, 0.10)', color: 'primary.dark' },
            '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
          }}
        >
          <ListItemIcon sx={{ minWidth: 32, '& svg': { fontSize: 20 } }}>{s.icon}</ListItemIcon>
          <ListItemText primary={s.label} slotProps={{ primary: { noWrap: true, sx: { fontWeight: s.id === current ? 600 : 500 } } }} />
          {s.planned && (
            <Typography variant="caption" color="text.disabled" sx={{ ml: 1, flex: 'none', fontSize: '0.6875rem' }}>
              soon
            </Typography>
          )}
        </ListItemButton>
      ))}
    </List>
  );
}
