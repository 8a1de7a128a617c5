import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { AllocationRuleSet, RuleSetProblem } from '../../../shared/allocation-contract';
import { problemText } from './problems';

const SHOWN = 6;

/** Every problem of the draft in one place, each saying where it is, since some sit on another tab. */
export function ProblemSummary({ ruleSet, problems }: { ruleSet: AllocationRuleSet; problems: RuleSetProblem[] }) {
  if (problems.length === 0) return null;
  const more = problems.length - SHOWN;
  return (
    <Alert severity="error" variant="outlined" data-testid="allocation-problems">
      <AlertTitle>
        {problems.length === 1 ? 'One problem to fix before saving' : `${problems.length} problems to fix before saving`}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {problems.slice(0, SHOWN).map((p) => (
          <li key={p.path + p.message}>{problemText(ruleSet, p)}</li>
        ))}
      </ul>
      {more > 0 && <div>{more === 1 ? 'And one more.' : `And ${more} more.`}</div>}
    </Alert>
  );
}
