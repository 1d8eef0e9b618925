import { Anchor, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Risk } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { RegisterTable } from '../../shared/register-table';
import { AcceptanceBadge } from './acceptance-badge';
import { LevelBadge } from './level-badge';
import type { PortfolioRisk } from './risk-queries';

interface Props {
  risks: (Risk | PortfolioRisk)[];
  /** Risk-source id → its official reference (e.g. `LLM01:2025`). */
  sourceRefs: Map<string, string>;
  /** The portfolio shows the AI system of each risk. */
  showSystem?: boolean;
  caption: string;
  empty: string;
}

function systemName(risk: Risk | PortfolioRisk): string {
  return 'systemName' in risk ? risk.systemName : '';
}

/** The next review date; an overdue one is marked in words and with an icon, not by colour alone. */
export function ReviewDate({ risk }: { risk: Risk }) {
  const { t, i18n } = useTranslation();
  if (risk.nextReview === null) return <>{t('common.none')}</>;
  if (!risk.reviewOverdue) return <>{formatDate(risk.nextReview, i18n.language)}</>;
  return (
    <Text component="span" fz="sm" className="risk-overdue" data-overdue>
      <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />
      {t('risks.register.overdueDate', { date: formatDate(risk.nextReview, i18n.language) })}
    </Text>
  );
}

/** The risk register (Risikoregister): one row per risk with its levels, treatment, status and acceptance. */
export function RiskRegisterTable({ risks, sourceRefs, showSystem = false, caption, empty }: Props) {
  const { t } = useTranslation();
  return (
    <RegisterTable
      testId="risk-register"
      caption={caption}
      columns={showSystem ? 11 : 10}
      empty={empty}
      minWidth={1100}
      head={
        <>
          <Table.Th>{t('risks.fields.number')}</Table.Th>
          {showSystem ? <Table.Th>{t('risks.fields.system')}</Table.Th> : null}
          <Table.Th style={{ minWidth: '14rem' }}>{t('risks.fields.title')}</Table.Th>
          <Table.Th>{t('risks.fields.source')}</Table.Th>
          <Table.Th>{t('risks.fields.inherentLevel')}</Table.Th>
          <Table.Th>{t('risks.fields.residualLevel')}</Table.Th>
          <Table.Th>{t('risks.fields.treatment')}</Table.Th>
          <Table.Th>{t('risks.fields.status')}</Table.Th>
          <Table.Th>{t('risks.fields.acceptance')}</Table.Th>
          <Table.Th>{t('risks.fields.owner')}</Table.Th>
          <Table.Th>{t('risks.fields.nextReview')}</Table.Th>
        </>
      }
      rows={risks.map((risk) => (
        <Table.Tr key={risk.id} data-testid={`risk-row-${risk.number}`}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <Anchor component={Link} to={`/risks/${risk.id}`} fz="sm" fw={600}>
              {t('risks.numberLabel', { number: risk.number })}
            </Anchor>
          </Table.Td>
          {showSystem ? (
            <Table.Td>
              <Anchor component={Link} to={`/systems/${risk.systemId}?tab=risks`} fz="sm">
                {systemName(risk)}
              </Anchor>
            </Table.Td>
          ) : null}
          <Table.Td>{risk.title}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{risk.sourceId === null ? t('common.none') : (sourceRefs.get(risk.sourceId) ?? risk.sourceId)}</Table.Td>
          <Table.Td>
            <LevelBadge level={risk.inherentLevel} rated={risk.likelihood !== null && risk.impact !== null} />
          </Table.Td>
          <Table.Td>
            <LevelBadge level={risk.residualLevel} rated={risk.residualLikelihood !== null && risk.residualImpact !== null} />
          </Table.Td>
          <Table.Td>{risk.treatment === null ? t('common.none') : t(`risks.treatments.${risk.treatment}`)}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`risks.statuses.${risk.status}`)}</Table.Td>
          <Table.Td>
            <AcceptanceBadge acceptance={risk.acceptance} />
          </Table.Td>
          <Table.Td>{risk.owner === '' ? t('common.none') : risk.owner}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <ReviewDate risk={risk} />
          </Table.Td>
        </Table.Tr>
      ))}
    />
  );
}
