import { useTranslation } from 'react-i18next';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { useUserList } from '../users/user-queries';

/** Rows record who implemented or verified them by user id; shown as "you", the name (for those who may read users) or "someone else". */
export function usePersonName(): (id: string) => string {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { can } = useAuth();
  const users = useUserList({ q: '', limit: 500, offset: 0 }, can('user.read'));
  return (id: string) => {
    if (id === me.id) return t('matrix.you');
    return users.data?.items.find((u) => u.id === id)?.displayName ?? t('matrix.someoneElse');
  };
}
