import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { AllocationRuleSet, RuleSetProblem } from '../../../shared/allocation-contract';
import { AddIcon, WarningIcon } from '../../components/icons';
import { percentText } from './labels';
import { problemsUnder } from './problems';

type Props = {
  ruleSet: AllocationRuleSet;
  selected: string | null;
  onSelect: (key: string) => void;
  onAdd: () => void;
  /** Share of cost each key allocates (not left at its default), from the latest preview. */
  coverage: Map<string, number>;
  /** The figures are from before the draft's current problems. */
  stale: boolean;
  problems: RuleSetProblem[];
};

/** The tag keys, each with how much of the cost its rules allocate. */
export function KeyList({ ruleSet, selected, onSelect, onAdd, coverage, stale, problems }: Props) {
  return (
    <Box
      component="nav"
      aria-label="Tag keys"
      data-testid="key-list"
      sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' }}
    >
      {ruleSet.keys.map((k, i) => {
        const share = coverage.get(k.key);
        const isSelected = k.key === selected;
        const broken = problemsUnder(problems, `keys[${i}]`).length > 0;
        return (
          <ButtonBase
            key={k.key}
            onClick={() => onSelect(k.key)}
            aria-pressed={isSelected}
            aria-label={`Tag key ${k.key}: ${share === undefined ? 'coverage not known yet' : `${percentText(share)} of cost allocated${stale ? ' before the current problems' : ''}`}, ${k.rules.length} rules`}
            data-testid="key-card"
            data-key={k.key}
            sx={{
              display: 'block',
              textAlign: 'left',
              p: 1.5,
              borderRadius: 1,
              border: 1,
              borderColor: isSelected ? 'primary.main' : 'divider',
              bgcolor: isSelected ? 'rgba(31, 79, 122, 0.06)' : 'background.paper',
              boxShadow: isSelected ? '0 0 0 1px #1f4f7a' : undefined,
              '&:focus-visible': { outline: '2px solid #4a76a0', outlineOffset: 2 },
            }}
          >
            <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
              <Typography variant="body1" noWrap sx={{ fontWeight: 600, flex: 1, minWidth: 0 }} title={k.key}>
                {k.key}
              </Typography>
              {broken && <WarningIcon sx={{ fontSize: 16, color: 'error.main', alignSelf: 'center' }} titleAccess="Has problems" />}
              <Typography variant="body2" sx={{ fontWeight: 600, opacity: stale ? 0.45 : 1 }} data-testid="key-coverage" title={stale ? 'From before the current problems' : undefined}>
                {percentText(share)}
              </Typography>
            </Box>
            <LinearProgress
              variant="determinate"
              value={share === undefined ? 0 : Math.min(100, share * 100)}
              sx={{ my: 0.75, bgcolor: '#e6eaee', opacity: stale ? 0.45 : 1 }}
              aria-hidden
            />
            <Typography variant="caption" color="text.secondary" component="div" noWrap>
              {k.rules.length === 1 ? '1 rule' : `${k.rules.length} rules`} · default “{k.defaultValue}”
            </Typography>
          </ButtonBase>
        );
      })}
      <Button
        variant="outlined"
        startIcon={<AddIcon />}
        onClick={onAdd}
        data-testid="key-add"
        sx={{ borderStyle: 'dashed', minHeight: 84, justifyContent: 'center' }}
      >
        Add tag key
      </Button>
    </Box>
  );
}
