import type { ReactNode } from 'react';
import {
  AllocationIcon,
  ChargebackIcon,
  CommitmentIcon,
  ExploreIcon,
  PricingIcon,
  SettingsIcon,
  UnitIcon,
  UploadIcon,
} from '../../components/icons';

export type ScreenId = 'import' | 'explore' | 'allocation' | 'unit-metrics' | 'chargeback' | 'commitments' | 'pricing' | 'settings';

export type ScreenDef = {
  id: ScreenId;
  label: string;
  icon: ReactNode;
  /** For screens not built yet: what they will do, said plainly, instead of sample data. */
  planned?: string;
};

export const SCREENS: ScreenDef[] = [
  { id: 'import', label: 'Import', icon: <UploadIcon /> },
  { id: 'explore', label: 'Explore', icon: <ExploreIcon /> },
  { id: 'allocation', label: 'Allocation', icon: <AllocationIcon /> },
  {
    id: 'unit-metrics',
    label: 'Unit metrics',
    icon: <UnitIcon />,
    planned:
      'Unit metrics will relate cost to business volume, such as cost per thousand requests, per million tokens or per customer, month by month.',
  },
  {
    id: 'chargeback',
    label: 'Chargeback',
    icon: <ChargebackIcon />,
    planned:
      'Chargeback will export a workbook finance can book: allocated cost per owner and month, reconciled to the invoice to the cent.',
  },
  {
    id: 'commitments',
    label: 'Commitments',
    icon: <CommitmentIcon />,
    planned:
      'Commitments will show whether provisioned throughput (Azure PTU, Bedrock provisioned throughput, Vertex AI GSUs) would pay off against your on-demand usage: break-even utilisation and the monthly difference.',
  },
  { id: 'pricing', label: 'Pricing', icon: <PricingIcon /> },
  {
    id: 'settings',
    label: 'Settings',
    icon: <SettingsIcon />,
    planned: 'Settings will hold workspace options such as the reporting currency and the fiscal calendar.',
  },
];
