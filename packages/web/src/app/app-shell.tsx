import { useEffect, useRef } from 'react';
import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertOctagon, IconAlertTriangle, IconChartBar, IconBooks, IconChecklist, IconClipboardCheck, IconClipboardSearch, IconCpu, IconDatabase, IconFileCertificate, IconFlask, IconInbox, IconListCheck, IconNotebook, IconSubtask, IconSchool, IconTemplate, IconShieldCheck, IconSitemap, IconTruckDelivery, IconUsers, IconWebhook, IconEraser, IconShieldLock, IconKey, IconClockShield } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router-dom';
import type { Permission } from '@konform/core';
import { NotificationBell } from '../features/notifications/notification-bell';
import { useAuth } from './auth-context';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';

interface NavItem {
  to: string;
  label: 'nav.systems' | 'nav.intakes' | 'nav.catalogs' | 'nav.measures' | 'nav.evidence' | 'nav.risks' | 'nav.orgUnits' | 'nav.users' | 'nav.audit' | 'capa.nav' | 'literacy.nav' | 'tasks.nav' | 'qms.nav' | 'vendors.nav' | 'models.nav' | 'lab.nav' | 'dashboard.nav' | 'documentTemplates.nav' | 'documents.verify.nav' | 'incidents.area' | 'audits.nav' | 'webhooks.nav' | 'privacy.nav' | 'mfa.policy.nav' | 'sso.nav' | 'sessions.nav';
  icon: typeof IconCpu;
  permission: Permission;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/systems', label: 'nav.systems', icon: IconCpu, permission: 'system.read' },
  { to: '/dashboard', label: 'dashboard.nav', icon: IconChartBar, permission: 'report.read' },
  { to: '/tasks', label: 'tasks.nav', icon: IconSubtask, permission: 'task.read' },
  { to: '/intakes', label: 'nav.intakes', icon: IconInbox, permission: 'intake.read' },
  { to: '/catalogs', label: 'nav.catalogs', icon: IconBooks, permission: 'catalog.read' },
  { to: '/measures', label: 'nav.measures', icon: IconListCheck, permission: 'catalog.read' },
  { to: '/evidence', label: 'nav.evidence', icon: IconFileCertificate, permission: 'evidence.read' },
  { to: '/verify', label: 'documents.verify.nav', icon: IconShieldCheck, permission: 'document.read' },
  { to: '/risks', label: 'nav.risks', icon: IconAlertTriangle, permission: 'risk.read' },
  { to: '/audits', label: 'audits.nav', icon: IconClipboardSearch, permission: 'auditing.read' },
  { to: '/nonconformities', label: 'capa.nav', icon: IconClipboardCheck, permission: 'nonconformity.read' },
  { to: '/incidents', label: 'incidents.area', icon: IconAlertOctagon, permission: 'incident.read' },
  { to: '/qms', label: 'qms.nav', icon: IconNotebook, permission: 'qms.read' },
  { to: '/literacy', label: 'literacy.nav', icon: IconSchool, permission: 'training.read' },
  { to: '/vendors', label: 'vendors.nav', icon: IconTruckDelivery, permission: 'vendor.read' },
  { to: '/models', label: 'models.nav', icon: IconDatabase, permission: 'model.read' },
  { to: '/lab', label: 'lab.nav', icon: IconFlask, permission: 'lab.read' },
  { to: '/org-units', label: 'nav.orgUnits', icon: IconSitemap, permission: 'orgunit.read' },
  { to: '/users', label: 'nav.users', icon: IconUsers, permission: 'user.read' },
  { to: '/document-templates', label: 'documentTemplates.nav', icon: IconTemplate, permission: 'document.configure' },
  { to: '/webhooks', label: 'webhooks.nav', icon: IconWebhook, permission: 'webhook.manage' },
  { to: '/privacy', label: 'privacy.nav', icon: IconEraser, permission: 'privacy.manage' },
  { to: '/settings/two-factor', label: 'mfa.policy.nav', icon: IconShieldLock, permission: 'security.configure' },
  { to: '/settings/single-sign-on', label: 'sso.nav', icon: IconKey, permission: 'security.configure' },
  { to: '/settings/sessions', label: 'sessions.nav', icon: IconClockShield, permission: 'security.configure' },
  { to: '/audit', label: 'nav.audit', icon: IconChecklist, permission: 'audit.verify' },
];

/** Header, navigation and main landmark around every signed-in page. */
export function AppShellLayout() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    close();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname, close]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell header={{ height: 56 }} navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.mainNavigation')} />
              <Text fw={700} fz="lg" c="petrol.9">
                {t('app.name')}
              </Text>
              <Text fz="sm" c="dimmed" visibleFrom="md">
                {t('app.tagline')}
              </Text>
            </Group>
            <Group gap="md" wrap="nowrap">
              <LanguageSwitch />
              <NotificationBell />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('app.mainNavigation')}>
          {/* The list is longer than a small window: the section scrolls on its own, the page header stays. */}
          <AppShell.Section grow component={ScrollArea} type="auto" scrollbarSize={6}>
            {NAV_ITEMS.filter((item) => can(item.permission)).map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={t(item.label)}
                leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
                active={location.pathname.startsWith(item.to)}
                className="nav-link"
              />
            ))}
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id="main" ref={mainRef} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
