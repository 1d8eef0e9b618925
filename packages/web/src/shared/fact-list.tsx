import { Fragment, type ReactNode } from 'react';
import { Text } from '@mantine/core';

interface Props {
  /** Label and value; a string value is set as small text. */
  rows: [string, ReactNode][];
  /** Keep the line breaks of string values (free-text fields). */
  keepLineBreaks?: boolean;
}

/** The facts of a record as a definition list (`detail-list`): one label and value a row. */
export function FactList({ rows, keepLineBreaks = false }: Props) {
  return (
    <dl className="detail-list">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{typeof value === 'string' ? <Text fz="sm" component="span" style={keepLineBreaks ? { whiteSpace: 'pre-line' } : undefined}>{value}</Text> : value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
