import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { RuleSetProblem } from '../../../shared/allocation-contract';
import type { EngineErrorPayload } from '../../../shared/errors';
import { ErrorReport } from '../../components/error-report';
import { toEngineError } from '../../engine/client';
import { moreProblemsText, PROBLEMS_SHOWN } from '../../errors/messages';

function isRuleProblem(p: unknown): p is RuleSetProblem {
  return typeof p === 'object' && p !== null && 'path' in p && 'message' in p && typeof p.message === 'string';
}

/**
 * Allocation errors carry rule-set problems (a path and a message) where import errors carry bad
 * cells; the shared report shows cells as a table. This splits them out: the report keeps the
 * title and advice, and the problems are listed as the sentences they are, without their paths.
 */
export function splitRuleProblems(error: unknown): { payload: EngineErrorPayload; problems: RuleSetProblem[] } {
  const payload = toEngineError(error).toPayload();
  const listed: unknown[] = Array.isArray(payload.details.problems) ? payload.details.problems : [];
  const problems = listed.filter(isRuleProblem);
  if (problems.length === 0) return { payload, problems };
  return {
    payload: {
      ...payload,
      // The engine's one-line summary names the first problem with its path; the list below says it.
      message: payload.message.replace(/ \(at [^)]*\)/g, ''),
      details: { ...payload.details, problems: [], problemCount: 0 },
    },
    problems,
  };
}

export function RuleErrorReport({ error, file, onClose }: { error: unknown; file?: string | null; onClose?: () => void }) {
  const { payload, problems } = splitRuleProblems(error);
  const shown = problems.slice(0, PROBLEMS_SHOWN);
  const joined = shown.length > 0;
  return (
    // The list continues the alert: same tint, and the alert's lower corners squared to join it.
    <Box data-testid="rule-error" sx={joined ? { '& .MuiAlert-root': { borderBottomLeftRadius: 0, borderBottomRightRadius: 0 } } : undefined}>
      <ErrorReport error={payload} file={file} onClose={onClose} />
      {joined && (
        <Box
          component="ul"
          sx={(theme) => ({
            m: 0,
            pl: 8,
            pr: 2,
            pb: 1.5,
            pt: 0,
            // The standard error alert's own colours (see MUI's Alert), so the two read as one box.
            color: theme.darken(theme.palette.error.light, 0.6),
            bgcolor: theme.lighten(theme.palette.error.light, 0.9),
            borderBottomLeftRadius: theme.shape.borderRadius,
            borderBottomRightRadius: theme.shape.borderRadius,
          })}
          aria-label="Problems in the rules"
          data-testid="rule-error-problems"
        >
          {shown.map((p) => (
            <li key={p.path + p.message}>
              <Typography variant="body2">{p.message}</Typography>
            </li>
          ))}
          {problems.length > shown.length && (
            <Typography component="li" variant="body2" sx={{ listStyle: 'none' }}>
              {moreProblemsText(problems.length - shown.length)} not shown.
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
