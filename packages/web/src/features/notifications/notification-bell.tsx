import { useId, useRef, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Indicator, Loader, Popover, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconBell, IconChecks, IconPointFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Notification } from '@konform/core';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { badgeText, relativeTime, safeAppLink } from './notification-display';
import { BELL_LIMIT, useLatestNotifications, useMarkAllNotificationsRead, useMarkNotificationRead } from './notification-queries';
import './notifications.css';

/** Header bell: unread count badge and a popover with the newest notifications. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : currentLanguage();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const query = useLatestNotifications(BELL_LIMIT);
  const markRead = useMarkNotificationRead();
  const markAllRead = useMarkAllNotificationsRead();

  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];
  const badge = badgeText(unread);
  const bellLabel = unread > 0 ? t('notifications.bellLabel', { count: unread }) : t('notifications.bellLabelNoUnread');

  const open = (notification: Notification) => {
    if (notification.readAt === null) markRead.mutate(notification.id);
    const target = safeAppLink(notification.link);
    setOpened(false);
    if (target !== null) void navigate(target);
  };

  const readAll = () => {
    markAllRead.mutate(undefined, { onSuccess: () => headingRef.current?.focus() });
  };

  return (
    <Indicator label={<span aria-hidden>{badge}</span>} size={18} color="red.8" offset={4} disabled={badge === null}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" trapFocus returnFocus withArrow>
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" c="gray.9" size="lg" aria-label={bellLabel} onClick={() => setOpened((o) => !o)}>
            <IconBell size={20} stroke={1.7} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown aria-labelledby={headingId} p="sm">
          <Group justify="space-between" wrap="nowrap" mb="xs">
            <Title order={2} fz="md" id={headingId} ref={headingRef} tabIndex={-1}>
              {t('notifications.title')}
            </Title>
            {unread > 0 && (
              <Button variant="subtle" size="compact-sm" leftSection={<IconChecks size={16} aria-hidden />} onClick={readAll} loading={markAllRead.isPending}>
                {t('notifications.markAllRead')}
              </Button>
            )}
          </Group>
          {query.isPending ? (
            <Group justify="center" p="md">
              <Loader size="sm" role="status" aria-label={t('app.loading')} />
            </Group>
          ) : query.isError ? (
            <Text c="red.8" fz="sm" role="alert">
              {t('notifications.loadError')}
            </Text>
          ) : items.length === 0 ? (
            <Text c="dimmed" fz="sm" py="md" ta="center">
              {t('notifications.empty')}
            </Text>
          ) : (
            <ul className="notification-list">
              {items.map((notification) => {
                const isUnread = notification.readAt === null;
                return (
                  <li key={notification.id}>
                    <UnstyledButton className="notification-item" data-unread={isUnread || undefined} onClick={() => open(notification)}>
                      <Stack gap={2}>
                        <Group gap={6} wrap="nowrap" align="flex-start">
                          {isUnread && <IconPointFilled size={14} className="notification-dot" aria-hidden />}
                          <Text fz="sm" fw={isUnread ? 700 : 400} lh={1.3} style={{ flex: 1 }}>
                            {isUnread && <VisuallyHidden>{t('notifications.unreadPrefix')} </VisuallyHidden>}
                            {notification.title[language]}
                          </Text>
                          {isUnread && (
                            <Badge size="xs" variant="light" color="petrol" aria-hidden>
                              {t('notifications.new')}
                            </Badge>
                          )}
                        </Group>
                        <Text fz="xs" c="gray.8" lineClamp={2}>
                          {notification.body[language]}
                        </Text>
                        <Text fz="xs" c="gray.7" component="time" dateTime={notification.createdAt} title={formatDateTime(notification.createdAt, language)}>
                          {relativeTime(notification.createdAt, new Date(), language)}
                        </Text>
                      </Stack>
                    </UnstyledButton>
                  </li>
                );
              })}
            </ul>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
