import { Anchor, Group, Text, Title } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useSystemLiteracy } from './literacy-queries';

/**
 * Derived, read-only evidence on the Art. 4 row of a system's compliance matrix: the AI literacy status of the
 * system's unit ("n of m current"), computed from the training registry on the day shown.
 */
export function LiteracyEvidence({ systemId }: { systemId: string }) {
  const { t, i18n } = useTranslation();
  const query = useSystemLiteracy(systemId);
  return (
    <section aria-labelledby="literacy-evidence-title" data-testid="literacy-evidence">
      <Title order={3} fz="md" id="literacy-evidence-title" mb="xs">
        {t('literacy.evidence.title')}
      </Title>
      {query.data === undefined ? (
        query.isPending ? (
          <Text fz="sm" c="dimmed">
            {t('literacy.evidence.loading')}
          </Text>
        ) : (
          <ErrorAlert error={query.error} />
        )
      ) : (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconSchool size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <div>
            <Text fz="sm">
              {query.data.summary.required === 0
                ? t('literacy.evidence.nothingRequired', { unit: query.data.orgUnitName, date: formatDate(query.data.asOf, i18n.language) })
                : t('literacy.evidence.status', {
                    unit: query.data.orgUnitName,
                    current: query.data.summary.current,
                    required: query.data.summary.required,
                    date: formatDate(query.data.asOf, i18n.language),
                  })}
            </Text>
            <Text fz="xs" c="dimmed">
              {t('literacy.evidence.derived')}{' '}
              <Anchor component={Link} to={`/literacy?tab=unit&unit=${query.data.orgUnitId}`} fz="xs" underline="always">
                {t('literacy.evidence.open')}
              </Anchor>
            </Text>
          </div>
        </Group>
      )}
    </section>
  );
}
