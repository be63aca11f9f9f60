//! A hardship file's status as a tag (label from the code list).
import { Tag } from 'antd';
import { useCodes } from '@/lib/code-lists';
import { statusColor } from './hardship-logic';

export function HardshipStatusTag({ status }: { status: string }) {
  const codes = useCodes();
  return (
    <Tag color={statusColor(status)} data-testid="hardship-status">
      {codes.label('hardship-statuses', status)}
    </Tag>
  );
}
