import { useState } from 'react';
import { Anchor, Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiSystem } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { RiskFormDrawer } from './risk-form-drawer';
import { RiskOverview } from './risk-overview';
import { RiskReportLinks } from './risk-report-links';
import { BulkActions } from '../bulk/bulk-actions';

/** The system's risks (Art. 9 KI-VO): heat maps of the inherent and residual risk, the register, a new risk. */
export function SystemRisksTab({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const editable = can('risk.edit') && system.archivedAt === null;

  return (
    <Stack gap="lg">
      <RiskOverview
        systemId={system.id}
        title={t('risks.systemTab.title')}
        intro={t('risks.systemTab.intro')}
        caption={t('risks.register.caption', { system: system.name })}
        actions={
          <>
            <RiskReportLinks systemId={system.id} />
            <BulkActions kind="risks" params={{ systemId: system.id }} />
            <Anchor component={Link} to="/risk-matrix" fz="sm">
              {t('risks.toMatrix')}
            </Anchor>
            {editable ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="risk-create">
                {t('risks.register.add')}
              </Button>
            ) : null}
          </>
        }
      />
      {creating ? <RiskFormDrawer systemId={system.id} onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
