import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Box
      data-testid="empty-state"
      sx={{ maxWidth: 560, mx: 'auto', my: 8, px: 3, textAlign: 'center', color: 'text.secondary', '& svg': { fontSize: 40 } }}
    >
      {icon && <Box sx={{ color: 'primary.light', mb: 1 }}>{icon}</Box>}
      <Typography variant="h3" component="h2" sx={{ color: 'text.primary', mb: 1 }}>
        {title}
      </Typography>
      {children && (
        <Typography variant="body1" component="div" sx={{ lineHeight: 1.6 }}>
          {children}
        </Typography>
      )}
      {action && <Box sx={{ mt: 3 }}>{action}</Box>}
    </Box>
  );
}
