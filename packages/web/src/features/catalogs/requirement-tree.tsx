import { Badge, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import type { TreeNode } from './catalog-tree';
import { localized } from './localized';

interface TreeProps {
  nodes: TreeNode[];
  collapsed: Set<string>;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
  level: number;
}

/** Groups collapsible, requirements open their detail. */
export function RequirementTree({ nodes, collapsed, onToggle, onOpen, level }: TreeProps) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="req-tree">
      {nodes.map(({ item, children }) => {
        const isGroup = item.kind === 'group' || children.length > 0;
        const open = !collapsed.has(item.id);
        return (
          <li key={item.id}>
            {isGroup ? (
              <UnstyledButton className="req-row req-group" aria-expanded={open} onClick={() => onToggle(item.id)} data-level={level}>
                {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                <Text component="span" fz="sm" fw={600} className="req-ref">
                  {formatLegalRef(item.ref, i18n.language)}
                </Text>
                <Text component="span" fz="sm" fw={600}>
                  {localized(item.title, i18n.language)}
                </Text>
              </UnstyledButton>
            ) : null}
            {item.kind === 'requirement' ? (
              <UnstyledButton className="req-row" onClick={() => onOpen(item.id)} aria-haspopup="dialog">
                <Text component="span" fz="sm" className="req-ref">
                  {formatLegalRef(item.ref, i18n.language)}
                </Text>
                <Text component="span" fz="sm" style={{ flex: 1 }}>
                  {localized(item.title, i18n.language)}
                </Text>
                {item.roles.map((role) => (
                  <Badge key={role} size="xs" variant="outline" color="gray.7">
                    {t(`system.operatorRoles.${role}`)}
                  </Badge>
                ))}
                <Text component="span" fz="xs" c="dimmed" miw="6.5rem" ta="right">
                  {formatDate(item.appliesFrom, i18n.language)}
                </Text>
              </UnstyledButton>
            ) : null}
            {isGroup && open && children.length > 0 ? (
              <RequirementTree nodes={children} collapsed={collapsed} onToggle={onToggle} onOpen={onOpen} level={level + 1} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
