import { Button, Drawer, MultiSelect, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AUDIT_KINDS, type AuditKind } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useSystemList } from '../inventory/system-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useUserList } from '../users/user-queries';
import { usePlanAudit } from './audit-queries';

interface Props {
  opened: boolean;
  onClose: () => void;
  year: number;
}

/** Plans an audit: kind, responsible unit, scope (systems, units, catalogues, requirement prefixes), auditors, dates. */
export function AuditPlanDrawer({ opened, onClose, year }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const plan = usePlanAudit();
  const units = useUnitOptions();
  const systems = useSystemList({ limit: 500 });
  const users = useUserList({ q: '', limit: 500, offset: 0 }, opened);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<AuditKind>('internal-aims');
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [objective, setObjective] = useState('');
  const [systemIds, setSystemIds] = useState<string[]>([]);
  const [orgUnitIds, setOrgUnitIds] = useState<string[]>([]);
  const [catalogIds, setCatalogIds] = useState<string[]>([]);
  const [prefixes, setPrefixes] = useState<string[]>([]);
  const [auditorIds, setAuditorIds] = useState<string[]>([]);
  const [plannedStart, setPlannedStart] = useState(`${year}-01-15`);
  const [plannedEnd, setPlannedEnd] = useState(`${year}-01-16`);
  const errors = fieldErrorsOf(plan.error);

  const submit = () => {
    plan.mutate(
      { title, kind, orgUnitId: orgUnitId ?? '', objective, scope: { systemIds, orgUnitIds, catalogIds, requirementPrefixes: prefixes }, auditorIds, plannedStart, plannedEnd },
      { onSuccess: (audit) => { onClose(); void navigate(`/audits/${audit.id}`); } },
    );
  };

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title={t('audits.plan.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <TextInput label={t('audits.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required error={errors.title} data-testid="audit-title" />
        <Select label={t('audits.fields.kind')} value={kind} onChange={(v) => v && setKind(v as AuditKind)} allowDeselect={false}
          data={AUDIT_KINDS.map((k) => ({ value: k, label: t(`audits.kind.${k}`) }))} data-testid="audit-kind" />
        <Select label={t('audits.fields.orgUnit')} description={t('audits.plan.orgUnitHelp')} value={orgUnitId} onChange={setOrgUnitId} data={units.options} searchable required error={errors.orgUnitId} data-testid="audit-unit" />
        <Textarea label={t('audits.fields.objective')} value={objective} onChange={(e) => setObjective(e.currentTarget.value)} autosize minRows={2} />
        <MultiSelect label={t('audits.fields.systems')} value={systemIds} onChange={setSystemIds} searchable error={errors['scope.systemIds'] ?? errors.scope}
          data={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} data-testid="audit-systems" />
        <MultiSelect label={t('audits.fields.units')} value={orgUnitIds} onChange={setOrgUnitIds} data={units.options} searchable />
        <TagsInput label={t('audits.fields.catalogs')} description={t('audits.plan.catalogsHelp')} value={catalogIds} onChange={setCatalogIds} error={errors['scope.catalogIds']} />
        <TagsInput label={t('audits.fields.prefixes')} description={t('audits.plan.prefixesHelp')} value={prefixes} onChange={setPrefixes} error={errors['scope.requirementPrefixes']} />
        <MultiSelect label={t('audits.fields.auditors')} description={t('audits.plan.auditorsHelp')} value={auditorIds} onChange={setAuditorIds} searchable
          data={(users.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName }))} error={errors.auditorIds} data-testid="audit-auditors" />
        <TextInput type="date" label={t('audits.fields.plannedStart')} value={plannedStart} onChange={(e) => setPlannedStart(e.currentTarget.value)} error={errors.plannedStart} />
        <TextInput type="date" label={t('audits.fields.plannedEnd')} value={plannedEnd} onChange={(e) => setPlannedEnd(e.currentTarget.value)} error={errors.plannedEnd} />
        <ErrorAlert error={plan.error} />
        <Button onClick={submit} loading={plan.isPending} disabled={title.trim() === '' || orgUnitId === null} data-testid="audit-plan-submit">{t('audits.plan.submit')}</Button>
      </Stack>
    </Drawer>
  );
}
