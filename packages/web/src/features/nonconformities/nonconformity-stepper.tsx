import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NonconformityStatus } from '@konform/core';
import { stepStates } from './nonconformity-display';

/**
 * The workflow as an ordered list: open → analysed → actions planned → implemented → verified → closed. The current
 * step carries aria-current; done steps a check mark and the word "done" for screen readers (not colour alone).
 */
export function NonconformityStepper({ status }: { status: NonconformityStatus }) {
  const { t } = useTranslation();
  return (
    <ol className="capa-stepper" aria-label={t('capa.stepper.label')} data-testid="capa-stepper" data-status={status}>
      {stepStates(status).map(({ status: step, state }, index) => (
        <li key={step} className="capa-step" data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
          <span className="capa-step-marker" aria-hidden>
            {state === 'done' ? <IconCheck size={14} stroke={3} /> : index + 1}
          </span>
          <span>
            {t(`capa.statuses.${step}`)}
            <span className="visually-hidden"> – {t(`capa.stepper.${state}`)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
