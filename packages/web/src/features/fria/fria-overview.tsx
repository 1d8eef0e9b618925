import { Fragment, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FriaState } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';

interface Props {
  systemId: string;
  state: FriaState;
  /** Shown when the reader may approve and a draft exists. */
  onApprove?: (() => void) | undefined;
}

const BADGE_COLORS = { none: 'gray', draft: 'blue', approved: 'teal' } as const;

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="detail-list">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Title, whether Art. 27 requires a FRIA, the state of the newest version and the elements that need an update. */
export function FriaOverview({ systemId, state, onApprove }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { current, approved } = state;
  const lang = i18n.language;
  const badge = current === null ? 'none' : current.state === 'draft' ? 'draft' : 'approved';

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="fria-title" data-testid="fria-overview">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Group gap="sm">
          <Title order={2} id="fria-title">
            {t('fria.title')}
          </Title>
          {state.required || current !== null ? (
            <Badge variant="dot" color={BADGE_COLORS[badge]} c="gray.9" miw="max-content" data-testid="fria-status-badge">
              {t(`fria.badge.${badge}`)}
            </Badge>
          ) : null}
        </Group>
        {onApprove !== undefined ? (
          <Button leftSection={<IconSignature size={16} aria-hidden />} onClick={onApprove} data-testid="fria-approve-open">
            {t('fria.approve.open')}
          </Button>
        ) : null}
      </Group>
      {state.required ? (
        <Stack gap="md">
          <Text fz="sm">{t('fria.intro')}</Text>
          <Text fz="sm" fw={500}>
            {t(`fria.basis.${state.basis}`)}
          </Text>
          <Facts
            rows={[
              [
                t('fria.status.label'),
                current === null ? (
                  <span data-testid="fria-status">{t('fria.status.none')}</span>
                ) : (
                  <Stack gap={2} data-testid="fria-status">
                    <Text fz="sm" fw={500}>
                      {current.state === 'draft' ? t('fria.status.draft', { number: current.number }) : t('fria.status.approved', { number: current.number })}
                    </Text>
                    <Text fz="sm">
                      {current.state === 'draft'
                        ? t('fria.status.savedBy', { name: current.updatedBy, date: formatDateTime(current.updatedAt, lang) })
                        : t('fria.status.approvedBy', { name: current.approvedBy ?? t('common.none'), date: formatDateTime(current.approvedAt, lang) })}
                    </Text>
                  </Stack>
                ),
              ],
              ...(current?.state === 'draft'
                ? [
                    [
                      t('fria.status.inForce'),
                      approved === null
                        ? t('fria.status.notInForce')
                        : t('fria.status.inForceValue', { number: approved.number, name: approved.approvedBy ?? t('common.none'), date: formatDateTime(approved.approvedAt, lang) }),
                    ] as [string, ReactNode],
                  ]
                : []),
            ]}
          />
          {current !== null && state.outdated.length > 0 ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('fria.outdated.title')} data-testid="fria-outdated">
              <Stack gap="xs">
                <Text fz="sm">{t('fria.outdated.text', { number: current.number })}</Text>
                <List size="sm" spacing={2}>
                  {state.outdated.map((element) => (
                    <List.Item key={element} data-element={element}>
                      <Anchor href={`#fria-element-${element}`} fz="sm" underline="always">
                        {t(`fria.elements.${element}.title`)}
                      </Anchor>
                      {': '}
                      {t(`fria.elements.${element}.source`)}
                    </List.Item>
                  ))}
                </List>
                <Text fz="sm">{current.state === 'draft' ? t('fria.outdated.draftHint') : t('fria.outdated.approvedHint')}</Text>
              </Stack>
            </Alert>
          ) : null}
        </Stack>
      ) : (
        <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('fria.notRequired.title')} data-testid="fria-not-required">
          <Stack gap="xs">
            <Text fz="sm">{t('fria.notRequired.who')}</Text>
            <Text fz="sm">{t('fria.notRequired.exception')}</Text>
            <Text fz="sm">
              {t('fria.notRequired.decides')}{' '}
              {state.basis === 'approved' ? t('fria.notRequired.basisApproved') : state.basis === 'draft' ? t('fria.notRequired.basisDraft') : t('fria.notRequired.basisNone')}
            </Text>
            {state.versions.length > 0 ? <Text fz="sm">{t('fria.notRequired.earlier')}</Text> : null}
            {can('classification.read') ? (
              <Anchor component={Link} to={`/systems/${systemId}?tab=classification`} fz="sm">
                {t('fria.notRequired.toClassification')}
              </Anchor>
            ) : null}
          </Stack>
        </Alert>
      )}
    </Paper>
  );
}
