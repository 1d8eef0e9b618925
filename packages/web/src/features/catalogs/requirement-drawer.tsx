import { Fragment } from 'react';
import { Anchor, Badge, Drawer, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CatalogRequirementItem } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { useMeasures } from './catalog-queries';
import { localized, requirementHref } from './localized';
import { formatLegalRef } from '../../i18n/legal-ref';

interface Props {
  requirement: CatalogRequirementItem | undefined;
  opened: boolean;
  onClose: () => void;
}

/** A requirement in full: description, roles, date, what proves it, the measures that meet it and its mappings. */
export function RequirementDrawer({ requirement, opened, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const measures = useMeasures({ requirement: requirement?.key }, requirement !== undefined);
  const lang = i18n.language;

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={requirement === undefined ? '' : `${formatLegalRef(requirement.ref, lang)} – ${localized(requirement.title, lang)}`}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {requirement === undefined ? null : (
        <Stack gap="md">
          {requirement.description !== null ? <Text fz="sm">{localized(requirement.description, lang)}</Text> : null}
          <dl className="detail-list">
            <dt>{t('catalogs.roles')}</dt>
            <dd>{requirement.roles.length === 0 ? t('catalogs.rolesAll') : requirement.roles.map((r) => t(`system.operatorRoles.${r}`)).join(', ')}</dd>
            <dt>{t('catalogs.appliesFrom')}</dt>
            <dd>{formatDate(requirement.appliesFrom, lang)}</dd>
            <dt>{t('catalogs.key')}</dt>
            <dd>
              <Text component="code" fz="xs" className="hash">
                {requirement.key}
              </Text>
            </dd>
          </dl>
          <section aria-labelledby="req-evidence-title">
            <Title order={3} fz="md" id="req-evidence-title" mb={4}>
              {t('catalogs.evidenceHints')}
            </Title>
            {requirement.evidence.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t('catalogs.noEvidenceHints')}
              </Text>
            ) : (
              <List size="sm" spacing={2}>
                {requirement.evidence.map((e) => (
                  <List.Item key={e.de}>{localized(e, lang)}</List.Item>
                ))}
              </List>
            )}
          </section>
          <section aria-labelledby="req-measures-title">
            <Title order={3} fz="md" id="req-measures-title" mb={4}>
              {t('catalogs.measures')}
            </Title>
            {measures.data === undefined ? null : measures.data.items.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t('catalogs.noMeasures')}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {measures.data.items.map((m) => (
                  <List.Item key={m.id}>
                    <Anchor component={Link} to={`/measures?q=${encodeURIComponent(m.id)}`} fz="sm">
                      {localized(m.title, lang)}
                    </Anchor>{' '}
                    <Badge size="xs" variant="light" color={m.type === 'technical' ? 'blue' : 'grape'} c="dark.9">
                      {t(`measures.types.${m.type}`)}
                    </Badge>
                  </List.Item>
                ))}
              </List>
            )}
          </section>
          <section aria-labelledby="req-mappings-title">
            <Title order={3} fz="md" id="req-mappings-title" mb={4}>
              {t('catalogs.mappings')}
            </Title>
            {requirement.mappings.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t('catalogs.noMappings')}
              </Text>
            ) : (
              <dl className="detail-list">
                {requirement.mappings.map((m) => (
                  <Fragment key={m.key}>
                    <dt>{t(`catalogs.relations.${m.relation}`)}</dt>
                    <dd>
                      <Anchor component={Link} to={requirementHref(m.key)} fz="sm">
                        {m.key}
                      </Anchor>
                      <Text fz="xs" c="dimmed">
                        {localized(m.rationale, lang)}
                      </Text>
                    </dd>
                  </Fragment>
                ))}
              </dl>
            )}
          </section>
        </Stack>
      )}
    </Drawer>
  );
}
