import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { UploadIcon } from '../../components/icons';

/** Covers the window while files are dragged over it; it never takes pointer events itself. */
export function DropOverlay({ active }: { active: boolean }) {
  if (!active) return null;
  return (
    <Box
      data-testid="drop-overlay"
      aria-hidden
      sx={{
        position: 'fixed',
        inset: 8,
        zIndex: (t) => t.zIndex.modal + 1,
        pointerEvents: 'none',
        border: '2px dashed',
        borderColor: 'primary.main',
        borderRadius: 2,
        bgcolor: 'rgba(31, 79, 122, 0.08)',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      <Box sx={{ bgcolor: 'background.paper', px: 4, py: 3, borderRadius: 2, boxShadow: 3, textAlign: 'center' }}>
        <UploadIcon color="primary" sx={{ fontSize: 36 }} />
        <Typography variant="h3" component="p">
          Drop files to import
        </Typography>
        <Typography variant="body2" color="text.secondary">
          FOCUS and provider billing exports (CSV)
        </Typography>
      </Box>
    </Box>
  );
}
