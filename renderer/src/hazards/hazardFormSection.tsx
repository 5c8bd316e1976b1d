/**
 * Pieces the 隐患 form's sections share: the grey heading that starts a section (as the paper ledger groups its
 * columns) and the rule that a date field may not be later than today.
 */
import { Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { isFuture } from '../components/format';

export const notFuture = (label: string) => ({
  validator: (_: unknown, v: Dayjs | null | undefined) =>
    v && isFuture(v) ? Promise.reject(new Error(`${label}不能晚于今天`)) : Promise.resolve(),
});

export const FormSection = ({ children }: { children: string }) => (
  <Typography.Text type="secondary" className="form-section">
    {children}
  </Typography.Text>
);
