import { Fragment, type ReactNode } from 'react';
import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClassificationResult } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { RiskClassBadge } from './classification-badges';
import { useTimelineActTitle } from './classification-queries';
import { practiceKey, transparencyKey } from './ref-labels';
import { formatLegalRef } from '../../i18n/legal-ref';

interface Props {
  result: ClassificationResult;
  /** Heading level of the sections inside (the result sits under an h2 on the tab, under an h2 in the preview). */
  headingOrder?: 3 | 4;
  /** The compact preview leaves out the obligations table. */
  compact?: boolean;
}

/** A classification result: risk class first, then every conclusion with its legal ground, then the dated obligations. */
export function ClassificationResultView({ result, headingOrder = 3, compact = false }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'de';
  const actTitle = useTimelineActTitle(result.timelineAct, language);
  const none = t('common.none');
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const list = (items: ReactNode[]) => (items.length === 0 ? none : <Stack gap={2}>{items}</Stack>);

  const rows: [string, ReactNode][] = [
    [t('classification.result.highRiskRoute'), result.highRiskRoute === null ? none : t(`classification.route.${result.highRiskRoute}`)],
    [
      t('classification.result.prohibited'),
      list(
        result.prohibited.map((ref) => {
          const key = practiceKey(ref);
          return (
            <Text key={ref} fz="sm">
              {key === undefined ? ref : t(`classification.practice.${key}`)}
            </Text>
          );
        }),
      ),
    ],
    [
      t('classification.result.transparency'),
      list(
        result.transparency.map((ref) => {
          const key = transparencyKey(ref);
          return (
            <Text key={ref} fz="sm">
              {key === undefined ? ref : t(`classification.transparencyCase.${key}`)}
            </Text>
          );
        }),
      ),
    ],
    [t('classification.result.gpaiTier'), t(`classification.gpaiTier.${result.gpaiTier}`)],
    [
      t('classification.result.effectiveRoles'),
      result.effectiveRoles.length === 0 ? (
        none
      ) : (
        <Group gap={4}>
          {result.effectiveRoles.map((role) => (
            <Badge key={role} variant="light" color="petrol">
              {t(`system.operatorRoles.${role}`)}
            </Badge>
          ))}
        </Group>
      ),
    ],
    [
      t('classification.result.conformityProcedure'),
      result.conformityProcedure === null ? none : t(`classification.conformity.${result.conformityProcedure}`),
    ],
    [t('classification.result.friaRequired'), yesNo(result.friaRequired)],
    [
      t('classification.result.registrations'),
      list(
        result.registrations.map((r) => (
          <Text key={`${r.by}:${r.database}:${r.basis}`} fz="sm">
            {t('classification.result.registration', {
              by: t(`system.operatorRoles.${r.by}`),
              database: t(`classification.database.${r.database}`),
              basis: formatLegalRef(r.basis, i18n.language),
            })}
          </Text>
        )),
      ),
    ],
    [t('classification.result.documentationDuty6_4'), yesNo(result.documentationDuty6_4)],
  ];
  if (result.voluntaryApplication) rows.push([t('classification.result.voluntaryApplication'), t('classification.result.voluntaryApplicationText')]);

  return (
    <Stack gap="md">
      <div>
        <Text fz="sm" c="dimmed">
          {t('classification.result.riskClass')}
        </Text>
        <RiskClassBadge riskClass={result.riskClass} size={compact ? 'lg' : 'xl'} />
      </div>
      <dl className="detail-list">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{typeof value === 'string' ? <Text fz="sm" component="span">{value}</Text> : value}</dd>
          </Fragment>
        ))}
      </dl>
      <section>
        <Title order={headingOrder} mb="xs">
          {t('classification.result.reasons')}
        </Title>
        {result.reasons.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('classification.result.noReasons')}
          </Text>
        ) : (
          <List spacing={6} size="sm" className="reason-list">
            {result.reasons.map((reason, index) => (
              <List.Item key={`${reason.ref}:${index}`}>
                <Text component="span" fw={600} fz="sm" className="legal-ref">
                  {formatLegalRef(reason.ref, i18n.language)}
                </Text>{' '}
                <Text component="span" fz="sm">
                  {formatLegalRef(reason.text, i18n.language)}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </section>
      {!compact ? (
        <section>
          <Title order={headingOrder} mb="xs">
            {t('classification.result.obligations')}
          </Title>
          {result.obligations.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {t('classification.result.noObligations')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table withTableBorder striped>
                <caption className="visually-hidden">{t('classification.result.obligations')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('classification.result.obligation')}</Table.Th>
                    <Table.Th>{t('classification.result.ref')}</Table.Th>
                    <Table.Th>{t('classification.result.appliesFrom')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.obligations.map((o, index) => (
                    <Table.Tr key={`${o.ref}:${o.group}:${index}`}>
                      <Table.Td>{language === 'en' ? o.title.en : o.title.de}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatLegalRef(o.ref, i18n.language)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {o.appliesFrom === null ? t('classification.result.noDate') : formatDate(o.appliesFrom, i18n.language)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </section>
      ) : null}
      <Text fz="sm" c="dimmed">
        {t('classification.result.timelineAct', { act: actTitle ?? result.timelineAct })}
      </Text>
    </Stack>
  );
}
