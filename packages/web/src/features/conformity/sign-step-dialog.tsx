import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AnnexViStep, ConformityAssessment } from '@konform/core';
import { isApiError } from '../../api/client';
import { SignatureDialog } from '../../shared/signature-dialog';
import { useSignStep } from './conformity-queries';

const REFUSALS = ['four-eyes', 'annex-iv-not-released', 'not-prepared', 'earlier-step-open', 'already-signed', 'reauth-required'] as const;
const isRefusal = (code: string | undefined): code is (typeof REFUSALS)[number] => REFUSALS.includes(code as (typeof REFUSALS)[number]);

/** Signs one Annex VI step with the re-entered password; four eyes: not the person who prepared it. */
export function SignStepDialog({ assessment, step, onClose }: { assessment: ConformityAssessment; step: AnnexViStep; onClose: () => void }) {
  const { t } = useTranslation();
  const sign = useSignStep(assessment.id, step);
  const code = isApiError(sign.error) ? sign.error.code : undefined;
  const refusal = isRefusal(code) ? { title: t('conformity.sign.refusedTitle'), text: t(`conformity.sign.refusal.${code}`) } : undefined;
  return (
    <SignatureDialog
      texts={{
        title: t('conformity.sign.title', { step: t(`conformity.steps.${step}.title`) }),
        password: t('conformity.sign.password'),
        passwordHint: t('conformity.sign.passwordHint'),
        wrongPassword: t('conformity.sign.wrongPassword'),
        passwordMissing: t('conformity.sign.passwordMissing'),
        submit: t('conformity.sign.submit'),
      }}
      testId="conformity-sign"
      error={sign.error}
      pending={sign.isPending}
      refusal={refusal}
      focusPassword
      onSign={(credentials, failed) =>
        sign.mutate(
          { version: assessment.version, ...credentials },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('conformity.sign.done') });
              onClose();
            },
            onError: failed,
          },
        )
      }
      onClose={onClose}
    >
      <Text fz="sm">{t('conformity.sign.intro')}</Text>
    </SignatureDialog>
  );
}
