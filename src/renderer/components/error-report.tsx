import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { describeError, moreProblemsText } from '../errors/messages';

const cellSx = { py: 0.5, px: 1, fontSize: '0.8125rem' };

/** An engine error in words, with the first bad cells in a table and a count of the rest. */
export function ErrorReport({
  error,
  file,
  severity = 'error',
  onClose,
}: {
  error: unknown;
  file?: string | null;
  severity?: 'error' | 'warning' | 'info';
  onClose?: () => void;
}) {
  const msg = describeError(error, file);
  return (
    <Alert severity={severity} data-testid="error-report" data-code={msg.code} onClose={onClose} sx={{ '& .MuiAlert-message': { minWidth: 0, flex: 1 } }}>
      <AlertTitle sx={{ overflowWrap: 'anywhere' }}>{msg.title}</AlertTitle>
      <Typography variant="body2">{msg.detail}</Typography>
      {msg.problems.length > 0 && (
        <Box sx={{ mt: 1.5, overflowX: 'auto', bgcolor: 'background.paper', borderRadius: 1, border: 1, borderColor: 'divider' }}>
          <Table size="small" aria-label="Problems found">
            <TableHead>
              <TableRow>
                <TableCell sx={cellSx}>File</TableCell>
                <TableCell sx={cellSx} align="right">
                  Row
                </TableCell>
                <TableCell sx={cellSx}>Column</TableCell>
                <TableCell sx={cellSx}>Value</TableCell>
                <TableCell sx={cellSx}>Expected</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {msg.problems.map((p, i) => (
                <TableRow key={i} data-testid="problem-row">
                  <TableCell sx={{ ...cellSx, whiteSpace: 'nowrap' }}>{p.file}</TableCell>
                  <TableCell sx={cellSx} align="right">
                    {p.row}
                  </TableCell>
                  <TableCell sx={{ ...cellSx, whiteSpace: 'nowrap' }}>{p.column ?? '–'}</TableCell>
                  <TableCell
                    sx={{
                      ...cellSx,
                      maxWidth: 280,
                      whiteSpace: (p.value ?? '').length <= 32 ? 'nowrap' : 'normal',
                      overflowWrap: 'anywhere',
                      fontFamily: 'ui-monospace, monospace',
                    }}
                  >
                    {p.value === null || p.value === '' ? <em>(empty)</em> : p.value}
                  </TableCell>
                  <TableCell sx={cellSx}>{p.expected}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {msg.moreProblems > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="more-problems">
          {moreProblemsText(msg.moreProblems)} not shown.
        </Typography>
      )}
    </Alert>
  );
}
